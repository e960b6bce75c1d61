"""A case page printed from a real browser (Debian's chromium driven by Playwright): the
case, its summary and lessons on paper; no site navigation, jump list or buttons."""

from __future__ import annotations

from typing import Any

import pytest

from tests import test_browser

app_url, browser = test_browser.app_url, test_browser.browser

pytestmark = pytest.mark.browser


def test_a_case_page_prints_its_lessons_without_the_sites_controls(
    browser: Any, app_url: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(app_url + "/cases/fenmarsh-child-j-2015")
        assert page.locator("nav.on-this-page").is_visible()
        page.emulate_media(media="print")
        for hidden in ("nav.on-this-page", "nav.site", "footer.site", ".crumbs"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator("h1").is_visible()
        assert page.locator("section.case-summary").is_visible()
        assert page.locator("ol.lessons > li").first.is_visible()
        assert page.locator(".also-in").first.is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    finally:
        page.close()
