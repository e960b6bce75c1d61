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

import argparse
import cProfile
import io
import os
import platform
import pstats
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harvester.catalog import Catalog, RunCounts  # noqa: E402
from harvester.pipeline import (  # noqa: E402
    DataPaths,
    HarvestReport,
    SyncReport,
    harvest_source,
    sync_index,
)
from harvester.settings import HarvestSettings  # noqa: E402
from harvester.store import BlobStore  # noqa: E402
from harvester.tagging import ThemeTagger  # noqa: E402
from index.taxonomy import load_taxonomy  # noqa: E402
from tests.fixture_site import ArchiveSite, write_archive_documents  # noqa: E402

TARGET_SECONDS = 5.0
RESULTS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Re-harvest"
T = TypeVar("T")


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
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return result, out.getvalue()


def run(documents: int, per_page: int, profile: bool) -> tuple[Figures, str]:
    with tempfile.TemporaryDirectory(prefix="scr-bench-") as tmp:
        folder = Path(tmp)
        started = time.monotonic()
        files = write_archive_documents(folder / "site", documents)
        print(f"generated {documents} PDFs in {time.monotonic() - started:.1f} s", flush=True)
        paths = DataPaths(folder / "data")
        settings = HarvestSettings(delay_seconds=0.0, timeout_seconds=10.0)
        tagger = ThemeTagger(load_taxonomy())
        with ArchiveSite(files, per_page=per_page) as site, Catalog(paths.catalog) as catalog:
            store = BlobStore(paths.store)
            source = site.source()

            def harvest() -> tuple[HarvestReport, SyncReport]:
                report = harvest_source(source, settings, catalog, store, log=_quiet)
                return report, sync_index(paths.data_dir, catalog, store, tagger, log=_quiet)

            started = time.monotonic()
            first, _sync = harvest()
            print(
                f"first harvest (untimed): {first.counts.summary()} "
                f"in {time.monotonic() - started:.1f} s",
                flush=True,
            )
            if first.counts != RunCounts(new=documents):
                raise SystemExit(f"the first harvest did not store every document: {first}")
            mark = len(site.server.requests)
            started = time.monotonic()
            (report, sync), profile_text = _profiled(profile, harvest)
            elapsed = time.monotonic() - started
            log = site.server.requests[mark:]
        fetched = [r for r in log if ArchiveSite.kind(r) == "document"]
        figures = Figures(
            documents=documents,
            listing_pages=site.pages,
            elapsed=elapsed,
            requests=Counter(ArchiveSite.kind(r) for r in log),
            conditional=sum(
                1 for r in fetched if r.header("If-None-Match") or r.header("If-Modified-Since")
            ),
            downloads=sum(1 for r in fetched if r.status == 200),
            reextracted=sync.documents,
            summary=report.counts.summary(),
        )
    return figures, profile_text


def table(figures: Figures) -> str:
    rows = ["| Measure | Result | Target | |", "|---|---|---|---|"]
    for measure, result, target, ok in figures.checks():
        verdict = ("PASS" if ok else "FAIL") if target else ""
        rows.append(f"| {measure} | {result} | {target} | {verdict} |")
    rows.append(f"| Run summary | {figures.summary} | | |")
    return "\n".join(rows)


def section(figures: Figures) -> str:
    machine = f"{platform.python_implementation()} {platform.python_version()}, "
    machine += f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
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
        f"Overall: **{'PASS' if figures.passed else 'FAIL'}**\n"
    )


def write_results(text: str, path: Path = RESULTS) -> None:
    """Replace the Re-harvest section of the results file, keeping every other section."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = old.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == SECTION), None)
    if start is None:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        rest = "".join(lines[end:])
        new = "".join(lines[:start]) + text + ("\n" + rest if rest else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="cProfile the timed run")
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS}")
    args = parser.parse_args(argv)
    figures, profile_text = run(args.documents, args.per_page, args.profile)
    print()
    print(table(figures))
    print(f"\n{'PASS' if figures.passed else 'FAIL'}")
    if profile_text:
        print("\n" + profile_text)
    if not args.no_write:
        write_results(section(figures))
        print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if figures.passed else 1


if __name__ == "__main__":
    sys.exit(main())
