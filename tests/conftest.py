"""Shared fixtures: the sample board website on loopback, and a data directory harvested
from it over HTTP with the real harvester."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from harvester.pipeline import HarvestReport
from harvester.settings import HarvestSettings
from harvester.tagging import ThemeTagger
from index import LessonSearcher
from index.evaluation import Judged, load_judgments
from index.taxonomy import Taxonomy, load_taxonomy
from scr.demo import demo_sources
from scr.samplesite import SAMPLES_DIR, SampleSite
from scr.services import Services

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def tagger(taxonomy: Taxonomy) -> ThemeTagger:
    return ThemeTagger(taxonomy)


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    return json.loads((SAMPLES_DIR / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_site() -> Iterator[SampleSite]:
    with SampleSite(port=0) as site:
        yield site


@dataclasses.dataclass
class Harvested:
    data_dir: Path
    site_url: str
    reports: list[HarvestReport]

    def url_for(self, path: str) -> str:
        return f"{self.site_url}/{quote(path)}"


def harvest_sample(data_dir: Path, site_url: str) -> list[HarvestReport]:
    """What `scr demo` does, minus serving: harvest every sample source and index it."""
    settings = HarvestSettings(delay_seconds=0.0, retries=0, timeout_seconds=10)
    quiet = lambda _m: None  # noqa: E731
    with Services.for_data_dir(data_dir).harvest_session() as session:
        reports = [
            session.harvest(source, settings, log=quiet) for source in demo_sources(site_url)
        ]
        session.sync(log=quiet)
    return reports


@pytest.fixture(scope="session")
def harvested(tmp_path_factory: pytest.TempPathFactory, sample_site: SampleSite) -> Harvested:
    data_dir = tmp_path_factory.mktemp("harvested")
    reports = harvest_sample(data_dir, sample_site.url)
    return Harvested(data_dir, sample_site.url, reports)


@pytest.fixture(scope="session")
def judgments() -> list[Judged]:
    """The judged queries over the sample corpus (samples/judgments.toml)."""
    return load_judgments(SAMPLES_DIR / "judgments.toml")


@pytest.fixture(scope="module")
def app_searcher(harvested: Harvested) -> Iterator[LessonSearcher]:
    """A searcher of the harvested sample built as the app builds it: theme labels and
    abbreviations from the taxonomy."""
    with Services.for_data_dir(harvested.data_dir).open_searcher() as opened:
        yield opened
