"""Records outside the candidate documents that could still outrank the page shown.

The record step scores only the records of the candidate documents. Once it has, the
score of the last card on the page is a threshold: any record of another document that
belongs on the page scores above it. Each of the query's terms has a most it can add to
a record's score (`ArrayScorer.bound`: BM25F at the term's highest weight in its shortest
record, times the boosts above it in the query tree), and a record's score is at most
the sum of the bounds of the terms it holds. Taking the terms with the smallest bounds
while their sum stays at or below the threshold, a record holding only those cannot pass
it; every record that can holds at least one of the other terms, the essential ones
(MaxScore, Turtle and Flood 1995). When the essential terms are held by few records,
those are scored, and the documents of any that pass the threshold join the candidates.

Those records are first scored as a bound read without positions (a phrase or proximity
clause as its words alone, `ArrayScorer.score(relaxed=True)`), and only those whose bound
passes the threshold are scored exactly: checking positions is most of the cost.

This makes the page the one an exhaustive ranking of every record would show: on the
judged queries over 1,000 distractor reports nearly every document of the exhaustive top
10 is then among the candidates (0.99, against 0.87 without). With the segments' posting
arrays (`index/whoosh3/arrays.py`) the pass costs a few milliseconds, so it is the
default; `[search] exact_ranking = false` in config.toml turns it off.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.query import And, Query, Require

from index.proximity import Near
from index.scoring import ArrayScorer, Scored
from index.whoosh3.postings import found_in

# The essential terms are scored only when they hold at most this many records between
# them (their postings summed); past that the pass costs more than a search should.
ESSENTIAL_RECORDS = 20_000
# At most this many documents join the candidates.
MOST_DOCUMENTS = 20


def term_bounds(query: Query, scorer: ArrayScorer) -> tuple[dict[tuple[str, str], float], float]:
    """The most each (field, text) term of the query can add to a record's score, and a
    part every record may get (a constant-score range); raises TypeError for a node whose
    score has no such bound here.

    A node that matches only records holding all of some terms (a phrase, a proximity
    clause, an all-words clause) counts wholly to the rarest of those: a record without
    it gets nothing from the node. Other terms count where they stand, with the boosts
    above them."""
    bounds: dict[tuple[str, str], float] = defaultdict(float)
    constant = 0.0
    known: dict[tuple[str, str], float] = {}
    counts: dict[tuple[str, str], int] = {}

    def bound(key: tuple[str, str]) -> float:
        if key not in known:
            known[key] = scorer.bound(*key)
        return known[key]

    def rarest(keys: set[tuple[str, str]]) -> tuple[str, str]:
        for key in keys:
            if key not in counts:
                counts[key] = scorer.frequency(*key)
        return min(keys, key=lambda k: (counts[k], k))

    def most(node: Query) -> float:
        """The most a node can score, boosts included (its own too)."""
        kind = type(node)
        if kind is wq.Term:
            return node.boost * bound((node.fieldname, node.text))
        if kind is Near or (kind is wq.Phrase and node.slop == 1):
            return node.boost * sum(bound((node.fieldname, w)) for w in node.words)
        if kind in (wq.Or, wq.And):
            return node.boost * sum(most(sub) for sub in node.subqueries)
        if kind in (wq.Require, wq.AndNot):
            return most(node.a)
        if kind is wq.AndMaybe:
            return most(node.a) + most(node.b)
        if kind is wq.NumericRange and node.constantscore:
            return float(node.boost)
        if kind is wq.Every or node is wq.NullQuery:
            return 0.0
        raise TypeError(f"no score bound for {kind.__name__}")

    def walk(node: Query, weight: float) -> None:
        nonlocal constant
        kind = type(node)
        needed = required(node)
        if kind is not wq.Term and needed:
            bounds[rarest(needed)] += weight * most(node)
        elif kind is wq.Term:
            bounds[(node.fieldname, node.text)] += weight * most(node)
        elif kind is wq.Or:
            for sub in node.subqueries:
                walk(sub, weight * node.boost)
        elif kind in (wq.Require, wq.AndNot):
            walk(node.a, weight)  # the second part only filters
        elif kind is wq.AndMaybe:
            walk(node.a, weight)
            walk(node.b, weight)
        elif kind is wq.NumericRange and node.constantscore:
            constant += weight * node.boost
        elif kind is wq.And:
            for sub in node.subqueries:
                walk(sub, weight * node.boost)
        else:
            most(node)  # raises for a node with no bound

    walk(query, 1.0)
    factor = scorer.most_factor()
    return {k: v * factor for k, v in bounds.items() if v > 0}, constant * factor


def required(node: Query) -> set[tuple[str, str]]:
    """Terms every record matching the node holds."""
    kind = type(node)
    if kind is wq.Term:
        return {(node.fieldname, node.text)}
    if kind in (wq.Phrase, Near):
        return {(node.fieldname, w) for w in node.words}
    if kind is wq.And:
        return set().union(*(required(sub) for sub in node.subqueries))
    if kind is wq.Or and node.subqueries:
        return set.intersection(*(required(sub) for sub in node.subqueries))
    if kind in (wq.Require, wq.AndNot, wq.AndMaybe):
        return required(node.a)
    return set()


def essential_terms(
    bounds: dict[tuple[str, str], float], constant: float, threshold: float
) -> list[tuple[str, str]]:
    """The terms of which a record scoring above `threshold` holds at least one."""
    ordered = sorted(bounds.items(), key=lambda item: item[1])
    total = constant
    for position, (_key, bound) in enumerate(ordered):
        total += bound
        if total > threshold:
            return [key for key, _bound in ordered[position:]]
    return []


@dataclass(frozen=True)
class Outranking:
    """Records past the candidates that score above the threshold (ascending numbers,
    with their scores), and their documents, best first."""

    records: Scored
    documents: list[str]


def outranking_records(
    scorer: ArrayScorer,
    doc_ids: Any,
    query: Query,
    filters: Sequence[Query],
    threshold: float,
    scored: np.ndarray,
) -> Outranking | None:
    """The records outside `scored` (ascending record numbers already scored) that score
    above `threshold`, of at most MOST_DOCUMENTS documents; None when the pass would read
    too much to be worth it (or the query has a part with no bound)."""
    try:
        bounds, constant = term_bounds(query, scorer)
    except TypeError:
        return None
    essential = essential_terms(bounds, constant, threshold)
    if not essential:
        return _NONE
    if sum(scorer.frequency(f, t) for f, t in essential) > ESSENTIAL_RECORDS:
        return None
    holding = [scorer.numbers(f, t) for f, t in essential]
    universe = np.unique(np.concatenate(holding))
    universe = universe[~np.isin(universe, scored, assume_unique=True)]
    # A record's most: the bounds of the essential terms it holds, and of every other term.
    most = np.full(len(universe), sum(bounds.values()) - sum(bounds[k] for k in essential))
    most += constant
    for key, numbers in zip(essential, holding, strict=True):
        at, inside = found_in(universe, numbers)
        most[at[inside]] += bounds[key]
    universe = universe[most > threshold]
    if len(universe) == 0:
        return _NONE
    if filters:
        query = Require(query, And(list(filters)))
    # First a bound read without positions (phrases and proximity clauses as their words
    # alone): most records holding a phrase's rarest word do not come near the threshold
    # even so, and checking positions is most of the cost.
    bound = scorer.score(query, universe, relaxed=True)
    universe = bound.numbers[bound.scores > threshold]
    if len(universe) == 0:
        return _NONE
    found = scorer.score(query, universe)
    passing = np.flatnonzero(found.scores > threshold)
    documents: list[str] = []
    owners = [doc_ids[n] for n in found.numbers[passing].tolist()]
    for position in np.lexsort((found.numbers[passing], -found.scores[passing])).tolist():
        if owners[position] not in documents:
            documents.append(owners[position])
            if len(documents) == MOST_DOCUMENTS:
                break
    kept = set(documents)
    keep = passing[[owner in kept for owner in owners]] if owners else passing
    return Outranking(Scored(found.numbers[keep], found.scores[keep]), documents)


_NONE = Outranking(Scored(np.zeros(0, dtype=np.int64), np.zeros(0)), [])
