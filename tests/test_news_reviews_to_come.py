"""A news item about a review still to be done is not the review: "the Panel are going to
conduct a national review", "the partnership will carry out a review"."""

from __future__ import annotations

import pytest

from harvester.metadata.doc_types import find_doc_type
from tests.hints import read


@pytest.mark.parametrize(
    "context",
    [
        "After the death of Baby R, the national panel are going to conduct a national review "
        "of the issues it raised.",
        "The partnership will carry out a local review of the care Baby R received.",
    ],
)
def test_a_review_still_to_be_done_is_news_of_it(context: str) -> None:
    meta = read(link="Review following the death of Baby R", heading="News", context=context)
    assert (meta.case, meta.doc_type) == ("Baby R", "other")


def test_a_published_review_is_still_its_report() -> None:
    assert (
        find_doc_type("The partnership has published its review of the care Baby R received")
        != "other"
    )


@pytest.mark.parametrize(
    "headline",
    ["‘Discredited’ serious case review model to be scrapped", "‘Flawed’ review of baby death"],
)
def test_a_judgement_in_quotes_is_no_child_s_name(headline: str) -> None:
    assert read(link=headline, heading="News").case is None


def test_a_charity_s_name_before_its_briefing_is_not_its_topic() -> None:
    meta = read(link="NSPCC | Briefing On Self-harm", heading="Published reviews")
    assert (meta.case, meta.doc_type) == ("Self-harm", "learning-brief")


@pytest.mark.parametrize(
    "headline",
    [
        "Judge allows challenge to non-disclosure of serious case review report",
        "Council criticised for withholding overview report of serious case review",
    ],
)
def test_a_review_kept_back_is_news_of_it(headline: str) -> None:
    assert find_doc_type(headline) == "other"
