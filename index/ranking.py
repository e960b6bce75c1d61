"""Ranking: BM25F, with lessons and recommendations above case summaries and passages."""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.scoring import BM25F

from index.schema import KINDS
from index.whoosh3.postings import numeric_column

# Multipliers by kind, in KINDS order: lesson, recommendation, summary, passage.
KIND_FACTORS = (1.6, 1.45, 1.1, 1.0)


class KindWeighting(BM25F):
    """BM25F scores multiplied by a factor for the record's kind (read from a column).

    The factor is applied once per matching record, as Whoosh's final step, not inside
    every term's scorer: a query of many words and expansions scores each record through
    dozens of term scorers."""

    use_final = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._ranks: tuple[Any, Any] | None = None  # (searcher, its kind_rank column)

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        if self._ranks is None or self._ranks[0] is not searcher:
            reader = searcher.reader()
            column = reader.column_reader("kind_rank") if reader.has_column("kind_rank") else None
            self._ranks = (searcher, column)
        column = self._ranks[1]
        rank = column[docnum] if column is not None else len(KINDS) - 1
        return score * (KIND_FACTORS[rank] if 0 <= rank < len(KIND_FACTORS) else 1.0)


def kind_factors(reader: Any) -> np.ndarray | None:
    """KindWeighting's factor for every record of a segment, for array scoring."""
    if not reader.has_column("kind_rank"):
        return None
    ranks = numeric_column(reader, "kind_rank")
    known = (ranks >= 0) & (ranks < len(KIND_FACTORS))
    return np.where(known, np.array(KIND_FACTORS)[np.where(known, ranks, 0)], 1.0)
