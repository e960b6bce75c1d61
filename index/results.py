"""What a search is asked and what it answers: the query with its checks, a result (a
lesson or passage with its document's metadata), facet values, the response and its
JSON."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from index.fields import DOC_TYPES, HIT_JSON, HIT_JSON_IF_SET, KINDS, HitFields

MAX_PER_PAGE = 100
MIN_YEAR, MAX_YEAR = 1900, 2100
SORTS = ("relevance", "newest")
MAX_QUERY_CHARS = 500


class QueryError(ValueError):
    """A query or parameter the index cannot answer; the message is shown to the user."""


class IndexMissingError(RuntimeError):
    """No index has been built yet."""


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    themes: tuple[str, ...] = ()
    year: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    case: str | None = None
    board: str | None = None
    doc_type: str | None = None
    kind: str | None = None
    doc_id: str | None = None
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    exact: bool = False  # search the words as typed, without spelling correction

    def validate(self) -> SearchQuery:
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r} (known: {', '.join(SORTS)})")
        if len(self.q) > MAX_QUERY_CHARS:
            raise QueryError(f"query is longer than {MAX_QUERY_CHARS} characters")
        if self.page < 1:
            raise QueryError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if self.doc_type and self.doc_type not in DOC_TYPES:
            raise QueryError(f"unknown type {self.doc_type!r} (known: {', '.join(DOC_TYPES)})")
        if self.kind and self.kind not in KINDS:
            raise QueryError(f"unknown kind {self.kind!r} (known: {', '.join(KINDS)})")
        for name in ("year", "year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
                raise QueryError(f"{name} must be a year between {MIN_YEAR} and {MAX_YEAR}")
        if self.year is not None and (self.year_from is not None or self.year_to is not None):
            raise QueryError("give either year or a year range, not both")
        if (
            self.year_from is not None
            and self.year_to is not None
            and self.year_from > self.year_to
        ):
            raise QueryError("year_from is after year_to")
        return self


@dataclass(frozen=True)
class FacetValue:
    value: str | int
    label: str
    count: int


@dataclass(kw_only=True)
class Hit(HitFields):  # type: ignore[misc,valid-type]
    """A lesson or passage found, with its document's metadata: the stored fields
    `index/fields.py` gives results (lesson_id, doc_id, title, case, board, year, ...),
    and what the search adds."""

    snippet: str = ""
    score: float = 0.0
    more_in_document: int = 0  # further matching lessons of this document not shown


@dataclass
class SearchResponse:
    query: str
    total: int  # matching documents: the facets count documents too
    page: int
    per_page: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    corrected_query: str | None = None  # the query searched instead of the one typed
    suggestion: str | None = None  # "did you mean", when the typed query was searched
    shown: int | None = None  # results after collapsing, within the records read
    records: int | None = None  # indexed records, on a search without words
    # Distinct values of each facet among the matching documents (the lists are cut at
    # FACET_VALUES).
    facet_sizes: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "results": [_hit_json(h) for h in self.results],
            "facets": {
                k: [{"value": v.value, "label": v.label, "count": v.count} for v in vs]
                for k, vs in self.facets.items()
            },
        }
        more = {k: n - len(self.facets.get(k, ())) for k, n in self.facet_sizes.items()}
        if any(more.values()):
            out["facets_more"] = {k: n for k, n in more.items() if n > 0}
        if self.corrected_query:
            out["corrected_query"] = self.corrected_query
        if self.suggestion:
            out["did_you_mean"] = self.suggestion
        return out

    @property
    def pages(self) -> int:
        shown = self.total if self.shown is None else self.shown
        return max(1, -(-shown // self.per_page))


def _hit_json(hit: Hit) -> dict[str, Any]:
    data = {k: getattr(hit, k) for k in HIT_JSON}
    data["themes"] = list(hit.themes)
    data["snippet"] = hit.snippet
    data["score"] = hit.score
    data.update({k: v for k in HIT_JSON_IF_SET if (v := getattr(hit, k))})
    return data


def copy_response(response: SearchResponse) -> SearchResponse:
    """A copy of a cached response its receiver may change without changing the cache
    (a deep copy took ~3 ms of each search)."""
    return dataclasses.replace(
        response,
        results=[dataclasses.replace(h, themes=list(h.themes)) for h in response.results],
        facets={k: list(v) for k, v in response.facets.items()},
        facet_sizes=dict(response.facet_sizes),
    )
