"""Forms of a board's list of reviews met on real lists: a heading that asks the reader to
its briefings, a briefing titled "... - what you need to know", a child known by a letter
after "the death of", and children known by pairs of letters."""

from __future__ import annotations

import pytest

from harvester.metadata.infer import Hints, infer_metadata
from tests.hints import read


def _read(link: str, heading: str = "Published reviews", context: str | None = None):
    return read(link=link, heading=heading, context=context)


@pytest.mark.parametrize("heading", ["View our 7 Minute Briefings", "Read our learning briefs"])
def test_a_briefing_under_a_heading_that_asks_the_reader_to_them_is_named_by_its_topic(
    heading: str,
) -> None:
    meta = _read("Infants Born During The Pandemic", heading)
    assert (meta.case, meta.doc_type) == ("Infants Born During The Pandemic", "learning-brief")


@pytest.mark.parametrize(
    ("link", "case"),
    [
        ("Neglect in Fenmarsh - what you need to know", "Neglect in Fenmarsh"),
        (
            "Intra-Familial Child Sexual Abuse - what you need to know",
            "Intra-Familial Child Sexual Abuse",
        ),
    ],
)
def test_what_you_need_to_know_is_a_briefing_on_its_topic(link: str, case: str) -> None:
    meta = _read(link, "Case Reviews")
    assert (meta.case, meta.doc_type) == (case, "learning-brief")


def test_a_letter_after_the_death_of_is_the_child_s() -> None:
    assert _read("Appreciative Inquiry Report Following the death of R").case == "R"
    assert _read("Learning review following the death of KT").case == "KT"
    # (not an article, nor a title before a name)
    assert _read("Review following the death of A baby in Eastmere").case is None
    assert _read("Review into the death of PC Hale").case != "PC"


def test_children_known_by_pairs_of_letters_are_named_by_them() -> None:
    meta = _read("SCR Executive Summary in relation to three children LL, MM & NN")
    assert (meta.case, meta.doc_type) == ("LL, MM and NN", "executive-summary")
    # (single letters after "concerning" may be initials a title page spells out)
    cover = "Serious Case Review\nconcerning\nJade and Tyler\nApril 2011"
    assert read(link="SCR concerning J and T", heading="Published reviews", cover=cover).case == (
        "Jade and Tyler"
    )


@pytest.mark.parametrize(
    ("link", "case"),
    [
        ("Child Death Review Partnership SUDI thematic review", "SUDI"),
        ("Safer Sleep Group Co-sleeping thematic review", "Co-sleeping"),
        (
            "Child Death Review Programme Thematic Review Deaths of Children through Drowning",
            "Deaths of Children through Drowning",
        ),
    ],
)
def test_another_body_s_name_before_a_thematic_review_is_not_its_subject(
    link: str, case: str
) -> None:
    meta = _read(link, "Overview Reports and Statements")
    assert (meta.case, meta.doc_type) == (case, "thematic-review")


@pytest.mark.parametrize(
    ("title", "case"),
    [
        (
            '"Weighing the Risk - Learning Lessons from Serious Case Reviews" - A thematic report '
            "of an inspectorate's evaluation of serious case reviews",
            "Weighing the Risk",
        ),
        ('"Safer Homes: Study of Serious Case Reviews 2004-2006"', "Safer Homes"),
        (
            '"Understanding neglect and its harms: what can we learn? A biennial analysis of '
            'serious case reviews 2007-09"',
            "Understanding neglect and its harms",
        ),
    ],
)
def test_a_national_analysis_in_quotes_is_named_by_its_title_not_its_subtitle(
    title: str, case: str
) -> None:
    meta = _read("Download", title, "Briefing/Summary")
    assert (meta.case, meta.doc_type) == (case, "learning-brief")


@pytest.mark.parametrize("link", ["GW T12 2023 - Summary Timeline", "Appendix 2 – Chronology"])
def test_a_review_s_timeline_is_neither_its_report_nor_a_brief(link: str) -> None:
    assert _read(link, "Published practice reviews").doc_type == "other"


def test_a_board_that_notified_the_national_panel_is_still_the_review_s_board() -> None:
    meta = _read(
        "Local Child Safeguarding Practice Review - Mabel",
        context="Fenmarsh Safeguarding Children Partnership notified the National Child "
        "Safeguarding Practice Review Panel of a serious safeguarding incident relating to "
        '"Mabel".',
    )
    assert (meta.case, meta.board, meta.doc_type) == (
        "Mabel",
        "Fenmarsh Safeguarding Children Partnership",
        "overview-report",
    )


@pytest.mark.parametrize(
    ("link", "heading", "case"),
    [
        (
            "Case LM and PR Joint Learning Review",
            "Learning from Practice Reviews",
            "Case LM and PR",
        ),
        ("Joint Targeted Area Inspections (JTAI) - Neglect", "Published reviews", "Neglect"),
        ("JTAI - Exploitation of teenagers", "Published reviews", "Exploitation of teenagers"),
        ("Bruising Triennial Analysis", "7-Minute Briefings", "Bruising"),
    ],
)
def test_more_forms_of_a_board_s_list(link: str, heading: str, case: str) -> None:
    assert _read(link, heading).case == case


def test_a_child_named_in_two_letters_is_named() -> None:
    assert _read("Jo Rapid Review 7 Minute Briefing", "Learning from Practice Reviews").case == "Jo"
    # (not a small word in capitals)
    assert _read("No Rapid Review", "Learning from Practice Reviews").case is None


def test_a_place_a_joint_partnership_covers_names_its_board_when_the_year_is_unknown() -> None:
    source = "Kingston and Richmond Safeguarding Children Partnership"
    hints = Hints(
        link_text="Read the executive summary",
        heading="Family W",
        context="A review of the care given to two brothers who lived in Kingston.",
        board=source,
    )
    assert infer_metadata(hints, "").board == source


@pytest.mark.parametrize(
    ("link", "case"),
    [
        # a title in capitals after "Review of" is its subject, not a child's first name
        ("Review of Harmful Sexual Behaviours", "Harmful Sexual Behaviours"),
        ("Review of Vulnerable Adolescents", "Vulnerable Adolescents"),
        ("Review of Contextual Safeguarding Responses", "Contextual Safeguarding Responses"),
        # (a child's first name and surname still are)
        ("Review of Kayden Marsh", "Kayden Marsh"),
        ("Review of Kayden Marsh Child Practice Review", "Kayden Marsh"),
    ],
)
def test_review_of_a_title_in_capitals_is_of_its_subject(link: str, case: str) -> None:
    assert _read(link).case == case


def test_a_title_that_is_a_sentence_does_not_give_its_first_word_as_a_name() -> None:
    assert _read("Thematic Review: It was hard to get help").case != "It"
    assert _read("Review of We don't tell our teachers").case != "We"
