"""The state of a search page, held in its URL: the query, the filters, the order, the page,
and how the facets are shown (a facet listed in full, a facet's values narrowed by a few
letters). Every link that changes one of them keeps the rest."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

# Facet name in the response -> URL parameter that filters on it.
FACET_PARAMS = {
    "theme": "theme",
    "year": "year",
    "case": "case",
    "board": "board",
    "doc_type": "type",
    "kind": "kind",
}
MORE = "more"  # a facet listed in full: ?more=case
FIND = "find_"  # a facet's values narrowed to those holding some letters: ?find_case=ruby
NOT_FILTERS = ("q", "per_page", "sort", "exact", MORE)

Item = tuple[str, str]


def shows_facets(name: str) -> bool:
    """A parameter that changes how the facets are shown, not what is found."""
    return name == MORE or name.startswith(FIND)


class SearchState:
    """The current URL's parameters, and links that change one of them."""

    def __init__(self, args: Any) -> None:
        self.items: list[Item] = [
            (k, v) for k, v in args.items(multi=True) if v.strip() and k != "page"
        ]

    def url(self, items: list[Item]) -> str:
        return "/?" + urlencode(items) if items else "/"

    def active(self, param: str, value: Any) -> bool:
        return (param, str(value)) in self.items

    def toggle(self, param: str, value: Any) -> str:
        """Add or remove a filter value; the facets' search boxes are emptied."""
        pair = (param, str(value))
        items = [i for i in self.items if not i[0].startswith(FIND)]
        if pair in items:
            return self.url([i for i in items if i != pair])
        kept = items if param == "theme" else [i for i in items if i[0] != param]
        return self.url([*kept, pair])

    def page(self, number: int) -> str:
        return self.url([*self.items, ("page", str(number))])

    def with_query(self, q: str, exact: bool = False) -> str:
        kept = [i for i in self.items if i[0] not in ("q", "exact")]
        return self.url([("q", q), *kept, *([("exact", "1")] if exact else [])])

    def within_document(self, doc_id: str) -> str:
        return self.url([*[i for i in self.items if i[0] != "doc"], ("doc", doc_id)])

    def within_case(self, case_id: str) -> str:
        return self.url(
            [*[i for i in self.items if i[0] not in ("case", "page")], ("case", case_id)]
        )

    def filters(self) -> list[Item]:
        return [(k, v) for k, v in self.items if k not in NOT_FILTERS and not shows_facets(k)]

    def kept(self) -> list[Item]:
        """What a new query from the search box keeps: the filters and the order."""
        return [(k, v) for k, v in self.items if k not in ("q", "per_page") and not shows_facets(k)]

    def without(self, dropped: set[Item]) -> SearchState:
        """This state without some of its parameters (those a refused search could not
        read)."""
        other = SearchState.__new__(SearchState)
        other.items = [i for i in self.items if i not in dropped]
        return other

    def sort(self) -> str:
        return next((v for k, v in self.items if k == "sort"), "relevance")

    def sorted_by(self, order: str) -> str:
        kept = [i for i in self.items if i[0] != "sort"]
        return self.url(kept if order == "relevance" else [*kept, ("sort", order)])

    # -- how the facets are shown --

    def expanded(self, facet: str) -> bool:
        return (MORE, facet) in self.items

    def expand(self, facet: str) -> str:
        """The page with a facet listed in full, scrolled to it."""
        items = [i for i in self.items if i != (MORE, facet)]
        return self.url([*items, (MORE, facet)]) + f"#facet-{facet}"

    def collapse(self, facet: str) -> str:
        items = [i for i in self.items if i != (MORE, facet) and i[0] != FIND + facet]
        return self.url(items) + f"#facet-{facet}"

    def found(self, facet: str) -> str:
        """The letters a facet's values are narrowed to ("" for none)."""
        return next((v.strip() for k, v in self.items if k == FIND + facet), "")

    def finding(self, facet: str) -> list[Item]:
        """What a facet's search box sends along with its letters: everything else."""
        return [i for i in self.items if i[0] != FIND + facet]
