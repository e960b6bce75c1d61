"""Several named learning packs in a real browser: created, switched, renamed and deleted
(with a confirm, then an undo); a shared pack opened beside the user's packs; the share
link copied; the pack printed."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from playwright.sync_api import expect

from tests import test_browser

pytestmark = pytest.mark.browser

# The served app and the browser of the other browser tests.
app_url = test_browser.app_url
browser = test_browser.browser


def share_code(pack: object) -> str:
    raw = json.dumps(pack).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def stored(page: Any, key: str) -> Any:
    raw = page.evaluate(f"window.localStorage.getItem({key!r})")
    return json.loads(raw) if raw else None


def lesson_ids(page: Any, app_url: str, query: str, count: int) -> list[str]:
    results = page.request.get(f"{app_url}/api/search?q={query}&kind=lesson&per_page=20").json()
    return list(dict.fromkeys(r["lesson_id"] for r in results["results"]))[:count]


def fresh_page(browser: Any, app_url: str, **context: Any) -> tuple[Any, Any, list[str]]:
    """A page of a new browser profile on the pack page, with its script errors kept."""
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(app_url + "/pack")
    return ctx, page, errors


def seed(page: Any, values: dict[str, Any]) -> None:
    page.evaluate(
        "v => { localStorage.clear();"
        " for (const k in v) localStorage.setItem(k, JSON.stringify(v[k])); }",
        values,
    )
    page.reload()


def add_first_result(page: Any, app_url: str, query: str) -> None:
    page.goto(f"{app_url}/?q={query}")
    lesson = page.locator("li.hit button.add-to-pack[aria-pressed=false]").first
    button = page.locator(
        f"button.add-to-pack[data-lesson='{lesson.get_attribute('data-lesson')}']"
    )
    button.first.click()
    button = button.first
    expect(button).to_have_text("In your pack")


def test_create_switch_rename_and_delete_named_packs(browser: Any, app_url: str) -> None:
    context, page, errors = fresh_page(browser, app_url)
    others = page.locator("#pack-others")
    status = page.locator("#pack-status")
    try:
        page.get_by_label("Name of the new pack").fill("Safe sleep")
        page.get_by_role("button", name="Create pack").click()
        expect(page.locator("#pack-name")).to_have_text("Safe sleep")
        add_first_result(page, app_url, "safe+sleep+sofa")

        page.goto(app_url + "/pack")
        expect(page.locator("li.pack-item")).to_have_count(1)
        page.get_by_label("Name of the new pack").fill("Bruising in babies")
        page.get_by_role("button", name="Create pack").click()
        expect(page.locator("#pack-title")).to_have_value("Bruising in babies")
        expect(page.locator("li.pack-item")).to_have_count(0)
        expect(others).to_contain_text("Safe sleep (1 lesson)")
        add_first_result(page, app_url, "bruising+baby")
        add_first_result(page, app_url, "bruising+protocol")
        assert page.locator("#pack-count").inner_text() == "2"

        # Switch: the open pack joins the others, the chosen one opens.
        page.goto(app_url + "/pack")
        others.get_by_role("button", name="Open this pack").click()
        expect(page.locator("#pack-title")).to_have_value("Safe sleep")
        expect(page.locator("li.pack-item")).to_have_count(1)
        expect(others).to_contain_text("Bruising in babies (2 lessons)")
        assert page.locator("#pack-count").inner_text() == "1"

        # Rename the open pack: its name, its heading and the list of packs follow.
        page.get_by_label("Name of this pack").fill("Safe sleep: team meeting")
        expect(page.locator("#pack-name")).to_have_text("Safe sleep: team meeting")
        others.get_by_role("button", name="Open this pack").click()
        expect(page.locator("#pack-title")).to_have_value("Bruising in babies")
        expect(others).to_contain_text("Safe sleep: team meeting (1 lesson)")

        # Delete the open pack: asked first (cancel changes nothing), then undone.
        page.get_by_role("button", name="Delete this pack").click()
        expect(page.locator("#pack-delete-confirm")).to_contain_text(
            "Delete \u201cBruising in babies\u201d and its 2 lessons?"
        )
        page.locator("#pack-delete-confirm").get_by_role("button", name="Cancel").click()
        expect(page.locator("li.pack-item")).to_have_count(2)
        page.get_by_role("button", name="Delete this pack").click()
        page.get_by_role("button", name="Yes, delete it").click()
        expect(page.locator("#pack-title")).to_have_value("Safe sleep: team meeting")
        expect(page.locator("li.pack-item")).to_have_count(1)
        expect(others).to_be_hidden()
        expect(status).to_contain_text("\u201cBruising in babies\u201d is deleted.")
        status.get_by_role("button", name="Undo").click()
        expect(page.locator("#pack-title")).to_have_value("Bruising in babies")
        expect(page.locator("li.pack-item")).to_have_count(2)
        expect(others).to_contain_text("Safe sleep: team meeting (1 lesson)")

        # Delete one of the other packs, with its confirm; kept so after a reload.
        others.get_by_role("button", name="Delete").click()
        others.get_by_role("button", name="Yes, delete it").click()
        expect(others).to_be_hidden()
        page.reload()
        expect(page.locator("li.pack-item")).to_have_count(2)
        assert stored(page, "lessonPacks") == []
        assert stored(page, "lessonPack")["title"] == "Bruising in babies"
        assert errors == []
    finally:
        context.close()


def test_a_shared_pack_opens_beside_the_users_packs_and_keeps_its_name(
    browser: Any,
    app_url: str,
) -> None:
    context, page, errors = fresh_page(browser, app_url)
    ids = lesson_ids(page, app_url, "baby", 4)
    own = {
        "title": "My pack",
        "questions": "Why?",
        "items": [{"id": i, "note": ""} for i in ids[:2]],
    }
    older = {"title": "Older pack", "questions": "", "items": [{"id": ids[2], "note": "x"}]}
    shared = {"title": "From a colleague", "questions": "", "items": [{"id": ids[3], "note": ""}]}
    others = page.locator("#pack-others")
    try:
        seed(page, {"lessonPack": own, "lessonPacks": [older]})
        page.goto(app_url + f"/pack?share={share_code(shared)}")
        expect(page.locator("#pack-shared")).to_contain_text("called \u201cFrom a colleague\u201d")
        page.get_by_role("button", name="Open as a separate pack").click()
        expect(page.locator("#pack-name")).to_have_text("From a colleague")
        expect(page.locator("li.pack-item")).to_have_count(1)
        expect(others).to_contain_text("My pack (2 lessons)")
        expect(others).to_contain_text("Older pack (1 lesson)")
        assert stored(page, "lessonPacks") == [own, older]

        # An unnamed shared pack is named when it is opened beside the others.
        page.goto(app_url + f"/pack?share={share_code({'items': shared['items']})}")
        page.get_by_role("button", name="Open as a separate pack").click()
        expect(page.locator("#pack-name")).to_have_text("Shared pack")
        assert [p["title"] for p in stored(page, "lessonPacks")] == [
            "From a colleague",
            "My pack",
            "Older pack",
        ]

        # With the list of packs full, nothing is pushed out: the pack is refused, plainly.
        full = [dict(older, title=f"Pack {n}") for n in range(50)]
        seed(page, {"lessonPack": own, "lessonPacks": full})
        page.goto(app_url + f"/pack?share={share_code(shared)}")
        page.get_by_role("button", name="Open as a separate pack").click()
        expect(page.locator("#pack-shared [role=alert]")).to_contain_text("Delete one")
        assert stored(page, "lessonPack") == own and stored(page, "lessonPacks") == full
        assert errors == []
    finally:
        context.close()


def test_the_copy_button_copies_the_share_link(browser: Any, app_url: str) -> None:
    context, page, errors = fresh_page(
        browser, app_url, permissions=["clipboard-read", "clipboard-write"]
    )
    try:
        ids = lesson_ids(page, app_url, "neglect", 2)
        pack = {"title": "Neglect", "questions": "", "items": [{"id": i, "note": ""} for i in ids]}
        seed(page, {"lessonPack": pack})
        link = page.locator("#pack-share").input_value()
        assert link.startswith(app_url + "/pack?share=")
        page.get_by_role("button", name="Copy link").click()
        expect(page.locator("#pack-copied")).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == link
        selected = page.evaluate(
            "(() => { const s = document.getElementById('pack-share');"
            " return s.value.slice(s.selectionStart, s.selectionEnd); })()"
        )
        assert selected == link
        # The copied link opens the same pack in another browser.
        other, opened, _ = fresh_page(browser, app_url)
        try:
            opened.goto(link)
            expect(opened.locator("#pack-shared")).to_contain_text("called \u201cNeglect\u201d")
            expect(opened.locator("#pack-shared")).to_contain_text("2 lessons")
        finally:
            other.close()
        # Editing the pack changes the link, and the confirmation goes.
        page.get_by_label("Name of this pack").fill("Neglect, revised")
        expect(page.locator("#pack-copied")).to_have_text("")
        assert page.locator("#pack-share").input_value() != link
        assert errors == []
    finally:
        context.close()


def test_the_print_button_opens_the_printable_pack_and_prints_it(
    browser: Any,
    app_url: str,
) -> None:
    context, page, errors = fresh_page(browser, app_url)
    context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    try:
        ids = lesson_ids(page, app_url, "bruising", 2)
        pack = {"title": "Bruising", "questions": "", "items": [{"id": i, "note": ""} for i in ids]}
        seed(page, {"lessonPack": pack})
        page.get_by_role("button", name="Print").click()
        page.wait_for_url("**/pack/print?share=*")
        page.wait_for_function("window.printed === 1")
        assert "print=1" not in page.url
        assert page.locator("h1").inner_text() == "Bruising"
        assert page.locator(".case-summary").count() >= 1
        assert page.locator("article.lesson").count() == 2
        assert page.locator("p.citation a[href*='/archived']").count() >= 2
        page.get_by_role("button", name="Print").click()
        page.wait_for_function("window.printed === 2")
        assert errors == []
    finally:
        context.close()
