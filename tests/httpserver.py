"""A real HTTP server on a loopback address for tests, recording every request it receives.

    with LoopbackServer({"/robots.txt": (200, {}, b"User-agent: *\\nDisallow:\\n")}) as server:
        requests.get(server.url + "/robots.txt")
        assert server.paths() == ["/robots.txt"]

A route maps a request path (with its query string, or without it) to one of:
- a tuple (status, headers, body): a fixed response;
- bytes or str: a 200 response with that body;
- a callable taking the RecordedRequest and returning either of the above.
A body may also be an iterable of bytes, written and flushed piece by piece as it is
produced (a trickling or endless server); no Content-Length is added for it.
Unknown paths get a 404. Content-Length is added unless the route gives it; a header whose
value is None is left out, so `{"Content-Length": None}` sends a body delimited by closing
the connection (the server speaks HTTP/1.0).

Each RecordedRequest keeps the method, path (with query), headers, arrival time and, once
the route has answered, the status sent back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Response = tuple[int, dict[str, Any], bytes | str | Iterable[bytes]]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when the request line was read
    status: int | None = None  # the status answered, once the route has answered

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == lowered), None)


Route = Response | bytes | str | Callable[[RecordedRequest], Any]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (a timeout test) makes the late write fail; that is expected.
        pass


class LoopbackServer:
    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._host = host
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> LoopbackServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                owner._handle(self)

            def do_HEAD(self) -> None:  # noqa: N802
                owner._handle(self, send_body=False)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = _Server((self._host, 0), Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    # -- the log --------------------------------------------------------------------------
    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def requests_for(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- serving --------------------------------------------------------------------------
    def _route(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        return self.routes.get(path.split("?", 1)[0])

    def _handle(self, handler: BaseHTTPRequestHandler, send_body: bool = True) -> None:
        record = RecordedRequest(
            method=handler.command,
            path=handler.path,
            headers=dict(handler.headers.items()),
            at=time.monotonic(),
        )
        with self._lock:
            position = len(self.requests)
            self.requests.append(record)
        route = self._route(handler.path)
        if route is None:
            response: Any = (404, {"Content-Type": "text/plain"}, b"not found")
        elif callable(route):
            response = route(record)
        else:
            response = route
        if isinstance(response, bytes | str):
            response = (200, {}, response)
        status, headers, body = response
        with self._lock:
            self.requests[position] = replace(record, status=status)
        headers = dict(headers)
        pieces: Iterable[bytes]
        if isinstance(body, bytes | str):
            data = body.encode("utf-8") if isinstance(body, str) else body
            headers.setdefault("Content-Length", str(len(data)))
            pieces = [data] if data else []
        else:
            pieces = body
        handler.send_response(status)
        for name, value in headers.items():
            if value is not None:
                handler.send_header(name, str(value))
        handler.end_headers()
        if send_body:
            for piece in pieces:
                handler.wfile.write(piece)
                handler.wfile.flush()
