"""A search's filters (theme, year, case, board, type, kind, document) as Whoosh queries,
for the records and for the document-level index, and the rewrites that carry a parsed
query from one level to the other."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from whoosh.query import And, NullQuery, NumericRange, Or, Phrase, Query, Term

from index.proximity import Near
from index.query import SearchQuery

DOCUMENT_FIELD_NAMES = {"themes": "record_themes"}


def record_filters(
    sq: SearchQuery, themes_field: str = "themes", case_ids: Sequence[str] = ()
) -> list[Query]:
    """`case_ids`: the ids the chosen case's records were indexed under (a document that
    joined a case keeps its own), when not only the case's id itself."""
    terms: list[Query] = [Term(themes_field, t) for t in sq.themes]
    if sq.year is not None:
        terms.append(Term("year", sq.year))
    if sq.year_from is not None or sq.year_to is not None:
        terms.append(NumericRange("year", sq.year_from, sq.year_to))
    if sq.case:
        ids = [Term("case_id", c) for c in dict.fromkeys([sq.case, *case_ids])]
        terms.append(Or([*ids, Term("case_key", sq.case.strip().lower())]))
    if sq.board:
        words = [w for w in sq.board.lower().split() if w]
        terms.append(Or([Term("board", sq.board), And([Term("board_words", w) for w in words])]))
    if sq.doc_type:
        terms.append(Term("doc_type", sq.doc_type))
    if sq.kind:
        terms.append(Term("kind", sq.kind))
    if sq.doc_id:
        terms.append(Term("doc_id", sq.doc_id))
    return terms


def document_filters(sq: SearchQuery, case_ids: Sequence[str] = ()) -> list[Query]:
    """The filters as the document-level index answers them: a document passes a theme
    or kind filter when one of its records has that theme or kind."""
    return record_filters(sq, themes_field=DOCUMENT_FIELD_NAMES["themes"], case_ids=case_ids)


def record_only_filters(sq: SearchQuery) -> list[Query]:
    """The filters a document can pass while some of its records do not."""
    terms: list[Query] = [Term("themes", t) for t in sq.themes]
    if sq.kind:
        terms.append(Term("kind", sq.kind))
    return terms


def without_field(query: Query, fieldname: str) -> Query:
    """The query without its terms and phrases in one field (the multifield parser gives
    every word an alternative in each field: dropping one field's leaves the others)."""

    def drop(node: Query) -> Query | None:
        if getattr(node, "fieldname", None) == fieldname or node is NullQuery:
            return None
        subqueries = getattr(node, "subqueries", None)
        if subqueries is not None:  # And, Or
            kept = [d for d in (drop(sub) for sub in subqueries) if d is not None]
            return node.__class__(kept, boost=node.boost) if kept else None
        if node.is_leaf():
            return node
        return node.apply(lambda child: drop(child) or NullQuery)  # Not, Require, ...

    return drop(query) or NullQuery


def on_documents(query: Query) -> Query:
    """A record-level query rewritten for the document-level index: its field names, and
    a phrase or words near each other as all of the words (the document-level index keeps
    no positions: matching a phrase's positions through a whole report is what made
    counting documents slow)."""

    def rewrite(node: Query) -> Query:
        if isinstance(node, (Phrase, Near)):
            return And([Term(node.fieldname, w) for w in node.words], boost=node.boost)
        name = getattr(node, "fieldname", None)
        if name in DOCUMENT_FIELD_NAMES:
            node = copy.copy(node)
            node.fieldname = DOCUMENT_FIELD_NAMES[name]
        return node

    return query.accept(rewrite)
