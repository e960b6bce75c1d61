"""What the two steps of a search hand on: the matching documents of the document step,
and the record step's ranking of the candidates' records, read into cards."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from whoosh import sorting
from whoosh.query import Query

from index.cards import Card
from index.scoring import Scored as ScoredRecords

Scored = list[tuple[float, int]]  # (score, record number), best first

# The newest-first order of records: year (newest first), lessons first, reading order;
# ties go by document id, not by record number: records are numbered in the order their
# documents were understood, which differs from one rebuild to the next.
NEWEST_COLUMNS = ("year", "kind_rank", "order")
NEWEST_DOCUMENTS = [sorting.FieldFacet("year", reverse=True), sorting.FieldFacet("doc_id")]


class Matching(NamedTuple):
    query: Query
    browse: bool  # no words, or newest first: records sorted, not scored
    ranked: list[int]  # the matching documents' numbers, best (or newest) first


@dataclass
class Ranking:
    top: Scored  # the records read, best (or newest) first; scores 0 when sorted
    cards: list[Card]  # what to show, in order: records, with the places that restate them
    documents: set[str]  # the documents of the records read
    numbers: np.ndarray  # every record of the candidate documents (ascending)
    scored: ScoredRecords  # those matching the query, with their scores

    @property
    def matched(self) -> int:
        """Records of the candidate documents matching the query."""
        return len(self.scored)

    @property
    def every_match(self) -> bool:
        """Every record of the candidates matching the query was read."""
        return len(self.top) == self.matched
