"""Studies of a group of children or of a harm: a subject named by what was done for the
group ("Early help for children at risk of harm"), a study's "Final report" that says no
more of its kind than "the report", and an inspectorate's title page."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "Published – Learning Review: Professional responses to disclosures of sibling "
            "sexual harm",
            "professional responses to disclosures of sibling sexual harm",
        ),
        ("Early help for children at risk of harm", "early help for children at risk of harm"),
        (
            "Multi-agency audit: The quality of referrals for babies with bruising",
            "the quality of referrals for babies with bruising",
        ),
    ],
)
def test_what_was_done_for_a_group_or_about_a_harm_is_a_subject(heading: str, subject: str) -> None:
    meta = read(link="Read more", heading=heading, context="22 August 2024")
    assert (meta.case or "").lower() == subject
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    "heading",
    [
        "Errors made over care of children in Wexcombe, report says",
        "Agencies missing neglect in older children",
        "Children phone charity helpline to report parents after services fail to help",
        "Summary of the sexual abuse of children in Ormsby investigation",
    ],
)
def test_a_headline_or_a_kind_of_document_before_a_group_is_no_subject(heading: str) -> None:
    meta = read(heading=heading)
    assert meta.case is None or not meta.case.lower().startswith(heading.split()[0].lower())


def test_a_study_s_final_report_is_a_thematic_review() -> None:
    title = "A review of the risks to children who are cared for by kinship carers"
    meta = read(
        heading=f"{title} Final Report",
        cover=f"{title}\nFinal Report\nDr Megan Aldous and Tom Rhys\nMarch 2019",
    )
    assert meta.case == "the risks to children who are cared for by kinship carers"
    assert meta.doc_type == "thematic-review"


def test_a_child_s_review_keeps_its_final_report() -> None:
    meta = read(
        heading="Child Safeguarding Practice Review: Child K2 – Final Report",
        cover="Ashcombe Safeguarding Children Partnership\nChild K2\nFinal Report\nJune 2022",
    )
    assert meta.doc_type == "overview-report"


def test_an_inspectorate_s_title_page_with_its_reference_number_is_a_thematic_review() -> None:
    cover = (
        "‘Seen and heard’ – the response to children who go missing from care\n"
        "Published: March 2018\nReference no: 180012"
    )
    meta = read(link="Report", cover=cover)
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        ("Review of four cases of children missing from home", "children missing from home"),
        (
            "Overview of three serious case reviews concerning babies under six months (2005–2006)",
            "babies under six months",
        ),
        (
            "Learning from five reviews of infant deaths where parents were under 21",
            "infant deaths where parents were under 21",
        ),
    ],
)
def test_the_reviews_a_study_counted_are_not_its_subject(heading: str, subject: str) -> None:
    meta = read(link="Full report", heading=heading, context="Published 9 May 2012")
    assert (meta.case or "").lower() == subject
    assert meta.doc_type == "thematic-review"


def test_a_serious_case_review_s_full_report_is_its_overview_report() -> None:
    meta = read(heading="Serious Case Reviews", link="Online Harm - Full Report (2019)")
    assert meta.doc_type == "overview-report"
    # ... and a learning review's named by its subject is the thematic review
    meta = read(
        heading="Safeguarding in Supplementary Schools: Learning Review (2020)",
        link="Full report",
    )
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    "heading",
    [
        "Families who decline early help: learning review",
        "Learning review: Practice with fathers and male carers in pre-birth work",
    ],
)
def test_a_review_named_by_a_group_of_families_or_parents_is_thematic(heading: str) -> None:
    meta = read(heading=heading, link="Learning review (PDF, 640KB)", context="Published 2021")
    assert meta.doc_type == "thematic-review"


def test_one_family_s_review_is_not_thematic() -> None:
    meta = read(heading="Serious Case Review: the Hallam family", link="Report")
    assert meta.doc_type == "overview-report"


@pytest.mark.parametrize(
    ("heading", "link", "context"),
    [
        ("Thematic reviews", "View all thematic reviews", "Page updated 3 March 2021"),
        ("Thematic reviews currently under way across the partnership", None, "Last updated 2023"),
        (
            "Training: Learning from thematic reviews – exploitation and missing children",
            "Book your place",
            "Tuesday 14 March 2023, 9:30–12:30, online",
        ),
    ],
)
def test_a_page_about_thematic_reviews_in_general_is_no_review(
    heading: str, link: str | None, context: str
) -> None:
    assert read(heading=heading, link=link, context=context).doc_type == "other"


@pytest.mark.parametrize(
    ("heading", "link", "context"),
    [
        ("Thematic reviews", "Neglect thematic review (PDF)", "Published June 2020"),
        (
            "Thematic reviews of adolescent suicide and self-harm",
            None,
            "The findings of two thematic reviews carried out by the partnership.",
        ),
        ("Thematic Partnership Reviews", "Online Harm - Full Report (2019)", ""),
    ],
)
def test_a_thematic_review_under_a_list_s_heading_is_one(
    heading: str, link: str | None, context: str
) -> None:
    assert read(heading=heading, link=link, context=context).doc_type == "thematic-review"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "Multi-agency audit: Strategy discussions for children with unexplained bruising",
            "strategy discussions for children with unexplained bruising",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to children living "
            "with domestic abuse",
            "multi-agency response to children living with domestic abuse",
        ),
    ],
)
def test_a_practice_for_a_group_is_a_subject(heading: str, subject: str) -> None:
    meta = read(heading=heading, link="Report (PDF)", context="Published 9 March 2023")
    assert (meta.case or "").lower() == subject


@pytest.mark.parametrize(
    "heading",
    ["Neglect Strategy 2021–2024", "Partnership response to the review of Child P"],
)
def test_a_strategy_or_a_response_is_no_subject(heading: str) -> None:
    meta = read(heading=heading, link="Download", context="Published 2021")
    assert meta.case in (None, "Child P")


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        ("Serious Case Review: Neglect of Disabled Children", "neglect of disabled children"),
        (
            "Serious Youth Violence - Local Child Safeguarding Practice Review",
            "serious youth violence",
        ),
        ("Modern Slavery – thematic review", "modern slavery"),
        ("Multi-Agency Review of Adolescent Safeguarding", "adolescent safeguarding"),
    ],
)
def test_a_topic_s_capitalised_words_are_no_child_s_name(heading: str, subject: str) -> None:
    meta = read(heading=heading, link="Download (PDF)", context="Published March 2019")
    assert (meta.case or "").lower() == subject


@pytest.mark.parametrize(
    "heading",
    [
        "Audit of strategy discussions",
        "Annual review of LCSPRs 2021",
        "Case file audit into neglect",
    ],
)
def test_an_audit_or_a_year_s_review_of_reviews_is_thematic(heading: str) -> None:
    meta = read(heading=heading, link="Report (PDF)", context="Published 2021")
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    ("heading", "doc_type"),
    [
        ("Report published into city’s response to child sexual exploitation", "thematic-review"),
        (
            "Review into the response to child sexual exploitation in Greater Manchester",
            "thematic-review",
        ),
        ("Partnership response to the neglect thematic review", "action-plan"),
        ("Board response to Child D review", "action-plan"),
    ],
)
def test_the_response_to_a_harm_is_a_review_s_subject_not_a_board_s_response(
    heading: str, doc_type: str
) -> None:
    assert read(heading=heading, context="Published 2016").doc_type == doc_type


def test_a_study_of_reviews_under_its_series_number() -> None:
    cover = (
        "Research Report DFE-RR204\nA study of the outcomes of serious case reviews "
        "2011-2012\nAnne Holloway Peter Marsh\nUniversity of Eastmere"
    )
    meta = read(link=" ".join(cover.splitlines()), cover=cover)
    assert meta.doc_type == "thematic-review"
    # (the series' number is no title; the years it covered go, as a subject's do)
    assert meta.case == "outcomes of serious case reviews"
