"""Real pages' news items, statements and list rows read right. News about a review that is
not published with it (refused, called for, rated by inspectors, still going on, awaited) or
about reviews in general is `other`; news announcing a published review is the review's
document. The child a news item names, quoted words and councils that name no case, case
identity across a code's forms, a collection's row naming its place's board."""

from __future__ import annotations

import pytest

from harvester.metadata.infer import Hints, infer_metadata


@pytest.mark.parametrize(
    ("headline", "lede"),
    [
        ("Board turns down paper's request to see Child K report", "Published 2 May 2012."),
        ("Why won't Ashcombe publish the review into Baby S?", "Posted 3 June 2015."),
        ("MP calls for serious case review after toddler's death", "14 March 2011."),
        ("Review into Baby N's death 'inadequate', inspectors say", "9 February 2010."),
        (
            "Mother jailed over baby's injuries",
            "4 May 2019. A review would follow, the board said.",
        ),
        ("Inquest opens as serious case review continues", "2 April 2013."),
        ("Review into pupil's death begins", "1 October 2021."),
        ("Family of Leo Marsh to see report before it is published", "12 August 2018."),
        ("Statement following the sentencing of Kai's mother", "30 June 2022."),
        ("Chief executive confirms ‘Serious Case Review’ being undertaken", "3 May 2013."),
        (
            "Toddler 'failed by system', court hears",
            "The regional board is conducting an independent child practice review of the case.",
        ),
        (
            "Where is the summary of the Baby R review?",
            "It is two years since the board began the serious case review into Baby R's death.",
        ),
        ("Review decision imminent in exploitation case", "A review could be launched this week."),
        ("Council to release findings of review into murdered child", "14:00 27 February 2019"),
        ("Still in the dark over Baby R", "Withholding the report is a mistake."),
        ("A system in crisis", "Commenting on the review published today, the union said:"),
        ("Lessons must not be ignored", "Opinion Two serious case reviews were published today."),
    ],
)
def test_news_of_a_review_not_published_with_it_is_other(headline: str, lede: str) -> None:
    hints = Hints(link_text=headline, context=f"{headline} / {lede}")
    assert infer_metadata(hints, "").doc_type == "other"


@pytest.mark.parametrize(
    "headline",
    [
        "Serious case review into death of Baby N published",
        "Board will publish two serious case reviews tomorrow",
        "Opposition calls for action after review into Maisie's death",
        "Statement following publication of the Child W review",
    ],
)
def test_news_announcing_a_published_review_is_its_report(headline: str) -> None:
    hints = Hints(link_text=headline, context=f"{headline} / 5 May 2020.")
    assert infer_metadata(hints, "").doc_type == "overview-report"


def test_a_national_news_item_on_reviews_in_general_is_other() -> None:
    panel = "Child Safeguarding Practice Review Panel"
    hints = Hints(
        link_text="Number of serious case reviews rises again",
        context="Number of serious case reviews rises again / 8 July 2014.",
        board=panel,
    )
    assert infer_metadata(hints, "").doc_type == "other"
    # ... but the panel's national review stays a thematic review
    hints = Hints(
        link_text="Read the national review",
        context="Read the national review / Published 2 March 2023 by the Panel.",
        board=panel,
    )
    assert infer_metadata(hints, "").doc_type == "thematic-review"


def test_the_child_named_by_what_happened_to_them_or_by_their_parent() -> None:
    from harvester.metadata.headlines import headline_child

    # a title telling no story: the possessive of a death still names the child
    assert headline_child("Lessons from Maddox Reilly's death shared with GPs") == ("Maddox Reilly")
    # the parent speaks: the child is named after "Mum of", not the speaker
    assert headline_child("Mum of Isla Penrose says review 'let us down'") == "Isla Penrose"
    # ... but a named adult who speaks is no child
    assert headline_child("Councillor Ann Buxton says review must be published") is None


def test_the_child_named_by_what_was_done_to_them_and_an_adult_by_a_bodys_role() -> None:
    from harvester.metadata.headlines import headline_child

    lede = "The court heard the stepfather shook Rosie in the kitchen in May."
    assert headline_child(lede, headline=False) == "Rosie"
    headline = "Row over review is 'unhelpful', says head of investigations Paul Creswick"
    assert headline_child(headline) is None


def test_an_update_report_on_a_reviews_recommendations_is_its_action_plan() -> None:
    hints = Hints(
        link_text="Child M update report: council responds",
        context="Child M update report: council responds / 3 March 2021.",
    )
    assert infer_metadata(hints, "").doc_type == "action-plan"


def test_young_person_before_a_name_is_the_same_case_as_the_name() -> None:
    from harvester.metadata.case_forms import normalise_case

    assert normalise_case("Young Person Kieran") == normalise_case("Kieran") == "Kieran"
    assert normalise_case("Young Person 4") == "Young Person 4"


@pytest.mark.parametrize(
    "headline",
    [
        "'Shambolic' council team let girl down, review says",
        "Watchdog criticises “Unacceptable” serious case review into baby's death",
    ],
)
def test_a_quoted_word_describing_what_follows_is_no_name(headline: str) -> None:
    from harvester.metadata.names import pseudonym

    assert pseudonym(headline) is None
    # ... while a name quoted before its review is the review's child
    assert pseudonym("'Maisie' review: agencies missed signs") == "Maisie"


def test_words_quoted_at_a_headlines_start_are_no_title() -> None:
    from harvester.metadata.titles import listing_title

    headline = "“Missed chance” by health visitors left toddler at risk, review says"
    assert listing_title(headline) is None
    # ... but a quoted title before its subtitle is the review's
    title = "“Behind the Front Door” – review of children's experiences"
    assert listing_title(title) == "Behind the Front Door"


@pytest.mark.parametrize(
    "heading",
    [
        "Serious case reviews/child death inquiries – Westmarch",
        "Local Safeguarding Children Board Serious Case Reviews",
    ],
)
def test_a_page_on_reviews_in_the_plural_publishing_none_is_other(heading: str) -> None:
    hints = Hints(link_text=heading, context=f"{heading} / Report by the Director, 2016")
    assert infer_metadata(hints, "").doc_type == "other"
    # ... while one announcing their publication is the reviews' document
    hints = Hints(link_text=f"{heading} published today", context="4 May 2016")
    assert infer_metadata(hints, "").doc_type == "overview-report"


def test_an_inspectorates_evaluation_of_many_reviews_and_slides_as_a_file() -> None:
    cover = "Learning lessons from serious case reviews 2010–2011\nAn evaluation of serious case"
    cover += " reviews from April 2010 to March 2011"
    assert infer_metadata(Hints(), cover).doc_type == "thematic-review"
    hints = Hints(link_text="Fenbridge Serious Case Review - 2015 (PPTX, 98 KB)")
    assert infer_metadata(hints, "").doc_type == "learning-brief"


def test_a_headline_over_its_lede_is_no_title_and_the_murdered_child_is_named() -> None:
    headline = "Stepfather's years of violence"
    lede = "The killer of Ruby Astley had hit his partner's children before, a court heard."
    hints = Hints(link_text=headline, heading="Published reviews", context=f"{headline} {lede}")
    assert infer_metadata(hints, "").case == "Ruby Astley"


def test_the_kind_of_review_before_a_boards_code_is_no_part_of_the_case() -> None:
    from harvester.metadata.case_forms import normalise_case

    assert normalise_case("CPR GWSB 4/2019") == normalise_case("GWSB 4/2019") == "GWSB 4/2019"
    # ... a name after the kind stays as it is
    assert normalise_case("CSPR Peer on Peer Abuse") == "CSPR Peer on Peer Abuse"


def test_a_collections_row_starting_with_its_place_names_that_places_board() -> None:
    hints = Hints(
        link_text="Enfield BQ", heading="Serious case reviews published in 2016", context="03/16"
    )
    meta = infer_metadata(hints, "")
    assert meta.case == "BQ"
    assert meta.area == "enfield"
    # a board's own page keeps its board, whatever place its row starts with
    hints = Hints(
        link_text="Enfield BQ", context="2016", board="Barnet Safeguarding Children Board"
    )
    assert infer_metadata(hints, "").area != "enfield"


def test_the_documents_own_title_decides_between_words_that_name_only_kinds() -> None:
    cover = "Learning from Serious\nCase Reviews\nA. Writer, Independent Consultant\nMay 2012"
    hints = Hints(link_text="Serious Case Review - Ashcombe LSCB")
    assert infer_metadata(hints, cover).doc_type == "learning-brief"
    # ... a link that names the kind of document still comes first
    hints = Hints(link_text="Serious Case Review - Overview Report")
    assert infer_metadata(hints, cover).doc_type == "overview-report"


def test_a_headlines_verb_after_baby_and_a_council_are_no_case() -> None:
    hints = Hints(
        link_text="Westport: Addict's Baby Died Of Neglect",
        heading="Published reviews",
        context="Westport: Addict's Baby Died Of Neglect The child, known as Baby Tomas",
    )
    assert infer_metadata(hints, "").case == "Baby Tomas"
    hints = Hints(
        link_text="London Borough of Eastwick (LBE) response to National Safeguarding Review",
        heading="Published reviews",
        context="Report to the Corporate Parenting Panel, 24 January 2023",
    )
    assert infer_metadata(hints, "").case is None


def test_a_reviews_presentation_teaches_and_a_system_of_reviews_is_no_review() -> None:
    hints = Hints(link_text="Operation Kestrel Presentation - 2017", context="2017")
    assert infer_metadata(hints, "").doc_type == "learning-brief"
    hints = Hints(link_text="Presentation to the Health and Wellbeing Board", context="2017")
    assert infer_metadata(hints, "").doc_type == "other"
    hints = Hints(link_text="Wales to bring in a new serious case review system", context="2011")
    assert infer_metadata(hints, "").doc_type == "other"


def test_a_child_the_story_tells_of_names_no_case() -> None:
    # (the two reviews the council will release are not named: no case for either)
    meta = infer_metadata(
        Hints(
            link_text="Council to release findings tomorrow of serious case review into "
            "murdered child",
            heading="News",
            context="Published 14:00 2 March 2016. Eastmere Council said it will release "
            "two serious case reviews.",
        ),
        "",
    )
    assert meta.case is None


@pytest.mark.parametrize(
    "lede",
    [
        "The seven-page summary of Mr Harker's report lists the failings.",
        "A summary of the report was published by the board today.",
    ],
)
def test_a_summary_of_the_report_is_its_executive_summary(lede: str) -> None:
    meta = infer_metadata(
        Hints(link_text="Mistake upon mistake, and nobody to blame", heading="News", context=lede),
        "",
    )
    assert meta.doc_type == "executive-summary"


@pytest.mark.parametrize("heading", ["Serious Case Reviews", "Case reviews", "Published reviews"])
def test_a_list_s_heading_of_reviews_says_nothing_of_the_item_under_it(heading: str) -> None:
    # (a news item on a board's page of reviews, naming its review in the singular)
    meta = infer_metadata(
        Hints(
            link_text="Agencies 'could not have predicted' baby's death, says review",
            heading=heading,
            context="Wednesday, 8th December 2021. The review by the partnership found ...",
        ),
        "",
    )
    assert meta.doc_type == "overview-report"


@pytest.mark.parametrize("heading", ["Home", "Resources", "News", "Latest news", "Press releases"])
def test_a_site_s_section_heading_names_no_subject(heading: str) -> None:
    meta = infer_metadata(
        Hints(link_text="Boards need a clearer role, says committee report", heading=heading),
        "",
    )
    assert meta.case is None
