"""A national inquiry's report is a review of a theme: a children's commissioner's inquiry,
an inquiry panel's investigation report, a tribunal of inquiry. An inquiry into one
child's death is that child's report."""

from __future__ import annotations

import pytest

from harvester.metadata.dates import year_from_cover
from harvester.metadata.doc_types import find_doc_type
from tests.hints import read


@pytest.mark.parametrize(
    "cover",
    [
        # a commissioner's inquiry, its title in quotes above it
        "“Nobody asked us”\nThe Office of the Children’s Commissioner’s Inquiry into\n"
        "Exploitation of Children in Care Homes\nFinal Report\nMarch 2015\n"
        "Authors: Ruth Aldane, Peter Corrow",
        # an inquiry panel's investigation of one setting
        "Hollin Vale and St Bede’s (Residential Schools case study)\nInvestigation Report\n"
        "October 2019\nA report of the Inquiry Panel Dr Anne Ferris OBE Mark Halsey",
        # an inquiry panel's investigation of a theme
        "Safeguarding in Youth Sport Clubs\nInvestigation Report\nJune 2020\n"
        "A report of the Inquiry Panel",
        # a tribunal's report
        "Left Behind\nReport of the Tribunal of Inquiry into the Abuse of Children in Care "
        "in the Former Borough of Eastmere since 1981\nPublished 14 May 2001",
    ],
)
def test_a_national_inquiry_s_report_is_a_thematic_review(cover: str) -> None:
    assert read(cover=cover).doc_type == "thematic-review"


def test_an_inquiry_panel_s_report_is_named_by_its_subject() -> None:
    meta = read(
        cover="Child protection in sports and leisure settings\nInvestigation Report\n"
        "September 2021\nA report of the Inquiry Panel"
    )
    assert (meta.case, meta.doc_type) == (
        "Child protection in sports and leisure settings",
        "thematic-review",
    )


def test_a_commissioner_s_inquiry_is_named_by_its_quoted_title() -> None:
    meta = read(
        cover="“We were not believed”\nThe Office of the Children’s Commissioner’s Inquiry "
        "into Child Sexual Exploitation in Towns and Cities Interim report November 2014\n"
        "Authors: Ruth Aldane"
    )
    assert (meta.case, meta.doc_type, meta.year) == (
        "We were not believed",
        "thematic-review",
        2014,
    )


@pytest.mark.parametrize(
    "cover",
    [
        "The Inquiry into the Death of Kayla Brent\nReport\nJanuary 2004",
        "Serious Case Review\nBaby R\nOverview Report\nThe review's findings were shared "
        "with the panel",
    ],
)
def test_an_inquiry_into_one_child_s_death_is_that_child_s_report(cover: str) -> None:
    assert read(cover=cover).doc_type == "overview-report"


def test_a_commissioner_is_no_word_of_the_case_s_story() -> None:
    # ("commissioned" still puts a date in the story: the review was commissioned then)
    line = "The Children’s Commissioner for Eastmere Report on Care Homes November 2012"
    assert year_from_cover(line) == (2012, "November 2012")
    assert year_from_cover("Review commissioned in March 2011") is None


@pytest.mark.parametrize(
    ("link", "case"),
    [
        # the inquiry's own words around its subject, on a list of reviews
        (
            "Independent Inquiry into Child Sexual Abuse in Northern Ireland: Inquiry Team",
            "Child Sexual Abuse in Northern Ireland",
        ),
        ("Interim Report of the Independent Inquiry into Child Sexual Abuse", "Child Sexual Abuse"),
        (
            "Final Report of the Independent Inquiry into Abuse of Children in Care",
            "Abuse of Children in Care",
        ),
        # an inquiry named by its subject before the word
        ("Independent Eastmere Care Inquiry Report", "Eastmere Care"),
        ("CSE Inquiry", "CSE"),
        ("The Victoria Climbi\u00e9 Inquiry Report", "Victoria Climbi\u00e9"),
        # the word alone names nothing
        ("Independent Inquiry Report", None),
        ("Public Inquiry", None),
    ],
)
def test_an_inquiry_on_a_list_of_reviews_is_named_by_its_subject(link: str, case: str) -> None:
    meta = read(link=link, heading="Published reviews")
    assert meta.case == case


def test_the_multi_agency_response_to_a_harm_is_a_review_s_subject_not_a_response() -> None:
    # (the agencies' response to one review is its action plan)
    meta = read(
        link="Multi-agency response to child neglect: joint targeted area inspections",
        heading="Published reviews",
    )
    assert (meta.case, meta.doc_type) == (
        "Multi-agency response to child neglect",
        "thematic-review",
    )
    assert find_doc_type("Multi-agency response to the Child T review") == "action-plan"


def test_a_tribunal_is_no_child_s_name() -> None:
    meta = read(
        link="Left Behind - Report of the Tribunal of Inquiry into the Abuse of Children "
        "in Care in the Former Borough of Eastmere since 1981",
        heading="Published reviews",
    )
    assert (meta.case, meta.doc_type) == ("Left Behind", "thematic-review")
