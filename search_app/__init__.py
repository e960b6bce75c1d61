"""Read side: the Flask app (HTML pages and JSON API). It reads the index only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from index import DataDir, Taxonomy, load_taxonomy

DEFAULT_BASE_URL = "http://127.0.0.1:5000"  # the server's default host and port
# The largest request body: a pack of 100 lessons with long notes, posted as a form, is
# well under it.
MAX_BODY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class AppConfig:
    """What the web app reads: the data directory holding `index/` and `store/`, the
    taxonomy (the bundled one when None), the address the app is reached at, which
    absolute links (the Atom feeds') are built from instead of the request's Host header,
    and the folder of pdfjs-dist the PDF viewer serves (when None, the one `npm ci`
    installs in the project's folder; when it holds no PDF.js, PDFs open in the browser's
    own viewer)."""

    data_dir: Path
    taxonomy: Taxonomy | None = None
    base_url: str = DEFAULT_BASE_URL
    pdfjs_dir: Path | None = None
    exact_ranking: bool = True  # config.toml's [search] exact_ranking
    # Look up the taxonomy's words in each index opened, before it answers (a server).
    warm: bool = False


def create_app(config: AppConfig, **flask_config: Any) -> Flask:
    """Application factory; `flask_config` sets Flask's own settings (TESTING, ...)."""
    app = Flask(__name__)
    app.config.from_mapping(
        JSON_SORT_KEYS=False,
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_BODY_BYTES,
        **flask_config,
    )
    app.extensions["data"] = DataDir(Path(config.data_dir))
    app.extensions["base_url"] = config.base_url.rstrip("/")
    app.extensions["taxonomy"] = config.taxonomy or load_taxonomy()
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from search_app import cases, exports, feeds, packs, resources, themes, viewer, views
    from search_app.common import register_error_handlers

    app.extensions["pdfjs_dir"] = Path(config.pdfjs_dir or viewer.DEFAULT_PDFJS_DIR)
    resources.init_app(app, exact_ranking=config.exact_ranking, warm=config.warm)
    register_error_handlers(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(exports.bp)
    app.register_blueprint(themes.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(packs.bp)
    app.register_blueprint(viewer.bp)
    return app
