"""Headings over a document's link that name its review: a name alone ("Oscar"), a name
framed by a year, a code or an age ("2023 - Harley", "Oskar (15 years old)"), a name beside
the kind of review ("Ethan – Serious Case Review")."""

from __future__ import annotations

import re

from harvester.metadata.dates import MONTHS
from harvester.metadata.doc_types import stated_doc_type
from harvester.metadata.names import (
    _CLOSE_QUOTE,
    _OPEN_QUOTE,
    FULL_NAME,
    NAME,
    NAME_AFTER_REVIEW,
    NAME_AGED,
    NAME_BEFORE_REVIEW,
    POSSESSIVE_NAME,
    PSEUDONYM,
    WORD_NAMES,
    corroborated,
    is_name,
    pseudonym,
)
from harvester.metadata.text import REVIEW_KINDS, clean_name

# A line beside a link that only dates it: "Published 19 August 2021".
DATE_LINE = re.compile(
    r"^\W*(?i:published|publication\s+date|date|posted(?:\s+on)?|updated)?\W*"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\W*$|"
    # a date written in figures: "24.05.2023", "Posted 30/06/2025"
    r"^\W*(?i:published|posted(?:\s+on)?|updated|date)?\W*\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d\W*$"
)
# A link that says only what kind of document it is: "Executive summary (PDF)", "Our
# response to the findings" ("Download" says nothing of the card).
# ("Read the full LCSPR report", "7 minute briefing", "Download the executive summary")
KIND_OF_LINK = re.compile(
    r"^\W*(?i:(?:(?:read|download|view|open)\s+)?(?:our\s+|the\s+|board\s+|partnership\s+)?"
    r"(?:full\s+|final\s+)?(?:(?:scr|l?cspr|cpr|serious\s+case\s+review|review)\s+)?"
    r"(?:overview\s+)?(?:report|executive\s+summary|summary|response|briefing|learning\s+brief|"
    r"action\s+plan|(?:7|seven)[- ]minute\s+briefing|statement|"
    r"independent\s+reviewer['’]s\s+report)\b"
    # ... or only the kind of review: "Serious Case Review (PDF)", "Full review (accessible
    # version, Word)"
    r"|(?:serious\s+case\s+review|scr|l?cspr|child\s+safeguarding\s+practice\s+review|"
    r"(?:full|final|the)\s+review)"
    r"\W*(?:\((?:pdf|word|docx?|accessible)[^)]*\))?\W*$)"
)


# A line beside a link that dates it and adds only its size or publisher: "Published 21
# Feb 2023 | 2 pages", "Published 2 Dec 2021 · Wendlecombe Safeguarding Partnership".
PUBLISHED_LINE = re.compile(
    r"^\W*(?i:published|publication\s+date|date\s+published)\b[^.;]*?\b(?:19|20)\d\d\b"
    r"(?![^.;]*\b(?:review|report|death|died|child)\b)"
)
# What frames a name in a heading without naming anything: the year or date before it
# ("2023 - Harley", "March 2016: Ellie"), the review's code ("LCSPR 05/22 Ruby"), the
# child's age after it ("Oskar (15 years old)").
HEADING_FRAME = re.compile(
    r"^\s*(?:(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+)?(?:19|20)\d\d\s*[-–—:|]\s*"
    r"|(?:SCR|L?CSPR|CPR|LCR|LLR)\s+\d{1,3}(?:[/.-]\d{2,4})?\s*[-–—:]?\s*)?"
    r"(?P<rest>.*?)"
    r"(?:\s*\((?:aged\s+)?\d{1,2}(?:\s+|-)(?:years?|months?|weeks?|days?)(?:[\s-]+old)?\))?\s*$"
)


def _unframed(heading: str) -> str:
    # a table row's first cell: "Alfie | Non-accidental injury; fathers | 11.02.21 | Report"
    cells = heading.split(" | ")
    heading = cells[0] if len(cells) > 2 else heading
    found = HEADING_FRAME.fullmatch(heading)
    return found["rest"] if found and found["rest"] else heading


# A heading that is a whole name: "Jayden Marsh", "‘Poppy’".
FULL_NAME_LINE = re.compile(
    r"\s*"
    + _OPEN_QUOTE
    + r"?(?P<name>"
    + NAME
    + r"(?:[ \t]+"
    + NAME
    + r"){0,2})"
    + _CLOSE_QUOTE
    + r"?\s*"
)


def _says_what(line: str) -> bool:
    """A line beside a generic link that says what kind of document of a review it is."""
    return (
        len(line.split()) <= 25
        and re.search(r"\breview\b", line, re.I) is not None
        and stated_doc_type(line) is not None
    )


def heading_pseudonym(
    heading: str | None,
    cover: str,
    exclude: frozenset[str],
    link_text: str | None = None,
    context: str | None = None,
) -> str | None:
    """A card's heading that is only a name ("Oscar"), when the document shows the name as
    a person, the heading dates it ("Pip – August 2017"), or the card's link says only
    what kind of document it is or its line only dates it: headings also name places,
    teams and topics."""
    heading = _unframed(heading or "")
    if context and link_text and context.startswith(link_text):  # the line after the link
        context = context[len(link_text) :].strip(" /|·-–—")
    whole = FULL_NAME_LINE.fullmatch(heading)
    if whole and is_name(whole.group("name"), exclude):
        name: str | None = clean_name(whole.group("name"))
    else:
        name = pseudonym(heading, exclude) if heading else None
    if not name:
        return None
    alone = re.fullmatch(r"\W*" + re.escape(name) + r"\W*", heading or "") is not None and (
        KIND_OF_LINK.match(link_text or "") is not None
        or stated_doc_type(link_text) is not None
        or DATE_LINE.match(context or "") is not None
        or PUBLISHED_LINE.match(context or "") is not None
        or _label_line(context or "")
        # (a line that says what the document is: "Learning brief from the local child
        # safeguarding practice review, published 20/07/2021")
        or (KIND_OF_LINK.match(link_text or "") is None and _says_what(context or ""))
    )
    if alone:
        return name
    dated = re.match(
        r"\W*" + re.escape(name) + r"\W*\s*[-–—(]\s*(?:published\s+)?"
        r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?\w*\s*(?:19|20)\d\d",
        heading or "",
        re.I,
    )
    return name if dated or corroborated(name, cover) else None


# What a heading may say beside the name of the review it heads: the kind of review and its
# qualifiers, the document's type, a date, an abbreviation ("SCR", "WSCB"), the child's age.
HEADING_WORDS = frozenset(
    {
        "serious", "case", "review", "child", "children", "safeguarding", "practice", "local",
        "executive", "summary", "overview", "report", "final", "full", "learning", "lessons",
        "briefing", "brief", "seven", "minute", "published", "publication", "concise",
        "extended", "joint", "multi", "agency", "rapid", "independent", "story", "s", "of",
        "the", "a", "an", "from", "into", "on", "for", "aged", "age", "date", "updated",
        "death", "murder", "killing", "injuries", "in", "respect", "concerning", "regarding",
        "re", "page", "addendum", "slides", "poster", "leaflet", "presentation", "animation",
        "response", "partners", "partnership", "board", "statement", "action", "plan",
        "practitioners", "practitioner", "professionals", "professional",
    }
)  # fmt: skip
# A name on a card: "Olivia", "Amber-Rose", "Kai Fenwick".
_CARD_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# The document's type as a card names it beside the name.
_CARD_DOCUMENT = (
    r"(?:the\s+)?(?:overview\s+|full\s+|final\s+)?report|executive\s+summary|summary|"
    r"briefing|learning\s+brief|action\s+plan|statement"
)
# A card's heading: a name, a dash and the document's type ("Olivia – report", "Olivia –
# safeguarding partners' response").
NAME_BEFORE_DOCUMENT = re.compile(
    r"^\W*(?P<name>" + _CARD_NAME + r"(?:\s+" + _CARD_NAME + r")?)\s*[–—:-]\s+"
    r"(?=(?i:" + _CARD_DOCUMENT + r"|(?:safeguarding\s+)?(?:board|partnership|partners)['’]?s?['’]?"
    r"\s+response|response|slides)\b)"
)
# ... the other way round: "Executive summary – Noah", "Action plan – Lucas and Erin".
NAME_AFTER_DOCUMENT = re.compile(
    r"^\W*(?i:" + _CARD_DOCUMENT + r")\s*[–—:-]\s+"
    r"(?P<name>" + _CARD_NAME + r"(?:\s+" + _CARD_NAME + r")?"
    r"(?:\s+(?:and|&)\s+" + _CARD_NAME + r")?)\W*$"
)
HEADING_NAME_PATTERNS = (
    NAME_BEFORE_REVIEW, NAME_AFTER_REVIEW, FULL_NAME, PSEUDONYM, POSSESSIVE_NAME, NAME_AGED,
    NAME_BEFORE_DOCUMENT, NAME_AFTER_DOCUMENT,
)  # fmt: skip


# A document's kind as a label before a heading: "Report: Freya Lindqvist Learning Review".
DOCUMENT_LABEL = re.compile(
    r"^\W*(?i:(?:practitioners?['’]?\s+|professionals['’]?\s+)?"
    r"(?:report|briefing|brief|summary|publication|published))\s*:\s*"
)


def heading_review_name(heading: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """A heading that is a child's name and the kind of review it names, and nothing else
    but a date or the child's age: "Ethan – Serious Case Review", "Case of Tommy – SCR",
    "Summer, aged 4 – Serious Case Review", "April – CSPR (published May 2020)"."""
    if not heading:
        return None
    heading = DOCUMENT_LABEL.sub("", heading)
    for pattern in HEADING_NAME_PATTERNS:
        match = pattern.search(heading)
        if not match:
            continue
        name = match.group("name")
        rest = heading[: match.start("name")] + " " + heading[match.end("name") :]
        words = re.findall(r"[A-Za-z]+|\d+", rest)
        if not words or not all(_heading_word(w) for w in words):
            continue
        # "May 2019 – Serious Case Review" is a date.
        after = heading[match.end("name") :].lstrip(" ,")
        if name.lower() in MONTHS and re.match(r"(?:19|20)\d\d", after):
            continue
        if is_name(name, exclude) or (name in WORD_NAMES and name not in exclude):
            return clean_name(name)
    return None


def _heading_word(word: str) -> bool:
    return (
        word.lower() in HEADING_WORDS
        or word.lower() in MONTHS
        or word.isdigit()
        or (word.isupper() and 2 <= len(word) <= 6)
    )


def _label_line(context: str) -> bool:
    """A card's line of labels beside its link, naming the kind of review or document and a
    date, with no sentence: "Child Safeguarding Practice Review | Executive summary | 24
    April 2023"."""
    parts = [p.strip() for p in re.split(r"\s[|·]\s", context)]
    return (
        len(parts) >= 2
        and len(context.split()) <= 14
        and all(len(p.split()) <= 6 for p in parts)
        and (stated_doc_type(context) is not None or _REVIEW_KIND.search(context) is not None)
    )


_REVIEW_KIND = re.compile(r"\b" + REVIEW_KINDS + r"s?\b", re.I)
