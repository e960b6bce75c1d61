"""What would make the index build faster? The product's rebuild against schema and writer
variants, on the same understood records (understanding itself is not timed here).

Usage::

    .venv/bin/python -m bench.build_variants --corpus /tmp/scr-bench-400x40/corpus --docs 30

The corpus folder is one written by ``bench.corpus`` (``bench.search_speed`` leaves one in
its work folder). Prints one line per variant: seconds, records/s, KB of text/s, and the
time projected to the corpus of ``--project`` reports (linear in text volume).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import TEXT

from bench.corpus import iter_understood, load_corpus
from index.schema import build_schema
from index.writer import _lesson_fields


def _schema(spelling: bool = True, chars: bool = True):  # noqa: ANN202
    schema = build_schema()
    if not spelling or not chars:
        schema.remove("text")
        if "spell_text" in schema:
            schema.remove("spell_text")
        schema.add(
            "text", TEXT(stored=True, analyzer=StemmingAnalyzer(), chars=chars, spelling=spelling)
        )
    return schema


VARIANTS = {
    "product (rebuild as it is)": ({}, {}),
    "text without spelling=True": ({"spelling": False}, {}),
    "text without chars=True": ({"chars": False}, {}),
    "neither spelling nor chars": ({"spelling": False, "chars": False}, {}),
    "product schema, limitmb=512": ({}, {"limitmb": 512}),
    "product schema, procs=2 (MpWriter)": ({}, {"procs": 2, "limitmb": 128}),
    "product schema, procs=2, multisegment": ({}, {"procs": 2, "multisegment": True}),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
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
    for name, (schema_args, writer_args) in VARIANTS.items():
        if args.only and not any(o in name for o in args.only):
            continue
        folder = Path(tempfile.mkdtemp(prefix="scr-build-variant-"))
        try:
            ix = whoosh_index.create_in(str(folder), _schema(**schema_args))
            start = time.perf_counter()
            writer = ix.writer(**writer_args)
            for doc, lessons in batch:
                for lesson in lessons:
                    writer.add_document(**_lesson_fields(doc, lesson))
            writer.commit()
            seconds = time.perf_counter() - start
            ix.close()
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        rate = text_kb / seconds
        projected = args.project * corpus_kb_per_report / rate
        print(
            f"{name:42} {seconds:6.1f} s  {records / seconds:6.0f} records/s  "
            f"{rate:5.0f} KB/s  index {size:5.1f} MB  -> {args.project} reports "
            f"~{projected / 60:4.0f} min",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
