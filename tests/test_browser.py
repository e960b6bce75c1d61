"""A real browser (Debian's chromium driven by Playwright) against the app served by waitress."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator

import pytest
from waitress.server import create_server

from search_app import create_app
from tests.conftest import Harvested

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.browser


def _chromium() -> str:
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"chromium is missing at {CHROMIUM}: `make test` installs it; CI must run "
            "the browser tests"
        )
    pytest.skip(f"chromium is missing at {CHROMIUM} (make test installs it)")


@pytest.fixture(scope="module")
def app_url(harvested: Harvested) -> Iterator[str]:
    app = create_app({"DATA_DIR": str(harvested.data_dir)})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_type_a_query_and_see_the_case(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/")
        page.get_by_label("Search the lessons").fill("bruising non-mobile baby")
        page.keyboard.press("Enter")
        page.wait_for_url("**/?q=bruising*")
        results = page.locator("li.hit")
        results.first.wait_for()
        assert results.count() > 0
        assert "Child J" in page.locator("ol.hits").inner_text()
        assert page.locator("li.hit mark").count() > 0
    finally:
        page.close()


def test_click_a_facet_and_go_back(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=baby")
        before = page.locator("h1.count").inner_text()
        facet = page.locator("section.facet[aria-labelledby=facet-year] a").first
        facet.click()
        page.wait_for_url("**year=*")
        after = page.locator("h1.count").inner_text()
        assert after != before or "year=" in page.url
        page.go_back()
        page.wait_for_url("**/?q=baby")
        assert page.locator("h1.count").inner_text() == before
    finally:
        page.close()


def test_did_you_mean_and_search_as_typed(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=negelct")
        notice = page.locator("p.spelling")
        assert "Showing results for" in notice.inner_text()
        assert page.locator("li.hit").count() > 0
        page.locator("p.spelling").get_by_role("link", name="negelct").click()
        page.wait_for_url("**exact=1*")
        assert page.locator("li.hit").count() == 0
        page.goto(app_url + "/?q=disgused+compliance")
        page.locator("p.spelling a").first.click()
        page.wait_for_url("**q=disguised+compliance*")
        assert "disguised compliance" in page.locator("h1.count").inner_text()
    finally:
        page.close()


def test_open_the_archived_copy_and_get_the_pdf(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=bruising&type=overview-report")
        link = page.locator("a.archived").first
        href = link.get_attribute("href") or ""
        assert "#page=" in href
        response = page.request.get(app_url + href.split("#")[0])
        assert response.ok
        assert response.headers["content-type"] == "application/pdf"
        assert response.body()[:4] == b"%PDF"
    finally:
        page.close()


def test_keyboard_only_search(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/")
        # Tab from the top of the page: the skip link first, then the brand, then the box.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        for _ in range(5):
            if page.evaluate("document.activeElement.id") == "q":
                break
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "q"
        page.keyboard.type("safe sleep")
        page.keyboard.press("Enter")
        page.wait_for_url("**q=safe+sleep*")
        assert page.locator("li.hit").count() > 0
        # The first result link is reachable by keyboard and visibly focused.
        page.locator("li.hit a").first.focus()
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
    finally:
        page.close()


def test_heatmap_cell_leads_to_the_filtered_search(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/themes")
        cell = page.locator("table.heatmap td a").first
        label = cell.get_attribute("aria-label") or ""
        cell.click()
        page.wait_for_url("**/?theme=*&year=*")
        assert page.locator("li.hit").count() > 0
        year = label.split(",")[1].split(":")[0].strip()
        assert all(year in text for text in page.locator("li.hit .year").all_inner_texts())
    finally:
        page.close()
