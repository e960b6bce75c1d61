"""Boards: a board's name as a document writes it, and the key that identifies its area."""

from __future__ import annotations

import re

from harvester.metadata.cases import NOT_NAMES
from harvester.metadata.text import slug, uncap

# --- boards -------------------------------------------------------------------------------

_PLACE_WORD = r"[A-Z][\w'’&.-]*"
_PLACE = (
    _PLACE_WORD + r"(?:[ \t]+(?:(?:and|&|of|upon|on|in|the|under)[ \t]+)?" + _PLACE_WORD + r"){0,5}"
)
_BOARD_SUFFIX = (
    r"(?:Local\s+)?Safeguarding\s+Children(?:['’]s)?\s+(?:Board|Partnership(?:\s+Board)?|"
    r"Multi-Agency\s+Partnership)|Children(?:['’]s)?\s+Safeguarding\s+(?:Board|Partnership)|"
    r"Safeguarding\s+(?:Board|Partnership)|Area\s+Child\s+Protection\s+Committee"
)
# The words naming the place share a line with the name's first word; the rest may wrap.
BOARD_PATTERN = re.compile(
    r"(?P<place>" + _PLACE + r")[ \t]+(?P<suffix>" + _BOARD_SUFFIX + r")(?![\w'’])"
)
# A logo's lettering: the place on a line of its own, the rest of the name below it.
WRAPPED_BOARD_PATTERN = re.compile(
    r"^[ \t]*(?P<place>" + _PLACE + r")[ \t]*\n[ \t]*(?P<suffix>" + _BOARD_SUFFIX + r")(?![\w'’])",
    re.M,
)
BOARD_ABBREVIATION = re.compile(
    r"(?P<place>" + _PLACE + r")[ \t]+(?P<suffix>LSCB|LSCP|SCB|SCP|CSP)\b"
)
# Words before a board's place name that are not part of it ("Serious Case Review Fenmarsh
# Safeguarding Children Board", "Published By Oakbridge ...").
NOT_PLACE = NOT_NAMES - {"City", "County", "Borough"} | {
    "By", "For", "From", "With", "Commissioned", "Agreed", "Produced", "Prepared", "Lead",
    "Reviewer", "Independent", "Copyright", "And", "Of", "On", "In", "Under", "Upon", "Is",
}  # fmt: skip
BOARD_KEY_SUFFIX = re.compile(
    r"\s*(?:\((?:L?SC[BP]|CSP)\)\s*)?\b(?:" + _BOARD_SUFFIX + r"|L?SC[BP]|CSP)\b.*$",
    re.I | re.S,
)


# --- boards -------------------------------------------------------------------------------


def _board_names(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    """The first board name in `text` that names a place."""
    matches = sorted(
        (m for pattern in patterns for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        words = match.group("place").split()
        while words and (words[0] in NOT_PLACE or words[0].lower() == words[0]):
            words.pop(0)
        # A place is a name, not an initial ("Child J\nSafeguarding Children Board").
        if words and len(words[0]) >= 3:
            return re.sub(r"\s+", " ", " ".join(words) + " " + match.group("suffix"))
    return None


FULL_BOARD_PATTERNS = (BOARD_PATTERN, WRAPPED_BOARD_PATTERN)


def find_board(text: str) -> str | None:
    """A board's full name in `text` ("Oakbridge Local Safeguarding Children Board"), else
    its abbreviated name as written ("Westmarch LSCB")."""
    text = uncap(text)
    return _board_names(FULL_BOARD_PATTERNS, text) or _board_names((BOARD_ABBREVIATION,), text)


def board_in(texts: list[str]) -> str | None:
    for patterns in (FULL_BOARD_PATTERNS, (BOARD_ABBREVIATION,)):
        for text in texts:
            found = _board_names(patterns, text)
            if found:
                return found
    return None


def place_words(board: str | None) -> frozenset[str]:
    if not board:
        return frozenset()
    place = BOARD_KEY_SUFFIX.sub("", board)
    return frozenset(w for w in re.findall(r"[A-Z][\w'’-]*", place))


def board_key(board: str | None) -> str:
    """The part of a board's name that identifies it across the ways it is written:
    "Westmarch LSCB", "Westmarch Local Safeguarding Children Board" and its successor
    "Westmarch Safeguarding Children Partnership" are all "westmarch"."""
    if not board:
        return "unknown-board"
    place = BOARD_KEY_SUFFIX.sub("", board).strip()
    return slug(place) or slug(board)
