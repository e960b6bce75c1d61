"""Whoosh 3's posting lists and columns, read directly: a term's block directory, its
blocks decoded to arrays, the quantised field lengths and the integer and byte columns.
The layouts are Whoosh 3's own (`whoosh.codec.whoosh3`); `tests/test_scoring.py` checks
what is read here against Whoosh's readers."""

from __future__ import annotations

import io
import pickle
import zlib
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from index.whoosh3.arrays import ListArrays, PostingArrays

# Whoosh keeps a field's length per record as one byte, a logarithmic approximation.
LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Directory:
    """Where each posting block of a term lies in its postings (relative to their start)
    and the last record number in it."""

    __slots__ = ("file", "base", "length", "starts", "ends", "compressed", "last", "_first")

    def __init__(self, file: Any, base: int, length: int) -> None:
        self.file = file
        self.base = base
        self.length = length
        buffer = self._first = file.get(base, length)
        # Whoosh 3 postings: a 4-byte tag, then per block a big-endian int (the block's
        # length, negated for the last block), a pickled info tuple (postings, last id,
        # max weight, compression, min and max length bytes) and the block's data.
        if buffer[:4] != WHOOSH3_HEADER_MAGIC:
            raise ValueError("not a Whoosh 3 posting list")
        stream = io.BytesIO(buffer)
        position = 4
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.compressed: list[int] = []
        last: list[int] = []
        while True:
            length = int.from_bytes(buffer[position : position + 4], "big", signed=True)
            stream.seek(position + 4)
            _count, last_id, _weight, compression, _low, _high = pickle.load(stream)
            end = position + 4 + abs(length)
            self.starts.append(stream.tell())
            self.ends.append(end)
            self.compressed.append(compression)
            last.append(last_id)
            if length < 0:
                break
            position = end
        self.last = np.array(last, dtype=np.int64)

    def release(self) -> None:
        """Lets go of the posting list read to find the blocks (looked up ahead of need, a
        long list is read again, or a block at a time, when a search wants it)."""
        self._first = None

    def source(self, blocks: int) -> Any:
        """Where to read `blocks` of the blocks from: the whole posting list (read for
        this directory, or again when most blocks are wanted), or block by block."""
        first, self._first = self._first, None
        if first is not None:
            return first
        if blocks * 4 < len(self.starts):
            return Blocks(self.file, self.base)
        return self.file.get(self.base, self.length)

    def block(self, buffer: bytes, index: int) -> tuple[Any, Any, Any]:
        """(ids as differences, weights, values) of one block, as Whoosh pickled them."""
        data = buffer[self.starts[index] : self.ends[index]]
        if self.compressed[index]:
            data = zlib.decompress(data)
        return pickle.loads(data)


def plain_integer_column(reader: Any, name: str) -> bool:
    """Whether a segment's column `name` is a plain integer column, read at once."""
    from whoosh.columns import NumericColumn

    field = reader.schema[name]
    raw = reader.column_reader(name, translate=False)
    return (
        isinstance(raw, NumericColumn.Reader)
        and getattr(field, "numtype", None) is int
        and not getattr(field, "decimal_places", 0)
        and raw._typecode in "bBhHiI"
    )


def numeric_column(reader: Any, name: str) -> np.ndarray:
    """An integer column of every record of a segment, as Whoosh's column reader gives it
    (read from the column's bytes at once when it is a plain integer column)."""
    count = reader.doc_count_all()
    if not plain_integer_column(reader, name):
        return np.fromiter(reader.column_reader(name), dtype=np.int64, count=count)
    field = reader.schema[name]
    raw = reader.column_reader(name, translate=False)
    stored = min(raw._count, count)
    values = np.full(count, raw._default, dtype=np.int64)  # records after the last stored
    data = raw._dbfile.get(raw._basepos, stored * raw._fixedlen)
    values[:stored] = np.frombuffer(data, dtype=np.dtype(">" + raw._typecode))
    if field.signed:  # whoosh.util.numeric.from_sortable
        values -= 1 << (field.bits - 1)
    return values


def byte_column(reader: Any, fieldname: str) -> np.ndarray:
    """A field's length byte for every record of a segment (0 where it has none)."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    count = reader.doc_count_all()
    out = np.zeros(count, dtype=np.uint8)
    per_doc = reader._perdoc  # the codec's per-document reader
    column = per_doc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is not None:
        stored = min(column._count, count)  # records after the last stored one are 0
        raw = column._dbfile.get(column._basepos, stored)
        out[:stored] = np.frombuffer(raw, dtype=np.uint8)
    return out


class Blocks:
    """A term's postings read a block at a time from the file (when a search needs few of
    its blocks), sliced as the bytes of the whole posting list would be."""

    def __init__(self, file: Any, start: int) -> None:
        self._file = file
        self._start = start

    def __getitem__(self, part: slice) -> bytes:
        return self._file.get(self._start + part.start, part.stop - part.start)


class Decoded:
    """A term's postings, decoded: a rare term's (inlined in its term entry), or a short
    posting list read whole once (every document-level list is short)."""

    __slots__ = ("numbers", "weights", "values")

    def __init__(self, numbers: np.ndarray, weights: np.ndarray, values: list[Any]) -> None:
        self.numbers = numbers
        self.weights = weights
        self.values = values

    @classmethod
    def of(cls, found: list[tuple[int, float, Any]]) -> Decoded:
        return cls(
            np.array([f[0] for f in found], dtype=np.int64),
            np.array([f[1] for f in found], dtype=np.float64),
            [f[2] for f in found],
        )


def found_in(ordered: np.ndarray, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `numbers` would be in `ordered` (ascending), and whether it is."""
    at = np.searchsorted(ordered, numbers.astype(ordered.dtype, copy=False))
    inside = at < len(ordered)
    inside[inside] = ordered[at[inside]] == numbers[inside]
    return at, inside


class Listed:
    """A long posting list whose record numbers, weights and positions the segment also
    keeps as arrays (index/whoosh3/arrays.py); its blocks are read only when they are
    not there (positions of a field written without them)."""

    __slots__ = ("_arrays", "_file", "_base", "_length", "_directory")

    def __init__(self, arrays: ListArrays, file: Any, base: int, length: int) -> None:
        self._arrays = arrays
        self._file = file
        self._base = base
        self._length = length
        self._directory: Directory | None = None

    @property
    def has_positions(self) -> bool:
        return self._arrays.ends is not None

    def directory(self) -> Directory:
        """Where its blocks lie (read when first asked)."""
        if self._directory is None:
            self._directory = Directory(self._file, self._base, self._length)
        return self._directory

    def _where(self, universe: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where in the universe the numbers that have a posting here are, and where
        each posting is."""
        at, inside = found_in(self._arrays.ids, universe)
        return np.flatnonzero(inside), at[inside]

    def places(self, universe: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where in the universe (ascending numbers) its postings are, and their weights."""
        places, at = self._where(universe)
        return places, self._arrays.weights[at].astype(np.float64)

    def within(self, universe: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        """Record numbers (ascending) and weights of its postings in the universe (None:
        all of them)."""
        weights = self._arrays.weights
        if universe is None:
            return self._arrays.ids.astype(np.int64), weights.astype(np.float64)
        places, at = self._where(universe)
        return universe[places], weights[at].astype(np.float64)

    def positions(self, universe: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For its postings in the universe: record numbers (ascending), how many
        positions each has, and their positions, record after record."""
        ends = self._arrays.ends
        assert ends is not None  # (has_positions)
        places, at = self._where(universe)
        numbers = universe[places]
        stop = ends[at].astype(np.int64)
        begin = np.zeros(len(at), dtype=np.int64)
        later = at > 0
        begin[later] = ends[at[later] - 1]
        counts = stop - begin
        # every position of those postings: each posting's run, one after another
        within = np.arange(int(counts.sum()), dtype=np.int64)
        within += np.repeat(begin - (np.cumsum(counts) - counts), counts)
        return numbers, counts, self._arrays.positions[within].astype(np.int64)


_UNREAD = object()  # a term's entry not looked up yet


def term_info(reader: Any, fieldname: str, text: bytes) -> Any | None:
    """A term's entry in a segment's term file (None: the segment lacks the term)."""
    try:
        return reader.term_info(fieldname, text)  # one lookup in the term file
    except TermNotFound:
        return None


def load_postings(
    reader: Any,
    fieldname: str,
    text: bytes,
    arrays: PostingArrays | None = None,
    info: Any = _UNREAD,
) -> Directory | Decoded | Listed | None:
    """How to read a term's postings in a segment (None: the segment lacks the term);
    `info`: its entry, when it was looked up already."""
    if info is _UNREAD:
        info = term_info(reader, fieldname, text)
    if info is None:
        return None
    if info.is_inlined():  # a rare term's postings, kept in its entry
        ids, weights, values = info.inlined_postings()
        return Decoded.of(list(zip(ids, weights, values, strict=True)))
    offset, length = info.extent()
    if isinstance(length, tuple):  # Whoosh's term info keeps it as struct.unpack left it
        length = length[0]
    file = reader._terms._postfile
    found = arrays.get(offset) if arrays is not None else None
    if found is not None:
        return Listed(found, file, offset, length)
    return Directory(file, offset, length)


def contiguous_records(
    reader: Any, fieldname: str, text: bytes, info: Any = _UNREAD
) -> np.ndarray | None:
    """The record numbers of a term whose records follow one another (a document's
    records, by their doc_id), from its term entry alone: first, last and how many."""
    if info is _UNREAD:
        info = term_info(reader, fieldname, text)
    if info is None:
        return np.zeros(0, dtype=np.int64)
    first, last, count = info.min_id(), info.max_id(), info.doc_frequency()
    if first is None or last is None or last - first + 1 != count:
        return None
    return np.arange(first, last + 1, dtype=np.int64)


def posting_arrays(ids: Any, weights: Any) -> tuple[np.ndarray, np.ndarray]:
    """A block's record numbers (stored as differences) and weights as arrays."""
    numbers = np.cumsum(np.array(ids, dtype=np.int64))
    if weights is None:
        values = np.ones(len(numbers), dtype=np.float64)
    elif isinstance(weights, float):
        values = np.full(len(numbers), weights, dtype=np.float64)
    else:
        values = np.array(weights, dtype=np.float64)
    return numbers, values
