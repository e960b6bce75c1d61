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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from index.taxonomy import Taxonomy, Theme

DEFAULT_MIN_SCORE = 0.5  # one clean signal match is enough to tag a theme

# Each distinct signal counts 1, each repeat of a signal a quarter (at most 4 repeats);
# the score 1 - 0.5**weight maps 1 signal to 0.5, 2 to 0.75, 3 to 0.875 ...
_REPEAT_WEIGHT = 0.25
_MAX_REPEATS = 4

_SEP = r"[\s\-/]*"  # between words: spaces, hyphens, line breaks, or nothing ("nonmobile")
_WORD_SEP = r"[\s\-/]+"  # around a lone "*" (any one word)
_PLURAL = r"(?:'s|s'|es|s|')?"
_INNER_PLURAL = r"(?:'s|s'|es|s)?"
_CONSONANT_Y = re.compile(r"[b-df-hj-np-tv-z]y$")
_KEY_LEN = 4  # a signal is filed under the first letters of its first word

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u00a0\u2007\u2009\u202f\u3000", " "),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\ufeff", ""),
        "\ufb01": "fi",
        "\ufb02": "fl",
    }
)
# The few ASCII characters that normalise() changes; all the others are beyond ASCII.
_ASCII_FOLDED = "".join(chr(c) for c in _TRANSLATE if c < 128)


def _at_word_start(alternatives: list[str]) -> str:
    r"""``(?<!\w)(?:a1|a2|...)``, written as ``(?:c(?<!\wc)(?:rest|...)|...)`` when every
    alternative starts with a plain character c: alternatives grouped by that character, in
    their order, with the word-start check after it. The matches are the same (for a
    case-sensitive pattern), but sre can skip ahead to the possible first characters; a
    leading lookbehind disables that."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[:1]
        if not first or re.escape(first) != first or alternative[1:2] in ("?", "*", "+", "{"):
            return r"(?<!\w)(?:" + "|".join(alternatives) + ")"
        groups.setdefault(first, []).append(alternative[1:])
    return (
        "(?:"
        + "|".join(
            f"{first}(?<!\\w{first})(?:{'|'.join(rests)})" for first, rests in groups.items()
        )
        + ")"
    )


# Generic negation, applied to every theme (texts are lowercased before matching).
_NEGATION_CUE = re.compile(
    _at_word_start(
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


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes, odd spaces and ligatures to plain ASCII forms."""
    if text.isascii() and not any(c in text for c in _ASCII_FOLDED):
        return text  # most texts: nothing to fold, and str.isascii() costs nothing
    return text.translate(_TRANSLATE)


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    signal: int  # index into the theme's labels


@dataclass(frozen=True)
class _Probe:
    """The signals of one theme that start with one bucket key, as one anchored pattern."""

    theme: int
    pattern: re.Pattern[str]
    signals: tuple[int, ...]  # capture group n -> signal index signals[n - 1]


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
        self._buckets = _build_buckets(taxonomy.themes)
        self._abbreviations = _build_abbreviations(taxonomy.themes)
        self._combined = tuple(t for t in self._themes if t.all_of)
        # First letters of a text word -> every probe to try there; filled as words are seen.
        self._probe_cache: dict[str, tuple[_Probe, ...]] = {}
        # One C-level pass finds the word starts where some signal matches; the probes then
        # run only there (None: try every word, as when a signal starts with a lone "*").
        self._scan = _candidate_scan(self._buckets)
        self._abbreviation_scan = _abbreviation_scan(self._abbreviations)
        self._context = (
            re.compile(
                _at_word_start([_phrase_regex(w) for w in sorted(taxonomy.context, key=len)])
                + r"(?!\w)"
            )
            if taxonomy.context
            else None
        )

    def tag(self, text: str, min_score: float = DEFAULT_MIN_SCORE) -> list[tuple[str, float]]:
        """(theme id, score in 0..1) for every theme scoring at least ``min_score``,
        highest score first, then by id."""
        scores = {
            self._themes[i].id: _score(found) for i, found in self._signal_matches(text).items()
        }
        for combo in self._combined:
            parts = [scores.get(part, 0.0) for part in combo.all_of]
            if min(parts) >= min_score:
                scores[combo.id] = max(scores.get(combo.id, 0.0), min(parts))
        tagged = [(tid, s) for tid, s in scores.items() if s >= min_score and s > 0]
        return sorted(tagged, key=lambda item: (-item[1], item[0]))

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
        key = token[:_KEY_LEN]
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

    def _probes_for(self, prefix: str) -> tuple[_Probe, ...]:
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


# --- compiling the taxonomy ---------------------------------------------------------


def _theme_info(theme: Theme) -> _ThemeInfo:
    exclude = None
    keys: tuple[str, ...] = ()
    if theme.exclude:
        phrases = sorted(theme.exclude, key=len, reverse=True)
        exclude = re.compile(_at_word_start([_phrase_regex(p) for p in phrases]) + r"(?!\w)")
        keys = _minimal_keys(_phrase_key(p) for p in phrases)
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


_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")
_PROBE_TAIL = r")(?!\w)"


def _top_level_alternatives(body: str) -> list[str]:
    """The top-level alternatives of a regex body ("(?:a)|(?:b)")."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = body.index("]", i + 2 if body[i + 1] == "]" else i + 1) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
        i += 1
    out.append(body[start:])
    return out


_ESCAPE_CLASSES = "dDsSwW"  # the letter escapes a signal pattern may hold


def _skip_class(regex: str, i: int) -> int:
    """The index after the character class that starts at ``regex[i]`` ("[")."""
    i += 1
    if regex[i] == "^":
        i += 1
    if regex[i] == "]":
        i += 1
    while regex[i] != "]":
        i += 2 if regex[i] == "\\" else 1
    return i + 1


def _atom_end(regex: str, i: int) -> int:
    """The index after the atom that starts at ``regex[i]``: an escape, a class, a group or a
    character. ValueError for what a signal pattern does not hold ("|", "{", "\\1" ...)."""
    c = regex[i]
    if c == "\\":
        if regex[i + 1].isalnum() and regex[i + 1] not in _ESCAPE_CLASSES:
            raise ValueError(f"unexpected escape in {regex!r}")
        return i + 2
    if c == "[":
        return _skip_class(regex, i)
    if c == "(":
        depth, j = 0, i
        while True:
            if regex[j] == "\\":
                j += 2
                continue
            if regex[j] == "[":
                j = _skip_class(regex, j)
                continue
            depth += {"(": 1, ")": -1}.get(regex[j], 0)
            j += 1
            if depth == 0:
                return j
    if c in ")|{?*+":
        raise ValueError(f"unexpected {c!r} in {regex!r}")
    return i + 1


def _atoms(regex: str) -> list[str]:
    """A regex without a top-level "|" as its atoms, each with its quantifier:
    "ab(?:'s|s)?[\\s\\-/]*" -> ["a", "b", "(?:'s|s)?", "[\\s\\-/]*"]."""
    atoms: list[str] = []
    i = 0
    while i < len(regex):
        start, i = i, _atom_end(regex, i)
        if i < len(regex) and regex[i] in "?*+":
            i += 2 if regex[i + 1 : i + 2] in ("?", "+") else 1
        if i < len(regex) and regex[i] == "{":
            raise ValueError(f"unexpected repeat count in {regex!r}")
        atoms.append(regex[start:i])
    return atoms


def _trie_pattern(node: dict[str, Any]) -> str:
    """The regex of a trie of atoms ("" marks the end of a pattern). The scan only asks
    whether some pattern matches, so the order of the alternatives is free, and a pattern
    that ends at a node makes the longer ones through it redundant."""
    if not node or "" in node:
        return ""
    parts = [atom + _trie_pattern(child) for atom, child in sorted(node.items())]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _candidate_scan(buckets: dict[str, tuple[_Probe, ...]]) -> re.Pattern[str] | None:
    """A zero-width pattern that stops at every word start where some probe matches: the
    probes' signal patterns without their groups, as one trie of their atoms (shared
    beginnings such as "not(?:'s|s'|es|s)?[\\s\\-/]*" are tried once)."""
    if "" in buckets or not buckets:
        return None
    trie: dict[str, Any] = {}
    try:
        for key, probes in buckets.items():
            for probe in probes:
                inner = probe.pattern.pattern
                if not (inner.startswith("(?:") and inner.endswith(_PROBE_TAIL)):
                    return None
                body = _CAPTURE.sub("(?:", inner[3 : -len(_PROBE_TAIL)])
                for alternative in _top_level_alternatives(body):
                    if not (alternative.startswith("(?:" + key) and alternative.endswith(")")):
                        return None
                    node = trie
                    for atom in _atoms(alternative[3:-1]):
                        node = node.setdefault(atom, {})
                    node[""] = {}
        return re.compile(r"(?<!\w)(?=" + _trie_pattern(trie) + ")")
    except (re.error, ValueError, IndexError):
        return None


def _abbreviation_scan(abbreviations: dict[str, Any]) -> re.Pattern[str] | None:
    """Every whole word that is an abbreviation (or its plural), in one pass."""
    if not abbreviations:
        return re.compile(r"(?!)")  # matches nothing
    heads = sorted(abbreviations, key=len, reverse=True)
    try:
        return re.compile(_at_word_start([re.escape(h) for h in heads]) + r"s?(?!\w)")
    except re.error:
        return None


def _build_buckets(themes: Iterable[Theme]) -> dict[str, tuple[_Probe, ...]]:
    grouped: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for t, theme in enumerate(themes):
        seen: set[str] = set()
        for s, signal in enumerate(theme.signals):
            regex = _phrase_regex(signal)
            if regex not in seen:  # "online" and "on-line" are the same pattern
                seen.add(regex)
                grouped[_bucket_key(signal)][t].append((s, regex))
    buckets: dict[str, tuple[_Probe, ...]] = {}
    for key, by_theme in grouped.items():
        probes = []
        for t, entries in by_theme.items():
            # Longer phrases first, so that the most specific alternative wins.
            entries.sort(key=lambda e: len(e[1]), reverse=True)
            body = "|".join(f"({regex})" for _, regex in entries)
            pattern = re.compile(rf"(?:{body})(?!\w)")  # matched at the start of a word
            probes.append(_Probe(t, pattern, tuple(s for s, _ in entries)))
        buckets[key] = tuple(probes)
    return buckets


_AbbreviationIndex = dict[str, list[tuple[re.Pattern[str], list[tuple[int, int]]]]]


def _build_abbreviations(themes: Iterable[Theme]) -> _AbbreviationIndex:
    """Abbreviations by their first word (exact case) -> (pattern, [(theme, label)])."""
    targets: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for t, theme in enumerate(themes):
        for a, abbr in enumerate(theme.abbreviations):
            targets[normalise(abbr)].append((t, len(theme.signals) + a))
    index: _AbbreviationIndex = defaultdict(list)
    for abbr in sorted(targets, key=len, reverse=True):
        head = re.match(r"\w+", abbr)
        if head is None:
            continue  # the loader only accepts abbreviations starting with a letter or digit
        pattern = re.compile(rf"{re.escape(abbr)}(?:'?s)?(?!\w)")
        index[head.group()].append((pattern, targets[abbr]))
    return dict(index)


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/]+", normalise(phrase).strip().lower()) if w]


def _phrase_regex(phrase: str) -> str:
    """The regex for a lowercased text; the rules are in the header of themes.toml."""
    words = _words(phrase)
    out = ""
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if word == "*":
            out += (_WORD_SEP if out else "") + r"\w+" + (_WORD_SEP if not last else "")
            continue
        if out and not out.endswith(_WORD_SEP):
            out += _SEP
        out += _word_regex(word, last)
    return out


def _word_regex(word: str, last: bool) -> str:
    if word.endswith("*"):
        return _literal(word[:-1]) + r"\w*"
    if word == "and":
        return "(?:and|&)"
    if not word[-1].isalpha() or len(word) < 3:
        return _literal(word)
    if _CONSONANT_Y.search(word):
        return _literal(word[:-1]) + r"(?:y(?:'s)?|ies|ies')"
    # Any word may take a plural or possessive ending; only the last a bare apostrophe.
    return _literal(word) + (_PLURAL if last else _INNER_PLURAL)


def _literal(text: str) -> str:
    # Apostrophes are optional: "child's" also matches "childs".
    return "'?".join(re.escape(part) for part in text.split("'"))


def _stem(word: str) -> str:
    """The letters every match of ``word`` starts with (before any plural or ending)."""
    stem = word.rstrip("*")
    if not word.endswith("*") and len(stem) >= 3 and _CONSONANT_Y.search(stem):
        stem = stem[:-1]  # "injury" also matches "injuries"
    return stem


def _bucket_key(phrase: str) -> str:
    """First letters of the first word: text words starting so are tried for this phrase.
    "" (try at every word) when the phrase starts with a lone *."""
    first = _words(phrase)[0]
    if first == "*":
        return ""
    head = re.match(r"\w*", _stem(first))
    return head.group()[:_KEY_LEN] if head else ""


def _phrase_key(phrase: str) -> str:
    """The longest plain run of letters or digits that every match of the phrase contains."""
    runs: list[str] = []
    for word in _words(phrase):
        if word not in ("*", "and"):
            runs.extend(re.findall(r"[a-z0-9]+", _stem(word)))
    return max(runs, key=len, default="")


def _minimal_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Drop keys that contain another key: finding the shorter one is already enough."""
    kept: list[str] = []
    for key in sorted(set(keys), key=len):
        if not key:
            return ("",)  # a phrase without a usable key: always run the full pattern
        if not any(k in key for k in kept):
            kept.append(key)
    return tuple(kept)
