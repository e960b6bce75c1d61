"""What a search is asked: the query, its filters, page and sort, and the checks that turn
a bad one into a one-line QueryError before it reaches the index."""

from __future__ import annotations

from dataclasses import dataclass

from index.fields import DOC_TYPES, KINDS

MAX_PER_PAGE = 100
MIN_YEAR, MAX_YEAR = 1900, 2100
SORTS = ("relevance", "newest")
MAX_QUERY_CHARS = 500


class QueryError(ValueError):
    """A query or parameter the index cannot answer; the message is shown to the user."""


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
