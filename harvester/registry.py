"""The source registry: every board's review page and the national collections, shipped as
data (`harvester/sources.toml`) and read into the same SourceConfig a config's [[sources]]
become, with what the registry says of each besides (nation, region, earlier boards, when
the address was checked and where it was found).

A missing registry file is an empty registry; a broken one is reported in one line naming
the file, the entry and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from harvester.settings import SourceConfig

BUNDLED_REGISTRY = Path(__file__).parent / "sources.toml"
NATIONS = ("england", "wales")

# A source's keys (a config's [[sources]] take the same) -> the type TOML gives each;
# "list" is a list of strings.
SOURCE_KEYS = {
    "name": "str",
    "board": "str",
    "url": "str",
    "include": "list",
    "exclude": "list",
    "max_pages": "int",
    "selector": "str",
}
_REGISTRY_KEYS = {
    "nation": "str",
    "region": "str",
    "successor_of": "list",
    "checked": "date",
    "origin": "str",
}
_KEYS = {**SOURCE_KEYS, **_REGISTRY_KEYS}


class RegistryError(ValueError):
    """A registry file that cannot be used, worded as one line."""


@dataclass(frozen=True)
class RegistrySource:
    """A registry entry: the source to harvest and what the registry records about it."""

    source: SourceConfig
    nation: str | None = None
    region: str | None = None
    successor_of: tuple[str, ...] = ()
    checked: str | None = None  # ISO date the address was last read
    origin: str | None = None  # the public page the address was taken from

    @property
    def name(self) -> str:
        return self.source.name


@dataclass(frozen=True)
class Registry:
    path: Path
    entries: tuple[RegistrySource, ...] = ()

    def get(self, name: str) -> RegistrySource | None:
        return next((e for e in self.entries if e.name == name), None)

    @property
    def sources(self) -> tuple[SourceConfig, ...]:
        return tuple(e.source for e in self.entries)


def _value(where: str, key: str, value: Any) -> Any:
    kind = _KEYS[key]
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RegistryError(f"{where}: {key} must be a list of strings")
        return tuple(value)
    if kind == "date":
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise RegistryError(f"{where}: {key} must be a date (YYYY-MM-DD)") from None
    expected = str if kind == "str" else int
    # A TOML `true` is a Python int: it must not pass as a number.
    if isinstance(value, bool) or not isinstance(value, expected):
        raise RegistryError(f"{where}: {key} must be {kind}, got {type(value).__name__}")
    return value


def _entry(where: str, table: Any) -> RegistrySource:
    if not isinstance(table, dict):
        raise RegistryError(f"{where}: must be a table")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise RegistryError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_KEYS)})")
    values = {key: _value(where, key, value) for key, value in table.items()}
    for key in ("name", "url"):
        if not values.get(key):
            raise RegistryError(f"{where}: {key} is required")
    if not values["url"].startswith(("http://", "https://")):
        raise RegistryError(f"{where}: url must be an http(s) address, got {values['url']!r}")
    if values.get("max_pages", 1) < 1:
        raise RegistryError(f"{where}: max_pages must be 1 or more")
    nation = values.get("nation")
    if nation is not None and nation not in NATIONS:
        raise RegistryError(f"{where}: nation must be one of {', '.join(NATIONS)}")
    source = SourceConfig(**{k: v for k, v in values.items() if k in SOURCE_KEYS})
    extra = {k: v for k, v in values.items() if k in _REGISTRY_KEYS}
    return RegistrySource(source, **extra)


def parse_registry(raw: dict[str, Any], path: Path) -> Registry:
    unknown = sorted(set(raw) - {"sources"})
    if unknown:
        raise RegistryError(f"{path}: unknown table [{unknown[0]}] (a registry holds [[sources]])")
    tables = raw.get("sources", [])
    if not isinstance(tables, list):
        raise RegistryError(f"{path}: [[sources]] must be an array of tables")
    entries: list[RegistrySource] = []
    seen: set[str] = set()
    for number, table in enumerate(tables):
        name = table.get("name") if isinstance(table, dict) else None
        where = f"{path}: sources[{number}]" + (f" ({name!r})" if isinstance(name, str) else "")
        entry = _entry(where, table)
        if entry.name in seen:
            raise RegistryError(f"{where}: the name {entry.name!r} is used twice")
        seen.add(entry.name)
        entries.append(entry)
    return Registry(path, tuple(entries))


def load_registry(path: Path | None = None, required: bool = False) -> Registry:
    """The registry at `path` (default: the bundled one). A missing file is an empty
    registry unless `required` (a file the config names must be there)."""
    file = path or BUNDLED_REGISTRY
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise RegistryError(f"registry file not found: {file}") from None
        return Registry(file)
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{file}: cannot read: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{file}: not valid TOML: {exc}") from None
    return parse_registry(raw, file)
