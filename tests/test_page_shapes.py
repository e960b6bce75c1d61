"""Discovery on the page shapes boards' websites use: each shape's fixture pages are served on
loopback and walked with the real fetcher; every document is found, with the link text,
heading and surrounding line that metadata reads, and nothing else is taken.

The pages are in tests/data/page_shapes/ (fictional boards and text)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harvester.fetch import Fetcher
from harvester.settings import HarvestSettings, SourceConfig
from harvester.walk import walk
from tests.httpserver import LoopbackServer

PAGES = Path(__file__).parent / "data" / "page_shapes"
REPOSITORY_HOST = "127.0.0.2"
HTML = {"Content-Type": "text/html; charset=utf-8"}
SETTINGS = HarvestSettings(
    user_agent="case-review-lessons-index-tests/1.0 (+https://example.org/contact)",
    delay_seconds=0.0,
    timeout_seconds=5.0,
    retries=0,
)


@dataclass(frozen=True)
class Found:
    """A document discovery must find: its path, link text, heading, and words its context
    must hold."""

    path: str
    link_text: str
    heading: str
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class Shape:
    listing: str  # the source's listing page
    pages: dict[str, str]  # path -> fixture file
    found: tuple[Found, ...]
    max_pages: int = 20


SHAPES: dict[str, Shape] = {
    "accordion": Shape(
        "/kestrel/case-reviews/",
        {"/kestrel/case-reviews/": "accordion.html"},
        (
            Found("/kestrel/documents/child-a-overview-report.pdf", "Overview report",
                  "Child A (2022)", ("PDF, 890KB",)),
            Found("/kestrel/documents/child-a-7-minute-briefing.pdf", "7 minute briefing",
                  "Child A (2022)"),
            Found("/kestrel/documents/baby-b-executive-summary.pdf", "Executive summary",
                  "Baby B (published 4 May 2021)"),
            Found("/kestrel/documents/family-c-learning-summary.docx", "Learning summary",
                  "Family C thematic review", ("November 2020",)),
        ),
    ),
    "card grid": Shape(
        "/harlow/learning-from-reviews",
        {"/harlow/learning-from-reviews": "card_grid.html"},
        (
            Found("/downloads/file/123/child-c-learning-review", "Download the review",
                  "Child C", ("Child C", "Published 12 January 2023")),
            Found("/media/2045/baby-d-cspr.pdf",
                  "Baby D Child safeguarding practice review, March 2022", "Baby D"),
            Found("/harlow/files/child-e-overview-report.pdf", "Overview report", "Child E",
                  ("Child E", "Published 2 September 2021")),
            Found("/harlow/files/child-e-7mb.pdf", "7 minute briefing", "Child E",
                  ("Published 2 September 2021",)),
        ),
    ),
    "tables by year": Shape(
        "/pelham/reviews/",
        {"/pelham/reviews/": "table_by_year.html"},
        (
            Found("/pelham/reviews/2021/child-e-overview.pdf", "Overview report", "2021",
                  ("Child E", "30/06/2021")),
            Found("/pelham/reviews/2021/child-e-summary.pdf", "Executive summary", "2021",
                  ("Child E", "30/06/2021")),
            Found("/pelham/reviews/2021/young-person-f-brief.pdf", "Learning brief", "2021",
                  ("Young Person F", "11.02.21")),
            Found("/pelham/reviews/2019/child-g-scr.pdf", "Serious case review", "2019",
                  ("Child G", "published 29th November 2019")),
        ),
    ),
    "document library": Shape(
        "/ormsby/library/",
        {"/ormsby/library/": "document_library.html"},
        (
            Found("/ormsby/library/download.aspx?id=12", "Child F overview report",
                  "Case reviews", ("3 March 2020",)),
            Found("/downloads/file/123/child-g-learning-brief", "Child G learning brief",
                  "Case reviews", ("October 2019",)),
            Found("/media/1234/child-h-7-minute-briefing.pdf", "Child H 7 minute briefing",
                  "Case reviews", ("19.07.19",)),
            Found("/media/5678/baby-j-board-action-plan", "Baby J board action plan",
                  "Case reviews", ("June 2018",)),
            Found("/downloads/download/45/family-k-executive-summary",
                  "Family K executive summary", "Case reviews", ("January 2017",)),
        ),
    ),
    "reviews on their own pages": Shape(
        "/lantern/reviews/",
        {
            "/lantern/reviews/": "review_pages.html",
            "/lantern/reviews/child-k": "review_page_child_k.html",
            "/lantern/reviews/siblings-l-and-m": "review_page_siblings.html",
            "/lantern/reviews/child-n-learning-summary": "review_page_child_n.html",
        },
        (
            # A "Documents" section stands under the review page's own title.
            Found("/lantern/files/child-k-overview-report.pdf", "Overview report (PDF)",
                  "Child K", ("Child K", "August 2022")),
            Found("/lantern/files/child-k-learning-brief.pdf", "Learning brief (PDF)",
                  "Child K", ("Child K", "August 2022")),
            Found("/lantern/files/child-k-board-response.docx", "Partnership response (Word)",
                  "Child K", ("Child K",)),
            Found("/lantern/files/siblings-l-m-report.pdf", "Read the full report",
                  "Siblings L and M", ("Siblings L and M", "March 2021")),
            Found("/lantern/files/siblings-l-m-7-minute-briefing.pdf", "7 minute briefing",
                  "Siblings L and M", ("March 2021",)),
            # A review's page that lists no documents is a document itself.
            Found("/lantern/reviews/child-n-learning-summary", "Child N learning summary",
                  "Local child safeguarding practice reviews", ("2020",)),
        ),
    ),
    "links to the national repository": Shape(
        "/marl/scr/",
        {"/marl/scr/": "repository_links.html"},
        (
            Found("{repository}/HeritageScripts/Hapi.dll/filetransfer/"
                  "2016MarlfordChildPOverview.pdf?filename=2016MarlfordChildPOverview.pdf",
                  "Child P serious case review (national repository)",
                  "2016 - Marlford - Child P",  # the entry's heading: year, area and case
                  ("Published October 2016", "Read the overview report", "Keywords: neglect")),
            Found("/marl/scr/child-q-cspr.pdf", "Child Q child safeguarding practice review",
                  "Recent reviews", ("Published 1 June 2023",)),
        ),
    ),
    "paginated list": Shape(
        "/oriel/case-reviews",
        {
            "/oriel/case-reviews": "paginated_1.html",
            "/oriel/case-reviews?page=1": "paginated_2.html",
            "/oriel/case-reviews/page/3/": "paginated_3.html",
        },
        (
            Found("/oriel/sites/default/files/child-r-cspr.pdf", "Child R review report",
                  "Child R", ("Published 3 April 2024",)),
            Found("/oriel/sites/default/files/child-s-briefing.pdf", "Child S briefing",
                  "Child S", ("Published 9 January 2024",)),
            Found("/oriel/sites/default/files/baby-t-review.pdf", "Baby T review report",
                  "Baby T", ("Published 30 November 2022",)),
            Found("/oriel/sites/default/files/child-u-scr-exec-summary.pdf",
                  "Child U executive summary", "Child U", ("Published 17 May 2019",)),
        ),
    ),
    "documents with file-type badges": Shape(
        "/pennant/publications/",
        {"/pennant/publications/": "file_badges.html"},
        (
            Found("/asset/child-v-overview-report", "Child V overview report",
                  "Child V overview report", ("Published 5 July 2019",)),
            Found("/asset/child-v-board-response", "Partnership response to Child V",
                  "Partnership response to Child V", ("DOCX", "5 July 2019")),
            Found("/asset/baby-w-briefing", "Baby W", "Baby W", ("14 February 2018",)),
        ),
    ),
    "tabs by year": Shape(
        "/quay/reviews/",
        {"/quay/reviews/": "year_tabs.html"},
        (
            Found("/quay/docs/child-x-review.pdf", "Child X review", "2019",
                  ("September 2019",)),
            Found("/quay/docs/child-y-review.pdf", "Child Y review", "2018", ("April 2018",)),
            Found("/quay/docs/child-y-leaflet.pdf", "Child Y professionals leaflet", "2018",
                  ("April 2018",)),
        ),
    ),
    # A definition list: the term names the review, its description holds the documents.
    "definition list": Shape(
        "/calderbrook/family-reviews/",
        {"/calderbrook/family-reviews/": "definition_list.html"},
        (
            Found("/calderbrook/docs/family-t-overview.pdf", "Overview report",
                  "Family and sibling reviews", ("Family T",)),
            Found("/calderbrook/docs/children-pqr-report.pdf", "Overview report",
                  "Family and sibling reviews", ("Children P, Q and R",)),
            Found("/calderbrook/docs/family-t-summary.pdf", "Executive summary",
                  "Family and sibling reviews", ("Family T", "14 February 2019")),
            Found("/calderbrook/docs/children-pqr-7mb.pdf", "7 minute briefing",
                  "Family and sibling reviews", ("Children P, Q and R", "June 2021")),
        ),
    ),
    # The lines under a review's heading (its date) before its list of documents, and a
    # card whose documents sit in a part of it ("card__files").
    "section lede": Shape(
        "/stellbridge/reviews/",
        {"/stellbridge/reviews/": "section_lede.html"},
        (
            Found("/stellbridge/files/mason-report.pdf", "Report (PDF)", "Mason",
                  ("Published Spring 2021",)),
            Found("/stellbridge/files/mason-summary.pdf", "Executive summary (PDF)", "Mason",
                  ("Published Spring 2021",)),
            Found("/stellbridge/files/infant-a-report.pdf", "Overview report PDF, 1.7MB",
                  "Infant A", ("Published 1 March 2022",)),
            Found("/stellbridge/files/infant-a-7mb.pdf", "7 minute briefing PDF, 300KB",
                  "Infant A", ("Published 1 March 2022",)),
        ),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[LoopbackServer, LoopbackServer]]:
    site = LoopbackServer({"/robots.txt": "User-agent: *\nDisallow:\n"})
    repository = LoopbackServer({"/robots.txt": "User-agent: *\nDisallow:\n"}, REPOSITORY_HOST)
    with site, repository:
        for shape in SHAPES.values():
            for path, file in shape.pages.items():
                text = (PAGES / file).read_text(encoding="utf-8")
                site.routes[path] = (200, HTML, text.replace("{repository}", repository.url))
        entry = (PAGES / "repository_entry.html").read_text(encoding="utf-8")
        repository.routes["/HeritageScripts/Hapi.dll/retrieve2"] = (200, HTML, entry)
        yield site, repository


def _absolute(path: str, site: LoopbackServer, repository: LoopbackServer) -> str:
    if path.startswith("{repository}"):
        return path.replace("{repository}", repository.url)
    return site.url + path


@pytest.mark.parametrize("name", list(SHAPES))
def test_every_document_of_the_shape_is_found_with_its_context(name, servers):
    site, repository = servers
    shape = SHAPES[name]
    source = SourceConfig(name="shape", url=site.url + shape.listing, max_pages=shape.max_pages)
    before = len(site.requests) + len(repository.requests)
    fetcher = Fetcher(SETTINGS)
    try:
        found = walk(source, fetcher, repositories=(REPOSITORY_HOST,))
    finally:
        fetcher.close()
    by_url = {link.url: link for link in found.documents}
    expected = {_absolute(f.path, site, repository): f for f in shape.found}
    assert set(by_url) == set(expected), name
    for url, want in expected.items():
        link = by_url[url]
        assert link.link_text == want.link_text, url
        assert link.heading == want.heading, url
        for words in want.context:
            assert words in link.context, (url, link.context)
    # Pages only: discovery downloads no document.
    asked = [r.path for r in (site.requests + repository.requests)[before:]]
    assert not [p for p in asked if "filetransfer" in p or p.endswith((".pdf", ".docx"))]


def test_a_review_page_counts_against_max_pages(servers):
    site, repository = servers
    source = SourceConfig(name="shape", url=site.url + "/lantern/reviews/", max_pages=2)
    fetcher = Fetcher(SETTINGS)
    try:
        found = walk(source, fetcher, repositories=(REPOSITORY_HOST,))
    finally:
        fetcher.close()
    assert found.listings_read == 2
    urls = {link.url for link in found.documents}
    # Child K's page was read; the other two stay links to pages, as found.
    assert site.url + "/lantern/files/child-k-overview-report.pdf" in urls
    assert site.url + "/lantern/reviews/siblings-l-and-m" in urls
    assert site.url + "/lantern/reviews/child-k" not in urls


def test_a_link_read_as_a_page_that_leads_to_a_file_is_not_downloaded_by_discovery():
    """A review's link without a file name ("/reviews/child-t") is read as a page; when it
    answers with a PDF, discovery keeps it as a document and leaves its body unread."""
    sent: list[int] = []

    def large_pdf(_request):
        def chunks():
            for i in range(400):  # 25 MB, 64 KiB a chunk, if the client reads it all
                sent.append(i)
                yield b"%PDF-1.7\n" if i == 0 else b"0" * 65536

        return 200, {"Content-Type": "application/pdf", "Content-Length": None}, chunks()

    listing = (
        '<html><body><main><h1>Published reviews</h1><ul><li><a href="/reviews/child-t">'
        "Serious Case Review Child T</a> Published March 2020</li></ul></main></body></html>"
    )
    with LoopbackServer({"/reviews/": (200, HTML, listing), "/reviews/child-t": large_pdf}) as site:
        source = SourceConfig(name="files", url=site.url + "/reviews/")
        fetcher = Fetcher(SETTINGS)
        try:
            found = walk(source, fetcher)
        finally:
            fetcher.close()
        asked = [r.path for r in site.requests]
        review = site.url + "/reviews/child-t"
    assert [link.url for link in found.documents] == [review]
    assert "/reviews/child-t" in asked
    # The client closed the response after its headers: the server stopped writing long
    # before the end (socket buffers take a few chunks).
    assert len(sent) < 100


@pytest.mark.parametrize("menu", [True, False])
def test_from_a_home_page_the_reviews_section_is_read_first(menu: bool):
    """A source at a board's home page: of its many sections (in the site's menu, or as
    tiles in the page's content), the one that lists reviews is walked first, so a small
    page budget still reaches the reviews."""
    sections = ["about", "news", "training", "parents", "young-people", "procedures", "events"]
    sections += [f"topic-{n}" for n in range(12)]
    nav = "".join(f'<li><a href="/{name}/">{name.title()}</a></li>' for name in sections)
    links = (
        f'<ul>{nav}<li><a href="/learning/case-reviews/">Learning from case reviews</a></li></ul>'
    )
    if menu:
        home = f"<html><body><nav>{links}</nav><main><h1>Welcome</h1></main></body></html>"
    else:
        home = f"<html><body><nav></nav><main><h1>Welcome</h1>{links}</main></body></html>"
    reviews = (
        "<html><body><main><h1>Case reviews</h1><ul>"
        '<li><a href="/files/child-t-overview-report.pdf">Child T overview report</a> 2021</li>'
        "</ul></main></body></html>"
    )
    routes = {"/": (200, HTML, home), "/learning/case-reviews/": (200, HTML, reviews)}
    for name in sections:
        routes[f"/{name}/"] = (200, HTML, f"<html><body><main><h1>{name}</h1></main></body></html>")
    with LoopbackServer(routes) as site:
        source = SourceConfig(name="home", url=site.url + "/", max_pages=3)
        fetcher = Fetcher(SETTINGS)
        try:
            found = walk(source, fetcher)
        finally:
            fetcher.close()
        expected = site.url + "/files/child-t-overview-report.pdf"
        asked = [r.path for r in site.requests if r.path != "/robots.txt"]
    assert [link.url for link in found.documents] == [expected]
    assert asked[:2] == ["/", "/learning/case-reviews/"]
