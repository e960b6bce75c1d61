"""Proximity (index/proximity.py): a two- or three-word query's words count as all there
only close together, in any order; the array scorer agrees with Whoosh's own matcher on
which records that is and what they score."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from whoosh.qparser import AndGroup, QueryParser
from whoosh.query import And, Or, Phrase, Term

from index import LessonSearcher, SearchQuery
from index.filters import on_documents
from index.proximity import WINDOW, Near, likely_phrase, within
from index.ranking import kind_factors
from index.scoring import ArrayScorer
from index.writer import rebuild
from tests.test_index import FENMARSH, doc, lesson


def test_within_follows_the_span_rule() -> None:
    assert within([[3], [4]], 1)  # side by side
    assert within([[9], [4]], 5)  # in either order
    assert not within([[9], [4]], 4)
    assert within([[0, 50], [52]], 2)  # any occurrence of each word will do
    # A third word within reach of the span the first two make, or inside it.
    assert within([[10], [14], [17]], 4)
    assert within([[10], [14], [12]], 4)
    assert not within([[10], [14], [19]], 4)
    assert not within([[1], []], 10)


def test_short_queries_are_taken_as_likely_phrases() -> None:
    parser = QueryParser("text", None, group=AndGroup)
    two = likely_phrase(parser.parse("hidden men"))
    assert isinstance(two, Near) and two.words == ["hidden", "men"] and two.slop == WINDOW
    assert isinstance(likely_phrase(parser.parse("county lines drugs")), Near)
    for unchanged in ("neglect", "a b c d", '"hidden men"', "hidden OR men", "men men"):
        query = parser.parse(unchanged)
        assert likely_phrase(query) is query, unchanged
    # The boost of the all-words clause stays; the document level, which keeps no
    # positions, asks for all the words.
    boosted = likely_phrase(And([Term("text", "hidden"), Term("text", "men")], boost=2.0))
    assert boosted.boost == 2.0
    assert on_documents(Or([boosted])) == Or(
        [And([Term("text", "hidden"), Term("text", "men")], boost=2.0)]
    )
    assert on_documents(Phrase("text", ["hidden", "men"])) == And(
        [Term("text", "hidden"), Term("text", "men")]
    )


SCATTERED = (
    "The hidden costs of the new building were discussed at length by the finance "
    "committee, which met monthly in the old town hall during the winter. Later the "
    "men from the works depot repaired the roof and painted the windows. A hidden "
    "gutter behind the chimney stack was cleared in March by two of the same men."
)
CLOSE = "Hidden men: the mother's partner was in the home every day and no agency knew him."


@pytest.fixture(scope="module")
def proximity_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents: a lesson holding "hidden" and "men" twice each, far apart; a
    briefing whose passage (a kind ranked lower than a lesson) names hidden men."""
    scattered = doc("b0b0b0b0b0b00001", "Annual report", None, FENMARSH, 2016, "other")
    close = doc("b0b0b0b0b0b00002", "Child W briefing", "Child W", FENMARSH, 2016, "learning-brief")
    data_dir = tmp_path_factory.mktemp("proximity") / "data"
    rebuild(
        data_dir,
        [
            (scattered, [lesson(scattered.doc_id, 1, SCATTERED)]),
            (close, [lesson(close.doc_id, 1, CLOSE, kind="passage")]),
        ],
    )
    return data_dir


def test_words_close_together_rank_above_the_same_words_scattered(
    proximity_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LessonSearcher(proximity_index) as searcher:
        assert isinstance(searcher.parse("hidden men").subqueries[0], Near)
        found = searcher.search(SearchQuery(q="hidden men"))
        assert [h.text for h in found.results] == [CLOSE, SCATTERED]
    # Without proximity the scattered words, said twice each, win: the fixture is one
    # where proximity decides.
    monkeypatch.setattr("index.parsing.likely_phrase", lambda query: query)
    with LessonSearcher(proximity_index) as searcher:
        found = searcher.search(SearchQuery(q="hidden men"))
        assert [h.text for h in found.results] == [SCATTERED, CLOSE]


def test_near_scores_as_whoosh_scores_it(proximity_index: Path) -> None:
    with LessonSearcher(proximity_index) as searcher:
        whoosh_searcher = searcher.whoosh()
        scorer = ArrayScorer(whoosh_searcher, final=kind_factors)
        words = [Term("text", "hidden"), Term("text", "men")]
        for slop in (1, 4, 40):
            query = Near(words, slop=slop, boost=2.0)
            expected = {n: s for s, n in whoosh_searcher.search(query, limit=None).top_n}
            scored = scorer.score(query)
            got = dict(zip(scored.numbers.tolist(), scored.scores.tolist(), strict=True))
            assert set(got) == set(expected), slop
            for number, score in expected.items():
                assert math.isclose(got[number], score, rel_tol=1e-9), (slop, number)
        # Far enough apart, the scattered record holds the words but not near each other.
        assert len(scorer.score(Near(words, slop=4))) == 1
        assert len(scorer.score(Near(words, slop=40))) == 2
