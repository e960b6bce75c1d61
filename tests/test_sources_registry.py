"""The source registry's data (harvester/sources.toml): every entry complete and cited, the
names unique, the addresses absolute, and every board it names one the board table knows."""

from __future__ import annotations

import tomllib
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from index.boards import load_board_table, normalise

REGISTRY = Path(__file__).resolve().parent.parent / "harvester" / "sources.toml"
REQUIRED = ("name", "url", "nation", "checked", "origin")
ENGLISH_REGIONS = {
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}
COLLECTIONS = ("nspcc", "cspr-panel")
# Board names the registry may use although index/boards.toml does not know them yet.
UNKNOWN_BOARDS_ALLOWED = 0


@pytest.fixture(scope="module")
def sources() -> list[dict]:
    with REGISTRY.open("rb") as handle:
        data = tomllib.load(handle)
    assert set(data) == {"sources"}, "a registry holds only [[sources]] tables"
    return data["sources"]


def _absolute_http(address: object) -> bool:
    if not isinstance(address, str):
        return False
    parts = urlparse(address)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def test_the_registry_lists_at_least_150_sources(sources) -> None:
    assert len(sources) >= 150


def test_every_entry_has_the_required_keys(sources) -> None:
    missing = [
        (entry.get("name", f"#{number}"), key)
        for number, entry in enumerate(sources)
        for key in REQUIRED
        if not entry.get(key)
    ]
    assert not missing


def test_names_are_unique(sources) -> None:
    counts = Counter(entry["name"] for entry in sources)
    assert not [name for name, count in counts.items() if count > 1]


def test_every_url_and_origin_is_an_absolute_http_address(sources) -> None:
    bad = [
        (entry["name"], key, entry.get(key))
        for entry in sources
        for key in ("url", "origin")
        if not _absolute_http(entry.get(key))
    ]
    assert not bad


def test_nation_is_england_or_wales(sources) -> None:
    assert {entry["nation"] for entry in sources} <= {"england", "wales"}


def test_checked_is_an_iso_date(sources) -> None:
    bad = []
    for entry in sources:
        checked = entry["checked"]
        if isinstance(checked, date):  # a TOML date
            continue
        try:
            date.fromisoformat(checked)
        except (TypeError, ValueError):
            bad.append((entry["name"], checked))
    assert not bad


def test_boards_and_earlier_boards_are_in_the_board_table(sources) -> None:
    table = load_board_table()
    names_of = {
        board.name: {normalise(name) for name in (board.name, *board.aliases)}
        for area in table.areas
        for board in area.boards
    }
    written = sorted(
        {
            name
            for entry in sources
            for name in ([entry["board"]] if entry.get("board") else [])
            + list(entry.get("successor_of", []))
        }
    )
    unknown = []
    for name in written:
        # The table's lookup must find the board by its own name or alias, not by a guess
        # from the place the name mentions.
        found = table.known(name)
        if found is None or normalise(name) not in names_of.get(found.name, set()):
            unknown.append(name)
    assert len(unknown) <= UNKNOWN_BOARDS_ALLOWED, f"not in index/boards.toml: {unknown}"


def test_every_english_region_and_wales_are_covered(sources) -> None:
    english = {entry.get("region") for entry in sources if entry["nation"] == "england"}
    assert not ENGLISH_REGIONS - english, f"regions without a source: {ENGLISH_REGIONS - english}"
    welsh = [entry for entry in sources if entry["nation"] == "wales"]
    assert len(welsh) >= 5


def test_the_national_collections_have_no_board(sources) -> None:
    by_name = {entry["name"]: entry for entry in sources}
    for name in COLLECTIONS:
        assert name in by_name, name
        assert "board" not in by_name[name], name
