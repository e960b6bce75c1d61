"""The child a news item names: each rule paired with what it must read and what it must
leave (harvester/metadata/headlines.py and the headline guards of titles.py and names.py)."""

from __future__ import annotations

import re

import pytest

from harvester.metadata import (
    Hints,
    find_doc_type,
    infer_metadata,
    year_from_cover,
    year_from_listing,
)
from harvester.metadata.case_forms import coded_case, normalise_case, structured_case
from harvester.metadata.cases import read_case
from harvester.metadata.full_names import fuller_name
from harvester.metadata.headlines import headline_child, sentence_case
from harvester.metadata.names import is_name, pseudonym, title_page_name
from harvester.metadata.quoted_titles import quoted_title
from harvester.metadata.text import FILE_NAME_TEXT, file_link_words, uncap
from harvester.metadata.thematic import thematic_subject
from harvester.metadata.titles import review_subject, titled_subject


@pytest.mark.parametrize(
    ("headline", "child"),
    [
        # the name opens the headline, before a colon
        ("Ruby-Mae Fletcher: 'missed chances' to protect toddler, serious case review finds",
         "Ruby-Mae Fletcher"),
        # an MP's name first, the child's before the kind of review
        ("MP Helen Garside demands answers after Jayden Price-Owusu review published",
         "Jayden Price-Owusu"),
        # an age in commas
        ("Kai Thompson, 4, died after years of neglect 'hidden in plain sight', says review",
         "Kai Thompson"),
        # a word for the child before the name, which goes
        ("Tiny Bella Ashworth was 'let down by everyone', says report into her death",
         "Bella Ashworth"),
        ("Twins Jessie and Ivy Sandhu: Review finds 'no professional saw both girls together'",
         "Jessie and Ivy Sandhu"),
        # a full name the words around it do not place
        ("Social worker 'did not see' Ava Hendricks in the six months before she died, "
         "review says", "Ava Hendricks"),
        # one word names the child only with words that say so
        ("Little Rose was 'invisible' to services, practice review concludes", "Rose"),
        # not a headline, but a word for the child says who the name is
        ("Safeguarding board sets out response to Holly Saunders review", "Holly Saunders"),
    ],
)  # fmt: skip
def test_a_headline_names_its_child(headline: str, child: str) -> None:
    assert headline_child(headline) == child


@pytest.mark.parametrize(
    "headline",
    [
        # an adult who was jailed; the child is not named
        "Gary Nolan jailed for life for killing partner's toddler",
        # a mother and her partner
        "Mother Kerry Swale and partner Darren Mott jailed over baby's death",
        # a headline in title case: capitals no longer mark names
        "Minister 'Concerned' Over Bradford Boy Death Review",
        # a place before the kind of review in a title, which tells no story
        "Fenmarsh Case Review",
        # a place after "in", and a Welsh date line
        "Review into death of baby girl in Caerfelin published Dydd Iau 4 Gorffennaf 2019",
        # a board's chairman named after a story about an unnamed boy
        "Council chiefs in Walsall under fire over stabbed boy Robert Lake, independent "
        "chairman of Walsall's Safeguarding Children Board",
        # a surgery and a council
        "Hartmoor Lane Surgery 'did not follow up' bruising, Norbridge Council review finds",
    ],
)
def test_a_headline_names_no_child_where_it_names_none(headline: str) -> None:
    assert headline_child(headline) is None


def test_a_lede_names_the_child_only_with_words_that_say_so() -> None:
    # An adult's age, in the sentence under a headline.
    assert headline_child("Kerry Dawson, 24, was jailed in 2018.", headline=False) is None
    assert headline_child("Ambermoor Sam Published 1 March 2024", headline=False) is None
    lede = "Arlo Simmons was 19 months old when he was killed by Darren Pike in 2020."
    assert headline_child(lede, headline=False) == "Arlo Simmons"


def test_a_first_name_takes_the_surname_another_line_gives() -> None:
    lines = (
        "Review into Oliver's death published",
        "A review into the death of 11-month-old Oliver Shaw has found that agencies worked "
        "in isolation.",
    )
    assert fuller_name("Oliver", lines, frozenset()) == "Oliver Shaw"
    assert fuller_name("Oliver", (lines[0], "Oliver Road surgery was told"), frozenset()) == (
        "Oliver"
    )


def test_names_that_are_words_and_kin_after_a_possessive() -> None:
    assert pseudonym("Summer Kowalczyk death: review says warnings were 'not joined up'") == (
        "Summer Kowalczyk"
    )
    assert pseudonym("Oliver Hart-Mensah's grandmother Patricia Hart: 'They should have'") == (
        "Oliver Hart-Mensah"
    )
    assert pseudonym("Boy's death 'not predictable' but review sets out changes") is None
    # A headline's adjective before the kind of review.
    assert pseudonym("Critical review reveals chances missed to support family") is None
    assert pseudonym("Siblings' deaths: Review into Maya and Reuben Castellano published") == (
        "Maya and Reuben Castellano"
    )


def test_a_headline_is_no_reviews_subject() -> None:
    assert review_subject("Twins' deaths: review says agencies worked 'in isolation'") is None
    assert review_subject("Review: Newborn 'left in car' was known to three agencies") is None
    assert review_subject("Child practice review: Infant's injuries not spotted by GP") is None
    assert titled_subject("Serious case review into baby's death finds 'significant failings'") is (
        None
    )
    # Titles still read.
    assert review_subject(
        "Historic Abuse in Residential Care – An Independent Review of Cases"
    ) == ("Historic Abuse in Residential Care")


def test_a_quoted_title_after_the_kind_of_review_without_a_dash() -> None:
    found = quoted_title("Partnership publishes thematic review 'Hidden Harm: Babies Under One'")
    assert found == "Hidden Harm: Babies Under One"
    found = quoted_title(
        "The thematic review, 'Living with Chronic Neglect', looked at six families."
    )
    assert found == "Living with Chronic Neglect"
    # A sentence in quotes is someone's words.
    assert quoted_title("Serious case review 'He was failed by everyone around him'") is None


def test_a_name_run_on_into_the_boards_is_the_sources_board() -> None:
    hints = Hints(
        link_text="Report published into death of Mason Quirke",
        context="Report published into death of Mason Quirke Tremorth Safeguarding Children "
        "Board, 09 Nov 2013",
        board="Tremorth Safeguarding Children Board",
    )
    meta = infer_metadata(hints, "")
    assert meta.board == "Tremorth Safeguarding Children Board"
    assert meta.case == "Mason Quirke"
    # A board the text names that is not the source's is still read.
    other = Hints(
        link_text="Report published",
        context="Report published by Wexmoor Safeguarding Children Board, 09 Nov 2013",
        board="Tremorth Safeguarding Children Board",
    )
    assert infer_metadata(other, "").board == "Wexmoor Safeguarding Children Board"


def test_a_news_items_dates() -> None:
    # An American-style date line.
    assert year_from_listing("Tuesday, June 2, 2015 - 12:00") == (2015, "June 2, 2015")
    # The date it was first put out, not the later update's.
    found = year_from_listing("17:30, 11 SEP 2014 Updated 09:12, 12 MAR 2022")
    assert found is not None and found[0] == 2014
    # An update stands when it is the only date.
    found = year_from_listing("Last updated: 12 January 2016 at 08:02")
    assert found is not None and found[0] == 2016


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Review ordered into death of baby in Thornwick", "other"),
        ("Rapid review into death of six-week-old Harper will not be published in full", "other"),
        ("Stepfather jailed as judge says safeguarding review will follow", "other"),
        ("A safeguarding practice review has been commissioned, the judge was told.", "other"),
        ("Review into Kellingworth baby death to be published next month", "other"),
        # A cover's credit and date of commissioning are the review's own.
        ("A Serious Case Review commissioned by Thornleigh Vale LSCB", "overview-report"),
        ("Review commissioned: August 2014", "overview-report"),
    ],
)
def test_a_review_announced_is_not_the_review(text: str, doc_type: str) -> None:
    assert find_doc_type(text, default="overview-report") == doc_type


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        ("Caspian podcast – transcript", "learning-brief"),
        ("Presentation – Marnie learning event", "learning-brief"),
        ("Child D - Presentation to the Board", "other"),
        ("Read our statement", "other"),
        ("Eastwold LSCB statement on publication", "other"),
        ("Marnie's mother's statement", "other"),
        ("Summary of findings – easy read", "learning-brief"),
        ("Easy read version of the report", "overview-report"),
        ("Adolygiad Ymarfer Plant – Crynodeb", "executive-summary"),
        ("Crynodeb Dysgu / Learning Summary", "learning-brief"),
        ("Briffio 7 Munud – Esgeuluso", "learning-brief"),
    ],
)
def test_a_reviews_own_pages_documents(text: str, doc_type: str) -> None:
    assert find_doc_type(text, default="overview-report") == doc_type


def test_a_reviews_own_page_names_it() -> None:
    # A list of letters without its commas.
    assert structured_case("LCSPR Children P Q and R Overview Report") == "Children P, Q and R"
    assert structured_case("Child A In Care") == "Child A"
    # The title before the kind of review, not what it is a review of.
    assert thematic_subject("Hidden Harm: a thematic review of adolescent self-harm") == (
        "Hidden Harm"
    )
    assert thematic_subject("Thematic review of sudden unexpected infant deaths") == (
        "sudden unexpected infant deaths"
    )
    assert thematic_subject("HSCB Thematic Review: Criminal Exploitation and County Lines") == (
        "Criminal Exploitation and County Lines"
    )
    # Initials spelt out by another line of the page.
    case = read_case(
        "Thematic review – SUDI – full report",
        "Published 8 November 2021",
        "Thematic review of sudden unexpected infant deaths",
        None,
        "",
        None,
    )
    assert case == "sudden unexpected infant deaths"
    # A nursery's name is no child's.
    assert headline_child("Serious Case Review into abuse at Little Acorns Nursery") is None


def test_a_letter_from_the_national_panel_is_the_boards() -> None:
    hints = Hints(
        link_text="Letter from the Child Safeguarding Practice Review Panel",
        heading="Learning from the death of Baby Orrin",
        context="Received 19 April 2021",
        board="Kestrelford Safeguarding Children Partnership",
    )
    meta = infer_metadata(hints, "")
    assert meta.board == "Kestrelford Safeguarding Children Partnership"
    assert (meta.case, meta.doc_type) == ("Baby Orrin", "other")


@pytest.mark.parametrize(
    ("headline", "cased"),
    [
        ("Castleholme Teenager Mason Was 'Let Down' By Agencies, Review Finds",
         "Castleholme teenager Mason was 'Let Down' by agencies, review finds"),
        ("Archie, 4, Was 'Invisible' To Services, Review Says",
         "Archie, 4, was 'invisible' to services, review says"),
        ("Children A, B, C And D: Serious Case Review Published Today As Board Apologises",
         "Children A, B, C and D: serious case review published today as board apologises"),
        # capitals: the whole line
        ("TRAGIC TODDLER TYLER BROOKSHAW: 'NO SINGLE AGENCY TO BLAME'",
         "tragic toddler Tyler Brookshaw: 'No Single Agency to Blame'"),
        # a title tells no story; a sentence naming a board keeps its small words small
        ("Serious Youth Violence Thematic Review (Published February 2024)",
         "Serious Youth Violence Thematic Review (Published February 2024)"),
        ("Report published by Wexmoor Safeguarding Children Board",
         "Report published by Wexmoor Safeguarding Children Board"),
    ],
)  # fmt: skip
def test_a_headline_in_title_case_is_read_with_small_words(headline: str, cased: str) -> None:
    assert sentence_case(headline) == cased


@pytest.mark.parametrize(
    ("link_text", "heading", "case"),
    [
        ("Stepfather Dean Coultas Failed To Protect Lennie, Practice Review Says", None, "Lennie"),
        ("Review Into Deaths Of Siblings Jack And Lily-Ann Published", None, "Jack and Lily-Ann"),
        ("Lessons Must Be Learned From Death Of Toddler, Says Board", None, None),
        ("Download", "SERIOUS CASE REVIEW – CHILD T Published 27 March 2012", "Child T"),
        ("Overview report", "The review relating to the Ellery children was published in 2011",
         "Ellery children"),
        ("Download the report",
         "A review of practice in relation to young people who go missing from home and care",
         "young people who go missing from home and care"),
        # a document's kind is no review's name
        ("Poster (A3)", "Learning from Serious Case Reviews", None),
    ],
)  # fmt: skip
def test_entries_name_their_review(link_text: str, heading: str | None, case: str | None) -> None:
    assert infer_metadata(Hints(link_text=link_text, heading=heading), "").case == case


def test_a_title_pages_names() -> None:
    cover = (
        "Coldmarsh LSCB\nSerious Case Review\nReport into the deaths of\nKayden and Lacey Prowse"
    )
    assert title_page_name(cover) == "Kayden and Lacey Prowse"
    cover = (
        "Report by\nColin Hale\nLocal Child Safeguarding Practice Review\nrelating to\nKyle Ramsey"
    )
    assert title_page_name(cover) == "Kyle Ramsey"
    assert structured_case("Serious Case Review\nBaby Ollie Penrose\nOverview Report") == (
        "Baby Ollie Penrose"
    )
    assert structured_case("known in this report as\nBaby Theo\nReviewer: M Ingle") == "Baby Theo"
    assert structured_case("Child Safeguarding Practice Review\nChild Ellie-May") == (
        "Child Ellie-May"
    )
    assert structured_case("Local Child Safeguarding Practice Review\nFamily ‘Oak’") == "Family Oak"
    assert uncap("SERIOUS CASE REVIEW IN RESPECT OF AMBER-ROSE TILLING") == (
        "Serious Case Review in Respect of Amber-Rose Tilling"
    )
    assert pseudonym("Serious Case Review in Respect of Amber-Rose Tilling") == "Amber-Rose Tilling"
    # A board's code with the year first stays in capitals.
    assert uncap("ANRSCB 2014/01") == "ANRSCB 2014/01"


def test_thematic_titles() -> None:
    assert thematic_subject(
        "Serious Youth Violence a Thematic Child Safeguarding Practice Review"
    ) == ("Serious Youth Violence")
    assert thematic_subject("Learning Brief Lost Journeys thematic review of exploitation") == (
        "Lost Journeys"
    )
    # The learning drawn from a thematic review is named by the review's subject.
    assert thematic_subject("Key learning from the neglect thematic review") == "neglect"
    assert thematic_subject("Findings of the Adolescent Neglect Thematic Review") == (
        "Adolescent Neglect"
    )
    # What was reviewed, counted, names no review.
    assert thematic_subject("a thematic Serious Case Review into three separate incidents") is None
    assert quoted_title("'Out Of Sight': Thematic Review Of Child Criminal Exploitation") == (
        "Out Of Sight"
    )
    # Someone's words in a headline, and the review that says them.
    assert quoted_title("Little Reuben 'Slipped Through The Net', Review Concludes") is None


def test_dates_beside_an_entry() -> None:
    found = year_from_listing("NOT FOR PUBLICATION BEFORE 10.00 hrs 22 May 2014 Coldmarsh LSCB")
    assert found is not None and found[0] == 2014
    # A long heading gives the date its link does not.
    hints = Hints(
        link_text="Read the report",
        heading="In October 2015 Brackenford Safeguarding Children Board published a serious "
        "case review about a young person known as Child W.",
    )
    meta = infer_metadata(hints, "")
    assert (meta.year, meta.case) == (2015, "Child W")
    # ... but not the year the child died.
    hints = Hints(link_text="Read the report", heading="Child W died in 2013; a review followed.")
    assert infer_metadata(hints, "").year is None


def test_real_page_shapes() -> None:
    # a code before a quoted title in sentence case
    assert quoted_title("KSCP2021-22-02: ‘Nobody asked me’") == "Nobody asked me"
    # a name after a document's word and a colon
    assert pseudonym("Report: Freya Lindqvist Learning Review – Ottermere SCP") == "Freya Lindqvist"
    # a family named by its surname, standing alone after a separator
    assert structured_case("Serious Case Review – Family Marlowe") == "Family Marlowe"
    assert structured_case("Children Placed with Family Friends – Multi-Child Review") is None
    # a region's name and number after the kind of review
    found = read_case(
        "Concise Child Practice Review – Morfa Teg 1/2018", None, None, None, "", None
    )
    assert found == "Morfa Teg 1/2018"
    # a Welsh code's year is no date; "added" and "cyhoeddi" label one
    found = year_from_listing("DYFAL 2 2020 Final Report / released on 9 June 2022")
    assert found is not None and found[0] == 2022
    found = year_from_listing("Cwm Llechen 3/2017 / Dyddiad cyhoeddi: 2 Hydref 2018")
    assert found is not None and found[0] == 2018
    found = year_from_listing(
        "Parents called an ambulance in January 2020. Briefing added May 2022."
    )
    assert found is not None and found[0] == 2022
    # documents' types
    assert find_doc_type("KSCP2021-22-02 PowerPoint Presentation") == "learning-brief"
    assert find_doc_type("Safer Sleep Thematic Review – Practitioner Poster") == "learning-brief"
    assert find_doc_type("Child T Learning Report") == "learning-brief"
    assert find_doc_type("Adroddiad Adolygiad Ymarfer Plant Estynedig") == "overview-report"
    assert find_doc_type("Council to publish findings of two reviews tomorrow") == "other"
    assert find_doc_type("Independent Overarching Report – Learning from Four Infant Reviews") == (
        "thematic-review"
    )


def test_real_lists_covers_and_news() -> None:
    # a heading of the review's children over a lede naming one of them
    case = read_case(
        "7 minute briefing – Tegan and Rosie (March 2020)",
        "Rosie was 9 months old when she was brought to hospital.",
        "Tegan and Rosie",
        None,
        "",
        None,
    )
    assert case == "Tegan and Rosie"
    # a heading that is only names over a link naming the report
    hints = Hints(link_text="Read the full LCSPR report", heading="Sunny and Mae")
    assert infer_metadata(hints, "").case == "Sunny and Mae"
    assert structured_case("Child J1/J2 Serious Case Review") == "Child J1/J2"
    assert structured_case("SERIOUS CASE REVIEW FAMILY R/D EXECUTIVE SUMMARY".title()) == (
        "Family R/D"
    )
    # a committee's sub-group is no name; a news outlet after a headline neither
    assert pseudonym("Terms of Reference – Serious Case Review Sub-Group (2015)") is None
    hints = Hints(link_text="Social services chief apologises after toddler murdered – The Courier")
    assert infer_metadata(hints, "").case is None
    # a quoted title set in apposition before its kind
    found = quoted_title("‘Seen but not heard’ – a multi-agency thematic review of neglect")
    assert found == "Seen but not heard"
    # types
    assert find_doc_type("Response of Orrinshire Partnership to the LCSPR ‘Child ZA’") == (
        "action-plan"
    )
    assert find_doc_type("Child W – Recommendations and progress") == "action-plan"
    assert find_doc_type("Two-year-old's death prompts serious case review") == "other"
    assert find_doc_type("Episode 14: Child D – when a foster carer abuses trust") == (
        "learning-brief"
    )
    assert find_doc_type("Review of probable suicides in young people presented") == (
        "thematic-review"
    )
    found = year_from_listing("Briefing for Designated Safeguarding Leads / Spring Term 2022")
    assert found is not None and found[0] == 2022
    found = year_from_listing("DCB N4 2018 - 7 Minute Briefing / Published November 2019")
    assert found is not None and found[0] == 2019


def test_a_full_name_and_its_date() -> None:
    assert pseudonym("Poppy Wexford – published March 2016") == "Poppy Wexford"
    assert pseudonym("Keira Dunn (June 2019)") == "Keira Dunn"
    assert pseudonym("Safeguarding Matters - Spring 2022") is None


def test_review_pages_and_briefs() -> None:
    assert structured_case("Learning Lessons Briefing for the review of Baby 'S'") == "Baby S"
    assert structured_case("Crynodeb Gweithredol – Plentyn C (2013)") == "Plentyn C"
    # English before Welsh where both stand
    assert structured_case(
        "Adolygiad Ymarfer Plant – Plentyn T / Child Practice Review – Child T"
    ) == ("Child T")
    assert coded_case("Glanfor ECPR 2 Report") == "Glanfor ECPR 2"
    assert coded_case("7 Minute Briefing CPR 08 2020") == "CPR 08 2020"
    assert coded_case("GWARCHOD 3 2018 Extended Child Practice Review Report") == "GWARCHOD 3 2018"
    # a link's short list beside the cover's full one
    case = read_case(
        "Executive Summary Children J K L",
        None,
        None,
        None,
        "Saltmarrow Safeguarding Children Board\nSerious Case Review\nChildren J, K and L",
        None,
    )
    assert case == "Children J, K and L"


@pytest.mark.parametrize(
    ("link_text", "words"),
    [
        ("7MB Tyler 2020 (1).pdf", "7MB Tyler 2020"),
        ("Child%20P%20Overview%20Report%20FINAL.docx", "Child P Overview Report"),
        ("https://example.org/media/2291/cspr-child-e-executive-summary.pdf",
         "Cspr Child E Executive Summary"),
        ("/learning-from-reviews/baby-theo-7-minute-briefing/", "Baby Theo 7 Minute Briefing"),
        ("Lily-Mae_Ferrow_SCR_Overview_2010-11-09.pdf", "Lily-Mae Ferrow SCR Overview 2010-11-09"),
        ("Children%20D1-D4%20SCR%20Overview%20Report.pdf", "Children D1-D4 SCR Overview Report"),
    ],
)  # fmt: skip
def test_a_file_names_words(link_text: str, words: str) -> None:
    assert FILE_NAME_TEXT.fullmatch(link_text)
    assert file_link_words(link_text) == words


def test_machine_text_and_welsh_pages() -> None:
    # a file's name inside a line
    hints = Hints(link_text="Download: Tollbury_CSPR_Child_J2_Final.pdf (PDF, 2.4MB)")
    assert infer_metadata(hints, "").case == "Child J2"
    # a code as the page writes it, beside the file's name
    hints = Hints(
        link_text="DARSB-3-2018-CPR-Report-ENGLISH.pdf",
        heading="Child Practice Review DARSB 3/2018 | Dyffryn Arian Regional Safeguarding Board",
    )
    assert infer_metadata(hints, "").case == "DARSB 3/2018"
    # ... and a file's name that puts the kind's initials before it, with its badge
    hints = Hints(
        link_text="CPR_GSCB_02_2014_Final_Eng.pdf (PDF, 780KB)",
        heading="Child Practice Review GSCB 02/2014 – Glantawel Safeguarding Children Board",
    )
    assert infer_metadata(hints, "").case == "GSCB 02/2014"
    # a thematic review named in a file's name, and the heading's fuller words
    assert thematic_subject("Thematic Review Adolescent Suicide") == "Adolescent Suicide"
    case = read_case(
        "Thematic Review Neglect Teenagers",
        None,
        "Thematic review: neglect of teenagers (Summer 2020)",
        None,
        "",
        None,
    )
    assert case == "neglect of teenagers"
    assert structured_case("CSPR The Hendry Children Learning Brief") == "Hendry children"
    # Welsh codes and kinds; the English title of a bilingual heading
    assert coded_case("Publication of Concise Child Practice Review Report: CPR GLANWERN 2") == (
        "CPR GLANWERN 2"
    )
    assert pseudonym("Osian Penrhiw – Adolygiad Ymarfer Plant Estynedig – Adroddiad") == (
        "Osian Penrhiw"
    )
    heading = (
        "Adolygiad Ymarfer Plant: 'Roedd Pawb yn Brysur' / "
        "Child Practice Review: 'Everyone Was Busy'"
    )
    assert quoted_title(heading) == "Everyone Was Busy"
    # a post's first date may be its "Updated on" date; a review's next date is no date
    found = year_from_listing("Hefin Rhys · Updated on: 27/01/2016 · commissioned in November 2014")
    assert found is not None and found[0] == 2016
    found = year_from_listing("Last updated: 19 February 2025 Next review: 19 February 2026")
    assert found is not None and found[0] == 2025


def test_one_child_named_across_an_entry() -> None:
    # a parent named by a headline, the child by the sentence under it
    hints = Hints(
        link_text="Natalie Quinn: 'I warned them about him'",
        context="Natalie Quinn: 'I warned them about him' A review into the death of her son "
        "Reggie, aged 14 months, was published on 3 November 2021.",
    )
    assert infer_metadata(hints, "").case == "Reggie"
    # ... but a child the headline itself marks stays
    hints = Hints(
        link_text="Toddler Evie Sutcliffe was 'failed', review finds",
        context="The review into the death of her brother Sam, aged 4, was published in 2020.",
    )
    assert infer_metadata(hints, "").case == "Evie Sutcliffe"
    # a nickname between first name and surname
    hints = Hints(link_text="Serious case review into the death of Benjamin ‘Benji’ Coles")
    assert infer_metadata(hints, "").case == "Benjamin Coles"
    hints = Hints(
        link_text="Report", heading="The 'Robin' Family – Local Child Safeguarding Review"
    )
    assert infer_metadata(hints, "").case == "Robin Family"
    # the review's two children over a lede naming one
    case = read_case(
        "Overview report",
        "The review followed serious injuries to Kai, then eight weeks old.",
        "Jayden and Kai Morris – Serious Case Review",
        None,
        "",
        None,
    )
    assert case == "Jayden and Kai Morris"
    # a file's name: its kind, the child, a year
    assert pseudonym("Overview report Leyla 2013") == "Leyla"


def test_a_board_beside_the_childs_name() -> None:
    # a document's kind as a label before the heading, the board's name after it
    hints = Hints(
        link_text="Download the Learning Review here",
        heading="Report: Freya Lindqvist Learning Review – Ottermere Safeguarding Children "
        "Partnership",
        board="Ottermere Safeguarding Children Partnership",
    )
    assert infer_metadata(hints, "").case == "Freya Lindqvist"
    # ... but the board's place before the kind of review is no child's
    hints = Hints(
        link_text="Report",
        heading="Report: Ottermere Learning Review",
        board="Ottermere Safeguarding Children Partnership",
    )
    assert infer_metadata(hints, "").case is None
    # a board's place and initials run on after the child's name: the source's board, and
    # no surname for the child
    text = "Practitioner Briefing: Lessons From The Review Into The Death Of Lola"
    hints = Hints(
        link_text=text,
        context=f"{text} Halbury and Wrenfield SCP · 11th January 2024",
        board="Halbury and Wrenfield Safeguarding Children Partnership",
    )
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.board) == (
        "Lola",
        "Halbury and Wrenfield Safeguarding Children Partnership",
    )
    # ... while a surname the item gives stays
    assert fuller_name("Lola", ("the death of Lola Brandreth, aged 3",), frozenset()) == (
        "Lola Brandreth"
    )


def test_title_pages_dates_and_subjects_of_one_child() -> None:
    # a multi-agency case review's title page: the kind, then the child's name
    cover = "Multi-Agency Case Review\nTobias Okonkwo-Reid\nMarch 2018 Lena Hartley, Reviewer"
    assert infer_metadata(Hints(link_text="Report"), cover).case == "Tobias Okonkwo-Reid"
    # a review of one unnamed infant's death names no case and is no thematic review
    hints = Hints(
        link_text="A local review into sudden & unexpected death of an infant and the risks "
        "of co-sleeping.",
        context="September 2024",
    )
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.doc_type) == (None, "overview-report")
    # ... while a review of infants' deaths is a thematic subject
    hints = Hints(link_text="Sudden unexpected deaths of infants – thematic review")
    assert infer_metadata(hints, "").case == "Sudden unexpected deaths of infants"
    # a news site's date line with a two-digit year before the time
    assert year_from_listing("10 May 07 05:40 GMT") == (2007, "10 May 07")
    assert year_from_listing("They met on 3 May 12 children attended") is None
    # a first name in a headline, the full name and age in words in the lede under it
    headline = "Little Reuben 'Slipped Through The Net', Review Concludes"
    texts = (headline, f"{headline} Reuben Dunmore, aged three, died in 2018.", None)
    assert fuller_name("Reuben", texts, frozenset()) == "Reuben Dunmore"


def test_a_double_first_name_and_a_nickname_across_an_entry() -> None:
    # a double first name shortened in the link, whole in the heading or the lede
    assert fuller_name("Lacey", ("Lacey overview report", "Lacey-Jo Pennock"), frozenset()) == (
        "Lacey-Jo Pennock"
    )
    headline = "Review finds ‘missed chances’ to save Tommy"
    context = (
        f"{headline} Tommy-Lee Harker, 2, died from head injuries in 2014. The serious case "
        "review into his death was published on 5 November 2015."
    )
    assert fuller_name("Tommy", (headline, context), frozenset()) == "Tommy-Lee Harker"
    # ... but a file's words after a hyphen are no part of the name
    assert fuller_name("Jacob", ("Jacob-Overview", "Jacob"), frozenset()) == "Jacob"
    # the name a nickname stands for
    lede = "Madison Grey, 14, known to her family as Maddie, had gone missing 23 times."
    assert fuller_name("Maddie", ("‘Maddie’ was failed by services", lede), frozenset()) == (
        "Madison Grey"
    )
    assert fuller_name("Sam", ("Samuel ‘Sam’ Ogunleye – executive summary",), frozenset()) == (
        "Samuel Ogunleye"
    )
    # ... and not another child's
    lede = "Sam's brother Oliver Reid, 6, known to staff as Ollie, was also hurt."
    assert fuller_name("Sam", ("Review into Sam's death", lede), frozenset()) == "Sam"


def test_a_publication_delayed_is_no_report() -> None:
    assert find_doc_type("Review Into Toddler Kayden Delayed Until Trial Ends") == "other"
    assert find_doc_type("The partnership has agreed to delay publication of the review") == (
        "other"
    )
    # ... but a report is still a report
    assert find_doc_type("Serious Case Review: Baby K – overview report") == "overview-report"


@pytest.mark.parametrize(
    ("headline", "lede", "case"),
    [
        # a short claim in quotes after the child's name, in a story
        (
            "Kestwick review: Tyrese 'seen as a threat, not a victim'",
            "Tyrese Okonjo was 16 when he was stabbed. The local child safeguarding practice "
            "review was published on 30 June 2022.",
            "Tyrese Okonjo",
        ),
        # the child a quoted statement names
        (
            "'We let Harley down' – Quarrowby chief apologises",
            "The review was published.",
            "Harley",
        ),
        (
            "'Nobody listened to Jack': Harrowmere review published",
            "Wednesday 9 December 2020",
            "Jack",
        ),
        # a headline naming no child, a lede naming the child with an age
        (
            "Toddler starved to death 'while social workers looked on', report finds",
            "Skye Halloran, two, of Lynchmoor, weighed less than a six-month-old.",
            "Skye Halloran",
        ),
        (
            "Baby died after parents fell asleep on sofa, review says",
            "Kobe Marsden-Ray, 10 weeks, died in Windlecote in 2021.",
            "Kobe Marsden-Ray",
        ),
        # the name a report gives the child
        (
            "What went wrong for Tommy?",
            "A review into the death of a 14-year-old boy, named only as Tommy, was published.",
            "Tommy",
        ),
        (
            "Boy, 9, found hanged had suffered years of neglect, review finds",
            "The boy, named in the report only as Kieran, was from Ravensby.",
            "Kieran",
        ),
        # a headline's opening words in capitals
        (
            "DEATH OF TYLER ASHDOWN: Report finds agencies did not talk",
            "Published 2016",
            "Tyler Ashdown",
        ),
        # a word before the kind of review that is no name
        (
            "Delayed CSPR into Amira Hussain-Blake's death finally published",
            "18.10.23",
            "Amira Hussain-Blake",
        ),
        # a double surname after "Baby"
        (
            "Baby Ianto Rees-Carver 'was seen by 30 professionals' before death",
            "2015",
            "Baby Ianto Rees-Carver",
        ),
        # a name does not run on into the line after the link's words
        (
            "Statement: The Child Practice Review into the Death of Gethin Morse",
            "Senedd, 2:51 pm on 19 March 2024",
            "Gethin Morse",
        ),
    ],
)
def test_news_items_shapes(headline: str, lede: str, case: str) -> None:
    # (the place a headline names is the board's, whose page it is on)
    places = ("Kestwick", "Harrowmere", "Quarrowby")
    board = next((f"{p} Safeguarding Children Partnership" for p in places if p in headline), None)
    hints = Hints(link_text=headline, context=f"{headline} {lede}", board=board)
    assert infer_metadata(hints, "").case == case


def test_what_names_no_child_in_news_items() -> None:
    # a place's people
    hints = Hints(link_text="Safeguarding review to be launched into death of Tregelyn girl")
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.doc_type) == (None, "other")
    # a review kept back is no report
    for text in (
        "Caldermoss board will not publish Child D review 'to protect siblings'",
        "Campaigners urge Dunmere board to release withheld child death review",
    ):
        assert find_doc_type(text) == "other"
    # a photograph's credit is no handout
    assert find_doc_type("Orlham Observer: Ayden Whitcombe. Credit: Family handout") != (
        "learning-brief"
    )
    # a thematic review titled by a phrase in quotes
    for text, title in (
        ("'Hidden harm': review of 14 exploited Carrowmere teenagers published", "Hidden harm"),
        ("'Not just sleep' review looks at deaths of six Scarrowby babies", "Not just sleep"),
    ):
        assert quoted_title(text) == title
    # ... but a quote in a headline is someone's words
    assert quoted_title("'Failed by everyone': review of Child T's care published") is None


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("2020-12-02T06:00:00+00:00", 2020),
        ("Updated 4:37pm, 30 Nov 17", 2017),
        ("Mon 02 Dec 19 · Kayla, 20 months, died in Sedgebury in 2017", 2019),
        ("Mon 14 Sep 20 10:14", 2020),
    ],
)
def test_news_date_lines(line: str, year: int) -> None:
    assert year_from_listing(line)[0] == year


def test_review_codes_and_their_references() -> None:
    assert coded_case("SCR 2016-02 Executive Summary [PDF Document]") == "SCR 2016-02"
    assert coded_case("Executive Summary - Serious Case Review CE/2011/01") == "CE/2011/01"
    # not a financial year
    assert coded_case("SCR 2014/15 annual report") is None
    # a code in brackets gives way to the child's name the entry gives
    hints = Hints(link_text="Tomos - Extended Child Practice Review Report (NBSB 02/2022)")
    assert infer_metadata(hints, "").case == "Tomos"
    hints = Hints(link_text="Extended Child Practice Review Report (NBSB 02/2022)")
    assert infer_metadata(hints, "").case == "NBSB 02/2022"


def test_board_list_shapes() -> None:
    # a thematic review marked in brackets, an accordion's toggle after a heading
    assert thematic_subject("Sibling Sexual Abuse (thematic) | 14.09.23 | Report, 7MB") == (
        "Sibling Sexual Abuse"
    )
    hints = Hints(
        link_text="Thematic_Review_Adolescents_2021.pdf (PDF, 1.6MB)",
        heading="Thematic Review - Adolescent Suicide and Self-Harm +",
    )
    assert infer_metadata(hints, "").case == "Adolescent Suicide and Self-Harm"
    # a practitioner brief, a page explaining a kind of review
    assert find_doc_type("Practitioner brief: Child M") == "learning-brief"
    assert find_doc_type("What is a Rapid Review") == "other"
    assert find_doc_type("Rapid review: what is known about Child M") != "other"


def test_second_news_and_title_page_shapes() -> None:
    # the child's name beside the letter the report gives them
    hints = Hints(
        link_text="Kallum Breck: Risk from mother's illness 'faded' before killing, review finds",
        context="Image caption Kallum Breck, named as Child P in the serious case review, was "
        "killed at home in Oakhollow in 2016",
    )
    assert infer_metadata(hints, "").case == "Kallum Breck"
    # ... but a letter the entry gives alone stays
    hints = Hints(
        link_text="Child GT: claims went unchallenged, review finds",
        context="A girl known as Child GT attended more than 40 appointments, a review has found.",
    )
    assert infer_metadata(hints, "").case == "Child GT"
    # a headline's unnamed child, the lede's full name
    headline = "Boy, 7, 'slipped through net', says report"
    hints = Hints(
        link_text=headline,
        context=f"{headline} Last updated at 22:31 14 March 2007 - Jordan Ellery-Platt was seen "
        "by eleven professionals, the executive summary of the review says.",
    )
    assert infer_metadata(hints, "").case == "Jordan Ellery-Platt"
    # a Welsh review's code with a place's name in small letters, in English or Welsh
    assert coded_case("Cynllun Gweithredu / Action Plan / CPR Abercelyn 3") == "CPR Abercelyn 3"
    assert coded_case("Adolygiad Ymarfer Plant Cryno: AYP Llanferwen 1") == "AYP Llanferwen 1"
    # a code as the title page writes it
    cover = "SCR 2013/04\nSerious Case Review Report\nCastlemarsh LSCB\nDate: 30/06/2014"
    hints = Hints(link_text="SCR 2013-04 Overview Report (Castlemarsh LSCB)")
    assert infer_metadata(hints, cover).case == "SCR 2013/04"
    # a library record's publisher line dates it
    assert (
        year_from_cover("Title: Serious case review: Child J\nPublisher: Saxonford Board, 2016")[0]
        == 2016
    )


def test_links_named_by_the_line_beside_them() -> None:
    # a name after the kind of review, inside a sentence
    hints = Hints(
        link_text="here",
        heading="SCR Declan was published by the FSCP on 24 January, 2020.",
        context="here The full report for SCR Declan is available here.",
    )
    assert infer_metadata(hints, "").case == "Declan"
    # a thematic review's subject in the line after a link saying only "Read the report"
    hints = Hints(
        link_text="Read the report",
        heading="Thematic Reviews",
        context="Read the report / Children missing education: thematic review, published 3 "
        "February 2023",
    )
    meta = infer_metadata(hints, "")
    assert (meta.case, meta.doc_type) == ("Children missing education", "thematic-review")
    # ... but a sentence about a thematic review names none, and its verb ends a subject
    assert thematic_subject("This anonymised summary of a thematic review was published") is None
    assert (
        thematic_subject(
            "the thematic review of probable suicide of young people covers nine aged 14 to 17"
        )
        == "probable suicide of young people"
    )
    # "thematic CSPR"
    assert (
        thematic_subject(
            "the FSCP published its thematic CSPR Harmful Sexual Behaviour in Schools."
        )
        == "Harmful Sexual Behaviour in Schools"
    )
    # a link saying only "Report" is the report, whatever else the line lists ...
    hints = Hints(
        link_text="Report", context="Report Child AO | 21 January 2021 | Report · Learning brief"
    )
    assert infer_metadata(hints, "").doc_type == "overview-report"
    # ... and a thematic review's report stays thematic
    hints = Hints(
        link_text="Report",
        heading="Child sexual exploitation in Fenlow: a multi-agency learning review",
    )
    assert infer_metadata(hints, "").doc_type == "thematic-review"


def test_a_name_framed_by_a_year_a_code_or_an_age() -> None:
    """A heading that is a name and only what frames it (a year before it, the review's
    code, the child's age after it) over a link that says only what kind of document."""
    for heading, link, context, case in [
        ("2023 - Harley", "Briefing", "Published 21 Feb 2023 | 2 pages", "Harley"),
        ("LCSPR 05/22 Ruby", "Final report", "Published 30.06.2023", "Ruby"),
        (
            "Oskar (15 years old)",
            "Child Safeguarding Practice Review",
            "Child Safeguarding Practice Review / Published 2 Dec 2021 · Wendle Partnership",
            "Oskar",
        ),
    ]:
        hints = Hints(link_text=link, heading=heading, context=context)
        assert infer_metadata(hints, "").case == case, heading
    # ... but a framed word that is no name stays unread, and a sentence is no date line
    assert infer_metadata(Hints(link_text="Briefing", heading="2023 - Neglect"), "").case != (
        "Neglect"
    )
    hints = Hints(
        link_text="Read more",
        heading="Fenmarsh",
        context="Published 2019, the review of the death of a baby in the town",
    )
    assert infer_metadata(hints, "").case is None


@pytest.mark.parametrize(
    ("link_text", "heading", "doc_type"),
    [
        # learning products of a thematic review, named after it
        ("Thematic review of adolescent suicide – 7 minute briefing", "", "learning-brief"),
        ("Neglect Thematic Review – key messages", "", "learning-brief"),
        (
            "Thematic review of neglect in Fenlow, 2016-2018 - practitioner workshop",
            "",
            "learning-brief",
        ),
        # several cases reviewed together, whatever the link calls the file
        (
            "Full report",
            "Review of five cases of children missing from home and care",
            "thematic-review",
        ),
        ("Report", "Multi-agency review of neglect cases (Children 1–7)", "thematic-review"),
        # a summary of the overview
        ("Overview - summary: Child Z", "", "executive-summary"),
        ("Overview Report – Summary", "Child D", "executive-summary"),
        # statements, letters and lists about reviews
        ("Independent Scrutineer's statement – Leo", "", "other"),
        ("Home Office Quality Assurance Panel letter", "Domestic Homicide Review – 'Mia'", "other"),
        ("Serious case reviews published in 2015 (list of reports and summaries)", "", "other"),
        ("Learning from Practice Newsletter – the review of Ezra", "", "learning-brief"),
        # ... and the report itself
        ("Full report", "Child W - neglect and non-engagement", "overview-report"),
    ],
)
def test_document_types_of_real_shapes(link_text: str, heading: str, doc_type: str) -> None:
    hints = Hints(link_text=link_text, heading=heading or None)
    assert infer_metadata(hints, "").doc_type == doc_type


def test_list_lines_of_a_second_writer() -> None:
    # a young person's letter written short
    hints = Hints(link_text="SCR YP G – KSCB response", heading="Serious Case Reviews")
    assert infer_metadata(hints, "").case == "Young Person G"
    assert normalise_case("YP G") == normalise_case("Young Person G")
    # a name before the partnership's document
    hints = Hints(link_text="Kayden Partnership Action Plan 27/02/2024", heading="Reviews")
    assert infer_metadata(hints, "").case == "Kayden"
    # a table row: the name in its first cell, a thematic review's subject after "Thematic:"
    hints = Hints(link_text="Report", heading="Alfie | Non-accidental injury; fathers | 11.02.21")
    assert infer_metadata(hints, "").case == "Alfie"
    hints = Hints(
        link_text="Thematic report",
        heading="Thematic: Exploitation and Missing | Criminal exploitation | 2023",
    )
    assert infer_metadata(hints, "").case == "Exploitation and Missing"


@pytest.mark.parametrize(
    ("cover", "case"),
    [
        (
            "Domestic Homicide Review\n'Zara'\nEbbmoor Safer Communities Partnership\n"
            "Zara died on 6 January 2016. Her children, Child Z1 and Child Z2, were at home.\n"
            "Date of publication: 15 March 2018",
            "Zara",
        ),
        (
            "NGCPR 04/2019\nNantmoor Safeguarding Children Board\nChild Practice Review\n"
            "Cross-reference: read alongside NGCPR 02/2018 (Child M1), about a half-brother.\n"
            "Date of Publication: 1 July 2020",
            "NGCPR 04/2019",
        ),
        # ... and a long title line still names its child
        (
            "Fenmoor Safeguarding Children Board\nSerious Case Review into the death of Child X "
            "who lived with his grandmother in Fenmoor\nAuthor: Jane Holloway\nMarch 2015",
            "Child X",
        ),
    ],
)
def test_a_title_page_names_its_case_before_its_sentences_do(cover: str, case: str) -> None:
    assert infer_metadata(Hints(), cover).case == case


@pytest.mark.parametrize(
    ("cover", "doc_type"),
    [
        # a sharing site's labels around the first page say nothing of the document
        (
            "18\nSERIOUS CASE REVIEW\nBaby M\nUpload: others\n4 views\nTRANSCRIPT\n",
            "overview-report",
        ),
        # a Welsh title page's table of dates: a learning event held, a review commissioned
        (
            "Llanfor Safeguarding Board\nChild Practice Review\nCPR Llanfor 1\n"
            "Date review commissioned | 11/2017\nDate of learning event | 03/2018\n"
            "Date of publication | 01/2019",
            "overview-report",
        ),
        # a sentence on the title page is not its title
        (
            "Tamberley Safeguarding Children Board\nLearning Review\nThe D Siblings\n"
            "This review did not meet the criteria for a Serious Case Review; the Board chose "
            "to undertake a learning review.\nOctober 2015",
            "overview-report",
        ),
        # ... while a learning event's slides are learning
        ("Child K\nLearning event\nSlides for practitioners\nMay 2019", "learning-brief"),
    ],
)
def test_title_page_lines_that_name_no_kind(cover: str, doc_type: str) -> None:
    assert infer_metadata(Hints(), cover).doc_type == doc_type


def test_a_review_of_what_happened_in_a_school_or_a_home() -> None:
    cover = (
        "THE SAFEGUARDING IMPLICATIONS OF EVENTS LEADING TO THE CLOSURE OF HOLLYWELL GRANGE "
        "SCHOOL\nA SERIOUS CASE REVIEW\nPublished 2 October 2015"
    )
    assert infer_metadata(Hints(), cover).case == "Hollywell Grange School"
    hints = Hints(
        link_text="Serious Case Review: Greywater Secure Training Centre – Overview Report",
        heading="Greywater Secure Training Centre",
    )
    assert infer_metadata(hints, "").case == "Greywater Secure Training Centre"
    # the fullest form the entry gives
    hints = Hints(
        link_text="Bumblebee Barn Nursery SCR – Overview report",
        heading="Serious Case Review: Bumblebee Barn Day Nursery",
    )
    assert infer_metadata(hints, "").case == "Bumblebee Barn Day Nursery"
    # ... but a child named beside a school is the case
    hints = Hints(link_text="Child H overview report", heading="Child H attended Fenlow Academy")
    assert infer_metadata(hints, "").case == "Child H"


def test_an_annual_report_or_a_newsletter_is_no_one_reviews() -> None:
    for link, context in [
        (
            "BISCB Annual Report 2015-16 | 2.2 MB",
            "Includes the reviews published, including Family M.",
        ),
        ("Newsletter Spring 2018 (PDF)", "In this issue: SCR Baby T to be published in June."),
        ("Business Plan 2016-17", "Priorities arising from the Baby L serious case review."),
    ]:
        meta = infer_metadata(Hints(link_text=link, context=context), "")
        assert (meta.case, meta.doc_type) == (None, "other"), link
    # ... while a statement's line names the review it is about
    hints = Hints(
        link_text="Statement from the independent chair",
        context="On the publication of the serious case review into Child W",
    )
    assert infer_metadata(hints, "").case == "Child W"


def test_title_pages_of_thematic_and_welsh_reviews() -> None:
    # the title on the line above "A thematic review of ..."
    cover = (
        "Corrowmere Safeguarding Children Partnership\nVulnerable Babies\n"
        "A thematic review of six infants seriously harmed in 2019–2021\nFinal report\nJuly 2022"
    )
    assert infer_metadata(Hints(), cover).case == "Vulnerable Babies"
    # ... not the board's name there
    cover = "Fenlow Safeguarding Children Partnership\nA thematic review of neglect\nMay 2020"
    assert infer_metadata(Hints(), cover).case != "Fenlow Safeguarding Children Partnership"
    # a Welsh review's code in Welsh and in English: one case
    assert normalise_case("AYP Maesteifi 1") == normalise_case("CPR Maesteifi 1")
    # a quoted name on the title's lines before the siblings a sentence names
    cover = (
        "Greyford Safeguarding Children Partnership\nChild Safeguarding Practice Review\n"
        "'Amara', aged 15\nAmara's younger siblings are referred to as Sibling 1 and Sibling 2.\n"
        "Published: 16 May 2023"
    )
    assert infer_metadata(Hints(), cover).case == "Amara"


@pytest.mark.parametrize(
    "text",
    [
        # a review begun, promised, kept back or asked for is not yet a report
        "A serious case review is under way, Harnford's board confirmed.",
        "Councillors told the review into the death of Mason, 2, has begun",
        "Pellworth partnership to hold rapid practice review after baby death",
        "Council chiefs launch inquiry into death of girl, 4",
        "Review into Teagan's death delayed again",
        "Eighteen months on, the review remains unpublished",
        "The board has still not published the executive summary",
        "Leaders criticised over delay in publishing review",
        "Campaigner says Kelby board must publish its review in full",
        "The report should be published by the spring, the chair said",
        "Toddler's death will be the subject of a national review",
        "A local child safeguarding practice review had been agreed after a rapid review",
        # an inquest's and a coroner's news
        "Inquest told girl was not seen by a health visitor for a year",
        "Coroner issues prevention of future deaths report after review",
        "A review by the partnership is now under way.",
        "The board said a practice review into her death had begun.",
        "We have established an independent serious case review to learn all we can.",
        "Minister orders inquiry after Tolworth baby death",
        "The board's decision to commission a review into Sol's death is welcome",
        "A serious case review is expected to report later this year.",
        "The chair said a serious case review would be held.",
        "Review into teenager's death delayed for the third time",
        "Publication of the review has been postponed until the trial ends",
    ],
)
def test_news_of_a_review_to_come_is_no_report(text: str) -> None:
    assert find_doc_type(text) == "other"


def test_what_still_names_a_report_beside_news_words() -> None:
    # a minister's inquiry into a council after its review was published
    assert find_doc_type("Ryan Tull review: minister orders inquiry into council") != "other"
    # a cover's date of the decision to hold the review
    cover = "Serious Case Review\nChild Q\nDate of Board decision to hold review: May 2012"
    assert find_doc_type(cover) != "other"
    # a news site's sign-up line is no newsletter
    lede = "Sign up to our daily newsletter. The serious case review into Baby Z's death"
    assert find_doc_type(lede) == "overview-report"
    # progress on a review's actions is the board's response
    assert find_doc_type("Scrutiny told of progress on actions after Child N review") == (
        "action-plan"
    )


def test_a_news_items_child_in_new_places() -> None:
    # the child's name in apposition with an age
    hints = Hints(
        link_text="Girl, 6, was not taken to a dentist for three years, review finds",
        context="A review found that Maisie-Jo Tranter, a six-year-old girl from Kelby, "
        "had twelve teeth removed.",
    )
    assert infer_metadata(hints, "").case == "Maisie-Jo Tranter"
    # a first name in the headline, the surname in someone's words under it
    hints = Hints(
        link_text="Statement after the Rocco review",
        context="The head teacher said: 'Rocco Pellow was a gentle boy.' The review was "
        "published on Monday.",
    )
    assert infer_metadata(hints, "").case == "Rocco Pellow"
    # ... but not an author's names after it, nor a name on the next line
    for text in ("The Jeanette review: Jeanette Barry Raynes Director", "Jeanette\nBarry"):
        assert fuller_name("Jeanette", (text,), frozenset()) == "Jeanette"
    # a site's labels are no names
    for headline, case in (
        ("Timeline: the short life of Kobe Ardmore", "Kobe Ardmore"),
        ("'Starved' baby girl found dead at flat", None),
    ):
        assert infer_metadata(Hints(link_text=headline), "").case == case
    assert thematic_subject("Board publishes thematic review of infant deaths Source: Kelby") == (
        "infant deaths"
    )


def test_the_name_an_item_gives_for_the_reviews_letter() -> None:
    for lede, case in (
        ("The review into Alfie Denham, who is called Child F in the report, was published.",
         "Alfie Denham"),
        ("Toby Kerrow was found dead in 2012. The report - which refers to Toby as Child K - "
         "found failings.", "Toby Kerrow"),
        ("Today's report by the partnership names him as Dion Abara-Wilkes.", "Dion Abara-Wilkes"),
        ("The girl, named in court as Lily-Rose Hatton, had been on a plan.", "Lily-Rose Hatton"),
        ("Cerys Moyle was nine when she died in 2012, and the review is still awaited.",
         "Cerys Moyle"),
    ):  # fmt: skip
        hints = Hints(link_text="Girl 'failed by agencies', report finds", context=lede)
        assert infer_metadata(hints, "").case == case, lede


def test_a_listings_line_is_cut_at_a_words_end() -> None:
    from harvester.discover import clip

    text = "published by Kelby Safeguarding Children Partnership"
    assert clip(text, 46) == "published by Kelby Safeguarding Children"
    assert clip(text, len(text)) == text


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("Harnford Safeguarding Children Partnership on 3 May 2022 published its review", 2022),
        ("The man who killed the boy was known to police, the board said on 9 June 2021.", 2021),
        ("Raw Article Publish Date: 2023-02-14 A review found that", 2023),
        # a short weekday starts the item's date line; a quotation's sentence ends
        ("Review of boy's death finds he moved nine times Fri 19 Feb 2016 10.05 GMT", 2016),
        ("'... in the months before she died.' The Courier, 14th March 2019", 2019),
    ],
)
def test_a_news_items_own_date_in_its_sentence(line: str, year: int) -> None:
    assert year_from_listing(line)[0] == year


def test_older_title_pages_kinds_and_numbered_cases() -> None:
    # one agency's part of a review is not the review's report
    for cover in (
        "Harnford LSCB\nSerious Case Review: Baby P\nIndividual Management Review - Summary",
        "NHS Harnford\nHealth Overview Report\nfor the Serious Case Review into Child Z",
    ):
        assert infer_metadata(Hints(), cover).doc_type == "other"
    # ... but a glossary's "IMR: Individual Management Review" is not the title
    cover = "Harnford Safeguarding Children Board\nK4 Serious Case Review\nGLOSSARY\nIMR\n"
    cover += "Individual Management Review"
    assert infer_metadata(Hints(), cover).doc_type == "overview-report"
    # a practice alert and a "Lessons Learned" sheet teach a review's learning
    cover = "Harnford LSCB\nPRACTICE ALERT\nBruising in babies\nArising from the SCR: Baby M"
    assert infer_metadata(Hints(), cover).doc_type == "learning-brief"
    cover = "Harnford LSCB\nLessons Learned\nIssue 5\nSerious Case Review: Child J"
    assert infer_metadata(Hints(), cover).doc_type == "learning-brief"
    # a case's number where it stands for the review
    for cover, case in (
        ("Serious Case Review\nHarnford Safeguarding Children Board\n‘Case 7’\nOVERVIEW REPORT",
         "Case 7"),
        ("Harnford Safeguarding Children Board\nSerious Case Review (Case 12)\nExecutive Summary",
         "Case 12"),
        ("Harnford Safeguarding Children Board\nSerious Case Review Action Plan – Case 3",
         "Case 3"),
    ):  # fmt: skip
        assert infer_metadata(Hints(), cover).case == case
    cover = "Harnford Safeguarding Children Board\nSerious Case Review Action Plan – Case 3"
    assert infer_metadata(Hints(), cover).doc_type == "action-plan"
    # ... not a thematic review's list of its cases
    assert structured_case("Case 1 was a boy of 14 who went missing") is None


def test_a_review_pages_odd_links() -> None:
    for link, heading, doc_type in (
        ("A message from Sol's mum", "Child Safeguarding Practice Review: Sol", "other"),
        ("Father's contribution", "Serious Case Review – Family P", "other"),
        ("Child Practice Review – questions and answers", "Child Practice Review", "other"),
        ("Practice guidance: families who move", "Learning Review – the Orme family", "other"),
        ("Mental Health Homicide Review", "Board publishes review concerning Child N", "other"),
        ("cynllun gweithredu", "Adolygiad Ymarfer Plant: AYP TREFAEN 2", "action-plan"),
        ("Adroddiad Crynodeb Gweithredol Mai 2011", "Plentyn B", "executive-summary"),
    ):
        assert infer_metadata(Hints(link, heading), "").doc_type == doc_type, link
    # ... and a news line that mentions a homicide review beside the review is the review's
    hints = Hints("Board publishes review into Child W", context="published alongside a "
                  "mental health homicide review")  # fmt: skip
    assert infer_metadata(hints, "").doc_type == "overview-report"
    # a Welsh review's code in capitals, and a link's verb
    hints = Hints("adran Adolygiad Ymarfer Plant", "Cyhoeddi Adroddiad: AYP TREFAEN 2")
    assert normalise_case(infer_metadata(hints, "").case or "") == "CPR TREFAEN 2"
    hints = Hints("Watch Sol's story (animation)", "Serious Case Review – 'Sol'")
    assert infer_metadata(hints, "").case == "Sol"


def test_a_two_letter_code_after_child() -> None:
    for text, case in (
        ("The baby, referred to as Child Ry, died in 2019.", "Child Ry"),
        ("Review into toddler 'Child Hx' finds nurses were not told", "Child Hx"),
    ):
        assert structured_case(text) == case
    # ... not a small word of a headline in title case
    assert structured_case("Child In Need Plans Were Not Reviewed") is None


def test_a_ledes_surname_alone_in_the_headlines_words() -> None:
    lines = (
        "'Nobody did enough to protect Kian'",
        "A review said agencies failed to protect Dorsey",
    )
    assert fuller_name("Kian", lines, frozenset()) == "Kian Dorsey"
    # ... not another word after the same verb
    lines = ("'Nobody did enough to protect Kian'", "Agencies must protect Kian and his brother")
    assert fuller_name("Kian", lines, frozenset()) == "Kian"


def test_subjects_of_thematic_reviews_and_briefs_in_more_shapes() -> None:
    # a file's name, its small words in lower case
    assert thematic_subject("7MB Thematic Review Neglect of Teenagers") == "Neglect of Teenagers"
    # an analysis, as a review is
    found = thematic_subject("Deaths in unsafe sleep – a thematic analysis (Eastbury)")
    assert found == "Deaths in unsafe sleep"
    # a title page's title above its subtitle and then the kind
    cover = "Eastbury Safeguarding Children Board\nUnsafe sleep\nlearning from six deaths\n" \
        "Thematic Serious Case Review"  # fmt: skip
    assert thematic_subject(cover) == "Unsafe sleep"
    # a quoted title in sentence case before a review of deaths, or right after "review"
    found = quoted_title("‘Nobody listened’: review of teenage deaths in Eastbury finds ...")
    assert found == "Nobody listened"
    found = quoted_title("The panel published its national review ‘Out of mind, out of view’.")
    assert found == "Out of mind, out of view"
    # ... but not someone's words a headline quotes after the review
    assert quoted_title("Serious case review says ‘nobody listened to her’") is None
    # a topic several reviews teach, but not what they share
    found = titled_subject("Learning from Serious Case Reviews: Bruising in non-mobile babies")
    assert found == "Bruising in non-mobile babies"
    assert titled_subject("Learning from Local Reviews: Key Themes 2020–2022") is None


def test_welsh_codes_with_long_or_two_word_region_names() -> None:
    for text, code in (
        ("Publication of Child Practice Review: GLANHYFRYDOG 1/2019", "GLANHYFRYDOG 1/2019"),
        ("The report of Extended Child Practice Review TREFALLTOG 3 2021", "TREFALLTOG 3 2021"),
        ("Adolygiad Ymarfer Plant Estynedig BRO GWENLLIAN 2/2018, yn", "BRO GWENLLIAN 2/2018"),
        ("An Extended Child Practice Review, ABERCERRIG ECPR 2, was", "ABERCERRIG ECPR 2"),
    ):  # fmt: skip
        assert coded_case(text) == code
    # ... not the kind of review in capitals
    assert coded_case("SERIOUS CASE REVIEW 2 2019") is None


def test_a_headline_in_title_case_without_small_words_and_a_lede_that_calls_the_child() -> None:
    # no small word at all: its quoted word describes
    assert sentence_case("Eastbury Boy's Death 'Avoidable', Says Report") == (
        "Eastbury boy's death 'avoidable', says report"
    )
    headline = "Review Praises Agencies Who Protected Eastbury Baby"
    lede = (
        "Published 3rd February 2022 The review, published by Eastbury Safeguarding Children "
        "Partnership, calls the baby Noor and says staff worked well together."
    )
    hints = Hints(link_text=headline, context=f"{headline} {lede}")
    assert infer_metadata(hints, "").case == "Noor"


def test_children_joined_in_a_line_of_capitals_and_none_is_no_name() -> None:
    line = "ASHFORD SAFEGUARDING CHILDREN BOARD SERIOUS CASE REVIEW CHILD W AND CHILD X REPORT"
    assert structured_case(uncap(line)) == "Child W and Child X"
    assert not is_name("None")


def test_a_learning_product_titled_by_its_topic() -> None:
    from harvester.metadata.briefs import brief_topic, cover_brief_topic

    for text, topic in (
        ("7 Minute Briefing: Bruising in Non-Mobile Babies", "Bruising in Non-Mobile Babies"),
        ("Poster – Safer Sleep (JPG, 340KB)", "Safer Sleep"),
        ("Self-harm and suicide: learning from case reviews", "Self-harm and suicide"),
        ("Learning from reviews: hidden men", "Hidden men"),
        ("Briefing on Suicide: learning from case reviews", "Suicide"),
    ):
        assert brief_topic(text) == topic
    # a child's name before the topic is the case
    assert brief_topic("Bryn: Missing from Education – 7 Minute Briefing") == "Bryn"
    # not what several reviews share, nor a headline
    assert brief_topic("Learning from Local Reviews: Key Themes 2020–2022") is None
    assert brief_topic("Learning from reviews: council says lessons were learned") is None
    cover = "Practitioner Briefing\nSexual exploitation of boys\nWhat the review found"
    assert cover_brief_topic(cover) == "Sexual exploitation of boys"
    # a quoted title after "National review:", not a headline's quote after "review:"
    assert quoted_title("National Review: 'Nobody was looking' – children out of school") == (
        "Nobody was looking"
    )
    assert quoted_title("Toddler review: 'Dad was invisible to services'") is None


def test_briefs_and_reviews_named_by_subject_more_shapes() -> None:
    from harvester.metadata.briefs import brief_topic

    # a brief's kind after another's, a name before its topic in brackets
    assert brief_topic("7 Point Briefing – Learning from Case Reviews: Online Harm") == (
        "Online Harm"
    )
    assert brief_topic("Ffion (Safer Sleep) 7 Minute Briefing") == "Ffion"
    # not a board's initials or a line's opening word
    assert brief_topic("QSCP Learning from Reviews 2022 – 2023") is None
    assert brief_topic("Including learning from serious case reviews") is None
    # a board's initials stay in capitals; a qualifier of the kind of review is no title
    assert uncap("RSCB THEMATIC REVIEW OF NEGLECT") == "RSCB Thematic Review of Neglect"
    assert titled_subject("Independent Learning Review") is None
    # a household named by its letter; a Welsh link's verb is no name
    assert structured_case("Review of Household B (three children)") == "Household B"
    assert not is_name("Lawrlwytho")


def test_a_card_headed_by_a_name_alone_in_more_shapes() -> None:
    from harvester.metadata.heading_names import heading_pseudonym, heading_review_name

    # a line of labels beside a bare link
    found = heading_pseudonym(
        "Lacey-Rae", "", frozenset(), "Download",
        "Download / Child Safeguarding Practice Review | Executive summary | 24 April 2023",
    )  # fmt: skip
    assert found == "Lacey-Rae"
    # a link that says only the kind of review
    assert heading_pseudonym("Harley", "", frozenset(), "Serious Case Review (PDF)", "") == (
        "Harley"
    )
    # a date with its day
    assert heading_pseudonym("Ava – published 14 December 2012", "", frozenset()) == "Ava"
    # a name's story and a page of learning
    assert heading_review_name("Kaylan's Story – Learning on a page") == "Kaylan"
    # ... but not a sentence beside a bare link
    found = heading_pseudonym(
        "Fenwick", "", frozenset(), "Download", "Download / The council has moved its offices"
    )
    assert found is None


def test_titles_before_a_subtitle_or_after_a_documents_type() -> None:
    from harvester.metadata.titles import cover_subject, listing_title

    cover = "Eastbury Safeguarding Children Partnership\nThematic Review\n" \
        "Injuries to babies under one: learning from six rapid reviews\nJune 2021"  # fmt: skip
    assert cover_subject(cover) == "Injuries to babies under one"
    # a title with a colon above "a thematic review of ..."
    cover = (
        "Eastbury Safeguarding Partnership\nKnife harm:\na thematic review of Young Persons 1 to 5"
    )
    assert thematic_subject(cover) == "Knife harm"
    # a file's name: its type before the child's name
    assert listing_title("Exec Summary Kayleigh", "Part 8 Review – Kayleigh") == "Kayleigh"


def test_a_person_named_for_what_they_did_to_a_child_is_not_the_child() -> None:
    text = "Review into Kane Dobbs's killing of partner's son finds police missed chances"
    assert pseudonym(text, frozenset()) is None
    # ... but the child's own death is the child's
    assert pseudonym("Review into Kian Dorsey's death published", frozenset()) == "Kian Dorsey"


def test_a_review_relating_to_a_school_and_a_national_analysis_title() -> None:
    hints = Hints(
        heading="'A robust and open approach'",
        context="On 20 January 2016 the board published a serious case review relating to "
        "Eastbury International School.",
    )
    assert infer_metadata(hints, "").case == "Eastbury International School"
    found = thematic_subject("Many hands: a triennial analysis of Serious Case Reviews 2014-2017")
    assert found == "Many hands"
    assert structured_case(uncap("SERIOUS CASE REVIEW FAMILY T/S EXECUTIVE SUMMARY")) == (
        "Family T/S"
    )


def test_a_childs_own_name_beside_the_name_in_quotes() -> None:
    lede = "The report calls him 'Oscar'. He was Mason Tribe, who died at home in 2022."
    assert fuller_name("Oscar", ("Five-year-old 'hidden' from school", lede), frozenset()) == (
        "Mason Tribe"
    )
    lede = "Thomas Gillard - 'Tommy' to his family and friends - died in August 2023."
    assert fuller_name("Tommy", ("Review into death of Tommy, 14", lede), frozenset()) == (
        "Thomas Gillard"
    )
    # ... not a name the item does not quote
    lede = "He was Mason Tribe's neighbour."
    assert fuller_name("Oscar", ("Review into Oscar's death", lede), frozenset()) == "Oscar"


def test_a_name_beside_the_reviews_code_or_letter() -> None:
    text = "Eastbury Safeguarding Children Board Executive Summary Serious Case Review ADS22 Poppy"
    assert read_case(text, None, None, None, "", None) == "Poppy"
    text = "Final Report November 2021 – Final Child E Report January 2022 – “Eddie”"
    assert read_case(text, None, None, None, "", None) == "Eddie"
    # ... not a month, nor a word after the code in a sentence
    assert read_case("Serious Case Review SCR14 March 2016", None, None, None, "", None) != "March"
    assert read_case("Child E report was published", None, None, None, "", None) == "Child E"


def test_title_pages_subjects_and_titles_in_more_shapes() -> None:
    from harvester.metadata.briefs import brief_topic

    # a subject's own words after "in", and a clause's verb
    assert thematic_subject("Thematic Review: Neglect in Large Sibling Groups") == (
        "Neglect in Large Sibling Groups"
    )
    assert thematic_subject("Thematic Review – Infant Deaths where Co-sleeping was a Factor") == (
        "Infant Deaths where Co-sleeping was a Factor"
    )
    # a numbered thematic review; boards in the plural are no subject
    assert thematic_subject("Thematic Review 2: Children Living with Parental Illness") == (
        "Children Living with Parental Illness"
    )
    assert thematic_subject("Eastbury and Westbury Safeguarding Children Partnerships – "
                            "Thematic Review: Online Harm") == "Online Harm"  # fmt: skip
    # a quoted title, a dash and the kind; a briefing's label before a quoted title
    assert quoted_title("“Nobody asked me” – thematic review of children missing from care") == (
        "Nobody asked me"
    )
    assert brief_topic("Briefing: 'Out of view' – learning event slides") == "Out of view"
    # a month's abbreviation in a file's name is no name
    assert not is_name("Oct")
    # a briefing's topic and a nursery its title names come before names further down
    cover = "Eastbury Safeguarding Children Partnership\nLearning Brief\nWorking with Fathers\n" \
        "This brief draws on the review of Child R, who was ..."  # fmt: skip
    assert read_case("", None, "Learning Brief: Working with Fathers", None, cover, None) == (
        "Working with Fathers"
    )
    cover = "Eastbury LSCB\nSerious Case Review\nLittle Wrens Nursery\nOverview Report\n" \
        "Child 1 and Child 2 attended the nursery ..."  # fmt: skip
    assert read_case("", None, None, None, cover, None) == "Little Wrens Nursery"


def test_the_childs_name_the_item_gives_for_the_reviews_letter() -> None:
    from harvester.metadata.cases import named_for

    for line, name in (
        ("Child J was Jamie-Lee Wardle, aged 16 months, who died in 2013.", "Jamie-Lee Wardle"),
        ("The report refers to her as Baby M, but she was named at her parents' request as "
         "Megan Pugh-Harris.", "Megan Pugh-Harris"),
        ("The board's review calls Ava 'Child A'.", "Ava"),
        ("The death of two-year-old Alfie Brennan-Shaw was reviewed. The report refers to him "
         "throughout as 'Child R'.", "Alfie Brennan-Shaw"),
    ):  # fmt: skip
        assert named_for(re.search(r"(?:Child|Baby) [A-Z]", line).group(0), [line]) == name
    # a pseudonym the item may name
    lede = "A review of a girl, referred to as 'Lily'. Lily can be named as Sophie Baird."
    assert fuller_name("Lily", ("'Lily' review published", lede), frozenset()) == "Sophie Baird"
    # ... but not a letter the item links to no name
    assert named_for("Child J", ["Child J was seen by a GP in 2012."]) is None


def test_the_child_a_title_pages_own_lines_name() -> None:
    from harvester.metadata.cases import _title_page_child

    for cover, child in (
        ("Eastbury SCP\nLocal Child Safeguarding Practice Review\n'Rio'\nCase reference: 2023/02",
         "Rio"),
        ("Child Practice Review Report\nRe: 'Cai', aged 4\n", "Cai"),
        ("EXECUTIVE SUMMARY\nBoard reference: WSCB SCR 2011/02\nSubject: Child O\n", "Child O"),
        ("Serious Case Review No. 15\nRe: RJ\nOverview Report", "RJ"),
        ("SERIOUS CASE REVIEW\nRe: Chloe (SLSCB ref 07/02)\n", "Chloe"),
        ("PART 8 CASE REVIEW\nOVERVIEW REPORT\nJade R.\n(date of death 3rd May 2005)", "Jade R"),
    ):  # fmt: skip
        assert _title_page_child(cover, frozenset()) == child
    # ... not a quoted phrase or an author's line
    assert _title_page_child("'Nobody listened'\nAuthor: Ruth Reed", frozenset()) is None
    # a review's reference in a listing gives way to the child its title page names
    hints = Hints(link_text="LCSPR 2023/02 'Rio' – Final Report")
    cover = "Eastbury SCP\nLocal Child Safeguarding Practice Review\n'Rio'\nCase reference: 2023/02"
    assert infer_metadata(hints, cover).case == "Rio"


def test_a_babys_full_name_over_baby_and_a_first_name() -> None:
    hints = Hints(
        link_text="Baby Connor review: summary released",
        context="Baby Connor review: summary released The executive summary of a review into "
        "the death of Larchfold baby Connor Stobbs has been released.",
    )
    assert infer_metadata(hints, "").case == "Connor Stobbs"
    # ... and "Baby F" stays as the review names the child
    assert infer_metadata(Hints(link_text="Baby F review: summary released"), "").case == "Baby F"


def test_a_short_guides_title_names_no_review() -> None:
    from harvester.metadata.titles import specific

    assert not specific("A short guide")
    assert not specific("Briff 7 Munud")


def test_a_ledes_child_named_with_an_age_or_named_locally() -> None:
    headline = "Inquest hears of 'missed chances' before Eastbury toddler's death"
    lede = "An inquest heard of concerns. Iolo Pryce-Rees, aged two, died at home in 2014."
    assert headline_child(headline, frozenset(), True, lede) == "Iolo Pryce-Rees"
    # ... not an adult with an adult's age, nor one who was jailed
    lede = "Review finds failings. Kerry Dawes, 24, was jailed in 2018."
    assert headline_child("Mother jailed over baby's death", frozenset(), True, lede) is None
    lede = "The baby, named locally as Lacey-Jo Winter, died in hospital."
    assert headline_child(lede, frozenset(), False) == "Lacey-Jo Winter"


def test_a_title_a_sentence_gives_and_a_surname_ending_as_a_word_does() -> None:
    text = "The thematic review, titled 'Unsafe sleep and infants under one', found gaps."
    assert quoted_title(text) == "Unsafe sleep and infants under one"
    text = "The panel has published 'Beyond the Gate: young people leaving custody', its review."
    assert quoted_title(text) == "Beyond the Gate: young people leaving custody"
    # ... not someone's words in a headline
    assert quoted_title("Mother says 'nobody listened to us', after review published") is None
    lede = "He was jailed for the murder of his partner's daughter, Ellie-Mae Banning. Now ..."
    assert headline_child(lede, frozenset(), False) == "Ellie-Mae Banning"


def test_a_briefings_heading_over_a_line_that_says_what_it_is() -> None:
    from harvester.metadata.cases import briefing_heading

    context = "Neglect of older children A seven minute briefing for team meetings."
    assert briefing_heading("Neglect of older children", context, None, frozenset()) == (
        "Neglect of older children"
    )
    # ... not a headline, nor a heading that says what it is itself
    context = "Council says sorry A seven minute briefing follows."
    assert briefing_heading("Council says sorry", context, None, frozenset()) is None
    assert briefing_heading("7 minute briefings", "A briefing", None, frozenset()) is None


def test_review_list_rows_tags_codes_and_family_numbers() -> None:
    # a list's tag before the heading
    hints = Hints(link_text="Download", heading="[LCSPR] Olivia – report",
                  context="Download / Eastbury SCP · 1st December 2022")  # fmt: skip
    assert infer_metadata(hints, "").case == "Olivia"
    # a code with the board's initials; a case's number with its year; a family's number
    assert coded_case("HSCP LCSPR 2022/01") == "HSCP LCSPR 2022/01"
    assert coded_case("SCR Case 2016/03 – overview report") == "Case 2016/03"
    assert structured_case("Family 3") == "Family 3"
    assert structured_case("ABUSE IN THE Family\n1. Background") is None


def test_a_national_entrys_title_keeps_its_colon() -> None:
    from harvester.metadata.catalogue import read_entry

    entry = read_entry("2024 – Eastbury – Sibling sexual abuse: learning from four families")
    assert entry is not None and entry.case == "Sibling sexual abuse: learning from four families"
    # ... but the document's type still goes
    entry = read_entry("2016 – Eastbury – Child T – Board Response")
    assert entry is not None and entry.case == "Child T"
    text = "National review: 'Out of view: children educated at home who came to serious harm'"
    assert quoted_title(text) == "Out of view: children educated at home who came to serious harm"


def test_a_boards_initials_are_no_subject_and_a_briefings_list() -> None:
    from harvester.metadata.briefs import listed_brief_topic
    from harvester.metadata.titles import names_a_subject

    assert not names_a_subject("SSCP Thematic")
    assert not names_a_subject("WSCB Neglect")
    # a link's title under a heading that is only a kind of learning product
    assert listed_brief_topic(
        "SSCP Thematic 7-Minute Briefings", "Concealed Pregnancy (PDF, 201 Kb)"
    ) == ("Concealed Pregnancy")
    assert listed_brief_topic("Learning from Rapid Reviews", "Bruising in babies – learning "
                              "briefing (April 2021)") == "Bruising in babies"  # fmt: skip
    assert listed_brief_topic("Serious Case Reviews", "Concealed Pregnancy (PDF)") is None
    # a board's code with a financial year
    assert coded_case("SSCP 2021-22/03 – Stenbury Safeguarding Children Partnership") == (
        "SSCP 2021-22/03"
    )


def test_subjects_in_table_cells_after_initials_and_in_quotes() -> None:
    from harvester.metadata.briefs import brief_topic
    from harvester.metadata.quoted_titles import cover_quoted_title
    from harvester.metadata.thematic import join_wrapped_title
    from harvester.metadata.titles import panel_title

    # a table row's next cell; the board's initials before the subject
    assert thematic_subject("Thematic Review | Serious Youth Violence | 2018") == (
        "Serious Youth Violence"
    )
    assert thematic_subject("TSCP Non-Accidental Head Injury Thematic Review") == (
        "Non-Accidental Head Injury"
    )
    # "lived experience" is a topic's words, not a headline's verb
    assert brief_topic("Learning event slides – Neglect and the lived experience of the child") == (
        "Neglect and the lived experience of the child"
    )
    # a quoted title and its subtitle; a title page's quoted line
    assert quoted_title("'Too Old to Be Groomed?' Learning from the experiences of young men") == (
        "Too Old to Be Groomed?"
    )
    assert cover_quoted_title('"Why did nobody see me?"\nA Child Safeguarding Practice Review') == (
        "Why did nobody see me?"
    )
    assert cover_quoted_title("'Jack'\nOverview Report") is None
    # a quoted title before a colon and a subtitle in small letters, or its document's type
    assert quoted_title("‘Quiet in the corner’: safeguarding children with speech needs") == (
        "Quiet in the corner"
    )
    assert (
        quoted_title("“The weight of small things”: learning brief") == "The weight of small things"
    )
    # ... but a headline's quoted words are not a title
    assert quoted_title("'She was a child nobody saw': reviewer's verdict on girl's death") is None
    assert quoted_title("'No one asked about her life': review into girl's death") is None
    # a title set in apposition after the review
    assert quoted_title("The Panel's national review, ‘Carrying it alone’, looks at ...") == (
        "Carrying it alone"
    )
    # a national review's title below the panel's name
    cover = "Child Safeguarding Practice Review Panel\nStill in the room:\nsafeguarding children"
    assert panel_title(cover) == "Still in the room"
    # a title wrapped over lines; a subtitle in small letters stays apart
    assert join_wrapped_title("Thematic review of the\nidentification of neglect in\nchildren") == (
        "Thematic review of the identification of neglect in children"
    )
    assert join_wrapped_title("Hidden Harm\nlearning from six deaths") == (
        "Hidden Harm\nlearning from six deaths"
    )


def test_briefs_topics_after_more_kinds_and_what_is_no_topic() -> None:
    from harvester.metadata.briefs import brief_topic

    assert brief_topic("Practitioner briefing on sibling sexual abuse") == "Sibling sexual abuse"
    assert brief_topic("Rapid review themes: dog attacks on children under five") == (
        "Dog attacks on children under five"
    )
    assert brief_topic("7-minute briefing: multi-agency audit of children exposed to harm") == (
        "Children exposed to harm"
    )
    assert brief_topic("Poster: what we learned about children harmed during lockdown") == (
        "Children harmed during lockdown"
    )
    # a summary of themes is not a topic
    assert titled_subject("Learning from Rapid Reviews – Summary of themes (Jan–Jun 2023)") is None
    assert titled_subject("Learning from reviews involving parents with a learning disability") == (
        "parents with a learning disability"
    )


def test_groups_named_first_announcements_and_responses() -> None:
    hints = Hints(link_text="", heading="Published reviews", context="")
    cover = "Families A, B and C\nA Thematic Review of Neglect in Three Families\nAuthor: X"
    assert infer_metadata(hints, cover).case == "Families A, B and C"
    assert normalise_case("Plentyn L") == "Child L"
    assert find_doc_type("Independent reviewer appointed for Child Z review") == "other"
    assert find_doc_type("Why we have not yet published the Child Z review") == "other"
    assert find_doc_type("ChildH_TOR.pdf") == "other"
    # ... not a title page's line of dates
    assert find_doc_type(
        "Local Child Safeguarding Practice Review\nReviewer appointed: 02/2021"
    ) != ("other")
    assert find_doc_type("Multi-agency response to the Child T review") == "action-plan"
    assert find_doc_type("How partners have responded to the recommendations") == "action-plan"
    assert find_doc_type("An analysis of 3 LCSPRs and 11 rapid reviews") == "thematic-review"
    # a Welsh "Download" says nothing of the review
    hints = Hints(link_text="Lawrlwytho / Download", heading="Published reviews", context="")
    assert infer_metadata(hints, "").case is None


def test_childrens_names_in_full_across_an_items_lines() -> None:
    cover = "Child Safeguarding Practice Review\nLily & Grace\nThis review concerns Lily Haworth"
    cover += " (aged 8) and her sister Grace Haworth (aged 6)."
    assert fuller_name("Lily & Grace", (cover,), frozenset()) == "Lily and Grace Haworth"
    text = "in relation to\nRyan Stoddart and Tegan Clewes\nOverview Report"
    assert fuller_name("Ryan and Tegan", (text,), frozenset()) == "Ryan Stoddart and Tegan Clewes"
    assert fuller_name(
        "Ella", ("Serious Case Review – Ella, Rhys and Cai Morgan",), frozenset()
    ) == ("Ella, Rhys and Cai Morgan")
    assert fuller_name(
        "Jayden Price", ("Review: Jayden Price and Kacie-Louise Deakin",), frozenset()
    ) == ("Jayden Price and Kacie-Louise Deakin")
    # ... not a line of the child's family
    text = "The grandparents of Niamh McCallion, Bernard and Eileen Devlin, said"
    assert fuller_name("Niamh McCallion", (text,), frozenset()) == "Niamh McCallion"
    # a surname after a particle, an apostrophe or a hyphen
    assert fuller_name("Iestyn", ("In respect of: Iestyn ap Gwilym",), frozenset()) == (
        "Iestyn ap Gwilym"
    )
    hints = Hints(link_text="Executive summary", heading="Review into Rocco D'Souza-Lane: services")
    assert infer_metadata(hints, "").case == "Rocco D'Souza-Lane"
    # a name in brackets after the kind of review, or the kind in brackets after the name
    hints = Hints(
        link_text="Executive Summary", heading="03/2016 – Serious Case Review (Alexander)"
    )
    assert infer_metadata(hints, "").case == "Alexander"
    hints = Hints(link_text="Leaflet", heading="Noah Bellingham (Serious Case Review, 2018)")
    assert infer_metadata(hints, "").case == "Noah Bellingham"
    # ... but a report's language is no name
    hints = Hints(link_text="Concise Child Practice Review report (English)", heading="Reviews")
    assert infer_metadata(hints, "").case is None


def test_codes_with_slashes_short_years_file_names_and_numbers_that_name_nothing() -> None:
    assert coded_case("SEGSCB/2016/02") == "SEGSCB/2016/02"
    assert coded_case("LCSPR 21-04") == "LCSPR 21-04"
    assert coded_case("Rapid Review RR-0321: learning summary") == "RR-0321"
    assert coded_case("Scr 2016 03 Exec Summary") == "SCR 2016/03"
    assert structured_case("Case 14") == "Case 14"
    assert structured_case("Case 21 – Local Child Safeguarding Practice Review") == "Case 21"
    assert structured_case("See also Case 14 and Case 16 (2014, 2016).") is None
    assert thematic_subject("SEGSCB Thematic Review 2017/T1 – Child sexual exploitation") == (
        "Child sexual exploitation"
    )
    # the name a code's review gives the child, in quotes
    hints = Hints(link_text="Partnership response", heading="LCSPR 22-01 ‘Milo’")
    assert infer_metadata(hints, "").case == "Milo"
    # a part of a series is no title; a yearly report's list of reviews names none of them
    hints = Hints(link_text="Course 14 (PDF)", heading="Multi-agency training reviews")
    assert infer_metadata(hints, "").case is None
    cover = "Eastbury Safeguarding Children Partnership\nYearly Report 2021 – 2022\n"
    cover += "Reviews completed this year: LCSPR 21-04; LCSPR 22-01"
    hints = Hints(link_text="Yearly Report 2021/22 (PDF)", heading="Annual Report 2021-22")
    assert infer_metadata(hints, cover).case is None


def test_reviews_a_headline_announces_by_subject_and_cards_headed_by_a_name() -> None:
    from harvester.metadata.thematic import announced_subject

    assert announced_subject("Board publishes review of child deaths in house fires") == (
        "child deaths in house fires"
    )
    assert announced_subject("Report on infants harmed in the care of fathers published") == (
        "infants harmed in the care of fathers"
    )
    # ... not one child's death, nor a review kept back
    assert announced_subject("Review Into Baby Death At Fairholme Park Published") is None
    assert announced_subject("Review of abuse of seven children will not be published") is None
    assert thematic_subject("Thematic Reviews — Adolescents at risk of exploitation") == (
        "Adolescents at risk of exploitation"
    )
    # a name over a generic link, the line beside it saying what the document is
    line = "Learning brief from the local child safeguarding practice review, published 2021"
    hints = Hints(link_text="Download", heading="Maisie", context=line)
    assert infer_metadata(hints, "").case == "Maisie"
    hints = Hints(link_text="Download", heading="Maisie", context="Published 20/07/2021")
    assert infer_metadata(hints, "").case == "Maisie"
    # a brief's heading over a thematic review's card: its topic
    line = "Drawn from the thematic review completed earlier in the year."
    heading = "Practitioner briefing on sibling sexual abuse"
    hints = Hints(link_text="Practitioner briefing (PDF)", heading=heading, context=line)
    assert infer_metadata(hints, "").case == "Sibling sexual abuse"
    # a title page's title wrapped past its first lines
    cover = "Fenmouth Board\n\nEXECUTIVE SUMMARY\n\nThematic Serious Case Review\n"
    cover += "Young people who self-harm\nwhile in youth custody\n\nAuthor: G Tollerton"
    hints = Hints(link_text="Executive summary", heading="Thematic SCR – young people in custody")
    assert infer_metadata(hints, cover).case == "Young people who self-harm while in youth custody"


def test_title_pages_children_groups_numbers_and_lines_run_together() -> None:
    from harvester.metadata.text import unglue

    cover = "Trefelyn Safeguarding Children Board\nConcise Child Practice Review\nRe: Baby Elis"
    hints = Hints(link_text="", heading="TSB CPR 01 2016 Concise Review Report")
    assert infer_metadata(hints, cover).case == "Baby Elis"
    assert structured_case("Young Adults J and K") == "Young Adults J and K"
    assert structured_case("Cases R1, R2, R4 and R6") == "Cases R1, R2, R4 and R6"
    assert structured_case("A review of five reviews (Children 1 – 5)") == "Children 1 – 5"
    # ... not a briefing's number of minutes
    assert structured_case("Child KR - 7 Minute Briefing") == "Child KR"
    assert structured_case("Serious Case Review\nSCR 15\nExecutive Summary") == "SCR 15"
    assert structured_case("SCR 15 reviews were held") is None
    assert is_name("Teenage") is False
    assert unglue("Children BoardSerious Case ReviewChild JOverview Report") == (
        "Children Board Serious Case Review Child J Overview Report"
    )
    assert unglue("McDonald and O'Brien Review") == "McDonald and O'Brien Review"


def test_thematic_learning_posts_and_analyses_named_by_their_title() -> None:
    from harvester.metadata.briefs import brief_topic

    assert brief_topic("Thematic Learning from Case Reviews – Child Neglect") == "Child Neglect"
    assert find_doc_type("Thematic Learning from Case Reviews – Child Neglect") == "learning-brief"
    assert thematic_subject("Learning for the future: Final analysis of serious case reviews") == (
        "Learning for the future"
    )
    title = "Building on the learning: a two year analysis of database notifications 2007-2009"
    assert thematic_subject(title) == "Building on the learning"
    assert find_doc_type(title) == "thematic-review"
    # ... but a briefing on such an analysis is a briefing
    title = "Triennial analysis of serious case reviews 2011-2014: Practice briefing"
    assert find_doc_type(title) == "learning-brief"


def test_learning_products_series_and_titled_analyses_of_many_reviews() -> None:
    from harvester.metadata.briefs import brief_topic

    assert brief_topic("Children missing education: learning from case reviews (NSPCC, 2021)") == (
        "Children missing education"
    )
    assert brief_topic("Private fostering: learning from case reviews briefing") == (
        "Private fostering"
    )
    assert brief_topic("Monthly learning: Fathers who are not seen") == "Fathers who are not seen"
    assert (
        brief_topic("Safeguarding Learning Spotlight – Children with SEND") == "Children with SEND"
    )
    assert brief_topic("Learning from reviews – March 2024: Children not brought") == (
        "Children not brought"
    )
    assert find_doc_type("Monthly learning: Fathers who are not seen") == "learning-brief"
    title = "Missing links: a study of recommendations in case reviews, 2018-2021"
    assert thematic_subject(title) == "Missing links"
    assert find_doc_type(title) == "thematic-review"
    title = "Small voices: learning lessons from serious case reviews 2010-2011"
    assert find_doc_type(title) == "thematic-review"
    assert thematic_subject("Threads of learning: themes from child practice reviews in Wales") == (
        "Threads of learning"
    )
    # ... not a child's review with a subtitle
    assert find_doc_type("Child Q: the review's findings") != "thematic-review"
    hints = Hints(link_text="Lessons for practitioners leaflet",
                  heading="Kian Doyle serious case review – lessons for practitioners")  # fmt: skip
    assert infer_metadata(hints, "").case == "Kian Doyle"


def test_bulletins_series_words_and_titles_in_apposition() -> None:
    from harvester.metadata.briefs import brief_topic
    from harvester.metadata.titles import specific

    assert brief_topic("Learning Lessons Bulletin – Issue 9 – Cumulative harm") == "Cumulative harm"
    assert brief_topic("Lessons from Serious Case Reviews – Missed health appointments") == (
        "Missed health appointments"
    )
    assert brief_topic("Practice briefing: Safeguarding children online (Panel, 2022)") == (
        "Safeguarding children online"
    )
    assert brief_topic("Small voices: learning lessons from serious case reviews 2010-2011") == (
        "Small voices"
    )
    for words in ("eBulletin February 2017", "Quarterly learning round-up", "Special edition"):
        assert not specific(words), words
    assert thematic_subject("Looking back, looking forward: a biennial analysis of reviews") == (
        "Looking back, looking forward"
    )


def test_kinds_said_indirectly_and_reviews_of_unrelated_children() -> None:
    for text in (
        "Three unrelated infants, from different parts of the borough, who had head injuries",
        "Three boys from three different families, each drawn into carrying drugs",
        "Four young people, none related to each other, who died by suicide",
        "Three girls who did not know one another",
        "Neglect in the under-fives: what nine reviews tell us",
    ):
        assert find_doc_type(text) == "thematic-review", text
    # ... not a child cared for by an unrelated adult
    assert find_doc_type("Child D was left with an unrelated adult; overview report") != (
        "thematic-review"
    )
    for text in (
        "The Board's reply to the author's recommendations",
        "Update on progress (one year on)",
        "How we have responded to the review of Baby Leo",
        "Our actions against each recommendation",
    ):
        assert find_doc_type(text) == "action-plan", text
    assert find_doc_type("Partnership to carry out review after death of toddler") == "other"
    assert find_doc_type("This document summarises the full report") == "executive-summary"
    assert find_doc_type("Crynodeb o'r Dysgu / Summary of Learning") == "learning-brief"


def test_news_of_reviews_reopened_blocked_or_rated_and_twins_named() -> None:
    for text in (
        "Partnership confirms review following child's death",
        "Grandparents call for Child S review to be reopened",
        "High Court refuses father's bid to stop publication of safeguarding review",
        "Inspectors rate review of baby's death 'inadequate'",
    ):
        assert find_doc_type(text) == "other", text
    assert find_doc_type("Executive summary and full report published: Children P and Q") == (
        "overview-report"
    )
    assert find_doc_type("Read the review and the partnership's response") == "overview-report"
    # ... a link that only says "Read the review" leaves the kind to the line beside it
    assert find_doc_type("Read the review", "Thematic analysis of four LCSPRs") == (
        "thematic-review"
    )
    text = (
        "An executive summary of the review into the deaths of twin girls Maisie and Ruby Tolland"
    )
    hints = Hints(link_text="", heading="Twins' deaths: report says health visitors overstretched",
                  context=text)  # fmt: skip
    assert infer_metadata(hints, "").case == "Maisie and Ruby Tolland"


def test_a_parent_named_before_the_childs_death_and_double_first_names() -> None:
    lede = (
        "A review into the death of a 10-month-old girl whose mother Chantelle Catterick was "
        "convicted has found appointments were missed. Isla-Rose Catterick died in 2022."
    )
    heading = "Chantelle Catterick: Review into daughter's death finds 'missed chances'"
    hints = Hints(link_text="", heading=heading, context=lede)
    assert infer_metadata(hints, "").case == "Isla-Rose Catterick"
    # ... but a child named before their own injuries is the child
    assert headline_child("Efa Hart: baby's injuries 'should have been spotted', review says") == (
        "Efa Hart"
    )
    assert fuller_name("Tia", ("Tia-Marie Golightly died in Glaisby in 2016.",), frozenset()) == (
        "Tia-Marie Golightly"
    )
    assert not is_name("Judge")


def test_bare_responses_statements_frameworks_and_names_over_dated_cards() -> None:
    from harvester.metadata.briefs import brief_topic

    assert find_doc_type("Response") == "action-plan"
    assert find_doc_type("Partnership statement") == "other"
    assert find_doc_type("Learning and Review Framework | Guidance | April 2022") == "other"
    assert find_doc_type("Crynodeb 7 Munud – Baby Tomos") == "learning-brief"
    assert brief_topic("How we share learning from reviews") is None
    hints = Hints(
        link_text="Independent reviewer's report", heading="Lacey", context="Posted 30/06/2025"
    )
    assert infer_metadata(hints, "").case == "Lacey"
    hints = Hints(
        link_text="Partnership statement", heading="Larchgrove House", context="24.05.2023"
    )
    assert infer_metadata(hints, "").case == "Larchgrove House"


def test_versions_for_families_notes_updates_and_welsh_babies() -> None:
    assert find_doc_type("Easy read version") == "learning-brief"
    assert find_doc_type("Easy read version of the report") != "learning-brief"
    assert find_doc_type("Young people's version") == "learning-brief"
    assert find_doc_type("Summary for practitioners") == "learning-brief"
    assert find_doc_type("Young Person 7 – a note from their family") == "other"
    assert find_doc_type("Update for the community (March 2024)") == "other"
    assert normalise_case("Babi C") == "Baby C"
    hints = Hints(link_text="Review report", heading="Heatherlea Children's Home – Local Child "
                  "Safeguarding Practice Review", context="2020-08-27")  # fmt: skip
    assert infer_metadata(hints, "").doc_type == "overview-report"


def test_news_of_reviews_to_come_ruled_on_or_delayed_and_titles_published() -> None:
    for text in (
        "Safeguarding board to review death of baby in Mallowbridge",
        "High Court judge allows publication of review into girl's abuse",
        "Review into Glanmorfa sisters' deaths will take another year",
        "Social worker struck off over failings exposed by Baby Noah review",
        "Covid delays publication of three case reviews",
        "Review to examine how Ferncroft Academy handled abuse claims",
    ):
        assert find_doc_type(text) == "other", text
    text = "National panel publishes 'Unseen in the home: babies harmed by a parent's partner'"
    assert quoted_title(text) == "Unseen in the home"
    from harvester.metadata.settings_named import institution_subject

    assert institution_subject("Review: Netherwick Amateur Swimming Club") == (
        "Netherwick Amateur Swimming Club"
    )
    assert not is_name("Political") and not is_name("Revealed")


def test_settings_named_in_full() -> None:
    from harvester.metadata.settings_named import institution_subject

    assert institution_subject(
        "Serious Case Review\nAbbotsmoor Church of England Junior School"
    ) == ("Abbotsmoor Church of England Junior School")
    assert institution_subject("in respect of Meadowbank Fostering Services") == (
        "Meadowbank Fostering Services"
    )


def test_a_card_headed_by_a_practice_issue_a_learning_review_looked_at() -> None:
    heading = "Pre-birth assessment where parents have previously had children removed"
    line = "Published: 11.10.2022 – a review of practice across four families"
    meta = infer_metadata(
        Hints(link_text="Learning review (PDF)", heading=heading, context=line), ""
    )
    assert meta.case == heading
    assert meta.doc_type == "thematic-review"
    # ... the place it was in, and the board's initials after it, are not the subject's
    subject = "Serious youth violence affecting boys aged 14 to 17"
    line = "A thematic review of five incidents."
    hints = Hints(link_text="Download the review", context=line, heading=f"{subject} in Cobbleton")
    assert infer_metadata(hints, "").case == subject
    subject = "Babies born to mothers who concealed their pregnancy"
    line = "Thematic Review, published 2022"
    hints = Hints(link_text="Full report", context=line, heading=f"{subject} – QSCP")
    assert infer_metadata(hints, "").case == subject
    # ... a child's card keeps its name
    hints = Hints(link_text="Learning review (PDF)", heading="Jacob", context="Published 2021")
    assert infer_metadata(hints, "").case == "Jacob"


def test_reviews_announced_by_subject_in_more_headlines() -> None:
    from harvester.metadata.thematic import announced_subject

    subject = "deaths of three teenagers who took their own lives"
    assert announced_subject(f"Review into the {subject} published") == subject
    assert announced_subject("Partnership publishes learning from sudden infant deaths") == (
        "sudden infant deaths"
    )
    subject = "abuse of residents at Cedar Bank children's home"
    assert announced_subject(f"Review into {subject} in Sandlowe published") == subject
    assert announced_subject("Children missing education after moving – Review published") == (
        "Children missing education after moving"
    )
    # ... not one child's death or injuries
    assert announced_subject("Review into injuries to a baby published") is None


def test_a_childs_name_on_the_title_page_over_the_listings_code() -> None:
    cover = (
        "Pont Ederyn Board\nChild Practice Review Report\nRe: Child Y (PLSCB 1/2014)\nReviewer: A B"
    )
    assert infer_metadata(Hints(link_text="", heading="PLSCB CPR 1 2014"), cover).case == "Child Y"
    cover = "Rooksby Vale Board\nSerious Case Review 2016/03\nChild U\nOverview Report"
    hints = Hints(link_text="", heading="SCR 2016-03 Overview Report.pdf")
    assert infer_metadata(hints, cover).case == "Child U"
    cover = "SERIOUS CASE REVIEW CHILD J1 AND CHILD J2 OVERVIEW REPORT\nPublished 2 October 2017"
    hints = Hints(link_text="", heading="SCR J1 J2 Overview Final Published")
    assert normalise_case(infer_metadata(hints, cover).case or "") == "Children J1 and J2"


@pytest.mark.parametrize(
    "headline, dateline",
    [
        ("Mother spared jail for infant death", "Last Updated: Monday, 23 October 2006, 15:03 GMT"),
        (
            "Tollbury's care services 'fail' baby boy",
            "2 February 2011, 09:15 | Updated: 30 March 2016",
        ),
        (
            "Agencies missed the signs, panel told",
            "Page last updated at 21:37 GMT, 11 December 2008",
        ),
    ],
)
def test_a_news_items_headline_is_not_a_reviews_title(headline: str, dateline: str) -> None:
    # a news page's item on a list of reviews: its headline names no child and no review
    hints = Hints(link_text=headline, heading="Published reviews", context=f"{headline} {dateline}")
    assert infer_metadata(hints, "").case is None


def test_a_reviews_title_beside_a_plain_date_is_still_read() -> None:
    link = "Safer Sleep Local Review Report 2022"
    for context in (None, f"{link} 12 March 2022"):
        hints = Hints(link_text=link, heading="Serious case reviews", context=context)
        assert infer_metadata(hints, "").case == "Safer Sleep"
    # the same words as a news page's headline, its time of day beside it
    hints = Hints(link_text=link, heading="Serious case reviews", context=f"{link} 14:05 GMT")
    assert infer_metadata(hints, "").case is None


def test_a_headline_over_a_lede_with_quoted_words_is_no_title() -> None:
    # (the lede quotes someone: 'say they have made "significant changes" to ...')
    headline = "Dunmarsh baby death failings spark significant changes"
    lede = (
        'Authorities in Dunmarsh say they have made "significant changes" to strengthen '
        'procedures after a baby was shaken to death following "systemic shortfalls".'
    )
    meta = infer_metadata(
        Hints(link_text=headline, heading="Published reviews", context=f"{headline} {lede}"), ""
    )
    assert (meta.case, meta.doc_type) == (None, "other")
