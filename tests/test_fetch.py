"""Polite fetching against a real HTTP server on loopback; the server's log is the witness."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from harvester.fetch import DisallowedError, Fetcher, FetchError, filename_from_disposition
from harvester.settings import HarvestSettings
from tests.documents import make_pdf
from tests.httpserver import LoopbackServer, RecordedRequest

AGENT = "case-review-lessons-index-tests/1.0 (+https://example.org/contact)"
PDF = make_pdf([["Child J Professionals Leaflet", "Highlighting lessons from Child J"]])


def settings(**overrides) -> HarvestSettings:
    values = {"user_agent": AGENT, "delay_seconds": 0.0, "timeout_seconds": 5.0, "retries": 2}
    values.update(overrides)
    return HarvestSettings(**values)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with LoopbackServer() as running:
        yield running


@pytest.fixture
def fetchers() -> Iterator[list[Fetcher]]:
    made: list[Fetcher] = []
    yield made
    for fetcher in made:
        fetcher.close()


@pytest.fixture
def fetcher_for(fetchers):
    def make(sleep=None, **overrides) -> Fetcher:
        fetcher = Fetcher(settings(**overrides), sleep=sleep or time.sleep)
        fetchers.append(fetcher)
        return fetcher

    return make


def test_user_agent_is_sent_on_every_request(server, fetcher_for):
    server.routes["/scr/leaflet.pdf"] = (200, {"Content-Type": "application/pdf"}, PDF)
    result = fetcher_for().get(server.url + "/scr/leaflet.pdf")
    assert result.status == 200
    assert result.content == PDF
    assert result.content_type == "application/pdf"
    assert server.paths() == ["/robots.txt", "/scr/leaflet.pdf"]
    assert [r.header("User-Agent") for r in server.requests] == [AGENT, AGENT]


def test_robots_disallow_means_the_path_is_never_requested(server, fetcher_for):
    server.routes["/robots.txt"] = "User-agent: *\nDisallow: /private/\n"
    server.routes["/private/child-x-report.pdf"] = PDF
    server.routes["/public/child-y-leaflet.pdf"] = PDF
    fetcher = fetcher_for()
    with pytest.raises(DisallowedError) as caught:
        fetcher.get(server.url + "/private/child-x-report.pdf")
    assert caught.value.url == server.url + "/private/child-x-report.pdf"
    assert "robots" in caught.value.reason
    # The same fetcher may still take what robots.txt allows; robots.txt is read once.
    assert fetcher.get(server.url + "/public/child-y-leaflet.pdf").content == PDF
    assert server.paths() == ["/robots.txt", "/public/child-y-leaflet.pdf"]


def test_robots_rules_for_our_agent_apply(server, fetcher_for):
    server.routes["/robots.txt"] = (
        "User-agent: case-review-lessons-index-tests\nDisallow: /\n\nUser-agent: *\nDisallow:\n"
    )
    server.routes["/scr/leaflet.pdf"] = PDF
    with pytest.raises(DisallowedError):
        fetcher_for().get(server.url + "/scr/leaflet.pdf")
    assert server.paths() == ["/robots.txt"]


def test_robots_can_be_ignored_when_configured(server, fetcher_for):
    server.routes["/robots.txt"] = "User-agent: *\nDisallow: /\n"
    server.routes["/scr/leaflet.pdf"] = PDF
    result = fetcher_for(respect_robots=False).get(server.url + "/scr/leaflet.pdf")
    assert result.content == PDF
    assert server.paths() == ["/scr/leaflet.pdf"]


def test_robots_crawl_delay_larger_than_the_setting_is_honoured(server, fetcher_for):
    server.routes["/robots.txt"] = "User-agent: *\nCrawl-delay: 7\n"
    server.routes["/a.pdf"] = PDF
    server.routes["/b.pdf"] = PDF
    waits: list[float] = []
    fetcher = fetcher_for(sleep=waits.append, delay_seconds=0.5)
    fetcher.get(server.url + "/a.pdf")
    fetcher.get(server.url + "/b.pdf")
    # robots.txt, then a.pdf after a wait, then b.pdf after another wait.
    assert server.paths() == ["/robots.txt", "/a.pdf", "/b.pdf"]
    assert len(waits) == 2
    for wait in waits:
        assert 6.0 < wait <= 7.0, waits


def test_configured_delay_applies_when_robots_has_no_crawl_delay(server, fetcher_for):
    server.routes["/a.pdf"] = PDF
    server.routes["/b.pdf"] = PDF
    waits: list[float] = []
    fetcher = fetcher_for(sleep=waits.append, delay_seconds=3.0)
    fetcher.get(server.url + "/a.pdf")
    fetcher.get(server.url + "/b.pdf")
    assert len(waits) == 2
    assert all(2.0 < wait <= 3.0 for wait in waits), waits


def test_conditional_get_sends_validators_and_304_has_no_body(server, fetcher_for):
    etag = '"scr-child-j-v1"'
    modified = "Wed, 01 Jul 2015 09:00:00 GMT"

    def leaflet(request: RecordedRequest):
        if request.header("If-None-Match") == etag:
            return (304, {"ETag": etag}, b"")
        return (200, {"ETag": etag, "Last-Modified": modified}, PDF)

    server.routes["/scr/leaflet.pdf"] = leaflet
    fetcher = fetcher_for()
    first = fetcher.get(server.url + "/scr/leaflet.pdf")
    assert (first.status, first.etag, first.last_modified) == (200, etag, modified)
    assert not first.not_modified
    second = fetcher.get(server.url + "/scr/leaflet.pdf", etag=first.etag, last_modified=modified)
    assert second.not_modified
    assert second.content is None
    plain, conditional = server.requests_for("/scr/leaflet.pdf")
    assert plain.header("If-None-Match") is None
    assert plain.header("If-Modified-Since") is None
    assert conditional.header("If-None-Match") == etag
    assert conditional.header("If-Modified-Since") == modified


def test_same_host_redirect_is_followed(server, fetcher_for):
    server.routes["/old/child-j.pdf"] = (301, {"Location": "/scr/docs/child-j.pdf"}, b"")
    server.routes["/scr/docs/child-j.pdf"] = PDF
    result = fetcher_for().get(server.url + "/old/child-j.pdf")
    assert result.url == server.url + "/scr/docs/child-j.pdf"
    assert result.content == PDF
    assert server.paths() == ["/robots.txt", "/old/child-j.pdf", "/scr/docs/child-j.pdf"]


def test_redirect_loop_stops(server, fetcher_for):
    server.routes["/loop.pdf"] = (302, {"Location": "/loop.pdf"}, b"")
    with pytest.raises(FetchError, match="redirects"):
        fetcher_for(max_redirects=3).get(server.url + "/loop.pdf")
    assert server.paths().count("/loop.pdf") == 4


def test_redirect_to_another_host_is_refused(server, fetcher_for):
    with LoopbackServer({"/report.pdf": PDF}, host="127.0.0.2") as other:
        server.routes["/scr/report.pdf"] = (302, {"Location": other.url + "/report.pdf"}, b"")
        with pytest.raises(FetchError, match="another host") as caught:
            fetcher_for().get(server.url + "/scr/report.pdf")
        assert caught.value.status == 302
        assert other.requests == []
    assert server.paths() == ["/robots.txt", "/scr/report.pdf"]


def test_redirect_to_a_named_host_is_refused_without_contacting_it(server, fetcher_for):
    server.routes["/scr/report.pdf"] = (
        301,
        {"Location": "http://other.invalid/report.pdf"},
        b"",
    )
    with pytest.raises(FetchError) as caught:
        fetcher_for().get(server.url + "/scr/report.pdf")
    assert "another host" in caught.value.reason
    assert "other.invalid" in caught.value.reason


def test_not_found_raises_with_status_and_is_not_retried(server, fetcher_for):
    with pytest.raises(FetchError) as caught:
        fetcher_for().get(server.url + "/scr/gone.pdf")
    assert caught.value.status == 404
    assert "404" in caught.value.reason
    assert server.paths() == ["/robots.txt", "/scr/gone.pdf"]


def test_server_error_is_retried_then_succeeds(server, fetcher_for):
    calls: list[int] = []

    def flaky(request: RecordedRequest):
        calls.append(1)
        return (500, {}, b"temporarily broken") if len(calls) == 1 else (200, {}, PDF)

    server.routes["/scr/report.pdf"] = flaky
    result = fetcher_for(retries=2).get(server.url + "/scr/report.pdf")
    assert result.status == 200
    assert result.content == PDF
    assert server.paths() == ["/robots.txt", "/scr/report.pdf", "/scr/report.pdf"]


def test_persistent_server_error_fails_after_the_retries(server, fetcher_for):
    server.routes["/scr/report.pdf"] = (503, {}, b"down for maintenance")
    with pytest.raises(FetchError) as caught:
        fetcher_for(retries=1).get(server.url + "/scr/report.pdf")
    assert caught.value.status == 503
    assert server.paths().count("/scr/report.pdf") == 2


def test_too_many_requests_waits_for_retry_after(server, fetcher_for):
    calls: list[int] = []

    def limited(request: RecordedRequest):
        calls.append(1)
        if len(calls) == 1:
            return (429, {"Retry-After": "1"}, b"slow down")
        return (200, {}, PDF)

    server.routes["/scr/report.pdf"] = limited
    result = fetcher_for(retries=2).get(server.url + "/scr/report.pdf")
    assert result.content == PDF
    first, second = server.requests_for("/scr/report.pdf")
    assert second.at - first.at >= 0.9


def test_body_over_the_size_cap_is_refused(server, fetcher_for):
    big = b"%PDF-1.4\n" + b"x" * 5000
    server.routes["/scr/huge.pdf"] = (200, {"Content-Length": None}, big)
    with pytest.raises(FetchError, match="larger than") as caught:
        fetcher_for(max_document_mb=0.001).get(server.url + "/scr/huge.pdf")
    assert caught.value.status == 200
    # Under the cap the same body is fine.
    assert fetcher_for(max_document_mb=1).get(server.url + "/scr/huge.pdf").content == big


def test_declared_content_length_over_the_cap_is_refused_before_reading(server, fetcher_for):
    # The header claims 10 MB; the body is small. Only the header can make this fail
    # with "larger than" (reading the short body would end in an interrupted download).
    server.routes["/scr/huge.pdf"] = (200, {"Content-Length": "10485760"}, b"%PDF-1.4 short")
    with pytest.raises(FetchError, match="larger than"):
        fetcher_for(max_document_mb=1).get(server.url + "/scr/huge.pdf")


def test_max_bytes_argument_overrides_the_setting(server, fetcher_for):
    server.routes["/scr/report.pdf"] = PDF
    with pytest.raises(FetchError, match="larger than"):
        fetcher_for().get(server.url + "/scr/report.pdf", max_bytes=100)


def test_slow_response_times_out(server, fetcher_for):
    def slow(request: RecordedRequest):
        time.sleep(2)
        return (200, {}, PDF)

    server.routes["/scr/slow.pdf"] = slow
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher_for(timeout_seconds=0.5, retries=0).get(server.url + "/scr/slow.pdf")
    assert time.monotonic() - started < 1.8
    assert caught.value.reason == "timed out"


def test_connection_refused_is_a_fetch_error(fetcher_for):
    with LoopbackServer() as closed:
        url = closed.url + "/scr/report.pdf"
    with pytest.raises(FetchError, match="connection failed"):
        fetcher_for(retries=0, respect_robots=False).get(url)


def test_filename_comes_from_content_disposition(server, fetcher_for):
    server.routes["/scr/download.aspx?id=12"] = (
        200,
        {"Content-Disposition": 'attachment; filename="Child J Leaflet.pdf"'},
        PDF,
    )
    result = fetcher_for().get(server.url + "/scr/download.aspx?id=12")
    assert result.filename == "Child J Leaflet.pdf"
    assert server.paths()[-1] == "/scr/download.aspx?id=12"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("inline", None),
        (
            'attachment; filename="SCR Child A Overview Report.pdf"',
            "SCR Child A Overview Report.pdf",
        ),
        ("attachment; filename=child-a-leaflet.pdf", "child-a-leaflet.pdf"),
        ("attachment; filename=child-a.pdf; size=1234", "child-a.pdf"),
        ("attachment; filename*=UTF-8''Child%20H1%20briefing.pdf", "Child H1 briefing.pdf"),
        (
            "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''7-minute%20briefing.pdf",
            "7-minute briefing.pdf",
        ),
    ],
)
def test_filename_from_disposition(header, expected):
    assert filename_from_disposition(header) == expected
