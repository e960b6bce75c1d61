"""config.toml: read once, validated before any work starts, passed down as dataclasses.

Every section and key has a default, so an empty file (or none at all) is a valid config.
Relative paths resolve against the folder of the config file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from harvester.registry import SOURCE_KEYS
from harvester.settings import HarvestSettings, SourceConfig

DEFAULT_CONFIG = "config.toml"


class ConfigError(ValueError):
    """A config problem, worded as one line naming the file and the key."""


@dataclass(frozen=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 5000
    # The address readers reach the app at (scheme, host, optional port), for the absolute
    # links of the Atom feeds; None: http://host:port of the server itself.
    base_url: str | None = None


@dataclass(frozen=True)
class SearchSettings:
    # Look past the candidate documents for records that would reach the page, so that
    # the page is the one a ranking of every record would show (index/maxscore.py);
    # false: the two-step search alone, faster by a few milliseconds.
    exact_ranking: bool = True


def _base_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        _ = parts.port  # a port out of range or not a number raises ValueError
        usable = (
            parts.scheme in ("http", "https")
            and parts.hostname
            and parts.path in ("", "/")
            and not (parts.query or parts.fragment or parts.username)
        )
    except ValueError:
        usable = False
    if not usable:
        raise ConfigError(
            f"server.base_url must be an http(s) address such as https://lessons.example.org, "
            f"got {value!r}"
        )
    return value.rstrip("/")


@dataclass(frozen=True)
class Config:
    path: Path | None
    data_dir: Path
    taxonomy: Path | None = None
    boards: Path | None = None  # the board table; None: the bundled index/boards.toml
    # The source registry; None: the bundled harvester/sources.toml.
    registry: Path | None = None
    # [harvest] registry: harvest every registry source as well as the config's own.
    harvest_registry: bool = False
    harvest: HarvestSettings = field(default_factory=HarvestSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    search: SearchSettings = field(default_factory=SearchSettings)
    sources: tuple[SourceConfig, ...] = ()

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)


_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "float": (int, float),
    "int": (int,),
    "bool": (bool,),
}


def _check(where: str, key: str, value: Any, kind: str) -> Any:
    if kind.startswith("list"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}.{key} must be a list of strings")
        return tuple(value)
    allowed = _TYPES[kind]
    # bool is an int in Python; a TOML `true` must not pass as a number.
    if isinstance(value, bool) and bool not in allowed or not isinstance(value, allowed):
        raise ConfigError(f"{where}.{key} must be {kind}, got {type(value).__name__}")
    return float(value) if kind == "float" else value


def _section(where: str, raw: Any, spec: dict[str, str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ConfigError(f"[{where}] must be a table")
    unknown = sorted(set(raw) - set(spec))
    if unknown:
        raise ConfigError(f"unknown key {where}.{unknown[0]} (known: {', '.join(spec)})")
    return {k: _check(where, k, v, spec[k]) for k, v in raw.items()}


_HARVEST_SPEC = {
    "user_agent": "str",
    "delay_seconds": "float",
    "timeout_seconds": "float",
    "max_document_mb": "float",
    "respect_robots": "bool",
    "max_redirects": "int",
    "retries": "int",
    "download_deadline_seconds": "float",
    "min_bytes_per_second": "float",
    "max_retry_after_seconds": "float",
    "max_host_failures": "int",
    "worker_memory_mb": "float",
    "registry": "bool",
}
# Below this a parser process cannot read even a small document.
MIN_WORKER_MEMORY_MB = 256
# Keys whose 0 would make every download fail.
_HARVEST_MORE_THAN_ZERO = ("download_deadline_seconds", "max_host_failures")
PORTS = (1, 65535)
_SOURCE_SPEC = SOURCE_KEYS


NUMBERS = ("int", "float")


def _positive(where: str, values: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in values and values[key] < 0:
            raise ConfigError(f"{where}.{key} must not be negative")


def _more_than_zero(where: str, values: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        if key in values and values[key] <= 0:
            raise ConfigError(f"{where}.{key} must be more than 0, got {values[key]}")


def _port(where: str, values: dict[str, Any]) -> None:
    low, high = PORTS
    if "port" in values and not low <= values["port"] <= high:
        raise ConfigError(f"{where}.port must be from {low} to {high}, got {values['port']}")


def parse_config(raw: dict[str, Any], path: Path | None, base: Path) -> Config:
    unknown = sorted(set(raw) - {"paths", "harvest", "server", "search", "sources"})
    if unknown:
        raise ConfigError(
            f"unknown section [{unknown[0]}] (known: paths, harvest, server, search, sources)"
        )
    paths = _section(
        "paths",
        raw.get("paths", {}),
        {"data_dir": "str", "taxonomy": "str", "boards": "str", "registry": "str"},
    )
    harvest = _section("harvest", raw.get("harvest", {}), _HARVEST_SPEC)
    harvest_registry = harvest.pop("registry", False)
    _positive("harvest", harvest, tuple(k for k, t in _HARVEST_SPEC.items() if t in NUMBERS))
    if harvest.get("worker_memory_mb", MIN_WORKER_MEMORY_MB) < MIN_WORKER_MEMORY_MB:
        raise ConfigError(f"harvest.worker_memory_mb must be at least {MIN_WORKER_MEMORY_MB}")
    _more_than_zero("harvest", harvest, _HARVEST_MORE_THAN_ZERO)
    server = _section(
        "server", raw.get("server", {}), {"host": "str", "port": "int", "base_url": "str"}
    )
    _port("server", server)
    search = _section("search", raw.get("search", {}), {"exact_ranking": "bool"})
    if "base_url" in server:
        server["base_url"] = _base_url(server["base_url"])

    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError("[[sources]] must be an array of tables")
    sources: list[SourceConfig] = []
    for i, item in enumerate(raw_sources):
        where = f"sources[{i}]"
        values = _section(where, item, _SOURCE_SPEC)
        for key in ("name", "url"):
            if key not in values:
                raise ConfigError(f"{where}.{key} is required")
        if not values["url"].startswith(("http://", "https://")):
            raise ConfigError(f"{where}.url must be an http(s) URL, got {values['url']!r}")
        if any(s.name == values["name"] for s in sources):
            raise ConfigError(f"{where}.name {values['name']!r} is used twice")
        _positive(where, values, ("max_pages",))
        sources.append(SourceConfig(**values))

    taxonomy = paths.get("taxonomy")
    return Config(
        path=path,
        data_dir=base / paths.get("data_dir", "var"),
        taxonomy=base / taxonomy if taxonomy else None,
        boards=base / paths["boards"] if paths.get("boards") else None,
        registry=base / paths["registry"] if paths.get("registry") else None,
        harvest_registry=harvest_registry,
        harvest=HarvestSettings(**harvest),
        server=ServerSettings(**server),
        search=SearchSettings(**search),
        sources=tuple(sources),
    )


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Load the config named by `path`, else $SCR_CONFIG, else ./config.toml (may be absent)."""
    explicit = path or os.environ.get("SCR_CONFIG")
    file = Path(explicit or DEFAULT_CONFIG)
    if not file.exists():
        if explicit:
            raise ConfigError(f"config file not found: {file}")
        return parse_config({}, None, Path.cwd())
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror}") from None
    try:
        return parse_config(raw, file, file.resolve().parent)
    except ConfigError as exc:
        raise ConfigError(f"{file}: {exc}") from None
