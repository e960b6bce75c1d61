"""How Whoosh 3 encodes a posting's value for the Frequency and Positions formats
(`whoosh.formats`): the frequency as a packed unsigned int, then for positions the
pickled list of position differences. Values for the commonest postings are made once."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from pickle import dumps, loads
from typing import Any

from whoosh.formats import Positions
from whoosh.system import pack_uint

# Shared objects for the commonest postings: a posting keeps its weight and value until the
# segment is written, and most occur once (a float and a bytes object fewer each).
COMMON = 256
FLOATS = [float(n) for n in range(COMMON)]
_COUNTS = [pack_uint(n) for n in range(COMMON)]
_ONCE_AT = [pack_uint(1) + dumps([p], 2) for p in range(4 * COMMON)]


def frequency_value(count: int) -> bytes:
    """A Frequency posting's value: how often the term occurs."""
    return _COUNTS[count] if count < COMMON else pack_uint(count)


def positions_value(positions: list[int]) -> bytes:
    """A Positions posting's value: its count, then its positions as differences."""
    if len(positions) == 1 and positions[0] < len(_ONCE_AT):
        return _ONCE_AT[positions[0]]
    deltas = [positions[0]] + [b - a for a, b in zip(positions, positions[1:], strict=False)]
    return pack_uint(len(positions)) + dumps(deltas, 2)


def _positions_of(value: bytes) -> list[int]:
    """A Positions posting's positions, as `Positions.decode_positions` gives them (Whoosh
    stores the pickle without its closing "." at times)."""
    body = value[4:] if value.endswith(b".") else value[4:] + b"."
    return list(accumulate(loads(body)))


def positions_decoder(field_format: Any) -> Callable[[bytes], list[int]]:
    """How to read a posting's positions in a field of this format."""
    if type(field_format) is Positions:
        return _positions_of
    return field_format.decode_positions
