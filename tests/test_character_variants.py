"""The characters a page or a PDF carries that a reader does not see or does not tell apart
(zero-width spaces, soft hyphens, spaces of other widths, quotes of either kind) change
nothing of what a document is read as."""

from __future__ import annotations

import pytest

from harvester.metadata.additions import visible
from harvester.metadata.infer import Hints, infer_metadata
from harvester.metadata.text import uncap
from tests.real_eval import changed_readings, half, load_entries

FIELDS = ("entry", "link_text", "context", "cover")


def test_visible() -> None:
    assert visible("Child\u200b W\u00a0overview\u00adreport\ufeff") == "Child W overviewreport"
    # a closing quote where an opening one belongs
    assert visible("Case Review - ’Yvonne’") == "Case Review - ‘Yvonne’"
    # (an apostrophe inside or after a word stays)
    assert visible("the board’s review of Child W’s care") == "the board’s review of Child W’s care"


def test_a_pseudonym_in_either_quotes_after_a_letter() -> None:
    for quoted in ("‘Vamp’", "'Vamp'", '"Vamp"'):
        heading = f"Local Child Safeguarding Practice Review – Child M {quoted} report – July 2024"
        assert infer_metadata(Hints(heading=heading), "").case == "Child M Vamp"


def test_a_closing_quote_opening_a_pseudonym() -> None:
    assert infer_metadata(Hints(heading="Published Case Review - ’Yvonne’"), "").case == "Yvonne"


@pytest.mark.parametrize("capitals", [False, True])
def test_a_death_named_on_a_title_page_in_title_case(capitals) -> None:
    cover = (
        "Serious Case Review\nIn Respect of the Death of Keanu Williams\nBorn 11th December 2008"
    )
    cover = cover.upper() if capitals else cover
    assert infer_metadata(Hints(), cover).case == "Keanu Williams"
    twins = "Serious Case Review\nIn Respect of the Deaths of Ruby and Maisie Tolland"
    assert infer_metadata(Hints(), twins.upper() if capitals else twins).case == (
        "Ruby and Maisie Tolland"
    )
    # (deaths that name no child are a review's subject)
    group = "Serious Case Review\nThe Deaths of Young People by Suicide\nMarch 2013"
    assert infer_metadata(Hints(), group).case == "Deaths of Young People by Suicide"


VARIANTS = (
    ("zero-width", lambda t: t.replace("Child ", "Child\u200b ").replace("Review", "Re\u00adview")),
    ("no-break spaces", lambda t: t.replace(" ", "\u00a0")),
    ("byte-order mark", lambda t: "\ufeff" + t),
)


@pytest.mark.parametrize("name, change", VARIANTS, ids=[name for name, _ in VARIANTS])
def test_real_entries_read_the_same_whatever_their_invisible_characters(name, change) -> None:
    # (the tune half: the held-out half's texts are not read while rules are written)
    entries = [e for e in load_entries() if half(e) == "tune"]
    assert len(entries) > 300
    changed = changed_readings(
        entries, lambda entry: {**entry, **{f: change(entry[f]) for f in FIELDS if entry.get(f)}}
    )
    assert not changed, changed


def test_short_forms_are_read_as_the_words_they_stand_for() -> None:
    assert visible("children & young people") == "children and young people"
    assert visible("Child W Exec Summary") == "Child W Executive Summary"
    assert visible("AB1&AB2") == "AB1&AB2"  # (a code's own mark stays)
    heading = "Thematic review: neglect of children & young people"
    assert infer_metadata(Hints(heading=heading), "").case == (
        "neglect of children and young people"
    )


@pytest.mark.parametrize("kind", ["SCR", "Serious Case Review\nFull Report", "CSPR"])
def test_a_kinds_initials_or_a_full_report_line_beside_the_childs_name(kind) -> None:
    cover = f"{kind}\nOverview Report\nHolly\nAuthor: Isobel Colquhoun\nDate: 22nd June 2021"
    assert infer_metadata(Hints(), cover).case == "Holly"


def test_capitals_read_in_title_case() -> None:
    assert uncap("ANNUAL REPORT 2016/17") == "Annual Report 2016/17"
    assert uncap("SERIOUS CASE REVIEW CLAIRE/ANNE") == "Serious Case Review Claire/Anne"
    assert uncap("THE CHILD’S REVIEW") == "The Child’s Review"
    # (a board's code before its number stays in capitals)
    assert uncap("ANRSCB 2014/01") == "ANRSCB 2014/01"
    # a heading set in capitals is read as a title page's line in capitals is
    meta = infer_metadata(Hints(heading="SERIOUS CASE REVIEW CLAIRE/ANNE – PUBLISHED 2020"), "")
    assert meta.case == "Claire/Anne"
    assert infer_metadata(Hints(heading="ANNUAL REPORT 2016/17"), "").case is None


def test_a_headline_in_capitals_keeps_the_date_beside_it() -> None:
    # (the line the link stands in begins with the headline as the page sets it)
    headline = "STEPFATHER JAILED FOR LIFE OVER TODDLER'S MURDER"
    context = (
        f"{headline} Gorsebury Sound · 14 December 2018 · The board confirmed that a serious "
        "case review into the death of two-year-old Rosie Wade would be published in due course."
    )
    meta = infer_metadata(Hints(link_text=headline, context=context), "")
    assert (meta.year, meta.case) == (2018, "Rosie Wade")


@pytest.mark.parametrize(
    ("capitals", "read_as"),
    [
        ("THE ABUSE OF PUPILS IN A FIRST SCHOOL", "The Abuse of Pupils in a First School"),
        ("REVIEW INTO A SECONDARY SCHOOL", "Review Into a Secondary School"),
        ("THE DEATH OF A BABY", "The Death of a Baby"),
        # (a child's letter stays one: after a child's word, before "and", or last)
        ("CHILD A", "Child A"),
        ("SIBLINGS OF A AND B", "Siblings of A and B"),
        ("CHILDREN A, B AND C", "Children A, B and C"),
    ],
)
def test_an_article_in_capitals_is_read_as_one(capitals: str, read_as: str) -> None:
    assert uncap(capitals) == read_as
