"""What sites add to a link's words for screen readers and downloads ("(opens in new
window)", "[pdf] 512KB", "Download ..."), and a teaser's "Read more", are no part of a
document's name: every real board-page entry reads the same with them added."""

from __future__ import annotations

import pytest

from harvester.metadata.boards import bundled_board_table
from harvester.metadata.infer import Hints, infer_metadata
from harvester.metadata.text import link_words, without_read_more
from tests.real_eval import half, load_entries, read


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


def test_a_link_that_opens_in_a_new_window_names_its_child() -> None:
    meta = infer_metadata(Hints(link_text="Learning brief - Child Lark (opens in new window)"), "")
    assert meta.case == "Child Lark"
    assert meta.doc_type == "learning-brief"


NOISE = (
    ("new window", {"link_text": lambda t: f"{t} (opens in new window)"}),
    ("file badge", {"link_text": lambda t: f"{t} [pdf] 512KB"}),
    ("download", {"link_text": lambda t: f"Download {t}"}),
    ("read more", {"context": lambda t: f"{t} Read more".strip()}),
)


@pytest.mark.parametrize("name, change", NOISE, ids=[name for name, _ in NOISE])
def test_real_entries_read_the_same_with_a_sites_additions(name, change) -> None:
    boards = bundled_board_table()
    field = next(iter(change))
    entries = [
        e
        for e in load_entries()
        # (the tune half: the held-out half's texts are not read while rules are written)
        if half(e) == "tune"
        and e["kind"] == "board-page"
        and (field == "context" or e.get("link_text"))
    ]
    assert len(entries) > 40
    changed = []
    for entry in entries:
        plain = read(entry, boards)
        noisy = {**entry, field: change[field](entry.get(field) or "")}
        if field == "link_text" and entry.get("entry") == entry["link_text"]:
            # (a link that is its list's entry carries what the site added in both)
            noisy["entry"] = noisy["link_text"]
        noisy = read(noisy, boards)
        if (noisy.case, noisy.doc_type, noisy.year) != (plain.case, plain.doc_type, plain.year):
            changed.append(f"{entry['id']}: {plain.case!r} -> {noisy.case!r}")
    assert not changed, changed
