"""Writing lessons into the index: incremental updates per document, and full rebuilds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.writing import SegmentWriter

from index.analysis import Analysed
from index.fields import document_values, record_values
from index.location import activate, current_index_dir, new_build_dir
from index.records import DocumentRecord, LessonRecord
from index.schema import DOCUMENTS, build_document_schema, build_schema
from index.segments import write_in_processes
from index.whoosh3 import check_version
from index.whoosh3.writing import PooledSegmentWriter

DocumentBatch = Iterable[tuple[DocumentRecord, list[LessonRecord]]]


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


def update_documents(
    data_dir: Path, batch: DocumentBatch, remove_doc_ids: Iterable[str] = ()
) -> int:
    """Replace the lessons of each document in `batch`; drop documents in `remove_doc_ids`.

    Returns the number of lesson records written.
    """
    check_version()
    lessons_ix, documents_ix = _open_or_create(data_dir)
    try:
        return _write(lessons_ix, documents_ix, batch, remove_doc_ids)
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


def rebuild(data_dir: Path, batch: DocumentBatch, processes: int = 1) -> int:
    """Write every document into a fresh index folder, then swap it in atomically.

    With `processes` > 1, that many processes write segments side by side (a large
    collection: one segment per process and per few million postings)."""
    check_version()
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
