"""A real browser (Debian's chromium driven by Playwright) against the app served by waitress."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from waitress.server import create_server

from search_app import AppConfig, create_app
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
    app = create_app(AppConfig(harvested.data_dir))
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
        if "/view?" in href:  # the PDF viewer, which links the plain PDF at the page
            link.click()
            href = page.get_by_role("link", name="Open the plain PDF").get_attribute("href") or ""
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
        # Tab from the top of the page: the skip link first, then the header links, the box.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        for _ in range(12):
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


def test_build_a_pack_from_two_cases_reorder_and_export_docx(browser: object, app_url: str) -> None:
    import io
    from pathlib import Path

    import docx

    context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(app_url + "/?q=bruising+baby&type=learning-brief")
        page.locator("li.hit button.add-to-pack").first.click()
        page.goto(app_url + "/?q=safe+sleep+sofa")
        buttons = page.locator("li.hit button.add-to-pack")
        cases = page.locator("li.hit .case").all_inner_texts()
        added = 0
        for index in range(buttons.count()):
            if "Child J" not in cases[index] and added < 2:
                buttons.nth(index).click()
                added += 1
        assert page.locator("#pack-count").inner_text() == "3"

        page.goto(app_url + "/pack")
        items = page.locator("li.pack-item")
        items.first.wait_for()
        assert items.count() == 3
        before = [items.nth(i).locator(".pack-case").inner_text() for i in range(3)]
        assert len({b.split(" - ")[0] for b in before}) >= 2  # lessons from two cases
        items.nth(2).get_by_role("button", name="Move up").click()
        page.wait_for_function(
            "document.querySelectorAll('li.pack-item').length === 3 && "
            f"document.querySelectorAll('li.pack-item .pack-case')[1].textContent === {before[2]!r}"
        )
        order = [before[0], before[2], before[1]]
        page.fill("#pack-title", "Bruising and safe sleep")
        page.locator("li.pack-item textarea").first.fill("Open with this one")
        page.fill("#pack-questions", "What would you ask the father?")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Word (DOCX)").click()
        data = Path(download_info.value.path()).read_bytes()
        document = docx.Document(io.BytesIO(data))
        texts = [p.text for p in document.paragraphs]
        assert texts[0] == "Bruising and safe sleep"
        headings = [t for t in texts if t[:2] in ("1.", "2.", "3.")]
        assert [h.split(". ", 1)[1] for h in headings] == order
        sources = [t for t in texts if t.startswith("Source: ")]
        assert len(sources) == 3 and all("page" in s and "http" in s for s in sources)
        assert "Trainer's note: Open with this one" in texts
        assert texts[-1] == "What would you ask the father?"
    finally:
        context.close()


def test_subscribe_to_a_search_and_parse_the_feed(browser: object, app_url: str) -> None:
    import feedparser

    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=&theme=safe-sleep")
        alternate = page.locator("link[rel=alternate][title='These results (Atom)']")
        href = alternate.get_attribute("href") or ""
        assert "theme=safe-sleep" in href
        response = page.request.get(app_url + href if href.startswith("/") else href)
        assert response.ok and "atom+xml" in response.headers["content-type"]
        feed = feedparser.parse(response.body())
        assert not feed.bozo and feed.entries
        assert all(
            any(tag.term == "safe-sleep" for tag in entry.get("tags", [])) for entry in feed.entries
        )
    finally:
        page.close()


def test_open_a_case_from_a_result(browser: object, app_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=bruising+non-mobile+baby")
        page.locator("li.hit .case a", has_text="Child J").first.click()
        page.wait_for_url("**/cases/*")
        assert page.locator("h1").inner_text().startswith("Child J")
        timeline = page.locator("ol.timeline li")
        assert timeline.count() >= 3
        assert "Child J Professionals Leaflet" in page.locator("ol.timeline").inner_text()
        assert page.locator("h2", has_text="Lessons (").count() == 1
        assert page.locator("ol.lessons li").count() > 5
    finally:
        page.close()


def test_download_the_heatmap_csv_and_check_it_against_the_api(
    browser: object, app_url: str
) -> None:
    import csv
    from pathlib import Path

    context = browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(app_url + "/themes")
        with page.expect_download() as download_info:
            page.locator("table.heatmap caption a", has_text="CSV").click()
        text = Path(download_info.value.path()).read_text(encoding="utf-8")
        rows = list(csv.reader(text.splitlines()))
        api = page.request.get(app_url + "/api/themes").json()
        assert rows[0][2:] == [str(y) for y in api["years"]]
        by_id = {t["id"]: [str(v) for v in t["by_year"].values()] for t in api["themes"]}
        assert {r[0]: r[2:] for r in rows[1:-1]} == by_id
        assert rows[-1][2:] == [str(v) for v in api["cases_per_year"].values()]
    finally:
        context.close()


def test_follow_a_merged_cards_also_in_link_to_the_other_documents_lesson(
    browser: object, app_url: str
) -> None:
    """A lesson restated in another document of its case is one card; its "also in" link
    opens that document's page at the restated lesson, which shows the page it is on."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(app_url + "/?q=audit+referrals+of+bruised+babies")
        card = page.locator("li.hit", has=page.locator("p.also-in")).first
        card.wait_for()
        card_title = card.locator("h2.hit-title").inner_text()
        link = card.locator("p.also-in a").first
        label = link.inner_text()  # "Overview report p.9"
        other_title = link.get_attribute("title")
        assert other_title and other_title != card_title
        link.click()
        page.wait_for_url("**/documents/*#lesson-*")
        assert page.locator("h1").inner_text() == other_title
        lesson_id = page.url.split("#lesson-")[1]
        lesson = page.locator(f"li[id='lesson-{lesson_id}']")
        assert lesson.count() == 1
        assert "bruised babies" in lesson.inner_text().lower()
        page_number = label.rsplit("p.", 1)[1]
        assert f"page {page_number}" in lesson.locator("p.meta").inner_text()
    finally:
        page.close()


# -- learning packs against damaged storage and links ----------------------------------------

GARBAGE_STORAGE = [
    ("lessonPack", "{not json"),
    ("lessonPack", "null"),
    ("lessonPack", '"a string"'),
    ("lessonPack", "[1, 2, 3]"),
    ("lessonPack", '{"items": null, "title": ["x"]}'),
    ("lessonPack", '{"items": [null, 5, "x", {"id": null}, {"id": {"a": 1}}], "questions": 7}'),
    ("lessonPacks", '{"not": "a list"}'),
    ("lessonPacks", '[null, 1, {"items": [null]}]'),
]


def _share_code(pack: object) -> str:
    import base64
    import json

    raw = json.dumps(pack).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _watched_page(browser: Any) -> tuple[Any, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def _stored(page: Any, key: str = "lessonPack") -> Any:
    import json

    raw = page.evaluate(f"window.localStorage.getItem({key!r})")
    return json.loads(raw) if raw else None


def test_garbage_in_local_storage_leaves_every_page_working(browser: object, app_url: str) -> None:
    page, errors = _watched_page(browser)
    case_id = page.request.get(app_url + "/api/cases").json()["cases"][0]["case_id"]
    try:
        for key, value in GARBAGE_STORAGE:
            page.goto(app_url + "/")
            page.evaluate(
                "([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [key, value]
            )
            page.goto(app_url + "/?q=bruising")
            button = page.locator("li.hit button.add-to-pack").first
            button.wait_for()
            assert page.locator("#pack-count").inner_text() == "0", value
            button.click()
            assert button.inner_text() == "In your pack"
            assert page.locator("#pack-count").inner_text() == "1"
            page.goto(app_url + f"/cases/{case_id}")
            assert page.locator("button.add-to-pack:visible").count() > 0
            page.goto(app_url + "/pack")
            page.locator("li.pack-item").first.wait_for()
            assert page.locator("li.pack-item").count() == 1
        assert errors == []
    finally:
        page.close()


def test_a_broken_share_link_never_replaces_the_users_pack(browser: object, app_url: str) -> None:
    from playwright.sync_api import expect

    page, errors = _watched_page(browser)
    results = page.request.get(app_url + "/api/search?q=baby&kind=lesson&per_page=20").json()
    ids = list(dict.fromkeys(r["lesson_id"] for r in results["results"]))[:3]
    own = {"title": "My pack", "questions": "", "items": [{"id": i, "note": ""} for i in ids[:2]]}
    shared = {
        "title": "From a colleague",
        "questions": "What next?",
        "items": [None, {"id": ids[2], "note": "Look"}, "x", {"id": "../etc/passwd"}, 7],
    }
    try:
        page.goto(app_url + "/pack")
        page.evaluate(
            "p => { localStorage.clear(); localStorage.setItem('lessonPack', JSON.stringify(p)); }",
            own,
        )
        # A wholly bad link, and one whose items are all unreadable: said so, nothing changes.
        for code, why in [("!!not-base64", "damaged"), (_share_code({"items": [None]}), "none")]:
            page.goto(app_url + f"/pack?share={code}")
            notice = page.locator("#pack-shared [role=alert]")
            assert "cannot be opened" in notice.inner_text() and why in notice.inner_text()
            assert _stored(page) == own
            page.locator("li.pack-item").nth(1).wait_for()

        # A link with one good item among bad ones: the bad ones are named, the user chooses.
        page.goto(app_url + f"/pack?share={_share_code(shared)}")
        panel = page.locator("#pack-shared")
        assert "4 items in the link could not be read" in panel.inner_text()
        assert "1 lesson" in panel.inner_text()
        assert _stored(page) == own
        assert page.locator("#pack-count").inner_text() == "2"
        panel.get_by_role("button", name="Open as a separate pack").click()
        expect(page.locator("li.pack-item")).to_have_count(1)
        assert page.locator("#pack-title").input_value() == "From a colleague"
        others = page.locator("#pack-others")
        assert "My pack (2 lessons)" in others.inner_text()
        others.get_by_role("button", name="Open this pack").click()
        expect(page.locator("li.pack-item")).to_have_count(2)
        assert _stored(page) == own
        assert "From a colleague (1 lesson)" in others.inner_text()

        # Added to the user's pack: its lessons after the user's, nothing of the user's lost.
        page.goto(app_url + f"/pack?share={_share_code(shared)}")
        panel.get_by_role("button", name="Add to my pack").click()
        expect(page.locator("li.pack-item")).to_have_count(3)
        merged = _stored(page)
        assert [i["id"] for i in merged["items"]] == ids
        assert merged["title"] == "My pack" and merged["questions"] == "What next?"
        assert "share=" not in page.url
        assert errors == []
    finally:
        page.close()
