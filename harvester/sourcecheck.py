"""Checking a source without harvesting it: its pages are walked as a harvest would (robots.txt,
per-host delay, deadlines, at most `max_pages` pages), no document is downloaded and nothing
is recorded. The report says what a harvest would fetch, or why it would find nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from harvester.discover import NATIONAL_REPOSITORIES, DocumentLink
from harvester.fetch import DisallowedError, FetchError
from harvester.settings import SourceConfig
from harvester.walk import PageFetcher, Walk, walk

# Why a source yields nothing.
ROBOTS = "robots"
HTTP_STATUS = "http-status"
CONNECTION = "connection"
NOT_A_PAGE = "not-a-page"
NO_DOCUMENT_LINKS = "no-document-links"
PAGE_SHAPE = "page-shape"


class CheckFetcher(PageFetcher, Protocol):
    def allowed(self, url: str) -> bool: ...


@dataclass(frozen=True)
class SourceCheck:
    source: SourceConfig
    pages: int  # pages read
    documents: list[DocumentLink] = field(default_factory=list)  # what a harvest would fetch
    forbidden: int = 0  # document links robots.txt forbids
    problem: str | None = None  # one of the kinds above, when the source yields nothing
    reason: str | None = None  # the problem in words

    @property
    def ok(self) -> bool:
        return self.problem is None

    def summary(self) -> str:
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''} read"
        if not self.ok:
            return f"{self.source.name}: nothing to fetch ({pages}): {self.reason}"
        forbidden = f", {self.forbidden} more forbidden by robots.txt" if self.forbidden else ""
        count = len(self.documents)
        return (
            f"{self.source.name}: would fetch {count} document{'s' if count != 1 else ''} "
            f"({pages}{forbidden})"
        )


def _start_problem(url: str, error: FetchError) -> tuple[str, str]:
    if isinstance(error, DisallowedError):
        return ROBOTS, f"robots.txt forbids the listing page {url}"
    if error.status is not None:
        return HTTP_STATUS, f"the listing page {url} answers {error.reason}"
    if error.kind is not None:
        return CONNECTION, f"the listing page {url} could not be read: {error.reason}"
    return CONNECTION, f"the listing page {url} could not be reached: {error.reason}"


def _nothing_found(found: Walk) -> tuple[str, str]:
    """Why pages that were read gave no document link."""
    review_like = [link for link in found.ignored if link.reads_like_review]
    if review_like:
        why = Counter(link.why for link in review_like)
        where = ", ".join(f"{count} {reason}" for reason, count in why.most_common())
        return PAGE_SHAPE, (
            f"page shape not understood: {len(review_like)} links read like reviews but none "
            f"leads to a document it recognises ({where}; e.g. {review_like[0].url})"
        )
    others = len({link.url for link in found.ignored})
    plural = "s" if others != 1 else ""
    besides = f" ({others} other link{plural}, none reading like a review)" if others else ""
    return NO_DOCUMENT_LINKS, f"no document links on the pages read{besides}"


def check_source(
    source: SourceConfig,
    fetcher: CheckFetcher,
    repositories: tuple[str, ...] = NATIONAL_REPOSITORIES,
) -> SourceCheck:
    found = walk(source, fetcher, repositories)
    pages = found.listings_read
    if found.start_error is not None:
        problem, reason = _start_problem(source.url, found.start_error)
        return SourceCheck(source, pages, problem=problem, reason=reason)
    if found.not_html is not None:
        reason = f"the listing page {source.url} is not a web page ({found.not_html})"
        return SourceCheck(source, pages, problem=NOT_A_PAGE, reason=reason)
    allowed = [link for link in found.documents if fetcher.allowed(link.url)]
    forbidden = len(found.documents) - len(allowed)
    if allowed:
        return SourceCheck(source, pages, allowed, forbidden)
    if forbidden:
        reason = f"robots.txt forbids all {forbidden} document links found"
        return SourceCheck(source, pages, forbidden=forbidden, problem=ROBOTS, reason=reason)
    problem, reason = _nothing_found(found)
    return SourceCheck(source, pages, problem=problem, reason=reason)
