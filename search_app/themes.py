"""Recurring themes, for board analysts: a theme x year heatmap, a theme's trend, the themes
raised with it, its latest lessons; every table also as CSV, and as JSON at /api/themes."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from index import DOC_TYPES, SearchQuery, ThemeStats
from search_app.common import error_page, json_errors, labels
from search_app.params import text_param
from search_app.resources import get_searcher, taxonomy

bp = Blueprint("themes", __name__)
TABLES = ("heatmap", "trend", "cooccurring")
LEVELS = 6  # colour steps of the heatmap (CSS classes h0..h5)


class ParamError(ValueError):
    pass


def _params() -> dict[str, Any]:
    board = text_param(request.args, "board")
    doc_type = text_param(request.args, "type")
    theme = text_param(request.args, "theme")
    normalise = (request.args.get("normalise") or "") in ("1", "on", "true")
    if doc_type and doc_type not in DOC_TYPES:
        raise ParamError(f"unknown type {doc_type!r} (known: {', '.join(DOC_TYPES)})")
    if theme and theme not in taxonomy():
        raise ParamError(f"unknown theme {theme!r}")
    return {"board": board, "type": doc_type, "theme": theme, "normalise": normalise}


def _stats(params: dict[str, Any]) -> ThemeStats:
    documents = get_searcher().documents
    return ThemeStats(documents, board=params["board"], doc_type=params["type"])


def _value(stats_matrix: Any, theme: str, year: int, normalise: bool) -> float:
    if normalise:
        return round(stats_matrix.share(theme, year), 3)
    return stats_matrix.count(theme, year)


def _data(params: dict[str, Any]) -> dict[str, Any]:
    stats = _stats(params)
    matrix = stats.matrix()
    label = taxonomy().label
    normalise = params["normalise"]
    themes = sorted(matrix.cells, key=lambda t: (-matrix.total(t), t))
    out: dict[str, Any] = {
        "filters": {k: params[k] for k in ("board", "type")},
        "normalised": normalise,
        "years": matrix.years,
        "cases_per_year": {str(y): n for y, n in sorted(matrix.cases_per_year.items())},
        "themes": [
            {
                "id": t,
                "label": label(t),
                "cases": matrix.total(t),
                "by_year": {str(y): _value(matrix, t, y, normalise) for y in matrix.years},
            }
            for t in themes
        ],
    }
    theme = params["theme"]
    if theme:
        lessons = get_searcher().search(
            SearchQuery(
                themes=(theme,),
                kind="lesson",
                sort="newest",
                per_page=5,
                board=params["board"],
                doc_type=params["type"],
            )
        )
        out["selected"] = {
            "id": theme,
            "label": label(theme),
            "trend": {str(y): _value(matrix, theme, y, normalise) for y in matrix.years},
            "cooccurring": [
                {"id": t, "label": label(t), "cases": n, "share": round(share, 3)}
                for t, n, share in stats.cooccurring(theme)
            ],
            "recent_lessons": [
                {
                    "lesson_id": h.lesson_id,
                    "case": h.case,
                    "case_id": h.case_id,
                    "year": h.year,
                    "title": h.title,
                    "page": h.page,
                    "text": h.text,
                }
                for h in lessons.results
            ],
        }
    return out


def _level(value: float, top: float) -> int:
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(LEVELS - 1, round(value / top * (LEVELS - 1))))


@bp.get("/themes")
def themes_page() -> str | tuple[str, int]:
    try:
        params = _params()
        data = _data(params)
    except ParamError as exc:
        return error_page(str(exc), 400)
    values = [v for row in data["themes"] for v in row["by_year"].values()]
    top = max(values, default=0)
    boards = sorted({c.board for c in get_searcher().documents.cases() if c.board})

    def search_url(theme: str, year: int | None = None) -> str:
        args = {"theme": theme, "year": year, "board": params["board"], "type": params["type"]}
        return url_for("search.page", **{k: v for k, v in args.items() if v})

    def here(**changes: Any) -> str:
        args = {
            "board": params["board"],
            "type": params["type"],
            "theme": params["theme"],
            "normalise": "1" if params["normalise"] else None,
            **changes,
        }
        return url_for("themes.themes_page", **{k: v for k, v in args.items() if v})

    def csv_url(table: str) -> str:
        args = {
            "table": table,
            "board": params["board"],
            "type": params["type"],
            "theme": params["theme"],
            "normalise": "1" if params["normalise"] else None,
        }
        return url_for("themes.themes_csv", **{k: v for k, v in args.items() if v})

    return render_template(
        "themes.html",
        data=data,
        params=params,
        boards=boards,
        doc_types=DOC_TYPES,
        **labels(),
        level=lambda v: _level(v, top),
        trend_level=lambda v, t: _level(v, t),
        search_url=search_url,
        here=here,
        csv_url=csv_url,
    )


def _rows(table: str, data: dict[str, Any]) -> list[list[Any]]:
    if table == "heatmap":
        header = ["theme", "label", *[str(y) for y in data["years"]]]
        body = [[t["id"], t["label"], *t["by_year"].values()] for t in data["themes"]]
        footer = ["cases", "all cases", *data["cases_per_year"].values()]
        return [header, *body, footer]
    selected = data.get("selected")
    if selected is None:
        raise ParamError(f"the {table} table needs a theme (?theme=...)")
    if table == "trend":
        return [["year", selected["id"]], *[[y, v] for y, v in selected["trend"].items()]]
    return [
        ["theme", "label", "cases", "share"],
        *[[t["id"], t["label"], t["cases"], t["share"]] for t in selected["cooccurring"]],
    ]


@bp.get("/themes.csv")
@json_errors(ParamError)
def themes_csv() -> Response:
    table = request.args.get("table") or "heatmap"
    if table not in TABLES:
        raise ParamError(f"unknown table {table!r} (known: {', '.join(TABLES)})")
    rows = _rows(table, _data(_params()))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return Response(
        buffer.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="themes-{table}.csv"'},
    )


@bp.get("/api/themes")
@json_errors(ParamError)
def api_themes() -> Response:
    return jsonify(_data(_params()))
