"""Fixture board websites for the harvester tests, served on loopback by LoopbackServer.

`FixtureSite` is a council CMS page for the fictional Marshfield Safeguarding Children
Partnership: a table of reviews with the date in its own cell, two listing pages joined by a
"Next" link (`?page=2`), relative, root-relative and absolute links, a robots.txt with a
disallowed path (and an optional Crawl-delay), same-host and off-host redirects, a 404, a
500 then 200, a 429 with Retry-After then 200, a response slower than the timeout, PDFs
served as `application/octet-stream` through `download.aspx?id=`, a file over the size cap,
ETag / Last-Modified with 304 answers, one PDF at two URLs, a link to another host, and
switches that take a document down, drop it from the listing or publish a new version.

`ArchiveSite` serves many unchanging documents from a folder over paginated listing pages,
optionally slowly: the kill test and the re-harvest benchmark use it.

Every document is fictional, written in the style of English safeguarding reports.
"""

from __future__ import annotations

import hashlib
import html
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from harvester.settings import SourceConfig
from tests.documents import make_docx, make_pdf
from tests.httpserver import LoopbackServer, RecordedRequest, Response

BOARD = "Marshfield Safeguarding Children Partnership"
LISTING_PATH = "/lscb/case-reviews.aspx"
OTHER_HOST = "127.0.0.2"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OCTET = "application/octet-stream"


@dataclass(frozen=True)
class Entry:
    """One document link in the listing table."""

    key: str
    page: int
    review: str
    link_text: str
    published: str
    href: str  # as the listing writes it; {site} and {other} are filled in when served
    behaviour: str = "plain"

    @property
    def path(self) -> str:
        """The path the harvester asks for first ("" when the link is to another host)."""
        if self.href.startswith("{other}"):
            return ""
        if self.href.startswith("{site}"):
            return self.href.removeprefix("{site}")
        if self.href.startswith("/"):
            return self.href
        return "/lscb/" + self.href


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "child-p-overview",
        1,
        "Child P",
        "Child P Serious Case Review: overview report",
        "14/03/2018",
        "media/2018/child-p-overview-report.pdf",
    ),
    Entry(
        "child-p-briefing",
        1,
        "Child P",
        "7 minute briefing: Child P",
        "14/03/2018",
        "/lscb/media/2018/child-p-7-minute-briefing.pdf",
    ),
    Entry(
        "baby-n",
        1,
        "Baby N",
        "7 minute briefing: Baby N (bruising in babies who are not mobile)",
        "2 October 2019",
        "{site}/lscb/media/2019/baby-n-7-minute-briefing.pdf",
    ),
    Entry(
        "child-m",
        1,
        "Child M",
        "Child M professionals leaflet",
        "July 2017",
        "/lscb/media/old/child-m-leaflet.pdf",
        "moved",
    ),
    Entry(
        "child-q",
        1,
        "Child Q",
        "Child Q overview report (panel draft)",
        "Awaiting publication",
        "/lscb/private/child-q-draft-overview-report.pdf",
    ),
    Entry(
        "child-v",
        1,
        "Child V",
        "Child V overview report",
        "30/01/2016",
        "media/2016/child-v-overview-report.pdf",
        "off-host",
    ),
    Entry(
        "child-w",
        1,
        "Child W",
        "Child W executive summary",
        "21.06.16",
        "download.aspx?id=12",
        "attachment",
    ),
    Entry(
        "family-t",
        1,
        "T Family",
        "Learning brief: the T Family",
        "published 5th May 2020",
        "download.aspx?id=13",
        "octet",
    ),
    Entry(
        "child-s",
        1,
        "Child S",
        "Child S learning leaflet",
        "Nov 2016",
        "media/2016/child-s-learning-leaflet.pdf",
        "missing",
    ),
    Entry(
        "child-h",
        1,
        "Child H",
        "Child H overview report",
        "09/09/2015",
        "media/2015/child-h-overview-report.pdf",
        "flaky",
    ),
    Entry(
        "child-d",
        1,
        "Child D",
        "Child D learning summary",
        "12 February 2021",
        "media/2021/child-d-learning-summary.pdf",
        "busy",
    ),
    Entry(
        "child-r",
        1,
        "Child R",
        "Child R overview report",
        "17/07/2020",
        "media/2020/child-r-overview-report.pdf",
        "slow",
    ),
    Entry(
        "child-e",
        1,
        "Child E",
        "Child E overview report with appendices",
        "3 March 2020",
        "media/2020/child-e-overview-report-with-appendices.pdf",
        "big",
    ),
    Entry(
        "child-z",
        1,
        "Child Z",
        "Child Z overview report (national repository)",
        "2012",
        "{other}/repository/child-z-overview-report.pdf",
    ),
    Entry(
        "child-p-briefing-copy",
        2,
        "Child P",
        "Child P 7 minute briefing (learning library copy)",
        "March 2018",
        "/lscb/learning/briefings/child-p-briefing.pdf",
    ),
    Entry(
        "child-l",
        2,
        "Child L",
        "Child L learning summary (Word)",
        "04.11.15",
        "media/2015/child-l-learning-summary.docx",
        "last-modified-only",
    ),
    Entry(
        "child-k",
        2,
        "Child K",
        "Child K Serious Case Review: overview report",
        "14/10/2014",
        "media/2014/child-k-overview-report.pdf",
    ),
    Entry(
        "child-f",
        2,
        "Child F",
        "Child F professionals leaflet",
        "June 2013",
        "media/2013/child-f-professionals-leaflet.pdf",
    ),
)
BY_KEY = {entry.key: entry for entry in ENTRIES}
MOVED_TO = "/lscb/media/2017/child-m-professionals-leaflet.pdf"
OFF_HOST_TARGET = "/archive/child-v-overview-report.pdf"
SAME_BYTES = {"child-p-briefing-copy": "child-p-briefing"}

# What a harvest of the whole site should end with.
STORED = (
    "child-p-overview",
    "child-p-briefing",
    "child-p-briefing-copy",
    "baby-n",
    "child-m",
    "child-w",
    "family-t",
    "child-h",
    "child-d",
    "child-l",
    "child-k",
    "child-f",
)
FAILING = ("child-v", "child-s", "child-r", "child-e")
DISALLOWED = ("child-q",)  # linked, but robots.txt disallows it: skipped, not a failure
NEVER_REQUESTED = ("child-q", "child-z")
# Documents whose point costs seconds (Retry-After, a timeout): most tests leave them out.
SLOW_KEYS = ("child-d", "child-r")


# -- the documents ------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    title: str
    subtitle: str
    summary: tuple[str, ...]
    lessons: tuple[str, ...]
    phrase: str  # appears on one line of the document and in no other document


TEXTS: dict[str, Text] = {
    "child-p-overview": Text(
        "Serious Case Review: Child P - Overview Report",
        "Published 14 March 2018",
        (
            "Child P was four years old when she was admitted to hospital with a head injury.",
            "She lived with her mother and, from the spring of 2016, with a male lodger.",
        ),
        (
            "2.1 The health visitor was never told that the lodger had moved into the flat.",
            "2.2 Practitioners should ask about every adult who lives in or visits the home.",
            "2.3 Agencies held pieces of the picture but no one brought them together.",
        ),
        "lodger had moved into the flat",
    ),
    "child-p-briefing": Text(
        "7 Minute Briefing: Child P",
        "Learning from the Serious Case Review into Child P (March 2018)",
        ("Child P suffered a serious head injury at the age of four.",),
        (
            "- Always ask who else lives in the home or visits it regularly.",
            "- Record the names and dates of birth of new partners and lodgers.",
        ),
        "ask who else lives in the home",
    ),
    "baby-n": Text(
        "7 Minute Briefing: Baby N",
        "Bruising in babies who are not independently mobile (2 October 2019)",
        ("Baby N was seen at eleven weeks with a small bruise on her cheek.",),
        (
            "- Any bruising in a baby who is not yet crawling must be referred to children's",
            "  social care and seen by a paediatrician the same day.",
            "- Parents' explanations should be recorded in their own words.",
        ),
        "bruising in a baby who is not yet crawling",
    ),
    "child-m": Text(
        "Professionals Leaflet: Child M",
        "Highlighting lessons from Child M (July 2017)",
        ("Child M, aged nine, had untreated tooth decay and missed school for weeks.",),
        (
            "- The school nurse saw the neglected dental care as a parenting choice.",
            "- Neglect is cumulative: look at the whole history, not each episode alone.",
        ),
        "neglected dental care as a parenting choice",
    ),
    "child-q": Text(
        "Child Q Overview Report - draft for the review panel",
        "Not for publication",
        ("This draft is held for the review panel only.",),
        ("- Draft findings are subject to factual accuracy checks.",),
        "draft findings are subject to factual accuracy checks",
    ),
    "child-v": Text(
        "Serious Case Review: Child V - Overview Report",
        "January 2016",
        ("Child V was a fifteen year old boy who went missing from home repeatedly.",),
        ("- Return home interviews were offered but never completed.",),
        "return home interviews were offered but never completed",
    ),
    "child-w": Text(
        "Executive Summary: Child W",
        "Serious Case Review published 21 June 2016",
        ("Child W was six when she was taken into care with severe neglect.",),
        (
            "- The family moved between three local authorities in eighteen months.",
            "- Case records did not follow the child when the family moved.",
        ),
        "moved between three local authorities",
    ),
    "family-t": Text(
        "Learning Brief: the T Family",
        "Published 5th May 2020",
        ("Four children lived with their mother, who had a long-standing psychotic illness.",),
        (
            "- The older siblings were young carers for their mother.",
            "- Adult mental health services did not ask about the children.",
        ),
        "older siblings were young carers",
    ),
    "child-s": Text(
        "Professionals Leaflet: Child S",
        "November 2016",
        ("Child S was seriously injured by his stepfather.",),
        ("- Information about the stepfather's previous convictions was not shared.",),
        "stepfather's previous convictions was not shared",
    ),
    "child-h": Text(
        "Serious Case Review: Child H - Overview Report",
        "September 2015",
        ("Child H, aged two, was admitted to hospital with a fractured femur.",),
        (
            "2.1 The strategy discussion was delayed for nine days.",
            "2.2 Escalation procedures were not used when the delay was noticed.",
        ),
        "strategy discussion was delayed for nine days",
    ),
    "child-d": Text(
        "Learning Summary: Child D",
        "12 February 2021",
        ("Child D's parents engaged with services on paper but not in practice.",),
        (
            "- The parents cancelled every home visit at short notice.",
            "- Disguised compliance should prompt a review of the plan, not patience.",
        ),
        "cancelled every home visit at short notice",
    ),
    "child-r": Text(
        "Serious Case Review: Child R - Overview Report",
        "July 2020",
        ("Child R was born with neonatal abstinence syndrome.",),
        ("- Parental substance misuse was treated as a separate issue from the baby.",),
        "treated as a separate issue from the baby",
    ),
    "child-e": Text(
        "Serious Case Review: Child E - Overview Report with Appendices",
        "3 March 2020",
        ("Child E was a teenager exploited by an organised criminal group.",),
        ("- Criminal exploitation was seen as lifestyle choice rather than abuse.",),
        "criminal exploitation was seen as lifestyle choice",
    ),
    "child-z": Text(
        "Serious Case Review: Child Z - Overview Report",
        "2012",
        ("Held by the national repository.",),
        ("- The voice of the child was not heard.",),
        "held by the national repository",
    ),
    "child-k": Text(
        "Serious Case Review: Child K - Overview Report",
        "Published 14 October 2014",
        ("Child K, aged seven months, died from injuries caused by his father.",),
        (
            "2.1 The GP practice did not share the father's history of violence.",
            "2.2 The midwife was not invited to the strategy discussion.",
        ),
        "did not share the father's history of violence",
    ),
    "child-f": Text(
        "Professionals Leaflet: Child F",
        "Highlighting lessons from Child F (June 2013)",
        ("Child F, aged five, was living in a home with no heating or food.",),
        (
            "- Missed health appointments were not linked to the wider concerns.",
            "- Was not brought: a missed appointment is the child's loss, not the parent's.",
        ),
        "missed health appointments were not linked",
    ),
}
CHILD_K_REVISED = Text(
    "Serious Case Review: Child K - Overview Report (revised)",
    "Published 14 October 2014, revised 2 February 2015",
    ("Child K, aged seven months, died from injuries caused by his father.",),
    (
        "2.1 The GP practice shared the father's conviction with the midwife too late.",
        "2.2 This revised report corrects the account of the information held by the GP.",
    ),
    "shared the father's conviction with the midwife",
)
CHILD_L_PHRASE = "voice of the child was missing from every assessment"


def _pdf(text: Text, extra_pages: list[list[str]] | None = None) -> bytes:
    cover = [text.title, BOARD, text.subtitle, "", "1. Summary of the case", *text.summary]
    lessons = ["2. Lessons learned", *text.lessons]
    return make_pdf([cover, lessons, *(extra_pages or [])], title=text.title)


def _appendix_pages() -> list[list[str]]:
    """A long chronology of record references: enough pages to pass the test size cap."""
    rng = random.Random(7)
    agencies = ("Police", "Health visiting", "Children's social care", "School", "GP")
    pages = []
    for page in range(40):
        lines = [f"Appendix B: chronology of agency contacts (continued, page {page + 1})"]
        for _ in range(48):
            ref = "".join(rng.choice("0123456789abcdef") for _ in range(32))
            lines.append(f"{rng.choice(agencies)} contact, record ref {ref}")
        pages.append(lines)
    return pages


def _child_l_docx() -> bytes:
    return make_docx(
        [
            ("Title", "Learning Summary: Child L"),
            ("Normal", BOARD),
            ("Normal", "4 November 2015"),
            ("Heading 1", "Summary of the case"),
            ("Normal", "Child L, aged twelve, self-harmed after years of emotional abuse."),
            ("Heading 1", "Key learning"),
            ("List Bullet", "The voice of the child was missing from every assessment."),
            ("List Bullet", "Ask children directly and see them on their own."),
        ],
        title="Learning Summary: Child L",
    )


@dataclass(frozen=True)
class Version:
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    phrase: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def _http_date(year: int, month: int, day: int) -> str:
    return format_datetime(datetime(year, month, day, 9, 30, tzinfo=UTC), usegmt=True)


def version(key: str, revised: bool = False) -> Version:
    """The bytes and validators a document is served with."""
    if key in SAME_BYTES:
        key = SAME_BYTES[key]
    return _version(key, revised)


@cache
def _version(key: str, revised: bool) -> Version:
    # Made once per session: reportlab stamps every PDF it makes with a fresh ID and date.
    if key == "child-l":
        return Version(_child_l_docx(), DOCX_TYPE, None, _http_date(2015, 11, 4), CHILD_L_PHRASE)
    text = CHILD_K_REVISED if revised else TEXTS[key]
    body = _pdf(text, _appendix_pages() if key == "child-e" else None)
    modified = _http_date(2015, 2, 2) if revised else _http_date(2014, 10, 14)
    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    return Version(body, PDF_TYPE, etag, modified, text.phrase)


def is_current(request: RecordedRequest, etag: str | None, last_modified: str | None) -> bool:
    """Whether a conditional request names the current version (then the answer is 304).
    If-None-Match, when sent, decides alone (RFC 9110 13.2.2)."""
    if_none_match = request.header("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return etag is not None and (etag in tags or "*" in tags)
    since = request.header("If-Modified-Since")
    if not since or not last_modified:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _validators(current: Version) -> dict[str, str | None]:
    return {"ETag": current.etag, "Last-Modified": current.last_modified}


# -- the listing page ----------------------------------------------------------------------

PAGE_TOP = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title} | Marshfield Borough Council</title>
<link rel="stylesheet" href="/styles/cms.css"></head>
<body class="cms-template-2col">
<div id="skiplinks"><a href="#main-content">Skip to main content</a></div>
<div class="cms-masthead">
  <a href="/"><img src="/images/marshfield-logo.png" alt="Marshfield Borough Council"></a>
  <ul class="cms-topnav">
    <li><a href="/bins-and-recycling.aspx">Bins and recycling</a></li>
    <li><a href="/council-tax.aspx">Council tax</a></li>
    <li><a href="/lscb/">Safeguarding children</a></li>
  </ul>
</div>
<div class="cms-breadcrumb"><a href="/">Home</a> &raquo; <a href="/lscb/">Safeguarding children
</a> &raquo; {title}</div>
<div class="cms-leftnav">
  <h4>In this section</h4>
  <a href="/lscb/about-the-partnership.aspx">About the partnership</a>
  <a href="/lscb/learning-and-improvement.aspx">Learning and improvement</a>
  <a href="/lscb/annual-report-2019-20.pdf">Annual report 2019-20</a>
</div>
<div id="main-content" class="cms-body">
<h1>{title}</h1>
"""
PAGE_BOTTOM = """</div>
<div class="cms-footer">
  <a href="/accessibility.aspx">Accessibility</a> | <a href="/privacy.aspx">Privacy</a> |
  &copy; Marshfield Borough Council
</div>
</body></html>
"""
INTRO = """<p>The Marshfield Safeguarding Children Partnership publishes the reviews it
commissions when a child dies or is seriously harmed and abuse or neglect is known or
suspected. Reports stay on this page for at least twelve months. To ask about a review,
e-mail <a href="mailto:mscp@marshfield.example.org">mscp@marshfield.example.org</a> or
call <a href="tel:01632960771">01632 960771</a>. <a href="#reviews">Jump to the list</a>.</p>
"""
TABLE_TOP = """<table class="cms-datatable" summary="{summary}">
<thead><tr><th scope="col">Review</th><th scope="col">Document</th>
<th scope="col">Published</th><th scope="col">Format</th></tr></thead>
<tbody>
"""
TABLE_BOTTOM = "</tbody>\n</table>\n"


def _row(entry: Entry, site_url: str, other_url: str) -> str:
    href = entry.href.replace("{site}", site_url).replace("{other}", other_url)
    kind = "Word" if href.endswith(".docx") else "PDF"
    return (
        f'<tr><td class="review">{html.escape(entry.review)}</td>'
        f'<td><a href="{html.escape(href)}">{html.escape(entry.link_text)}</a></td>'
        f'<td class="date">{html.escape(entry.published)}</td><td>{kind}</td></tr>\n'
    )


# -- the site -------------------------------------------------------------------------------


class FixtureSite:
    """The Marshfield website on 127.0.0.1, and another host on 127.0.0.2 that the
    harvester must never contact. Use as a context manager."""

    def __init__(self, crawl_delay: float | None = None, slow_seconds: float = 2.0) -> None:
        self.server = LoopbackServer()
        self.other = LoopbackServer(host=OTHER_HOST)
        self.crawl_delay = crawl_delay
        self.slow_seconds = slow_seconds
        self.unlisted: set[str] = set()
        self.taken_down: set[str] = set()
        self.revised: set[str] = set()
        self._calls: Counter[str] = Counter()
        self._lock = threading.Lock()

    # -- lifecycle --------------------------------------------------------------------------
    def __enter__(self) -> FixtureSite:
        for entry in ENTRIES:  # made before serving, so no response waits for reportlab
            version(entry.key, entry.key == "child-k")
            version(entry.key)
        self.server.start()
        self.other.start()
        self._install_routes()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()
        self.other.stop()

    def _install_routes(self) -> None:
        routes = self.server.routes
        routes["/robots.txt"] = self._robots
        routes[LISTING_PATH] = self._listing
        for entry in ENTRIES:
            if entry.path:
                routes[entry.path] = self._document_route(entry)
        routes[MOVED_TO] = self._document_route(BY_KEY["child-m"], moved=True)
        # Were the harvester to go there, it would get real documents: only the log can tell.
        self.other.routes[OFF_HOST_TARGET] = (200, {"Content-Type": PDF_TYPE}, b"%PDF-1.4")
        self.other.routes["/repository/child-z-overview-report.pdf"] = version("child-z").body

    # -- addresses --------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return self.server.url

    @property
    def listing_url(self) -> str:
        return self.url + LISTING_PATH

    def url_for(self, key: str) -> str:
        """The absolute URL of a document as the catalog records it."""
        return self.url + BY_KEY[key].path

    def source(self, name: str = "marshfield", **options: object) -> SourceConfig:
        values: dict[str, object] = {"name": name, "board": BOARD, "url": self.listing_url}
        values.update(options)
        return SourceConfig(**values)  # type: ignore[arg-type]

    def quick_source(self, **options: object) -> SourceConfig:
        """The site without the documents whose point costs seconds (429, timeout)."""
        return self.source(exclude=tuple(BY_KEY[k].path for k in SLOW_KEYS), **options)

    # -- switches ---------------------------------------------------------------------------
    def unlist(self, key: str) -> None:
        """Drop the document's row from the listing (the file itself stays up)."""
        self.unlisted.add(key)

    def take_down(self, key: str) -> None:
        """The document's URL answers 404 (its row stays on the listing)."""
        self.taken_down.add(key)

    def remove(self, key: str) -> None:
        self.unlist(key)
        self.take_down(key)

    def restore(self, key: str) -> None:
        self.unlisted.discard(key)
        self.taken_down.discard(key)

    def revise(self, key: str) -> None:
        """Publish a new version of the document at the same URL (Child K only)."""
        assert key == "child-k", "only Child K has a revised version"
        self.revised.add(key)

    def current(self, key: str) -> Version:
        return version(key, key in self.revised)

    # -- the log ----------------------------------------------------------------------------
    def document_paths(self) -> set[str]:
        return {e.path for e in ENTRIES if e.path} | {MOVED_TO}

    def document_requests(self, since: int = 0) -> list[RecordedRequest]:
        documents = self.document_paths()
        return [r for r in self.server.requests[since:] if r.path in documents]

    def requests_for(self, key: str, since: int = 0) -> list[RecordedRequest]:
        path = BY_KEY[key].path
        return [r for r in self.server.requests[since:] if r.path == path]

    # -- responses --------------------------------------------------------------------------
    def _robots(self, request: RecordedRequest) -> Response:
        lines = [
            "# Marshfield Borough Council",
            "User-agent: *",
            "Disallow: /lscb/private/",
            "Disallow: /search.aspx",
        ]
        if self.crawl_delay is not None:
            lines.append(f"Crawl-delay: {self.crawl_delay}")
        return (200, {"Content-Type": "text/plain"}, "\n".join(lines) + "\n")

    def _listing(self, request: RecordedRequest) -> Response:
        query = parse_qs(urlsplit(request.path).query)
        page = int(query.get("page", ["1"])[0])
        if page not in (1, 2):
            return (404, {"Content-Type": "text/html"}, "<h1>Page not found</h1>")
        return (200, {"Content-Type": "text/html; charset=utf-8"}, self.listing_html(page))

    def listing_html(self, page: int) -> str:
        rows = [e for e in ENTRIES if e.page == page and e.key not in self.unlisted]
        body = [PAGE_TOP.format(title="Case reviews")]
        if page == 1:
            body += [INTRO, '<h2 id="reviews">Serious case reviews and practice reviews</h2>']
            body.append(TABLE_TOP.format(summary="Published case reviews"))
            body += [_row(e, self.url, self.other.url) for e in rows]
            body.append(TABLE_BOTTOM)
            body.append(
                '<div class="cms-pager">Page 1 of 2 '
                '<a href="case-reviews.aspx?page=2" title="Go to page 2">Next</a></div>\n'
            )
        else:
            body.append("<h2>Learning briefings and older reviews</h2>")
            body.append(TABLE_TOP.format(summary="Older reviews and learning"))
            body += [_row(e, self.url, self.other.url) for e in rows]
            body.append(TABLE_BOTTOM)
            body.append(
                '<div class="cms-pager"><a href="case-reviews.aspx">Previous</a> '
                '<a href="/lscb/case-reviews.aspx">1</a> Page 2 of 2</div>\n'
            )
        body.append(PAGE_BOTTOM)
        return "".join(body)

    def _document_route(self, entry: Entry, moved: bool = False):  # type: ignore[no-untyped-def]
        def route(request: RecordedRequest) -> Response:
            return self._document(entry, request, moved)

        return route

    def _count(self, path: str) -> int:
        with self._lock:
            self._calls[path] += 1
            return self._calls[path]

    def _document(self, entry: Entry, request: RecordedRequest, moved: bool) -> Response:
        if entry.key in self.taken_down:
            return (404, {"Content-Type": "text/html"}, "<h1>Page not found</h1>")
        behaviour = "plain" if moved else entry.behaviour
        calls = self._count(entry.path)
        if behaviour == "moved":
            return (301, {"Location": MOVED_TO}, b"")
        if behaviour == "off-host":
            return (302, {"Location": self.other.url + OFF_HOST_TARGET}, b"")
        if behaviour == "missing":
            return (404, {"Content-Type": "text/html"}, "<h1>Page not found</h1>")
        if behaviour == "flaky" and calls == 1:
            return (500, {"Content-Type": "text/html"}, "<h1>Server Error in '/' Application</h1>")
        if behaviour == "busy" and calls == 1:
            return (429, {"Retry-After": "1"}, "Too many requests")
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
        current = self.current(entry.key)
        headers: dict[str, str | None] = {"Content-Type": current.content_type}
        headers.update(_validators(current))
        if is_current(request, current.etag, current.last_modified):
            return (304, headers, b"")
        if behaviour in ("attachment", "octet"):
            headers["Content-Type"] = OCTET
        if behaviour == "attachment":
            headers["Content-Disposition"] = 'attachment; filename="Child W Executive Summary.pdf"'
        if behaviour == "big":
            headers["Content-Length"] = None  # streamed: only reading it shows the size
        return (200, headers, current.body)


# -- many documents: the kill test and the benchmark ------------------------------------------

ARCHIVE_LISTING = "/scp/publications/case-reviews/"
ARCHIVE_FILES = ARCHIVE_LISTING + "files/"
AGENCIES = ("health visitor", "school nurse", "GP practice", "police", "housing officer")
CONCERNS = (
    "neglect of the home",
    "domestic abuse",
    "parental alcohol misuse",
    "missed appointments",
    "bruising",
)


def archive_reference(number: int) -> str:
    """A reference printed in one archive document only: searching it finds that document."""
    return f"MSCP review reference {number:04d}"


def archive_pdf(number: int) -> bytes:
    case = f"Child {chr(ord('A') + number % 26)}{number}"
    agency = AGENCIES[number % len(AGENCIES)]
    concern = CONCERNS[number // len(AGENCIES) % len(CONCERNS)]
    return make_pdf(
        [
            [
                f"Learning Brief: {case}",
                BOARD,
                archive_reference(number),
                "",
                "1. Summary of the case",
                f"{case} was known to the {agency} because of {concern}.",
            ],
            [
                "2. Lessons learned",
                f"- The {agency} held information about {concern} that others did not see.",
                "- Practitioners should talk to each other, not only refer.",
            ],
        ],
        title=f"Learning Brief: {case}",
    )


def write_archive_documents(folder: Path, count: int) -> list[Path]:
    """`count` small fictional learning briefs written into `folder` (made once, served
    many times)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"learning-brief-{number:04d}.pdf"
        if not path.exists():
            path.write_bytes(archive_pdf(number))
        paths.append(path)
    return paths


class ArchiveSite:
    """Documents from a folder, listed `per_page` to a page; full downloads take
    `download_delay` seconds, 304 answers none. Use as a context manager."""

    def __init__(self, files: list[Path], per_page: int = 50, download_delay: float = 0.0):
        self.files = sorted(files)
        self.per_page = per_page
        self.download_delay = download_delay
        self.pages = max(1, -(-len(self.files) // per_page))
        self.server = LoopbackServer()
        self.server.routes["/robots.txt"] = "User-agent: *\nDisallow: /scp/admin/\n"
        self.server.routes[ARCHIVE_LISTING] = self._listing
        for path in self.files:
            self.server.routes[ARCHIVE_FILES + path.name] = self._file_route(path)

    def __enter__(self) -> ArchiveSite:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()

    @property
    def listing_url(self) -> str:
        return self.server.url + ARCHIVE_LISTING

    def url_for(self, path: Path) -> str:
        return self.server.url + ARCHIVE_FILES + path.name

    def source(self, name: str = "archive") -> SourceConfig:
        return SourceConfig(name=name, board=BOARD, url=self.listing_url)

    @staticmethod
    def kind(request: RecordedRequest) -> str:
        """robots, listing or document: how the benchmark counts requests."""
        path = urlsplit(request.path).path
        if path == "/robots.txt":
            return "robots"
        return "document" if path.startswith(ARCHIVE_FILES) else "listing"

    def document_requests(self, since: int = 0) -> list[RecordedRequest]:
        return [r for r in self.server.requests[since:] if self.kind(r) == "document"]

    def _listing(self, request: RecordedRequest) -> Response:
        query = parse_qs(urlsplit(request.path).query)
        page = int(query.get("page", ["1"])[0])
        if not 1 <= page <= self.pages:
            return (404, {"Content-Type": "text/html"}, "<h1>Not found</h1>")
        chosen = self.files[(page - 1) * self.per_page : page * self.per_page]
        rows = "".join(
            f'<tr><td><a href="files/{p.name}">Learning brief {p.stem[-4:]}</a></td>'
            f"<td>{(number % 28) + 1:02d}/{(number % 12) + 1:02d}/2019</td></tr>\n"
            for number, p in enumerate(chosen, start=(page - 1) * self.per_page)
        )
        pager = f'<a href="?page={page + 1}">Next</a>' if page < self.pages else ""
        text = (
            "<!DOCTYPE html><html><head><title>Case reviews</title></head><body>\n"
            f'<div id="main-content"><h1>Published case reviews</h1>\n'
            f"<table><tr><th>Review</th><th>Published</th></tr>\n{rows}</table>\n"
            f'<div class="pager">Page {page} of {self.pages} {pager}</div></div>\n'
            "</body></html>\n"
        )
        return (200, {"Content-Type": "text/html; charset=utf-8"}, text)

    def _file_route(self, path: Path):  # type: ignore[no-untyped-def]
        stat = path.stat()
        # The way Apache builds its validators: from the file's size and modification time.
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns // 1000:x}"'
        modified = format_datetime(datetime.fromtimestamp(int(stat.st_mtime), UTC), usegmt=True)

        def route(request: RecordedRequest) -> Response:
            headers: dict[str, str | None] = {
                "Content-Type": PDF_TYPE,
                "ETag": etag,
                "Last-Modified": modified,
            }
            if is_current(request, etag, modified):
                return (304, headers, b"")
            if self.download_delay:
                time.sleep(self.download_delay)
            return (200, headers, path.read_bytes())

        return route
