"""`scr demo` keeps the sample site's URLs stable between runs."""

from __future__ import annotations

import socket
from http.server import BaseHTTPRequestHandler, HTTPServer
from threading import Thread

import pytest

from scr import demo
from scr.samplesite import SampleSite


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_running_sample_site_on_the_usual_port_is_reused() -> None:
    port = _free_port()
    with SampleSite(port=port) as running, demo._open_site(port) as opened:
        assert opened.url == running.url == f"http://127.0.0.1:{port}"
        assert not isinstance(opened, SampleSite)


def test_another_server_on_the_usual_port_means_another_port(
    capsys: pytest.CaptureFixture[str],
) -> None:
    class Other(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"User-agent: *\nDisallow: /\n")

        def log_message(self, *args: object) -> None:
            pass

    other = HTTPServer(("127.0.0.1", 0), Other)
    Thread(target=other.serve_forever, daemon=True).start()
    try:
        with demo._open_site(other.server_address[1]) as opened:
            assert isinstance(opened, SampleSite)
            assert opened.url != f"http://127.0.0.1:{other.server_address[1]}"
        assert "is busy" in capsys.readouterr().out
    finally:
        other.shutdown()
        other.server_close()


def test_demo_sources_point_at_the_sample_site() -> None:
    sources = demo.demo_sources("http://127.0.0.1:9")
    assert {s.name for s in sources} == {"fenmarsh", "oakbridge"}
    assert all(s.url.startswith("http://127.0.0.1:9/") and s.board for s in sources)


def test_the_sample_sites_port_is_a_demo_flag_and_a_make_variable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pathlib import Path

    from scr.cli import build_parser

    args = build_parser().parse_args(["demo", "--port", "8100", "--site-port", "8101"])
    assert (args.port, args.site_port) == (8100, 8101)
    assert build_parser().parse_args(["demo"]).site_port == demo.SAMPLE_SITE_PORT
    with pytest.raises(SystemExit):
        build_parser().parse_args(["demo", "--site-port", "0"])
    assert "site-port" in capsys.readouterr().err
    makefile = (Path(__file__).parent.parent / "Makefile").read_text()
    assert "--port $(PORT)" in makefile and "--site-port $(SITE_PORT)" in makefile
