"""What would make the index build faster? The product's rebuild against schema and writer
variants, on the same understood records (understanding itself is not timed here).

Every variant writes both indexes the product writes: the lessons index and the
document-level index (one record per document, all its records' words). "product" is the
product's own writer (``index.writer``: plain segment files, ``compound=False``); the other
variants change the lessons schema or the writers' arguments (for both indexes), the two
marked "before" being what the product did before the two-step search: ``text`` of the
lessons with ``spelling=True`` and ``chars=True``, and compound segment files.

Usage::

    .venv/bin/python -m bench.build_variants --corpus /tmp/scr-bench-400x40/corpus --docs 30

The corpus folder is one written by ``bench.corpus`` (``bench.search_speed`` leaves one in
its work folder). Prints one line per variant: seconds, records/s, KB of text/s, and the
time projected to the corpus of ``--project`` reports (linear in text volume).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import TEXT

from bench.common import Stopwatch, command_line, folder_mb, work_folder
from bench.corpus import iter_understood, load_corpus
from index.records import DocumentRecord, LessonRecord
from index.schema import DOCUMENTS, build_document_schema, build_schema
from index.writer import _create, _document_fields, _lesson_fields, _write


def _schema(spelling: bool = False, chars: bool = False):  # noqa: ANN202
    """The product's lessons schema, with `text` indexed for spelling and/or characters."""
    schema = build_schema()
    if spelling or chars:
        schema.remove("text")  # also removes its spell_text, if any
        schema.add(
            "text", TEXT(stored=True, analyzer=StemmingAnalyzer(), chars=chars, spelling=spelling)
        )
    return schema


PRODUCT = "product (rebuild as it is)"
VARIANTS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    PRODUCT: ({}, {}),
    "before: lessons text with spelling=True and chars=True": (
        {"spelling": True, "chars": True},
        {},
    ),
    "before: compound segment files": ({}, {"compound": True}),
    "product schema, limitmb=512": ({}, {"limitmb": 512}),
    "product schema, procs=2 (MpWriter)": ({}, {"procs": 2, "limitmb": 128}),
    "product schema, procs=2, multisegment": ({}, {"procs": 2, "multisegment": True}),
}


Batch = list[tuple[DocumentRecord, list[LessonRecord]]]


def _build(
    folder: Path,
    batch: Batch,
    schema_args: dict[str, Any],
    writer_args: dict[str, Any],
    product: bool,
) -> None:
    if product:
        lessons_ix, documents_ix = _create(folder)
        try:
            _write(lessons_ix, documents_ix, batch, replace=False)
        finally:
            lessons_ix.close()
            documents_ix.close()
        return
    lessons_ix = whoosh_index.create_in(str(folder), _schema(**schema_args))
    documents_ix = whoosh_index.create_in(str(folder), build_document_schema(), indexname=DOCUMENTS)
    kwargs = {"compound": False, **writer_args}
    try:
        lesson_writer = lessons_ix.writer(**kwargs)
        document_writer = documents_ix.writer(**kwargs)
        for doc, lessons in batch:
            for lesson in lessons:
                lesson_writer.add_document(**_lesson_fields(doc, lesson))
            document_writer.add_document(**_document_fields(doc, lessons))
        lesson_writer.commit()
        document_writer.commit()
    finally:
        lessons_ix.close()
        documents_ix.close()


def _timed_build(name: str, batch: Batch) -> tuple[float, float]:
    """Seconds to write both indexes with variant `name`, and their size in MB."""
    schema_args, writer_args = VARIANTS[name]
    with work_folder(prefix="scr-build-variant-") as folder:
        clock = Stopwatch()
        _build(folder, batch, schema_args, writer_args, product=name == PRODUCT)
        return clock.seconds(), folder_mb(folder)


def main(argv: list[str] | None = None) -> int:
    parser = command_line(__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--project", type=int, default=2000, help="reports to project to")
    parser.add_argument("--only", action="append", help="run the variants whose name has this")
    args = parser.parse_args(argv)
    info, docs = load_corpus(args.corpus)
    batch = list(iter_understood(args.corpus, docs[: args.docs]))
    records = sum(len(lessons) for _d, lessons in batch)
    text_kb = sum(len(lesson.text) for _d, lessons in batch for lesson in lessons) / 1000
    corpus_kb_per_report = info.chars / 1000 / info.reports
    print(
        f"{len(batch)} documents, {records} records, {text_kb:,.0f} KB of record text; "
        f"projection to {args.project} reports of {corpus_kb_per_report:,.0f} KB each"
    )
    for name in VARIANTS:
        if args.only and not any(o in name for o in args.only):
            continue
        seconds, size = _timed_build(name, batch)
        rate = text_kb / seconds
        projected = args.project * corpus_kb_per_report / rate
        print(
            f"{name:56} {seconds:6.1f} s  {records / seconds:6.0f} records/s  "
            f"{rate:5.0f} KB/s  index {size:5.1f} MB  -> {args.project} reports "
            f"~{projected / 60:4.0f} min",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
