"""The PDF viewer: an archived PDF opened at a lesson's page with the lesson's words
highlighted, drawn by PDF.js (pdfjs-dist, installed by npm and served from here). Without
PDF.js the viewer's links lead to the archived PDF itself, for the browser's own viewer."""

from __future__ import annotations

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from werkzeug.wrappers import Response

from index import DOC_ID, LESSON_ID, DocumentInfo, Hit
from search_app.archive import DOCX, PDF, WEB, kind_of
from search_app.common import error_page, labels
from search_app.resources import data_dir, get_searcher

bp = Blueprint("viewer", __name__)

# Where npm puts pdfjs-dist when run in the project's folder.
DEFAULT_PDFJS_DIR = Path(__file__).resolve().parent.parent / "node_modules" / "pdfjs-dist"
PDFJS_MODULES = ("build/pdf.mjs", "build/pdf.worker.mjs")
# The folders of pdfjs-dist a browser may load: the library and its worker, and the fonts
# and character maps a PDF that does not embed its own asks for.
PDFJS_SERVED = ("build/", "standard_fonts/", "cmaps/")
# Python's mimetypes does not know every suffix pdfjs-dist uses; a module script served
# as anything but JavaScript is refused by the browser (the app sends nosniff).
PDFJS_TYPES = {
    ".mjs": "text/javascript",
    ".map": "application/json",
    ".bcmap": "application/octet-stream",
    ".pfb": "application/octet-stream",
    ".ttf": "font/ttf",
}
PDFJS_MAX_AGE = 86400

# The viewer page's policy: the site's, with the worker PDF.js starts named.
VIEWER_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


def pdfjs_dir() -> Path:
    return current_app.extensions["pdfjs_dir"]


def viewer_available() -> bool:
    """Whether PDF.js is installed where the app serves it from."""
    root = pdfjs_dir()
    return all((root / name).is_file() for name in PDFJS_MODULES)


class ViewerError(ValueError):
    """A viewer link the app cannot follow (a page or lesson that is not a valid one)."""


def _page_param(pages: int) -> int | None:
    text = (request.args.get("page") or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise ViewerError(f"page must be a whole number from 1, got {text[:20]!r}")
    page = int(text)
    if pages and page > pages:
        raise ViewerError(f"page {page} is past the document's end (it has {pages} pages)")
    return page


def _lesson_param(doc_id: str) -> str | None:
    lesson_id = (request.args.get("lesson") or "").strip()
    if not lesson_id:
        return None
    if not LESSON_ID.fullmatch(lesson_id) or not lesson_id.startswith(doc_id + "-"):
        raise ViewerError(f"{lesson_id[:40]!r} is not the id of a lesson of this document")
    return lesson_id


def _archived(doc_id: str, lesson_id: str | None, page: int | None, kind: str) -> str:
    """The archived copy at the lesson: a PDF at its page, a web page or DOCX at the
    lesson's paragraph."""
    if kind in (WEB, DOCX) and lesson_id:
        return url_for("search.archived_copy", doc_id=doc_id, lesson=lesson_id) + "#lesson"
    link = url_for("search.archived_copy", doc_id=doc_id)
    return f"{link}#page={page}" if page and kind == PDF else link


@bp.get("/documents/<doc_id>/view")
def view(doc_id: str) -> Response | str | tuple[str, int]:
    """A PDF at a page (`?page=N`, default the lesson's page, else 1), the lesson given by
    `?lesson=ID` highlighted on it. Another kind of document goes to its archived view; a
    PDF goes to the archived file at the page when PDF.js is not installed."""
    if not DOC_ID.fullmatch(doc_id):
        abort(404)
    searcher = get_searcher()
    document: DocumentInfo | None = searcher.documents.document(doc_id)
    if document is None or not document.sha256:
        abort(404)
    path = data_dir().blob(document.sha256)
    if not path.is_file():
        abort(404)
    try:
        page = _page_param(document.pages)
        lesson_id = _lesson_param(doc_id)
    except ViewerError as exc:
        return error_page(str(exc), 400)
    lesson: Hit | None = None
    if lesson_id:
        lesson = next(iter(searcher.lessons_by_id([lesson_id])), None)
        if lesson is None:
            abort(404)
    page = page or (lesson.page if lesson else None) or 1
    kind = kind_of(path)
    if kind != PDF or not viewer_available():
        return redirect(_archived(doc_id, lesson_id, page, kind))
    response = current_app.make_response(
        render_template(
            "viewer.html",
            document=document,
            lesson=lesson,
            page=page,
            plain=_archived(doc_id, None, page, PDF),
            **labels(),
        )
    )
    response.headers["Content-Security-Policy"] = VIEWER_CSP
    return response


@bp.get("/pdfjs/<path:filename>")
def pdfjs(filename: str) -> Response:
    """PDF.js's own files, from the installed pdfjs-dist."""
    if (
        not filename.startswith(PDFJS_SERVED)
        or ".." in filename.split("/")
        or not viewer_available()
    ):
        abort(404)
    return send_from_directory(
        pdfjs_dir(),
        filename,
        mimetype=PDFJS_TYPES.get(Path(filename).suffix),
        conditional=True,
        max_age=PDFJS_MAX_AGE,
    )
