"""The collection's known words, and the nearest known words to a misspelled one.

Whoosh finds words within two edits by walking its whole word list through a Python
automaton per segment: ~1.7 s a word at national scale (~150,000 words). Suggestions share
the word's first letter (few misspellings change it), so here the words are read a first
letter at a time, when a misspelled word first needs them (~1/20 of the list, tens of
milliseconds), kept, and compared with RapidFuzz's optimal string alignment distance
(adjacent transpositions count as one edit), in C.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh.analysis import STOP_WORDS

from index.whoosh3.terms import segment_words

MAX_EDITS = 2
MIN_CHECKED = 4  # shorter words are left as typed
WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]")  # "co-sleping": "co", "sleping"


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    return OSA.distance(a, b)


class Speller:
    """Known words, read a first letter at a time from `words_from(letter)`."""

    def __init__(self, words_from: Callable[[str], Iterable[str]]) -> None:
        self._words_from = words_from
        self._by_letter: dict[str, list[str]] = {}

    def near(self, word: str, max_edits: int = MAX_EDITS) -> list[tuple[int, str]]:
        """(edits, known word) for the known words within `max_edits` of `word` that
        share its first letter (the word itself included when known)."""
        letter = word[:1]
        if not letter:
            return []
        choices = self._by_letter.get(letter)
        if choices is None:
            choices = self._by_letter[letter] = sorted(set(self._words_from(letter)))
        found = process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None
        )
        return [(int(edits), known) for known, edits, _index in found]


def field_words(reader: Any, fieldname: str, start: str = "") -> list[str]:
    """The words of a field beginning with `start`, in an index reader's segments."""
    words: set[str] = set()
    leaves = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
    for leaf, _offset in leaves:
        words.update(segment_words(leaf, fieldname, start))
    return sorted(words)


def suggest_query(
    q: str,
    speller: Speller,
    known: Callable[[str], bool],
    documents_with: Callable[[str], int],
    preferred: Callable[[str], bool] = lambda _word: False,
) -> str | None:
    """`q` with each word the index does not know (`known`: lower-cased) replaced by the
    nearest known word: fewest edits, then a `preferred` word (the subject's vocabulary:
    "disgused" is "disguised", not "disgusted", in a search of case reviews), then the
    word most documents have; None when every word is known or has no near word. Words
    inside quotes are phrases typed on purpose and are left alone; so are stop words
    (known, though not indexed)."""
    changed = False

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        lower = word.lower()
        if len(lower) < MIN_CHECKED or lower in STOP_WORDS or known(lower):
            return word
        candidates = [
            (edits, not preferred(c), -documents_with(c), c) for edits, c in speller.near(lower)
        ]
        if not candidates:
            return word
        changed = True
        return min(candidates)[3]

    parts = re.split(r'("[^"]*")', q)
    fixed = "".join(p if p.startswith('"') else WORD.sub(fix, p) for p in parts)
    return fixed if changed else None
