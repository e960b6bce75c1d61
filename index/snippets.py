"""Snippets: a record's text with the query's words marked, HTML-escaped, or cut short
when nothing matched."""

from __future__ import annotations

import html
from typing import Any

from whoosh.highlight import Formatter, get_text

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


# Fields of the record-level index named differently in the document-level one.
