"""Search at national scale: build time, index size, memory, and /api/search latency.

Builds (or, with ``--reuse DIR``, reuses) the index of the synthetic corpus of
``bench.corpus`` with the product's own pipeline: page texts -> ``harvester.understand``
(in the product's ``UnderstandPool``, both cores) -> ``index.writer.rebuild``. Then it
starts the real app through ``scr serve`` (waitress) on 127.0.0.1 and measures
``GET /api/search`` (facets and snippets included, as the API always returns them) for one
client and for 8 concurrent clients, over a fixed list of realistic queries with filters.

The baseline, in the same run: an SQLite FTS5 index of the same records (filled from the
same understood records while the Whoosh index is built), queried in-process the way
Datasette does it: one SQL statement for the page of results (bm25 ranking with column
weights, ``snippet()``), one for the count, one GROUP BY per facet (theme, year, case,
board, doc_type, kind) over the matching rows.

It also profiles the search in-process: the stages of one search (parse, scoring, each
facet, highlighting, facet labels, spelling) timed separately with the same Whoosh calls
the product makes, and cProfile's top functions.

Usage::

    .venv/bin/python -m bench.search_speed --quick          # 200 reports
    .venv/bin/python -m bench.search_speed                  # 2,000 reports of ~40 pages
    .venv/bin/python -m bench.search_speed --reuse /tmp/scr-bench-2000x40   # skip the build

Results are printed and written to docs/benchmarks.md ("Search at national scale").
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
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

from bench.corpus import (
    DEFAULT_PAGES,
    DEFAULT_REPORTS,
    DEFAULT_SEED,
    UnderstandStats,
    boards,
    iter_understood,
    load_corpus,
    word_stats,
    write_corpus,
)
from index.records import DocumentRecord, LessonRecord

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Search at national scale"
QUICK_REPORTS = 200

TARGET_P95_MS = 150.0
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


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def build(work: Path, reports: int, pages: int, seed: int, log: Any) -> BuildFigures:
    from index.location import current_index_dir
    from index.writer import rebuild

    figures = BuildFigures(reports=reports)
    corpus_dir = work / "corpus"
    try:
        info, docs = load_corpus(corpus_dir)
        if (info.reports, info.pages_arg, info.seed) != (reports, pages, seed):
            raise ValueError("another corpus")
        log(f"reusing the generated corpus in {corpus_dir}")
    except (OSError, ValueError):
        shutil.rmtree(corpus_dir, ignore_errors=True)
        log(f"generating {reports} reports of ~{pages} pages into {corpus_dir} ...")
        write_corpus(corpus_dir, reports, pages, seed)
        info, docs = load_corpus(corpus_dir)
    figures.generate_s = info.seconds
    figures.pages = info.pages
    figures.text_mb = info.chars / 1e6
    figures.vocabulary = word_stats(corpus_dir, docs)
    log(
        f"corpus: {len(docs)} documents, {info.pages} pages, {figures.text_mb:.0f} MB of text, "
        f"generated in {info.seconds:.0f} s"
    )

    data_dir = work / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    fts_path = work / "fts5.sqlite3"
    fts_path.unlink(missing_ok=True)
    fts = Fts5Baseline(fts_path)
    fts.create()
    stats = UnderstandStats()
    clock = {"fts": 0.0, "last": 0.0}
    figures.load_before = os.getloadavg()[0]

    def batch() -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
        t_report = time.perf_counter()
        for done, (doc, lessons) in enumerate(iter_understood(corpus_dir, docs, stats=stats), 1):
            t0 = time.perf_counter()
            fts.add(doc, lessons)
            clock["fts"] += time.perf_counter() - t0
            if time.perf_counter() - t_report > 30:
                t_report = time.perf_counter()
                log(f"  built {done}/{len(docs)} documents, {stats.records} records")
            yield doc, lessons
        clock["last"] = time.perf_counter()

    log("understanding and indexing (Whoosh rebuild; FTS5 rows alongside) ...")
    start = time.perf_counter()
    rebuild(data_dir, batch())
    end = time.perf_counter()
    figures.load_after = os.getloadavg()[0]
    figures.commit_s = end - clock["last"]
    figures.fts_insert_s = clock["fts"]
    figures.build_s = end - start - clock["fts"]
    figures.wait_understanding_s = stats.wait_seconds
    figures.index_add_s = figures.build_s - stats.wait_seconds - figures.commit_s
    figures.documents, figures.records, figures.failed = (
        stats.documents,
        stats.records,
        stats.failed,
    )
    if stats.failed:
        log(f"  {stats.failed} documents failed; first: {stats.first_failure}")
    t0 = time.perf_counter()
    fts.finish()
    figures.fts_finish_s = time.perf_counter() - t0
    fts.conn.close()
    index_dir = current_index_dir(data_dir)
    assert index_dir is not None
    figures.index_mb = _dir_mb(index_dir)
    figures.fts_mb = fts_path.stat().st_size / 1e6
    figures.peak_main_mb = _maxrss_mb(resource.RUSAGE_SELF)
    figures.peak_workers_mb = _maxrss_mb(resource.RUSAGE_CHILDREN)
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

    @property
    def count(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def pct(self, p: float) -> float:
        return percentile(self.latencies_ms, p)


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
    start = time.perf_counter()

    def client() -> None:
        session = requests.Session()
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            if time.perf_counter() - start > budget_s:
                scenario.stopped_by_budget = True
                return
            params = queries[i % len(queries)]
            t0 = time.perf_counter()
            try:
                response = session.get(f"{base}/api/search", params=params, timeout=timeout_s)
                error = _check_body(response)
                size = len(response.content)
            except requests.RequestException as exc:
                error, size = f"{type(exc).__name__}: {exc}"[:160], 0
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                if error:
                    scenario.errors.append(f"{describe(params)}: {error}")
                else:
                    scenario.latencies_ms.append(ms)
                    scenario.sizes.append(size)
                    scenario.per_query_ms.setdefault(describe(params), []).append(ms)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    scenario.wall_s = time.perf_counter() - start
    return scenario


# --------------------------------------------------------------------------- in-process


def _sq(params: dict[str, Any]) -> Any:
    from werkzeug.datastructures import MultiDict

    from search_app.params import parse_search_args

    return parse_search_args(MultiDict(params))


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
            t0 = time.perf_counter()
            result = baseline.search(p, matches[describe(p)])
            ms = (time.perf_counter() - t0) * 1000
            latencies.append(ms)
            per_query.setdefault(describe(p), []).append(ms)
            totals[describe(p)] = result["total"]
    baseline.conn.close()
    return latencies, {k: statistics.median(v) for k, v in per_query.items()}, totals


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


STAGES = (
    "parse",
    "score top 10",
    "score 400 window",
    "facet theme",
    "theme facet setup",
    "facet year",
    "facet case",
    "facet board",
    "facet doc_type",
    "facet kind",
    "all facets (product call)",
    "collapse",
    "highlight 10",
    "facet labels",
    "spelling",
    "search() total",
)


def stage_profile(data_dir: Path, queries: list[dict[str, Any]], budget_s: float) -> dict[str, Any]:
    """Each stage of LessonSearcher.search timed alone, with the Whoosh calls it makes."""
    from whoosh import sorting
    from whoosh.highlight import ContextFragmenter
    from whoosh.query import And

    from index import search as product
    from index.expansion import Expander
    from index.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(None)
    ls = product.LessonSearcher(data_dir, taxonomy.label, Expander.from_taxonomy(taxonomy))
    searcher = ls._searcher
    rows: list[dict[str, Any]] = []
    start = time.perf_counter()
    for params in queries:
        if time.perf_counter() - start > budget_s:
            break
        sq = _sq(params)
        row: dict[str, Any] = {"query": describe(params)}
        t = time.perf_counter()
        query = ls._parse(sq.q)
        row["parse"] = _ms(t)
        filters = product._filters(sq)
        flt = And(filters) if filters else None
        t = time.perf_counter()
        searcher.search(query, limit=10, filter=flt)
        row["score top 10"] = _ms(t)
        window = product.COLLAPSE_WINDOW
        t = time.perf_counter()
        results = searcher.search(query, limit=window, filter=flt)
        row["score 400 window"] = _ms(t)
        row["matches"] = len(results)
        for name, fieldname in product.FACET_FIELDS.items():
            facet = sorting.FieldFacet(fieldname, allow_overlap=(name == "theme"))
            t = time.perf_counter()
            searcher.search(
                query, limit=window, filter=flt, groupedby={name: facet}, maptype=sorting.Count
            )
            row[f"facet {name}"] = max(0.0, _ms(t) - row["score 400 window"])
        t = time.perf_counter()
        categorizer = sorting.FieldFacet("themes", allow_overlap=True).categorizer(searcher)
        for sub, offset in searcher.leaf_searchers():
            categorizer.set_searcher(sub, offset)
        row["theme facet setup"] = _ms(t)
        facets = {
            name: sorting.FieldFacet(f, allow_overlap=(name == "theme"))
            for name, f in product.FACET_FIELDS.items()
        }
        t = time.perf_counter()
        full = searcher.search(
            query, limit=window, filter=flt, groupedby=facets, maptype=sorting.Count
        )
        row["all facets (product call)"] = _ms(t)
        row["case values"] = len(full.groups("case"))
        t = time.perf_counter()
        shown, _extra = product._collapse(full, searcher)
        row["collapse"] = _ms(t)
        full.fragmenter = ContextFragmenter(maxchars=product.SNIPPET_CHARS, surround=90)
        full.formatter = product.MarkFormatter()
        t = time.perf_counter()
        for i in shown[:10]:
            full[i].highlights("text", top=2)
        row["highlight 10"] = _ms(t)
        t = time.perf_counter()
        ls._facets(full)
        row["facet labels"] = _ms(t)
        t = time.perf_counter()
        ls.suggest(sq.q)
        row["spelling"] = _ms(t)
        t = time.perf_counter()
        response = ls.search(sq)
        row["search() total"] = _ms(t)
        row["total"] = response.total
        row["corrected"] = response.corrected_query or ""
        rows.append(row)
    ls.close()
    return {"rows": rows}


LEVER_STAGES = (
    "cached columns: build once per searcher",
    "unscored match set (exact total)",
    "unscored match set, first 5,000 (bounded total)",
    "facets from cached columns, per record",
    "facets from cached columns, per document",
    "AND first pass: score top 10",
    "result cache hit",
)


def _rss_mb() -> float:
    match = re.search(r"VmRSS:\s+(\d+) kB", Path("/proc/self/status").read_text())
    return int(match.group(1)) / 1024 if match else float("nan")


def lever_estimates(
    data_dir: Path, queries: list[dict[str, Any]], budget_s: float
) -> dict[str, Any]:
    """What-if measurements for the levers of issue 5, prototyped here with the same Whoosh
    index (the product is not changed): facet counts from per-record values read once per
    searcher (themes included), over records and over documents; the unscored match set
    that exact totals and facets need, whole and bounded; an AND first pass; a cache hit."""
    import itertools
    from collections import Counter

    from whoosh.qparser import MultifieldParser
    from whoosh.query import And

    from index import search as product
    from index.expansion import Expander
    from index.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(None)
    before = _rss_mb()
    ls = product.LessonSearcher(data_dir, taxonomy.label, Expander.from_taxonomy(taxonomy))
    opened = _rss_mb()
    searcher = ls._searcher
    reader = searcher.reader()
    out: dict[str, Any] = {"rss_open_searcher_mb": opened - before}

    t = time.perf_counter()
    columns = {
        name: list(reader.column_reader(field))
        for name, field in (
            ("year", "year"),
            ("case", "case_id"),
            ("board", "board"),
            ("doc_type", "doc_type"),
            ("kind", "kind"),
            ("doc", "doc_id"),
        )
    }
    themes: list[list[str]] = [[] for _ in range(reader.doc_count_all())]
    for btext in reader.lexicon("themes"):
        theme = btext.decode("utf-8")
        for docnum in reader.postings("themes", btext).all_ids():
            themes[docnum].append(theme)
    doc_index: dict[str, int] = {}
    record_doc = [doc_index.setdefault(d, len(doc_index)) for d in columns["doc"]]
    doc_values: dict[str, list[Any]] = {
        n: [None] * len(doc_index) for n in ("year", "case", "board", "doc_type")
    }
    for docnum, d in enumerate(record_doc):
        for name, values in doc_values.items():
            values[d] = columns[name][docnum]
    build_ms = _ms(t)
    out["columns_mb"] = _rss_mb() - opened
    out["documents"] = len(doc_index)
    and_parser = MultifieldParser(["title", "section", "text"], ls._ix.schema)
    cache: dict[str, Any] = {}
    rows = []
    start = time.perf_counter()
    for params in queries:
        if time.perf_counter() - start > budget_s:
            break
        sq = _sq(params)
        row: dict[str, Any] = {"query": describe(params)}
        row["cached columns: build once per searcher"] = build_ms
        query = ls._parse(sq.q)
        filters = product._filters(sq)
        combined = And([query, *filters]) if filters else query
        t = time.perf_counter()
        docnums = list(searcher.docs_for_query(combined))
        row["unscored match set (exact total)"] = _ms(t)
        t = time.perf_counter()
        list(itertools.islice(searcher.docs_for_query(combined), 5000))
        row["unscored match set, first 5,000 (bounded total)"] = _ms(t)
        t = time.perf_counter()
        counts = {
            name: Counter(columns[name][d] for d in docnums)
            for name in ("year", "case", "board", "doc_type", "kind")
        }
        counts["theme"] = Counter(th for d in docnums for th in themes[d])
        row["facets from cached columns, per record"] = _ms(t)
        t = time.perf_counter()
        docs = {record_doc[d] for d in docnums}
        doc_counts = {name: Counter(values[d] for d in docs) for name, values in doc_values.items()}
        doc_counts["theme"] = Counter(
            th for th, _d in {(th, record_doc[d]) for d in docnums for th in themes[d]}
        )
        row["facets from cached columns, per document"] = _ms(t)
        row["matching documents"] = len(docs)
        if sq.q.strip():
            expanded = ls._expander.expand(sq.q) if ls._expander else sq.q
            and_query = and_parser.parse(expanded)
            t = time.perf_counter()
            top = searcher.search(and_query, limit=10, filter=And(filters) if filters else None)
            row["AND first pass: score top 10"] = _ms(t)
            row["AND matches"] = top.estimated_length()
        key = json.dumps(params, sort_keys=True)
        cache.setdefault(key, counts)
        t = time.perf_counter()
        cache.get(key)
        row["result cache hit"] = _ms(t)
        rows.append(row)
    ls.close()
    out["rows"] = rows
    return out


def cprofile_search(data_dir: Path, queries: list[dict[str, Any]], top: int = 25) -> str:
    from index.expansion import Expander
    from index.search import LessonSearcher
    from index.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(None)
    ls = LessonSearcher(data_dir, taxonomy.label, Expander.from_taxonomy(taxonomy))
    sqs = [_sq(p) for p in queries]
    profiler = cProfile.Profile()
    profiler.enable()
    for sq in sqs:
        ls.search(sq)
    profiler.disable()
    ls.close()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def fmt_ms(v: float) -> str:
    return "n/a" if v != v else f"{v:,.0f} ms"  # NaN check


def markdown(r: dict[str, Any]) -> str:
    b: BuildFigures = r["build"]
    one: Scenario = r["one"]
    eight: Scenario = r["eight"]
    fts_p50, fts_p95 = r["fts_p50"], r["fts_p95"]
    ratio50 = one.pct(50) / fts_p50 if fts_p50 else float("nan")
    ratio95 = one.pct(95) / fts_p95 if fts_p95 else float("nan")
    projected = b.build_s * TARGET_BUILD_REPORTS / max(1, b.reports)
    full_size = b.reports >= TARGET_BUILD_REPORTS
    lines = [
        SECTION,
        "",
        f"Measured with `.venv/bin/python -m bench.search_speed {r['args']}` on {r['date']} "
        f"({r['machine']}). Corpus: `bench/corpus.py`, seed {r['seed']}: {b.reports} "
        f"reports (target size {r['pages']} pages each) -> {b.documents} documents, "
        f"{b.pages:,} pages, {b.text_mb:,.0f} MB of page text, {b.records:,} lesson and "
        f"passage records; vocabulary in a sample of {b.vocabulary.get('sampled_documents')} "
        f"documents: {b.vocabulary.get('distinct_words', 0):,} distinct words, Zipf exponent "
        f"{b.vocabulary.get('zipf_exponent_ranks_10_1000')} (ranks 10-1,000) and "
        f"{b.vocabulary.get('zipf_exponent_ranks_1000_10000')} (ranks 1,000-10,000). "
        f"Latency: `GET /api/search` through `scr serve` (waitress, 8 threads) on 127.0.0.1, "
        f"facets and snippets included, {len(r['queries'])} queries with filters (listed in "
        f"`bench/search_speed.py`), requests issued in order; FTS5: the same records and "
        f"queries in-process, bm25 + snippet() + count + 6 GROUP BY facet queries. Load "
        f"average of the machine (shared with other work) {r['load']}.",
        "",
        "| Measure | Result | Target | |",
        "|---|---|---|---|",
        f"| Rebuild, understanding + indexing, {b.reports} reports | {b.build_s:,.0f} s "
        f"({b.build_s / 60:.1f} min) | {'< 10 min' if full_size else ''} | "
        f"{verdict(b.build_s < TARGET_BUILD_S) if full_size else ''} |",
    ]
    if not full_size:
        lines.append(
            f"| Rebuild projected to {TARGET_BUILD_REPORTS} reports (linear) | "
            f"{projected:,.0f} s ({projected / 60:.1f} min) | < 10 min | "
            f"{verdict(projected < TARGET_BUILD_S)} |"
        )
    lines += [
        f"| &nbsp; of which waiting for understanding (2 worker processes) | "
        f"{b.wait_understanding_s:,.0f} s | | |",
        f"| &nbsp; of which Whoosh add_document | {b.index_add_s:,.0f} s | | |",
        f"| &nbsp; of which Whoosh commit (segment merge) | {b.commit_s:,.0f} s | | |",
        f"| Index size on disk (Whoosh) | {b.index_mb:,.0f} MB | | |",
        f"| Index size on disk (SQLite FTS5 baseline, content + index) | {b.fts_mb:,.0f} MB | | |",
        f"| Peak memory, build process (Whoosh writer) | {b.peak_main_mb:,.0f} MB | | |",
        f"| Peak memory, largest understanding worker | {b.peak_workers_mb:,.0f} MB | | |",
        f"| Peak memory, server process | {r['server_mb']:,.0f} MB | | |",
        f"| First request after start (opens the index) | {fmt_ms(r['cold_ms'])} | | |",
        f"| /api/search p50, 1 client ({one.count} requests) | {fmt_ms(one.pct(50))} | | |",
        f"| /api/search p95, 1 client | {fmt_ms(one.pct(95))} | <= 150 ms | "
        f"{verdict(one.pct(95) <= TARGET_P95_MS)} |",
        f"| /api/search p50, 8 clients ({eight.count} requests) | {fmt_ms(eight.pct(50))} | | |",
        f"| /api/search p95, 8 clients | {fmt_ms(eight.pct(95))} | | |",
        f"| Errors, 8 clients | {len(eight.errors)} of {eight.count} | 0 | "
        f"{verdict(not eight.errors and eight.count > 0)} |",
        f"| Throughput, 8 clients | {eight.count / eight.wall_s:.1f} requests/s | | |",
        f"| Mean response size | {statistics.mean(one.sizes) / 1024 if one.sizes else 0:,.0f}"
        f" KiB | | |",
        f"| FTS5 baseline p50 / p95, in-process | {fmt_ms(fts_p50)} / {fmt_ms(fts_p95)} | | |",
        f"| Latency ratio Whoosh (HTTP) / FTS5, p50 | {ratio50:.1f}x | <= 3x | "
        f"{verdict(ratio50 <= TARGET_RATIO)} |",
        f"| Latency ratio Whoosh (HTTP) / FTS5, p95 | {ratio95:.1f}x | <= 3x | "
        f"{verdict(ratio95 <= TARGET_RATIO)} |",
    ]
    budget_note = []
    for s in (one, eight):
        if s.stopped_by_budget:
            budget_note.append(
                f"the {s.name} scenario stopped issuing requests at its time budget after "
                f"{s.count} requests"
            )
    if budget_note:
        lines += ["", "Note: " + "; ".join(budget_note) + "."]
    if "--reuse" in r["args"]:
        lines += [
            "",
            f"Note: the index was built by an earlier run of the same script "
            f"(`--reports {b.reports} --build-only`, same seed); its build figures are that "
            f"run's, and this run measured the search.",
        ]
    if not full_size:
        lines += [
            "",
            f"Note: the full {TARGET_BUILD_REPORTS}-report run did not fit the time available "
            f"for this run; this is the largest size that did. The rebuild row for "
            f"{TARGET_BUILD_REPORTS} reports is a linear projection.",
        ]
    stages = r.get("stages") or []
    if stages:
        lines += [
            "",
            "Where the time of one search goes (in-process, median over the profiled "
            f"queries, {len(stages)} queries; each stage timed alone with the Whoosh call "
            "the product makes; a facet's time is its extra cost over scoring the "
            "400-record window):",
            "",
            "| Stage | Median | Max |",
            "|---|---|---|",
        ]
        for stage in STAGES:
            vals = [row[stage] for row in stages if stage in row]
            if vals:
                lines.append(
                    f"| {stage} | {statistics.median(vals):,.1f} ms | {max(vals):,.1f} ms |"
                )
        med_matches = statistics.median(row["matches"] for row in stages)
        med_cases = statistics.median(row["case values"] for row in stages)
        lines += [
            "",
            f"Median matching records per query: {med_matches:,.0f}; median case facet "
            f"values per response: {med_cases:,.0f}.",
        ]
    if r.get("levers") and stages:
        lines += ["", *lever_table(r["levers"], stages, one, r["queries"])]
    overall = all(
        [
            one.pct(95) <= TARGET_P95_MS,
            not eight.errors,
            ratio50 <= TARGET_RATIO,
            ratio95 <= TARGET_RATIO,
            (b.build_s if full_size else projected) < TARGET_BUILD_S,
        ]
    )
    lines += ["", f"Overall: **{verdict(overall)}**", ""]
    return "\n".join(lines)


def _median(rows: list[dict[str, Any]], key: str) -> float:
    vals = [row[key] for row in rows if key in row]
    return statistics.median(vals) if vals else float("nan")


def lever_table(
    levers: dict[str, Any], stages: list[dict[str, Any]], one: Scenario, queries: list[Any]
) -> list[str]:
    """The levers of issue 5 with what each costs now and what its prototype costs."""
    rows = levers["rows"]
    facets_now = [s["all facets (product call)"] - s["score 400 window"] for s in stages]
    record_matches = _median(stages, "matches")
    doc_matches = _median(rows, "matching documents")
    repeats = max(0.0, 1 - len(queries) / max(1, one.count))
    total = _median(stages, "search() total")
    count_records = _median(rows, "facets from cached columns, per record")
    count_docs = _median(rows, "facets from cached columns, per document")
    build_columns = _median(rows, "cached columns: build once per searcher")
    shrink = record_matches / max(1, doc_matches)
    enumerate_all = _median(rows, "unscored match set (exact total)")
    lines = [
        "What-if measurements of the levers (prototyped in `bench/search_speed.py` against "
        "the same index; the product is unchanged; medians over the profiled queries):",
        "",
        "| Lever | Now (product) | Prototype |",
        "|---|---|---|",
        f"| Facets from cached per-record columns (themes included) instead of `groupedby` "
        f"| facets add {statistics.median(facets_now):,.0f} ms to scoring the window (theme "
        f"alone {_median(stages, 'facet theme'):,.0f} ms, of which "
        f"{_median(stages, 'theme facet setup'):,.0f} ms whatever the query: Whoosh rebuilds "
        f"the theme list of every record on every query) | counting {count_records:,.1f} ms "
        f"per query, after a "
        f"one-off {build_columns:,.0f} ms / {levers['columns_mb']:,.0f} MB per searcher; "
        f"but enumerating the match set costs {enumerate_all:,.0f} ms |",
        f"| Facets over documents rather than passages | facets count "
        f"{record_matches:,.0f} matching records (median) | the same queries match "
        f"{doc_matches:,.0f} documents (median) of {levers['documents']:,}; counting per "
        f"document {count_docs:,.1f} ms; a document-level index would make the match set "
        f"~{shrink:,.0f}x smaller |",
        f"| AND first pass | OR of all terms (+ theme tags): score top 10 "
        f"{_median(stages, 'score top 10'):,.0f} ms, 400-record window "
        f"{_median(stages, 'score 400 window'):,.0f} ms, {record_matches:,.0f} matches | AND: "
        f"score top 10 {_median(rows, 'AND first pass: score top 10'):,.0f} ms, "
        f"{_median(rows, 'AND matches'):,.0f} matches |",
        f"| Bounded exact totals | unscored match set, all "
        f"{_median(rows, 'unscored match set (exact total)'):,.0f} ms | first 5,000: "
        f"{_median(rows, 'unscored match set, first 5,000 (bounded total)'):,.0f} ms |",
        f"| Small result cache | search() {total:,.0f} ms | hit "
        f"{_median(rows, 'result cache hit'):,.3f} ms; {repeats:.0%} of this benchmark's "
        f"requests repeat an earlier query |",
        f"| Highlight only what is shown | highlight 10 "
        f"{_median(stages, 'highlight 10'):,.0f} ms (already only the shown page) | - |",
        f"| (memory) one searcher per process, not per thread | each searcher holds "
        f"{levers['rss_open_searcher_mb']:,.0f} MB (the compound segment's files are copied "
        f"from the mmap into BytesIO); 8 waitress threads hold 8 | - |",
    ]
    return lines


def write_docs(section: str, path: Path = DOCS) -> None:
    """Replace (or add) the "Search at national scale" section; other sections stay."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section.rstrip("\n") + "\n\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPORTS} reports")
    parser.add_argument("--reuse", type=Path, help="a work folder of an earlier run: no build")
    parser.add_argument("--work", type=Path, help="work folder (default /tmp/scr-bench-NxP)")
    parser.add_argument("--requests", type=int, default=200, help="per scenario")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--budget",
        type=float,
        default=240.0,
        help="seconds per scenario before no new request starts",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--profile-queries", type=int, default=45)
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--build-only", action="store_true", help="stop after the build")
    args = parser.parse_args(argv)
    if args.quick:
        args.reports = QUICK_REPORTS

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    from index.expansion import Expander
    from index.taxonomy import load_taxonomy

    if args.reuse:
        work = args.reuse
        raw = json.loads((work / "build.json").read_text(encoding="utf-8"))
        figures = BuildFigures(**raw)
        log(f"reusing the index built earlier in {work} (build figures from that run)")
    else:
        work = args.work or Path(f"/tmp/scr-bench-{args.reports}x{args.pages}")
        work.mkdir(parents=True, exist_ok=True)
        figures = build(work, args.reports, args.pages, args.seed, log)
        if args.build_only:
            return 0
    data_dir = work / "data"
    queries = query_set(args.seed)
    expander = Expander.from_taxonomy(load_taxonomy(None))

    load_samples: list[float] = []
    sampling = threading.Event()

    def sample_load() -> None:
        while not sampling.wait(5.0):
            load_samples.append(os.getloadavg()[0])

    sampler = threading.Thread(target=sample_load, daemon=True)
    sampler.start()
    log("starting scr serve ...")
    server = Server(work)
    try:
        server.wait_ready()
        t0 = time.perf_counter()
        first = requests.get(f"{server.base}/api/search", params={"q": "neglect"}, timeout=300)
        cold_ms = (time.perf_counter() - t0) * 1000
        if first.status_code != 200:
            raise RuntimeError(f"first request: HTTP {first.status_code} {first.text[:200]}")
        # Open a searcher in each waitress thread before timing (one per thread).
        run_scenario(server.base, queries[:8], "warm-up", 8, 16, 300, 300)
        log(f"1 client: {args.requests} requests ...")
        one = run_scenario(
            server.base, queries, "1-client", 1, args.requests, args.budget, args.timeout
        )
        log(f"  p50 {one.pct(50):.0f} ms, p95 {one.pct(95):.0f} ms, errors {len(one.errors)}")
        log(f"{args.clients} clients: {args.requests} requests ...")
        eight = run_scenario(
            server.base,
            queries,
            f"{args.clients}-client",
            args.clients,
            args.requests,
            args.budget,
            args.timeout,
        )
        log(f"  p50 {eight.pct(50):.0f} ms, p95 {eight.pct(95):.0f} ms, errors {len(eight.errors)}")
        server_mb = server.peak_mb()
    finally:
        server.stop()

    log("FTS5 baseline ...")
    repeats = max(1, round(args.requests / len(queries)))
    fts_lat, fts_per_query, fts_totals = fts5_latencies(
        work / "fts5.sqlite3", queries, repeats, expander
    )
    fts_p50, fts_p95 = percentile(fts_lat, 50), percentile(fts_lat, 95)
    log(f"  p50 {fts_p50:.1f} ms, p95 {fts_p95:.1f} ms")

    log("profiling search stages in-process ...")
    stages = stage_profile(data_dir, queries[: args.profile_queries], args.budget)["rows"]
    log("what-if measurements of the levers ...")
    levers = lever_estimates(data_dir, queries[: args.profile_queries], args.budget)
    profile_text = cprofile_search(data_dir, queries[: min(12, len(queries))])
    (work / "cprofile.txt").write_text(profile_text, encoding="utf-8")

    per_query = []
    for params in queries:
        key = describe(params)
        http = one.per_query_ms.get(key, [])
        stage = next((s for s in stages if s["query"] == key), {})
        per_query.append(
            {
                "query": key,
                "http_median_ms": statistics.median(http) if http else None,
                "fts5_median_ms": fts_per_query.get(key),
                "whoosh_total": stage.get("total"),
                "whoosh_matches": stage.get("matches"),
                "fts5_total": fts_totals.get(key),
                "corrected": stage.get("corrected"),
            }
        )
    sampling.set()
    load = (
        f"{figures.load_before:.1f} at the start of the build and {figures.load_after:.1f} at "
        f"its end; during the search measurements median "
        f"{statistics.median(load_samples or [0]):.1f}, max {max(load_samples or [0]):.1f}"
    )
    machine = (
        f"nproc {os.cpu_count()}, CPython {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM"
    )
    shown_args = " ".join(a for a in (argv if argv is not None else sys.argv[1:]))
    report = {
        "args": shown_args or "(defaults)",
        "date": dt.date.today().isoformat(),
        "machine": machine,
        "seed": args.seed,
        "pages": args.pages,
        "build": figures,
        "one": one,
        "eight": eight,
        "fts_p50": fts_p50,
        "fts_p95": fts_p95,
        "cold_ms": cold_ms,
        "server_mb": server_mb,
        "queries": queries,
        "stages": stages,
        "levers": levers,
        "load": load,
    }
    section = markdown(report)
    print(section)
    print("\nPer query (1-client HTTP median, FTS5 median, matches):", file=sys.stderr)
    for row in per_query:
        print(f"  {row}", file=sys.stderr)
    if one.errors or eight.errors:
        print("\nErrors:", *sorted(set(one.errors + eight.errors))[:20], sep="\n  ")
    results = {
        "build": figures.__dict__,
        "one_client_ms": one.latencies_ms,
        "eight_client_ms": eight.latencies_ms,
        "errors": one.errors + eight.errors,
        "fts5_ms": fts_lat,
        "per_query": per_query,
        "stages": stages,
        "levers": levers,
        "server_peak_mb": server_mb,
        "cold_ms": cold_ms,
    }
    (work / "results.json").write_text(json.dumps(results, indent=1, default=str), "utf-8")
    (work / "section.md").write_text(section, encoding="utf-8")
    log(f"details in {work}/results.json, cProfile in {work}/cprofile.txt")
    if not args.no_docs:
        write_docs(section)
        log(f"wrote {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
