"""Settings the harvester is given: read once from config.toml by the CLI and passed down."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = (
    "case-review-lessons-index/0.1 (+https://github.com/case-review-lessons-index; "
    "harvests published safeguarding case reviews)"
)


@dataclass(frozen=True)
class HarvestSettings:
    user_agent: str = DEFAULT_USER_AGENT
    delay_seconds: float = 1.0
    timeout_seconds: float = 30.0
    max_document_mb: float = 50.0
    respect_robots: bool = True
    max_redirects: int = 5
    retries: int = 3
    # How far each parser process may grow, in MB of address space: two of them fit on a
    # small machine. A document that needs more is recorded as `too_large`.
    worker_memory_mb: float = 1536.0
    # A download (headers and body) that takes longer is cut off and not stored.
    download_deadline_seconds: float = 300.0
    # After the first `timeout_seconds`, a download slower than this on average is cut off;
    # 0 turns the check off.
    min_bytes_per_second: float = 1024.0
    # A Retry-After up to this long is waited for; a longer one puts the host aside.
    max_retry_after_seconds: float = 60.0
    # Requests in a row to one host that end in 429, 5xx, a timeout or a cut-off download
    # before the host is put aside for the rest of the run.
    max_host_failures: int = 3

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)


@dataclass(frozen=True)
class SourceConfig:
    """One listing page (and what it links to) that documents are discovered from."""

    name: str
    url: str
    board: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_pages: int = 20
    selector: str | None = None
