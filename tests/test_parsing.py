"""A plain query parsed a piece at a time is the query Whoosh's parser makes of the
whole (index/parsing.py)."""

from __future__ import annotations

import pytest

from index.evaluation import Judged
from index.expansion import Expander
from index.parsing import QueryParsing, plain
from index.schema import build_document_schema
from index.taxonomy import load_taxonomy

BOOSTS = {"title": 0.5, "section": 1.0, "text": 1.0}
MORE = [
    "MASH referral strategy discussion the board should",
    "DV pre-birth assessment",
    "CSE missing from home online grooming",
    '"voice of the child" FII',
    '"was not brought"',
    "non-mobile baby bruising",
    "the and of",
    "child's voice",
    "NAI SUDI EHE CCE",
    "Young Person 4 2019",
    "  spaced   words  ",
    "",
]
SYNTAX = [
    "neglect AND housing",
    "neglect OR housing",
    "NOT neglect",
    "-neglect",
    "title:neglect",
    "neglect^3",
    "negl*",
    "ne?lect",
    "(neglect housing)",
    "[2010 TO 2015]",
    "neglect~",
    "a/b",
    '"unclosed phrase',
]


@pytest.fixture(scope="module")
def parsing() -> QueryParsing:
    # No reader: these tests parse words, and spell out no prefix or wildcard.
    return QueryParsing(
        build_document_schema(), BOOSTS, Expander.from_taxonomy(load_taxonomy(None)), None
    )


def test_plain_queries_parse_by_pieces_to_the_whole_query(
    parsing: QueryParsing, judgments: list[Judged]
) -> None:
    from bench.search_speed import distinct_queries, query_set

    queries = [j.query.q for j in judgments] + MORE
    queries += [p["q"] for p in distinct_queries(query_set(), 200) if p.get("q")]
    checked = 0
    for q in dict.fromkeys(queries):
        if not plain(q):
            continue
        assert parsing.any_and_all(q) == parsing.whole(q), q
        checked += 1
    assert checked >= 120
    # A second time, from the kept pieces.
    for q in MORE:
        assert parsing.any_and_all(q) == parsing.whole(q), q


def test_queries_with_syntax_are_parsed_whole(parsing: QueryParsing) -> None:
    for q in SYNTAX:
        assert not plain(q), q
        assert parsing.any_and_all(q) == parsing.whole(q), q
