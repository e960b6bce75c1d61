"""A card's heading that is only the child's name, over a link that says only that it is
the review."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    "link",
    ["Full review (accessible version, Word)", "The review (PDF, 2MB)", "Final review"],
)
def test_a_name_over_the_review_itself_is_the_case(link: str) -> None:
    meta = read(
        heading="Imogen",
        link=link,
        context="Local Child Safeguarding Practice Review published 30 November 2023",
    )
    assert meta.case == "Imogen"


def test_a_known_place_over_a_generic_link_is_no_case() -> None:
    meta = read(heading="Derbyshire", link="Full review (PDF)", context="Published 2023")
    assert meta.case is None


@pytest.mark.parametrize(
    ("heading", "case"),
    [
        ("Executive summary – Noah", "Noah"),
        ("Action plan – Lucas and Erin", "Lucas and Erin"),
        ("Executive summary – Derbyshire", None),
        ("Summary – Neglect", None),
    ],
)
def test_a_name_after_the_document_s_kind(heading: str, case: str | None) -> None:
    assert read(heading=heading, link="Download", context="Published 1 March 2018").case == case


@pytest.mark.parametrize(
    ("heading", "case"),
    [
        ("Child Safeguarding Practice Review into the circumstances of Ryan", "Ryan"),
        ("Serious case review into the circumstances surrounding the death of Liam", "Liam"),
    ],
)
def test_the_child_whose_circumstances_a_review_looked_into(heading: str, case: str) -> None:
    assert read(heading=heading, link="Download (PDF)", context="Published 2019").case == case
