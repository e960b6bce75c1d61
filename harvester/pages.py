"""Extracted pages made ready to read: ligatures folded, the line-end hyphens extraction
left open decided with the whole document's vocabulary, and running headers and footers
(a report's title, its page numbers) taken off every page."""

from __future__ import annotations

import re
from collections import Counter

from harvester.textfix import LIGATURES, LINE_END_HYPHEN, Vocabulary, resolve_line_end_hyphens

PAGE_NUMBER_LINE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def _clean_document(pages: list[str]) -> list[str]:
    """Ligatures (left in DOCX and HTML text pasted from PDFs) and the line-end hyphens
    that extraction left for the whole document to decide."""
    # LIGATURES only maps characters beyond ASCII, and most pages have none.
    pages = [p if p.isascii() else p.translate(LIGATURES) for p in pages]
    if not any(LINE_END_HYPHEN in p for p in pages):
        return pages
    vocabulary = Vocabulary.of(pages)
    return [resolve_line_end_hyphens(p, vocabulary) for p in pages]


# -- running headers and footers -------------------------------------------------------------


DIGITS = re.compile(r"\d+")
WORD = re.compile(r"[A-Za-z0-9]+")
EDGE_LINES = 4  # running headers and footers are among the first or last lines of a page


def _shape(line: str) -> str:
    return DIGITS.sub("#", line.strip().lower())


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _echoes_title(line: str, title_words: set[str]) -> bool:
    """A header line that repeats the document's title ("Fenmarsh SCB - 7 Minute Briefing -
    Baby R" under a title "7 Minute Briefing: Baby R - Safer Sleep")."""
    words = _words(line)
    if len(words) < 3 or line.rstrip().endswith((".", ",", ";", ":", "?")):
        return False
    return len(words & title_words) / len(words) >= 0.6


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop headers, footers and page numbers that repeat across pages. They are looked for
    among the first and last few lines of each page, where extraction puts them."""
    split = [page.splitlines() for page in pages]
    # For each page, the shape of each line at its top or foot, by line index.
    edges: list[dict[int, str]] = []
    for lines in split:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        at_edge = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
        edges.append({i: _shape(lines[i]) for i in at_edge})
    counts: Counter[str] = Counter()
    for shapes in edges:
        counts.update(set(shapes.values()))
    # Headers often start on page 2, after a cover: half the pages are enough.
    threshold = max(2, len(pages) // 2)
    repeated = {shape for shape, n in counts.items() if n >= threshold and len(shape) <= 150}
    if len(pages) == 2:
        # Two pages: a line at the top or foot of both ("Page 1 of 2" with the board's name).
        repeated = {shape for shape in repeated if len(shape) >= 8}
    elif len(pages) < 2:
        repeated = set()
    first_lines = [ln for ln in split[0][:8] if ln.strip()] if pages else []
    title_words = _words(" ".join(first_lines))
    cleaned = []
    for number, lines in enumerate(split, start=1):
        # A number on its own is a page number at the top or foot of a page, and a table
        # cell ("2013") anywhere else.
        shapes = edges[number - 1]
        kept = [
            ln
            for i, ln in enumerate(lines)
            if i not in shapes or not (shapes[i] in repeated or PAGE_NUMBER_LINE.match(ln.strip()))
        ]
        if number > 1 and kept and _echoes_title(kept[0], title_words):
            kept = kept[1:]
        cleaned.append("\n".join(kept))
    return cleaned


def clean_pages(pages: list[str]) -> list[str]:
    """The document's pages, cleaned for segmentation."""
    return strip_running_lines(_clean_document(pages))
