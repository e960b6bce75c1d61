"""What every export of a pack says, in the order it says it: the pack's lessons in the
trainer's order, grouped into runs of one case each, the case's short summary before its
first lessons, and each lesson's citation with links to the archived copy at the page (the
board's original may disappear) and to the original. The DOCX, Markdown and print exports
all write this outline, so they carry the same structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from index import Hit, LessonSearcher, SearchQuery

APP_NAME = "Case review lessons index"
SUMMARY_CHARS = 900
# A case's short summary comes from its shortest document that has one.
SUMMARY_DOC_TYPES = ("learning-brief", "executive-summary", "overview-report")
# Sections that tell the case (and not the document's own front matter).
CASE_SECTION = re.compile(r"summary|what happened|background|about the case|the case|famil|child")
FRONT_MATTER = re.compile(r"about this|review\b|contents|introduction", re.IGNORECASE)
# The number a text carries at its start ("3.2", "4.", "(b)", "Lesson 4:", "Q2."): a list
# style must not number it again.
OWN_NUMBER = re.compile(
    r"^\s*(?:\(?\d+(?:\.\d+)*[.):]?|\(?[a-z][.)]|(?:lesson|learning point|finding|"
    r"recommendation|question|q)\s*\d+(?:\.\d+)*\s*[:.)-]?)(?=\s)",
    re.IGNORECASE,
)
# A bullet the extraction left at the start of a record.
LEADING_BULLET = re.compile(r"^\s*[\u2022\u25aa\u25e6\u2023\u2013*-]\s+")


# The archived copy at a record's place (a PDF at its page, a web page or DOCX at its
# paragraph) as an absolute address, or None when the store has no copy.
ArchivedUrl = Callable[[Hit], "str | None"]


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Citation:
    text: str  # case, board, year, document, page
    archived: Link | None  # the app's archived copy, at the page
    original: Link | None  # the board's own address


@dataclass(frozen=True)
class Summary:
    text: str
    citation: Citation


@dataclass(frozen=True)
class Lesson:
    number: int
    heading: str  # "3. Child J - Lessons learned"
    text: str
    citation: Citation
    note: str


@dataclass
class CaseRun:
    """Consecutive lessons of one case; a case met again later in the pack is a new run
    whose summary is not repeated."""

    key: str
    heading: str
    summary: Summary | None
    continued: bool
    lessons: list[Lesson] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    title: str
    intro: str
    cases: list[str]  # "Child J (2015)", each case once
    runs: list[CaseRun]
    questions: list[str]
    subject: str


def has_own_number(text: str) -> bool:
    return bool(OWN_NUMBER.match(text))


def without_own_number(text: str) -> str:
    """A question as a numbered list shows it: the number the trainer typed left out."""
    return OWN_NUMBER.sub("", text, count=1).strip() or text.strip()


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _is_web(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("http://", "https://"))


def citation_text(hit: Hit) -> str:
    parts = [
        hit.case or "",
        hit.board or "",
        str(hit.year or ""),
        hit.title,
        f"page {hit.page}" if hit.page else "",
    ]
    return ", ".join(p for p in parts if p)


def cite(archived_url: ArchivedUrl, hit: Hit) -> Citation:
    archived = archived_url(hit)
    paged = archived is not None and "#page=" in archived
    label = f"Archived copy, page {hit.page}" if paged else "Archived copy"
    return Citation(
        text=citation_text(hit),
        archived=Link(label, archived) if archived else None,
        original=Link("Original", hit.source_url) if _is_web(hit.source_url) else None,
    )


def _plain(text: str) -> str:
    return LEADING_BULLET.sub("", text).strip()


def _short(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(_plain(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def summary_record(searcher: LessonSearcher, case_id: str) -> Hit | None:
    """The record that tells the case in short: a "summary" record of the case's
    shortest document that has one, from a section about the case rather than about the
    document."""
    records = searcher.reading_order(SearchQuery(case=case_id, kind="summary"))

    def rank(hit: Hit) -> tuple[int, int]:
        doc_rank = (
            SUMMARY_DOC_TYPES.index(hit.doc_type)
            if hit.doc_type in SUMMARY_DOC_TYPES
            else len(SUMMARY_DOC_TYPES)
        )
        section = (hit.section or "").lower()
        telling = CASE_SECTION.search(section) and not FRONT_MATTER.search(section)
        return (0 if telling else 1, doc_rank)

    # min() keeps the first of equals: within a rank, the first record in reading order.
    return min(records, key=rank, default=None)


def _numbered_heading(number: int, hit: Hit) -> str:
    heading = f"{number}. {hit.case or hit.title}"
    return heading + (f" - {hit.section}" if hit.section else "")


def _case_heading(hit: Hit) -> str:
    details = ", ".join(str(p) for p in (hit.board, hit.year) if p)
    name = hit.case or hit.title
    return f"{name} ({details})" if details else name


def _runs(items: list[tuple[Hit, str]]) -> Iterator[tuple[str, list[tuple[Hit, str]]]]:
    key, run = "", []
    for hit, note in items:
        item_key = hit.case_id or hit.doc_id
        if run and item_key != key:
            yield key, run
            run = []
        key = item_key
        run.append((hit, note))
    if run:
        yield key, run


def build_outline(
    title: str,
    items: list[tuple[Hit, str]],
    questions: list[str],
    searcher: LessonSearcher,
    archived_url: ArchivedUrl,
    today: date,
) -> Outline:
    runs: list[CaseRun] = []
    seen: set[str] = set()
    number = 0
    for key, run in _runs(items):
        first = run[0][0]
        summary = None
        if key not in seen and first.case_id:
            record = summary_record(searcher, first.case_id)
            in_pack = {hit.lesson_id for hit, _note in run}
            if record is not None and record.lesson_id not in in_pack:
                summary = Summary(_short(record.text), cite(archived_url, record))
        case_run = CaseRun(key, _case_heading(first), summary, continued=key in seen)
        seen.add(key)
        for hit, note in run:
            number += 1
            lesson = Lesson(
                number,
                _numbered_heading(number, hit),
                _plain(hit.text),
                cite(archived_url, hit),
                note,
            )
            case_run.lessons.append(lesson)
        runs.append(case_run)
    cases = list(
        dict.fromkeys(
            f"{hit.case} ({hit.year})" if hit.year else hit.case for hit, _n in items if hit.case
        )
    )
    count = f"{len(items)} lesson{'' if len(items) == 1 else 's'}"
    reviews = f"{len(cases)} published child safeguarding case review" + (
        "" if len(cases) == 1 else "s"
    )
    return Outline(
        title=title,
        intro=f"{count} from {reviews}. Prepared {long_date(today)}.",
        cases=cases,
        runs=runs,
        questions=[without_own_number(q) for q in questions],
        subject="Learning pack: lessons from child safeguarding case reviews"
        + (f" ({'; '.join(cases)})" if cases else ""),
    )
