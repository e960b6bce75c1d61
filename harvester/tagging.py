"""Tag lesson text with the themes of the taxonomy (``index/themes.toml``).

Matching is tolerant of case (signals only), spacing, hyphenation, line breaks, curly
quotes and simple plurals; the rules are described in the header of ``themes.toml``.
Matches inside a theme's ``exclude`` phrases, or shortly after a generic negation such as
"no concerns about" or "not known to", do not count.

Speed: scanning a text once per theme with a large alternation is slow in Python's regex
engine (every position tries every phrase). Instead, the text is split into words once;
each word's first letters pick the few phrases that can start there (a "bucket"), and
only those are tried, anchored at that word. Abbreviations are looked up by their exact
first word in the same pass.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from harvester.signals import (
    KEY_LEN,
    Probe,
    abbreviation_scan,
    at_word_start,
    build_abbreviations,
    build_buckets,
    candidate_scan,
    minimal_keys,
    normalise,
    phrase_key,
    phrase_regex,
)
from index.taxonomy import Taxonomy, Theme

DEFAULT_MIN_SCORE = 0.5  # one clean signal match is enough to tag a theme

# Each distinct signal counts 1, each repeat of a signal a quarter (at most 4 repeats);
# the score 1 - 0.5**weight maps 1 signal to 0.5, 2 to 0.75, 3 to 0.875 ...
_REPEAT_WEIGHT = 0.25
_MAX_REPEATS = 4

# Generic negation, applied to every theme (texts are lowercased before matching).
_NEGATION_CUE = re.compile(
    at_word_start(
        [
            r"no\s+(?:known\s+|previous\s+|prior\s+|recorded\s+|reported\s+|significant\s+)?"
            r"(?:concerns?|evidence|indications?|suggestions?|signs?|history|reports?|knowledge"
            r"|mention|disclosures?|allegations?)"
            r"(?:\s+(?:about|regarding|around|of|that|re|in\s+relation\s+to|relating\s+to))?",
            r"no\s+known",
            r"not\s+known\s+to",
            r"nothing\s+to\s+suggest",
            r"denied\s+any",
            r"without\s+(?:any\s+)?(?:history|evidence|signs?)\s+of",
        ]
    )
    + r"(?!\w)"
)
_NEGATION_HINTS = ("no ", "no\n", "not known", "nothing to", "denied any", "without")
_NEGATION_WORDS = 7  # a negation reaches at most this many words ...
_CLAUSE_END = re.compile(  # ... and stops at the end of its clause
    r"[.;:!?()]|(?<!\w)(?:but|however|although|though|whereas|yet|despite|until|unless"
    r"|and\s+(?:the|he|she|they|his|her|their|it|there|this|that|a|an|was|were|had))(?!\w)"
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Tagged:
    """A theme given to a text. `sure` unless its only evidence is one ordinary word
    counted because safeguarding words stood near it ("shaken" near "baby"): enough for
    the theme's facet, too little to rank the text for a search about the theme. Everyday
    prose that mentions a baby or a child meets such words by chance, and on the judged
    queries ranking by them did worse than not, even among real reviews."""

    theme: str
    score: float
    sure: bool


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    signal: int  # index into the theme's labels


@dataclass(frozen=True)
class _ThemeInfo:
    id: str
    labels: tuple[str, ...]  # signals, then abbreviations, as written in the taxonomy
    exclude: re.Pattern[str] | None
    exclude_keys: tuple[str, ...]  # the exclude pattern can only match if one is present
    all_of: tuple[str, ...]
    # Signal index -> context words it needs nearby (context signals 1, everyday ones 2).
    needs: dict[int, int]


class ThemeTagger:
    """Tags text with theme ids and scores; build once, reuse for many texts."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._themes = tuple(_theme_info(t) for t in taxonomy.themes)
        self._buckets = build_buckets(taxonomy.themes)
        self._abbreviations = build_abbreviations(taxonomy.themes)
        self._combined = tuple(t for t in self._themes if t.all_of)
        # First letters of a text word -> every probe to try there; filled as words are seen.
        self._probe_cache: dict[str, tuple[Probe, ...]] = {}
        # One C-level pass finds the word starts where some signal matches; the probes then
        # run only there (None: try every word, as when a signal starts with a lone "*").
        self._scan = candidate_scan(self._buckets)
        self._abbreviation_scan = abbreviation_scan(self._abbreviations)
        self._context = (
            re.compile(
                at_word_start([phrase_regex(w) for w in sorted(taxonomy.context, key=len)])
                + r"(?!\w)"
            )
            if taxonomy.context
            else None
        )

    def tag(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[tuple[str, float]]:
        """(theme id, score in 0..1) for every theme scoring at least ``min_score``,
        highest score first, then by id."""
        return [(t.theme, t.score) for t in self.tag_evidence(text, min_score)]

    def tag_evidence(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[Tagged]:
        """The themes `tag` gives, each saying whether it rests on more than one ordinary
        word (see `Tagged.sure`)."""
        scores: dict[str, float] = {}
        sure: dict[str, bool] = {}
        for i, found in self._signal_matches(text).items():
            theme = self._themes[i]
            scores[theme.id] = _score(found)
            sure[theme.id] = any(m.signal not in theme.needs for m in found) or (
                len({m.signal for m in found}) > 1
            )
        for combo in self._combined:
            parts = [scores.get(part, 0.0) for part in combo.all_of]
            if min(parts) >= min_score and min(parts) > scores.get(combo.id, 0.0):
                scores[combo.id] = min(parts)
                sure[combo.id] = all(sure.get(part, False) for part in combo.all_of)
        tagged = [
            Tagged(tid, s, sure.get(tid, False))
            for tid, s in scores.items()
            if s >= min_score and s > 0
        ]
        return sorted(tagged, key=lambda t: (-t.score, t.theme))

    def theme_ids(self, text: str) -> list[str]:
        return [theme_id for theme_id, _ in self.tag(text)]

    def explain(self, text: str) -> dict[str, list[str]]:
        """The distinct signals (or abbreviations) that counted, per theme, in text order.
        Themes tagged only through ``all_of`` are not listed."""
        result: dict[str, list[str]] = {}
        for i, found in self._signal_matches(text).items():
            theme = self._themes[i]
            result[theme.id] = list(dict.fromkeys(theme.labels[f.signal] for f in found))
        return result

    def _signal_matches(self, text: str) -> dict[int, list[_Match]]:
        if not text:
            return {}
        norm = normalise(text)
        lowered = norm.lower()
        if len(lowered) != len(norm):  # a few characters lowercase to two; keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in norm)
        found = self._find(norm, lowered)
        if not found:
            return {}
        negations = _Scopes.negations(lowered)
        context = _Context(self._context, lowered)
        kept: dict[int, list[_Match]] = {}
        for i, matches in found.items():
            matches = self._drop_excluded(i, lowered, matches)
            kept[i] = [m for m in matches if not negations.covers(m.start)]
        # A text with a signal that needs no context is about safeguarding: its context
        # signals count anywhere in it.
        strong = any(m.signal not in self._themes[i].needs for i, ms in kept.items() for m in ms)
        result: dict[int, list[_Match]] = {}
        for i, matches in kept.items():
            needs = self._themes[i].needs
            matches = [
                m
                for m in matches
                if strong or m.signal not in needs or context.near(m.start, m.end, needs[m.signal])
            ]
            if matches:
                result[i] = sorted(matches, key=lambda m: m.start)
        return result

    def _find(self, norm: str, lowered: str) -> dict[int, list[_Match]]:
        if self._scan is None or self._abbreviation_scan is None:
            return self._find_word_by_word(norm, lowered)
        found: dict[int, list[_Match]] = {}
        last_end: dict[int, int] = {}  # per theme: a match may not start inside another
        for hit in self._scan.finditer(lowered):
            pos = hit.start()
            word = _WORD.match(lowered, pos)
            if word is None:
                continue
            self._probe(lowered, pos, word.group(), found, last_end)
        for m in self._abbreviation_scan.finditer(norm):
            self._find_abbreviation(m.group(), norm, m.start(), found)
        return found

    def _find_word_by_word(self, norm: str, lowered: str) -> dict[int, list[_Match]]:
        found: dict[int, list[_Match]] = {}
        last_end: dict[int, int] = {}  # per theme: a match may not start inside another
        abbreviations = self._abbreviations
        for word in _WORD.finditer(lowered):
            pos = word.start()
            self._probe(lowered, pos, word.group(), found, last_end)
            if abbreviations:
                original = norm[pos : word.end()]
                if original in abbreviations or original[:-1] in abbreviations:
                    self._find_abbreviation(original, norm, pos, found)
        return found

    def _probe(
        self,
        lowered: str,
        pos: int,
        token: str,
        found: dict[int, list[_Match]],
        last_end: dict[int, int],
    ) -> None:
        """Try the signals filed under `token`'s first letters at `pos`."""
        key = token[:KEY_LEN]
        probes = self._probe_cache.get(key)
        if probes is None:
            probes = self._probe_cache[key] = self._probes_for(key)
        for probe in probes:
            if pos < last_end.get(probe.theme, 0):
                continue
            m = probe.pattern.match(lowered, pos)
            if m is not None:
                found.setdefault(probe.theme, []).append(
                    _Match(pos, m.end(), probe.signals[m.lastindex - 1])
                )
                last_end[probe.theme] = m.end()

    def _probes_for(self, prefix: str) -> tuple[Probe, ...]:
        # Longer (more specific) keys first; a lone-* signal ("") is tried at every word.
        keys = [prefix[:n] for n in range(len(prefix), 0, -1)] + [""]
        return tuple(p for key in keys for p in self._buckets.get(key, ()))

    def _find_abbreviation(
        self, original: str, norm: str, pos: int, found: dict[int, list[_Match]]
    ) -> None:
        entries = self._abbreviations.get(original)
        if entries is None and original.endswith("s"):
            entries = self._abbreviations.get(original[:-1])
        for pattern, targets in entries or ():
            m = pattern.match(norm, pos)
            if m is not None:
                for theme, label in targets:
                    found.setdefault(theme, []).append(_Match(pos, m.end(), label))

    def _drop_excluded(self, i: int, lowered: str, matches: list[_Match]) -> list[_Match]:
        theme = self._themes[i]
        if theme.exclude is None or not any(k in lowered for k in theme.exclude_keys):
            return matches
        spans = [m.span() for m in theme.exclude.finditer(lowered)]
        return [m for m in matches if not any(m.start < e and s < m.end for s, e in spans)]


CONTEXT_REACH = 60  # characters either side of a context signal where its context words may be


class _Context:
    """Where the text speaks of children or practice. A plain word ("drinking", "delay",
    "training") says little in a text about something else: it counts only near two of
    the taxonomy's context words (in practice: in the same sentence or the next)."""

    def __init__(self, pattern: re.Pattern[str] | None, lowered: str) -> None:
        self._everywhere = pattern is None
        self._lowered = lowered
        self._pattern = pattern
        self._starts: list[int] | None = None

    def near(self, start: int, end: int, needed: int) -> bool:
        if self._everywhere:
            return True
        if self._starts is None:
            assert self._pattern is not None
            self._starts = [m.start() for m in self._pattern.finditer(self._lowered)]
        last = bisect_right(self._starts, end + CONTEXT_REACH)
        first = bisect_left(self._starts, start - CONTEXT_REACH)
        return last - first >= needed


class _Scopes:
    """Sorted, non-overlapping half-open text ranges with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    @classmethod
    def negations(cls, lowered: str) -> _Scopes:
        spans: list[tuple[int, int]] = []
        if not any(hint in lowered for hint in _NEGATION_HINTS):
            return cls(spans)
        for cue in _NEGATION_CUE.finditer(lowered):
            start = cue.end()
            end = _negation_end(lowered, start)
            if spans and start < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return cls(spans)

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


def _negation_end(text: str, start: int) -> int:
    end = len(text)
    for count, word in enumerate(_WORD.finditer(text, start), start=1):
        if count == _NEGATION_WORDS:
            end = word.end()
            break
    clause = _CLAUSE_END.search(text, start, end)
    return clause.start() if clause else end


def _score(found: list[_Match]) -> float:
    distinct = len({f.signal for f in found})
    repeats = min(len(found) - distinct, _MAX_REPEATS)
    return round(1 - 0.5 ** (distinct + _REPEAT_WEIGHT * repeats), 3)


def _theme_info(theme: Theme) -> _ThemeInfo:
    exclude = None
    keys: tuple[str, ...] = ()
    if theme.exclude:
        phrases = sorted(theme.exclude, key=len, reverse=True)
        exclude = re.compile(at_word_start([phrase_regex(p) for p in phrases]) + r"(?!\w)")
        keys = minimal_keys(phrase_key(p) for p in phrases)
    return _ThemeInfo(
        id=theme.id,
        labels=theme.signals + theme.abbreviations,
        exclude=exclude,
        exclude_keys=keys,
        all_of=theme.all_of,
        needs={
            i: 2 if s in theme.everyday_signals else 1
            for i, s in enumerate(theme.signals)
            if s in theme.context_signals or s in theme.everyday_signals
        },
    )
