"""A query's words as Whoosh queries: every word in any field, widened by the taxonomy
(index/expansion.py), and every word in the text.

Whoosh's parser takes milliseconds for a query widened by the taxonomy's abbreviations
and theme words, and it runs for every new query. A query of plain words and quoted
phrases (no operators, fields, wildcards or boosts) is therefore parsed a piece at a
time (a word, a widened abbreviation, the theme tags), each piece's parse kept: the same
words and widenings come back in other queries. The pieces make the same query as
parsing the whole (a test compares them over the judged and benchmark queries)."""

from __future__ import annotations

import re
from typing import Any

from whoosh.fields import Schema
from whoosh.qparser import AndGroup, MultifieldParser, OrGroup
from whoosh.query import And, Every, Or, Query

from index.expansion import TOKEN, Expander, joined
from index.filters import on_documents, without_field
from index.lru import LRU
from index.proximity import likely_phrase
from index.query import QueryError, spelled_out

# Searches keep this many expansions and parses, and parsed pieces, of the queries seen
# last.
KEPT_QUERIES = 1024
KEPT_PIECES = 4096
# A record with every word scores twice; a record missing one word is still found.
ALL_TERMS_BOOST = 2.0
# A word or a quoted phrase with nothing the parser reads as syntax.
_PLAIN = re.compile(r'"[^"]*"|[^\s"():^*?~\[\]{}+\-!/\\][^\s"():^*?~\[\]{}!/\\]*')
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def plain(q: str) -> bool:
    """Whether every token of the query is a word or a quoted phrase."""
    return all(_PLAIN.fullmatch(t) and t not in _OPERATORS for t in TOKEN.findall(q))


class QueryParsing:
    """Parses a search's words for one index level or the other, the whole query at once
    or (plain queries) by pieces. `reader` is the document-level index's: a prefix or
    wildcard is spelled out as the words of the collection it matches."""

    def __init__(
        self,
        schema: Schema,
        boosts: dict[str, float],
        expander: Expander | None,
        reader: Any,
    ) -> None:
        self._any = MultifieldParser(list(boosts), schema, fieldboosts=boosts, group=OrGroup)
        self._all = MultifieldParser(["text"], schema, group=AndGroup)
        self._expander = expander
        self._reader = reader
        self._pieces: LRU[str, tuple[list[str], str]] = LRU(KEPT_QUERIES)
        self._parsed: LRU[tuple[str, str], Query] = LRU(KEPT_PIECES)
        self._levels: LRU[tuple[str, str], Query] = LRU(KEPT_QUERIES)

    def parse(self, q: str, level: str = "records") -> Query:
        """The Whoosh query `q` becomes at one index level ("records" or "documents"), in
        its field names (kept: the same words come back with other filters, sorts and
        pages)."""
        return self._levels.get_or_make((q, level), lambda key: self._at_level(*key))

    def _at_level(self, q: str, level: str) -> Query:
        if not q.strip():
            return Every()
        if level == "records":
            # The document-level parse, without the title terms, and not rewritten.
            return without_field(self._both(q), "title")
        return on_documents(self._both(q))

    def _both(self, q: str) -> Query:
        """The words as both levels search them, before either level's rewriting."""
        return self._levels.get_or_make((q, "both"), lambda key: self._preferring_all(key[0]))

    def _preferring_all(self, q: str) -> Query:
        try:
            any_terms, all_terms = self.any_and_all(q)
        except Exception as exc:  # the parser's errors have no common base class
            raise QueryError(f"could not understand the query: {exc}") from None
        any_terms = spelled_out(any_terms, self._reader)
        all_terms = spelled_out(all_terms, self._reader)
        # All terms preferred; the words of a two- or three-word query count as all there
        # only close together (index/proximity.py).
        return Or([likely_phrase(all_terms).with_boost(ALL_TERMS_BOOST), any_terms])

    def expanded(self, q: str) -> str:
        """The query with the taxonomy's abbreviations and theme words."""
        return joined(*self.pieces(q))

    def pieces(self, q: str) -> tuple[list[str], str]:
        """The expansion's pieces (kept: looking for ~1,600 theme signals takes
        milliseconds)."""
        if self._expander is None:
            return TOKEN.findall(q), ""
        return self._pieces.get_or_make(q, self._expander.pieces)

    def any_and_all(self, q: str) -> tuple[Query, Query]:
        """Every word in any field (widened), and every word in the text."""
        if not plain(q):
            return self.whole(q)
        parts, tags = self.pieces(q)
        anywhere = [self._piece(p, "any") for p in parts]
        if tags:
            anywhere.append(self._piece(tags, "any"))
        in_text = [self._piece(t, "all") for t in TOKEN.findall(q)]
        return Or(anywhere).normalize(), And(in_text).normalize()

    def whole(self, q: str) -> tuple[Query, Query]:
        """The same, the whole query parsed at once."""
        return self._any.parse(self.expanded(q)), self._all.parse(q)

    def _piece(self, text: str, group: str) -> Query:
        parser = self._any if group == "any" else self._all
        return self._parsed.get_or_make((text, group), lambda key: parser.parse(key[0]))
