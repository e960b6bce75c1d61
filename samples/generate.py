#!/usr/bin/env python3
"""Generate the bundled sample corpus: a fictional safeguarding boards' website.

Reads the hand-written sources in ``samples/sources/`` (one file per document, TOML
front matter plus a tiny markup, see ``samples/README.md``) and the site
configuration and page templates in ``samples/sources/site/``, and writes:

- ``samples/site/``: a static website (robots.txt, home pages, listing pages, PDF,
  DOCX and HTML documents);
- ``samples/manifest.json``: what the site holds, with the page on which each known
  phrase was laid out (recorded from reportlab's layout, not by re-reading the PDF).

Output is byte-identical from run to run. This script must not import the product
packages (harvester, index, search_app).

Usage: ``.venv/bin/python samples/generate.py [--out DIR]`` (default DIR: samples/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import posixpath
import re
import shutil
import sys
import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from reportlab import rl_config

rl_config.invariant = 1

import docx  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Pt, RGBColor  # noqa: E402
from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
SITE_CONF = SOURCES / "site"

# Theme ids fixed by DESIGN.md section 3.
THEME_IDS = (
    "neglect",
    "emotional-abuse",
    "physical-abuse",
    "non-mobile-bruising",
    "abusive-head-trauma",
    "safe-sleep",
    "infant-crying",
    "sexual-abuse",
    "sexual-exploitation",
    "criminal-exploitation",
    "online-abuse",
    "domestic-abuse",
    "parental-mental-health",
    "substance-misuse",
    "toxic-trio",
    "hidden-men",
    "voice-of-child",
    "professional-curiosity",
    "disguised-compliance",
    "information-sharing",
    "escalation",
    "thresholds",
    "assessment",
    "family-history",
    "drift-delay",
    "child-protection-planning",
    "early-help",
    "supervision",
    "record-keeping",
    "self-harm-suicide",
    "disability",
    "missing-education",
    "missing-from-home",
    "fabricated-illness",
    "culture-ethnicity",
    "fgm-honour",
    "radicalisation",
    "housing-poverty",
    "kinship-private-fostering",
    "looked-after",
    "pre-birth",
    "young-carers",
    "workforce-leadership",
)
DOC_TYPES = (
    "overview-report",
    "executive-summary",
    "learning-brief",
    "action-plan",
    "thematic-review",
    "other",
)
FORMATS = ("pdf", "docx", "html")
KINDS = ("lesson", "recommendation", "summary")
FORMAL_TYPES = ("overview-report", "executive-summary", "action-plan", "thematic-review")
MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


class SourceError(Exception):
    """A problem in a hand-written source file."""


# --------------------------------------------------------------------------- markup


@dataclass
class Block:
    kind: str  # h1 h2 p num bullet quote table pagebreak contents
    text: str = ""
    number: str = ""
    rows: list[list[str]] = field(default_factory=list)
    widths: list[int] | None = None
    h1: str = ""
    h2: str = ""
    known: list[str] = field(default_factory=list)
    cell_known: dict[tuple[int, int], list[str]] = field(default_factory=dict)

    @property
    def section(self) -> str:
        return self.h2 or self.h1


NUM_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s+(\S.*)$", re.S)
SEP_RE = re.compile(r"^:?-{2,}:?$")
TEXT_KINDS = ("p", "num", "bullet", "quote")


def plain(text: str) -> str:
    """Text as a reader sees it: markup removed, whitespace collapsed."""
    return " ".join(text.replace("**", "").split())


def parse_body(body: str) -> list[Block]:
    blocks: list[Block] = []
    lines: list[str] = []
    mode: str | None = None

    def flush() -> None:
        nonlocal lines, mode
        if mode == "p":
            text = " ".join(lines)
            m = NUM_RE.match(text)
            if m:
                blocks.append(Block("num", m.group(2), number=m.group(1)))
            else:
                blocks.append(Block("p", text))
        elif mode == "bullet":
            blocks.append(Block("bullet", " ".join(lines)))
        elif mode == "quote":
            blocks.append(Block("quote", " ".join(lines)))
        elif mode == "table":
            rows: list[list[str]] = []
            widths = None
            for row in lines:
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                if all(SEP_RE.match(c) for c in cells):
                    widths = [len(c.strip(":")) for c in cells]
                else:
                    rows.append(cells)
            blocks.append(Block("table", rows=rows, widths=widths))
        lines, mode = [], None

    for raw in body.splitlines():
        line = raw.rstrip()
        s = line.strip()
        if not s:
            flush()
        elif line.startswith("# "):
            flush()
            blocks.append(Block("h1", s[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(Block("h2", s[3:].strip()))
        elif s == "[[pagebreak]]":
            flush()
            blocks.append(Block("pagebreak"))
        elif s == "[[contents]]":
            flush()
            blocks.append(Block("contents"))
        elif line.startswith("- "):
            flush()
            mode, lines = "bullet", [s[2:].strip()]
        elif line.startswith("|"):
            if mode != "table":
                flush()
                mode = "table"
            lines.append(s)
        elif line.startswith(">"):
            if mode != "quote":
                flush()
                mode = "quote"
            lines.append(s[1:].strip())
        else:
            if mode in (None, "table"):
                flush()
                mode = "p"
            lines.append(s)
    flush()

    h1 = h2 = ""
    for b in blocks:
        if b.kind == "h1":
            h1, h2 = b.text, ""
        elif b.kind == "h2":
            h2 = b.text
        else:
            b.h1, b.h2 = h1, h2
    return blocks


def inline_pdf(text: str) -> str:
    out = html.escape(text, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)


def inline_html(text: str) -> str:
    out = html.escape(text, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)


LESSON_WORDS = (
    "lesson",
    "learn",
    "finding",
    "key message",
    "what you should do",
    "what should you do",
    "question",
    "why it matters",
    "practice point",
    "analysis",
    "research",
    "conclusion",
)
SUMMARY_WORDS = (
    "summary",
    "what happened",
    "background",
    "case",
    "family",
    "introduction",
    "chronology",
    "episode",
    "information",
    "about",
)


def infer_kind(block: Block) -> str:
    first = plain(block.text).lower()
    chain = f"{block.h1} / {block.h2}".lower()
    if first.startswith("recommendation") or "recommend" in chain:
        return "recommendation"
    if first.startswith(("lesson", "finding", "learning point")):
        return "lesson"
    if any(w in chain for w in LESSON_WORDS):
        return "lesson"
    if any(w in chain for w in SUMMARY_WORDS):
        return "summary"
    return "lesson"


# --------------------------------------------------------------------------- sources


@dataclass
class Source:
    file: Path
    meta: dict
    blocks: list[Block]
    known: list[dict]  # phrase, kind (section filled from the block)

    @property
    def output(self) -> str:
        return self.meta["output"]


def read_source(path: Path, boards: dict) -> Source:
    text = path.read_text(encoding="utf-8")
    parts = text.split("+++\n", 2)
    if len(parts) != 3 or parts[0].strip():
        raise SourceError(f"{path}: must start with +++ front matter +++")
    try:
        meta = tomllib.loads(parts[1])
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path}: front matter: {exc}") from exc
    required = ("board", "case", "year", "published", "doc_type", "format", "output")
    required += ("title", "themes", "known", "listing")
    for key in required:
        if key not in meta:
            raise SourceError(f"{path}: front matter lacks {key!r}")
    if meta["board"] not in boards:
        raise SourceError(f"{path}: unknown board {meta['board']!r}")
    if meta["doc_type"] not in DOC_TYPES:
        raise SourceError(f"{path}: bad doc_type {meta['doc_type']!r}")
    if meta["format"] not in FORMATS or not meta["output"].endswith("." + meta["format"]):
        raise SourceError(f"{path}: format and output extension disagree")
    if not meta["output"].startswith(boards[meta["board"]]["key"] + "/"):
        raise SourceError(f"{path}: output must be under the board's prefix")
    for theme in meta["themes"]:
        if theme not in THEME_IDS:
            raise SourceError(f"{path}: unknown theme {theme!r}")
    blocks = parse_body(parts[2])
    known = []
    for item in meta["known"]:
        entry = {"phrase": item} if isinstance(item, str) else dict(item)
        phrase = " ".join(entry["phrase"].split())
        if not 5 <= len(phrase.split()) <= 10:
            raise SourceError(f"{path}: known phrase must be 5-10 words: {phrase!r}")
        hits = [(b, None) for b in blocks if b.kind in TEXT_KINDS and phrase in plain(b.text)]
        for b in blocks:
            if b.kind == "table":
                for r, row in enumerate(b.rows):
                    hits += [(b, (r, c)) for c, cell in enumerate(row) if phrase in plain(cell)]
        if len(hits) != 1:
            raise SourceError(f"{path}: known phrase found in {len(hits)} blocks: {phrase!r}")
        block, cell = hits[0]
        if cell is None:
            block.known.append(phrase)
        else:
            block.cell_known.setdefault(cell, []).append(phrase)
        kind = entry.get("kind") or infer_kind(block)
        if kind not in KINDS:
            raise SourceError(f"{path}: bad kind {kind!r}")
        known.append({"phrase": phrase, "section": block.section, "kind": kind})
    return Source(path, meta, blocks, known)


def doc_date(meta: dict) -> dt.date:
    """The document's own (fixed) date: ``doc_date`` or one read from ``published``."""
    if "doc_date" in meta:
        d = dt.date.fromisoformat(meta["doc_date"])
    else:
        words = re.findall(r"[A-Za-z]+|\d+", meta["published"])
        month, day = 1, 1
        for w in words:
            if w.lower() in MONTHS:
                month = MONTHS[w.lower()]
        nums = [int(w) for w in words if w.isdigit()]
        if len(nums) == 3 and not any(w.lower() in MONTHS for w in words):
            day, month = nums[0], nums[1]  # 13.03.18, 14/06/2022
        elif nums and nums[0] <= 31 and len(nums) > 1:
            day = nums[0]
        d = dt.date(meta["year"], month, day)
    return d


def pdf_date(meta: dict) -> str:
    return f"D:{doc_date(meta):%Y%m%d}093000+00'00'"


# --------------------------------------------------------------------------- PDF

PAGE_W, PAGE_H = A4
MARGIN_X = 24 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 24 * mm
RAG_COLOURS = {
    "red": colors.HexColor("#f4b6b6"),
    "amber": colors.HexColor("#fbd99a"),
    "green": colors.HexColor("#b9e0b0"),
    "blue": colors.HexColor("#b7d3f2"),
    "complete": colors.HexColor("#b7d3f2"),
}


class KnownParagraph(Paragraph):
    """A paragraph holding known phrases: never split, so its page is certain.

    Top-level paragraphs are recorded by ``SampleDoc.afterFlowable``; paragraphs nested
    in a table cell are recorded when they are drawn, from the canvas page number.
    """

    def __init__(self, text, style, *, known: list[str], tracker: dict, **kwargs):
        super().__init__(text, style, **kwargs)
        self._known = list(known)
        self._tracker = tracker

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        return []

    def draw(self):
        super().draw()
        for phrase in self._known:
            self._tracker.setdefault(phrase, self.canv.getPageNumber())


class SampleDoc(BaseDocTemplate):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_pages: dict[str, int] = {}
        self.heading_pages: dict[str, int] = {}

    def afterFlowable(self, flowable):  # noqa: N802 - reportlab hook
        toc = getattr(flowable, "_toc_text", None)
        if toc and toc not in self.heading_pages:
            self.heading_pages[toc] = self.page
        for phrase in getattr(flowable, "_known", ()):
            self.known_pages[phrase] = self.page


def make_styles(board: dict) -> dict[str, ParagraphStyle]:
    colour = colors.HexColor(board["colour"])
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=15, spaceAfter=7)
    return {
        "body": body,
        "num": ParagraphStyle(
            "num", parent=body, leftIndent=13 * mm, bulletIndent=0, bulletFontName="Helvetica"
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=7 * mm, bulletIndent=2 * mm, spaceAfter=4
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=14,
            leading=18,
            textColor=colour,
            spaceBefore=12,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=11.5,
            leading=15,
            textColor=colour,
            spaceBefore=8,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0, splitLongWords=0
        ),
        "cellhead": ParagraphStyle(
            "cellhead",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=8.5,
            leading=10.5,
            spaceAfter=0,
            textColor=colors.white,
            splitLongWords=0,
        ),
        "quote": ParagraphStyle("quote", parent=body, fontName="Helvetica-Oblique", spaceAfter=0),
        "cover_kind": ParagraphStyle(
            "cover_kind", parent=body, fontSize=15, leading=20, textColor=colour, spaceAfter=10
        ),
        "cover_title": ParagraphStyle(
            "cover_title",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=24,
            leading=30,
            textColor=colour,
            spaceAfter=14,
        ),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=13, leading=18),
        "cover_small": ParagraphStyle(
            "cover_small",
            parent=body,
            fontSize=10,
            leading=14,
            textColor=colors.HexColor("#444444"),
        ),
        "leaf_title": ParagraphStyle(
            "leaf_title",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=18,
            leading=23,
            textColor=colour,
            spaceAfter=4,
        ),
        "leaf_sub": ParagraphStyle(
            "leaf_sub", parent=body, fontSize=10, leading=13, textColor=colors.HexColor("#555555")
        ),
        "panel_head": ParagraphStyle(
            "panel_head",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=12,
            leading=15,
            spaceAfter=0,
            textColor=colors.white,
        ),
        "toc": ParagraphStyle("toc", parent=body, spaceAfter=0),
        "toc_page": ParagraphStyle("toc_page", parent=body, spaceAfter=0, alignment=2),
        "centre": ParagraphStyle("centre", parent=body, alignment=TA_CENTER),
    }


def block_flowables(
    block: Block, st: dict, board: dict, toc_pages: dict | None, tracker: dict
) -> list:
    colour = colors.HexColor(board["colour"])
    light = colors.HexColor(board["light"])
    k = block.kind
    if k == "h1":
        p = Paragraph(inline_pdf(block.text), st["h1"])
        p._toc_text = plain(block.text)
        return [p]
    if k == "h2":
        return [Paragraph(inline_pdf(block.text), st["h2"])]
    if k == "pagebreak":
        return [PageBreak()]
    if k == "contents":
        rows = [[Paragraph("<b>Contents</b>", st["toc"]), Paragraph("<b>Page</b>", st["toc_page"])]]
        for title in toc_pages or {}:
            page = (toc_pages or {}).get(title) or ""
            rows.append(
                [Paragraph(inline_pdf(title), st["toc"]), Paragraph(str(page), st["toc_page"])]
            )
        t = Table(rows, colWidths=[PAGE_W - 2 * MARGIN_X - 20 * mm, 20 * mm])
        t.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return [t, PageBreak()]
    if k == "table":
        avail = PAGE_W - 2 * MARGIN_X
        ncols = max(len(r) for r in block.rows)
        widths = block.widths or [1] * ncols
        total = sum(widths)
        col_w = [avail * w / total for w in widths]
        data = []
        style = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
            ("BACKGROUND", (0, 0), (-1, 0), colour),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        for r, row in enumerate(block.rows):
            cells = []
            for c, cell in enumerate(row + [""] * (ncols - len(row))):
                cst = st["cellhead" if r == 0 else "cell"]
                known = block.cell_known.get((r, c))
                if known:
                    cells.append(
                        KnownParagraph(inline_pdf(cell), cst, known=known, tracker=tracker)
                    )
                else:
                    cells.append(Paragraph(inline_pdf(cell), cst))
                rag = RAG_COLOURS.get(plain(cell).lower())
                if r and rag is not None:
                    style.append(("BACKGROUND", (c, r), (c, r), rag))
            data.append(cells)
        t = Table(data, colWidths=col_w, repeatRows=1)
        t.setStyle(TableStyle(style))
        return [t, Spacer(1, 8)]
    if k == "quote":
        inner = KnownParagraph(
            inline_pdf(block.text), st["quote"], known=block.known, tracker=tracker
        )
        t = Table([[inner]], colWidths=[PAGE_W - 2 * MARGIN_X])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), light),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
                ]
            )
        )
        t._known = list(block.known)
        return [t, Spacer(1, 8)]
    style = st[k] if k in ("num", "bullet") else st["body"]
    extra = {"bulletText": block.number if k == "num" else "\u2022"} if k != "p" else {}
    if block.known:
        p = KnownParagraph(
            inline_pdf(block.text), style, known=block.known, tracker=tracker, **extra
        )
    else:
        p = Paragraph(inline_pdf(block.text), style, **extra)
    return [p]


def panel_flowables(blocks: list[Block], st: dict, board: dict, tracker: dict) -> list:
    """The "7 minute briefing" layout: each top-level section is a boxed panel."""
    colour = colors.HexColor(board["colour"])
    light = colors.HexColor(board["light"])
    out: list = []
    panels: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for b in blocks:
        if b.kind == "h1":
            panels.append((b, []))
        else:
            panels[-1][1].append(b)
    width = PAGE_W - 2 * MARGIN_X
    for heading, body in panels:
        content: list = []
        for b in body:
            content += block_flowables(b, st, board, None, tracker)
        if heading is None:
            out += content
            continue
        title = Paragraph(inline_pdf(heading.text), st["panel_head"])
        t = Table([[title], [content]], colWidths=[width])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colour),
                    ("BACKGROUND", (0, 1), (-1, 1), light),
                    ("BOX", (0, 0), (-1, -1), 0.6, colour),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
                    ("TOPPADDING", (0, 1), (-1, 1), 6),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 2),
                ]
            )
        )
        out += [KeepTogether([t]), Spacer(1, 7)]
    return out


def header_text(src: Source, board: dict) -> str:
    meta = src.meta
    if "header" in meta:
        return meta["header"]
    review = meta.get("review") or board["review"]
    return f"{board['short']} - {review} {meta['case']} - OFFICIAL"


def build_pdf(src: Source, boards: dict) -> tuple[bytes, int, dict[str, int]]:
    meta = src.meta
    board = boards[meta["board"]]
    st = make_styles(board)
    colour = colors.HexColor(board["colour"])
    accent = colors.HexColor(board["accent"])
    formal = meta["doc_type"] in FORMAL_TYPES
    label = meta.get("label") or board["review"]
    header = header_text(src, board)
    date_string = pdf_date(meta)

    def maker(*args, **kwargs):
        canv = Canvas(*args, **kwargs)
        canv.setDateFormatter(lambda *_: date_string)
        return canv

    def footer(canv, doc, total):
        canv.saveState()
        canv.setFont("Helvetica", 8.5)
        canv.setFillColor(colors.HexColor("#444444"))
        canv.drawCentredString(PAGE_W / 2, 12 * mm, f"Page {doc.page} of {total}")
        canv.restoreState()

    def run(total: int, toc_pages: dict | None) -> SampleDoc:
        def on_body(canv, doc):
            canv.saveState()
            canv.setFont("Helvetica", 8.5)
            canv.setFillColor(colors.HexColor("#444444"))
            canv.drawString(MARGIN_X, PAGE_H - 14 * mm, header)
            canv.setStrokeColor(accent)
            canv.setLineWidth(0.8)
            canv.line(MARGIN_X, PAGE_H - 16 * mm, PAGE_W - MARGIN_X, PAGE_H - 16 * mm)
            canv.restoreState()
            footer(canv, doc, total)

        def on_cover(canv, doc):
            canv.saveState()
            canv.setFillColor(colour)
            canv.rect(0, PAGE_H - 62 * mm, PAGE_W, 62 * mm, stroke=0, fill=1)
            canv.setFillColor(accent)
            canv.rect(0, PAGE_H - 65 * mm, PAGE_W, 3 * mm, stroke=0, fill=1)
            canv.setFillColor(colors.white)
            canv.setFont("Helvetica-Bold", 19)
            y = PAGE_H - 30 * mm
            for line in board["logo_lines"]:
                canv.drawString(MARGIN_X, y, line)
                y -= 8 * mm
            canv.setFont("Helvetica", 9)
            canv.setFillColor(colors.HexColor("#555555"))
            canv.drawString(MARGIN_X, 14 * mm, meta.get("cover_footer", "OFFICIAL"))
            canv.restoreState()

        def on_first(canv, doc):
            canv.saveState()
            canv.setFillColor(colour)
            canv.rect(0, PAGE_H - 30 * mm, PAGE_W, 30 * mm, stroke=0, fill=1)
            canv.setFillColor(accent)
            canv.rect(0, PAGE_H - 32 * mm, PAGE_W, 2 * mm, stroke=0, fill=1)
            canv.setFillColor(colors.white)
            canv.setFont("Helvetica-Bold", 13)
            canv.drawString(MARGIN_X, PAGE_H - 14 * mm, meta["board"])
            canv.setFont("Helvetica", 11)
            canv.drawString(MARGIN_X, PAGE_H - 22 * mm, label)
            canv.restoreState()
            footer(canv, doc, total)

        buf = io.BytesIO()
        frame_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
        body_frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, PAGE_W - 2 * MARGIN_X, frame_h, id="body", leftPadding=0,
            rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        cover_frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, PAGE_W - 2 * MARGIN_X, PAGE_H - 80 * mm - MARGIN_BOTTOM,
            id="cover", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        first_frame = Frame(
            MARGIN_X, MARGIN_BOTTOM, PAGE_W - 2 * MARGIN_X, PAGE_H - 40 * mm - MARGIN_BOTTOM,
            id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        templates = [PageTemplate("body", [body_frame], onPage=on_body)]
        if formal:
            templates.insert(0, PageTemplate("cover", [cover_frame], onPage=on_cover))
        else:
            templates.insert(0, PageTemplate("first", [first_frame], onPage=on_first))
        doc = SampleDoc(
            buf,
            pagesize=A4,
            pageTemplates=templates,
            title=meta["title"],
            author=meta.get("author") or meta["board"],
            subject=f"{meta['case']} - {meta['doc_type']}",
            creator=f"{board['short']} (fictional sample corpus)",
            keywords=", ".join(meta["themes"]),
            invariant=1,
        )
        story: list = []
        if formal:
            story += [
                Spacer(1, 18 * mm),
                Paragraph(inline_pdf(label), st["cover_kind"]),
                Paragraph(inline_pdf(meta.get("cover_title", meta["title"])), st["cover_title"]),
            ]
            if meta.get("subtitle"):
                story.append(Paragraph(inline_pdf(meta["subtitle"]), st["cover_sub"]))
            story.append(Spacer(1, 30 * mm))
            if meta.get("author"):
                role = meta.get("author_role", "Independent author")
                story.append(Paragraph(f"{role}: {inline_pdf(meta['author'])}", st["cover_sub"]))
                story.append(Spacer(1, 4 * mm))
            cover_date = meta.get("cover_date") or f"Date of publication: {meta['published']}"
            story.append(Paragraph(inline_pdf(cover_date), st["cover_sub"]))
            for line in meta.get("cover_notes", []):
                story += [Spacer(1, 6 * mm), Paragraph(inline_pdf(line), st["cover_small"])]
            story += [NextPageTemplate("body"), PageBreak()]
        else:
            story += [
                NextPageTemplate("body"),
                Paragraph(inline_pdf(meta["title"]), st["leaf_title"]),
            ]
            if meta.get("subtitle"):
                story.append(Paragraph(inline_pdf(meta["subtitle"]), st["leaf_sub"]))
            story.append(Spacer(1, 5 * mm))
        tracker: dict[str, int] = {}
        if meta.get("layout") == "panels":
            story += panel_flowables(src.blocks, st, board, tracker)
        else:
            for block in src.blocks:
                story += block_flowables(block, st, board, toc_pages, tracker)
        doc.build(story, canvasmaker=maker)
        doc._bytes = buf.getvalue()
        for phrase, page in tracker.items():
            if doc.known_pages.setdefault(phrase, page) != page:
                raise SourceError(f"{src.file}: page of {phrase!r} recorded twice differently")
        return doc

    has_toc = any(b.kind == "contents" for b in src.blocks)
    h1_titles = {plain(b.text): None for b in src.blocks if b.kind == "h1"} if has_toc else None
    doc = run(99, h1_titles)
    for _ in range(4):
        total, toc = doc.page, dict(doc.heading_pages) if has_toc else None
        prev_known = doc.known_pages
        doc = run(total, toc)
        settled = doc.page == total and doc.known_pages == prev_known
        if settled and (not has_toc or doc.heading_pages == toc):
            break
    else:
        raise SourceError(f"{src.file}: layout did not settle")
    return doc._bytes, doc.page, doc.known_pages


# --------------------------------------------------------------------------- DOCX


def build_docx(src: Source, boards: dict) -> bytes:
    meta = src.meta
    board = boards[meta["board"]]
    colour = RGBColor.from_string(board["colour"].lstrip("#"))
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = header_text(src, board)
    foot = section.footer.paragraphs[0]
    foot.text = f"{meta['board']} - {meta['published']}"
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER

    p = d.add_paragraph()
    run = p.add_run(meta["board"])
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = colour
    d.add_paragraph(meta.get("label", ""), style="Subtitle")
    d.add_paragraph(meta["title"], style="Title")
    if meta.get("subtitle"):
        d.add_paragraph(meta["subtitle"])

    def add_runs(par, text):
        for i, piece in enumerate(re.split(r"\*\*", text)):
            if piece:
                par.add_run(piece).bold = i % 2 == 1

    for b in src.blocks:
        if b.kind == "h1":
            d.add_heading(plain(b.text), level=1)
        elif b.kind == "h2":
            d.add_heading(plain(b.text), level=2)
        elif b.kind == "p":
            add_runs(d.add_paragraph(), b.text)
        elif b.kind == "num":
            add_runs(d.add_paragraph(), f"{b.number} {b.text}")
        elif b.kind == "bullet":
            add_runs(d.add_paragraph(style="List Bullet"), b.text)
        elif b.kind == "quote":
            add_runs(d.add_paragraph(style="Intense Quote"), b.text)
        elif b.kind == "pagebreak":
            d.add_page_break()
        elif b.kind == "table":
            ncols = max(len(r) for r in b.rows)
            table = d.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                cells = table.add_row().cells
                for c, text in enumerate(row):
                    cells[c].text = ""
                    par = cells[c].paragraphs[0]
                    add_runs(par, f"**{text}**" if r == 0 and text else text)

    d0 = doc_date(meta)
    stamp = dt.datetime(d0.year, d0.month, d0.day, 9, 30, tzinfo=dt.UTC)
    cp = d.core_properties
    cp.author = meta.get("author") or meta["board"]
    cp.title = meta["title"]
    cp.subject = f"{meta['case']} - {meta['doc_type']}"
    cp.keywords = ", ".join(meta["themes"])
    cp.last_modified_by = board["short"]
    cp.comments = "Fictional sample document"
    cp.category = meta["doc_type"]
    cp.revision = 1
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp

    raw = io.BytesIO()
    d.save(raw)
    return rezip(raw.getvalue(), stamp.timetuple()[:6])


def rezip(data: bytes, date_time: tuple) -> bytes:
    """Rewrite a zip with fixed member timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 3
            zout.writestr(fixed, zin.read(info.filename), compresslevel=6)
    return out.getvalue()


# --------------------------------------------------------------------------- HTML


def blocks_html(blocks: list[Block]) -> str:
    out: list[str] = []
    in_list = False
    for b in blocks:
        if b.kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        if b.kind == "h1":
            out.append(f"<h2>{inline_html(b.text)}</h2>")
        elif b.kind == "h2":
            out.append(f"<h3>{inline_html(b.text)}</h3>")
        elif b.kind == "p":
            out.append(f"<p>{inline_html(b.text)}</p>")
        elif b.kind == "num":
            out.append(f'<p><span class="para-no">{b.number}</span> {inline_html(b.text)}</p>')
        elif b.kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"  <li>{inline_html(b.text)}</li>")
        elif b.kind == "quote":
            out.append(f'<aside class="callout"><p>{inline_html(b.text)}</p></aside>')
        elif b.kind == "table":
            rows = []
            for r, row in enumerate(b.rows):
                tag = "th" if r == 0 else "td"
                cells = "".join(f"<{tag}>{inline_html(c)}</{tag}>" for c in row)
                rows.append(f"<tr>{cells}</tr>")
            out.append('<table class="data">\n' + "\n".join(rows) + "\n</table>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def fill(template: str, values: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1).strip()
        if key not in values:
            raise SourceError(f"template placeholder {{{{{key}}}}} has no value")
        return values[key]

    return re.sub(r"\{\{([^{}]+)\}\}", sub, template)


def build_html(src: Source, boards: dict, conf: dict) -> bytes:
    meta = src.meta
    template = (SITE_CONF / "templates" / meta["template"]).read_text(encoding="utf-8")
    values = {
        "title": html.escape(meta["title"]),
        "board": html.escape(meta["board"]),
        "published": html.escape(meta["published"]),
        "subtitle": html.escape(meta.get("subtitle", "")),
        "label": html.escape(meta.get("label", "")),
        "body": blocks_html(src.blocks),
    }
    return fill(template, values).encode("utf-8")


# --------------------------------------------------------------------------- site


def human_size(n: int) -> str:
    kb = max(1, round(n / 1024))
    return f"{kb / 1024:.1f}MB" if kb >= 1024 else f"{kb}KB"


def href_for(doc_path: str, page_path: str, mode: str) -> str:
    if mode == "absolute":
        return "/" + quote(doc_path, safe="/")
    rel = posixpath.relpath(doc_path, posixpath.dirname(page_path) or ".")
    return quote(rel, safe="/.")


def render_entries(style: str, entries: list[Source], page_path: str, sizes: dict) -> str:
    out = []
    for src in entries:
        lst = src.meta["listing"]
        href = href_for(src.output, page_path, lst.get("href", "relative"))
        fmt = src.meta["format"].upper()
        meta_txt = "web page" if fmt == "HTML" else f"{fmt}, {human_size(sizes[src.output])}"
        link = html.escape(lst["link"])
        note = lst.get("note")
        if style == "fenmarsh-list":
            out.append('<div class="document-entry">')
            out.append(
                f'  <p class="document-entry__link"><a href="{href}">{link}</a>'
                f' <span class="file-meta">({meta_txt})</span></p>'
            )
            if note:
                out.append(f'  <p class="document-entry__summary">{html.escape(note)}</p>')
            out.append("</div>")
        elif style == "fenmarsh-briefings":
            out.append(f'<li><a href="{href}">{link}</a> ({meta_txt})')
            if note:
                out.append(f"  <br>{html.escape(note)}")
            out.append("</li>")
        else:
            note_html = f" &ndash; {html.escape(note)}" if note else ""
            size = f'<span class="size">{meta_txt}</span>'
            out.append(f'<li><a href="{href}">{link}</a>{note_html} {size}</li>')
    return "\n".join(out)


def render_groups(style: str, groups: list[dict], by_group: dict, page_path: str, sizes) -> str:
    out = []
    for g in groups:
        docs = render_entries("plain", by_group.get(g["id"], []), page_path, sizes)
        if style == "oakbridge-cards":
            out.append(f'<li class="card" id="{g["id"]}">')
            out.append(f'  <h3 class="card__title">{html.escape(g["heading"])}</h3>')
            out.append(
                f'  <p class="card__meta"><span class="tag">{html.escape(g["kind"])}</span>'
                f" {html.escape(g['date'])}</p>"
            )
            out.append(f'  <p class="card__summary">{html.escape(g["summary"])}</p>')
            out.append('  <ul class="card__documents">\n' + docs + "\n  </ul>")
            out.append("</li>")
        elif style == "oakbridge-table":
            out.append("<tr>")
            out.append(f"  <td><strong>{html.escape(g['heading'])}</strong><br>")
            out.append(f"  <small>{html.escape(g['summary'])}</small></td>")
            out.append(f"  <td>{html.escape(g['kind'])}</td>")
            out.append(f"  <td>{html.escape(g['date'])}</td>")
            out.append("  <td><ul>\n" + docs + "\n  </ul></td>")
            out.append("</tr>")
        else:
            raise SourceError(f"unknown group style {style!r}")
    return "\n".join(out)


def build_pages(conf: dict, sources: list[Source], sizes: dict) -> dict[str, bytes]:
    pages = {}
    page_paths = {p["path"] for p in conf["pages"]}
    for src in sources:
        if src.meta["listing"]["page"] not in page_paths:
            raise SourceError(f"{src.file}: listing page {src.meta['listing']['page']} unknown")
    for page in conf["pages"]:
        path = page["path"]
        tmpl_dir = SITE_CONF / "templates"
        content = (tmpl_dir / page["template"]).read_text(encoding="utf-8")
        mine = [s for s in sources if s.meta["listing"]["page"] == path]
        mine.sort(key=lambda s: (s.meta["listing"].get("order", 0), -s.meta["year"], s.output))
        values: dict[str, str] = {}
        for m in re.finditer(r"\{\{entries:([^{}]+)\}\}", content):
            name = m.group(1)
            chosen = [s for s in mine if s.meta["listing"].get("section") == name]
            if not chosen:
                raise SourceError(f"{path}: section {name!r} has no documents")
            values[m.group(0)[2:-2]] = render_entries(page["style"], chosen, path, sizes)
        if "{{groups}}" in content:
            groups = [g for g in conf.get("groups", []) if g["page"] == path]
            by_group: dict[str, list[Source]] = {}
            for s in mine:
                by_group.setdefault(s.meta["listing"]["group"], []).append(s)
            unknown = set(by_group) - {g["id"] for g in groups}
            if unknown:
                raise SourceError(f"{path}: unknown groups {sorted(unknown)}")
            values["groups"] = render_groups(page["style"], groups, by_group, path, sizes)
        placed = set()
        for key in values:
            if key.startswith("entries:"):
                placed.update(id(s) for s in mine if s.meta["listing"].get("section") == key[8:])
        if "groups" in values:
            placed.update(id(s) for s in mine)
        missing = [s.output for s in mine if id(s) not in placed]
        if missing:
            raise SourceError(f"{path}: documents not placed on the page: {missing}")
        content = fill(content, values)
        if page.get("layout"):
            layout = (tmpl_dir / page["layout"]).read_text(encoding="utf-8")
            content = fill(
                layout, {"title": html.escape(page["title"]), "content": content.rstrip("\n")}
            )
        pages[path] = content.encode("utf-8")
    return pages


# --------------------------------------------------------------------------- main


def load_sources(boards: dict) -> list[Source]:
    files = sorted(p for p in SOURCES.rglob("*.md") if SITE_CONF not in p.parents)
    sources = [read_source(p, boards) for p in files]
    seen: dict[str, Path] = {}
    for s in sources:
        if s.output in seen:
            raise SourceError(f"{s.file}: output {s.output} also written by {seen[s.output]}")
        seen[s.output] = s.file
    return sources


def generate(out_dir: Path) -> dict:
    conf = tomllib.loads((SITE_CONF / "site.toml").read_text(encoding="utf-8"))
    boards = conf["boards"]
    sources = load_sources(boards)
    files: dict[str, bytes] = {"robots.txt": (SITE_CONF / "robots.txt").read_bytes()}
    static = SITE_CONF / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file():
            files[path.relative_to(static).as_posix()] = path.read_bytes()
    docs = []
    for src in sources:
        meta = src.meta
        fmt = meta["format"]
        known_pages: dict[str, int] = {}
        if fmt == "pdf":
            data, pages, known_pages = build_pdf(src, boards)
        elif fmt == "docx":
            data, pages = build_docx(src, boards), 1
        else:
            data, pages = build_html(src, boards, conf), 1
        files[src.output] = data
        known = []
        for k in src.known:
            page = known_pages.get(k["phrase"], 1) if fmt == "pdf" else 1
            if fmt == "pdf" and k["phrase"] not in known_pages:
                raise SourceError(f"{src.file}: no page recorded for {k['phrase']!r}")
            known.append(
                {"phrase": k["phrase"], "page": page, **{x: k[x] for x in ("section", "kind")}}
            )
        docs.append(
            {
                "path": src.output,
                "board": meta["board"],
                "case": meta["case"],
                "year": meta["year"],
                "published": meta["published"],
                "doc_type": meta["doc_type"],
                "format": fmt,
                "title": meta["title"],
                "pages": pages,
                "themes": list(meta["themes"]),
                "known": known,
            }
        )
    sizes = {p: len(b) for p, b in files.items()}
    files.update(build_pages(conf, sources, sizes))
    listings = [posixpath.dirname(p["path"]) + "/" for p in conf["pages"] if p.get("listing")]
    manifest = {
        "description": "Fictional sample corpus generated by samples/generate.py; "
        "paths are relative to the site root (samples/site/).",
        "documents": sorted(docs, key=lambda d: d["path"]),
        "listings": listings,
    }

    site = out_dir / "site"
    if site.exists():
        shutil.rmtree(site)
    for rel, data in sorted(files.items()):
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (site/ and manifest.json)"
    )
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.out)
    except SourceError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 1
    n = len(manifest["documents"])
    print(f"wrote {n} documents and {len(manifest['listings'])} listing pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
