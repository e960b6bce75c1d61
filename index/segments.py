"""Writing index segments: postings pooled in memory and written a term at a time, and
the segments of a full rebuild written by several processes at once."""

from __future__ import annotations

import contextlib
import multiprocessing
from array import array
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from whoosh.index import Index
from whoosh.writing import SegmentWriter

# A process starts a new segment past this many postings in its pool (~130 bytes each).
SEGMENT_POSTINGS = 8_000_000

Item = TypeVar("Item")
# Adds one item to the record-level and the document-level writer; returns records added.
AddItem = Callable[[SegmentWriter, SegmentWriter, Any], int]


class IndexWriteError(RuntimeError):
    """A writer process failed: the build is abandoned, the live index is untouched."""


class MemoryPool:
    """A segment's postings, grouped by term as they are added.

    Whoosh's own pool sorts every posting as one tuple and, past `limitmb`, pickles each
    to a temporary run file and merges the runs back at commit. Postings arrive in
    document order, so grouping them by term leaves only the terms to sort.
    """

    def __init__(self) -> None:
        self._terms: dict[tuple[str, bytes], list[tuple[int, float, bytes | None]]] = {}
        self.postings = 0

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        postings = self._terms.get(key)
        if postings is None:
            self._terms[key] = [(docnum, weight, vbytes)]
        else:
            postings.append((docnum, weight, vbytes))
        self.postings += 1

    def terms(self) -> Iterable[tuple[str, bytes, list[tuple[int, float, bytes | None]]]]:
        """(field name, term, postings in document order) in the order a segment wants."""
        terms = self._terms
        for key in sorted(terms):
            postings = terms[key]
            # In document order already, but for the spelling words (all of document 0),
            # which Whoosh's pool orders by the rest of the posting.
            postings.sort()
            yield key[0], key[1], postings

    def iter_postings(self) -> Iterable[tuple[str, bytes, int, float, bytes | None]]:
        for fieldname, tbytes, postings in self.terms():
            for docnum, weight, vbytes in postings:
                yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        self._terms.clear()
        self.postings = 0


class PooledSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with a MemoryPool, writing each term's postings a block at
    a time rather than one posting per call."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = MemoryPool()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        try:
            _write_terms(self.fieldwriter, self.schema, lengths, self.pool, self.docnum)
        finally:
            lengths.close()
        self.fieldwriter.close()


def _write_terms(
    fieldwriter: Any, schema: Any, lengths: Any, pool: MemoryPool, doc_count: int
) -> None:
    """What `FieldWriter.add_postings` writes (whoosh.codec.whoosh3), with each block's
    ids, weights, values and length bounds set from the term's postings at once."""
    current = None
    field_lengths: list[int | None] | None = None
    for fieldname, tbytes, postings in pool.terms():
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            current = fieldname
            field_lengths = None
            if field.scorable:
                length_of = lengths.doc_field_length_reader(fieldname)
                field_lengths = [length_of(d) for d in range(doc_count)]
        fieldwriter.start_term(tbytes)
        block = fieldwriter._postwriter
        limit = block._blocklimit
        for start in range(0, len(postings), limit):
            if start:
                block._write_block()  # the block before is full
            chunk = postings[start : start + limit]
            ids = [p[0] for p in chunk]
            weights = [p[1] for p in chunk]
            block._ids = array("I", ids)
            block._weights = array("f", weights)
            block._values = [p[2] for p in chunk if p[2]]
            block._maxweight = max(0, max(weights))
            if field_lengths is not None:
                known = [n for n in (field_lengths[d] for d in ids) if n]
                if known:
                    block._minlength = min(known)
                    block._maxlength = max(known)
        fieldwriter.finish_term()
    if current is not None:
        fieldwriter.finish_field()


def _writer(ix: Index) -> PooledSegmentWriter:
    return PooledSegmentWriter(ix, compound=False, _lk=False)


def _finish(writer: PooledSegmentWriter) -> Any:
    # Not writer._finish(): it would empty the temporary folder the index's writers share
    # (the other processes' files too); the parent's commit removes it at the end.
    return writer._finalize_segment()


def _write_segments(conn: Connection, indexes: tuple[Index, Index], add: AddItem) -> None:
    """A writer process: items from `conn` into segments of both indexes; sends back the
    records written and the finished segments of each index."""
    try:
        written = 0
        done: tuple[list[Any], list[Any]] = ([], [])
        writers = [_writer(ix) for ix in indexes]
        while (item := conn.recv()) is not None:
            written += add(writers[0], writers[1], item)
            for k, writer in enumerate(writers):
                if writer.pool.postings >= SEGMENT_POSTINGS:
                    done[k].append(_finish(writer))
                    writers[k] = _writer(indexes[k])
        for k, writer in enumerate(writers):
            if writer.docnum:
                done[k].append(_finish(writer))
            else:
                writer._close_segment()
        conn.send(("ok", written, done))
    except BaseException as exc:  # reported to the parent, which abandons the build
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}", None))


def _failure(workers: list[tuple[Any, Connection]]) -> str:
    """Why a writer process stopped taking documents: its own report, when it sent one."""
    for _process, conn in workers:
        with contextlib.suppress(EOFError, OSError):
            if conn.poll(5):
                status, message, _ = conn.recv()
                if status != "ok":
                    return f"an index writer process failed: {message}"
    return "an index writer process died"


def write_in_processes(
    lessons_ix: Index,
    documents_ix: Index,
    items: Iterable[Item],
    add: AddItem,
    processes: int,
) -> int:
    """Write `items` into a fresh pair of indexes with `processes` writer processes, each
    writing its own segments, then commit every segment (no merge: merging would write
    every posting again). Items go round-robin, so a document's records stay together
    in one segment. Returns the records written."""
    context = multiprocessing.get_context("fork")  # the children inherit `add` and the indexes
    workers: list[tuple[Any, Connection]] = []
    try:
        for _ in range(processes):
            parent, child = context.Pipe()
            process = context.Process(
                target=_write_segments, args=(child, (lessons_ix, documents_ix), add), daemon=True
            )
            process.start()
            child.close()
            workers.append((process, parent))
        try:
            for i, item in enumerate(items):
                workers[i % processes][1].send(item)
            for _process, conn in workers:
                conn.send(None)
            results = [conn.recv() for _process, conn in workers]
        except (EOFError, OSError):
            raise IndexWriteError(_failure(workers)) from None
    finally:
        for process, conn in workers:
            conn.close()
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
                process.join()
    errors = [message for status, message, _ in results if status != "ok"]
    if errors:
        raise IndexWriteError(f"an index writer process failed: {errors[0]}")
    written = sum(count for _status, count, _ in results)
    for k, ix in enumerate((lessons_ix, documents_ix)):
        writer = SegmentWriter(ix, compound=False)  # holds the index's lock while it commits
        writer._close_segment()
        writer._commit_toc([segment for _, _, done in results for segment in done[k]])
        writer._finish()
    return written
