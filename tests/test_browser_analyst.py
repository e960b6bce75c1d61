"""The analyst's pages and the archived copies in a real browser (Debian's chromium driven by
Playwright) against the app served by waitress: the heatmap's totals, legend and board
view, CSV downloads that match the API, the case list on a phone, and an archived web page
that opens as a page with none of its scripts running."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from waitress.server import create_server

from search_app import AppConfig, create_app
from tests.archive_fixtures import PAGE_TITLE, ArchiveCollection, build_archive_collection
from tests.conftest import Harvested
from tests.test_browser import CHROMIUM_ARGS, _chromium

pytestmark = pytest.mark.browser


def _serve(data_dir: Path) -> Iterator[str]:
    server = create_server(create_app(AppConfig(data_dir)), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def app_url(harvested: Harvested) -> Iterator[str]:
    yield from _serve(harvested.data_dir)


@pytest.fixture(scope="module")
def archive_url(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, ArchiveCollection]]:
    collection = build_archive_collection(tmp_path_factory.mktemp("archive-browser"))
    for url in _serve(collection.data_dir):
        yield url, collection


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launched as tests/test_browser.py launches it."""
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _numbers(texts: list[str]) -> list[int]:
    return [int(t) if t.strip() else 0 for t in texts]


def test_heatmap_rows_carry_totals_every_year_and_a_legend(browser: Any, app_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(app_url + "/themes")
        api = page.request.get(app_url + "/api/themes").json()
        table = page.locator("table.heatmap")
        assert "Cases" in table.locator("caption").inner_text()
        headers = table.locator("thead th").all_inner_texts()
        assert headers[1].startswith("Cases, all years")
        years = [int(h) for h in headers[2:]]
        assert years == list(range(years[0], years[-1] + 1))  # no year left out
        assert any(api["cases_per_year"][str(y)] == 0 for y in years)  # the sample has gaps
        rows = table.locator("tbody tr")
        assert rows.count() == len(api["themes"])
        totals = []
        for index in range(rows.count()):
            row = rows.nth(index)
            total = int(row.locator("td.total").inner_text())
            cells = _numbers(row.locator("td:not(.total)").all_inner_texts())
            assert total == sum(cells)  # a case has one year: its theme is counted once
            assert total == api["themes"][index]["cases"]
            totals.append(total)
        assert totals == sorted(totals, reverse=True)  # what recurs most comes first
        legend = page.locator(".legend")
        assert "cases" in legend.inner_text().lower()
        swatches = legend.locator(".swatch")
        assert swatches.count() >= 3
        # Each colour the cells use is explained in the legend.
        used = set(
            page.evaluate(
                "[...document.querySelectorAll('table.heatmap td[class^=h]')]"
                ".map(td => td.className)"
            )
        )
        explained = {
            c.split()[-1]
            for c in legend.locator(".swatch").evaluate_all("spans => spans.map(s => s.className)")
        }
        assert used <= explained
    finally:
        page.close()


def test_heatmap_board_view_by_keyboard_and_back(browser: Any, app_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(app_url + "/themes?theme=neglect")
        switch = page.get_by_role("navigation", name="Heatmap columns")
        switch.get_by_role("link", name="By board").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**view=board*")
        assert "theme=neglect" in page.url  # the chosen theme is kept
        api = page.request.get(app_url + "/api/themes?view=board").json()
        headers = page.locator("table.heatmap thead th")
        assert headers.nth(1).inner_text().startswith("Cases, all boards")
        titles = page.locator("table.heatmap thead th abbr").evaluate_all(
            "abbrs => abbrs.map(a => a.title)"
        )
        assert titles == api["boards"]
        assert "by board" in page.locator("table.heatmap caption").inner_text()
        row = page.locator("table.heatmap tbody tr").first
        theme = api["themes"][0]
        assert int(row.locator("td.total").inner_text()) == theme["cases"]
        assert _numbers(row.locator("td:not(.total)").all_inner_texts()) == list(
            theme["by_board"].values()
        )
        cell = row.locator("td a").first
        board = (cell.get_attribute("aria-label") or "").split(", ", 1)[1].rsplit(":", 1)[0]
        cell.click()
        page.wait_for_url("**/?theme=*&board=*")
        boards = page.locator("li.hit .board").all_inner_texts()
        assert boards and set(boards) == {board}
        page.go_back()
        page.wait_for_url("**view=board*")
        page.get_by_role("link", name="By year").click()
        page.wait_for_url(lambda url: "view=" not in url)
        assert (
            page.locator("table.heatmap thead th")
            .nth(1)
            .inner_text()
            .startswith("Cases, all years")
        )
    finally:
        page.close()


def test_the_chosen_themes_trend_is_at_the_top(browser: Any, app_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(app_url + "/themes")
        page.locator("table.heatmap tbody th a", has_text="Neglect").click()
        page.wait_for_url("**theme=neglect*")
        trend = page.locator("table.trend-columns")
        assert "Cases raising Neglect, by year" in trend.locator("caption").inner_text()
        box = trend.bounding_box()
        assert box is not None and box["y"] + box["height"] < 900  # seen without scrolling
        heatmap = page.locator("table.heatmap").bounding_box()
        assert heatmap is not None and box["y"] < heatmap["y"]
        api = page.request.get(app_url + "/api/themes?theme=neglect").json()
        shown = _numbers(trend.locator("tr.bars td").all_inner_texts())
        assert shown == list(api["selected"]["trend"].values())
    finally:
        page.close()


def _download(page: Any, link: Any) -> list[dict[str, str]]:
    with page.expect_download() as info:
        link.click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_of_a_filtered_search_matches_the_api(browser: Any, app_url: str) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    try:
        query = "q=&theme=neglect&type=learning-brief"
        page.goto(f"{app_url}/?{query}&page=2")
        rows = _download(page, page.get_by_role("link", name="Download these results as CSV"))
        api = page.request.get(f"{app_url}/api/search?{query}&per_page=100").json()
        assert len(api["results"]) < 100  # one page of the API holds them all
        assert [r["lesson_id"] for r in rows] == [c["lesson_id"] for c in api["results"]]
        assert [r["case"] for r in rows] == [c["case"] for c in api["results"]]

        page.goto(app_url + "/cases?board=Oakbridge&sort=name")
        rows = _download(page, page.get_by_role("link", name="Download as CSV"))
        cases = page.request.get(app_url + "/api/cases?board=Oakbridge&sort=name").json()
        assert [r["case_id"] for r in rows] == [c["case_id"] for c in cases["cases"]]
        assert [int(r["lessons"]) for r in rows] == [c["lessons"] for c in cases["cases"]]
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", ["/cases", "/cases?theme=neglect&sort=name", "/themes?theme=neglect"]
)
def test_analyst_pages_fit_a_phone(browser: Any, app_url: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(app_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide at 390px"
        if path.startswith("/cases"):
            # Each stacked row names its figures.
            lessons = page.locator("table.case-list tbody tr td[data-label=Lessons]").first
            label = lessons.evaluate("td => getComputedStyle(td, '::before').content")
            assert "Lessons" in label and lessons.inner_text().strip().isdigit()
    finally:
        page.close()


def test_an_archived_web_page_opens_as_a_page_with_no_script_running(
    browser: Any, archive_url: tuple[str, ArchiveCollection]
) -> None:
    url, collection = archive_url
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        cases = page.request.get(url + "/api/cases").json()["cases"]
        documents = [
            d
            for c in cases
            for d in page.request.get(f"{url}/api/cases/{c['case_id']}").json()["documents"]
        ]
        (web,) = [d for d in documents if d["source_url"] == collection.web_source]
        lesson = page.request.get(f"{url}/api/documents/{web['doc_id']}").json()["lessons"][0]
        response = page.goto(
            f"{url}/documents/{web['doc_id']}/archived?lesson={lesson['lesson_id']}#lesson"
        )
        assert response is not None and response.ok
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)  # an onmouseover would fire now
        assert page.title() == PAGE_TITLE
        assert page.evaluate("typeof window.scriptRan") == "undefined"
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("iframe, form, object").count() == 0
        assert page.get_by_text("no one saw that the absences").is_visible()
        marked = page.locator(".lesson-here")
        assert marked.count() == 1 and marked.is_visible()
        assert errors == []
    finally:
        page.close()
