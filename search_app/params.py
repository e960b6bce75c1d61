"""Request parameters -> SearchQuery, with a clear message for anything malformed."""

from __future__ import annotations

from collections.abc import Mapping

from werkzeug.datastructures import MultiDict

from index import QueryError, SearchQuery


def _int(args: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a whole number, got {raw[:40]!r}") from None


def _int_or(args: Mapping[str, str], name: str, default: int) -> int:
    value = _int(args, name)
    return default if value is None else value


def text_param(args: Mapping[str, str], name: str) -> str | None:
    """A parameter's text without surrounding spaces; None when it is missing or blank."""
    value = (args.get(name) or "").strip()
    return value or None


def parse_search_args(args: MultiDict[str, str], per_page_default: int = 10) -> SearchQuery:
    themes = tuple(dict.fromkeys(t.strip() for t in args.getlist("theme") if t.strip()))
    query = SearchQuery(
        q=(args.get("q") or "").strip(),
        themes=themes,
        year=_int(args, "year"),
        year_from=_int(args, "year_from"),
        year_to=_int(args, "year_to"),
        case=text_param(args, "case"),
        board=text_param(args, "board"),
        doc_type=text_param(args, "type"),
        kind=text_param(args, "kind"),
        doc_id=text_param(args, "doc"),
        sort=text_param(args, "sort") or "relevance",
        exact=(args.get("exact") or "") in ("1", "true", "yes"),
        page=_int_or(args, "page", 1),
        per_page=_int_or(args, "per_page", per_page_default),
    )
    return query.validate()
