"""Serving the web app with waitress, a production WSGI server."""

from __future__ import annotations

import sys

from waitress import serve as waitress_serve

from scr.services import Services


def serve(services: Services, host: str, port: int) -> None:
    app = services.create_app(host, port)
    print(f"Serving the lessons index on http://{host}:{port}  (Ctrl+C to stop)", flush=True)
    sys.stdout.flush()
    waitress_serve(app, host=host, port=port, threads=8, ident="case-review-lessons-index")
