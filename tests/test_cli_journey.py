"""The command line as a user meets it: a corrected search says so, themes are listed by
id, status names what it counts and an index an older version wrote, a closed pipe ends
quietly, a busy port is an error before anything is served, and an unknown flag is named
with its command's usage."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Harvested

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config(harvested: Harvested, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "config.toml"
    path.write_text(f'[paths]\ndata_dir = "{harvested.data_dir.as_posix()}"\n', encoding="utf-8")
    return path


def _command(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scr", "--config", str(config), *args]


def _scr(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        _command(config, *args), capture_output=True, text=True, timeout=300, env=env, cwd=ROOT
    )


def test_a_corrected_search_says_what_it_searched(config: Path) -> None:
    found = _scr(config, "search", "disgused compliance")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.splitlines()
    assert lines[0].startswith("Showing results for 'disguised compliance'")
    assert " results from " in lines[1] and " documents in " in lines[1], lines[1]


def test_themes_are_listed_by_id_with_their_labels(config: Path) -> None:
    listed = _scr(config, "themes")
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split(None, 1)[1] for line in listed.stdout.splitlines()}
    assert rows["neglect"] == "Neglect"
    assert "non-mobile-bruising" in rows and len(rows) > 20


def test_status_says_records_not_lessons(config: Path) -> None:
    status = _scr(config, "status")
    assert status.returncode == 0, status.stderr
    assert any(line.startswith("records:") for line in status.stdout.splitlines())
    assert not any(line.startswith("lessons:") for line in status.stdout.splitlines())


def test_status_says_when_the_index_was_written_without_posting_arrays(
    config: Path, harvested: Harvested, tmp_path: Path
) -> None:
    assert not any(line.startswith("index:") for line in _scr(config, "status").stdout.splitlines())
    older = tmp_path / "data"
    shutil.copytree(harvested.data_dir, older)
    for arrays in older.rglob("*.arr"):  # as an older version wrote the index
        arrays.unlink()
    other = tmp_path / "config.toml"
    other.write_text(f'[paths]\ndata_dir = "{older.as_posix()}"\n', encoding="utf-8")
    status = _scr(other, "status")
    assert status.returncode == 0, status.stderr
    [line] = [line for line in status.stdout.splitlines() if line.startswith("index:")]
    assert "without posting arrays" in line and "scr reindex" in line
    # ... and it still searches, reading the blocks
    found = _scr(other, "search", "bruising")
    assert found.returncode == 0 and "bruis" in found.stdout.lower(), found.stderr


def test_a_closed_pipe_ends_quietly(config: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        _command(config, "search", "bruising", "--limit", "100"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        bufsize=0,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(20)  # what `head -c 20` reads, then it goes away
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, errors
    assert errors == ""


def test_a_busy_port_is_an_error_before_anything_is_served(config: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = _scr(config, "serve", "--port", str(port))
    assert served.returncode == 1
    assert "Serving" not in served.stdout
    assert f"cannot serve on 127.0.0.1:{port}" in served.stderr
    assert len(served.stderr.strip().splitlines()) == 1


def test_an_unknown_flag_is_named_with_its_commands_usage(config: Path) -> None:
    wrong = _scr(config, "search", "bruising", "--bogus")
    assert wrong.returncode == 2
    assert "usage: scr search" in wrong.stderr
    assert "unrecognized arguments: --bogus" in wrong.stderr


def test_an_unknown_theme_is_refused_in_one_line(config: Path) -> None:
    wrong = _scr(config, "search", "bruising", "--theme", "no-such-theme")
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == "scr: unknown theme 'no-such-theme' (`scr themes` lists them)"
