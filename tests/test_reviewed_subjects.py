"""A review, an inquiry or an audit a headline or a title page names in passing, by its
subject in small letters ("Chair to lead national review of child deaths in ..."), when
nothing else names the case; and the lines where such words name no subject: children a
news item counts, a setting, a review's own title before its kind."""

from __future__ import annotations

import pytest

from tests.hints import read


@pytest.mark.parametrize(
    ("heading", "context", "subject"),
    [
        (
            "Independent chair appointed to lead national review of child deaths in "
            "supported lodgings",
            "Press release – From: Department for Education – Published 12 May 2023",
            "child deaths in supported lodgings",
        ),
        (
            "Ofsted’s review of safeguarding in unregistered tutoring centres published today",
            "Press release · From: Ofsted · Published 3 June 2019",
            "safeguarding in unregistered tutoring centres",
        ),
        (
            "Ministers order national inquiry into kinship placements",
            "Marwell Evening Post · 14 January 2021",
            "kinship placements",
        ),
        (
            "National inquiry into kinship placements to begin in spring",
            "Marwell Evening Post · 14 January 2021",
            "kinship placements",
        ),
        # (a group's possessive is part of the subject; a delay is not)
        (
            "National review of children’s respite homes pushed back again",
            "News · 2 February 2024",
            "children’s respite homes",
        ),
        # (a document about the review before it is no title of its own)
        (
            "Terms of reference – national review of child deaths in supported lodgings",
            "Guidance · Published 15 March 2023",
            "child deaths in supported lodgings",
        ),
        # (an investigation is a review too; its report is no part of its subject)
        (
            "Investigation into safeguarding in supported lodgings finds repeated failings",
            "Marwell Evening Post · 9 May 2022",
            "safeguarding in supported lodgings",
        ),
        (
            "National review of care planning for disabled children report published",
            "News · 3 October 2023",
            "care planning for disabled children",
        ),
    ],
)
def test_a_headline_names_a_review_by_its_subject(heading: str, context: str, subject: str) -> None:
    meta = read(heading=heading, context=context)
    assert (meta.case or "").lower() == subject


@pytest.mark.parametrize(
    ("cover", "subject"),
    [
        (
            "Pellam Report\nSector expert review of regional fostering panels\nApril 2022",
            "regional fostering panels",
        ),
        (
            "Welsh Government\nIndependent review of safeguarding in residential respite "
            "services for disabled children\nMawrth / March 2021",
            "safeguarding in residential respite services for disabled children",
        ),
    ],
)
def test_a_title_page_review_of_a_subject_is_thematic(cover: str, subject: str) -> None:
    meta = read(cover=cover)
    assert (meta.case or "").lower() == subject
    assert meta.doc_type == "thematic-review"


@pytest.mark.parametrize(
    "heading",
    [
        # children the item counts or describes
        "Review of neglect of two sisters in Marwell will be published next month",
        "Council apologises after review into drowning of a toddler in a garden pond",
        "Board to hold review into sexual exploitation of a 15-year-old",
        # a setting, read by its own rules
        "Inquiry into abuse at Hollins Lane riding school delayed again",
        # what a review looked at, not what it is about
        "Partnership accepts findings after review of events leading to conviction",
        # one body's handling of a matter
        "Joint investigation into the handling of safeguarding in schools in Marwell",
    ],
)
def test_children_counted_and_settings_are_no_subject(heading: str) -> None:
    meta = read(heading=heading, context="Published 2 March 2022")
    case = (meta.case or "").lower()
    assert not case.startswith(
        ("neglect of", "drowning", "sexual exploitation", "events", "handling")
    )
    assert "abuse at" not in case


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "No way home – a national review of children placed far from their families",
            "children placed far from their families",
        ),
        (
            "Keeping faith – the joint inspectorates’ review of supplementary schools",
            "supplementary schools",
        ),
        (
            "Local briefing – ‘Nobody’s turn’: national review of young carers at risk",
            "young carers at risk",
        ),
    ],
)
def test_a_reviews_own_title_before_its_kind_is_not_overruled(heading: str, subject: str) -> None:
    meta = read(link="Briefing (PDF)", heading=heading, context="Published March 2024")
    assert (meta.case or "").lower() != subject


@pytest.mark.parametrize(
    ("heading", "link", "cover", "setting"),
    [
        (
            "Learning review: Plover Ward, Ashcombe General Hospital",
            "Learning brief",
            "",
            "Plover Ward, Ashcombe General Hospital",
        ),
        (
            "Kittiwake House – Serious Case Review",
            "Overview report",
            "Fenmarsh Safeguarding Children Board\nSerious Case Review\nKittiwake House\n"
            "Residential Children's Home\nOverview Report\nPublished March 2015",
            "Kittiwake House Residential Children's Home",
        ),
        (
            "Brambleford Amateur Rowing Club – learning review",
            "Download",
            "Fenmarsh Safeguarding Children Partnership\nBrambleford Amateur\nRowing Club\n"
            "Learning Review\nOverview Report\nPublished 2 May 2021",
            "Brambleford Amateur Rowing Club",
        ),
    ],
)
def test_a_setting_is_named_in_full(heading: str, link: str, cover: str, setting: str) -> None:
    meta = read(link=link, heading=heading, context="Published 2021", cover=cover)
    assert meta.case == setting


@pytest.mark.parametrize(
    ("heading", "cover", "case"),
    [
        # a child whose review's next line names an agency
        (None, "SERIOUS CASE REVIEW\nIMR re: Child T\nAgency: Fenmarsh Council", "Child T"),
        # the kind of review before a setting is no part of its name
        ("Serious Case Review Little Robins Nursery", "", "Little Robins Nursery"),
    ],
)
def test_a_setting_is_not_lengthened_by_its_neighbours(
    heading: str | None, cover: str, case: str
) -> None:
    meta = read(link="Report", heading=heading, context="Published 2014", cover=cover)
    assert meta.case == case


@pytest.mark.parametrize(
    ("cover", "subject"),
    [
        (
            "Care Quality Commission\nSafeguarding children in NHS dental practices\n"
            "A review of arrangements\nMay 2010",
            "Safeguarding children in NHS dental practices",
        ),
        (
            "Department for Education and Skills\nSafeguarding children in youth clubs: a "
            "national review\nResearch Report RR802\nApril 2007",
            "Safeguarding children in youth clubs",
        ),
    ],
)
def test_a_national_bodys_title_page_naming_no_child_is_a_national_review(
    cover: str, subject: str
) -> None:
    meta = read(cover=cover)
    assert meta.doc_type == "thematic-review"
    assert meta.case == subject


def test_an_inspection_of_one_councils_services_is_no_national_review() -> None:
    meta = read(
        link="Read the inspection report",
        cover="Care Inspectorate Wales\nPerformance Evaluation Inspection\n"
        "Glanhafren County Council Children's Services\nPublished: 4 June 2022",
    )
    assert meta.doc_type != "thematic-review"


@pytest.mark.parametrize(
    ("cover", "case"),
    [
        (
            "Adolygiad Thematig\nThematic Review\nPlant sy'n wynebu risg o gamfanteisio "
            "ar-lein\nChildren at risk of online exploitation\nBwrdd Diogelu Plant "
            "Rhanbarthol Glyndyfrdwy\nGlyndyfrdwy Regional Safeguarding Children Board\n"
            "Mai 2020\nMay 2020",
            "Children at risk of online exploitation",
        ),
        (
            "Sesiwn Friffio 7 Munud\n7 Minute Briefing\nEsgeulustod\nNeglect\nBwrdd Diogelu "
            "Plant Glyndyfrdwy\nGlyndyfrdwy Safeguarding Children Board\nMedi 2018\n"
            "September 2018",
            "Neglect",
        ),
    ],
)
def test_a_bilingual_title_page_gives_its_case_in_english(cover: str, case: str) -> None:
    assert read(cover=cover).case == case


def test_a_settings_welsh_name_stays_as_it_is() -> None:
    cover = (
        "Bwrdd Diogelu Plant Glyndyfrdwy\nGlyndyfrdwy Safeguarding Children Board\n"
        "Adolygiad Ymarfer Plant Estynedig\nExtended Child Practice Review\n"
        "Clwb Ieuenctid Pen-y-bryn\nOverview Report\nIonawr 2019 / January 2019"
    )
    assert read(cover=cover).case == "Clwb Ieuenctid Pen-y-bryn"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        (
            "Historic Residential Care Abuse Inquiry report published",
            "historic residential care abuse",
        ),
        ("Independent Marwell Fostering Inquiry Report", "marwell fostering"),
        ("The boarding schools investigation report", "boarding schools"),
    ],
)
def test_an_inquiry_named_by_its_subject_before_it(heading: str, subject: str) -> None:
    meta = read(heading=heading, context="Published 2017")
    assert (meta.case or "").lower() == subject


def test_sex_is_no_childs_name() -> None:
    meta = read(heading="Independent Review into Child Sex Abuse Claims in Rugby Clubs.")
    assert meta.case != "Child Sex"


@pytest.mark.parametrize(
    ("link", "heading", "context", "subject"),
    [
        (
            "Teenage Sexting Thematic Report – 12 March 2016 – Archived May 2018 *",
            "Published Serious Case Reviews & learning reports",
            None,
            "teenage sexting",
        ),
        (
            "Download the full report",
            "Safeguarding in residential special schools – thematic report",
            "Thematic Report · Published: 14/03/2018 · Estyn",
            "safeguarding in residential special schools",
        ),
    ],
)
def test_a_thematic_report_is_named_by_its_subject(
    link: str, heading: str, context: str | None, subject: str
) -> None:
    assert (read(link=link, heading=heading, context=context).case or "").lower() == subject


def test_the_inspectorate_before_a_thematic_report_is_not_its_subject() -> None:
    meta = read(
        link="Executive summary (PDF, 180 KB)",
        heading="‘Nobody’s turn’: help for young carers after a plan ends",
        context="Ofsted thematic report | 2017-03-02",
    )
    assert meta.case != "Ofsted"


@pytest.mark.parametrize(
    ("heading", "subject"),
    [
        ("Isolated Teenagers Review Report 2020", "Isolated Teenagers"),
        ("Vulnerable Adolescent Review", "Vulnerable Adolescent"),
    ],
)
def test_a_groups_review_report_is_a_thematic_review(heading: str, subject: str) -> None:
    meta = read(heading=heading, context="Published 2020")
    assert meta.case == subject
    assert meta.doc_type == "thematic-review"


def test_the_title_a_link_repeats_before_its_kind_names_the_review() -> None:
    meta = read(
        link="Quiet corners – full report (PDF, 1.8MB)",
        heading="Quiet corners: how schools respond when pupils disclose abuse",
        context="Publication type: Thematic inspection | Published 3 May 2019 | Estyn",
    )
    assert meta.case == "Quiet corners"


def test_a_review_of_arrangements_is_a_thematic_review() -> None:
    meta = read(
        heading="We have published a joint rapid review of fostering arrangements in Wales",
        context="12 May 2022 • News",
    )
    assert (meta.case, meta.doc_type) == ("fostering arrangements", "thematic-review")
