"""A review of a group of children or of a practice issue, named by a heading that is its
subject and the kind of document: read as the case, and a headline never is."""

from __future__ import annotations

import pytest

from harvester.metadata.infer import Hints, infer_metadata
from harvester.metadata.subject_headings import subject_heading


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        # the group, then what the document is
        (
            "Children placed in caravans over the summer months: what we learned",
            "Children placed in caravans over the summer months",
        ),
        (
            "Teenagers who were exploited while reported missing – 7 minute briefing",
            "Teenagers who were exploited while reported missing",
        ),
        (
            "14 and 15 year olds excluded from school: thematic review",
            "14 and 15 year olds excluded from school",
        ),
        (
            "Looked after children moved more than three times in a year (2017-2019)",
            "Looked after children moved more than three times in a year",
        ),
        # the harm, then the board's initials and kind, or a date
        (
            "Serious sexual harm between siblings – DSCP learning review",
            "Serious sexual harm between siblings",
        ),
        (
            "Head injuries in babies under one – November 2021",
            "Head injuries in babies under one",
        ),
        # a label before the subject, "review of" at its start, a place after it
        (
            "Published – Review of families who leave temporary housing in Brackley Vale",
            "families who leave temporary housing",
        ),
        # the kind run on with no mark between
        ("Infant bruising learning briefing 2", "Infant bruising"),
    ],
)
def test_a_heading_that_is_a_groups_or_an_issues_subject(heading: str, subject: str) -> None:
    assert subject_heading(heading) == subject


@pytest.mark.parametrize(
    "heading",
    [
        # headlines: a verb after the group, a story told, findings reported
        "Children waited months for help after referrals were lost",
        "Babies left at risk, review finds",
        "Teenagers sleeping rough: council criticised over response",
        # the kind of review alone, a round-up, a service's name
        "Serious Case Review – June 2016",
        "Learning from reviews 2019-2021",
        "Children's services improvement plan – 2020",
        # one child's name, one unnamed child's death
        "Child R – executive summary",
        "Death of a baby in Lowmere – learning brief",
        # a subject of one word is a topic's card, read elsewhere
        "Neglect – briefing paper",
    ],
)
def test_headlines_names_and_round_ups_are_no_subject(heading: str) -> None:
    assert subject_heading(heading) is None


def test_the_subject_is_the_case_of_a_card_with_a_bare_link() -> None:
    hints = Hints(
        link_text="Download (PDF, 640KB)",
        heading="Young people who go missing from supported lodgings – learning review",
        context="Published 3 May 2022",
    )
    meta = infer_metadata(hints, "")
    assert meta.case == "Young people who go missing from supported lodgings"
    assert meta.year == 2022
    # a child named by the card is read as the child, whatever the subject-like words
    hints = Hints(
        link_text="Download (PDF, 640KB)",
        heading="Child W – young people who go missing from supported lodgings",
        context="Published 3 May 2022",
    )
    assert infer_metadata(hints, "").case == "Child W"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        # a thematic review's code, an audit's or a response's label before the subject
        (
            "TR 2020/03 – Infants harmed by a parent's partner – thematic review",
            "Infants harmed by a parent's partner",
        ),
        (
            "Multi-agency case file audit – Children sleeping away from home without consent",
            "Children sleeping away from home without consent",
        ),
        (
            "Partnership response – Babies discharged early from special care units",
            "Babies discharged early from special care units",
        ),
    ],
)
def test_labels_and_codes_before_the_subject(heading: str, subject: str) -> None:
    assert subject_heading(heading) == subject


def test_a_national_reviews_own_title_and_a_place_before_the_kind() -> None:
    from harvester.metadata.thematic import thematic_subject

    assert thematic_subject("Far from view: the Panel's annual review of rapid reviews 2021") == (
        "Far from view"
    )
    # quoted, and told as a sentence: the whole quotation, with its subtitle dropped
    heading = "“Nobody asked where he slept” – children in unsafe lodgings: a national review"
    assert thematic_subject(heading) == "Nobody asked where he slept"
    # a place before the kind of review, its subject after: the subject
    heading = "Penwithey Thematic Review: Young People Who Go Missing From Hospital"
    assert thematic_subject(heading) == "Young People Who Go Missing From Hospital"
    # ... but a subject before the kind, a document's type after it, stays
    assert thematic_subject("Unseen Toddlers Thematic Review – Partnership Response") == (
        "Unseen Toddlers"
    )


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("Children's oral health and neglect – briefing", "Children's oral health and neglect"),
        ("Fire safety in the home: what local case reviews tell us", "Fire safety in the home"),
        ("Learning from case reviews – Button batteries (7-minute briefing)", "Button batteries"),
    ],
)
def test_a_briefing_named_by_its_topic(heading: str, topic: str) -> None:
    from harvester.metadata.briefs import brief_topic

    assert brief_topic(heading) == topic


def test_what_came_of_a_review_or_where_it_was_taught_is_no_case() -> None:
    for heading in ("Child Practice Review Outcome, May 2024", "Serious Case Review Workshop"):
        hints = Hints(link_text=heading, context=f"{heading} / Published 2024")
        assert infer_metadata(hints, "").case is None


def test_a_file_names_initials_give_way_to_the_headings_subject_they_spell() -> None:
    hints = Hints(
        link_text="CSA_thematic_review_final.pdf",
        heading="Child sexual abuse within the family (Thematic Learning Review)",
        context="Published March 2022",
    )
    assert infer_metadata(hints, "").case == "Child sexual abuse within the family"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "Ashford serious case review into child sexual exploitation published",
            "child sexual exploitation",
        ),
        ("Report into deaths of babies in Kessingham", "deaths of babies"),
        (
            "Joint review of child sexual exploitation services in Kessingham",
            "child sexual exploitation services",
        ),
    ],
)
def test_a_headline_s_review_of_a_harm_and_its_publication(heading: str, subject: str) -> None:
    assert subject_heading(heading) == subject


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        (
            "It was hard to escape: safeguarding children at risk from criminal exploitation",
            "It was hard to escape",
        ),
        (
            "The Myth of Invisible Men: safeguarding children under 1 from non-accidental injury",
            "The Myth of Invisible Men",
        ),
    ],
)
def test_a_study_s_own_title_before_its_subject(heading: str, title: str) -> None:
    meta = infer_metadata(Hints(heading=heading, link_text="Download (PDF)"), "")
    assert meta.case == title
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    "heading",
    [
        "Neglect: learning from case reviews",
        "Deep dive: babies and children under two on child protection plans",
        "Baby P: children failed by agencies",
    ],
)
def test_no_study_title_where_the_line_names_a_kind_or_a_child(heading: str) -> None:
    meta = infer_metadata(Hints(heading=heading, link_text="Download (PDF)"), "")
    assert meta.doc_type != "thematic-review" or meta.case != heading.split(":")[0]
