"""Search at national scale: build time, index size, memory, and /api/search latency.

Builds (or, with ``--reuse DIR``, reuses) the index of the synthetic corpus of
``bench.corpus`` with the product's own pipeline: page texts -> ``harvester.understand``
(in the product's ``UnderstandPool``, both cores) -> ``index.writer.rebuild`` (the lessons
index and the document-level index, segments not compounded). Then it starts the real app
through ``scr serve`` (waitress, 8 threads sharing the process's one ``LessonSearcher``) on
127.0.0.1 and measures ``GET /api/search`` (facets and snippets included, as the API always
returns them), after one untimed warm-up request, in three scenarios:

- 1 client, then 8 concurrent clients, cycling through a fixed list of realistic queries
  with filters. The searcher keeps a cache of the last 256 responses, so once the list has
  gone round the repeats are answered from it: repeated queries are real user behaviour,
  and these figures are reported as they are, with the share of requests that repeat one.
- 1 client with no repeated query, on a restarted server (empty cache): the list once,
  then its queries combined with other filters (a year, a year range, a document type, a
  kind, a theme) or with the words of another query, so that no request repeats one the
  server has answered and the cache never hits. The p95 target is judged on this one.

The baseline, in the same run: an SQLite FTS5 index of the same records (filled from the
same understood records while the Whoosh index is built), queried in-process the way
Datasette does it: one SQL statement for the page of results (bm25 ranking with column
weights, ``snippet()``), one for the count, one GROUP BY per facet (theme, year, case,
board, doc_type, kind) over the matching rows. It has no result cache, so it is compared
with the no-repeat scenario.

It also profiles the search in-process, with one searcher: the stages of
``LessonSearcher._search`` (parse; the document step, every matching document of the
document-level index ranked; facets from the per-document rows; the record step, records
scored within the best-ranked candidate documents; collapsing; highlighting the shown 10),
spelling, and the whole search with the cache bypassed, each timed by wrapping the call the
product makes inside a real search; and cProfile's top functions. And it checks what the
two steps cost in quality: the top 10 shown results against those of an exhaustive
record-level ranking of the same query and filters (every matching record scored, then the
same collapsing), as overlap@10.

Usage::

    .venv/bin/python -m bench.search_speed --quick          # 200 reports
    .venv/bin/python -m bench.search_speed                  # 2,000 reports of ~40 pages
    .venv/bin/python -m bench.search_speed --reports 2000 --build-only   # build, no search
    .venv/bin/python -m bench.search_speed --reuse /tmp/scr-bench-2000x40   # skip the build

Results are printed and written to docs/benchmarks.md ("Search at national scale"; the
whole section is replaced, notes written by hand inside it included).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import json
import os
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from bench.common import (
    RESULTS,
    ROOT,
    Stopwatch,
    command_line,
    folder_mb,
    load_average,
    peak_mb,
    profile_text,
    python_build,
    shown_arguments,
    system,
    table_head,
    table_row,
    verdict,
    write_section,
)
from bench.corpus import (
    DEFAULT_SEED,
    UnderstandStats,
    add_corpus_arguments,
    boards,
    iter_understood,
    prepare_corpus,
    word_stats,
)
from index.records import DocumentRecord, LessonRecord

SECTION = "## Search at national scale"
QUICK_REPORTS = 200

TARGET_P95_MS = 100.0
TARGET_RATIO = 3.0
TARGET_BUILD_S = 600.0
TARGET_BUILD_REPORTS = 2000


# --------------------------------------------------------------------------- queries


def query_set(seed: int = DEFAULT_SEED) -> list[dict[str, Any]]:
    """~40 realistic /api/search parameter sets: plain words, abbreviations, phrases,
    misspellings, theme words, and filters (theme, year, range, case, board, type)."""
    places = boards(seed=seed)
    a, b = places[3], places[77]
    return [
        {"q": "bruising non-mobile baby"},
        {"q": "DV disguised compliance"},
        {"q": "hidden men"},
        {"q": '"voice of the child"'},
        {"q": "professional curiosity"},
        {"q": "information sharing between agencies"},
        {"q": "safe sleep co-sleeping"},
        {"q": "negelct"},
        {"q": "profesional curiosity"},
        {"q": "CSE missing from home"},
        {"q": "county lines criminal exploitation"},
        {"q": "NAI"},
        {"q": "SUDI"},
        {"q": "FII"},
        {"q": "parental mental health substance misuse"},
        {"q": "escalation thresholds"},
        {"q": "supervision caseload health visitor"},
        {"q": "pre-birth assessment"},
        {"q": '"was not brought"'},
        {"q": "online grooming"},
        {"q": "radicalisation prevent"},
        {"q": "female genital mutilation"},
        {"q": "elective home education"},
        {"q": "private fostering"},
        {"q": "record keeping body map"},
        {"q": "locum GP protocol"},
        {"q": "MASH referral strategy discussion"},
        {"q": "drift and delay child protection plan"},
        {"q": "early help"},
        {"q": "disabled child communication"},
        {"q": "temporary accommodation housing"},
        {"q": "infant crying abusive head trauma"},
        {"q": "young carer"},
        {"q": "interpreter culture"},
        {"q": "domestic abuse", "theme": "hidden-men"},
        {"q": "health visitor", "year": "2015"},
        {"q": "police notification", "year_from": "2012", "year_to": "2016"},
        {"q": "assessment", "type": "executive-summary"},
        {"q": "neglect", "board": a},
        {"q": "sexual exploitation", "theme": "missing-from-home"},
        {"q": "self-harm adolescent", "year_from": "2018"},
        {"q": "the board should", "kind": "recommendation"},
        {"q": "bruising", "case": "Child J"},
        {"q": "", "theme": "neglect", "year": "2019"},
        {"q": "", "board": b},
    ]


def describe(params: dict[str, Any]) -> str:
    q = params.get("q") or "(browse)"
    extra = " ".join(f"{k}={v}" for k, v in params.items() if k != "q")
    return f"{q} {extra}".strip()


WARM_UP = {"q": "neglect"}  # the one untimed request that opens the index on a server


def _variant(base: dict[str, Any], other: dict[str, Any], i: int, r: int) -> dict[str, Any]:
    """Query `i` of the list, changed for round `r`: another filter, or more words."""
    from index.schema import DOC_TYPES, KINDS
    from index.taxonomy import load_taxonomy

    years = list(range(2006, 2025))
    themes = load_taxonomy(None).ids
    params = dict(base)
    how = (i + r) % 6
    pick = i * 7 + r * 3
    if how == 0:
        params.pop("year_from", None)
        params.pop("year_to", None)
        params["year"] = str(years[pick % len(years)])
    elif how == 1:
        params.pop("year", None)
        first = years[pick % (len(years) - 4)]
        params["year_from"], params["year_to"] = str(first), str(first + 4)
    elif how == 2:
        params["type"] = DOC_TYPES[pick % (len(DOC_TYPES) - 1)]  # not "other"
    elif how == 3:
        params["kind"] = KINDS[pick % len(KINDS)]
    elif how == 4:
        params["theme"] = themes[pick % len(themes)]
    else:
        params["q"] = f"{base['q']} {other['q']}"
    return params


def distinct_queries(
    queries: list[dict[str, Any]], n: int, exclude: tuple[dict[str, Any], ...] = (WARM_UP,)
) -> list[dict[str, Any]]:
    """`n` parameter sets of which no two give the same SearchQuery (nor one of `exclude`):
    the query list as it is, then, round after round, each of its queries with words
    combined with another filter (a year, a year range, a document type, a kind, a theme)
    or with the words of another query of the list."""
    from index import QueryError

    seen = {_sq(p) for p in exclude}
    out: list[dict[str, Any]] = []

    def add(params: dict[str, Any]) -> None:
        try:
            key = _sq(params)
        except QueryError:
            return
        if key not in seen:
            seen.add(key)
            out.append(params)

    for params in queries:
        add(dict(params))
    worded = [p for p in queries if p.get("q")]
    for r in range(1, 1000):
        if len(out) >= n:
            break
        for i, base in enumerate(worded):
            other = worded[(i + 5 * r) % len(worded)]
            if other is base:
                other = worded[(i + 1) % len(worded)]
            add(_variant(base, other, i, r))
    return out[:n]


def repeat_share(issued: list[dict[str, Any]], seen: set[Any]) -> float:
    """The share of `issued` requests whose query was asked before (in `seen`, which it
    updates): with 256 cached responses and fewer distinct queries, the cache hits."""
    if not issued:
        return 0.0
    repeats = 0
    for params in issued:
        key = _sq(params)
        repeats += key in seen
        seen.add(key)
    return repeats / len(issued)


# --------------------------------------------------------------------------- FTS5 baseline


class Fts5Baseline:
    """The same records in SQLite FTS5, searched as Datasette would (one SQL per facet)."""

    FACETS = {
        "year": "l.year",
        "case": "l.case_id",
        "board": "l.board",
        "doc_type": "l.doc_type",
        "kind": "l.kind",
    }

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(str(path), check_same_thread=False)
        self._next_id = 0

    def create(self) -> None:
        self.conn.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE lessons(id INTEGER PRIMARY KEY, lesson_id TEXT, doc_id TEXT,
              title TEXT, section TEXT, text TEXT, kind TEXT, case_name TEXT, case_key TEXT,
              case_id TEXT, board TEXT, year INTEGER, doc_type TEXT, page INTEGER);
            CREATE TABLE lesson_themes(lesson INTEGER, theme TEXT);
            """
        )

    def add(self, doc: DocumentRecord, lessons: list[LessonRecord]) -> None:
        rows, themes = [], []
        for lesson in lessons:
            self._next_id += 1
            rows.append(
                (
                    self._next_id,
                    lesson.lesson_id,
                    doc.doc_id,
                    doc.title,
                    lesson.section or "",
                    lesson.text,
                    lesson.kind,
                    doc.case or "",
                    (doc.case or "").lower(),
                    doc.case_id or "",
                    doc.board or "",
                    doc.year,
                    doc.doc_type,
                    lesson.page,
                )
            )
            themes.extend((self._next_id, t) for t in lesson.themes)
        self.conn.executemany(f"INSERT INTO lessons VALUES ({','.join('?' * 14)})", rows)
        self.conn.executemany("INSERT INTO lesson_themes VALUES (?, ?)", themes)

    def finish(self) -> None:
        self.conn.executescript(
            """
            CREATE VIRTUAL TABLE lessons_fts USING fts5(title, section, text,
              content='lessons', content_rowid='id', tokenize='porter unicode61');
            INSERT INTO lessons_fts(lessons_fts) VALUES('rebuild');
            INSERT INTO lessons_fts(lessons_fts) VALUES('optimize');
            CREATE INDEX lesson_themes_theme ON lesson_themes(theme, lesson);
            CREATE INDEX lesson_themes_lesson ON lesson_themes(lesson);
            """
        )
        self.conn.commit()

    # -- querying

    @staticmethod
    def match_expression(expanded: str) -> str:
        """The words and phrases of a (product-expanded) query as an FTS5 OR query: the
        product's parser also matches any term, all terms preferred. Field clauses
        (themes:...) have no FTS5 equivalent and are left out."""
        parts = []
        for token in re.findall(r'"[^"]*"|[^\s()]+', expanded):
            if token.upper() in ("OR", "AND", "NOT") or ":" in token:
                continue
            words = re.findall(r"[A-Za-z0-9]+", token)
            if words:
                parts.append('"' + " ".join(words) + '"')
        return " OR ".join(dict.fromkeys(parts))

    def _filters(self, params: dict[str, Any]) -> tuple[list[str], list[Any]]:
        where, args = [], []
        for theme in [params["theme"]] if params.get("theme") else []:
            where.append("l.id IN (SELECT lesson FROM lesson_themes WHERE theme = ?)")
            args.append(theme)
        if params.get("year"):
            where.append("l.year = ?")
            args.append(int(params["year"]))
        if params.get("year_from"):
            where.append("l.year >= ?")
            args.append(int(params["year_from"]))
        if params.get("year_to"):
            where.append("l.year <= ?")
            args.append(int(params["year_to"]))
        if params.get("case"):
            where.append("(l.case_id = ? OR l.case_key = ?)")
            args.extend([params["case"], params["case"].lower()])
        if params.get("board"):
            where.append("(l.board = ? OR l.board LIKE ?)")
            args.extend([params["board"], f"%{params['board']}%"])
        if params.get("type"):
            where.append("l.doc_type = ?")
            args.append(params["type"])
        if params.get("kind"):
            where.append("l.kind = ?")
            args.append(params["kind"])
        return where, args

    def search(self, params: dict[str, Any], match: str, per_page: int = 10) -> dict[str, Any]:
        where, args = self._filters(params)
        if match:
            source = "lessons_fts JOIN lessons l ON l.id = lessons_fts.rowid"
            where = ["lessons_fts MATCH ?", *where]
            args = [match, *args]
            snippet = "snippet(lessons_fts, 2, '<mark>', '</mark>', ' … ', 32)"
            order = "bm25(lessons_fts, 1.5, 1.3, 1.0)"
        else:
            source = "lessons l"
            snippet = "substr(l.text, 1, 240)"
            order = "l.year DESC, l.id"
        clause = " AND ".join(where) or "1"
        cur = self.conn.cursor()
        rows = cur.execute(
            f"SELECT l.lesson_id, l.doc_id, l.title, l.case_name, l.board, l.year, l.doc_type,"
            f" l.section, l.kind, l.page, {snippet} FROM {source} WHERE {clause}"
            f" ORDER BY {order} LIMIT ?",
            [*args, per_page],
        ).fetchall()
        total = cur.execute(f"SELECT count(*) FROM {source} WHERE {clause}", args).fetchone()[0]
        facets = {}
        facets["theme"] = cur.execute(
            f"SELECT t.theme, count(*) AS n FROM {source} JOIN lesson_themes t ON t.lesson = l.id"
            f" WHERE {clause} GROUP BY t.theme ORDER BY n DESC",
            args,
        ).fetchall()
        for name, column in self.FACETS.items():
            facets[name] = cur.execute(
                f"SELECT {column}, count(*) AS n FROM {source} WHERE {clause}"
                f" GROUP BY {column} ORDER BY n DESC",
                args,
            ).fetchall()
        return {"results": rows, "total": total, "facets": facets}


# --------------------------------------------------------------------------- build


@dataclass
class BuildFigures:
    reports: int = 0
    documents: int = 0
    records: int = 0
    failed: int = 0
    pages: int = 0
    text_mb: float = 0.0
    generate_s: float = 0.0
    build_s: float = 0.0  # understanding + Whoosh indexing (FTS5 inserts excluded)
    wait_understanding_s: float = 0.0
    index_add_s: float = 0.0
    writer_processes: int = 1
    commit_s: float = 0.0
    fts_insert_s: float = 0.0
    fts_finish_s: float = 0.0
    index_mb: float = 0.0
    fts_mb: float = 0.0
    peak_main_mb: float = 0.0
    peak_workers_mb: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    vocabulary: dict[str, Any] = field(default_factory=dict)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class _Understood:
    """The corpus's documents, understood in the product's worker pool and handed to the
    rebuild; notes when the last one was handed over."""

    def __init__(self, corpus_dir: Path, docs: list[dict[str, object]]) -> None:
        self.corpus_dir, self.docs = corpus_dir, docs
        self.stats = UnderstandStats()
        self.finished = 0.0

    def __iter__(self) -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
        since_report = Stopwatch()
        understood = iter_understood(self.corpus_dir, self.docs, stats=self.stats)
        for done, (doc, lessons) in enumerate(understood, 1):
            if since_report.seconds() > 30:
                since_report = Stopwatch()
                log(f"  built {done}/{len(self.docs)} documents, {self.stats.records} records")
            yield doc, lessons
        self.finished = time.perf_counter()


def _rebuild(corpus_dir: Path, docs: list[dict[str, object]], data_dir: Path) -> BuildFigures:
    """The product's rebuild of the index from the corpus, alone on the machine: its time,
    where the time went, and peak memory."""
    from index.writer import rebuild, writer_processes

    figures = BuildFigures()
    shutil.rmtree(data_dir, ignore_errors=True)
    figures.load_before = load_average()
    writers = writer_processes(len(docs))
    figures.writer_processes = writers
    log(f"understanding and indexing (Whoosh rebuild, {writers} writer processes) ...")
    feed = _Understood(corpus_dir, docs)
    start = time.perf_counter()
    rebuild(data_dir, iter(feed), writers)
    end = time.perf_counter()
    figures.load_after = load_average()
    stats = feed.stats
    figures.commit_s = end - feed.finished
    figures.build_s = end - start
    figures.wait_understanding_s = stats.wait_seconds
    figures.index_add_s = figures.build_s - stats.wait_seconds - figures.commit_s
    figures.documents, figures.records, figures.failed = (
        stats.documents,
        stats.records,
        stats.failed,
    )
    if stats.failed:
        log(f"  {stats.failed} documents failed; first: {stats.first_failure}")
    figures.peak_main_mb = peak_mb(resource.RUSAGE_SELF)
    figures.peak_workers_mb = peak_mb(resource.RUSAGE_CHILDREN)
    return figures


def _fill_fts5(
    corpus_dir: Path, docs: list[dict[str, object]], path: Path, figures: BuildFigures
) -> None:
    """The FTS5 baseline from a second understanding of the same documents."""
    path.unlink(missing_ok=True)
    fts = Fts5Baseline(path)
    fts.create()
    log("FTS5 baseline: the same records, understood again ...")
    clock = Stopwatch()
    for doc, lessons in iter_understood(corpus_dir, docs):
        fts.add(doc, lessons)
    figures.fts_insert_s = clock.seconds()
    clock = Stopwatch()
    fts.finish()
    figures.fts_finish_s = clock.seconds()
    fts.conn.close()
    figures.fts_mb = path.stat().st_size / 1e6


def build(work: Path, reports: int, pages: int, seed: int) -> BuildFigures:
    """The corpus (reused when there), the product's index of it, and the FTS5 baseline, in
    `work`; the figures are also saved there, for a later `--reuse`."""
    from index.location import current_index_dir

    corpus_dir = work / "corpus"
    info, docs = prepare_corpus(corpus_dir, reports, pages, seed, log)
    vocabulary = word_stats(corpus_dir, docs)
    text_mb = info.chars / 1e6
    log(
        f"corpus: {len(docs)} documents, {info.pages} pages, {text_mb:.0f} MB of text, "
        f"generated in {info.seconds:.0f} s"
    )
    data_dir = work / "data"
    figures = _rebuild(corpus_dir, docs, data_dir)
    figures.reports, figures.pages, figures.text_mb = reports, info.pages, text_mb
    figures.generate_s, figures.vocabulary = info.seconds, vocabulary
    _fill_fts5(corpus_dir, docs, work / "fts5.sqlite3", figures)
    index_dir = current_index_dir(data_dir)
    assert index_dir is not None
    figures.index_mb = folder_mb(index_dir)
    (work / "build.json").write_text(json.dumps(figures.__dict__, indent=1), encoding="utf-8")
    (work / "config.toml").write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")
    log(
        f"built {figures.records} records from {figures.documents} documents in "
        f"{figures.build_s:.0f} s (waiting for understanding {figures.wait_understanding_s:.0f}"
        f" s, commit {figures.commit_s:.0f} s); index {figures.index_mb:.0f} MB"
    )
    return figures


# --------------------------------------------------------------------------- HTTP


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`scr serve` (waitress, 8 threads) in a child process on a loopback port."""

    def __init__(self, work: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (work / "server.log").open("w")
        self.ready_ms = float("nan")  # from start until it listens
        self._started = Stopwatch()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scr",
                "--config",
                str(work / "config.toml"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=str(ROOT),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    self.ready_ms = self._started.ms()
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the server did not start listening")

    def peak_mb(self) -> float:
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return float("nan")
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        return int(match.group(1)) / 1024 if match else float("nan")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.log.close()


@contextlib.contextmanager
def serving(work: Path) -> Iterator[Server]:
    """`scr serve` over the index in `work`, listening; stopped afterwards."""
    server = Server(work)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@dataclass
class Scenario:
    name: str
    clients: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    per_query_ms: dict[str, list[float]] = field(default_factory=dict)
    wall_s: float = 0.0
    stopped_by_budget: bool = False
    issued: list[dict[str, Any]] = field(default_factory=list)  # in the order taken
    repeats: float = 0.0  # share of requests repeating one the server had answered

    @property
    def count(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def pct(self, p: float) -> float:
        return percentile(self.latencies_ms, p)

    def record(self, params: dict[str, Any], error: str | None, size: int, ms: float) -> None:
        if error:
            self.errors.append(f"{describe(params)}: {error}")
            return
        self.latencies_ms.append(ms)
        self.sizes.append(size)
        self.per_query_ms.setdefault(describe(params), []).append(ms)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _check_body(response: requests.Response) -> str | None:
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:120]}"
    try:
        body = response.json()
    except ValueError:
        return "not JSON"
    missing = [k for k in ("total", "results", "facets") if k not in body]
    return f"missing {missing}" if missing else None


def _get(
    session: requests.Session, base: str, params: dict[str, Any], timeout_s: float
) -> tuple[str | None, int, float]:
    """One /api/search request: (what was wrong with it or None, bytes, milliseconds)."""
    clock = Stopwatch()
    try:
        response = session.get(f"{base}/api/search", params=params, timeout=timeout_s)
        error = _check_body(response)
        size = len(response.content)
    except requests.RequestException as exc:
        error, size = f"{type(exc).__name__}: {exc}"[:160], 0
    return error, size, clock.ms()


def run_scenario(
    base: str,
    queries: list[dict[str, Any]],
    name: str,
    clients: int,
    requests_total: int,
    budget_s: float,
    timeout_s: float,
) -> Scenario:
    """`requests_total` requests over the query list in order, from `clients` threads
    (each with its own requests.Session); no new request starts after `budget_s`."""
    scenario = Scenario(name, clients)
    lock = threading.Lock()
    counter = iter(range(requests_total))
    clock = Stopwatch()

    def client() -> None:
        session = requests.Session()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            if clock.seconds() > budget_s:
                scenario.stopped_by_budget = True
                return
            params = queries[i % len(queries)]
            with lock:
                scenario.issued.append(params)
            outcome = _get(session, base, params, timeout_s)
            with lock:
                scenario.record(params, *outcome)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    scenario.wall_s = clock.seconds()
    return scenario


# --------------------------------------------------------------------------- in-process


def _sq(params: dict[str, Any]) -> Any:
    from werkzeug.datastructures import MultiDict

    from search_app.params import parse_search_args

    return parse_search_args(MultiDict(params))


def _expander() -> Any:
    from index.expansion import Expander
    from index.taxonomy import load_taxonomy

    return Expander.from_taxonomy(load_taxonomy(None))


def _open_searcher(data_dir: Path) -> Any:
    """A LessonSearcher over the index in `data_dir`, as the app opens one."""
    from index import LessonSearcher
    from index.taxonomy import load_taxonomy

    return LessonSearcher(data_dir, load_taxonomy(None).label, _expander())


def fts5_latencies(
    fts_path: Path, queries: list[dict[str, Any]], repeats: int, expander: Any
) -> tuple[list[float], dict[str, float], dict[str, int]]:
    baseline = Fts5Baseline(fts_path)
    matches = {
        describe(p): baseline.match_expression(expander.expand(p.get("q", "")))
        if p.get("q")
        else ""
        for p in queries
    }
    for p in queries:  # warm the page cache once
        baseline.search(p, matches[describe(p)])
    latencies: list[float] = []
    per_query: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for _ in range(repeats):
        for p in queries:
            clock = Stopwatch()
            result = baseline.search(p, matches[describe(p)])
            ms = clock.ms()
            latencies.append(ms)
            per_query.setdefault(describe(p), []).append(ms)
            totals[describe(p)] = result["total"]
    baseline.conn.close()
    return latencies, {k: statistics.median(v) for k, v in per_query.items()}, totals


STAGES = (
    "parse",
    "document step: every matching document, ranked",
    "facets from the document rows",
    "record step: records of the candidate documents scored (cards included)",
    "cards: restated lessons merged, at most two per document and per case",
    "highlight the shown 10",
    "spelling (suggest)",
    "search() total, cache bypassed (the same query again)",
    "search() answered from the cache",
)
# The stages timed inside LessonSearcher._search, by the call that makes each.
_SEARCH_STAGES = STAGES[:6]


@contextlib.contextmanager
def _timing_calls(ls: Any, times: dict[str, float], kept: dict[str, Any]) -> Iterator[None]:
    """While active, the calls LessonSearcher._search makes are timed (summed per stage in
    `times`) and their first results kept (`kept`): the product's own calls, not copies."""

    def timed(stage: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            clock = Stopwatch()
            out = fn(*args, **kwargs)
            times[stage] = times.get(stage, 0.0) + clock.ms()
            kept.setdefault(stage, out)
            return out

        return wrapper

    parse, doc_stage, facet_stage, record_stage, collapse_stage, hit_stage = _SEARCH_STAGES
    ls.parse = timed(parse, ls.parse)
    ls._rank_documents = timed(doc_stage, ls._rank_documents)
    facet_table = ls._facet_table
    facet_table.listed = timed(facet_stage, facet_table.listed)
    ls._rank_records = timed(record_stage, ls._rank_records)
    ls._cards = timed(collapse_stage, ls._cards)
    ls._hit = timed(hit_stage, ls._hit)
    try:
        yield
    finally:
        for name in ("parse", "_rank_documents", "_rank_records", "_cards", "_hit"):
            del ls.__dict__[name]
        del facet_table.__dict__["listed"]


def exhaustive_top(ls: Any, sq: Any) -> tuple[list[str], int]:
    """The old way: every record matching the query and all filters scored over the whole
    lessons index, the best 400 read, made into cards as the product makes them; the
    lesson ids of the page shown, and how many records matched."""
    from whoosh.query import And

    from index import search as product
    from index.filters import record_filters

    filters = record_filters(sq)
    results = ls.whoosh().search(
        ls.parse(sq.q),
        filter=And(filters) if filters else None,
        limit=max(product.COLLAPSE_WINDOW, sq.page * sq.per_page * 4),
        optimize=False,
    )
    column = ls.whoosh().reader().column_reader("doc_id")
    top = list(results.top_n)
    cards = ls._cards(top, [column[docnum] for _score, docnum in top], per_case=True)
    shown = [card.position for card in cards]
    start = (sq.page - 1) * sq.per_page
    ids = [results[i]["lesson_id"] for i in shown[start : start + sq.per_page]]
    return ids, len(results)


def _timed_stages(ls: Any, sq: Any) -> tuple[dict[str, Any], Any]:
    """One search with the stages of LessonSearcher._search timed: the row's stage times,
    matching documents and records scored, and the search's response."""
    times: dict[str, float] = {}
    kept: dict[str, Any] = {}
    with _timing_calls(ls, times, kept):
        response = ls._search(sq)
    row: dict[str, Any] = {}
    for stage in _SEARCH_STAGES:  # a stage the search did not need cost nothing
        row[stage] = times.get(stage, 0.0)
    if _SEARCH_STAGES[1] not in times:
        raise RuntimeError("LessonSearcher._search no longer calls what this benchmark times")
    row["matching documents"] = len(kept[_SEARCH_STAGES[1]])
    ranking = kept.get(_SEARCH_STAGES[3])
    row["records scored"] = ranking.matched if ranking is not None else 0
    return row, response


def _whole_search(ls: Any, sq: Any) -> dict[str, Any]:
    """Spelling, the whole search with the cache bypassed, and answered from the cache."""
    clock = Stopwatch()
    ls.suggest(sq.q)
    row: dict[str, Any] = {STAGES[6]: clock.ms()}
    ls._cache.clear()
    clock = Stopwatch()
    full = ls.search(sq)
    row[STAGES[7]] = clock.ms()
    clock = Stopwatch()
    ls.search(sq)
    row[STAGES[8]] = clock.ms()
    row["total"] = full.total
    row["corrected"] = full.corrected_query or ""
    return row


def _against_exhaustive(ls: Any, sq: Any, response: Any) -> dict[str, Any]:
    """The exhaustive ranking's time and matches, and its top 10's overlap with those shown."""
    clock = Stopwatch()
    exhaustive, matched = exhaustive_top(ls, sq)
    row: dict[str, Any] = {"exhaustive ranking": clock.ms(), "exhaustive matches": matched}
    if exhaustive:
        shown = {hit.lesson_id for hit in response.results}
        row["overlap@10"] = len(shown.intersection(exhaustive)) / len(exhaustive)
    return row


def _stage_row(ls: Any, params: dict[str, Any]) -> dict[str, Any]:
    sq = _sq(params)
    stages, response = _timed_stages(ls, sq)
    row: dict[str, Any] = {"query": describe(params), **stages, **_whole_search(ls, sq)}
    if sq.q.strip() and sq.sort != "newest":
        row.update(_against_exhaustive(ls, sq, response))
    return row


def stage_profile(data_dir: Path, queries: list[dict[str, Any]], budget_s: float) -> dict[str, Any]:
    """The stages of LessonSearcher._search, timed inside real searches by wrapping the
    calls it makes; spelling, the whole search with the cache bypassed, a cache hit; and,
    for ranked queries with words, the two-step ranking's top 10 against the exhaustive
    record-level ranking's (overlap@10)."""
    from index import SearchQuery, cards
    from index import search as product

    ls = _open_searcher(data_dir)
    ls._search_or_correct(SearchQuery(q=WARM_UP["q"]))  # first-use loading, not timed
    out: dict[str, Any] = {
        "documents": len(ls.documents.documents),
        "records": ls.whoosh().doc_count(),
        "candidates": product.CANDIDATE_DOCUMENTS,
        "per_document": cards.PER_DOCUMENT,
        "per_case": cards.PER_CASE,
        "cached_responses": product.CACHED_RESPONSES,
    }
    rows: list[dict[str, Any]] = []
    clock = Stopwatch()
    for params in queries:
        if clock.seconds() > budget_s:
            break
        rows.append(_stage_row(ls, params))
    ls.close()
    out["rows"] = rows
    return out


def cprofile_search(data_dir: Path, queries: list[dict[str, Any]], top: int = 25) -> str:
    ls = _open_searcher(data_dir)
    sqs = [_sq(p) for p in queries]
    profiler = cProfile.Profile()
    profiler.enable()
    for sq in sqs:
        ls._search_or_correct(sq)  # the cache bypassed
    profiler.disable()
    ls.close()
    return profile_text(profiler, "cumulative", top)


# --------------------------------------------------------------------------- report


def fmt_ms(v: float) -> str:
    return "n/a" if v != v else f"{v:,.0f} ms"  # NaN check


def _median(rows: list[dict[str, Any]], key: str) -> float:
    vals = [row[key] for row in rows if key in row]
    return statistics.median(vals) if vals else float("nan")


def _max(rows: list[dict[str, Any]], key: str) -> float:
    vals = [row[key] for row in rows if key in row]
    return max(vals) if vals else float("nan")


def fmt_n(v: float) -> str:
    return "n/a" if v != v else f"{v:,.0f}"


def _ranked(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """The profiled queries that were ranked against the exhaustive ranking."""
    return [row for row in profile.get("rows") or [] if "overlap@10" in row]


def _full_size(b: BuildFigures) -> bool:
    return b.reports >= TARGET_BUILD_REPORTS


def _projected_build_s(b: BuildFigures) -> float:
    """The rebuild's time scaled linearly to the target's number of reports."""
    return b.build_s * TARGET_BUILD_REPORTS / max(1, b.reports)


def _ratios(r: dict[str, Any]) -> tuple[float, float]:
    """Whoosh's latency with no repeated query over FTS5's, at p50 and at p95."""
    fresh: Scenario = r["fresh"]
    fts_p50, fts_p95 = r["fts_p50"], r["fts_p95"]
    ratio50 = fresh.pct(50) / fts_p50 if fts_p50 else float("nan")
    ratio95 = fresh.pct(95) / fts_p95 if fts_p95 else float("nan")
    return ratio50, ratio95


def _scenarios(r: dict[str, Any]) -> tuple[Scenario, Scenario, Scenario]:
    return r["fresh"], r["one"], r["eight"]


def _errors(r: dict[str, Any]) -> int:
    return sum(len(s.errors) for s in _scenarios(r))


def _introduction(r: dict[str, Any]) -> str:
    b: BuildFigures = r["build"]
    queries = len(r["queries"])
    return (
        f"Measured with `.venv/bin/python -m bench.search_speed {r['args']}` on {r['date']} "
        f"({r['machine']}). Corpus: `bench/corpus.py`, seed {r['seed']}: {b.reports} "
        f"reports (target size {r['pages']} pages each) -> {b.documents} documents, "
        f"{b.pages:,} pages, {b.text_mb:,.0f} MB of page text, {b.records:,} lesson and "
        f"passage records; vocabulary in a sample of {b.vocabulary.get('sampled_documents')} "
        f"documents: {b.vocabulary.get('distinct_words', 0):,} distinct words, Zipf exponent "
        f"{b.vocabulary.get('zipf_exponent_ranks_10_1000')} (ranks 10-1,000) and "
        f"{b.vocabulary.get('zipf_exponent_ranks_1000_10000')} (ranks 1,000-10,000). "
        f"Latency: `GET /api/search` through `scr serve` (waitress, 8 threads sharing the "
        f"process's one searcher, which caches its last {r['cached_responses']} responses) on "
        f"127.0.0.1, facets and snippets included, after one untimed warm-up request. "
        f"Queries: {queries} with filters (listed in `bench/search_speed.py`), "
        f"issued in order and cycled in the 1- and 8-client scenarios, whose repeats the "
        f"cache answers; the no-repeat scenario ran on a restarted server and issued each "
        f"query of the list once, then (beyond {queries} requests) its queries "
        f"combined with another filter (a year, a year range, a document type, a kind, a "
        f"theme) or with the words of another query, so that its cache never hit. FTS5: "
        f"the same records and queries in-process, bm25 + snippet() + count + 6 GROUP BY "
        f"facet queries, no result cache. Load average of the machine "
        f"(shared with other work) {r['load']}."
    )


def _build_rows(r: dict[str, Any]) -> list[str]:
    """The rebuild's rows of the measure table: time, where it went, size, memory."""
    b: BuildFigures = r["build"]
    sizes = r["index_sizes"]
    full_size = _full_size(b)
    projected = _projected_build_s(b)
    rows = [
        f"| Rebuild, understanding + indexing, {b.reports} reports | {b.build_s:,.0f} s "
        f"({b.build_s / 60:.1f} min) | {'< 10 min' if full_size else ''} | "
        f"{verdict(b.build_s < TARGET_BUILD_S) if full_size else ''} |",
    ]
    if not full_size:
        rows.append(
            f"| Rebuild projected to {TARGET_BUILD_REPORTS} reports (linear) | "
            f"{projected:,.0f} s ({projected / 60:.1f} min) | < 10 min | "
            f"{verdict(projected < TARGET_BUILD_S)} |"
        )
    return rows + [
        f"| &nbsp; of which waiting for understanding (2 worker processes) | "
        f"{b.wait_understanding_s:,.0f} s | | |",
        f"| &nbsp; of which handing documents to the {b.writer_processes} index writer "
        f"process(es) (indexing meanwhile) | {b.index_add_s:,.0f} s | | |",
        f"| &nbsp; of which after the last document: the last segments written, and the commit "
        f"| {b.commit_s:,.0f} s | | |",
        f"| Segments (lessons index / document-level index) | {sizes['lessons_segments']} / "
        f"{sizes['documents_segments']} | | |",
        f"| Index size on disk (Whoosh: lessons + document-level index) | "
        f"{sizes['lessons'] + sizes['documents']:,.0f} MB ({sizes['lessons']:,.0f} + "
        f"{sizes['documents']:,.0f} MB) | | |",
        f"| Index size on disk (SQLite FTS5 baseline, content + index) | {b.fts_mb:,.0f} MB | | |",
        f"| Peak memory, build process (hands understood documents to the writers) | "
        f"{b.peak_main_mb:,.0f} MB | | |",
        f"| Peak memory, largest child process (index writer or understanding worker) | "
        f"{b.peak_workers_mb:,.0f} MB | | |",
    ]


def _server_rows(r: dict[str, Any]) -> list[str]:
    """The server's rows of the measure table: memory, latency, throughput, errors, and the
    FTS5 baseline's latency against the search's."""
    fresh, one, eight = _scenarios(r)
    ratio50, ratio95 = _ratios(r)
    errors = _errors(r)
    return [
        f"| Peak memory, server process | {r['server_mb']:,.0f} MB | | |",
        f"| Start of `scr serve` until it listens (opens the index, reads the document "
        f"rows, looks up the taxonomy's words) | {fmt_ms(r.get('ready_ms', float('nan')))} "
        "| | |",
        f"| First request after it listens | {fmt_ms(r['cold_ms'])} | | |",
        f"| /api/search p50, 1 client, no repeated query (cache never hits; {fresh.count} "
        f"requests) | {fmt_ms(fresh.pct(50))} | | |",
        f"| /api/search p95, 1 client, no repeated query | {fmt_ms(fresh.pct(95))} | "
        f"<= {TARGET_P95_MS:.0f} ms | {verdict(fresh.pct(95) <= TARGET_P95_MS)} |",
        f"| /api/search p50 / p95, 1 client, query list cycled ({one.count} requests, "
        f"{one.repeats:.0%} repeat an answered query) | {fmt_ms(one.pct(50))} / "
        f"{fmt_ms(one.pct(95))} | | |",
        f"| /api/search p50 / p95, {eight.clients} clients, query list cycled ({eight.count} "
        f"requests, {eight.repeats:.0%} repeat an answered query) | {fmt_ms(eight.pct(50))} / "
        f"{fmt_ms(eight.pct(95))} | | |",
        f"| Throughput, {eight.clients} clients, query list cycled | "
        f"{eight.count / eight.wall_s if eight.wall_s else 0:.1f} requests/s | | |",
        f"| Errors, all scenarios | {errors} of {sum(s.count for s in _scenarios(r))} | 0 | "
        f"{verdict(not errors and fresh.count > 0)} |",
        f"| Mean response size | "
        f"{statistics.mean(fresh.sizes) / 1024 if fresh.sizes else 0:,.0f} KiB | | |",
        f"| FTS5 baseline p50 / p95, in-process | {fmt_ms(r['fts_p50'])} / "
        f"{fmt_ms(r['fts_p95'])} | | |",
        f"| Latency ratio Whoosh (HTTP, no repeated query) / FTS5, p50 | {ratio50:.2f}x | "
        f"<= 3x | {verdict(ratio50 <= TARGET_RATIO)} |",
        f"| Latency ratio Whoosh (HTTP, no repeated query) / FTS5, p95 | {ratio95:.2f}x | "
        f"<= 3x | {verdict(ratio95 <= TARGET_RATIO)} |",
    ]


def _overlap_rows(profile: dict[str, Any]) -> list[str]:
    """The two-step ranking against the exhaustive one, when queries were ranked by both."""
    ranked = _ranked(profile)
    if not ranked:
        return []
    overlaps = [row["overlap@10"] for row in ranked]
    beyond = sum(row["matching documents"] > profile["candidates"] for row in ranked)
    return [
        "| The search's top 10 (as configured: exact ranking by default): overlap with "
        f"exhaustive record ranking | mean "
        f"{statistics.mean(overlaps):.2f} (min {min(overlaps):.2f}; {len(overlaps)} ranked "
        f"queries, {beyond} of them matching more documents than the "
        f"{profile['candidates']} candidates); exhaustive ranking median "
        f"{fmt_ms(_median(ranked, 'exhaustive ranking'))}, max "
        f"{fmt_ms(_max(ranked, 'exhaustive ranking'))} | | |"
    ]


def _notes(r: dict[str, Any]) -> list[str]:
    """Notes under the measure table: scenarios cut short, a reused or unusual index, a
    corpus smaller than the target's."""
    b: BuildFigures = r["build"]
    lines: list[str] = []
    stopped = [
        f"the {s.name} scenario stopped issuing requests at its time budget after "
        f"{s.count} requests"
        for s in _scenarios(r)
        if s.stopped_by_budget
    ]
    if stopped:
        lines += ["", "Note: " + "; ".join(stopped) + "."]
    if "--reuse" in r["args"]:
        lines += [
            "",
            f"Note: the index was built by an earlier run of the same script "
            f"(`--reports {b.reports} --build-only`, same seed); its build figures are that "
            f"run's, and this run measured the search.",
        ]
    for warning in r.get("index_warnings") or []:
        lines += ["", f"Note: {warning}"]
    if not _full_size(b):
        lines += [
            "",
            f"Note: the full {TARGET_BUILD_REPORTS}-report run did not fit the time available "
            f"for this run; this is the largest size that did. The rebuild row for "
            f"{TARGET_BUILD_REPORTS} reports is a linear projection.",
        ]
    return lines


def _stage_table(stages: list[dict[str, Any]]) -> list[str]:
    """Where the time of one search goes: each stage's median and max."""
    lines = [
        "Where the time of one search goes (in-process, one searcher, median and max over "
        f"{len(stages)} profiled queries; each stage timed inside a real "
        "`LessonSearcher._search` by wrapping the call the product makes for it; a "
        "misspelled query is searched twice, as typed and corrected, so the whole "
        "search can exceed the sum of the stages; the stages are each query's first "
        "search, with the words new to the searcher's caches of term directories and "
        "posting blocks, and the whole search is the same query once more):",
        "",
        *table_head("Stage", "Median", "Max"),
    ]
    for stage in STAGES:
        vals = [row[stage] for row in stages if stage in row]
        if vals:
            lines.append(
                table_row(stage, f"{statistics.median(vals):,.1f} ms", f"{max(vals):,.1f} ms")
            )
    return lines


def _matching(profile: dict[str, Any]) -> str:
    """How many documents matched, and how many records each step scored."""
    stages, ranked = profile["rows"], _ranked(profile)
    return (
        f"Matching documents per query: median "
        f"{fmt_n(_median(stages, 'matching documents'))}, max "
        f"{fmt_n(_max(stages, 'matching documents'))} of {profile['documents']:,}. "
        f"Records scored in the record step (those of the best {profile['candidates']} "
        f"documents that match): median {fmt_n(_median(stages, 'records scored'))}, max "
        f"{fmt_n(_max(stages, 'records scored'))}; for the {len(ranked)} ranked queries "
        f"with words, median {fmt_n(_median(ranked, 'records scored'))}, against "
        f"{fmt_n(_median(ranked, 'exhaustive matches'))} (max "
        f"{fmt_n(_max(ranked, 'exhaustive matches'))}) matching records of the "
        f"{profile['records']:,} of the lessons index, which the exhaustive ranking "
        f"scores."
    )


def _overall(r: dict[str, Any]) -> bool:
    b: BuildFigures = r["build"]
    fresh: Scenario = r["fresh"]
    ratio50, ratio95 = _ratios(r)
    errors = _errors(r)
    return all(
        [
            fresh.pct(95) <= TARGET_P95_MS,
            not errors and fresh.count > 0,
            ratio50 <= TARGET_RATIO,
            ratio95 <= TARGET_RATIO,
            (b.build_s if _full_size(b) else _projected_build_s(b)) < TARGET_BUILD_S,
        ]
    )


def markdown(r: dict[str, Any]) -> str:
    profile = r.get("profile") or {}
    lines = [
        SECTION,
        "",
        _introduction(r),
        "",
        *table_head("Measure", "Result", "Target", ""),
        *_build_rows(r),
        *_server_rows(r),
        *_overlap_rows(profile),
        *_notes(r),
    ]
    if profile.get("rows"):
        lines += [
            "",
            *_stage_table(profile["rows"]),
            "",
            _matching(profile),
            "",
            *product_table(profile, r["one"], r["eight"], r["server_mb"]),
        ]
    lines += ["", f"Overall: **{verdict(_overall(r))}**", ""]
    return "\n".join(lines)


def product_table(
    profile: dict[str, Any], one: Scenario, eight: Scenario, server_mb: float
) -> list[str]:
    """What the search does now, each with what this run measured of it."""
    rows = profile["rows"]
    ranked = [row for row in rows if "overlap@10" in row]
    overlap = statistics.mean(row["overlap@10"] for row in ranked) if ranked else float("nan")

    def med(key: str) -> str:
        return f"{_median(rows, key):,.1f} ms"

    return [
        "What the search does now (medians of the stage table):",
        "",
        *table_head("What", "Measured in this run"),
        f"| Total and facets count documents: the query runs on the document-level index "
        f"(no positions: a phrase as all its words), scored with NumPy a posting block at "
        f"a time (`index/scoring.py`: Whoosh's BM25F, not its per-posting matchers), and "
        f"the facets are NumPy sums over per-document arrays read once | document step "
        f"{med(STAGES[1])}, facets {med(STAGES[2])}; "
        f"{fmt_n(_median(rows, 'matching documents'))} matching documents (median) |",
        f"| Records are scored only within the best {profile['candidates']} documents, "
        f"reading only the posting blocks that hold their records (a document's records "
        f"are numbered together), not over the whole lessons index | "
        f"record step {med(STAGES[3])} (median; {fmt_n(_median(ranked, 'records scored'))} "
        f"records for a ranked query), the exhaustive ranking "
        f"{_median(ranked, 'exhaustive ranking'):,.1f} ms "
        f"({fmt_n(_median(ranked, 'exhaustive matches'))} records); top-10 overlap "
        f"{overlap:.2f} |",
        f"| Result cards: a lesson restated in its case's documents merged into one card, "
        f"at most {profile['per_document']} cards per document and {profile['per_case']} per "
        f"case; only the shown page is highlighted | cards {med(STAGES[4])}, highlighting "
        f"{med(STAGES[5])} |",
        f"| Spelling words kept once per segment (`spell_text` of the document-level "
        f"index), read a first letter at a time when a misspelled word needs them, kept, "
        f"and compared with RapidFuzz; "
        f"the lessons index's `text` has neither `spelling` nor `chars` | "
        f"suggest {med(STAGES[6])} (max {_max(rows, STAGES[6]):,.1f} ms) |",
        f"| A cache of the last {profile['cached_responses']} responses per searcher "
        f"(a hit returns a copy) | a hit {med(STAGES[8])}; {one.repeats:.0%} of the "
        f"1-client and {eight.repeats:.0%} of the {eight.clients}-client cycled requests "
        f"repeat an answered query |",
        f"| One searcher per process, shared by waitress's threads under a lock; segments "
        f"written without compounding, read in place | server peak {server_mb:,.0f} MB "
        f"(resident, the index files' pages it touched included) |",
    ]


# --------------------------------------------------------------------------- main


def check_index(data_dir: Path) -> list[str]:
    """Stops when the index cannot be searched by the product as it is now (an older
    writer's, without the document-level index); warnings for what makes it unlike one
    the product writes now."""
    from index.location import current_index_dir
    from index.writer import schema_is_current

    path = current_index_dir(data_dir)
    if path is None:
        raise SystemExit(f"no index in {data_dir}: build one with --build-only first")
    if not schema_is_current(data_dir):
        raise SystemExit(
            f"the index in {path} was written by an older writer (another schema, or no "
            f"document-level index): build it again with --reports N --build-only"
        )
    if any(path.glob("*.seg")):
        return [
            "the index has compound segments (`*.seg`), so it was written by an older "
            "writer than the product's (which writes `compound=False`): memory figures do "
            "not show the product's."
        ]
    return []


def index_sizes(data_dir: Path) -> dict[str, float]:
    """MB on disk of the lessons index and of the document-level index of the live build,
    and how many segments each has."""
    from whoosh import index as whoosh_index

    from index.location import current_index_dir
    from index.schema import DOCUMENTS

    sizes = {"lessons": 0.0, "documents": 0.0}
    path = current_index_dir(data_dir)
    for file in path.iterdir() if path else ():
        if file.is_file():
            which = "documents" if file.name.lstrip("_").startswith(DOCUMENTS) else "lessons"
            sizes[which] += file.stat().st_size / 1e6
    for which, indexname in (("lessons", None), ("documents", DOCUMENTS)):
        ix = whoosh_index.open_dir(str(path), indexname=indexname)
        try:
            sizes[f"{which}_segments"] = len(ix._segments())
        finally:
            ix.close()
    return sizes


def warm_up(server: Server) -> float:
    """The server's first request: its milliseconds, timed apart."""
    clock = Stopwatch()
    first = requests.get(f"{server.base}/api/search", params=WARM_UP, timeout=300)
    cold_ms = clock.ms()
    if first.status_code != 200:
        raise RuntimeError(f"first request: HTTP {first.status_code} {first.text[:200]}")
    return cold_ms


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = command_line(__doc__)
    add_corpus_arguments(parser)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPORTS} reports")
    parser.add_argument("--reuse", type=Path, help="a work folder of an earlier run: no build")
    parser.add_argument("--work", type=Path, help="work folder (default /tmp/scr-bench-NxP)")
    parser.add_argument("--requests", type=int, default=200, help="per scenario")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--budget",
        type=float,
        default=240.0,
        help="seconds per scenario (and for the profile) before no new request starts",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--profile-queries", type=int, default=45)
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--build-only", action="store_true", help="stop after the build")
    args = parser.parse_args(argv)
    if args.quick:
        args.reports = QUICK_REPORTS
    return args


def _build_or_reuse(args: argparse.Namespace) -> tuple[Path, BuildFigures]:
    """The work folder, with the index built in it now or by an earlier run (`--reuse`)."""
    if args.reuse:
        raw = json.loads((args.reuse / "build.json").read_text(encoding="utf-8"))
        log(f"reusing the index built earlier in {args.reuse} (build figures from that run)")
        return args.reuse, BuildFigures(**raw)
    work = args.work or Path(f"/tmp/scr-bench-{args.reports}x{args.pages}")
    work.mkdir(parents=True, exist_ok=True)
    return work, build(work, args.reports, args.pages, args.seed)


@contextlib.contextmanager
def _load_samples() -> Iterator[list[float]]:
    """The machine's 1-minute load average, sampled every 5 s while active."""
    samples: list[float] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(5.0):
            samples.append(load_average())

    threading.Thread(target=sample, daemon=True).start()
    try:
        yield samples
    finally:
        done.set()


def _log_latencies(s: Scenario) -> None:
    log(f"  p50 {s.pct(50):.0f} ms, p95 {s.pct(95):.0f} ms, errors {len(s.errors)}")


def _cycled(
    work: Path, queries: list[dict[str, Any]], args: argparse.Namespace
) -> tuple[float, float, Scenario, Scenario, float]:
    """The query list cycled by 1 client, then by `--clients`, on one server: the
    milliseconds until it listens and of its first request, the two scenarios, and the
    server's peak memory."""
    log("starting scr serve ...")
    with serving(work) as server:
        cold_ms = warm_up(server)
        answered = {_sq(WARM_UP)}
        scenarios = []
        for name, clients in (("1-client", 1), (f"{args.clients}-client", args.clients)):
            what = "1 client" if clients == 1 else f"{clients} clients"
            log(f"{what}, query list cycled: {args.requests} requests ...")
            scenario = run_scenario(
                server.base, queries, name, clients, args.requests, args.budget, args.timeout
            )
            scenario.repeats = repeat_share(scenario.issued, answered)
            _log_latencies(scenario)
            scenarios.append(scenario)
        return server.ready_ms, cold_ms, scenarios[0], scenarios[1], server.peak_mb()


def _no_repeat(
    work: Path, queries: list[dict[str, Any]], args: argparse.Namespace
) -> tuple[Scenario, float]:
    """1 client, no repeated query, on a restarted server: the scenario, and the server's
    peak memory."""
    log("restarting scr serve (an empty result cache) ...")
    with serving(work) as server:
        warm_up(server)
        log(f"1 client, no repeated query: {len(queries)} requests ...")
        fresh = run_scenario(
            server.base,
            queries,
            "1-client no-repeat",
            1,
            len(queries),
            args.budget,
            args.timeout,
        )
        fresh.repeats = repeat_share(fresh.issued, {_sq(WARM_UP)})
        if fresh.repeats:
            raise RuntimeError("the no-repeat scenario repeated a query")
        _log_latencies(fresh)
        return fresh, server.peak_mb()


@dataclass
class Measured:
    """What a run measured of the search: over HTTP, of the FTS5 baseline, in-process."""

    ready_ms: float
    cold_ms: float
    one: Scenario
    eight: Scenario
    fresh: Scenario
    server_mb: float
    fts_ms: list[float]
    fts_per_query: dict[str, float]  # describe(params) -> median milliseconds
    fts_totals: dict[str, int]  # describe(params) -> matching records
    profile: dict[str, Any]
    load: list[float]  # the machine's load average, sampled meanwhile

    @property
    def errors(self) -> list[str]:
        return self.one.errors + self.eight.errors + self.fresh.errors


def _fts5(
    work: Path, queries: list[dict[str, Any]], args: argparse.Namespace
) -> tuple[list[float], dict[str, float], dict[str, int]]:
    log("FTS5 baseline ...")
    repeats = max(1, round(args.requests / len(queries)))
    latencies = fts5_latencies(work / "fts5.sqlite3", queries, repeats, _expander())
    log(f"  p50 {percentile(latencies[0], 50):.1f} ms, p95 {percentile(latencies[0], 95):.1f} ms")
    return latencies


def _profile(work: Path, queries: list[dict[str, Any]], args: argparse.Namespace) -> dict:
    """The stage profile (returned), and cProfile's listing (written to the work folder)."""
    log("profiling search stages in-process, and the exhaustive ranking ...")
    data_dir = work / "data"
    profile = stage_profile(data_dir, queries[: args.profile_queries], args.budget)
    listing = cprofile_search(data_dir, queries[: min(12, len(queries))])
    (work / "cprofile.txt").write_text(listing, encoding="utf-8")
    return profile


def _measure(work: Path, queries: list[dict[str, Any]], args: argparse.Namespace) -> Measured:
    fresh_queries = distinct_queries(queries, args.requests)
    with _load_samples() as load:
        ready_ms, cold_ms, one, eight, server_mb = _cycled(work, queries, args)
        fresh, fresh_server_mb = _no_repeat(work, fresh_queries, args)
        fts_ms, fts_per_query, fts_totals = _fts5(work, queries, args)
        profile = _profile(work, queries, args)
    return Measured(
        ready_ms,
        cold_ms,
        one,
        eight,
        fresh,
        max(server_mb, fresh_server_mb),
        fts_ms,
        fts_per_query,
        fts_totals,
        profile,
        load,
    )


def _per_query(queries: list[dict[str, Any]], m: Measured) -> list[dict[str, Any]]:
    """Each query's figures side by side: over HTTP, in FTS5, in the stage profile."""
    rows = []
    for params in queries:
        key = describe(params)
        http = m.one.per_query_ms.get(key, [])
        uncached = m.fresh.per_query_ms.get(key, [])
        stage = next((s for s in m.profile["rows"] if s["query"] == key), {})
        rows.append(
            {
                "query": key,
                "http_uncached_ms": uncached[0] if uncached else None,
                "http_cycled_median_ms": statistics.median(http) if http else None,
                "fts5_median_ms": m.fts_per_query.get(key),
                "documents": stage.get("total"),
                "records_scored": stage.get("records scored"),
                "overlap@10": stage.get("overlap@10"),
                "fts5_total_records": m.fts_totals.get(key),
                "corrected": stage.get("corrected"),
            }
        )
    return rows


def _load_text(figures: BuildFigures, samples: list[float]) -> str:
    return (
        f"{figures.load_before:.1f} at the start of the build and {figures.load_after:.1f} at "
        f"its end; during the search measurements median "
        f"{statistics.median(samples or [0]):.1f}, max {max(samples or [0]):.1f}"
    )


def _machine() -> str:
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"nproc {os.cpu_count()}, {python_build()}, {system()}, {memory_gib:.0f} GiB RAM"


def _report(
    args: argparse.Namespace,
    argv: list[str] | None,
    work: Path,
    figures: BuildFigures,
    index_warnings: list[str],
    queries: list[dict[str, Any]],
    m: Measured,
) -> dict[str, Any]:
    """What `markdown` writes the section from."""
    from index.search import CACHED_RESPONSES

    shown_args = " ".join(shown_arguments(list(argv if argv is not None else sys.argv[1:])))
    return {
        "args": shown_args or "(defaults)",
        "date": dt.date.today().isoformat(),
        "machine": _machine(),
        "seed": args.seed,
        "pages": args.pages,
        "build": figures,
        "index_sizes": index_sizes(work / "data"),
        "index_warnings": index_warnings,
        "cached_responses": CACHED_RESPONSES,
        "one": m.one,
        "eight": m.eight,
        "fresh": m.fresh,
        "fts_p50": percentile(m.fts_ms, 50),
        "fts_p95": percentile(m.fts_ms, 95),
        "cold_ms": m.cold_ms,
        "ready_ms": m.ready_ms,
        "server_mb": m.server_mb,
        "queries": queries,
        "profile": m.profile,
        "load": _load_text(figures, m.load),
    }


def _results(report: dict[str, Any], m: Measured, per_query: list[dict[str, Any]]) -> dict:
    """Everything measured, for results.json in the work folder."""
    return {
        "build": report["build"].__dict__,
        "index_sizes_mb": report["index_sizes"],
        "one_client_ms": m.one.latencies_ms,
        "eight_client_ms": m.eight.latencies_ms,
        "no_repeat_ms": m.fresh.latencies_ms,
        "no_repeat_queries": [describe(p) for p in m.fresh.issued],
        "repeat_share": {
            "one": m.one.repeats,
            "eight": m.eight.repeats,
            "no_repeat": m.fresh.repeats,
        },
        "errors": m.errors,
        "fts5_ms": m.fts_ms,
        "per_query": per_query,
        "profile": m.profile,
        "server_peak_mb": m.server_mb,
        "cold_ms": m.cold_ms,
    }


def _print_details(per_query: list[dict[str, Any]], errors: list[str]) -> None:
    print(
        "\nPer query (HTTP uncached, HTTP median when cycled, FTS5 median, documents, "
        "records scored, overlap@10):",
        file=sys.stderr,
    )
    for row in per_query:
        print(f"  {row}", file=sys.stderr)
    if errors:
        print("\nErrors:", *sorted(set(errors))[:20], sep="\n  ")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    work, figures = _build_or_reuse(args)
    index_warnings = check_index(work / "data")
    for warning in index_warnings:
        log(f"warning: {warning}")
    if args.build_only:
        return 0
    queries = query_set(args.seed)
    measured = _measure(work, queries, args)
    report = _report(args, argv, work, figures, index_warnings, queries, measured)
    section = markdown(report)
    print(section)
    per_query = _per_query(queries, measured)
    _print_details(per_query, measured.errors)
    results = _results(report, measured, per_query)
    (work / "results.json").write_text(json.dumps(results, indent=1, default=str), "utf-8")
    (work / "section.md").write_text(section, encoding="utf-8")
    log(f"details in {work}/results.json, cProfile in {work}/cprofile.txt")
    if not args.no_docs:
        write_section(section)
        log(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
