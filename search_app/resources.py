"""Per-request resources on `g`, closed on teardown; security headers on every response."""

from __future__ import annotations

from flask import Flask, current_app, g
from werkzeug.wrappers import Response

from index.search import LessonSearcher
from index.taxonomy import Taxonomy

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def taxonomy() -> Taxonomy:
    return current_app.extensions["taxonomy"]


def get_searcher() -> LessonSearcher:
    if "searcher" not in g:
        g.searcher = LessonSearcher(current_app.config["DATA_DIR"], taxonomy().label)
    return g.searcher


def close_searcher(_exc: BaseException | None = None) -> None:
    searcher = g.pop("searcher", None)
    if searcher is not None:
        searcher.close()


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_searcher)
    app.after_request(security_headers)
