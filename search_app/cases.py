"""Case and document pages, the case list, and their JSON API."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, jsonify, render_template, request, url_for
from werkzeug.wrappers import Response

from index import CASE_SORTS, DOC_ID, CaseInfo, Hit, LessonSearcher, SearchQuery, restatements
from search_app.archive import ArchiveLinks
from search_app.common import error_page, json_error, json_errors, labels
from search_app.pack_outline import summary_record
from search_app.params import text_param
from search_app.resources import data_dir, get_searcher, taxonomy
from search_app.viewer import viewer_available

bp = Blueprint("cases", __name__)

KIND_ORDER = ("lesson", "recommendation", "summary")
SORT_LABELS = {
    "newest": "Newest first",
    "oldest": "Oldest first",
    "name": "Name, A to Z",
    "documents": "Most documents first",
}


def case_filters() -> tuple[str | None, int | None, str | None, str]:
    board = text_param(request.args, "board")
    theme = text_param(request.args, "theme")
    sort = request.args.get("sort") or "newest"
    year_text = (request.args.get("year") or "").strip()
    if sort not in CASE_SORTS:
        raise ValueError(f"unknown sort {sort!r} (known: {', '.join(CASE_SORTS)})")
    if year_text and not year_text.isdigit():
        raise ValueError(f"year must be a whole number, got {year_text[:20]!r}")
    return board, int(year_text) if year_text else None, theme, sort


KIND_PLURALS = {
    "lesson": "Lessons",
    "recommendation": "Recommendations",
    "summary": "Case summaries",
}


@dataclass(frozen=True)
class CaseLesson:
    """A lesson of the case once, with the other documents' records that restate it."""

    hit: Hit
    also: list[Hit]


def _grouped(searcher: LessonSearcher, hits: list[Hit]) -> list[tuple[str, list[CaseLesson]]]:
    """The case's records by kind, a lesson restated in several documents listed once (at
    its first place in the case's documents, in their order on the page)."""
    grouped = []
    for kind in KIND_ORDER:
        of_kind = [h for h in hits if h.kind == kind]
        sketches = [searcher.sketch(h.text) for h in of_kind]
        groups = restatements(sketches, [h.doc_id for h in of_kind])
        lessons = [CaseLesson(of_kind[g[0]], [of_kind[p] for p in g[1:]]) for g in groups]
        if lessons:
            grouped.append((kind, lessons))
    return grouped


@bp.get("/cases")
def case_list() -> str | tuple[str, int]:
    try:
        board, year, theme, sort = case_filters()
    except ValueError as exc:
        return error_page(str(exc), 400)
    documents = get_searcher().documents
    cases = documents.cases(board=board, year=year, theme=theme, sort=sort)
    boards = sorted({c.board for c in documents.cases() if c.board})
    years = sorted({c.year for c in documents.cases() if c.year}, reverse=True)
    filters = {"board": board, "year": year, "theme": theme, "sort": sort}
    return render_template(
        "cases.html",
        cases=cases,
        documents=sum(len(c.documents) for c in cases),
        lessons=sum(c.lessons for c in cases),
        boards=boards,
        years=years,
        themes=taxonomy().themes,
        filters=filters,
        sorts=CASE_SORTS,
        sort_labels=SORT_LABELS,
        csv_url=url_for(
            "exports.cases_csv",
            **{k: v for k, v in filters.items() if v and (k, v) != ("sort", "newest")},
        ),
        **labels(),
    )


@bp.get("/cases/<case_id>")
def case_page(case_id: str) -> str:
    searcher = get_searcher()
    case = searcher.documents.case(case_id)
    if case is None:
        abort(404)
    hits = searcher.reading_order(SearchQuery(case=case_id))
    # The case's documents in the order the page lists them, so that a lesson is shown
    # at its place in the first document that says it.
    position = {d.doc_id: n for n, d in enumerate(case.documents)}
    hits.sort(key=lambda h: (position.get(h.doc_id, len(position)), h.lesson_id))
    return render_template(
        "case.html",
        case=case,
        summary=summary_record(searcher, case_id),
        groups=_grouped(searcher, hits),
        kind_plurals=KIND_PLURALS,
        similar=searcher.documents.similar_cases(case_id),
        archived_link=ArchiveLinks(data_dir(), viewer=viewer_available()),
        **labels(),
    )


@bp.get("/documents/<doc_id>")
def document_page(doc_id: str) -> str:
    if not DOC_ID.fullmatch(doc_id):
        abort(404)
    searcher = get_searcher()
    document = searcher.documents.document(doc_id)
    if document is None:
        abort(404)
    hits = searcher.reading_order(SearchQuery(doc_id=doc_id))
    learning = [h for h in hits if h.kind in ("lesson", "recommendation")]
    return render_template(
        "document.html",
        document=document,
        learning=learning,
        records=len(hits),
        archived_link=ArchiveLinks(data_dir(), viewer=viewer_available()),
        **labels(),
    )


@bp.get("/api/cases")
@json_errors(ValueError)
def api_cases() -> Response:
    board, year, theme, sort = case_filters()
    cases = get_searcher().documents.cases(board=board, year=year, theme=theme, sort=sort)
    return jsonify({"total": len(cases), "cases": [c.to_json(documents=False) for c in cases]})


@bp.get("/api/cases/<case_id>")
@json_errors()
def api_case(case_id: str) -> Response:
    searcher = get_searcher()
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
@json_errors()
def api_document(doc_id: str) -> Response:
    searcher = get_searcher()
    document = searcher.documents.document(doc_id) if DOC_ID.fullmatch(doc_id) else None
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
