"""Words that are no child's name (an abstract noun opening a headline, a page's greeting, a
place before the police force or council that serves it), a report's kind after its
subject, a police operation's review, and the notices that are no review's document (an
announcement, a work plan, a court's judgment, a parliamentary question)."""

from __future__ import annotations

import pytest

from harvester.metadata.briefs import brief_topic
from harvester.metadata.names import is_name
from harvester.metadata.titles import NAMES_REVIEW
from tests.hints import read


@pytest.mark.parametrize(
    "word", ["Opportunities", "Recommendations", "Communities", "Arrangements", "Welcome"]
)
def test_abstract_nouns_and_greetings_are_no_names(word: str) -> None:
    assert not is_name(word)


@pytest.mark.parametrize("name", ["Ruby", "Ellis", "Florentyna", "Marcus Bennington"])
def test_names_stay_names(name: str) -> None:
    assert is_name(name)


def test_a_headline_opening_with_an_abstract_noun_names_the_child_its_lede_names() -> None:
    meta = read(
        heading="Opportunities 'were missed' to protect baby boy killed by his father",
        context="who caused the death of his son Tobias Wrenfield",
    )
    assert meta.case == "Tobias Wrenfield"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "An independent review of West Calderbury Police’s response to child sexual "
            "exploitation 2004 – 2019",
            "West Calderbury",
        ),
        ("Why Eastmere Constabulary missed the warnings", "Eastmere"),
        ("Harlow Vale County Council and the care of children placed out of area", "Harlow"),
    ],
)
def test_a_place_before_its_police_or_council_is_no_child(title: str, body: str) -> None:
    meta = read(heading=title, cover=f"{title}\nDr Alys Penrose\n4 May 2020")
    assert not (meta.case or "").startswith(body)


def test_an_independent_review_of_a_force_s_handling_of_a_harm_is_thematic() -> None:
    title = (
        "An independent review of West Calderbury Police’s handling of child sexual "
        "exploitation 2004 – 2019"
    )
    meta = read(heading=title, cover=f"{title}\nDr Alys Penrose\n4 May 2020")
    assert meta.doc_type == "thematic-review"
    assert meta.case == "West Calderbury Police’s handling of child sexual exploitation"


def test_an_inquiry_s_investigation_is_named_without_its_kind() -> None:
    meta = read(
        heading="Children in the care of Brackenholt Councils Investigation", context="31 July 2019"
    )
    assert meta.case == "Children in the care of Brackenholt Councils"
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    ("heading", "context"),
    [
        (
            "Harrowgate Police uncover abuse of girls across the county",
            "the report, known as Operation Kestrel",
        ),
        ("Operation Tamsin review", "Published 12 May 2017"),
    ],
)
def test_a_police_operation_s_review_is_thematic(heading: str, context: str) -> None:
    meta = read(heading=heading, context=context)
    assert meta.case == "Operation " + ("Kestrel" if "Kestrel" in context else "Tamsin")
    assert meta.doc_type == "thematic-review"


def test_an_operation_s_review_called_an_overview_report_stays_one() -> None:
    meta = read(link="Operation Tamsin – Overview Report", heading="Serious Case Reviews")
    assert meta.doc_type == "overview-report"


@pytest.mark.parametrize(
    ("heading", "context"),
    [
        ("Announcement by the Police and Crime Commissioner.", ""),
        ("Safeguarding Children Board – Review 2011/12 & 2012/13 Work Plan", ""),
        ("Offences against Children", "(asked on 4th June 2018)"),
        ("Child exploitation assurance review to begin", "Date published: 2 March 2019"),
        (
            "Jane Doe, R (on the application of) v Wrensham Safeguarding Children Partnership",
            "Date: 3 March 2022",
        ),
    ],
)
def test_notices_are_no_review_s_document(heading: str, context: str) -> None:
    assert read(heading=heading, context=context or None).doc_type == "other"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "An evidence based review of the risks to children and young people who are "
            "educated at home",
            "the risks to children and young people who are educated at home",
        ),
        (
            "National review into child sexual abuse in the family environment",
            "child sexual abuse in the family environment",
        ),
        (
            "A systematic review of child deaths from unsafe sleeping in Wrensham 2015-2020",
            "child deaths from unsafe sleeping",
        ),
    ],
)
def test_a_study_of_a_group_or_a_harm_is_named_by_it_whatever_it_calls_itself(
    heading: str, subject: str
) -> None:
    meta = read(heading=heading)
    assert (meta.case, meta.doc_type) == (subject, "thematic-review")


def test_news_of_an_inquiry_held_back_names_no_subject() -> None:
    meta = read(heading="Inquiry into abuse of pupils at Harrowfield School delayed until autumn")
    assert meta.case is None or "delayed" not in meta.case


# --- a national body's publication: its nation, not a board ------------------------------------


def test_an_inspectorate_s_title_page_is_england_s() -> None:
    meta = read(
        heading="Children who run away from care",
        cover="Children who run away from care\nAge group: 0–18\nPublished: May 2014\n"
        "Reference no: 140032",
    )
    assert (meta.board, meta.area) == (None, "england")


def test_a_welsh_government_publication_is_wales_s() -> None:
    meta = read(
        heading="Review of the child practice review framework",
        cover="Review of the child practice review framework\nWelsh Government\nMarch 2019",
    )
    assert (meta.board, meta.area) == (None, "wales")


def test_wales_s_national_board_is_known() -> None:
    meta = read(
        heading="National Independent Safeguarding Board – annual report 2019",
        context="Published 2 July 2019",
    )
    assert (meta.board, meta.area) == ("National Independent Safeguarding Board", "wales")


def test_a_description_naming_an_inspectorate_in_passing_gives_no_nation() -> None:
    description = (
        "A baby died after months of missed appointments; the review found that agencies "
        "did not share what they knew, and a later Ofsted inspection judged the council's "
        "children's services inadequate."
    )
    meta = read(link="Read the overview report", heading="Anonymous - Child R", context=description)
    assert meta.area != "england"


@pytest.mark.parametrize(
    "heading",
    [
        "Three children among neglect deaths as reviews pile up in Wales",
        "Reviews of child deaths rise in England, figures show",
    ],
)
def test_a_nation_named_in_a_headline_is_no_board(heading: str) -> None:
    meta = read(heading=heading)
    assert meta.board is None


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("Briefing on adolescent neglect", "Adolescent neglect"),
        (
            "Multi-agency learning briefing: Children missing education",
            "Children missing education",
        ),
        ("Key learning: Child criminal exploitation", "Child criminal exploitation"),
        (
            "Learning Lessons Briefing - Sudden Unexpected Death in Infancy",
            "Sudden Unexpected Death in Infancy",
        ),
        ("Learning from local and national reviews: adolescents", "Adolescents"),
    ],
)
def test_a_briefing_is_named_by_its_topic_however_it_says_it_is_one(heading, topic) -> None:
    meta = read(heading=heading)
    assert (meta.case, meta.doc_type) == (topic, "learning-brief")


def test_a_topic_s_briefing_keeps_its_kind_out_of_the_topic() -> None:
    meta = read(heading="Promoting safe sleeping in infancy: strategic briefing")
    assert meta.case is None or "strategic" not in meta.case


@pytest.mark.parametrize(
    "heading",
    [
        "Our response to the Independent Inquiry into Child Sexual Abuse (IICSA)",
        "Rapid review examples: Child safeguarding rapid review examples – GOV.UK",
    ],
)
def test_an_abbreviation_or_a_site_s_name_is_no_title(heading: str) -> None:
    # (a link on a board's list of published reviews)
    meta = read(link=heading, heading="Published reviews", context=f"{heading} 18 April 2018")
    assert meta.case not in ("IICSA", "GOV.UK")


def test_a_title_before_a_site_s_name_is_still_read() -> None:
    link = "National review: ‘Too quiet to notice’ – GOV.UK"
    meta = read(link=link, heading="Published reviews", context=f"{link} 2 May 2023")
    assert meta.case == "Too quiet to notice"


def test_news_of_a_review_launched_is_no_report() -> None:
    meta = read(
        heading="Council under review after toddler killed by her father",
        context="A review into whether Harlow Vale Council could have done more to protect "
        "toddler Mabli has been launched",
    )
    assert meta.doc_type == "other"


def test_a_misnamed_kind_of_review_is_no_child() -> None:
    meta = read(
        heading="Council issues statement after publication of Child Service Review for "
        "Tomos Prydderch"
    )
    assert meta.case == "Tomos Prydderch"


def test_a_figure_s_headline_names_no_review() -> None:
    # (a news item's headline as a page's link, its lede beside it)
    headline = "One in three inquiries into serious child abuse 'inadequate'"
    lede = "A list published by the watchdog today shows that 12 of 40 reviews were inadequate"
    meta = read(link=headline, heading="Published reviews", context=f"{headline} {lede}")
    assert not meta.case


@pytest.mark.parametrize("text", ["prescribed medication", "Sarah and Jack", "Spring term"])
def test_a_review_s_initials_inside_a_word_name_no_review(text: str) -> None:
    assert NAMES_REVIEW.search(text) is None


@pytest.mark.parametrize("text", ["SCR Child D", "the SCRs of 2012", "a CSPR"])
def test_a_review_s_initials_as_a_word_name_one(text: str) -> None:
    assert NAMES_REVIEW.search(text) is not None


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Dysgu o Adolygiadau: Plant Anabl / Learning from Reviews: Disabled Children",
            "Disabled Children",
        ),
        (
            "Infants who ingested a carer's prescribed methadone – 7 minute briefing",
            "Infants who ingested a carer's prescribed methadone",
        ),
        ("Online harm: what case reviews across the UK tell us", "Online harm"),
        ("Threads that hold: key findings for practitioners", "Threads that hold"),
    ],
)
def test_more_briefings_are_named_by_their_topic(text: str, topic: str) -> None:
    assert brief_topic(text) == topic


@pytest.mark.parametrize(
    "text",
    [
        "Learning from local and national reviews – spring round-up",
        "Baby killed by father: key messages",
    ],
)
def test_an_issue_s_season_or_a_headline_is_no_topic(text: str) -> None:
    assert brief_topic(text) is None


def test_a_newsletter_s_greeting_names_its_writer_not_a_child() -> None:
    assert not read(heading="Welcome - Rhiannon Pryce").case


def test_a_greeting_s_own_story_still_names_its_child() -> None:
    assert read(heading="Welcome to our newsletter: Lily's story").case == "Lily"


def test_a_quoted_word_before_a_call_for_change_is_no_name() -> None:
    meta = read(heading="‘Fundamental’ shift needed in how child deaths are reviewed")
    assert meta.case != "Fundamental"


def test_a_bulletin_s_special_focus_is_its_topic() -> None:
    meta = read(heading="Case review learning bulletin — May 2019 — special focus: young carers")
    assert meta.case == "young carers"
