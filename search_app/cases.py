"""Case and document pages, the case list, and their JSON API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, render_template, request
from werkzeug.wrappers import Response

from index.documents import CASE_SORTS, CaseInfo
from index.search import Hit, IndexMissingError, SearchQuery
from search_app.resources import get_searcher, taxonomy
from search_app.views import DOC_ID, DOC_TYPE_LABELS, KIND_LABELS, json_error

bp = Blueprint("cases", __name__)

KIND_ORDER = ("lesson", "recommendation", "summary")


def _labels() -> dict[str, Any]:
    return {
        "doc_type_labels": DOC_TYPE_LABELS,
        "kind_labels": KIND_LABELS,
        "theme_label": taxonomy().label,
    }


def _documents():  # type: ignore[no-untyped-def]
    try:
        return get_searcher().documents
    except IndexMissingError:
        abort(404)


def _case_filters() -> tuple[str | None, int | None, str | None, str]:
    board = (request.args.get("board") or "").strip() or None
    theme = (request.args.get("theme") or "").strip() or None
    sort = request.args.get("sort") or "newest"
    year_text = (request.args.get("year") or "").strip()
    if sort not in CASE_SORTS:
        raise ValueError(f"unknown sort {sort!r} (known: {', '.join(CASE_SORTS)})")
    if year_text and not year_text.isdigit():
        raise ValueError(f"year must be a whole number, got {year_text[:20]!r}")
    return board, int(year_text) if year_text else None, theme, sort


def _grouped(hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
    groups = [(kind, [h for h in hits if h.kind == kind]) for kind in KIND_ORDER]
    return [(kind, items) for kind, items in groups if items]


@bp.get("/cases")
def case_list() -> str | tuple[str, int]:
    try:
        board, year, theme, sort = _case_filters()
    except ValueError as exc:
        return render_template("error.html", message=str(exc)), 400
    documents = _documents()
    cases = documents.cases(board=board, year=year, theme=theme, sort=sort)
    boards = sorted({c.board for c in documents.cases() if c.board})
    years = sorted({c.year for c in documents.cases() if c.year}, reverse=True)
    return render_template(
        "cases.html",
        cases=cases,
        boards=boards,
        years=years,
        themes=taxonomy().themes,
        filters={"board": board, "year": year, "theme": theme, "sort": sort},
        sorts=CASE_SORTS,
        **_labels(),
    )


@bp.get("/cases/<case_id>")
def case_page(case_id: str) -> str:
    documents = _documents()
    case = documents.case(case_id)
    if case is None:
        abort(404)
    hits = get_searcher().reading_order(SearchQuery(case=case_id))
    return render_template(
        "case.html",
        case=case,
        groups=_grouped(hits),
        similar=documents.similar_cases(case_id),
        **_labels(),
    )


@bp.get("/documents/<doc_id>")
def document_page(doc_id: str) -> str:
    if not DOC_ID.match(doc_id):
        abort(404)
    document = _documents().document(doc_id)
    if document is None:
        abort(404)
    hits = get_searcher().reading_order(SearchQuery(doc_id=doc_id))
    learning = [h for h in hits if h.kind in ("lesson", "recommendation")]
    return render_template(
        "document.html", document=document, learning=learning, records=len(hits), **_labels()
    )


@bp.get("/api/cases")
def api_cases() -> Response:
    try:
        board, year, theme, sort = _case_filters()
    except ValueError as exc:
        return json_error(str(exc), 400)
    try:
        cases = get_searcher().documents.cases(board=board, year=year, theme=theme, sort=sort)
    except IndexMissingError as exc:
        return json_error(str(exc), 503)
    return jsonify({"total": len(cases), "cases": [c.to_json(documents=False) for c in cases]})


@bp.get("/api/cases/<case_id>")
def api_case(case_id: str) -> Response:
    try:
        searcher = get_searcher()
    except IndexMissingError as exc:
        return json_error(str(exc), 503)
    case: CaseInfo | None = searcher.documents.case(case_id)
    if case is None:
        return json_error(f"no case {case_id!r}", 404)
    out = case.to_json()
    out["similar"] = [
        {"case_id": c.case_id, "case": c.case, "year": c.year, "similarity": round(score, 3)}
        for c, score in searcher.documents.similar_cases(case_id)
    ]
    return jsonify(out)


@bp.get("/api/documents/<doc_id>")
def api_document(doc_id: str) -> Response:
    try:
        searcher = get_searcher()
    except IndexMissingError as exc:
        return json_error(str(exc), 503)
    document = searcher.documents.document(doc_id) if DOC_ID.match(doc_id) else None
    if document is None:
        return json_error(f"no document {doc_id!r}", 404)
    out = document.to_json()
    out["lessons"] = [
        {
            "lesson_id": h.lesson_id,
            "kind": h.kind,
            "section": h.section,
            "page": h.page,
            "themes": h.themes,
            "text": h.text,
        }
        for h in searcher.reading_order(SearchQuery(doc_id=doc_id))
        if h.kind in ("lesson", "recommendation")
    ]
    return jsonify(out)
