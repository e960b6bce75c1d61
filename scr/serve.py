"""Serving the web app with waitress, a production WSGI server."""

from __future__ import annotations

import sys

from waitress import serve as waitress_serve

from scr.config import Config
from search_app import create_app


def serve(config: Config, host: str, port: int) -> None:
    app = create_app({"DATA_DIR": str(config.data_dir), "TAXONOMY_PATH": config.taxonomy})
    print(f"Serving the lessons index on http://{host}:{port}  (Ctrl+C to stop)", flush=True)
    sys.stdout.flush()
    waitress_serve(app, host=host, port=port, threads=8, ident="case-review-lessons-index")
