"""Array scoring (index/scoring.py) against Whoosh's own matchers: the same records match
and score the same, over the whole index or chosen records, in one segment or several with
deleted records; and snippets as Whoosh's highlighter makes them."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    Every,
    NumericRange,
    Or,
    Prefix,
    Query,
    Require,
    Term,
)
from whoosh.scoring import BM25F

from index import LessonSearcher, SearchQuery
from index.evaluation import load_judgments
from index.location import current_index_dir
from index.ranking import KindWeighting, kind_factors
from index.schema import DOCUMENTS
from index.scoring import ArrayScorer
from scr.samplesite import SAMPLES_DIR
from tests.conftest import Harvested

EXTRA_QUERIES = [
    '"voice of the child"',
    '"was not brought" health',
    "bruis* baby",  # a prefix: matched by Whoosh's matcher over the chosen records
    "neglect NOT housing",
    "DV disguised compliance",
    "the",  # a stop word: nothing
    "zzyzx",  # a word no record has
]


@pytest.fixture(scope="module")
def searcher(app_searcher: LessonSearcher) -> LessonSearcher:
    return app_searcher


def _queries() -> list[str]:
    judged = load_judgments(SAMPLES_DIR / "judgments.toml")
    return [j.query.q for j in judged if j.query.q] + EXTRA_QUERIES


def _whoosh_scores(whoosh_searcher, query: Query) -> dict[int, float]:  # noqa: ANN001
    if isinstance(query, AndNot):
        # Whoosh's AndNotMatcher lets some excluded records through after a skip (in the
        # sample index, a passage matches "... ANDNOT kind:passage"): what it should find
        # is the first query's records less the second's.
        excluded = set(whoosh_searcher.docs_for_query(query.b))
        found = _whoosh_scores(whoosh_searcher, query.a)
        return {n: score for n, score in found.items() if n not in excluded}
    results = whoosh_searcher.search(query, limit=None)
    return {docnum: score for score, docnum in results.top_n}


def _assert_same(scored, expected: dict[int, float], label: str) -> None:  # noqa: ANN001
    got = dict(zip(scored.numbers.tolist(), scored.scores.tolist(), strict=True))
    assert set(got) == set(expected), label
    for number, score in expected.items():
        assert math.isclose(got[number], score, rel_tol=1e-9, abs_tol=1e-12), (label, number)


def _filtered(query: Query) -> list[Query]:
    """The query as searches send it: alone, and with record filters of each kind."""
    return [
        query,
        Require(query, Term("kind", "lesson")),
        Require(query, And([Term("themes", "neglect"), Term("doc_type", "overview-report")])),
        AndNot(query, Term("kind", "passage")),
        AndMaybe(query, Term("section", "recommend")),
        Or([query, Prefix("text", "sleep")], boost=1.5),
        Require(query, NumericRange("year", 2010, 2016)),
        And([query, NumericRange("year", 2014, None, startexcl=True, boost=2.0)]),
    ]


def test_records_score_as_whoosh_scores_them(searcher: LessonSearcher) -> None:
    scorer = ArrayScorer(searcher.whoosh(), final=kind_factors)
    checked = 0
    for q in _queries():
        for query in _filtered(searcher.parse(q)):
            expected = _whoosh_scores(searcher.whoosh(), query)
            _assert_same(scorer.score(query), expected, f"{q}: {query}")
            checked += len(expected)
    assert checked > 10_000  # the sample corpus: most queries match many records


def test_documents_score_as_whoosh_scores_them(searcher: LessonSearcher) -> None:
    scorer = ArrayScorer(searcher.whoosh("documents"))
    for q in _queries():
        query = searcher.parse(q, "documents")
        expected = _whoosh_scores(searcher.whoosh("documents"), query)
        _assert_same(scorer.score(query), expected, q)


def test_chosen_records_score_as_over_the_whole_index(searcher: LessonSearcher) -> None:
    """Scoring within chosen records (a search's candidate documents) reads only some
    posting blocks: the records it finds, and their scores, are those of the whole index."""
    count = searcher.whoosh().doc_count_all()
    rng = np.random.default_rng(7)
    runs = sorted(rng.choice(count - 40, size=12, replace=False).tolist())
    chosen = np.unique(np.concatenate([np.arange(s, s + 30) for s in runs]))
    scorer = ArrayScorer(searcher.whoosh(), final=kind_factors, directories=3)
    for q in _queries():
        query = searcher.parse(q)
        whole = _whoosh_scores(searcher.whoosh(), query)
        expected = {n: s for n, s in whole.items() if n in set(chosen.tolist())}
        for _ in range(2):  # the second time from the kept block directories
            _assert_same(scorer.score(query, chosen), expected, q)


def test_ranked_breaks_ties_by_record_number(searcher: LessonSearcher) -> None:
    scorer = ArrayScorer(searcher.whoosh(), final=kind_factors)
    query = searcher.parse("neglect")
    ranked = scorer.score(query).ranked()
    whoosh_top = searcher.whoosh().search(query, limit=None).top_n
    assert [n for _, n in ranked][:200] == [n for _, n in whoosh_top][:200]
    assert all(a[0] >= b[0] for a, b in zip(ranked, ranked[1:], strict=False))


def test_several_segments_with_deleted_records(harvested: Harvested, tmp_path: Path) -> None:
    """An index updated in place: new segments, and records deleted from older ones."""
    source = current_index_dir(harvested.data_dir)
    assert source is not None
    folder = tmp_path / "ix"
    shutil.copytree(source, folder)
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as s:
        doc_ids = sorted({f["doc_id"] for f in s.all_stored_fields()})
        moved = [dict(f) for f in s.all_stored_fields() if f["doc_id"] in doc_ids[:3]]
    # Three documents' records deleted and written again into a new segment, a fourth's
    # deleted for good.
    writer = ix.writer()
    for doc_id in doc_ids[:4]:
        writer.delete_by_term("doc_id", doc_id)
    writer.commit(merge=False)
    writer = ix.writer()
    for fields in moved:
        writer.add_document(**{k: v for k, v in fields.items() if k in ix.schema.names()})
    # A record with no year: no year term, and the column's default.
    undated = {k: v for k, v in moved[0].items() if k in ix.schema.names() and k != "year"}
    writer.add_document(**{**undated, "lesson_id": "undated-0001"})
    writer.commit(merge=False)
    assert len(ix.reader().leaf_readers()) >= 2
    with ix.searcher(weighting=KindWeighting()) as s:
        assert s.reader().has_deletions()
        scorer = ArrayScorer(s, final=kind_factors)
        all_numbers = np.arange(s.doc_count_all(), dtype=np.int64)
        for q in ("neglect", "bruising baby", "health visitor", "DV"):
            query = Or([Term("text", t) for t in q.lower().split()] + [Term("section", "lesson")])
            expected = _whoosh_scores(s, query)
            _assert_same(scorer.score(query), expected, q)
            _assert_same(scorer.score(query, all_numbers), expected, q)
        for years in (NumericRange("year", 2010, None), NumericRange("year", None, 2030)):
            expected = _whoosh_scores(s, years)
            assert len(expected) < s.doc_count()  # the undated record is not in range
            _assert_same(scorer.score(years), expected, str(years))
        assert len(scorer.score(Every())) == s.doc_count()
        # A document's records, from its doc_id term (contiguous, or read when not).
        for doc_id in doc_ids:
            expected = sorted(s.docs_for_query(Term("doc_id", doc_id)))
            assert scorer.numbers("doc_id", doc_id).tolist() == expected, doc_id
        assert scorer.numbers("doc_id", "no-such-document").tolist() == []
        assert scorer.numbers("text", "neglect").tolist() == sorted(
            s.docs_for_query(Term("text", "neglect"))
        )
    ix.close()


def test_doc_level_scorer_refuses_other_weightings(harvested: Harvested) -> None:
    ix = whoosh_index.open_dir(str(current_index_dir(harvested.data_dir)), indexname=DOCUMENTS)
    try:
        from whoosh.scoring import TF_IDF

        with ix.searcher(weighting=TF_IDF()) as s, pytest.raises(TypeError):
            ArrayScorer(s)
        with ix.searcher(weighting=BM25F()) as s:
            assert len(ArrayScorer(s).score(Every())) == s.doc_count()
    finally:
        ix.close()


def test_snippets_are_whooshs_highlights(searcher: LessonSearcher) -> None:
    from whoosh.highlight import ContextFragmenter

    from index.snippets import SNIPPET_CHARS, MarkFormatter, Snippets

    snippets = Snippets(searcher.whoosh().schema["text"])
    compared = 0
    for q in _queries()[:25]:
        query = searcher.parse(q)
        results = searcher.whoosh().search(query, limit=8)
        results.fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=90)
        results.formatter = MarkFormatter()
        words = searcher.text_words(query)
        for hit in results:
            text = hit.get("text", "")
            assert snippets.highlight(text, words) == hit.highlights("text", top=2), q
            compared += 1
    assert compared > 100


def test_integer_columns_read_at_once_are_whooshs_columns(harvested: Harvested) -> None:
    from index.whoosh3.postings import numeric_column

    ix = whoosh_index.open_dir(str(current_index_dir(harvested.data_dir)))
    try:
        reader = ix.reader()
        leaves = reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]
        for leaf, _offset in leaves:
            for name in ("year", "kind_rank", "order"):
                expected = list(leaf.column_reader(name))
                assert numeric_column(leaf, name).tolist() == expected, name
                assert len(set(expected)) > 1, name  # columns that could differ
    finally:
        ix.close()


def test_the_records_query_is_the_document_query_without_titles(
    searcher: LessonSearcher,
) -> None:
    """One parse serves both levels: the records' query is what a parser over the records'
    fields (section and text, no title) gives."""
    from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

    from index.filters import without_field
    from index.parsing import ALL_TERMS_BOOST
    from index.proximity import likely_phrase
    from index.query import spelled_out

    schema = searcher.whoosh().schema
    any_parser = MultifieldParser(["section", "text"], schema, group=OrGroup)
    all_parser = MultifieldParser(["text"], schema, group=AndGroup)
    typed = [
        *_queries(),
        "neglect AND housing",
        "section:recommendations neglect",
        "(neglect OR drift) NOT housing",
        "bruis* NAI",
    ]
    reader = searcher.whoosh("documents").reader()
    for q in typed:
        expected = Or(
            [
                likely_phrase(spelled_out(all_parser.parse(q), reader)).with_boost(ALL_TERMS_BOOST),
                spelled_out(any_parser.parse(searcher.expanded(q)), reader),
            ]
        )
        # (a stop word's empty clauses are dropped as the searcher drops them)
        assert searcher.parse(q) == without_field(expected, "title"), q
    # A title term the user names is searched among the documents only (the records'
    # schema keeps titles stored, not indexed).
    q = "title:overview bruising"
    assert "title:overview" in str(searcher.parse(q, "documents"))
    assert "title" not in str(searcher.parse(q))
    assert searcher.search(SearchQuery(q=q)).results
