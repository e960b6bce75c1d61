"""The blob store (raw bytes by sha256) and the SQLite catalog (URLs, versions, failures)."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from harvester.catalog import Catalog, RunCounts
from harvester.store import BlobStore
from tests.documents import make_pdf

SITE = "https://www.fenmarsh-lscb.example/scr"
LEAFLET_V1 = make_pdf([["Child J Professionals Leaflet", "Highlighting lessons from Child J"]])
LEAFLET_V2 = make_pdf([["Child J Professionals Leaflet (revised)", "Lessons from Child J"]])


@pytest.fixture
def store(tmp_path) -> BlobStore:
    return BlobStore(tmp_path / "store")


@pytest.fixture
def catalog(tmp_path):
    with Catalog(tmp_path / "catalog.sqlite3") as opened:
        yield opened


def remember(catalog: Catalog, url: str, text: str = "Child J Professionals Leaflet") -> None:
    catalog.remember_link(
        url,
        "fenmarsh",
        "Fenmarsh Safeguarding Children Board",
        f"{SITE}/serious-case-reviews",
        text,
        "Professional Leaflets from previous SCRs",
        f"{text} / Highlighting lessons from Child J (July 2015)",
    )


def fetched(catalog: Catalog, store: BlobStore, url: str, data: bytes, etag: str) -> bool:
    sha = store.put(data)
    return catalog.record_fetch(url, sha, len(data), "pdf", etag, None, 200)


# -- BlobStore -------------------------------------------------------------------------------


def test_put_get_has(store):
    sha = store.put(LEAFLET_V1)
    assert sha == hashlib.sha256(LEAFLET_V1).hexdigest()
    assert store.has(sha)
    assert store.get(sha) == LEAFLET_V1
    assert store.path_for(sha) == store.root / sha[:2] / sha
    other = hashlib.sha256(b"never stored").hexdigest()
    assert not store.has(other)
    with pytest.raises(FileNotFoundError):
        store.get(other)


def test_same_bytes_are_stored_once_and_no_temporary_files_remain(store):
    first = store.put(LEAFLET_V1)
    second = store.put(bytes(LEAFLET_V1))
    third = store.put(LEAFLET_V2)
    assert first == second != third
    files = sorted(p for p in store.root.rglob("*") if p.is_file())
    assert files == sorted([store.path_for(first), store.path_for(third)])
    assert not any(p.name.startswith(".tmp") for p in store.root.rglob("*"))


def test_empty_document_can_be_stored(store):
    sha = store.put(b"")
    assert store.get(sha) == b""


@pytest.mark.parametrize("bad", ["", "abc", "../" + "a" * 61, "A" * 64, "g" * 64])
def test_only_sha256_digests_name_blobs(store, bad):
    with pytest.raises(ValueError):
        store.path_for(bad)


# -- Catalog ---------------------------------------------------------------------------------


def test_wal_mode_is_on(tmp_path, catalog):
    mode = catalog.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode.lower() == "wal"
    # Another connection sees the same mode: it is a property of the database file.
    other = sqlite3.connect(tmp_path / "catalog.sqlite3")
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        other.close()


def test_remember_link_keeps_the_listing_context(catalog):
    url = f"{SITE}/docs/child-j-leaflet.pdf"
    remember(catalog, url)
    row = catalog.url(url)
    assert row is not None
    assert row.source == "fenmarsh"
    assert row.board == "Fenmarsh Safeguarding Children Board"
    assert row.heading == "Professional Leaflets from previous SCRs"
    assert row.context.endswith("(July 2015)")
    assert row.sha256 is None and row.online
    # Seen again with new text: the context is refreshed, first_seen is kept.
    remember(catalog, url, text="Child J Leaflet for Professionals")
    again = catalog.url(url)
    assert again.link_text == "Child J Leaflet for Professionals"
    assert again.first_seen == row.first_seen
    assert catalog.url(f"{SITE}/never-seen.pdf") is None


def test_record_fetch_tells_new_and_changed_versions_apart(catalog, store):
    url = f"{SITE}/docs/child-j-leaflet.pdf"
    remember(catalog, url)
    assert fetched(catalog, store, url, LEAFLET_V1, '"v1"') is True  # first copy
    assert fetched(catalog, store, url, LEAFLET_V1, '"v1"') is False  # same bytes again
    assert fetched(catalog, store, url, LEAFLET_V2, '"v2"') is True  # a new version

    row = catalog.url(url)
    assert row.sha256 == hashlib.sha256(LEAFLET_V2).hexdigest()
    assert row.etag == '"v2"'
    assert row.status == 200
    versions = catalog.db.execute(
        "SELECT sha256 FROM versions WHERE url = ? ORDER BY sha256", (url,)
    ).fetchall()
    assert sorted(v[0] for v in versions) == sorted(
        hashlib.sha256(d).hexdigest() for d in (LEAFLET_V1, LEAFLET_V2)
    )
    # The old version stays in the store; only the current one is a searchable document.
    assert store.has(hashlib.sha256(LEAFLET_V1).hexdigest())
    assert catalog.current_blobs() == [hashlib.sha256(LEAFLET_V2).hexdigest()]
    assert catalog.blob_kind(row.sha256) == "pdf"


def test_same_file_at_two_urls_is_one_blob_with_two_urls(catalog, store):
    first = f"{SITE}/docs/child-j-leaflet.pdf"
    second = f"{SITE}/archive/Child_J_Leaflet.pdf"
    for url in (first, second):
        remember(catalog, url)
        assert fetched(catalog, store, url, LEAFLET_V1, None) is True
    sha = hashlib.sha256(LEAFLET_V1).hexdigest()
    assert catalog.current_blobs() == [sha]
    assert sorted(r.url for r in catalog.urls_for_blob(sha)) == sorted([first, second])
    assert catalog.db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 1
    assert catalog.stats()["documents"] == 1
    assert catalog.stats()["urls"] == 2


def test_record_gone_keeps_the_archived_copy(catalog, store):
    url = f"{SITE}/docs/child-j-leaflet.pdf"
    remember(catalog, url)
    fetched(catalog, store, url, LEAFLET_V1, None)
    catalog.record_gone(url, 404, "HTTP 404 Not Found")
    row = catalog.url(url)
    assert row.online is False
    assert row.sha256 == hashlib.sha256(LEAFLET_V1).hexdigest()
    assert (row.status, row.error) == (404, "HTTP 404 Not Found")
    assert catalog.current_blobs() == [row.sha256]
    assert catalog.stats()["offline"] == 1
    # Back online: an unchanged fetch clears the error and the offline flag.
    catalog.record_unchanged(url, 304)
    back = catalog.url(url)
    assert back.online is True and back.error is None and back.status == 304


def test_failures_are_listed_most_recent_first(catalog):
    run = catalog.start_run("fenmarsh")
    remember(catalog, f"{SITE}/docs/child-p-leaflet.pdf")
    catalog.record_failure(run, f"{SITE}/docs/child-p-leaflet.pdf", 500, "HTTP 500")
    catalog.record_failure(run, f"{SITE}/docs/child-v-leaflet.pdf", None, "timed out")
    failures = catalog.recent_failures()
    assert [(f["url"], f["status"], f["reason"]) for f in failures] == [
        (f"{SITE}/docs/child-v-leaflet.pdf", None, "timed out"),
        (f"{SITE}/docs/child-p-leaflet.pdf", 500, "HTTP 500"),
    ]
    assert len(catalog.recent_failures(limit=1)) == 1
    # The failure is also noted on the URL that was remembered.
    assert catalog.url(f"{SITE}/docs/child-p-leaflet.pdf").error == "HTTP 500"


def test_stats(catalog, store):
    empty = catalog.stats()
    assert empty["documents"] == 0 and empty["last_run"] is None and empty["sources"] == []

    run = catalog.start_run("fenmarsh")
    for name, data in (("child-j.pdf", LEAFLET_V1), ("child-a.pdf", LEAFLET_V2)):
        remember(catalog, f"{SITE}/docs/{name}")
        fetched(catalog, store, f"{SITE}/docs/{name}", data, None)
    catalog.remember_link("file:///tmp/child-t.pdf", "ingest", None, None, "child t", None, None)
    catalog.record_processed(hashlib.sha256(LEAFLET_V1).hexdigest(), "ok", None, 1, 4)
    catalog.record_processed(
        hashlib.sha256(LEAFLET_V2).hexdigest(), "needs_ocr", "no text layer", 1, 0
    )
    catalog.finish_run(run, RunCounts(new=2, failed=1))

    stats = catalog.stats()
    assert stats["documents"] == 2
    assert stats["urls"] == 3
    assert stats["versions"] == 2
    assert stats["sources"] == ["fenmarsh", "ingest"]
    assert stats["lessons"] == 4
    assert stats["last_run"]["source"] == "fenmarsh"
    assert (stats["last_run"]["new"], stats["last_run"]["failed"]) == (2, 1)
    assert stats["last_run"]["finished"] is not None
    [problem] = stats["problem_documents"]
    assert problem["status"] == "needs_ocr"
    assert problem["sha256"] == hashlib.sha256(LEAFLET_V2).hexdigest()


def test_catalog_survives_reopening(tmp_path, store):
    path = tmp_path / "catalog.sqlite3"
    url = f"{SITE}/docs/child-j-leaflet.pdf"
    with Catalog(path) as first:
        remember(first, url)
        fetched(first, store, url, LEAFLET_V1, '"v1"')
    with Catalog(path) as second:
        row = second.url(url)
        assert row.etag == '"v1"'
        assert row.sha256 == hashlib.sha256(LEAFLET_V1).hexdigest()
        assert [r.url for r in second.urls_for_source("fenmarsh")] == [url]
        assert [r.url for r in second.iter_all_urls()] == [url]


def test_run_counts_summary():
    assert RunCounts(new=3, updated=1, unchanged=5, gone=2, failed=1).summary() == (
        "new 3, updated 1, unchanged 5, gone 2, failed 1"
    )
