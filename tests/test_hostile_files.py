"""Hostile files and crashes: a run killed during parsing leaves no parser process behind
and no lock the next run trips over; a zip-bomb DOCX is refused before it is parsed, with
every process's memory bounded; a parser that runs out of its memory limit costs that
document only; `scr ingest` reads regular files inside the given folder, of at most the
size cap, and never blocks on a pipe or a device."""

from __future__ import annotations

import contextlib
import io
import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from harvester.catalog import Catalog
from harvester.ingest import IngestSettings, ingest_paths
from harvester.metadata import Hints
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from harvester.workers import Outcome, Result, Task, UnderstandPool, process_task
from index.boards import BoardTable
from index.location import DataDir
from index.writer import write_lock
from tests.conftest import ROOT
from tests.documents import make_docx, make_pdf
from tests.fixture_site import ArchiveSite
from tests.test_broken_files import LEAFLET, slow_pdf
from tests.test_harvest_kill import write_config

# A PDF whose twelve pages take PDFium about half a second each to read (a page at a time,
# in modest memory): parsing is surely in progress when its worker has used a little CPU.
SLOW = 12_000_000, 12

# How long the parser processes of a killed run may outlive it.
ORPHAN_SECONDS = 15
# The zip bomb: this much XML in a DOCX of a few hundred KB.
BOMB_XML_MB = 100
# Peak resident memory of the ingest of a folder holding the bomb, over all its processes
# (without the check, parsing the bomb alone takes a parser past 1 GB).
PEAK_RSS_MB = 300


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}


def scr(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scr", "--config", str(config), *args]


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat_fields(int(entry.name))
        if fields is not None and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def cpu_seconds(pid: int) -> float:
    fields = _stat_fields(pid)
    if fields is None:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def kill_while_parsing(process: subprocess.Popen[bytes]) -> list[int]:
    """SIGKILL `process` once one of its children has been parsing for a moment; returns
    the children it had."""
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            pytest.fail(f"the run ended (status {process.returncode}) before parsing")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("no parser process ever got to work")
        workers = children(process.pid)
        if any(cpu_seconds(pid) >= 0.5 for pid in workers):
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    return workers


def processed(data_dir: Path) -> dict[str, tuple[str, str]]:
    """File name -> (status, reason) of every processed document."""
    db = sqlite3.connect(data_dir / "catalog.sqlite3")
    try:
        rows = db.execute(
            "SELECT u.url, p.status, COALESCE(p.reason, '') FROM urls u "
            "JOIN processed p ON p.sha256 = u.sha256"
        ).fetchall()
    finally:
        db.close()
    return {url.rsplit("/", 1)[-1]: (status, reason) for url, status, reason in rows}


@pytest.mark.parametrize("command", ["ingest", "harvest"])
def test_a_run_killed_while_parsing_leaves_no_parser_behind_and_the_next_run_succeeds(
    tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET))
    (folder / "Child_S_Overview_Report.pdf").write_bytes(slow_pdf(*SLOW))
    with contextlib.ExitStack() as stack:
        if command == "harvest":
            site = stack.enter_context(ArchiveSite(sorted(folder.iterdir())))
            argv = scr(write_config(tmp_path, site), "harvest")
        else:
            config = tmp_path / "config.toml"
            config.write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")
            argv = scr(config, "ingest", str(folder))
        first = subprocess.Popen(
            argv,
            cwd=tmp_path,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers = kill_while_parsing(first)
        assert workers, "the run had no parser process"
        deadline = time.monotonic() + ORPHAN_SECONDS
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if alive(pid)] == [], "parser processes outlived the run"

        second = subprocess.run(
            argv, cwd=tmp_path, env=environment(), capture_output=True, text=True, timeout=300
        )
    assert second.returncode == 0, second.stderr
    assert "internal error" not in second.stderr
    lock = re.search(
        r"cleared a stale index write lock left by process (\d+): (\S+)", second.stderr
    )
    assert lock is not None, second.stderr
    assert int(lock.group(1)) == first.pid and lock.group(2).endswith("write.lock")
    assert {status for status, _reason in processed(tmp_path / "data").values()} == {"ok"}


def zip_bomb_docx(xml_mb: int) -> bytes:
    """A real DOCX whose document.xml holds `xml_mb` MB of paragraphs: a few hundred KB on
    disk."""
    plain = zipfile.ZipFile(io.BytesIO(make_docx([("Normal", "Child B learning summary")])))
    document = plain.read("word/document.xml")
    head, tail = document.split(b"<w:body>", 1)
    paragraph = b"<w:p><w:r><w:t>Neglect was not recognised.</w:t></w:r></w:p>"
    block = paragraph * (1024 * 1024 // len(paragraph))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in plain.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, plain.read(info))
        with bomb.open("word/document.xml", "w", force_zip64=True) as xml:
            xml.write(head + b"<w:body>")
            for _ in range(xml_mb):
                xml.write(block)
            xml.write(tail)
    return out.getvalue()


def run_measured(argv: list[str], cwd: Path) -> tuple[int, int]:
    """Run a command; (exit status, peak resident memory in MB of it and every process it
    started and waited for)."""
    process = subprocess.Popen(
        argv, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss // 1024


def test_a_zip_bomb_docx_is_refused_with_its_sizes_and_memory_stays_bounded(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    bomb = zip_bomb_docx(BOMB_XML_MB)
    assert len(bomb) < 1024 * 1024
    (folder / "Child_B_Learning_Summary.docx").write_bytes(bomb)
    (folder / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET))
    (folder / "Child_T_Learning_Summary.docx").write_bytes(
        make_docx([("Heading 1", "Key learning"), ("Normal", "Ask who else cares for the baby.")])
    )
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")

    status, peak_mb = run_measured(scr(config, "ingest", str(folder)), tmp_path)

    assert status == 0
    assert peak_mb < PEAK_RSS_MB
    outcome = processed(tmp_path / "data")
    assert outcome["Child_J_Professionals_Leaflet.pdf"][0] == "ok"
    assert outcome["Child_T_Learning_Summary.docx"][0] == "ok"
    refused, reason = outcome["Child_B_Learning_Summary.docx"]
    assert refused == "too_large"
    assert f"(largest: word/document.xml, {BOMB_XML_MB} MB)" in reason
    assert "MB of XML" in reason and "worker_memory_mb" in reason

    shown = subprocess.run(
        scr(config, "status"), cwd=tmp_path, env=environment(), capture_output=True, text=True
    )
    assert shown.returncode == 0
    [line] = [line for line in shown.stdout.splitlines() if "too_large" in line]
    assert reason in line and "Child_B_Learning_Summary.docx" in line


# -- a parser over its memory limit ---------------------------------------------------------

MEMORY_MB = 256
STEP = 16 * 1024 * 1024


def greedy(task: Task, tagger: ThemeTagger, boards: BoardTable | None) -> Result:
    """Stands in for parsers that ask for more memory than a worker may have: one at once
    (Python's MemoryError), one step by step until an allocation fails and the library
    aborts the process, as C libraries do."""
    if task.sha == "at-once":
        bytearray(8 * 1024 * 1024 * 1024)
    if task.sha == "step-by-step":
        held = []
        try:
            while True:
                held.append(bytearray(STEP))
                time.sleep(0.05)
        except MemoryError:
            os.abort()
    return process_task(task, tagger, boards)


def test_a_parser_over_its_memory_limit_costs_only_its_document(tmp_path: Path) -> None:
    leaflet = tmp_path / "leaflet.pdf"
    leaflet.write_bytes(make_pdf(LEAFLET))
    hints = Hints("Child J Professionals Leaflet", None, "Highlighting lessons (July 2015)")
    names = ["at-once", "first", "step-by-step", "second", "third"]
    tasks = [Task(name, leaflet, hints, f"http://127.0.0.1/{name}.pdf", True) for name in names]
    with UnderstandPool(workers=2, timeout=60, work=greedy, memory_mb=MEMORY_MB) as pool:
        outcomes: dict[str, Outcome] = {sha: o for sha, _u, o in pool.run(tasks)}
    assert outcomes["at-once"].status == "too_large"
    assert f"{MEMORY_MB} MB" in (outcomes["at-once"].reason or "")
    assert outcomes["step-by-step"].status == "too_large"
    assert "died" in (outcomes["step-by-step"].reason or "")
    assert {outcomes[name].status for name in ("first", "second", "third")} == {"ok"}


# -- scr ingest: what it reads ---------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path):
    paths = DataDir(tmp_path / "data")
    with Catalog(paths.catalog) as catalog:
        yield catalog, BlobStore(paths.store)


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path, data) -> None:
    catalog, store = data
    outside = tmp_path / "system"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not a review: a system file.\n", encoding="utf-8")
    (outside / "elsewhere.pdf").write_bytes(make_pdf(LEAFLET))
    folder = tmp_path / "reviews"
    (folder / "briefs").mkdir(parents=True)
    (folder / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET))
    (folder / "secret.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    (folder / "briefs" / "leaflet-again.pdf").symlink_to(
        folder / "Child_J_Professionals_Leaflet.pdf"
    )

    report = ingest_paths([folder], catalog, store)

    stored = {row.url for row in catalog.iter_all_urls()}
    assert stored == {(folder / "Child_J_Professionals_Leaflet.pdf").as_uri()}
    assert report.added == 1 and report.unchanged == 1 and not report.failed
    skipped = dict(report.skipped)
    assert set(skipped) == {str(folder / "secret.txt"), str(folder / "linked-folder")}
    assert all("outside" in reason and "--follow-links" in reason for reason in skipped.values())

    followed = ingest_paths([folder], catalog, store, IngestSettings(follow_links=True))
    assert followed.added == 2 and not followed.skipped
    assert (outside / "secret.txt").as_uri() in {row.url for row in catalog.iter_all_urls()}


def bounded_memory() -> None:
    limit = 4 * 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_ingest_skips_pipes_and_devices_and_refuses_files_over_the_size_cap(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET))
    os.mkfifo(folder / "Child_P_Overview_Report.pdf")
    (folder / "huge_appendix.txt").write_bytes(b"Chronology entry.\n" * 120_000)  # ~2 MB
    config = tmp_path / "config.toml"
    config.write_text(
        '[paths]\ndata_dir = "data"\n\n[harvest]\nmax_document_mb = 1\n', encoding="utf-8"
    )

    run = subprocess.run(
        scr(config, "ingest", str(folder), "/dev/zero"),
        cwd=tmp_path,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=bounded_memory,  # reading /dev/zero whole must not take the machine down
    )

    assert run.returncode == 0, run.stderr
    assert "ingest: added 1, unchanged 0, failed 1, skipped 2" in run.stdout
    lines = run.stderr.splitlines()
    assert (
        f"scr: {folder / 'Child_P_Overview_Report.pdf'}: skipped: a named pipe, not a regular file"
        in lines
    )
    assert "scr: /dev/zero: skipped: a device, not a regular file" in lines
    [huge] = [line for line in lines if "huge_appendix.txt" in line]
    assert "larger than the 1 MB limit (max_document_mb)" in huge
    status = subprocess.run(
        scr(config, "status"), cwd=tmp_path, env=environment(), capture_output=True, text=True
    )
    [failure] = [line for line in status.stdout.splitlines() if "huge_appendix.txt" in line]
    assert "too_large" in failure and "max_document_mb" in failure


def test_worker_memory_is_a_harvest_setting_with_a_floor(tmp_path: Path) -> None:
    from scr.config import ConfigError, parse_config

    assert parse_config({}, None, tmp_path).harvest.worker_memory_mb == 1536
    chosen = parse_config({"harvest": {"worker_memory_mb": 2048}}, None, tmp_path)
    assert chosen.harvest.worker_memory_mb == 2048
    with pytest.raises(ConfigError, match="worker_memory_mb must be at least 256"):
        parse_config({"harvest": {"worker_memory_mb": 100}}, None, tmp_path)


def test_a_second_writer_is_told_who_holds_the_index_lock(tmp_path: Path) -> None:
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET))
    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")
    with write_lock(tmp_path / "data"):
        run = subprocess.run(
            scr(config, "ingest", str(folder)),
            cwd=tmp_path,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 1
    [line] = run.stderr.splitlines()
    assert line.startswith(f"scr: the index is being written by process {os.getpid()} (")
    again = subprocess.run(
        scr(config, "ingest", str(folder)), cwd=tmp_path, env=environment(), capture_output=True
    )
    assert again.returncode == 0 and b"stale" not in again.stderr
    assert processed(tmp_path / "data")["Child_J_Professionals_Leaflet.pdf"][0] == "ok"
