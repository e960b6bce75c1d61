"""Entries of a national collection's listing: "March 2016 – Anytown - Child XY",
"2012Ceredigion – Child J", "2017 – Anonymous - Child AB". Each carries the month and year
of publication, the area and the case; the listing entry is the document's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvester.metadata.dates import MONTHS
from harvester.metadata.text import clean_name
from harvester.metadata.thematic import thematic_subject

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Parts are separated by a dash with space on at least one side ("Anonymous- Child F").
_SEPARATOR = r"(?:\s*[–—]\s*|\s+-\s*|-\s+)"
ENTRY = re.compile(
    r"^\s*(?:(?P<month>" + _MONTH + r")\s+)?(?P<year>(?:19|20)\d\d)(?![\d])\s*(?:[-–—:,]\s*)?"
    r"(?P<place>[A-Z][^–—:]*?)" + _SEPARATOR + r"(?P<case>\S.*?)\s*$",
    re.I,
)
# A listing entry also lists the cataloguers' keywords.
KEYWORDS = re.compile(r"\bKeywords?\s*:\s*(?P<words>[^\n/]+?)(?:\.?\s*(?:/|Read\b|$))", re.I)
# A board page's "2019 - Child A - Executive summary" is not a catalogue entry: what
# stands where the place would be names a case or a kind of document.
NOT_A_PLACE = re.compile(
    r"\b(?:child|children|baby|family|young|case|review|scr|cspr|report|summary|brief|"
    r"briefing|leaflet|learning|lessons|plan|response|thematic|minute)\b",
    re.I,
)
# A remark after the case's name: "Child H (pseudonym)", "Lucy (name changed)".
REMARK = re.compile(
    r"\s*\((?:a\s+)?(?:pseudonym|not (?:her|his|their) real name|name changed|anonymised|"
    r"(?:also\s+)?known\s+as\b[^)]*|aka\b[^)]*|(?:19|20)\d\d|"
    # a remark in lower case: "(overview report)", "(second review)"
    r"[a-z][^)]*)\)\s*$",
    re.I,
)
NO_PLACE = {"anonymous", "anon", "unknown", "not known", "national", "england", "wales"}
# Parts of an entry's case that say what the document is: "Serious case review: Family Z",
# "Baby K – overview", "Child T – Board Response".
DOCUMENT_PART = re.compile(
    r"^(?:(?:serious\s+case|case|case\s+management|significant\s+case|"
    r"(?:local\s+)?child\s+safeguarding\s+practice|"
    r"(?:extended\s+|concise\s+)?child\s+practice|thematic|learning)\s+review|scr|l?cspr|"
    r"overview(?:\s+report)?|executive\s+summary|(?:full\s+|final\s+)?report|summary|"
    r"(?:board\s+|partnership\s+)?response|action\s+plan|learning\s+brief(?:ing)?|"
    r"(?:7|seven)[- ]minute\s+briefing|briefing)$",
    re.I,
)


def _case_part(text: str) -> str:
    parts = [p for p in re.split(r"\s*[–—:]\s*|\s+-\s+", text) if p.strip()]
    kept = [p for p in parts if not DOCUMENT_PART.match(p.strip())]
    # (a title's own colon stays: "Sibling sexual abuse: learning from four families")
    case = text.strip() if len(kept) == len(parts) else " – ".join(kept) if kept else text
    # "Thematic review of neglect": the review's subject.
    return (thematic_subject(case) or case) if "thematic" in case.lower() else case


@dataclass(frozen=True)
class CatalogueEntry:
    year: int
    written: str  # the date as written: "March 2016", "2012"
    place: str | None
    case: str


def read_entry(text: str | None) -> CatalogueEntry | None:
    """A catalogue entry line, or None when `text` is not one."""
    if not text or len(text) > 200:
        return None
    match = ENTRY.match(text)
    if not match:
        return None
    place = re.sub(r"\s+", " ", match.group("place")).strip(" ,")
    case = clean_name(_case_part(REMARK.sub("", match.group("case"))))
    if not case or len(place) > 80 or re.search(r"\d", place) or NOT_A_PLACE.search(place):
        return None
    written = match.group(0)[: match.end("year")].strip()
    return CatalogueEntry(
        year=int(match.group("year")),
        written=written,
        place=None if place.lower() in NO_PLACE else place,
        case=case,
    )


def catalogue_keywords(*texts: str | None) -> tuple[str, ...]:
    """The keywords a cataloguer gave the entry ("Keywords: neglect, sudden infant death")."""
    for text in texts:
        match = KEYWORDS.search(text or "")
        if match:
            words = re.split(r"\s*[,;]\s*", match.group("words"))
            return tuple(w.strip(" .").lower() for w in words if w.strip(" ."))
    return ()
