"""Metadata from what a person would read: case name, publication year, document type,
board and title. Sources are tried in order of trust: the listing context, then the cover
page, then the file's own title and URL, then file metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from harvester.metadata.additions import (
    join_quoted_lines,
    plain_texts,
    visible,
    without_markings,
)
from harvester.metadata.boards import (
    board_key,
    bundled_board_table,
    join_logo_lines,
    place_words,
    read_board,
)
from harvester.metadata.case_forms import normalise_case
from harvester.metadata.cases import read_case
from harvester.metadata.catalogue import catalogue_keywords, read_entry
from harvester.metadata.dates import (
    year_from_cover,
    year_from_listing,
    year_from_pdf_metadata,
    year_from_running_lines,
    year_from_url,
)
from harvester.metadata.doc_types import (
    find_doc_type,
    stated_doc_type,
    title_lines,
)
from harvester.metadata.document_kinds import Texts, settle_doc_type
from harvester.metadata.headlines import sentence_case
from harvester.metadata.names import spelled_initials
from harvester.metadata.report_titles import (
    NATIONAL_BODY,
    WELSH,
    english_counterpart,
    names_only_its_kind,
    report_title_subject,
)
from harvester.metadata.settings_named import fuller_setting
from harvester.metadata.text import (
    EMBEDDED_FILE,
    FILE_BADGE,
    FILE_NAME_TEXT,
    REVIEW_KINDS,
    file_link_words,
    file_words,
    slug,
    uncap,
    unglue,
)
from harvester.metadata.thematic import join_wrapped_title, reviewed_subject, without_place
from harvester.metadata.titles import NATIONAL_PANEL
from index.boards import BoardTable

GENERIC_LINK_TEXT = re.compile(
    r"^(download|pdf|here|click here|read more|view|open|link|lawrlwytho|lawrlwythwch)\b", re.I
)
# A title page's lines that are no title: the board's or an agency's name, a marking, a
# date, a page number.
NOT_TITLE_LINE = re.compile(
    r"safeguarding\s+(?:children\s+|adults\s+)?(?:board|partnership)|\bl?sc[bp]\b|"
    # (an organisation's name: "Fenmarsh County Council", "NHS Fenmarsh Integrated Care
    # Board"; not a title's "in NHS walk-in centres", "The police response to ...")
    r"^\W*(?-i:(?:[A-Z][\w&'’.-]*\s+|of\s+|and\s+|&\s+){0,5}(?:Council|NHS|Police|Constabulary)"
    r"(?:\s+[A-Z][\w&'’.-]*|\s+of|\s+and|\s+&){0,5})\W*$|"
    r"confidential|restricted|official|not for publication|^\W*(?:final|draft|version)\b|"
    r"^\W*(?:page\s+\d|\d+\W*$)|^\W*(?:published\W*)?(?:\d{1,2}\s*)?[a-z]*\s*(?:19|20)\d\d\W*$|"
    r"www\.|\.(?:org|gov|uk)\b",
    re.I,
)
# A title page's line that is only the kind of review: "Serious Case Review".
KIND_ONLY = re.compile(r"\W*(?:an?\s+)?(?:thematic\s+review|" + REVIEW_KINDS + r")\W*", re.I)
# A first page with fewer words than this is a cover of logos and a date, not a title page.
THIN_COVER_WORDS = 25


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
    area: str | None = None  # the board's area in the board table, when it is known there
    publisher: str | None = None  # the source's organisation, where it is not the board
    keywords: tuple[str, ...] = ()  # a catalogue entry's keywords
    description: str | None = None  # a national collection's description of the review

    @property
    def case_id(self) -> str | None:
        return case_id(self.board, self.case, self.year, self.area)


# --- putting it together ------------------------------------------------------------------


# What an area is called as a council's: "Haringey Children's Services Authority Area".
AREA_TAIL = re.compile(
    r"\s+(?:(?:children['’]s\s+services\s+)?(?:local\s+)?(?:authority|council)(?:\s+area)?|area)$",
    re.I,
)


def _title(
    hints: Hints,
    file_title: str | None,
    cover: str,
    entry_text: str | None,
    case: str | None = None,
) -> str:
    if entry_text:
        return entry_text
    if hints.link_text and not GENERIC_LINK_TEXT.match(hints.link_text):
        title = FILE_BADGE.sub("", hints.link_text).strip() or hints.link_text
        # A card's "Executive summary" link: the review's name says which one.
        if (
            case
            and len(title.split()) <= 6
            and stated_doc_type(title)
            and normalise_case(case).lower() not in normalise_case(title).lower()
        ):
            return f"{case} – {title}"
        return title
    if file_title and len(file_title) > 3:
        return file_title
    # The title page's own lines, not the board's logo, markings or a date.
    lines = [
        line.strip()
        for line in title_lines(cover).splitlines()
        if len(line.strip()) > 3 and not NOT_TITLE_LINE.search(line)
    ]
    if lines:
        # "Serious Case Review" alone, then the review's name: "Serious Case Review – Child K".
        named = len(lines) > 1 and KIND_ONLY.fullmatch(lines[0]) and len(lines[1].split()) <= 5
        return (f"{lines[0]} – {lines[1]}" if named else lines[0])[:200]
    return (hints.named or "Untitled document").rsplit("/", 1)[-1]


def _year(
    hints: Hints,
    cover: str,
    file_title: str | None,
    file_meta: dict[str, str] | None,
    following: str = "",
) -> tuple[int | None, str | None]:
    heading = hints.heading
    # The entry is read as a whole: "Annual report 2022 / Published 15 March 2023" was
    # published in 2023. The context usually starts with the link text.
    entry = hints.context or hints.link_text
    if hints.link_text and hints.context and hints.link_text not in hints.context:
        entry = f"{hints.link_text} / {hints.context}"
    elif hints.link_text and entry and entry.startswith(hints.link_text):
        # The title ends a clause: what it tells ("... murder: ...") is not what the date
        # after it is ("Child J's death: review published / 01 March 2016").
        entry = f"{hints.link_text} / {entry[len(hints.link_text) :]}"
    dated = (
        year_from_listing(entry, heading)
        or year_from_cover(cover)
        or year_from_running_lines(cover, following)
        or year_from_listing(file_title)
        or year_from_url(hints.named)
    )
    if dated:
        return dated
    if file_meta:
        return year_from_pdf_metadata(file_meta), None
    return None, None


# Documents about a year's or a season's work, whatever reviews they mention.
ROUNDUP = re.compile(
    r"annual report|newsletter|business plan|strategic plan|annual plan|minutes|annual update|"
    r"yearly report|adroddiad blynyddol",
    re.I,
)
# A title page's line that is only a marking, a page number or a document-sharing site's
# furniture.
FURNITURE_LINE = re.compile(
    r"^\W*(?:confidential|restricted|official(?:\W+sensitive)?|not\s+for\s+publication|"
    r"page\s+\d+(?:\s+of\s+\d+)?|\d+|more\s+info|document\s+sample|powered\s+by\s+\w+|"
    r"embed|download|report|share|"
    # a series' number: "Research Report DFE-RR157"
    r"research\s+(?:report|brief)\s+(?-i:[A-Z]{2,6}-?[A-Z]{0,3}\d{1,4}[a-z]?))\W*$",
    re.I,
)
# A letter's or a form's line that names the review it is about.
SUBJECT_LINE = re.compile(
    r"^\W*(?:re|subject|evaluation\s+of\s+(?:the\s+)?(?:serious\s+case|practice)\s+review|"
    r"initials\s+of\s+(?:the\s+)?(?:child|young\s+person))\b\s*[:\-–]",
    re.I,
)


def infer_metadata(
    hints: Hints,
    cover: str,
    file_title: str | None = None,
    file_meta: dict[str, str] | None = None,
    following: str = "",
    boards: BoardTable | None = None,
) -> Metadata:
    """`cover` is the text of the first page (the cover or title page), `following` the
    text of the next few pages, separated by form feeds (running headers, abbreviations
    the report defines); `boards` the board table (the bundled one when None)."""
    boards = boards if boards is not None else bundled_board_table()
    link_text, heading, context = plain_texts(hints.link_text, hints.heading, hints.context)
    hints = replace(hints, link_text=link_text, heading=heading, context=context)
    cover, following = join_quoted_lines(join_logo_lines(visible(cover))), visible(following)
    file_title = visible(file_title) if file_title else file_title
    if hints.link_text and FILE_NAME_TEXT.fullmatch(hints.link_text.strip()):
        hints = replace(hints, link_text=file_link_words(hints.link_text))
    # A file's name inside a line: "Download: Tollbury_CSPR_Child_J2_Final.pdf (PDF, 2.4MB)".
    hints = replace(
        hints,
        **{
            field: EMBEDDED_FILE.sub(lambda m: file_link_words(m.group(0)), text)
            for field in ("link_text", "heading", "context")
            if (text := getattr(hints, field)) and EMBEDDED_FILE.search(text)
        },
    )
    hints = replace(hints, heading=unglue(hints.heading) if hints.heading else hints.heading)
    pages_after = following  # running headers and footers are compared with these
    if following and len(cover.split()) < THIN_COVER_WORDS:
        # A first page of logos and a date (or a picture): the title page is the next.
        title_page, _, following = following.partition("\f")
        cover = f"{cover}\n{title_page}"
    cover = uncap(unglue(without_markings(cover[:3000])))
    # A link that is itself a list's entry is its own, then the line it stands in, then the
    # entry heading it.
    entry_text, entry = next(
        (
            (text, found)
            for text in (hints.link_text, _first_part(hints), hints.heading)
            if (found := read_entry(text)) is not None
        ),
        (None, None),
    )
    if entry:
        year, published = entry.year, entry.written
    else:
        year, published = _year(hints, cover, file_title, file_meta, pages_after)
    # Headlines in title case read with their common words in small letters, so that
    # capitals mark names ("Teenager Mason Was 'Let Down' By Agencies").
    link_text, context, heading = (
        sentence_case(t) for t in (hints.link_text, hints.context, hints.heading)
    )
    if link_text != hints.link_text and context and hints.link_text:
        # The entry's line starts with its link's text: that part read as the link is.
        context = context.replace(hints.link_text, link_text, 1)
    listing = [t for t in (hints.context, hints.link_text, hints.heading) if t]
    found = read_board(
        cover,
        following,
        file_title,
        listing,
        entry.place if entry else None,
        hints.board,
        year,
        boards,
    )
    exclude = place_words(found.name)
    for part in re.split(r"\s[-–—|]\s|:\s|[–—]", heading or ""):
        if boards.in_place(part.strip()):
            # A heading's place the table knows ("Fenmarsh – Serious Case Review") names no
            # child and no review.
            exclude |= frozenset(part.split())
    case = (
        entry.case
        if entry
        else read_case(link_text, context, heading, file_title, cover, hints.named, exclude)
    )
    texts = Texts(hints.link_text, file_title, hints.context, hints.heading, title_lines(cover))
    # The subject of a review a title or a headline names in passing ("Independent chair to
    # lead national review of child deaths in ..."), when nothing else names the case; a
    # thematic review's own title, read below, comes before it.
    passing = (
        None if case else reviewed_subject(link_text, heading, file_title, *cover.splitlines()[:4])
    )
    doc_type = find_doc_type(
        *texts.all[:-1],
        file_words(hints.named) if hints.named else None,
        # A document named after a case and nothing else is the review's report.
        default="overview-report" if case or passing else "other",
        own_title=texts.own_title,
    )
    # (what the texts say the document is)
    stated = stated_doc_type(*texts.all)
    doc_type = settle_doc_type(
        doc_type,
        texts,
        stated,
        case=case,
        passing=passing,
        board=found.name,
        cased_context=context,
        cover=cover,
        exclude=exclude,
    )
    if doc_type == "thematic-review" and not case:
        # A review of a theme or of many reviews is named by its own title when no pattern
        # read its subject.
        title = report_title_subject(_cover_title(cover), (hints.link_text, hints.heading), exclude)
        case = passing if _review_of(title, passing) else title
    case = case or passing
    if case and not entry and boards.in_place(AREA_TAIL.sub("", case)):
        # an area the table knows names no child and no review: "Lambeth Serious Case
        # Review - 2016 (PPTX, 144.2 KB)", "Haringey Children's Services Authority Area"
        case = None
    if case and not entry:
        case = _in_full(case, hints, file_title, cover)
    if case and doc_type == "other" and stated == "other":
        # An annual report, a newsletter or a register names many cases in its text; it is
        # one review's only when its title says so.
        # (the line beside an annual report or a newsletter lists what it covers)
        roundup = ROUNDUP.search(f"{hints.link_text} {hints.heading}") is not None
        beside = None if roundup else hints.context
        # (and a title page's lines below its title: "Reviews completed this year: ...")
        lines = cover.splitlines()
        # (a title page's first lines, not counting its markings and page furniture:
        # "CONFIDENTIAL", "Page 1 of 29")
        first = _first_lines(lines, 2 if roundup else 4)
        titles = (
            hints.link_text,
            hints.heading,
            beside,
            *lines[:first],
            # (a letter's or a form's line for the review, below its address: "Evaluation of
            # serious case review: Child V", "Initials of Child: KM")
            *([] if roundup else [line for line in lines[first:14] if SUBJECT_LINE.match(line)]),
        )
        said = " ".join(filter(None, titles))
        # (as read, unless a list goes on after it, or in its usual form: "Child A and
        # Child B" is "Children A and B")
        as_read = re.search(rf"{re.escape(case)}(?!\s*(?:,|&|\band\b))", said, re.I)
        if not as_read and normalise_case(case).lower() not in normalise_case(said).lower():
            case = None
    source = boards.known(hints.board) if hints.board else None
    source_name = source.name if source else hints.board
    return Metadata(
        title=_title(hints, file_title, cover, entry_text, case),
        case=case,
        board=found.name,
        year=year,
        published=published,
        doc_type=doc_type,
        area=found.area,
        publisher=source_name if source_name and source_name != found.name else None,
        keywords=catalogue_keywords(hints.context),
        description=_description(hints) if entry else None,
    )


def _review_of(title: str | None, passing: str | None) -> bool:
    """Whether a title is only a review of the subject read in passing, with words around
    it ("Wood Report Sector expert review of new multi-agency safeguarding arrangements",
    "National inquiry into kinship placements to begin in spring"); a title that ends in its
    place stays as it is ("... in Wales")."""
    return bool(
        title and passing and passing.lower() in title.lower() and without_place(title) == title
    )


def _in_full(case: str, hints: Hints, file_title: str | None, cover: str) -> str:
    """The case as a text spells it out: a ward, a home or a club named in full, and in
    English where a bilingual text gives it in both languages."""
    case = fuller_setting(
        case, (hints.heading, hints.link_text, hints.context, file_title, cover[:600])
    )
    case = spelled_initials(case, cover)
    return english_counterpart(case, (cover[:800], hints.heading, hints.link_text, hints.context))


def _first_lines(lines: list[str], count: int) -> int:
    """How many of a title page's lines hold its first `count` lines that are not a
    marking, a page number or a document-sharing site's furniture."""
    seen = 0
    for end, line in enumerate(lines, 1):
        if not FURNITURE_LINE.match(line):
            seen += 1
        if seen == count:
            return end
    return len(lines)


def _description(hints: Hints) -> str | None:
    """A catalogue entry's own text: its listing context after the link's words."""
    if not hints.context or " / " not in hints.context:
        return None
    return hints.context.split(" / ", 1)[1].strip() or None


def _cover_title(cover: str) -> str | None:
    """The title page's title: its first line that is not the board's name, a marking or a
    date, with the lines it wraps onto."""
    lines = [
        line.strip()
        for line in join_wrapped_title(title_lines(cover)).splitlines()
        if len(line.strip()) > 3
        and not NOT_TITLE_LINE.search(line)
        and not WELSH.search(line)
        and not KIND_ONLY.fullmatch(line.strip())
        and not names_only_its_kind(line)
        and not NATIONAL_PANEL.search(line)
        and not NATIONAL_BODY.fullmatch(line.strip())
        and not FURNITURE_LINE.match(line)
    ]
    return lines[0] if lines else None


def _first_part(hints: Hints) -> str | None:
    """The entry's own first line, as the listing's context starts with it."""
    return hints.context.split(" / ")[0] if hints.context else None


def case_id(
    board: str | None, case: str | None, year: int | None, area: str | None = None
) -> str | None:
    """A case is identified by its board's area + name + year, never by name alone."""
    if not case:
        return None
    parts = (area or board_key(board), slug(normalise_case(case)), str(year or "n-d"))
    return "-".join(p for p in parts if p)
