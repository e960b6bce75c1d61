"""Checks on the bundled sample corpus (samples/): manifest, site, documents, generator.

Uses only json, pathlib, pypdfium2, python-docx and bs4/lxml; it never imports the
product packages, so it describes the sample independently of the code that reads it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.robotparser
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import docx
import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SITE = SAMPLES / "site"
MANIFEST = SAMPLES / "manifest.json"
BASE = "http://sample.invalid/"

# Theme ids fixed by DESIGN.md section 3.
THEME_IDS = {
    "neglect",
    "emotional-abuse",
    "physical-abuse",
    "non-mobile-bruising",
    "abusive-head-trauma",
    "safe-sleep",
    "infant-crying",
    "sexual-abuse",
    "sexual-exploitation",
    "criminal-exploitation",
    "online-abuse",
    "domestic-abuse",
    "parental-mental-health",
    "substance-misuse",
    "toxic-trio",
    "hidden-men",
    "voice-of-child",
    "professional-curiosity",
    "disguised-compliance",
    "information-sharing",
    "escalation",
    "thresholds",
    "assessment",
    "family-history",
    "drift-delay",
    "child-protection-planning",
    "early-help",
    "supervision",
    "record-keeping",
    "self-harm-suicide",
    "disability",
    "missing-education",
    "missing-from-home",
    "fabricated-illness",
    "culture-ethnicity",
    "fgm-honour",
    "radicalisation",
    "housing-poverty",
    "kinship-private-fostering",
    "looked-after",
    "pre-birth",
    "young-carers",
    "workforce-leadership",
}
DOC_TYPES = {
    "overview-report",
    "executive-summary",
    "learning-brief",
    "action-plan",
    "thematic-review",
    "other",
}
KINDS = {"lesson", "recommendation", "summary"}
DOC_FIELDS = {
    "path",
    "board",
    "case",
    "year",
    "published",
    "doc_type",
    "format",
    "title",
    "pages",
    "themes",
    "known",
}


# --------------------------------------------------------------------------- helpers


@cache
def manifest() -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def documents() -> list[dict]:
    return manifest()["documents"]


def norm(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\ufffe", "").replace("\u2019", "'")
    return " ".join(text.split())


def variants(text: str) -> set[str]:
    """Whitespace-normalised text, also with line-end hyphenation undone."""
    dehyphenated = re.sub(r"(\w)-\s*[\r\n]+\s*(\w)", r"\1\2", text)
    return {norm(text), norm(dehyphenated)}


@cache
def pdf_pages(path: str) -> tuple[str, ...]:
    pdf = pdfium.PdfDocument(SITE / path)
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return tuple(out)
    finally:
        pdf.close()


def docx_text(path: str) -> str:
    d = docx.Document(str(SITE / path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def html_text(path: str) -> str:
    soup = BeautifulSoup((SITE / path).read_bytes(), "lxml")
    return soup.get_text(" ")


def is_briefing(doc: dict) -> bool:
    return "7 minute briefing" in doc["title"].lower()


def url_to_file(url: str) -> Path | None:
    parts = urlsplit(url)
    if not url.startswith(BASE):
        return None
    path = unquote(parts.path)[1:]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return SITE / path


@cache
def robots() -> urllib.robotparser.RobotFileParser:
    rp = urllib.robotparser.RobotFileParser()
    rp.parse((SITE / "robots.txt").read_text(encoding="utf-8").splitlines())
    return rp


@cache
def crawl() -> tuple[dict[str, list[str]], set[str]]:
    """Follow links from the site root the way a polite harvester would.

    Returns (html page path -> absolute links found on it, skipped links).
    """
    pages: dict[str, list[str]] = {}
    skipped: set[str] = set()
    todo = [BASE]
    seen = set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        file = url_to_file(url)
        assert file is not None and file.is_file(), f"broken link to {url}"
        rel = file.relative_to(SITE).as_posix()
        soup = BeautifulSoup(file.read_bytes(), "lxml")
        links = []
        for a in soup.find_all("a", href=True):
            href = a["href"].strip()
            absolute = urljoin(url, href).split("#")[0]
            if not absolute.startswith(BASE) or not robots().can_fetch("*", absolute):
                skipped.add(absolute)
                continue
            links.append(absolute)
            if url_to_file(absolute).suffix == ".html":
                todo.append(absolute)
        pages[rel] = links
    return pages, skipped


def listing_file(listing: str) -> str:
    return listing + "index.html" if listing.endswith("/") else listing


# --------------------------------------------------------------------------- manifest


def test_manifest_shape():
    m = manifest()
    assert set(m) >= {"documents", "listings"}
    for doc in documents():
        assert set(doc) >= DOC_FIELDS, doc["path"]
        assert doc["doc_type"] in DOC_TYPES
        assert doc["format"] in {"pdf", "docx", "html"}
        assert doc["path"].endswith("." + doc["format"])
        assert isinstance(doc["year"], int) and 2000 <= doc["year"] <= 2030
        assert str(doc["year"])[-2:] in doc["published"], doc["path"]
        assert doc["themes"] and set(doc["themes"]) <= THEME_IDS, doc["path"]
        assert 2 <= len(doc["known"]) <= 4, doc["path"]
        for k in doc["known"]:
            assert set(k) >= {"phrase", "page", "section", "kind"}
            assert k["kind"] in KINDS
            assert k["section"]
            assert 5 <= len(k["phrase"].split()) <= 10, k["phrase"]
            assert 1 <= k["page"] <= doc["pages"]


def test_manifest_matches_files_on_disk():
    paths = [d["path"] for d in documents()]
    assert len(paths) == len(set(paths))
    for p in paths:
        assert (SITE / p).is_file(), p
    on_disk = {
        f.relative_to(SITE).as_posix()
        for f in SITE.rglob("*")
        if f.suffix.lower() in {".pdf", ".docx"}
    }
    assert on_disk == {p for p in paths if not p.endswith(".html")}
    for listing in manifest()["listings"]:
        assert (SITE / listing_file(listing)).is_file(), listing


def test_pdf_page_counts_and_metadata():
    for doc in documents():
        if doc["format"] != "pdf":
            assert doc["pages"] == 1
            continue
        pdf = pdfium.PdfDocument(SITE / doc["path"])
        try:
            assert len(pdf) == doc["pages"], doc["path"]
            meta = pdf.get_metadata_dict()
            assert meta.get("Title") == doc["title"]
            assert meta.get("Author")
            width, height = pdf.get_page_size(0)
            assert abs(width - 595.27) < 1 and abs(height - 841.89) < 1  # A4
        finally:
            pdf.close()
        text = pdf_pages(doc["path"])
        # "Page N of M" footer on every page after the cover.
        for i, page_text in enumerate(text[1:], start=2):
            assert f"Page {i} of {doc['pages']}" in page_text, (doc["path"], i)


# --------------------------------------------------------------------------- counts


def test_counts():
    docs = documents()
    cases = {(d["board"], d["case"], d["year"]) for d in docs}
    boards = {d["path"].split("/")[0] for d in docs}
    years = [d["year"] for d in docs]
    assert len(docs) >= 26
    assert len(cases) >= 12
    assert boards == {"fenmarsh", "oakbridge"}
    assert len({d["board"] for d in docs}) >= 2
    assert min(years) <= 2006 and max(years) >= 2024

    def of(doc_type, fmt="pdf"):
        return [d for d in docs if d["doc_type"] == doc_type and d["format"] == fmt]

    overviews = of("overview-report")
    assert len(overviews) >= 4
    for d in overviews:
        pdf = pdfium.PdfDocument(SITE / d["path"])
        assert len(pdf) >= 8, d["path"]
        pdf.close()
    exec_summaries = of("executive-summary")
    assert len(exec_summaries) >= 4
    assert all(2 <= d["pages"] <= 4 for d in exec_summaries)
    assert len(of("action-plan")) >= 2
    briefs = of("learning-brief")
    leaflets = [d for d in briefs if not is_briefing(d)]
    briefings = [d for d in briefs if is_briefing(d)]
    assert len(leaflets) >= 10
    assert len(briefings) >= 3
    assert all(1 <= d["pages"] <= 2 for d in leaflets + briefings)
    assert any(d["format"] == "docx" for d in docs)
    assert any(d["format"] == "html" for d in docs)


def test_two_different_child_a_cases():
    child_a = {
        (d["year"], d["published"])
        for d in documents()
        if d["case"] == "Child A" and d["path"].startswith("fenmarsh/")
    }
    years = {y for y, _ in child_a}
    assert {2006, 2014} <= years
    assert ("2006", "November") in {(str(y), p.split()[0]) for y, p in child_a}
    assert ("2014", "October") in {(str(y), p.split()[0]) for y, p in child_a}
    themes = {
        d["year"]: set(d["themes"])
        for d in documents()
        if d["case"] == "Child A" and d["doc_type"] == "learning-brief"
    }
    assert themes[2006] != themes[2014]


def test_themes_cover_the_taxonomy():
    covered = set().union(*(set(d["themes"]) for d in documents()))
    assert covered <= THEME_IDS
    assert len(covered) >= 30, sorted(THEME_IDS - covered)


# --------------------------------------------------------------------------- text


def test_known_phrases_on_recorded_page():
    for doc in documents():
        for k in doc["known"]:
            phrase = norm(k["phrase"])
            if doc["format"] == "pdf":
                text = pdf_pages(doc["path"])[k["page"] - 1]
            elif doc["format"] == "docx":
                text = docx_text(doc["path"])
            else:
                text = html_text(doc["path"])
            assert any(phrase in v for v in variants(text)), (doc["path"], k)


def test_child_j_leaflet_has_bruising_lesson():
    leaflets = [
        d
        for d in documents()
        if d["path"].startswith("fenmarsh/")
        and d["case"] == "Child J"
        and d["year"] == 2015
        and d["published"] == "July 2015"
        and d["doc_type"] == "learning-brief"
    ]
    assert leaflets
    assert any(
        "bruising" in k["phrase"] and k["kind"] == "lesson" for d in leaflets for k in d["known"]
    )
    assert "non-mobile-bruising" in leaflets[0]["themes"]


def test_overview_lessons_and_recommendations_are_late():
    for doc in documents():
        if doc["doc_type"] != "overview-report":
            continue
        kinds = {k["kind"] for k in doc["known"]}
        assert {"lesson", "recommendation"} <= kinds, doc["path"]
        for k in doc["known"]:
            assert k["page"] >= 5, (doc["path"], k)
        text = "\n".join(pdf_pages(doc["path"]))
        assert "Recommendation 1:" in text
        assert re.search(r"\b\d\.\d{1,2}\s", text)  # numbered paragraphs


def test_overview_reports_contain_narrative_dates():
    """At least three overview reports mention event dates other than publication."""
    date_re = re.compile(
        r"\b\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|"
        r"August|September|October|November|December) \d{4}\b|\b\d{1,2}/\d{1,2}/\d{4}\b"
    )
    with_dates = 0
    for doc in documents():
        if doc["doc_type"] != "overview-report":
            continue
        body = "\n".join(pdf_pages(doc["path"])[2:])
        dates = {norm(m) for m in date_re.findall(body)}
        if len(dates) >= 5:
            with_dates += 1
    assert with_dates >= 3


# --------------------------------------------------------------------------- site


def test_robots_txt():
    text = (SITE / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text
    assert "Disallow: /fenmarsh/admin/" in text
    assert "Disallow: /oakbridge/search/" in text
    assert "crawl-delay" not in text.lower()


def test_every_document_linked_from_a_reachable_listing():
    pages, skipped = crawl()
    listings = {listing_file(x) for x in manifest()["listings"]}
    assert listings <= set(pages), sorted(listings - set(pages))
    linked = set()
    for page in listings:
        for url in pages[page]:
            linked.add(url_to_file(url).relative_to(SITE).as_posix())
    missing = {d["path"] for d in documents()} - linked
    assert not missing, sorted(missing)
    # the traps a harvester must skip
    assert any(u.startswith("mailto:") for u in skipped)
    assert any(u.startswith("https://www.example.org/") for u in skipped)
    assert any("/fenmarsh/admin/" in u for u in skipped)


def test_listing_pages_read_like_board_sites():
    fen = (SITE / "fenmarsh/children-board/serious-case-reviews/index.html").read_text()
    soup = BeautifulSoup(fen, "lxml")
    text = norm(soup.get_text(" "))
    assert "Child J Professionals Leaflet" in text
    assert "Highlighting lessons from Child J (July 2015)" in text
    assert "Highlighting lessons from Child A (November 2006)" in text
    assert "Highlighting lessons from Child A (Oct 2014)" in text
    assert "published 29th November 2019" in text
    for heading in (
        "Serious Case Reviews",
        "Executive Summaries",
        "Board Responses and Action Plans",
        "Professional Leaflets from previous SCRs",
    ):
        assert heading in {h.get_text(strip=True) for h in soup.find_all("h2")}
    oak = (SITE / "oakbridge/case-reviews/index.html").read_text()
    assert "13.03.18" in oak and "Published: 2 March 2021" in oak
    assert "%20" in oak and 'href="/oakbridge/' in oak
    archive = (SITE / "oakbridge/case-reviews/archive/index.html").read_text()
    assert "Nov 2008" in archive and "<table" in archive
    summary = BeautifulSoup(
        (SITE / "oakbridge/learning/child-s-learning-summary.html").read_text(), "lxml"
    )
    assert summary.find(id="cookie-banner") and summary.find("nav") and summary.find("footer")
    assert summary.find("article")


# --------------------------------------------------------------------------- generator


def test_generator_is_reproducible(tmp_path):
    result = subprocess.run(
        [sys.executable, str(SAMPLES / "generate.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = {
        f.relative_to(tmp_path / "site").as_posix(): f
        for f in (tmp_path / "site").rglob("*")
        if f.is_file()
    }
    committed = {f.relative_to(SITE).as_posix(): f for f in SITE.rglob("*") if f.is_file()}
    assert set(fresh) == set(committed)
    differing = [p for p in fresh if fresh[p].read_bytes() != committed[p].read_bytes()]
    assert not differing, differing
    assert (tmp_path / "manifest.json").read_bytes() == MANIFEST.read_bytes()


def test_generator_does_not_import_the_product():
    source = (SAMPLES / "generate.py").read_text(encoding="utf-8")
    for package in ("harvester", "index", "search_app"):
        assert not re.search(rf"^\s*(from|import)\s+{package}\b", source, re.M), package


@pytest.mark.parametrize("path", ["robots.txt", "index.html"])
def test_site_root_files(path):
    assert (SITE / path).is_file()
