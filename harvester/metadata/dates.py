"""Publication dates: from listing text, a cover page, a URL, a file's own metadata. Dates
inside the case narrative ("died in March 2016", "Date of incident: ..."), file sizes
("2013KB") and the years of statutes and guidance ("Working Together to Safeguard Children
2015") are never taken for the publication date."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from harvester.metadata.text import file_words

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
# Welsh months, as bilingual covers write them ("Cyhoeddwyd: Ebrill 2021").
WELSH_MONTHS = (
    "ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr"
)
MONTHS |= {name: i + 1 for i, name in enumerate(WELSH_MONTHS.split())}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + _MONTH_NAMES + r")\.?"
_YEAR4 = r"(?P<year>(?:19|20)\d\d)"
DATE_PATTERNS = [
    # 29th November 2019, 3 March 2021, 1st of May 2017
    re.compile(
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I
    ),
    # July 2015, Oct 2014, November, 2006
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I),
    # 12-Mar-2019, 12 Mar-2019: a council's content system's date
    re.compile(r"\b\d{1,2}[-\s]" + _MONTH + r"-" + _YEAR4 + r"\b", re.I),
    # Spring 2017: a season is as good as a month for the year
    re.compile(r"\b(?:spring|summer|autumn|winter)(?:\s+term)?\s+" + _YEAR4 + r"\b", re.I),
    # 13.03.18, 13/03/2018, 13-03-18 (day first, as English boards write them)
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})[./-](?P<mon>\d{1,2})[./-](?P<year>(?:19|20)?\d\d)(?![\d])"
        r"(?![./-]\d)"
    ),
    # June 2, 2015; Jan 9, 2018 (as American-style news sites write them)
    re.compile(r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,\s+" + _YEAR4 + r"\b", re.I),
    # 10 May 07 05:40 GMT, Mon 02 Dec 19, "Updated 4:37pm, 30 Nov 17": a news site's date
    # line, its year in two digits before a time, after a weekday or ending the line
    re.compile(r"\b\d{1,2}\s+" + _MONTH + r"\s+(?P<year>\d\d)(?=,?\s+\d{1,2}[:.]\d\d\b)", re.I),
    re.compile(
        r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\d{1,2}\s+" + _MONTH + r"\s+(?P<year>\d\d)\b",
        re.I,
    ),
    re.compile(r"\b\d{1,2}\s+" + _MONTH + r"\s+(?P<year>\d\d)(?=[ \t]*(?:$|[·|]))", re.I | re.M),
    # 2015-07-01, 2020-12-02T06:00:00
    re.compile(r"\b" + _YEAR4 + r"-[01]\d-[0-3]\d(?:\b|(?=T\d))"),
    # 03/2019: a month and year (not a review's code: "CYSUR 3/2017")
    re.compile(r"(?<![\d./-])(?<![A-Z] )(?P<mon>0?[1-9]|1[0-2])/" + _YEAR4 + r"(?![\d./-])"),
]
# A year on its own: "Child A (2006)", "2017". Not part of a number, a date, a range
# ("2018-19", "2015 - 2019", "2010 to 2015") or a file size ("2013KB").
_RANGE = r"\s*(?:[-–—/]|to)\s*"
BARE_YEAR = re.compile(
    r"(?<![\d./,£$-])" + _YEAR4 + r"(?![\d/-]|\.\d)(?!\s*(?:[kmg]i?b|bytes?|pages?|words?)\b)"
    r"(?!" + _RANGE + r"(?:19|20)?\d\d\b)",
    re.I,
)
RANGE_BEFORE = re.compile(r"(?:19|20)\d\d" + _RANGE + r"$", re.I)
# A Welsh review's code before its year: "DYFAL 2 2020", "WB B 15 2014".
CODE_BEFORE = re.compile(r"\b[A-Z]{2,9}\s+(?:[A-Z]\s+)?[A-Z]?\d{1,3}\s+$")
# "Children Act 1989", "Working Together to Safeguard Children 2015", "... Regulations 2006"
STATUTE_BEFORE = re.compile(
    r"(?:\bAct|\bRegulations?|\bTogether(?:\s+to\s+Safeguard\s+Children)?|\bGuidance|\bOrder|"
    r"\bRules|\bFramework|\bStandards|\bProcedures)\s*(?:\(\w+\)\s*)?$",
    re.I,
)
# Where a date's clause starts: after a sentence, a listing separator or a bracket.
# A weekday starts a date line of its own: a post's or an article's date ("By Jo Bloggs
# Wednesday, 8th December 2021"), whatever the headline before it told.
# (a sentence's end may be inside a quotation: "... before she died.' The Independent, 14th
# March 2019"; a weekday may be short: "Fri 19 Feb 2016 10.05 GMT")
CLAUSE_BREAK = re.compile(
    r"[.!?;]['’\"”]?(?=\s)|\n|\s/\s|\||\(|\)|"
    r"(?<!\bon\s)(?<!\bOn\s)\b(?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s)|"
    r"(?<!\bon\s)(?<!\bOn\s)\b(?=(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun),?\s+\d)"
)
PUBLICATION_LABEL = re.compile(
    r"\b(?:published|publication|issued|released|posted|uploaded|added|cyhoeddwyd|cyhoeddi)\b|"
    r"\bpublish\s+date\b|"
    # a library record's "Publisher: Saxonford Safeguarding Children Board, 2016"
    r"^\W*publisher\s*:|"
    r"©|\bcopyright\b",
    re.I,
)
REPORT_LABEL = re.compile(
    r"\b(?:dated|final|version|v\d+(?:\.\d+)*|report date|date of report|"
    r"date of issue|completed|updated?|revised|agreed\s+by|edition)\b|\bdate\s*(?::|$)|"
    r"\bagreed\s*:",
    re.I,
)
# A date the sentence then says the report came out on: "... Partnership on 11 October 2023
# published its practice review".
PUBLISHED_AFTER = re.compile(r"\s*,?\s*(?:published|publishes|released|put\s+out)\b", re.I)
# A statement's date is the item's, whatever the sentence told before: "the man who killed
# ..., the board said on 11 April 2019".
SAID_ON = re.compile(r"\b(?:said|says|announced|confirmed)\s+(?:on\s+)?$", re.I)
# Dates to come: "Next review: 19 February 2026".
NOT_PUBLISHED = re.compile(r"\b(?:next\s+review|review\s+date|expir(?:y|es))\b", re.I)
UPDATED = re.compile(r"\b(?:(?:last\s+)?updated|modified|amended)\b", re.I)
# An embargo's date is the publication's.
# ("NOT FOR PUBLICATION BEFORE 10.00 hrs 22 May 2014", "... BEFORE 00.01 TUESDAY 8 DECEMBER")
EMBARGO = re.compile(
    r"\b(?:publication|embargoed|release[ds]?)\s+(?:until|before)\s*"
    r"(?:\d{1,2}[.:]\d{2}\s*(?:hrs|am|pm)?\s*)?(?:on\s+)?(?:[a-z]+day,?\s+)?$",
    re.I,
)
# Words that put a date in the case's story rather than on the report.
NARRATIVE = re.compile(
    r"\b(?:died|dies|death|deaths|dead|born|birth|killed|murder\w*|injur\w*|admitted|"
    r"hospital\w*|incident|assault\w*|attack\w*|found|seen|saw|visited|occurred|happened|"
    r"took place|aged|between|during|since|until|moved|removed|referred|disclosed|"
    r"convicted|sentenced|trial|missing|arrested|harmed|suffered|taken|when|while|"
    r"lived|living|attended|placed|stabbed|abused|commission(?!er)\w*|decided|decision|required|"
    r"undertake|initiated|period|covers?|covered|scope|before|prior|after)\b",
    re.I,
)
# What may stand beside a date on a cover line of its own ("Final version, September 2013").
DATE_LINE_FILLER = re.compile(
    r"^(?:[\s,.:;|()\[\]–—-]|final|draft|version|v?\d+(?:\.\d+)*|published|updated|report|"
    r"date|issued|by|on|in)*$",
    re.I,
)

# A document-sharing site's line over a first page: "Post on 09-Jul-2020", "Uploaded ...".
SHARED_ON = re.compile(r"^\s*(?:post\s+on|upload\s*:)", re.I)

# A table row or a numbered item: its dates are the table's ("1 | Audit | March 2016").
TABLE_OR_LIST_LINE = re.compile(r"^\s*(?:\d+[.)]?\s|[-•*])|.*\|")

# --- dates --------------------------------------------------------------------------------


class _Date(NamedTuple):
    start: int
    end: int
    year: int
    written: str
    full: bool  # a written date, not a bare year


def _valid_day(match: re.Match[str]) -> bool:
    return 1 <= int(match.group("day")) <= 31 and 1 <= int(match.group("mon")) <= 12


def _full_dates(text: str) -> list[_Date]:
    found: list[_Date] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if match.groupdict().get("day") and not _valid_day(match):
                continue
            year = int(match.group("year"))
            if year < 100:
                year += 2000 if year < 70 else 1900
            found.append(_Date(match.start(), match.end(), year, match.group(0), True))
    # Overlapping matches ("29th November 2019" and "November 2019"): keep the longest.
    found.sort(key=lambda d: (d.start, -d.end))
    kept: list[_Date] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return kept


def _dates(text: str) -> list[_Date]:
    """Every written date and bare year in `text`, in order."""
    full = _full_dates(text)
    bare = [
        _Date(m.start(), m.end(), int(m.group("year")), m.group(0), False)
        for m in BARE_YEAR.finditer(text)
        if not any(d.start <= m.start() < d.end for d in full)
        and not STATUTE_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
        and not RANGE_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
        and not CODE_BEFORE.search(text[max(0, m.start() - 14) : m.start()])
    ]
    return sorted(full + bare)


def _clause_start(text: str, end: int) -> int:
    start = 0
    # (the whole text: a break's lookahead may read past the date's start)
    for match in CLAUSE_BREAK.finditer(text):
        if match.end() > end:
            break
        start = match.end()
    return start


def _score(text: str, date: _Date, previous_end: int, listing: bool = False) -> int:
    """4: a publication date, 3: another report date (version, "Date:"), 2: a date with no
    label, 1: (in a listing) the date of a later update, 0: a date of the case's story."""
    clause = text[max(previous_end, _clause_start(text, date.start)) : date.start]
    labels = [m.end() for m in PUBLICATION_LABEL.finditer(clause)]
    if labels and not NARRATIVE.search(clause, labels[-1]):
        return 4
    if EMBARGO.search(clause):  # "NOT FOR PUBLICATION UNTIL 9 February 2023"
        return 4
    if PUBLISHED_AFTER.match(text, date.end):
        return 4
    if SAID_ON.search(clause):
        return 2
    if NARRATIVE.search(clause) or NOT_PUBLISHED.search(clause):
        return 0
    if listing and previous_end and UPDATED.search(clause):
        # A news item's later change, after the date it was first put out (a cover's
        # "Updated" date is its version's, and a post's first date may be "Updated on").
        return 1
    if REPORT_LABEL.search(clause):
        return 3
    return 2


def _scored(text: str, listing: bool = False) -> list[tuple[int, _Date]]:
    scored = []
    previous_end = 0
    for date in _dates(text):
        scored.append((_score(text, date, previous_end, listing), date))
        previous_end = date.end
    return scored


def find_date(text: str) -> tuple[int, str] | None:
    """The first written date in `text`, as (year, the text as written)."""
    found = _full_dates(text)
    return (found[0].year, found[0].written) if found else None


def _best(scored: list[tuple[int, _Date]]) -> tuple[int, str] | None:
    """The most trusted date: labelled first, then a written date before a bare year,
    then the first."""
    usable = [(s, d) for s, d in scored if s > 0]
    if not usable:
        return None
    _score, date = min(usable, key=lambda sd: (-sd[0], not sd[1].full, sd[1].start))
    return date.year, date.written


def year_from_listing(*texts: str | None) -> tuple[int, str] | None:
    """The publication date in the first listing text that has one: a labelled date
    ("published 29th November 2019") before an unlabelled one, a written date before a
    bare year; dates of the case's story are skipped."""
    for text in texts:
        if text:
            found = _best(_scored(text, listing=True))
            if found:
                return found
    return None


def year_from_cover(cover: str) -> tuple[int, str] | None:
    """A date on the cover page next to a label such as "Date of publication", or on a line
    of its own ("September 2013"), else a written date ending a line. Dates in the case's
    story are never used."""
    candidates: list[tuple[int, int, _Date]] = []
    offset = 0
    for line in cover.splitlines(keepends=True):
        if SHARED_ON.match(line):
            # (a document-sharing site's date of the upload, not the document's)
            offset += len(line)
            continue
        # A bilingual line's " / " parts one label and its date: "Dyddiad cyhoeddi /
        # Publication date: 14 Ebrill / April 2016".
        line = line.replace(" / ", "   ")
        for score, date in _scored(line):
            if score == 2:
                rest = line[: date.start] + line[date.end :]
                if DATE_LINE_FILLER.match(rest):
                    score = 2
                else:
                    # A month and year closing a line of the title page ("Child D
                    # Overview Report April 2016 Final", an author's "Jo Bloggs March
                    # 2019"): trusted after every other kind.
                    ending = (
                        date.full
                        and DATE_LINE_FILLER.match(line[date.end :])
                        and not TABLE_OR_LIST_LINE.match(line)
                    )
                    score = 1 if ending else 0
            if score:
                candidates.append((score, offset + date.start, date))
        offset += len(line)
    if not candidates:
        return None
    _score_, _start, date = min(candidates, key=lambda c: (-c[0], c[1]))
    return date.year, date.written


def year_from_url(url: str | None) -> tuple[int, str] | None:
    """A date in the file's name ("...-may-2014.pdf"), else a year folder
    ("/wp-content/uploads/2019/07/")."""
    if not url:
        return None
    folders = unquote(urlsplit(url).path).rpartition("/")[0]
    # "Aug2011" -> "Aug 2011"
    words = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", file_words(url))
    dates = _dates(words)
    if dates:
        best = min(dates, key=lambda d: (not d.full, d.start))
        return best.year, best.written
    for folder in reversed(folders.split("/")):
        if re.fullmatch(r"(?:19|20)\d\d", folder):
            return int(folder), folder
    return None


def year_from_pdf_metadata(metadata: dict[str, str]) -> int | None:
    """The file's creation date (an edit made later, such as redaction, changes only the
    modification date)."""
    for key in ("CreationDate", "ModDate"):
        match = re.match(r"(?:D:)?((?:19|20)\d\d)", metadata.get(key) or "")
        if match:
            return int(match.group(1))
    return None


def _without_page_number(line: str) -> str:
    return re.sub(
        r"(?:\s*(?:page\s*)?\d{1,3}(?:\s*of\s*\d{1,3})?)\s*$", "", line.strip(), flags=re.I
    )


def year_from_running_lines(cover: str, following: str) -> tuple[int, str] | None:
    """A written date in a line the first page shares with the next pages (a running
    header or footer: "Stonebeck Safeguarding Children Partnership | LCSPR Child S | March
    2023   1"), page numbers aside."""
    later = {_without_page_number(line) for line in following.splitlines() if line.strip()}
    for line in cover.splitlines():
        core = _without_page_number(line)
        if core and core in later:
            found = find_date(core)
            if found:
                return found
    return None


_ANY_MONTH = r"(?i:" + _MONTH_NAMES + r")\.?"
# A date a list or a news page sets before an item's title, with a mark between: "12 March
# 2019 – Child W overview report", "March 2019: ...", "12/03/2019 | ...".
LEADING_DATE = re.compile(
    r"^\W*(?P<date>(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    + _ANY_MONTH
    + r",?\s+(?:19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d\d|(?:19|20)\d\d-\d\d-\d\d))"
    r"\s*[-–—:|]\s+(?=\S)"
)


def split_leading_date(text: str) -> tuple[str, str]:
    """The date set before a title, and the title: ("", text) when there is none."""
    match = LEADING_DATE.match(text)
    return (match.group("date"), text[match.end() :]) if match else ("", text)
