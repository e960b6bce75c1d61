"""Extraction: stored bytes -> text by page; the type is read from the bytes, and problem
files come back with a status instead of raising."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from harvester.extract import extract, normalise_page, sniff_kind
from tests.documents import make_docx, make_drawing_pdf, make_pdf

REPORT_PAGES = [
    [
        "Fenmarsh Safeguarding Children Board",
        "Serious Case Review: Child J",
        "Overview Report",
        "Date of publication: July 2015",
    ],
    [
        "1. Introduction",
        "1.1 This review considers the multi-agency response to Child J, aged 14 weeks,",
        "who was admitted to hospital with a fractured femur and bruising to the face.",
    ],
    [
        "5. Lessons learned",
        "5.1 Bruising in a non-mobile baby must always prompt a child protection referral.",
        "5.2 Professionals did not share information about the father's history.",
    ],
]

BOARD_HTML = b"""<!DOCTYPE html>
<html lang="en">
<head><title>Child K learning summary | Oakbridge LSCB</title>
<style>.x { color: red }</style><script>var tracking = "analytics";</script></head>
<body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to improve this website.
  <button>Accept all cookies</button></p></div>
<header><p>Oakbridge Local Safeguarding Children Board</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/training">Training courses</a></li></ul></nav>
<main>
  <p class="breadcrumb"><a href="/">Home</a> &gt; Case reviews</p>
  <h1>Child K learning summary</h1>
  <p>Child K was 15 years old when she was found to be at risk of
     criminal exploitation.</p>
  <h2>Key learning</h2>
  <ul>
    <li>Missing episodes are a sign of exploitation, not a lifestyle choice.</li>
    <li>Return home interviews must be offered every time.</li>
  </ul>
  <table><tr><td>Published</td><td>2 March 2021</td></tr></table>
</main>
<footer><p>Copyright Oakbridge Council 2021. Privacy notice.</p></footer>
</body></html>
"""


def pptx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    return buffer.getvalue()


# -- sniffing --------------------------------------------------------------------------------


def test_sniff_kind_reads_the_bytes_not_the_name():
    assert sniff_kind(make_pdf([["Child J"]])) == "pdf"
    assert sniff_kind(make_docx([("Normal", "Child J")])) == "docx"
    assert sniff_kind(pptx_bytes()) == "pptx"
    assert sniff_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600) == "doc"
    assert sniff_kind(BOARD_HTML) == "html"
    assert sniff_kind(b"  <html><body><p>Child J</p></body></html>") == "html"
    assert sniff_kind(b"Serious Case Review: Child J\n\nLessons learned\n") == "txt"
    assert sniff_kind(b"") == "unknown"
    assert sniff_kind(random.Random(20150701).randbytes(4096)) == "unknown"
    assert sniff_kind(b"PK\x03\x04 not really a zip file") == "unknown"


def test_html_saved_with_a_pdf_name_is_html(tmp_path):
    saved = tmp_path / "Child_K_Learning_Summary.pdf"
    saved.write_bytes(BOARD_HTML)
    data = saved.read_bytes()
    assert sniff_kind(data) == "html"
    result = extract(data)
    assert (result.kind, result.status) == ("html", "ok")
    assert "Return home interviews" in result.pages[0]


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_come_out_in_order_with_their_text():
    result = extract(make_pdf(REPORT_PAGES, title="SCR Child J Overview Report"))
    assert (result.kind, result.status, result.ok) == ("pdf", "ok", True)
    assert len(result.pages) == 3
    assert "Date of publication: July 2015" in result.pages[0]
    assert "fractured femur" in result.pages[1]
    assert "fractured femur" not in result.pages[0] + result.pages[2]
    assert "5.2 Professionals did not share information" in result.pages[2]
    assert result.pages[2].splitlines()[0] == "5. Lessons learned"
    assert result.title == "SCR Child J Overview Report"


def test_encrypted_pdf_is_reported_not_raised():
    result = extract(make_pdf(REPORT_PAGES, encrypt="fenmarsh-secret"))
    assert result.kind == "pdf"
    assert result.status == "encrypted"
    assert "password" in result.reason
    assert result.pages == []
    assert not result.ok


def test_truncated_pdf_is_corrupt():
    whole = make_pdf(REPORT_PAGES)
    result = extract(whole[: len(whole) // 2])
    assert (result.kind, result.status) == ("pdf", "corrupt")
    assert result.reason


def test_pdf_without_a_text_layer_needs_ocr():
    result = extract(make_drawing_pdf())
    assert result.status == "needs_ocr"
    assert "1 page" in result.reason


def test_pdf_with_a_blank_page_keeps_the_page_count():
    result = extract(make_pdf([["Executive summary"], [], ["Recommendations"]]))
    assert result.status == "ok"
    assert result.pages == ["Executive summary", "", "Recommendations"]


# -- DOCX ------------------------------------------------------------------------------------


def test_docx_headings_paragraphs_and_table_cells():
    data = make_docx(
        [
            ("Title", "Child T Professionals Leaflet"),
            ("Heading 1", "Key learning"),
            ("Normal", "Practitioners should ask who lives in the household."),
            ("List Bullet", "Consider the impact of parental substance misuse."),
            ("Heading 2", "Questions for practitioners"),
        ],
        table=[["Agency", "Action"], ["Health visiting", "Record every adult in the home"]],
        title="Child T leaflet",
    )
    result = extract(data)
    assert (result.kind, result.status) == ("docx", "ok")
    assert len(result.pages) == 1
    lines = [line for line in result.pages[0].splitlines() if line]
    # Headings carry their level as a "#" mark; list items a bullet: segmentation reads both.
    assert lines == [
        "# Child T Professionals Leaflet",
        "# Key learning",
        "Practitioners should ask who lives in the household.",
        "- Consider the impact of parental substance misuse.",
        "## Questions for practitioners",
        "Agency | Action",
        "Health visiting | Record every adult in the home",
    ]
    # Paragraphs are separated by blank lines, so segmentation sees each one.
    assert "# Key learning\n\nPractitioners should ask" in result.pages[0]
    assert result.title == "Child T leaflet"


def test_damaged_docx_is_corrupt():
    data = make_docx([("Normal", "Child T")])
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        members = {n: original.read(n) for n in original.namelist()}
    members["word/document.xml"] = b"<w:document><not-closed>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as damaged:
        for name, content in members.items():
            damaged.writestr(name, content)
    result = extract(buffer.getvalue())
    assert (result.kind, result.status) == ("docx", "corrupt")


# -- HTML ------------------------------------------------------------------------------------


def test_html_keeps_the_main_content_and_drops_the_page_furniture():
    result = extract(BOARD_HTML)
    assert (result.kind, result.status) == ("html", "ok")
    assert result.title == "Child K learning summary | Oakbridge LSCB"
    text = result.pages[0]
    assert text.splitlines()[0] == "# Child K learning summary"
    assert "at risk of criminal exploitation." in text
    assert "- Missing episodes are a sign of exploitation, not a lifestyle choice." in text
    assert "Published 2 March 2021" in text
    for furniture in ("cookies", "Training courses", "Copyright", "tracking", "color: red"):
        assert furniture not in text
    assert "Home > Case reviews" not in text


def test_html_without_main_drops_header_nav_footer_and_cookie_banner():
    page = b"""<html><body>
    <header><h1>Fenmarsh Safeguarding Children Board</h1></header>
    <nav><p>Home | About the board | Contact</p></nav>
    <div class="cookie-banner"><p>This site uses cookies.</p></div>
    <div class="content">
      <h2>Child P 7-minute briefing</h2>
      <p>Hidden men: ask who else is involved in the care of the baby.</p>
    </div>
    <footer><p>Fenmarsh Council, Town Hall</p></footer>
    </body></html>"""
    result = extract(page)
    assert result.pages == [
        "## Child P 7-minute briefing\n\n"
        "Hidden men: ask who else is involved in the care of the baby."
    ]


# -- text ------------------------------------------------------------------------------------


def test_cp1252_text_file_is_decoded():
    text = (
        "Serious Case Review \u2013 \u201cChild V\u201d\n"
        "The health visitor\u2019s record noted a \u00a3200 rent arrear "
        "and the family\u2019s move.\n"
        "Lessons for all agencies follow.\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert sniff_kind(data) == "txt"
    result = extract(data)
    assert (result.kind, result.status) == ("txt", "ok")
    assert "\u201cChild V\u201d" in result.pages[0]
    assert "health visitor\u2019s record noted a \u00a3200 rent arrear" in result.pages[0]


def test_text_form_feeds_are_page_breaks():
    result = extract(b"Cover page\fFirst page of findings\fSecond page")
    assert result.pages == ["Cover page", "First page of findings", "Second page"]


# -- problem files ---------------------------------------------------------------------------


def test_empty_and_unsupported_files_have_a_status():
    empty = extract(b"")
    assert (empty.status, empty.ok) == ("empty", False)
    # A zip that only looks like a presentation is damaged, not unsupported.
    assert extract(pptx_bytes()).status == "corrupt"
    noise = extract(random.Random(2006).randbytes(2048))
    assert (noise.kind, noise.status) == ("unknown", "unsupported")


# -- normalising -----------------------------------------------------------------------------


def test_normalise_page_ligatures_hyphens_and_spacing():
    raw = (
        "  The signi\ufb01cant \ufb02ag was not raised;  sta\ufb00 were   busy.\r\n"
        "Bruising in a non-\nmobile baby\u00a0is rare.\r"
        "Pro\u00adfessional curiosity and e\ufb03cient records in an a\ufb04uent area.  "
    )
    assert normalise_page(raw) == (
        "The significant flag was not raised; staff were busy.\n"
        "Bruising in a non-mobile baby is rare.\n"
        "Professional curiosity and efficient records in an affluent area."
    )


def test_content_named_with_safeguarding_words_is_not_page_furniture():
    page = b"""<html><body><main>
    <h1>Child M learning brief</h1>
    <div class="cookie-banner"><p>We use cookies on this site.</p></div>
    <ul class="social-media-links"><li>Follow us on social media</li></ul>
    <div class="children-social-care">
      <p>Children's social care did not hold a strategy discussion.</p></div>
    <section id="shared-learning"><p>Shared learning from the review of Child M.</p></section>
    <div class="share"><p>Share this page</p></div>
    </main></body></html>"""
    assert extract(page).pages == [
        "# Child M learning brief\n\n"
        "Children's social care did not hold a strategy discussion.\n\n"
        "Shared learning from the review of Child M."
    ]


# -- PPTX and legacy DOC ---------------------------------------------------------------------


def _make_pptx(slides: list[tuple[str, list[str]]]) -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for title, bullets in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for bullet in bullets[1:]:
            body.add_paragraph().text = bullet
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def test_pptx_briefing_gives_one_page_per_slide_in_order():
    data = _make_pptx(
        [
            ("7 Minute Briefing: Baby R", ["Learning from the review into Baby R"]),
            ("Why it matters", ["Most sudden infant deaths happen on a sofa or in a bed."]),
            ("What should you do", ["Ask where the baby will sleep tonight.", "Talk to fathers."]),
        ]
    )
    result = extract(data)
    assert (result.kind, result.status) == ("pptx", "ok")
    assert len(result.pages) == 3
    assert result.pages[1].startswith("## Why it matters")
    assert "Ask where the baby will sleep tonight." in result.pages[2]
    assert result.pages[2].index("Ask where") < result.pages[2].index("Talk to fathers")


def test_legacy_doc_without_a_converter_is_unsupported_with_its_reason(monkeypatch):
    import harvester.extract as extract_module

    monkeypatch.setattr(extract_module.shutil, "which", lambda _name: None)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    result = extract(ole)
    assert (result.kind, result.status) == ("doc", "unsupported")
    assert "antiword" in (result.reason or "")


def test_a_title_set_in_spaced_capitals_is_read_as_words():
    page = "S E R I O U S  C A S E  R E V I E W\nC H I L D  K\nTable 2: A B C"
    assert normalise_page(page).splitlines()[:2] == ["SERIOUS CASE REVIEW", "CHILD K"]
    # Numbers and lower-case letters one space apart are left as they are.
    assert normalise_page("1 2 3 4 5\na b c d") == "1 2 3 4 5\na b c d"
