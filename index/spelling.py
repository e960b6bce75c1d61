"""The collection's known words, and the nearest known words to a misspelled one.

Whoosh finds words within two edits by walking its whole word list through a Python
automaton per segment: ~1.7 s a word at national scale (~150,000 words). Here the words are
read once per index build, grouped by first letter (suggestions share the first letter: few
misspellings change it), and compared with RapidFuzz's optimal string alignment distance
(adjacent transpositions count as one edit), in C.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_EDITS = 2
_LENGTHS = struct.Struct("!ii")  # a key's and its value's length in Whoosh's term files


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    return OSA.distance(a, b)


class Speller:
    """Known words by first letter."""

    def __init__(self, words: Iterable[str]) -> None:
        self._by_letter: dict[str, list[str]] = {}
        for word in words:
            if word:
                self._by_letter.setdefault(word[0], []).append(word)
        self._known = {w for ws in self._by_letter.values() for w in ws}

    def __len__(self) -> int:
        return len(self._known)

    def __contains__(self, word: str) -> bool:
        return word in self._known

    def near(self, word: str, max_edits: int = MAX_EDITS) -> list[tuple[int, str]]:
        """(edits, known word) for the known words within `max_edits` of `word` that
        share its first letter (the word itself included when known)."""
        choices = self._by_letter.get(word[:1], [])
        found = process.extract(
            word, choices, scorer=OSA.distance, score_cutoff=max_edits, limit=None
        )
        return [(int(edits), known) for known, edits, _index in found]


def field_words(reader: Any, fieldname: str) -> list[str]:
    """Every word of a field in an index reader's segments."""
    words: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        try:
            words.update(_segment_words(leaf, fieldname))
        except (AttributeError, TypeError, struct.error):  # another codec: the slow way
            words.update(w.decode("utf-8") for w in leaf.lexicon(fieldname))
    return sorted(words)


def _segment_words(leaf: Any, fieldname: str) -> list[str]:
    """A segment's words of a field read from its term file in one pass (Whoosh's
    lexicon() reads each term's key and value with several calls: ~10x slower)."""
    if fieldname not in leaf.schema:
        return []
    terms = leaf._terms  # whoosh.codec.whoosh3.W3TermsReader
    prefix = terms._keycoder(fieldname, b"")
    table = terms._tindex  # an OrderedHashReader: (key length, value length, key, value)*
    start = table.closest_key_pos(prefix)
    if start is None:
        return []
    data = table.dbfile.get(start, table.endofdata - start)
    words: list[str] = []
    position, size, skip = 0, len(data), len(prefix)
    while position < size:
        key_length, value_length = _LENGTHS.unpack_from(data, position)
        position += _LENGTHS.size
        key = data[position : position + key_length]
        if not key.startswith(prefix):
            break
        words.append(key[skip:].decode("utf-8"))
        position += key_length + value_length
    return words
