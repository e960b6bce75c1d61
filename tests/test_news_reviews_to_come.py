"""A news item about a review still to be done is not the review: "the Panel are going to
conduct a national review", "the partnership will carry out a review"."""

from __future__ import annotations

import pytest

from harvester.metadata.doc_types import find_doc_type
from harvester.metadata.infer import Hints, infer_metadata


@pytest.mark.parametrize(
    "context",
    [
        "After the death of Baby R, the national panel are going to conduct a national review "
        "of the issues it raised.",
        "The partnership will carry out a local review of the care Baby R received.",
    ],
)
def test_a_review_still_to_be_done_is_news_of_it(context: str) -> None:
    hints = Hints(link_text="Review following the death of Baby R", heading="News", context=context)
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.doc_type) == ("Baby R", "other")


def test_a_published_review_is_still_its_report() -> None:
    assert (
        find_doc_type("The partnership has published its review of the care Baby R received")
        != "other"
    )
