"""The harvester end to end against the Marshfield fixture website on loopback: polite,
incremental and archival. Every claim about what was or was not requested is read from the
servers' request logs."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from harvester.catalog import Catalog, RunCounts
from harvester.pipeline import HarvestReport, SyncReport, harvest_source, sync_index
from harvester.settings import HarvestSettings, SourceConfig
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from index import Hit, LessonSearcher, SearchQuery
from index.location import DataDir
from scr.cli import main
from tests.documents import make_pdf
from tests.fixture_site import (
    BY_KEY,
    FAILING,
    LISTING_PATH,
    MOVED_TO,
    NEVER_REQUESTED,
    STORED,
    FixtureSite,
    version,
)
from tests.httpserver import LoopbackServer

AGENT = "case-review-lessons-index-tests/1.0 (+https://example.org/contact)"
TIMEOUT = 0.5
CAP_MB = 0.05  # above every fixture document but Child E's overview report with appendices
QUICK_STORED = tuple(k for k in STORED if k != "child-d")
QUICK_FAILING = tuple(k for k in FAILING if k != "child-r")
SUMMARY = re.compile(
    r"^(?P<source>[\w-]+): new (\d+), updated (\d+), unchanged (\d+), gone (\d+), failed (\d+)$"
)


def settings(**overrides: object) -> HarvestSettings:
    values: dict[str, object] = {
        "user_agent": AGENT,
        "delay_seconds": 0.0,
        "timeout_seconds": TIMEOUT,
        "retries": 1,
        "max_document_mb": CAP_MB,
    }
    values.update(overrides)
    return HarvestSettings(**values)  # type: ignore[arg-type]


@dataclass
class Archive:
    """A data directory (catalog, store, index) that harvests are run into."""

    data_dir: Path
    catalog: Catalog
    store: BlobStore
    tagger: ThemeTagger

    def harvest(self, source: SourceConfig, **overrides: object) -> HarvestReport:
        return harvest_source(
            source, settings(**overrides), self.catalog, self.store, log=lambda _m: None
        )

    def sync(self) -> SyncReport:
        return sync_index(self.data_dir, self.catalog, self.store, self.tagger, log=lambda _m: None)

    def search(self, phrase: str) -> list[Hit]:
        with LessonSearcher(self.data_dir) as searcher:
            return searcher.search(SearchQuery(q=f'"{phrase}"', per_page=50)).results

    def blob_files(self) -> list[Path]:
        return sorted(p for p in self.store.root.rglob("*") if p.is_file())


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    with FixtureSite() as running:
        yield running


@pytest.fixture
def archive(tmp_path: Path, tagger: ThemeTagger) -> Iterator[Archive]:
    paths = DataDir(tmp_path / "data")
    with Catalog(paths.catalog) as catalog:
        yield Archive(paths.root, catalog, BlobStore(paths.store), tagger)


def failures_by_url(catalog: Catalog) -> dict[str, dict[str, object]]:
    return {str(f["url"]): f for f in catalog.recent_failures(limit=100)}


# -- one harvest of the whole site ----------------------------------------------------------


def test_whole_site_harvest_stores_what_it_can_and_records_what_it_cannot(site, archive):
    report = archive.harvest(site.source())
    assert report.ok
    assert report.counts == RunCounts(new=len(STORED), failed=len(FAILING))
    for key in STORED:
        row = archive.catalog.url(site.url_for(key))
        assert row is not None, key
        assert row.sha256 == version(key).sha256, key
        assert (row.status, row.online, row.error) == (200, True, None), key
        assert archive.store.get(row.sha256) == version(key).body
    for key in FAILING:
        row = archive.catalog.url(site.url_for(key))
        assert row is not None and row.sha256 is None and row.error, key
    # One PDF is listed at two URLs: twelve URLs, eleven stored files.
    assert len(archive.blob_files()) == len(STORED) - 1


def test_listing_context_keeps_the_date_from_its_own_cell_and_the_heading(site, archive):
    archive.harvest(site.quick_source())
    for key in QUICK_STORED:
        entry = BY_KEY[key]
        row = archive.catalog.url(site.url_for(key))
        assert row is not None and row.context is not None
        assert entry.link_text == row.link_text
        assert entry.published in row.context, (key, row.context)
        assert row.listing_url == site.listing_url + ("?page=2" if entry.page == 2 else "")
    page_two = archive.catalog.url(site.url_for("child-k"))
    assert page_two is not None and page_two.heading == "Learning briefings and older reviews"


def test_relative_root_relative_and_absolute_links_each_reach_one_url(site, archive):
    archive.harvest(site.quick_source())
    # media/... (relative), /lscb/... (root-relative), http://127.0.0.1:port/... (absolute)
    for key in ("child-p-overview", "child-p-briefing", "baby-n"):
        assert [r.status for r in site.requests_for(key)] == [200], key
        assert archive.catalog.url(site.url_for(key)) is not None


# -- politeness -------------------------------------------------------------------------------


def test_disallowed_path_and_other_host_are_never_requested(site, archive):
    archive.harvest(site.source())
    paths = site.server.paths()
    assert paths[0] == "/robots.txt" and paths.count("/robots.txt") == 1
    for key in NEVER_REQUESTED:
        path = BY_KEY[key].path
        assert not path or path not in paths, key
    assert not any(p.startswith("/lscb/private/") for p in paths)
    # Neither the listed link to the other host nor the redirect to it reached that server.
    assert site.other.requests == []
    assert {r.header("User-Agent") for r in site.server.requests} == {AGENT}
    # A disallowed document is skipped, not counted or recorded as a failure.
    assert site.url_for("child-q") not in failures_by_url(archive.catalog)
    assert archive.catalog.url(site.url_for("child-q")) is None
    assert archive.catalog.url(site.other.url + "/repository/child-z-overview-report.pdf") is None


def test_robots_crawl_delay_spaces_requests_to_the_host(archive):
    crawl_delay = 0.3
    with FixtureSite(crawl_delay=crawl_delay) as site:
        # delay_seconds=0: only robots.txt's Crawl-delay can space the requests out.
        report = archive.harvest(site.source(include=("child-p-",)), delay_seconds=0.0)
        log = list(site.server.requests)
    assert report.counts.new == 2
    assert [r.path for r in log] == [
        "/robots.txt",
        LISTING_PATH,
        BY_KEY["child-p-overview"].path,
        BY_KEY["child-p-briefing"].path,
    ]
    gaps = [later.at - earlier.at for earlier, later in zip(log, log[1:], strict=False)]
    # Arrival times carry a little scheduling jitter on either side.
    assert all(gap >= crawl_delay - 0.03 for gap in gaps), gaps


def test_same_host_redirect_is_followed_and_stored_under_the_listed_url(site, archive):
    archive.harvest(site.quick_source())
    old = BY_KEY["child-m"].path
    hops = [(r.path, r.status) for r in site.server.requests if r.path in (old, MOVED_TO)]
    assert hops == [(old, 301), (MOVED_TO, 200)]
    row = archive.catalog.url(site.url_for("child-m"))
    assert row is not None and row.sha256 == version("child-m").sha256


def test_redirect_to_another_host_is_a_failure_and_that_host_is_not_contacted(site, archive):
    report = archive.harvest(site.quick_source())
    assert [r.status for r in site.requests_for("child-v")] == [302]
    assert site.other.requests == []
    failure = failures_by_url(archive.catalog)[site.url_for("child-v")]
    assert failure["status"] == 302
    assert "another host" in str(failure["reason"])
    assert site.other.url in str(failure["reason"])
    assert report.counts.failed == len(QUICK_FAILING)


def test_missing_document_is_a_recorded_failure_and_the_run_goes_on(site, archive):
    archive.harvest(site.quick_source())
    failure = failures_by_url(archive.catalog)[site.url_for("child-s")]
    assert failure["status"] == 404
    assert failure["reason"] == "HTTP 404 Not Found"
    row = archive.catalog.url(site.url_for("child-s"))
    assert row is not None and row.status == 404 and row.sha256 is None
    # Listed after the missing one, and still fetched.
    assert archive.catalog.url(site.url_for("child-h")).sha256 == version("child-h").sha256


def test_server_error_is_retried_and_the_second_answer_stored(site, archive):
    report = archive.harvest(site.quick_source())
    assert [r.status for r in site.requests_for("child-h")] == [500, 200]
    assert archive.catalog.url(site.url_for("child-h")).sha256 == version("child-h").sha256
    assert site.url_for("child-h") not in failures_by_url(archive.catalog)
    assert report.counts.new == len(QUICK_STORED)


def test_too_many_requests_waits_for_retry_after_then_stores(site, archive):
    archive.harvest(site.source(exclude=(BY_KEY["child-r"].path,)))
    first, second = site.requests_for("child-d")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.9  # Retry-After: 1
    assert archive.catalog.url(site.url_for("child-d")).sha256 == version("child-d").sha256


def test_response_slower_than_the_timeout_fails_without_waiting_for_it(site, archive):
    started = time.monotonic()
    report = archive.harvest(site.source(exclude=(BY_KEY["child-d"].path,)))
    elapsed = time.monotonic() - started
    assert elapsed < site.slow_seconds, "the harvester waited for the slow response"
    assert len(site.requests_for("child-r")) == 2  # the first try and one retry
    failure = failures_by_url(archive.catalog)[site.url_for("child-r")]
    assert (failure["status"], failure["reason"]) == (None, "timed out")
    # Documents listed after the slow one were still fetched.
    assert archive.catalog.url(site.url_for("child-f")).sha256 == version("child-f").sha256
    assert report.counts.failed == len(FAILING)


def test_download_handler_octet_stream_is_stored_and_sniffed_as_pdf(site, archive):
    archive.harvest(site.quick_source())
    for key in ("child-w", "family-t"):  # with and without a Content-Disposition filename
        (request,) = site.requests_for(key)
        assert request.path.startswith("/lscb/download.aspx?id=")
        row = archive.catalog.url(site.url_for(key))
        assert row is not None and row.sha256 == version(key).sha256
        assert archive.catalog.blob_kind(row.sha256) == "pdf"
    # The server's file name is kept, and serves as a hint where the URL says nothing.
    assert archive.catalog.url(site.url_for("child-w")).filename == "Child W Executive Summary.pdf"
    assert archive.catalog.url(site.url_for("family-t")).filename is None
    archive.sync()
    (hit,) = archive.search(version("child-w").phrase)
    assert hit.source_url == site.url_for("child-w")


def test_file_over_the_size_cap_is_a_failure_with_a_clear_reason(site, archive):
    archive.harvest(site.quick_source())
    failure = failures_by_url(archive.catalog)[site.url_for("child-e")]
    assert failure["status"] == 200
    limit = int(CAP_MB * 1024 * 1024)
    assert failure["reason"] == f"larger than the {limit} byte limit"
    assert not archive.store.has(version("child-e").sha256)
    assert not any(p.name.startswith(".tmp") for p in archive.store.root.rglob("*"))


def test_pagination_follows_next_once_and_max_pages_stops_it(site, archive, tmp_path, tagger):
    archive.harvest(site.quick_source())
    listings = [p for p in site.server.paths() if p.startswith(LISTING_PATH)]
    # Page 2 links back to page 1 ("Previous", "1"): page 1 is not fetched again.
    assert listings == [LISTING_PATH, LISTING_PATH + "?page=2"]
    assert archive.catalog.url(site.url_for("child-k")) is not None

    with FixtureSite() as fresh, Catalog(tmp_path / "one-page.sqlite3") as catalog:
        store = BlobStore(tmp_path / "one-page-store")
        report = harvest_source(
            fresh.quick_source(max_pages=1), settings(), catalog, store, log=lambda _m: None
        )
        paths = fresh.server.paths()
        assert [p for p in paths if p.startswith(LISTING_PATH)] == [LISTING_PATH]
        for entry in (e for e in BY_KEY.values() if e.page == 2):
            assert entry.path not in paths
            assert catalog.url(fresh.url_for(entry.key)) is None
    assert report.counts.new == sum(1 for k in QUICK_STORED if BY_KEY[k].page == 1)


# -- incremental --------------------------------------------------------------------------------


def test_second_run_is_conditional_downloads_nothing_and_reindexes_nothing(site, archive):
    archive.harvest(site.quick_source())
    archive.sync()
    blobs = archive.blob_files()
    mark = len(site.server.requests)

    report = archive.harvest(site.quick_source())
    assert report.counts == RunCounts(unchanged=len(QUICK_STORED), failed=len(QUICK_FAILING))
    assert archive.sync() == SyncReport(0, 0, 0)
    assert archive.blob_files() == blobs
    again = site.document_requests(mark)
    # Only the file over the size cap is answered in full again: it was never stored.
    assert [r.path for r in again if r.status == 200] == [BY_KEY["child-e"].path]
    for key in QUICK_STORED:
        current = version(key)
        # Child M's listed URL redirects: the conditional request reaches the new address.
        path = MOVED_TO if key == "child-m" else BY_KEY[key].path
        final = [r for r in again if r.path == path][-1]
        assert final.status == 304, key
        assert final.header("If-None-Match") == current.etag, key
        assert final.header("If-Modified-Since") == current.last_modified, key
    # The Word document has no ETag: If-Modified-Since alone brings the 304.
    (word,) = site.requests_for("child-l", mark)
    assert word.header("If-None-Match") is None and word.status == 304


def test_same_pdf_at_two_urls_is_stored_once_with_both_urls(site, archive):
    archive.harvest(site.quick_source())
    archive.sync()
    sha = version("child-p-briefing").sha256
    urls = [row.url for row in archive.catalog.urls_for_blob(sha)]
    assert sorted(urls) == sorted(
        [site.url_for("child-p-briefing"), site.url_for("child-p-briefing-copy")]
    )
    assert [p for p in archive.blob_files() if p.name == sha] == [archive.store.path_for(sha)]
    count = archive.catalog.db.execute("SELECT COUNT(*) FROM blobs WHERE sha256 = ?", (sha,))
    assert count.fetchone()[0] == 1
    hits = archive.search(version("child-p-briefing").phrase)
    assert len({h.doc_id for h in hits}) == 1 and hits[0].sha256 == sha


def test_changed_document_is_a_new_version_and_the_old_one_is_kept(site, archive):
    archive.harvest(site.quick_source())
    archive.sync()
    old, new = version("child-k"), version("child-k", revised=True)
    assert archive.search(old.phrase)
    site.revise("child-k")
    mark = len(site.server.requests)

    report = archive.harvest(site.quick_source())
    archive.sync()
    assert report.counts.updated == 1
    assert report.counts.unchanged == len(QUICK_STORED) - 1
    (request,) = site.requests_for("child-k", mark)
    assert (request.header("If-None-Match"), request.status) == (old.etag, 200)
    url = site.url_for("child-k")
    assert archive.catalog.url(url).sha256 == new.sha256
    versions = archive.catalog.db.execute("SELECT sha256 FROM versions WHERE url = ?", (url,))
    assert sorted(r[0] for r in versions) == sorted([old.sha256, new.sha256])
    assert archive.store.get(old.sha256) == old.body
    assert archive.store.get(new.sha256) == new.body
    assert archive.search(old.phrase) == []
    (hit,) = archive.search(new.phrase)
    assert hit.sha256 == new.sha256 and hit.source_url == url


def test_document_removed_from_the_site_stays_searchable_and_is_marked_offline(site, archive):
    archive.harvest(site.quick_source())
    archive.sync()
    url = site.url_for("child-f")
    before = archive.catalog.url(url)
    assert before is not None and before.last_seen
    site.remove("child-f")  # gone from the listing and from the server
    mark = len(site.server.requests)
    time.sleep(1.1)  # catalog times are to the second: a later run must show as later

    report = archive.harvest(site.quick_source())
    archive.sync()
    assert report.counts.gone == 1
    assert site.requests_for("child-f", mark) == []  # no longer linked: not asked for
    after = archive.catalog.url(url)
    assert after is not None and not after.online
    assert (after.sha256, after.last_seen, after.first_seen) == (
        before.sha256,
        before.last_seen,
        before.first_seen,
    )
    assert archive.catalog.url(site.url_for("child-k")).last_seen > before.last_seen
    assert archive.store.get(before.sha256) == version("child-f").body
    (hit,) = archive.search(version("child-f").phrase)
    assert hit.online is False and hit.source_url == url


def test_document_answering_404_is_offline_then_online_again_when_it_returns(site, archive):
    archive.harvest(site.quick_source())
    archive.sync()
    phrase = version("child-f").phrase
    site.take_down("child-f")  # still listed, but the server answers 404
    mark = len(site.server.requests)
    report = archive.harvest(site.quick_source())
    archive.sync()
    assert report.counts.gone == 1
    assert [r.status for r in site.requests_for("child-f", mark)] == [404]
    row = archive.catalog.url(site.url_for("child-f"))
    assert row is not None and not row.online and row.status == 404
    (hit,) = archive.search(phrase)
    assert hit.online is False

    site.restore("child-f")
    report = archive.harvest(site.quick_source())
    archive.sync()
    assert report.counts.gone == 0
    assert archive.catalog.url(site.url_for("child-f")).online
    (hit,) = archive.search(phrase)
    assert hit.online is True


# -- the command line ---------------------------------------------------------------------------


def write_config(folder: Path, sources: list[SourceConfig]) -> Path:
    lines = [
        "[paths]",
        'data_dir = "data"',
        "",
        "[harvest]",
        f"user_agent = {json.dumps(AGENT)}",
        "delay_seconds = 0",
        f"timeout_seconds = {TIMEOUT}",
        "retries = 1",
        f"max_document_mb = {CAP_MB}",
    ]
    for source in sources:
        lines += [
            "",
            "[[sources]]",
            f"name = {json.dumps(source.name)}",
            f"board = {json.dumps(source.board)}",
            f"url = {json.dumps(source.url)}",
            f"exclude = {json.dumps(list(source.exclude))}",
        ]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def summaries(stdout: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        match = SUMMARY.match(line)
        if match:
            found.setdefault(match["source"], []).append(line)
    return found


def test_scr_harvest_ends_with_one_summary_line_per_source(tmp_path, capsys):
    with FixtureSite() as first, FixtureSite() as second:
        config = write_config(
            tmp_path,
            [first.quick_source(), second.quick_source(name="marshfield-learning-library")],
        )
        assert main(["--config", str(config), "harvest"]) == 0
        out = capsys.readouterr().out
        assert main(["--config", str(config), "harvest"]) == 0
        again = capsys.readouterr().out
    new = f"new {len(QUICK_STORED)}, updated 0, unchanged 0, gone 0, failed {len(QUICK_FAILING)}"
    assert summaries(out) == {
        "marshfield": [f"marshfield: {new}"],
        "marshfield-learning-library": [f"marshfield-learning-library: {new}"],
    }
    same = f"new 0, updated 0, unchanged {len(QUICK_STORED)}, gone 0, failed {len(QUICK_FAILING)}"
    assert summaries(again) == {
        "marshfield": [f"marshfield: {same}"],
        "marshfield-learning-library": [f"marshfield-learning-library: {same}"],
    }


def test_scr_status_lists_failures_with_url_status_reason_and_time(site, tmp_path, capsys):
    config = write_config(tmp_path, [site.quick_source()])
    assert main(["--config", str(config), "harvest"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "status"]) == 0
    out = capsys.readouterr().out
    assert "recent failures:" in out
    expected = {
        "child-v": ("302", "redirect to another host refused"),
        "child-s": ("404", "HTTP 404 Not Found"),
        "child-e": ("200", "larger than the"),
    }
    lines = out.splitlines()
    for key, (status, reason) in expected.items():
        url = site.url_for(key)
        (line,) = [line for line in lines if f" {url}: " in line]
        stamp, shown_status, _rest = line.split(maxsplit=2)
        assert datetime.fromisoformat(stamp).year >= 2024, line
        assert shown_status == status, line
        assert reason in line, line
    assert f" {site.url_for('child-q')}: " not in out  # disallowed: skipped, not failed


def test_scr_harvest_dry_run_lists_documents_without_requesting_them(site, tmp_path, capsys):
    config = write_config(tmp_path, [site.quick_source()])
    assert main(["--config", str(config), "harvest", "--dry-run"]) == 0
    out = capsys.readouterr().out
    listed = {line.split("	")[0] for line in out.splitlines() if "	" in line}
    fetchable = {site.url_for(k) for k in QUICK_STORED + QUICK_FAILING if k != "child-q"}
    assert listed == fetchable
    assert site.server.paths() == ["/robots.txt", LISTING_PATH, LISTING_PATH + "?page=2"]
    assert site.document_requests() == []
    with Catalog(tmp_path / "data" / "catalog.sqlite3") as catalog:
        assert catalog.db.execute("SELECT COUNT(*) FROM urls").fetchone()[0] == 0
        assert catalog.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 0


# -- a collection of many boards' reviews -------------------------------------------------------


def test_a_collection_downloads_the_files_boards_keep_on_their_own_sites(tmp_path):
    """A national collection's list (no board) links each review's file on its board's own
    site: the file is fetched there, with that site's robots.txt asked first; the other
    site's pages are never read."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    report_pdf = make_pdf([["Serious Case Review", "Child K", "Oakbridge Safeguarding Board"]])
    with LoopbackServer() as board_site, LoopbackServer() as collection_site:
        board_site.routes.update(
            {
                "/robots.txt": "User-agent: *\nDisallow: /private/\n",
                "/files/child-k.pdf": (200, {"Content-Type": "application/pdf"}, report_pdf),
                "/private/child-l.pdf": (200, {"Content-Type": "application/pdf"}, report_pdf),
            }
        )
        listing = (
            "<html><body><main><h1>Case reviews published in 2019</h1>"
            "<h3>2019 – Oakbridge – Child K</h3><p>A baby was injured.</p>"
            f'<p><a href="{board_site.url}/files/child-k.pdf">Read the overview report</a></p>'
            "<h3>2019 – Oakbridge – Child L</h3>"
            f'<p><a href="{board_site.url}/private/child-l.pdf">Read the overview report</a></p>'
            f'<p><a href="{board_site.url}/reviews/">Oakbridge reviews</a></p>'
            "</main></body></html>"
        )
        collection_site.routes.update(
            {"/robots.txt": "User-agent: *\nDisallow:\n", "/reviews/": (200, html, listing)}
        )
        source = SourceConfig(name="collection", url=collection_site.url + "/reviews/")
        with Catalog(tmp_path / "catalog.sqlite3") as catalog:
            report = harvest_source(
                source, settings(), catalog, BlobStore(tmp_path / "store"), log=lambda _m: None
            )
            stored = catalog.url(board_site.url + "/files/child-k.pdf")
            refused = catalog.url(board_site.url + "/private/child-l.pdf")
        board_paths = board_site.paths()
    assert report.counts.new == 1
    assert stored is not None and refused is None
    assert board_paths == ["/robots.txt", "/files/child-k.pdf"]
