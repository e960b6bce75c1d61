"""Extraction and understanding in worker processes, with a time and a memory limit per
document.

A PDF that hangs or crashes its parser costs that document only: the worker is killed and
replaced, the document is recorded as `timeout`, `crashed` or `too_large`, and the run goes
on. Both cores are used. A worker dies with the process that started it and holds none of
its open files (see `harvester.workerproc`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from urllib.parse import unquote, urlsplit

from harvester.extract import TOO_LARGE, extract
from harvester.metadata import Hints
from harvester.tagging import ThemeTagger
from harvester.understand import Understood, understand
from harvester.workerproc import address_space, bind_to_parent, drop_inherited, limit_memory
from index.boards import BoardTable
from index.taxonomy import load_taxonomy

DEFAULT_TIMEOUT_SECONDS = 120.0
MB = 1024 * 1024


@dataclass(frozen=True)
class Task:
    sha: str
    path: Path  # the stored blob
    hints: Hints
    source_url: str
    online: bool
    # What the parser may use (set by the pool): a DOCX or PPTX that would unpack to more
    # is refused before it is parsed.
    memory_mb: float | None = None


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
        memory = int(task.memory_mb * MB) if task.memory_mb else None
        extracted = extract(task.path.read_bytes(), name, memory=memory)
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
    except MemoryError:
        return task.sha, None, Outcome(TOO_LARGE, _out_of_memory(task.memory_mb))
    except Exception as exc:  # one bad document must never stop a run
        return task.sha, None, Outcome("error", f"{type(exc).__name__}: {exc}"[:300])
    return task.sha, result, Outcome("ok", None, result.document.pages, len(result.lessons))


def _out_of_memory(memory_mb: float | None) -> str:
    if not memory_mb:
        return "reading it needs more memory than there is"
    return f"reading it needs more than the {memory_mb:g} MB a parser may use (worker_memory_mb)"


Work = Callable[[Task, ThemeTagger, BoardTable | None], Result]
_READY = "ready"
# How long a new worker may take to start before its first document's clock starts anyway.
STARTUP_SECONDS = 60.0
# How often a busy worker's size is read, so that one that dies of its memory limit is
# told apart from one that crashed.
SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class _Start:
    """How a worker is started: by whom, whether by fork, and its memory allowance."""

    parent_pid: int
    forked: bool
    memory_mb: float | None


def _worker_main(
    conn: Connection,
    start: _Start,
    taxonomy_path: Path | None,
    tagger: ThemeTagger | None,
    work: Work,
    boards: BoardTable | None,
) -> None:
    bind_to_parent(start.parent_pid)
    if start.forked:
        drop_inherited({conn.fileno()})
    base = address_space() or 0
    limit = limit_memory(int(start.memory_mb * MB)) if start.memory_mb else None
    tagger = tagger or ThemeTagger(load_taxonomy(taxonomy_path))
    conn.send((_READY, base, limit))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            result = work(task, tagger, boards)
        except MemoryError:
            result = task.sha, None, Outcome(TOO_LARGE, _out_of_memory(start.memory_mb))
        conn.send(result)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    base: int = 0  # its size when it started, in bytes
    limit: int | None = None  # its address-space limit, in bytes
    peak: int = 0  # the largest size seen while on the current task

    def sample(self) -> None:
        size = address_space(self.process.pid) if self.process.pid else None
        self.peak = max(self.peak, size or 0)

    def ran_out_of_memory(self) -> bool:
        """Whether it had grown by half its allowance or more when it was last seen."""
        if self.limit is None:
            return False
        return self.peak - self.base >= (self.limit - self.base) / 2


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
        memory_mb: float | None = None,
    ) -> None:
        self.boards = boards
        self.memory_mb = memory_mb
        self.taxonomy_path = taxonomy_path
        self.work = work
        self.size = max(1, workers or os.cpu_count() or 1)
        self.timeout = timeout
        methods = multiprocessing.get_all_start_methods()
        self._context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # A forked worker inherits the tagger built here once; a spawned one builds its own.
        forked = self._context.get_start_method() == "fork"
        self.tagger = (tagger or ThemeTagger(load_taxonomy(taxonomy_path))) if forked else None
        self._start = _Start(os.getpid(), forked, memory_mb)
        self._workers: list[_Worker] = []

    def start(self) -> UnderstandPool:
        """Start every worker now rather than as documents arrive."""
        while len(self._workers) < self.size:
            self._add()
        return self

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, self._start, self.taxonomy_path, self.tagger, self.work, self.boards),
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        # A document's time limit starts when a ready worker gets it: starting a worker (a
        # replacement on a busy machine, or building a tagger) is not the document's time.
        with contextlib.suppress(EOFError, OSError):
            if parent.poll(STARTUP_SECONDS):
                _ready, worker.base, worker.limit = parent.recv()
        return worker

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
                idle.peak = 0
                try:
                    idle.conn.send(dataclasses.replace(task, memory_mb=self.memory_mb))
                except OSError:  # the worker died before it took the document
                    yield self._fail(idle, "crashed", "the parser process died before starting")
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            if self.memory_mb:
                wait_for = min(wait_for, SAMPLE_SECONDS)
            ready = set(wait([w.conn for w in busy], timeout=wait_for))
            for worker in busy:
                if worker.conn in ready:
                    yield self._receive(worker)
                elif time.monotonic() >= worker.deadline:
                    yield self._fail(worker, "timeout", f"gave up after {self.timeout:g} s")
                elif self.memory_mb:
                    worker.sample()

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
            return self._died(worker)
        worker.task = None
        if result[2].status == TOO_LARGE:
            self._retire(worker)  # what it allocated may stay with it: start afresh
        return result

    def _died(self, worker: _Worker) -> Result:
        code = worker.process.exitcode
        if worker.ran_out_of_memory():
            reason = f"{_out_of_memory(self.memory_mb)}: the parser process died (exit code {code})"
            return self._fail(worker, TOO_LARGE, reason)
        if code == -signal.SIGKILL:  # not this pool's doing: the system's out-of-memory killer
            reason = f"the system stopped the parser process (exit code {code}), short of memory"
            return self._fail(worker, TOO_LARGE, reason)
        return self._fail(worker, "crashed", f"the parser process died (exit code {code})")

    def _fail(self, worker: _Worker, status: str, reason: str) -> Result:
        task = worker.task
        assert task is not None
        self._retire(worker)
        return task.sha, None, Outcome(status, reason)
