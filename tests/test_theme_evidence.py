"""Sure and weak theme tags: a tag resting on one ordinary word ("shaken" near "baby") in
text with no plain safeguarding signal is a facet value, but a search about the theme
does not rank the record by it (everyday prose meets such words by chance)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.extract import Extracted
from harvester.metadata import Hints
from harvester.tagging import ThemeTagger
from harvester.understand import understand
from index import LessonSearcher, SearchQuery
from index.expansion import Expander
from index.records import LessonRecord
from index.taxonomy import load_taxonomy
from index.writer import rebuild
from tests.test_index import FENMARSH, doc

WEAK = "The tray was shaken until the baby seeds fell out onto the garden path."
SURE = "The baby had a head injury that was not explained by the fall described."
# Sure by a plain signal, with none of the words of the theme's name.
SUBDURAL = "The scan showed a subdural bleed that no one in the family could explain."
SAFEGUARDING = "The baby was shaken; the CT scan showed a subdural bleed."


@pytest.fixture(scope="module")
def tagger() -> ThemeTagger:
    return ThemeTagger(load_taxonomy(None))


def _evidence(tagger: ThemeTagger, text: str) -> dict[str, bool]:
    return {t.theme: t.sure for t in tagger.tag_evidence(text)}


def test_one_ordinary_word_gives_a_weak_tag(tagger: ThemeTagger) -> None:
    assert _evidence(tagger, WEAK) == {"abusive-head-trauma": False, "physical-abuse": False}
    assert _evidence(tagger, SURE)["abusive-head-trauma"] is True
    # A second signal of the theme makes it sure; a plain signal of another theme does not.
    assert _evidence(tagger, SAFEGUARDING) == {"abusive-head-trauma": True, "physical-abuse": False}
    # tag() gives the same themes and scores.
    for text in (WEAK, SURE, SAFEGUARDING):
        assert tagger.tag(text) == [(t.theme, t.score) for t in tagger.tag_evidence(text)]


def test_understanding_keeps_weak_tags_apart(tagger: ThemeTagger) -> None:
    pages = ["Fenmarsh annual report 2016", f"Findings\n\n{WEAK}\n\n{SURE}"]
    extracted = Extracted(kind="pdf", status="ok", pages=pages)
    understood = understand("ab" * 32, extracted, Hints(), tagger, "https://example.org/r.pdf")
    by_text = {r.text: r for r in understood.lessons}
    weak, sure = by_text[WEAK], by_text[SURE]
    assert "abusive-head-trauma" in weak.themes and "abusive-head-trauma" in weak.weak_themes
    assert "abusive-head-trauma" in sure.themes and not sure.weak_themes


def _record(doc_id: str, text: str, weak: tuple[str, ...]) -> LessonRecord:
    return LessonRecord(
        lesson_id=f"{doc_id}-0001",
        doc_id=doc_id,
        kind="lesson",
        text=text,
        section="Lessons",
        page=1,
        order=1,
        themes=("abusive-head-trauma",),
        theme_scores=(0.5,),
        weak_themes=weak,
    )


def test_a_weak_tag_is_a_facet_value_not_a_search_match(tmp_path: Path) -> None:
    weak = doc("e0e0e0e0e0e00001", "Garden club notes", None, FENMARSH, 2016, "other")
    sure = doc("e0e0e0e0e0e00002", "Child H briefing", "Child H", FENMARSH, 2016, "learning-brief")
    rebuild(
        tmp_path,
        [
            (weak, [_record(weak.doc_id, WEAK, ("abusive-head-trauma",))]),
            (sure, [_record(sure.doc_id, SUBDURAL, ())]),
        ],
    )
    expander = Expander.from_taxonomy(load_taxonomy(None))
    with LessonSearcher(tmp_path, expander=expander) as searcher:
        # The query names the theme and neither record has its words: only the sure
        # record matches, by its tag.
        assert "sure_themes:abusive-head-trauma" in searcher.expanded("abusive head trauma")
        found = searcher.search(SearchQuery(q="abusive head trauma"))
        assert [h.doc_id for h in found.results] == [sure.doc_id]
        # Both records carry the theme for its facet and its filter.
        filtered = searcher.search(SearchQuery(themes=("abusive-head-trauma",)))
        assert {h.doc_id for h in filtered.results} == {weak.doc_id, sure.doc_id}
        counts = {v.value: v.count for v in filtered.facets["theme"]}
        assert counts["abusive-head-trauma"] == 2
