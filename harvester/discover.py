"""Discovery: read a listing page and return the document links on it, each with the context
a person would read beside it (link text, nearest heading, surrounding line), plus the further
listing pages (pagination, sub-listings) to visit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatch
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from harvester.metadata.catalogue import read_entry
from harvester.metadata.text import BARE_LINK, file_words
from harvester.page_headings import HEADINGS, bold_line, clean, headings_before
from harvester.settings import SourceConfig

DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".pptx", ".ppt", ".rtf", ".odt", ".txt")
HTML_EXTENSIONS = ("", ".html", ".htm", ".aspx", ".php")
# Links such as download.aspx?id=12, /downloads/file/123/name or /media/1234/name serve
# documents without an extension.
DOWNLOAD_PATTERN = re.compile(
    r"(download|getfile|attachment|documents?/\d+|file/\d+|/media/\d+/)", re.I
)
DOCUMENT_WORDS = re.compile(
    r"\b(summary|briefing|brief|leaflet|learning|lessons?|review|report|scr|cspr|findings)\b",
    re.I,
)
# A link to the part of a site that lists reviews ("Serious case reviews", "Learning from
# practice reviews", ".../case-reviews/").
REVIEWS_SECTION = re.compile(
    r"\b(?:(?:serious\s+)?case\s+reviews?|practice\s+reviews?|learning\s+reviews?|"
    r"learning\s+from|lessons\s+learn\w*|scrs?|l?csprs?|published\s+reviews)\b",
    re.I,
)
# A review's own page is often linked by the case's name alone ("Child F", "Baby G").
CASE_NAME = re.compile(
    r"\b(?i:child|baby|infant|family|siblings?|young\s+person|adult)\s+[A-Z][A-Za-z0-9]{0,3}\b"
)
# A picture's words for a report's cover: "Cover of the ...", "... front cover".
COVER_WORDS = re.compile(
    r"^(?:front\s+)?cover(?:\s+of(?:\s+the)?|\s*:)\s+|\s+(?:front\s+)?cover$", re.I
)
# A record's "Read more" link leads to the review's own page.
READ_MORE = re.compile(r"^\s*(read|view|see|open|find out|learn|more|details)\b", re.I)
# A file-type badge or size in or beside the link: "PDF", "(Word, 120 KB)".
FILE_BADGE = re.compile(r"\b(pdf|docx?|pptx?|rtf|odt|word document)\b", re.I)
# "?page=2", "?p=3", "?start=20": the same page further on ("Show more reviews").
PAGE_QUERY = re.compile(r"(?:^|&)(?:page|p|pg|paged|start|offset)=\d+(?:&|$)", re.I)
# A pager's link is the whole text: "Next »", "2", "Page 3" (not "2013 – Anytown – Child B").
PAGINATION_WORDS = re.compile(
    r"^\s*(?:(?:next|older|more|previous)\b.{0,12}|page\s*\d+|\d{1,3}|[»›>]+)\s*$", re.I
)
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:")
# A definition list's description (<dd>) is the record of the term (<dt>) before it.
RECORDS = ("tr", "li", "article", "dd", "dl")
RECORD_CLASSES = re.compile(r"card|entry|item|record|review|result|teaser", re.I)
MAX_CONTEXT = 700
MAX_BADGE_ENTRY = 200
# An element holding more document links than this is a page's section, not one review's
# record.
RECORD_LINKS = 10
# A national collection's entry: heading, description, keywords, then the link.
MAX_CATALOGUE_CONTEXT = 1500
# The national case review repository: a board's link there goes to an entry page, whose
# own link is the document.
NATIONAL_REPOSITORIES = ("library.nspcc.org.uk", "learning.nspcc.org.uk")


@dataclass(frozen=True)
class DocumentLink:
    url: str
    link_text: str
    heading: str | None
    context: str
    listing_url: str
    # An HTML page: a document of its own, unless it turns out to list the review's
    # documents (a review's own page), when those are taken instead.
    page: bool = False


@dataclass(frozen=True)
class IgnoredLink:
    """A link read on a listing page and taken for neither a document nor a listing."""

    url: str
    text: str
    why: str  # "another host", "outside /scr/", "not a document", "excluded"
    reads_like_review: bool


@dataclass(frozen=True)
class ListingPage:
    documents: list[DocumentLink]
    listing_links: list[str]
    # Links to a national repository's entry pages (their document is on the entry).
    entries: list[DocumentLink] = field(default_factory=list)
    ignored: list[IgnoredLink] = field(default_factory=list)


def source_scope(source: SourceConfig) -> tuple[str, str]:
    """(host, path prefix) within which listing pages and HTML documents may be followed."""
    parts = urlsplit(source.url)
    segments = [s for s in parts.path.split("/") if s]
    prefix = f"/{segments[0]}/" if len(segments) > 1 else "/"
    return parts.netloc.lower(), prefix


def _extension(path: str) -> str:
    name = unquote(path.rsplit("/", 1)[-1]).lower()
    return name[name.rfind(".") :] if "." in name else ""


def _matches(url: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch(url, p) or p in url for p in patterns)


def _distinct_links(tag: Tag, counts: dict[int, int]) -> int:
    """Distinct link targets inside `tag`, remembered in `counts` (by id): every link of a
    long listing asks about the same table or list."""
    key = id(tag)
    if key not in counts:
        counts[key] = len({str(a.get("href")) for a in tag.find_all("a", href=True)})
    return counts[key]


def _entry(link: Tag, region: Tag, counts: dict[int, int]) -> Tag:
    """The largest element around the link that holds no other link: the listing entry."""
    entry = link
    for parent in link.parents:
        if parent is region or parent.name in ("body", "html", "[document]"):
            break
        if _distinct_links(parent, counts) > 1:
            break
        entry = parent
    return entry


def _record(entry: Tag, region: Tag, counts: dict[int, int]) -> Tag | None:
    """The table row, list item or card that the entry belongs to (it may hold several
    documents of one review, with the review's name and date beside them); not a whole
    post or section of many reviews' documents."""
    for parent in entry.parents:
        if parent is region or parent.name in ("body", "html", "[document]"):
            return None
        if _distinct_links(parent, counts) > RECORD_LINKS:
            return None
        if parent.name in ("ul", "ol", "tbody", "thead", "table"):
            continue
        # A card's own class ("card", "review-card"), not one of its parts' ("card__files").
        classes = [c for c in parent.get("class") or [] if "__" not in c]
        if parent.name in RECORDS or any(RECORD_CLASSES.search(c) for c in classes):
            return parent
    return None


def _record_text(record: Tag, link: Tag) -> str:
    """The record's own text: its title, date and summary, not its other documents' entries;
    a definition list's description begins with its term ("Family T")."""
    href = link.get("href")
    parts: list[str] = []
    term = record.find_previous_sibling("dt") if record.name == "dd" else None
    if term is not None:
        parts.append(term.get_text(" "))
    for text in record.find_all(string=True):
        keep = True
        for ancestor in text.parents:
            if ancestor is record:
                break
            if ancestor.name == "a" or (
                ancestor.name in ("li", "p", "tr", "dd")
                and any(a.get("href") != href for a in ancestor.find_all("a", href=True))
            ):
                keep = False
                break
        if keep:
            parts.append(str(text))
    return clean(" ".join(parts))


def _following_text(link: Tag, link_text: str) -> str:
    """From the link up to the next link, inside a container holding many links."""
    pieces = [link_text]
    for sibling in link.next_siblings:
        if isinstance(sibling, Tag) and (sibling.name in ("a", "br") or sibling.find("a")):
            break
        pieces.append(sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling))
    return clean(" ".join(pieces))


def _catalogue_block(entry: Tag) -> str | None:
    """The description and keywords between a national collection's entry heading ("2017 –
    Anonymous – Child AB") and its "Read the overview report" link, or None when the entry
    does not sit under such a heading."""
    parts: list[str] = []
    for sibling in entry.find_previous_siblings():
        if sibling.name in HEADINGS or (sibling.name == "p" and bold_line(sibling)):
            if read_entry(clean(sibling.get_text(" "))) is None:
                return None
            return clean(" ".join(reversed(parts))) or None
        if sibling.find("a", href=True) is not None:
            return None
        parts.append(sibling.get_text(" "))
    return None


def _context(link: Tag, link_text: str, region: Tag, counts: dict[int, int]) -> str:
    """The text a reader sees with the link: its entry, the next line when the entry is only
    the link (as in "Child J Professionals Leaflet" / "Highlighting lessons from ..."), the
    description and keywords of a national collection's entry, and the record (row, card)
    the entry belongs to."""
    entry = _entry(link, region, counts)
    text = _following_text(link, link_text) if entry is link else clean(entry.get_text(" "))
    if entry is not link and len(text) <= len(link_text) + 20:
        block = _catalogue_block(entry)
        if block:
            return clip(f"{text} / {block}", MAX_CATALOGUE_CONTEXT)
    if entry is not link and len(text) <= len(link_text) + 20:
        sibling = entry.find_next_sibling()
        if (
            isinstance(sibling, Tag)
            and sibling.name not in HEADINGS
            and sibling.find("a", href=True) is None
        ):
            text = f"{text} / {clean(sibling.get_text(' '))}"
    record = _record(entry, region, counts)
    if record is not None:
        around = _record_text(record, link)
        if around and around not in text:
            text = f"{text} / {around}"
    row = entry if entry.name == "tr" else entry.find_parent("tr")
    spanning = _spanning(row) if row is not None else ""
    if spanning:
        text = f"{text} / {clean(spanning)}"
    return clip(text, MAX_CONTEXT)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word's end: half a word ("Children P" of
    "Children Partnership") would read as a name or a code."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit].isalnum() and cut[-1].isalnum():
        cut = cut.rsplit(None, 1)[0] if " " in cut else cut
    return cut.rstrip()


def _spanning(row: Tag) -> str:
    """The cells of rows above that span down into this one: a review's name and date
    set once for the rows of its documents (rowspan)."""
    rows: list[str] = []
    for above, row_before in enumerate(row.find_previous_siblings("tr", limit=12), 1):
        cells = [
            cell.get_text(" ")
            for cell in row_before.find_all(("td", "th"), recursive=False)
            if _rowspan(cell) > above and cell.find("a", href=True) is None
        ]
        rows.insert(0, " ".join(cells))
    return " ".join(r for r in rows if r)


def _rowspan(cell: Tag) -> int:
    span = str(cell.get("rowspan", "1"))
    return int(span) if span.isdigit() else 1


def _region(soup: BeautifulSoup, selector: str | None) -> Tag:
    if selector:
        found = soup.select_one(selector)
        if found is not None:
            return found
    for candidate in ("main", "[role=main]", "#content", "#main-content", "article"):
        found = soup.select_one(candidate)
        if found is not None:
            return found
    body = soup.body or soup
    for boilerplate in body.find_all(["header", "nav", "footer", "aside"]):
        boilerplate.decompose()
    return body


def _reads_like_review(text: str) -> bool:
    return bool(DOCUMENT_WORDS.search(text) or CASE_NAME.search(text))


def _has_file_badge(link: Tag, text: str, entry: Tag) -> bool:
    """The link says it is a file: a `download` attribute, a document MIME type, or a
    file-type badge in its text or its entry ("PDF", "Child H overview report (Word)")."""
    if link.has_attr("download") or str(link.get("type", "")).startswith("application/"):
        return True
    around = clean(entry.get_text(" ")) if entry is not link else ""
    # A badge sits beside the link in a short entry, not in a paragraph about PDFs.
    badge = f"{text} {link.get('title', '')} {around if len(around) <= MAX_BADGE_ENTRY else ''}"
    return FILE_BADGE.search(badge) is not None


@dataclass
class _Reader:
    """One listing page being read: its region, headings and what was found so far."""

    soup: BeautifulSoup
    page_url: str
    source: SourceConfig
    repositories: tuple[str, ...]
    region: Tag
    headings: dict[int, str | None]
    ledes: dict[int, str]
    counts: dict[int, int] = field(default_factory=dict)
    documents: dict[str, DocumentLink] = field(default_factory=dict)
    entries: dict[str, DocumentLink] = field(default_factory=dict)
    listings: list[str] = field(default_factory=list)
    sections: int = 0  # the first of `listings` that lead to the reviews' part of the site
    ignored: list[IgnoredLink] = field(default_factory=list)

    def link(self, link: Tag, url: str, text: str, page: bool = False) -> DocumentLink:
        context = _context(link, text, self.region, self.counts)
        lede = self.ledes.get(id(link), "")
        if lede and lede not in context:
            context = clip(f"{context} / {lede}", MAX_CONTEXT)
        return DocumentLink(
            url=url,
            link_text=text,
            heading=self.headings.get(id(link)),
            context=context,
            listing_url=self.page_url,
            page=page,
        )

    def _named(self, link: Tag) -> str | None:
        """What a link that says only "Download" is: its title or label, or the picture
        in its card ("Cover of the Child W review report")."""
        for attribute in ("title", "aria-label"):
            named = clean(str(link.get(attribute, "")))
            if len(named) > 8:
                return named
        entry = _entry(link, self.region, self.counts)
        picture = entry.find("img", alt=True)
        alt = clean(str(picture.get("alt", ""))) if picture is not None else ""
        return COVER_WORDS.sub("", alt) or None

    def ignore(self, url: str, text: str, why: str) -> None:
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
        self.ignored.append(IgnoredLink(url, text, why, _reads_like_review(f"{text} {name}")))

    def read(self, link: Tag) -> None:
        href = str(link["href"]).strip()
        if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
            return
        url, _fragment = urldefrag(urljoin(self.page_url, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return
        text = clean(link.get_text(" ")) or clean(str(link.get("title", "")))
        if not text or BARE_LINK.match(text):
            text = self._named(link) or text
        source = self.source
        if (source.exclude and _matches(url, source.exclude)) or (
            source.include and not _matches(url, source.include)
        ):
            self.ignore(url, text, "excluded")
            return
        host, prefix = source_scope(source)
        ext = _extension(parts.path)
        is_file = (
            ext in DOCUMENT_EXTENSIONS
            or bool(DOWNLOAD_PATTERN.search(parts.path + "?" + parts.query))
            or (
                ext in HTML_EXTENSIONS
                and _has_file_badge(link, text, _entry(link, self.region, self.counts))
            )
        )
        if parts.netloc.lower() != host:
            if is_file and source.board is None:
                # A collection of many boards' reviews links the files each board keeps on
                # its own site: one polite request each (robots.txt and delay per host), and
                # no page of that site is read.
                known = self.documents.get(url)
                if known is None or _better_text(text, known.link_text):
                    self.documents[url] = self.link(link, url, text)
                return
            if parts.hostname in self.repositories and url not in self.documents:
                if is_file:
                    self.documents[url] = self.link(link, url, text)
                elif url not in self.entries:
                    self.entries[url] = self.link(link, url, text)
                return
            self.ignore(url, text, "another host")
            return
        if is_file:
            known = self.documents.get(url)
            # A picture's link first, then the title's: the file is named by the title.
            if known is None or _better_text(text, known.link_text):
                self.documents[url] = self.link(link, url, text)
            return
        if ext not in HTML_EXTENSIONS:
            self.ignore(url, text, "not a document")
            return
        if not parts.path.startswith(prefix):
            self.ignore(url, text, f"outside {prefix}")
            return
        paging = bool(
            (parts.path == urlsplit(self.page_url).path and PAGE_QUERY.search(parts.query))
            or PAGINATION_WORDS.match(text) is not None
            or link.get("rel") in (["next"], ["prev"])
        )
        looks_like_listing = (
            paging or parts.path.endswith("/") or parts.path.endswith(("/index.html", "/index.htm"))
        )
        if looks_like_listing:
            if url != self.page_url and url not in self.listings:
                # A site's home page links a dozen sections: the reviews' one first.
                if not paging and REVIEWS_SECTION.search(f"{text} {file_words(url)}"):
                    self.listings.insert(self.sections, url)
                    self.sections += 1
                else:
                    self.listings.append(url)
            return
        if url in self.documents:
            return
        # The page's own name, not its folders: every page under /scr/ or /learning-reviews/
        # would otherwise read like a document.
        name = unquote(parts.path.rsplit("/", 1)[-1])
        if _reads_like_review(f"{text} {name}"):
            self.documents[url] = self.link(link, url, text, page=True)
            return
        if READ_MORE.match(text):
            found = self.link(link, url, text, page=True)
            if _reads_like_review(f"{found.heading or ''} {found.context}"):
                self.documents[url] = found
                return
        self.ignore(url, text, "not a document")

    def page(self) -> ListingPage:
        return ListingPage(
            documents=list(self.documents.values()),
            listing_links=self.listings,
            entries=list(self.entries.values()),
            ignored=self.ignored,
        )


def parse_listing(
    html: str | bytes,
    page_url: str,
    source: SourceConfig,
    repositories: tuple[str, ...] = NATIONAL_REPOSITORIES,
) -> ListingPage:
    """The documents, further listing pages and repository entries a page links to.
    HTML pages that read like a review are documents marked `page`: they may turn out to
    be the review's own page, listing its documents (see `harvester.walk`)."""
    soup = BeautifulSoup(html, "lxml")
    region = _region(soup, source.selector)
    headings, ledes = headings_before(soup)
    reader = _Reader(soup, page_url, source, repositories, region, headings, ledes)
    for link in region.find_all("a", href=True):
        reader.read(link)
    if region is not soup and not (reader.documents or reader.entries or reader.listings):
        # Nothing in the page's content (a home page, an "about" page): the site's menus
        # may still lead to its reviews. Only links to that part of the site are taken.
        reader.region = soup
        for link in soup.find_all("a", href=True):
            text = clean(link.get_text(" "))
            if REVIEWS_SECTION.search(text) and not _inside(link, region):
                reader.read(link)
    return reader.page()


def _better_text(new: str, old: str) -> bool:
    """A second link to a file says what it is where the first did not."""
    return bool(new) and not BARE_LINK.match(new) and (not old or bool(BARE_LINK.match(old)))


def _inside(tag: Tag, region: Tag) -> bool:
    return any(parent is region for parent in tag.parents)
