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

DATA = Path(__file__).parent / "data"
# Per folder of pages (the second written later, by another hand, in other layouts): the
# floors for finding the links and for each field.
FOLDERS = {
    "listing_pages": {"found": 0.97, "case": 0.95, "year": 0.93, "doc_type": 0.93},
    "listing_pages_2": {"found": 0.95, "case": 0.84, "year": 0.88, "doc_type": 0.88},
}

Rows = dict[str, list[tuple[dict, dict | None]]]


def site_of(html: str, links: list[dict]) -> str:
    """The page's own address: its site is the one its absolute links name."""
    hrefs = " ".join(link["href"] for link in links)
    match = re.search(r"https?://[^/\"\s]+", hrefs) or re.search(r"https?://www\.[^/\"\s]+", html)
    return (match.group(0) if match else "https://www.fenmarshscp.example.org") + "/reviews/"


def read_pages(folder: str) -> Rows:
    """Each page's truth links, with what the harvester read for each (None: not found)."""
    pages_dir = DATA / folder
    with (pages_dir / "truth.toml").open("rb") as fh:
        truth = tomllib.load(fh)["link"]
    pages: dict[str, list[dict]] = {}
    for link in truth:
        pages.setdefault(link["page"], []).append(link)
    out: Rows = {}
    for page, links in pages.items():
        html = (pages_dir / page).read_text(encoding="utf-8")
        # The page's own address where the truth gives it (relative links need it).
        base = links[0].get("base") or site_of(html, links)
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


def scores(results: Rows) -> tuple[dict[str, float], list[str]]:
    """The share of links found, of those found the share read right per field, and what
    was got wrong."""
    rows = [row for page in results.values() for row in page]
    found = [(link, got) for link, got in rows if got is not None]
    wrong = [f"not found: {link['href']}" for link, got in rows if got is None]
    shares = {"found": len(found) / len(rows)}
    for field in ("case", "year", "doc_type"):
        right = 0
        for link, got in found:
            want = case_key(link["case"]) if field == "case" else link[field]
            right += got[field] == want
            if got[field] != want:
                wrong.append(f"{link['page']} {link['href']} {field}: {got[field]!r} != {want!r}")
        shares[field] = right / len(found)
    return shares, wrong


@pytest.fixture(scope="module", params=sorted(FOLDERS))
def folder(request: pytest.FixtureRequest) -> tuple[str, Rows]:
    return request.param, read_pages(request.param)


def test_the_pages_are_many_layouts_and_many_links(folder) -> None:
    _name, results = folder
    assert len(results) >= 20
    assert sum(len(rows) for rows in results.values()) >= 150


def test_the_links_are_found_and_read(folder) -> None:
    name, results = folder
    shares, wrong = scores(results)
    low = {f: round(v, 3) for f, v in shares.items() if v < FOLDERS[name][f]}
    assert not low, f"{name}: below {FOLDERS[name]}: {low}; {wrong}"


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


CARDS = """<html><body><main><h1>Published reviews</h1>
<div class="card"><a href="/files/cdp.pdf"><h2>Concealed and Denied Pregnancy</h2></a>
<p>March 2021</p></div>
<div class="card"><a href="/files/k.pdf"><h2>Child K</h2><p>Overview report, 2019</p></a></div>
</main></body></html>"""


def test_a_card_that_is_only_its_heading_sits_under_the_page_s_heading() -> None:
    source = SourceConfig(name="cards", url="http://127.0.0.1:8000/reviews/")
    page = parse_listing(CARDS, source.url, source)
    by_url = {d.url.rsplit("/", 1)[-1]: d for d in page.documents}
    # (its title is its link's whole text: the heading above says what the list is)
    assert by_url["cdp.pdf"].heading == "Published reviews"
    # ... and a card with more than its title keeps the title as its heading
    assert by_url["k.pdf"].heading == "Child K"
    lone = by_url["cdp.pdf"]
    meta = infer_metadata(Hints(lone.link_text, lone.heading, lone.context, lone.url), "")
    assert meta.case == "Concealed and Denied Pregnancy"
