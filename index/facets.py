"""Facet counts over matching documents, from arrays built once per index build.

A search counts its matching documents by theme, year, case, board, type and kind. Counting
them one document at a time in Python took ~20 ms for a common word at national scale; here
each facet is a column of value numbers (or, for the many-valued theme and kind, a matrix
of documents by values), and a count is one NumPy sum over the matching rows.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from index.documents import DocumentInfo
from index.results import FacetValue

FACETS = ("theme", "year", "case", "board", "doc_type", "kind")
# Values listed per facet, most documents first (years newest first). The national
# collection has ~2,000 cases: listing them all made every response ~100 KiB. A filtered
# facet lists its chosen values first, so they are never cut.
FACET_VALUES = 50

_SINGLE: dict[str, Callable[[DocumentInfo], Any]] = {
    "year": lambda d: d.year,
    "case": lambda d: d.case_id,
    "board": lambda d: d.board,
    "doc_type": lambda d: d.doc_type,
}
_MANY: dict[str, Callable[[DocumentInfo], Iterable[Any]]] = {
    "theme": lambda d: d.record_themes,
    "kind": lambda d: d.kinds,
}


class FacetTable:
    """Each document's facet values, by document number of the document-level index."""

    def __init__(self, by_number: dict[int, DocumentInfo]) -> None:
        size = max(by_number, default=-1) + 1
        self.values: dict[str, list[Any]] = {}
        self._codes: dict[str, np.ndarray] = {}  # single-valued: value number, -1 for none
        self._matrix: dict[str, np.ndarray] = {}  # many-valued: documents x values
        for name, get in _SINGLE.items():
            numbers: dict[Any, int] = {}
            codes = np.full(size, -1, dtype=np.int64)
            for docnum, info in by_number.items():
                value = get(info)
                if value not in (None, ""):
                    codes[docnum] = numbers.setdefault(value, len(numbers))
            self.values[name] = list(numbers)
            self._codes[name] = codes
        for name, get_many in _MANY.items():
            numbers = {}
            cells: list[tuple[int, int]] = []
            for docnum, info in by_number.items():
                for value in get_many(info):
                    if value not in (None, ""):
                        cells.append((docnum, numbers.setdefault(value, len(numbers))))
            matrix = np.zeros((size, len(numbers)), dtype=np.int32)
            if cells:
                rows, columns = zip(*cells, strict=True)
                matrix[list(rows), list(columns)] = 1
            self.values[name] = list(numbers)
            self._matrix[name] = matrix
        self._size = size

    def counts(self, docnums: Sequence[int] | np.ndarray) -> dict[str, list[tuple[Any, int]]]:
        """(value, matching documents) of each facet, for values with any."""
        rows = np.asarray(docnums, dtype=np.int64)
        rows = rows[(rows >= 0) & (rows < self._size)]
        out: dict[str, list[tuple[Any, int]]] = {}
        for name in FACETS:
            if name in self._codes:
                codes = self._codes[name][rows]
                counted = np.bincount(codes[codes >= 0], minlength=len(self.values[name]))
            else:
                counted = self._matrix[name][rows].sum(axis=0)
            values = self.values[name]
            out[name] = [(values[i], int(counted[i])) for i in np.flatnonzero(counted).tolist()]
        return out

    def listed(
        self,
        docnums: Sequence[int] | np.ndarray,
        label: Callable[[str, Any], str],
        full: Iterable[str] = (),
    ) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
        """Matching documents by theme, year, case, board, type and kind (at most
        FACET_VALUES of each, every value of the facets in `full`), named by
        `label(facet, value)`, and how many values each facet has."""
        counts = self.counts(docnums)
        full = set(full)
        out: dict[str, list[FacetValue]] = {}
        sizes: dict[str, int] = {}
        for name in FACETS:
            items = counts[name]
            sizes[name] = len(items)
            most = len(items) if name in full else FACET_VALUES
            if name == "year":
                items = sorted(items, key=lambda vc: -vc[0])[:most]
            else:  # ~2,000 cases at national scale: the commonest without sorting them all
                items = heapq.nsmallest(most, items, key=lambda vc: (-vc[1], str(vc[0])))
            out[name] = [FacetValue(v, label(name, v), c) for v, c in items]
        return out, sizes
