"""The composition root (scr/services.py), the WSGI entry built from a config file, one
data directory layout, and the index's own decision to update or rebuild."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from index import SearchQuery
from index.location import DataDir
from index.writer import plan_update
from scr.config import load_config
from scr.services import Services
from tests.conftest import Harvested


def _config_file(tmp_path: Path, data_dir: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"[paths]\ndata_dir = {str(data_dir)!r}\n", encoding="utf-8")
    return path


def test_the_wsgi_entry_serves_the_data_directory_its_config_names(
    harvested: Harvested, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCR_CONFIG", str(_config_file(tmp_path, harvested.data_dir)))
    sys.modules.pop("scr.wsgi", None)
    wsgi = importlib.import_module("scr.wsgi")
    try:
        client = wsgi.app.test_client()
        found = client.get("/api/search?q=neglect").get_json()
        assert found["total"] > 0
        doc_id = found["results"][0]["doc_id"]
        assert client.get(f"/documents/{doc_id}/archived").status_code == 200
    finally:
        sys.modules.pop("scr.wsgi", None)


def test_services_wire_the_searcher_and_app_from_one_config(
    harvested: Harvested, tmp_path: Path
) -> None:
    services = Services(load_config(_config_file(tmp_path, harvested.data_dir)))
    assert services.data == DataDir(harvested.data_dir)
    with services.open_searcher() as searcher:
        response = searcher.search(SearchQuery(q="bruising"))
    client = services.create_app(TESTING=True).test_client()
    api = client.get("/api/search?q=bruising").get_json()
    assert api["total"] == response.total > 0
    # Labels come from the same taxonomy in both.
    labels = {f["value"]: f["label"] for f in api["facets"]["theme"]}
    assert labels == {v.value: v.label for v in response.facets["theme"]}


def test_a_broken_board_table_is_reported_before_a_harvest_session_opens(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "boards.toml"
    broken.write_text("[areas\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[paths]\ndata_dir = "data"\nboards = {str(broken)!r}\n', encoding="utf-8")
    services = Services(load_config(config))
    from index.boards import BoardTableError

    with pytest.raises(BoardTableError), services.harvest_session():
        pass
    assert not services.data.catalog.exists()  # nothing was opened or written


def test_the_blob_layout_is_one_rule(tmp_path: Path) -> None:
    from harvester.store import BlobStore

    data = DataDir(tmp_path)
    sha = BlobStore(data.store).put(b"%PDF-1.4 a report")
    assert data.blob(sha).read_bytes() == b"%PDF-1.4 a report"
    with pytest.raises(ValueError):
        data.blob("../../etc/passwd")


def test_the_index_decides_between_update_and_rebuild(harvested: Harvested, tmp_path: Path) -> None:
    live = harvested.data_dir
    assert not plan_update(live, "same", "same", True).rebuild
    assert not plan_update(live, None, "now", False).rebuild  # nothing understood yet
    changed = plan_update(live, "then", "now", True)
    assert changed.rebuild and "changed" in changed.reason
    assert plan_update(live, None, "now", True).rebuild  # documents of an unknown reading
    # An index whose schema lacks a field this version writes is rebuilt.
    import shutil

    from whoosh import index as whoosh_index
    from whoosh.fields import ID, Schema

    old = tmp_path / "old"
    shutil.copytree(live, old)
    current = DataDir(old).current_index()
    assert current is not None
    whoosh_index.create_in(str(current), Schema(doc_id=ID(stored=True)))
    outdated = plan_update(old, "same", "same", True)
    assert outdated.rebuild and "older version" in outdated.reason
