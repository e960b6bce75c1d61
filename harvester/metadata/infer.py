"""Metadata from what a person would read: case name, publication year, document type,
board and title. Sources are tried in order of trust: the listing context, then the cover
page, then the file's own title and URL, then file metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from harvester.metadata.boards import board_in, board_key, place_words
from harvester.metadata.cases import (
    NAME_SEGMENT,
    PSEUDONYM,
    QUOTED_NAME,
    TITLE_SEPARATOR,
    case_from_url,
    clean_name,
    corroborated,
    is_name,
    normalise_case,
    pseudonym,
    structured_case,
)
from harvester.metadata.dates import (
    year_from_cover,
    year_from_listing,
    year_from_pdf_metadata,
    year_from_url,
)
from harvester.metadata.doc_types import find_doc_type, title_lines
from harvester.metadata.text import file_words, slug, uncap

GENERIC_LINK_TEXT = re.compile(r"^(download|pdf|here|click here|read more|view|open|link)\b", re.I)


@dataclass(frozen=True)
class Hints:
    """What was around a document when it was found."""

    link_text: str | None = None
    heading: str | None = None
    context: str | None = None
    url: str | None = None
    board: str | None = None
    filename: str | None = None  # the server's name for the file (Content-Disposition)

    @property
    def named(self) -> str | None:
        """Where the file's name is read from: the server's file name when it gave one
        ("download.aspx?id=12" says nothing), else the URL."""
        return f"/{self.filename}" if self.filename else self.url


@dataclass(frozen=True)
class Metadata:
    title: str
    case: str | None
    board: str | None
    year: int | None
    published: str | None
    doc_type: str


# --- putting it together ------------------------------------------------------------------


def _title(hints: Hints, file_title: str | None, cover: str) -> str:
    if hints.link_text and not GENERIC_LINK_TEXT.match(hints.link_text):
        return hints.link_text
    if file_title and len(file_title) > 3:
        return file_title
    first = next((line for line in cover.splitlines() if len(line.strip()) > 3), None)
    if first:
        return first.strip()[:200]
    return (hints.named or "Untitled document").rsplit("/", 1)[-1]


def _year(
    hints: Hints, cover: str, file_title: str | None, file_meta: dict[str, str] | None
) -> tuple[int | None, str | None]:
    heading = hints.heading if hints.heading and len(hints.heading) <= 60 else None
    # The entry is read as a whole: "Annual report 2022 / Published 15 March 2023" was
    # published in 2023. The context usually starts with the link text.
    entry = hints.context or hints.link_text
    if hints.link_text and hints.context and hints.link_text not in hints.context:
        entry = f"{hints.link_text} / {hints.context}"
    dated = (
        year_from_listing(entry, heading)
        or year_from_cover(cover)
        or year_from_listing(file_title)
        or year_from_url(hints.named)
    )
    if dated:
        return dated
    if file_meta:
        return year_from_pdf_metadata(file_meta), None
    return None, None


def infer_metadata(
    hints: Hints, cover: str, file_title: str | None = None, file_meta: dict[str, str] | None = None
) -> Metadata:
    """`cover` is the text of the first page (the cover or title page)."""
    cover = uncap(cover[:3000])
    year, published = _year(hints, cover, file_title, file_meta)
    board = hints.board or board_in(
        [t for t in (cover, file_title, hints.context, hints.link_text, hints.heading) if t]
    )
    exclude = place_words(board)
    case = _case(hints, cover, file_title, exclude)
    doc_type = find_doc_type(
        hints.link_text,
        file_title,
        hints.context,
        hints.heading,
        title_lines(cover),
        file_words(hints.named) if hints.named else None,
    )
    return Metadata(
        title=_title(hints, file_title, cover),
        case=case,
        board=board,
        year=year,
        published=published,
        doc_type=doc_type,
    )


def _case(hints: Hints, cover: str, file_title: str | None, exclude: frozenset[str]) -> str | None:
    """The listing's case name the usual way ("Child J"), then a pseudonym the listing
    gives plainly, then one the listing gives after the type and the document shows as a
    person, then the cover, then the heading alone ("Oscar" over a card) when the document
    shows it as a person, then the URL."""
    for text in (hints.link_text, hints.context, hints.heading, file_title):
        found = structured_case(text) if text else None
        if found:
            return found
    for text in (hints.link_text, hints.context, file_title):
        found = pseudonym(text, exclude) if text else None
        if found:
            return found
    for text in (hints.link_text, hints.context):
        for segment in TITLE_SEPARATOR.split(text or "")[1:]:
            match = NAME_SEGMENT.fullmatch(segment.strip())
            name = match.group("name") if match else ""
            if name and is_name(name, exclude) and corroborated(name, cover):
                return clean_name(name)
    return (
        structured_case(cover)
        or heading_pseudonym(hints.heading, cover, exclude)
        or cover_pseudonym(cover, exclude)
        or case_from_url(hints.named)
    )


def heading_pseudonym(heading: str | None, cover: str, exclude: frozenset[str]) -> str | None:
    """A card's heading that is only a name ("Oscar"), when the document shows the name as
    a person: headings also name places, teams and topics."""
    name = pseudonym(heading, exclude) if heading else None
    return name if name and corroborated(name, cover) else None


def cover_pseudonym(cover: str, exclude: frozenset[str]) -> str | None:
    for pattern in (PSEUDONYM, QUOTED_NAME):
        for match in pattern.finditer(cover):
            if is_name(match.group("name"), exclude):
                return clean_name(match.group("name"))
    return None


def case_id(board: str | None, case: str | None, year: int | None) -> str | None:
    """A case is identified by board + name + year, never by name alone."""
    if not case:
        return None
    parts = (board_key(board), slug(normalise_case(case)), str(year or "n-d"))
    return "-".join(p for p in parts if p)
