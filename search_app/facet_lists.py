"""The search page's facets as shown: the chosen values first, the first few of each facet
with a link to list them all, and a box that narrows a long facet (cases, boards) to the
values holding some letters. Works as plain links and forms; search.js does the same in
place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from index import SearchResponse
from search_app.state import FACET_PARAMS, SearchState

SHOWN = 12  # values listed before "show all"
FINDABLE = ("case", "board")  # facets with a box that narrows their values
TITLES = {
    "theme": "Theme",
    "year": "Year",
    "case": "Case",
    "board": "Board",
    "doc_type": "Document type",
    "kind": "Kind",
}


@dataclass(frozen=True)
class FacetEntry:
    value: str | int
    label: str
    count: int
    href: str
    active: bool
    hidden: bool  # listed only when the facet is shown in full (or narrowed to it)


@dataclass(frozen=True)
class FacetList:
    name: str
    title: str
    entries: list[FacetEntry]
    size: int  # values the matching documents have (the response lists the commonest)
    expanded: bool
    found: str  # the letters the values are narrowed to
    findable: bool

    @property
    def hidden(self) -> int:
        return sum(e.hidden for e in self.entries)

    @property
    def listed(self) -> int:
        return len(self.entries)

    @property
    def shown(self) -> int:
        """Values listed before "show all"."""
        return SHOWN

    @property
    def collapsible(self) -> bool:
        return self.listed > SHOWN

    @property
    def matching(self) -> int:
        return sum(not e.hidden for e in self.entries)


def _matches(label: str, letters: str) -> bool:
    return letters.casefold() in label.casefold()


def facet_lists(
    response: SearchResponse, state: SearchState, label_of: Callable[[str, str], str]
) -> list[FacetList]:
    """Each facet with values, as the page lists it. `label_of(facet, label)` names a
    value (document types and kinds have readable names)."""
    out = []
    for name, values in response.facets.items():
        if not values or name not in FACET_PARAMS:
            continue
        param = FACET_PARAMS[name]
        expanded = state.expanded(name)
        found = state.found(name) if name in FINDABLE else ""
        chosen = [v for v in values if state.active(param, v.value)]
        ordered = chosen + [v for v in values if not state.active(param, v.value)]
        entries = []
        for position, value in enumerate(ordered):
            label = label_of(name, value.label)
            active = position < len(chosen)
            if found:
                hidden = not active and not _matches(label, found)
            else:
                hidden = not (expanded or active or position < SHOWN)
            href = state.toggle(param, value.value)
            entries.append(FacetEntry(value.value, label, value.count, href, active, hidden))
        size = max(response.facet_sizes.get(name, 0), len(values))
        findable = name in FINDABLE and size > SHOWN
        out.append(
            FacetList(name, TITLES.get(name, name), entries, size, expanded, found, findable)
        )
    return out
