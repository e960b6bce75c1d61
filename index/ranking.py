"""Ranking: BM25F, with lessons and recommendations above case summaries and passages."""

from __future__ import annotations

from typing import Any

from whoosh.scoring import BM25F, BaseScorer

from index.schema import KINDS

# Multipliers by kind, in KINDS order: lesson, recommendation, summary, passage.
KIND_FACTORS = (1.6, 1.45, 1.1, 1.0)
MAX_FACTOR = max(KIND_FACTORS)


class _KindScorer(BaseScorer):
    def __init__(self, inner: BaseScorer, ranks: Any) -> None:
        self.inner = inner
        self.ranks = ranks

    def _factor(self, docnum: int) -> float:
        rank = self.ranks[docnum] if self.ranks is not None else len(KINDS) - 1
        return KIND_FACTORS[rank] if 0 <= rank < len(KIND_FACTORS) else 1.0

    def supports_block_quality(self) -> bool:
        return self.inner.supports_block_quality()

    def score(self, matcher: Any) -> float:
        return self.inner.score(matcher) * self._factor(matcher.id())

    def max_quality(self) -> float:
        return self.inner.max_quality() * MAX_FACTOR

    def block_quality(self, matcher: Any) -> float:
        return self.inner.block_quality(matcher) * MAX_FACTOR


class KindWeighting(BM25F):
    """BM25F scores multiplied by a factor for the record's kind (read from a column)."""

    def scorer(self, searcher: Any, fieldname: str, text: str, qf: int = 1) -> BaseScorer:
        inner = super().scorer(searcher, fieldname, text, qf=qf)
        reader = searcher.reader()
        ranks = reader.column_reader("kind_rank") if reader.has_column("kind_rank") else None
        return _KindScorer(inner, ranks)
