"""Polite HTTP: identifying User-Agent, robots.txt, per-host delay, retries, conditional GET,
same-host redirects only, and streaming downloads with a size cap."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

import requests
import urllib3.exceptions
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from harvester.settings import HarvestSettings

RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER_SECONDS = 120.0
CHUNK = 64 * 1024


class FetchError(Exception):
    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.status = status


class DisallowedError(FetchError):
    """robots.txt forbids the URL."""


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


class _CappedRetry(Retry):
    """Retry that honours Retry-After but never sleeps longer than a bounded time."""

    def get_retry_after(self, response):  # type: ignore[no-untyped-def]
        value = super().get_retry_after(response)
        return None if value is None else min(value, MAX_RETRY_AFTER_SECONDS)


def _host(url: str) -> str:
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
    def __init__(
        self,
        settings: HarvestSettings,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self._sleep = sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, Protego | None] = {}
        self.session = requests.Session()
        self.session.headers["User-Agent"] = settings.user_agent
        retry = _CappedRetry(
            total=settings.retries,
            connect=settings.retries,
            read=settings.retries,
            status=settings.retries,
            redirect=False,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET", "HEAD"}),
            backoff_factor=0.5,
            respect_retry_after_header=True,
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
        host = _host(url)
        if host not in self._robots:
            parser: Protego | None = None
            try:
                response = self._request(urljoin(host, "/robots.txt"), {}, stream=False)
                if response.status_code == 200:
                    parser = Protego.parse(response.text)
            except requests.RequestException:
                parser = None
            self._robots[host] = parser
        return self._robots[host]

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
        host = _host(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = self._delay_for(host) - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str], stream: bool) -> requests.Response:
        self._wait_turn(url)
        timeout = (min(10.0, self.settings.timeout_seconds), self.settings.timeout_seconds)
        return self.session.get(
            url, headers=headers, timeout=timeout, stream=stream, allow_redirects=False
        )

    # -- fetching -----------------------------------------------------------------------------
    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET `url`, following same-host redirects only; raises FetchError on failure."""
        max_bytes = max_bytes if max_bytes is not None else self.settings.max_document_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            if not self.allowed(current):
                raise DisallowedError(current, "disallowed by robots.txt")
            try:
                response = self._request(current, headers, stream=True)
            except requests.exceptions.RetryError as exc:
                raise FetchError(current, f"gave up after retries: {_short(exc)}") from None
            except requests.RequestException as exc:
                if _timed_out(exc):
                    raise FetchError(current, "timed out") from None
                raise FetchError(current, f"connection failed: {_short(exc)}") from None
            if response.is_redirect:
                target = urljoin(current, response.headers.get("Location", ""))
                response.close()
                if _host(target) != _host(url):
                    raise FetchError(
                        current, f"redirect to another host refused: {target}", response.status_code
                    )
                current = target
                continue
            return self._read(current, response, max_bytes)
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _read(self, url: str, response: requests.Response, max_bytes: int) -> FetchResult:
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
                raise FetchError(url, f"HTTP {status} {response.reason or ''}".strip(), status)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(url, f"larger than the {max_bytes} byte limit", status)
            body = bytearray()
            try:
                for chunk in response.iter_content(CHUNK):
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(url, f"larger than the {max_bytes} byte limit", status)
            except requests.RequestException as exc:
                raise FetchError(url, f"download interrupted: {_short(exc)}", status) from None
            return FetchResult(url, status, bytes(body), **meta)


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
