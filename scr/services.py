"""The composition root: the product's parts built from the config, in one place.

The CLI, the demo, the WSGI entry and the tests' fixtures all get their searcher, harvest
session and web app here, so the data directory's layout (`index.location.DataDir`) and
the wiring of catalog, store, tagger, board table and searcher are written once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harvester.catalog import Catalog
from harvester.hostpool import Done, run_by_host
from harvester.pipeline import (
    HarvestReport,
    Log,
    SyncReport,
    harvest_source,
    reindex_all,
    sync_index,
)
from harvester.registry import Registry, RegistrySource, load_registry
from harvester.settings import HarvestSettings, SourceConfig
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from index import (
    BoardTable,
    DataDir,
    Expander,
    LessonSearcher,
    Taxonomy,
    load_board_table,
    load_taxonomy,
)
from scr.config import Config

if TYPE_CHECKING:
    from flask import Flask


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class KnownSource:
    """A source as `scr sources` lists it: from the config, the registry, or both (the
    config's wins)."""

    source: SourceConfig
    registry: RegistrySource | None = None
    in_config: bool = False


@dataclass
class HarvestSession:
    """An open catalog and store with what understands their documents."""

    data: DataDir
    catalog: Catalog
    store: BlobStore
    tagger: ThemeTagger
    boards: BoardTable
    # The parser processes' memory allowance ([harvest] worker_memory_mb).
    worker_memory_mb: float = HarvestSettings.worker_memory_mb

    def harvest(
        self,
        source: SourceConfig,
        settings: HarvestSettings,
        dry_run: bool = False,
        log: Log | None = None,
    ) -> HarvestReport:
        extra = {"log": log} if log is not None else {}
        return harvest_source(source, settings, self.catalog, self.store, dry_run=dry_run, **extra)

    def harvest_many(
        self,
        sources: Sequence[SourceConfig],
        settings: HarvestSettings,
        dry_run: bool = False,
        log: Log | None = None,
    ) -> Iterator[Done[HarvestReport]]:
        """Harvest several sources, hosts in parallel; each report as its source is done."""
        extra = {"log": log} if log is not None else {}

        def work(source: SourceConfig, fetcher: Any, progress: Any) -> HarvestReport:
            return harvest_source(
                source,
                settings,
                self.catalog,
                self.store,
                dry_run=dry_run,
                fetcher=fetcher,
                progress=progress,
                **extra,
            )

        return run_by_host(sources, work, settings, log or _stderr)

    def sync(self, log: Log | None = None) -> SyncReport:
        """Bring the index in line with the catalog (the index decides whether that is an
        update or a rebuild)."""
        return sync_index(
            self.data.root, self.catalog, self.store, self.tagger, **self._options(log)
        )

    def reindex(self, log: Log | None = None) -> SyncReport:
        return reindex_all(
            self.data.root, self.catalog, self.store, self.tagger, **self._options(log)
        )

    def _options(self, log: Log | None) -> dict[str, Any]:
        options: dict[str, Any] = {"boards": self.boards, "memory_mb": self.worker_memory_mb}
        if log is not None:
            options["log"] = log
        return options


class Services:
    """What one config builds: read once (taxonomy, board table), opened on demand
    (searcher, harvest session, web app)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.data = DataDir(config.data_dir)

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> Services:
        """The services of a data directory with every other setting at its default."""
        return cls(Config(path=None, data_dir=data_dir))

    @cached_property
    def taxonomy(self) -> Taxonomy:
        return load_taxonomy(self.config.taxonomy)

    @cached_property
    def boards(self) -> BoardTable:
        return load_board_table(self.config.boards)

    @cached_property
    def expander(self) -> Expander:
        return Expander.from_taxonomy(self.taxonomy)

    @cached_property
    def registry(self) -> Registry:
        """The source registry: the config's [paths] registry (which must exist), else the
        bundled one (none is an empty registry)."""
        return load_registry(self.config.registry, required=self.config.registry is not None)

    def source(self, name: str) -> SourceConfig | None:
        """A source by name: the config's, else the registry's."""
        chosen = self.config.source(name)
        if chosen is None:
            entry = self.registry.get(name)
            chosen = entry.source if entry is not None else None
        return chosen

    def harvest_sources(self) -> tuple[SourceConfig, ...]:
        """What `scr harvest` harvests: the config's sources, and every registry source
        too when [harvest] registry is on."""
        if not self.config.harvest_registry:
            return self.config.sources
        return tuple(known.source for known in self.known_sources())

    def known_sources(self) -> list[KnownSource]:
        """The config's sources, then the registry's not named in the config."""
        known = [
            KnownSource(s, self.registry.get(s.name), in_config=True) for s in self.config.sources
        ]
        names = {s.name for s in self.config.sources}
        known += [KnownSource(e.source, e) for e in self.registry.entries if e.name not in names]
        return known

    def tagger(self) -> ThemeTagger:
        return ThemeTagger(self.taxonomy)

    def load(self) -> None:
        """Read the taxonomy and the board table now: a broken one is reported before any
        work starts."""
        _ = self.taxonomy, self.boards

    def open_searcher(self) -> LessonSearcher:
        return LessonSearcher(
            self.data.root,
            self.taxonomy.label,
            self.expander,
            exact_ranking=self.config.search.exact_ranking,
        )

    @contextmanager
    def harvest_session(self) -> Iterator[HarvestSession]:
        self.load()
        with Catalog(self.data.catalog) as catalog:
            store = BlobStore(self.data.store)
            yield HarvestSession(
                self.data,
                catalog,
                store,
                self.tagger(),
                self.boards,
                self.config.harvest.worker_memory_mb,
            )

    def base_url(self, host: str | None = None, port: int | None = None) -> str:
        """The address the app's absolute links use: the configured base URL, else the
        server's own host and port."""
        server = self.config.server
        if server.base_url:
            return server.base_url
        name = host or server.host
        name = f"[{name}]" if ":" in name else name  # an IPv6 address
        return f"http://{name}:{port or server.port}"

    def create_app(
        self,
        host: str | None = None,
        port: int | None = None,
        warm: bool = False,
        **flask_config: object,
    ) -> Flask:
        """The web app; `host` and `port` are where it is served when they differ from the
        config's; `warm`: look up the taxonomy's words in each index opened (a server)."""
        from search_app import AppConfig, create_app

        config = AppConfig(
            self.data.root,
            self.taxonomy,
            self.base_url(host, port),
            exact_ranking=self.config.search.exact_ranking,
            warm=warm,
        )
        return create_app(config, **flask_config)
