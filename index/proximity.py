"""Proximity: a short query's words close together in a record, in any order.

"Hidden men", "county lines", "voice of the child" name one idea in two or three words.
A record of everyday text can hold both words sentences apart ("hidden" in one, "men" in
another); a lesson holds them side by side. Rewarding every record that merely holds all
the words ranks the first as high as the second, so a short query's all-words clause asks
for the words within a few positions of each other instead (`Near`).

`Near` is Whoosh's unordered span query with its exact rule, so Whoosh's own matcher and
the array scorer (`index/scoring.py`, which calls `within` here) agree on every record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from whoosh.matching import WrappingMatcher
from whoosh.query import And, Query, Term
from whoosh.query.spans import SpanNear2

# The most positions between the words (stop words count: "voice of the child" is 3).
WINDOW = 4
# Queries of this many words (after stop words) are taken as a likely phrase.
PHRASE_WORDS = (2, 3)


class Near(SpanNear2):
    """Records with every term within `slop` positions of the span the others make, in
    any order; scored as the sum of its terms' scores (as a phrase is), times its boost."""

    def __init__(self, terms: Sequence[Term], slop: int = WINDOW, boost: float = 1.0) -> None:
        super().__init__(list(terms), slop=slop, ordered=False, mindist=0)
        self.boost = boost

    @property
    def fieldname(self) -> str:
        return self.qs[0].fieldname

    @property
    def words(self) -> list[Any]:
        return [q.text for q in self.qs]

    def __repr__(self) -> str:
        return f"Near({self.qs!r}, slop={self.slop}, boost={self.boost})"

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and self.boost == getattr(other, "boost", None)

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(self.boost)

    def apply(self, fn: Any) -> Query:
        return Near([fn(q) for q in self.qs], slop=self.slop, boost=self.boost)

    def with_boost(self, boost: float) -> Near:
        return Near(self.qs, slop=self.slop, boost=boost)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = super().matcher(searcher, context)
        return WrappingMatcher(found, boost=self.boost) if self.boost != 1.0 else found


def within(positions: Sequence[Sequence[int]], slop: int) -> bool:
    """Whether one position of each list (in query order) makes a span as Near's rule
    builds it: each next word within `slop` positions of the span so far (inside it
    counts as 0)."""
    spans = {(p, p) for p in positions[0]}
    for later in positions[1:]:
        grown = set()
        for start, end in spans:
            for at in later:
                distance = start - at if at < start else at - end if at > end else 0
                if distance <= slop:
                    grown.add((min(start, at), max(end, at)))
        if not grown:
            return False
        spans = grown
    return True


def likely_phrase(all_terms: Query, slop: int = WINDOW) -> Query:
    """The all-words clause of a two- or three-word query as `Near` (with its boost);
    any other clause (one word, a quoted phrase, operators, more words) unchanged."""
    if type(all_terms) is not And:
        return all_terms
    terms = all_terms.subqueries
    if not (PHRASE_WORDS[0] <= len(terms) <= PHRASE_WORDS[1]):
        return all_terms
    if any(type(t) is not Term or t.boost != 1.0 for t in terms):
        return all_terms
    if len({t.fieldname for t in terms}) != 1 or len({t.text for t in terms}) != len(terms):
        return all_terms
    return Near(terms, slop=slop, boost=all_terms.boost)
