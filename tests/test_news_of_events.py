"""News of a trial, an inquest or a sentence is not a review's report unless it speaks of
the review's publication or findings."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("heading", "context"),
    [
        (
            "Stepfather jailed for life over death of Marlow boy Finn Ashdown",
            "14:56, 30 September 2022 A man who inflicted fatal injuries on his stepson has "
            "been jailed for life at the Crown Court.",
        ),
        (
            "Mother and partner convicted after two sisters left malnourished",
            "Daily Courier: 13th October 2021 The girls were failed by services.",
        ),
    ],
)
def test_news_of_a_trial_is_other(heading: str, context: str) -> None:
    assert read(heading=heading, context=context).doc_type == "other"


@pytest.mark.parametrize(
    ("heading", "context"),
    [
        (
            "Serious case review into death of 'Child K' after father convicted of "
            "manslaughter says 'lessons must be learned'",
            "The board's chair at the report's launch in February 2016",
        ),
        (
            "Stepfather jailed as review into death of Finn Ashdown is published",
            "30 September 2022",
        ),
    ],
)
def test_news_of_a_trial_and_of_the_review_s_report_is_the_report(
    heading: str, context: str
) -> None:
    assert read(heading=heading, context=context).doc_type == "overview-report"


@pytest.mark.parametrize(
    "heading",
    [
        "Safeguarding review into boy's death delayed",
        "Review into Kai's death under way",
        "Review into death of Arthur started",
        "Family demand review is published in full",
        "Review of Ava's death criticised by family",
        "Child death review panel meets",
    ],
)
def test_news_of_a_review_not_published_with_it_is_other(heading: str) -> None:
    assert read(heading=heading, context="12 March 2021").doc_type == "other"


@pytest.mark.parametrize(
    "heading",
    [
        "Review finds pre-birth assessments 'started too late'",
        "MP demands answers after Noah Whitcombe review published",
        "Agencies criticised by review into death of baby",
    ],
)
def test_news_of_what_a_published_review_found_is_its_report(heading: str) -> None:
    assert read(heading=heading, context="12 March 2021").doc_type != "other"
