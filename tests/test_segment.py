"""Segmentation: pages -> sections -> lessons, recommendations, summaries and passages."""

from __future__ import annotations

import re
import textwrap

import pytest

from harvester.extract import extract
from harvester.headings import section_kind
from harvester.pages import strip_running_lines
from harvester.segment import PASSAGE_CHARS, segment
from tests.documents import make_pdf

HEADER = "Fenmarsh Safeguarding Children Board - Serious Case Review: Child J"
FOOTER = "OFFICIAL - SENSITIVE"


def report_pages() -> list[list[str]]:
    """A four-page overview report as lines, with a running header and footer."""
    body = [
        [
            "Serious Case Review",
            "Child J",
            "Overview Report",
            "Date of publication: July 2015",
        ],
        [
            "1. Introduction",
            "1.1 This review was commissioned by the board after Child J, aged 14 weeks,",
            "was admitted to hospital with a fractured femur and bruising to the face.",
            "1.2 The review covers the period from the pregnancy to the admission.",
            "2. Family background",
            "Child J lived with her mother and her mother's partner in a rented flat. The",
            "family had moved three times in the year before the admission.",
        ],
        [
            "5. Lessons learned",
            "5.1 Bruising in a non-mobile baby must always prompt a referral to children's",
            "social care and a paediatric assessment on the same day.",
            "5.2 Professionals did not ask who else lived in the household, and the mother's",
            "partner was not known to the health visitor until after the",
        ],
        [
            "admission of Child J to hospital.",
            "5.3 Information held by the police was not shared at the strategy discussion.",
            "Recommendations",
            "Recommendation 1: The board should audit the use of the bruising protocol.",
            "Recommendation 2: Health visitors should record every adult in the household.",
        ],
    ]
    return [
        [HEADER, *lines, f"Page {number} of {len(body)}", FOOTER]
        for number, lines in enumerate(body, start=1)
    ]


def as_text(pages: list[list[str]]) -> list[str]:
    return ["\n".join(lines) for lines in pages]


def by_kind(segments, kind):
    return [s for s in segments if s.kind == kind]


def test_running_header_footer_and_page_numbers_are_removed():
    stripped = strip_running_lines(as_text(report_pages()))
    assert len(stripped) == 4
    for page in stripped:
        assert HEADER not in page
        assert FOOTER not in page
        assert not re.search(r"Page \d of 4", page)
    assert (
        stripped[0]
        == "Serious Case Review\nChild J\nOverview Report\nDate of publication: July 2015"
    )
    assert stripped[3].startswith("admission of Child J to hospital.")


VISITS = [
    "The school nurse saw Child K in the autumn term.",
    "Child K missed eleven days of school before half term.",
    "The head of year made a referral to children's social care.",
    "A strategy discussion was held without the school.",
    "Child K moved to live with her grandmother.",
]


def test_running_lines_with_changing_numbers_are_removed():
    pages = [
        f"Child K Overview Report | {n}\n{text}\n{n}" for n, text in enumerate(VISITS, start=1)
    ]
    assert strip_running_lines(pages) == VISITS


def test_short_documents_only_lose_page_numbers():
    pages = ["Child P leaflet\nKey learning\n1", "Share information early.\nPage 2"]
    assert strip_running_lines(pages) == [
        "Child P leaflet\nKey learning",
        "Share information early.",
    ]


def test_numbered_lessons_are_one_item_each_with_their_page():
    segments = segment(as_text(report_pages()))
    lessons = by_kind(segments, "lesson")
    assert [s.text[:3] for s in lessons] == ["5.1", "5.2", "5.3"]
    assert [s.page for s in lessons] == [3, 3, 4]
    assert all(s.section == "5. Lessons learned" for s in lessons)
    assert lessons[0].text == (
        "5.1 Bruising in a non-mobile baby must always prompt a referral to children's "
        "social care and a paediatric assessment on the same day."
    )


def test_item_continued_across_a_page_break_stays_one_item_on_its_first_page():
    lessons = by_kind(segment(as_text(report_pages())), "lesson")
    continued = lessons[1]
    assert continued.text == (
        "5.2 Professionals did not ask who else lived in the household, and the mother's "
        "partner was not known to the health visitor until after the admission of Child J "
        "to hospital."
    )
    assert continued.page == 3
    assert not any(s.text.startswith("admission") for s in segment(as_text(report_pages())))


def test_recommendations_are_recommendation_items():
    recommendations = by_kind(segment(as_text(report_pages())), "recommendation")
    assert [s.text for s in recommendations] == [
        "Recommendation 1: The board should audit the use of the bruising protocol.",
        "Recommendation 2: Health visitors should record every adult in the household.",
    ]
    assert {s.section for s in recommendations} == {"Recommendations"}
    assert {s.page for s in recommendations} == {4}


def test_cover_summary_and_order():
    segments = segment(as_text(report_pages()))
    assert [s.order for s in segments] == list(range(len(segments)))
    cover = segments[0]
    # The cover's short title-case lines read as headings; its dated line is the text.
    assert (cover.page, cover.section, cover.kind) == (1, "Overview Report", "passage")
    assert cover.text == "Date of publication: July 2015"
    [summary] = by_kind(segments, "summary")
    assert summary.section == "2. Family background"
    assert summary.text.startswith("Child J lived with her mother")
    [introduction] = [s for s in segments if s.section == "1. Introduction"]
    assert introduction.kind == "passage"
    assert introduction.text.startswith("1.1 This review was commissioned")
    assert introduction.text.endswith("from the pregnancy to the admission.")


def test_running_lines_never_reach_the_items():
    for item in segment(as_text(report_pages())):
        assert "OFFICIAL" not in item.text
        assert "Fenmarsh Safeguarding Children Board -" not in item.text
        assert not re.search(r"Page \d of 4", item.text)


def test_a_real_pdf_segments_the_same_way():
    extracted = extract(make_pdf(report_pages()))
    assert extracted.ok
    lessons = by_kind(segment(extracted.pages), "lesson")
    assert [(s.text[:3], s.page) for s in lessons] == [("5.1", 3), ("5.2", 3), ("5.3", 4)]
    assert lessons[1].text.endswith("until after the admission of Child J to hospital.")


def test_leaflet_bullets_and_questions_are_lessons():
    page = textwrap.dedent(
        """\
        Child T Professionals Leaflet
        Highlighting lessons from Child T (May 2012)

        What happened

        Child T was two years old when he was admitted to hospital with a head injury.

        Key learning

        \u2022 Ask who lives in the household and who cares for the child.
        \u2022 Consider the impact of parental mental health on the care of a toddler.

        Questions for practitioners

        - How do you find out about new adults in a child's life?
        - What would you do if a parent refused a home visit?
        """
    )
    segments = segment([page])
    assert [(s.kind, s.section) for s in segments] == [
        ("passage", "Child T Professionals Leaflet"),
        ("summary", "What happened"),
        ("lesson", "Key learning"),
        ("lesson", "Key learning"),
        ("lesson", "Questions for practitioners"),
        ("lesson", "Questions for practitioners"),
    ]
    assert "parental mental health" in segments[3].text
    assert segments[5].text.endswith("refused a home visit?")


def sentence(n: int) -> str:
    return (
        f"During contact {n} the social worker saw the children at home and recorded that "
        f"the home conditions were poor and that the mother was tired and withdrawn."
    )


def wrap(paragraph: str) -> list[str]:
    return textwrap.wrap(paragraph, width=88)


def test_body_text_becomes_passages_cut_only_between_paragraphs():
    paragraphs = [" ".join(sentence(10 * p + s) for s in range(1 + p % 3)) for p in range(14)]
    # One paragraph that is longer than a passage on its own.
    paragraphs.insert(6, " ".join(sentence(200 + s) for s in range(8)))
    assert len(paragraphs[6]) > PASSAGE_CHARS
    lines = ["3. Agency Involvement"]
    for paragraph in paragraphs:
        lines.extend(wrap(paragraph))
        lines.append("")
    passages = segment(["\n".join(lines)])
    assert passages, "the body becomes passages"
    assert {s.kind for s in passages} == {"passage"}
    assert {s.section for s in passages} == {"3. Agency Involvement"}
    longest_paragraph = max(len(p) for p in paragraphs)
    for passage in passages:
        assert len(passage.text) <= max(PASSAGE_CHARS, longest_paragraph)
        assert passage.text.endswith("withdrawn."), passage.text[-40:]
        assert passage.text.startswith("During contact")
    # Only the long paragraph is allowed past the passage size, and nothing is lost.
    assert sum(len(p.text) > PASSAGE_CHARS for p in passages) == 1
    assert " ".join(p.text for p in passages) == " ".join(paragraphs)
    assert len(passages) > 3


def test_tiny_fragments_are_not_items():
    segments = segment(["Key learning\n\nYes.\n\nAsk who lives in the household every time."])
    assert [s.text for s in segments] == ["Ask who lives in the household every time."]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("4. Findings", "lesson"),
        ("Key learning", "lesson"),
        ("Lessons learned", "lesson"),
        ("Learning points for practitioners", "lesson"),
        ("Questions for practitioners", "lesson"),
        ("What can practitioners do?", "lesson"),
        ("Summary of findings", "lesson"),
        ("Recommendations", "recommendation"),
        ("7. Recommendations for the Board", "recommendation"),
        ("Family background", "summary"),
        ("Executive summary", "summary"),
        ("What happened", "summary"),
        ("Methodology", "passage"),
        ("Terms of reference", "passage"),
        ("Section 3 Agency involvement", "passage"),
        (None, "passage"),
        ("", "passage"),
    ],
)
def test_section_kind(heading, kind):
    assert section_kind(heading) == kind


# -- line-end hyphens -------------------------------------------------------------------------


def test_a_word_broken_at_a_line_end_is_joined_when_the_document_writes_it_whole():
    from harvester.extract import normalise_page

    page = normalise_page(
        "The safe-\nguarding partnership met. Safeguarding is everyone's business.\n"
        "The multi-\nagency panel and a non-\nmobile baby; an assess-\nment was late."
    )
    assert "safeguarding partnership" in page
    assert "multi-agency panel" in page and "non-mobile baby" in page
    assert "assessment was late" in page


def test_pdfium_hyphen_marks_are_resolved_and_the_lost_space_put_back():
    from harvester.extract import normalise_page

    # pdfium joins the lines itself and marks the hyphen with "\x02"; at the end of the line
    # it joined it can lose the space before the next column.
    page = normalise_page(
        "The health visitor was not told of the non\x02attendance by the visitorDental"
    )
    assert page == "The health visitor was not told of the non-attendance by the visitor Dental"


def test_a_hyphen_the_page_cannot_decide_is_decided_by_the_whole_document():
    from harvester.extract import normalise_page

    pages = [
        normalise_page("Lessons learned\n\nThe chron-\nology was never started by any agency."),
        normalise_page("Recommendations\n\nA chronology should start at the first referral."),
        normalise_page("Glossary\n\nA child-\ncentred plan is one written around the child."),
    ]
    text = " ".join(s.text for s in segment(pages))
    assert "The chronology was never started" in text
    assert "child-centred plan" in text
    assert "\u2010" not in text


# -- headings without numbers or levels ---------------------------------------------------------

FINDINGS_PDF = [
    [
        "Thematic review",
        "Babies and the men in their lives",
        "Published by the Partnership in March 2022.",
    ],
    [
        "Findings",
        "This section sets out what the review learned from the four cases that it considered",
        "in detail with practitioners and managers.",
        "Services are built around mothers",
        "Antenatal appointments and baby clinics take place in the working day and are arranged",
        "with the mother, and the father's details are often left blank on the forms.",
        "Fathers told the review that they felt like visitors at appointments about their own",
        "children.",
        "Nobody asked who cares for the baby at night",
        "In every case the man was looking after the baby for long periods, often at night, and",
        "none of the practitioners knew this until after the baby was harmed.",
        "Conclusion",
        "These babies were harmed by men who were invisible to the services around them, in",
        "ways that national reviews have described for many years.",
    ],
]


def test_sentence_case_sub_headings_of_findings_are_lesson_titles():
    segments = segment(as_text(FINDINGS_PDF))
    lessons = by_kind(segments, "lesson")
    assert [s.section for s in lessons] == [
        "Services are built around mothers",
        "Nobody asked who cares for the baby at night",
    ]
    # The text under a lesson's own title is one lesson; the section's introduction and
    # the conclusion are passages.
    assert lessons[0].text.startswith("Antenatal appointments")
    assert lessons[0].text.endswith("about their own children.")
    [intro] = [s for s in segments if s.section == "Findings"]
    assert intro.kind == "passage"
    [conclusion] = [s for s in segments if s.section == "Conclusion"]
    assert conclusion.kind == "passage"
    cover = segments[0]
    assert cover.section == "Babies and the men in their lives"
    assert cover.text == "Published by the Partnership in March 2022."


def test_a_recommendation_label_on_its_own_line_names_one_item():
    page = textwrap.dedent(
        """\
        Recommendations to the Board
        The review makes the following recommendations, all accepted by the Board.
        Recommendation 1
        The Board should require a chronology whenever a child is referred for the third time.
        Recommendation 2
        The Board should launch a neglect strategy which should:
        • introduce a single assessment tool for neglect;
        • describe how practitioners can escalate a concern.
        """
    )
    segments = segment([page])
    recommendations = by_kind(segments, "recommendation")
    assert [(s.section, s.text[:30]) for s in recommendations] == [
        ("Recommendation 1", "The Board should require a chr"),
        ("Recommendation 2", "The Board should launch a negl"),
    ]
    assert recommendations[1].text.endswith("escalate a concern.")
    assert segments[0].kind == "passage"  # "The review makes the following recommendations"


def test_a_lead_in_is_not_an_item():
    page = textwrap.dedent(
        """\
        5. Recommendations
        5.1 The review makes three recommendations to the Board.
        (a) The Board should audit the use of the bruising protocol.
        (b) Health visitors should record every adult in the household.
        (c) The police should share every domestic abuse notification.
        """
    )
    segments = segment([page])
    assert [s.kind for s in segments] == ["passage"] + ["recommendation"] * 3
    assert segments[1].text.startswith("(a) The Board should audit")


# -- running lines and tables ---------------------------------------------------------------------


def test_a_footer_on_both_pages_of_a_two_page_leaflet_is_removed():
    footer = "Kestrel Bay Safeguarding Children Partnership | 7 Minute Briefing | Page {} of 2"
    pages = [
        [footer.format(1), "1. Background", "Baby E was four months old when she was injured."],
        [footer.format(2), "5. Questions", "• Do I know where to find the bruising protocol?"],
    ]
    for item in segment(as_text(pages)):
        assert "Kestrel Bay" not in item.text


def test_action_plan_rows_keep_their_status_and_date_cells():
    page = textwrap.dedent(
        """\
        Action plan
        No. Recommendation Action Lead agency Timescale RAG
        1 Re-launch the bruising protocol Revised protocol issued to all
        agencies and practices
        Named GP
        September
        2015
        Green
        2 Audit referrals of bruised babies Multi-agency audit of all
        referrals under the protocol
        Quality Assurance
        Sub-Group
        March 2016 Green
        Progress notes
        The audit found that referrals had trebled since the protocol was re-launched.
        """
    )
    segments = segment([page], row_kind="recommendation")
    rows = by_kind(segments, "recommendation")
    assert [s.text[:2] for s in rows] == ["1 ", "2 "]
    assert rows[0].text.endswith("Named GP September 2015 Green")
    assert rows[1].text.endswith("Sub-Group March 2016 Green")
    assert {s.section for s in rows} == {"Action plan"}
    assert [s.kind for s in segments if s.section == "Progress notes"] == ["passage"]


# -- what an item reads like on its own -----------------------------------------------------------


def test_bullets_and_list_semicolons_are_cleaned_from_items():
    page = textwrap.dedent(
        """\
        Recommendations

        The Board should:

        \u2022 re-launch the protocol for bruising in non-mobile babies;
        - audit referrals of bruised babies within twelve months;
        \u2013 receive regular reports on health visitor caseloads.

        Key learning

        * Ask who lives in the household and who cares for the baby;
        """
    )
    items = [s for s in segment([page]) if s.kind in ("lesson", "recommendation")]
    assert [s.text for s in items] == [
        "re-launch the protocol for bruising in non-mobile babies.",
        "audit referrals of bruised babies within twelve months.",
        "receive regular reports on health visitor caseloads.",
        "Ask who lives in the household and who cares for the baby.",
    ]
    assert [s.kind for s in items] == ["recommendation"] * 3 + ["lesson"]


@pytest.mark.parametrize(
    "response",
    [
        "The Board has accepted all of the recommendations. Its action plan is published.",
        "The LSCB accepts the recommendations in full and will report on progress each year.",
        "The Fenmarsh Safeguarding Children Partnership has accepted these recommendations.",
        "The safeguarding partners have agreed to the recommendations and set up a group.",
    ],
)
def test_a_boards_response_among_the_recommendations_is_a_passage(response: str) -> None:
    page = textwrap.dedent(
        f"""\
        5. Recommendations

        5.1 The Board should audit the use of the bruising protocol in every GP practice.

        5.2 {response}

        5.3 The Board should make sure schools can make referrals by telephone.
        """
    )
    segments = segment([page])
    assert [(s.kind, s.text[:24]) for s in segments] == [
        ("recommendation", "5.1 The Board should aud"),
        ("passage", f"5.2 {response}"[:24]),
        ("recommendation", "5.3 The Board should mak"),
    ]


def test_a_recommendation_to_accept_something_stays_a_recommendation() -> None:
    page = textwrap.dedent(
        """\
        Recommendations

        Recommendation 1: The Board should accept the recommendations of the audit of referrals.

        Recommendation 2: The Partnership should review its escalation policy within a year.
        """
    )
    assert [s.kind for s in segment([page])] == ["recommendation", "recommendation"]
