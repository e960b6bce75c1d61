"""The segments of a full rebuild, written by several processes at once (each segment
written as `index/whoosh3/writing.py` writes it)."""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from whoosh.index import Index
from whoosh.writing import SegmentWriter

from index.whoosh3.writing import (
    commit_segments,
    discard_segment,
    finish_segment,
    new_writer,
)

# A process starts a new segment past this many postings in its pool (~60 bytes each).
SEGMENT_POSTINGS = 12_000_000

Item = TypeVar("Item")
# Adds one item to the record-level and the document-level writer; returns records added.
AddItem = Callable[[SegmentWriter, SegmentWriter, Any], int]


class IndexWriteError(RuntimeError):
    """A writer process failed: the build is abandoned, the live index is untouched."""


def _write_segments(conn: Connection, indexes: tuple[Index, Index], add: AddItem) -> None:
    """A writer process: items from `conn` into segments of both indexes; sends back the
    records written and the finished segments of each index."""
    try:
        written = 0
        done: tuple[list[Any], list[Any]] = ([], [])
        writers = [new_writer(ix) for ix in indexes]
        while (item := conn.recv()) is not None:
            written += add(writers[0], writers[1], item)
            for k, writer in enumerate(writers):
                if writer.pool.postings >= SEGMENT_POSTINGS:
                    done[k].append(finish_segment(writer))
                    writers[k] = new_writer(indexes[k])
        for k, writer in enumerate(writers):
            if writer.docnum:
                done[k].append(finish_segment(writer))
            else:
                discard_segment(writer)
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
        commit_segments(ix, [segment for _, _, done in results for segment in done[k]])
    return written
