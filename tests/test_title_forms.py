"""Case, year and document type read from the title forms of tests/data/title_forms.toml
(listing links, news headlines, national list lines and title pages in the shapes real
boards use), and case, board, year and type from the first pages of
tests/data/first_pages.toml (whole first pages with the next pages, in the layouts real
reports use); all fictional, written without reference to the reader's rules. A floor
per field, and for the title forms per kind of source so that one kind cannot hide
behind the others."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from harvester.metadata import Hints, Metadata, infer_metadata
from index import DOC_TYPES
from index.boards import normalise
from tests.real_eval import case_key

FORMS = Path(__file__).parent / "data" / "title_forms.toml"
PAGES = Path(__file__).parent / "data" / "first_pages.toml"
PAGE_FLOORS = {"case": 0.85, "board": 0.95, "year": 0.95, "doc_type": 0.95}
FIELDS = ("case", "year", "doc_type")
# Each form's id starts with its kind: l (a board's list), n (news), c (title page),
# k (a national list's line), t (a review named by its topic, or no review), h (hard ones).
KINDS = {"l", "n", "c", "k", "t", "h"}
FLOORS = {"case": 0.97, "year": 0.98, "doc_type": 0.95}
KIND_FLOOR = 0.85


def load_forms() -> list[dict]:
    with FORMS.open("rb") as fh:
        return tomllib.load(fh)["form"]


def read(form: dict) -> Metadata:
    hints = Hints(
        link_text=form.get("link_text") or None,
        heading=form.get("heading") or None,
        context=form.get("context") or None,
        url="https://fenmarsh.example.org/files/document.pdf",
    )
    return infer_metadata(hints, form.get("cover") or "")


def fields(meta: Metadata) -> dict[str, object]:
    return {"case": case_key(meta.case), "year": meta.year or 0, "doc_type": meta.doc_type}


def expected(form: dict) -> dict[str, object]:
    return {"case": case_key(form["case"]), "year": form["year"], "doc_type": form["doc_type"]}


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, dict, dict]]:
    return [(form, fields(read(form)), expected(form)) for form in load_forms()]


def test_the_forms_are_well_formed() -> None:
    forms = load_forms()
    assert len(forms) >= 200
    assert len({f["id"] for f in forms}) == len(forms)
    assert {f["id"][0] for f in forms} == KINDS
    for form in forms:
        assert form["doc_type"] in DOC_TYPES, form["id"]
        assert form.get("link_text") or form.get("cover"), form["id"]


@pytest.mark.parametrize("field", FIELDS)
def test_each_field_is_read_from_the_forms(results, field) -> None:
    wrong = [f"{form['id']}: {got[field]!r} != {want[field]!r}" for form, got, want in results
             if got[field] != want[field]]  # fmt: skip
    accuracy = 1 - len(wrong) / len(results)
    assert accuracy >= FLOORS[field], f"{field} {accuracy:.3f}: {wrong}"


def test_no_kind_of_source_falls_behind(results) -> None:
    right: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for form, got, want in results:
        kind = form["id"][0]
        total[kind] += 1
        for field in FIELDS:
            right[(kind, field)] += got[field] == want[field]
    for (kind, field), count in right.items():
        assert count / total[kind] >= KIND_FLOOR, (kind, field, count, total[kind])


def load_pages() -> list[dict]:
    pages: list[dict] = []
    for path in (PAGES, PAGES.with_name("first_pages_2.toml")):
        with path.open("rb") as fh:
            pages.extend(tomllib.load(fh)["page"])
    return pages


def read_page(page: dict) -> dict[str, object]:
    hints = Hints(
        link_text=page.get("link_text") or None,
        heading=page.get("heading") or None,
        url="https://fenmarsh.example.org/files/document.pdf",
    )
    meta = infer_metadata(hints, page["first_page"], following=page.get("next_pages") or "")
    return {**fields(meta), "board": normalise(meta.board or "")}


def expected_page(page: dict) -> dict[str, object]:
    return {**expected(page), "board": normalise(page["board"])}


def test_the_first_pages_are_well_formed() -> None:
    pages = load_pages()
    assert len(pages) >= 200
    assert len({p["id"] for p in pages}) == len(pages)
    assert all(len(p["first_page"].strip().splitlines()) >= 4 for p in pages)


@pytest.mark.parametrize("field", sorted(PAGE_FLOORS))
def test_each_field_is_read_from_first_pages(field) -> None:
    pages = load_pages()
    wrong = []
    for page in pages:
        got, want = read_page(page), expected_page(page)
        if got[field] != want[field]:
            wrong.append(f"{page['id']}: {got[field]!r} != {want[field]!r}")
    accuracy = 1 - len(wrong) / len(pages)
    assert accuracy >= PAGE_FLOORS[field], f"{field} {accuracy:.3f}: {wrong}"


def test_document_types_from_links_headings_and_first_lines() -> None:
    """tests/data/doc_types.toml: 180 documents, 30 of each type."""
    with (Path(__file__).parent / "data" / "doc_types.toml").open("rb") as fh:
        docs = tomllib.load(fh)["doc"]
    assert {d["doc_type"] for d in docs} == set(DOC_TYPES) and len(docs) >= 180
    wrong = []
    for doc in docs:
        hints = Hints(
            link_text=doc["link_text"] or None,
            heading=doc.get("heading") or None,
            context=doc.get("context") or None,
            url="https://fenmarsh.example.org/files/document.pdf",
        )
        got = infer_metadata(hints, doc.get("first_lines") or "").doc_type
        if got != doc["doc_type"]:
            wrong.append(f"{doc['id']}: {got} != {doc['doc_type']}")
    assert 1 - len(wrong) / len(docs) >= 0.95, wrong
