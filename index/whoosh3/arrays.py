"""A segment's long posting lists as flat arrays, in a file beside Whoosh's own.

Whoosh keeps a term's postings as pickled, compressed blocks of about 128 records, with
each record's positions. Scoring without positions (every plain word, and the bound read
of the exact ranking, `index/maxscore.py`) needs only the records' numbers and weights,
yet decoding a common word's blocks to get them was most of a slow search's time. So
when a segment is written (`index/whoosh3/writing.py`), every posting list longer than
one block is also written as two arrays, record numbers and weights, into
`<segment>.arr`; a search reads them where they lie (memory-mapped) and decodes blocks
only for positions. A segment without the file (written by an older version) or with a
damaged one is read from its blocks as before.

Layout, little-endian: the magic bytes, the number of lists n and of postings t (int64
each), then each list's start in the segment's posting file (int64[n], ascending, as
Whoosh's term file gives it), where each list's postings start in the arrays
(int64[n + 1]), the record numbers (uint32[t]) and the weights (float32[t], as Whoosh's
blocks store them).
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Sequence
from typing import Any

import numpy as np

EXTENSION = ".arr"
MAGIC = b"SCRARR01"
_HEADER = len(MAGIC) + 16


class ArrayWriter:
    """Collects a segment's long posting lists as they are written, then writes them."""

    def __init__(self) -> None:
        self._keys: list[int] = []
        self._ids: list[np.ndarray] = []
        self._weights: list[np.ndarray] = []
        self._count = 0

    def add(self, offset: int, ids: array, weights: Sequence[float]) -> None:
        """A posting list that starts at `offset` in the posting file."""
        self._keys.append(offset)
        self._ids.append(np.frombuffer(ids, dtype=np.uint32).astype("<u4", copy=False))
        self._weights.append(np.asarray(weights, dtype="<f4"))
        self._count += len(ids)

    def write(self, file: Any) -> None:
        n = len(self._keys)
        starts = np.zeros(n + 1, dtype="<i8")
        np.cumsum([len(ids) for ids in self._ids], out=starts[1:])
        file.write(MAGIC)
        file.write(np.array([n, self._count], dtype="<i8").tobytes())
        file.write(np.array(self._keys, dtype="<i8").tobytes())
        file.write(starts.tobytes())
        for ids in self._ids:
            file.write(ids.tobytes())
        for weights in self._weights:
            file.write(weights.tobytes())


class PostingArrays:
    """A segment's long posting lists, by where each starts in the posting file."""

    def __init__(self, buffer: Any) -> None:
        if bytes(buffer[: len(MAGIC)]) != MAGIC:
            raise ValueError("not a posting arrays file")
        n, total = (int(x) for x in np.frombuffer(buffer, dtype="<i8", count=2, offset=8))
        at = _HEADER
        self.keys = np.frombuffer(buffer, dtype="<i8", count=n, offset=at)
        at += 8 * n
        self.starts = np.frombuffer(buffer, dtype="<i8", count=n + 1, offset=at)
        at += 8 * (n + 1)
        self.ids = np.frombuffer(buffer, dtype="<u4", count=total, offset=at)
        at += 4 * total
        self.weights = np.frombuffer(buffer, dtype="<f4", count=total, offset=at)
        if at + 4 * total != len(buffer) or (n and int(self.starts[-1]) != total):
            raise ValueError("a posting arrays file of the wrong length")

    @classmethod
    def of(cls, reader: Any) -> PostingArrays | None:
        """The arrays written with a segment reader's segment; None when it has none or
        they cannot be read (its blocks are read instead)."""
        return cls.open(reader._storage, reader._segment)

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

    def get(self, offset: int) -> tuple[np.ndarray, np.ndarray] | None:
        """(record numbers, weights) of the list starting at `offset`, if it is here."""
        at = int(np.searchsorted(self.keys, offset))
        if at == len(self.keys) or int(self.keys[at]) != offset:
            return None
        start, end = int(self.starts[at]), int(self.starts[at + 1])
        return self.ids[start:end], self.weights[start:end]
