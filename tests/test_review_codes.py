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


def test_a_reference_line_on_a_title_page_in_capitals() -> None:
    cover = (
        "WESTMERE SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\nSCR Ref: 0117\n"
        "Overview Report\nAuthor: K. Threlfall\nPresented to the Board: 2 May 2012"
    )
    assert read(cover=cover).case == "SCR 0117"


@pytest.mark.parametrize(
    ("cover", "case"),
    [
        # a document-sharing site's copy: its furniture before the title page
        (
            "EMBERTON LOCAL SAFEGUARDING CHILDREN BOARD SERIOUS CASE REVIEW - DOC\n"
            "Document Sample\nEMBERTON LSCB SERIOUS CASE REVIEW - DOC Powered By Docstoc\n"
            "EMBERTON LOCAL SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\n"
            "EXECUTIVE SUMMARY\nYOUNG PERSON ‘R’\n(aged 15 years)\nPublished: March 2008",
            "Young Person R",
        ),
        # one agency's report, marked and headed by its site's lines
        (
            "Individual Management Review - Oakhurst Community Health by abc123\nMore Info\n"
            "CONFIDENTIAL\nOAKHURST LOCAL SAFEGUARDING CHILDREN BOARD\n"
            "SERIOUS CASE REVIEW: BABY W\nINDIVIDUAL MANAGEMENT REVIEW\n"
            "Agency: Oakhurst Community Health Services\nDate completed: 17th August 2009",
            "Baby W",
        ),
    ],
)
def test_a_document_s_furniture_and_markings_name_no_case(cover: str, case: str) -> None:
    assert read(cover=cover).case == case


@pytest.mark.parametrize(
    ("heading", "case"),
    [
        (
            "Special review: health services’ contact with Tomos Wynne before his death",
            "Tomos Wynne",
        ),
        (
            "Overview of three serious case reviews concerning infants under one (2007–2008)",
            "infants under one",
        ),
    ],
)
def test_a_qualifier_of_the_review_is_no_name(heading: str, case: str) -> None:
    meta = read(heading=heading, link="Composite overview report", context="Published 2015")
    assert (meta.case or "").lower() == case.lower()


@pytest.mark.parametrize(
    ("heading", "link"),
    [
        ("Letter from the Panel chair to partners about delays", "Letter (PDF, 95 KB)"),
        ("Children's social care: the inspectorate's yearly commentary, 2014", "Commentary (PDF)"),
        ("Written Statement: Review of the practice review framework", None),
        ("Case Reviews", "HVSCB Case Review Notification Flow Chart 2017"),
        ("Review Of Baby Boy's Death At Alder House Mother And Baby Unit Published", None),
        ("Newyddlen / Newsletter – Rhifyn Arbennig / Special Issue – Gwanwyn / Spring 2019", None),
    ],
)
def test_a_document_s_own_kind_is_no_name(heading: str, link: str | None) -> None:
    assert read(heading=heading, link=link, context="Published 11 August 2022").case is None
