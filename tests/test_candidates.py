"""Candidate documents (index/candidates.py): a short briefing whose lesson answers the
query reaches the record step even when long reports that use the query's words here and
there outrank it in the document step."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.query import Or, Term

from index import LessonSearcher, SearchQuery
from index.candidates import SELECTIVE_LEAST, SELECTIVE_SHARE, selective_part
from index.writer import rebuild
from tests.test_index import FENMARSH, doc, lesson

REPORTS = 6
ANSWER = (
    "The ferry timetable changed in October and the family could no longer reach the "
    "clinic on the island: missed appointments followed."
)


def _report_lessons(doc_id: str) -> list:
    lines = [
        "Officers reviewed the ferry contract and the harbour fees for the coming year.",
        "The timetable for the depot works slipped twice because of the weather.",
        "Members asked whether the ferry operator had been consulted on parking.",
        "A revised timetable for the library refurbishment was agreed in principle.",
        "The ferry terminal roof needs repair before the winter storms arrive.",
        "Staff will publish the timetable of committee meetings on the website.",
    ]
    return [lesson(doc_id, n, text, kind="lesson") for n, text in enumerate(lines, 1)]


@pytest.fixture(scope="module")
def reports_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = []
    for n in range(REPORTS):
        report = doc(f"d0d0d0d0d0d0{n:04d}", f"Annual report {n}", None, FENMARSH, 2016, "other")
        corpus.append((report, _report_lessons(report.doc_id)))
    brief = doc("d0d0d0d0d0d09999", "Child F briefing", "Child F", FENMARSH, 2017, "learning-brief")
    corpus.append((brief, [lesson(brief.doc_id, 1, ANSWER, kind="passage")]))
    data_dir = tmp_path_factory.mktemp("candidates") / "data"
    rebuild(data_dir, corpus)
    return data_dir


def test_the_best_record_reaches_the_record_step(
    reports_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.search.CANDIDATE_DOCUMENTS", 3)
    query = SearchQuery(q="ferry timetable", per_page=2)
    # The premise: the reports, saying each word three times, rank above the briefing in
    # the document step, so its 3 best documents leave the briefing out, and its lesson
    # is not the first result.
    monkeypatch.setattr("index.search.EXTRA_CANDIDATES", 0)
    with LessonSearcher(reports_index, exact_ranking=False) as searcher:
        assert "d0d0d0d0d0d09999" not in searcher.candidates(query)
        assert searcher.search(query).results[0].text != ANSWER
    monkeypatch.undo()
    monkeypatch.setattr("index.search.CANDIDATE_DOCUMENTS", 3)
    with LessonSearcher(reports_index, exact_ranking=False) as searcher:
        assert "d0d0d0d0d0d09999" in searcher.candidates(query)
        first = searcher.search(query).results[0]
        assert first.text == ANSWER


def test_selective_words_are_those_few_records_hold(app_searcher: LessonSearcher) -> None:
    reader = app_searcher.whoosh().reader()
    most = max(SELECTIVE_LEAST, reader.doc_count() * SELECTIVE_SHARE)
    rare, common = Term("text", "witchcraft"), Term("text", "child")
    assert 0 < reader.doc_frequency("text", "witchcraft") <= most
    assert reader.doc_frequency("text", "child") > most
    part = selective_part(Or([rare, common, Term("title", "witchcraft")]), reader)
    assert part == Or([rare])
    assert selective_part(Or([common]), reader) is None
