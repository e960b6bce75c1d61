"""A case page a trainer can cite from: the case told in short first, a way to each part
of the page, and each lesson once, with every other document that restates it."""

from __future__ import annotations

from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from tests import test_app

app, client = test_app.app, test_app.client  # the app over the harvested sample

CASE = "fenmarsh-child-j-2015"  # a case told in a report, a summary, a leaflet and a plan


def _page(client: FlaskClient) -> BeautifulSoup:
    response = client.get(f"/cases/{CASE}")
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_a_lesson_restated_in_several_documents_is_listed_once_with_its_places(
    client: FlaskClient,
) -> None:
    page = _page(client)
    documents = client.get(f"/api/cases/{CASE}").get_json()["documents"]
    lesson_records = sum(d["kinds"].get("lesson", 0) for d in documents)
    section = page.select_one("#kind-lesson").find_parent("section")
    shown = section.select("ol.lessons > li")
    merged = [li for li in shown if li.select_one(".also-in")]
    assert merged, "no lesson of the case is restated in another of its documents"
    for li in merged:
        places = li.select(".also-in .place")
        assert places and all(p.get_text(strip=True) for p in places)
    # Each lesson record is on the page once: shown, or named as a place of a shown one.
    places = sum(len(li.select(".also-in .place")) for li in shown)
    assert len(shown) + places == lesson_records
    assert len(shown) < lesson_records
    assert f"({len(shown)})" in section.select_one("h2").get_text()


def test_the_page_starts_with_a_summary_and_a_way_to_each_part(client: FlaskClient) -> None:
    page = _page(client)
    summary = page.select_one("section.case-summary")
    assert summary is not None and len(summary.get_text(" ", strip=True)) > 80
    nav = page.select_one("nav.on-this-page")
    assert nav is not None
    for link in nav.select("a"):
        target = str(link["href"]).lstrip("#")
        assert page.find(id=target) is not None, target
    headings = [h.get_text(" ", strip=True) for h in page.select("h2")]
    assert any(h.startswith("Case summaries") for h in headings), headings
    assert not any("summarys" in h for h in headings), headings
