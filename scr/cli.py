"""`scr [--config FILE] COMMAND`: exit 0 on success, 1 when the work failed, 2 on bad usage."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harvester.catalog import Catalog, SourceHistory
from harvester.hostpool import run_by_host
from harvester.ingest import IngestSettings, ingest_paths
from harvester.pipeline import HarvestReport
from harvester.registry import RegistryError
from harvester.settings import SourceConfig
from harvester.sourcecheck import SourceCheck, check_source
from index import (
    BoardTableError,
    IndexMissingError,
    IndexWriteError,
    JudgmentError,
    QueryError,
    SearchQuery,
    TaxonomyError,
    WhooshVersionError,
    evaluate,
    load_judgments,
)
from scr.config import PORTS, Config, ConfigError, load_config
from scr.samplesite import SAMPLE_SITE_PORT, SAMPLES_DIR
from scr.services import Services

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_JUDGMENTS = SAMPLES_DIR / "judgments.toml"


class UsageError(Exception):
    """A user mistake: reported in one line, exit status 2."""


def _err(message: str) -> None:
    print(f"scr: {message}", file=sys.stderr, flush=True)


def _unknown_source(services: Services, name: str) -> UsageError:
    known = ", ".join(s.name for s in services.config.sources) or "none configured"
    listed = len(services.registry.entries)
    more = f"; {listed} more in the registry (`scr sources` lists them)" if listed else ""
    return UsageError(f"unknown source {name!r} (known: {known}{more})")


def _print_report(report: HarvestReport, dry_run: bool) -> bool:
    """Print one source's outcome; False when its harvest failed."""
    if dry_run:
        for link in report.planned:
            print(f"{link.url}\t{link.link_text}\t{link.context}")
    if report.listing_error:
        _err(report.listing_error)
    print(f"{report.source}: {report.counts.summary()}", flush=True)
    return report.ok


def cmd_harvest(config: Config, args: argparse.Namespace) -> int:
    services = Services(config)
    if args.source:
        chosen = services.source(args.source)
        if chosen is None:
            raise _unknown_source(services, args.source)
        sources: tuple[SourceConfig, ...] = (chosen,)
    else:
        sources = services.harvest_sources()
    if not sources:
        raise UsageError(
            "no [[sources]] in the config; add one, set [harvest] registry = true, "
            "or use `scr ingest PATH`"
        )
    failed = False
    with services.harvest_session() as session:
        if len(sources) == 1:
            report = session.harvest(sources[0], config.harvest, dry_run=args.dry_run)
            failed = not _print_report(report, args.dry_run)
        else:
            for done in session.harvest_many(sources, config.harvest, dry_run=args.dry_run):
                if done.result is None:
                    _err(f"{done.source.name}: harvest failed: {done.error}")
                    failed = True
                elif not _print_report(done.result, args.dry_run):
                    failed = True
        if not args.dry_run:
            print(session.sync().summary())
    return EXIT_FAILED if failed else EXIT_OK


def _day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "never"


def cmd_sources(config: Config, args: argparse.Namespace) -> int:
    services = Services(config)
    known = services.known_sources()
    histories = {}
    if services.data.catalog.exists():
        with Catalog(services.data.catalog) as catalog:
            histories = catalog.source_histories()
    header = ("NAME", "BOARD", "NATION", "LAST HARVEST", "DOCUMENTS", "FAILURES")
    rows = [header]
    for item in known:
        history = histories.get(item.source.name) or SourceHistory(item.source.name)
        last = _day(history.last_attempt)
        if history.last_attempt:
            last += " failed" if history.failing else " ok"
        nation = item.registry.nation if item.registry and item.registry.nation else "-"
        board = item.source.board or "(collection of many boards)"
        rows.append(
            (
                item.source.name,
                board if len(board) <= 60 else board[:59] + "…",
                nation,
                last,
                str(history.documents),
                str(history.failed),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    from_config = sum(1 for k in known if k.in_config)
    print(
        f"{len(known)} sources: {from_config} in the config, "
        f"{len(known) - from_config} more in the registry ({services.registry.path.name})"
    )
    return EXIT_OK


def cmd_sources_check(config: Config, args: argparse.Namespace) -> int:
    services = Services(config)
    if args.names:
        chosen = []
        for name in args.names:
            source = services.source(name)
            if source is None:
                raise _unknown_source(services, name)
            chosen.append(source)
        sources = tuple(dict.fromkeys(chosen))
    else:
        sources = tuple(k.source for k in services.known_sources())
    if not sources:
        raise UsageError("no sources to check: the config and the registry list none")

    def work(source: SourceConfig, fetcher: Any, _progress: Any) -> SourceCheck:
        return check_source(source, fetcher)

    failed = False
    for done in run_by_host(sources, work, config.harvest, _err, bars=False):
        if done.result is None:
            _err(f"{done.source.name}: check failed: {done.error}")
            failed = True
            continue
        print(done.result.summary(), flush=True)
        if args.links:
            for link in done.result.documents:
                print(f"  {link.url}\t{link.link_text}\t{link.context}")
        failed = failed or not done.result.ok
    return EXIT_FAILED if failed else EXIT_OK


def cmd_ingest(config: Config, args: argparse.Namespace) -> int:
    settings = IngestSettings(config.harvest.max_document_bytes, args.follow_links)
    with Services(config).harvest_session() as session:
        report = ingest_paths(
            [Path(p) for p in args.paths], session.catalog, session.store, settings
        )
        for path, reason in report.skipped:
            _err(f"{path}: skipped: {reason}")
        for path, reason in report.failed:
            _err(f"{path}: {reason}")
        session.sync()
        skipped = f", skipped {len(report.skipped)}" if report.skipped else ""
        print(
            f"ingest: added {report.added}, unchanged {report.unchanged}, "
            f"failed {len(report.failed)}{skipped}"
        )
    nothing_read = not (report.added or report.unchanged)
    return EXIT_FAILED if nothing_read and (report.failed or report.skipped) else EXIT_OK


def cmd_reindex(config: Config, args: argparse.Namespace) -> int:
    services = Services(config)
    if not services.data.catalog.exists():
        raise UsageError(f"nothing to reindex: no catalog in {config.data_dir}")
    with services.harvest_session() as session:
        report = session.reindex()
    print(f"re{report.summary()}")
    return EXIT_OK


def cmd_search(config: Config, args: argparse.Namespace) -> int:
    if args.year is not None and (args.year_from is not None or args.year_to is not None):
        raise UsageError("give either --year or --from/--to, not both")
    query = SearchQuery(
        q=args.query,
        themes=tuple(args.theme or ()),
        year=args.year,
        year_from=args.year_from,
        year_to=args.year_to,
        case=args.case,
        board=args.board,
        doc_type=args.type,
        per_page=args.limit,
    )
    services = Services(config)
    for theme in query.themes:
        if theme not in services.taxonomy:
            raise UsageError(f"unknown theme {theme[:60]!r} (`scr themes` lists them)")
    with services.open_searcher() as searcher:
        response = searcher.search(query)
    if args.json:
        print(json.dumps(response.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    if response.corrected_query:
        print(f"Showing results for {response.corrected_query!r} (no results for {args.query!r})")
    cases = response.facet_sizes.get("case", 0)
    best = f"the best {response.ranked_documents} of " if response.ranked_documents else ""
    print(
        f"{response.cards} results from {best}{response.total} documents in {cases} cases for "
        f"{response.corrected_query or args.query!r}"
    )
    if response.suggestion:
        print(f"Did you mean {response.suggestion!r}?")
    for number, hit in enumerate(response.results, start=1):
        where = ", ".join(str(x) for x in (hit.case, hit.board, hit.year, hit.doc_type) if x)
        page = f" p.{hit.page}" if hit.page else ""
        print(f"\n{number}. {hit.title}{page}\n   {where}")
        print(f"   [{hit.kind}] {hit.section or ''}")
        print(f"   {_plain(hit.snippet)}")
        print(f"   {hit.source_url}")
    return EXIT_OK


def _plain(snippet: str) -> str:
    import html

    return html.unescape(snippet.replace("<mark>", "[").replace("</mark>", "]"))


def cmd_eval(config: Config, args: argparse.Namespace) -> int:
    judgments = load_judgments(Path(args.judgments))
    with Services(config).open_searcher() as searcher:
        evaluation = evaluate(searcher, judgments)
    print(evaluation.table())
    return EXIT_OK


def cmd_serve(config: Config, args: argparse.Namespace) -> int:
    from scr.serve import serve

    serve(Services(config), args.host or config.server.host, args.port or config.server.port)
    return EXIT_OK


def cmd_status(config: Config, args: argparse.Namespace) -> int:
    services = Services(config)
    if not services.data.catalog.exists():
        print(f"no data yet in {config.data_dir}: run `scr harvest`, `scr ingest` or `scr demo`")
        return EXIT_OK
    with Catalog(services.data.catalog) as catalog:
        stats = catalog.stats()
        failures = catalog.recent_failures()
        failing = catalog.failing_sources()
    try:
        with services.open_searcher() as searcher:
            indexed = searcher.counts()
    except IndexMissingError:
        indexed = {"records": 0, "cases": 0, "without_arrays": 0}
    print(f"data directory: {config.data_dir}")
    print(f"documents:      {stats['documents']} ({stats['offline']} URLs no longer online)")
    print(f"versions:       {stats['versions']}")
    print(
        f"records:        {indexed['records']} indexed (lessons, recommendations, case "
        f"summaries and passages)"
    )
    print(f"cases:          {indexed['cases']}")
    if indexed["without_arrays"]:
        print(
            f"index:          {indexed['without_arrays']} segment(s) written by an older "
            "version, without posting arrays: searches read them more slowly until "
            "`scr reindex`"
        )
    print(f"sources:        {', '.join(stats['sources']) or 'none'}")  # type: ignore[arg-type]
    last = stats["last_run"]
    if isinstance(last, dict):
        print(
            f"last harvest:   {last['source']} {last['started']} - new {last['new']}, "
            f"updated {last['updated']}, unchanged {last['unchanged']}, gone {last['gone']}, "
            f"failed {last['failed']}"
        )
    for history, days in failing:
        if history.last_success:
            since = f"since {_day(history.last_success)} ({days} days)"
        else:
            since = f"in {days} days of trying (since {_day(history.first_attempt)})"
        print(
            f"source {history.source}: no successful harvest {since}: its page may have "
            f"moved (`scr sources check {history.source}`)"
        )
    problems = stats["problem_documents"]
    if problems:
        print("documents not understood:")
        for row in problems:  # type: ignore[attr-defined]
            where = f" ({row['url']})" if row["url"] else ""
            print(f"  {row['sha256'][:16]} {row['status']}: {row['reason']}{where}")
    if failures:
        print("recent failures:")
        for row in failures:
            status = row["status"] or "-"
            print(f"  {row['at']} {status} {row['url']}: {row['reason']}")
    return EXIT_OK


def cmd_themes(config: Config, args: argparse.Namespace) -> int:
    """The taxonomy's themes: the ids `--theme` and `?theme=` take, with their labels."""
    taxonomy = Services(config).taxonomy
    width = max((len(t.id) for t in taxonomy.themes), default=0)
    for theme in taxonomy.themes:
        print(f"{theme.id:<{width}}  {theme.label}")
    return EXIT_OK


def cmd_demo(config: Config, args: argparse.Namespace) -> int:
    from scr.demo import run_demo

    return run_demo(config, port=args.port, serve_app=not args.no_serve, site_port=args.site_port)


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1900 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"not a plausible year: {value}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _port(text: str) -> int:
    value = _positive(text)
    low, high = PORTS
    if value > high:
        raise argparse.ArgumentTypeError(f"a port is from {low} to {high}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scr",
        description="Harvest, index and search lessons from child safeguarding case reviews.",
    )
    parser.add_argument("--config", help="config file (default: $SCR_CONFIG or ./config.toml)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    demo = sub.add_parser("demo", help="harvest the bundled sample website and serve the app")
    demo.add_argument("--port", type=_port, default=5000, help="app port (default 5000)")
    demo.add_argument(
        "--site-port",
        type=_port,
        default=SAMPLE_SITE_PORT,
        help=f"the sample website's port (default {SAMPLE_SITE_PORT}; keep it the same from one "
        "run to the next, or the sample's documents look new)",
    )
    demo.add_argument("--no-serve", action="store_true", help="stop after building the index")
    demo.set_defaults(func=cmd_demo)

    harvest = sub.add_parser("harvest", help="harvest the configured sources")
    harvest.add_argument(
        "--source", help="only this source (its name in the config or the registry)"
    )
    harvest.add_argument("--dry-run", action="store_true", help="list what would be fetched")
    harvest.set_defaults(func=cmd_harvest)

    ingest = sub.add_parser("ingest", help="add local files or folders (PDF, DOCX, HTML, TXT)")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument(
        "--follow-links",
        action="store_true",
        help="also read links in a folder that lead out of it (not followed by default)",
    )
    ingest.set_defaults(func=cmd_ingest)

    reindex = sub.add_parser("reindex", help="rebuild the index from the store")
    reindex.set_defaults(func=cmd_reindex)

    search = sub.add_parser("search", help="search the lessons")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--theme", action="append", metavar="ID", help="repeatable")
    search.add_argument("--year", type=_year)
    search.add_argument("--from", dest="year_from", type=_year, metavar="Y")
    search.add_argument("--to", dest="year_to", type=_year, metavar="Y")
    search.add_argument("--case", metavar="TEXT")
    search.add_argument("--board", metavar="TEXT")
    search.add_argument("--type", metavar="TYPE")
    search.add_argument("--limit", type=_positive, default=10, metavar="N")
    search.add_argument("--json", action="store_true", help="print the API's JSON")
    search.set_defaults(func=cmd_search)

    evaluate_ = sub.add_parser("eval", help="measure search quality on judged queries")
    evaluate_.add_argument(
        "--judgments",
        default=str(DEFAULT_JUDGMENTS),
        help="judged queries (TOML; default: the sample corpus's samples/judgments.toml)",
    )
    evaluate_.set_defaults(func=cmd_eval)

    serve = sub.add_parser("serve", help="serve the web app with a production WSGI server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=_port)
    serve.set_defaults(func=cmd_serve)

    sources = sub.add_parser(
        "sources", help="list the config's and the registry's sources, or check them"
    )
    sources.set_defaults(func=cmd_sources)
    sources_sub = sources.add_subparsers(dest="sources_command", metavar="check")
    check = sources_sub.add_parser(
        "check", help="read each source's pages (nothing downloaded): what a harvest would find"
    )
    check.add_argument("names", nargs="*", metavar="NAME", help="default: every source")
    check.add_argument("--links", action="store_true", help="list the document links found")
    check.set_defaults(func=cmd_sources_check)

    status = sub.add_parser("status", help="documents, records, sources, last harvest, errors")
    status.set_defaults(func=cmd_status)

    themes = sub.add_parser("themes", help="list the theme ids and their labels")
    themes.set_defaults(func=cmd_themes)
    for command_parser in sub.choices.values():
        command_parser.set_defaults(parser=command_parser)
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; an unknown one is named with the usage of the command it was given
    to, not the top-level usage."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        command_parser = getattr(args, "parser", None) or parser
        command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    try:
        config = load_config(args.config)
        return int(args.func(config, args))
    except (
        ConfigError,
        TaxonomyError,
        BoardTableError,
        UsageError,
        QueryError,
        JudgmentError,
        RegistryError,
    ) as exc:
        _err(str(exc))
        return EXIT_USAGE
    except (IndexMissingError, WhooshVersionError) as exc:
        _err(str(exc))
        return EXIT_FAILED
    except IndexWriteError as exc:
        _err(f"{exc}; the index in use is unchanged")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`scr search ... | head`): stop quietly. Python would
        # complain again when it flushes stdout at exit, so point stdout at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        _err(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("SCR_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set SCR_DEBUG=1 for details)")
        return EXIT_FAILED
