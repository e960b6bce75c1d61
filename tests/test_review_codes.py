"""Reviews known by a code: a board's initials with a number, a hyphenated reference, a
reference number; and the numbers that look like them and name nothing."""

from __future__ import annotations

import pytest

from harvester.metadata.case_forms import coded_case
from tests.hints import read


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("DE 01/11 Serious Case Review Executive Summary", "DE 01/11"),
        ("Serious Case Review\nKV 3/12\nOverview Report", "KV 3/12"),
        ("Local Learning Review LR-019: key learning", "LR-019"),
        ("BSCP-04 – Partnership Response", "BSCP-04"),
        ("SCR ref. 0042", "SCR 0042"),
        ("LCSPR reference no. 117", "LCSPR 117"),
    ],
)
def test_a_review_s_code(text: str, code: str) -> None:
    assert coded_case(text) == code


@pytest.mark.parametrize(
    "text",
    ["COVID-19 – guidance for practitioners", "Published 01/11", "Meeting on 12/05 at noon"],
)
def test_numbers_that_name_no_review(text: str) -> None:
    assert coded_case(text) is None


def test_a_title_page_s_code_is_the_case() -> None:
    cover = (
        "Dyffryn Aur Local Safeguarding Children Board\nSerious Case Review\nDA 02/12\n"
        "Executive Summary\nPublished: March 2013"
    )
    meta = read(cover=cover)
    assert meta.case == "DA 02/12"
    assert meta.doc_type == "executive-summary"
