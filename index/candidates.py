"""Candidate documents whose best record the document step would miss.

The document step ranks whole documents by BM25F over all their words: a fair estimate
of where a document's best record ranks, until the index holds many long reports. Then a
report of a hundred pages that uses "house" and "poverty" now and then outranks a
two-page briefing whose lesson is about housing and poverty, and the briefing's lesson
never reaches the record step.

The query's selective parts see that lesson directly: the words few records hold, and the
theme tags the query asks for. Scoring just those over every record is cheap (their
postings are short), and the documents of the best such records join the candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from whoosh.query import And, Or, Query, Require, Term

from index.expansion import THEME_FIELD
from index.scoring import ArrayScorer

# A word is selective when at most this share of records hold it (always when at most
# SELECTIVE_LEAST do; never when more than SELECTIVE_MOST); a theme tag when at most
# THEME_SHARE of records carry it.
SELECTIVE_SHARE = 0.02
SELECTIVE_LEAST = 100
SELECTIVE_MOST = 20_000
THEME_SHARE = 0.10
SCORED_FIELDS = ("text", "section")
READ_RECORDS = 200  # best selective records whose documents are looked up
# The selective terms kept hold at most this many records between them (their postings
# summed), the rarest terms first.
SELECTIVE_RECORDS = 4000


def selective_part(query: Query, reader: Any) -> Query | None:
    """The query's selective terms (with their boosts) as one Or; None when it has none."""
    records = reader.doc_count()
    most = min(SELECTIVE_MOST, max(SELECTIVE_LEAST, int(records * SELECTIVE_SHARE)))
    kept: dict[tuple[str, Any], tuple[int, Term]] = {}
    for node in _leaf_terms(query):
        key = (node.fieldname, node.text)
        if key in kept:
            continue
        if node.fieldname in SCORED_FIELDS:
            limit = most
        elif node.fieldname == THEME_FIELD:
            limit = max(SELECTIVE_LEAST, int(records * THEME_SHARE))
        else:
            continue
        frequency = reader.doc_frequency(node.fieldname, node.text)
        if 0 < frequency <= limit:
            kept[key] = (frequency, node)
    # The rarest first, while the records they hold stay few: scoring them is the cost.
    chosen: list[Term] = []
    held = 0
    for frequency, node in sorted(kept.values(), key=lambda fn: fn[0]):
        if held + frequency > SELECTIVE_RECORDS:
            break
        chosen.append(node)
        held += frequency
    return Or(chosen) if chosen else None


def _leaf_terms(query: Query) -> list[Term]:
    """Every Term of the query tree (in phrases and proximity clauses too)."""
    found: list[Term] = []

    def walk(node: Query) -> None:
        if isinstance(node, Term):
            found.append(node)
        for child in node.children():
            walk(child)

    walk(query)
    return found


def best_documents(
    scorer: ArrayScorer,
    doc_ids: Any,
    query: Query,
    filters: Sequence[Query],
    reader: Any,
    limit: int,
) -> list[str]:
    """Up to `limit` document ids, best first, ranked by the best record that the query's
    selective part finds among the records passing the filters."""
    part = selective_part(query, reader)
    if part is None or limit <= 0:
        return []
    # The records holding a selective term: few, so scoring them is quick.
    holding = [scorer.numbers(t.fieldname, t.text) for t in part.subqueries]
    universe = np.unique(np.concatenate(holding)) if holding else np.zeros(0, dtype=np.int64)
    if filters:
        part = Require(part, And(list(filters)))
    scored = scorer.score(part, universe)
    found: list[str] = []
    for _score, number in scored.ranked(scored.best(READ_RECORDS)):
        doc_id = doc_ids[number]
        if doc_id not in found:
            found.append(doc_id)
            if len(found) == limit:
                break
    return found
