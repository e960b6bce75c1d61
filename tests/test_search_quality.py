"""Search quality, measured: the judged query set (samples/judgments.toml) searched against
the harvested sample website, with nDCG@10 and MRR at document level, and a floor."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from index import LessonSearcher
from index.evaluation import (
    Evaluation,
    Judged,
    JudgmentError,
    evaluate,
    load_judgments,
    ndcg_at,
    reciprocal_rank,
)

NDCG_FLOOR = 0.75
MRR_FLOOR = 0.7
MIN_QUERIES = 45


@pytest.fixture(scope="module")
def searcher(app_searcher: LessonSearcher) -> LessonSearcher:
    return app_searcher


@pytest.fixture(scope="module")
def evaluation(searcher: LessonSearcher, judgments: list[Judged]) -> Evaluation:
    return evaluate(searcher, judgments)


# --- the judged set ---------------------------------------------------------------------


def test_every_judged_document_is_in_the_manifest(
    judgments: list[Judged], manifest: dict[str, Any]
) -> None:
    known = {doc["path"] for doc in manifest["documents"]}
    missing = sorted(
        f"{judged.query.q!r}: {path}"
        for judged in judgments
        for path in judged.relevant
        if path not in known
    )
    assert not missing, "judged documents not in samples/manifest.json:\n" + "\n".join(missing)


def test_judged_set_covers_what_practitioners_type(judgments: list[Judged]) -> None:
    assert len(judgments) >= MIN_QUERIES
    queries = [j.query for j in judgments]
    repeated = {q.q for q in queries if queries.count(q) > 1}
    assert not repeated, f"queries judged twice with the same filters: {sorted(repeated)}"
    texts = [q.q for q in queries]
    assert any('"' in q for q in texts), "no quoted phrase"
    assert any(q.isupper() for q in texts), "no abbreviation on its own"
    for field in ("themes", "year", "year_from", "year_to", "case", "board", "doc_type", "kind"):
        assert any(getattr(j.query, field) for j in judgments), f"no query filters on {field}"
    for judged in judgments:
        assert max(judged.relevant.values()) == 3, f"{judged.query.q!r} has no best answer"


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


# --- the floor --------------------------------------------------------------------------


def test_search_quality_floor(evaluation: Evaluation) -> None:
    print()
    print(evaluation.table())
    print(f"mean nDCG@10 {evaluation.ndcg:.3f}   MRR {evaluation.mrr:.3f}")
    worst = sorted(evaluation.scores, key=lambda s: s.ndcg)[:5]
    report = "\n".join(
        f"  {s.ndcg:.3f} {s.judged.query.q!r}: ranked {[_name(p) for p in s.ranked[:5]]}"
        for s in worst
    )
    assert evaluation.ndcg >= NDCG_FLOOR, f"mean nDCG@10 {evaluation.ndcg:.3f}; worst:\n{report}"
    assert evaluation.mrr >= MRR_FLOOR, f"MRR {evaluation.mrr:.3f}; worst:\n{report}"


def test_every_query_finds_something_relevant(evaluation: Evaluation) -> None:
    """No judged query may come back with no relevant document at all in its results."""
    lost = [s.judged.query.q for s in evaluation.scores if s.reciprocal_rank == 0.0]
    assert not lost, f"no relevant document found for {lost}"


# --- the measures -----------------------------------------------------------------------


def test_ndcg_and_reciprocal_rank() -> None:
    relevant = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at(["a", "b", "c"], relevant) == pytest.approx(1.0)
    assert ndcg_at(["c", "b", "a"], relevant) < ndcg_at(["a", "c", "b"], relevant) < 1.0
    assert ndcg_at(["x", "y"], relevant) == 0.0
    # Only the first k ranks count.
    assert ndcg_at(["x"] * 10 + ["a"], relevant, k=10) == 0.0
    # One grade-3 document at rank 2 of a one-document judgment: 1 / log2(3).
    assert ndcg_at(["x", "a"], {"a": 3}) == pytest.approx(1 / math.log2(3))
    assert reciprocal_rank(["x", "y", "b"], relevant) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], relevant) == 0.0


# --- judgment file errors ---------------------------------------------------------------

GOOD = '[[query]]\nq = "neglect"\nrelevant = { "a/b.pdf" = 3 }\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[query]]\nq = "neglect"\nrelevant = { "a/b.pdf" = 4 }\n', "graded 1 to 3"),
        ('[[query]]\nq = "neglect"\nrelevant = { "a/b.pdf" = 0 }\n', "graded 1 to 3"),
        ('[[query]]\nq = "neglect"\nrelevant = { "a/b.pdf" = "3" }\n', "graded 1 to 3"),
        ('[[query]]\nq = "neglect"\nrelevant = {}\n', "graded 1 to 3"),
        ('[[query]]\nrelevant = { "a/b.pdf" = 3 }\n', 'needs q = "..."'),
        ('[[query]]\nq = 7\nrelevant = { "a/b.pdf" = 3 }\n', 'needs q = "..."'),
        (GOOD + "yeer = 2015\n", "unknown key yeer"),
        ("# nothing judged yet\n", "no [[query]] entries"),
        ('[[query]]\nq = "neglect\n', ""),  # not TOML
    ],
    ids=[
        "grade-4",
        "grade-0",
        "grade-string",
        "no-documents",
        "missing-q",
        "q-not-text",
        "unknown-key",
        "empty-file",
        "bad-toml",
    ],
)
def test_bad_judgment_files_give_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "judgments.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JudgmentError) as caught:
        load_judgments(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert expected in message


def test_judgment_error_names_the_query(tmp_path: Path) -> None:
    path = tmp_path / "judgments.toml"
    path.write_text(GOOD + GOOD + '[[query]]\nq = "x"\nrelevant = { "a.pdf" = 5 }\n')
    with pytest.raises(JudgmentError, match="query 3: "):
        load_judgments(path)


def test_missing_judgment_file(tmp_path: Path) -> None:
    with pytest.raises(JudgmentError) as caught:
        load_judgments(tmp_path / "absent.toml")
    assert "\n" not in str(caught.value)
