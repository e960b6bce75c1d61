"""Re-harvest benchmark: unchanged documents on loopback, with no delay between requests.

    .venv/bin/python bench/reharvest.py [--documents 500] [--per-page 100] [--profile]

Generates small fictional PDFs once into a temporary folder, serves them on 127.0.0.1 over
paginated listing pages with ETag and Last-Modified (304 on a matching conditional
request), harvests and indexes them once (untimed), then times a second harvest and index
sync and reads the server's request log. Targets: under 5 s, one conditional request per
document, zero downloads. Prints the figures with PASS/FAIL and writes them to the
"Re-harvest" section of docs/benchmarks.md. `--profile` prints a cProfile of the timed run.

A benchmark, not a test: the suite never runs it.
"""

from __future__ import annotations

import cProfile
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as bench/reharvest.py

from bench.common import (  # noqa: E402
    Stopwatch,
    add_no_write,
    command_line,
    profile_text,
    publish,
    python_build,
    system,
    table_head,
    table_row,
    theme_tagger,
    verdict,
    work_folder,
)
from harvester.catalog import Catalog, RunCounts  # noqa: E402
from harvester.pipeline import (  # noqa: E402
    HarvestReport,
    SyncReport,
    harvest_source,
    sync_index,
)
from harvester.settings import HarvestSettings  # noqa: E402
from harvester.store import BlobStore  # noqa: E402
from index.location import DataDir
from tests.fixture_site import ArchiveSite, write_archive_documents  # noqa: E402
from tests.httpserver import RecordedRequest  # noqa: E402

TARGET_SECONDS = 5.0
SECTION = "## Re-harvest"
T = TypeVar("T")
Harvest = Callable[[], tuple[HarvestReport, SyncReport]]


@dataclass(frozen=True)
class Figures:
    documents: int
    listing_pages: int
    elapsed: float
    requests: Counter[str]
    conditional: int
    downloads: int
    reextracted: int
    summary: str

    def checks(self) -> list[tuple[str, str, str, bool]]:
        """(measure, result, target, passed) rows."""
        n = self.documents
        return [
            (
                "Elapsed, harvest + index sync",
                f"{self.elapsed:.2f} s",
                f"< {TARGET_SECONDS:.0f} s",
                self.elapsed < TARGET_SECONDS,
            ),
            ("Requests: robots.txt", str(self.requests["robots"]), "", True),
            ("Requests: listing pages", str(self.requests["listing"]), "", True),
            (
                "Requests: documents",
                str(self.requests["document"]),
                f"{n} (one per document)",
                self.requests["document"] == n,
            ),
            (
                "Conditional requests (If-None-Match / If-Modified-Since)",
                str(self.conditional),
                str(n),
                self.conditional == n,
            ),
            ("Documents downloaded (HTTP 200)", str(self.downloads), "0", self.downloads == 0),
            ("Documents re-extracted", str(self.reextracted), "0", self.reextracted == 0),
        ]

    @property
    def passed(self) -> bool:
        return all(ok for *_rest, ok in self.checks())


def _quiet(_message: str) -> None:
    pass


def _profiled(profile: bool, work: Callable[[], T]) -> tuple[T, str]:
    if not profile:
        return work(), ""
    profiler = cProfile.Profile()
    result = profiler.runcall(work)
    return result, profile_text(profiler, "cumulative", 25)


def _harvester(site: ArchiveSite, paths: DataDir, catalog: Catalog) -> Harvest:
    """One harvest of the site and index sync, as `scr harvest` runs them, without delays."""
    settings = HarvestSettings(delay_seconds=0.0, timeout_seconds=10.0)
    tagger = theme_tagger()
    store = BlobStore(paths.store)
    source = site.source()

    def harvest() -> tuple[HarvestReport, SyncReport]:
        report = harvest_source(source, settings, catalog, store, log=_quiet)
        return report, sync_index(paths.root, catalog, store, tagger, log=_quiet)

    return harvest


def _first_harvest(harvest: Harvest, documents: int) -> None:
    clock = Stopwatch()
    first, _sync = harvest()
    print(
        f"first harvest (untimed): {first.counts.summary()} in {clock.seconds():.1f} s",
        flush=True,
    )
    if first.counts != RunCounts(new=documents):
        raise SystemExit(f"the first harvest did not store every document: {first}")


def _figures(
    documents: int,
    listing_pages: int,
    elapsed: float,
    log: list[RecordedRequest],
    outcome: tuple[HarvestReport, SyncReport],
) -> Figures:
    """The timed run's figures, its requests read from the server's log."""
    report, sync = outcome
    fetched = [r for r in log if ArchiveSite.kind(r) == "document"]
    return Figures(
        documents=documents,
        listing_pages=listing_pages,
        elapsed=elapsed,
        requests=Counter(ArchiveSite.kind(r) for r in log),
        conditional=sum(
            1 for r in fetched if r.header("If-None-Match") or r.header("If-Modified-Since")
        ),
        downloads=sum(1 for r in fetched if r.status == 200),
        reextracted=sync.documents,
        summary=report.counts.summary(),
    )


def run(documents: int, per_page: int, profile: bool) -> tuple[Figures, str]:
    with work_folder() as folder:
        clock = Stopwatch()
        files = write_archive_documents(folder / "site", documents)
        print(f"generated {documents} PDFs in {clock.seconds():.1f} s", flush=True)
        paths = DataDir(folder / "data")
        with ArchiveSite(files, per_page=per_page) as site, Catalog(paths.catalog) as catalog:
            harvest = _harvester(site, paths, catalog)
            _first_harvest(harvest, documents)
            mark = len(site.server.requests)
            clock = Stopwatch()
            outcome, profile_listing = _profiled(profile, harvest)
            elapsed = clock.seconds()
            log = site.server.requests[mark:]
        return _figures(documents, site.pages, elapsed, log, outcome), profile_listing


def table(figures: Figures) -> str:
    rows = table_head("Measure", "Result", "Target", "")
    for measure, result, target, ok in figures.checks():
        mark = verdict(ok) if target else ""
        rows.append(f"| {measure} | {result} | {target} | {mark} |")
    rows.append(table_row("Run summary", figures.summary, "", ""))
    return "\n".join(rows)


def section(figures: Figures) -> str:
    machine = f"{python_build()}, {system()}, {os.cpu_count()} CPUs"
    return (
        f"{SECTION}\n\n"
        f"Re-harvest of {figures.documents} unchanged documents (small PDFs listed "
        f"{-(-figures.documents // figures.listing_pages)} to a page on "
        f"{figures.listing_pages} listing pages), served on 127.0.0.1 with ETag and "
        "Last-Modified, `delay_seconds = 0`; the first harvest and index build are not "
        "timed. Measured with `.venv/bin/python bench/reharvest.py` on "
        f"{date.today().isoformat()} ({machine}); request counts come from the server's "
        "request log.\n\n"
        f"{table(figures)}\n\n"
        f"Overall: **{verdict(figures.passed)}**\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = command_line(__doc__)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the timed run")
    add_no_write(parser)
    args = parser.parse_args(argv)
    figures, profile_listing = run(args.documents, args.per_page, args.profile)
    print()
    print(table(figures))
    print(f"\n{verdict(figures.passed)}")
    if profile_listing:
        print("\n" + profile_listing)
    if not args.no_write:
        publish(section(figures))
    return 0 if figures.passed else 1


if __name__ == "__main__":
    sys.exit(main())
