"""Many sources at once: hosts in parallel in a small pool of threads, one host's sources one
after another in one thread, and every request to a host made one at a time through one
shared fetcher, so robots.txt, the per-host delay and the hosts put aside hold across
sources (a national repository linked from many boards' pages included).
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

from tqdm import tqdm

from harvester.fetch import Fetcher, FetchResult, host_of
from harvester.settings import HarvestSettings, SourceConfig

T = TypeVar("T")
Log = Callable[[str], None]
DEFAULT_WORKERS = 4


class Stopped(Exception):
    """The run was interrupted: a source's harvest stops between two documents."""


class SharedFetcher:
    """One fetcher for every thread of a run; the requests to one host wait for each other."""

    def __init__(self, settings: HarvestSettings, fetcher: Fetcher | None = None) -> None:
        self.fetcher = fetcher or Fetcher(settings)
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock_for(self, url: str) -> threading.Lock:
        host = host_of(url)
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def view(self) -> FetcherView:
        return FetcherView(self)

    def close(self) -> None:
        self.fetcher.close()


class FetcherView:
    """The shared fetcher as one source's harvest sees it: the hosts put aside that it
    touched, and a close that leaves the shared fetcher open."""

    def __init__(self, shared: SharedFetcher) -> None:
        self._shared = shared
        self._hosts: set[str] = set()

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        pages_only: bool = False,
    ) -> FetchResult:
        self._hosts.add(host_of(url))
        with self._shared.lock_for(url):
            return self._shared.fetcher.get(url, etag, last_modified, max_bytes, pages_only)

    def allowed(self, url: str) -> bool:
        self._hosts.add(host_of(url))
        with self._shared.lock_for(url):
            return self._shared.fetcher.allowed(url)

    def put_aside(self) -> dict[str, str]:
        every = self._shared.fetcher.put_aside()
        return {host: why for host, why in every.items() if host in self._hosts}

    def close(self) -> None:
        pass


class Progress:
    """Sources done and documents fetched: bars on a terminal, a line per source otherwise.
    Safe to call from every thread."""

    def __init__(self, sources: int, log: Log, bars: bool | None = None) -> None:
        self._lock = threading.Lock()
        self._log = log
        self.stop = threading.Event()
        self.sources_done = 0
        self.sources = sources
        self.documents_found = 0
        self.documents_done = 0
        self._bars = sys.stderr.isatty() if bars is None else bars
        self._source_bar: tqdm | None = None
        self._document_bar: tqdm | None = None
        if self._bars:
            self._source_bar = tqdm(total=sources, desc="sources", unit="source", position=0)
            self._document_bar = tqdm(total=0, desc="documents", unit="doc", position=1)

    def found(self, count: int) -> None:
        with self._lock:
            self.documents_found += count
            if self._document_bar is not None:
                self._document_bar.total = self.documents_found
                self._document_bar.refresh()

    def fetched(self) -> None:
        if self.stop.is_set():
            raise Stopped("interrupted")
        with self._lock:
            self.documents_done += 1
            if self._document_bar is not None:
                self._document_bar.update(1)

    def source_done(self, name: str) -> None:
        with self._lock:
            self.sources_done += 1
            if self._source_bar is not None:
                self._source_bar.update(1)
                return
            self._log(
                f"{name} done: {self.sources_done}/{self.sources} sources, "
                f"{self.documents_done}/{self.documents_found} documents fetched"
            )

    def close(self) -> None:
        for bar in (self._document_bar, self._source_bar):
            if bar is not None:
                bar.close()


@dataclass(frozen=True)
class Done(Generic[T]):
    source: SourceConfig
    result: T | None
    error: str | None = None  # what went wrong when the work itself broke


Work = Callable[[SourceConfig, FetcherView, Progress], T]


def by_host(sources: Sequence[SourceConfig]) -> list[list[SourceConfig]]:
    """The sources grouped by the host of their listing page, in their order."""
    groups: dict[str, list[SourceConfig]] = {}
    for source in sources:
        groups.setdefault(host_of(source.url), []).append(source)
    return list(groups.values())


def run_by_host(
    sources: Sequence[SourceConfig],
    work: Work[T],
    settings: HarvestSettings,
    log: Log,
    workers: int = DEFAULT_WORKERS,
    bars: bool | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Done[T]]:
    """Run `work` on every source, hosts in parallel (at most `workers` threads), and yield
    each source's outcome as it is done. A source whose work breaks is reported and the
    others go on; an interrupt stops every thread between two documents."""
    shared = SharedFetcher(settings, fetcher)
    progress = Progress(len(sources), log, bars)
    finished: queue.Queue[Done[T] | None] = queue.Queue()

    def run_group(group: list[SourceConfig]) -> None:
        for source in group:
            if progress.stop.is_set():
                break
            try:
                finished.put(Done(source, work(source, shared.view(), progress)))
            except Stopped:
                break
            except Exception as exc:  # one source's failure must not end the others'
                finished.put(Done(source, None, f"{type(exc).__name__}: {exc}"))
            progress.source_done(source.name)
        finished.put(None)

    groups = by_host(sources)
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(groups))))
    try:
        for group in groups:
            pool.submit(run_group, group)
        running = len(groups)
        while running:
            done = finished.get()
            if done is None:
                running -= 1
            else:
                yield done
    finally:
        progress.stop.set()  # an interrupt, or the caller stopped reading
        pool.shutdown(wait=True, cancel_futures=True)
        progress.close()
        shared.close()
