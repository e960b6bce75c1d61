"""Extraction in worker processes: a hanging or crashing document costs that document only."""

from __future__ import annotations

import os
import time
from pathlib import Path

from harvester.metadata import Hints
from harvester.tagging import ThemeTagger
from harvester.workers import Outcome, Result, Task, UnderstandPool, process_task
from index.boards import BoardTable
from tests.documents import make_pdf

LEAFLET = [
    [
        "Child J Professionals Leaflet",
        "Highlighting lessons from Child J (July 2015)",
        "What we learned",
        "Bruising in a non-mobile baby is never normal and must lead to a referral.",
    ]
]


def _task(tmp_path: Path, name: str, data: bytes) -> Task:
    path = tmp_path / name
    path.write_bytes(data)
    hints = Hints("Child J Professionals Leaflet", None, "Highlighting lessons (July 2015)")
    return Task(name, path, hints, f"http://127.0.0.1/{name}.pdf", True)


def misbehaving(task: Task, tagger: ThemeTagger, boards: BoardTable | None) -> Result:
    """Stands in for a parser that hangs on one file and crashes the process on another."""
    if task.sha == "hangs":
        time.sleep(60)
    if task.sha == "crashes":
        os._exit(11)
    return process_task(task, tagger, boards)


def test_documents_are_understood_in_workers(tmp_path: Path) -> None:
    tasks = [_task(tmp_path, f"leaflet-{i}", make_pdf(LEAFLET)) for i in range(4)]
    with UnderstandPool(workers=2, timeout=30) as pool:
        results = {sha: (understood, outcome) for sha, understood, outcome in pool.run(tasks)}
    assert set(results) == {t.sha for t in tasks}
    for understood, outcome in results.values():
        assert outcome.status == "ok" and outcome.pages == 1
        assert understood is not None and understood.document.case == "Child J"
        assert any("non-mobile-bruising" in lesson.themes for lesson in understood.lessons)


def test_a_hanging_and_a_crashing_document_cost_only_themselves(tmp_path: Path) -> None:
    good = make_pdf(LEAFLET)
    tasks = [
        _task(tmp_path, "hangs", good),
        _task(tmp_path, "first", good),
        _task(tmp_path, "crashes", good),
        _task(tmp_path, "second", good),
        _task(tmp_path, "broken", good[:200]),
    ]
    started = time.monotonic()
    with UnderstandPool(workers=2, timeout=1.5, work=misbehaving) as pool:
        outcomes: dict[str, Outcome] = {sha: o for sha, _u, o in pool.run(tasks)}
    assert time.monotonic() - started < 20
    assert outcomes["hangs"].status == "timeout"
    assert outcomes["crashes"].status == "crashed" and "11" in (outcomes["crashes"].reason or "")
    assert outcomes["broken"].status == "corrupt"
    assert outcomes["first"].status == outcomes["second"].status == "ok"
