"""Discovery: a listing page -> document links with the context a reader sees beside them."""

from __future__ import annotations

from harvester.discover import parse_listing, source_scope
from harvester.settings import SourceConfig

SITE = "https://www.fenmarsh-lscb.example"
PAGE = f"{SITE}/scr/serious-case-reviews"

# Modelled on a real board's SCR page: a heading, then each leaflet as a linked line
# followed by a line of context in the next paragraph.
BOARD_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Serious Case Reviews - Fenmarsh LSCB</title></head>
<body>
<header>
  <a href="/">Fenmarsh Safeguarding Children Board</a>
  <a href="/scr/thresholds-document.pdf">Thresholds document</a>
</header>
<nav>
  <a href="/scr/">Home</a>
  <a href="/scr/annual-report-2019.pdf">Annual report</a>
</nav>
<main>
  <h1>Serious Case Reviews</h1>
  <p>A Serious Case Review (SCR) is undertaken when abuse or neglect of a child is known
  or suspected. Contact us at <a href="mailto:lscb@fenmarsh.example">lscb@fenmarsh.example</a>
  or <a href="tel:01632960000">01632 960000</a>.</p>
  <p><a href="#top">Back to top</a> <a href="javascript:void(0)">Print this page</a></p>
  <p>The national repository is held by the
  <a href="https://learning.nspcc.example/case-reviews/child-j-leaflet.pdf">NSPCC</a>.</p>
  <h2>An overview of the multi-agency response to child sexual exploitation</h2>
  <p><a href="/scr/cse-overview-report.pdf">Overview report (PDF, 1.2MB)</a></p>
  <h2>Professional Leaflets from previous SCRs</h2>
  <p><a href="/scr/docs/Child%20J%20Professionals%20Leaflet.pdf"
        >Child J Professionals Leaflet</a></p>
  <p>Highlighting lessons from Child J (July 2015)</p>
  <p><a href="/scr/docs/child-a-leaflet.pdf#page=2">Child A Professionals Leaflet</a></p>
  <p>Highlighting lessons from Child A (Oct 2014)</p>
  <p><a href="/scr/docs/t-family-leaflet.docx">T Family Professionals Leaflet</a></p>
  <p>Highlighting lessons from T Family (August 2011)</p>
  <p><a href="/scr/download.aspx?id=12">Child A (2006) Professionals Leaflet</a></p>
  <p>Highlighting lessons from Child A (November 2006)</p>
  <h3>Learning summaries</h3>
  <p><a href="/scr/child-k-learning-summary">Child K learning summary</a></p>
  <p>Published 2 March 2021</p>
  <p><a href="/scr/archive/">Older reviews (archive)</a>
     <a href="/scr/serious-case-reviews?page=2">Next page</a></p>
</main>
<footer>
  <a href="/scr/privacy-notice.pdf">Privacy notice</a>
  <a href="/scr/accessibility-review.pdf">Accessibility review</a>
</footer>
</body></html>
"""

TABLE_PAGE = """<html><body>
<div id="content">
<h2>Published reviews</h2>
<table>
  <tr><th>Review</th><th>Published</th></tr>
  <tr><td><a href="/scr/files/baby-r-scr.pdf">Baby R Serious Case Review</a></td>
      <td>13.03.18</td></tr>
  <tr><td><a href="/scr/files/child-h1-7mb.pdf">Child H1 7-minute briefing</a></td>
      <td>published 29th November 2019</td></tr>
</table>
</div>
</body></html>
"""


def source(**options) -> SourceConfig:
    """The board's own source: only its own site's documents are taken."""
    options.setdefault("board", "Fenmarsh Local Safeguarding Children Board")
    return SourceConfig(name="fenmarsh", url=PAGE, **options)


def by_url(page) -> dict:
    return {d.url: d for d in page.documents}


def test_leaflet_line_after_the_link_is_part_of_the_context():
    docs = by_url(parse_listing(BOARD_PAGE, PAGE, source()))
    child_j = docs[f"{SITE}/scr/docs/Child%20J%20Professionals%20Leaflet.pdf"]
    assert child_j.link_text == "Child J Professionals Leaflet"
    assert child_j.context == (
        "Child J Professionals Leaflet / Highlighting lessons from Child J (July 2015)"
    )
    assert child_j.heading == "Professional Leaflets from previous SCRs"
    assert child_j.listing_url == PAGE

    t_family = docs[f"{SITE}/scr/docs/t-family-leaflet.docx"]
    assert t_family.context.endswith("Highlighting lessons from T Family (August 2011)")


def test_nearest_heading_is_the_one_above_the_link():
    docs = by_url(parse_listing(BOARD_PAGE, PAGE, source()))
    overview = docs[f"{SITE}/scr/cse-overview-report.pdf"]
    assert overview.heading == (
        "An overview of the multi-agency response to child sexual exploitation"
    )
    summary = docs[f"{SITE}/scr/child-k-learning-summary"]
    assert summary.heading == "Learning summaries"
    assert summary.context == "Child K learning summary / Published 2 March 2021"


def test_fragment_is_dropped_from_document_urls():
    docs = by_url(parse_listing(BOARD_PAGE, PAGE, source()))
    assert f"{SITE}/scr/docs/child-a-leaflet.pdf" in docs
    assert not any("#" in url for url in docs)


def test_download_handler_without_extension_counts_as_a_document():
    docs = by_url(parse_listing(BOARD_PAGE, PAGE, source()))
    download = docs[f"{SITE}/scr/download.aspx?id=12"]
    assert download.link_text == "Child A (2006) Professionals Leaflet"
    assert "November 2006" in download.context


def test_table_listing_keeps_the_date_from_its_own_cell():
    page = parse_listing(TABLE_PAGE, PAGE, source())
    docs = by_url(page)
    assert set(docs) == {
        f"{SITE}/scr/files/baby-r-scr.pdf",
        f"{SITE}/scr/files/child-h1-7mb.pdf",
    }
    baby_r = docs[f"{SITE}/scr/files/baby-r-scr.pdf"]
    assert baby_r.context == "Baby R Serious Case Review 13.03.18"
    assert baby_r.heading == "Published reviews"
    h1 = docs[f"{SITE}/scr/files/child-h1-7mb.pdf"]
    assert "published 29th November 2019" in h1.context
    assert "13.03.18" not in h1.context


def test_mail_phone_script_fragment_and_other_host_links_are_ignored():
    page = parse_listing(BOARD_PAGE, PAGE, source())
    every = [d.url for d in page.documents] + page.listing_links
    assert every, "the page has documents"
    for url in every:
        assert url.startswith(f"{SITE}/"), url
        assert not url.startswith(("mailto:", "tel:", "javascript:"))
    assert not any("nspcc" in url for url in every)
    assert PAGE not in every and f"{PAGE}#top" not in every


def test_a_collection_takes_the_files_boards_keep_on_their_own_sites():
    """A collection of many boards' reviews (no board) links the files on each board's
    site: those are documents; another site's pages are not read."""
    html = """<html><body><main>
    <h3>2019 – Oakbridge – Child K</h3><p>A baby was injured.</p>
    <p><a href="https://oakbridge-scp.example/files/child-k-report.pdf">Read the report</a></p>
    <p><a href="https://oakbridge-scp.example/reviews/">Oakbridge's reviews</a></p>
    </main></body></html>"""
    collection = SourceConfig(name="collection", url=PAGE)
    page = parse_listing(html, PAGE, collection)
    assert [d.url for d in page.documents] == [
        "https://oakbridge-scp.example/files/child-k-report.pdf"
    ]
    assert page.listing_links == []
    assert not by_url(parse_listing(html, PAGE, source()))


def test_pagination_and_sub_listing_links_are_listing_links():
    page = parse_listing(BOARD_PAGE, PAGE, source())
    assert f"{SITE}/scr/archive/" in page.listing_links
    assert f"{SITE}/scr/serious-case-reviews?page=2" in page.listing_links
    docs = by_url(page)
    assert f"{SITE}/scr/archive/" not in docs
    assert f"{SITE}/scr/serious-case-reviews?page=2" not in docs


def test_header_nav_and_footer_links_are_not_documents():
    docs = by_url(parse_listing(BOARD_PAGE, PAGE, source()))
    for path in (
        "thresholds-document.pdf",
        "annual-report-2019.pdf",
        "privacy-notice.pdf",
        "accessibility-review.pdf",
    ):
        assert f"{SITE}/scr/{path}" not in docs
    assert len(docs) == 6


def test_boilerplate_is_dropped_when_the_page_has_no_main_element():
    html = """<html><body>
    <header><a href="/scr/thresholds-document.pdf">Thresholds document</a></header>
    <nav><a href="/scr/annual-report-2019.pdf">Annual report</a></nav>
    <div class="page">
      <h2>Learning briefings</h2>
      <p><a href="/scr/child-m-briefing.pdf">Child M learning briefing</a></p>
    </div>
    <aside><a href="/scr/newsletter-review.pdf">Newsletter review</a></aside>
    <footer><a href="/scr/privacy-notice.pdf">Privacy notice</a></footer>
    </body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert list(docs) == [f"{SITE}/scr/child-m-briefing.pdf"]


def test_pagination_nav_inside_the_main_content_is_followed():
    html = """<html><body>
    <nav class="site"><a href="/scr/annual-report-2019.pdf">Annual report</a></nav>
    <main>
    <h2>Reviews</h2>
    <p><a href="/scr/child-s-overview-report.pdf">Child S overview report</a></p>
    <nav class="pagination" aria-label="Pages">
      <span class="current">1</span> <a href="/scr/archive/">2</a>
      <a href="/scr/serious-case-reviews?page=2">Next &raquo;</a>
    </nav>
    </main></body></html>"""
    page = parse_listing(html, PAGE, source())
    assert [d.url for d in page.documents] == [f"{SITE}/scr/child-s-overview-report.pdf"]
    assert page.listing_links == [
        f"{SITE}/scr/archive/",
        f"{SITE}/scr/serious-case-reviews?page=2",
    ]


def test_html_page_link_counts_only_when_it_reads_like_a_document():
    html = """<main>
    <p><a href="/scr/contact-us">Contact us</a></p>
    <p><a href="/scr/child-w-review">Child W review</a></p>
    <p><a href="/other-section/child-x-review">Child X review</a></p>
    </main>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert f"{SITE}/scr/child-w-review" in docs
    assert f"{SITE}/scr/contact-us" not in docs
    # Outside the source's folder an HTML page is neither a document nor a listing.
    assert f"{SITE}/other-section/child-x-review" not in docs


def test_selector_limits_the_region_read():
    html = """<html><body>
    <div id="news"><p><a href="/scr/news-briefing.pdf">Newsletter briefing</a></p></div>
    <div id="reviews">
      <h2>Reviews</h2>
      <p><a href="/scr/child-b-leaflet.pdf">Child B leaflet</a></p>
    </div></body></html>"""
    everything = by_url(parse_listing(html, PAGE, source()))
    assert set(everything) == {
        f"{SITE}/scr/news-briefing.pdf",
        f"{SITE}/scr/child-b-leaflet.pdf",
    }
    chosen = by_url(parse_listing(html, PAGE, source(selector="#reviews")))
    assert set(chosen) == {f"{SITE}/scr/child-b-leaflet.pdf"}


def test_include_and_exclude_patterns():
    included = by_url(parse_listing(BOARD_PAGE, PAGE, source(include=("*.pdf",))))
    assert included
    assert all(url.endswith(".pdf") for url in included)
    assert f"{SITE}/scr/docs/t-family-leaflet.docx" not in included

    patterns = ("*leaflet*", "*Leaflet*", "download")
    excluded = by_url(parse_listing(BOARD_PAGE, PAGE, source(exclude=patterns)))
    assert f"{SITE}/scr/cse-overview-report.pdf" in excluded
    assert f"{SITE}/scr/child-k-learning-summary" in excluded
    assert not any("leaflet" in url.lower() for url in excluded)
    assert f"{SITE}/scr/download.aspx?id=12" not in excluded


def test_relative_links_resolve_against_the_page_url():
    html = '<main><p><a href="docs/child-c-summary.pdf">Child C executive summary</a></p></main>'
    page_url = f"{SITE}/scr/reviews/index.html"
    docs = by_url(parse_listing(html, page_url, source()))
    assert list(docs) == [f"{SITE}/scr/reviews/docs/child-c-summary.pdf"]


def test_source_scope():
    assert source_scope(source()) == ("www.fenmarsh-lscb.example", "/scr/")
    top = SourceConfig(name="x", url="https://Board.Example/reviews")
    assert source_scope(top) == ("board.example", "/")


def test_a_reviews_own_page_names_its_documents_by_its_title():
    """On a page for one review, a section called "Documents" stands under the page's
    title; a page whose title is itself a section name leaves the section's heading."""
    html = f"""<html><body><main><h1>Child Safeguarding Practice Review: Baby Wren</h1>
    <p>Published 14 June 2023</p><h2>Documents</h2>
    <ul><li><a href="{SITE}/media/report.pdf">Report (PDF, 1.2MB)</a></li></ul>
    </main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert docs[f"{SITE}/media/report.pdf"].heading == (
        "Child Safeguarding Practice Review: Baby Wren"
    )
    generic = html.replace("Child Safeguarding Practice Review: Baby Wren", "Publications")
    docs = by_url(parse_listing(generic, PAGE, source()))
    assert docs[f"{SITE}/media/report.pdf"].heading == "Documents"


def test_a_link_that_only_says_download_is_named_by_its_title_or_its_picture():
    html = f"""<html><body><main><h1>Reviews</h1>
    <figure><img src="c1.jpg" alt="Cover of the Child W safeguarding practice review report">
    <figcaption>July 2021 <a href="{SITE}/d/p1.pdf">Download</a></figcaption></figure>
    <figure><img src="c2.jpg" alt="">
    <figcaption><a href="{SITE}/d/p2.pdf" title="Harley – executive summary">Download</a>
    </figcaption></figure>
    <figure><figcaption><a href="{SITE}/d/p3.pdf">Download</a></figcaption></figure>
    </main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert docs[f"{SITE}/d/p1.pdf"].link_text == "Child W safeguarding practice review report"
    assert docs[f"{SITE}/d/p2.pdf"].link_text == "Harley – executive summary"
    assert docs[f"{SITE}/d/p3.pdf"].link_text == "Download"


def test_a_file_linked_by_its_picture_and_then_its_title_is_named_by_the_title():
    html = f"""<html><body><main><h1>Reviews</h1><section>
    <a href="{SITE}/m/es.pdf" aria-hidden="true"><img src="t.png" alt=""></a>
    <h3><a href="{SITE}/m/es.pdf">Keane family: executive summary</a></h3>
    </section></main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert docs[f"{SITE}/m/es.pdf"].link_text == "Keane family: executive summary"


def test_a_table_cell_spanning_rows_names_each_rows_document():
    html = f"""<html><body><main><h1>Reviews</h1><table><tbody>
    <tr><th rowspan="2">Child V<br>Local Child Safeguarding Practice Review</th>
    <td rowspan="2">14.02.2024</td><td><a href="{SITE}/v1.pdf">Overview report</a></td></tr>
    <tr><td><a href="{SITE}/v2.pdf">Executive summary</a></td></tr>
    <tr><th>Child W</th><td>2023</td><td><a href="{SITE}/w1.pdf">Overview report</a></td></tr>
    </tbody></table></main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert "Child V" in docs[f"{SITE}/v2.pdf"].context
    assert "14.02.2024" in docs[f"{SITE}/v2.pdf"].context
    assert "Child V" not in docs[f"{SITE}/w1.pdf"].context


def test_a_review_pages_date_under_its_title_goes_with_its_documents():
    html = f"""<html><body><main><h1>Child Safeguarding Practice Review: Baby Wren</h1>
    <p>Published: 14 June 2023</p><h2>Documents</h2>
    <ul><li><a href="{SITE}/media/report.pdf">Report (PDF)</a></li></ul></main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert "14 June 2023" in docs[f"{SITE}/media/report.pdf"].context
    # A page of many reviews is titled by its kind: its sections keep their own headings.
    many = html.replace(
        "Child Safeguarding Practice Review: Baby Wren", "Safeguarding practice reviews"
    )
    many = many.replace("Documents", "Review reports")
    docs = by_url(parse_listing(many, PAGE, source()))
    assert docs[f"{SITE}/media/report.pdf"].heading == "Review reports"


def test_a_heading_inside_a_labelled_panel_is_nearer_than_the_panels_label():
    html = f"""<html><body><main><h1>Case reviews</h1>
    <h2><button id="acc-2024" aria-controls="p24">2024</button></h2>
    <div id="p24" role="region" aria-labelledby="acc-2024">
    <h3>Learning briefs</h3><p>Child L – 3 April 2024 <a href="{SITE}/lb-l.pdf">Download</a></p>
    </div>
    <div role="tabpanel" aria-labelledby="tab-1"><p><a href="{SITE}/t.pdf">Child T</a></p></div>
    <button id="tab-1">Overview reports</button></main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert docs[f"{SITE}/lb-l.pdf"].heading == "Learning briefs"
    assert docs[f"{SITE}/t.pdf"].heading == "Overview reports"


def test_a_whole_post_of_many_documents_is_not_one_reviews_record():
    items = "".join(
        f'<p>Child {c} – 2024 <a href="{SITE}/{c}.pdf">Download</a></p>' for c in "ABCDEFGHIJKL"
    )
    html = f"""<html><body><main><article class="post"><p>Our reviews, learning briefs
    and responses.</p>{items}</article></main></body></html>"""
    docs = by_url(parse_listing(html, PAGE, source()))
    assert "learning briefs" not in docs[f"{SITE}/A.pdf"].context
