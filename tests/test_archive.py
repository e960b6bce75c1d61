"""Archived copies: a web page shown as its main content with nothing that runs, a DOCX as
an HTML view with paragraph anchors and the lesson marked."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from search_app.archive import ARCHIVE_CSP
from tests.archive_fixtures import PAGE_TITLE, ArchiveCollection, build_archive_collection

EVENT_ATTRIBUTE = re.compile(r"^on", re.I)


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> ArchiveCollection:
    return build_archive_collection(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def app(collection: ArchiveCollection) -> Flask:
    return create_app(AppConfig(collection.data_dir), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _document(client: FlaskClient, source: str) -> dict:
    for case in client.get("/api/cases").get_json()["cases"]:
        for document in client.get(f"/api/cases/{case['case_id']}").get_json()["documents"]:
            if document["source_url"] == source:
                return document
    raise AssertionError(f"{source} was not indexed")


def test_an_archived_web_page_is_served_as_a_page_with_nothing_that_runs(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.web_source)
    response = client.get(f"/documents/{document['doc_id']}/archived")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Type"].count("charset") == 1
    assert response.headers["Content-Security-Policy"] == ARCHIVE_CSP
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
    assert soup.title is not None and soup.title.get_text() == PAGE_TITLE
    for name in ("script", "iframe", "form", "object", "svg", "base", "input", "button"):
        assert soup.find(name) is None, name
    assert soup.find("meta", attrs={"http-equiv": True}) is None
    assert not [
        (tag.name, attribute)
        for tag in soup.find_all(True)
        for attribute in tag.attrs
        if EVENT_ATTRIBUTE.match(attribute)
    ]
    assert not [a for a in soup.find_all("a", href=True) if "javascript" in a["href"].lower()]
    text = soup.get_text(" ")
    assert "no one saw that the absences" in text  # the main content is there
    assert "Westmere footer" not in text and "We use cookies" not in text


def test_the_original_web_page_downloads_as_html_under_its_name(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.web_source)
    response = client.get(f"/documents/{document['doc_id']}/archived?download=1")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Type"].count("charset") <= 1
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and disposition.rstrip('"').endswith(".html")
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_a_docx_is_an_html_view_with_an_anchor_per_paragraph(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.docx_source)
    response = client.get(f"/documents/{document['doc_id']}/archived")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == ARCHIVE_CSP
    soup = BeautifulSoup(response.get_data(as_text=True), "lxml")
    assert soup.find("script") is None
    anchored = soup.select("[id^=p-]")
    assert [a["id"] for a in anchored] == [f"p-{n}" for n in range(1, len(anchored) + 1)]
    assert len(anchored) == 7
    assert soup.find("h2", string="What we learned") is not None
    bruising = soup.find("li", string=re.compile("not yet crawling"))
    assert bruising is not None and bruising["id"].startswith("p-")


def test_a_lesson_of_a_docx_is_marked_at_its_paragraph(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.docx_source)
    lessons = client.get(f"/api/documents/{document['doc_id']}").get_json()["lessons"]
    lesson = next(x for x in lessons if "mental health" in x["text"])
    html = client.get(
        f"/documents/{document['doc_id']}/archived?lesson={lesson['lesson_id']}"
    ).get_data(as_text=True)
    soup = BeautifulSoup(html, "lxml")
    (marked,) = soup.select(".lesson-here")
    assert marked.find(id="lesson") is not None
    assert "father's mental health" in marked.get_text()


def test_a_lesson_of_another_document_marks_nothing(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    web = _document(client, collection.web_source)
    word = _document(client, collection.docx_source)
    lesson = client.get(f"/api/documents/{web['doc_id']}").get_json()["lessons"][0]
    response = client.get(f"/documents/{word['doc_id']}/archived?lesson={lesson['lesson_id']}")
    assert response.status_code == 200
    assert BeautifulSoup(response.get_data(as_text=True), "lxml").select(".lesson-here") == []


def test_the_document_page_links_a_docx_lesson_to_its_paragraph(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.docx_source)
    html = client.get(f"/documents/{document['doc_id']}").get_data(as_text=True)
    lesson = client.get(f"/api/documents/{document['doc_id']}").get_json()["lessons"][0]
    assert f"/documents/{document['doc_id']}/archived?lesson={lesson['lesson_id']}#lesson" in html


def test_a_search_result_links_a_docx_lesson_to_its_paragraph(
    client: FlaskClient, collection: ArchiveCollection
) -> None:
    document = _document(client, collection.docx_source)
    lesson = client.get(f"/api/documents/{document['doc_id']}").get_json()["lessons"][0]
    words = " ".join(lesson["text"].split()[:6])
    html = client.get("/", query_string={"q": words, "doc_id": document["doc_id"]}).get_data(
        as_text=True
    )
    assert f"/documents/{document['doc_id']}/archived?lesson={lesson['lesson_id']}#lesson" in html
