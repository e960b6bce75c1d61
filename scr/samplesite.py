"""A static web server for the bundled sample board website, on loopback only."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SITE_DIR = SAMPLES_DIR / "site"
# A fixed port keeps the sample documents' URLs the same from one demo run to the next, so a
# second run updates the catalog instead of finding "new" URLs.
SAMPLE_SITE_PORT = 8737


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


class SampleSite:
    """Serves `root` on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, root: Path = SITE_DIR, port: int = 0) -> None:
        if not (root / "index.html").exists():
            raise FileNotFoundError(f"the sample website is missing: {root}")
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> SampleSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
