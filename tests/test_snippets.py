"""Snippets read as quotations: whole words, with an ellipsis where the record's text goes
on before or after the part shown."""

from __future__ import annotations

import html
import re

from index import LessonSearcher, SearchQuery
from index.snippets import Snippets, plain_snippet

ELLIPSIS = "…"

FAMILY = "The family moved twice in the year before the injury and missed two appointments. "
NIGHTS = "Nobody asked the father who did the night feeds or where he slept that week. "
TEXT = (
    FAMILY * 4
    + "Housing staff must ask where the baby's cot is, and must tell the health visitor; "
    + NIGHTS * 4
)


def shown(snippet: str) -> str:
    """A snippet's text as a reader sees it, without its marks or its ellipses."""
    text = html.unescape(re.sub(r"</?mark>", "", snippet))
    return text.removeprefix(f"{ELLIPSIS} ").removesuffix(f" {ELLIPSIS}")


def test_a_snippet_cut_short_ends_on_a_whole_word_with_an_ellipsis(
    app_searcher: LessonSearcher,
) -> None:
    words = app_searcher.text_words(app_searcher.parse("cot"))
    snippet = Snippets(app_searcher.whoosh().schema["text"]).highlight(TEXT, words)
    assert "<mark>cot</mark>" in snippet
    assert snippet.startswith(f"{ELLIPSIS} ") and snippet.endswith(f" {ELLIPSIS}")
    quoted = shown(snippet)
    start = TEXT.index(quoted)
    assert TEXT[start - 1] == " " and TEXT[start + len(quoted)] == " ", quoted
    assert not quoted.endswith((",", ";")), quoted


def test_every_snippet_of_a_search_is_whole_words_with_its_ellipses(
    app_searcher: LessonSearcher,
) -> None:
    response = app_searcher.search(SearchQuery(q="baby", per_page=50))
    texts = {
        h.lesson_id: h.text
        for h in app_searcher.lessons_by_id([h.lesson_id for h in response.results])
    }
    cut = 0
    for hit in response.results:
        text = " ".join(texts[hit.lesson_id].split())
        for part in shown(hit.snippet).split(f" {ELLIPSIS} "):
            start = text.index(part)
            end = start + len(part)
            assert start == 0 or text[start - 1] == " ", part
            assert end == len(text) or text[end] in " ,;:", part
        cut += hit.snippet.endswith(f" {ELLIPSIS}")
        assert hit.snippet.endswith(f" {ELLIPSIS}") == (not text.endswith(shown(hit.snippet)))
    assert cut > 0


def test_a_plain_snippet_is_cut_between_words_with_an_ellipsis() -> None:
    text = "Housing staff must ask where the baby's cot is, and must tell the health visitor."
    snippet = plain_snippet(text, limit=text.index(" and") + 3)
    assert snippet == "Housing staff must ask where the baby's cot is …"
