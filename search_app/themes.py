"""Recurring themes, for board analysts: how many cases raise each theme, by year (every year
of the span, empty ones too) or by board, with row totals and a colour legend; the chosen
theme's trend, the themes raised with it, its latest lessons. Every table also as CSV, and
as JSON at /api/themes."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from index import DOC_TYPES, SearchQuery, ThemeStats
from search_app.common import error_page, json_errors, labels
from search_app.exports import csv_response
from search_app.params import text_param
from search_app.resources import get_searcher, taxonomy

bp = Blueprint("themes", __name__)
TABLES = ("heatmap", "trend", "cooccurring")
VIEWS = ("year", "board")
LEVELS = 6  # colour steps of the heatmap (CSS classes h0..h5)
TREND_LEVELS = 10  # bar heights of the trend chart (CSS classes t0..t10)
# Board names shortened for column headings; the full name is the heading's title.
BOARD_SHORT = (
    (re.compile(r"\bLocal Safeguarding Children Board\b"), "LSCB"),
    (re.compile(r"\bSafeguarding Children Partnership\b"), "SCP"),
    (re.compile(r"\bSafeguarding Children Board\b"), "SCB"),
    (re.compile(r"\bSafeguarding Partnership\b"), "SP"),
)


class ParamError(ValueError):
    pass


def _params() -> dict[str, Any]:
    board = text_param(request.args, "board")
    doc_type = text_param(request.args, "type")
    theme = text_param(request.args, "theme")
    view = text_param(request.args, "view") or "year"
    normalise = (request.args.get("normalise") or "") in ("1", "on", "true")
    if doc_type and doc_type not in DOC_TYPES:
        raise ParamError(f"unknown type {doc_type!r} (known: {', '.join(DOC_TYPES)})")
    if theme and theme not in taxonomy():
        raise ParamError(f"unknown theme {theme!r}")
    if view not in VIEWS:
        raise ParamError(f"unknown view {view!r} (known: {', '.join(VIEWS)})")
    return {"board": board, "type": doc_type, "theme": theme, "view": view, "normalise": normalise}


def _value(count: int, cases: int, normalise: bool) -> float:
    if normalise:
        return round(count / cases, 3) if cases else 0.0
    return count


def _data(params: dict[str, Any]) -> dict[str, Any]:
    stats = ThemeStats(get_searcher().documents, board=params["board"], doc_type=params["type"])
    matrix = stats.matrix()
    label = taxonomy().label
    normalise = params["normalise"]
    # Every year of the span, so a year no case raised a theme in is seen as empty.
    years = list(range(matrix.years[0], matrix.years[-1] + 1)) if matrix.years else []
    per_year = {y: matrix.cases_per_year.get(y, 0) for y in years}
    per_board = Counter(c.board or "" for c in stats.cases)
    boards = sorted(per_board)
    themes = sorted(matrix.cells, key=lambda t: (-matrix.total(t), t))
    by_board = {t: Counter(c.board or "" for c in stats.cases_with(t)) for t in themes}
    out: dict[str, Any] = {
        "filters": {k: params[k] for k in ("board", "type")},
        "normalised": normalise,
        "counts": "cases",
        "years": years,
        "cases_per_year": {str(y): n for y, n in per_year.items()},
        "boards": boards,
        "cases_per_board": {b: per_board[b] for b in boards},
        "cases": len(stats.cases),
        "themes": [
            {
                "id": t,
                "label": label(t),
                "cases": matrix.total(t),
                "by_year": {
                    str(y): _value(matrix.count(t, y), per_year[y], normalise) for y in years
                },
                "by_board": {b: _value(by_board[t][b], per_board[b], normalise) for b in boards},
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
            "cases": matrix.total(theme),
            "trend": {
                str(y): _value(matrix.count(theme, y), per_year[y], normalise) for y in years
            },
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


def _level(value: float, top: float, levels: int = LEVELS) -> int:
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(levels - 1, round(value / top * (levels - 1))))


@dataclass(frozen=True)
class Column:
    """A column of the heatmap: a year or a board, with the cases it holds."""

    key: str
    label: str
    title: str
    cases: int


def short_board(name: str) -> str:
    for pattern, short in BOARD_SHORT:
        name = pattern.sub(short, name)
    return name or "No board"


def _columns(data: dict[str, Any], view: str) -> list[Column]:
    if view == "board":
        return [
            Column(b, short_board(b), b or "No board", data["cases_per_board"][b])
            for b in data["boards"]
        ]
    return [Column(str(y), str(y), str(y), data["cases_per_year"][str(y)]) for y in data["years"]]


def legend(top: float, normalise: bool) -> list[tuple[int, str]]:
    """What each colour stands for: (level, the values it covers), found by putting every
    value up to the largest through the same scale as the cells."""
    out = [(0, "none")]
    if normalise:
        values: list[float] = [p / 100 for p in range(1, math.floor(top * 100) + 1)]
    else:
        values = list(range(1, math.floor(top) + 1))

    def shown(value: float) -> str:
        return f"{round(value * 100)}%" if normalise else str(int(value))

    groups: dict[int, list[float]] = {}
    for value in values:
        groups.setdefault(_level(value, top), []).append(value)
    for level, members in sorted(groups.items()):
        first, last = shown(members[0]), shown(members[-1])
        out.append((level, first if first == last else f"{first}-{last}"))
    return out


@bp.get("/themes")
def themes_page() -> str | tuple[str, int]:
    try:
        params = _params()
        data = _data(params)
    except ParamError as exc:
        return error_page(str(exc), 400)
    view = params["view"]
    cells = "by_board" if view == "board" else "by_year"
    values = [v for row in data["themes"] for v in row[cells].values()]
    top = max(values, default=0)
    all_boards = sorted({c.board for c in get_searcher().documents.cases() if c.board})
    kept = {
        "board": params["board"],
        "type": params["type"],
        "theme": params["theme"],
        "view": None if view == "year" else view,
        "normalise": "1" if params["normalise"] else None,
    }

    def search_url(theme: str, column: str | None = None) -> str:
        args: dict[str, Any] = {"theme": theme, "board": params["board"], "type": params["type"]}
        if column is not None:
            args["board" if view == "board" else "year"] = column
        return url_for("search.page", **{k: v for k, v in args.items() if v})

    def here(**changes: Any) -> str:
        args = {**kept, **changes}
        return url_for("themes.themes_page", **{k: v for k, v in args.items() if v})

    def csv_url(table: str) -> str:
        args = {"table": table, **kept}
        return url_for("themes.themes_csv", **{k: v for k, v in args.items() if v})

    selected = data.get("selected")
    trend_top = max(selected["trend"].values(), default=0) if selected else 0
    return render_template(
        "themes.html",
        data=data,
        params=params,
        view=view,
        cells=cells,
        columns=_columns(data, view),
        legend=legend(top, params["normalise"]),
        boards=all_boards,
        doc_types=DOC_TYPES,
        **labels(),
        level=lambda v: _level(v, top),
        trend_level=lambda v: _level(v, trend_top, TREND_LEVELS + 1),
        search_url=search_url,
        here=here,
        csv_url=csv_url,
    )


def _rows(table: str, data: dict[str, Any], view: str) -> list[list[Any]]:
    if table == "heatmap":
        if view == "board":
            header = ["theme", "label", *data["boards"]]
            body = [[t["id"], t["label"], *t["by_board"].values()] for t in data["themes"]]
            return [header, *body, ["cases", "all cases", *data["cases_per_board"].values()]]
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
    params = _params()
    header, *rows = _rows(table, _data(params), params["view"])
    suffix = "-by-board" if table == "heatmap" and params["view"] == "board" else ""
    return csv_response(header, rows, f"themes-{table}{suffix}.csv")


@bp.get("/api/themes")
@json_errors(ParamError)
def api_themes() -> Response:
    return jsonify(_data(_params()))
