"""Whoosh's highlighter step that joins adjacent matched tokens into one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.highlight import Highlighter


def merge_matched_tokens(tokens: Iterable[Any]) -> Iterator[Any]:
    """Adjacent matched tokens as one token, as Whoosh's Highlighter does before it
    makes fragments."""
    return Highlighter._merge_matched_tokens(tokens)
