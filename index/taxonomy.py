"""The theme taxonomy: themes as data, loaded from a TOML file an analyst can edit.

Used by the harvester (to tag lessons) and by the web app (for labels and facets).
The bundled file is ``index/themes.toml``; its header explains the format.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.datafile import read_toml

DEFAULT_TAXONOMY_PATH: Path = Path(__file__).with_name("themes.toml")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED_TEXT_KEYS = ("label", "description")
_LIST_KEYS = (
    "signals",
    "context_signals",
    "everyday_signals",
    "abbreviations",
    "exclude",
    "all_of",
)
_THEME_KEYS = frozenset(_REQUIRED_TEXT_KEYS + _LIST_KEYS)
_TOP_LEVEL_KEYS = frozenset({"themes", "meanings", "context"})


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message is one line naming file, theme and key."""


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    signals: tuple[str, ...] = ()  # every signal, the context signals included
    abbreviations: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Also tag this theme when every one of these themes is tagged (e.g. toxic-trio).
    all_of: tuple[str, ...] = ()
    # Signals that are ordinary English words: they count only in the safeguarding context
    # (see Taxonomy.context): near one context word ("bruised", "heroin"), or for the
    # everyday ones ("drinking", "delay") near two.
    context_signals: tuple[str, ...] = ()
    everyday_signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    # What abbreviations stand for ("EHE" -> "elective home education"), for search.
    meanings: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Words of the safeguarding context ("child", "practitioner"): a signal of one plain
    # word counts only in a text that has one of them.
    context: tuple[str, ...] = ()
    # The national catalogue's keywords and their themes (catalogue_keywords.toml beside
    # the themes file), as (keyword, theme ids) pairs.
    catalogue: tuple[tuple[str, tuple[str, ...]], ...] = ()
    _by_id: dict[str, Theme] = field(init=False, repr=False, compare=False, hash=False)
    _keywords: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {t.id: t for t in self.themes})
        object.__setattr__(self, "_keywords", dict(self.catalogue))

    def keyword_themes(self, keywords: Iterable[str]) -> tuple[str, ...]:
        """The themes a cataloguer's keywords stand for, in keyword order."""
        found = (t for k in keywords for t in self._keywords.get(k.strip().lower(), ()))
        return tuple(dict.fromkeys(found))

    def get(self, theme_id: str) -> Theme | None:
        return self._by_id.get(theme_id)

    def label(self, theme_id: str) -> str:
        theme = self._by_id.get(theme_id)
        return theme.label if theme else theme_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self._by_id

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file (the bundled one when ``path`` is None)."""
    path = Path(path) if path is not None else DEFAULT_TAXONOMY_PATH
    data = _read_toml(path)
    taxonomy = parse_taxonomy(data, source=str(path))
    keywords = path.with_name(DEFAULT_KEYWORDS_PATH.name)
    if keywords.exists():
        mapping = load_catalogue_keywords(keywords, taxonomy)
        taxonomy = dataclasses.replace(taxonomy, catalogue=tuple(sorted(mapping.items())))
    return taxonomy


def parse_taxonomy(data: dict[str, Any], source: str = "<taxonomy>") -> Taxonomy:
    """Validate already-parsed TOML data; ``source`` names it in error messages."""
    for key in data:
        if key not in _TOP_LEVEL_KEYS:
            raise TaxonomyError(
                f"{source}: unknown top-level key {key!r} (expected 'themes', 'meanings' or "
                "'context')"
            )
    tables = data.get("themes")
    if not isinstance(tables, dict) or not tables:
        raise TaxonomyError(f"{source}: no themes defined (add [themes.<id>] tables)")
    themes = tuple(_parse_theme(theme_id, body, source) for theme_id, body in tables.items())
    _check_all_of(themes, source)
    return Taxonomy(
        themes, _parse_meanings(data.get("meanings", {}), source), _parse_context(data, source)
    )


def _parse_context(data: dict[str, Any], source: str) -> tuple[str, ...]:
    table = data.get("context", {})
    if not isinstance(table, dict) or set(table) - {"words"}:
        raise TaxonomyError(f'{source}: [context] must hold words = ["...", ...]')
    words = _string_list(table, "words", f"{source}: [context]")
    for word in words:
        _check_phrase(word, "words", f"{source}: [context]")
    return words


def _parse_meanings(table: Any, source: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise TaxonomyError(f'{source}: [meanings] must be a table of ABBREVIATION = "words"')
    for abbreviation, meaning in table.items():
        if not isinstance(meaning, str) or not meaning.strip():
            raise TaxonomyError(
                f"{source}: meanings key {abbreviation!r} must be a non-empty string"
            )
    return {k: v.strip() for k, v in table.items()}


def _read_toml(path: Path) -> dict[str, Any]:
    return read_toml(path, "taxonomy file", TaxonomyError)


def _parse_theme(theme_id: str, body: Any, source: str) -> Theme:
    where = f"{source}: theme {theme_id!r}"
    if not _ID_RE.match(theme_id):
        raise TaxonomyError(
            f"{where}: bad theme id; use lowercase letters, digits and single hyphens "
            "(e.g. 'domestic-abuse')"
        )
    if not isinstance(body, dict):
        raise TaxonomyError(f"{where}: expected a table [themes.{theme_id}]")
    for key in body:
        if key not in _THEME_KEYS:
            allowed = ", ".join(sorted(_THEME_KEYS))
            raise TaxonomyError(f"{where}: unknown key {key!r} (allowed: {allowed})")
    texts = {key: _text(body, key, where) for key in _REQUIRED_TEXT_KEYS}
    lists = {key: _string_list(body, key, where) for key in _LIST_KEYS}
    for key in ("signals", "context_signals", "everyday_signals", "exclude"):
        for phrase in lists[key]:
            _check_phrase(phrase, key, where)
    for abbr in lists["abbreviations"]:
        if any(ch.isspace() for ch in abbr) or not re.match(r"[^\W_]", abbr):
            raise TaxonomyError(
                f"{where}: key 'abbreviations': {abbr!r} must start with a letter or digit "
                "and contain no spaces"
            )
    if not (lists["signals"] or lists["abbreviations"] or lists["all_of"]):
        raise TaxonomyError(f"{where}: key 'signals': give at least one signal or abbreviation")
    lists["signals"] = tuple(
        dict.fromkeys(lists["signals"] + lists["context_signals"] + lists["everyday_signals"])
    )
    return Theme(id=theme_id, **texts, **lists)


def _text(body: dict[str, Any], key: str, where: str) -> str:
    if key not in body:
        raise TaxonomyError(f"{where}: missing key {key!r}")
    value = body[key]
    if not isinstance(value, str) or not value.strip():
        raise TaxonomyError(f"{where}: key {key!r} must be a non-empty string")
    return value.strip()


def _string_list(body: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = body.get(key, [])
    if not isinstance(value, list):
        raise TaxonomyError(f"{where}: key {key!r} must be a list of strings")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise TaxonomyError(f"{where}: key {key!r} must be a list of non-empty strings")
        stripped = item.strip()
        if stripped not in items:
            items.append(stripped)
    return tuple(items)


def _check_phrase(phrase: str, key: str, where: str) -> None:
    # '*' is allowed at the end of a word ("bruis*") or as a word of its own ("held * cases").
    for word in re.split(r"[\s\-]+", phrase):
        if "*" in word.rstrip("*") or word.count("*") > 1:
            raise TaxonomyError(
                f"{where}: key {key!r}: {phrase!r} may use * only at the end of a word"
            )
    if not re.match(r"[^\W_]|\*", phrase):
        raise TaxonomyError(
            f"{where}: key {key!r}: {phrase!r} must start with a letter, a digit or *"
        )
    if not re.search(r"[^\W_]", phrase):
        raise TaxonomyError(f"{where}: key {key!r}: {phrase!r} has no letters or digits")


def _check_all_of(themes: tuple[Theme, ...], source: str) -> None:
    by_id = {t.id: t for t in themes}
    for theme in themes:
        for other in theme.all_of:
            where = f"{source}: theme {theme.id!r}: key 'all_of'"
            if other not in by_id:
                raise TaxonomyError(f"{where}: unknown theme {other!r}")
            if other == theme.id or by_id[other].all_of:
                raise TaxonomyError(
                    f"{where}: {other!r} must be a theme defined by signals, not by all_of"
                )


DEFAULT_KEYWORDS_PATH: Path = Path(__file__).with_name("catalogue_keywords.toml")


def load_catalogue_keywords(path: Path, taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """The national catalogue's keywords and the themes each stands for (lower-cased
    keyword -> theme ids), checked against `taxonomy`."""
    table = read_toml(path, "catalogue keyword file", TaxonomyError).get("keywords")
    if not isinstance(table, dict):
        raise TaxonomyError(f'{path}: needs a [keywords] table of "keyword" = ["theme-id"]')
    mapping: dict[str, tuple[str, ...]] = {}
    for keyword, themes in table.items():
        if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
            raise TaxonomyError(f"{path}: keyword {keyword!r} must map to a list of theme ids")
        unknown = [t for t in themes if t not in taxonomy]
        if unknown:
            raise TaxonomyError(f"{path}: keyword {keyword!r} names unknown theme {unknown[0]!r}")
        mapping[keyword.strip().lower()] = tuple(themes)
    return mapping
