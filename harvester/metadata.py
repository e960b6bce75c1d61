"""Metadata from what a person would read: case name, publication year, document type,
board and title. Sources are tried in order of trust: the listing context, then the cover
page, then file metadata. Dates inside the case narrative are never used."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR4 = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS = [
    # 29th November 2019, 3 March 2021
    re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I),
    # July 2015, Oct 2014, November, 2006
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I),
    # 13.03.18, 13/03/2018, 13-03-18
    re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?P<year>(?:19|20)?\d\d)\b"),
    # 2015-07-01
    re.compile(r"\b" + _YEAR4 + r"-\d{2}-\d{2}\b"),
]
BARE_YEAR = re.compile(r"(?<![\d./-])" + _YEAR4 + r"(?![\d./-])")
COVER_DATE_LABEL = re.compile(
    r"(date of publication|published|publication date|final version|final report|"
    r"date of report|report date|version\s+[\d.]+|final)\b[^\n]{0,60}",
    re.I,
)

CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Sibling(?:s)?|Young\s+(?:People|Persons?))\s+[A-Z]{1,2}\d?"
        r"(?:\s*(?:,|and|&)\s*[A-Z]{1,2}\d?\b)*(?![a-z])"
    ),
    re.compile(r"\b(?:Baby|Young Person|Infant|Adolescent)\s+[A-Z][a-z]*\d?\b"),
    re.compile(r"\bFamily\s+[A-Z]{1,2}\d?\b(?![a-z])"),
    re.compile(r"\b[A-Z]{1,2}\s+Family\b"),
]
# "Highlighting lessons from Harry (2019)", "Learning from the review of Charlie and Sam"
PSEUDONYM = re.compile(
    r"(?:lessons from|learning from|review of|review into|case of)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+)?)\b"
)
# A listing entry or card titled with a pseudonym: "Harry - Executive Summary", "Harry".
LEADING_NAME = re.compile(
    r"^(?P<name>[A-Z][a-z]+(?:\s+(?:and|&)\s+[A-Z][a-z]+)?)(?:\s*[-–—:|]\s+\S|\s*$)"
)
NOT_NAMES = {
    "The",
    "Serious",
    "Case",
    "Reviews",
    "Review",
    "Local",
    "Previous",
    "Child",
    "Children",
    "Executive",
    "Summary",
    "Summaries",
    "Learning",
    "Lessons",
    "Professional",
    "Professionals",
    "Practice",
    "Board",
    "Partnership",
    "Thematic",
    "Archive",
    "Briefing",
    "Briefings",
    "Action",
    "Actions",
    "Overview",
    "Report",
    "Reports",
    "Documents",
    "Download",
    "Downloads",
    "Home",
    "Leaflet",
    "Leaflets",
    "Publications",
    "Resources",
    "Safeguarding",
    "Research",
    "Guidance",
    "Contact",
    "About",
    "News",
    "Training",
    "Published",
    "Introduction",
    "Contents",
    "Page",
    "Seven",
    "Minute",
    "Multi",
    "Response",
    "Responses",
    "Rapid",
    "National",
    "Other",
    "Older",
}

DOC_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "learning-brief",
        re.compile(
            r"7[\s-]*minute|seven[\s-]*minute|learning brief|briefing|leaflet|"
            r"learning summary|learning lessons|practice brief|learning note|key learning|"
            r"practice points|practice guide|learning from",
            re.I,
        ),
    ),
    ("executive-summary", re.compile(r"executive summary", re.I)),
    (
        "action-plan",
        re.compile(r"action plan|board response|management response|response to the", re.I),
    ),
    ("thematic-review", re.compile(r"thematic", re.I)),
    (
        "overview-report",
        re.compile(
            r"overview report|serious case review|safeguarding practice review|\bSCR\b|"
            r"\bCSPR\b|full report|case review",
            re.I,
        ),
    ),
]
# The words naming the place share a line (the line above is usually the report's title);
# "Safeguarding Children Board" itself may wrap.
BOARD_PATTERN = re.compile(
    r"\b((?:[A-Z][A-Za-z'&-]+[ \t]+){1,4}(?:Local\s+)?Safeguarding\s+Children(?:'s)?\s+"
    r"(?:Board|Partnership|Safeguarding Partnership))"
)
GENERIC_LINK_TEXT = re.compile(r"^(download|pdf|here|click here|read more|view|open|link)\b", re.I)


@dataclass(frozen=True)
class Hints:
    """What was around a document when it was found."""

    link_text: str | None = None
    heading: str | None = None
    context: str | None = None
    url: str | None = None
    board: str | None = None


@dataclass(frozen=True)
class Metadata:
    title: str
    case: str | None
    board: str | None
    year: int | None
    published: str | None
    doc_type: str


def find_date(text: str) -> tuple[int, str] | None:
    """The first written date in `text`, as (year, the text as written)."""
    best: tuple[int, int, str] | None = None
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            year = int(match.group("year"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            best = (match.start(), year, match.group(0))
    return (best[1], best[2]) if best else None


def year_from_listing(*texts: str | None) -> tuple[int, str] | None:
    for text in texts:
        if not text:
            continue
        found = find_date(text)
        if found:
            return found
        bare = BARE_YEAR.search(text)
        if bare:
            return int(bare.group("year")), bare.group(0)
    return None


def year_from_cover(cover: str) -> tuple[int, str] | None:
    """A date on the cover page next to a label such as "Date of publication"."""
    for label in COVER_DATE_LABEL.finditer(cover):
        found = find_date(label.group(0)) or year_from_listing(label.group(0))
        if found:
            return found
    return None


def year_from_pdf_metadata(metadata: dict[str, str]) -> int | None:
    for key in ("ModDate", "CreationDate"):
        match = re.match(r"D:((?:19|20)\d\d)", metadata.get(key, ""))
        if match:
            return int(match.group(1))
    return None


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.-")


def normalise_case(name: str) -> str:
    """The canonical form used for case identity: "T Family" and "Family T" are one case."""
    name = _clean_name(name)
    family = re.fullmatch(r"([A-Z]{1,2}) Family", name)
    if family:
        return f"Family {family.group(1)}"
    return re.sub(r"\s*&\s*", " and ", name)


def _pseudonym(text: str) -> str | None:
    for pattern in (PSEUDONYM, LEADING_NAME):
        match = pattern.search(text)
        if match and match.group("name").split()[0] not in NOT_NAMES:
            return match.group("name")
    return None


def find_case(*texts: str | None) -> str | None:
    """The case name as the board writes it ("T Family", "Child J", "Harry")."""
    present = [t for t in texts if t]
    for text in present:
        for pattern in CASE_PATTERNS:
            match = pattern.search(text)
            if match:
                return _clean_name(match.group(0))
    for text in present:
        name = _pseudonym(text)
        if name:
            return name
    return None


def find_doc_type(*texts: str | None) -> str:
    for text in texts:
        if not text:
            continue
        for doc_type, pattern in DOC_TYPE_RULES:
            if pattern.search(text):
                return doc_type
    return "other"


def find_board(cover: str) -> str | None:
    match = BOARD_PATTERN.search(cover)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else None


def _title(hints: Hints, file_title: str | None, cover: str) -> str:
    if hints.link_text and not GENERIC_LINK_TEXT.match(hints.link_text):
        return hints.link_text
    if file_title and len(file_title) > 3:
        return file_title
    first = next((line for line in cover.splitlines() if len(line.strip()) > 3), None)
    if first:
        return first.strip()[:200]
    return (hints.url or "Untitled document").rsplit("/", 1)[-1]


def infer_metadata(
    hints: Hints, cover: str, file_title: str | None = None, file_meta: dict[str, str] | None = None
) -> Metadata:
    """`cover` is the text of the first page (the cover or title page)."""
    cover = cover[:3000]
    listing = (hints.link_text, hints.context, hints.heading)
    dated = year_from_listing(hints.link_text, hints.context) or year_from_cover(cover)
    year, published = dated if dated else (None, None)
    if year is None and file_meta:
        year = year_from_pdf_metadata(file_meta)
    case = find_case(*listing, file_title, cover)
    doc_type = find_doc_type(hints.link_text, file_title, hints.context, hints.heading, cover)
    return Metadata(
        title=_title(hints, file_title, cover),
        case=case,
        board=hints.board or find_board(cover),
        year=year,
        published=published,
        doc_type=doc_type,
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def case_id(board: str | None, case: str | None, year: int | None) -> str | None:
    """A case is identified by board + name + year, never by name alone."""
    if not case:
        return None
    parts = (board or "unknown-board", normalise_case(case), str(year or "n-d"))
    return "-".join(slug(part) for part in parts)
