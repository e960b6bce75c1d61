"""The search page in a real browser (Debian's chromium driven by Playwright) against the app
served by waitress: "Show all" and the find box of a long facet, the Filter button on a
phone, and a headline that counts what the API counts."""

from __future__ import annotations

from typing import Any

import pytest

from tests import test_browser

# The app served over the harvested sample, and Debian's chromium.
app_url, browser = test_browser.app_url, test_browser.browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _visible_labels(page: Any, facet: str) -> list[str]:
    return page.locator(f"section.facet[data-facet={facet}] li:visible .label").all_inner_texts()


def test_show_all_reveals_every_value_and_the_find_box_narrows_a_long_facet(
    browser: Any,
    app_url: str,
) -> None:
    api = browser.new_context().request.get(app_url + "/api/search?type=learning-brief").json()
    themes = [t["label"] for t in api["facets"]["theme"]]
    cases = [c["label"] for c in api["facets"]["case"]]
    assert len(themes) > 12 and len(cases) > 12
    page = browser.new_page()
    try:
        page.goto(app_url + "/?type=learning-brief")
        assert len(_visible_labels(page, "theme")) == 12
        page.get_by_role("link", name=f"Show all {len(themes)}").click()
        assert _visible_labels(page, "theme") == themes
        assert page.url.endswith("/?type=learning-brief")  # revealed in place

        box = page.get_by_label("Find a case")
        box.fill("child a")
        narrowed = _visible_labels(page, "case")
        assert narrowed == [c for c in cases if "child a" in c.lower()]
        assert 0 < len(narrowed) < len(cases)
        box.fill("zzz")
        assert _visible_labels(page, "case") == []
        assert page.locator("section.facet[data-facet=case] .facet-none").is_visible()
        box.fill("")
        assert len(_visible_labels(page, "case")) == 12
        # Enter sends the letters: the page narrows the facet the same way without script.
        box.fill("child a")
        box.press("Enter")
        page.wait_for_url("**find_case=child+a*")
        assert _visible_labels(page, "case") == narrowed
    finally:
        page.close()


def test_on_a_phone_the_facets_are_behind_a_filter_button(
    browser: Any,
    app_url: str,
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(app_url + "/?q=child")
        facets = page.locator("aside.facets")
        button = page.get_by_role("button", name="Filter")
        assert button.is_visible() and not facets.is_visible()
        first = page.locator("li.hit").first.bounding_box()
        assert first is not None and first["y"] < PHONE["height"] * 1.5
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        assert facets.is_visible()
        year = page.locator("section.facet[data-facet=year] li a").first
        box = year.bounding_box()
        assert box is not None and box["y"] < 4 * PHONE["height"]
        assert (page.evaluate("document.documentElement.scrollWidth")) <= PHONE["width"]
        year.click()
        page.wait_for_url("**year=*")
        assert page.get_by_role("button", name="Filter (1 chosen)").is_visible()
        assert not page.locator("aside.facets").is_visible()
    finally:
        context.close()


def test_the_headline_counts_lessons_documents_and_cases_as_the_api_does(
    browser: Any,
    app_url: str,
) -> None:
    page = browser.new_page()
    try:
        page.goto(app_url + "/")
        page.get_by_label("Search the lessons").fill("domestic abuse")
        page.keyboard.press("Enter")
        page.wait_for_url("**q=domestic+abuse*")
        data = page.request.get(app_url + "/api/search?q=domestic+abuse").json()
        headline = " ".join(page.locator("h1.count").inner_text().split())
        assert headline.startswith(
            f"{data['shown']} lessons from {data['total']} documents in {data['cases']} cases"
        )
        assert data["shown"] > len(data["results"])
        pager = page.locator("nav.pager").inner_text()
        assert f"of {-(-data['shown'] // data['per_page'])}" in pager
    finally:
        page.close()
