"""Per-request resources on `g`, closed on teardown; security headers on every response."""

from __future__ import annotations

from flask import Flask, current_app
from werkzeug.wrappers import Response

from index import DataDir, Expander, LessonSearcher, SearcherPool, Taxonomy

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def taxonomy() -> Taxonomy:
    return current_app.extensions["taxonomy"]


def data_dir() -> DataDir:
    return current_app.extensions["data"]


def get_searcher() -> LessonSearcher:
    """The process's searcher: shared by all requests, reopened when the index changes."""
    pool: SearcherPool = current_app.extensions["searchers"]
    return pool.get()


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def init_app(app: Flask, exact_ranking: bool = True, warm: bool = False) -> None:
    taxonomy_ = app.extensions["taxonomy"]
    expander = Expander.from_taxonomy(taxonomy_)
    app.extensions["expander"] = expander
    data: DataDir = app.extensions["data"]
    app.extensions["searchers"] = SearcherPool(
        data.root, taxonomy_.label, expander, exact_ranking=exact_ranking, warm=warm
    )
    app.after_request(security_headers)
