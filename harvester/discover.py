"""Discovery: read a listing page and return the document links on it, each with the context
a person would read beside it (link text, nearest heading, surrounding line), plus the further
listing pages (pagination, sub-listings) to visit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatch
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from harvester.metadata.catalogue import read_entry
from harvester.settings import SourceConfig

DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".pptx", ".ppt", ".rtf", ".odt", ".txt")
HTML_EXTENSIONS = ("", ".html", ".htm", ".aspx", ".php")
# Links such as download.aspx?id=12 or /file/1234/download serve documents without an extension.
DOWNLOAD_PATTERN = re.compile(r"(download|getfile|attachment|documents?/\d+|file/\d+)", re.I)
DOCUMENT_WORDS = re.compile(
    r"\b(summary|briefing|brief|leaflet|learning|lessons?|review|report|scr|cspr|findings)\b",
    re.I,
)
PAGINATION_WORDS = re.compile(r"^\s*(next|older|more|previous|page\s*\d+|\d+|»|›|>)\b", re.I)
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:")
RECORDS = ("tr", "li", "article", "dl")
RECORD_CLASSES = re.compile(r"card|entry|item|record|review|result|teaser", re.I)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MAX_CONTEXT = 400
# A national collection's entry: heading, description, keywords, then the link.
MAX_CATALOGUE_CONTEXT = 1500


@dataclass(frozen=True)
class DocumentLink:
    url: str
    link_text: str
    heading: str | None
    context: str
    listing_url: str


@dataclass(frozen=True)
class ListingPage:
    documents: list[DocumentLink]
    listing_links: list[str]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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


def _headings_before(soup: BeautifulSoup) -> dict[int, str | None]:
    """For every link (by id), the text of the nearest heading above it in document order.
    One pass over the page: asking each link for its previous heading is quadratic, and a
    listing of a few hundred rows then takes seconds."""
    nearest: dict[int, str | None] = {}
    current: str | None = None
    for tag in soup.find_all([*HEADINGS, "a"]):
        if tag.name == "a":
            nearest[id(tag)] = current
        else:
            current = _clean(tag.get_text(" ")) or None
    return nearest


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


def _record(entry: Tag, region: Tag) -> Tag | None:
    """The table row, list item or card that the entry belongs to (it may hold several
    documents of one review, with the review's name and date beside them)."""
    for parent in entry.parents:
        if parent is region or parent.name in ("body", "html", "[document]"):
            return None
        if parent.name in ("ul", "ol", "tbody", "thead", "table"):
            continue
        classes = " ".join(parent.get("class") or [])
        if parent.name in RECORDS or RECORD_CLASSES.search(classes):
            return parent
    return None


def _record_text(record: Tag, link: Tag) -> str:
    """The record's own text: its title, date and summary, not its other documents' entries."""
    href = link.get("href")
    parts: list[str] = []
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
    return _clean(" ".join(parts))


def _following_text(link: Tag, link_text: str) -> str:
    """From the link up to the next link, inside a container holding many links."""
    pieces = [link_text]
    for sibling in link.next_siblings:
        if isinstance(sibling, Tag) and (sibling.name in ("a", "br") or sibling.find("a")):
            break
        pieces.append(sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling))
    return _clean(" ".join(pieces))


def _catalogue_block(entry: Tag) -> str | None:
    """The description and keywords between a national collection's entry heading ("2017 –
    Anonymous – Child AB") and its "Read the overview report" link, or None when the entry
    does not sit under such a heading."""
    parts: list[str] = []
    for sibling in entry.find_previous_siblings():
        if sibling.name in HEADINGS:
            if read_entry(_clean(sibling.get_text(" "))) is None:
                return None
            return _clean(" ".join(reversed(parts))) or None
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
    text = _following_text(link, link_text) if entry is link else _clean(entry.get_text(" "))
    if entry is not link and len(text) <= len(link_text) + 20:
        block = _catalogue_block(entry)
        if block:
            return f"{text} / {block}"[:MAX_CATALOGUE_CONTEXT]
    if entry is not link and len(text) <= len(link_text) + 20:
        sibling = entry.find_next_sibling()
        if (
            isinstance(sibling, Tag)
            and sibling.name not in HEADINGS
            and sibling.find("a", href=True) is None
        ):
            text = f"{text} / {_clean(sibling.get_text(' '))}"
    record = _record(entry, region)
    if record is not None:
        around = _record_text(record, link)
        if around and around not in text:
            text = f"{text} / {around}"
    return text[:MAX_CONTEXT]


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


def parse_listing(html: str | bytes, page_url: str, source: SourceConfig) -> ListingPage:
    soup = BeautifulSoup(html, "lxml")
    host, prefix = source_scope(source)
    region = _region(soup, source.selector)
    headings = _headings_before(soup)
    link_counts: dict[int, int] = {}
    documents: dict[str, DocumentLink] = {}
    listings: list[str] = []
    for link in region.find_all("a", href=True):
        href = str(link["href"]).strip()
        if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
            continue
        url, _fragment = urldefrag(urljoin(page_url, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
            continue
        if source.exclude and _matches(url, source.exclude):
            continue
        if source.include and not _matches(url, source.include):
            continue
        text = _clean(link.get_text(" ")) or _clean(str(link.get("title", "")))
        ext = _extension(parts.path)
        in_scope = parts.path.startswith(prefix)
        is_file = ext in DOCUMENT_EXTENSIONS or bool(
            DOWNLOAD_PATTERN.search(parts.path + "?" + parts.query)
        )
        if not is_file and ext in HTML_EXTENSIONS and in_scope:
            looks_like_listing = (
                parts.path.endswith("/")
                or parts.path.endswith(("/index.html", "/index.htm"))
                or PAGINATION_WORDS.match(text) is not None
                or link.get("rel") in (["next"], ["prev"])
            )
            if looks_like_listing:
                if url != page_url and url not in listings:
                    listings.append(url)
                continue
            # The page's own name, not its folders: every page under /scr/ or
            # /learning-reviews/ would otherwise read like a document.
            name = unquote(parts.path.rsplit("/", 1)[-1])
            is_file = DOCUMENT_WORDS.search(f"{text} {name}") is not None
        if is_file and url not in documents:
            documents[url] = DocumentLink(
                url=url,
                link_text=text,
                heading=headings.get(id(link)),
                context=_context(link, text, region, link_counts),
                listing_url=page_url,
            )
    return ListingPage(documents=list(documents.values()), listing_links=listings)
