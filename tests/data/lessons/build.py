"""Builds the lesson evaluation documents from their sources (one TOML file each, in this
folder) into real files at test time: PDFs laid out by reportlab (flowing text with real
line wrapping, or lines placed one by one), DOCX written with python-docx, HTML pages.

A source holds the document's text in a small markup and what a reader expects of it.
The builder returns the file, the plain text of every source block (paragraph, list item,
table row) in reading order, and the items marked `[L]` (a lesson) or `[R]` (a
recommendation) with the page their first line was drawn on, read from the layout.

Markup, one block per paragraph (blocks are separated by blank lines):

    # Title                  cover title (DOCX "Title", HTML h1)
    ## Heading               section heading (DOCX "Heading 1", HTML h2)
    ### Sub-heading          sub-heading (DOCX "Heading 2", HTML h3)
    plain text               a paragraph; its lines are joined
    - text                   a bullet; every "- " line starts a new one
    + text                   a numbered list item ("1." drawn in PDFs; automatic in DOCX/HTML)
    | a | b | c |            a table row; the first row of a table is its header
    [L] / [R]                at the start of a block (after "- " or "+ "): an expected item
    **bold**                 bold text
    safe~guarding            a place where the PDF layout may hyphenate the word
    %page                    a page break (PDF)
    %space 120               vertical space in points (PDF flow)

The "lines" layout draws each markup line as one line of the page, for exact control of
line ends: "%page" separates pages, a line ending in "~" is drawn with a hyphen that is
not part of the word ("safe~" + "guarding"), a line ending in "-" keeps its hyphen
("non-" + "mobile"), a page whose first line starts with ">> " continues the last block of
the page before, and "## " lines are drawn as bold headings.
"""

from __future__ import annotations

import html
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"^\[(L|R)\]\s*")
KINDS = {"L": "lesson", "R": "recommendation"}
BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    kind: str  # title, h1, h2, para, bullet, number, row, page, space
    text: str = ""
    mark: str | None = None  # "lesson" or "recommendation"
    number: int = 0  # position in a numbered list
    header_row: bool = False
    page: int = 0  # lines layout: the page of the block's first line
    last: int = 0  # lines layout: the page of its last line


@dataclass
class Expected:
    kind: str
    start: str  # the first words of the item, as plain text
    page: int
    last_page: int = 0  # the page of its last line


@dataclass
class Built:
    name: str
    data: bytes
    blocks: list[str]  # plain text of paragraphs, list items and table rows, in order
    headings: list[str]
    items: list[Expected] = field(default_factory=list)


def sources() -> list[Path]:
    return sorted(HERE.glob("*.toml"))


def load(path: Path) -> dict:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    spec.setdefault("name", path.stem)
    return spec


def plain(text: str) -> str:
    text = BOLD.sub(r"\1", text).replace("~", "")
    return " ".join(text.split())


# -- markup ---------------------------------------------------------------------------------


def parse(body: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    kind = "para"
    number = 0

    def flush() -> None:
        nonlocal kind
        if current:
            text = " ".join(line.strip() for line in current)
            mark = None
            found = MARK.match(text)
            if found:
                mark, text = KINDS[found.group(1)], text[found.end() :]
            blocks.append(Block(kind, text, mark, number if kind == "number" else 0))
            current.clear()
        kind = "para"

    for raw in body.splitlines():
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        if line.startswith("%"):
            flush()
            word, _, arg = line[1:].partition(" ")
            blocks.append(Block(word, arg.strip()))
            continue
        heading = re.match(r"^(#{1,3}) (.+)$", line)
        if heading:
            flush()
            level = len(heading.group(1))
            blocks.append(Block(("title", "h1", "h2")[level - 1], heading.group(2).strip()))
            continue
        if line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            first = not blocks or blocks[-1].kind != "row"
            text = " | ".join(cells)
            mark = None
            found = MARK.match(text)
            if found:
                mark, text = KINDS[found.group(1)], text[found.end() :]
            blocks.append(Block("row", text, mark, header_row=first))
            continue
        if line.startswith(("- ", "+ ")):
            flush()
            kind = "bullet" if line[0] == "-" else "number"
            number = number + 1 if kind == "number" else 0
            current.append(line[2:])
            continue
        if kind == "para" and not current:
            number = 0
        current.append(line)
    flush()
    return blocks


def block_text(block: Block, fmt: str) -> str:
    """The text a reader sees for a block in a format (PDFs draw list numbers; DOCX and
    HTML lists number themselves, so their text has none)."""
    text = plain(block.text)
    if block.kind == "number" and fmt == "pdf":
        return f"{block.number}. {text}"
    if block.kind == "row":
        return " ".join(c for c in text.split(" | ") if c)
    return text


def content_blocks(blocks: list[Block], fmt: str) -> tuple[list[str], list[str]]:
    texts = [block_text(b, fmt) for b in blocks if b.kind in ("para", "bullet", "number", "row")]
    headings = [plain(b.text) for b in blocks if b.kind in ("title", "h1", "h2")]
    return texts, headings


def build(spec: dict) -> Built:
    fmt = spec["format"]
    if fmt == "pdf" and spec.get("layout") == "lines":
        return _lines_pdf(spec)
    blocks = parse(spec["body"])
    texts, headings = content_blocks(blocks, fmt)
    if fmt == "pdf":
        data, pages = _flow_pdf(spec, blocks)
    elif fmt == "docx":
        data, pages = _docx(spec, blocks), {}
    elif fmt == "html":
        data, pages = _html(spec, blocks), {}
    else:
        raise ValueError(f"unknown format {fmt!r}")
    items = [
        Expected(b.mark, block_text(b, fmt)[:40], *pages.get(i, (1, 1)))
        for i, b in enumerate(blocks)
        if b.mark
    ]
    return Built(spec["name"], data, texts, headings, items)


# -- PDF: flowing text ----------------------------------------------------------------------


def _fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" in pdfmetrics.getRegisteredFontNames():
        return
    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    pdfmetrics.registerFont(TTFont("Vera", os.path.join(folder, "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("VeraBd", os.path.join(folder, "VeraBd.ttf")))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="VeraBd")


def _pdf_inline(text: str) -> str:
    text = html.escape(text, quote=False).replace("~", "\u00ad")
    return BOLD.sub(r"<b>\1</b>", text)


def _styles(spec: dict) -> dict:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    _fonts()
    body_font = spec.get("font", "Helvetica")
    bold_font = {"Vera": "VeraBd", "Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}[
        body_font
    ]
    size = float(spec.get("font_size", 10.5))
    colour = colors.HexColor(spec.get("colour", "#1f4e79"))
    body = ParagraphStyle(
        "body",
        fontName=body_font,
        fontSize=size,
        leading=size * 1.35,
        spaceAfter=size * 0.75,
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        hyphenationMinWordLength=4,
        alignment=4 if spec.get("justify") else 0,
    )
    panel = bool(spec.get("panels"))
    return {
        "title": ParagraphStyle(
            "title", fontName=bold_font, fontSize=24, leading=30, spaceAfter=14, textColor=colour
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName=bold_font,
            fontSize=14 if not panel else 12.5,
            leading=18,
            spaceBefore=10,
            spaceAfter=8,
            keepWithNext=1,
            textColor=colors.white if panel else colour,
            backColor=colour if panel else None,
            borderPadding=(4, 4, 4, 4) if panel else 0,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=bold_font,
            fontSize=size + 1,
            leading=size * 1.5,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),  # fmt: skip
        "para": body,
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=size * 0.4
        ),
        "number": ParagraphStyle(
            "number", parent=body, leftIndent=20, bulletIndent=2, spaceAfter=size * 0.4
        ),
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=size - 1.5, leading=size * 1.15, spaceAfter=0
        ),  # fmt: skip
        "head": ParagraphStyle(
            "head",
            parent=body,
            fontName=bold_font,
            fontSize=size - 1.5,
            leading=size * 1.15,
            spaceAfter=0,
        ),  # fmt: skip
        "running": (body_font, 8.5),
    }


def _flow_pdf(spec: dict, blocks: list[Block]) -> tuple[bytes, dict[int, tuple[int, int]]]:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    rl_config.invariant = 1
    st = _styles(spec)
    size = landscape(A4) if spec.get("landscape") else A4
    width, height = size
    margin = 56
    header = spec.get("header")
    header_from = int(spec.get("header_from", 1))
    footer = spec.get("footer")
    footer_from = int(spec.get("footer_from", 1))
    pages: dict[int, int] = {}
    last: dict[int, int] = {}

    def story() -> list:
        out: list = []
        rows: list[tuple[int, Block]] = []

        def table() -> None:
            if not rows:
                return
            cells = [
                [
                    Paragraph(
                        (f'<onDraw name="mark" label="{i}"/>' if b.mark and n == 0 else "")
                        + _pdf_inline(c),
                        st["head" if b.header_row else "cell"],
                    )
                    for n, c in enumerate(b.text.split(" | "))
                ]
                for i, b in rows
            ]
            columns = max(len(r) for r in cells)
            widths = spec.get("columns") or [(width - 2 * margin) / columns] * columns
            grid = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            out.extend([grid, Spacer(1, 10)])
            rows.clear()

        for i, block in enumerate(blocks):
            if block.kind == "row":
                rows.append((i, block))
                continue
            table()
            if block.kind == "page":
                out.append(PageBreak())
            elif block.kind == "space":
                out.append(Spacer(1, float(block.text)))
            else:
                text = _pdf_inline(block.text)
                if block.mark:
                    text = (
                        f'<onDraw name="mark" label="{i}"/>{text}<onDraw name="end" label="{i}"/>'
                    )
                bullet = {"bullet": "\u2022", "number": f"{block.number}."}.get(block.kind)
                out.append(Paragraph(text, st[block.kind], bulletText=bullet))
        table()
        return out

    def run(total: int) -> bytes:
        font, font_size = st["running"]

        def on_page(canv, doc):
            canv.saveState()
            canv.setFont(font, font_size)
            number = canv.getPageNumber()
            if header and number >= header_from:
                canv.drawString(margin, height - 36, header.format(page=number, pages=total))
            if footer and number >= footer_from:
                canv.drawCentredString(width / 2, 28, footer.format(page=number, pages=total))
            canv.restoreState()

        def maker(*args, **kwargs):
            canv = Canvas(*args, **kwargs)
            canv.setNamedCB(
                "mark", lambda c, _kind, label: pages.setdefault(int(label), c.getPageNumber())
            )
            canv.setNamedCB(
                "end", lambda c, _kind, label: last.__setitem__(int(label), c.getPageNumber())
            )
            return canv

        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=size,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=64,
            bottomMargin=56,
            title=spec.get("title", ""),
            author=spec.get("author", ""),
        )
        frame = Frame(margin, 56, width - 2 * margin, height - 120, id="body")
        doc.addPageTemplates([PageTemplate(id="all", frames=[frame], onPage=on_page)])
        pages.clear()
        last.clear()
        doc.build(story(), canvasmaker=maker)
        return buffer.getvalue()

    data = run(0)
    import pypdfium2 as pdfium

    total = len(pdfium.PdfDocument(data))
    data = run(total)
    return data, {i: (p, last.get(i, p)) for i, p in pages.items()}


# -- PDF: lines placed one by one -------------------------------------------------------------


def _lines_pdf(spec: dict) -> Built:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    rl_config.invariant = 1
    _fonts()
    body_font = spec.get("font", "Helvetica")
    bold_font = {"Vera": "VeraBd", "Helvetica": "Helvetica-Bold"}[body_font]
    size = float(spec.get("font_size", 10.5))
    width, height = A4
    raw_pages = [p.strip("\n") for p in re.split(r"^%page\s*$", spec["body"], flags=re.M)]
    total = len(raw_pages)
    header = spec.get("header")
    header_from = int(spec.get("header_from", 1))
    footer = spec.get("footer")
    footer_from = int(spec.get("footer_from", 1))

    blocks: list[Block] = []
    lines_of: list[list[str]] = []  # each block's raw lines
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=A4)
    canv.setTitle(spec.get("title", ""))
    for number, page in enumerate(raw_pages, start=1):
        if header and number >= header_from:
            canv.setFont(body_font, 8.5)
            canv.drawString(56, height - 36, header.format(page=number, pages=total))
        if footer and number >= footer_from:
            canv.setFont(body_font, 8.5)
            canv.drawCentredString(width / 2, 28, footer.format(page=number, pages=total))
        y = height - 72
        fresh = True  # the next line starts a block
        for index, raw in enumerate(page.splitlines()):
            line = raw.rstrip()
            if not line.strip():
                y -= size * 0.8
                fresh = True
                continue
            continued = index == 0 and line.startswith(">> ")
            line = line[3:] if continued else line
            heading = line.startswith("## ")
            bullet = line.startswith("- ")
            text = line[3:] if heading else line[2:] if bullet else line.strip()
            mark = None
            found = MARK.match(text)
            if found:
                mark, text = KINDS[found.group(1)], text[found.end() :]
            drawn = text[:-1] + "-" if text.endswith("~") else text
            drawn = BOLD.sub(r"\1", drawn)
            if heading:
                canv.setFont(bold_font, size + 2)
                canv.drawString(56, y, drawn)
                y -= size * 1.8
                blocks.append(Block("h1", text, page=number))
                lines_of.append([text])
                fresh = True
                continue
            canv.setFont(body_font, size)
            indent = 72 if bullet or (raw.startswith("  ") and not fresh) else 56
            if bullet:
                canv.drawString(60, y, "\u2022")
            canv.drawString(indent, y, drawn)
            y -= size * 1.4
            if continued:
                lines_of[-1].append(text)
                blocks[-1].last = number
            elif fresh or bullet:
                blocks.append(Block("bullet" if bullet else "para", "", mark, page=number))
                lines_of.append([text])
            else:
                lines_of[-1].append(text)
            fresh = False
        canv.showPage()
    canv.save()

    for block, lines in zip(blocks, lines_of, strict=True):
        joined = ""
        for line in lines:
            if joined.endswith("~"):
                joined = joined[:-1] + line
            elif joined.endswith("-") and not joined.endswith(" -"):
                joined += line
            else:
                joined = f"{joined} {line}" if joined else line
        block.text = joined
    texts = [plain(b.text) for b in blocks if b.kind != "h1"]
    headings = [plain(b.text) for b in blocks if b.kind == "h1"]
    items = [
        Expected(b.mark, plain(b.text)[:40], b.page, b.last or b.page) for b in blocks if b.mark
    ]
    return Built(spec["name"], buffer.getvalue(), texts, headings, items)


# -- DOCX and HTML ----------------------------------------------------------------------------


def _docx(spec: dict, blocks: list[Block]) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = spec.get("title", "")
    styles = {
        "title": "Title",
        "h1": "Heading 1",
        "h2": "Heading 2",
        "para": "Normal",
        "bullet": "List Bullet",
        "number": "List Number",
    }
    rows: list[Block] = []

    def table() -> None:
        if not rows:
            return
        cells = [r.text.split(" | ") for r in rows]
        grid = document.add_table(rows=len(cells), cols=max(len(r) for r in cells))
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                grid.cell(r, c).text = plain(value)
        rows.clear()

    for block in blocks:
        if block.kind == "row":
            rows.append(block)
            continue
        table()
        if block.kind in styles:
            paragraph = document.add_paragraph(style=styles[block.kind])
            for n, part in enumerate(BOLD.split(block.text.replace("~", ""))):
                if part:
                    paragraph.add_run(part).bold = n % 2 == 1
    table()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<div class="cookie-banner"><p>We use cookies to make this website work. Accept all cookies.</p>
</div>
<header><p>{board}</p><nav><ul><li><a href="/">Home</a></li><li><a href="/reviews">Case
reviews</a></li><li><a href="/training">Training</a></li></ul></nav></header>
<ul class="breadcrumbs"><li><a href="/">Home</a></li><li>Case reviews</li></ul>
<main>
{content}
</main>
<aside><h2>Related pages</h2><ul><li><a href="/reviews">All case reviews</a></li></ul></aside>
<footer><p>{board}. Registered office, 1 Example Street. Accessibility statement.</p></footer>
</body></html>
"""


def _html(spec: dict, blocks: list[Block]) -> bytes:
    out: list[str] = []
    open_list: str | None = None
    rows: list[Block] = []

    def inline(text: str) -> str:
        text = html.escape(text.replace("~", ""), quote=False)
        return BOLD.sub(r"<strong>\1</strong>", text)

    def close() -> None:
        nonlocal open_list
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None
        if rows:
            out.append("<table>")
            for r in rows:
                tag = "th" if r.header_row else "td"
                cells = "".join(f"<{tag}>{inline(c)}</{tag}>" for c in r.text.split(" | "))
                out.append(f"<tr>{cells}</tr>")
            out.append("</table>")
            rows.clear()

    for block in blocks:
        if block.kind == "row":
            if open_list:
                close()
            rows.append(block)
            continue
        if block.kind in ("bullet", "number"):
            tag = "ul" if block.kind == "bullet" else "ol"
            if open_list != tag:
                close()
                out.append(f"<{tag}>")
                open_list = tag
            out.append(f"<li>{inline(block.text)}</li>")
            continue
        close()
        if block.kind in ("title", "h1", "h2"):
            level = {"title": 1, "h1": 2, "h2": 3}[block.kind]
            out.append(f"<h{level}>{inline(block.text)}</h{level}>")
        elif block.kind == "para":
            out.append(f"<p>{inline(block.text)}</p>")
    close()
    page = HTML_PAGE.format(
        title=html.escape(spec.get("title", "")),
        board=html.escape(spec.get("board", "")),
        content="\n".join(out),
    )
    return page.encode("utf-8")
