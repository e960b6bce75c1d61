"""Segmentation: text by page -> sections -> items (lessons, recommendations, summaries,
passages), each with its section heading, page number and reading order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

LESSON_HEADING = re.compile(
    r"lessons?\s+(learn|identified|for)|learning\s+points?|key\s+learning|\blearning\b|"
    r"findings?|what\s+we\s+(learn|found)|analysis\s+and\s+lessons|key\s+messages|"
    r"what\s+needs\s+to\s+change|questions\s+(for|to\s+ask|to\s+consider)|reflective\s+questions|"
    r"what\s+(should|can|do)\s+(you|practitioners|professionals)|practice\s+points|"
    r"why\s+it\s+matters|implications\s+for\s+practice|good\s+practice",
    re.I,
)
RECOMMENDATION_HEADING = re.compile(r"recommendations?|what\s+the\s+board\s+(will|should)", re.I)
SUMMARY_HEADING = re.compile(
    r"summary|background|what\s+happened|the\s+case|family\s+(background|composition)|"
    r"circumstances|about\s+the\s+(child|family)",
    re.I,
)
ITEM_START = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s|"  # 4.12 / 4.12.1
    r"(?:lesson|learning point|finding|recommendation|key learning|question)\s*\d+\s*[:.)-]|"
    r"[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s)",
    re.I,
)
HEADING_NUMBER = re.compile(r"^(?:section\s+)?(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.|[IVX]+\.)\s+")
PAGE_NUMBER_LINE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
PASSAGE_CHARS = 900
MIN_ITEM_CHARS = 25


@dataclass(frozen=True)
class Segment:
    kind: str
    text: str
    section: str | None
    page: int
    order: int


def section_kind(heading: str | None) -> str:
    if not heading:
        return "passage"
    plain = HEADING_NUMBER.sub("", heading)
    if RECOMMENDATION_HEADING.search(plain):
        return "recommendation"
    if LESSON_HEADING.search(plain):
        return "lesson"
    if SUMMARY_HEADING.search(plain):
        return "summary"
    return "passage"


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop headers, footers and page numbers that repeat on most pages."""
    if len(pages) < 3:
        return [
            "\n".join(ln for ln in p.splitlines() if not PAGE_NUMBER_LINE.match(ln.strip()))
            for p in pages
        ]

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({shape(ln) for ln in page.splitlines() if ln.strip()})
    repeated = {s for s, n in counts.items() if n >= max(3, len(pages) // 2)}
    return [
        "\n".join(
            ln
            for ln in page.splitlines()
            if shape(ln) not in repeated and not PAGE_NUMBER_LINE.match(ln.strip())
        )
        for page in pages
    ]


def is_heading(line: str, next_line: str | None) -> bool:
    text = line.strip()
    if not 2 < len(text) <= 90 or text.endswith((".", ",", ";")) or ITEM_START.match(text):
        return False
    if re.match(r"^\d{1,2}\.\d", text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if not words or len(words) > 12:
        return False
    numbered = HEADING_NUMBER.match(text) is not None
    known = section_kind(text) != "passage" and len(words) <= 8
    capitals = sum(1 for w in words if w[0].isupper() or w.lower() in SMALL_WORDS) / len(words)
    titled = capitals >= 0.8 or text.isupper()
    return known or (numbered and titled) or (titled and len(words) <= 8 and text.endswith(":"))


SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "or", "by", "from"}


def _paragraphs(page: str) -> list[tuple[str, bool]]:
    """(text, is_heading) blocks of one page, rebuilt from its lines."""
    lines = [ln.strip() for ln in page.splitlines()]
    widths = sorted(len(ln) for ln in lines if ln)
    full = widths[int(len(widths) * 0.8)] if widths else 80
    blocks: list[tuple[str, bool]] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append((" ".join(current), False))
            current.clear()

    for i, line in enumerate(lines):
        if not line:
            flush()
            continue
        nxt = next((ln for ln in lines[i + 1 :] if ln), None)
        if is_heading(line, nxt):
            flush()
            blocks.append((line, True))
            continue
        if current and ITEM_START.match(line):
            flush()
        current.append(line)
        # A short line ending a sentence closes the paragraph.
        if line.endswith((".", "?", "!", ":")) and len(line) < full * 0.75:
            flush()
    flush()
    return blocks


def _stream(pages: list[str]) -> list[tuple[str, bool, int]]:
    """(text, is_heading, page) for the whole document; a paragraph cut by a page break is
    joined back together and keeps the page it starts on."""
    stream: list[tuple[str, bool, int]] = []
    for number, page in enumerate(pages, start=1):
        for index, (text, heading) in enumerate(_paragraphs(page)):
            previous = stream[-1] if stream else None
            continues = (
                index == 0
                and number > 2
                and not heading
                and previous is not None
                and not previous[1]
                and not previous[0].endswith((".", "?", "!", ":"))
                and not ITEM_START.match(text)
            )
            if continues and previous is not None:
                stream[-1] = (f"{previous[0]} {text}", False, previous[2])
            else:
                stream.append((text, heading, number))
    return stream


def segment(pages: list[str]) -> list[Segment]:
    """Split pages into items. The first page of a multi-page document is its cover."""
    pages = strip_running_lines(pages)
    segments: list[Segment] = []
    section: str | None = None
    kind = "passage"
    pending: list[str] = []
    pending_page = 1

    def emit(k: str, text: str, page: int) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if len(text) >= MIN_ITEM_CHARS:
            segments.append(Segment(k, text, section, page, len(segments)))

    def flush_passage() -> None:
        if pending:
            emit(kind, " ".join(pending), pending_page)
            pending.clear()

    for text, heading, number in _stream(pages):
        if number != pending_page and pending_page == 1 and len(pages) > 1:
            flush_passage()  # keep the cover apart from the body
        if heading:
            flush_passage()
            section = text.rstrip(":").strip()
            kind = section_kind(section)
            continue
        if kind in ("lesson", "recommendation"):
            flush_passage()
            emit(kind, text, number)
            continue
        # Summaries and passages: join paragraphs up to a readable size.
        if pending and len(" ".join(pending)) + len(text) > PASSAGE_CHARS:
            flush_passage()
        if not pending:
            pending_page = number
        pending.append(text)
    flush_passage()
    return segments
