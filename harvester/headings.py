"""Headings: which line of a page is a section heading, what kind of section it opens
(lessons, recommendations, a summary, passages), and how a line starts a paragraph or a
listed item."""

from __future__ import annotations

import re

LESSON_HEADING = re.compile(
    r"lessons?\s+(learn|identified|for|from)|learning\s+points?|key\s+learning|"
    # "Learning" and "Learning points" are sections; "Learning Brief: Child L" is a title.
    r"^learning\b(?!\s+(summary|brief|briefing|review|note|from\s+(the\s+)?(review|case|local|"
    r"serious|child)))|\blearning$|findings?|"
    r"what\s+(we|the\s+review|the\s+panel)\s+(learn\w*|found)|analysis\s+and\s+lessons|"
    r"key\s+messages|what\s+needs\s+to\s+change|\bquestions\b|"
    r"what\s+(should|can|do|must)\s+(you|we|i|practitioners|professionals)|"
    r"what\s+you\s+(should|can|need\s+to)\s+do|what\s+to\s+do\b|practice\s+points|"
    r"why\s+it\s+matters|"
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
# Headings that always start a section of their own, never a sub-heading of a learning
# section: front and back matter, and the closing panels of leaflets.
STRUCTURAL_HEADING = re.compile(
    r"^(?:appendix|annex|glossary|references|bibliography|acknowledge?ments|contents|"
    r"abbreviations|introduction|methodology|terms\s+of\s+reference|conclusions?\b|"
    r"concluding|next\s+steps|further\s+(?:information|reading|resources)|"
    r"(?:useful|more)\s+(?:information|links|contacts|resources)|"
    r"contact\s+(?:us|details|information)|contacts$|resources$|"
    r"(?:where|how)\s+to\s+(?:find|get)|find\s+out\s+more|if\s+you\s+are\s+(?:worried|concerned))",
    re.I,
)
ITEM_START = re.compile(
    r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s|"  # 4.12 / 4.12.1
    r"(?:lesson|learning point|finding|recommendation|key learning|question)\s*\d+\s*[:.)-]|"
    r"[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s|"
    r"\d{1,2}\.\s+(?=\S)|"  # a numbered list item, "3. Ask who lives in the household."
    # a numbered table row, "3 Protocol for joint triage ..." (but not "12 October 2013")
    r"\d{1,2}\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)[A-Z][a-z])",
    re.I,
)
# An item label: "Lesson 1:", "Finding 3:", "Recommendation 5" (alone on its line, or
# followed by ":" / "." and the item), after an optional paragraph number ("6.2 Lesson 1:").
LABEL = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:lesson|learning\s+point|finding|recommendation|"
    r"key\s+learning|question|learning)\s*\d{1,2}\b\s*(?:[:.)\-–]|$)",
    re.I,
)
NUMBERED_PARAGRAPH = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s")
BULLET = re.compile(r"^(?:[•▪●◦‣∙·\-–*]\s|\(?[a-z0-9]{1,2}\)\s|\d{1,2}\.\s+(?=\S))", re.I)
HEADING_NUMBER = re.compile(r"^(?:section\s+)?(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.|[IVX]+\.)\s+")
SENTENCE_END = re.compile(r"[.?!:][\"'’”)\]]*$")
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# Table cells of action plans that read like short headings: status and dates.
NOT_A_HEADING = re.compile(
    rf"(?:\b(?:red|amber|green|blue|complete|completed|ongoing|closed|open)|\b{MONTHS}\s+\d{{4}}"
    r"|\b\d{4}|\b(?:and|or|of|the|to|for|with|in|a|an|by|from|on|at|as|that|which|&))$",
    re.I,
)
# NOT_A_HEADING can only start this near the end of a line: its longest word is "completed",
# and a line ending in a month and year also ends in a year, which matches on its own.
NOT_A_HEADING_REACH = len("completed")


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


# -- lines -> paragraphs and headings ----------------------------------------------------------

SMALL_WORDS = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "or", "by", "from"}


TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s")
INNER_FULL_STOP = re.compile(r"\w\. ")
ENDS_CLAUSE = re.compile(r"[.?!:;)][\"'’”)\]]*$")


def title_words(text: str) -> list[str]:
    return TITLE_WORD.findall(text)


def starts_paragraph(line: str, full: float) -> bool:
    """Whether a line reads as the first line of a paragraph or list item."""
    text = line.strip()
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'‘“•▪●-–*("):
        return False
    return bool(len(text) >= 0.6 * full or ITEM_START.match(text) or SENTENCE_END.search(text))


def reads_as_heading(
    line: str,
    after_break: bool,
    follows: bool | None,
    short: bool = True,
    strict: bool = False,
    starts: bool | None = None,
) -> bool:
    """`follows`: whether the next line starts a paragraph (or is a heading), None when there
    is no next line to judge by; `starts`: whether it starts a paragraph; `short`: the line
    is well short of a full line; `strict`: inside a table row, where short title-case cells
    ("Named GP") are not headings unless a paragraph follows them."""
    text = line.strip()
    if text.startswith("#") and MARKED_HEADING.match(text):
        return True
    if not 2 < len(text) <= 90 or text.endswith((".", ",", ";")):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    words = title_words(text)
    if not words or len(words) > 12:
        return False
    tail = max(0, len(text) - NOT_A_HEADING_REACH)
    if NOT_A_HEADING.search(text, tail) and not HEADING_NUMBER.match(text):
        return False
    capitals = sum(1 for w in words if w[0].isupper() or w.lower() in SMALL_WORDS) / len(words)
    titled = capitals >= 0.8 or text.isupper()
    if NUMBERED_HEADING.match(text):  # "5. Analysis", "6. What should you do"
        return len(words) <= 10 and not text.endswith(":")
    if NUMBERED_PARAGRAPH.match(text):
        # "4.2 Professional curiosity" is a heading, "4.2 The review considered ..." the
        # first line of a numbered paragraph.
        return (
            short
            and after_break
            and (titled or len(words) <= 5)
            and bool(follows)
            and not text.endswith(":")
            and not LABEL.match(text)
        )
    if HEADING_NUMBER.match(text):  # "5 Analysis", "B. Findings": only in title case
        return titled and len(words) <= 10 and not text.endswith(":")
    if LABEL.match(text):  # "Finding 3: Fathers are not seen", "Recommendation 5"
        return short and after_break and len(words) <= 12 and follows is not False
    if ITEM_START.match(text):
        return False
    if "(" in text and not (starts and text.endswith(")") and short and after_break):
        # "Highlighting lessons from Child T (May 2012)" is a line of text; "Notes on
        # progress (October 2018)" over a paragraph is a heading.
        return False
    if not after_break or len(words) > 10 or INNER_FULL_STOP.search(text):
        return False  # "No. Recommendation Action Lead agency" is a table's header row
    if strict and not follows:
        return False
    if "," not in text and len(words) <= 8 and (titled or section_kind(text) != "passage"):
        return True
    # Sentence case ("The man in the house"): only before the start of a paragraph, and not
    # a lead-in ("The review found that agencies need to:").
    return short and bool(follows) and not text.endswith(":")


def heading_mark(level: int) -> str:
    """The marker extraction puts before a heading it knows from the file's structure."""
    return "#" * max(1, min(level, 6)) + " "


MARKED_HEADING = re.compile(r"^(#{1,6}) (.+)$")
