"""BM25F's parameters as Whoosh's scorer applies them to one field."""

from __future__ import annotations

from whoosh.scoring import BM25F


def bm25_parameters(weighting: BM25F, fieldname: str) -> tuple[float, float]:
    """(B, K1) for `fieldname`: the field's own B when the weighting sets one."""
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1
