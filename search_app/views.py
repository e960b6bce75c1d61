"""The search page, the search API and documents' archived copies. The state of a search
lives in the URL."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from werkzeug.wrappers import Response

from index import DOC_ID, LESSON_ID, Expander, IndexMissingError, QueryError, SearchQuery
from search_app.archive import ArchiveLinks, archive_response
from search_app.common import DOC_TYPE_LABELS, KIND_LABELS, json_error, json_errors, labels
from search_app.dates import long_date
from search_app.facet_lists import facet_lists
from search_app.params import parse_search_args, unreadable_params
from search_app.resources import data_dir, get_searcher, taxonomy
from search_app.state import SearchState
from search_app.viewer import viewer_available

bp = Blueprint("search", __name__)

bp.add_app_template_filter(long_date, "long_date")


def _value_label(facet: str, label: str) -> str:
    if facet == "doc_type":
        return DOC_TYPE_LABELS.get(label, label)
    if facet == "kind":
        return KIND_LABELS.get(label, label)
    return label


def _card_unit(query: SearchQuery) -> tuple[str, str]:
    """What a result card is called in the count: lessons, or the kind filtered to."""
    named = KIND_LABELS.get(query.kind or "", "Lesson").lower()
    return named, (named[:-1] + "ies" if named.endswith("y") else named + "s")


@bp.get("/")
def page() -> tuple[str, int] | str:
    state = SearchState(request.args)
    context: dict[str, Any] = {
        "state": state,
        # The words as typed stay in the box when the query is refused.
        "query": SearchQuery(q=(request.args.get("q") or "").strip()),
        "response": None,
        "error": None,
        "dropped": set(),
        "facets": [],
        "past_end": False,
        "card_unit": ("lesson", "lessons"),
        "archived_link": ArchiveLinks(data_dir(), viewer=viewer_available()),
        **labels(),
        "related_themes": [],
    }
    status = 200
    try:
        query = parse_search_args(request.args, known_themes=taxonomy())
        context["query"] = query
        context["card_unit"] = _card_unit(query)
        response = get_searcher().search(query)
        context["response"] = response
        context["facets"] = facet_lists(response, state, _value_label)
        if not response.results and query.page > 1 and response.cards:
            context["past_end"] = True
            status = 404
        if response.total == 0 and query.q:
            expander: Expander = current_app.extensions["expander"]
            context["related_themes"] = expander.related_themes(query.q)
    except QueryError as exc:
        # The box keeps the words typed; what could not be read is left out of the next
        # search, and offered to be dropped.
        dropped = unreadable_params(request.args, known_themes=taxonomy())
        context.update(error=str(exc), dropped=dropped, state=state.without(dropped))
        status = 400
    except IndexMissingError as exc:
        context["error"] = str(exc)
        status = 503
    return render_template("search.html", **context), status


@bp.get("/api/search")
@json_errors(QueryError)
def api_search() -> Response:
    # A bad query is a 400 even with no index.
    query = parse_search_args(request.args, known_themes=taxonomy())
    response = get_searcher().search(query)
    if query.page > max(1, response.pages):
        return json_error(f"page {query.page} is past the last page, {response.pages}", 404)
    return jsonify(response.to_json())


@bp.get("/documents/<doc_id>/archived")
def archived_copy(doc_id: str) -> Response:
    """The archived copy of a document, from the store: found through the index by its id,
    so no path from the request reaches the file system. A PDF is served as kept; a web
    page and a DOCX are shown as readable pages (`?lesson=ID` marks that lesson's
    paragraph at `#lesson`); `?download=1` gives the original file."""
    if not DOC_ID.fullmatch(doc_id):
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
