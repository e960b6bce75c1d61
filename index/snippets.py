"""Snippets: a record's text with the query's words marked, HTML-escaped, or cut short
when nothing matched."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    Formatter,
    Fragment,
    get_text,
    set_matched_filter,
    top_fragments,
)

from index.analysis import StemmedText
from index.whoosh3.highlight import merge_matched_tokens

SNIPPET_CHARS = 240
ELLIPSIS = "…"
# Where a fragment's last word ends: its letters run to the next space ("don't", "child's"),
# but a comma or semicolon before the ellipsis is dropped.
WORD_REST = re.compile(r"\S*")
WORD_START = re.compile(r"\S*$")
LOOSE_END = ",;:-–—"


class MarkFormatter(Formatter):
    """HTML-escaped text with <mark> around matched terms and nothing else. Fragments start
    and end on whole words; an ellipsis stands for the text left out before, between and
    after them."""

    between = f" {ELLIPSIS} "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{html.escape(get_text(text, token, replace), quote=False)}</mark>"

    def format(self, fragments: Iterable[Fragment], replace: bool = False) -> str:
        widened = [self._whole_words(f, replace) for f in fragments]
        if not widened:
            return ""
        text = widened[0][0].text
        parts = [body for _f, body, _start, _end in widened]
        if text[: widened[0][2]].strip():
            parts[0] = f"{ELLIPSIS} {parts[0]}"
        if _continues(text, widened[-1][3]):
            parts[-1] = f"{parts[-1]} {ELLIPSIS}"
        return self.between.join(parts)

    def _whole_words(self, fragment: Fragment, replace: bool) -> tuple[Fragment, str, int, int]:
        """The fragment as Whoosh formats it, widened to the words it cuts into, with where
        it now starts and ends."""
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
        head = WORD_START.search(text, 0, start)
        rest = WORD_REST.match(text, end)
        before = head.group() if head else ""
        after = rest.group() if rest else ""
        if _continues(text, end + len(after)):
            after = after.rstrip(LOOSE_END)
        body = super().format_fragment(fragment, replace)
        formatted = self._text(before) + body + self._text(after)
        return fragment, formatted, start - len(before), end + len(after)


def _continues(text: str, end: int) -> bool:
    """Whether words follow `end` in `text`."""
    return bool(text[end:].strip())


def plain_snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(LOOSE_END) + f" {ELLIPSIS}"
    return html.escape(text, quote=False)


class Snippets:
    """Up to two fragments of a record's text around the query's words, as Whoosh's
    highlighter makes them from the text analysed again by the field."""

    def __init__(self, field: Any) -> None:
        self._field = field
        self._fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=90)
        self._formatter = MarkFormatter()

    def highlight(self, text: str, words: frozenset[str]) -> str:
        if not words or not text:
            return ""
        field = self._field
        if isinstance(field, StemmedText):
            tokens = merge_matched_tokens(field.marked(text, words))
        else:
            tokens = field.analyzer(
                text, positions=True, chars=True, mode="index", removestops=False
            )
            tokens = merge_matched_tokens(set_matched_filter(tokens, words))
        fragments = self._fragmenter.fragment_tokens(text, tokens)
        fragments = top_fragments(fragments, 2, BasicFragmentScorer(), FIRST, minscore=1)
        return self._formatter.format(fragments)
