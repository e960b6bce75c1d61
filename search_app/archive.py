"""Archived copies a reader can open: a PDF as it was kept, a web page as its main content
with nothing in it that can run, a DOCX rendered as HTML with an anchor per paragraph.
A lesson can be marked in the web page and DOCX views: its best-matching paragraph."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from flask import make_response, render_template, send_file, url_for
from markupsafe import Markup, escape
from rapidfuzz import fuzz
from werkzeug.wrappers import Response

from index import DataDir, DocumentInfo
from search_app.common import slug

# What the archived views may load: their own inline styles and inline images, nothing else
# (no script of any kind, no frames, no fetches, no fonts).
ARCHIVE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

PDF, DOCX, PPTX, WEB, TEXT = "pdf", "docx", "pptx", "web", "text"

# Elements dropped with their content: whatever runs, embeds, submits or loads.
DROPPED = [
    "script",
    "noscript",
    "style",
    "link",
    "meta",
    "base",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "template",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "source",
    "track",
    "portal",
    "dialog",
]
# Page furniture dropped when the page has no main element and the body is shown.
FURNITURE = ["nav", "header", "footer", "aside"]
BANNER = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|banner|breadcrumbs?|skip-?links?|share|"
    r"social-?(?:media|links?|share|icons?|buttons?))(?:$|[-_])",
    re.I,
)
KEPT_ATTRIBUTES = {"href", "src", "alt", "title", "colspan", "rowspan", "scope", "lang", "dir"}
SAFE_SCHEMES = {"http", "https", "mailto"}
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "dd", "dt", "blockquote", "pre"]
MIN_MATCH = 60  # rapidfuzz partial_ratio a paragraph needs to be taken for the lesson's


def kind_of(path: Path) -> str:
    """What the stored bytes are, read from the bytes themselves."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if head.startswith(b"%PDF"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return TEXT
        if "word/document.xml" in names:
            return DOCX
        return PPTX if any(n.startswith("ppt/") for n in names) else TEXT
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:512]:
        return WEB
    return TEXT


@dataclass(frozen=True)
class Rendered:
    """A view's body (safe HTML), the page's own title, and whether the lesson was found."""

    body: Markup
    title: str | None
    marked: bool


def _best_block(blocks: list[Tag], lesson: str) -> Tag | None:
    wanted = " ".join(lesson.split()).lower()[:200]
    if not wanted:
        return None
    best, best_score = None, float(MIN_MATCH)
    for block in blocks:
        text = " ".join(block.get_text(" ").split()).lower()
        if not text:
            continue
        score = fuzz.partial_ratio(wanted, text) if len(text) >= 20 else 0.0
        if score > best_score:
            best, best_score = block, score
    return best


def _mark(soup: BeautifulSoup, block: Tag) -> None:
    """Flag the lesson's paragraph: the `#lesson` anchor and a visible highlight."""
    block["class"] = [*block.get("class", []), "lesson-here"]
    flag = soup.new_tag("span", attrs={"id": "lesson", "class": "lesson-flag"})
    flag.string = "Lesson"
    block.insert(0, flag)


def _leaves(root: Tag) -> list[Tag]:
    return [b for b in root.find_all(BLOCKS) if not b.find(BLOCKS)]


def _safe_url(value: str, base: str | None) -> str | None:
    value = value.strip()
    if value.startswith("#"):
        return value
    absolute = urljoin(base, value) if base else value
    scheme = urlsplit(absolute).scheme.lower()
    return absolute if scheme in SAFE_SCHEMES else None


def _clean_attributes(tag: Tag, base: str | None) -> None:
    for name in list(tag.attrs):
        if name.lower() not in KEPT_ATTRIBUTES:
            del tag[name]
    if tag.name == "a" and tag.get("href"):
        href = _safe_url(str(tag["href"]), base)
        if href is None:
            del tag["href"]
        else:
            tag["href"] = href
            if not href.startswith("#"):
                tag["rel"] = "noopener noreferrer"
    elif "href" in tag.attrs:
        del tag["href"]
    if "src" in tag.attrs and not str(tag["src"]).startswith("data:image/"):
        del tag["src"]


def web_page(data: bytes, source_url: str | None, lesson: str | None) -> Rendered:
    """The main content of an archived web page (its `main`, else its article, else its
    body without navigation), with everything that could run, load or submit removed."""
    soup = BeautifulSoup(data, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    main = soup.select_one("main") or soup.select_one("[role=main]") or soup.select_one("article")
    root = main or soup.body or soup
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(DROPPED):
        tag.decompose()
    if main is None:
        for tag in root.find_all(FURNITURE):
            tag.decompose()
    for tag in [*root.find_all(attrs={"class": BANNER}), *root.find_all(attrs={"id": BANNER})]:
        if not tag.decomposed:
            tag.decompose()
    for tag in [root, *root.find_all(True)]:
        _clean_attributes(tag, source_url)
    for image in root.find_all("img"):
        if not image.get("src"):  # an image from elsewhere: its description stands in
            alt = str(image.get("alt") or "").strip()
            image.replace_with(f"[image: {alt}]" if alt else "")
    marked = False
    if lesson and (block := _best_block(_leaves(root), lesson)):
        _mark(soup, block)
        marked = True
    root.name = "div"
    root["class"] = "archived-page"
    return Rendered(Markup(str(root)), title, marked)


def _runs_html(paragraph: Any) -> str:
    parts = []
    for run in paragraph.runs:
        text = str(escape(run.text))
        if not text:
            continue
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts) or str(escape(paragraph.text))


def _heading_level(style: str) -> int | None:
    if style.startswith("Title"):
        return 1
    if style.startswith("Heading"):
        level = style.removeprefix("Heading").strip()
        return min(6, int(level) + 1) if level.isdigit() else 2
    return None


def docx_document(data: bytes, lesson: str | None) -> Rendered:
    """A DOCX as HTML: headings, paragraphs, lists and tables in document order, each
    paragraph with an anchor (`#p-1`, `#p-2`, ...)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    soup = BeautifulSoup("<div class='archived-docx'></div>", "lxml")
    root = soup.div
    assert root is not None
    number = 0
    open_list: Tag | None = None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            open_list = None
            table = soup.new_tag("table")
            for row in block.rows:
                tr = soup.new_tag("tr")
                for cell in row.cells:
                    td = soup.new_tag("td")
                    td.string = " ".join(p.text for p in cell.paragraphs).strip()
                    tr.append(td)
                table.append(tr)
            root.append(table)
            continue
        assert isinstance(block, Paragraph)
        if not block.text.strip():
            continue
        number += 1
        style = (block.style.name if block.style is not None else "") or ""
        level = _heading_level(style)
        numbered = block._p.pPr is not None and block._p.pPr.numPr is not None
        inner = BeautifulSoup(_runs_html(block), "html.parser")
        if level is None and (style.startswith("List") or numbered):
            kind = "ol" if "Number" in style else "ul"
            if open_list is None or open_list.name != kind:
                open_list = soup.new_tag(kind)
                root.append(open_list)
            item = soup.new_tag("li", attrs={"id": f"p-{number}"})
            item.extend(list(inner.contents))
            open_list.append(item)
            continue
        open_list = None
        element = soup.new_tag(f"h{level}" if level else "p", attrs={"id": f"p-{number}"})
        element.extend(list(inner.contents))
        root.append(element)
    marked = False
    if lesson and (found := _best_block(_leaves(root), lesson)):
        _mark(soup, found)
        marked = True
    title = document.core_properties.title or None
    return Rendered(Markup(str(root)), title, marked)


DOWNLOADS = {
    PDF: ("application/pdf", ".pdf"),
    DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    PPTX: ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
    WEB: ("text/html", ".html"),
    TEXT: ("text/plain", ".txt"),
}


def archive_response(
    path: Path, document: DocumentInfo, lesson_text: str | None, download: bool
) -> Response:
    """The response for an archived copy: a PDF inline as kept; a web page or DOCX as a
    rendered view (or, asked to download, the original file as an attachment named for what
    it is); anything else as plain text or a download."""
    kind = kind_of(path)
    name = slug(document.title or "document", 80, "document")
    if kind in (WEB, DOCX) and not download:
        data = path.read_bytes()
        if kind == WEB:
            rendered = web_page(data, document.source_url or None, lesson_text)
        else:
            rendered = docx_document(data, lesson_text)
        html = render_template(
            "archived.html",
            view=rendered,
            kind=kind,
            document=document,
            lesson_asked=lesson_text is not None,
        )
        response = make_response(html)
        response.headers["Content-Security-Policy"] = ARCHIVE_CSP
        response.headers["Content-Disposition"] = f'inline; filename="{name}.html"'
        return response
    media, suffix = DOWNLOADS[kind]
    response = send_file(
        path,
        mimetype=media,
        as_attachment=download or kind in (DOCX, PPTX, WEB),
        download_name=name + suffix,
        conditional=True,
        etag=document.sha256,
        max_age=86400,
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


class ArchiveLinks:
    """Links to the archived copy at a lesson: a PDF at its page, a web page or DOCX at the
    lesson's paragraph. With `viewer`, a PDF's link opens the PDF viewer at the lesson's
    page with the lesson highlighted. Each document's kind is read once per page that uses
    them."""

    def __init__(self, data: DataDir, viewer: bool = False) -> None:
        self._data = data
        self._viewer = viewer
        self._kinds: dict[str, str | None] = {}

    def kind(self, sha256: str) -> str | None:
        if sha256 not in self._kinds:
            try:
                self._kinds[sha256] = kind_of(self._data.blob(sha256))
            except (OSError, ValueError):
                self._kinds[sha256] = None
        return self._kinds[sha256]

    def __call__(self, doc_id: str, sha256: str, lesson_id: str, page: int | None) -> str | None:
        """The link, or None when the store has no copy."""
        kind = self.kind(sha256) if sha256 else None
        if kind is None:
            return None
        if kind in (WEB, DOCX):
            return url_for("search.archived_copy", doc_id=doc_id, lesson=lesson_id) + "#lesson"
        if kind == PDF and page and self._viewer:
            return url_for("viewer.view", doc_id=doc_id, page=page, lesson=lesson_id)
        link = url_for("search.archived_copy", doc_id=doc_id)
        return f"{link}#page={page}" if page and kind == PDF else link

    def at_page(self, doc_id: str, lesson_id: str, page: int | None) -> str:
        """A link to a record of a document whose kind is not known here: the viewer at
        its page (which sends any other kind of document to its archived view), or the
        archived copy at that page."""
        if page and self._viewer:
            return url_for("viewer.view", doc_id=doc_id, page=page, lesson=lesson_id)
        link = url_for("search.archived_copy", doc_id=doc_id)
        return f"{link}#page={page}" if page else link
