"""Learning packs for trainers: lessons collected across cases, kept in the browser (local
storage), shared as a link that encodes them, and exported as DOCX, Markdown or a printable
page. Nothing is kept per user on the server: a pack travels in the request.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import io
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request, send_file

from index import LESSON_ID, Hit
from search_app.archive import ArchiveLinks
from search_app.common import clean_text, json_error, json_errors, labels, slug
from search_app.pack_exports import to_docx, to_markdown
from search_app.pack_outline import ArchivedUrl, Outline, build_outline, citation_text
from search_app.resources import data_dir, get_searcher

bp = Blueprint("packs", __name__)

MAX_ITEMS = 100
MAX_NOTE = 2000
MAX_TITLE = 200
MAX_QUESTIONS = 4000


class PackError(ValueError):
    """A pack that cannot be read; the message says why."""


@dataclass
class PackItem:
    hit: Hit
    note: str


@dataclass
class Pack:
    title: str
    questions: str
    items: list[PackItem]


def decode_share(value: str) -> dict[str, Any]:
    """The pack in a share link: base64url of its JSON."""
    try:
        padded = value + "=" * (-len(value) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeError):
        raise PackError("the pack link is damaged") from None
    if not isinstance(data, dict):
        raise PackError("the pack link is damaged")
    return data


def _text(value: Any, limit: int, what: str) -> str:
    """A pack's text as every export can write it: what XML and UTF-8 cannot hold is
    dropped or replaced, the rest kept."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PackError(f"{what} must be text")
    return clean_text(value).strip()[:limit]


def _clean_hit(hit: Hit) -> Hit:
    """The lesson with its texts writable too (PDF text may hold form feeds and the like)."""
    texts = {
        f.name: clean_text(value)
        for f in dataclasses.fields(hit)
        if isinstance(value := getattr(hit, f.name), str)
    }
    return dataclasses.replace(hit, **texts)


def load_pack(data: dict[str, Any]) -> Pack:
    items = data.get("items", [])
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise PackError(f"a pack holds a list of at most {MAX_ITEMS} lessons")
    ids, notes = [], {}
    for item in items:
        lesson_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(lesson_id, str) or not LESSON_ID.fullmatch(lesson_id):
            raise PackError("a pack item needs the id of a lesson")
        ids.append(lesson_id)
        notes[lesson_id] = _text(item.get("note"), MAX_NOTE, "a note")
    hits = get_searcher().lessons_by_id(ids)
    return Pack(
        title=_text(data.get("title"), MAX_TITLE, "the title") or "Learning from case reviews",
        questions=_text(data.get("questions"), MAX_QUESTIONS, "the questions"),
        items=[PackItem(_clean_hit(hit), notes.get(hit.lesson_id, "")) for hit in hits],
    )


def citation(hit: Hit) -> str:
    """The lesson's citation in one line, the original's address last."""
    text = citation_text(hit)
    return text + (f". {hit.source_url}" if hit.source_url else "")


def _pack_from_request() -> Pack:
    share = request.args.get("share") or request.form.get("share") or ""
    if not share:
        raise PackError("no pack given (the share parameter is missing)")
    return load_pack(decode_share(share))


def _questions(pack: Pack) -> list[str]:
    return [line.strip() for line in pack.questions.splitlines() if line.strip()]


def archived_urls(base_url: str) -> ArchivedUrl:
    """Links to records' places in their archived copies, on `base_url` ("" for links
    within the app). An export is kept and handed out, so its links are built on the
    app's configured address, never the request's Host header."""
    links = ArchiveLinks(data_dir())

    def archived(hit: Hit) -> str | None:
        link = links(hit.doc_id, hit.sha256 or "", hit.lesson_id, hit.page)
        return base_url + link if link else None

    return archived


def outline(pack: Pack) -> Outline:
    return build_outline(
        pack.title,
        [(item.hit, item.note) for item in pack.items],
        _questions(pack),
        get_searcher(),
        archived_urls(current_app.extensions["base_url"]),
        date.today(),
    )


def _filename(pack: Pack, suffix: str) -> str:
    return slug(pack.title, 60, "learning-pack") + suffix


@bp.get("/pack")
def pack_page() -> str:
    return render_template("pack.html", **labels())


@bp.route("/pack/export.docx", methods=["GET", "POST"])
@json_errors(PackError)
def export_docx() -> Response:
    pack = _pack_from_request()
    return send_file(
        io.BytesIO(to_docx(outline(pack))),
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        as_attachment=True,
        download_name=_filename(pack, ".docx"),
    )


@bp.route("/pack/export.md", methods=["GET", "POST"])
@json_errors(PackError)
def export_markdown() -> Response:
    pack = _pack_from_request()
    return Response(
        to_markdown(outline(pack)),
        mimetype="text/markdown",
        headers={"Content-Disposition": f'attachment; filename="{_filename(pack, ".md")}"'},
    )


@bp.route("/pack/print", methods=["GET", "POST"])
@json_errors(PackError)
def print_page() -> str:
    pack = _pack_from_request()
    return render_template("pack_print.html", outline=outline(pack))


@bp.get("/api/lessons")
@json_errors()
def api_lessons() -> Response:
    """Lessons by id, with what a pack shows and cites (used by the pack page)."""
    ids = [i for i in (request.args.get("ids") or "").split(",") if i]
    if len(ids) > MAX_ITEMS or not all(LESSON_ID.fullmatch(i) for i in ids):
        return json_error(f"ids must be at most {MAX_ITEMS} lesson ids, comma-separated", 400)
    hits = get_searcher().lessons_by_id(ids)
    archived = archived_urls("")
    return jsonify(
        {
            "lessons": [
                {
                    "lesson_id": h.lesson_id,
                    "doc_id": h.doc_id,
                    "case": h.case,
                    "case_id": h.case_id,
                    "board": h.board,
                    "year": h.year,
                    "title": h.title,
                    "section": h.section,
                    "kind": h.kind,
                    "page": h.page,
                    "text": h.text,
                    "citation": citation(h),
                    "reference": citation_text(h),
                    "archived_url": archived(h),
                    "source_url": h.source_url,
                }
                for h in hits
            ]
        }
    )
