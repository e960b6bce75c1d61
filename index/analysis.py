"""Indexing text fields without Whoosh's per-token generator chain.

Whoosh's analyzers run a tokenizer and filters as Python generators, one Token object
passed through every stage per word; indexing the national collection spent a large part of
its time there, three times over (the records' text, the documents' text and the
documents' spelling words). `StemmedText` and `Words` are TEXT fields whose `index()` and
`spellable_words()` compute the very same terms, frequencies, weights and positions as
StemmingAnalyzer and StandardAnalyzer with one regular expression and a few list
comprehensions, and a document's text can reuse its records' analysis (`Analysed`).
Queries and highlighting still use the field's own Whoosh analyzer, so what is written and
what is searched cannot drift apart; tests compare the two paths on the product's texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import STOP_WORDS, StandardAnalyzer, StemmingAnalyzer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.formats import Frequency, Positions
from whoosh.lang.porter import stem

from index.whoosh3.encoding import COMMON, FLOATS, frequency_value, positions_value

_MIN_SIZE = 2  # both analyzers' StopFilter drops words shorter than this
# The tokenizer's own expression, without the capturing group (findall returns the match).
_WORDS = default_pattern.pattern.replace("(\\.?", "(?:\\.?")
_STEM_MEMO = 200_000  # words; bounded like the analyzer's own stem cache


class Analysed(str):
    """A field value with its analysis attached, so that it is analysed once for both
    indexes: a record's text carries its terms, a document's text its records' term
    counts and words (tokens never span the blank line between records)."""

    terms: list[str] | None = None
    first: int = 0
    words: list[str] | set[str] | None = None
    counts: Counter[str] | None = None

    @classmethod
    def joined(cls, parts: Iterable[Analysed], sep: str = "\n\n") -> Analysed:
        parts = list(parts)
        value = cls(sep.join(parts))
        value.counts = Counter(t for p in parts for t in p.terms or ())
        value.words = {w for p in parts for w in p.words or ()}
        return value


class Mark:
    """A token as Whoosh's highlighter sees it: its term, where it is, and whether the
    query has it."""

    __slots__ = ("text", "startchar", "endchar", "matched", "boost")

    def __init__(self, text: str, startchar: int, endchar: int, matched: bool) -> None:
        self.text = text
        self.startchar = startchar
        self.endchar = endchar
        self.matched = matched
        self.boost = 1.0

    def copy(self) -> Mark:
        return Mark(self.text, self.startchar, self.endchar, self.matched)


class _FastText(TEXT):
    stemmed = False

    def __init__(self, **kwargs: Any) -> None:
        analyzer = StemmingAnalyzer() if self.stemmed else StandardAnalyzer()
        super().__init__(analyzer=analyzer, **kwargs)
        self._setup()

    def _setup(self) -> None:
        self._find = re.compile(_WORDS, re.UNICODE).findall
        self._finditer = re.compile(_WORDS, re.UNICODE).finditer
        self._stems: dict[str, str] = {}
        self._last: tuple[str, list[tuple[bytes, int, float, bytes]]] | None = None
        self._spelled: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        # The compiled expression and the memos are rebuilt, not pickled into the TOC.
        memos = ("_find", "_finditer", "_stems", "_last", "_spelled")
        return {k: v for k, v in self.__dict__.items() if k not in memos}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._setup()

    def _kept(self, value: str) -> tuple[list[str], int]:
        """The lower-cased words the stop filter keeps, and the position of the first."""
        words = [w.lower() for w in self._find(value)]
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

    def _stem(self, kept: list[str]) -> list[str]:
        stems = self._stems
        out = []
        for w in kept:
            s = stems.get(w)
            if s is None:
                if len(stems) > _STEM_MEMO:
                    stems.clear()
                s = stems[w] = stem(w)
            out.append(s)
        return out

    def marked(self, text: str, words: frozenset[str]) -> list[Mark]:
        """The tokens of `text` as the field's analyzer gives them to Whoosh's highlighter
        (index mode, stop words kept and not stemmed), marked where their term is one of
        `words`."""
        matches = list(self._finditer(text))
        terms = [m.group().lower() for m in matches]
        if self.stemmed:
            kept = [i for i, t in enumerate(terms) if len(t) >= _MIN_SIZE and t not in STOP_WORDS]
            for i, stemmed in zip(kept, self._stem([terms[i] for i in kept]), strict=True):
                terms[i] = stemmed
        return [
            Mark(t, m.start(), m.end(), t in words) for t, m in zip(terms, matches, strict=True)
        ]

    def analyse(self, value: str) -> Analysed:
        """`value` with its terms (and its unstemmed words) attached."""
        out = Analysed(value)
        kept, out.first = self._kept(value)
        out.words = kept
        out.terms = self._stem(kept) if self.stemmed else kept
        return out

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        fmt = self.format
        if not isinstance(value, str) or type(fmt) not in (Positions, Frequency) or kwargs:
            yield from super().index(value, **kwargs)
            return
        last = self._last
        if last is not None and last[0] == value:  # the board name of every record, say
            yield from last[1]
            return
        items = list(self._postings(value, fmt))
        self._last = (value, items) if len(value) < 200 else None
        yield from items

    def _postings(self, value: str, fmt: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        boost = fmt.field_boost
        common = boost == 1.0
        if type(fmt) is Frequency:
            counts = getattr(value, "counts", None)
            if counts is None:
                counts = Counter(self._terms_of(value)[0])
            for t, n in counts.items():
                weight = FLOATS[n] if common and n < COMMON else float(n) * boost
                yield t.encode("utf-8"), n, weight, frequency_value(n)
            return
        terms, first = self._terms_of(value)
        places: dict[str, list[int]] = {}
        for i, t in enumerate(terms, first):
            p = places.get(t)
            if p is None:
                places[t] = [i]
            else:
                p.append(i)
        for t, poslist in places.items():
            n = len(poslist)
            weight = FLOATS[n] if common and n < COMMON else float(n) * boost
            yield t.encode("utf-8"), n, weight, positions_value(poslist)

    def _terms_of(self, value: str) -> tuple[list[str], int]:
        if isinstance(value, Analysed) and value.terms is not None:
            return value.terms, value.first
        analysed = self.analyse(value)
        return analysed.terms or [], analysed.first

    def spellable_words(self, value: Any) -> Iterator[str]:
        """The words of `value` this field has not given before. Whoosh keeps a spelling
        word as a posting of document 0, once for every document that has it; a word list
        needs it once. A writer reads its own copy of the schema, so "before" means in the
        same segment: a word is kept once per segment (the spelling suggestions rank by
        how many documents have the word's stem, not by these postings)."""
        if not isinstance(value, str):
            return super().spellable_words(value)
        words = value.words if isinstance(value, Analysed) else None
        if words is None:
            words = self._kept(value)[0]
        new = set(words) - self._spelled
        self._spelled |= new
        return iter(sorted(new))


class StemmedText(_FastText):
    """TEXT with StemmingAnalyzer's default settings, indexed in one pass per value."""

    stemmed = True


class Words(_FastText):
    """TEXT with StandardAnalyzer's default settings (no stemming), indexed in one pass."""
