"""Relevance that holds at scale: the judged sample queries (samples/judgments.toml) over
the harvested sample alone, and over the sample plus 200 distractor reports of everyday
English (tests/distractors.py), understood and indexed by the product as any document.

A national collection holds thousands of reports; the sample holds a few dozen. Search
quality measured on the sample alone says nothing of what a practitioner sees when most of
the index is about something else. The distractors carry the query's words only as often
as English does, so the sample's lessons should still come first. `bench/relevance.py`
measures the same with 1,000 and 2,000 distractors."""

from __future__ import annotations

import collections
import re

import pytest

from index import LessonSearcher
from index.evaluation import Evaluation, Judged, evaluate
from scr.services import Services
from tests.conftest import Harvested
from tests.distractors import (
    FLAVOURED,
    LINES_PER_PAGE,
    PAGES,
    PLAIN,
    SAFEGUARDING_RATES,
    ScaleBuild,
    build_scale_index,
    distractor,
    distractors,
)

DISTRACTORS = 200
MAX_NDCG_DROP = 0.03
# The share of plain distractor records the tagger gives a theme. Measured: 0.61% (88 of
# 14,391 records of the 200 distractors, 100 tags), one everyday word standing for a theme
# now and then; 2% leaves room for a taxonomy change while catching a tagger that starts
# to tag ordinary English.
MAX_TAGGED_SHARE = 0.02


# The sample alone: the harvested index (a rebuild of the same stored documents with no
# distractor evaluates the same, query by query).
@pytest.fixture(scope="module")
def alone(app_searcher: LessonSearcher, judgments: list[Judged]) -> Evaluation:
    return evaluate(app_searcher, judgments)


@pytest.fixture(scope="module")
def scaled(harvested: Harvested, tmp_path_factory: pytest.TempPathFactory) -> ScaleBuild:
    data_dir = tmp_path_factory.mktemp("scale") / "data"
    return build_scale_index(harvested.data_dir, data_dir, DISTRACTORS, PLAIN)


@pytest.fixture(scope="module")
def with_distractors(scaled: ScaleBuild, judgments: list[Judged]) -> Evaluation:
    with Services.for_data_dir(scaled.data_dir).open_searcher() as searcher:
        return evaluate(searcher, judgments)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


# --- the generator ---------------------------------------------------------------------


def test_distractors_are_reproducible_and_distinct() -> None:
    assert distractor(7) == distractor(7)
    assert distractor(7, seed=1) != distractor(7)
    assert distractor(7, FLAVOURED) != distractor(7)
    reports = list(distractors(40))
    assert len({r.sha256 for r in reports}) == 40
    assert len({r.source_url for r in reports}) == 40
    with pytest.raises(ValueError, match="variant"):
        distractor(1, "spicy")


def test_distractors_have_the_shape_of_a_review_report() -> None:
    for report in distractors(40):
        low, high = PAGES
        assert low <= len(report.pages) <= high, report.title
        cover = report.pages[0].splitlines()
        assert report.title in cover and report.board.startswith(cover[0])
        body = "\n".join(report.pages[1:])
        for heading in ("Introduction", "Background", "Findings", "Lessons learned"):
            assert re.search(rf"^\d\. {heading}$", body, re.M), (report.title, heading)
        assert re.search(r"^\d\.\d+ Lesson 3: ", body, re.M)
        assert re.search(r"^\d\.\d+ Recommendation 3: ", body, re.M)
        for page in report.pages[1:]:
            assert len(page.splitlines()) <= LINES_PER_PAGE + 2
            assert page.splitlines()[1].startswith("Page ")


def test_plain_distractors_have_safeguarding_words_only_at_english_rates() -> None:
    """The running text of plain distractors carries "child" about as often as English at
    large (0.2 per 1,000 words); that of flavoured ones at the rate of a review (12 per
    1,000)."""
    counts = {}
    for variant in (PLAIN, FLAVOURED):
        words = [
            w
            for r in distractors(30, variant)
            for page in r.pages[1:]
            for line in page.splitlines()[2:]  # the running text, under header and page
            for w in _words(line)
        ]
        counted = collections.Counter(words)
        counts[variant] = {w: counted[w] / len(words) * 1000 for w in ("child", "neglect")}
    assert counts[PLAIN]["child"] < 1.0
    assert counts[PLAIN]["neglect"] < 0.1
    assert abs(counts[FLAVOURED]["child"] - SAFEGUARDING_RATES["child"]) < 3.0
    assert counts[FLAVOURED]["neglect"] > 0.5


# --- the index of the sample and the distractors -----------------------------------------


def test_scale_index_holds_the_sample_and_every_distractor(
    scaled: ScaleBuild, harvested: Harvested
) -> None:
    with Services.for_data_dir(scaled.data_dir).open_searcher() as searcher:
        documents = {d.doc_id for d in searcher.documents.documents}
    with Services.for_data_dir(harvested.data_dir).open_searcher() as sample:
        sample_ids = {d.doc_id for d in sample.documents.documents}
    assert len(documents) == scaled.sample_documents + DISTRACTORS
    assert sample_ids <= documents
    assert scaled.distractor_records > DISTRACTORS * 20


def test_distractor_records_are_rarely_tagged(scaled: ScaleBuild) -> None:
    print(
        f"\n{scaled.tagged_distractor_records} of {scaled.distractor_records} plain "
        f"distractor records tagged ({scaled.tagged_share:.2%}), "
        f"{scaled.distractor_themes} theme tags"
    )
    assert scaled.tagged_share < MAX_TAGGED_SHARE


# --- relevance ---------------------------------------------------------------------------


def _drops(alone: Evaluation, scaled: Evaluation, count: int = 5) -> str:
    pairs = sorted(
        zip(alone.scores, scaled.scores, strict=True), key=lambda p: p[1].ndcg - p[0].ndcg
    )
    return "; ".join(f"{a.judged.query.q!r} {a.ndcg:.2f} -> {s.ndcg:.2f}" for a, s in pairs[:count])


def test_relevance_holds_with_distractors(alone: Evaluation, with_distractors: Evaluation) -> None:
    drop = alone.ndcg - with_distractors.ndcg
    print(
        f"\nmean nDCG@10 {alone.ndcg:.3f} alone, {with_distractors.ndcg:.3f} with "
        f"{DISTRACTORS} plain distractors (drop {drop:.3f}); MRR {alone.mrr:.3f} -> "
        f"{with_distractors.mrr:.3f}\nbiggest drops: {_drops(alone, with_distractors)}"
    )
    assert drop <= MAX_NDCG_DROP, _drops(alone, with_distractors)
