"""Metadata a person would read: publication year, case name, document type, board, case id."""

from __future__ import annotations

import pytest

from harvester.metadata import (
    Hints,
    case_id,
    find_board,
    find_case,
    find_date,
    find_doc_type,
    infer_metadata,
    year_from_cover,
    year_from_listing,
    year_from_url,
)
from harvester.metadata.cases import read_case
from harvester.metadata.catalogue import read_entry

FENMARSH = "Fenmarsh Safeguarding Children Board"
OAKBRIDGE = "Oakbridge Local Safeguarding Children Board"


@pytest.mark.parametrize(
    ("text", "year", "as_written"),
    [
        ("Highlighting lessons from Child J (July 2015)", 2015, "July 2015"),
        ("Highlighting lessons from Child A (Oct 2014)", 2014, "Oct 2014"),
        ("Overview report, published 29th November 2019", 2019, "29th November 2019"),
        ("Baby R Serious Case Review 13.03.18", 2018, "13.03.18"),
        ("Published: 2 March 2021", 2021, "2 March 2021"),
        ("Highlighting lessons from Child A (November, 2006)", 2006, "November, 2006"),
        ("Executive summary 01/09/2011", 2011, "01/09/2011"),
        ("Learning brief 2016-05-23", 2016, "2016-05-23"),
        ("Child P learning summary (Sept. 2009)", 2009, "Sept. 2009"),
    ],
)
def test_dates_as_boards_write_them(text, year, as_written):
    assert find_date(text) == (year, as_written)
    assert year_from_listing(text) == (year, as_written)


def test_the_first_date_in_the_text_wins():
    assert find_date("Published 13.03.18, reviewed July 2020")[0] == 2018
    assert find_date("Reviewed July 2020, first published 13.03.18")[0] == 2020


def test_listing_year_falls_back_to_a_bare_year():
    assert year_from_listing("Child A (2006) Professionals Leaflet") == (2006, "2006")
    assert year_from_listing(None, "", "Child T leaflet") is None
    # The first text that has a date is used: the link text before the context.
    assert year_from_listing("Child V leaflet March 2009", "Child V (2012)")[0] == 2009
    # Numbers that only look like years are not years.
    assert year_from_listing("Telephone 01632 960000, report ref 4.2015") is None


def test_cover_date_of_publication_wins_over_a_narrative_date():
    cover = (
        "Serious Case Review: Child H\n"
        "On 3rd February 2012 the health visitor saw Child H at home and noted bruising.\n"
        "Independent author: A. Reviewer\n"
        "Date of publication: 14th March 2018\n"
    )
    assert find_date(cover)[0] == 2012  # the first date in the text is the narrative one
    assert year_from_cover(cover) == (2018, "14th March 2018")
    meta = infer_metadata(Hints(link_text="Child H overview report"), cover)
    assert (meta.year, meta.published) == (2018, "14th March 2018")


def test_a_cover_with_only_a_narrative_date_gives_no_year():
    cover = "Child H\nOn 3rd February 2012 the health visitor saw Child H at home.\n"
    assert year_from_cover(cover) is None
    assert infer_metadata(Hints(), cover).year is None
    # The PDF's own dates are the last resort.
    dated = infer_metadata(Hints(), cover, file_meta={"CreationDate": "D:20190412093000Z"})
    assert dated.year == 2019
    assert dated.published is None


def test_listing_context_is_trusted_before_the_cover():
    hints = Hints(
        link_text="Child J Professionals Leaflet",
        context="Child J Professionals Leaflet / Highlighting lessons from Child J (July 2015)",
    )
    meta = infer_metadata(hints, "Child J\nDate of publication: 14th March 2018")
    assert (meta.year, meta.published) == (2015, "July 2015")


@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("Child J Professionals Leaflet", "Child J"),
        ("T Family Professionals Leaflet", "T Family"),
        ("Serious Case Review: Family W", "Family W"),
        ("Baby R Serious Case Review", "Baby R"),
        ("Serious Case Review concerning Children F, G and H", "Children F, G and H"),
        ("Child H1 7-minute briefing", "Child H1"),
        ("Young Person F - Learning summary", "Young Person F"),
        ("Child A (2006) Professionals Leaflet", "Child A"),
        ("The review of Child J's care", "Child J"),
        ("Highlighting lessons from Harry (May 2019)", "Harry"),
        # A range of children; a dash before other words is no range.
        ("SCR Young People 2 to 5", "Young People 2 to 5"),
        ("Children D-G learning brief", "Children D-G"),
        ("Child T - A Review", "Child T"),
        ("Child K2-2018", "Child K2"),
    ],
)
def test_case_names(text, case):
    assert find_case(text) == case


@pytest.mark.parametrize(
    "text",
    [
        "Child Protection Procedures and Child Sexual Exploitation",
        "Children's Services annual report",
        "Learning from the Serious Case Review programme",
        "Lessons from Previous reviews",
    ],
)
def test_phrases_that_are_not_case_names(text):
    assert find_case(text) is None


def test_case_name_is_looked_for_in_order_of_trust():
    assert find_case(None, "Child J leaflet", "Child K report") == "Child J"
    assert find_case("Download (PDF, 300KB)", "Highlighting lessons from T Family") == "T Family"


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Child J Professionals Leaflet", "learning-brief"),
        ("Child H1 7-minute briefing", "learning-brief"),
        ("Seven Minute Briefing: Baby R", "learning-brief"),
        ("Child K learning summary", "learning-brief"),
        ("Serious Case Review Child J Executive Summary", "executive-summary"),
        ("Child LW SCR Exec Sum", "executive-summary"),
        ("SCR Child B exec summ final", "executive-summary"),
        ("Serious Case Review Child J Summary", "executive-summary"),
        ("Summary of the SCR into Child Q", "executive-summary"),
        ("Child A – Summary of Learning", "learning-brief"),
        ("Child A One Minute Guide", "learning-brief"),
        ("Child A Learning Bulletin", "learning-brief"),
        ("Child D: What we learned", "learning-brief"),
        ("Child D Learning Poster", "learning-brief"),
        ("Child D Progress Update on Recommendations", "action-plan"),
        ("SCR Child H – Statement from the Chair", "other"),
        ("SCR Child H press release", "other"),
        ("Independent Review Published into Serious Case Reviews", "thematic-review"),
        ("Serious Case Review Learning Workshop February 2015", "learning-brief"),
        ("Report into the death of a baby, says official review", "overview-report"),
        ("Child D - Learning Event Presentation", "learning-brief"),
        ("Child D - Presentation to the Board", "other"),
        ("Child J - Board Response and Action Plan", "action-plan"),
        ("LSCB response to the Child T review", "action-plan"),
        ("FSCB Response to Child K SCR 2018", "action-plan"),
        ("Response from Fenmarsh LSCB: The Thematic Review of Young People K and L", "action-plan"),
        ("Thematic Review of Contextual Safeguarding Responses in Fenmarsh", "thematic-review"),
        ("Serious Case Review - Child A (Overview Report)", "overview-report"),
        ("Child Safeguarding Practice Review - Baby R (Final Report)", "overview-report"),
        ("A thematic review of neglect in adolescents", "thematic-review"),
        ("Annual report 2019-20", "other"),
    ],
)
def test_document_types(text, doc_type):
    assert find_doc_type(text) == doc_type


def test_doc_type_link_text_is_trusted_before_the_heading():
    hints = Hints(
        link_text="Child J Executive Summary",
        heading="Professional Leaflets from previous SCRs",
        context="Child J Executive Summary",
    )
    assert infer_metadata(hints, "Child J").doc_type == "executive-summary"
    # A bare link ("Download") leaves the heading and the cover to decide.
    bare = Hints(link_text="Download", heading="7-minute briefings")
    meta = infer_metadata(bare, "Child P\nWhat happened")
    assert meta.doc_type == "learning-brief"
    assert meta.title == "Child P"


def test_board_from_the_cover():
    cover = "Serious Case Review\nFenmarsh Safeguarding Children Board\nChild J\nOverview Report"
    assert find_board(cover) == FENMARSH
    assert (
        find_board("Child K\nOakbridge Local Safeguarding\nChildren Board")
        == "Oakbridge Local Safeguarding Children Board"
    )
    assert (
        find_board("Published by the Fenmarsh Safeguarding Children Partnership")
        == "Fenmarsh Safeguarding Children Partnership"
    )
    assert find_board("Child J\nOverview Report") is None


def test_the_board_the_document_states_wins_and_the_source_is_the_publisher():
    hints = Hints(link_text="Child J leaflet", board="Oakbridge Local Safeguarding Children Board")
    meta = infer_metadata(hints, f"{FENMARSH}\nChild J")
    assert meta.board == FENMARSH
    assert meta.publisher == "Oakbridge Local Safeguarding Children Board"
    assert infer_metadata(Hints(), f"Child J\n{FENMARSH}").board == FENMARSH
    # A cover that names no board: the source's board, and no separate publisher.
    plain = infer_metadata(hints, "Child J\nLearning brief")
    assert plain.board == "Oakbridge Local Safeguarding Children Board"
    assert plain.publisher is None


def test_title_prefers_link_text_then_file_title_then_cover():
    cover = "\n  \nSerious Case Review: Child J\nOverview Report"
    assert infer_metadata(Hints(link_text="Child J Overview Report"), cover).title == (
        "Child J Overview Report"
    )
    assert infer_metadata(Hints(link_text="Click here"), cover, "SCR Child J").title == (
        "SCR Child J"
    )
    assert infer_metadata(Hints(), cover).title == "Serious Case Review: Child J"
    assert infer_metadata(Hints(url="file:///reviews/child-j.pdf"), "").title == "child-j.pdf"


def test_case_ids_keep_two_child_a_cases_apart():
    older = case_id(FENMARSH, "Child A", 2006)
    newer = case_id(FENMARSH, "Child A", 2014)
    assert older and newer and older != newer
    assert case_id("Oakbridge Local Safeguarding Children Board", "Child A", 2014) != newer
    assert case_id(FENMARSH, None, 2014) is None
    assert case_id(None, "Child A", None) != case_id(FENMARSH, "Child A", None)


def test_a_name_introduced_by_child_or_baby_is_one_case():
    # a board's list says "Joe", the report's cover "Child Joe": one case
    assert case_id(FENMARSH, "Child Joe", 2018) == case_id(FENMARSH, "Joe", 2018)
    assert case_id(FENMARSH, "Baby Ayeeshia-Jayne Smith", 2016) == case_id(
        FENMARSH, "Ayeeshia-Jayne Smith", 2016
    )
    # a letter code keeps its word: "Child A" and "Baby A" are not a bare "A"
    assert case_id(FENMARSH, "Child A", 2018) != case_id(FENMARSH, "A", 2018)
    assert case_id(FENMARSH, "Child Ja", 2018) != case_id(FENMARSH, "Ja", 2018)
    assert case_id(FENMARSH, "Child Joe", 2018) != case_id(FENMARSH, "Child Jo", 2018)
    # ... and a topic after "Child" is not a name
    assert case_id(FENMARSH, "Child Sexual Exploitation", 2018) != case_id(
        FENMARSH, "Sexual Exploitation", 2018
    )


def test_documents_of_one_case_share_its_case_id():
    leaflet = infer_metadata(
        Hints(
            link_text="Child J Professionals Leaflet",
            context="Child J Professionals Leaflet / Highlighting lessons from Child J (July 2015)",
            board=FENMARSH,
        ),
        "Child J\nProfessionals Leaflet",
    )
    report = infer_metadata(
        Hints(link_text="Serious Case Review - Child J (Overview Report)", board=FENMARSH),
        "Serious Case Review\nChild J\nOverview Report\nDate of publication: 9th July 2015",
    )
    assert (leaflet.doc_type, report.doc_type) == ("learning-brief", "overview-report")
    assert leaflet.case == report.case == "Child J"
    assert leaflet.year == report.year == 2015
    assert case_id(leaflet.board, leaflet.case, leaflet.year) == case_id(
        report.board, report.case, report.year
    )


def test_case_identity_ignores_how_the_name_is_written():
    board = "Fenmarsh Safeguarding Children Board"
    assert case_id(board, "T Family", 2011) == case_id(board, "Family T", 2011)
    assert case_id(board, "Children F, G & H", 2021) == case_id(board, "Children F, G and H", 2021)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Harry - Executive Summary",), "Harry"),
        (("Charlie and Sam - 7 Minute Briefing",), "Charlie and Sam"),
        (("Executive Summary - Harry",), None),
        (("Thematic Review - Adolescents (Young People C, D and E)",), "Young People C, D and E"),
        (("Professional Leaflets",), None),
    ],
)
def test_pseudonyms_and_groups(texts, expected):
    assert find_case(*texts) == expected


# --- rules added with the evaluation set (tests/data/metadata_eval.toml) -----------------


@pytest.mark.parametrize(
    "text",
    [
        "Child K Overview Report (PDF, 2013KB)",
        "Child K Overview Report (PDF 2013 KB)",
        "Reviewed under Working Together to Safeguard Children 2015",
        "Commissioned under the Children Act 2004",
        "Annual report 2018-19",
        "Serious Case Reviews 2015 - 2019",
        "Reviews from 2010 to 2015",
    ],
)
def test_file_sizes_statutes_and_ranges_are_not_publication_years(text):
    assert year_from_listing(text) is None


def test_a_season_is_a_date():
    assert find_date("Child E learning summary / Spring 2017") == (2017, "Spring 2017")
    assert year_from_cover("Learning Brief\nChild B3\nAutumn 2018\n") == (2018, "Autumn 2018")


def test_a_date_after_the_title_is_not_read_as_the_titles_story():
    title = "Kiera Tanner murder: agencies 'missed chances', review finds"
    hints = Hints(link_text=title, context=f"{title} 16:00, 01 March 2016")
    assert infer_metadata(hints, "").year == 2016
    story = Hints(link_text="Child J", context="Child J was admitted on 3 May 2016")
    assert infer_metadata(story, "").year is None


def test_a_news_items_dateline_is_its_date_whatever_the_headline_tells():
    headline = "Agencies could not have predicted the death of a baby, says review"
    dated = f"{headline} By Jo Bloggs Wednesday, 8th December 2021, 1:13 pm"
    assert year_from_listing(dated) == (2021, "8th December 2021")
    assert year_from_listing("The baby died on Wednesday, 8th December 2021") is None


@pytest.mark.parametrize(
    ("context", "year"),
    [
        (
            "Child Q Serious Case Review / Child Q was 15 when she died in March 2016. "
            "The review was published in January 2018.",
            2018,
        ),
        (
            "Overview report / Child R2 Date of death: March 2014 Date of publication: 19/05/2016",
            2016,
        ),
        ("Child A (d. 2016) - published 2018", 2018),
    ],
)
def test_listing_dates_of_the_case_story_are_skipped(context, year):
    assert year_from_listing(context)[0] == year


@pytest.mark.parametrize(
    ("cover", "year"),
    [
        ("SERIOUS CASE REVIEW\nFamily W\nFinal version, September 2013\n", 2013),
        ("Serious Case Review\nChild L\nAuthor: Dr Helen Marsh\nDate: 14/03/2018\n", 2018),
        ("Child Safeguarding Practice Review\n'Jack'\nFINAL REPORT March 2020\n", 2020),
        ("Serious Case Review\nChild B\nVersion 4 FINAL – 12 June 2016\n", 2016),
        ("Child R3\nPublication Date – 30th September 2016\n", 2016),
        ("Executive Summary\nMay 2022\n1.1 In March 2013 Child J was taken to hospital.\n", 2022),
        ("Baby C\nDate of incident: 14 May 2019\nDate of publication: 2 July 2021\n", 2021),
        ("Child S\nReport completed: 12 May 2017\nDate published: 9 January 2018\n", 2018),
        (
            "Learning brief\nKey learning\n© Oakbridge Safeguarding Children Partnership 2021\n",
            2021,
        ),
    ],
)
def test_cover_labels_and_date_lines(cover, year):
    assert year_from_cover(cover)[0] == year


def test_cover_dates_inside_sentences_or_tables_are_not_used():
    assert (
        year_from_cover("Action plan\n1 | Audit bruising protocol | Health | March 2016\n") is None
    )
    assert (
        year_from_cover("Child G\nThis report follows the death of Child G in August 2015.") is None
    )


def test_url_dates_come_after_the_cover_and_before_pdf_metadata():
    assert year_from_url("https://x.example/media/2231/scr-child-u-exec-summary-may-2014.pdf") == (
        2014,
        "may 2014",
    )
    assert year_from_url("https://x.example/wp-content/uploads/2019/07/Baby-D-7MB.pdf")[0] == 2019
    assert year_from_url("https://x.example/media/2231/child-u.pdf") is None
    meta = infer_metadata(
        Hints(link_text="Executive Summary", url="https://x.example/docs/child-u-may-2014.pdf"),
        "Child U\nDate of publication: June 2015",
        file_meta={"CreationDate": "D:20130101000000Z"},
    )
    assert meta.year == 2015


def test_pdf_creation_date_is_trusted_before_modification_date():
    # A later edit (redaction, accessibility tagging) changes only the modification date.
    meta = {"CreationDate": "D:20200611093000+01'00'", "ModDate": "D:20230214101500Z"}
    assert infer_metadata(Hints(), "Child C4", file_meta=meta).year == 2020


@pytest.mark.parametrize(
    ("cover", "board"),
    [
        (
            "EASTERBY LOCAL SAFEGUARDING CHILDREN BOARD\nSerious Case Review",
            "Easterby Local Safeguarding Children Board",
        ),
        (
            "Fenmarsh\nSafeguarding Children Partnership\nOFFICIAL",
            "Fenmarsh Safeguarding Children Partnership",
        ),
        (
            "City of Carrowmere Safeguarding Children Board\nChild H",
            "City of Carrowmere Safeguarding Children Board",
        ),
        (
            "Published by the Kingsford and Hale Safeguarding Children Partnership",
            "Kingsford and Hale Safeguarding Children Partnership",
        ),
        ("Commissioned by Ashcombe Safeguarding Partnership", "Ashcombe Safeguarding Partnership"),
        (
            "Easterby Children's Safeguarding Partnership\nTyler",
            "Easterby Children's Safeguarding Partnership",
        ),
        (
            "Westmarch Local Safeguarding Children Board (LSCB)",
            "Westmarch Local Safeguarding Children Board",
        ),
        ("Serious Case Review Fenmarsh Safeguarding Children Board", FENMARSH),
        ("Westmarch LSCB\nLearning Summary", "Westmarch LSCB"),
        (
            "Commissioned under the Local Safeguarding Children\nBoards Regulations 2006.\n"
            "Rilby Local Safeguarding Children Board",
            "Rilby Local Safeguarding Children Board",
        ),
        ("The LSCB agreed the recommendations", None),
        ("Child J\nSafeguarding Children Board", None),
    ],
)
def test_boards_as_covers_write_them(cover, board):
    assert find_board(cover) == board


def test_board_from_the_listing_when_the_cover_has_none():
    hints = Hints(
        link_text="Child V: serious case review",
        context="Child V: serious case review / Brackenfield Safeguarding Children Board, 2012.",
    )
    meta = infer_metadata(hints, "Serious Case Review\nChild V\nOverview report")
    assert (meta.board, meta.year) == ("Brackenfield Safeguarding Children Board", 2012)
    # A full name in the heading wins over an abbreviation on the cover.
    hints = Hints(link_text="7 Minute Briefing - Child M", heading=OAKBRIDGE)
    assert infer_metadata(hints, "7 MINUTE BRIEFING\nOakbridge LSCB").board == OAKBRIDGE


@pytest.mark.parametrize(
    ("link_text", "context", "heading", "cover", "case"),
    [
        ("Child Safeguarding Practice Review: 'Archie'", None, None, "", "Archie"),
        ("Learning from the review into ‘Ruby’", None, None, "", "Ruby"),
        ("Partnership response to the Tyler review", None, None, "", "Tyler"),
        ("Noah (2021) - 7 minute briefing", None, None, "", "Noah"),
        ("Child Safeguarding Practice Review into the death of Theo", None, None, "", "Theo"),
        ("Learning brief: the K family", None, None, "", "K Family"),
        ("Serious Case Review – Child “M”", None, None, "", "Child M"),
        # After the type, a name counts when the document shows it as a person.
        (
            "7 minute briefing: Poppy and Max",
            None,
            None,
            "Poppy and Max\nBackground",
            "Poppy and Max",
        ),
        # ... and a briefing titled after its kind is named by that title, a name's or a
        # topic's alike
        ("7 minute briefing: Poppy and Max", None, None, "Background", "Poppy and Max"),
        ("7 Minute Briefing: Neglect", None, None, "Neglect\nNeglect is common.", "Neglect"),
        # A heading alone, likewise: headings also name places and topics.
        ("Executive Summary", None, "Oscar", "Review\nOscar\nExecutive Summary", "Oscar"),
        ("Download", None, "Fenmarsh", "Serious Case Review\nOverview report", None),
        # The cover, then the file name, when the listing names no case.
        ("Download", None, "Serious case reviews", "SERIOUS CASE REVIEW\nCHILD K2\n", "Child K2"),
        # A name in quotes on a cover set in capitals.
        ("Download", None, None, "FENMARSH BOARD\nSERIOUS CASE REVIEW\n‘CHILD Y’\n", "Child Y"),
        ("Download", None, None, "SERIOUS CASE REVIEW\n“MAISIE”\nOVERVIEW REPORT", "Maisie"),
        # A Welsh review's code on a line in capitals stays a code.
        (
            "Download",
            None,
            None,
            "Extended Child Practice Review\nFENWB 1/2017\nReport",
            "FENWB 1/2017",
        ),
        ("Download", None, None, "Child Practice Review\nThe ‘R’ Children\n", "R Children"),
        # A name ends with its line: the author's credit follows on the next.
        (
            "Download",
            None,
            None,
            "Serious case review overview report in respect of Maren\nJo Bloggs Director",
            "Maren",
        ),
        # A first, middle and last name on a line of their own beside the kind of review.
        (
            "Download",
            None,
            None,
            "Practice Review\nAmelia Rose Hartley\nOverview report",
            "Amelia Rose Hartley",
        ),
        # A heading's name in quotes before the kind of review.
        ("Read the full report", None, "‘Olly’ – Child Safeguarding Practice Review", "", "Olly"),
    ],
)
def test_case_names_from_listing_cover_and_heading(link_text, context, heading, cover, case):
    hints = Hints(link_text=link_text, context=context, heading=heading)
    assert infer_metadata(hints, cover).case == case


@pytest.mark.parametrize(
    ("link_text", "heading", "cover", "case"),
    [
        # A review named by its title: the title beside its kind is the case.
        ("Harvest SCR", None, "", "Harvest"),
        ("LCSPR Online Harm in Primary Schools", None, "", "Online Harm in Primary Schools"),
        ("Read the full report for SCR Juniper here.", None, "", "Juniper"),
        ("Download", "The partnership published SCR Juniper on 3 May, 2023.", "", "Juniper"),
        (
            "Serious Case Review: The neglect of children at a holiday camp: Executive Summary",
            None,
            "",
            "The neglect of children at a holiday camp",
        ),
        (
            "Download",
            None,
            "A desk based review of self-harm among care leavers in Fenmarsh\nConcise report",
            "self-harm among care leavers",
        ),
        (
            "Download",
            None,
            "No way out\nChildren at risk on the roads\nThe Child Safeguarding Practice Review "
            "Panel",
            "No way out",
        ),
        ("WILLOW SERIOUS CASE REVIEW", None, "", "Willow"),
        # A heading that is a name and the kind of review names the review; a place the
        # board table knows does not.
        (
            "Download",
            "Tamsin-Rae Ollerby: Child Safeguarding Practice Review",
            "",
            "Tamsin-Rae Ollerby",
        ),
        ("Download", "Peterborough – Serious Case Review", "", None),
        (
            "Tamsin-Rae Jane Ollerby: Child Safeguarding Practice Review published",
            None,
            "",
            "Tamsin-Rae Jane Ollerby",
        ),
        (
            "Serious Case Review Report – Corin Ashdale-Pike – Fenmarsh SCB",
            None,
            "",
            "Corin Ashdale-Pike",
        ),
        ("Download", None, "THE CLOSURE OF A SCHOOL\nA SERIOUS CASE REVIEW\nMay 2016", None),
        # Not a title: only what kind of document it is.
        ("SCR Referral Form", None, "", None),
        ("CSPR Executive Summary", None, "", None),
        ("Serious Case Review: Executive Summary 2019", None, "", None),
    ],
)
def test_reviews_named_by_their_title(link_text, heading, cover, case):
    hints = Hints(link_text=link_text, heading=heading)
    assert infer_metadata(hints, cover).case == case


@pytest.mark.parametrize(
    ("link_text", "heading", "cover", "case"),
    [
        # The subject on either side of the kind of review, with a dash or colon between.
        (
            "A SERIOUS CASE REVIEW- Learning for services arising from abuse at a youth club.",
            None,
            "",
            "Learning for services arising from abuse at a youth club",
        ),
        (
            "Organised Abuse in Care Homes – An Independent Review of Cases, by Dr A Reviewer.",
            None,
            "",
            "Organised Abuse in Care Homes",
        ),
        # A title page whose kind line is followed by its subject, wrapped over lines.
        (
            "Download",
            None,
            "Serious Case Review\nOverview Report\nServices provided in a\ncomplex case of "
            "neglect and\nrepeated moves\nIndependent Lead Reviewer",
            "Services provided in a complex case of neglect and repeated moves",
        ),
        # A link on a list of reviews named by its title alone, with kind, type and date.
        ("SUDI Partnership Review Report January 2022", "Published reviews", "", "SUDI"),
        ("Harm outside the home – LCSPR – June 2022", "Reviews", "", "Harm outside the home"),
        ("Multi-agency practice review – Neglect", "Reviews", "", "Neglect"),
        ("Themed review of bruising in babies (2017)", "Reviews", "", "bruising in babies"),
        # A child's full name in a headline or a title that says more.
        ("Statement on the Jayden Marsh review", "News", "", "Jayden Marsh"),
        ("Board responds to Jayden Marsh review", "News", "", "Jayden Marsh"),
        ("Jayden Marsh review: agencies missed chances", "News", "", "Jayden Marsh"),
        ("Family of Jayden Marsh welcome review findings", "News", "", "Jayden Marsh"),
        ("Serious case review of services provided to Jayden Marsh", None, "", "Jayden Marsh"),
        # Not a review's title: another kind of document, a headline, an unnamed child, a
        # compilation of learning, a number.
        ("Rapid Review Guidance", "Reviews", "", None),
        ("Joint Targeted Area Inspection Action Plan", "Reviews", "", None),
        ("Case Review Group Terms of Reference", "Reviews", "", None),
        ("Six-week-old baby smothered, review finds", "News", "", None),
        ("Serious case review into the death of a baby", "News", "", None),
        ("Learning from Child Sexual Exploitation reviews", "Reviews", "", None),
        ("Serious Case Review No: 2017/C1234", None, "", None),
    ],
)
def test_reviews_named_by_their_subject(link_text, heading, cover, case):
    hints = Hints(link_text=link_text, heading=heading)
    assert infer_metadata(hints, cover).case == case


def test_case_name_from_the_file_name_as_a_last_resort():
    hints = Hints(
        link_text="Download", url="https://x.example/docs/SCR_ChildA_ExecSummary_2006.pdf"
    )
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.year, meta.doc_type) == ("Child A", 2006, "executive-summary")
    assert infer_metadata(Hints(url="https://x.example/child-in-need-policy.pdf"), "").case is None


@pytest.mark.parametrize(
    ("texts", "doc_type"),
    [
        (("SCR Child W2 Exec Summary",), "executive-summary"),
        (("Information for families leaflet",), "other"),
        (("SCR Referral Form",), "other"),
        (("Newsletter: Learning from reviews - Spring 2017",), "other"),
        (("Themed review of sudden unexpected infant deaths",), "thematic-review"),
        # A phrase naming the document beats one naming only the kind of work.
        (("Learning from Child Sexual Exploitation cases", "A thematic review"), "thematic-review"),
        (
            ("Download", None, "Multi-agency case reviews", "Learning summary\nChild J3"),
            "learning-brief",
        ),
    ],
)
def test_document_types_by_strength(texts, doc_type):
    assert find_doc_type(*texts) == doc_type


def test_numbered_body_text_on_the_first_page_is_not_the_title():
    hints = Hints(link_text="Serious Case Review - Child A")
    cover = "Serious Case Review\nChild A\n1.1 This executive summary sets out the findings."
    assert infer_metadata(hints, cover).doc_type == "overview-report"


def test_case_ids_group_the_ways_a_board_is_written():
    westmarch = case_id("Westmarch LSCB", "Child Y", 2015)
    assert westmarch == case_id("Westmarch Local Safeguarding Children Board", "Child Y", 2015)
    assert westmarch == case_id("Westmarch Safeguarding Children Partnership", "Child Y", 2015)
    assert westmarch != case_id("Westmarch LSCB", "Child Y", 2016)
    assert case_id(FENMARSH, "Child A", 2006) == "fenmarsh-child-a-2006"
    assert case_id(FENMARSH, "The R Family", 2016) == case_id(FENMARSH, "Family R", 2016)
    assert case_id(FENMARSH, "‘Archie’", 2022) == case_id(FENMARSH, "Archie", 2022)


def test_the_servers_file_name_stands_in_for_a_url_that_names_nothing():
    from harvester.metadata import Hints, infer_metadata

    hints = Hints(
        link_text="Download",
        url="https://board.example/download.aspx?id=12",
        filename="SCR_Child_W_Executive_Summary_Nov_2016.pdf",
    )
    meta = infer_metadata(hints, cover="")
    assert (meta.case, meta.year) == ("Child W", 2016)
    assert infer_metadata(Hints(link_text="Download", url=hints.url), cover="").case is None


def test_the_board_is_read_from_running_headers_and_from_initials_the_report_defines():
    from harvester.metadata import Hints, infer_metadata

    cover = "Serious Case Review\nChild K\nOverview report"
    following = (
        "Anytown Safeguarding Children Board - Serious Case Review Child K\n"
        "1. Introduction\n1.1 This review ...\f"
        "Anytown Safeguarding Children Board - Serious Case Review Child K\nPage 3"
    )
    meta = infer_metadata(Hints(link_text="Child K overview"), cover, following=following)
    assert meta.board == "Anytown Safeguarding Children Board"

    cover = "ASCB\nSerious Case Review: Child K\nExecutive summary"
    following = (
        "1.1 The Anytown Safeguarding Children Board (ASCB) commissioned this review in May 2016.\f"
    )
    meta = infer_metadata(Hints(link_text="Child K"), cover, following=following)
    assert meta.board == "Anytown Safeguarding Children Board"
    # Initials alone that no text defines and several boards share name no board.
    assert infer_metadata(Hints(link_text="Child K"), "PSCB\nChild K").board is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("March 2016 – Anytown - Child XY", (2016, "Anytown", "Child XY")),
        ("2012Ceredigion – Child J", (2012, "Ceredigion", "Child J")),
        ("2018 - Anonymous- Children F, G and H", (2018, None, "Children F, G and H")),
        # Quotes and a remark about the name are not part of it.
        ("2023 - Fenmarsh - ‘Lucy’", (2023, "Fenmarsh", "Lucy")),
        ("2015 – Anytown – Child H (pseudonym)", (2015, "Anytown", "Child H")),
        ("2019 – Child A – Executive Summary", None),  # a board page's heading
        ("2021 - Serious Case Review - Child T", None),
        ("Child J Professionals Leaflet", None),
    ],
)
def test_a_national_collection_entry_line_is_read_as_one(line, expected):
    from harvester.metadata.catalogue import read_entry

    entry = read_entry(line)
    assert (entry and (entry.year, entry.place, entry.case)) == expected


@pytest.mark.parametrize(
    ("link_text", "expected"),
    [
        # A letter with the pseudonym the review gives it.
        (
            "Quill: Local Child Safeguarding Practice Review – Child R ‘Quill’ report",
            "Child R Quill",
        ),
        # A name after the review's kind, then the day it was published.
        ("The partnership published SCR Tobias on 3 March, 2021.", "Tobias"),
        # A hyphenated subject and an age stay whole; the publication date ends it.
        (
            "Thematic Review into Non-Accidental Injuries to Babies under 6 months"
            " – Published 2020",
            "Non-Accidental Injuries to Babies under 6 months",
        ),
        ("Thematic Review of Missing Teenagers 2019", "Missing Teenagers"),
        # A first name and surname before the kind of review, and after "review of".
        ("Tomasz Brennan Serious Case Review - Overview Report", "Tomasz Brennan"),
        ("The Serious Case Review of Aylin Morrow", "Aylin Morrow"),
        ("Family ‘W’ – Serious Case Review", "Family W"),
        # A family named by its surname; "Family SCR" is no family's letter.
        ("The Hallam Family SCR", "Hallam Family"),
        # A news item's headline: the child's name and what happened.
        ("Kiera-Rose Tanner death: agencies 'missed chances'", "Kiera-Rose Tanner"),
        ("What the review found after the inquest into Ellis Gaunt", "Ellis Gaunt"),
        ("Review into the death of toddler Lewis Brant finds failings", "Lewis Brant"),
        ("Serious case review into Ellie's death published", "Ellie"),
        ("Lewis Brant's murder: what went wrong", "Lewis Brant"),
        # A place's possessive is not a quoted name.
        ("Review into Oakbridge's services", None),
        ("Services provided in a complex case of Fabricated or Induced Illness", None),
        # An age is no name; nor is a report's number.
        ("Six-week-old baby was smothered in bed, report finds", None),
        ("Serious Case Review No: 2017/C1234", None),
        ("Family SCR Report - Child K", "Child K"),
    ],
)
def test_listing_case_forms(link_text, expected):
    assert read_case(link_text, None, None, None, "", None) == expected


@pytest.mark.parametrize(
    ("link_text", "doc_type"),
    [
        # A review named by a topic is about many children: a thematic review.
        ("CSPR Online Harm in Primary Schools", "thematic-review"),
        ("LCSPR Peer on Peer Abuse", "thematic-review"),
        # Named by a child, or called an overview report, it is the review's report.
        ("Harvest SCR", "overview-report"),
        ("Serious Case Review Child Q", "overview-report"),
        ("Child Practice Review: The ‘R’ Children", "overview-report"),
        ("LCSPR Peer on Peer Abuse - Overview Report", "overview-report"),
        # A family's children named by its surname are the review's subject...
        ("Local Child Safeguarding Practice Review: The Harrowby Children", "overview-report"),
        # ...children described by what they share are a topic.
        ("LCSPR: Invisible Children", "thematic-review"),
        ("LCSPR: Disabled Children", "thematic-review"),
    ],
)
def test_a_review_named_by_a_topic_is_thematic(link_text, doc_type):
    assert infer_metadata(Hints(link_text=link_text), "").doc_type == doc_type


@pytest.mark.parametrize(
    ("entry", "case"),
    [
        ("2014 – Westmarch – Serious case review: Family Z", "Family Z"),
        ("Sept 2013 – Ravensgate – Baby K – overview", "Baby K"),
        ("2016 – Dunmere – Child T – Board Response", "Child T"),
        ("June 2019 – Brindleford – ‘Sky’ and ‘Storm’ – overview report", "Sky and Storm"),
    ],
)
def test_a_national_list_entry_keeps_the_case_without_the_documents_kind(entry, case):
    assert read_entry(entry).case == case


@pytest.mark.parametrize(
    ("cover", "year"),
    [
        ("Re: Baby S\nA Serious Case Review\nLead Reviewer: Jenny Calloway\n03/2019", 2019),
        ("Rilby SCB\nSerious Case Review\nChild X\n2nd edition: 21.03.2013", 2013),
        # A Welsh review's code is no month and year.
        ("Child Practice Review\nCYSAR 3/2017\nDyddiad / Date: 27/03/2018", 2018),
    ],
)
def test_month_and_year_dates_on_a_title_page(cover, year):
    assert year_from_cover(cover)[0] == year


@pytest.mark.parametrize(
    ("hints", "cover", "case"),
    [
        # A sentence ends before the board's place: the name is no place.
        (Hints(link_text="Serious case review into the death of Callie Ng. Hexley LSCB, 2013"),
         "", "Callie Ng"),
        # Names wrapped over lines on a title page, with an age or a date of birth.
        (Hints(link_text="Download the review"),
         "Local Child Safeguarding Practice Review\nconcerning Amelia-\nRose\nPublished 2022",
         "Amelia-Rose"),
        (Hints(link_text="Overview Report"),
         "Serious Case Review into the death of Bradley\nOkonkwo-Price\nOverview Report",
         "Bradley Okonkwo-Price"),
        (Hints(link_text="Overview report"),
         "Serious Case Review\nRe: Kayla Louise Brennan (aged 2)\nFinal Report",
         "Kayla Louise Brennan"),
        (Hints(link_text="Download"),
         "A Local Child Safeguarding Practice Review\ninto the circumstances of\nHarper\n"
         "(a child aged 11)", "Harper"),
        (Hints(link_text="Our response"),
         "Response to the Local Child Safeguarding Practice Review: Isabelle\nAugust 2021",
         "Isabelle"),
        # A card headed by a name whose link says only what kind of document it is.
        (Hints(link_text="Executive summary (PDF)", heading="Ethan"), "", "Ethan"),
        (Hints(link_text="Our response to the findings", heading="Keira",
               context="Published 19 August 2021"), "", "Keira"),
        # A link whose text is the file's name.
        (Hints(link_text="SCR_ChildN_ExecSum_FINAL.pdf", heading="Documents"), "", "Child N"),
        # Headlines: a word for the child before the name, a possessive, a name alone.
        (Hints(link_text="Toddler Lexi-Mae Dunn: agencies 'did not see the child'"), "",
         "Lexi-Mae Dunn"),
        (Hints(link_text="Review into death of Caldermoor schoolgirl Sienna Hart published"), "",
         "Sienna Hart"),
        (Hints(link_text="'He was failed by everyone': review into Leon Mbeki's death"), "",
         "Leon Mbeki"),
        (Hints(link_text="Reuben's mother asked for help months before, review finds"), "",
         "Reuben"),
        (Hints(link_text="Agencies 'missed opportunities' to protect Skye"), "", "Skye"),
        (Hints(link_text="Arlo, a Local Child Safeguarding Practice Review"), "", "Arlo"),
    ],
)  # fmt: skip
def test_names_from_headlines_cards_and_wrapped_title_pages(hints, cover, case):
    assert infer_metadata(hints, cover).case == case


@pytest.mark.parametrize(
    ("hints", "case", "doc_type"),
    [
        # A name with a role after it is a professional's.
        (Hints(link_text="Council chiefs under fire", context="Jo Marsh, independent chair "
               "of the board, said lessons had been learned"), None, "other"),
        # Three names before "safeguarding review".
        (Hints(link_text="Ten things we learned from the Kai Lenn Osei safeguarding review"),
         "Kai Lenn Osei", "overview-report"),
        # "Learning" as the document's noun.
        (Hints(link_text="Child D Learning, published January 2021"), "Child D",
         "learning-brief"),
    ],
)  # fmt: skip
def test_roles_longer_names_and_learning_documents(hints, case, doc_type):
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.doc_type) == (case, doc_type)


def test_a_boards_possessive_place_is_the_place():
    cover = "Statement from Fenmarsh's Safeguarding Children Board\nSerious Case Review"
    assert find_board(cover) == "Fenmarsh Safeguarding Children Board"


@pytest.mark.parametrize(
    ("cover", "year"),
    [
        # "Date:" labels a report's date; the review's period and its commissioning are the
        # case's story.
        ("Serious Case Review\nChild D\nJanuary 2014\nThe Panel agreed that the review should "
         "cover the period from 1 September 2009.", 2014),
        ("Serious Case Review\nJamie\nOctober 2018\nThe Board agreed in February 2017 to "
         "undertake a Serious Case Review.", 2018),
        ("Joint Serious Case Review\nChild N\nDate: 6 November 2017\nthe two Boards agreed on "
         "21 July 2016 to carry out one review", 2017),
        # An embargo's date is the publication's.
        ("Fenmarsh Safeguarding Children Partnership\nCONFIDENTIAL – NOT FOR PUBLICATION UNTIL "
         "9 February 2023\nBaby L\nDecember 2022", 2023),
        # A bilingual label and its date.
        ("Extended Child Practice Review\nDyddiad cyhoeddi / Publication date: 14 Ebrill / "
         "April 2016\nfollowing the death of a baby in\nAugust 2015.", 2016),
    ],
)  # fmt: skip
def test_publication_years_among_other_dates_on_a_first_page(cover, year):
    assert year_from_cover(cover)[0] == year


def test_a_listing_heading_for_years_before_one_is_no_date():
    assert year_from_listing("Archive – reviews before 2012") is None


def test_a_cover_of_logos_and_a_date_leaves_the_case_to_the_next_page():
    cover = "Hallowmere\nSafeguarding\nChildren Board\nHallowmere Police\nMarch 2018"
    following = "Serious Case Review\nFamily W\nOverview Report\n\fContents"
    meta = infer_metadata(Hints(link_text="Download (PDF 1.1MB)"), cover, following=following)
    assert meta.case == "Family W"


def test_an_annual_report_names_no_case_its_title_does_not():
    cover = (
        "Hallowmere Safeguarding Children Partnership\nAnnual Report 2022-23\nPublished "
        "November 2023\nForeword\nContents\nThis year we published the review of Child C17."
    )
    assert infer_metadata(Hints(link_text="Annual Report 2022-23"), cover).case is None
    statement = "Glaswick Safeguarding Children Board\nPress release\nChild G: review published"
    assert infer_metadata(Hints(link_text="Press release"), statement).case == "Child G"


@pytest.mark.parametrize(
    ("entry", "case"),
    [
        ("2023 – Kingsford – Child Q (also known as Quinn)", "Child Q"),
        ("2016 – Westmarch – Child A (2016)", "Child A"),
        ("2024 – Brackenfield – Thematic review of neglect", "neglect"),
    ],
)
def test_a_national_list_entry_without_its_remarks(entry, case):
    assert read_entry(entry).case == case


def test_a_thematic_reviews_fuller_title_on_its_title_page():
    hints = Hints(link_text="Domestic abuse thematic review")
    cover = "Sallowby LSCB\nThematic Review: Domestic Abuse and Children under Five\nNovember 2012"
    assert infer_metadata(hints, cover).case == "Domestic Abuse and Children under Five"
    other = "Sallowby LSCB\nThematic Review: Neglect of Adolescents\nNovember 2012"
    assert infer_metadata(hints, other).case == "Domestic abuse"


@pytest.mark.parametrize(
    ("hints", "case"),
    [
        # A card headed by a full name, its links naming each kind of document.
        (Hints(link_text="Partnership response", heading="Jayden Marsh"), "Jayden Marsh"),
        (Hints(link_text="7 minute briefing", heading="Adam"), "Adam"),
        # A card headed by a thematic review's subject.
        (Hints(link_text="Full report", heading="Child criminal exploitation",
               context="Full report / Child criminal exploitation Published 2023 A multi-agency "
               "thematic review of the experiences of eleven young people"),
         "Child criminal exploitation"),
        (Hints(link_text="Download the thematic review", heading="Safe sleep",
               context="Download the thematic review / Safe sleep Published January 2021"),
         "Safe sleep"),
        # A table row: the name, then the kind of document.
        (Hints(link_text="PDF (1.9 MB)", heading="Published reviews",
               context="Lily Overview report 15/07/2022 PDF (1.9 MB)"), "Lily"),
        # Not a review's name: a section of forms, learning across several reviews.
        (Hints(link_text="Multi-agency referral form", heading="Forms"), None),
        (Hints(link_text="Learning brief: recurring themes in neglect reviews",
               heading="Safeguarding practice reviews"), None),
    ],
)  # fmt: skip
def test_cards_rows_and_sections_name_their_review(hints, case):
    assert infer_metadata(hints, "").case == case


def test_a_picture_cover_leaves_everything_to_the_title_page_after_it():
    following = (
        "Oakbridge Safeguarding Children Board\nSerious Case Review\nChild K\nExecutive Summary\n"
        "Published March 2016\n\fContents\n1. Introduction 3"
    )
    meta = infer_metadata(Hints(link_text="Download"), "", following=following)
    assert (meta.case, meta.year, meta.doc_type, meta.board) == (
        "Child K",
        2016,
        "executive-summary",
        "Oakbridge Safeguarding Children Board",
    )
    # A full title page keeps its own reading.
    cover = "Rilby Safeguarding Children Board\nSerious Case Review\nChild J\nOverview Report\n" * 3
    assert infer_metadata(Hints(link_text="Download"), cover, following=following).case == "Child J"


@pytest.mark.parametrize(
    ("hints", "cover", "title"),
    [
        # A card's link naming only the kind of document: the review's name says which.
        (Hints(link_text="Executive summary (PDF, 610KB)", heading="Jayden Marsh"), "",
         "Jayden Marsh – Executive summary"),
        (Hints(link_text="Child K overview report PDF, 1.2MB"), "", "Child K overview report"),
        # A title page's logo, markings and date are not its title.
        (Hints(link_text="Download"),
         "Oakbridge Safeguarding Children Board\nCONFIDENTIAL\nSerious Case Review\nChild K\n"
         "March 2016", "Serious Case Review – Child K"),
    ],
)  # fmt: skip
def test_titles_name_the_review_and_the_document(hints, cover, title):
    assert infer_metadata(hints, cover).title == title


@pytest.mark.parametrize(
    ("link_text", "case"),
    [
        ("Review into the death of Liam O'Brien", "Liam O'Brien"),
        ("Serious Case Review: Amelia-Rose O’Neill", "Amelia-Rose O’Neill"),
        ("Serious Case Review – Kai McAllister", "Kai McAllister"),
        ("The case of Renée", "Renée"),
        ("Serious Case Review: Zoë", "Zoë"),
    ],
)
def test_names_with_accents_and_irish_and_scottish_surnames(link_text, case):
    assert infer_metadata(Hints(link_text=link_text), "").case == case


def test_a_date_in_a_running_footer_dates_the_report():
    cover = (
        "Contents\nForeword 2\n1. Introduction 3\n"
        "Stonebeck Safeguarding Children Partnership | LCSPR Child S | March 2023      1"
    )
    following = (
        "Foreword\nChild S was seven in 2019.\n"
        "Stonebeck Safeguarding Children Partnership | LCSPR Child S | March 2023      2"
    )
    meta = infer_metadata(Hints(link_text="Download the report"), cover, following=following)
    assert meta.year == 2023
    # A date on the first page alone is no running line.
    assert (
        infer_metadata(Hints(link_text="Download the report"), cover, following="Foreword").year
        is None
    )


def test_irish_and_scottish_surnames_in_capitals_keep_their_capitals():
    cover = "OAKBRIDGE SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\nLIAM O'BRIEN\nMARCH 2016"
    assert infer_metadata(Hints(link_text="Download"), cover).case == "Liam O'Brien"
    cover = "SERIOUS CASE REVIEW\nKAI MCALLISTER\nOVERVIEW REPORT"
    assert infer_metadata(Hints(link_text="Download"), cover).case == "Kai McAllister"


@pytest.mark.parametrize(
    ("link_text", "cover", "doc_type"),
    [
        ("Serious Case Review Child L",
         "Serious Case Review Child L\n7 Minute Briefing\n1. Background", "learning-brief"),
        ("7MB – Baby R", "", "learning-brief"),
        ("7 min brief SCR Baby V", "", "learning-brief"),
        ("SCR ES – Baby L", "", "executive-summary"),
        ("Summary of the review", "", "executive-summary"),
        ("Implementation plan – Baby H", "", "action-plan"),
        ("Download", "Recommendation | Action | Lead | Timescale | RAG\n1. Audit referrals",
         "action-plan"),
        ("Review of several reviews: domestic abuse", "", "thematic-review"),
        ("Multi-case analysis – serious youth violence", "", "thematic-review"),
        ("Procedure for Local Child Safeguarding Practice Reviews", "", "other"),
        ("Ofsted evaluation of the SCR Child M", "", "other"),
        # A contents list names the report's parts, and a sentence about guidance followed
        # is the report's own.
        ("Ashcombe LCSPR Child V", "Local Child Safeguarding Practice Review\nChild V\nContents\n"
         "Terms of reference and methodology", "overview-report"),
        ("Download the report", "Child Practice Review\nThe review followed the guidance for "
         "multi-agency reviews.", "overview-report"),
        ("Download the report", "Child Safeguarding Practice Review: Child E\nThis review "
         "considers the multi-agency response to Child E.", "overview-report"),
    ],
)  # fmt: skip
def test_document_types_as_boards_write_them(link_text, cover, doc_type):
    assert infer_metadata(Hints(link_text=link_text), cover).doc_type == doc_type


def test_a_name_run_into_an_authors_credit_stops_before_it():
    text = "Serious case review in respect of Jeanette Barry Raynes Director Reconstruct 2016"
    assert infer_metadata(Hints(link_text=text), "").case == "Jeanette"
    # Without a role after it, the whole name is the child's.
    assert infer_metadata(Hints(link_text="Review into the death of Leo Smith"), "").case == (
        "Leo Smith"
    )


def test_a_thematic_reviews_abbreviation_spelt_out_on_its_title_page():
    cover = (
        "Kettlebrook Safeguarding Children Partnership\nThematic Review\n"
        "Sudden Unexpected Death in Infancy (SUDI)\nPublished 2021"
    )
    meta = infer_metadata(Hints(link_text="SUDI thematic review"), cover)
    assert meta.case == "Sudden Unexpected Death in Infancy"
    register = (
        "Pellingford LSCB\nRegister of Serious Case Reviews\nUpdated 1 April 2015\n"
        "Review Type Date commissioned Date published\nChild B SCR March 2012 May 2013\n"
        "Family D SCR October 2012 January 2014"
    )
    meta = infer_metadata(Hints(link_text="Register of published reviews"), register)
    assert (meta.doc_type, meta.case) == ("other", None)


def test_welsh_months_and_lists_of_reviews():
    cover = (
        "Adolygiad Ymarfer Plant Estynedig\nMMRSB 4/2020\nCyhoeddwyd: Ebrill 2021\n"
        "Awdur: Dr Siân Llewelyn"
    )
    assert infer_metadata(Hints(link_text="Adroddiad (Cymraeg)"), cover).year == 2021
    index = (
        "Cresswold Safeguarding Children Partnership\nIndex of Serious Case Reviews\nUpdated 2023"
    )
    assert infer_metadata(Hints(link_text="Download"), index).doc_type == "other"
    glance = "Review at a glance\nJayden\nType of review: Local Child Safeguarding Practice Review"
    assert infer_metadata(Hints(link_text="Jayden"), glance).doc_type == "learning-brief"


@pytest.mark.parametrize(
    ("heading", "link_text", "context", "case"),
    [
        # A heading that is a name and the kind of review, with a date or an age.
        ("Ethan – Serious Case Review", "LSCB response and action plan", "", "Ethan"),
        (
            "Lily-Rose – Serious Case Review",
            "Overview report, published 9 June 2016",
            "",
            "Lily-Rose",
        ),
        ("Case of Tommy – Serious Case Review", "Report", "Published: 21 April 2008", "Tommy"),
        ("Summer, aged 4 – Serious Case Review", "Overview report", "", "Summer"),
        ("April – Child Safeguarding Practice Review (published May 2020)", "Report", "", "April"),
        (
            "Serious Case Review into the death of Kieran Wells",
            "Overview report",
            "",
            "Kieran Wells",
        ),
        (
            "Noah's Story: Learning from a Child Safeguarding Practice Review",
            "Learning brief",
            "",
            "Noah",
        ),
        # A month and a year is a date, not a child.
        ("May 2019 – Serious Case Review", "Report", "", None),
        # A heading that says more than a name and its kind is not read as one.
        ("Frank Street Nursery – Serious Case Review", "Report", "", "Frank Street Nursery"),
        # A review titled by its subject, on either side of the kind of review.
        (
            "Oakhurst Residential School – Serious Case Review",
            "Executive summary",
            "",
            "Oakhurst Residential School",
        ),
        (
            "The Harbour Project (youth mentoring service) – Practice Review",
            "Report",
            "",
            "Harbour Project",
        ),
        (
            "Home Alone: Neglect of Pre-School Children – Thematic Review",
            "Executive summary",
            "",
            "Home Alone: Neglect of Pre-School Children",
        ),
        (
            "WSCP LCSPR: Online Harm and Sexual Abuse of Young Teenagers",
            "Practitioner briefing",
            "",
            "Online Harm and Sexual Abuse of Young Teenagers",
        ),
        ("Unseen and Unheard CSPR – October 2022", "Executive Summary", "", "Unseen and Unheard"),
        # A phrase in quotes beside the kind of review titles it, before a region's code.
        (
            "CPR 3/2018 – “I Just Wanted Someone to Notice”",
            "Child Practice Review Report",
            "",
            "I Just Wanted Someone to Notice",
        ),
        (
            "Child Practice Review: 'Mam Was Always Tired'",
            "Read the review (English)",
            "",
            "Mam Was Always Tired",
        ),
        (
            "'A Jigsaw with Missing Pieces' – Child Practice Review",
            "Board action plan",
            "",
            "A Jigsaw with Missing Pieces",
        ),
        # A quote in a headline is someone's words, and a letter still comes first.
        (
            "Reviews",
            "'He was failed by everyone': review into Leon Mbeki's death",
            "",
            "Leon Mbeki",
        ),
        (
            "Serious Case Review Summary Child Q “Where Were You When I Was Six?”",
            "Report",
            "",
            "Child Q",
        ),
        # "in Young People" is the subject's own words; "in Fenmarsh" is its place.
        (
            "Thematic Review: Suicide and Self-Harm in Young People",
            "Learning brief",
            "",
            "Suicide and Self-Harm in Young People",
        ),
        ("Thematic Review of Neglect in Fenmarsh", "Report", "", "Neglect"),
        # A name with the child's age; a name run on from a link's verb; a name before
        # "Exec Summary"; a named family in quotes; a sibling group.
        ("LCSPRs", "Executive summary", "Ivy, aged 2 – published September 2020", "Ivy"),
        ("Amara's Review", "Read Amara's review", "", "Amara"),
        ("Archive", "SCR Daisy Exec Summary", "2009", "Daisy"),
        (
            "The 'Robin' Family – Local Child Safeguarding Practice Review",
            "Report",
            "",
            "Robin Family",
        ),
        ("Sibling Group J", "Child Safeguarding Practice Review report", "", "Sibling Group J"),
        # A headline led by a child's full name and a colon; a board's abbreviation
        # before a title; a series' number after its kind.
        (
            "News",
            "Kayden Mbatha: Murder of boy, 15, shows gaps in support, review finds",
            "",
            "Kayden Mbatha",
        ),
        (
            "Published reviews",
            "FSCP – Infant Injury Learning Briefing II (2021)",
            "",
            "Infant Injury",
        ),
        # A compound word is no name; an addendum is no name; a board's code with its year
        # first; babies by number.
        ("SCR 'Samuel'", "Multi-Agency Action Plan", "", "Samuel"),
        ("Ellie", "Addendum (2022)", "", "Ellie"),
        ("Extended Child Practice Reviews", "ANRSCB 2014/01", "", "ANRSCB 2014/01"),
        ("Reviews", "Babies 1, 2 and 3 – thematic review", "", "Babies 1, 2 and 3"),
        # A heading that is only a quoted title and its date.
        ("‘Nobody Saw Me’ – published 5th October 2023", "The review (PDF)", "", "Nobody Saw Me"),
        ("‘He was failed by everyone’ – 2014", "News", "", None),
        # Brothers and sisters by letter; a title led by a family's name.
        ("Brothers H and J", "Overview report", "", "Brothers H and J"),
        ("Publications", "Keane family: executive summary", "", "Keane Family"),
        ("Publications", "Keane Street: executive summary", "", None),
        # What a link says of its language or readers is no title.
        ("Publications", "Practitioner briefing", "", None),
        ("Reviews", "Adroddiad (Cymraeg)", "", None),
    ],
)
def test_reviews_named_by_a_board_pages_heading(heading, link_text, context, case):
    hints = Hints(link_text=link_text, heading=heading, context=context)
    assert infer_metadata(hints, "").case == case


@pytest.mark.parametrize(
    ("texts", "doc_type"),
    [
        # Letters, press briefings, guidance on when to review: other documents.
        (("Letter (PDF)", "Letter from the Deputy Minister regarding CPR 2/2016"), "other"),
        (("Panel letter (PDF)",), "other"),
        (("Briefing for the press",), "other"),
        (("SCR criteria guidance",), "other"),
        # A newsletter is still a newsletter, a letter's word inside it or not.
        (("Newsletter: learning from Child P",), "other"),
        # A board's response, progress on the recommendations, the actions agreed.
        (("Board's response / Ymateb y Bwrdd",), "action-plan"),
        (("Progress against the recommendations – one year on",), "action-plan"),
        (("Baby L – Statement of the actions agreed by the partnership",), "action-plan"),
        (("How the partnership is responding",), "action-plan"),
        (("DSCP response",), "action-plan"),
        (("Keane family: learning for practitioners",), "learning-brief"),
        (("Baby Z LSCB Response",), "action-plan"),
        # The report published with its response is the report.
        (("Review report and partnership response",), "overview-report"),
        (("Report and board response",), "overview-report"),
        # A thematic review's briefing is a briefing; learning slides are learning.
        (("Thematic learning brief",), "learning-brief"),
        (("Learning from the thematic review of neglect (two-page briefing)",), "learning-brief"),
        (("Learning slides",), "learning-brief"),
        # A "learning lessons review" is a kind of review, not a briefing.
        (("Brackenfold LSCB learning lessons review report",), "overview-report"),
        # A review of several cases is thematic; a review of one child is not.
        (
            ("Download", "A review of three young people's deaths, published 2016"),
            "thematic-review",
        ),
        (("Audit report", "audited 20 cases and published the findings"), "thematic-review"),
        (("Download", "A review of the services to Child B, published 2016"), "overview-report"),
        # an agency's management review by its initials; a decision on a review; a
        # statement as a link's whole text; an inquest's news
        (("IMR Community Health STU", "published alongside the overview report"), "other"),
        (("Statement (PDF, 90KB)", "Child P: decision on a Local Child Safeguarding Practice "
          "Review"), "other"),
        (("Read more", "Inquest concludes into the death of Kai"), "other"),
        # what the partnership will do about the findings, and how it is going
        (("Download", "Leo – what the partnership will do"), "action-plan"),
        (("Update on the implementation of recommendations",), "action-plan"),
        # children of different families: a thematic review
        (("Multi-case review: Babies 1, 2 and 3",), "thematic-review"),
        (("Three infants from unrelated families who suffered head injuries",), "thematic-review"),
        # the list page itself; a review agreed, not published
        (("This page lists the serious case reviews published by the Board since 2010.",), "other"),
        (("The partnership has agreed to carry out a thematic review of safer sleep",), "other"),
        # a case that did not meet the criteria is a review's, not a page of criteria; themes
        # from a region's reviews are a thematic review
        (("Read the report", "The Board commissioned a case review although the criteria for "
          "a serious case review were not met."), "overview-report"),
        (("Threshold criteria for a review",), "other"),
        (("Themes from Child Practice Reviews 2016–2019",), "thematic-review"),
        # a procedure's title, not a sentence's "breaches of procedure"; the partners'
        # response; a rapid review's summary
        (("Rapid review and LCSPR procedure v4",), "other"),
        (("Review finds 'significant breaches' of procedure",), "overview-report"),
        (("Download", "Mason and Lily-Mae – safeguarding partners' response"), "action-plan"),
        (("Baby Ezra – rapid review summary",), "learning-brief"),
        # a coroner's report and an inquest's news, a toolkit's templates, a position statement
        (("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS",), "other"),
        (("Coroner criticises agencies at inquest into death of teenager",), "other"),
        (("Serious Case Review Toolkit – Guidance and Templates",), "other"),
        (("Publication of Serious Case Reviews – position statement",), "other"),
        # a thematic review's executive summary named on its title page's lines
        (("Thematic Review\nChildren Living with Domestic Abuse\nExecutive Summary",),
         "executive-summary"),
    ],
)  # fmt: skip
def test_document_types_boards_give_their_files(texts, doc_type):
    assert find_doc_type(*texts) == doc_type


@pytest.mark.parametrize(
    ("heading", "link_text", "doc_type"),
    [
        # The full report of a review the heading calls thematic is the thematic review.
        ("Thematic review: neglect of adolescents", "Full report (PDF, 900KB)", "thematic-review"),
        ("Thematic review: neglect of adolescents", "Executive summary", "executive-summary"),
        ("Serious Case Review: Child T", "Full report", "overview-report"),
        # a list's heading in the plural
        ("Thematic Partnership Reviews", "Online Harm - Full Report (2019)", "thematic-review"),
        ("Serious Case Reviews", "Online Harm - Full Report (2019)", "overview-report"),
    ],
)
def test_a_thematic_reviews_report(heading, link_text, doc_type):
    hints = Hints(link_text=link_text, heading=heading)
    assert infer_metadata(hints, "").doc_type == doc_type


@pytest.mark.parametrize(
    ("heading", "context", "doc_type"),
    [
        # what a news item says the report reviewed: many children's deaths, several reviews
        ("Report into suicides makes key recommendations",
         "A report published this week by the board, reviewing 21 probable suicides of young "
         "people over six years, has called for change.", "thematic-review"),
        ("Council apologises",
         "An independent study of issues emerging from several serious case reviews found the "
         "council failed two girls.", "thematic-review"),
        ("Review into toddler's death makes key recommendations",
         "The review of the care of one toddler was published by the board.", "overview-report"),
    ],
)  # fmt: skip
def test_a_news_items_report_of_many_cases(heading, context, doc_type):
    assert infer_metadata(Hints(heading=heading, context=context), "").doc_type == doc_type


def test_initials_several_boards_used_resolved_by_the_place_the_document_names() -> None:
    from harvester.metadata.boards import bundled_board_table
    from index.boards import normalise

    boards = bundled_board_table()
    assert {c.area for c in boards.by_abbreviation("DSCP")} >= {"county-durham", "doncaster"}
    cover = "DSCP\nLocal Child Safeguarding Practice Review\nChild X\n"
    named = cover + "Child X lived with her mother in Doncaster.\nPublished March 2022"
    meta = infer_metadata(Hints(link_text="", heading="", context=""), named, boards=boards)
    assert meta.area == "doncaster"
    # ... and left unread when the document names neither place
    meta = infer_metadata(Hints(link_text="", heading="", context=""), cover, boards=boards)
    assert meta.area is None
    # a Welsh place's accents and its "a" between two names
    assert normalise("Ynys Môn") == normalise("Ynys Mon")
    cover = "Mynydd a Môr Regional Safeguarding Children Board\nChild Practice Review"
    meta = infer_metadata(Hints(link_text="", heading="", context=""), cover, boards=boards)
    assert meta.board == "Mynydd a Môr Regional Safeguarding Children Board"


@pytest.mark.parametrize(
    "line", ["Published: 12-Mar-2019", "12-March-2019", "Child K overview report 12-Mar-2019"]
)
def test_a_date_with_its_month_between_hyphens(line: str) -> None:
    assert year_from_listing(line) == (2019, line[line.index("12") :].split()[0])


def test_a_sharing_site_s_upload_date_is_not_the_document_s() -> None:
    cover = "Post on 09-Jul-2020\n1 views\nChild 3\nExecutive Summary\nAccepted: 21st June 2011"
    assert year_from_cover(cover) == (2011, "21st June 2011")
    # (a board's news page posted on a date is dated by it)
    assert year_from_cover("Posted on 18 October 2011\nSummary of Child 2") == (
        2011,
        "18 October 2011",
    )
