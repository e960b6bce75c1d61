"""The PDF viewer in a real browser (Debian's chromium driven by Playwright) against the app
served by waitress: a result card's PDF lesson opens at its page with its words highlighted
in PDF.js's text layer, the pages turn, and a phone's width is enough."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from search_app.viewer import DEFAULT_PDFJS_DIR, PDFJS_MODULES
from tests import test_browser

# The app served over the harvested sample, and Debian's chromium.
app_url, browser = test_browser.app_url, test_browser.browser

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DRAWN = re.compile(r"^(Page \d+ of \d+|The PDF could not)")


@pytest.fixture(scope="module", autouse=True)
def pdfjs_installed() -> None:
    if not all((DEFAULT_PDFJS_DIR / name).is_file() for name in PDFJS_MODULES):
        if os.environ.get("CI") == "true":
            pytest.fail("pdfjs-dist is missing: `make test` installs it with npm ci")
        pytest.skip("pdfjs-dist is not installed (make install runs npm ci)")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3}


def _drawn(page: Any) -> str:
    status = page.locator("#viewer-status", has_text=DRAWN)
    status.wait_for(timeout=20_000)
    return status.inner_text()


def _first_report_lesson(browser: Any, app_url: str) -> dict[str, Any]:
    """The best-ranked lesson of an overview report (a PDF) for "bruising", as the API
    gives it."""
    request = browser.new_context().request
    return request.get(app_url + "/api/search?q=bruising&type=overview-report").json()["results"][0]


def _watch_policy(page: Any) -> list[str]:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def test_a_result_cards_pdf_lesson_opens_at_its_page_with_the_lesson_highlighted(
    browser: Any, app_url: str
) -> None:
    page = browser.new_page()
    refused = _watch_policy(page)
    try:
        page.goto(app_url + "/?q=bruising+non-mobile&type=overview-report")
        card = page.locator("li.hit").first
        number = int(card.locator(".page").inner_text().split()[-1])
        link = card.locator("a.archived")
        assert link.inner_text() == f"Open the archived copy at page {number}"
        lesson_id = (link.get_attribute("href") or "").split("lesson=")[-1]
        lesson = page.request.get(app_url + f"/api/documents/{lesson_id[:16]}").json()
        text = next(x["text"] for x in lesson["lessons"] if x["lesson_id"] == lesson_id)

        link.click()
        page.wait_for_url(f"**/view?page={number}&lesson={lesson_id}")
        status = _drawn(page)
        assert status.startswith(f"Page {number} of ")
        assert "The lesson is highlighted" in status
        assert page.get_by_label("Page", exact=True).input_value() == str(number)

        marked = page.locator(".textLayer span.lesson-highlight")
        assert marked.count() >= 1
        highlighted = " ".join(marked.all_inner_texts())
        shared = _words(highlighted) & _words(text)
        assert len(shared) >= 8 and len(shared) >= 0.8 * len(_words(highlighted))
        assert marked.first.is_visible()
        box = marked.first.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]

        plain = page.get_by_role("link", name="Open the plain PDF")
        assert (plain.get_attribute("href") or "").endswith(f"/archived#page={number}")
        assert page.get_by_role("link", name=re.compile("original")).count() == 1
        assert refused == []
    finally:
        page.close()


def test_the_pages_turn_and_the_lesson_is_marked_on_its_own_page_only(
    browser: Any, app_url: str
) -> None:
    hit = _first_report_lesson(browser, app_url)
    number = hit["page"]
    page = browser.new_page()
    refused = _watch_policy(page)
    try:
        page.goto(app_url + f"/documents/{hit['doc_id']}/view?lesson={hit['lesson_id']}")
        assert _drawn(page).startswith(f"Page {number} of ")
        assert page.locator(".lesson-highlight").count() > 0

        page.get_by_role("button", name="Next page").click()
        page.locator("#viewer-status", has_text=f"Page {number + 1} of ").wait_for()
        assert page.locator(".lesson-highlight").count() == 0
        assert page.locator(".textLayer span").count() > 0
        assert f"page={number + 1}" in page.url
        plain = page.get_by_role("link", name="Open the plain PDF")
        assert (plain.get_attribute("href") or "").endswith(f"#page={number + 1}")

        page.get_by_role("button", name="Previous page").click()
        page.locator("#viewer-status", has_text=f"Page {number} of ").wait_for()
        assert page.locator(".lesson-highlight").count() > 0

        box = page.get_by_label("Page", exact=True)
        box.fill("1")
        box.press("Enter")
        page.locator("#viewer-status", has_text="Page 1 of ").wait_for()
        assert page.get_by_role("button", name="Previous page").is_disabled()
        assert "page=1" in page.url
        assert refused == []
    finally:
        page.close()


def test_the_viewer_fits_a_phone(browser: Any, app_url: str) -> None:
    hit = _first_report_lesson(browser, app_url)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(
            app_url + f"/documents/{hit['doc_id']}/view?page={hit['page']}"
            f"&lesson={hit['lesson_id']}"
        )
        assert "The lesson is highlighted" in _drawn(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        canvas = page.locator("#viewer-page-box canvas").bounding_box()
        assert canvas is not None and canvas["width"] <= PHONE["width"]
        for name in ("Previous page", "Next page", "Go"):
            button = page.get_by_role("button", name=name).bounding_box()
            assert button is not None and button["x"] + button["width"] <= PHONE["width"]
    finally:
        context.close()


def test_the_page_zooms_in_and_back_to_the_width_keeping_the_lesson_marked(
    browser: Any, app_url: str
) -> None:
    hit = _first_report_lesson(browser, app_url)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    refused = _watch_policy(page)
    try:
        page.goto(app_url + f"/documents/{hit['doc_id']}/view?lesson={hit['lesson_id']}")
        assert "The lesson is highlighted" in _drawn(page)
        canvas = page.locator("#viewer-page-box canvas")
        fitted = canvas.bounding_box()
        assert fitted is not None
        assert page.get_by_role("button", name="Fit width").is_disabled()

        page.get_by_role("button", name="Zoom in").click()
        page.locator("#viewer-status", has_text="Zoom 125%").wait_for()
        page.get_by_role("button", name="Zoom in").click()
        page.locator("#viewer-status", has_text="Zoom 150%").wait_for()
        zoomed = canvas.bounding_box()
        assert zoomed is not None
        assert zoomed["width"] == pytest.approx(fitted["width"] * 1.5, abs=2)
        assert page.locator(".lesson-highlight").count() > 0
        assert "zoom=1.5" in page.url
        # The page scrolls sideways in its own box; the site itself still fits the phone.
        assert page.evaluate(
            "(() => { const s = document.getElementById('viewer-scroll');"
            " return s.scrollWidth > s.clientWidth; })()"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.reload()  # the zoom is kept in the address
        assert "Zoom 150%" in _drawn(page)

        page.get_by_role("button", name="Fit width").click()
        page.locator(
            "#viewer-status", has_text=re.compile(r"^Page \d+ of \d+\. The lesson")
        ).wait_for()
        back = canvas.bounding_box()
        assert back is not None and back["width"] == pytest.approx(fitted["width"], abs=2)
        assert "zoom=" not in page.url
        assert refused == []
    finally:
        context.close()
