"""The harvest pipeline: discover -> fetch -> store -> extract -> understand -> index.

Everything after `store` runs from the store alone, so `reindex` needs no network.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from tqdm import tqdm

from harvester.catalog import Catalog, RunCounts
from harvester.discover import NATIONAL_REPOSITORIES, DocumentLink
from harvester.extract import sniff_kind
from harvester.fetch import Fetcher, FetchError
from harvester.metadata import Hints
from harvester.metadata.boards import bundled_board_table
from harvester.settings import HarvestSettings, SourceConfig
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from harvester.walk import REVIEW_PAGE, walk
from harvester.workers import DEFAULT_TIMEOUT_SECONDS, Outcome, Task, UnderstandPool
from index import analysis as index_analysis
from index import boards as index_boards
from index import schema as index_schema
from index import segments as index_segments
from index import writer as index_writer
from index.boards import BoardTable
from index.fields import doc_id_for
from index.location import current_index_dir
from index.records import DocumentRecord, LessonRecord
from index.writer import plan_update, rebuild, update_documents, writer_processes

Log = Callable[[str], None]
T = TypeVar("T")
GONE_STATUSES = (404, 410)
DEFAULT_WORKER_MEMORY_MB = HarvestSettings.worker_memory_mb


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress(items: Iterable[T], total: int, label: str, log: Log) -> Iterator[T]:
    """A progress bar on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        yield from tqdm(items, total=total, desc=label, unit="doc", leave=False)
        return
    for number, item in enumerate(items, start=1):
        if number == 1 or number % 10 == 0 or number == total:
            log(f"{label}: {number}/{total}")
        yield item


@dataclass
class HarvestReport:
    source: str
    counts: RunCounts
    changed: set[str] = field(default_factory=set)
    planned: list[DocumentLink] = field(default_factory=list)
    listing_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.listing_error is None


def discover(
    source: SourceConfig,
    fetcher: Fetcher,
    catalog: Catalog | None,
    run_id: int | None,
    log: Log,
    repositories: tuple[str, ...] = NATIONAL_REPOSITORIES,
) -> tuple[list[DocumentLink], str | None]:
    """Walk the pages of a source; returns the document links and a listing error.
    Listing and repository entry pages that failed are recorded in `catalog` when one is
    given (a review's page that failed stays a document, recorded when it is fetched)."""
    found = walk(source, fetcher, repositories)
    if catalog is not None:
        for url, kind, exc in found.failed:
            if kind != REVIEW_PAGE:
                reason = f"{kind} page: {exc.reason}"
                catalog.record_failure(run_id, url, exc.recorded_status, reason)
    if found.start_error is not None:
        error = found.start_error
        return [], f"{source.name}: listing page {source.url} failed: {error.reason}"
    if found.not_html is not None:
        return [], f"{source.name}: listing page {source.url} is not a web page ({found.not_html})"
    log(f"{source.name}: {len(found.documents)} documents on {found.listings_read} pages")
    return found.documents, None


class SourceProgress(Protocol):
    """Told of a source's documents as they are found and fetched (a progress bar over
    many sources); `fetched` may raise to stop the harvest between two documents."""

    def found(self, count: int) -> None: ...

    def fetched(self) -> None: ...


def plan_source(
    source: SourceConfig,
    settings: HarvestSettings,
    log: Log = _stderr,
    fetcher: Fetcher | None = None,
) -> HarvestReport:
    """A dry run: the documents a harvest would fetch (robots.txt permitting), found by
    reading the listing pages only. Nothing is downloaded and nothing is recorded."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        links, listing_error = discover(source, fetcher, None, None, log)
        planned = [link for link in links if fetcher.allowed(link.url)]
    finally:
        if own:
            fetcher.close()
    counts = RunCounts(failed=1 if listing_error else 0)
    return HarvestReport(source.name, counts, planned=planned, listing_error=listing_error)


def harvest_source(
    source: SourceConfig,
    settings: HarvestSettings,
    catalog: Catalog,
    store: BlobStore,
    dry_run: bool = False,
    log: Log = _stderr,
    fetcher: Fetcher | None = None,
    progress: SourceProgress | None = None,
) -> HarvestReport:
    """Harvest one source. A `fetcher` given is shared with other sources (and left open);
    with a `progress`, documents are counted there instead of on a bar of their own."""
    if dry_run:
        return plan_source(source, settings, log, fetcher)
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    run_id = catalog.start_run(source.name)
    counts = {"new": 0, "updated": 0, "unchanged": 0, "gone": 0, "failed": 0}
    changed: set[str] = set()
    try:
        links, listing_error = discover(source, fetcher, catalog, run_id, log)
        if listing_error:
            counts["failed"] += 1
            catalog.finish_run(run_id, RunCounts(**counts))
            return HarvestReport(source.name, RunCounts(**counts), listing_error=listing_error)
        allowed = [link for link in links if fetcher.allowed(link.url)]
        if len(allowed) < len(links):
            # Not a failure: the board asks robots not to fetch them. They stay linked, so an
            # archived copy of one is not marked gone.
            log(f"{source.name}: {len(links) - len(allowed)} links disallowed by robots.txt")
        if progress is not None:
            progress.found(len(allowed))
            documents: Iterable[DocumentLink] = allowed
        else:
            documents = _progress(allowed, len(allowed), f"{source.name}: fetching", log)
        for link in documents:
            catalog.remember_link(
                link.url,
                source.name,
                source.board,
                link.listing_url,
                link.link_text,
                link.heading,
                link.context,
            )
            outcome, touched = _fetch_one(link.url, fetcher, catalog, store, run_id)
            counts[outcome] += 1
            changed.update(touched)
            if progress is not None:
                progress.fetched()
        linked = {link.url for link in links}
        for row in catalog.urls_for_source(source.name):
            if row.url not in linked and row.online:
                catalog.record_gone(row.url, row.status, "no longer linked from the listing")
                counts["gone"] += 1
                if row.sha256:
                    changed.add(row.sha256)
        for reason in fetcher.put_aside().values():
            log(f"{source.name}: {reason}")
    finally:
        if own:
            fetcher.close()
    report = HarvestReport(source.name, RunCounts(**counts), changed)
    catalog.finish_run(run_id, report.counts)
    return report


def _fetch_one(
    url: str,
    fetcher: Fetcher,
    catalog: Catalog,
    store: BlobStore,
    run_id: int,
) -> tuple[str, set[str]]:
    """Fetch one document; returns (outcome, stored versions whose index entry must change)."""
    row = catalog.url(url)
    have_copy = row is not None and row.sha256 is not None and store.has(row.sha256)
    try:
        result = fetcher.get(
            url,
            etag=row.etag if have_copy and row else None,
            last_modified=row.last_modified if have_copy and row else None,
        )
    except FetchError as exc:
        if exc.status in GONE_STATUSES and row is not None and row.sha256:
            catalog.record_gone(url, exc.status, exc.reason)
            return "gone", {row.sha256} if row.online else set()
        catalog.record_failure(run_id, url, exc.recorded_status, exc.reason)
        return "failed", set()
    if result.not_modified:
        catalog.record_unchanged(url, result.status)
        # A document that came back online needs its record refreshed.
        return "unchanged", {row.sha256} if row and row.sha256 and not row.online else set()
    data = result.content or b""
    sha = store.put(data)
    is_new_version = catalog.record_fetch(
        url,
        sha,
        len(data),
        sniff_kind(data),
        result.etag,
        result.last_modified,
        result.status,
        filename=result.filename,
    )
    if row is None or row.sha256 is None:
        return "new", {sha}
    if is_new_version:
        return "updated", {sha, row.sha256}  # the old version leaves the index, not the store
    return "unchanged", set()


# -- processing: everything after `store` ------------------------------------------------------


def _tasks(
    shas: Iterable[str], catalog: Catalog, store: BlobStore, outcomes: dict[str, Outcome]
) -> list[Task]:
    tasks = []
    for sha in sorted(shas):
        urls = catalog.urls_for_blob(sha)
        if not urls:
            outcomes[sha] = Outcome("error", "no URL refers to this document")
            continue
        first = urls[0]
        hints = Hints(
            first.link_text, first.heading, first.context, first.url, first.board, first.filename
        )
        online = any(u.online for u in urls)
        tasks.append(Task(sha, store.path_for(sha), hints, first.url, online))
    return tasks


def _pool(
    tasks: list[Task],
    tagger: ThemeTagger,
    timeout: float,
    memory_mb: float | None,
    boards: BoardTable | None,
) -> UnderstandPool:
    """The parser workers for `tasks`, started now: before the index is locked for writing,
    so that none of them is started holding the lock."""
    workers = max(1, min(len(tasks), os.cpu_count() or 1))
    pool = UnderstandPool(
        tagger=tagger, workers=workers, timeout=timeout, boards=boards, memory_mb=memory_mb
    )
    return pool.start() if tasks else pool


def _records(
    pool: UnderstandPool,
    tasks: list[Task],
    catalog: Catalog,
    log: Log,
    outcomes: dict[str, Outcome],
) -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
    if not tasks:
        return
    for sha, understood, outcome in _progress(pool.run(tasks), len(tasks), "understanding", log):
        outcomes[sha] = outcome
        if understood is not None:
            document = dataclasses.replace(understood.document, **catalog.provenance(sha))
            yield document, understood.lessons


@contextmanager
def understanding(
    shas: Iterable[str],
    catalog: Catalog,
    store: BlobStore,
    tagger: ThemeTagger,
    log: Log,
    outcomes: dict[str, Outcome],
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    boards: BoardTable | None = None,
    memory_mb: float | None = DEFAULT_WORKER_MEMORY_MB,
) -> Iterator[Iterator[tuple[DocumentRecord, list[LessonRecord]]]]:
    """The index records of stored documents, understood in worker processes (both cores,
    a time and a memory limit per document; each one's outcome lands in `outcomes`). The
    workers start on entry: enter before locking the index for writing."""
    tasks = _tasks(shas, catalog, store, outcomes)
    with _pool(tasks, tagger, timeout, memory_mb, boards) as pool:
        yield _records(pool, tasks, catalog, log, outcomes)


FINGERPRINT_KEY = "understanding"
HARVESTER_DIR = Path(__file__).parent
# The code that decides what a stored document becomes in the index: every module of these
# packages, as found on disk (a module added to one is covered without a change here) ...
UNDERSTANDING_PACKAGES = ("metadata",)
# ... and these stage modules.
UNDERSTANDING_MODULES = (
    "extract",
    "textfix",
    "pages",
    "headings",
    "segment",
    "understand",
    "tagging",
    "signals",
    "workers",
)
# What the index keeps of each record is part of it too.
INDEX_MODULES = (index_analysis, index_boards, index_schema, index_segments, index_writer)


def understanding_files(root: Path = HARVESTER_DIR) -> list[Path]:
    """The understanding code under the harvester's folder `root`, in a stable order."""
    files = [root / f"{module}.py" for module in UNDERSTANDING_MODULES]
    for package in UNDERSTANDING_PACKAGES:
        found = (root / package).rglob("*.py")
        files.extend(sorted(found, key=lambda file: file.relative_to(root).as_posix()))
    return files


def understanding_fingerprint(
    tagger: ThemeTagger, boards: BoardTable | None = None, root: Path = HARVESTER_DIR
) -> str:
    """Changes whenever the parsers or the taxonomy change, so that the next sync re-applies
    them to every stored document (as `scr reindex` would)."""
    digest = hashlib.sha256()
    for file in understanding_files(root):
        # The name too, so that an added module changes the fingerprint even when empty.
        data = file.read_bytes()
        digest.update(f"{file.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    for module in INDEX_MODULES:
        digest.update(Path(module.__file__ or "").read_bytes())
    digest.update(repr(tagger.taxonomy).encode("utf-8"))
    digest.update(repr(boards if boards is not None else bundled_board_table()).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class SyncReport:
    documents: int
    removed: int
    records: int

    def summary(self) -> str:
        return (
            f"indexed {self.documents} documents ({self.records} lessons and passages), "
            f"removed {self.removed}"
        )


def _record_outcomes(catalog: Catalog, outcomes: dict[str, Outcome]) -> None:
    for sha, outcome in outcomes.items():
        catalog.record_processed(
            sha, outcome.status, outcome.reason, outcome.pages, outcome.lessons
        )


def sync_index(
    data_dir: Path,
    catalog: Catalog,
    store: BlobStore,
    tagger: ThemeTagger,
    log: Log = _stderr,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    boards: BoardTable | None = None,
    memory_mb: float | None = DEFAULT_WORKER_MEMORY_MB,
) -> SyncReport:
    """Bring the index in line with the catalog: index every current document not yet
    indexed, remove versions that are no longer current.

    The catalog records a document as processed only after the index has committed it, so
    a run killed at any point is completed by the next one."""
    fingerprint = understanding_fingerprint(tagger, boards)
    plan = plan_update(
        data_dir, catalog.meta(FINGERPRINT_KEY), fingerprint, catalog.processed_any()
    )
    if plan.rebuild:
        log(plan.reason)
        return reindex_all(
            data_dir, catalog, store, tagger, log, timeout, boards=boards, memory_mb=memory_mb
        )
    to_index, to_remove = catalog.pending()
    if not to_index and not to_remove and current_index_dir(data_dir) is not None:
        return SyncReport(0, 0, 0)
    outcomes: dict[str, Outcome] = {}
    with understanding(
        to_index, catalog, store, tagger, log, outcomes, timeout, boards, memory_mb
    ) as records:
        written = update_documents(
            data_dir, records, remove_doc_ids=[doc_id_for(s) for s in to_remove], log=log
        )
    _record_outcomes(catalog, outcomes)
    catalog.forget_processed(to_remove)
    catalog.set_meta(FINGERPRINT_KEY, fingerprint)
    return SyncReport(len(to_index), len(to_remove), written)


def reindex_all(
    data_dir: Path,
    catalog: Catalog,
    store: BlobStore,
    tagger: ThemeTagger,
    log: Log = _stderr,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    writers: int | None = None,
    boards: BoardTable | None = None,
    memory_mb: float | None = DEFAULT_WORKER_MEMORY_MB,
) -> SyncReport:
    """Rebuild the whole index from the store into a fresh folder, swapped in atomically.

    A large collection is written by several index writer processes (`writers`; by
    default as `index.writer.writer_processes` decides from the number of documents)."""
    current = catalog.current_blobs()
    outcomes: dict[str, Outcome] = {}
    if writers is None:
        writers = writer_processes(len(current))
    with understanding(
        current, catalog, store, tagger, log, outcomes, timeout, boards, memory_mb
    ) as records:
        written = rebuild(data_dir, records, writers, log=log)
    catalog.clear_processed()
    _record_outcomes(catalog, outcomes)
    catalog.set_meta(FINGERPRINT_KEY, understanding_fingerprint(tagger, boards))
    return SyncReport(len(current), 0, written)
