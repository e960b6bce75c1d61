"""The SQLite catalog: every URL ever seen, its current and past versions, runs and failures.

WAL mode and short transactions: a harvest killed at any moment leaves every committed row
consistent, and the next run carries on from there. One connection serves every thread of a
harvest: each method holds the catalog's lock, so the threads' transactions never interleave.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    board TEXT,
    listing_url TEXT,
    link_text TEXT,
    heading TEXT,
    context TEXT,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT,
    last_checked TEXT,
    status INTEGER,
    error TEXT,
    online INTEGER NOT NULL DEFAULT 1,
    filename TEXT  -- the server's Content-Disposition file name, when it gave one
);
CREATE INDEX IF NOT EXISTS urls_sha256 ON urls(sha256);
CREATE TABLE IF NOT EXISTS versions (
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (url, sha256)
);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    kind TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    new INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    gone INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER,
    url TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- Per source: its first and latest harvest and its first and latest successful one (the
-- listing read and at least one document stored or confirmed unchanged).
CREATE TABLE IF NOT EXISTS source_history (
    source TEXT PRIMARY KEY,
    first_attempt TEXT NOT NULL,
    last_attempt TEXT NOT NULL,
    first_success TEXT,
    last_success TEXT
);
CREATE TABLE IF NOT EXISTS processed (
    sha256 TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    lessons INTEGER NOT NULL DEFAULT 0,
    processed_at TEXT NOT NULL
);
"""


# A finished run that stored or confirmed a document (the rows of catalogs older than
# source_history are read with it).
RUN_SUCCEEDED = "(new + updated + unchanged) > 0"
FAILING_DAYS = 30

P = ParamSpec("P")
R = TypeVar("R")


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _locked(method: Callable[Concatenate[Catalog, P], R]) -> Callable[Concatenate[Catalog, P], R]:
    @functools.wraps(method)
    def run(self: Catalog, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            return method(self, *args, **kwargs)

    return run


@dataclass(frozen=True)
class UrlRow:
    url: str
    source: str
    board: str | None
    listing_url: str | None
    link_text: str | None
    heading: str | None
    context: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    first_seen: str
    last_seen: str | None
    status: int | str | None  # an HTTP status, or the kind of the last failure
    error: str | None
    online: bool
    filename: str | None = None


@dataclass(frozen=True)
class RunCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    gone: int = 0
    failed: int = 0

    def summary(self) -> str:
        return (
            f"new {self.new}, updated {self.updated}, unchanged {self.unchanged}, "
            f"gone {self.gone}, failed {self.failed}"
        )

    @property
    def succeeded(self) -> bool:
        return self.new + self.updated + self.unchanged > 0


@dataclass(frozen=True)
class SourceHistory:
    """What the catalog knows of one source's harvests (timestamps are ISO, UTC)."""

    source: str
    first_attempt: str | None = None
    last_attempt: str | None = None
    first_success: str | None = None
    last_success: str | None = None
    documents: int = 0  # URLs of the source with a stored copy
    failed: int = 0  # failures in its latest harvest

    @property
    def failing(self) -> bool:
        """Its latest harvest did not succeed."""
        return self.last_attempt is not None and (
            self.last_success is None or self.last_success < self.last_attempt
        )

    def failing_days(self, at: datetime) -> int | None:
        """Whole days since the last success (else the first attempt) while failing."""
        since = self.last_success or self.first_attempt
        if not self.failing or since is None:
            return None
        return (at - datetime.fromisoformat(since)).days


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        had_history = self._has_table("source_history")
        self.db.executescript(SCHEMA)
        self._migrate(had_history)

    def _has_table(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self.db.execute(query, (name,)).fetchone() is not None

    def _migrate(self, had_history: bool) -> None:
        """Columns and tables added since a catalog was created."""
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(urls)")}
        if "filename" not in columns:
            self.db.execute("ALTER TABLE urls ADD COLUMN filename TEXT")
        if not had_history:  # the history so far is in the runs
            self.db.execute(
                f"""INSERT OR IGNORE INTO source_history
                    SELECT source, MIN(finished), MAX(finished),
                           MIN(CASE WHEN {RUN_SUCCEEDED} THEN finished END),
                           MAX(CASE WHEN {RUN_SUCCEEDED} THEN finished END)
                    FROM runs WHERE finished IS NOT NULL GROUP BY source"""
            )

    @_locked
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- urls -----------------------------------------------------------------------------
    @_locked
    def url(self, url: str) -> UrlRow | None:
        row = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,)).fetchone()
        return _url_row(row) if row else None

    @_locked
    def urls_for_source(self, source: str) -> list[UrlRow]:
        rows = self.db.execute("SELECT * FROM urls WHERE source = ? ORDER BY url", (source,))
        return [_url_row(r) for r in rows]

    @_locked
    def urls_for_blob(self, sha256: str) -> list[UrlRow]:
        rows = self.db.execute(
            "SELECT * FROM urls WHERE sha256 = ? ORDER BY first_seen, url", (sha256,)
        )
        return [_url_row(r) for r in rows]

    @_locked
    def remember_link(
        self,
        url: str,
        source: str,
        board: str | None,
        listing_url: str | None,
        link_text: str | None,
        heading: str | None,
        context: str | None,
    ) -> None:
        """Record (or refresh) where a document link was found and what surrounded it."""
        self.db.execute(
            """INSERT INTO urls (url, source, board, listing_url, link_text, heading, context,
                                 first_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET
                 board = excluded.board, listing_url = excluded.listing_url,
                 link_text = excluded.link_text, heading = excluded.heading,
                 context = excluded.context""",
            (url, source, board, listing_url, link_text, heading, context, now()),
        )

    @_locked
    def record_fetch(
        self,
        url: str,
        sha256: str,
        size: int,
        kind: str,
        etag: str | None,
        last_modified: str | None,
        status: int,
        filename: str | None = None,
    ) -> bool:
        """Store a downloaded version; returns True when it differs from the previous one."""
        stamp = now()
        with self.db:
            self.db.execute("BEGIN")
            previous = self.db.execute("SELECT sha256 FROM urls WHERE url = ?", (url,)).fetchone()
            self.db.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, kind, first_seen) VALUES (?, ?, ?, ?)",
                (sha256, size, kind, stamp),
            )
            self.db.execute(
                "INSERT OR IGNORE INTO versions (url, sha256, fetched_at) VALUES (?, ?, ?)",
                (url, sha256, stamp),
            )
            self.db.execute(
                """UPDATE urls SET sha256 = ?, etag = ?, last_modified = ?, status = ?,
                       error = NULL, last_seen = ?, last_checked = ?, online = 1,
                       filename = COALESCE(?, filename)
                   WHERE url = ?""",
                (sha256, etag, last_modified, status, stamp, stamp, filename, url),
            )
            changed = previous is None or previous["sha256"] != sha256
            if changed and previous is not None and previous["sha256"]:
                # The old version's index entry must go (or change, if another URL keeps it).
                self._invalidate(previous["sha256"])
        return changed

    def _invalidate(self, sha256: str) -> None:
        """The index entry of this version is out of date: the next sync redoes it."""
        self.db.execute("UPDATE processed SET status = 'stale' WHERE sha256 = ?", (sha256,))

    def _set_online(self, url: str, online: bool) -> None:
        row = self.db.execute("SELECT sha256, online FROM urls WHERE url = ?", (url,)).fetchone()
        if row is not None and row["sha256"] and bool(row["online"]) != online:
            self._invalidate(row["sha256"])  # its records carry the online flag

    @_locked
    def record_unchanged(self, url: str, status: int) -> None:
        stamp = now()
        with self.db:
            self.db.execute("BEGIN")
            self._set_online(url, True)
            self.db.execute(
                """UPDATE urls SET status = ?, error = NULL, last_seen = ?, last_checked = ?,
                       online = 1 WHERE url = ?""",
                (status, stamp, stamp, url),
            )

    @_locked
    def record_gone(self, url: str, status: int | None, reason: str) -> None:
        """The document is no longer online; what was archived stays."""
        with self.db:
            self.db.execute("BEGIN")
            self._set_online(url, False)
            self.db.execute(
                "UPDATE urls SET status = ?, error = ?, last_checked = ?, online = 0 WHERE url = ?",
                (status, reason, now(), url),
            )

    @_locked
    def record_failure(
        self, run_id: int | None, url: str, status: int | str | None, reason: str
    ) -> None:
        """`status` is the HTTP status, or the kind of failure where there was none to
        speak of (deadline, too_slow, skipped)."""
        stamp = now()
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT INTO failures (run_id, url, status, reason, at) VALUES (?, ?, ?, ?, ?)",
                (run_id, url, status, reason, stamp),
            )
            self.db.execute(
                "UPDATE urls SET status = ?, error = ?, last_checked = ? WHERE url = ?",
                (status, reason, stamp, url),
            )

    # -- blobs and processing ---------------------------------------------------------------
    @_locked
    def current_blobs(self) -> list[str]:
        """Blobs that are the current version of at least one URL: the searchable documents."""
        rows = self.db.execute(
            "SELECT DISTINCT sha256 FROM urls WHERE sha256 IS NOT NULL ORDER BY sha256"
        )
        return [r["sha256"] for r in rows]

    @_locked
    def blob_kind(self, sha256: str) -> str | None:
        row = self.db.execute("SELECT kind FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
        return row["kind"] if row else None

    @_locked
    def record_processed(
        self, sha256: str, status: str, reason: str | None, pages: int, lessons: int
    ) -> None:
        self.db.execute(
            """INSERT INTO processed (sha256, status, reason, pages, lessons, processed_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(sha256) DO UPDATE SET status = excluded.status,
                 reason = excluded.reason, pages = excluded.pages, lessons = excluded.lessons,
                 processed_at = excluded.processed_at""",
            (sha256, status, reason, pages, lessons, now()),
        )

    @_locked
    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    @_locked
    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @_locked
    def provenance(self, sha256: str) -> dict[str, object]:
        """Where and when a stored document was seen: for the document's own page."""
        urls = self.urls_for_blob(sha256)
        versions = self.db.execute(
            """SELECT sha256, MIN(fetched_at) AS fetched_at FROM versions
               WHERE url IN (SELECT url FROM urls WHERE sha256 = ?)
               GROUP BY sha256 ORDER BY fetched_at""",
            (sha256,),
        ).fetchall()
        seen = [u.last_seen for u in urls if u.last_seen]
        return {
            "first_seen": min((u.first_seen for u in urls), default=None),
            "last_seen": max(seen, default=None),
            "urls": tuple(u.url for u in urls),
            "versions": tuple((v["sha256"], v["fetched_at"]) for v in versions),
        }

    @_locked
    def processed_any(self) -> bool:
        return self.db.execute("SELECT 1 FROM processed LIMIT 1").fetchone() is not None

    @_locked
    def pending(self) -> tuple[list[str], list[str]]:
        """(current documents not yet indexed, indexed versions no longer current)."""
        to_index = [
            r[0]
            for r in self.db.execute(
                """SELECT DISTINCT u.sha256 FROM urls u
                   LEFT JOIN processed p ON p.sha256 = u.sha256
                   WHERE u.sha256 IS NOT NULL AND (p.sha256 IS NULL OR p.status = 'stale')
                   ORDER BY u.sha256"""
            )
        ]
        to_remove = [
            r[0]
            for r in self.db.execute(
                """SELECT p.sha256 FROM processed p
                   WHERE NOT EXISTS (SELECT 1 FROM urls u WHERE u.sha256 = p.sha256)
                   ORDER BY p.sha256"""
            )
        ]
        return to_index, to_remove

    @_locked
    def forget_processed(self, shas: list[str]) -> None:
        self.db.executemany("DELETE FROM processed WHERE sha256 = ?", [(s,) for s in shas])

    @_locked
    def clear_processed(self) -> None:
        self.db.execute("DELETE FROM processed")

    # -- runs -----------------------------------------------------------------------------
    @_locked
    def start_run(self, source: str) -> int:
        cur = self.db.execute("INSERT INTO runs (source, started) VALUES (?, ?)", (source, now()))
        return int(cur.lastrowid or 0)

    @_locked
    def finish_run(self, run_id: int, counts: RunCounts) -> None:
        """Close the run and add it to its source's history: a success when it stored or
        confirmed at least one document."""
        stamp = now()
        success = stamp if counts.succeeded else None
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                """UPDATE runs SET finished = ?, new = ?, updated = ?, unchanged = ?, gone = ?,
                       failed = ? WHERE id = ?""",
                (
                    stamp,
                    counts.new,
                    counts.updated,
                    counts.unchanged,
                    counts.gone,
                    counts.failed,
                    run_id,
                ),
            )
            self.db.execute(
                """INSERT INTO source_history
                       (source, first_attempt, last_attempt, first_success, last_success)
                   SELECT source, ?, ?, ?, ? FROM runs WHERE id = ?
                   ON CONFLICT(source) DO UPDATE SET
                     last_attempt = excluded.last_attempt,
                     first_success = COALESCE(first_success, excluded.first_success),
                     last_success = COALESCE(excluded.last_success, last_success)""",
                (stamp, stamp, success, success, run_id),
            )

    @_locked
    def source_histories(self) -> dict[str, SourceHistory]:
        """Every source the catalog has seen, by name: its harvests, stored documents and
        the failures of its latest harvest."""
        found: dict[str, dict[str, object]] = {}
        for row in self.db.execute("SELECT * FROM source_history"):
            found[row["source"]] = {k: row[k] for k in row.keys()}  # noqa: SIM118
        documents = self.db.execute(
            "SELECT source, COUNT(*) FROM urls WHERE sha256 IS NOT NULL GROUP BY source"
        )
        for source, count in documents:
            found.setdefault(source, {"source": source})["documents"] = count
        latest = self.db.execute(
            """SELECT source, failed FROM runs WHERE id IN
                 (SELECT MAX(id) FROM runs WHERE finished IS NOT NULL GROUP BY source)"""
        )
        for source, failed in latest:
            found.setdefault(source, {"source": source})["failed"] = failed
        return {name: SourceHistory(**values) for name, values in sorted(found.items())}  # type: ignore[arg-type]

    def failing_sources(
        self, at: datetime | None = None, days: int = FAILING_DAYS
    ) -> list[tuple[SourceHistory, int]]:
        """Sources whose harvests have failed for more than `days` days, with the days."""
        at = at or datetime.now(UTC)
        failing = []
        for history in self.source_histories().values():
            age = history.failing_days(at)
            if age is not None and age > days:
                failing.append((history, age))
        return failing

    # -- status -----------------------------------------------------------------------------
    @_locked
    def stats(self) -> dict[str, object]:
        one = self.db.execute
        last = one("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "urls": one("SELECT COUNT(*) FROM urls").fetchone()[0],
            "documents": len(self.current_blobs()),
            "offline": one("SELECT COUNT(*) FROM urls WHERE online = 0").fetchone()[0],
            "versions": one("SELECT COUNT(*) FROM versions").fetchone()[0],
            "sources": [r[0] for r in one("SELECT DISTINCT source FROM urls ORDER BY source")],
            "last_run": dict(last) if last else None,
            "lessons": one("SELECT COALESCE(SUM(lessons), 0) FROM processed").fetchone()[0],
            "problem_documents": [
                dict(r)
                for r in one(
                    "SELECT sha256, status, reason, (SELECT MIN(url) FROM urls u "
                    "WHERE u.sha256 = p.sha256) AS url FROM processed p "
                    "WHERE status NOT IN ('ok', 'stale') ORDER BY processed_at DESC LIMIT 20"
                )
            ],
        }

    @_locked
    def recent_failures(self, limit: int = 20) -> list[dict[str, object]]:
        rows = self.db.execute(
            "SELECT url, status, reason, at FROM failures ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [dict(r) for r in rows]

    def iter_all_urls(self) -> Iterator[UrlRow]:
        with self._lock:
            rows = self.db.execute("SELECT * FROM urls ORDER BY url").fetchall()
        for row in rows:
            yield _url_row(row)


def _url_row(row: sqlite3.Row) -> UrlRow:
    return UrlRow(
        url=row["url"],
        source=row["source"],
        board=row["board"],
        listing_url=row["listing_url"],
        link_text=row["link_text"],
        heading=row["heading"],
        context=row["context"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        sha256=row["sha256"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        status=row["status"],
        error=row["error"],
        online=bool(row["online"]),
        filename=row["filename"],
    )
