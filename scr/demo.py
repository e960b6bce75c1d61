"""`scr demo`: serve the bundled sample board website on loopback, harvest it over HTTP with
the real harvester, build the index, and serve the app."""

from __future__ import annotations

import dataclasses
import errno
import sys
import tomllib
import urllib.request
from pathlib import Path

from harvester.settings import SourceConfig
from scr.config import Config
from scr.samplesite import SAMPLE_SITE_PORT, SAMPLES_DIR, SITE_DIR, SampleSite
from scr.services import Services

DEMO_SOURCES = SAMPLES_DIR / "demo_sources.toml"


def demo_sources(base_url: str, path: Path = DEMO_SOURCES) -> list[SourceConfig]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        SourceConfig(name=s["name"], board=s.get("board"), url=base_url + s["path"])
        for s in raw["sources"]
    ]


class _RunningSite:
    """The sample site as already served by another `scr demo` on the usual port."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> _RunningSite:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _serves_the_sample(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/robots.txt", timeout=2) as response:
            return response.read() == (SITE_DIR / "robots.txt").read_bytes()
    except OSError:
        return False


def _open_site(site_port: int = SAMPLE_SITE_PORT) -> SampleSite | _RunningSite:
    try:
        return SampleSite(port=site_port)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
    usual = f"http://127.0.0.1:{site_port}"
    if _serves_the_sample(usual):
        return _RunningSite(usual)
    print(f"port {site_port} is busy; serving the sample site on another port")
    return SampleSite(port=0)


def run_demo(
    config: Config,
    port: int = 5000,
    serve_app: bool = True,
    site_port: int = SAMPLE_SITE_PORT,
) -> int:
    services = Services(config)
    # The sample site is on loopback: no need to wait between requests.
    settings = dataclasses.replace(config.harvest, delay_seconds=0.0)
    failed = False
    with _open_site(site_port) as site:
        print(f"sample board website: {site.url}/", flush=True)
        with services.harvest_session() as session:
            for source in demo_sources(site.url):
                report = session.harvest(source, settings)
                print(f"{source.name}: {report.counts.summary()}", flush=True)
                failed |= not report.ok
            print(session.sync().summary(), flush=True)
        with services.open_searcher() as searcher:
            counts = searcher.counts()
        print(
            f"index: {counts['records']} lessons and passages from {counts['cases']} cases "
            f"in {config.data_dir}",
            flush=True,
        )
        if failed:
            print("scr: the sample harvest failed; see `scr status`", file=sys.stderr)
            return 1
        if serve_app:
            from scr.serve import serve

            serve(services, "127.0.0.1", port)
    return 0
