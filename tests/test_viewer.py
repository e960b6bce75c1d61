"""The PDF viewer (`/documents/<doc_id>/view`): a PDF at a lesson's page, drawn by PDF.js
served by the app; other documents and a missing PDF.js lead to the archived copy."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from search_app.viewer import DEFAULT_PDFJS_DIR, PDFJS_MODULES
from tests.conftest import Harvested


@pytest.fixture(scope="module")
def pdfjs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in for pdfjs-dist: the viewer's routes need its two modules to exist."""
    root = tmp_path_factory.mktemp("pdfjs-dist")
    for name in PDFJS_MODULES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("export {};\n", encoding="utf-8")
    (root / "standard_fonts").mkdir()
    (root / "standard_fonts" / "LiberationSans-Regular.ttf").write_bytes(b"\0\1\0\0")
    (root / "package.json").write_text("{}", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def app(harvested: Harvested, pdfjs_dir: Path) -> Flask:
    return create_app(AppConfig(harvested.data_dir, pdfjs_dir=pdfjs_dir), TESTING=True)


@pytest.fixture(scope="module")
def app_without_pdfjs(harvested: Harvested, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    missing = tmp_path_factory.mktemp("no-viewer") / "node_modules" / "pdfjs-dist"
    return create_app(AppConfig(harvested.data_dir, pdfjs_dir=missing), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def pdf_lesson(app: Flask) -> dict[str, Any]:
    """A lesson of a PDF overview report, as the search API gives it."""
    found = app.test_client().get("/api/search?q=bruising&type=overview-report").get_json()
    hit = found["results"][0]
    assert hit["page"] and hit["page"] > 1
    return hit


def _document_of_kind(client: FlaskClient, suffix: str) -> dict[str, Any]:
    for case in client.get("/api/cases").get_json()["cases"]:
        for document in client.get(f"/api/cases/{case['case_id']}").get_json()["documents"]:
            if document["source_url"].endswith(suffix):
                return client.get(f"/api/documents/{document['doc_id']}").get_json()
    raise AssertionError(f"no {suffix} document in the sample")


def _view(hit: dict[str, Any], **params: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/documents/{hit['doc_id']}/view" + (f"?{query}" if query else "")


def test_the_viewer_opens_a_pdf_at_the_lessons_page_with_the_lesson(
    client: FlaskClient, pdf_lesson: dict[str, Any]
) -> None:
    page, lesson_id = pdf_lesson["page"], pdf_lesson["lesson_id"]
    response = client.get(_view(pdf_lesson, page=page, lesson=lesson_id))
    assert response.status_code == 200
    soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
    box = soup.select_one("#viewer-page-box")
    assert box is not None
    assert box["data-page"] == str(page) and box["data-lesson-page"] == str(page)
    assert box["data-pdf"] == f"/documents/{pdf_lesson['doc_id']}/archived"
    assert box["data-pdfjs"] == "/pdfjs/build/pdf.mjs"
    assert box["data-worker"] == "/pdfjs/build/pdf.worker.mjs"
    lesson_text = soup.select_one("#lesson-text")
    assert lesson_text is not None
    assert "not independently mobile" in lesson_text.get_text()
    plain = soup.find("a", string="Open the plain PDF")
    assert plain is not None
    assert plain["href"] == f"/documents/{pdf_lesson['doc_id']}/archived#page={page}"
    original = soup.find("a", string=re.compile("original"))
    assert original is not None and original["href"] == pdf_lesson["source_url"]
    # Labelled controls, and buttons that are buttons.
    assert soup.select_one("label[for=viewer-page]") is not None
    names = [
        b.get("aria-label") or b.get_text(strip=True) for b in soup.select("form.viewer-bar button")
    ]
    assert names == ["Previous page", "Go", "Next page", "Zoom out", "Fit width", "Zoom in"]
    assert soup.select_one("#viewer-status[role=status]") is not None


def test_the_viewer_page_runs_no_inline_script_and_keeps_the_policy_strict(
    client: FlaskClient, pdf_lesson: dict[str, Any]
) -> None:
    response = client.get(_view(pdf_lesson, lesson=pdf_lesson["lesson_id"]))
    soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
    scripts = soup.find_all("script")
    assert scripts and all(s.get("src", "").startswith("/static/") for s in scripts)
    assert all(not s.get_text().strip() for s in scripts)
    assert soup.find("script", attrs={"type": "module", "src": "/static/viewer.js"})
    policy = response.headers["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "script-src 'self';" in policy
    assert "unsafe" not in policy and "blob:" not in policy and "*" not in policy
    assert "frame-ancestors 'none'" in policy


def test_without_a_page_the_viewer_opens_at_the_lessons_page(
    client: FlaskClient, pdf_lesson: dict[str, Any]
) -> None:
    html = client.get(_view(pdf_lesson, lesson=pdf_lesson["lesson_id"])).get_data(as_text=True)
    assert f'data-page="{pdf_lesson["page"]}"' in html
    html = client.get(_view(pdf_lesson)).get_data(as_text=True)
    assert 'data-page="1"' in html and "lesson-text" not in html
    html = client.get(_view(pdf_lesson, page=2)).get_data(as_text=True)
    assert 'data-page="2"' in html


@pytest.mark.parametrize("page", ["0", "-1", "two", "1.5", "99999"])
def test_a_page_that_is_not_one_of_the_documents_is_refused(
    client: FlaskClient, pdf_lesson: dict[str, Any], page: str
) -> None:
    response = client.get(_view(pdf_lesson, page=page))
    assert response.status_code == 400
    assert "page" in response.get_data(as_text=True)


def test_a_lesson_that_is_not_one_of_the_documents_is_refused(
    client: FlaskClient, pdf_lesson: dict[str, Any]
) -> None:
    doc_id = pdf_lesson["doc_id"]
    assert client.get(_view(pdf_lesson, lesson="nonsense")).status_code == 400
    other = "0123456789abcdef-0001"
    assert client.get(_view(pdf_lesson, lesson=other)).status_code == 400
    assert client.get(_view(pdf_lesson, lesson=f"{doc_id}-9999")).status_code == 404


@pytest.mark.parametrize("doc_id", ["0123456789abcdef", "ZZZZ", "a" * 64, "..%2f..%2fetc"])
def test_the_viewer_of_an_unknown_document_is_404(client: FlaskClient, doc_id: str) -> None:
    assert client.get(f"/documents/{doc_id}/view?page=1").status_code == 404


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_a_document_that_is_not_a_pdf_goes_to_its_archived_view(
    client: FlaskClient, suffix: str
) -> None:
    document = _document_of_kind(client, suffix)
    lesson = document["lessons"][0]
    response = client.get(_view(document, page=1, lesson=lesson["lesson_id"]))
    assert response.status_code == 302
    archived = f"/documents/{document['doc_id']}/archived"
    assert response.location == f"{archived}?lesson={lesson['lesson_id']}#lesson"
    assert client.get(_view(document)).location == archived


def test_lesson_links_of_pdfs_open_the_viewer(
    client: FlaskClient, pdf_lesson: dict[str, Any]
) -> None:
    doc_id, lesson_id, page = pdf_lesson["doc_id"], pdf_lesson["lesson_id"], pdf_lesson["page"]
    viewer = f"/documents/{doc_id}/view?page={page}&amp;lesson={lesson_id}"
    results = client.get("/?q=bruising&type=overview-report").get_data(as_text=True)
    assert viewer in results
    assert viewer in client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert viewer in client.get(f"/cases/{pdf_lesson['case_id']}").get_data(as_text=True)
    # The whole document's archived copy is linked as it was.
    document = client.get(f"/documents/{doc_id}").get_data(as_text=True)
    assert f'href="/documents/{doc_id}/archived">Open the archived copy' in document


def test_without_pdfjs_the_viewer_leads_to_the_plain_pdf_at_the_page(
    app_without_pdfjs: Flask, pdf_lesson: dict[str, Any]
) -> None:
    client = app_without_pdfjs.test_client()
    doc_id, lesson_id, page = pdf_lesson["doc_id"], pdf_lesson["lesson_id"], pdf_lesson["page"]
    response = client.get(_view(pdf_lesson, page=page, lesson=lesson_id))
    assert response.status_code == 302
    assert response.location == f"/documents/{doc_id}/archived#page={page}"
    response = client.get(_view(pdf_lesson, lesson=lesson_id))
    assert response.location == f"/documents/{doc_id}/archived#page={page}"
    # The pages link the plain PDF at the page straight away, and serve no PDF.js.
    results = client.get("/?q=bruising&type=overview-report").get_data(as_text=True)
    assert f"/documents/{doc_id}/archived#page={page}" in results
    assert "/view?" not in results
    assert client.get("/pdfjs/build/pdf.mjs").status_code == 404
    # Still validated as when it is installed.
    assert client.get(_view(pdf_lesson, page="x")).status_code == 400
    assert client.get("/documents/0123456789abcdef/view").status_code == 404


def test_pdfjs_files_are_served_from_its_folders_only(client: FlaskClient) -> None:
    for name in PDFJS_MODULES:
        response = client.get(f"/pdfjs/{name}")
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    font = client.get("/pdfjs/standard_fonts/LiberationSans-Regular.ttf")
    assert font.status_code == 200 and font.mimetype == "font/ttf"
    for path in [
        "/pdfjs/package.json",
        "/pdfjs/build/../package.json",
        "/pdfjs/build/%2e%2e/package.json",
        "/pdfjs/build/missing.mjs",
        "/pdfjs/..%2f..%2fetc/passwd",
    ]:
        assert client.get(path).status_code == 404, path


def test_the_installed_pdfjs_is_served_as_javascript(harvested: Harvested) -> None:
    """The pdfjs-dist `npm ci` installs (package-lock.json), served by the default app."""
    if not all((DEFAULT_PDFJS_DIR / name).is_file() for name in PDFJS_MODULES):
        if os.environ.get("CI") == "true":
            pytest.fail("pdfjs-dist is missing: `make test` installs it with npm ci")
        pytest.skip("pdfjs-dist is not installed (make install runs npm ci)")
    client = create_app(AppConfig(harvested.data_dir), TESTING=True).test_client()
    library = client.get("/pdfjs/build/pdf.mjs")
    assert library.status_code == 200 and library.mimetype == "text/javascript"
    assert b"getDocument" in library.data and b"TextLayer" in library.data
    worker = client.get("/pdfjs/build/pdf.worker.mjs")
    assert worker.status_code == 200 and worker.mimetype == "text/javascript"
