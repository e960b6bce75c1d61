"""Atom feeds: newly added documents, and new lessons matching a saved search.

`/feed.atom` lists the documents most recently found by the harvester. With any search
parameter of the search page (`q`, `theme`, `year`, `year_from`, `year_to`, `case`, `board`,
`type`, `kind`, `doc`, `exact`) it lists the lessons and recommendations that search finds,
ordered by when their document was first seen, newest first: a practitioner subscribes to
"new lessons on safe sleep". The feed is built with ElementTree, so every text is escaped.
"""

from __future__ import annotations

import dataclasses
import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, current_app, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from index import (
    DOC_ID,
    DocumentInfo,
    Hit,
    IndexMissingError,
    LessonSearcher,
    QueryError,
    SearchQuery,
)
from search_app.common import DOC_TYPE_LABELS, KIND_LABELS, clean_text
from search_app.params import parse_search_args
from search_app.resources import get_searcher, taxonomy

bp = Blueprint("feeds", __name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
MAX_ENTRIES = 50
TAG_DATE = "2025"  # the date part of the tag: URIs naming feeds and entries
SITE_NAME = "Case review lessons index"
# Search parameters a saved-search feed understands, in the order of its canonical URL.
FEED_PARAMS = (
    "q",
    "theme",
    "year",
    "year_from",
    "year_to",
    "case",
    "board",
    "type",
    "kind",
    "doc",
    "exact",
)
# Parameters of a copied search URL that mean nothing to a feed: checked, then ignored.
IGNORED_PARAMS = ("sort", "page", "per_page")
LEARNING_KINDS = ("lesson", "recommendation")  # a feed of "lessons" without kind=...
TRUE_VALUES = ("1", "true", "yes")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FeedParamError(ValueError):
    """A feed parameter that cannot be answered; the message goes back with a 400."""


def _plain_error(message: str, status: int) -> Response:
    return Response(
        clean_text(message) + "\n", status=status, content_type="text/plain; charset=utf-8"
    )


# --- parameters ------------------------------------------------------------------------


def canonical_items(args: MultiDict[str, str]) -> list[tuple[str, str]]:
    """The feed parameters of `args`, blank ones dropped, in a fixed order: two URLs for the
    same search give the same feed id. Themes are a set; every other parameter is read once
    (as the search page reads it)."""
    items: list[tuple[str, str]] = []
    for name in FEED_PARAMS:
        if name == "theme":
            themes = {t.strip() for t in args.getlist("theme") if t.strip()}
            items.extend(("theme", t) for t in sorted(themes))
        elif name == "exact":
            if (args.get("exact") or "") in TRUE_VALUES:
                items.append(("exact", "1"))
        else:
            value = (args.get(name) or "").strip()
            if value:
                items.append((name, value))
    return items


def _check(args: MultiDict[str, str], items: list[tuple[str, str]]) -> SearchQuery | None:
    """The saved search of the request, or None for the documents feed."""
    unknown = sorted({k for k in args if k not in FEED_PARAMS and k not in IGNORED_PARAMS})
    if unknown:
        known = ", ".join(FEED_PARAMS)
        raise FeedParamError(f"unknown parameter {unknown[0][:40]!r} (known: {known})")
    query = parse_search_args(args)  # QueryError for anything the search page rejects
    for theme in query.themes:
        if theme not in taxonomy():
            raise FeedParamError(f"unknown theme {theme[:60]!r}")
    if query.doc_id and not DOC_ID.fullmatch(query.doc_id):
        raise FeedParamError(f"doc must be a document id, got {query.doc_id[:40]!r}")
    if not [k for k, _v in items if k != "exact"]:
        return None
    # A feed has no pages and its own order: keep the search, drop paging and sorting.
    defaults = SearchQuery()
    return dataclasses.replace(
        query, page=defaults.page, per_page=defaults.per_page, sort=defaults.sort
    )


def feed_url(args: MultiDict[str, str] | None = None, external: bool = False) -> str:
    """The feed of a search (the request's, unless `args` are given): for the search page's
    "subscribe" link. Parameters the feed does not know are left out."""
    items = canonical_items(request.args if args is None else args)
    base = _absolute("feeds.feed") if external else url_for("feeds.feed")
    return f"{base}?{urlencode(items)}" if items else base


@bp.app_context_processor
def _feed_link() -> dict[str, Any]:
    return {"feed_url": feed_url}


# --- what goes into the feeds ------------------------------------------------------------


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def seen_at(document: DocumentInfo | None) -> datetime:
    """When the document was first seen: its time in the feed. Documents indexed from files
    have no harvest times; they get the first day of their year (or 1970), which stays put."""
    if document is None:
        return EPOCH
    found = _time(document.first_seen) or _time(document.last_seen)
    if found:
        return found
    return datetime(document.year, 1, 1, tzinfo=UTC) if document.year else EPOCH


def newest_first(documents: Iterable[DocumentInfo]) -> list[DocumentInfo]:
    """Documents by first seen, newest first; ties (one harvest run) by year, newest first,
    then title and id, so the order is the same on every request."""

    def key(d: DocumentInfo) -> tuple[Any, ...]:
        first = _time(d.first_seen)
        return (first is None, -(first or EPOCH).timestamp(), -(d.year or 0), d.title, d.doc_id)

    return sorted(documents, key=key)


def _count_and_hits(
    searcher: LessonSearcher, sq: SearchQuery, q: str, rank: dict[str, int]
) -> tuple[int, list[Hit]]:
    """Every record the search finds (the search page's parsing, expansion and filters; no
    ranking window, no collapsing), by its document's rank, then in reading order."""
    last = len(rank)
    return searcher.matching(
        dataclasses.replace(sq, q=q),
        rank=lambda doc_id, order: (rank.get(doc_id, last), doc_id, order),
        limit=MAX_ENTRIES,
        kinds=LEARNING_KINDS,
    )


def matching_lessons(
    searcher: LessonSearcher, sq: SearchQuery, documents: Sequence[DocumentInfo]
) -> tuple[str, list[Hit]]:
    """The newest lessons of a saved search, and the query searched: like the search page, a
    misspelled query is replaced by its correction when that finds more."""
    rank = {d.doc_id: i for i, d in enumerate(documents)}
    total, hits = _count_and_hits(searcher, sq, sq.q, rank)
    suggestion = None if sq.exact else searcher.suggest(sq.q)
    if suggestion:
        corrected_total, corrected = _count_and_hits(searcher, sq, suggestion, rank)
        if corrected_total > total:
            return suggestion, corrected
    return sq.q, hits


# --- Atom ----------------------------------------------------------------------------------


def _atom_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: clean_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = clean_text(text)
    return element


def _absolute(endpoint: str, **values: Any) -> str:
    """An absolute link on the configured base URL: a forged Host header never reaches a
    feed that readers and caches keep."""
    return current_app.extensions["base_url"] + url_for(endpoint, **values)


def _tag(kind: str, name: str) -> str:
    authority = current_app.config.get("FEED_TAG_AUTHORITY") or (
        urlsplit(current_app.extensions["base_url"]).hostname or "localhost"
    )
    return f"tag:{authority.lower()},{TAG_DATE}:{kind}/{name}"


def _is_web(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(clean_text(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _html(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs if p)


def _link_html(href: str, label: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(label)}</a>'


def _document_links(entry: ET.Element, doc_id: str, sha256: str | None, page: int | None) -> None:
    _add(entry, "link", rel="alternate", type="text/html", href=_document_url(doc_id))
    if sha256:
        title = f"Archived copy, page {page}" if page else "Archived copy"
        _add(entry, "link", rel="related", href=_archived_url(doc_id, page), title=title)


def _document_url(doc_id: str) -> str:
    return _absolute("cases.document_page", doc_id=doc_id)


def _archived_url(doc_id: str, page: int | None = None) -> str:
    url = _absolute("search.archived_copy", doc_id=doc_id)
    return f"{url}#page={page}" if page else url


def _categories(entry: ET.Element, themes: Iterable[str]) -> None:
    label = taxonomy().label
    for theme in themes:
        _add(entry, "category", term=theme, label=label(theme))


def _feed(
    feed_id: str, title: str, subtitle: str, self_url: str, html_url: str, updated: datetime
) -> ET.Element:
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: "en-GB"})
    _add(root, "id", feed_id)
    _add(root, "title", title)
    _add(root, "subtitle", subtitle)
    _add(root, "updated", _atom_time(updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(root, "link", rel="alternate", type="text/html", href=html_url)
    author = _add(root, "author")
    _add(author, "name", SITE_NAME)
    _add(author, "uri", _absolute("search.page"))
    _add(root, "generator", SITE_NAME)
    return root


def _document_entry(root: ET.Element, document: DocumentInfo) -> None:
    entry = _add(root, "entry")
    _add(entry, "id", _tag("document", document.doc_id))
    _add(entry, "title", document.title or "Untitled document")
    moment = _atom_time(seen_at(document))
    _add(entry, "updated", moment)
    _add(entry, "published", moment)
    author = _add(entry, "author")
    _add(author, "name", document.board or "Unknown board")
    _document_links(entry, document.doc_id, document.sha256, None)
    if _is_web(document.source_url):
        _add(entry, "link", rel="via", type="text/html", href=document.source_url)
    _categories(entry, document.themes)
    kind = DOC_TYPE_LABELS.get(document.doc_type, document.doc_type)
    facts = [kind, document.case, document.board, document.published or document.year]
    lessons = document.kinds.get("lesson", 0) + document.kinds.get("recommendation", 0)
    themes = ", ".join(taxonomy().label(t) for t in document.themes)
    summary = " · ".join(str(f) for f in facts if f)
    _add(entry, "summary", f"{summary}. {lessons} lessons and recommendations.")
    links = [_link_html(_document_url(document.doc_id), "Lessons in this document")]
    if document.sha256:
        links.append(_link_html(_archived_url(document.doc_id), "Archived copy"))
    if _is_web(document.source_url):
        links.append(_link_html(document.source_url, "Original"))
    body = _html(
        html.escape(" · ".join(str(f) for f in facts if f)),
        html.escape(f"{document.pages} pages; {lessons} lessons and recommendations."),
        html.escape(f"Themes: {themes}") if themes else "",
        " · ".join(links),
    )
    _add(entry, "content", body, type="html")


def _lesson_title(hit: Hit) -> str:
    where = hit.case or hit.title or "Case review"
    if hit.year:
        where = f"{where} ({hit.year})"
    kind = KIND_LABELS.get(hit.kind, hit.kind)
    return f"{where}, {kind.lower()}: {_shorten(hit.text, 90)}"


def _lesson_entry(root: ET.Element, hit: Hit, document: DocumentInfo | None) -> None:
    entry = _add(root, "entry")
    _add(entry, "id", _tag("lesson", hit.lesson_id))
    _add(entry, "title", _lesson_title(hit))
    moment = _atom_time(seen_at(document))
    _add(entry, "updated", moment)
    _add(entry, "published", moment)
    author = _add(entry, "author")
    _add(author, "name", hit.board or "Unknown board")
    _document_links(entry, hit.doc_id, hit.sha256, hit.page)
    if _is_web(hit.source_url):
        _add(entry, "link", rel="via", type="text/html", href=hit.source_url)
    _categories(entry, hit.themes)
    _add(entry, "summary", _shorten(hit.text, 300))
    kind = KIND_LABELS.get(hit.kind, hit.kind)
    facts = [
        kind,
        hit.case,
        hit.board,
        hit.year,
        hit.title,
        hit.section,
        f"page {hit.page}" if hit.page else None,
    ]
    links = [_link_html(_document_url(hit.doc_id), "The document and its lessons")]
    if hit.sha256:
        label = f"Archived copy at page {hit.page}" if hit.page else "Archived copy"
        links.append(_link_html(_archived_url(hit.doc_id, hit.page), label))
    if _is_web(hit.source_url):
        links.append(_link_html(hit.source_url, "Original"))
    themes = ", ".join(taxonomy().label(t) for t in hit.themes)
    body = _html(
        html.escape(clean_text(hit.text)),
        html.escape(" · ".join(str(f) for f in facts if f)),
        html.escape(f"Themes: {themes}") if themes else "",
        " · ".join(links),
    )
    _add(entry, "content", body, type="html")


def _describe(items: list[tuple[str, str]], q: str, searched: str) -> str:
    label = taxonomy().label
    parts: list[str] = []
    if q:
        parts.append(f"“{q}”" if q == searched else f"“{searched}” (for “{q}”)")
    names = {
        "theme": lambda v: f"theme {label(v)}",
        "year": lambda v: f"year {v}",
        "year_from": lambda v: f"from {v}",
        "year_to": lambda v: f"to {v}",
        "case": lambda v: f"case {v}",
        "board": lambda v: f"board {v}",
        "type": lambda v: DOC_TYPE_LABELS.get(v, v).lower(),
        "kind": lambda v: f"{KIND_LABELS.get(v, v).lower()}s only",
        "doc": lambda v: "one document",
    }
    parts.extend(names[k](v) for k, v in items if k in names)
    return ", ".join(parts)


def _response(root: ET.Element) -> Response:
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")
    response = Response(body.encode("utf-8"), content_type=CONTENT_TYPE)
    response.headers["Cache-Control"] = "public, max-age=300"
    response.add_etag()
    return response.make_conditional(request)


def _documents_feed(documents: list[DocumentInfo]) -> ET.Element:
    shown = documents[:MAX_ENTRIES]
    root = _feed(
        _tag("feed", "documents"),
        "Case review lessons: newly added documents",
        "Published case reviews, summaries and briefings, most recently found first.",
        _absolute("feeds.feed"),
        _absolute("search.page"),
        seen_at(shown[0]) if shown else EPOCH,
    )
    for document in shown:
        _document_entry(root, document)
    return root


def _lessons_feed(
    searcher: LessonSearcher,
    sq: SearchQuery,
    items: list[tuple[str, str]],
    documents: list[DocumentInfo],
) -> ET.Element:
    searched, hits = matching_lessons(searcher, sq, documents)
    by_id = {d.doc_id: d for d in documents}
    query = urlencode(items)
    what = "lessons and recommendations" if not sq.kind else f"{sq.kind}s"
    newest = seen_at(by_id.get(hits[0].doc_id)) if hits else None
    root = _feed(
        _tag("feed", f"lessons?{query}"),
        f"Case review lessons: {_describe(items, sq.q, searched)}",
        f"New {what} matching this search, by when their document was first found, "
        f"newest first (at most {MAX_ENTRIES}).",
        f"{_absolute('feeds.feed')}?{query}",
        f"{_absolute('search.page')}?{query}",
        # No match yet: the feed is as new as the index's newest document.
        newest or (seen_at(documents[0]) if documents else EPOCH),
    )
    for hit in hits:
        _lesson_entry(root, hit, by_id.get(hit.doc_id))
    return root


@bp.get("/feed.atom")
def feed() -> Response:
    items = canonical_items(request.args)
    try:
        sq = _check(request.args, items)
        searcher = get_searcher()
        documents = newest_first(searcher.documents.documents)
        if sq is None:
            return _response(_documents_feed(documents))
        return _response(_lessons_feed(searcher, sq, items, documents))
    except (QueryError, FeedParamError) as exc:
        return _plain_error(str(exc), 400)
    except IndexMissingError as exc:
        return _plain_error(str(exc), 503)
