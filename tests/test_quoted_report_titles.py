"""A review's or a report's title in quotes where a news item names it: after "the
publication of", before "was published", set between commas after "the review", or as a
body's report. The title is read without its subtitle."""

from __future__ import annotations

import pytest

from harvester.metadata.quoted_titles import quoted_title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "The partnership welcomes the publication of 'Out of the register: children "
            "missing education and the risk of harm', a national review.",
            "Out of the register",
        ),
        (
            "'Held on remand: babies harmed by men awaiting trial' was published by the "
            "national panel today.",
            "Held on remand",
        ),
        (
            "The review, 'Seen as runners: five young people exploited through county lines', "
            "was published on Monday.",
            "Seen as runners",
        ),
        (
            "Charities criticise the inspectorate’s ‘Margins of the school day’ report",
            "Margins of the school day",
        ),
    ],
)
def test_a_title_a_news_item_quotes(text: str, title: str) -> None:
    assert quoted_title(text) == title


@pytest.mark.parametrize(
    "text",
    [
        "Mother says 'nobody listened to us' as review is published",
        "The review, which was 'damning', was published on Monday.",
    ],
)
def test_someone_s_words_in_quotes_are_no_title(text: str) -> None:
    assert quoted_title(text) is None
