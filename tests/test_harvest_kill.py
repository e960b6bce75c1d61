"""kill -9 in the middle of `scr harvest`, then the same command again: nothing committed is
lost, the next run carries on from where the first stopped, the catalog is consistent, the
index opens and holds every document exactly once, and no temporary file is left behind."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from harvester.catalog import Catalog
from harvester.store import BlobStore
from harvester.understand import doc_id_for
from index import LessonSearcher, SearchQuery
from index.location import current_index_dir
from tests.conftest import ROOT
from tests.fixture_site import ArchiveSite, archive_reference, write_archive_documents

DOCUMENTS = 16
PER_PAGE = 8
DOWNLOAD_DELAY = 0.2  # per full download; a 304 answers at once


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_archive_documents(tmp_path_factory.mktemp("archive-files"), DOCUMENTS)


def write_config(folder: Path, site: ArchiveSite) -> Path:
    path = folder / "config.toml"
    path.write_text(
        "[paths]\n"
        'data_dir = "data"\n\n'
        "[harvest]\n"
        "delay_seconds = 0\n"
        "timeout_seconds = 10\n"
        "retries = 0\n\n"
        "[[sources]]\n"
        'name = "archive"\n'
        'board = "Marshfield Safeguarding Children Partnership"\n'
        f"url = {json.dumps(site.listing_url)}\n",
        encoding="utf-8",
    )
    return path


def scr_harvest(config: Path) -> list[str]:
    return [sys.executable, "-m", "scr", "--config", str(config), "harvest"]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    """SIGKILL the process as soon as `ready()` holds; fail if it ends first."""
    deadline = time.monotonic() + 60
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"the harvest ended (status {process.returncode}) before the kill")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("the moment to kill the harvest never came")
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def committed(data_dir: Path) -> dict[str, str]:
    """URL -> sha256 of every download the killed run committed."""
    with Catalog(data_dir / "catalog.sqlite3") as catalog:
        return {row.url: row.sha256 for row in catalog.iter_all_urls() if row.sha256}


MOMENTS: dict[str, Callable[[ArchiveSite, Path], bool]] = {
    # After a couple of downloads: most of the first listing page still to fetch.
    "early": lambda site, data: len(site.document_requests()) >= 2,
    # Half way: between the two listing pages' documents.
    "midway": lambda site, data: len(site.document_requests()) >= DOCUMENTS // 2,
    # Every document fetched; the index is being written.
    "indexing": lambda site, data: (data / "index" / "CURRENT").exists(),
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_harvest_killed_midway_then_run_again_is_complete_and_consistent(
    tmp_path: Path, documents: list[Path], moment: str
) -> None:
    data_dir = tmp_path / "data"
    with ArchiveSite(documents, per_page=PER_PAGE, download_delay=DOWNLOAD_DELAY) as site:
        config = write_config(tmp_path, site)
        first = subprocess.Popen(
            scr_harvest(config),
            cwd=tmp_path,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        kill_when(first, lambda: MOMENTS[moment](site, data_dir))
        kept = committed(data_dir)
        mark = len(site.server.requests)

        second = subprocess.run(
            scr_harvest(config),
            cwd=tmp_path,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0, second.stderr
        rerun = site.document_requests(mark)
        base = site.server.url
        expected = {site.url_for(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in documents}

    # The second run picked up where the first stopped: what was committed is only checked.
    assert f"archive: new {DOCUMENTS - len(kept)}, updated 0, unchanged {len(kept)}, " in (
        second.stdout
    )
    for request in rerun:
        url = base + request.path
        if url in kept:
            assert request.header("If-None-Match") and request.status == 304, url
    downloads = [base + r.path for r in rerun if r.status == 200]
    assert sorted(downloads) == sorted(set(expected) - set(kept))

    assert_catalog_and_store_complete(data_dir, expected)
    assert_index_holds_each_document_once(data_dir, documents, expected)


def assert_catalog_and_store_complete(data_dir: Path, expected: dict[str, str]) -> None:
    db = sqlite3.connect(data_dir / "catalog.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = dict(db.execute("SELECT url, sha256 FROM urls WHERE online = 1").fetchall())
        processed = dict(db.execute("SELECT sha256, status FROM processed").fetchall())
        unfinished = db.execute("SELECT COUNT(*) FROM runs WHERE finished IS NULL").fetchone()
    finally:
        db.close()
    assert rows == expected
    assert processed == dict.fromkeys(expected.values(), "ok")
    assert unfinished[0] <= 1  # the killed run, if it was killed before finishing
    store = data_dir / "store"
    for sha in expected.values():
        assert hashlib.sha256((store / sha[:2] / sha).read_bytes()).hexdigest() == sha
    assert [p for p in store.rglob("*") if p.name.startswith(".tmp")] == []


def assert_index_holds_each_document_once(
    data_dir: Path, documents: list[Path], expected: dict[str, str]
) -> None:
    folder = current_index_dir(data_dir)
    assert folder is not None
    ix = whoosh_index.open_dir(str(folder))
    try:
        with ix.searcher() as searcher:
            stored = list(searcher.all_stored_fields())
    finally:
        ix.close()
    lesson_ids = [fields["lesson_id"] for fields in stored]
    assert len(lesson_ids) == len(set(lesson_ids)), "a lesson is indexed twice"
    assert {fields["sha256"] for fields in stored} == set(expected.values())
    with LessonSearcher(data_dir) as searcher:
        for number, path in enumerate(sorted(documents), start=1):
            assert path.name.endswith(f"{number:04d}.pdf")
            hits = searcher.search(SearchQuery(q=f'"{archive_reference(number)}"')).results
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            assert {hit.doc_id for hit in hits} == {doc_id_for(sha)}, path.name


WRITER = """
import os, sys, time
from pathlib import Path
from harvester.store import BlobStore

def stall(fd):
    print("writing", flush=True)
    time.sleep(60)

os.fsync = stall  # killed after writing the temporary file, before renaming it
BlobStore(Path(sys.argv[1])).put(b"%PDF-1.4 Child K overview report, half written")
"""


def test_temporary_file_of_a_killed_writer_is_removed_and_a_live_one_kept(tmp_path: Path):
    store_dir = tmp_path / "store"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir)],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    (abandoned,) = store_dir.glob("*/.tmp-*")
    assert abandoned.name.startswith(f".tmp-{writer.pid}-")
    # A harvest running beside us is still writing this one.
    in_flight = abandoned.parent / f".tmp-{os.getpid()}-inflight"
    in_flight.write_bytes(b"%PDF-1.4")

    BlobStore(store_dir)
    assert not abandoned.exists()
    assert in_flight.exists()
