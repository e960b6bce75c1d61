"""The source registry in use: `scr sources`, `scr sources check`, harvesting the registry
(hosts in parallel, each host polite), `--source` with a registry name, and what a source's
history says in `scr status`. Fictional boards served on loopback."""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from harvester.catalog import Catalog
from harvester.registry import RegistryError, load_registry
from scr.cli import main
from tests.documents import make_pdf
from tests.httpserver import LoopbackServer, RecordedRequest, Response

DATA = Path(__file__).parent / "data" / "registry"
AGENT = "case-review-lessons-index-tests/1.0 (+https://example.org/contact)"
HTML = {"Content-Type": "text/html; charset=utf-8"}
PDF_TYPE = {"Content-Type": "application/pdf"}
OPEN_ROBOTS = "User-agent: *\nDisallow:\n"


def pdf(title: str) -> bytes:
    return make_pdf([[title, f"Learning from the review of {title.split(':')[0]}"]])


def page(title: str, body: str) -> Response:
    html = f"""<!DOCTYPE html><html><head><title>{title}</title></head><body>
<header><a href="/">Home</a></header><main><h1>{title}</h1>{body}</main>
<footer><a href="/privacy-notice.pdf">Privacy notice</a></footer></body></html>"""
    return (200, HTML, html)


def write_registry(folder: Path, template: str, addresses: dict[str, str]) -> Path:
    text = (DATA / template).read_text(encoding="utf-8")
    for key, address in addresses.items():
        text = text.replace("{" + key + "}", address)
    path = folder / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def write_config(
    folder: Path,
    registry: Path | None,
    harvest_registry: bool = False,
    sources: list[tuple[str, str]] = (),  # type: ignore[assignment]
    delay: float = 0.0,
) -> Path:
    lines = ["[paths]", 'data_dir = "data"']
    if registry is not None:
        lines.append(f"registry = {json.dumps(str(registry))}")
    lines += [
        "",
        "[harvest]",
        f"user_agent = {json.dumps(AGENT)}",
        f"delay_seconds = {delay}",
        "timeout_seconds = 5",
        "retries = 0",
        f"registry = {'true' if harvest_registry else 'false'}",
    ]
    for name, url in sources:
        lines += ["", "[[sources]]", f"name = {json.dumps(name)}", f"url = {json.dumps(url)}"]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def closed_port() -> str:
    """An address where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- three boards, three hosts -----------------------------------------------------------------


class ConcurrencyLog:
    """How many requests each server is answering at once, at most."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now: dict[str, int] = {}
        self.most: dict[str, int] = {}

    def around(self, name: str, respond):  # type: ignore[no-untyped-def]
        def route(request: RecordedRequest) -> Response:
            with self._lock:
                self.now[name] = self.now.get(name, 0) + 1
                self.most[name] = max(self.most.get(name, 0), self.now[name])
            try:
                return respond(request)
            finally:
                with self._lock:
                    self.now[name] -= 1

        return route


BOARDS = {
    "ashcombe": (
        "/safeguarding/case-reviews/",
        {
            "/safeguarding/files/child-a-overview-report.pdf": "Child A: overview report",
            "/safeguarding/files/child-a-7-minute-briefing.pdf": "Child A: 7 minute briefing",
        },
    ),
    "brackenfold": (
        "/partnership/reviews",
        {"/partnership/docs/baby-b-learning-brief.pdf": "Baby B: learning brief"},
    ),
    "coldharbour": (
        "/cpr/child-practice-reviews/",
        {"/cpr/media/child-c-practice-review.pdf": "Child C: child practice review"},
    ),
}


@pytest.fixture
def three_boards() -> Iterator[tuple[dict[str, LoopbackServer], threading.Barrier, ConcurrencyLog]]:
    """Three boards on three hosts. Each listing page answers only once all three have
    been asked for: one board after another would never get there."""
    barrier = threading.Barrier(3, timeout=8)
    log = ConcurrencyLog()
    servers = {name: LoopbackServer() for name in BOARDS}
    for name, (listing, documents) in BOARDS.items():
        server = servers[name]
        links = "".join(f'<p><a href="{path}">{title}</a></p>' for path, title in documents.items())

        def respond(_request: RecordedRequest, links: str = links, name: str = name) -> Response:
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                return (503, HTML, "the other boards were not asked at the same time")
            return page(f"{name.title()} case reviews", links)

        server.routes["/robots.txt"] = OPEN_ROBOTS
        server.routes[listing] = log.around(name, respond)
        for path, title in documents.items():
            body = pdf(title)
            server.routes[path] = log.around(name, lambda _r, body=body: (200, PDF_TYPE, body))
        server.start()
    try:
        yield servers, barrier, log
    finally:
        for server in servers.values():
            server.stop()


def test_registry_true_harvests_every_registry_source_hosts_at_once(tmp_path, three_boards, capsys):
    servers, _barrier, log = three_boards
    registry = write_registry(tmp_path, "three_boards.toml", {k: s.url for k, s in servers.items()})
    config = write_config(tmp_path, registry, harvest_registry=True)
    assert main(["--config", str(config), "harvest"]) == 0
    out = capsys.readouterr().out
    for name, (_listing, documents) in BOARDS.items():
        assert f"{name}: new {len(documents)}, updated 0, unchanged 0, gone 0, failed 0" in out
        requested = set(servers[name].paths())
        assert set(documents) <= requested, name
        assert log.most[name] == 1  # one connection per host
    with Catalog(tmp_path / "data" / "catalog.sqlite3") as catalog:
        stored = {
            (row.source, row.board) for row in catalog.iter_all_urls() if row.sha256 is not None
        }
    assert stored == {
        ("ashcombe", "Ashcombe Safeguarding Children Partnership"),
        ("brackenfold", "Brackenfold Safeguarding Children Partnership"),
        ("coldharbour", "Coldharbour Vale Regional Safeguarding Board"),
    }


def test_harvest_without_registry_true_harvests_only_the_configs_sources(tmp_path, capsys):
    with LoopbackServer({"/robots.txt": OPEN_ROBOTS}) as server:
        registry = write_registry(tmp_path, "three_boards.toml", {k: server.url for k in BOARDS})
        config = write_config(tmp_path, registry)
        assert main(["--config", str(config), "harvest"]) == 2
        assert "registry = true" in capsys.readouterr().err
        assert server.paths() == []


def test_harvest_source_takes_a_registry_name_and_a_config_name_wins(tmp_path, capsys):
    with LoopbackServer() as board, LoopbackServer() as other:
        board.routes.update(
            {
                "/robots.txt": OPEN_ROBOTS,
                "/partnership/reviews": page(
                    "Reviews", '<p><a href="/partnership/baby-b-review.pdf">Baby B review</a></p>'
                ),
                "/partnership/baby-b-review.pdf": (200, PDF_TYPE, pdf("Baby B: review")),
            }
        )
        other.routes["/robots.txt"] = OPEN_ROBOTS
        addresses = {"ashcombe": other.url, "brackenfold": board.url, "coldharbour": other.url}
        registry = write_registry(tmp_path, "three_boards.toml", addresses)
        # The config's own "ashcombe" is the board's page too.
        own = [("ashcombe", board.url + "/partnership/reviews")]
        config = write_config(tmp_path, registry, sources=own)

        assert main(["--config", str(config), "harvest", "--source", "brackenfold"]) == 0
        assert "brackenfold: new 1," in capsys.readouterr().out
        assert main(["--config", str(config), "harvest", "--source", "ashcombe"]) == 0
        assert "ashcombe: new 0, updated 0, unchanged 1" in capsys.readouterr().out
        assert other.paths() == []  # the registry's ashcombe was never asked

        assert main(["--config", str(config), "harvest", "--source", "nowhere"]) == 2
        err = capsys.readouterr().err
        assert "unknown source 'nowhere'" in err and "3 more in the registry" in err


def test_scr_sources_lists_config_and_registry_with_their_history(tmp_path, capsys):
    with LoopbackServer() as board:
        board.routes.update(
            {
                "/robots.txt": OPEN_ROBOTS,
                "/partnership/reviews": page(
                    "Reviews",
                    '<p><a href="/partnership/baby-b-review.pdf">Baby B review</a></p>'
                    '<p><a href="/partnership/child-d-summary.pdf">Child D summary</a></p>',
                ),
                "/partnership/baby-b-review.pdf": (200, PDF_TYPE, pdf("Baby B: review")),
            }
        )
        addresses = {k: board.url for k in BOARDS}
        registry = write_registry(tmp_path, "three_boards.toml", addresses)
        config = write_config(tmp_path, registry, sources=[("own-folder", board.url + "/own/")])
        assert main(["--config", str(config), "harvest", "--source", "brackenfold"]) == 0
        capsys.readouterr()
        assert main(["--config", str(config), "sources"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert rows["NAME"].split() == [
        "NAME", "BOARD", "NATION", "LAST", "HARVEST", "DOCUMENTS", "FAILURES",
    ]  # fmt: skip
    today = datetime.now(UTC).date().isoformat()
    brackenfold = rows["brackenfold"]
    assert "Brackenfold Safeguarding Children Partnership" in brackenfold
    assert brackenfold.split()[-5:] == ["england", today, "ok", "1", "1"]
    assert rows["coldharbour"].split()[-4:] == ["wales", "never", "0", "0"]
    assert rows["own-folder"].split()[-4:] == ["-", "never", "0", "0"]
    assert list(rows)[1] == "own-folder"  # the config's own come first
    assert "4 sources: 1 in the config, 3 more in the registry" in out


# -- checking sources --------------------------------------------------------------------------

CHECK_ROBOTS = "User-agent: *\nDisallow: /dunmere/\n"


def check_site(server: LoopbackServer) -> None:
    server.routes.update(
        {
            "/robots.txt": CHECK_ROBOTS,
            "/ashcombe/case-reviews/": page(
                "Case reviews",
                '<h2>Child A</h2><p><a href="/ashcombe/files/child-a-overview.pdf">Child A '
                'overview report</a></p><p><a href="/ashcombe/files/child-a-brief.docx">Child A '
                "learning brief</a></p>"
                '<p><a href="/ashcombe/case-reviews/?page=2">Next</a></p>',
            ),
            "/ashcombe/case-reviews/?page=2": page(
                "Case reviews, page 2",
                '<p><a href="/ashcombe/files/baby-e-summary.pdf">Baby E executive summary</a></p>',
            ),
            "/dunmere/reviews/": page(
                "Reviews", '<p><a href="/dunmere/child-f.pdf">Child F review</a></p>'
            ),
            "/fallowfield/practice-reviews/": page(
                "Practice reviews",
                "<p>No reviews have been published yet.</p>"
                '<p><a href="/fallowfield/contact-us">Contact us</a> or '
                '<a href="/fallowfield/about-us">read about us</a>.</p>',
            ),
            # Reviews kept on another site and in another part of this one.
            "/glenmoor/reviews/": page(
                "Reviews",
                '<ul><li><a href="https://files.glenmoor.example/cpr/child-g">Child G child '
                "practice review</a></li>"
                '<li><a href="/council/democracy/child-h-review">Child H review</a></li>'
                '<li><a href="/council/democracy/baby-j-review">Baby J review</a></li></ul>',
            ),
        }
    )


def test_sources_check_says_what_each_source_would_fetch_or_why_nothing(tmp_path, capsys):
    with LoopbackServer() as site, LoopbackServer() as other:
        check_site(site)
        other.routes.update(
            {
                "/robots.txt": OPEN_ROBOTS,
                "/collection/reviews/": page(
                    "Collection",
                    '<p><a href="/collection/files/2019-child-k.pdf">2019 - Anytown - Child K'
                    "</a></p>",
                ),
            }
        )
        addresses = {"site": site.url, "other": other.url, "closed": closed_port()}
        registry = write_registry(tmp_path, "check_boards.toml", addresses)
        config = write_config(tmp_path, registry)
        assert main(["--config", str(config), "sources", "check", "--links"]) == 1
        out = capsys.readouterr().out
        requested = site.paths() + other.paths()
        site_url = site.url
    lines = {line.split(":")[0]: line for line in out.splitlines() if not line.startswith(" ")}
    assert lines["ashcombe"] == "ashcombe: would fetch 3 documents (2 pages read)"
    assert f"  {site_url}/ashcombe/files/child-a-overview.pdf\tChild A overview report" in out
    assert lines["national-collection"].startswith("national-collection: would fetch 1 document")
    assert lines["dunmere"] == (
        f"dunmere: nothing to fetch (0 pages read): robots.txt forbids the listing page "
        f"{site_url}/dunmere/reviews/"
    )
    assert "HTTP 404" in lines["eastwick"] and "nothing to fetch" in lines["eastwick"]
    assert lines["fallowfield"].endswith(
        "no document links on the pages read (2 other links, none reading like a review)"
    )
    assert "page shape not understood: 3 links read like reviews" in lines["glenmoor"]
    assert "1 another host" in lines["glenmoor"] and "2 outside /glenmoor/" in lines["glenmoor"]
    assert "could not be reached: connection failed" in lines["harrowby"]
    # A dry run: pages only, no document downloaded, nothing recorded.
    assert not [p for p in requested if p.endswith((".pdf", ".docx"))]
    assert "/dunmere/reviews/" not in requested
    assert not (tmp_path / "data").exists()


def test_sources_check_reads_at_most_max_pages_and_names_unknown_sources(tmp_path, capsys):
    with LoopbackServer() as site:
        site.routes["/robots.txt"] = OPEN_ROBOTS
        for number in range(1, 6):
            site.routes[f"/reviews/?page={number}"] = page(
                f"Page {number}",
                f'<p><a href="/reviews/child-{number}-review.pdf">Child {number} review</a></p>'
                f'<p><a href="/reviews/?page={number + 1}">Next</a></p>',
            )
        registry = tmp_path / "sources.toml"
        registry.write_text(
            f'[[sources]]\nname = "paged"\nurl = "{site.url}/reviews/?page=1"\nmax_pages = 2\n',
            encoding="utf-8",
        )
        config = write_config(tmp_path, registry)
        assert main(["--config", str(config), "sources", "check", "paged"]) == 0
        assert capsys.readouterr().out.startswith("paged: would fetch 2 documents (2 pages read)")
        assert site.paths() == ["/robots.txt", "/reviews/?page=1", "/reviews/?page=2"]
        assert main(["--config", str(config), "sources", "check", "paged", "missing"]) == 2
        assert "unknown source 'missing'" in capsys.readouterr().err


# -- the registry file -------------------------------------------------------------------------


def test_registry_entries_keep_what_the_registry_says_of_each_source(tmp_path):
    path = write_registry(tmp_path, "three_boards.toml", {k: "https://x.example" for k in BOARDS})
    registry = load_registry(path)
    assert [e.name for e in registry.entries] == ["ashcombe", "brackenfold", "coldharbour"]
    coldharbour = registry.get("coldharbour")
    assert coldharbour is not None
    assert coldharbour.source.url == "https://x.example/cpr/child-practice-reviews/"
    assert coldharbour.nation == "wales" and coldharbour.region == "Coldharbour Vale"
    assert coldharbour.successor_of == (
        "Coldharbour Local Safeguarding Children Board",
        "Vale Children's Board",
    )
    assert coldharbour.checked == "2025-01-20"
    assert registry.get("brackenfold").checked == "2025-02-14"  # type: ignore[union-attr]
    assert load_registry(tmp_path / "absent.toml").entries == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[sources]]\nname = "a"\nurl = "https://a.example/"\ncolour = "red"', "unknown key"),
        ('[[sources]]\nname = "a"\nurl = "a.example/reviews"', "http(s) address"),
        ('[[sources]]\nname = "a"\nurl = "https://a.example/"\nnation = "scotland"', "nation"),
        ('[[sources]]\nurl = "https://a.example/"', "name is required"),
        ('[[sources]]\nname = "a"\nurl = "https://a.example/"\nchecked = "last May"', "date"),
        (
            '[[sources]]\nname = "a"\nurl = "https://a.example/"\n'
            '[[sources]]\nname = "a"\nurl = "https://b.example/"',
            "used twice",
        ),
        ("[[sources]\nname = ", "not valid TOML"),
    ],
)
def test_a_broken_registry_is_one_line_naming_the_problem(tmp_path, capsys, text, message):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match="sources.toml"):
        load_registry(path)
    config = write_config(tmp_path, path)
    assert main(["--config", str(config), "sources"]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_registry_the_config_names_must_exist(tmp_path, capsys):
    config = write_config(tmp_path, tmp_path / "nowhere.toml")
    assert main(["--config", str(config), "sources"]) == 2
    assert "registry file not found" in capsys.readouterr().err


# -- a source's history ------------------------------------------------------------------------


def test_first_and_last_successful_harvest_and_the_30_day_flag(tmp_path, capsys):
    state = {"up": True}

    def listing(_request: RecordedRequest) -> Response:
        if not state["up"]:
            return (404, HTML, "<h1>Page not found</h1>")
        return page("Reviews", '<p><a href="/scp/child-m-review.pdf">Child M review</a></p>')

    with LoopbackServer() as site:
        site.routes.update(
            {
                "/robots.txt": OPEN_ROBOTS,
                "/scp/reviews/": listing,
                "/scp/child-m-review.pdf": (200, PDF_TYPE, pdf("Child M: review")),
            }
        )
        config = write_config(tmp_path, None, sources=[("moving", site.url + "/scp/reviews/")])
        run = ["--config", str(config), "harvest"]
        assert main(run) == 0
        catalog_path = tmp_path / "data" / "catalog.sqlite3"
        with Catalog(catalog_path) as catalog:
            first = catalog.source_histories()["moving"]
        assert first.first_success == first.last_success == first.last_attempt
        time.sleep(1.1)  # timestamps are to the second
        assert main(run) == 0
        with Catalog(catalog_path) as catalog:
            second = catalog.source_histories()["moving"]
        assert second.first_success == first.first_success
        assert second.last_success > first.last_success  # type: ignore[operator]

        # The page moved 64 days ago; harvests since have failed.
        moved = datetime.now(UTC) - timedelta(days=64, hours=1)
        with sqlite3.connect(catalog_path) as db:
            db.execute(
                "UPDATE source_history SET first_success = ?, last_success = ?",
                ((moved - timedelta(days=300)).isoformat(), moved.isoformat()),
            )
        state["up"] = False
        assert main(run) == 1
        capsys.readouterr()
        assert main(["--config", str(config), "status"]) == 0
    out = capsys.readouterr().out
    assert (
        f"source moving: no successful harvest since {moved.date().isoformat()} (64 days): "
        "its page may have moved"
    ) in out
    with Catalog(catalog_path) as catalog:
        history = catalog.source_histories()["moving"]
        assert history.failing and history.documents == 1 and history.failed == 1
        # Within 30 days there is nothing to flag.
        assert catalog.failing_sources(moved + timedelta(days=29)) == []


def test_a_source_that_never_succeeded_is_flagged_after_30_days(tmp_path):
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    with catalog:
        run = catalog.start_run("gone-quiet")
        from harvester.catalog import RunCounts

        catalog.finish_run(run, RunCounts(failed=1))
        ((history, _days),) = catalog.failing_sources(datetime.now(UTC) + timedelta(days=31))
        assert history.source == "gone-quiet" and history.last_success is None
        assert catalog.failing_sources(datetime.now(UTC) + timedelta(days=29)) == []


def test_an_older_catalog_gains_the_history_from_its_runs(tmp_path):
    path = tmp_path / "catalog.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            """CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL,
               started TEXT NOT NULL, finished TEXT, new INTEGER NOT NULL DEFAULT 0,
               updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
               gone INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0)"""
        )
        rows = [
            ("old", "2024-01-01T00:00:00+00:00", "2024-01-01T00:05:00+00:00", 3, 0, 0, 0),
            ("old", "2024-02-01T00:00:00+00:00", "2024-02-01T00:05:00+00:00", 0, 0, 3, 0),
            ("old", "2024-03-01T00:00:00+00:00", "2024-03-01T00:05:00+00:00", 0, 0, 0, 1),
        ]
        db.executemany(
            "INSERT INTO runs (source, started, finished, new, updated, unchanged, failed) "
            "VALUES (?, ?, ?, ?, 0, ?, ?)",
            [(s, a, b, n, u, f) for s, a, b, n, _x, u, f in rows],
        )
    with Catalog(path) as catalog:
        history = catalog.source_histories()["old"]
    assert history.first_success == "2024-01-01T00:05:00+00:00"
    assert history.last_success == "2024-02-01T00:05:00+00:00"
    assert history.last_attempt == "2024-03-01T00:05:00+00:00"
    assert history.failing


def test_two_registry_sources_on_one_host_take_turns_and_keep_the_delay(tmp_path, capsys):
    """Sources share a host: its requests never overlap and stay `delay_seconds` apart,
    while another host is harvested beside them."""
    log = ConcurrencyLog()
    with LoopbackServer() as shared, LoopbackServer() as apart:
        for server, name, folders in (
            (shared, "shared", ("north", "south")),
            (apart, "apart", ("east",)),
        ):
            server.routes["/robots.txt"] = OPEN_ROBOTS
            for folder in folders:
                links = "".join(
                    f'<p><a href="/{folder}/child-{n}-review.pdf">Child {n} review</a></p>'
                    for n in "ABC"
                )
                server.routes[f"/{folder}/reviews/"] = log.around(
                    name, lambda _r, links=links: page("Reviews", links)
                )
                for n in "ABC":
                    body = pdf(f"Child {n}: {folder} review")
                    server.routes[f"/{folder}/child-{n}-review.pdf"] = log.around(
                        name, lambda _r, body=body: (200, PDF_TYPE, body)
                    )
        registry = tmp_path / "sources.toml"
        registry.write_text(
            "".join(
                f'[[sources]]\nname = "{folder}"\nurl = "{server.url}/{folder}/reviews/"\n\n'
                for server, folder in ((shared, "north"), (shared, "south"), (apart, "east"))
            ),
            encoding="utf-8",
        )
        config = write_config(tmp_path, registry, harvest_registry=True, delay=0.2)
        assert main(["--config", str(config), "harvest"]) == 0
        times = [r.at for r in shared.requests]
    out = capsys.readouterr().out
    for folder in ("north", "south", "east"):
        assert f"{folder}: new 3," in out
    assert log.most["shared"] == 1
    assert len(times) == 1 + 2 * 4  # robots.txt once, two listings and six documents
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.19
