"""Scoring a query over chosen records with NumPy, a posting block at a time.

Whoosh scores a query through a tree of matchers, one posting at a time in Python; at
national scale that was most of a search's time. Here the same query tree is evaluated
over an array of record numbers (a search's candidate records, or every document): each
term's postings are read a block at a time, and only the blocks that can hold one of the
chosen records. The scores are Whoosh's BM25F (the same idf, average field lengths and
quantised field lengths) and the boolean nodes add them up as Whoosh's matchers do, so
rankings agree with Whoosh's. A phrase's positions are checked only in the records that
have all its words; a query node with no array form here (a sloppy phrase, a range, a
wildcard) is matched by Whoosh's own matcher over the same records.

A segment's postings are read by `index/segment_postings.py` (from the segment's posting
arrays, or Whoosh 3's blocks and length columns read directly); `tests/test_scoring.py`
compares every score with Whoosh's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index.lru import LRU
from index.proximity import Near, within
from index.segment_postings import (
    DIRECTORIES,
    KEPT_BLOCKS,
    Blocks,
    FinalFactors,
    Positions,
    Segment,
    has_positions,
)
from index.whoosh3.postings import Listed, contiguous_records, found_in, numeric_column
from index.whoosh3.weighting import bm25_parameters

# A phrase's starts are keyed by record and position: positions stay below this.
_RECORD_KEYS = 1 << 32


@dataclass(frozen=True)
class Scored:
    """Matching records (global numbers, ascending) and their scores."""

    numbers: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.numbers)

    def best(self, limit: int | None = None) -> np.ndarray:
        """Positions of the records, best score first; equal scores in record number
        order, as Whoosh's collectors order them."""
        return np.lexsort((self.numbers, -self.scores))[:limit]

    def merged(self, other: Scored) -> Scored:
        """These and `other` (different records) as one, ascending."""
        numbers = np.concatenate([self.numbers, other.numbers])
        order = np.argsort(numbers, kind="stable")
        return Scored(numbers[order], np.concatenate([self.scores, other.scores])[order])

    def ranked(self, positions: np.ndarray | None = None) -> list[tuple[float, int]]:
        """(score, record number) at these positions (default: all, best first)."""
        if positions is None:
            positions = self.best()
        return list(
            zip(self.scores[positions].tolist(), self.numbers[positions].tolist(), strict=True)
        )


@dataclass
class _Pass:
    """One segment's evaluation of a query: the records it is over, and the postings
    read so far (a query repeats terms: the all-words clause, phrases sharing words)."""

    segment: Segment
    universe: np.ndarray
    read: dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=dict
    )
    # Phrases and proximity clauses read as their words alone (no positions): every
    # record's score is then at least what it truly scores (see ArrayScorer.score).
    relaxed: bool = False


class ArrayScorer:
    """Scores queries over arrays of record numbers of one searcher's index."""

    def __init__(
        self,
        searcher: Searcher,
        final: FinalFactors | None = None,
        directories: int = DIRECTORIES,
        kept_blocks: int = KEPT_BLOCKS,
    ) -> None:
        self._searcher = searcher
        self._schema = searcher.schema
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError("array scoring computes BM25F: the searcher must weigh by it")
        self._weighting = weighting
        leaves = searcher.subsearchers or [(searcher, 0)]
        # Decoded posting blocks, the last read first: searches share terms and documents
        # (the same words with other filters, the next page, a common word).
        blocks: Blocks = LRU(kept_blocks)
        self._segments = [Segment(s, offset, final, directories, blocks) for s, offset in leaves]
        self._columns: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ public

    def score(
        self, query: wq.Query, numbers: np.ndarray | None = None, relaxed: bool = False
    ) -> Scored:
        """The records among `numbers` (global, ascending; None: every record) that
        match `query`, with their scores. `relaxed`: a bound, read without positions: a
        phrase or proximity clause matches every record holding its words, scored as
        their sum (what it scores where it truly matches), so every record that matches
        is found, with at least its score; what is only excluded stays exact."""
        found_numbers: list[np.ndarray] = []
        found_scores: list[np.ndarray] = []
        for segment in self._segments:
            universe = self._universe(segment, numbers)
            if len(universe) == 0:
                continue
            mask, scores = self._node(_Pass(segment, universe, relaxed=relaxed), query)
            if segment.factors is not None:
                scores = scores * segment.factors[universe]
            found_numbers.append(universe[mask] + segment.offset)
            found_scores.append(scores[mask])
        if not found_numbers:
            return Scored(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        return Scored(np.concatenate(found_numbers), np.concatenate(found_scores))

    def column(self, name: str) -> np.ndarray:
        """A numeric column of every record (global numbers), read once."""
        found = self._columns.get(name)
        if found is None:
            parts = [numeric_column(s.reader, name) for s in self._segments]
            found = self._columns[name] = (
                np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            )
        return found

    def numbers(self, fieldname: str, text: str) -> np.ndarray:
        """The (global) numbers of the (live) records with a term, ascending."""
        btext = self._to_bytes(fieldname, text)
        parts = []
        for segment in self._segments if btext is not None else []:
            info = segment.info(fieldname, btext)
            numbers = contiguous_records(segment.reader, fieldname, btext, info)
            if numbers is None:
                numbers = segment.read(None, fieldname, btext, False)[0]
            if segment.live is not None:
                numbers = numbers[segment.live[numbers]]
            parts.append(numbers + segment.offset)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def bound(self, fieldname: str, text: str) -> float:
        """The most a term can score in any record (before boosts and final factors):
        BM25F at the term's highest weight in the shortest record holding it, as the term
        file records them per segment; 0 for a term no record holds."""
        btext = self._to_bytes(fieldname, text)
        if btext is None:
            return 0.0
        scorable = self._schema[fieldname].scorable
        best = 0.0
        for segment in self._segments:
            info = segment.info(fieldname, btext)
            if info is None:
                continue
            weight = float(info.max_weight())
            if not scorable:
                best = max(best, weight)
                continue
            parent = self._searcher
            idf = parent.idf(fieldname, btext)
            avgfl = parent.avg_field_length(fieldname) or 1
            b, k1 = bm25_parameters(self._weighting, fieldname)
            length = float(info.min_length())
            best = max(
                best, idf * weight * (k1 + 1) / (weight + k1 * ((1 - b) + b * length / avgfl))
            )
        return best

    def prepare(self, fieldname: str, texts: list[str]) -> int:
        """Looks up these terms' postings (where each block lies) ahead of the searches
        that will need them; how many of them the index holds (not counting those
        looked up before)."""
        held = 0
        for text in texts:
            btext = self._to_bytes(fieldname, text)
            for segment in self._segments if btext is not None else []:
                held += segment.prepare(fieldname, btext)
        return held

    def without_arrays(self) -> int:
        """How many segments have no posting arrays (index/whoosh3/arrays.py)."""
        return sum(segment.arrays is None for segment in self._segments if segment.count)

    def most_factor(self) -> float:
        """The largest final factor any record's score is multiplied by."""
        factors = [
            s.factors.max() for s in self._segments if s.factors is not None and len(s.factors)
        ]
        return float(max(factors)) if factors else 1.0

    def frequency(self, fieldname: str, text: str) -> int:
        """How many records hold a term (deleted ones included)."""
        btext = self._to_bytes(fieldname, text)
        if btext is None:
            return 0
        infos = [segment.info(fieldname, btext) for segment in self._segments]
        return sum(info.doc_frequency() for info in infos if info is not None)

    # ------------------------------------------------------------------ evaluation

    def _universe(self, segment: Segment, numbers: np.ndarray | None) -> np.ndarray:
        if numbers is None:
            local = np.arange(segment.count, dtype=np.int64)
        else:
            lo, hi = np.searchsorted(numbers, [segment.offset, segment.offset + segment.count])
            local = numbers[lo:hi] - segment.offset
        if segment.live is not None:
            local = local[segment.live[local]]
        return local

    def _node(self, p: _Pass, node: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores) over the universe for one query node."""
        universe = p.universe
        kind = type(node)
        if kind is wq.Term:
            return self._term(p, node)
        if kind is wq.Phrase and node.slop == 1 and has_positions(self._schema, node.fieldname):
            return self._all_words(p, node) if p.relaxed else self._phrase(p, node)
        if kind is Near and has_positions(self._schema, node.fieldname):
            return self._all_words(p, node) if p.relaxed else self._near(p, node)
        if kind in (wq.Or, wq.And):
            parts = [self._node(p, sub) for sub in node.subqueries]
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
            mask, scores = self._node(p, node.a)
            required, _ = self._node(p, node.b)
            mask = mask & required
            return mask, np.where(mask, scores, 0.0)
        if kind is wq.AndNot:
            mask, scores = self._node(p, node.a)
            # What is excluded is read exactly: a relaxed exclusion would exclude more.
            excluded, _ = self._node(replace(p, relaxed=False), node.b)
            mask = mask & ~excluded
            return mask, np.where(mask, scores, 0.0)
        if kind is wq.AndMaybe:
            mask, scores = self._node(p, node.a)
            _, extra = self._node(p, node.b)
            return mask, np.where(mask, scores + extra, 0.0)
        if kind is wq.NumericRange and node.constantscore and self._is_column(node.fieldname):
            values = self.column(node.fieldname)[universe + p.segment.offset]
            # A record without a value has the column's default, and no term to match.
            mask = values != self._schema[node.fieldname].default
            if node.start is not None:
                mask &= values > node.start if node.startexcl else values >= node.start
            if node.end is not None:
                mask &= values < node.end if node.endexcl else values <= node.end
            return mask, np.where(mask, float(node.boost), 0.0)
        if kind is wq.Every and node.fieldname in (None, "*"):
            return np.ones(len(universe), dtype=bool), np.zeros(len(universe))
        if node is wq.NullQuery:
            return np.zeros(len(universe), dtype=bool), np.zeros(len(universe))
        return self._by_matcher(p, node)

    def _term(self, p: _Pass, node: wq.Term) -> tuple[np.ndarray, np.ndarray]:
        segment, universe = p.segment, p.universe
        mask = np.zeros(len(universe), dtype=bool)
        scores = np.zeros(len(universe), dtype=np.float64)
        text = self._to_bytes(node.fieldname, node.text)
        if text is None:
            return mask, scores
        at, numbers, weights = self._postings(p, node.fieldname, text)
        mask[at] = True
        scores[at] = self._scores(segment, node.fieldname, text, numbers, weights) * node.boost
        return mask, scores

    def _with_all_words(
        self, p: _Pass, fieldname: str, words: list[Any], with_positions: bool = True
    ) -> tuple[np.ndarray, np.ndarray, list[Positions], list[int]]:
        """The records holding every word, the sum of the words' scores, (unless told
        not to) each word's positions in those records, and how many records of the
        universe hold each word."""
        segment, universe = p.segment, p.universe
        mask = np.ones(len(universe), dtype=bool)
        scores = np.zeros(len(universe), dtype=np.float64)
        if not words:
            mask[:] = False
        texts: list[bytes] = []
        held: list[int] = []
        for word in words:
            text = self._to_bytes(fieldname, word)
            if text is None:
                return np.zeros(len(universe), dtype=bool), scores, [], []
            texts.append(text)
            at, numbers, weights = self._postings(p, fieldname, text)
            held.append(len(at))
            word_mask = np.zeros(len(universe), dtype=bool)
            word_mask[at] = True
            mask &= word_mask
            scores[at] += self._scores(segment, fieldname, text, numbers, weights)
        if not with_positions:
            return mask, scores, [], held
        # Positions only of the records holding every word.
        narrowed = universe[mask]
        return mask, scores, [segment.positions(narrowed, fieldname, t) for t in texts], held

    def _all_words(self, p: _Pass, node: wq.Phrase | Near) -> tuple[np.ndarray, np.ndarray]:
        """A phrase or proximity clause relaxed: the records holding all its words, scored
        as the sum of the words' scores (no positions read)."""
        mask, scores, _, _ = self._with_all_words(p, node.fieldname, list(node.words), False)
        scores[~mask] = 0.0
        if node.boost != 1.0:
            scores *= node.boost
        return mask, scores

    def _near(self, p: _Pass, node: Near) -> tuple[np.ndarray, np.ndarray]:
        """Records with the words close together (index/proximity.py's rule), scored as
        the sum of the words' scores."""
        mask, scores, positions, _ = self._with_all_words(p, node.fieldname, node.words)
        holding = np.flatnonzero(mask)
        for i, index in enumerate(holding.tolist()):
            if not within([word.of(i) for word in positions], node.slop):
                mask[index] = False
        scores[~mask] = 0.0
        if node.boost != 1.0:
            scores *= node.boost
        return mask, scores

    def _phrase(self, p: _Pass, node: wq.Phrase) -> tuple[np.ndarray, np.ndarray]:
        """Records with the words at consecutive positions, scored as Whoosh scores a
        phrase: the sum of its words' scores."""
        mask, scores, positions, held = self._with_all_words(p, node.fieldname, list(node.words))
        if not positions:
            return mask, scores
        # Each word's positions as the phrase's start they would make (record, position
        # less its place in the phrase), the rarest word's first: a record keeps the
        # starts every word makes.
        holding = np.flatnonzero(mask)
        length = len(positions)
        starts: np.ndarray | None = None
        for k in sorted(range(length), key=lambda k: held[k]):
            word = positions[k]
            records = np.repeat(np.arange(len(holding), dtype=np.int64), np.diff(word.ends))
            keys = records * _RECORD_KEYS + (word.flat - k + length)
            starts = np.unique(keys) if starts is None else np.intersect1d(starts, keys)
            if len(starts) == 0:
                break
        mask[:] = False
        if starts is not None and len(starts):
            mask[holding[np.unique(starts // _RECORD_KEYS)]] = True
        scores[~mask] = 0.0
        if node.boost != 1.0:
            scores *= node.boost
        return mask, scores

    def _is_column(self, fieldname: str) -> bool:
        """An integer field kept as a column in every segment (a year, say)."""
        if fieldname not in self._schema.names():
            return False
        field = self._schema[fieldname]
        return (
            getattr(field, "numtype", None) is int
            and not getattr(field, "decimal_places", 0)
            and all(s.reader.has_column(fieldname) for s in self._segments)
        )

    def _to_bytes(self, fieldname: str, text: Any) -> bytes | None:
        if fieldname not in self._schema:
            return None
        try:
            return self._schema[fieldname].to_bytes(text)
        except ValueError:
            return None

    def _scores(
        self,
        segment: Segment,
        fieldname: str,
        text: bytes,
        numbers: np.ndarray,
        weights: np.ndarray,
    ) -> np.ndarray:
        """A term's BM25F score in each of these records (its weight, if the field is not
        scorable), as Whoosh's scorer computes it."""
        if not self._schema[fieldname].scorable:
            return weights
        parent = self._searcher
        idf = parent.idf(fieldname, text)
        avgfl = parent.avg_field_length(fieldname) or 1
        b, k1 = bm25_parameters(self._weighting, fieldname)
        lengths = segment.lengths(fieldname)[numbers]
        # whoosh.scoring.bm25, operation by operation
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))

    def _postings(
        self, p: _Pass, fieldname: str, text: bytes
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A term's postings in the universe: positions in the universe, record numbers
        (in the segment) and weights."""
        key = (fieldname, text)
        found = p.read.get(key)
        if found is not None:
            return found
        universe = p.universe
        postings = p.segment.loaded(fieldname, text) if len(universe) else None
        if isinstance(postings, Listed):
            # (where each record is in the universe is known from finding it)
            places, weights = postings.places(universe)
            found = (places, universe[places], weights)
        else:
            numbers, weights, _ = p.segment.read(universe, fieldname, text, False)
            at, inside = found_in(universe, numbers)
            found = (at[inside], numbers[inside], weights[inside])
        p.read[key] = found
        return found

    def _by_matcher(self, p: _Pass, node: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """A node with no array form, matched by Whoosh over the universe's runs."""
        segment, universe = p.segment, p.universe
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
