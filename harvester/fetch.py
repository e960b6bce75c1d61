"""Polite HTTP: identifying User-Agent, robots.txt, per-host delay, retries, conditional GET,
same-host redirects only, and streaming downloads with a size cap, an overall deadline and a
minimum transfer rate. A host that keeps failing is put aside for the rest of the run."""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from urllib.parse import unquote, urljoin, urlsplit

import requests
import urllib3.exceptions
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import MaxRetryError, ResponseError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from harvester.settings import HarvestSettings

RETRY_STATUSES = (429, 500, 502, 503, 504)
CHUNK = 64 * 1024
# As the major crawlers do: what a larger robots.txt holds beyond this is ignored.
ROBOTS_MAX_BYTES = 500 * 1024

# Failures recorded with a kind instead of an HTTP status.
DEADLINE = "deadline"
TOO_SLOW = "too_slow"
SKIPPED = "skipped"


def is_page_type(content_type: str | None) -> bool:
    """Whether a declared content type can be a web page (no type: it may be)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return not kind or "html" in kind or "xml" in kind or kind.startswith("text/")


class FetchError(Exception):
    """A URL that could not be fetched. `status` is the HTTP status when there was one;
    `kind` names failures that are not an HTTP status (deadline, too_slow, skipped);
    `host_trouble` marks failures that count towards putting the host aside."""

    def __init__(
        self,
        url: str,
        reason: str,
        status: int | None = None,
        kind: str | None = None,
        host_trouble: bool = False,
    ) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status
        self.kind = kind
        self.host_trouble = host_trouble

    @property
    def recorded_status(self) -> int | str | None:
        """The status the catalog keeps for the failure: its kind, else the HTTP status."""
        return self.kind or self.status


class DisallowedError(FetchError):
    """robots.txt forbids the URL."""


class WaitTooLongError(FetchError):
    """The server asked (Retry-After) to come back later than a harvest waits."""


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    content: bytes | None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    filename: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None) -> float | None:
    """The wait a Retry-After header asks for (seconds or an HTTP date); None when absent
    or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass(frozen=True)
class _Clock:
    sent: float  # the request was sent (the first, when redirected)
    body: float  # the body began to be read


class _PoliteRetry(Retry):
    """Retry that waits as Retry-After asks up to `retry_after_max`, and does not retry at
    all when the server asks for longer: the response is handed back and the host put aside,
    since coming back sooner than asked would not be polite."""

    def parse_retry_after(self, retry_after: str) -> float:
        # An unreadable value means no Retry-After (the backoff applies), not a crash.
        seconds = retry_after_seconds(retry_after)
        return 0.0 if seconds is None else min(seconds, self.retry_after_max)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if response is not None:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None and wait > self.retry_after_max:
                # urllib3 hands the response back when retries run out (raise_on_status off).
                raise MaxRetryError(_pool, url or "", ResponseError("Retry-After too long"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


def host_of(url: str) -> str:
    """A URL's scheme and host: what politeness, robots.txt and putting aside go by."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def filename_from_disposition(header: str | None) -> str | None:
    """The file name in a Content-Disposition header; RFC 6266 `filename*` (percent-encoded,
    with a charset) wins over plain `filename`."""
    if not header:
        return None
    extended = re.search(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;\s]+)", header, re.IGNORECASE)
    if extended:
        try:
            name = unquote(extended.group(2), encoding=extended.group(1), errors="strict")
        except (LookupError, UnicodeDecodeError):
            name = ""
        if name.strip():
            return name.strip()
    match = re.search(r"filename\s*=\s*\"?([^\";]+)\"?", header, re.IGNORECASE)
    return match.group(1).strip() if match else None


class Fetcher:
    """Fetches for one run: robots.txt, the per-host clock and the hosts put aside are
    remembered for as long as the fetcher lives."""

    def __init__(
        self,
        settings: HarvestSettings,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self._failures_in_a_row: dict[str, int] = {}
        self._put_aside: dict[str, str] = {}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        retry = _PoliteRetry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            redirect=False,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            backoff_factor=0.5,
            respect_retry_after_header=True,
            retry_after_max=settings.max_retry_after_seconds,
            raise_on_status=False,
        )
        # One connection per host: politeness, and requests to one host are serial anyway.
        adapter = HTTPAdapter(max_retries=retry, pool_connections=4, pool_maxsize=1)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    # -- politeness ---------------------------------------------------------------------------
    def _robots_for(self, url: str) -> Protego | None:
        host = host_of(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        return self._robots[host]

    def _read_robots(self, host: str) -> Protego | None:
        """robots.txt as far as its first ROBOTS_MAX_BYTES (and the download deadline)
        reach; None when there is none to obey."""
        url = urljoin(host, "/robots.txt")
        try:
            response, started = self._request(url, {})
        except requests.RequestException:
            return None
        with response:
            if response.status_code != 200:
                return None
            data, cut = self._read_body(url, response, ROBOTS_MAX_BYTES, started)
        if cut is not None and b"\n" in data:
            data = data[: data.rindex(b"\n") + 1]  # a rule cut in half is no rule
        return Protego.parse(data.decode("utf-8-sig", errors="replace"))

    def allowed(self, url: str) -> bool:
        if not self.settings.respect_robots:
            return True
        robots = self._robots_for(url)
        return robots is None or robots.can_fetch(url, self.settings.user_agent)

    def _delay_for(self, host: str) -> float:
        delay = self.settings.delay_seconds
        robots = self._robots.get(host) if self.settings.respect_robots else None
        if robots is not None:
            crawl_delay = robots.crawl_delay(self.settings.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    def _wait_turn(self, url: str) -> None:
        host = host_of(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = self._delay_for(host) - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str]) -> tuple[requests.Response, float]:
        """The response, streamed, and when the request was sent (after the host's turn)."""
        self._wait_turn(url)
        started = time.monotonic()
        timeout = (min(10.0, self.settings.timeout_seconds), self.settings.timeout_seconds)
        response = self.session.get(
            url, headers=headers, timeout=timeout, stream=True, allow_redirects=False
        )
        return response, started

    # -- hosts that keep failing ------------------------------------------------------------------
    def put_aside(self) -> dict[str, str]:
        """The hosts put aside in this run, with the reason."""
        return dict(self._put_aside)

    def _count_failure(self, host: str, error: FetchError) -> FetchError:
        """Count a failure against its host; the error to report, which says so when the
        host is put aside by it."""
        if not error.host_trouble:
            if error.status is not None:  # the host answered properly
                self._failures_in_a_row.pop(host, None)
            return error
        count = self._failures_in_a_row.get(host, 0) + 1
        self._failures_in_a_row[host] = count
        if isinstance(error, WaitTooLongError):
            why = error.reason
        elif count >= self.settings.max_host_failures:
            why = f"{count} requests in a row failed (last: {error.reason})"
        else:
            return error
        self._put_aside[host] = f"{host} put aside for the rest of this run: {why}"
        reason = f"{error.reason}; {host} put aside for the rest of this run"
        return FetchError(error.url, reason, error.status, error.kind, host_trouble=True)

    # -- fetching -----------------------------------------------------------------------------
    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        pages_only: bool = False,
    ) -> FetchResult:
        """GET `url`, following same-host redirects only; raises FetchError on failure, at
        once (kind `skipped`, nothing requested) when the host has been put aside. With
        `pages_only`, a file's body (a PDF where a page was expected) is not downloaded:
        the result has its headers and no content."""
        host = host_of(url)
        if host in self._put_aside:
            raise FetchError(url, f"not fetched: {self._put_aside[host]}", kind=SKIPPED)
        try:
            result = self._get(url, etag, last_modified, max_bytes, pages_only)
        except FetchError as error:
            raise self._count_failure(host, error) from None
        self._failures_in_a_row.pop(host, None)
        return result

    def _get(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int | None,
        pages_only: bool = False,
    ) -> FetchResult:
        max_bytes = max_bytes if max_bytes is not None else self.settings.max_document_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        first_sent: float | None = None  # the deadline covers every hop
        for _hop in range(self.settings.max_redirects + 1):
            if not self.allowed(current):
                raise DisallowedError(current, "disallowed by robots.txt")
            try:
                response, started = self._request(current, headers)
            except requests.exceptions.RetryError as exc:
                reason = f"gave up after retries: {_short(exc)}"
                raise FetchError(current, reason, host_trouble=True) from None
            except requests.RequestException as exc:
                if _timed_out(exc):
                    raise FetchError(current, "timed out", host_trouble=True) from None
                raise FetchError(current, f"connection failed: {_short(exc)}") from None
            first_sent = started if first_sent is None else first_sent
            if response.is_redirect:
                target = urljoin(current, response.headers.get("Location", ""))
                response.close()
                if host_of(target) != host_of(url):
                    raise FetchError(
                        current, f"redirect to another host refused: {target}", response.status_code
                    )
                current = target
                continue
            return self._read(current, response, max_bytes, first_sent, pages_only)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _read(
        self,
        url: str,
        response: requests.Response,
        max_bytes: int,
        started: float,
        pages_only: bool = False,
    ) -> FetchResult:
        with response:
            status = response.status_code
            meta = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "content_type": response.headers.get("Content-Type"),
                "filename": filename_from_disposition(response.headers.get("Content-Disposition")),
            }
            if status == 304:
                return FetchResult(url, status, None, **meta)
            if status >= 400:
                raise self._status_error(url, response)
            if pages_only and not is_page_type(meta["content_type"]):
                return FetchResult(url, status, None, **meta)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"larger than the {max_bytes} byte limit", status)
            body, cut = self._read_body(url, response, max_bytes, started)
            if cut is not None:
                raise cut  # a body cut short is never a document
            return FetchResult(url, status, body, **meta)

    def _status_error(self, url: str, response: requests.Response) -> FetchError:
        status = response.status_code
        reason = f"HTTP {status} {response.reason or ''}".strip()
        if status not in RETRY_STATUSES:
            return FetchError(url, reason, status)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        limit = self.settings.max_retry_after_seconds
        if wait is not None and wait > limit:
            reason += f", asked to wait {wait:.0f} s (Retry-After), more than the {limit:g} s limit"
            return WaitTooLongError(url, reason, status, host_trouble=True)
        return FetchError(url, reason, status, host_trouble=True)

    def _read_body(
        self, url: str, response: requests.Response, limit: int, started: float
    ) -> tuple[bytes, FetchError | None]:
        """The body as far as `limit` bytes, the download deadline (counted from `started`,
        when the request was sent) and the minimum rate allow, and why it was cut short
        (None when it is whole). Reads whatever has arrived rather than waiting for a full
        chunk, so that a trickling server meets the checks."""
        status = response.status_code
        body = bytearray()
        clock = _Clock(started, time.monotonic())
        try:
            while chunk := response.raw.read1(CHUNK, decode_content=True):
                body.extend(chunk)
                if len(body) > limit:
                    cut = FetchError(url, f"larger than the {limit} byte limit", status)
                    return bytes(body[:limit]), cut
                cut = self._too_late(url, status, len(body), clock)
                if cut is not None:
                    return bytes(body), cut
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            cut = FetchError(url, f"download interrupted: {_short(exc)}", status)
            return bytes(body), self._too_late(url, status, len(body), clock) or cut
        return bytes(body), None

    def _too_late(self, url: str, status: int, size: int, clock: _Clock) -> FetchError | None:
        """A download past the deadline, or a body arriving slower than the minimum rate
        once it has had `timeout_seconds` to get going."""
        settings = self.settings
        now = time.monotonic()
        if now - clock.sent > settings.download_deadline_seconds:
            reason = f"download took longer than {settings.download_deadline_seconds:g} s"
            return FetchError(url, reason, status, DEADLINE, host_trouble=True)
        rate, elapsed = settings.min_bytes_per_second, now - clock.body
        if rate and elapsed > settings.timeout_seconds and size / elapsed < rate:
            reason = f"download slower than {rate:g} bytes/s ({size} bytes in {elapsed:.0f} s)"
            return FetchError(url, reason, status, TOO_SLOW, host_trouble=True)
        return None


def _timed_out(exc: requests.RequestException) -> bool:
    """requests reports a read timeout that used up the retries as a ConnectionError
    wrapping urllib3's MaxRetryError; its reason tells the timeout apart."""
    if isinstance(exc, requests.Timeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    # urllib3's NewConnectionError (refused, no route) subclasses ConnectTimeoutError.
    return isinstance(reason, urllib3.exceptions.TimeoutError) and not isinstance(
        reason, urllib3.exceptions.NewConnectionError
    )


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:197] + "..."
