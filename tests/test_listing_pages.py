"""Whole listing pages read as a harvest reads them: boards' review pages
(tests/data/listing_pages/) and a national collection's lists (tests/data/national_pages/),
all fictional, in the layouts real sites use. `parse_listing` finds the document links
with their text, heading and context, and `infer_metadata` reads each one's case, year and
type from the page alone. Floors for finding the links and for each field."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urljoin

import pytest

from harvester.discover import parse_listing
from harvester.metadata import Hints, infer_metadata
from harvester.settings import SourceConfig
from tests.real_eval import case_key

PAGES = Path(__file__).parent / "data" / "listing_pages"
FLOORS = {"found": 0.97, "case": 0.95, "year": 0.93, "doc_type": 0.93}


def site_of(page: str, links: list[dict]) -> str:
    """The page's own address: its site is the one its absolute links name."""
    html = (PAGES / page).read_text(encoding="utf-8")
    hrefs = " ".join(link["href"] for link in links)
    match = re.search(r"https?://[^/\"\s]+", hrefs) or re.search(r"https?://www\.[^/\"\s]+", html)
    return (match.group(0) if match else "https://www.fenmarshscp.example.org") + "/reviews/"


@pytest.fixture(scope="module")
def results() -> dict[str, list[tuple[dict, dict | None]]]:
    with (PAGES / "truth.toml").open("rb") as fh:
        truth = tomllib.load(fh)["link"]
    pages: dict[str, list[dict]] = {}
    for link in truth:
        pages.setdefault(link["page"], []).append(link)
    out: dict[str, list[tuple[dict, dict | None]]] = {}
    for page, links in pages.items():
        base = site_of(page, links)
        html = (PAGES / page).read_text(encoding="utf-8")
        found = {d.url: d for d in parse_listing(html, base, SourceConfig("x", base)).documents}
        rows: list[tuple[dict, dict | None]] = []
        for link in links:
            document = found.get(urljoin(base, link["href"]))
            got = None
            if document is not None:
                hints = Hints(document.link_text, document.heading, document.context, document.url)
                meta = infer_metadata(hints, "")
                got = {
                    "case": case_key(meta.case),
                    "year": meta.year or 0,
                    "doc_type": meta.doc_type,
                }
            rows.append((link, got))
        out[page] = rows
    return out


def test_the_pages_are_many_layouts_and_many_links(results) -> None:
    assert len(results) >= 20
    assert sum(len(rows) for rows in results.values()) >= 150


def test_the_document_links_are_found(results) -> None:
    rows = [row for page in results.values() for row in page]
    missing = [link["href"] for link, got in rows if got is None]
    assert 1 - len(missing) / len(rows) >= FLOORS["found"], missing


@pytest.mark.parametrize("field", ["case", "year", "doc_type"])
def test_each_field_is_read_from_the_page(results, field) -> None:
    rows = [(link, got) for page in results.values() for link, got in page if got is not None]
    wrong = []
    for link, got in rows:
        want = case_key(link["case"]) if field == "case" else link[field]
        if got[field] != want:
            wrong.append(f"{link['page']} {link['href']}: {got[field]!r} != {want!r}")
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= FLOORS[field], f"{field} {accuracy:.3f}: {wrong}"


NATIONAL = Path(__file__).parent / "data" / "national_pages"
COLLECTION = "https://library.example.org.uk/"


def test_a_national_collections_lists_are_read_entry_by_entry() -> None:
    with (NATIONAL / "truth.toml").open("rb") as fh:
        truth = tomllib.load(fh)["entry"]
    source = SourceConfig("collection", COLLECTION)  # no board: a collection
    found: dict[str, object] = {}
    for page in sorted({entry["page"] for entry in truth}):
        html = (NATIONAL / page).read_text(encoding="utf-8")
        listing = parse_listing(html, COLLECTION, source)
        found.update({d.url: d for d in [*listing.documents, *listing.entries]})
    right = {"found": 0, "case": 0, "year": 0, "doc_type": 0}
    wrong: list[str] = []
    for entry in truth:
        document = found.get(urljoin(COLLECTION, entry["href"]))
        if document is None:
            wrong.append(f"not found: {entry['href']}")
            continue
        right["found"] += 1
        hints = Hints(document.link_text, document.heading, document.context, document.url)
        meta = infer_metadata(hints, "")
        got = {"case": case_key(meta.case), "year": meta.year or 0, "doc_type": meta.doc_type}
        want = {
            "case": case_key(entry["case"]),
            "year": entry["year"],
            "doc_type": entry["doc_type"],
        }
        for field in got:
            if got[field] == want[field]:
                right[field] += 1
            else:
                wrong.append(f"{entry['href']} {field}: {got[field]!r} != {want[field]!r}")
    assert len(truth) >= 100
    for field, count in right.items():
        assert count / len(truth) >= 0.95, (field, count, wrong)
