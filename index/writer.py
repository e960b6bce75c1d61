"""Writing lessons into the index: incremental updates per document, and full rebuilds.

One process writes at a time: it holds `index/write.lock` (an flock, so the system lets go
of it when the process dies) with its process id written inside. A lock file still naming
a process when the next writer takes it was left by a run that was killed: it is cleared
and said so.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index, LockError
from whoosh.writing import SegmentWriter

from index.analysis import Analysed
from index.fields import document_values, record_values
from index.location import activate, current_index_dir, index_root, new_build_dir
from index.records import DocumentRecord, LessonRecord
from index.schema import DOCUMENTS, build_document_schema, build_schema
from index.segments import IndexWriteError, write_in_processes
from index.whoosh3 import check_version
from index.whoosh3.writing import PooledSegmentWriter

DocumentBatch = Iterable[tuple[DocumentRecord, list[LessonRecord]]]
Log = Callable[[str], None]
WRITE_LOCK = "write.lock"


class IndexLockedError(IndexWriteError):
    """Another process is writing the index."""


def _quiet(_message: str) -> None:
    pass


def _holders(path: Path) -> list[int]:
    """The processes that have `path` open (Linux; others: none known)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if any(Path(os.readlink(fd)) == path for fd in (entry / "fd").iterdir()):
                found.append(int(entry.name))
    return sorted(found)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _locked_message(path: Path, named: str) -> str:
    pid = int(named) if named.isdigit() else None
    if pid is not None and _running(pid):
        return f"the index is being written by process {pid} ({path}); try again when it ends"
    others = [p for p in _holders(path) if p != os.getpid()]
    held = f" by process {', '.join(map(str, others))}" if others else ""
    left = f", left behind by process {pid} which is no longer running" if pid else ""
    return f"the index write lock {path} is held{held}{left}; stop it and try again"


@contextlib.contextmanager
def write_lock(data_dir: Path, log: Log = _quiet) -> Iterator[None]:
    """Hold the index's write lock for the block; IndexLockedError when another process
    holds it. The descriptor is not inherited by programs this process runs."""
    root = index_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    path = root / WRITE_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLockedError(_locked_message(path, _read(fd))) from None
        stale = _read(fd)
        if stale:
            log(f"cleared a stale index write lock left by process {stale}: {path}")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read(fd: int) -> str:
    return os.pread(fd, 64, 0).decode("ascii", errors="replace").strip()


def _segment_writer(ix: Index, lock: bool = True) -> SegmentWriter:
    # Separate segment files, not one compound file: a reader of a compound file copies
    # each part into memory, a reader of plain files reads them where they lie.
    return PooledSegmentWriter(ix, compound=False, _lk=lock)


def _lesson_fields(doc: DocumentRecord, lesson: LessonRecord) -> dict[str, object]:
    return record_values(doc, lesson)


def _document_fields(
    doc: DocumentRecord, lessons: list[LessonRecord], text: str | None = None
) -> dict[str, object]:
    values = document_values(doc, lessons)
    if text is not None:  # the records' texts joined with their analysis (Analysed)
        values["text"] = text
    return values


def _create(path: Path) -> tuple[Index, Index]:
    lessons = whoosh_index.create_in(str(path), build_schema())
    documents = whoosh_index.create_in(str(path), build_document_schema(), indexname=DOCUMENTS)
    return lessons, documents


def _open_or_create(data_dir: Path) -> tuple[Index, Index]:
    path = current_index_dir(data_dir)
    if path is not None and whoosh_index.exists_in(str(path)):
        lessons = whoosh_index.open_dir(str(path))
        if whoosh_index.exists_in(str(path), indexname=DOCUMENTS):
            return lessons, whoosh_index.open_dir(str(path), indexname=DOCUMENTS)
        return lessons, whoosh_index.create_in(
            str(path), build_document_schema(), indexname=DOCUMENTS
        )
    build = new_build_dir(data_dir)
    indexes = _create(build)
    activate(data_dir, build)
    return indexes


@dataclass(frozen=True)
class UpdatePlan:
    """Whether the next update rebuilds the whole index from the store, and why."""

    rebuild: bool
    reason: str = ""


def plan_update(
    data_dir: Path, understood_with: str | None, understanding: str, indexed_any: bool
) -> UpdatePlan:
    """Rebuild when the index's schema is older than this version's, or when the documents
    in it were understood otherwise than they are now (`understood_with`, recorded at the
    last update, differs from `understanding`); else update it document by document."""
    if not schema_is_current(data_dir):
        return UpdatePlan(
            True, "the index was built by an older version: rebuilding it from the store"
        )
    if understood_with != understanding and (understood_with or indexed_any):
        return UpdatePlan(
            True, "the parsers, the board table or the taxonomy changed: rebuilding the index"
        )
    return UpdatePlan(False)


def schema_is_current(data_dir: Path) -> bool:
    """False when the live index was built with an older schema (then rebuild it)."""
    path = current_index_dir(data_dir)
    if path is None or not whoosh_index.exists_in(str(path)):
        return True
    if not whoosh_index.exists_in(str(path), indexname=DOCUMENTS):
        return False
    for indexname, schema in ((None, build_schema()), (DOCUMENTS, build_document_schema())):
        ix = whoosh_index.open_dir(str(path), indexname=indexname)
        try:
            if sorted(ix.schema.names()) != sorted(schema.names()):
                return False
        finally:
            ix.close()
    return True


def _add_document(
    lesson_writer: SegmentWriter,
    document_writer: SegmentWriter,
    item: tuple[DocumentRecord, list[LessonRecord]],
) -> int:
    doc, lessons = item
    # Each record's text is analysed once: its terms serve the document-level text too.
    texts = [lesson_writer.schema["text"].analyse(lesson.text) for lesson in lessons]
    for lesson, text in zip(lessons, texts, strict=True):
        fields = _lesson_fields(doc, lesson)
        fields["text"], fields["_stored_text"] = text, lesson.text
        lesson_writer.add_document(**fields)
    document_writer.add_document(**_document_fields(doc, lessons, Analysed.joined(texts)))
    return len(lessons)


def _write(
    lessons_ix: Index,
    documents_ix: Index,
    batch: DocumentBatch,
    remove_doc_ids: Iterable[str] = (),
    replace: bool = True,
) -> int:
    written = 0
    with (
        _segment_writer(lessons_ix) as lesson_writer,
        _segment_writer(documents_ix) as document_writer,
    ):
        for doc_id in remove_doc_ids:
            lesson_writer.delete_by_term("doc_id", doc_id)
            document_writer.delete_by_term("doc_id", doc_id)
        for doc, lessons in batch:
            if replace:
                lesson_writer.delete_by_term("doc_id", doc.doc_id)
                document_writer.delete_by_term("doc_id", doc.doc_id)
            written += _add_document(lesson_writer, document_writer, (doc, lessons))
    return written


def _whoosh_locked(folder: Path) -> IndexLockedError:
    """Whoosh's own lock on `folder` is held (by a process that does not hold ours)."""
    holders = {p for lock in folder.glob("*_WRITELOCK") for p in _holders(lock)}
    holders.discard(os.getpid())
    held = f" by process {', '.join(map(str, sorted(holders)))}" if holders else ""
    return IndexLockedError(f"the index {folder} is locked for writing{held}")


def update_documents(
    data_dir: Path, batch: DocumentBatch, remove_doc_ids: Iterable[str] = (), log: Log = _quiet
) -> int:
    """Replace the lessons of each document in `batch`; drop documents in `remove_doc_ids`.

    Returns the number of lesson records written. `log` hears of a stale lock cleared.
    """
    check_version()
    with write_lock(data_dir, log):
        lessons_ix, documents_ix = _open_or_create(data_dir)
        try:
            return _write(lessons_ix, documents_ix, batch, remove_doc_ids)
        except LockError:
            raise _whoosh_locked(Path(lessons_ix.storage.folder)) from None
        finally:
            lessons_ix.close()
            documents_ix.close()


# A rebuild of this many documents or more is written by parallel processes, each writing
# segments of its own; a smaller index stays one segment per index.
PARALLEL_FROM_DOCUMENTS = 200
MAX_WRITER_PROCESSES = 4


def writer_processes(documents: int) -> int:
    """How many processes a rebuild of `documents` documents is written by."""
    if documents < PARALLEL_FROM_DOCUMENTS:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WRITER_PROCESSES))


def rebuild(data_dir: Path, batch: DocumentBatch, processes: int = 1, log: Log = _quiet) -> int:
    """Write every document into a fresh index folder, then swap it in atomically.

    With `processes` > 1, that many processes write segments side by side (a large
    collection: one segment per process and per few million postings)."""
    check_version()
    with write_lock(data_dir, log):
        return _rebuild(data_dir, batch, processes)


def _rebuild(data_dir: Path, batch: DocumentBatch, processes: int) -> int:
    build = new_build_dir(data_dir)
    lessons_ix, documents_ix = _create(build)
    try:
        if processes > 1:
            written = write_in_processes(lessons_ix, documents_ix, batch, _add_document, processes)
        else:
            written = _write(lessons_ix, documents_ix, batch, replace=False)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)  # the half-written build; the live one stays
        raise
    finally:
        lessons_ix.close()
        documents_ix.close()
    activate(data_dir, build)
    return written
