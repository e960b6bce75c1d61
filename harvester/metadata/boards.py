"""Boards: a board's name as a document writes it, and the key that identifies its area."""

from __future__ import annotations

import functools
import re

from harvester.metadata.names import NOT_NAMES
from harvester.metadata.text import slug, uncap
from harvester.metadata.titles import (
    NATIONAL_BODIES_ENGLAND,
    NATIONAL_BODIES_WALES,
    NATIONAL_PANEL,
)
from index.boards import BoardTable, KnownBoard, load_board_table, normalise, place_of

_PLACE_WORD = r"[A-Z][\w'’&.-]*"
# (Welsh "a" joins two places as "and" does: "Mynydd a Môr")
_PLACE = (
    _PLACE_WORD
    + r"(?:[ \t]+(?:(?:and|&|of|upon|on|in|the|under|a)[ \t]+)?"
    + _PLACE_WORD
    + r"){0,5}"
)
_BOARD_SUFFIX = (
    r"(?:Local\s+)?Safeguarding\s+Children(?:['’]s)?\s+(?:Boards?(?!\s+Regulations)|Partnership(?:\s+Board)?|"
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
# A board's name, in full or by its initials, as a pattern to build others from (its
# groups unnamed).
BOARD_NAME = re.sub(r"\(\?P<\w+>", "(?:", BOARD_PATTERN.pattern + "|" + BOARD_ABBREVIATION.pattern)
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


# A logo's lettering a word or two to a line: "West / Berkshire / Safeguarding / Children /
# Board", "Child / Safeguarding / Practice / Review / Panel".
_LOGO_NAME = re.compile(
    r"(?:" + BOARD_PATTERN.pattern + r"|(?i:child\s+safeguarding\s+practice\s+review\s+panel))"
)
_LOGO_LINE = re.compile(r"[ \t]*\S+(?:[ \t]+\S+)?[ \t]*")


def join_logo_lines(text: str) -> str:
    """A board's name a logo sets over three to seven short lines, on one line."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        for j in range(min(len(lines), i + 7), i + 2, -1):
            span = lines[i:j]
            if all(_LOGO_LINE.fullmatch(line) for line in span):
                joined = " ".join(line.strip() for line in span)
                if _LOGO_NAME.fullmatch(joined):
                    out.append(joined)
                    i = j
                    break
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


# --- boards -------------------------------------------------------------------------------


def _board_names(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    """The first board name in `text` that names a place."""
    matches = sorted(
        (m for pattern in patterns for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        # The place is the run of place words nearest the board's name: "Serious Case
        # Review Fenmarsh Safeguarding Children Board", "Lambeth Serious Case Reviews LSCB".
        words = match.group("place").split()
        if words and not words[-1].startswith("Children"):  # "Walsall's Safeguarding ..."
            words[-1] = re.sub(r"['’]s$", "", words[-1])
        suffix = match.group("suffix")
        if words and words[-1] == "Local":  # "Local" belongs to the name's kind
            words.pop()
            suffix = f"Local {suffix}"
        start = len(words)
        while start > 0 and words[start - 1] not in NOT_PLACE:
            # A sentence ends before the place: "... the death of Callie Ng. Hexley LSCB".
            if start < len(words) and words[start - 1].endswith(".") and words[start - 1] != "St.":
                break
            start -= 1
        words = words[start:]
        while words and words[0].lower() == words[0]:
            words.pop(0)
        # A place is a name, not an initial ("Child J\nSafeguarding Children Board").
        if words and len(words[0]) >= 3:
            return re.sub(r"\s+", " ", " ".join(words) + " " + suffix)
    return None


FULL_BOARD_PATTERNS = (BOARD_PATTERN, WRAPPED_BOARD_PATTERN)


def find_board(text: str) -> str | None:
    """A board's full name in `text` ("Oakbridge Local Safeguarding Children Board"), else
    its abbreviated name as written ("Westmarch LSCB")."""
    text = uncap(text)
    return _board_names(FULL_BOARD_PATTERNS, text) or _board_names((BOARD_ABBREVIATION,), text)


def board_in(
    texts: list[str],
    kinds: tuple[re.Pattern[str], ...] | None = None,
) -> str | None:
    """The first board name in `texts`: full names first (in every text), then a place's
    abbreviated name; `kinds` limits it to those patterns."""
    groups = (kinds,) if kinds else (FULL_BOARD_PATTERNS, (BOARD_ABBREVIATION,))
    for patterns in groups:
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


@functools.cache
def bundled_board_table() -> BoardTable:
    return load_board_table()


# A board's name or abbreviation before what a heading or a link says: "Northmere SCP –
# Themed review: teenagers at risk", "Fenlow LSCB – SCR 'Sophie'", "ESSCP – ...".
BOARD_PREFIX = re.compile(
    r"^\W*(?:" + _PLACE + r"[ \t]+(?:" + _BOARD_SUFFIX + r"|LSCB|LSCP|SCB|SCP|CSP)"
    r"|[A-Z]{1,4}(?:LSCB|SCB|SCP|LSCP|SCPB|SB|CSP))\s*(?:[–—:|]|\s-)\s*(?=\S)"
)
# "Anytown Safeguarding Children Board (ASCB)": an abbreviation the document defines.
_DEFINED = re.compile(r"\(\s*(?P<abbreviation>[A-Z][A-Za-z&]{1,9})\s*\)")
# A board's initials standing alone: "PSCB", "LSCB" excluded (it names no board).
INITIALISM = re.compile(r"\b(?P<abbreviation>[A-Z]{1,4}(?:LSCB|SCB|SCP|LSCP|SCPB|SB|CSP))\b")
GENERIC_INITIALISMS = {"LSCB", "SCB", "SCP", "LSCP", "CSP", "SB"}


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the text defines after a board's full name."""
    defined: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        before = text[max(0, match.start() - 160) : match.start()].rstrip()
        full = None
        for candidate in BOARD_PATTERN.finditer(before):
            if candidate.end() == len(before):
                full = _board_names((BOARD_PATTERN,), candidate.group(0))
        if full:
            defined.setdefault(match.group("abbreviation"), full)
    return defined


def _running_headers(following: str) -> str:
    """The first lines of the following pages, where a report repeats its board's name."""
    pages = following.split("\f")
    return "\n".join("\n".join(page.strip().splitlines()[:3]) for page in pages)


def _names_place(boards: BoardTable, area_id: str | None, words: str) -> bool:
    """Whether `words` (normalised) name the area's place (its name or one of its places)."""
    area = boards.area(area_id) if area_id else None
    if area is None:
        return False
    return any(
        re.search(r"\b" + re.escape(normalise(place)) + r"\b", words)
        for place in (area.name, *area.places)
        if normalise(place)
    )


def stated_board(
    cover: str, file_title: str | None, following: str, boards: BoardTable, year: int | None
) -> KnownBoard | None:
    """The board the document itself states, when it is read with confidence: a full
    name on the cover, in the file's title or a running header; a place's abbreviated
    name ("Westmarch LSCB") or initials ("PSCB") the document defines or the board table
    knows."""
    headers = uncap(_running_headers(following)) if following else ""
    texts = [t for t in (cover, file_title, headers) if t]
    full = board_in(texts, FULL_BOARD_PATTERNS)
    if full:
        # A joint board's name wrapped over two lines ("Stoke-on-Trent and\nStaffordshire
        # Safeguarding Children Board") reads as its last place's: the table knows better.
        for text in texts:
            wider = boards.name_in(text)
            if wider and normalise(full) in wider[0] and len(wider[0]) > len(normalise(full)):
                return wider[1]
        return boards.known(full, year) or KnownBoard(full)
    short = board_in(texts, (BOARD_ABBREVIATION,))
    if short:
        known = boards.known(short, year)
        if known:
            return known
    # A name the usual patterns do not read: "Wiltshire Safeguarding Vulnerable People
    # Partnership", as the board table has it.
    for text in texts:
        named = boards.named_in(text)
        if named:
            return named
    after = place_after_board(texts, boards, year)
    if after:
        return after
    defined: dict[str, str] | None = None  # read from the text only when initials appear
    for text in texts:
        for match in INITIALISM.finditer(text):
            abbreviation = match.group("abbreviation")
            if abbreviation in GENERIC_INITIALISMS:
                continue
            if defined is None:
                defined = defined_abbreviations(f"{cover}\n{following}")
            if abbreviation in defined:
                name = defined[abbreviation]
                return boards.known(name, year) or KnownBoard(name)
            candidates = boards.by_abbreviation(abbreviation)
            if len({c.area for c in candidates}) == 1:
                return candidates[0]
            # initials several boards used: the one whose place the document names
            words = normalise(cover)
            named = [c for c in candidates if _names_place(boards, c.area, words)]
            if len({c.area for c in named}) == 1:
                return named[0]
    if short:
        return KnownBoard(short)
    return None


# The place after the kind of board: "LSCB Cheshire East", "Safeguarding Children
# Partnership for Bradford", "Safeguarding Children in Salford".
PLACE_AFTER_BOARD = re.compile(
    r"(?:\bL?SC[BP]|\bSafeguarding\s+Children(?:['’]s)?(?:\s+(?:Board|Partnership))?)"
    r"(?:[ \t]*:)?[ \t]+(?:(?:for|in|of)[ \t]+)?(?:the[ \t]+)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:[ \t]+(?:(?:and|&|upon|on)[ \t]+)?[A-Z][\w'’.-]*){0,3})"
)


# The nations' areas (their national panel and board): a nation named in a title is no
# area a review was in ("reviews pile up in Wales").
NATIONS = frozenset({"england", "wales"})


def _longest_place(
    pattern: re.Pattern[str], texts: list[str], boards: BoardTable, year: int | None
) -> KnownBoard | None:
    """The board of a place the table knows where `pattern` finds one: the longest run of
    its "place" words that names one."""
    for text in texts:
        for match in pattern.finditer(text):
            words = match.group("place").split()
            for end in range(len(words), 0, -1):
                known = boards.in_place(" ".join(words[:end]), year)
                if known and known.area not in NATIONS:
                    return known
    return None


def place_after_board(texts: list[str], boards: BoardTable, year: int | None) -> KnownBoard | None:
    """The board of a place named after the kind of board."""
    return _longest_place(PLACE_AFTER_BOARD, texts, boards, year)


# "Norfolk SCR", "Bradford Serious Case Review": a place the board table knows, naming the
# review's area.
PLACE_BEFORE_REVIEW = re.compile(
    r"^\W*(?P<place>[A-Z][\w'’.-]*(?:[ \t]+(?:and|&|of|upon|on|the)?[ \t]*[A-Z][\w'’.-]*){0,4})"
    r"[ \t]+(?:SCR|CSPR|LCSPR|Serious\s+Case\s+Review|Child\s+Safeguarding\s+Practice\s+Review)\b",
    re.M,
)


def place_before_review(
    texts: list[str], boards: BoardTable, year: int | None
) -> KnownBoard | None:
    for text in texts:
        for match in PLACE_BEFORE_REVIEW.finditer(text):
            known = boards.in_place(match.group("place"), year)
            if known and known.area not in NATIONS:
                return known
    return None


# "Thematic Review of Contextual Safeguarding Responses in Cheshire West and Cheshire East":
# a title that says where.
PLACE_IN_TITLE = re.compile(
    r"\bin[ \t]+(?:the[ \t]+)?(?P<place>[A-Z][\w'’.-]*(?:\s+(?:(?:and|&|upon|on|of)\s+)?"
    r"[A-Z][\w'’.-]*){0,4})"
)


PLACE_AT_START = re.compile(
    r"^\W*(?P<place>[A-Z][\w'’.-]*(?:[ \t]+(?:(?:and|&|upon|on|of)[ \t]+)?[A-Z][\w'’.-]*){0,4})"
)


def place_in_title(texts: list[str], boards: BoardTable, year: int | None) -> KnownBoard | None:
    """The board of a place named after "in" in a title."""
    return _longest_place(PLACE_IN_TITLE, texts, boards, year)


# A letter to or from the national panel is the board's, published beside its review.
LETTER_WITH_PANEL = re.compile(
    r"\bletter\s+(?:from|to)\s+(?:the\s+)?(?:national\s+)?child\s+safeguarding\s+practice\s+"
    r"review\s+panel\b",
    re.I,
)


# ... and so is a board's notice to it: "Wigan Safeguarding Children Partnership notified
# the National Child Safeguarding Practice Review Panel of a serious safeguarding incident".
PANEL_TOLD = re.compile(
    r"\b(?:notif(?:y|ies|ied)|informed|(?:referred|reported|sent|submitted)(?:\s+it)?\s+to)"
    r"\s+(?:the\s+)?(?:national\s+)?child\s+safeguarding\s+practice\s+review\s+panel\b",
    re.I,
)


def read_board(
    cover: str,
    following: str,
    file_title: str | None,
    listing: list[str],
    entry_place: str | None,
    source_board: str | None,
    year: int | None,
    boards: BoardTable,
) -> KnownBoard:
    """The board the document states (cover, title, running headers) when it is read with
    confidence, then the board of the place a national collection's entry names
    (`entry_place`), or the one the listing's texts name, then the source's board as it
    was called in the document's year."""
    listing = [PANEL_TOLD.sub("told", LETTER_WITH_PANEL.sub("letter", t)) for t in listing]
    stated = stated_board(cover, file_title, following, boards, year)
    if (
        stated is not None
        and stated.area is None
        and BOARD_ABBREVIATION.fullmatch(stated.name or "")
    ):
        # "Westmarch LSCB" on the cover: the full name, when the listing or source gives it.
        for full in (board_in(listing, FULL_BOARD_PATTERNS), source_board):
            if full and place_of(full) == place_of(stated.name or ""):
                return boards.known(full, year) or KnownBoard(full)
    if stated is not None:
        return stated
    # A national review names the national panel, which is no area's board.
    for text in (cover, file_title, *listing):
        named = NATIONAL_PANEL.search(text or "")
        panel = boards.known(named.group(0), year) if named else None
        if panel is not None:
            return panel
    if entry_place:
        known = boards.in_place(entry_place, year)
        if known is not None:
            return known
    listed = board_in(listing)
    if listed:
        known = boards.known(listed, year)
        if known is None and source_board and _runs_on_into(listed, source_board):
            # Names run on into the board's from the text before it ("... toddler Evie
            # Sutcliffe Kestondale Safeguarding Children Partnership", "... the Death Of Lola
            # Halbury and Wrenfield SCP"): the source's board.
            known = boards.known(source_board, year) or KnownBoard(source_board)
        return known or KnownBoard(listed)
    for text in listing:
        named = boards.named_in(text)
        if named:
            return named
    named = place_before_review([t for t in (cover, file_title, *listing) if t], boards, year)
    if named:
        return _undated_place(named, source_board, year, boards)
    titles = [*listing, file_title or "", *cover.splitlines()[:3]]
    named = place_in_title([t for t in titles if t], boards, year)
    if named:
        return _undated_place(named, source_board, year, boards)
    # A collection's row that starts with the review's place: "Greenwich Child S",
    # "Enfield AX" (a board's own page names its own place first for other reasons)
    named = None if source_board else _longest_place(PLACE_AT_START, listing, boards, year)
    if named:
        return named
    if source_board:
        source = boards.known(source_board)
        if source is not None:
            area = boards.area(source.area or "")
            in_year = boards.in_place(area.name, year) if area and year else None
            return in_year if in_year and in_year.area == source.area else source
        return KnownBoard(source_board)
    # No board at all: an inspectorate's or a government's publication is its nation's.
    return KnownBoard(None, national_publisher(cover, file_title, listing))


def _undated_place(
    named: KnownBoard, source_board: str | None, year: int | None, boards: BoardTable
) -> KnownBoard:
    """The board of a place a text names, or, for a document of no known year, the
    source's board where the source's area is that place's or took it over (a joint
    partnership's page: "... went missing in Kingston", the board that year unknown)."""
    source = boards.known(source_board) if year is None and source_board else None
    if source is None or source.area is None or named.area is None:
        return named
    area, source_area = boards.area(named.area), boards.area(source.area)
    if source.area == named.area or (
        area is not None
        and source_area is not None
        and (named.area in source_area.covers or area.succeeded_by == source.area)
    ):
        return source
    return named


# A national body that is no board: an inspectorate, a government or its department.
NATIONAL_PUBLISHERS = (
    ("england", re.compile(r"\b(?:" + NATIONAL_BODIES_ENGLAND + r")\b", re.I)),
    ("wales", re.compile(r"\b(?:" + NATIONAL_BODIES_WALES + r")\b", re.I)),
)
# Ofsted's title pages: "Age group: 0–18", "Reference no: 120364".
OFSTED_TITLE_PAGE = re.compile(
    r"(?im)^\W*(?:age\s+group\s*:\s*\d|reference\s+no\.?\s*:\s*\d{5,6}\b)"
)


def national_publisher(cover: str, file_title: str | None, listing: list[str]) -> str | None:
    """The nation whose inspectorate or government published a document that names no
    board (its report is about that nation, not one area)."""
    title_page = "\n".join(cover.splitlines()[:8])
    if OFSTED_TITLE_PAGE.search(title_page):
        return "england"
    # (a title or a byline names its publisher; a description may name a body in passing:
    # "... after Ofsted judged the council's services inadequate")
    lines = [t for t in listing if len(t.split()) <= 20]
    for text in (title_page, file_title, *lines):
        for nation, publisher in NATIONAL_PUBLISHERS:
            if text and publisher.search(text):
                return nation
    return None


def _runs_on_into(listed: str, source_board: str) -> bool:
    """Whether a board's name read from a listing is the source's board with words before
    it, written in full or by its initials."""
    if listed.lower().endswith(" " + source_board.lower()):
        return True
    place, source_place = place_of(listed).lower(), place_of(source_board).lower()
    return bool(source_place) and place.endswith(" " + source_place)
