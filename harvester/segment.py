"""Segmentation: text by page -> sections -> items (lessons, recommendations, summaries,
passages), each with its section heading, page number and reading order."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

LESSON_HEADING = re.compile(
    r"lessons?\s+(learn|identified|for|from)|learning\s+points?|key\s+learning|"
    # "Learning" and "Learning points" are sections; "Learning Brief: Child L" is a title.
    r"^learning\b(?!\s+(summary|brief|briefing|review|note|from\s+(the\s+)?(review|case|local|"
    r"serious|child)))|\blearning$|findings?|"
    r"what\s+(we|the\s+review|the\s+panel)\s+(learn\w*|found)|analysis\s+and\s+lessons|"
    r"key\s+messages|what\s+needs\s+to\s+change|\bquestions\b|"
    r"what\s+(should|can|do|must)\s+(you|we|i|practitioners|professionals)|"
    r"what\s+you\s+(should|can|need\s+to)\s+do|practice\s+points|why\s+it\s+matters|"
    r"implications\s+for\s+practice|good\s+practice|messages\s+for\s+practi",
    re.I,
)
RECOMMENDATION_HEADING = re.compile(
    r"recommendations?|what\s+the\s+board\s+(will|should)|^(agreed\s+)?actions?$|"
    r"^(multi-agency\s+)?action\s+plan$",
    re.I,
)
SUMMARY_HEADING = re.compile(
    r"summary|background|what\s+happened|the\s+case|family\s+(background|composition)|"
    r"circumstances|about\s+the\s+(child|family)|the\s+child(ren)?\s+and",
    re.I,
)
ITEM_START = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s|"  # 4.12 / 4.12.1
    r"(?:lesson|learning point|finding|recommendation|key learning|question)\s*\d+\s*[:.)-]|"
    r"[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s|"
    # a numbered table row, "3 Protocol for joint triage ..." (but not "12 October 2013")
    r"\d{1,2}\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)[A-Z][a-z])",
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


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)}


def _echoes_title(line: str, title_words: set[str]) -> bool:
    """A header line that repeats the document's title ("Fenmarsh SCB - 7 Minute Briefing -
    Baby R" under a title "7 Minute Briefing: Baby R - Safer Sleep")."""
    words = _words(line)
    if len(words) < 3 or line.rstrip().endswith((".", ",", ";", ":", "?")):
        return False
    return len(words & title_words) / len(words) >= 0.6


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop headers, footers and page numbers that repeat across pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_shape(ln) for ln in page.splitlines() if ln.strip()})
    # Headers often start on page 2, after a cover: count them over the pages after the first.
    threshold = max(2, len(pages) // 2)
    repeated = (
        {shape for shape, n in counts.items() if n >= threshold and len(shape) <= 150}
        if len(pages) >= 3
        else set()
    )
    first_lines = [ln for ln in pages[0].splitlines()[:8] if ln.strip()] if pages else []
    title_words = _words(" ".join(first_lines))
    cleaned = []
    for number, page in enumerate(pages, start=1):
        lines = [
            ln
            for ln in page.splitlines()
            if _shape(ln) not in repeated and not PAGE_NUMBER_LINE.match(ln.strip())
        ]
        if number > 1 and lines and _echoes_title(lines[0], title_words):
            lines = lines[1:]
        cleaned.append("\n".join(lines))
    return cleaned


def is_heading(line: str, after_break: bool) -> bool:
    """Whether a line of PDF text is a section heading. `after_break`: the line before it
    ended a paragraph (or there was none)."""
    text = line.strip()
    if MARKED_HEADING.match(text):
        return True
    if not 2 < len(text) <= 90 or text.endswith((".", ",", ";")) or ITEM_START.match(text):
        return False
    if re.match(r"^\d{1,2}\.\d", text) and not re.match(r"^\d{1,2}\.\d{1,2}\.?\s+[A-Z]", text):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    if not words or len(words) > 12 or not (text[0].isupper() or text[0].isdigit()):
        return False
    capitals = sum(1 for w in words if w[0].isupper() or w.lower() in SMALL_WORDS) / len(words)
    titled = capitals >= 0.8 or text.isupper()
    if re.match(r"^\d{1,2}\.\s", text):  # "5. Analysis", "6. What should you do"
        return len(words) <= 10 and not text.endswith(":")
    if HEADING_NUMBER.match(text):  # "5 Analysis", "B. Findings": only in title case
        return titled and len(words) <= 10 and not text.endswith(":")
    if "(" in text or "," in text:
        return False  # "Highlighting lessons from Child T (May 2012)" is a line of text
    known = section_kind(text) != "passage" and len(words) <= 8
    return (known and after_break) or (titled and after_break and len(words) <= 8)


SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "or", "by", "from"}


@dataclass
class _Block:
    text: str
    heading: bool = False
    level: int | None = None  # heading depth when known (marked, or numbered "4." / "4.2")
    page: int = 0


def heading_mark(level: int) -> str:
    """The marker extraction puts before a heading it knows from the file's structure."""
    return "#" * max(1, min(level, 6)) + " "


MARKED_HEADING = re.compile(r"^(#{1,6}) (.+)$")


def _heading_block(line: str) -> _Block:
    marked = MARKED_HEADING.match(line)
    if marked:
        return _Block(marked.group(2).strip(), True, len(marked.group(1)))
    number = re.match(r"^(?:section\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?\s", line, re.I)
    level = number.group(1).count(".") + 1 if number else None
    return _Block(line.strip(), True, level)


def _paragraphs(page: str) -> list[_Block]:
    """The paragraphs and headings of one page, rebuilt from its lines."""
    lines = [ln.strip() for ln in page.splitlines()]
    widths = sorted(len(ln) for ln in lines if ln)
    full = widths[int(len(widths) * 0.8)] if widths else 80
    blocks: list[_Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(_Block(" ".join(current)))
            current.clear()

    def ends_paragraph(line: str) -> bool:
        return line.endswith((".", "?", "!", ":", ";", ")")) or len(line) < full * 0.75

    previous: str | None = None
    for line in lines:
        if not line:
            flush()
            continue
        if is_heading(line, not current or previous is None or ends_paragraph(previous)):
            flush()
            blocks.append(_heading_block(line))
            previous = line
            continue
        previous = line
        if current and ITEM_START.match(line):
            flush()
        current.append(line)
        # A short line ending a sentence closes the paragraph.
        if line.endswith((".", "?", "!", ":")) and len(line) < full * 0.75:
            flush()
    flush()
    return blocks


def _stream(pages: list[str]) -> list[_Block]:
    """Blocks of the whole document; a paragraph cut by a page break is joined back together
    and keeps the page it starts on."""
    stream: list[_Block] = []
    for number, page in enumerate(pages, start=1):
        for index, block in enumerate(_paragraphs(page)):
            block.page = number
            previous = stream[-1] if stream else None
            continues = (
                index == 0
                and number > 2
                and not block.heading
                and previous is not None
                and not previous.heading
                and not previous.text.endswith((".", "?", "!", ":"))
                and not ITEM_START.match(block.text)
            )
            if continues and previous is not None:
                previous.text = f"{previous.text} {block.text}"
            else:
                stream.append(block)
    return stream


def segment(pages: list[str], row_kind: str | None = None) -> list[Segment]:
    """Split pages into items. The first page of a multi-page document is its cover.

    With `row_kind`, numbered rows and items outside learning sections are items of that
    kind too (the rows of an action plan's table are recommendations)."""
    pages = strip_running_lines(pages)
    segments: list[Segment] = []
    section: str | None = None
    kind = "passage"
    kind_level: int | None = None  # depth of the heading that set a learning kind
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

    for block in _stream(pages):
        if block.page != pending_page and pending_page == 1 and len(pages) > 1:
            flush_passage()  # keep the cover apart from the body
        if block.heading:
            flush_passage()
            section = block.text.rstrip(":").strip()
            own = section_kind(section)
            deeper = block.level is not None and kind_level is not None and block.level > kind_level
            # "What we learned" > "Honour-based abuse is child abuse": the sub-heading is a
            # lesson's title, so its text stays a lesson.
            if not (own == "passage" and deeper):
                kind = own
                kind_level = block.level if own != "passage" else None
            continue
        if kind in ("lesson", "recommendation"):
            flush_passage()
            emit(kind, block.text, block.page)
            continue
        if row_kind and ITEM_START.match(block.text):
            flush_passage()
            emit(row_kind, block.text, block.page)
            continue
        # Summaries and passages: join paragraphs up to a readable size.
        if pending and len(" ".join(pending)) + len(block.text) > PASSAGE_CHARS:
            flush_passage()
        if not pending:
            pending_page = block.page
        pending.append(block.text)
    flush_passage()
    return segments
