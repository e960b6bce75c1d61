"""What sites add to a link's words for screen readers and downloads ("(opens in new
window)", "[pdf] 512KB", "Download ..."), and a teaser's "Read more", are no part of a
document's name: every real board-page entry reads the same with them added."""

from __future__ import annotations

import pytest

from harvester.metadata.additions import (
    link_words,
    without_copy_marks,
    without_page_furniture,
    without_read_more,
    without_site_words,
)
from harvester.metadata.dates import split_leading_date
from harvester.metadata.infer import Hints, infer_metadata
from tests.hints import read
from tests.real_eval import changed_readings, half, load_entries


def test_link_words() -> None:
    assert link_words("Child W overview report (opens in new window)") == "Child W overview report"
    assert link_words("Child W briefing [pdf] 512KB") == "Child W briefing"
    assert link_words("Child W briefing (PDF) 1.2 MB") == "Child W briefing"
    assert link_words("Child W summary PDF, 340 KB") == "Child W summary"
    assert link_words("Child W summary (link is external)") == "Child W summary"
    assert (
        link_words("Download Jacob – Board Report – May 2021") == "Jacob – Board Report – May 2021"
    )
    # ("Download the report" says only what the link does: the words stay for what reads it)
    assert link_words("Download the report") == "Download the report"
    assert link_words("Download") == "Download"
    # (a review's own word is kept: "PDF" is no part of these)
    assert link_words("Child W: learning from a PDF-heavy site") == (
        "Child W: learning from a PDF-heavy site"
    )


def test_read_more() -> None:
    assert without_read_more("Published 3 May 2021 Read more") == "Published 3 May 2021"
    assert without_read_more("The board published its review… Continue reading »") == (
        "The board published its review"
    )
    assert without_read_more("Read more about the review of Child W") == (
        "Read more about the review of Child W"
    )


def test_a_date_set_before_a_title() -> None:
    assert split_leading_date("12 March 2019 – Child W overview report") == (
        "12 March 2019",
        "Child W overview report",
    )
    assert split_leading_date("3rd Feb, 2020 | Baby Q") == ("3rd Feb, 2020", "Baby Q")
    assert split_leading_date("12/03/2019: Baby Q") == ("12/03/2019", "Baby Q")
    # (and a mark after a title is no part of it)
    assert infer_metadata(Hints(heading="Child Pip overview report:"), "").case == "Child Pip"
    # (a date after the title, or a date alone, is no date before one)
    assert split_leading_date("Child W – March 2019") == ("", "Child W – March 2019")
    assert split_leading_date("May 2019") == ("", "May 2019")
    meta = infer_metadata(Hints(heading="12 March 2019 – Safer sleep: learning brief"), "")
    assert (meta.case, meta.year, meta.doc_type) == ("Safer sleep", 2019, "learning-brief")
    meta = infer_metadata(Hints(link_text="4 June 2021 - Child Pip overview report"), "")
    assert (meta.case, meta.year) == ("Child Pip", 2021)
    # a national collection's entry line is read whole, its place with it
    meta = infer_metadata(Hints(link_text="March 2016 – Anytown – Child XY"), "")
    assert (meta.case, meta.year) == ("Child XY", 2016)


def test_what_a_titles_end_says_of_its_copy() -> None:
    assert without_copy_marks("Child W overview report v2 (redacted)") == "Child W overview report"
    assert without_copy_marks("Neglect: learning from case reviews - Final") == (
        "Neglect: learning from case reviews"
    )
    assert without_copy_marks("Child W briefing (Easy Read)") == "Child W briefing (Easy Read)"
    assert without_copy_marks("Child W summary (Welsh version)") == "Child W summary"
    # ("Final Report" names the document)
    assert without_copy_marks("Child W Final Report") == "Child W Final Report"
    meta = infer_metadata(Hints(heading="Cultural Consciousness 7MB, 2023 - Final"), "")
    assert (meta.case, meta.year, meta.doc_type) == (
        "Cultural Consciousness",
        2023,
        "learning-brief",
    )


def test_an_area_or_a_general_heading_names_no_case() -> None:
    meta = infer_metadata(
        Hints(link_text="Lambeth Serious Case Review - 2016 (PPTX, 144.2 KB)"), ""
    )
    assert (meta.case, meta.doc_type) == (None, "learning-brief")
    meta = infer_metadata(Hints(link_text="Case Review Summaries and Key Themes - 2016"), "")
    assert meta.case is None


def test_a_news_pages_label_and_its_sites_name() -> None:
    assert without_site_words("Breaking: Review into Baby Q published") == (
        "Review into Baby Q published"
    )
    assert without_site_words("Child W review published | Society | The Guardian") == (
        "Child W review published"
    )
    assert without_site_words("Child W review published - Anytown Echo") == (
        "Child W review published"
    )
    # ("Opinion:" says what the item is; a kind after a bar is the document's)
    assert without_site_words("Opinion: lessons of the Child W review") == (
        "Opinion: lessons of the Child W review"
    )
    assert without_site_words("Child W | Overview report") == "Child W | Overview report"
    meta = infer_metadata(Hints(heading="WATCH: Jaiden – July 2016 | Anytown Council"), "")
    assert (meta.case, meta.year) == ("Jaiden", 2016)


def test_a_page_s_furniture_beside_an_entry_is_no_part_of_it() -> None:
    assert without_page_furniture("Baby Robert Opens in a new window") == "Baby Robert"
    assert without_page_furniture("Khloe Ashby Share this: Facebook X Email") == "Khloe Ashby"
    assert without_page_furniture("Published 2 May 2019 Tags: neglect, SCR") == (
        "Published 2 May 2019"
    )
    # (a sentence about sharing is kept)
    assert without_page_furniture("Agencies should share information") == (
        "Agencies should share information"
    )
    meta = read(
        link="Serious case review published",
        heading="News",
        context="The review into the death of Baby Robert Opens in a new window",
    )
    assert meta.case == "Baby Robert"


def test_a_link_that_opens_in_a_new_window_names_its_child() -> None:
    meta = infer_metadata(Hints(link_text="Learning brief - Child Lark (opens in new window)"), "")
    assert meta.case == "Child Lark"
    assert meta.doc_type == "learning-brief"


NOISE = (
    ("new window", {"link_text": lambda t: f"{t} (opens in new window)"}),
    ("file badge", {"link_text": lambda t: f"{t} [pdf] 512KB"}),
    ("download", {"link_text": lambda t: f"Download {t}"}),
    ("read more", {"context": lambda t: f"{t} Read more".strip()}),
    ("date before", {"entry": lambda t: f"12 March 2019 - {t}"}),
    ("copy marks", {"entry": lambda t: f"{t} v2 (redacted)"}),
    ("accessible", {"entry": lambda t: f"{t} (accessible version)"}),
    ("news label", {"entry": lambda t: f"Breaking: {t}"}),
    ("site's name", {"entry": lambda t: f"{t} | Society | The Guardian"}),
    ("screen reader", {"context": lambda t: f"{t} Opens in a new window".strip()}),
    ("sharing", {"context": lambda t: f"{t} Share this page: Facebook Twitter Email".strip()}),
    ("tags", {"context": lambda t: f"{t} Tags: safeguarding, reviews".strip()}),
)


@pytest.mark.parametrize("name, change", NOISE, ids=[name for name, _ in NOISE])
def test_real_entries_read_the_same_with_a_sites_additions(name, change) -> None:
    field = next(iter(change))
    entries = [
        e
        for e in load_entries()
        # (the tune half: the held-out half's texts are not read while rules are written)
        if half(e) == "tune"
        and e["kind"] == "board-page"
        and (field != "link_text" or e.get("link_text"))
    ]
    assert len(entries) > 40

    def noisy(entry: dict) -> dict:
        varied = {**entry, field: change[field](entry.get(field) or "")}
        if entry.get("entry") == entry.get("link_text") and field in ("entry", "link_text"):
            # (a link that is its list's entry carries what the site added in both)
            varied["entry"] = varied["link_text"] = varied[field]
        return varied

    # (a date set before the title is the entry's date: its year may be new)
    fields = ("case", "doc_type") if name == "date before" else ("case", "doc_type", "year")
    changed = changed_readings(entries, noisy, fields)
    assert not changed, changed


@pytest.mark.parametrize("link", ["Download", "Read more", "Click here", "Download (PDF, 1.2MB)"])
@pytest.mark.parametrize(
    ("heading", "case"),
    [
        (
            "Report: Eastmere Safeguarding Children Partnership – Lucy Hartwell Learning Review",
            "Lucy Hartwell",
        ),
        ("Key messages from Child in Need review", "Child in Need"),
        (
            "Child Safeguarding Practice Review – responding to neglect of teenagers",
            "responding to neglect of teenagers",
        ),
    ],
)
def test_a_heading_over_a_bare_link_names_its_document_as_the_link_would(
    link: str, heading: str, case: str
) -> None:
    alone = read(link=heading, heading="Published reviews", context="June 2022")
    under = read(link=link, heading=heading, context="June 2022")
    assert alone.case == under.case == case
    assert alone.doc_type == under.doc_type


def test_the_line_beside_a_bare_link_still_says_what_the_file_is() -> None:
    meta = read(
        link="Download",
        heading="Baby Ellis – Serious Case Review overview report",
        context="Briefing – 2 page practitioner briefing, March 2012",
    )
    assert (meta.case, meta.doc_type) == ("Baby Ellis", "learning-brief")
