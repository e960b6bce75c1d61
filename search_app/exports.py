"""CSV twins of the lists: `/search.csv` (one row per result card, every page up to
MAX_ROWS) and `/cases.csv`, with the same parameters as their pages."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from flask import Blueprint, current_app, request, url_for
from werkzeug.wrappers import Response

from index import CaseInfo, Hit, LessonSearcher, QueryError, SearchQuery
from index.query import MAX_PER_PAGE
from search_app.archive import ArchiveLinks
from search_app.cases import case_filters
from search_app.common import DOC_TYPE_LABELS, KIND_LABELS, error_page
from search_app.params import parse_search_args
from search_app.resources import data_dir, get_searcher, taxonomy

bp = Blueprint("exports", __name__)

MAX_ROWS = 5000  # rows of a search's CSV: every page of results up to this many cards
# A spreadsheet takes a cell starting with one of these for a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.app_context_processor
def csv_cap() -> dict[str, int]:
    return {"csv_max_rows": MAX_ROWS}


SEARCH_COLUMNS = [
    "case",
    "board",
    "year",
    "document",
    "type",
    "kind",
    "page",
    "themes",
    "lesson",
    "archived_copy",
    "source",
    "lesson_id",
    "case_id",
]
CASE_COLUMNS = ["case", "board", "year", "documents", "lessons", "themes", "case_page", "case_id"]


def safe_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a string that would start a formula gets an
    apostrophe in front."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(header: Sequence[str], rows: Iterable[Sequence[object]], name: str) -> Response:
    """UTF-8 CSV with a header row, quoted as RFC 4180 asks (python's csv module)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def all_cards(searcher: LessonSearcher, query: SearchQuery, limit: int = MAX_ROWS) -> Iterator[Hit]:
    """Every result card of a search, in the order the pages list them, up to `limit`."""
    page, given = 1, 0
    while given < limit:
        response = searcher.search(dataclasses.replace(query, page=page, per_page=MAX_PER_PAGE))
        for hit in response.results[: limit - given]:
            yield hit
            given += 1
        if page >= response.pages or not response.results:
            return
        page += 1


def _absolute(path: str | None) -> str:
    return current_app.extensions["base_url"] + path if path else ""


def _search_row(hit: Hit, links: ArchiveLinks, label: Any) -> list[object]:
    return [
        hit.case or "",
        hit.board or "",
        hit.year or "",
        hit.title,
        DOC_TYPE_LABELS.get(hit.doc_type, hit.doc_type),
        KIND_LABELS.get(hit.kind, hit.kind),
        hit.page or "",
        "; ".join(label(t) for t in hit.themes),
        hit.text,
        _absolute(links(hit.doc_id, hit.sha256, hit.lesson_id, hit.page)),
        hit.source_url,
        hit.lesson_id,
        hit.case_id or "",
    ]


@bp.get("/search.csv")
def search_csv() -> Response | tuple[str, int]:
    try:
        query = parse_search_args(request.args, known_themes=taxonomy())
    except QueryError as exc:
        return error_page(str(exc), 400)
    links = ArchiveLinks(data_dir())
    label = taxonomy().label
    rows = (_search_row(h, links, label) for h in all_cards(get_searcher(), query))
    return csv_response(SEARCH_COLUMNS, rows, "search.csv")


def _case_row(case: CaseInfo, label: Any) -> list[object]:
    return [
        case.case,
        case.board or "",
        case.year or "",
        len(case.documents),
        case.lessons,
        "; ".join(label(t) for t, _n in case.theme_counts.most_common()),
        _absolute(url_for("cases.case_page", case_id=case.case_id)),
        case.case_id,
    ]


@bp.get("/cases.csv")
def cases_csv() -> Response | tuple[str, int]:
    try:
        board, year, theme, sort = case_filters()
    except ValueError as exc:
        return error_page(str(exc), 400)
    cases = get_searcher().documents.cases(board=board, year=year, theme=theme, sort=sort)
    label = taxonomy().label
    return csv_response(CASE_COLUMNS, (_case_row(c, label) for c in cases), "cases.csv")
