"""The document-level index: documents with their provenance, and cases built from them.

Small (one record per document), so a reader loads it whole and answers case and document
pages from memory.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from whoosh.searching import Searcher

from index.fields import DocumentFields, info_values

CASE_SORTS = ("newest", "oldest", "name", "documents")


@dataclass(frozen=True, kw_only=True)
class DocumentInfo(DocumentFields):  # type: ignore[misc,valid-type]
    """A document as the document-level index keeps it: the stored fields
    `index/fields.py` gives documents (doc_id, title, case, board, year, themes (raised by
    its lessons and recommendations; all its text when none), theme_counts, kinds,
    record_themes (any of its records': what a search's theme facet counts), provenance)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CaseInfo:
    case_id: str
    case: str
    board: str | None
    year: int | None
    documents: list[DocumentInfo] = field(default_factory=list)

    @property
    def theme_counts(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for document in self.documents:
            counts.update(document.theme_counts)
        return counts

    @property
    def lessons(self) -> int:
        return sum(
            d.kinds.get("lesson", 0) + d.kinds.get("recommendation", 0) for d in self.documents
        )

    def to_json(self, documents: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "case_id": self.case_id,
            "case": self.case,
            "board": self.board,
            "year": self.year,
            "documents": len(self.documents),
            "lessons": self.lessons,
            "themes": [{"id": t, "count": c} for t, c in self.theme_counts.most_common()],
        }
        if documents:
            out["documents"] = [d.to_json() for d in self.documents]
        return out


def _info(fields: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(**info_values(fields))


class DocumentIndex:
    """Documents and cases of one index build, read once from a searcher of its
    document-level index; `by_number` maps that searcher's document numbers."""

    def __init__(self, searcher: Searcher) -> None:
        self.by_number = {n: _info(f) for n, f in searcher.reader().iter_docs()}
        self.documents = list(self.by_number.values())
        self.documents.sort(key=lambda d: (d.year or 0, d.published or "", d.title))
        self._by_id = {d.doc_id: d for d in self.documents}
        self._cases: dict[str, CaseInfo] = {}
        for document in self.documents:
            if not document.case_id:
                continue
            case = self._cases.get(document.case_id)
            if case is None:
                case = CaseInfo(
                    document.case_id, document.case or "", document.board, document.year
                )
                self._cases[document.case_id] = case
            case.documents.append(document)
            if document.year and (case.year is None or document.year < case.year):
                case.year = document.year

    def document(self, doc_id: str) -> DocumentInfo | None:
        return self._by_id.get(doc_id)

    def case(self, case_id: str) -> CaseInfo | None:
        return self._cases.get(case_id)

    def cases(
        self,
        board: str | None = None,
        year: int | None = None,
        theme: str | None = None,
        sort: str = "newest",
    ) -> list[CaseInfo]:
        found = [
            c
            for c in self._cases.values()
            if (not board or board.lower() in (c.board or "").lower())
            and (year is None or c.year == year)
            and (not theme or theme in c.theme_counts)
        ]
        keys = {
            "newest": lambda c: (-(c.year or 0), c.case),
            "oldest": lambda c: (c.year or 9999, c.case),
            "name": lambda c: (c.case.lower(), c.year or 0),
            "documents": lambda c: (-len(c.documents), c.case),
        }
        return sorted(found, key=keys.get(sort, keys["newest"]))

    def similar_cases(self, case_id: str, limit: int = 5) -> list[tuple[CaseInfo, float]]:
        """Cases whose theme profile is closest (cosine similarity of theme counts)."""
        target = self._cases.get(case_id)
        if target is None:
            return []
        mine = target.theme_counts
        norm = math.sqrt(sum(v * v for v in mine.values())) or 1.0
        scored = []
        for other in self._cases.values():
            if other.case_id == case_id:
                continue
            theirs = other.theme_counts
            dot = sum(mine[t] * theirs.get(t, 0) for t in mine)
            if dot:
                other_norm = math.sqrt(sum(v * v for v in theirs.values())) or 1.0
                scored.append((other, dot / (norm * other_norm)))
        scored.sort(key=lambda item: (-item[1], item[0].case))
        return scored[:limit]


@dataclass
class ThemeMatrix:
    """How many cases raise each theme, year by year."""

    years: list[int]
    cases_per_year: dict[int, int]
    cells: dict[str, dict[int, int]]  # theme -> year -> cases

    def count(self, theme: str, year: int) -> int:
        return self.cells.get(theme, {}).get(year, 0)

    def share(self, theme: str, year: int) -> float:
        cases = self.cases_per_year.get(year, 0)
        return self.count(theme, year) / cases if cases else 0.0

    def total(self, theme: str) -> int:
        return sum(self.cells.get(theme, {}).values())


def _case_themes(case: CaseInfo, doc_type: str | None) -> set[str]:
    documents = [d for d in case.documents if not doc_type or d.doc_type == doc_type]
    return {t for d in documents for t in d.theme_counts}


class ThemeStats:
    """Recurring themes across cases: the analyst's view."""

    def __init__(
        self, documents: DocumentIndex, board: str | None = None, doc_type: str | None = None
    ) -> None:
        self.doc_type = doc_type
        self.cases = [
            c
            for c in documents.cases(board=board)
            if c.year and (not doc_type or any(d.doc_type == doc_type for d in c.documents))
        ]
        self._themes = {c.case_id: _case_themes(c, doc_type) for c in self.cases}

    def matrix(self) -> ThemeMatrix:
        years = sorted({c.year for c in self.cases if c.year})
        per_year = Counter(c.year for c in self.cases if c.year)
        cells: dict[str, dict[int, int]] = {}
        for case in self.cases:
            for theme in self._themes[case.case_id]:
                row = cells.setdefault(theme, {})
                row[case.year] = row.get(case.year, 0) + 1  # type: ignore[index]
        return ThemeMatrix(years, dict(per_year), cells)

    def cooccurring(self, theme: str, limit: int = 10) -> list[tuple[str, int, float]]:
        """Themes raised in the same cases as `theme`: (theme, cases, share of its cases)."""
        with_theme = [c for c in self.cases if theme in self._themes[c.case_id]]
        counts = Counter(
            other for c in with_theme for other in self._themes[c.case_id] if other != theme
        )
        total = len(with_theme) or 1
        # Equal counts in theme order, so the table is the same on every run.
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(t, n, n / total) for t, n in ranked]

    def cases_with(self, theme: str) -> list[CaseInfo]:
        return [c for c in self.cases if theme in self._themes[c.case_id]]
