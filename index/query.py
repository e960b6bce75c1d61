"""What a search is asked: the query, its filters, page and sort, and the checks that turn
a bad one into a one-line QueryError before it reaches the index."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.query import (
    Every,
    MultiTerm,
    NullQuery,
    Or,
    Prefix,
    Query,
    Term,
    TermRange,
    Wildcard,
)

from index.facets import FACETS as FACET_NAMES
from index.fields import DOC_TYPES, KINDS
from index.schema import build_document_schema

MAX_PER_PAGE = 100
MIN_YEAR, MAX_YEAR = 1900, 2100
SORTS = ("relevance", "newest")
MAX_QUERY_CHARS = 500
# A wildcard, prefix or word range stands for every indexed word it matches, each scored
# on its own: `*a*` is most of the vocabulary (seconds of CPU on 10,000 records, growing
# with the index). A query may hold a few, each fixed by its first letters, which bounds
# the words it can reach: on 10,000 records the widest three-letter prefix ("con") matches
# under 200 words, and three of the widest together answer in about half a second.
MAX_PATTERN_TERMS = 3
MIN_PATTERN_PREFIX = 3
# What a pattern may reach in this collection's vocabulary (a national collection's
# ~150,000 words hold thousands that start "con"): each word reached is one more term to
# look up and score at both steps of a search. "neglect*", "safeguard*" and "assess*"
# reach a handful.
MAX_PATTERN_WORDS = 100
WILDCARDS = "*?"


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
    # Facets listed with every value (the others list their commonest, facets.FACET_VALUES).
    full_facets: tuple[str, ...] = ()

    def validate(self) -> SearchQuery:
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r} (known: {', '.join(SORTS)})")
        if len(self.q) > MAX_QUERY_CHARS:
            raise QueryError(f"query is longer than {MAX_QUERY_CHARS} characters")
        check_cost(self.q)
        if self.page < 1:
            raise QueryError("page must be 1 or more")
        if not 1 <= self.per_page <= MAX_PER_PAGE:
            raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}")
        if self.doc_type and self.doc_type not in DOC_TYPES:
            raise QueryError(f"unknown type {self.doc_type!r} (known: {', '.join(DOC_TYPES)})")
        if self.kind and self.kind not in KINDS:
            raise QueryError(f"unknown kind {self.kind!r} (known: {', '.join(KINDS)})")
        for name in self.full_facets:
            if name not in FACET_NAMES:
                raise QueryError(f"unknown facet {name[:40]!r} (known: {', '.join(FACET_NAMES)})")
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


@functools.cache
def _parser() -> MultifieldParser:
    """The search's own syntax (fields, wildcards, ranges), as the searcher parses it."""
    return MultifieldParser(["title", "section", "text"], build_document_schema(), group=OrGroup)


def _pattern(term: Query) -> tuple[str, str] | None:
    """A term that stands for many words: how the search reads it, and the letters every
    word it matches starts with. None for a term of one word (or a numeric range)."""
    if isinstance(term, Every):
        # A lone `*` is every word of a field; `*:*` (no field) is every record, cheaply.
        return ("*", "") if term.fieldname else None
    if isinstance(term, Prefix):
        return f"{term.text}*", str(term.text)
    if isinstance(term, Wildcard):
        text = str(term.text)
        cut = min((text.index(w) for w in WILDCARDS if w in text), default=len(text))
        return text, text[:cut]
    if isinstance(term, TermRange):
        low, high = str(term.start or ""), str(term.end or "")
        common = 0
        while common < min(len(low), len(high)) and low[common] == high[common]:
            common += 1
        return f"[{low} TO {high}]", low[:common]
    if isinstance(term, MultiTerm):
        return str(term), ""
    return None


def _patterns(query: Query) -> dict[str, str]:
    """The query's pattern terms (each word once, whatever fields it is looked for in)."""
    found = {}
    if (pattern := _pattern(query)) is not None:
        found[pattern[0]] = pattern[1]
    for child in query.children():
        found.update(_patterns(child))
    return found


def check_cost(q: str) -> None:
    """Refuse, in words, a query whose wildcards would expand to too much of the index."""
    if not any(c in q for c in WILDCARDS + "[{"):
        return
    try:
        patterns = _patterns(_parser().parse(q))
    except Exception:  # the searcher reports a query it cannot parse
        return
    for shown, start in patterns.items():
        if len(start.strip()) < MIN_PATTERN_PREFIX:
            raise QueryError(
                f"a wildcard needs at least {MIN_PATTERN_PREFIX} letters before it, like "
                f"neglect* or safeguard* (this search reads one as {shown[:40]!r})"
            )
    if len(patterns) > MAX_PATTERN_TERMS:
        raise QueryError(
            f"a search may hold at most {MAX_PATTERN_TERMS} words with wildcards "
            f"(this one has {len(patterns)})"
        )


def spelled_out(query: Query, reader: Any) -> Query:
    """The query with each pattern term (prefix, wildcard, word range) replaced by the
    words it matches in the index behind `reader` (a Whoosh reader of the document-level
    index, which holds every word of the records), each scored as a typed word is; a
    pattern that matches more than MAX_PATTERN_WORDS words is refused in words. Scoring
    the words as terms keeps the search on its array scoring; a pattern left to Whoosh's
    own matcher took seconds at national scale."""

    def spell(node: Query) -> Query:
        if not isinstance(node, MultiTerm):
            return node
        words = sorted(node.existing_terms(reader, expand=True))
        if len({word for _field, word in words}) > MAX_PATTERN_WORDS:
            shown = (_pattern(node) or (str(node), ""))[0]
            raise QueryError(
                f"{shown[:40]!r} matches more than {MAX_PATTERN_WORDS} words in this "
                f"collection: add letters before the wildcard to narrow it"
            )
        schema = reader.schema
        terms = [
            Term(field, schema[field].from_bytes(word), boost=node.boost) for field, word in words
        ]
        if not terms:
            return NullQuery
        return terms[0] if len(terms) == 1 else Or(terms)

    return query.accept(spell)
