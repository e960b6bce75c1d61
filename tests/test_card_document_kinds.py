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
