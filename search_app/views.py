"""The search page, the search API and documents' archived copies. The state of a search
lives in the URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from werkzeug.wrappers import Response

from index import DOC_ID, LESSON_ID, Expander, IndexMissingError, QueryError, SearchQuery
from search_app.archive import archive_response
from search_app.common import json_errors, labels
from search_app.params import parse_search_args
from search_app.resources import data_dir, get_searcher

bp = Blueprint("search", __name__)

# Facet name in the response -> URL parameter that filters on it.
FACET_PARAMS = {
    "theme": "theme",
    "year": "year",
    "case": "case",
    "board": "board",
    "doc_type": "type",
    "kind": "kind",
}


class SearchState:
    """The current URL's parameters, and links that change one of them."""

    def __init__(self, args: Any) -> None:
        self.items: list[tuple[str, str]] = [
            (k, v) for k, v in args.items(multi=True) if v.strip() and k != "page"
        ]

    def url(self, items: list[tuple[str, str]]) -> str:
        return "/?" + urlencode(items) if items else "/"

    def active(self, param: str, value: Any) -> bool:
        return (param, str(value)) in self.items

    def toggle(self, param: str, value: Any) -> str:
        pair = (param, str(value))
        if pair in self.items:
            return self.url([i for i in self.items if i != pair])
        kept = self.items if param == "theme" else [i for i in self.items if i[0] != param]
        return self.url([*kept, pair])

    def page(self, number: int) -> str:
        return self.url([*self.items, ("page", str(number))])

    def with_query(self, q: str, exact: bool = False) -> str:
        kept = [i for i in self.items if i[0] not in ("q", "exact")]
        return self.url([("q", q), *kept, *([("exact", "1")] if exact else [])])

    def within_document(self, doc_id: str) -> str:
        return self.url([*[i for i in self.items if i[0] != "doc"], ("doc", doc_id)])

    def within_case(self, case_id: str) -> str:
        return self.url(
            [*[i for i in self.items if i[0] not in ("case", "page")], ("case", case_id)]
        )

    def filters(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.items if k not in ("q", "per_page", "sort", "exact")]

    def kept(self) -> list[tuple[str, str]]:
        """What a new query from the search box keeps: the filters and the order."""
        return [(k, v) for k, v in self.items if k not in ("q", "per_page")]

    def sort(self) -> str:
        return next((v for k, v in self.items if k == "sort"), "relevance")

    def sorted_by(self, order: str) -> str:
        kept = [i for i in self.items if i[0] != "sort"]
        return self.url(kept if order == "relevance" else [*kept, ("sort", order)])


@bp.get("/")
def page() -> tuple[str, int] | str:
    state = SearchState(request.args)
    context: dict[str, Any] = {
        "state": state,
        # The words as typed stay in the box when the query is refused.
        "query": SearchQuery(q=(request.args.get("q") or "").strip()),
        "response": None,
        "error": None,
        "facet_params": FACET_PARAMS,
        **labels(),
        "related_themes": [],
    }
    try:
        query = parse_search_args(request.args)
        context["query"] = query
        response = get_searcher().search(query)
        context["response"] = response
        if response.total == 0 and query.q:
            expander: Expander = current_app.extensions["expander"]
            context["related_themes"] = expander.related_themes(query.q)
    except QueryError as exc:
        context["error"] = str(exc)
        return render_template("search.html", **context), 400
    except IndexMissingError as exc:
        context["error"] = str(exc)
        return render_template("search.html", **context), 503
    return render_template("search.html", **context)


@bp.get("/api/search")
@json_errors(QueryError)
def api_search() -> Response:
    query = parse_search_args(request.args)  # a bad query is a 400 even with no index
    return jsonify(get_searcher().search(query).to_json())


@bp.get("/documents/<doc_id>/archived")
def archived_copy(doc_id: str) -> Response:
    """The archived copy of a document, from the store: found through the index by its id,
    so no path from the request reaches the file system. A PDF is served as kept; a web
    page and a DOCX are shown as readable pages (`?lesson=ID` marks that lesson's
    paragraph at `#lesson`); `?download=1` gives the original file."""
    if not DOC_ID.match(doc_id):
        abort(404)
    searcher = get_searcher()
    document = searcher.documents.document(doc_id)
    if document is None or not document.sha256:
        abort(404)
    path = data_dir().blob(document.sha256)
    if not path.is_file():
        abort(404)
    lesson_id = request.args.get("lesson") or ""
    lesson = None
    if LESSON_ID.fullmatch(lesson_id) and lesson_id.startswith(doc_id):
        lesson = next(iter(searcher.lessons_by_id([lesson_id])), None)
    return archive_response(
        path,
        document,
        lesson_text=lesson.text if lesson else None,
        download=request.args.get("download") == "1",
    )
