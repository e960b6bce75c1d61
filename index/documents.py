"""The document-level index: documents with their provenance, and cases built from them.

Small (one record per document), so a reader loads it whole and answers case and document
pages from memory.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from whoosh.searching import Searcher

from index.dates import parse_date
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


# A case's own reviews; its other documents (a leaflet, a summary, a response) join it.
REVIEW_TYPES = frozenset({"overview-report", "thematic-review"})
# A document published this long after a review of the same area and name joins its case.
JOIN_MONTHS = 18
# A case id ends with its year ("fenmarsh-child-j-2015", "fenmarsh-child-j-n-d").
_ID_YEAR = re.compile(r"-(?:\d{4}|n-d)$")


def _month_number(document: DocumentInfo) -> int | None:
    """Months since year 0 of the document's publication, when its date gives a month."""
    parsed = parse_date(document.published)
    return parsed[0] * 12 + parsed[1] - 1 if parsed else None


def _joins(review: list[DocumentInfo], later: list[DocumentInfo]) -> bool:
    """Whether documents published in a later year join the case of `review` (DESIGN.md:
    within 18 months after): by their months where both dates give one, else by the year
    (the same or the next)."""
    first_year = min(d.year for d in review if d.year)
    later_year = min(d.year for d in later if d.year)
    if not 0 <= later_year - first_year <= 1:
        return False
    starts = [m for d in review if (m := _month_number(d)) is not None]
    ends = [m for d in later if (m := _month_number(d)) is not None]
    if starts and ends:
        return 0 <= min(ends) - min(starts) <= JOIN_MONTHS
    return True


def joined_case_ids(documents: Iterable[DocumentInfo]) -> dict[str, str]:
    """Each document's own case id (its area, name and year) to its case's (DESIGN.md's
    case identity): documents of one area and name and of a later year that has no review
    of its own join the case before them when published within 18 months after it; two
    reviews of one name stay two cases. The case's id is its first year's."""
    by_name: dict[str, dict[str, list[DocumentInfo]]] = defaultdict(lambda: defaultdict(list))
    for document in documents:
        if document.case_id:
            by_name[_ID_YEAR.sub("", document.case_id)][document.case_id].append(document)
    joined: dict[str, str] = {}
    for groups in by_name.values():
        case: tuple[str, list[DocumentInfo]] | None = None  # its id and its first documents
        for own_id in sorted(groups, key=lambda i: min((d.year or 9999) for d in groups[i])):
            members = groups[own_id]
            dated = any(d.year for d in members)
            if (
                case is not None
                and dated
                and not any(d.doc_type in REVIEW_TYPES for d in members)
                and _joins(case[1], members)
            ):
                joined[own_id] = case[0]
                continue
            joined[own_id] = own_id
            case = (own_id, members) if dated else None
    return joined


def _info(fields: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(**info_values(fields))


class DocumentIndex:
    """Documents and cases of one index build, read once from a searcher of its
    document-level index; `by_number` maps that searcher's document numbers."""

    def __init__(self, searcher: Searcher) -> None:
        by_number = {n: _info(f) for n, f in searcher.reader().iter_docs()}
        # Each document carries its case's id; the ids its records were indexed under are
        # kept for filtering them.
        joined = joined_case_ids(by_number.values())
        self._own_ids: dict[str, list[str]] = defaultdict(list)
        for own_id, case_id in sorted(joined.items()):
            self._own_ids[case_id].append(own_id)
        self.by_number = {
            n: replace(d, case_id=joined[d.case_id]) if d.case_id in joined else d
            for n, d in by_number.items()
        }
        self._joined = joined
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
        """A case by its id, or by the own id of a document that joined it."""
        return self._cases.get(self._joined.get(case_id, case_id))

    def case_id_of(self, own_id: str | None) -> str | None:
        """The case a document's own case id belongs to."""
        return self._joined.get(own_id, own_id) if own_id else own_id

    def indexed_case_ids(self, case_id: str) -> list[str]:
        """The case ids a case's records were indexed under (its documents' own)."""
        case = self._joined.get(case_id, case_id)
        return self._own_ids.get(case) or [case_id]

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
        target = self.case(case_id)
        if target is None:
            return []
        mine = target.theme_counts
        norm = math.sqrt(sum(v * v for v in mine.values())) or 1.0
        scored = []
        for other in self._cases.values():
            if other.case_id == target.case_id:
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
