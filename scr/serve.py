"""Serving the web app with waitress, a production WSGI server."""

from __future__ import annotations

import contextlib
import gc
import sys

from waitress import create_server

from index import IndexMissingError
from scr.services import Services


def serve(services: Services, host: str, port: int) -> None:
    app = services.create_app(host, port, warm=True)
    # The index is opened, and the taxonomy's words looked up in it, before the server
    # listens (without an index the pages say how to make one).
    with contextlib.suppress(IndexMissingError):
        app.extensions["searchers"].get()
    # What is loaded now lives as long as the server: kept out of the collector's full
    # passes, which otherwise stop a search for tens of milliseconds to walk it.
    gc.collect()
    gc.freeze()
    # The socket is bound before anything is said: a port in use is an error, not a
    # "Serving ..." line followed by one.
    try:
        server = create_server(
            app, host=host, port=port, threads=8, ident="case-review-lessons-index"
        )
    except OSError as exc:
        raise OSError(exc.errno, f"cannot serve on {host}:{port}: {exc.strerror}") from None
    print(f"Serving the lessons index on http://{host}:{port}  (Ctrl+C to stop)", flush=True)
    sys.stdout.flush()
    try:
        server.run()
    finally:
        server.close()
