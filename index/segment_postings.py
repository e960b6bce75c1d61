"""One segment's postings as the array scorer (`index/scoring.py`) reads them.

A term's postings are read from the segment's posting arrays where it has them
(`index/whoosh3/arrays.py`), from its term entry for a rare term, or else from Whoosh's
blocks, only those that can hold a chosen record, kept decoded between searches. The
segment also keeps its term entries, its field lengths and which records are live, and
gives a word's positions in chosen records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from index.lru import LRU
from index.whoosh3.arrays import PostingArrays
from index.whoosh3.encoding import positions_decoder
from index.whoosh3.postings import (
    LENGTHS,
    Decoded,
    Directory,
    Listed,
    byte_column,
    found_in,
    load_postings,
    posting_arrays,
    term_info,
)

# Terms whose block directory (where each posting block starts, and its last record
# number) is kept between searches, per segment: finding the block of a record is then a
# binary search, with no term lookup and no walk through the block headers before it.
DIRECTORIES = 4096
# A posting list looked up ahead of need keeps the bytes read to find its blocks when
# it is no longer than this (most are; a common word's runs to megabytes).
KEPT_LIST_BYTES = 16 * 1024
# Decoded posting blocks kept (~7 KB each with positions). Searches share words: at
# 1,000 reports 200 different queries read about 12,000 blocks between them, and with
# 8,000 kept a search took a quarter longer at the median.
KEPT_BLOCKS = 16_000
# Term file entries kept per segment (a search's terms are looked up several times: for
# the score bounds, the rarest word, the postings).
TERM_INFOS = 32_768
# A posting list read whole and no longer than this is kept decoded (every list of the
# document-level index of a national collection, ~2,000 documents).
DECODED_POSTINGS = 2500

_UNSEEN = object()  # a term not looked up yet in a segment
_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64), [])

# A segment's reader -> a factor per record its score is multiplied by (or None).
FinalFactors = Callable[[Any], "np.ndarray | None"]
# Decoded posting blocks by (segment offset, field, term, block), shared by a searcher's
# segments.
Blocks = LRU[tuple[int, str, bytes, int], tuple[Any, Any, Any]]


def has_positions(schema: Any, fieldname: str) -> bool:
    """Whether a field of the schema keeps its words' positions."""
    field = schema[fieldname] if fieldname in schema.names() else None
    return bool(field is not None and field.format and field.format.supports("positions"))


@dataclass(frozen=True)
class Positions:
    """One word's positions in chosen records (each holding it): record i's are
    flat[ends[i]:ends[i + 1]], ascending."""

    ends: np.ndarray
    flat: np.ndarray

    def of(self, i: int) -> list[int]:
        return self.flat[self.ends[i] : self.ends[i + 1]].tolist()


class Segment:
    """One segment of an index: its searcher, and what is read of it once per searcher."""

    def __init__(
        self,
        searcher: Searcher,
        offset: int,
        final: FinalFactors | None,
        directories: int,
        blocks: Blocks,
    ) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.count = self.reader.doc_count_all()
        self.live: np.ndarray | None = None  # False for deleted records
        if self.reader.has_deletions():
            self.live = np.ones(self.count, dtype=bool)
            self.live[list(self.reader.deleted_docs_set)] = False
        self.factors = final(self.reader) if final else None
        self._lengths: dict[str, np.ndarray] = {}
        # How to read each term's postings, for the terms searched last.
        self._readers_of: LRU[tuple[str, bytes], Any] = LRU(directories)
        # Its long posting lists' numbers, weights and positions as arrays, where it has them.
        self.arrays = PostingArrays.of(self.reader)
        self._infos: LRU[tuple[str, bytes], Any] = LRU(TERM_INFOS)
        self._blocks = blocks

    def info(self, fieldname: str, text: bytes) -> Any | None:
        """A term's entry in the segment's term file (None: the segment lacks it)."""
        return self._infos.get_or_make((fieldname, text), lambda key: term_info(self.reader, *key))

    def lengths(self, fieldname: str) -> np.ndarray:
        found = self._lengths.get(fieldname)
        if found is None:
            found = self._lengths[fieldname] = LENGTHS[byte_column(self.reader, fieldname)]
        return found

    def _load(self, fieldname: str, text: bytes) -> Any:
        return load_postings(self.reader, fieldname, text, self.arrays, self.info(fieldname, text))

    def loaded(self, fieldname: str, text: bytes) -> Any:
        """How to read a term's postings (looked up once, then kept)."""
        key = (fieldname, text)
        postings = self._readers_of.get(key, _UNSEEN)
        if postings is _UNSEEN:
            postings = self._readers_of.put(key, self._load(fieldname, text))
        return postings

    def prepare(self, fieldname: str, text: bytes) -> bool:
        """Looks up a term's postings ahead of the searches that will need them, unless
        they were already; whether it was looked up now and the segment holds it."""
        key = (fieldname, text)
        if self._readers_of.get(key, _UNSEEN) is not _UNSEEN:
            return False
        found = self._readers_of.put(key, self._load(fieldname, text))
        if isinstance(found, Directory) and found.length > KEPT_LIST_BYTES:
            found.release()
        return found is not None

    def read(
        self, universe: np.ndarray | None, fieldname: str, text: bytes, values: bool
    ) -> tuple[np.ndarray, np.ndarray, list[Any]]:
        """Record numbers (ascending, within the segment), weights and values of a term's
        postings, from the blocks that can hold a number of the universe (None: all)."""
        if universe is not None and len(universe) == 0:
            return _EMPTY
        postings = self.loaded(fieldname, text)
        if postings is None:
            return _EMPTY
        if isinstance(postings, Decoded):
            return postings.numbers, postings.weights, postings.values
        if isinstance(postings, Listed):
            if not values:
                return (*postings.within(universe), [])
            postings = postings.directory()
        if universe is None:
            wanted = list(range(len(postings.last)))
        else:
            # The block of each universe number: the first whose last number is not
            # below it. The universe is ascending, so its blocks are too: each kept once
            # where it changes (np.unique would sort them again).
            blocks = np.searchsorted(postings.last, universe)
            if len(blocks):
                changes = np.empty(len(blocks), dtype=bool)
                changes[0] = True
                np.not_equal(blocks[1:], blocks[:-1], out=changes[1:])
                blocks = blocks[changes]
            wanted = blocks[blocks < len(postings.last)].tolist()
        source = postings.source(len(wanted))
        if not wanted:
            return _EMPTY
        parts_n: list[np.ndarray] = []
        parts_w: list[np.ndarray] = []
        found_values: list[Any] = []
        for index in wanted:
            block_key = (self.offset, fieldname, text, index)
            found = self._blocks.get(block_key)
            if found is None:
                ids, weights, block_values = postings.block(source, index)
                numbers, block_weights = posting_arrays(ids, weights)
                self._blocks.put(block_key, (numbers, block_weights, block_values))
            else:
                numbers, block_weights, block_values = found
            parts_n.append(numbers)
            parts_w.append(block_weights)
            if values:
                found_values.extend(block_values)
        numbers = parts_n[0] if len(parts_n) == 1 else np.concatenate(parts_n)
        weights = parts_w[0] if len(parts_w) == 1 else np.concatenate(parts_w)
        if (
            len(wanted) == len(postings.last)
            and len(numbers) <= DECODED_POSTINGS
            and (values or not has_positions(self.reader.schema, fieldname))
        ):
            self._readers_of.put((fieldname, text), Decoded(numbers, weights, found_values))
        return numbers, weights, found_values

    def positions(self, narrowed: np.ndarray, fieldname: str, text: bytes) -> Positions:
        """A word's positions in these records (each of which holds it): from the
        segment's arrays, or else decoded from the blocks that hold the records."""
        postings = self.loaded(fieldname, text)
        if isinstance(postings, Listed) and postings.has_positions:
            _numbers, counts, flat = postings.positions(narrowed)
        else:
            numbers, _weights, values = self.read(narrowed, fieldname, text, True)
            _at, inside = found_in(narrowed, numbers)
            decode = positions_decoder(self.reader.schema[fieldname].format)
            decoded = [decode(v) for v, keep in zip(values, inside.tolist(), strict=True) if keep]
            counts = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
            flat = np.fromiter(chain.from_iterable(decoded), dtype=np.int64)
        ends = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=ends[1:])
        return Positions(ends, flat)
