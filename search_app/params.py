"""Request parameters -> SearchQuery, with a clear message for anything malformed."""

from __future__ import annotations

from collections.abc import Container, Mapping

from werkzeug.datastructures import MultiDict

from index import QueryError, SearchQuery
from index.facets import FACETS
from search_app.state import FIND, MORE

# How a number parameter is named in a message, and a value it could take.
NUMBERS = {
    "year": ("The year", "2015"),
    "year_from": ("The first year", "2010"),
    "year_to": ("The last year", "2020"),
    "page": ("The page", "2"),
    "per_page": ("The number of results per page", "10"),
}


def _int(args: Mapping[str, str], name: str, default: int | None = None) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        named, example = NUMBERS.get(name, (name, "1"))
        raise QueryError(
            f"{named} must be a whole number, like {example}, not “{raw[:40]}”."
        ) from None


def _int_or(args: Mapping[str, str], name: str, default: int) -> int:
    value = _int(args, name)
    return default if value is None else value


def text_param(args: Mapping[str, str], name: str) -> str | None:
    """A parameter's text without surrounding spaces; None when it is missing or blank."""
    value = (args.get(name) or "").strip()
    return value or None


def parse_search_args(
    args: MultiDict[str, str],
    per_page_default: int = 10,
    known_themes: Container[str] | None = None,
) -> SearchQuery:
    """The search the parameters ask for. With `known_themes`, a theme id not among them is
    refused like an unknown type."""
    themes = tuple(dict.fromkeys(t.strip() for t in args.getlist("theme") if t.strip()))
    if known_themes is not None:
        for theme in themes:
            if theme not in known_themes:
                raise QueryError(
                    f"unknown theme {theme[:60]!r} (the Themes page, /themes, lists them)"
                )
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
        full_facets=full_facets(args),
    )
    return query.validate()


def full_facets(args: MultiDict[str, str]) -> tuple[str, ...]:
    """Facets to list with every value: one listed in full (`more=case`) or narrowed to
    some letters (`find_case=ruby`), on the page and in the API."""
    named = [v.strip() for v in args.getlist(MORE)]
    named += [k[len(FIND) :] for k, v in args.items(multi=True) if k.startswith(FIND) and v.strip()]
    return tuple(sorted({n for n in named if n in FACETS}))


def unreadable_params(
    args: MultiDict[str, str], known_themes: Container[str] | None = None
) -> set[tuple[str, str]]:
    """The parameters a search cannot read on their own: a word for a year, an unknown type
    or theme (the query's own words are the user's to change)."""
    bad = set()
    for name, value in args.items(multi=True):
        if name == "q":
            continue
        try:
            parse_search_args(MultiDict([(name, value)]), known_themes=known_themes)
        except QueryError:
            bad.add((name, value))
    return bad
