"""The whole path on the sample website: served on loopback, harvested over HTTP, indexed,
searched; each known lesson found on its known page."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from harvester.catalog import Catalog
from harvester.tagging import ThemeTagger
from index import LessonSearcher, SearchQuery
from index.location import current_index_dir
from tests.conftest import ROOT, Harvested, harvest_sample


def _documents(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return manifest["documents"]


def _flat(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _stored_docs(data_dir: Path) -> dict[str, dict[str, Any]]:
    """doc source URL -> stored fields of one of its records, read straight from the index."""
    ix = whoosh_index.open_dir(str(current_index_dir(data_dir)))
    with ix.searcher() as searcher:
        docs: dict[str, dict[str, Any]] = {}
        for fields in searcher.all_stored_fields():
            docs.setdefault(fields["source_url"], fields)
    ix.close()
    return docs


def test_every_sample_document_is_harvested(harvested: Harvested, manifest: dict) -> None:
    assert all(r.ok for r in harvested.reports)
    assert sum(r.counts.failed for r in harvested.reports) == 0
    assert sum(r.counts.new for r in harvested.reports) == len(_documents(manifest))
    with Catalog(harvested.data_dir / "catalog.sqlite3") as catalog:
        for doc in _documents(manifest):
            row = catalog.url(harvested.url_for(doc["path"]))
            assert row is not None, doc["path"]
            assert row.sha256 and row.status == 200 and row.online


def test_metadata_from_listing_context(harvested: Harvested, manifest: dict) -> None:
    stored = _stored_docs(harvested.data_dir)
    wrong = []
    for doc in _documents(manifest):
        fields = stored.get(harvested.url_for(doc["path"]))
        assert fields is not None, f"{doc['path']} has no indexed record"
        got = (fields["case"], fields.get("year"), fields["doc_type"])
        want = (doc["case"], doc["year"], doc["doc_type"])
        if got != want:
            wrong.append(f"{doc['path']}: got {got}, want {want}")
    assert not wrong, "\n".join(wrong)


def test_known_lessons_found_on_their_pages(harvested: Harvested, manifest: dict) -> None:
    problems = []
    checked = 0
    with LessonSearcher(harvested.data_dir) as searcher:
        for doc in _documents(manifest):
            url = harvested.url_for(doc["path"])
            for known in doc["known"]:
                checked += 1
                phrase = known["phrase"].replace('"', "")
                response = searcher.search(SearchQuery(q=f'"{phrase}"', per_page=20))
                # Stemming lets a phrase match near-variants; the known item holds it verbatim.
                hits = [
                    h
                    for h in response.results
                    if h.source_url == url and _flat(phrase) in _flat(h.text)
                ]
                if not hits:
                    problems.append(f"{doc['path']}: not found: {phrase!r}")
                    continue
                hit = hits[0]
                if hit.page != known["page"]:
                    problems.append(
                        f"{doc['path']}: {phrase!r} on page {hit.page}, want {known['page']}"
                    )
                if known.get("kind") in ("lesson", "recommendation") and hit.kind != known["kind"]:
                    problems.append(
                        f"{doc['path']}: {phrase!r} is a {hit.kind}, want {known['kind']}"
                    )
                assert "<mark>" in hit.snippet
    assert checked >= 26
    assert not problems, "\n".join(problems)


def test_two_cases_with_the_same_name_stay_apart(harvested: Harvested) -> None:
    with LessonSearcher(harvested.data_dir) as searcher:
        response = searcher.search(SearchQuery(case="Child A", board="Fenmarsh", per_page=100))
    case_facet = {f.value: f.label for f in response.facets["case"]}
    assert len(case_facet) == 2, case_facet
    years = sorted({h.year for h in response.results})
    assert years[0] == 2006 and years[-1] == 2014


def test_reharvest_of_unchanged_site_downloads_nothing(
    tmp_path: Path, sample_site: Any, tagger: ThemeTagger, manifest: dict
) -> None:
    first = harvest_sample(tmp_path, sample_site.url)
    second = harvest_sample(tmp_path, sample_site.url)
    assert sum(r.counts.new for r in first) == len(_documents(manifest))
    assert sum(r.counts.new + r.counts.updated for r in second) == 0
    assert sum(r.counts.unchanged for r in second) == len(_documents(manifest))
    assert not any(r.changed for r in second)
    with LessonSearcher(tmp_path) as searcher:
        records = searcher.counts()["records"]
    with LessonSearcher(tmp_path) as searcher:
        again = searcher.search(SearchQuery(q="bruising", per_page=100))
    assert records > 0 and len({h.lesson_id for h in again.results}) == len(again.results)


def _scr(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "scr", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
    )


def test_cli_demo_then_search_json(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")
    demo = _scr(config, "demo", "--no-serve")
    assert demo.returncode == 0, demo.stderr
    assert "new" in demo.stdout and (tmp_path / "data" / "catalog.sqlite3").exists()

    found = _scr(config, "search", "bruising", "--json")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    assert data["total"] > 0
    top = data["results"][0]
    for key in ("case", "year", "doc_type", "page", "snippet"):
        assert top[key], key
    assert "<mark>" in top["snippet"].lower()
    assert set(data["facets"]) >= {"theme", "year", "case", "board", "doc_type"}

    again = _scr(config, "demo", "--no-serve")
    assert again.returncode == 0, again.stderr
    assert "new 0, updated 0" in again.stdout

    status = _scr(config, "status")
    assert status.returncode == 0 and "documents:" in status.stdout

    bad = _scr(config, "search", "bruising", "--type", "novel")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_cli_harvest_dry_run_then_harvest_and_serve(tmp_path: Path, sample_site: Any) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[paths]\ndata_dir = "data"\n[harvest]\ndelay_seconds = 0\n'
        f'[[sources]]\nname = "oakbridge"\nurl = "{sample_site.url}/oakbridge/case-reviews/"\n',
        encoding="utf-8",
    )
    dry = _scr(config, "harvest", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    planned = [line.split("\t")[0] for line in dry.stdout.splitlines() if "\t" in line]
    assert len(planned) == 11 and all(u.startswith(sample_site.url) for u in planned)
    assert not (tmp_path / "data" / "store").exists() or not any(
        (tmp_path / "data" / "store").rglob("*")
    )

    unknown = _scr(config, "harvest", "--source", "nowhere")
    assert unknown.returncode == 2 and "unknown source 'nowhere'" in unknown.stderr

    run = _scr(config, "harvest")
    assert run.returncode == 0, run.stderr
    assert "oakbridge: new 11, updated 0, unchanged 0, gone 0, failed 0" in run.stdout

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "scr", "--config", str(config), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        body = None
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/search?q=interpreter", timeout=2
                ) as response:
                    body = json.loads(response.read())
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "scr serve did not answer"
        assert body["total"] > 0 and body["results"][0]["case"] == "Child S"
        # waitress answers with the ident `scr serve` gives it, not Werkzeug's dev server.
        assert server_header == "case-review-lessons-index"
    finally:
        server.terminate()
        server.wait(timeout=10)
