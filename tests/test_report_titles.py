"""Reviews of a theme and national bodies' publications: named by their own title when no
pattern reads their subject, by a learning series' issue topic, by a quoted title beside the
learning drawn from it; typed by what national bodies call their reports; and the heading
over a bare link read as the link's title."""

from __future__ import annotations

import pytest

from harvester.metadata.briefs import issue_topic
from harvester.metadata.case_forms import coded_case
from harvester.metadata.quoted_titles import cover_quoted_title, quoted_title
from harvester.metadata.report_titles import names_only_its_kind, report_title_subject
from harvester.metadata.thematic import thematic_subject
from tests.hints import read

# --- a thematic review named by its own title -------------------------------------------------


@pytest.mark.parametrize(
    ("title_line", "texts", "subject"),
    [
        # a title page's title, however plain
        (
            "Learning lessons from serious case reviews 2009–2010",
            (None, None),
            "Learning lessons from serious case reviews",
        ),
        # the link's title without what it is, its date or its remark
        (
            None,
            (
                "Independent Overarching Report – Learning from Four Infant Reviews "
                "(published 2016)",
            ),
            "Learning from Four Infant Reviews",
        ),
        # the heading's, after the publisher and the kind
        (
            None,
            (None, "Wrensham SCB – Review of domestic abuse cases with children at home"),
            "domestic abuse cases with children at home",
        ),
        # a title in quotes after the national panel
        (
            None,
            (None, "Child Safeguarding Practice Review Panel: 'Safe at home?' national review of"),
            "Safe at home?",
        ),
        # the kinds of review a link names are no subject: the heading's then
        (
            None,
            (
                "Thematic Review of CPR 2019",
                "Findings from a thematic analysis of Child Practice Reviews in Wales",
            ),
            "Child Practice Reviews in Wales",
        ),
        # a bilingual line's English half
        (
            None,
            ("Adolygiad Thematig Hunan-niweidio / Thematic Review Self-harm",),
            "Self-harm",
        ),
    ],
)
def test_a_thematic_review_is_named_by_its_own_title(title_line, texts, subject) -> None:
    assert report_title_subject(title_line, texts) == subject


@pytest.mark.parametrize(
    "text",
    [
        "Teenage girl groomed by gang 'let down', review says",  # a headline
        "Partnership commissions review of sudden infant deaths",  # who acted, and a verb
        "Thematic reviews of adolescent suicide and serious cases",  # reviews, many
        "Independent overview of the three reviews",  # counted, not named
        "Book your place",  # a link that asks for something else
        "Learning from Child Sexual Exploitation reviews",  # a compilation's learning
        "Download the deep dive report",  # only what it is
    ],
)
def test_headlines_links_and_kinds_name_no_thematic_review(text: str) -> None:
    assert report_title_subject(None, (text,)) is None


def test_a_thematic_title_page_is_named_past_its_publisher_and_kind_lines() -> None:
    meta = read(
        link="Download",
        cover="Marlhurst Safeguarding Children Partnership\nDeep Dive\n"
        "Children Not Brought to Health Appointments\nFindings and Recommendations\n25 May 2023",
    )
    assert (meta.doc_type, meta.case) == (
        "thematic-review",
        "Children Not Brought to Health Appointments",
    )
    assert names_only_its_kind("Deep Dive") and not names_only_its_kind("Deep Dive: Neglect")
    # a national body's line is its publisher; its title may say what was done
    meta = read(
        cover="Heard in the corridor\nHow schools respond when pupils report harm\n"
        "Age group: 11–18\nPublished: June 2019\nReference no: 190012"
    )
    assert (meta.doc_type, meta.case) == ("thematic-review", "Heard in the corridor")


# --- a learning series' issue ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Lessons Learned Issue 6 April 2015 Unexplained bruising in non-mobile babies",
            "Unexplained bruising in non-mobile babies",
        ),
        (
            "Learning Bulletin No. 12 – November 2020: Working with fathers and male carers",
            "Working with fathers and male carers",
        ),
        (
            "Learning Bulletin 4 – Mehefin / June 2018 – Children who self-harm",
            "Children who self-harm",
        ),
        ("Practice Matters Issue 22 – Special focus: Neglect", "Neglect"),
        # on a title page: the line after the issue's
        (
            "Whitlowe Safeguarding Children Board\nLessons Learned\nIssue 9 · January 2017\n"
            "Parental mental health and the unborn child",
            "Parental mental health and the unborn child",
        ),
        # an issue's date is no topic
        ("Newsletter Issue 3 Spring 2011", None),
    ],
)
def test_a_learning_series_issue_is_named_by_its_topic(text: str, topic: str | None) -> None:
    assert issue_topic(text) == topic


def test_a_learning_series_issue_is_a_learning_brief() -> None:
    meta = read(
        link="Issue 6 (PDF, 480KB)",
        heading="Lessons Learned Issue 6 April 2015 Unexplained bruising in non-mobile babies",
    )
    assert meta.doc_type == "learning-brief"


# --- quoted titles ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "has produced a two-page summary of ‘Crossing the line’ for practitioners",
            "Crossing the line",
        ),
        ("Partnership briefing: ‘Before the knock on the door’", "Before the knock on the door"),
        ("responding to the Panel's ‘Quiet rooms’ review of restraint", "Quiet rooms"),
        ("Summary of the ‘Held at arm’s length’ report", "Held at arm’s length"),
        ("7 Minute Briefing – National Review: ‘Held at arm’s length’", "Held at arm’s length"),
        ("practitioner briefing: what ‘Weighing the risks’ tells us", "Weighing the risks"),
    ],
)
def test_a_titled_review_is_named_beside_the_learning_drawn_from_it(text, title) -> None:
    assert quoted_title(text) == title


def test_a_title_page_opening_with_its_quoted_title() -> None:
    cover = "‘Time to listen’− a joined up response\nto child sexual exploitation\nPublished: 2016"
    assert cover_quoted_title(cover) == "Time to listen"
    # (not a quote further down, before a subtitle)
    assert cover_quoted_title("Annual report\n‘Everyone matters’ – our year") is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a title before what it is, in quotes whatever it says
        (
            "‘Heard but not listened to’: a national thematic review of disabled children",
            "Heard but not listened to",
        ),
        ("Quiet rooms: a regional thematic review of the restraint of children", "Quiet rooms"),
        # a place ends a subject only at its end
        (
            "Thematic Review of Children Living in Neglect in Stavenridge",
            "Children Living in Neglect",
        ),
        (
            "Thematic Review – Young People Exploited Through Drug Supply in the Kestlebridge Area",
            "Young People Exploited Through Drug Supply",
        ),
        ("Publication of the Thematic Review into CSE in Bradford Tue 27 Jul 2021", "CSE"),
    ],
)
def test_thematic_subjects_and_their_places(text: str, subject: str) -> None:
    assert thematic_subject(text) == subject


def test_a_national_body_s_review_and_a_summary_of_a_report_name_their_subject() -> None:
    assert read(heading="Ofsted’s review of sexual abuse in schools and colleges").case == (
        "sexual abuse in schools and colleges"
    )
    meta = read(
        link="Summary of the Child sexual exploitation by organised networks investigation report",
        heading="Published reviews",  # (a list of reviews)
        context="Publication date February 2022",
    )
    assert meta.case == "Child sexual exploitation by organised networks"


# --- codes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SCR/16/03 Learning Brief", "SCR/16/03"),
        ("BSCP/CSPR/22/01 – Learning Brief", "BSCP/CSPR/22/01"),
    ],
)
def test_codes_after_a_two_digit_year(text: str, code: str) -> None:
    assert coded_case(text) == code


# --- the heading over a bare link -------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "heading", "case"),
    [
        (
            "Read the transcript (Word, 48KB)",
            "Podcast episode 4: Learning from Kai – transcript",
            "Kai",
        ),
        ("Download", "Ruby: learning brief and reflective questions", "Ruby"),
        (
            "Progress report (March 2011)",
            "Tyler Hanscombe SCR – Action Plan Progress Report",
            "Tyler Hanscombe",
        ),
        (
            "Infographic (PNG)",
            "Infographic: key messages from the review of Alfie-Jay",
            "Alfie-Jay",
        ),
        ("Workshop pack for trainers (ZIP, 8.4MB)", "Lottie – learning workshop pack", "Lottie"),
    ],
)
def test_a_bare_link_is_titled_by_the_heading_over_it(link, heading, case) -> None:
    assert read(link=link, heading=heading).case == case


def test_a_short_heading_over_a_bare_link_is_still_read_as_a_heading() -> None:
    # (it may be a place)
    assert read(link="Download", heading="Fenmarsh").case is None


# --- types --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "heading", "context", "doc_type"),
    [
        # news of a review commissioned, put off, criticised or not to be held
        (
            "Read more",
            "Partnership commissions review of sudden infant deaths linked to unsafe sleep",
            None,
            "other",
        ),
        (
            "Read more",
            "Publication of thematic review into exploitation of children delayed",
            None,
            "other",
        ),
        (
            None,
            "Commissioner criticises delay in review of abuse at Ysgol Bryn Tawelog",
            None,
            "other",
        ),
        ("Read more", "Partnership rejects call for review into school exclusions", None, "other"),
        (
            None,
            "Panel to examine deaths of teenagers in mental health units in new national review",
            None,
            "other",
        ),
        # ... not a review criticised in its own findings
        (None, "Death of toddler criticised in case review", None, "overview-report"),
        # inspections of one council's services
        (
            "Read the inspection report",
            "Inspection of children’s services in Cwm Aredig County Borough Council",
            None,
            "other",
        ),
        (
            "ILACS report – Quenbury (PDF)",
            "Quenbury: inspection of local authority children’s services",
            None,
            "other",
        ),
        (
            "JTAI letter – Drisbury, March 2018 (PDF)",
            "Joint targeted area inspection of the response to children missing, Drisbury",
            None,
            "other",
        ),
        # a government's response, not the police's response to children
        (
            "Government response (PDF)",
            "Fennimere House special school national review: government response",
            None,
            "action-plan",
        ),
        # reviews of a theme as national bodies and boards name them
        (
            "Download national findings (PDF)",
            "Joint targeted area inspection of the multi-agency response to children living "
            "with parental alcohol misuse",
            None,
            "thematic-review",
        ),
        (
            "Download the deep dive report",
            "Deep Dive into Serious Youth Violence",
            None,
            "thematic-review",
        ),
        (
            "Audit report",
            "Multi-agency audit: strategy discussions for children with injuries",
            None,
            "thematic-review",
        ),
        (
            "MAPF report",
            "MAPF: Adolescents who self-harm while on the child protection register",
            None,
            "thematic-review",
        ),
        (
            "Inquiry report (PDF)",
            "Independent inquiry into the care of pupils at Fernlea Residential School",
            None,
            "thematic-review",
        ),
    ],
)
def test_national_and_thematic_kinds_of_document(link, heading, context, doc_type) -> None:
    assert read(link=link, heading=heading, context=context).doc_type == doc_type


@pytest.mark.parametrize(
    ("text", "subject"),
    [("Domestic abuse thematic", "Domestic abuse"), ("Thematic: neglect", "neglect")],
)
def test_the_word_thematic_alone_is_no_part_of_the_subject(text: str, subject: str) -> None:
    assert report_title_subject(None, (text,)) == subject
