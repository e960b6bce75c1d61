"""Indexing text fields without Whoosh's per-token generator chain.

Whoosh's StemmingAnalyzer runs a tokenizer and three filters as Python generators, one
Token object passed through four stages per word; indexing the national collection spends
a large part of its time there, three times over (the records' text, the documents' text
and the documents' spelling words). `StemmedText` is a TEXT field whose `index()` and
`spellable_words()` compute the very same terms, frequencies, weights and positions with
one regular expression and two list comprehensions. Queries and highlighting still use the
field's own StemmingAnalyzer, so what is written and what is searched cannot drift apart;
tests compare the two paths on every kind of text the product meets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pickle import dumps
from typing import Any

from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.formats import Frequency, Positions
from whoosh.lang.porter import stem
from whoosh.system import pack_uint

_MIN_SIZE = 2  # StemmingAnalyzer's StopFilter drops words shorter than this
# The tokenizer's own expression, without the capturing group (findall returns the match).
_WORDS = default_pattern.pattern.replace("(\\.?", "(?:\\.?")


class StemmedText(TEXT):
    """TEXT with StemmingAnalyzer's default settings, indexed in one pass per value."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(analyzer=StemmingAnalyzer(), **kwargs)
        self._setup()

    def _setup(self) -> None:
        self._words = re.compile(_WORDS, re.UNICODE).findall
        self._stems: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        # The compiled expression and the stem memo are rebuilt, not pickled into the TOC.
        return {k: v for k, v in self.__dict__.items() if k not in ("_words", "_stems")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._setup()

    def _kept(self, value: str) -> tuple[list[str], int]:
        """The lower-cased words the stop filter keeps, and the position of the first."""
        words = [w.lower() for w in self._words(value)]
        kept = [w for w in words if len(w) >= _MIN_SIZE and w not in STOP_WORDS]
        if not kept:
            return kept, 0
        # The stop filter renumbers from the first word it keeps, which keeps its place.
        first = 0
        for w in words:
            if len(w) >= _MIN_SIZE and w not in STOP_WORDS:
                break
            first += 1
        return kept, first

    def terms(self, value: str) -> tuple[list[str], int]:
        """The stemmed terms of `value` in order, and the position of the first."""
        kept, first = self._kept(value)
        stems = self._stems
        out = []
        for w in kept:
            s = stems.get(w)
            if s is None:
                if len(stems) > 200_000:  # bounded like the analyzer's own stem cache
                    stems.clear()
                s = stems[w] = stem(w)
            out.append(s)
        return out, first

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        fmt = self.format
        if not isinstance(value, str) or type(fmt) not in (Positions, Frequency) or kwargs:
            yield from super().index(value, **kwargs)
            return
        terms, first = self.terms(value)
        boost = fmt.field_boost
        if type(fmt) is Frequency:
            counts: dict[str, int] = {}
            for t in terms:
                counts[t] = counts.get(t, 0) + 1
            for t in counts:
                n = counts[t]
                yield t.encode("utf-8"), n, float(n) * boost, pack_uint(n)
            return
        places: dict[str, list[int]] = {}
        for i, t in enumerate(terms, first):
            p = places.get(t)
            if p is None:
                places[t] = [i]
            else:
                p.append(i)
        for t in places:
            poslist = places[t]
            deltas = [poslist[0]] + [b - a for a, b in zip(poslist, poslist[1:], strict=False)]
            n = len(poslist)
            yield t.encode("utf-8"), n, float(n) * boost, pack_uint(n) + dumps(deltas, 2)

    def spellable_words(self, value: Any) -> Iterator[str]:
        if not isinstance(value, str):
            return super().spellable_words(value)
        return iter(sorted(set(self._kept(value)[0])))
