"""What a council committee and other people say of a review is not the review: a
committee's agenda item on a review (its meeting line beside it), and someone's response to
a review's publication."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    "meeting",
    [
        "Education and Children's Services Scrutiny Board (2) - Thursday, 17th March, 2016 2.00 pm",
        "Meeting: 26/06/2017 - Children's Services Scrutiny Committee (Item 5)",
        "Children's Services Scrutiny Committee - Monday, 15th June, 2015 10.00 am",
    ],
)
def test_a_committee_s_item_on_a_review_is_not_its_report(meeting: str) -> None:
    meta = read(link="Serious Case Review - Child C", heading="Agendas", context=meeting)
    assert (meta.case, meta.doc_type) == ("Child C", "other")


def test_a_review_s_file_on_a_committee_s_page_is_still_its_report() -> None:
    meta = read(
        link="Child R LCSPR pdf icon PDF 512 KB",
        heading="Issue - meetings: Local Child Safeguarding Practice Review – Child R",
        context="Meeting: 14/11/2022 - Children's Services Scrutiny Committee (Item 7)",
    )
    assert (meta.case, meta.doc_type) == ("Child R", "overview-report")


def test_a_committee_s_item_that_names_an_action_plan_is_one() -> None:
    meta = read(
        link="Item 6: Serious case review 'Child L' - multi-agency action plan update",
        heading="Agendas",
        context="Children's Scrutiny Committee - Wednesday 11 October 2017",
    )
    assert meta.doc_type == "action-plan"


def test_a_sentence_about_a_committee_is_not_a_meeting_s_line() -> None:
    meta = read(
        link="Serious Case Review - Child C",
        heading="News",
        context="Tuesday 8 October 2019. The children's scrutiny committee heard that the review "
        "had been published.",
    )
    assert (meta.case, meta.doc_type) == ("Child C", "overview-report")


@pytest.mark.parametrize(
    "who",
    [
        "Peter Wanless, CEO of the NSPCC, has responded to the publication",
        "Councillor Brian Hesketh, Lead Member for Children's Services, has responded to the "
        "publication of the serious case review.",
    ],
)
def test_someone_s_response_to_a_publication_is_not_the_report(who: str) -> None:
    meta = read(link=who, heading="News", context="of the Serious Case Review into Child K.")
    assert meta.doc_type == "other"


def test_a_minister_s_words_to_the_house_are_not_the_report() -> None:
    meta = read(
        link="Safeguarding Children",
        heading="Commons Chamber",
        context="“Mr Speaker, with your permission, I would like to make a Statement on the "
        "serious case review into the death of Baby P.",
    )
    assert (meta.case, meta.doc_type) == ("Baby P", "other")


def test_a_question_asking_where_a_summary_is_is_not_the_summary() -> None:
    meta = read(
        link="Where is the Executive Summary of the Khyra Ishaq Serious Case Review?",
        heading="Blog",
    )
    assert (meta.case, meta.doc_type) == ("Khyra Ishaq", "other")


@pytest.mark.parametrize(
    "headline",
    [
        "FOI request: serious case review into the death of Child F",
        "Freedom of Information response - Serious Case Review Child F",
        "Petition: publish the serious case review into Child F's death",
        "Judge orders publication of serious case review into Child F",
        "NSPCC comment on the serious case review into Child F",
        "Serious case review: questions remain over Child F's death",
        "Serious case review into Child F's death to be made public",
        "Why has the review into Child F's death taken three years?",
    ],
)
def test_a_request_an_order_or_a_comment_on_a_review_is_not_the_review(headline: str) -> None:
    meta = read(link=headline, heading="News")
    assert (meta.case, meta.doc_type) == ("Child F", "other")


def test_a_review_published_with_a_reaction_is_still_its_report() -> None:
    meta = read(link="Review into Child F's death finds missed opportunities", heading="News")
    assert (meta.case, meta.doc_type) == ("Child F", "overview-report")


def test_an_answer_to_a_broadcast_is_not_an_action_plan() -> None:
    meta = read(link="Response to BBC Wales Investigates Neil Foden documentary", heading="News")
    assert meta.doc_type == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Will the Cabinet Secretary ensure that the terms of reference for the child practice "
        "reviews are published, following the sentencing of the paedophile Neil Foden?",
        "FOI 10 0343 RESPONSE FOLLOWING INTERNAL REVIEW",
    ],
)
def test_an_office_an_offender_or_a_review_of_a_request_names_no_child(text: str) -> None:
    assert read(link=text, heading="Written questions").case is None


@pytest.mark.parametrize(
    "headline",
    [
        "Barnardo's response to the Child Safeguarding Practice Review Panel's annual report",
        "BASW statement on tragic death of Child F",
        "NSPCC response to the serious case review into Child F",
    ],
)
def test_a_national_charity_s_or_a_union_s_word_on_a_review_is_not_a_board_s(headline: str) -> None:
    assert read(link=headline, heading="News").doc_type == "other"


def test_a_board_s_response_to_a_review_is_still_its_action_plan() -> None:
    meta = read(link="Board's response to the independent review into Child N", heading="News")
    assert (meta.case, meta.doc_type) == ("Child N", "action-plan")
