"""Learning-pack exports never fail on what a pack may carry: control characters and lone
surrogates in its title, notes and questions are dropped or replaced, the rest is kept."""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from index import Hit, SearchQuery
from search_app import AppConfig, create_app
from search_app.common import clean_text
from search_app.pack_exports import _md
from search_app.resources import get_searcher
from tests import test_app
from tests.conftest import Harvested

EXPORTS = ("/pack/export.docx", "/pack/export.md", "/pack/print")
# What a hand-made link, a pasted text or a browser may put in a pack: C0 controls, DEL,
# lone surrogates of both halves, the two non-characters XML refuses.
# (A high surrogate followed by a low one would be a pair, a real character, once decoded.)
HOSTILE = "\udfff\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\ud800\ufffe\uffff"


app, client = test_app.app, test_app.client  # the app over the harvested sample


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


# -- exports a trainer can hand out ---------------------------------------------------------

BASE_URL = "https://lessons.example.org"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def hosted(harvested: Harvested) -> Flask:
    """The app as served behind a configured public address."""
    return create_app(AppConfig(harvested.data_dir, base_url=BASE_URL), TESTING=True)


@dataclass
class Picked:
    """Lessons of two cases, the first case's lessons on both sides of the other's, one of
    them starting with the report's own paragraph number."""

    first: list[Hit]  # two lessons of one case
    other: Hit  # a lesson of another case
    numbered: Hit  # a lesson of the first case whose text starts "6.2" or the like
    summaries: list[str]  # the first case's summary records


@pytest.fixture(scope="module")
def picked(hosted: Flask) -> Picked:
    with hosted.app_context():
        searcher = get_searcher()
        lessons = searcher.reading_order(SearchQuery(kind="lesson"))
        numbered = next(
            h for h in lessons if h.case_id and re.match(r"\d+\.\d+ ", h.text) and h.sha256
        )
        case = [h for h in lessons if h.case_id == numbered.case_id and h is not numbered]
        other = next(h for h in lessons if h.case_id and h.case_id != numbered.case_id)
        summaries = searcher.reading_order(SearchQuery(case=numbered.case_id, kind="summary"))
    assert summaries and len(case) >= 2
    return Picked(case[:2], other, numbered, [" ".join(s.text.split()) for s in summaries])


def trainer_pack(picked: Picked) -> dict[str, Any]:
    order = [*picked.first, picked.other, picked.numbered]
    return {
        "title": "Babies and fathers: a half-day course",
        "questions": "1. Who saw the baby?\nQuestion 2: What was missed?\nWhat would you do?",
        "items": [{"id": h.lesson_id, "note": ""} for h in order],
    }


def docx_export(client: FlaskClient, pack: dict[str, Any]) -> docx.document.Document:
    response = client.get(f"/pack/export.docx?share={share(pack)}")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return docx.Document(io.BytesIO(response.data))


def archived(hit: Hit) -> str:
    return f"{BASE_URL}/documents/{hit.doc_id}/archived#page={hit.page}"


def test_docx_is_a4_with_margins_and_names_the_pack_in_its_properties(
    hosted: Flask, picked: Picked
) -> None:
    document = docx_export(hosted.test_client(), trainer_pack(picked))
    for section in document.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        margins = (section.left_margin, section.right_margin, section.top_margin)
        assert all(1.5 <= m.cm <= 3 for m in margins)
    properties = document.core_properties
    assert properties.title == "Babies and fathers: a half-day course"
    assert properties.author == "Case review lessons index"
    assert properties.last_modified_by == "Case review lessons index"
    assert picked.numbered.case in properties.subject and picked.other.case in properties.subject


def test_docx_sources_are_hyperlinks_to_the_archived_copy_at_the_page_and_the_original(
    hosted: Flask, picked: Picked
) -> None:
    document = docx_export(hosted.test_client(), trainer_pack(picked))
    links = {
        rel_id: rel.target_ref
        for rel_id, rel in document.part.rels.items()
        if rel.is_external and rel.reltype.endswith("/hyperlink")
    }
    clicked = {
        links.get(element.get(R_ID)) for element in document.element.body.iter(f"{W}hyperlink")
    }
    for hit in [*picked.first, picked.other, picked.numbered]:
        at = f"{BASE_URL}/documents/{hit.doc_id}/archived"
        assert any(url and url.startswith(at) for url in clicked), hit.lesson_id
        assert hit.source_url.startswith("http") and hit.source_url in clicked
    assert archived(picked.numbered) in clicked  # a PDF, opened at the lesson's page
    sources = [p.text for p in document.paragraphs if p.text.startswith("Source: ")]
    assert len(sources) == 4
    assert f"page {picked.numbered.page}" in sources[3] and archived(picked.numbered) in sources[3]
    assert all("127.0.0.1:5000" not in url for url in links.values())


def _index(texts: list[str], start: str, after: int = -1) -> int:
    return next(n for n, t in enumerate(texts) if n > after and t.startswith(start))


def test_docx_gives_the_case_summary_before_its_lessons(hosted: Flask, picked: Picked) -> None:
    document = docx_export(hosted.test_client(), trainer_pack(picked))
    texts = [p.text for p in document.paragraphs]
    case = picked.numbered.case
    about = [n for n, t in enumerate(texts) if t.startswith("About the case: ")]
    assert len(about) == 2  # the first case and the other; not again when the first returns
    summary = texts[about[0]].removeprefix("About the case: ")
    assert any(s.startswith(summary.rstrip(" …")) for s in picked.summaries)
    heading = _index(texts, case)
    assert heading < about[0] < _index(texts, "Summary from: ") < _index(texts, f"1. {case}")
    assert _index(texts, f"2. {case}") < about[1] < _index(texts, f"3. {picked.other.case}")
    returned = _index(texts, f"{case} (", after=about[1])
    assert texts[returned].endswith("(continued)")
    assert returned < _index(texts, f"4. {case}") and all(n < returned for n in about)


def test_docx_never_numbers_a_numbered_text_again(hosted: Flask, picked: Picked) -> None:
    document = docx_export(hosted.test_client(), trainer_pack(picked))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    lesson = texts.index(" ".join(picked.numbered.text.split()))
    assert paragraphs[lesson].style.name == "Normal"
    assert paragraphs[lesson]._p.find(f"{W}pPr/{W}numPr") is None
    listed = [p.text for p in paragraphs if p.style.name.startswith("List")]
    assert listed == ["Who saw the baby?", "What was missed?", "What would you do?"]
    assert texts[-3:] == listed
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert [h.split(". ", 1)[0] for h in headings] == ["1", "2", "3", "4"]


def test_markdown_export_has_the_summary_lessons_and_linked_citations(
    hosted: Flask, picked: Picked
) -> None:
    response = hosted.test_client().get(f"/pack/export.md?share={share(trainer_pack(picked))}")
    assert response.status_code == 200
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "# Babies and fathers: a half-day course"
    structure = [line.split(" ", 1)[0] for line in lines if line.startswith(("#", "**", "*S"))]
    assert structure == (
        ["#", "##", "**About", "*Summary"]
        + ["###", "*Source:*"] * 2
        + ["##", "**About", "*Summary", "###", "*Source:*", "##", "###", "*Source:*", "##"]
    )
    sources = [line for line in lines if line.startswith("*Source:*")]
    numbered = picked.numbered
    assert f"[Archived copy, page {numbered.page}](<{archived(numbered)}>)" in sources[3]
    assert f"[Original](<{numbered.source_url}>)" in sources[3]
    assert lines[-3:] == ["1. Who saw the baby?", "2. What was missed?", "3. What would you do?"]
    headings = [line for line in lines if line.startswith("### ")]
    assert headings[3].startswith(f"### 4. {numbered.case}")


def test_markdown_escapes_what_would_turn_a_lesson_into_markup() -> None:
    assert _md("3. The plan") == "3\\. The plan"
    assert (
        _md("- a bullet *and* [a link](x) <b>") == "\\- a bullet \\*and\\* \\[a link\\](x) \\<b\\>"
    )
    assert _md("6.2 Finding 2") == "6.2 Finding 2"


def test_print_view_has_the_same_structure_with_links(hosted: Flask, picked: Picked) -> None:
    response = hosted.test_client().get(f"/pack/print?share={share(trainer_pack(picked))}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    numbered = picked.numbered
    assert html.count('<div class="case-summary">') == 2
    assert html.index('class="case-summary"') < html.index(f"<h3>1. {numbered.case}")
    assert f'<a href="{archived(numbered)}">' in html
    assert html.count("(continued)</h2>") == 1
    assert "<li>Who saw the baby?</li>" in html
