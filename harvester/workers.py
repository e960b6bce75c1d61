"""Extraction and understanding in worker processes, with a time limit per document.

A PDF that hangs or crashes its parser costs that document only: the worker is killed and
replaced, the document is recorded as `timeout` or `crashed`, and the run goes on. Both
cores are used.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from urllib.parse import unquote, urlsplit

from harvester.extract import extract
from harvester.metadata import Hints
from harvester.tagging import ThemeTagger
from harvester.understand import Understood, understand
from index.boards import BoardTable
from index.taxonomy import load_taxonomy

DEFAULT_TIMEOUT_SECONDS = 120.0


@dataclass(frozen=True)
class Task:
    sha: str
    path: Path  # the stored blob
    hints: Hints
    source_url: str
    online: bool


@dataclass(frozen=True)
class Outcome:
    """How one stored document fared in extraction and understanding."""

    status: str
    reason: str | None = None
    pages: int = 0
    lessons: int = 0


Result = tuple[str, Understood | None, Outcome]


def process_task(task: Task, tagger: ThemeTagger, boards: BoardTable | None = None) -> Result:
    """Extract and understand one document; problems come back as an Outcome."""
    try:
        name = task.hints.filename or unquote(urlsplit(task.source_url).path.rsplit("/", 1)[-1])
        extracted = extract(task.path.read_bytes(), name)
        if not extracted.ok:
            return task.sha, None, Outcome(extracted.status, extracted.reason)
        result = understand(
            task.sha,
            extracted,
            task.hints,
            tagger,
            task.source_url,
            online=task.online,
            boards=boards,
        )
    except Exception as exc:  # one bad document must never stop a run
        return task.sha, None, Outcome("error", f"{type(exc).__name__}: {exc}"[:300])
    return task.sha, result, Outcome("ok", None, result.document.pages, len(result.lessons))


Work = Callable[[Task, ThemeTagger, BoardTable | None], Result]
_READY = "ready"
# How long a new worker may take to start before its first document's clock starts anyway.
STARTUP_SECONDS = 60.0


def _worker_main(
    conn: Connection,
    taxonomy_path: Path | None,
    tagger: ThemeTagger | None,
    work: Work,
    boards: BoardTable | None,
) -> None:
    tagger = tagger or ThemeTagger(load_taxonomy(taxonomy_path))
    conn.send(_READY)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(work(task, tagger, boards))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0


class UnderstandPool:
    """A few worker processes; `run` yields one result per task, in completion order."""

    def __init__(
        self,
        taxonomy_path: Path | None = None,
        workers: int | None = None,
        tagger: ThemeTagger | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        work: Work = process_task,
        boards: BoardTable | None = None,
    ) -> None:
        self.boards = boards
        self.taxonomy_path = taxonomy_path
        self.work = work
        self.size = max(1, workers or os.cpu_count() or 1)
        self.timeout = timeout
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # A forked worker inherits the tagger built here once; a spawned one builds its own.
        forked = self._context.get_start_method() == "fork"
        self.tagger = (tagger or ThemeTagger(load_taxonomy(taxonomy_path))) if forked else None
        self._workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, self.taxonomy_path, self.tagger, self.work, self.boards),
            daemon=True,
        )
        process.start()
        child.close()
        # A document's time limit starts when a ready worker gets it: starting a worker (a
        # replacement on a busy machine, or building a tagger) is not the document's time.
        with contextlib.suppress(EOFError, OSError):
            if parent.poll(STARTUP_SECONDS):
                parent.recv()
        return _Worker(process, parent)

    def _retire(self, worker: _Worker) -> None:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        self._workers.remove(worker)

    def close(self) -> None:
        for worker in list(self._workers):
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.process.join(timeout=2)
            self._retire(worker)

    def __enter__(self) -> UnderstandPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, tasks: Iterable[Task]) -> Iterator[Result]:
        queue = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len([w for w in self._workers if w.task]) < self.size:
                task = next(queue, None)
                if task is None:
                    exhausted = True
                    break
                idle = next((w for w in self._workers if w.task is None), None) or self._add()
                idle.task, idle.deadline = task, time.monotonic() + self.timeout
                try:
                    idle.conn.send(task)
                except OSError:  # the worker died before it took the document
                    yield self._fail(idle, "crashed", "the parser process died before starting")
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy], timeout=wait_for))
            for worker in busy:
                if worker.conn in ready:
                    yield self._receive(worker)
                elif time.monotonic() >= worker.deadline:
                    yield self._fail(worker, "timeout", f"gave up after {self.timeout:g} s")

    def _add(self) -> _Worker:
        worker = self._spawn()
        self._workers.append(worker)
        return worker

    def _receive(self, worker: _Worker) -> Result:
        task = worker.task
        assert task is not None
        try:
            result: Result = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)  # the pipe closes a moment before the exit status
            code = worker.process.exitcode
            return self._fail(worker, "crashed", f"the parser process died (exit code {code})")
        worker.task = None
        return result

    def _fail(self, worker: _Worker, status: str, reason: str) -> Result:
        task = worker.task
        assert task is not None
        self._retire(worker)
        return task.sha, None, Outcome(status, reason)
