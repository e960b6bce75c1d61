"""A learning product's kind is no part of the name of the review it draws on, however
the kind is qualified ("Practice learning brief", "Multi-agency learning summary") or put
("Briefing on the review of ...")."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("link", "case"),
    [
        ("Keanu Okafor practice learning brief", "Keanu Okafor"),
        ("Child R7 practice learning briefing", "Child R7"),
        ("Brooke multi-agency learning summary", "Brooke"),
        # (the kinds it already knew)
        ("Brooke learning brief", "Brooke"),
        # (and whom it is for)
        ("Learning brief for Sam (LCSPR)", "Sam"),
        ("Practice Learning Brief: Child NR", "Child NR"),
        # a briefing on the review of a child is named by the child
        ("Briefing on the review of HK", "HK"),
        ("Briefing on the review of Young Person Tomas", "Young Person Tomas"),
        ("Briefing on the review of Kayden Marsh", "Kayden Marsh"),
    ],
)
def test_a_brief_s_kind_is_no_part_of_the_name(link: str, case: str) -> None:
    meta = read(link=link, heading="Published reviews")
    assert (meta.case, meta.doc_type) == (case, "learning-brief")


@pytest.mark.parametrize(
    ("link", "topic"),
    [
        ("Seven Minute Briefing Neglect", "Neglect"),
        ("7 Minute Briefing Domestic Abuse", "Domestic Abuse"),
        ("Lessons learned: adolescent neglect", "Adolescent neglect"),
        (
            "Multi-agency learning: child sexual abuse in the family",
            "Child sexual abuse in the family",
        ),
        ("Case review learning: Child on child abuse", "Child on child abuse"),
        ("Learning from thematic reviews: neglect", "Neglect"),
        ("Spotlight on: self-harm", "Self-harm"),
        ("What we have learned about neglect", "Neglect"),
        # (a file's name whose extension cut its remark short)
        ("7 minute briefing - Safer Sleep (2021).pdf", "Safer Sleep"),
    ],
)
def test_a_topic_s_learning_is_named_by_the_topic(link: str, topic: str) -> None:
    meta = read(link=link, heading="Published reviews")
    assert (meta.case, meta.doc_type) == (topic, "learning-brief")


def test_an_analysis_of_reviews_titles_a_briefing_on_it() -> None:
    meta = read(
        link="Triennial Analysis of SCRs: Briefing for Local Safeguarding Partnerships",
        heading="Published reviews",
    )
    assert (meta.case, meta.doc_type) == ("Triennial Analysis of SCRs", "learning-brief")


def test_a_summary_of_a_study_is_a_briefing_named_by_its_title() -> None:
    meta = read(
        link="Summary of ‘Pathways to Harm, Pathways to Protection: A Triennial Analysis of "
        "Serious Case Reviews 2011- 2014’",
        heading="Learning and Improvement Framework",
    )
    assert (meta.case, meta.doc_type) == (
        "Pathways to Harm, Pathways to Protection",
        "learning-brief",
    )
    investigation = (
        "Summary of the Child sexual exploitation by organised networks investigation report"
    )
    assert read(link=investigation, heading="Research").doc_type == "learning-brief"
    # (a review's own summary stays its executive summary)
    own = "Summary of the Serious Case Review into the death of Harriet Fenn"
    assert read(link=own, heading="Published reviews").doc_type == "executive-summary"


def test_a_brief_s_presenters_are_not_its_topic() -> None:
    meta = read(cover="Lessons from Serious Case Reviews\nDr Lizzie Aylett and Dr Jeremy Cox")
    assert (meta.case, meta.doc_type) == (None, "learning-brief")


def test_slides_presented_to_a_conference_are_learning_material() -> None:
    cover = (
        "Presentation to Fernbridge Safeguarding Children Board Conference 12 October 2016\n"
        "Serious Case Review Child D"
    )
    assert read(cover=cover).doc_type == "learning-brief"
    assert read(link="No. 19 Local learning: Child Safeguarding Practice Reviews").doc_type == (
        "learning-brief"
    )
