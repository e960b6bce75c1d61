"""What a search answers: a result (a lesson or passage with its document's metadata),
facet values, the response and its JSON. The question is `index/query.py`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from index.fields import HIT_JSON, HIT_JSON_IF_SET, HitFields, hit_values


class IndexMissingError(RuntimeError):
    """No index has been built yet."""


@dataclass(frozen=True)
class FacetValue:
    value: str | int
    label: str
    count: int


@dataclass(frozen=True)
class Place:
    """Another place a result's lesson appears: a record of another document of its case
    that restates it."""

    doc_id: str
    lesson_id: str
    title: str
    doc_type: str
    page: int | None
    source_url: str
    kind: str = "lesson"

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "doc_type": self.doc_type,
            "page": self.page,
            "source_url": self.source_url,
        }


@dataclass(kw_only=True)
class Hit(HitFields):  # type: ignore[misc,valid-type]
    """A lesson or passage found, with its document's metadata: the stored fields
    `index/fields.py` gives results (lesson_id, doc_id, title, case, board, year, ...),
    and what the search adds."""

    snippet: str = ""
    score: float = 0.0
    also_in: list[Place] = field(default_factory=list)  # the same lesson elsewhere in its case
    # Its case's further matching records (other lessons), on the case's last card; and
    # how many more there are beyond those.
    more_from_case: list[Place] = field(default_factory=list)
    more_in_case: int = 0

    @classmethod
    def of_record(cls, stored: dict[str, Any], snippet: str, score: float) -> Hit:
        """The hit for a record's stored fields."""
        return cls(**hit_values(stored), snippet=snippet, score=score)


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
    # The documents whose records were read, when fewer than all that match (`shown`
    # counts the cards of these, the best-matching ones).
    ranked_documents: int | None = None
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
            # What the counts count: `total` documents, `shown` result cards (the pages'
            # lessons, merged across a case's documents), `cases` among the documents.
            "shown": self.cards,
            "cases": self.facet_sizes.get("case", 0),
        }
        if self.ranked_documents is not None:
            out["ranked_documents"] = self.ranked_documents
        more = {k: n - len(self.facets.get(k, ())) for k, n in self.facet_sizes.items()}
        if any(more.values()):
            out["facets_more"] = {k: n for k, n in more.items() if n > 0}
        if self.corrected_query:
            out["corrected_query"] = self.corrected_query
        if self.suggestion:
            out["did_you_mean"] = self.suggestion
        return out

    def as_corrected(self, typed: str, correction: str) -> SearchResponse:
        """This response, of the corrected query, shown for the query as typed."""
        self.query = typed
        self.corrected_query = correction
        return self

    @property
    def cards(self) -> int:
        """Result cards over all pages."""
        return self.total if self.shown is None else self.shown

    @property
    def pages(self) -> int:
        return max(1, -(-self.cards // self.per_page))


def _hit_json(hit: Hit) -> dict[str, Any]:
    data = {k: getattr(hit, k) for k in HIT_JSON}
    data["themes"] = list(hit.themes)
    data["snippet"] = hit.snippet
    data["score"] = hit.score
    data["also_in"] = [p.to_json() for p in hit.also_in]
    if hit.more_from_case or hit.more_in_case:
        data["more_from_case"] = [p.to_json() for p in hit.more_from_case]
        data["more_in_case"] = hit.more_in_case
    data.update({k: v for k in HIT_JSON_IF_SET if (v := getattr(hit, k))})
    return data


def copy_response(response: SearchResponse) -> SearchResponse:
    """A copy of a cached response its receiver may change without changing the cache
    (a deep copy took ~3 ms of each search)."""
    return dataclasses.replace(
        response,
        results=[
            dataclasses.replace(
                h,
                themes=list(h.themes),
                also_in=list(h.also_in),
                more_from_case=list(h.more_from_case),
            )
            for h in response.results
        ],
        facets={k: list(v) for k, v in response.facets.items()},
        facet_sizes=dict(response.facet_sizes),
    )
