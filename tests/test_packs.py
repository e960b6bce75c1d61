"""Learning-pack exports never fail on what a pack may carry: control characters and lone
surrogates in its title, notes and questions are dropped or replaced, the rest is kept."""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from search_app.common import clean_text
from tests.conftest import Harvested

EXPORTS = ("/pack/export.docx", "/pack/export.md", "/pack/print")
# What a hand-made link, a pasted text or a browser may put in a pack: C0 controls, DEL,
# lone surrogates of both halves, the two non-characters XML refuses.
# (A high surrogate followed by a low one would be a pair, a real character, once decoded.)
HOSTILE = "\udfff\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\ud800\ufffe\uffff"


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    return create_app(AppConfig(harvested.data_dir), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def lesson_ids(app: Flask) -> list[str]:
    results = app.test_client().get("/api/search?q=bruising&kind=lesson").get_json()["results"]
    return [r["lesson_id"] for r in results[:2]]


def share(pack: Any) -> str:
    # json.dumps writes a lone surrogate as its \\u escape, as a browser's JSON.stringify does.
    raw = json.dumps(pack).encode("ascii")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def hostile_pack(lesson_ids: list[str]) -> dict[str, Any]:
    return {
        "title": f"Bruising{HOSTILE} and babies",
        "questions": f"Who saw{HOSTILE} the baby?\nWhat was{HOSTILE[:4]} missed?",
        "items": [
            {"id": lesson_ids[0], "note": f"Start{HOSTILE} here"},
            {"id": lesson_ids[1], "note": HOSTILE},
        ],
    }


def kept(text: str) -> str:
    """The text as a reader sees it: without the replacement character and spaces."""
    return "".join(text.replace("\ufffd", "").split())


def test_clean_text_keeps_what_xml_and_utf8_can_hold() -> None:
    assert clean_text("a\tb\nc\r") == "a\tb\nc\r"
    assert clean_text("page\x0cbreak") == "page break"
    assert clean_text("x\ud800y\udc00z") == "x\ufffdy\ufffdz"
    assert clean_text("\x00\x1f\x7f\ufffe\uffff") == ""
    assert clean_text("Ünïcödé 🙂 ‘quotes’") == "Ünïcödé 🙂 ‘quotes’"
    clean_text(HOSTILE).encode("utf-8")


@pytest.mark.parametrize("method", ["get", "post"])
def test_docx_export_keeps_the_text_around_control_characters_and_surrogates(
    client: FlaskClient, lesson_ids: list[str], method: str
) -> None:
    code = share(hostile_pack(lesson_ids))
    if method == "get":
        response = client.get(f"/pack/export.docx?share={code}")
    else:
        response = client.post("/pack/export.docx", data={"share": code})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    document = docx.Document(io.BytesIO(response.data))
    texts = [p.text for p in document.paragraphs]
    assert kept(texts[0]) == "Bruisingandbabies"
    assert kept(document.core_properties.title) == "Bruisingandbabies"
    assert any(kept(t) == kept("Trainer's note: Start here") for t in texts)
    assert [kept(t) for t in texts[-2:]] == ["Whosawthebaby?", "Whatwasmissed?"]
    assert sum(t.startswith("Source: ") for t in texts) == 2


def test_markdown_and_printable_exports_keep_the_text(
    client: FlaskClient, lesson_ids: list[str]
) -> None:
    code = share(hostile_pack(lesson_ids))
    markdown = client.get(f"/pack/export.md?share={code}")
    assert markdown.status_code == 200
    text = markdown.data.decode("utf-8")
    assert kept(text.splitlines()[0]) == "#Bruisingandbabies"
    assert "Trainer's note:* Start" in text and kept("Start here") in kept(text)
    assert "1. Who saw" in text and kept("2. What was missed?") in kept(text)
    printable = client.get(f"/pack/print?share={code}")
    assert printable.status_code == 200
    html = printable.data.decode("utf-8")
    assert "Reflective questions" in html and "Start" in html
    for body in (text, html):
        assert not any(c in body for c in HOSTILE if c not in "\ufffd")


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize(
    "pack",
    [
        {"title": "\ud83d", "items": []},
        {"title": "\x00" * 300, "questions": "\udc00\n\x0c\n", "items": []},
        {"title": "ok", "questions": "\ud800" * 5000, "items": []},
    ],
)
def test_exports_of_odd_but_valid_packs_are_200(
    client: FlaskClient, export: str, pack: dict[str, Any]
) -> None:
    response = client.get(f"{export}?share={share(pack)}")
    assert response.status_code == 200
    if export != "/pack/export.docx":
        response.data.decode("utf-8")


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize(
    "pack",
    [
        None,
        [1, 2],
        "a pack",
        {"items": [None]},
        {"items": [{"id": None}]},
        {"items": [{"id": ["0123456789abcdef-0001"]}]},
        {"items": [{"id": "0123456789abcdef-0001\n"}]},
        {"items": {"id": "0123456789abcdef-0001"}},
        {"title": 5, "items": []},
        {"items": [], "questions": {"q": 1}},
    ],
)
def test_what_is_not_a_pack_is_a_400(client: FlaskClient, export: str, pack: Any) -> None:
    response = client.get(f"{export}?share={share(pack)}")
    assert response.status_code == 400
    assert set(response.get_json()) == {"error"}


@pytest.mark.parametrize("export", EXPORTS)
def test_a_link_of_undecodable_bytes_is_a_400(client: FlaskClient, export: str) -> None:
    for raw in (b"\xff\xfe{", b'{"title": "\xed\xa0\x80"}', b"\x00" * 12):
        code = base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")
        assert client.get(f"{export}?share={code}").status_code == 400
