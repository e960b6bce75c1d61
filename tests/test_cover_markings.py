"""A government protective marking on a title page ("OFFICIAL", "OFFICIAL - SENSITIVE")
is no part of the review's title: every real title page reads the same with one added."""

from __future__ import annotations

import pytest

from harvester.metadata.additions import join_quoted_lines, without_markings
from harvester.metadata.boards import join_logo_lines
from harvester.metadata.infer import Hints, infer_metadata
from tests.real_eval import changed_readings, half, load_entries

MARKED = (
    ("top", lambda cover: f"OFFICIAL\n{cover}"),
    ("sensitive", lambda cover: f"OFFICIAL - SENSITIVE\n{cover}\nOFFICIAL - SENSITIVE"),
    ("run together", lambda cover: f"OFFICIAL {cover}"),
    ("foot", lambda cover: f"{cover}\nNOT PROTECTIVELY MARKED"),
    ("page number", lambda cover: f"Page 1 of 34\n{cover}\n1 | Page"),
)


def test_markings_are_taken_off_their_lines() -> None:
    assert (
        without_markings("OFFICIAL\nSerious Case Review\nChild W") == "Serious Case Review\nChild W"
    )
    assert without_markings("OFFICIAL: SENSITIVE\nChild W") == "Child W"
    assert without_markings("OFFICIAL SERIOUS CASE REVIEW CHILD W") == "SERIOUS CASE REVIEW CHILD W"
    assert without_markings("Child W\nOfficial\n") == "Child W\n"
    # (a word of a title is kept: "Official Secrets", "Confidential inquiry into ...")
    assert without_markings("Official Secrets\nConfidential inquiry into deaths") == (
        "Official Secrets\nConfidential inquiry into deaths"
    )


def test_a_page_s_number_is_taken_off_its_line() -> None:
    page = "Page 1 of 34\nChild Mira\n- 2 -\n1 | Page\nPage 12"
    assert without_markings(page) == "Child Mira\n"
    # (a number inside a line is kept: "Child 1", "page 4 of the report")
    assert (
        without_markings("Child 1\nsee page 4 of the report") == "Child 1\nsee page 4 of the report"
    )


def test_a_marked_title_page_names_its_child() -> None:
    cover = "OFFICIAL\nChild Safeguarding Practice Review\nChild Mira\nMarch 2023\nOFFICIAL"
    meta = infer_metadata(Hints(), cover)
    assert meta.case == "Child Mira"
    assert meta.year == 2023
    assert meta.doc_type == "overview-report"


@pytest.mark.parametrize("name, mark", MARKED, ids=[name for name, _ in MARKED])
def test_real_title_pages_read_the_same_when_marked(name, mark) -> None:
    # (the tune half: the held-out half's texts are not read while rules are written)
    covers = [
        e
        for e in load_entries()
        if half(e) == "tune" and e["kind"] == "front-matter" and e.get("cover")
    ]
    assert len(covers) > 60
    changed = changed_readings(covers, lambda entry: {**entry, "cover": mark(entry["cover"])})
    assert not changed, changed


def test_a_logos_lettering_is_read_as_one_board_name() -> None:
    cover = "West\nBerkshire\nSafeguarding\nChildren\nBoard\nSerious Case Review\nChild Wren\n2017"
    assert join_logo_lines(cover).split("\n")[0] == "West Berkshire Safeguarding Children Board"
    meta = infer_metadata(Hints(), cover)
    assert meta.case == "Child Wren"
    assert meta.board is not None and meta.board.startswith("West Berkshire")
    panel = "Child\nSafeguarding\nPractice\nReview\nPanel\n“It was hard to escape”\nMarch 2020"
    assert infer_metadata(Hints(), panel).case == "It was hard to escape"
    # (short lines that are no board's name stay as they are)
    assert join_logo_lines("Serious\nCase\nReview\nChild W") == "Serious\nCase\nReview\nChild W"


LAID_OUT = (
    ("logo lettering", lambda entry: "\n".join(entry["truth"]["board"].split()) + "\n"),
    ("a tab", None),
)


@pytest.mark.parametrize("name, lettering", LAID_OUT, ids=[name for name, _ in LAID_OUT])
def test_real_title_pages_read_the_same_however_laid_out(name, lettering) -> None:
    covers = [
        e
        for e in load_entries()
        # (the tune half: the held-out half's texts are not read while rules are written)
        if half(e) == "tune"
        and e["kind"] == "front-matter"
        and e.get("cover")
        and (lettering is None or e["truth"].get("board"))
    ]
    assert len(covers) > 40

    def laid_out(entry: dict) -> dict:
        if lettering is None:
            return {**entry, "cover": entry["cover"].replace(" ", "\t", 1)}
        return {**entry, "cover": lettering(entry) + entry["cover"]}

    changed = changed_readings(covers, laid_out, fields=("case", "doc_type"))
    assert not changed, changed


def test_a_title_in_quotes_wrapped_over_lines_is_one_title() -> None:
    assert join_quoted_lines("“If only someone\nhad listened”\nFinal Report") == (
        "“If only someone had listened”\nFinal Report"
    )
    # (a quote left open, or closed mid-line, is left as it stands)
    assert join_quoted_lines("“Unclosed\ntwo\nthree\nfour”") == "“Unclosed\ntwo\nthree\nfour”"
    assert join_quoted_lines("‘Quoted’ words\nChild W") == "‘Quoted’ words\nChild W"
    cover = (
        "“If only someone\nhad listened”\nOffice of the Children’s\nCommissioner’s Inquiry into\n"
        "Child Sexual Exploitation\nin Gangs and Groups\nFinal Report\nNovember 2013"
    )
    assert infer_metadata(Hints(), cover).case == "If only someone had listened"


def test_an_inspectorate_names_no_subject() -> None:
    cover = "Healthcare Commission\nThematic review\nMarch 2009"
    assert infer_metadata(Hints(), cover).case is None


def test_childrens_initials_in_a_file_name_as_the_title_page_names_them() -> None:
    cover = (
        "Brantingley Safeguarding Children Partnership\nLocal Child Safeguarding Practice "
        "Review\nLacey, Bryony and Finn\nIndependent Reviewer: Augustine Pell\nMay 2023"
    )
    assert infer_metadata(Hints(heading="LCSPR LBF final"), cover).case == (
        "Lacey, Bryony and Finn"
    )
    # (initials the title page does not spell out stay as they are)
    other = cover.replace("Lacey, Bryony and Finn", "Maya, Omar and Zac")
    assert infer_metadata(Hints(heading="LCSPR LBF final"), other).case != "Maya, Omar and Zac"
