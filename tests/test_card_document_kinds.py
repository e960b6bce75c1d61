"""The kind of document a review's card names after the review's own name."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("heading", "doc_type"),
    [
        ("Child B – Recommendations and actions", "action-plan"),
        ("Child S - Board statement", "other"),
        ("Child S - The Partnership's statement (PDF)", "other"),
        ("Child U – Presentation slides", "learning-brief"),
        ("Presentation to the scrutiny committee", "other"),
        ("Child E – Overview", "overview-report"),
    ],
)
def test_the_kind_after_the_review_s_name(heading: str, doc_type: str) -> None:
    meta = read(heading=heading, link="Download", context="Published June 2021")
    assert meta.doc_type == doc_type


@pytest.mark.parametrize(
    ("link", "doc_type"),
    [
        ("Practitioner summary", "learning-brief"),
        ("Practitioners' summary (PDF)", "learning-brief"),
        ("Summary report", "executive-summary"),
        ("Crynodeb Gweithredol", "executive-summary"),
    ],
)
def test_a_summary_for_practitioners_is_a_learning_brief(link: str, doc_type: str) -> None:
    meta = read(heading="Child K", link=link, context="Published June 2019")
    assert meta.doc_type == doc_type


@pytest.mark.parametrize(
    "link",
    ["Agency statements re Baby J", "Agency Statements – Baby W", "Partner statements: Child P"],
)
def test_agencies_statements_on_a_review_are_its_response(link: str) -> None:
    meta = read(link=link, heading="Local Serious Case Reviews", context="June 2017")
    assert meta.doc_type == "action-plan"
    # (a board's statement alone is no response: what it said on the day)
    assert read(link="Board statement", heading="Baby J").doc_type == "other"


@pytest.mark.parametrize(
    ("link", "case"),
    [
        ("Key messages from Child in Need review", "Child in Need"),
        ("Key findings from the Missing Teenagers review", "Missing Teenagers"),
        ("Messages from the Baby Z review", "Baby Z"),
    ],
)
def test_a_review_s_key_messages_are_named_by_its_review(link: str, case: str) -> None:
    assert read(link=link, heading="Published reviews", context="March 2021").case == case


def test_a_review_s_key_messages_are_a_learning_brief() -> None:
    assert read(link="Key messages from Child in Need review").doc_type == "learning-brief"


@pytest.mark.parametrize(
    "link",
    ["Infant Injury Learning Briefing II", "Infant Injury 7 Minute Briefing 2", "Infant Injury"],
)
def test_a_briefing_under_a_heading_of_briefings_is_named_by_its_topic(link: str) -> None:
    meta = read(link=link, heading="Learning from reviews", context="March 2021")
    assert meta.case == "Infant Injury"
