"""A segment's words of a field, read from Whoosh 3's term file in one pass."""

from __future__ import annotations

import struct
from typing import Any

_LENGTHS = struct.Struct("!ii")  # a key's and its value's length in Whoosh's term files
_CHUNK = 1 << 16


def segment_words(leaf: Any, fieldname: str, start: str) -> list[str]:
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
