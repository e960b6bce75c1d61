"""Metadata from what a person would read: case name, publication year, document type,
board and title. Sources are tried in order of trust: the listing context, then the cover
page, then the file's own title and URL, then file metadata. Dates inside the case
narrative ("died in March 2016", "Date of incident: ..."), file sizes ("2013KB") and the
years of statutes and guidance ("Working Together to Safeguard Children 2015") are never
taken for the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

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
    # 29th November 2019, 3 March 2021, 1st of May 2017
    re.compile(
        r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I
    ),
    # July 2015, Oct 2014, November, 2006
    re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR4 + r"\b", re.I),
    # Spring 2017: a season is as good as a month for the year
    re.compile(r"\b(?:spring|summer|autumn|winter)\s+" + _YEAR4 + r"\b", re.I),
    # 13.03.18, 13/03/2018, 13-03-18 (day first, as English boards write them)
    re.compile(
        r"(?<![\d.])(?P<day>\d{1,2})[./-](?P<mon>\d{1,2})[./-](?P<year>(?:19|20)?\d\d)(?![\d])"
        r"(?![./-]\d)"
    ),
    # 2015-07-01
    re.compile(r"\b" + _YEAR4 + r"-[01]\d-[0-3]\d\b"),
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
# "Children Act 1989", "Working Together to Safeguard Children 2015", "... Regulations 2006"
STATUTE_BEFORE = re.compile(
    r"(?:\bAct|\bRegulations?|\bTogether(?:\s+to\s+Safeguard\s+Children)?|\bGuidance|\bOrder|"
    r"\bRules|\bFramework|\bStandards|\bProcedures)\s*(?:\(\w+\)\s*)?$",
    re.I,
)
# Where a date's clause starts: after a sentence, a listing separator or a bracket.
CLAUSE_BREAK = re.compile(r"[.!?;](?=\s)|\n|\s/\s|\||\(|\)")
PUBLICATION_LABEL = re.compile(
    r"\b(?:published|publication|issued|released|posted|uploaded)\b|©|\bcopyright\b", re.I
)
REPORT_LABEL = re.compile(
    r"\b(?:date\s*:|dated|final|version|v\d+(?:\.\d+)*|report date|date of report|"
    r"date of issue|completed|updated?|revised|agreed)\b|\bdate\s*$",
    re.I,
)
# Words that put a date in the case's story rather than on the report.
NARRATIVE = re.compile(
    r"\b(?:died|dies|death|deaths|dead|born|birth|killed|murder\w*|injur\w*|admitted|"
    r"hospital\w*|incident|assault\w*|attack\w*|found|seen|saw|visited|occurred|happened|"
    r"took place|aged|between|during|since|until|moved|removed|referred|disclosed|"
    r"convicted|sentenced|trial|missing|arrested|harmed|suffered|taken|when|while|"
    r"lived|living|attended|placed|stabbed|abused)\b",
    re.I,
)
# What may stand beside a date on a cover line of its own ("Final version, September 2013").
DATE_LINE_FILLER = re.compile(
    r"^(?:[\s,.:;|()\[\]–—-]|final|draft|version|v?\d+(?:\.\d+)*|published|updated|report|"
    r"date|issued|by|on|in)*$",
    re.I,
)

# --- case names ---------------------------------------------------------------------------

_ID = r"[A-Z]{1,2}\d{0,2}"
_QUOTED_ID = r"['‘“\"]?" + _ID + r"['’”\"]?"
CASE_PATTERNS = [
    re.compile(
        r"\b(?:Child(?:ren)?|Siblings?|Young\s+(?:People|Persons?))\s+"
        + _QUOTED_ID
        + r"(?![A-Za-z])"
        r"(?:\s*(?:,|and|&)\s*" + _ID + r"\b(?![a-z]))*"
    ),
    re.compile(
        r"\bBaby\s+(?:" + _ID + r"(?![A-Za-z])|[A-Z][a-z]+\b)|"
        r"\b(?:Young Person|Infant|Adolescent)\s+" + _ID + r"(?![A-Za-z])"
    ),
    re.compile(r"\bFamily\s+" + _ID + r"\b(?![a-z])"),
]
# "T Family", "the K family", "the Z siblings" (lower case only after "the": "a family" is
# not one)
LETTER_FAMILY = re.compile(
    r"\b(?P<the>[Tt]he\s+)?(?P<id>" + _ID + r")\s+(?P<family>[Ff]amily|[Ss]iblings|[Cc]hildren)\b"
)
# Two-letter words that follow "CHILD" in capitals without being a case ("CHILD IN NEED").
SHORT_WORDS = {
    "IN", "OF", "ON", "AT", "TO", "IS", "AS", "BY", "OR", "AN", "NO", "SO", "IT", "IF",
    "WE", "DO", "BE", "MY", "UP", "US", "ME", "HE", "GO",
}  # fmt: skip

_NAME = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAMES = _NAME + r"(?:(?:\s*,\s*" + _NAME + r")*\s+(?:and|&)\s+" + _NAME + r")?"
_OPEN_QUOTE = r"['‘“\"]"
_CLOSE_QUOTE = r"['’”\"]"
# "Highlighting lessons from Harry (2019)", "Learning from the review into 'Ruby'"
PSEUDONYM = re.compile(
    r"(?i:lessons from|learning from|review of|review into|review concerning|case of|"
    r"in respect of|concerning|story of|death of|injuries to|murder of)\s+(?:the\s+)?"
    + _OPEN_QUOTE
    + r"?"
    r"(?P<name>" + _NAMES + r")\b(?!['’]s\b)"
)
# "the Tyler review", "the Archie case"
NAMED_REVIEW = re.compile(
    r"\b(?i:the)\s+(?P<name>" + _NAMES + r")\s+(?i:review|case|scr|cspr|serious case review)\b"
)
# "Jayden's story", "Harry's review"
POSSESSIVE_NAME = re.compile(r"\b(?P<name>" + _NAME + r")['’]s\s+(?i:story|review|case)\b")
# A pseudonym in quotes: "Child Safeguarding Practice Review: 'Archie'"
QUOTED_NAME = re.compile(_OPEN_QUOTE + r"(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE)
# A listing entry or card titled with a pseudonym: "Harry - Executive Summary", "Harry",
# "Noah (2021) - 7 minute briefing".
LEADING_NAME = re.compile(
    r"^" + _OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?"
    r"(?:\s*\([^)]*\))?(?:\s*[-–—:|/]\s*\S|\s*$)"
)
# A name standing alone between a title's separators, after the document's type: "7 minute
# briefing: Poppy and Max", "CSPR – Kai – Published 2024". Trusted only when the document
# itself shows the name as a person (see _corroborated).
TITLE_SEPARATOR = re.compile(r"\s[-–—|/]\s|:\s|\s[–—]|[–—]\s|\(|\)")
NAME_SEGMENT = re.compile(_OPEN_QUOTE + r"?(?P<name>" + _NAMES + r")" + _CLOSE_QUOTE + r"?")
PERSON_VERBS = r"(?:was|were|had|lived|died|became|moved|attended|suffered|experienced)"
NOT_NAMES = {
    "The", "A", "An", "This", "That", "These", "Our", "Your", "What", "Why", "How", "Who",
    "When", "Where", "Key", "New", "Final", "Full", "Draft", "Redacted", "Updated", "Update",
    "Serious", "Case", "Cases", "Reviews", "Review", "Local", "Previous", "Child", "Children",
    "Baby", "Babies", "Family", "Families", "Young", "People", "Person", "Parents", "Carers",
    "Executive", "Summary", "Summaries", "Learning", "Lessons", "Lesson", "Professional",
    "Professionals", "Practice", "Practitioners", "Board", "Boards", "Partnership",
    "Partnerships", "Thematic", "Themed", "Archive", "Archived", "Briefing", "Briefings",
    "Brief", "Briefs", "Action", "Actions", "Plan", "Plans", "Overview", "Report", "Reports",
    "Documents", "Document", "Download", "Downloads", "Home", "Leaflet", "Leaflets",
    "Publications", "Publication", "Resources", "Resource", "Safeguarding", "Research",
    "Guidance", "Contact", "About", "News", "Newsletter", "Newsletters", "Training",
    "Published", "Introduction", "Contents", "Page", "Pages", "Seven", "Minute", "Multi",
    "Response", "Responses", "Rapid", "National", "Other", "Older", "Annual", "Referral",
    "Referrals", "Terms", "Template", "Templates", "Information", "Read", "View", "Click",
    "Open", "Link", "Links", "Here", "More", "Appendix", "Findings", "Recommendations",
    "Analysis", "Background", "Conclusion", "Conclusions", "Foreword", "Agenda", "Minutes",
    "Policy", "Procedures", "Strategy", "Audit", "Audits", "Updates", "Events", "Services",
    "Team", "Council", "County", "City", "Borough", "Health", "Police", "Education",
    "Social", "Care", "Early", "Help", "Neglect", "Abuse", "Bruising", "Exploitation",
    "Sleep", "Crying", "Fathers", "Men", "Adolescents", "Teenagers", "Infants", "Suicide",
    "Harm", "Disability", "Housing", "Poverty", "Culture", "Trauma", "Grooming", "Drugs",
    "Alcohol", "Domestic", "Parental", "Mental", "Voice", "Curiosity", "Compliance",
    "Escalation", "Thresholds", "Assessment", "Supervision", "Drift", "Delay", "Kinship",
    "Online", "Knife", "Crime", "Gangs", "Lines", "Spring", "Summer", "Autumn", "Winter",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Word", "Pdf", "Version", "Date", "Author", "Chair",
}  # fmt: skip
# Topic words and abstract nouns are not pseudonyms ("Briefing: Exploitation").
NOT_NAME_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|ing|ings)$")

# --- document types -----------------------------------------------------------------------

# Phrases that name the document itself. In each text the earliest one wins; a text with
# none of them leaves the decision to the next text.
DOC_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "other",
        re.compile(
            r"annual report|newsletter|referral form|referral for consideration|"
            r"terms of reference|\btemplate\b|information for (?:families|parents|children|"
            r"young people)|(?:leaflet|guide) for (?:families|parents)|business plan|"
            r"strategic plan|minutes of",
            re.I,
        ),
    ),
    (
        "learning-brief",
        re.compile(
            r"7[\s-]*minute|seven[\s-]*minute|\b7MB(?=[\s_-]+\w)|learning brief|briefing|"
            r"leaflet|learning summary|learning lessons|practice brief|learning note|"
            r"key learning|practice points|practice guide|key messages|learning points",
            re.I,
        ),
    ),
    ("executive-summary", re.compile(r"exec(?:utive|\.)?\s*summary", re.I)),
    (
        "action-plan",
        re.compile(
            r"action plan|board response|management response|partnership response|"
            r"response to the|improvement plan",
            re.I,
        ),
    ),
    ("thematic-review", re.compile(r"thematic|themed review", re.I)),
    ("overview-report", re.compile(r"overview report|full report|final report", re.I)),
]
# Words that only say what kind of work the document belongs to.
WEAK_DOC_TYPE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("learning-brief", re.compile(r"learning from|lessons from", re.I)),
    (
        "overview-report",
        re.compile(
            r"serious case review|safeguarding practice review|\bSCR\b|\bCSPR\b|case review|"
            r"learning review",
            re.I,
        ),
    ),
]
# Numbered body text ("1.1 ...") and contents lines ("Executive summary ..... 3") on a
# first page are not the document's title.
BODY_LINE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?\s|section\s+\d)|\.{4,}|\s\d{1,3}\s*$", re.I)

# --- boards -------------------------------------------------------------------------------

_PLACE_WORD = r"[A-Z][\w'’&.-]*"
_PLACE = (
    _PLACE_WORD + r"(?:[ \t]+(?:(?:and|&|of|upon|on|in|the|under)[ \t]+)?" + _PLACE_WORD + r"){0,5}"
)
_BOARD_SUFFIX = (
    r"(?:Local\s+)?Safeguarding\s+Children(?:['’]s)?\s+(?:Board|Partnership(?:\s+Board)?|"
    r"Multi-Agency\s+Partnership)|Children(?:['’]s)?\s+Safeguarding\s+(?:Board|Partnership)|"
    r"Safeguarding\s+(?:Board|Partnership)|Area\s+Child\s+Protection\s+Committee"
)
# The words naming the place share a line with the name's first word; the rest may wrap.
BOARD_PATTERN = re.compile(
    r"(?P<place>" + _PLACE + r")[ \t]+(?P<suffix>" + _BOARD_SUFFIX + r")(?![\w'’])"
)
# A logo's lettering: the place on a line of its own, the rest of the name below it.
WRAPPED_BOARD_PATTERN = re.compile(
    r"^[ \t]*(?P<place>" + _PLACE + r")[ \t]*\n[ \t]*(?P<suffix>" + _BOARD_SUFFIX + r")(?![\w'’])",
    re.M,
)
BOARD_ABBREVIATION = re.compile(
    r"(?P<place>" + _PLACE + r")[ \t]+(?P<suffix>LSCB|LSCP|SCB|SCP|CSP)\b"
)
# Words before a board's place name that are not part of it ("Serious Case Review Fenmarsh
# Safeguarding Children Board", "Published By Oakbridge ...").
NOT_PLACE = NOT_NAMES - {"City", "County", "Borough"} | {
    "By", "For", "From", "With", "Commissioned", "Agreed", "Produced", "Prepared", "Lead",
    "Reviewer", "Independent", "Copyright", "And", "Of", "On", "In", "Under", "Upon", "Is",
}  # fmt: skip
BOARD_KEY_SUFFIX = re.compile(
    r"\s*(?:\((?:L?SC[BP]|CSP)\)\s*)?\b(?:" + _BOARD_SUFFIX + r"|L?SC[BP]|CSP)\b.*$",
    re.I | re.S,
)
# Lines set in capitals are read in title case, keeping abbreviations and initials.
KEEP_UPPER = {"SCR", "CSPR", "LSCB", "LSCP", "SCB", "SCP", "CSP", "NHS", "CSE", "CCE", "FGM"}
LOWER_WORDS = {"AND", "OF", "THE", "IN", "ON", "UPON", "BY", "FOR", "TO", "AT", "FROM", "WITH"}

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
    ]
    return sorted(full + bare)


def _clause_start(text: str, end: int) -> int:
    start = 0
    for match in CLAUSE_BREAK.finditer(text, 0, end):
        start = match.end()
    return start


def _score(text: str, date: _Date, previous_end: int) -> int:
    """4: a publication date, 3: another report date (version, "Date:"), 2: a date with no
    label, 0: a date of the case's story."""
    clause = text[max(previous_end, _clause_start(text, date.start)) : date.start]
    labels = [m.end() for m in PUBLICATION_LABEL.finditer(clause)]
    if labels and not NARRATIVE.search(clause, labels[-1]):
        return 4
    if NARRATIVE.search(clause):
        return 0
    if REPORT_LABEL.search(clause):
        return 3
    return 2


def _scored(text: str) -> list[tuple[int, _Date]]:
    scored = []
    previous_end = 0
    for date in _dates(text):
        scored.append((_score(text, date, previous_end), date))
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
            found = _best(_scored(text))
            if found:
                return found
    return None


def year_from_cover(cover: str) -> tuple[int, str] | None:
    """A date on the cover page next to a label such as "Date of publication", or on a line
    of its own ("September 2013"). Dates in the case's story are never used."""
    candidates: list[tuple[int, int, _Date]] = []
    offset = 0
    for line in cover.splitlines(keepends=True):
        for score, date in _scored(line):
            if score == 2:
                rest = line[: date.start] + line[date.end :]
                score = 2 if DATE_LINE_FILLER.match(rest) else 0
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
    words = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", _file_words(url))
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


# --- case names ---------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.-")


def _uncap(text: str) -> str:
    """Lines set in capitals, read in title case: "OAKBRIDGE LOCAL SAFEGUARDING CHILDREN
    BOARD" -> "Oakbridge Local Safeguarding Children Board", "CHILD K2" -> "Child K2"."""
    if not re.search(r"[A-Z]{4}", text):
        return text
    lines = []
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 4 and all(c.isupper() for c in letters):
            words = []
            for i, word in enumerate(line.split(" ")):
                core = word.strip("()[],.:;'’\"“”")
                keep = core in KEEP_UPPER or any(ch.isdigit() for ch in core)
                if keep or (len(core) <= 2 and core not in SHORT_WORDS):
                    words.append(word)
                elif i and core in LOWER_WORDS:
                    words.append(word.lower())
                else:
                    words.append(word.capitalize())
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


def normalise_case(name: str) -> str:
    """The canonical form used for case identity: "T Family" and "Family T" are one case."""
    name = _clean_name(re.sub(r"[‘’“”\"]|(?<!\w)'|'(?!\w)", "", name))
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    family = re.fullmatch(r"(" + _ID + r") [Ff]amily", name)
    if family:
        return f"Family {family.group(1)}"
    return re.sub(r"\s*&\s*", " and ", name)


def _structured_case(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern in CASE_PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), _clean_name(re.sub(r"['‘’“”\"]", "", match.group(0))))
    for match in LETTER_FAMILY.finditer(text):
        if best is not None and match.start() >= best[0]:
            break
        the, letters, family = match.group("the"), match.group("id"), match.group("family")
        if the or (family == "Family" and letters not in ("A", "I")):
            best = (match.start(), f"{letters} {family.capitalize()}")
            break
    return best[1] if best else None


def _is_name(name: str, exclude: frozenset[str] = frozenset()) -> bool:
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", name):
        if not part:
            continue
        if part in NOT_NAMES or part in exclude or NOT_NAME_ENDING.search(part):
            return False
    return True


def _pseudonym(text: str, exclude: frozenset[str] = frozenset()) -> str | None:
    for pattern in (PSEUDONYM, QUOTED_NAME, NAMED_REVIEW, POSSESSIVE_NAME, LEADING_NAME):
        for match in pattern.finditer(text):
            if _is_name(match.group("name"), exclude):
                return _clean_name(match.group("name"))
    return None


def _corroborated(name: str, document: str) -> bool:
    """The document shows `name` as a person: on a line of its own, or doing something
    ("Poppy (4) and Max (2) were found", "Leo was 16")."""
    first = re.split(r"\s*(?:,|\band\b|&)\s*", name)[0]
    if re.search(r"^\s*" + _OPEN_QUOTE + r"?" + re.escape(name) + r"\W*$", document, re.M):
        return True
    return (
        re.search(
            r"\b" + re.escape(first) + r"(?:['’]s\b|(?:\s*\(\d+\))?(?:\s+and\s+[A-Z][a-z]+"
            r"(?:\s*\(\d+\))?)?\s+" + PERSON_VERBS + r"\b)",
            document,
        )
        is not None
    )


def find_case(*texts: str | None, exclude: frozenset[str] = frozenset()) -> str | None:
    """The case name as the board writes it ("T Family", "Child J", "Harry"), from the
    first text that has one; pseudonyms only when no text names a case the usual way."""
    present = [t for t in texts if t]
    for text in present:
        found = _structured_case(text)
        if found:
            return found
    for text in present:
        name = _pseudonym(text, exclude)
        if name:
            return name
    return None


def _file_words(url: str) -> str:
    """The words of a URL's file name: "SCR_ChildA_ExecSummary_2006.pdf" -> "SCR Child A
    Exec Summary 2006"."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_.+\s]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)).strip()


def _case_from_url(url: str | None) -> str | None:
    if not url:
        return None
    words = _file_words(url)
    match = re.search(r"\b(child(?:ren)?|baby|family)\s+([a-z]{1,2}\d{0,2})(?=\s|$)", words, re.I)
    if match and match.group(2).upper() not in SHORT_WORDS:
        return f"{match.group(1).capitalize()} {match.group(2).upper()}"
    return None


# --- document types -----------------------------------------------------------------------


def _title_lines(cover: str) -> str:
    return "\n".join(line for line in cover.splitlines() if not BODY_LINE.search(line))


def find_doc_type(*texts: str | None) -> str:
    """The first text, in order of trust, that names the kind of document decides; words
    that only name the kind of review ("Serious Case Review") count when none does."""
    present = [t for t in texts if t]
    for rules in (DOC_TYPE_RULES, WEAK_DOC_TYPE_RULES):
        for text in present:
            best: tuple[int, str] | None = None
            for doc_type, pattern in rules:
                match = pattern.search(text)
                if match and (best is None or match.start() < best[0]):
                    best = (match.start(), doc_type)
            if best:
                return best[1]
    return "other"


# --- boards -------------------------------------------------------------------------------


def _board_names(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    """The first board name in `text` that names a place."""
    matches = sorted(
        (m for pattern in patterns for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        words = match.group("place").split()
        while words and (words[0] in NOT_PLACE or words[0].lower() == words[0]):
            words.pop(0)
        # A place is a name, not an initial ("Child J\nSafeguarding Children Board").
        if words and len(words[0]) >= 3:
            return re.sub(r"\s+", " ", " ".join(words) + " " + match.group("suffix"))
    return None


FULL_BOARD_PATTERNS = (BOARD_PATTERN, WRAPPED_BOARD_PATTERN)


def find_board(text: str) -> str | None:
    """A board's full name in `text` ("Oakbridge Local Safeguarding Children Board"), else
    its abbreviated name as written ("Westmarch LSCB")."""
    text = _uncap(text)
    return _board_names(FULL_BOARD_PATTERNS, text) or _board_names((BOARD_ABBREVIATION,), text)


def _board(texts: list[str]) -> str | None:
    for patterns in (FULL_BOARD_PATTERNS, (BOARD_ABBREVIATION,)):
        for text in texts:
            found = _board_names(patterns, text)
            if found:
                return found
    return None


def _place_words(board: str | None) -> frozenset[str]:
    if not board:
        return frozenset()
    place = BOARD_KEY_SUFFIX.sub("", board)
    return frozenset(w for w in re.findall(r"[A-Z][\w'’-]*", place))


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
    cover = _uncap(cover[:3000])
    year, published = _year(hints, cover, file_title, file_meta)
    board = hints.board or _board(
        [t for t in (cover, file_title, hints.context, hints.link_text, hints.heading) if t]
    )
    exclude = _place_words(board)
    case = _case(hints, cover, file_title, exclude)
    doc_type = find_doc_type(
        hints.link_text,
        file_title,
        hints.context,
        hints.heading,
        _title_lines(cover),
        _file_words(hints.named) if hints.named else None,
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
        found = _structured_case(text) if text else None
        if found:
            return found
    for text in (hints.link_text, hints.context, file_title):
        found = _pseudonym(text, exclude) if text else None
        if found:
            return found
    for text in (hints.link_text, hints.context):
        for segment in TITLE_SEPARATOR.split(text or "")[1:]:
            match = NAME_SEGMENT.fullmatch(segment.strip())
            name = match.group("name") if match else ""
            if name and _is_name(name, exclude) and _corroborated(name, cover):
                return _clean_name(name)
    return (
        _structured_case(cover)
        or _heading_pseudonym(hints.heading, cover, exclude)
        or _cover_pseudonym(cover, exclude)
        or _case_from_url(hints.named)
    )


def _heading_pseudonym(heading: str | None, cover: str, exclude: frozenset[str]) -> str | None:
    """A card's heading that is only a name ("Oscar"), when the document shows the name as
    a person: headings also name places, teams and topics."""
    name = _pseudonym(heading, exclude) if heading else None
    return name if name and _corroborated(name, cover) else None


def _cover_pseudonym(cover: str, exclude: frozenset[str]) -> str | None:
    for pattern in (PSEUDONYM, QUOTED_NAME):
        for match in pattern.finditer(cover):
            if _is_name(match.group("name"), exclude):
                return _clean_name(match.group("name"))
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def board_key(board: str | None) -> str:
    """The part of a board's name that identifies it across the ways it is written:
    "Westmarch LSCB", "Westmarch Local Safeguarding Children Board" and its successor
    "Westmarch Safeguarding Children Partnership" are all "westmarch"."""
    if not board:
        return "unknown-board"
    place = BOARD_KEY_SUFFIX.sub("", board).strip()
    return slug(place) or slug(board)


def case_id(board: str | None, case: str | None, year: int | None) -> str | None:
    """A case is identified by board + name + year, never by name alone."""
    if not case:
        return None
    parts = (board_key(board), slug(normalise_case(case)), str(year or "n-d"))
    return "-".join(p for p in parts if p)
