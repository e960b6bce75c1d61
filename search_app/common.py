"""What the blueprints share: labels, id patterns, JSON errors, the error page and the app's
error handlers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import Flask, abort, jsonify, render_template, request
from werkzeug.wrappers import Response

from index import IndexMissingError, LessonSearcher
from search_app.resources import get_searcher, taxonomy

P = ParamSpec("P")
R = TypeVar("R")

DOC_TYPE_LABELS = {
    "overview-report": "Overview report",
    "executive-summary": "Executive summary",
    "learning-brief": "Learning brief",
    "action-plan": "Action plan",
    "thematic-review": "Thematic review",
    "other": "Other",
}
KIND_LABELS = {
    "lesson": "Lesson",
    "recommendation": "Recommendation",
    "summary": "Case summary",
    "passage": "Passage",
}


def labels() -> dict[str, Any]:
    """What templates name things with: document types, record kinds and themes."""
    return {
        "doc_type_labels": DOC_TYPE_LABELS,
        "kind_labels": KIND_LABELS,
        "theme_label": taxonomy().label,
    }


def slug(text: str, limit: int, default: str) -> str:
    """A file name from a title: its letters and digits joined by hyphens."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", text))[:limit] or default


def json_error(message: str, status: int) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    return response


def json_errors(
    *bad_request: type[Exception],
) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """A JSON view's failures as JSON errors: the exceptions named answer 400 with their
    message, a missing index 503."""

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            try:
                return view(*args, **kwargs)
            except bad_request as exc:
                return json_error(str(exc), 400)
            except IndexMissingError as exc:
                return json_error(str(exc), 503)

        return guarded

    return decorate


def error_page(message: str, status: int) -> tuple[str, int]:
    return render_template("error.html", message=message), status


def searcher_or_404() -> LessonSearcher:
    """The searcher, for a page about something in the index: with no index, no such page."""
    try:
        return get_searcher()
    except IndexMissingError:
        abort(404)


def not_found(_exc: Exception) -> Response | tuple[str, int]:
    if request.path.startswith("/api/"):
        return json_error("not found", 404)
    return error_page("There is no page at this address.", 404)


def server_error(_exc: Exception) -> Response | tuple[str, int]:
    if request.path.startswith("/api/"):
        return json_error("internal error", 500)
    return error_page("Something went wrong on our side.", 500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(404, not_found)
    app.register_error_handler(500, server_error)
