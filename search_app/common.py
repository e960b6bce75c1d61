"""What the blueprints share: labels, id patterns, JSON errors, the error page and the app's
error handlers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import Flask, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from index import IndexMissingError
from search_app.resources import taxonomy

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


# Characters XML 1.0 cannot hold (C0 controls but tab and newlines, lone surrogates,
# U+FFFE/U+FFFF); DEL goes too. PDF text carries form feeds; a pack's JSON may carry
# anything a browser or a hand-made link puts in it.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: object) -> str:
    """Text that XML and UTF-8 can both hold: controls dropped (a form feed or vertical tab
    becomes a space), a lone surrogate replaced by U+FFFD."""

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if "\ud800" <= char <= "\udfff":
            return "\ufffd"
        return " " if char in "\x0b\x0c" else ""

    return XML_INVALID.sub(replace, str(text))


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


def not_found(_exc: Exception) -> Response | tuple[str, int]:
    if request.path.startswith("/api/"):
        return json_error("not found", 404)
    return error_page("There is no page at this address.", 404)


def index_missing(exc: IndexMissingError) -> Response | tuple[str, int]:
    """No index yet: every page and API answers 503 with what to run."""
    if request.path.startswith("/api/"):
        return json_error(str(exc), 503)
    return error_page(str(exc), 503)


def http_error(exc: HTTPException) -> Response | tuple[str, int]:
    """Other refusals (a method not allowed, a request body too large) in plain words."""
    status = exc.code or 400
    message = exc.description or exc.name
    if status == 413:
        message = "The request is too large."
    if request.path.startswith("/api/"):
        response = json_error(message, status)
    else:
        response = make_response(error_page(message, status))
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def server_error(_exc: Exception) -> Response | tuple[str, int]:
    if request.path.startswith("/api/"):
        return json_error("internal error", 500)
    return error_page("Something went wrong on our side.", 500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, http_error)
    app.register_error_handler(413, http_error)
    app.register_error_handler(IndexMissingError, index_missing)
    app.register_error_handler(500, server_error)
