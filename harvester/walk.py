"""Walking a source: its listing pages, the pages they lead to, and the document links found
on them, within `max_pages` requests for pages.

Listing pages (the source's own, pagination, sub-listings) are read first, then a national
repository's entry pages (a board's link there leads to an entry whose own link is the
document), then the HTML pages that read like a review: a review's own page that lists its
documents gives those documents, any other stays a document itself. Every request goes
through the fetcher: robots.txt, the per-host delay and the deadlines hold.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from harvester.discover import (
    MAX_CONTEXT,
    NATIONAL_REPOSITORIES,
    DocumentLink,
    IgnoredLink,
    ListingPage,
    parse_listing,
)
from harvester.fetch import FetchError, FetchResult, is_page_type
from harvester.settings import SourceConfig

LISTING, ENTRY, REVIEW_PAGE = "listing", "entry", "review page"
FILE_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")


class PageFetcher(Protocol):
    def get(self, url: str, *, pages_only: bool = False) -> FetchResult: ...


@dataclass
class Walk:
    """What walking a source found, and what stood in the way."""

    source: SourceConfig
    documents: list[DocumentLink] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # pages read (listings, entries, reviews)
    failed: list[tuple[str, str, FetchError]] = field(default_factory=list)  # url, kind, why
    start_error: FetchError | None = None  # the source's own listing page could not be read
    not_html: str | None = None  # the listing address answered with this, not a web page
    ignored: list[IgnoredLink] = field(default_factory=list)  # on the listing pages

    @property
    def listings_read(self) -> int:
        return len(self.pages)


def is_html(result: FetchResult) -> bool:
    """Whether a page can be read for links: anything but a declared or evident file."""
    if result.content_type and result.content_type.split(";")[0].strip():
        return is_page_type(result.content_type)
    return not (result.content or b"").startswith(FILE_SIGNATURES)


def _entry_scope(source: SourceConfig, entry_url: str) -> SourceConfig:
    """A repository entry page is read within its own host, whatever the source's path."""
    parts = urlsplit(entry_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    return dataclasses.replace(source, url=root, selector=None, include=(), exclude=())


def _joined(*parts: str) -> str:
    text = ""
    for part in parts:
        if part and part not in text:
            text = f"{text} / {part}" if text else part
    return text[: MAX_CONTEXT * 2]


def _via(found: DocumentLink, via: DocumentLink, own_text: bool) -> DocumentLink:
    """A document found on a review's page or a repository entry, carrying what the listing
    said of the review (its name and date are there, rarely beside the document)."""
    return dataclasses.replace(
        found,
        link_text=found.link_text if own_text or not via.link_text else via.link_text,
        heading=found.heading or via.heading,
        context=_joined(found.context, via.context),
        listing_url=via.listing_url,
    )


class _Walker:
    def __init__(
        self, source: SourceConfig, fetcher: PageFetcher, repositories: tuple[str, ...]
    ) -> None:
        self.source = source
        self.fetcher = fetcher
        self.repositories = repositories
        self.walk = Walk(source)
        self.documents: dict[str, DocumentLink] = {}
        self.seen: set[str] = set()
        self.queues: dict[str, deque[DocumentLink | str]] = {
            LISTING: deque([source.url]),
            ENTRY: deque(),
            REVIEW_PAGE: deque(),
        }

    def _next(self) -> tuple[str, DocumentLink | str] | None:
        for kind, queue in self.queues.items():
            while queue:
                item = queue.popleft()
                url = item if isinstance(item, str) else item.url
                if url not in self.seen:
                    self.seen.add(url)
                    return kind, item
        return None

    def run(self) -> Walk:
        requested = 0
        while requested < self.source.max_pages:
            chosen = self._next()
            if chosen is None:
                break
            kind, item = chosen
            url = item if isinstance(item, str) else item.url
            requested += 1
            try:
                # A link read as a page may lead to a file: its body is not wanted here.
                result = self.fetcher.get(url, pages_only=True)
            except FetchError as exc:
                self.walk.failed.append((url, kind, exc))
                if url == self.source.url:
                    self.walk.start_error = exc
                    break
                continue
            if not is_html(result):
                if url == self.source.url:
                    self.walk.not_html = result.content_type or "no content type"
                continue
            self.walk.pages.append(result.url)
            if isinstance(item, str):
                content = result.content or b""
                self._listing(parse_listing(content, result.url, self.source, self.repositories))
            elif kind == ENTRY:
                self._entry(result, item)
            else:
                self._review_page(result, item)
        self.walk.documents = list(self.documents.values())
        return self.walk

    def _listing(self, page: ListingPage) -> None:
        for link in page.documents:
            if link.url not in self.documents:
                self.documents[link.url] = link
                if link.page:
                    self.queues[REVIEW_PAGE].append(link)
        self.queues[ENTRY].extend(page.entries)
        self.queues[LISTING].extend(page.listing_links)
        self.walk.ignored.extend(page.ignored)

    def _entry(self, result: FetchResult, via: DocumentLink) -> None:
        scope = _entry_scope(self.source, result.url)
        page = parse_listing(result.content or b"", result.url, scope, repositories=())
        files = [d for d in page.documents if not d.page]
        for found in files:
            if found.url not in self.documents:
                self.documents[found.url] = _via(found, via, own_text=len(files) > 1)

    def _review_page(self, result: FetchResult, via: DocumentLink) -> None:
        page = parse_listing(result.content or b"", result.url, self.source, self.repositories)
        files = [d for d in page.documents if not d.page and d.url not in self.documents]
        if not files and not page.entries:
            return  # a page of its own: it stays a document
        self.documents.pop(via.url, None)
        for found in files:
            self.documents[found.url] = _via(found, via, own_text=True)
        self.queues[ENTRY].extend(_via(e, via, own_text=False) for e in page.entries)


def walk(
    source: SourceConfig,
    fetcher: PageFetcher,
    repositories: tuple[str, ...] = NATIONAL_REPOSITORIES,
) -> Walk:
    """Read the source's pages (at most `source.max_pages` requests) and gather its
    document links. Nothing is downloaded but pages."""
    return _Walker(source, fetcher, repositories).run()
