"""Writing lessons into the index: incremental updates per document, and full rebuilds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import Index

from index.location import activate, current_index_dir, new_build_dir
from index.records import DocumentRecord, LessonRecord
from index.schema import KINDS, build_schema

DocumentBatch = Iterable[tuple[DocumentRecord, list[LessonRecord]]]


def _lesson_fields(doc: DocumentRecord, lesson: LessonRecord) -> dict[str, object]:
    fields: dict[str, object] = {
        "lesson_id": lesson.lesson_id,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "section": lesson.section or "",
        "text": lesson.text,
        "case": doc.case or "",
        "case_key": (doc.case or "").lower(),
        "case_id": doc.case_id or "",
        "board": doc.board or "",
        "board_words": doc.board or "",
        "published": doc.published or "",
        "doc_type": doc.doc_type,
        "kind": lesson.kind,
        "kind_rank": KINDS.index(lesson.kind) if lesson.kind in KINDS else len(KINDS),
        "order": lesson.order,
        "themes": ",".join(lesson.themes),
        "source_url": doc.source_url,
        "sha256": doc.sha256,
        "online": doc.online,
    }
    if doc.year is not None:
        fields["year"] = doc.year
    if lesson.page is not None:
        fields["page"] = lesson.page
    return fields


def open_or_create(data_dir: Path) -> Index:
    path = current_index_dir(data_dir)
    if path is not None and whoosh_index.exists_in(str(path)):
        return whoosh_index.open_dir(str(path))
    build = new_build_dir(data_dir)
    ix = whoosh_index.create_in(str(build), build_schema())
    activate(data_dir, build)
    return ix


def schema_is_current(data_dir: Path) -> bool:
    """False when the live index was built with an older schema (then rebuild it)."""
    path = current_index_dir(data_dir)
    if path is None or not whoosh_index.exists_in(str(path)):
        return True
    ix = whoosh_index.open_dir(str(path))
    try:
        return sorted(ix.schema.names()) == sorted(build_schema().names())
    finally:
        ix.close()


def update_documents(
    data_dir: Path, batch: DocumentBatch, remove_doc_ids: Iterable[str] = ()
) -> int:
    """Replace the lessons of each document in `batch`; drop documents in `remove_doc_ids`.

    Returns the number of lesson records written.
    """
    ix = open_or_create(data_dir)
    written = 0
    with ix.writer() as writer:
        for doc_id in remove_doc_ids:
            writer.delete_by_term("doc_id", doc_id)
        for doc, lessons in batch:
            writer.delete_by_term("doc_id", doc.doc_id)
            for lesson in lessons:
                writer.add_document(**_lesson_fields(doc, lesson))
                written += 1
    ix.close()
    return written


def rebuild(data_dir: Path, batch: DocumentBatch) -> int:
    """Write every document into a fresh index folder, then swap it in atomically."""
    build = new_build_dir(data_dir)
    ix = whoosh_index.create_in(str(build), build_schema())
    written = 0
    with ix.writer() as writer:
        for doc, lessons in batch:
            for lesson in lessons:
                writer.add_document(**_lesson_fields(doc, lesson))
                written += 1
    ix.close()
    activate(data_dir, build)
    return written
