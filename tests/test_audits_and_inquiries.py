"""Reviews named by their subject in the forms boards, inquiries and news give them: an
audit named by its theme, an inquiry or an investigation announced by what it looks into,
and news of such a review still to come."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("link", "theme"),
    [
        ("Neglect Quality Assurance Audit", "Neglect"),
        ("Physical abuse audit (2022- 2023)", "Physical abuse"),
        ("Multi-agency case audit – emotional abuse", "emotional abuse"),
    ],
)
def test_an_audit_named_by_its_theme_is_a_review_of_it(link: str, theme: str) -> None:
    meta = read(link=link, heading="Multi-agency audits")
    assert (meta.case, meta.doc_type) == (theme, "thematic-review")


def test_an_agency_s_own_audit_is_no_review_of_a_theme() -> None:
    meta = read(link="Section 11 audit", heading="Multi-agency audits")
    assert (meta.case, meta.doc_type) == (None, "other")


@pytest.mark.parametrize(
    ("headline", "subject", "doc_type"),
    [
        # a report still to come, named by what it looks into
        (
            "Update on report into historic child sexual exploitation expected within weeks",
            "historic child sexual exploitation",
            "other",
        ),
        # an investigation begun, a span of time no count of children
        (
            "Investigation launched into three decades of abuse at detention centre",
            "three decades of abuse at detention centre",
            "other",
        ),
        # a national paper published, named by its subject
        (
            "Multi-agency safeguarding and domestic abuse paper published",
            "Multi-agency safeguarding and domestic abuse",
            "thematic-review",
        ),
        # a committee's review named by its subject, the committee's words after it
        (
            "Safeguarding Children and Young People Overview and Scrutiny Report",
            "Safeguarding Children and Young People",
            "thematic-review",
        ),
    ],
)
def test_a_review_announced_by_its_subject(headline: str, subject: str, doc_type: str) -> None:
    meta = read(link=headline, heading="News")
    assert (meta.case, meta.doc_type) == (subject, doc_type)


@pytest.mark.parametrize(
    "headline",
    [
        "OLDHAM: CSE review publication delayed until January",
        "Waterhouse Inquiry under investigation",
        "Public asked for comments on scope of child sexual exploitation review",
    ],
)
def test_news_of_a_review_held_up_or_questioned_is_not_the_review(headline: str) -> None:
    assert read(link=headline, heading="News").doc_type == "other"


def test_an_enquiry_spelled_so_is_an_inquiry() -> None:
    meta = read(
        link="Independent Enquiry into Child Sexual Exploitation in Rotherham - 1997-2013",
        heading="Published reviews",
    )
    assert meta.case == "Child Sexual Exploitation in Rotherham"


def test_a_setting_s_safeguarding_review_is_named_by_the_setting() -> None:
    meta = read(link="Ashmere Family of Schools Safeguarding Review", heading="Published reviews")
    assert meta.case == "Ashmere Family of Schools"


def test_a_review_s_scope_on_its_title_page_is_no_news_of_it() -> None:
    cover = (
        "Merrowdale Safeguarding Children Partnership\nCSPR 2019-03\n"
        "Child Safeguarding Practice Review\nChild G\n"
        "Scope of review: 1 January 2017 – 31 August 2019\nPublished: 21 January 2021\n"
    )
    assert read(cover=cover).doc_type == "overview-report"


def test_a_committee_s_own_scrutiny_report_at_its_meeting_is_its_review() -> None:
    meta = read(
        link="Safeguarding Children and Young People Overview and Scrutiny Report",
        heading="Agendas",
        context="Meeting: 27/01/2011 - Overview and Scrutiny Commission (Item 49)",
    )
    assert (meta.case, meta.doc_type) == (
        "Safeguarding Children and Young People",
        "thematic-review",
    )


def test_an_analysis_titled_before_a_full_stop_is_named_by_its_title() -> None:
    meta = read(
        link="Child Sexual Exploitation. An analysis of Serious Case Reviews in England: Poor "
        "communication, incorrect assumptions and adolescent neglect",
        heading="Research outputs",
    )
    assert (meta.case, meta.doc_type) == ("Child Sexual Exploitation", "thematic-review")


def test_a_report_of_learning_from_reviews_is_a_review_of_them_named_by_none() -> None:
    meta = read(
        link="Download   PHW Learning from Reviews Report", heading="Learning from Reviews Report"
    )
    assert (meta.case, meta.doc_type) == (None, "thematic-review")
    # (a year's report of them is a board's annual report)
    assert read(link="Annual learning from reviews report 2021–22").doc_type != "thematic-review"


@pytest.mark.parametrize(
    "kind",
    [
        "Assurance Review",
        "Deep Dive",
        "Study",
        "Thematic Analysis",
        "Evaluation",
        "Scrutiny Review",
        "Appreciative Inquiry",
        "Learning Event",
    ],
)
def test_a_subject_is_named_without_the_words_for_its_kind_of_study(kind: str) -> None:
    # (LABELLING.md rule 4: the subject "without the words for the kind of review")
    assert read(link=f"Adolescent Neglect {kind}", heading="Published reviews").case == (
        "Adolescent Neglect"
    )


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Interim Report of the Independent Inquiry into Child Sexual Abuse", "Child Sexual Abuse"),
        (
            "Report of the Inquiry into Child Sexual Exploitation in Gangs\nNovember 2013",
            "Child Sexual Exploitation in Gangs",
        ),
    ],
)
def test_an_inquiry_s_report_on_its_title_page_is_named_by_its_subject(
    title: str, subject: str
) -> None:
    assert read(cover=title).case == subject


@pytest.mark.parametrize(
    ("headline", "subject", "doc_type"),
    [
        (
            "Report on neglect of teenagers published by partnership",
            "neglect of teenagers",
            "thematic-review",
        ),
        (
            "Findings of review into deaths of young people by suicide released",
            "deaths of young people by suicide",
            "thematic-review",
        ),
        (
            "Inquiry into abuse at children's homes publishes final report",
            "abuse at children's homes",
            "thematic-review",
        ),
        (
            "Inquiry into historic abuse at children's homes delayed",
            "historic abuse at children's homes",
            "other",
        ),
        (
            "Review of child sexual exploitation to be published next month",
            "child sexual exploitation",
            "other",
        ),
    ],
)
def test_news_of_a_review_of_a_subject_names_it_before_what_happened(
    headline: str, subject: str, doc_type: str
) -> None:
    meta = read(link=headline, heading="News")
    assert (meta.case, meta.doc_type) == (subject, doc_type)


@pytest.mark.parametrize("field", ["Football", "Sport", "Churches", "Faith Settings"])
def test_a_field_of_life_after_in_is_no_place(field: str) -> None:
    meta = read(heading=f"Independent Review into Child Sex Abuse Allegations in {field}.")
    assert meta.case == f"Child Sex Abuse Allegations in {field}"
    # (a place after it is left off, as subjects are written)
    assert read(heading="Independent Review into Child Sex Abuse Allegations in Fenmarsh").case == (
        "Child Sex Abuse Allegations"
    )


def test_a_page_about_an_inquiry_is_of_the_inquiry_s_subject() -> None:
    meta = read(
        link="Public inquiry into Child Sexual Exploitation – FAQ", heading="Published reviews"
    )
    assert (meta.case, meta.doc_type) == ("Child Sexual Exploitation", "other")
    # (an annual report names no subject for all that, nor a news page's heading a child)
    assert read(link="Annual report 2019-20", heading="Published reviews").case is None
    assert read(
        link="Public inquiry into Child Sexual Exploitation – FAQ", heading="Newsroom"
    ).case != ("Newsroom")


def test_a_department_s_research_report_is_a_study_named_by_its_title() -> None:
    cover = (
        "Research Report DCSF-RR036\nPreventing Childhood Deaths A Study of ‘Early Starter’ "
        "Child Death Overview Panels in England\nPeter Sidebotham University of Warwick"
    )
    meta = read(cover=cover)
    assert (meta.case, meta.doc_type) == ("Preventing Childhood Deaths", "thematic-review")
