"""Snippets: a record's text with the query's words marked, HTML-escaped, or cut short
when nothing matched."""

from __future__ import annotations

import html
from typing import Any

from whoosh.highlight import (
    FIRST,
    BasicFragmentScorer,
    ContextFragmenter,
    Formatter,
    get_text,
    set_matched_filter,
    top_fragments,
)

from index.analysis import StemmedText
from index.whoosh3.highlight import merge_matched_tokens

SNIPPET_CHARS = 240


class MarkFormatter(Formatter):
    """HTML-escaped text with <mark> around matched terms and nothing else."""

    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text, quote=False)

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{html.escape(get_text(text, token, replace), quote=False)}</mark>"


def plain_snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
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
