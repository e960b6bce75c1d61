"""The board table: every safeguarding children board and partnership of an area, over time.

Data, like the taxonomy (`index/boards.toml`, editable without touching code). It answers
three questions for the metadata reader: which board a name as written stands for
("Peterborough LSCB", "PSCB", "Peterborough Local Safeguarding Children Board"), which
board an area had in a year ("2016 - Peterborough - Child J"), and which area a board
belongs to, so that a board and the partnership that succeeded it are one area over time.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.datafile import read_toml

DEFAULT_BOARDS_PATH = Path(__file__).with_name("boards.toml")


class BoardTableError(ValueError):
    """A problem in a board table file, worded as one line naming the file and the entry."""


@dataclass(frozen=True)
class Board:
    name: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None

    @property
    def is_partnership(self) -> bool:
        return "partnership" in self.name.lower()

    def active(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    nation: str = "england"
    places: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()
    succeeded_by: str | None = None
    boards: tuple[Board, ...] = ()


@dataclass(frozen=True)
class KnownBoard:
    """A board as read: its canonical name and area when the table knows it, else the name
    as written and no area."""

    name: str | None
    area: str | None = None


# Words that only say what kind of body a name is: dropped to find the place it names.
_KIND_WORDS = re.compile(
    r"\b(?:local\s+|regional\s+)?(?:safeguarding\s+children(?:s)?|children(?:s)?\s+safeguarding|"
    r"safeguarding|area\s+child\s+protection|community\s+safety)\s+(?:multi\s+agency\s+)?"
    r"(?:boards?|partnerships?|committee|arrangements)(?:\s+board)?\b.*$|"
    r"\b(?:l?sc[bp]|csp|scpb|lscp|acpc)\b.*$"
)


def normalise(text: str) -> str:
    """A name compared loosely: case, "&"/"and", apostrophes ("Children's"), punctuation,
    "Local", a leading "The" and an abbreviation in brackets do not matter."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    # (a Welsh name's accents: "Ynys Môn" and "Ynys Mon" are one)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"'s\b", "s", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    # "Children's Safeguarding Partnership" and "Children Safeguarding Partnership" are one.
    text = re.sub(r"\bchildrens\b", "children", text)
    text = re.sub(r"\blocal\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def place_of(name: str) -> str:
    """The place a board's name names: "Peterborough Local Safeguarding Children Board" ->
    "peterborough", "Westmarch LSCB" -> "westmarch"."""
    text = normalise(name)
    return _KIND_WORDS.sub("", text).strip()


@dataclass(frozen=True)
class BoardTable:
    areas: tuple[Area, ...] = ()
    _by_id: dict[str, Area] = field(default_factory=dict, repr=False, compare=False)
    _by_name: dict[str, tuple[Area, Board]] = field(default_factory=dict, repr=False, compare=False)
    _by_place: dict[str, Area] = field(default_factory=dict, repr=False, compare=False)
    _by_abbreviation: dict[str, list[tuple[Area, Board]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _covered_by: dict[str, list[Area]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for area in self.areas:
            self._by_id[area.id] = area
            for covered in area.covers:
                self._covered_by.setdefault(covered, []).append(area)
            for place in (area.name, *area.places):
                self._by_place.setdefault(normalise(place), area)
            for board in area.boards:
                for name in (board.name, *board.aliases):
                    self._by_name.setdefault(normalise(name), (area, board))
                for abbreviation in board.abbreviations:
                    self._by_abbreviation.setdefault(abbreviation, []).append((area, board))
        # A board's own name names its place too ("Tri-borough" areas are written both ways).
        for area in self.areas:
            for board in area.boards:
                self._by_place.setdefault(place_of(board.name), area)
        # A joint area is written in either order: "Richmond and Kingston".
        for place, area in list(self._by_place.items()):
            first, joined, second = place.partition(" and ")
            if joined and " and " not in second:
                self._by_place.setdefault(f"{second} and {first}", area)

    def __len__(self) -> int:
        return len(self.areas)

    def area(self, area_id: str) -> Area | None:
        return self._by_id.get(area_id)

    def known(self, name: str | None, year: int | None = None) -> KnownBoard | None:
        """The board a name as written stands for: a full name or alias, an abbreviation
        the board used ("PSCB", "Peterborough LSCB"), else its place's board in `year`."""
        if not name or not name.strip():
            return None
        found = self._by_name.get(normalise(name))
        if found:
            return KnownBoard(found[1].name, found[0].id)
        by_abbreviation = self._by_abbreviation.get(name.strip(), [])
        if len({area.id for area, _ in by_abbreviation}) == 1:
            area, board = by_abbreviation[0]
            return KnownBoard(board.name, area.id)
        area = self._by_place.get(place_of(name))
        if area is None:
            # (a place's own board, written with its possessive: "Solihull's Local
            # Safeguarding Children's Partnership")
            area = self._by_place.get(place_of(re.sub(r"['’]s(?=\s)", "", name, count=1)))
        if area is None:
            return None
        partnership = "partnership" in name.lower() or bool(re.search(r"\bL?SCP\b", name))
        return self._board_of(area, year, partnership)

    def in_place(self, place: str | None, year: int | None = None) -> KnownBoard | None:
        """The board an area had in `year`: "Peterborough", 2016 -> Peterborough
        Safeguarding Children Board; after a board ended, its successor's."""
        if not place or not place.strip():
            return None
        area = self._by_place.get(normalise(place))
        return self._board_of(area, year, None) if area else None

    def named_in(self, text: str) -> KnownBoard | None:
        """The first board whose full name or alias `text` holds, however the name is
        built ("Wiltshire Safeguarding Vulnerable People Partnership")."""
        found = self.name_in(text)
        return found[1] if found else None

    def name_in(self, text: str) -> tuple[str, KnownBoard] | None:
        """`named_in`'s board with the name as found (normalised): the leftmost name in
        the text, the longest where several start there."""
        words = normalise(text).split(" ")
        by_first = self._names_by_first
        for i, word in enumerate(words):
            for name, length in by_first.get(word, ()):
                if words[i : i + length] == name:
                    found = " ".join(name)
                    area, board = self._by_name[found]
                    return found, KnownBoard(board.name, area.id)
        return None

    @functools.cached_property
    def _names_by_first(self) -> dict[str, list[tuple[list[str], int]]]:
        # Names of three words or more: shorter ones are places or kinds of body.
        by_first: dict[str, list[tuple[list[str], int]]] = {}
        for name in sorted(self._by_name, key=len, reverse=True):
            words = name.split(" ")
            if len(words) >= 3:
                by_first.setdefault(words[0], []).append((words, len(words)))
        return by_first

    def by_abbreviation(self, abbreviation: str) -> list[KnownBoard]:
        return [KnownBoard(b.name, a.id) for a, b in self._by_abbreviation.get(abbreviation, [])]

    def _board_of(
        self, area: Area, year: int | None, partnership: bool | None, depth: int = 0
    ) -> KnownBoard | None:
        boards = area.boards
        if not boards and year is not None:
            for joint in self._covered_by.get(area.id, []):
                shared = [b for b in joint.boards if b.active(year)]
                if shared:
                    return KnownBoard(shared[0].name, joint.id)
        if not boards:
            successor = self._by_id.get(area.succeeded_by or "")
            if successor and depth < 5:
                return self._board_of(successor, year, partnership, depth + 1)
            return None
        if year is not None:
            active = [b for b in boards if b.active(year)]
            if active:
                return KnownBoard(active[0].name, area.id)
            # A joint board that covered the area that year ("Tri-borough", a region).
            for joint in self._covered_by.get(area.id, []):
                shared = [b for b in joint.boards if b.active(year)]
                if shared:
                    return KnownBoard(shared[0].name, joint.id)
            last = boards[-1]
            successor = self._by_id.get(area.succeeded_by or "")
            if last.end is not None and year > last.end and successor and depth < 5:
                return self._board_of(successor, year, partnership, depth + 1)
            if boards[0].start is not None and year < boards[0].start:
                return KnownBoard(boards[0].name, area.id)
            return KnownBoard(last.name, area.id)
        if partnership is not None:
            for board in boards:
                if board.is_partnership == partnership:
                    return KnownBoard(board.name, area.id)
        return KnownBoard(boards[0].name, area.id)


def load_board_table(path: Path | None = None) -> BoardTable:
    """Read and validate a board table (the bundled one when `path` is None)."""
    path = Path(path) if path is not None else DEFAULT_BOARDS_PATH
    data = read_toml(path, "board table", BoardTableError)
    return parse_board_table(data, str(path))


def parse_board_table(data: dict[str, Any], source: str = "<boards>") -> BoardTable:
    areas = data.get("areas")
    if not isinstance(areas, dict):
        raise BoardTableError(f"{source}: no [areas.<id>] tables")
    parsed = tuple(_area(area_id, body, source) for area_id, body in areas.items())
    ids = {a.id for a in parsed}
    for area in parsed:
        for other in (*area.covers, *([area.succeeded_by] if area.succeeded_by else [])):
            if other not in ids:
                raise BoardTableError(f"{source}: area {area.id!r} names unknown area {other!r}")
    return BoardTable(parsed)


def _strings(body: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BoardTableError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _year(body: dict[str, Any], key: str, where: str) -> int | None:
    value = body.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise BoardTableError(f"{where}: {key} must be a year")
    return value


def _area(area_id: str, body: Any, source: str) -> Area:
    where = f"{source}: area {area_id!r}"
    if not isinstance(body, dict) or not isinstance(body.get("name"), str):
        raise BoardTableError(f"{where}: needs a name")
    unknown = set(body) - {"name", "nation", "places", "covers", "succeeded_by", "boards"}
    if unknown:
        raise BoardTableError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    boards = body.get("boards", [])
    if not isinstance(boards, list):
        raise BoardTableError(f"{where}: boards must be [[areas.{area_id}.boards]] tables")
    return Area(
        id=area_id,
        name=body["name"],
        nation=str(body.get("nation", "england")),
        places=_strings(body, "places", where),
        covers=_strings(body, "covers", where),
        succeeded_by=body.get("succeeded_by"),
        boards=tuple(_board(b, where) for b in boards),
    )


def _board(body: Any, where: str) -> Board:
    if not isinstance(body, dict) or not isinstance(body.get("name"), str):
        raise BoardTableError(f"{where}: every board needs a name")
    unknown = set(body) - {"name", "abbreviations", "aliases", "from", "until"}
    if unknown:
        raise BoardTableError(f"{where}: unknown board key {sorted(unknown)[0]!r}")
    return Board(
        name=body["name"].strip(),
        abbreviations=_strings(body, "abbreviations", where),
        aliases=_strings(body, "aliases", where),
        start=_year(body, "from", where),
        end=_year(body, "until", where),
    )
