"""Scoring a query over chosen records with NumPy, a posting block at a time.

Whoosh scores a query through a tree of matchers, one posting at a time in Python; at
national scale that was most of a search's time. Here the same query tree is evaluated
over an array of record numbers (a search's candidate records, or every document): each
term's postings are read a block at a time, and only the blocks that can hold one of the
chosen records. The scores are Whoosh's BM25F (the same idf, average field lengths and
quantised field lengths) and the boolean nodes add them up as Whoosh's matchers do, so
rankings agree with Whoosh's; a query node with no array form here (a phrase, a range, a
wildcard) is matched by Whoosh's own matcher over the same records.

The codec's posting blocks and length columns are read directly (their layout is
Whoosh 3's); `tests/test_scoring.py` compares every score with Whoosh's own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

# Whoosh keeps a field's length per record as one byte, a logarithmic approximation.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Terms whose block directory (where each posting block starts, and its last record
# number) is kept between searches, per segment: finding the block of a record is then a
# binary search instead of a walk through every block header before it.
DIRECTORIES = 4096

# A segment's reader -> a factor per record its score is multiplied by (or None).
FinalFactors = Callable[[Any], "np.ndarray | None"]


@dataclass(frozen=True)
class Scored:
    """Matching records (global numbers, ascending) and their scores."""

    numbers: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.numbers)

    def ranked(self, limit: int | None = None) -> list[tuple[float, int]]:
        """(score, record number), best first; equal scores in record number order, as
        Whoosh's collectors order them."""
        order = np.lexsort((self.numbers, -self.scores))
        if limit is not None:
            order = order[:limit]
        return list(zip(self.scores[order].tolist(), self.numbers[order].tolist(), strict=True))


class _Directory:
    __slots__ = ("offsets", "last")

    def __init__(self, offsets: list[int], last: list[int]) -> None:
        self.offsets = offsets  # file offset of each block
        self.last = np.array(last, dtype=np.int64)  # its last record number


class _Segment:
    """One segment of an index: its searcher, and arrays read once per searcher."""

    def __init__(self, searcher: Searcher, offset: int, final: FinalFactors | None) -> None:
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
        self.directories: OrderedDict[tuple[str, bytes], _Directory] = OrderedDict()

    def lengths(self, fieldname: str) -> np.ndarray:
        found = self._lengths.get(fieldname)
        if found is None:
            found = self._lengths[fieldname] = _LENGTHS[byte_column(self.reader, fieldname)]
        return found


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


def _block(m: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """The record numbers and weights of the block a leaf matcher stands on."""
    if m._data is None:
        m._read_data()
    ids, weights = m._data[0], m._data[1]
    numbers = np.array(ids, dtype=np.int64)
    if not m._byteids:
        numbers = np.cumsum(numbers)  # stored as differences
    if weights is None:
        values = np.ones(len(numbers), dtype=np.float64)
    elif isinstance(weights, float):
        values = np.full(len(numbers), weights, dtype=np.float64)
    else:
        values = np.array(weights, dtype=np.float64)
    return numbers, values


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


class ArrayScorer:
    """Scores queries over arrays of record numbers of one searcher's index."""

    def __init__(
        self,
        searcher: Searcher,
        final: FinalFactors | None = None,
        directories: int = DIRECTORIES,
    ) -> None:
        self._searcher = searcher
        self._schema = searcher.schema
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("array scoring computes BM25F: the searcher must weigh by it")
        self._weighting = weighting
        leaves = searcher.subsearchers or [(searcher, 0)]
        self._segments = [_Segment(s, offset, final) for s, offset in leaves]
        self._directories = directories
        self.count = searcher.reader().doc_count_all()

    # ------------------------------------------------------------------ public

    def score(self, query: wq.Query, numbers: np.ndarray | None = None) -> Scored:
        """The records among `numbers` (global, ascending; None: every record) that
        match `query`, with their scores."""
        found_numbers: list[np.ndarray] = []
        found_scores: list[np.ndarray] = []
        for segment in self._segments:
            universe = self._universe(segment, numbers)
            if len(universe) == 0:
                continue
            mask, scores = self._node(segment, universe, query)
            if segment.factors is not None:
                scores = scores * segment.factors[universe]
            found_numbers.append(universe[mask] + segment.offset)
            found_scores.append(scores[mask])
        if not found_numbers:
            return Scored(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        return Scored(np.concatenate(found_numbers), np.concatenate(found_scores))

    # ------------------------------------------------------------------ evaluation

    def _universe(self, segment: _Segment, numbers: np.ndarray | None) -> np.ndarray:
        if numbers is None:
            local = np.arange(segment.count, dtype=np.int64)
        else:
            lo, hi = np.searchsorted(numbers, [segment.offset, segment.offset + segment.count])
            local = numbers[lo:hi] - segment.offset
        if segment.live is not None:
            local = local[segment.live[local]]
        return local

    def _node(
        self, segment: _Segment, universe: np.ndarray, node: wq.Query
    ) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores) over the universe for one query node."""
        kind = type(node)
        if kind is wq.Term:
            return self._term(segment, universe, node)
        if kind in (wq.Or, wq.And):
            parts = [self._node(segment, universe, sub) for sub in node.subqueries]
            if not parts:
                return np.zeros(len(universe), dtype=bool), np.zeros(len(universe))
            mask = parts[0][0].copy()
            scores = parts[0][1].copy()
            for sub_mask, sub_scores in parts[1:]:
                if kind is wq.Or:
                    mask |= sub_mask
                else:
                    mask &= sub_mask
                scores += sub_scores
            if kind is wq.And:
                scores[~mask] = 0.0
            if node.boost != 1.0:
                scores *= node.boost
            return mask, scores
        if kind is wq.Require:
            mask, scores = self._node(segment, universe, node.a)
            required, _ = self._node(segment, universe, node.b)
            mask = mask & required
            return mask, np.where(mask, scores, 0.0)
        if kind is wq.AndNot:
            mask, scores = self._node(segment, universe, node.a)
            excluded, _ = self._node(segment, universe, node.b)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0.0)
        if kind is wq.AndMaybe:
            mask, scores = self._node(segment, universe, node.a)
            _, extra = self._node(segment, universe, node.b)
            return mask, np.where(mask, scores + extra, 0.0)
        if node is wq.NullQuery:
            return np.zeros(len(universe), dtype=bool), np.zeros(len(universe))
        return self._by_matcher(segment, universe, node)

    def _term(
        self, segment: _Segment, universe: np.ndarray, node: wq.Term
    ) -> tuple[np.ndarray, np.ndarray]:
        mask = np.zeros(len(universe), dtype=bool)
        scores = np.zeros(len(universe), dtype=np.float64)
        fieldname = node.fieldname
        if fieldname not in self._schema:
            return mask, scores
        field = self._schema[fieldname]
        try:
            text = field.to_bytes(node.text)
        except ValueError:
            return mask, scores
        numbers, weights = self._postings(segment, fieldname, text, universe)
        if len(numbers) == 0:
            return mask, scores
        at = np.searchsorted(universe, numbers)
        inside = at < len(universe)
        at, numbers, weights = at[inside], numbers[inside], weights[inside]
        hit = universe[at] == numbers
        at, numbers, weights = at[hit], numbers[hit], weights[hit]
        mask[at] = True
        if field.scorable:
            parent = self._searcher
            idf = parent.idf(fieldname, text)
            avgfl = parent.avg_field_length(fieldname) or 1
            b = self._weighting._field_B.get(fieldname, self._weighting.B)
            k1 = self._weighting.K1
            lengths = segment.lengths(fieldname)[numbers]
            # whoosh.scoring.bm25, term by term in the same order
            values = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))
        else:
            values = weights
        if node.boost != 1.0:
            values = values * node.boost
        scores[at] = values
        return mask, scores

    def _postings(
        self, segment: _Segment, fieldname: str, text: bytes, universe: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Record numbers (ascending, within the segment) and weights of a term's postings
        in the blocks that can hold a number of the universe."""
        reader = segment.reader
        if (fieldname, text) not in reader:
            return _EMPTY
        m = reader.postings(fieldname, text)
        if isinstance(m, FilterMatcher):  # deleted records: the universe leaves them out
            m = m.child
        if not isinstance(m, W3LeafMatcher):  # postings inlined in the term's entry
            numbers, weights = [], []
            while m.is_active():
                numbers.append(m.id())
                weights.append(m.weight())
                m.next()
            return np.array(numbers, dtype=np.int64), np.array(weights, dtype=np.float64)
        directory = self._directory(segment, fieldname, text, m)
        # The blocks holding the universe's numbers: the first whose last number is not
        # below each number.
        wanted = np.unique(np.searchsorted(directory.last, universe))
        wanted = wanted[wanted < len(directory.offsets)]
        if len(wanted) == 0:
            return _EMPTY
        parts_n: list[np.ndarray] = []
        parts_w: list[np.ndarray] = []
        for index in wanted.tolist():
            m._goto(directory.offsets[index])
            numbers, weights = _block(m)
            parts_n.append(numbers)
            parts_w.append(weights)
        if len(parts_n) == 1:
            return parts_n[0], parts_w[0]
        return np.concatenate(parts_n), np.concatenate(parts_w)

    def _directory(
        self, segment: _Segment, fieldname: str, text: bytes, m: W3LeafMatcher
    ) -> _Directory:
        key = (fieldname, text)
        directories = segment.directories
        found = directories.get(key)
        if found is not None:
            directories.move_to_end(key)
            return found
        offsets: list[int] = []
        last: list[int] = []
        position = m._baseoffset
        while True:
            m._goto(position)
            offsets.append(position)
            last.append(m._maxid)
            if m._lastblock:
                break
            position = m._nextoffset
        found = directories[key] = _Directory(offsets, last)
        if len(directories) > self._directories:
            directories.popitem(last=False)
        return found

    def _by_matcher(
        self, segment: _Segment, universe: np.ndarray, node: wq.Query
    ) -> tuple[np.ndarray, np.ndarray]:
        """A node with no array form, matched by Whoosh over the universe's runs."""
        mask = np.zeros(len(universe), dtype=bool)
        scores = np.zeros(len(universe), dtype=np.float64)
        m = node.matcher(segment.searcher, segment.searcher.context())
        # Runs of consecutive numbers: the matcher skips from one to the next.
        breaks = np.flatnonzero(np.diff(universe) != 1) + 1
        starts = np.concatenate(([0], breaks)).tolist()
        ends = np.concatenate((breaks, [len(universe)])).tolist()
        found_at: list[int] = []
        found_scores: list[float] = []
        for start, end in zip(starts, ends, strict=True):
            if not m.is_active():
                break
            first, last = int(universe[start]), int(universe[end - 1])
            if m.id() < first:
                m.skip_to(first)
            while m.is_active() and m.id() <= last:
                found_at.append(start + m.id() - first)
                found_scores.append(m.score())
                m.next()
        if found_at:
            mask[found_at] = True
            scores[found_at] = found_scores
        return mask, scores
