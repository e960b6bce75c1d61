"""config.toml: defaults, path resolution and one-line errors that name the key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from harvester.settings import DEFAULT_USER_AGENT
from scr.config import ConfigError, load_config

SOURCE = """
[[sources]]
name = "fenmarsh"
board = "Fenmarsh Safeguarding Children Board"
url = "https://www.fenmarsh-lscb.example/serious-case-reviews/"
"""


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message, message
    return message


def test_defaults_when_there_is_no_config_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCR_CONFIG", raising=False)
    config = load_config()
    assert config.path is None
    assert config.data_dir == tmp_path / "var"
    assert config.sources == ()
    assert config.taxonomy is None
    assert config.harvest.user_agent == DEFAULT_USER_AGENT
    assert config.harvest.delay_seconds == 1.0
    assert config.harvest.timeout_seconds == 30
    assert config.harvest.max_document_mb == 50
    assert config.harvest.max_document_bytes == 50 * 1024 * 1024
    assert config.harvest.respect_robots is True
    assert config.harvest.download_deadline_seconds == 300
    assert config.harvest.min_bytes_per_second == 1024
    assert config.harvest.max_retry_after_seconds == 60
    assert config.harvest.max_host_failures == 3
    assert (config.server.host, config.server.port) == ("127.0.0.1", 5000)


def test_empty_file_is_a_valid_config(tmp_path):
    config = load_config(write(tmp_path, ""))
    assert config.sources == ()
    assert config.data_dir == tmp_path / "var"


def test_relative_paths_resolve_against_the_config_files_folder(tmp_path, monkeypatch):
    folder = tmp_path / "deploy" / "boards"
    folder.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = write(
        folder,
        """
        [paths]
        data_dir = "data/lessons"
        taxonomy = "themes/local.toml"
        boards = "themes/boards.toml"

        [harvest]
        delay_seconds = 2
        max_document_mb = 12.5
        respect_robots = false
        """
        + SOURCE,
    )
    # Named relative to the working directory, as a user would type it.
    config = load_config(Path("..") / "deploy" / "boards" / "config.toml")
    assert config.data_dir == path.resolve().parent / "data" / "lessons"
    assert config.taxonomy == path.resolve().parent / "themes" / "local.toml"
    assert config.boards == path.resolve().parent / "themes" / "boards.toml"
    assert config.harvest.delay_seconds == 2.0
    assert isinstance(config.harvest.delay_seconds, float)
    assert config.harvest.max_document_bytes == int(12.5 * 1024 * 1024)
    assert config.harvest.respect_robots is False
    [source] = config.sources
    assert source.name == "fenmarsh"
    assert source.board == "Fenmarsh Safeguarding Children Board"
    assert config.source("fenmarsh") is source
    assert config.source("elsewhere") is None


def test_absolute_data_dir_is_kept(tmp_path):
    target = tmp_path / "absolute-data"
    config = load_config(write(tmp_path, f'[paths]\ndata_dir = "{target.as_posix()}"\n'))
    assert config.data_dir == target


def test_scr_config_environment_variable_names_the_file(tmp_path, monkeypatch):
    path = write(tmp_path, '[paths]\ndata_dir = "from-env"\n', name="boards.toml")
    monkeypatch.setenv("SCR_CONFIG", str(path))
    monkeypatch.chdir(tmp_path.parent)
    assert load_config().data_dir == tmp_path / "from-env"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[harvesting]\ndelay_seconds = 1\n", ["harvesting"]),
        ("[harvest]\ndelay_second = 1\n", ["harvest.delay_second"]),
        ("[paths]\ndatadir = 'var'\n", ["paths.datadir"]),
        ("[harvest]\ndelay_seconds = 'slow'\n", ["harvest.delay_seconds", "float"]),
        ("[harvest]\nrespect_robots = 'yes'\n", ["harvest.respect_robots", "bool"]),
        ("[harvest]\ntimeout_seconds = true\n", ["harvest.timeout_seconds"]),
        ("[harvest]\nretries = 1.5\n", ["harvest.retries", "int"]),
        ("[harvest]\ndelay_seconds = -1\n", ["harvest.delay_seconds", "negative"]),
        ("[server]\nport = '5000'\n", ["server.port", "int"]),
        ("[server]\nport = 99999999\n", ["server.port", "1 to 65535", "99999999"]),
        ("[server]\nport = 0\n", ["server.port", "1 to 65535"]),
        ("[server]\nport = -80\n", ["server.port", "1 to 65535"]),
        ("[harvest]\ndownload_deadline_seconds = '5m'\n", ["download_deadline_seconds", "float"]),
        (
            "[harvest]\ndownload_deadline_seconds = 0\n",
            ["download_deadline_seconds", "more than 0"],
        ),
        ("[harvest]\nmin_bytes_per_second = -1\n", ["min_bytes_per_second", "negative"]),
        ("[harvest]\nmax_retry_after_seconds = true\n", ["max_retry_after_seconds", "float"]),
        ("[harvest]\nmax_host_failures = 2.5\n", ["max_host_failures", "int"]),
        ("[harvest]\nmax_host_failures = 0\n", ["max_host_failures", "more than 0"]),
        (SOURCE + "colour = 'blue'\n", ["sources[0].colour"]),
        (SOURCE + "include = 'pdf'\n", ["sources[0].include", "list"]),
        ("[[sources]]\nname = 'fenmarsh'\n", ["sources[0].url", "required"]),
        ("[[sources]]\nurl = 'https://example.org/scr/'\n", ["sources[0].name", "required"]),
        ("[[sources]]\nname = 'x'\nurl = 'ftp://example.org/'\n", ["sources[0].url"]),
        (SOURCE + SOURCE, ["sources[1].name", "fenmarsh", "twice"]),
    ],
)
def test_bad_config_is_one_line_naming_the_key(tmp_path, text, names):
    message = load_error(tmp_path, text)
    assert message.startswith(str(tmp_path / "config.toml")), message
    for name in names:
        assert name in message, message


def test_ports_at_the_ends_of_the_range_are_accepted(tmp_path):
    assert load_config(write(tmp_path, "[server]\nport = 1\n")).server.port == 1
    assert load_config(write(tmp_path, "[server]\nport = 65535\n")).server.port == 65535


@pytest.mark.parametrize("port", ["99999999", "0"])
def test_cli_refuses_a_port_out_of_range_in_the_config_or_on_the_command_line(
    tmp_path, capsys, port
):
    from scr.cli import main

    bad = write(tmp_path, f"[server]\nport = {port}\n")
    assert main(["--config", str(bad), "serve"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "server.port must be from 1 to 65535" in err[0], err
    good = write(tmp_path, "", name="good.toml")
    with pytest.raises(SystemExit) as caught:
        main(["--config", str(good), "serve", "--port", port])
    assert caught.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_sources_must_be_an_array_of_tables(tmp_path):
    message = load_error(tmp_path, 'sources = "fenmarsh"\n')
    assert "sources" in message


def test_invalid_toml_is_a_config_error(tmp_path):
    message = load_error(tmp_path, "[harvest\ndelay_seconds = 1\n")
    assert "not valid TOML" in message


def test_explicit_missing_config_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("SCR_CONFIG", raising=False)
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ConfigError, match="not found"):
        load_config(missing)
    monkeypatch.setenv("SCR_CONFIG", str(missing))
    with pytest.raises(ConfigError, match="nowhere.toml"):
        load_config()


def test_cli_reports_a_bad_config_in_one_line_with_exit_status_2(tmp_path, capsys):
    from scr.cli import main

    bad = write(tmp_path, "[harvest]\ndelay_seconds = 'slow'\n")
    assert main(["--config", str(bad), "status"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "harvest.delay_seconds" in lines[0]
    assert "Traceback" not in captured.err


def test_cli_reports_a_missing_config_file_with_exit_status_2(tmp_path, capsys):
    from scr.cli import main

    assert main(["--config", str(tmp_path / "missing.toml"), "status"]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1
    assert "missing.toml" in captured.err
    assert "Traceback" not in captured.err


def test_cli_status_with_a_good_config_and_no_data(tmp_path, capsys):
    from scr.cli import main

    good = write(tmp_path, '[paths]\ndata_dir = "lessons-data"\n')
    assert main(["--config", str(good), "status"]) == 0
    captured = capsys.readouterr()
    assert "no data yet" in captured.out
    assert str(tmp_path / "lessons-data") in captured.out
    assert captured.err == ""


def test_the_shipped_config_is_valid_and_names_real_sources():
    from tests.conftest import ROOT

    config = load_config(ROOT / "config.toml")
    assert config.data_dir == ROOT / "var"
    assert config.sources and all(s.url.startswith("http") for s in config.sources)
    assert config.harvest.user_agent and "http" in config.harvest.user_agent


def test_cli_reports_a_broken_board_table_in_one_line_with_exit_status_2(tmp_path, capsys):
    from scr.cli import main

    (tmp_path / "boards.toml").write_text("[areas.a]\nname = 'A'\nsucceeded_by = 'b'\n")
    good = write(tmp_path, '[paths]\ndata_dir = "data"\nboards = "boards.toml"\n')
    folder = tmp_path / "reviews"
    folder.mkdir()
    (folder / "child-j.txt").write_text("Child J learning summary\n", encoding="utf-8")
    assert main(["--config", str(good), "ingest", str(folder)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "boards.toml" in lines[0] and "unknown area 'b'" in lines[0]
    assert "Traceback" not in captured.err
    assert not (tmp_path / "data").exists()  # refused before any work started
