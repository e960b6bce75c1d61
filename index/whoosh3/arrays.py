"""A segment's long posting lists as flat arrays, in a file beside Whoosh's own.

Whoosh keeps a term's postings as pickled, compressed blocks of about 128 records, with
each record's positions. Scoring needs the records' numbers and weights, and for phrases
and proximity the positions of a few records; decoding a common word's blocks to get
them was most of a slow search's time. So when a segment is written
(`index/whoosh3/writing.py`), every posting list longer than one block is also written
as arrays (record numbers, weights, and for a field with positions each record's
positions) into `<segment>.arr`; a search reads them where they lie (memory-mapped). A
segment without the file (written by an older version) or with a damaged one is read
from its blocks as before.

Layout, little-endian: the magic bytes; the number of lists n, of postings t and of
positions p (int64 each); each list's start in the segment's posting file (int64[n],
ascending, as Whoosh's term file gives it); where each list's postings start (int64[n +
1]); where each list's positions start (int64[n + 1]; a list without positions has
none); the record numbers (uint32[t]); the weights (float32[t], as Whoosh's blocks store
them); for each posting, where its positions end within its list's (uint32[t]); the
positions (uint32[p]).
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

EXTENSION = ".arr"
MAGIC = b"SCRARR02"
_HEADER = len(MAGIC) + 24
_NO_POSITIONS = np.zeros(0, dtype="<u4")


class ArrayWriter:
    """Collects a segment's long posting lists as they are written, then writes them."""

    def __init__(self) -> None:
        self._keys: list[int] = []
        self._ids: list[np.ndarray] = []
        self._weights: list[np.ndarray] = []
        self._ends: list[np.ndarray] = []
        self._positions: list[np.ndarray] = []

    def add(
        self,
        offset: int,
        ids: array,
        weights: Sequence[float],
        positions: Sequence[Sequence[int]] | None = None,
    ) -> None:
        """A posting list that starts at `offset` in the posting file, with each
        posting's positions where its field keeps them."""
        self._keys.append(offset)
        self._ids.append(np.frombuffer(ids, dtype=np.uint32).astype("<u4", copy=False))
        self._weights.append(np.asarray(weights, dtype="<f4"))
        if positions is None:
            self._ends.append(np.zeros(len(ids), dtype="<u4"))
            self._positions.append(_NO_POSITIONS)
        else:
            counts = np.fromiter((len(p) for p in positions), dtype=np.int64, count=len(ids))
            self._ends.append(np.cumsum(counts).astype("<u4"))
            flat = [at for p in positions for at in p]
            self._positions.append(np.array(flat, dtype="<u4"))

    def write(self, file: Any) -> None:
        n = len(self._keys)
        starts = np.zeros(n + 1, dtype="<i8")
        np.cumsum([len(ids) for ids in self._ids], out=starts[1:])
        position_starts = np.zeros(n + 1, dtype="<i8")
        np.cumsum([len(p) for p in self._positions], out=position_starts[1:])
        file.write(MAGIC)
        file.write(np.array([n, starts[-1], position_starts[-1]], dtype="<i8").tobytes())
        file.write(np.array(self._keys, dtype="<i8").tobytes())
        file.write(starts.tobytes())
        file.write(position_starts.tobytes())
        for part in (self._ids, self._weights, self._ends, self._positions):
            for values in part:
                file.write(values.tobytes())


@dataclass(frozen=True)
class ListArrays:
    """One posting list: record numbers, weights, where each posting's positions end
    (None: its field keeps none) and the positions."""

    ids: np.ndarray
    weights: np.ndarray
    ends: np.ndarray | None
    positions: np.ndarray


class PostingArrays:
    """A segment's long posting lists, by where each starts in the posting file."""

    def __init__(self, buffer: Any) -> None:
        if bytes(buffer[: len(MAGIC)]) != MAGIC:
            raise ValueError("not a posting arrays file")
        head = np.frombuffer(buffer, dtype="<i8", count=3, offset=len(MAGIC))
        n, total, positions = (int(x) for x in head)
        at = _HEADER

        def take(dtype: str, count: int) -> np.ndarray:
            nonlocal at
            found = np.frombuffer(buffer, dtype=dtype, count=count, offset=at)
            at += found.nbytes
            return found

        self.keys = take("<i8", n)
        self.starts = take("<i8", n + 1)
        self.position_starts = take("<i8", n + 1)
        self.ids = take("<u4", total)
        self.weights = take("<f4", total)
        self.ends = take("<u4", total)
        self.positions = take("<u4", positions)
        if at != len(buffer) or int(self.starts[-1]) != total:
            raise ValueError("a posting arrays file of the wrong length")
        if int(self.position_starts[-1]) != positions:
            raise ValueError("a posting arrays file of the wrong length")

    @classmethod
    def of(cls, reader: Any) -> PostingArrays | None:
        """The arrays written with a segment reader's segment; None when it has none or
        they cannot be read (its blocks are read instead), or for a reader of no segment
        (an empty index)."""
        storage, segment = getattr(reader, "_storage", None), getattr(reader, "_segment", None)
        if storage is None or segment is None:
            return None
        return cls.open(storage, segment)

    @classmethod
    def open(cls, storage: Any, segment: Any) -> PostingArrays | None:
        """The arrays written with a segment in `storage` (None as above)."""
        name = segment.make_filename(EXTENSION)
        try:
            if not storage.file_exists(name):
                return None
            folder = getattr(storage, "folder", None)
            if folder is not None and storage.file_length(name) > 0:
                buffer: Any = np.memmap(os.path.join(folder, name), dtype=np.uint8, mode="r")
            else:
                with storage.open_file(name) as fh:
                    buffer = fh.read()
            return cls(buffer)
        except (OSError, ValueError):
            return None

    def get(self, offset: int) -> ListArrays | None:
        """The list starting at `offset` in the posting file, if it is here."""
        at = int(np.searchsorted(self.keys, offset))
        if at == len(self.keys) or int(self.keys[at]) != offset:
            return None
        start, end = int(self.starts[at]), int(self.starts[at + 1])
        first, last = int(self.position_starts[at]), int(self.position_starts[at + 1])
        return ListArrays(
            self.ids[start:end],
            self.weights[start:end],
            self.ends[start:end] if last > first else None,
            self.positions[first:last],
        )
