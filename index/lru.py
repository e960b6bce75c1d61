"""A small least-recently-used map: what the searcher keeps between searches (responses,
parsed queries, expansions, a document's records) without growing without bound."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")
_ABSENT = object()


class LRU(Generic[K, V]):
    """At most `size` entries; the least recently used goes first. Not locked: its owner
    holds whatever lock guards it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, default: Any = None) -> Any:
        """The value kept for `key` (now the most recently used), or `default`."""
        found = self._items.get(key, _ABSENT)
        if found is _ABSENT:
            return default
        self._items.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def get_or_make(self, key: K, make: Callable[[K], V]) -> V:
        found = self.get(key, _ABSENT)
        return self.put(key, make(key)) if found is _ABSENT else found

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items
