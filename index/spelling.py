"""The collection's known words, and the nearest known words to a misspelled one.

Whoosh finds words within two edits by walking its whole word list through a Python
automaton per segment: ~1.7 s a word at national scale (~150,000 words). Suggestions share
the word's first letter (few misspellings change it), so here the words are read a first
letter at a time, when a misspelled word first needs them (~1/20 of the list, tens of
milliseconds), kept, and compared with RapidFuzz's optimal string alignment distance
(adjacent transpositions count as one edit), in C.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_EDITS = 2
_LENGTHS = struct.Struct("!ii")  # a key's and its value's length in Whoosh's term files
_CHUNK = 1 << 16


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
        try:
            words.update(_segment_words(leaf, fieldname, start))
        except (AttributeError, TypeError, struct.error):  # another codec: the slow way
            words.update(
                w
                for w in (b.decode("utf-8") for b in leaf.lexicon(fieldname))
                if w.startswith(start)
            )
    return sorted(words)


def _segment_words(leaf: Any, fieldname: str, start: str) -> list[str]:
    """A segment's words of a field beginning with `start`, read from its term file in
    one pass (Whoosh's lexicon() reads each term's key and value with several calls)."""
    if fieldname not in leaf.schema:
        return []
    terms = leaf._terms  # whoosh.codec.whoosh3.W3TermsReader
    field_prefix = terms._keycoder(fieldname, b"")
    prefix = terms._keycoder(fieldname, start.encode("utf-8"))
    table = terms._tindex  # an OrderedHashReader: (key length, value length, key, value)*
    position = table.closest_key_pos(prefix)
    if position is None:
        return []
    words: list[str] = []
    skip = len(field_prefix)
    end = table.endofdata
    head = _LENGTHS.size
    buffer, at, next_read = b"", 0, position  # next_read: the file offset after buffer
    while True:
        entry = _LENGTHS.unpack_from(buffer, at) if at + head <= len(buffer) else None
        if entry is None or at + head + sum(entry) > len(buffer):
            # Read on a chunk at a time: a letter's words are a small part of the file.
            if next_read >= end:
                break
            more = table.dbfile.get(next_read, min(_CHUNK, end - next_read))
            buffer, at, next_read = buffer[at:] + more, 0, next_read + len(more)
            continue
        key_length, value_length = entry
        key = buffer[at + head : at + head + key_length]
        if not key.startswith(prefix):
            break
        words.append(key[skip:].decode("utf-8"))
        at += head + key_length + value_length
    return words
