"""Hostile websites against the harvester on loopback: a server that trickles, a robots.txt of
hundreds of megabytes, a Retry-After of days, a host that keeps answering 503. Each run ends
in bounded time and memory, stores nothing cut short, records why, and requests nothing from
a host it has put aside (the servers' request logs are the witness)."""

from __future__ import annotations

import email.utils
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harvester.catalog import Catalog, RunCounts
from harvester.fetch import DEADLINE, ROBOTS_MAX_BYTES, SKIPPED, TOO_SLOW, Fetcher, FetchError
from harvester.pipeline import HarvestReport, harvest_source
from harvester.settings import HarvestSettings, SourceConfig
from harvester.store import BlobStore
from index.location import DataDir
from scr.cli import main
from tests.documents import make_pdf
from tests.httpserver import LoopbackServer, RecordedRequest, Route

AGENT = "case-review-lessons-index-tests/1.0 (+https://example.org/contact)"
DEADLINE_SECONDS = 2.0
PDF = make_pdf([["Child A Overview Report", "Lessons from the review of Child A"]])
OPEN_ROBOTS = "User-agent: *\nDisallow:\n"


def settings(**overrides: object) -> HarvestSettings:
    values: dict[str, object] = {
        "user_agent": AGENT,
        "delay_seconds": 0.0,
        "timeout_seconds": 5.0,
        "retries": 1,
        "download_deadline_seconds": DEADLINE_SECONDS,
        "min_bytes_per_second": 0.0,
    }
    values.update(overrides)
    return HarvestSettings(**values)  # type: ignore[arg-type]


def trickle(pieces: int, every: float, piece: bytes = b"x") -> Iterator[bytes]:
    """A body sent `piece` by `piece`, one every `every` seconds."""
    for _ in range(pieces):
        yield piece
        time.sleep(every)


def pdf_name(number: int) -> str:
    return f"/scr/child-{number}-overview-report.pdf"


def board_site(documents: dict[str, Route], robots: Route = OPEN_ROBOTS) -> LoopbackServer:
    """A board's review page at /scr/ linking `documents` (path -> route) in that order."""
    links = "".join(f'<li><a href="{path}">Overview report {path}</a></li>' for path in documents)
    listing = f"<html><body><main><h1>Case reviews</h1><ul>{links}</ul></main></body></html>"
    return LoopbackServer({"/robots.txt": robots, "/scr/": listing, **documents})


def source_for(server: LoopbackServer) -> SourceConfig:
    return SourceConfig(name="hostile", url=server.url + "/scr/", board="Marshfield SCB")


@dataclass
class Archive:
    catalog: Catalog
    store: BlobStore

    def harvest(self, server: LoopbackServer, **overrides: object) -> HarvestReport:
        return harvest_source(
            source_for(server), settings(**overrides), self.catalog, self.store, log=lambda _: None
        )

    def failures(self) -> dict[str, dict[str, object]]:
        return {str(f["url"]): f for f in self.catalog.recent_failures(limit=100)}

    def blob_files(self) -> list[Path]:
        return sorted(p for p in self.store.root.rglob("*") if p.is_file())


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    paths = DataDir(tmp_path / "data")
    with Catalog(paths.catalog) as catalog:
        yield Archive(catalog, BlobStore(paths.store))


# -- a server that trickles ------------------------------------------------------------------


def test_one_byte_a_second_is_cut_at_the_deadline_and_nothing_is_stored(archive):
    trickling = (200, {"Content-Type": "application/pdf"}, trickle(30, 1.0))
    with board_site({pdf_name(1): lambda _r: trickling, pdf_name(2): PDF}) as server:
        started = time.monotonic()
        report = archive.harvest(server)
        elapsed = time.monotonic() - started
        base = server.url
    assert elapsed < DEADLINE_SECONDS + 2.0, elapsed
    url = base + pdf_name(1)
    row = archive.catalog.url(url)
    assert row is not None and row.sha256 is None
    reason = f"download took longer than {DEADLINE_SECONDS:g} s"
    assert (row.status, row.error) == (DEADLINE, reason)
    failure = archive.failures()[url]
    assert (failure["status"], failure["reason"]) == (DEADLINE, reason)
    # The run went on: the next document of the same host was stored, and only it.
    assert report.counts == RunCounts(new=1, failed=1)
    assert archive.catalog.url(base + pdf_name(2)).sha256 is not None
    assert len(archive.blob_files()) == 1


def test_download_slower_than_the_minimum_rate_is_cut_off_after_the_grace_period():
    # 20 bytes every 0.25 s: 80 bytes/s against a minimum of 1000, after a 1 s grace.
    slow = (200, {"Content-Type": "application/pdf"}, trickle(40, 0.25, b"y" * 20))
    with LoopbackServer({"/robots.txt": OPEN_ROBOTS, "/slow.pdf": lambda _r: slow}) as server:
        fetcher = Fetcher(
            settings(timeout_seconds=1.0, min_bytes_per_second=1000, download_deadline_seconds=60)
        )
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.get(server.url + "/slow.pdf")
        elapsed = time.monotonic() - started
        fetcher.close()
    assert elapsed < 3.0, elapsed
    assert caught.value.kind == TOO_SLOW
    assert caught.value.recorded_status == TOO_SLOW
    assert caught.value.reason.startswith("download slower than 1000 bytes/s ("), caught.value


def test_a_slow_start_is_not_a_slow_download():
    """The rate is the body's: a server that takes a while to answer, then sends a small
    file at once, is not cut off."""

    def late(_request: RecordedRequest):
        time.sleep(1.5)
        return (200, {"Content-Type": "application/pdf"}, PDF)

    with LoopbackServer({"/robots.txt": OPEN_ROBOTS, "/late.pdf": late}) as server:
        fetcher = Fetcher(settings(timeout_seconds=2.0, min_bytes_per_second=1_000_000))
        assert fetcher.get(server.url + "/late.pdf").content == PDF
        fetcher.close()


# -- a robots.txt of 300 MB ----------------------------------------------------------------------

ROBOTS_SIZE = 300 * 1024 * 1024
PADDING = b"# " + b"-" * 1021 + b"\n"  # 1 KiB of comment


def huge_robots(sent: list[int]) -> Iterator[bytes]:
    """A 300 MB robots.txt, generated as it is sent: a rule for /private/ at the top, one for
    /late/ beyond the first 600 KiB, comments to the end. `sent` counts the bytes written."""
    head = b"User-agent: *\nDisallow: /private/\n"
    late_rule = b"User-agent: *\nDisallow: /late/\n"
    total = 0
    for piece in (head, PADDING * 600, late_rule):
        total += len(piece)
        sent[0] = total
        yield piece
    block = PADDING * 64
    while total < ROBOTS_SIZE:
        total += len(block)
        sent[0] = total
        yield block


def test_huge_robots_txt_is_read_up_to_the_cap_in_bounded_memory_and_the_run_goes_on(archive):
    sent = [0]
    headers = {"Content-Type": "text/plain", "Content-Length": ROBOTS_SIZE}
    documents: dict[str, Route] = {
        "/scr/child-a-overview-report.pdf": PDF,
        "/private/child-b-overview-report.pdf": PDF,
        "/late/child-c-overview-report.pdf": make_pdf([["Child C Learning Brief"]]),
    }
    with board_site(documents, robots=lambda _r: (200, headers, huge_robots(sent))) as server:
        tracemalloc.start()
        try:
            started = time.monotonic()
            report = archive.harvest(server)
            elapsed = time.monotonic() - started
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        paths = server.paths()
    # Memory held by the harvest stays under 8 MB; read whole, the file would take 300 MB
    # and more. The server stopped sending long before the end (socket buffers aside).
    assert peak < 8 * 1024 * 1024, peak
    assert sent[0] < 64 * 1024 * 1024, sent[0]
    assert elapsed < 15, elapsed
    # The rule in the first 500 KiB holds; the one beyond it is not read.
    assert "/private/child-b-overview-report.pdf" not in paths
    assert "/late/child-c-overview-report.pdf" in paths
    assert report.counts == RunCounts(new=2)
    assert ROBOTS_MAX_BYTES == 500 * 1024


# -- Retry-After and hosts that keep failing ---------------------------------------------------


def in_two_days() -> str:
    return email.utils.formatdate(time.time() + 2 * 86400, usegmt=True)


@pytest.mark.parametrize("retry_after", ["100000", in_two_days()])
def test_retry_after_of_days_is_not_waited_for_and_puts_the_host_aside(archive, retry_after):
    limited = (429, {"Retry-After": retry_after}, b"slow down")
    with board_site({pdf_name(1): limited, pdf_name(2): PDF, pdf_name(3): PDF}) as server:
        started = time.monotonic()
        report = archive.harvest(server, max_retry_after_seconds=5, retries=2)
        elapsed = time.monotonic() - started
        paths = server.paths()
        base = server.url
    assert elapsed < 3.0, elapsed
    assert paths.count(pdf_name(1)) == 1  # not retried either: it asked for days
    assert pdf_name(2) not in paths and pdf_name(3) not in paths
    failures = archive.failures()
    first = failures[base + pdf_name(1)]
    assert first["status"] == 429
    assert "Retry-After" in str(first["reason"]) and "more than the 5 s limit" in str(
        first["reason"]
    )
    assert "put aside for the rest of this run" in str(first["reason"])
    for number in (2, 3):
        skipped = failures[base + pdf_name(number)]
        assert skipped["status"] == SKIPPED
        reason = str(skipped["reason"])
        assert reason.startswith(f"not fetched: {base} put aside for the rest of this run")
        assert "Retry-After" in reason
    assert report.counts == RunCounts(failed=3)


def test_retry_after_within_the_limit_is_waited_for(archive):
    answers = iter([(429, {"Retry-After": "1"}, b"slow down")])

    def limited_once(_request: RecordedRequest):
        return next(answers, (200, {}, PDF))

    with board_site({pdf_name(1): limited_once}) as server:
        report = archive.harvest(server, max_retry_after_seconds=5)
        first, second = server.requests_for(pdf_name(1))
    assert second.at - first.at >= 0.9
    assert report.counts == RunCounts(new=1)


def test_unreadable_retry_after_is_ignored_not_a_crash():
    answers = iter([(503, {"Retry-After": "soon, perhaps"}, b"busy")])

    def busy_once(_request: RecordedRequest):
        return next(answers, (200, {}, PDF))

    with LoopbackServer({"/robots.txt": OPEN_ROBOTS, "/a.pdf": busy_once}) as server:
        fetcher = Fetcher(settings())
        assert fetcher.get(server.url + "/a.pdf").content == PDF
        fetcher.close()


def test_host_answering_503_is_put_aside_and_its_other_documents_not_requested(archive):
    down = (503, {}, b"down for maintenance")
    with board_site({pdf_name(n): down for n in range(1, 7)}) as server:
        report = archive.harvest(server, retries=1, max_host_failures=3)
        paths = server.paths()
        base = server.url
    for number in (1, 2, 3):
        assert paths.count(pdf_name(number)) == 2, paths  # the first try and one retry
    for number in (4, 5, 6):
        assert pdf_name(number) not in paths, paths
    failures = archive.failures()
    assert failures[base + pdf_name(1)]["reason"] == "HTTP 503 Service Unavailable"
    third = failures[base + pdf_name(3)]
    assert third["status"] == 503
    assert str(third["reason"]).endswith(f"; {base} put aside for the rest of this run")
    why = "3 requests in a row failed (last: HTTP 503 Service Unavailable)"
    for number in (4, 5, 6):
        skipped = failures[base + pdf_name(number)]
        assert skipped["status"] == SKIPPED
        assert skipped["reason"] == (
            f"not fetched: {base} put aside for the rest of this run: {why}"
        )
    assert report.counts == RunCounts(failed=6)


def test_a_host_that_fails_now_and_then_is_not_put_aside(archive):
    down = (503, {}, b"busy")
    documents: dict[str, Route] = {pdf_name(n): down if n % 2 else PDF for n in range(1, 7)}
    with board_site(documents) as server:
        report = archive.harvest(server, retries=0, max_host_failures=2)
        paths = server.paths()
    assert all(pdf_name(n) in paths for n in range(1, 7)), paths
    assert report.counts == RunCounts(new=3, failed=3)


# -- what `scr status` shows ------------------------------------------------------------------


def test_scr_status_shows_deadline_and_put_aside_failures_with_their_reasons(tmp_path, capsys):
    trickling = (200, {}, trickle(30, 1.0))
    down = (503, {}, b"down")
    documents: dict[str, Route] = {
        pdf_name(1): lambda _r: trickling,
        pdf_name(2): down,
        pdf_name(3): down,
        pdf_name(4): PDF,
    }
    with board_site(documents) as server:
        config = tmp_path / "config.toml"
        config.write_text(
            "\n".join(
                [
                    '[paths]\ndata_dir = "data"',
                    f'[harvest]\nuser_agent = "{AGENT}"',
                    "delay_seconds = 0",
                    "retries = 0",
                    f"download_deadline_seconds = {DEADLINE_SECONDS}",
                    "max_host_failures = 3",
                    "[[sources]]",
                    'name = "hostile"',
                    f'url = "{server.url}/scr/"',
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        assert main(["--config", str(config), "harvest"]) == 0
        harvest_out = capsys.readouterr()
        paths = server.paths()
        base = server.url
    assert "hostile: new 0, updated 0, unchanged 0, gone 0, failed 4" in harvest_out.out
    assert f"{base} put aside for the rest of this run" in harvest_out.err
    assert pdf_name(4) not in paths
    assert main(["--config", str(config), "status"]) == 0
    lines = capsys.readouterr().out.splitlines()

    def line_for(number: int) -> tuple[str, str]:
        (line,) = [x for x in lines if f" {base}{pdf_name(number)}: " in x]
        _stamp, status, rest = line.split(maxsplit=2)
        return status, rest.split(": ", 1)[1]

    assert line_for(1) == (DEADLINE, f"download took longer than {DEADLINE_SECONDS:g} s")
    status, reason = line_for(4)
    assert status == SKIPPED
    assert reason.startswith(f"not fetched: {base} put aside for the rest of this run: 3")
