"""Read side: the Flask app (HTML pages and JSON API). It reads the index only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from index.taxonomy import load_taxonomy


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory. DATA_DIR names the data directory holding `index/`."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATA_DIR=os.environ.get("SCR_DATA_DIR", "var"),
        TAXONOMY_PATH=None,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)
    app.config["DATA_DIR"] = Path(app.config["DATA_DIR"])
    taxonomy_path = app.config["TAXONOMY_PATH"]
    app.extensions["taxonomy"] = load_taxonomy(Path(taxonomy_path) if taxonomy_path else None)
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from search_app import cases, feeds, packs, resources, themes, views
    from search_app.common import register_error_handlers

    resources.init_app(app)
    register_error_handlers(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(cases.bp)
    app.register_blueprint(themes.bp)
    app.register_blueprint(feeds.bp)
    app.register_blueprint(packs.bp)
    return app
