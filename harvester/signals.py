"""Signal phrases compiled to patterns: the matching rules of ``index/themes.toml`` (case,
spacing, hyphens, plurals, ``*``) as regexes, filed by the first letters of their first
word ("buckets") so that the tagger tries only the phrases that can start at a word, and
one scan per text that finds those word starts."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from index.taxonomy import Theme

_SEP = r"[\s\-/]*"  # between words: spaces, hyphens, line breaks, or nothing ("nonmobile")
_WORD_SEP = r"[\s\-/]+"  # around a lone "*" (any one word)
_PLURAL = r"(?:'s|s'|es|s|')?"
_INNER_PLURAL = r"(?:'s|s'|es|s)?"
_CONSONANT_Y = re.compile(r"[b-df-hj-np-tv-z]y$")
KEY_LEN = 4  # a signal is filed under the first letters of its first word

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


def at_word_start(alternatives: list[str]) -> str:
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


def normalise(text: str) -> str:
    """Fold typographic quotes, dashes, odd spaces and ligatures to plain ASCII forms."""
    if text.isascii() and not any(c in text for c in _ASCII_FOLDED):
        return text  # most texts: nothing to fold, and str.isascii() costs nothing
    return text.translate(_TRANSLATE)


@dataclass(frozen=True)
class Probe:
    """The signals of one theme that start with one bucket key, as one anchored pattern."""

    theme: int
    pattern: re.Pattern[str]
    signals: tuple[int, ...]  # capture group n -> signal index signals[n - 1]


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


def candidate_scan(buckets: dict[str, tuple[Probe, ...]]) -> re.Pattern[str] | None:
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


def abbreviation_scan(abbreviations: dict[str, Any]) -> re.Pattern[str] | None:
    """Every whole word that is an abbreviation (or its plural), in one pass."""
    if not abbreviations:
        return re.compile(r"(?!)")  # matches nothing
    heads = sorted(abbreviations, key=len, reverse=True)
    try:
        return re.compile(at_word_start([re.escape(h) for h in heads]) + r"s?(?!\w)")
    except re.error:
        return None


def build_buckets(themes: Iterable[Theme]) -> dict[str, tuple[Probe, ...]]:
    grouped: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    for t, theme in enumerate(themes):
        seen: set[str] = set()
        for s, signal in enumerate(theme.signals):
            regex = phrase_regex(signal)
            if regex not in seen:  # "online" and "on-line" are the same pattern
                seen.add(regex)
                grouped[_bucket_key(signal)][t].append((s, regex))
    buckets: dict[str, tuple[Probe, ...]] = {}
    for key, by_theme in grouped.items():
        probes = []
        for t, entries in by_theme.items():
            # Longer phrases first, so that the most specific alternative wins.
            entries.sort(key=lambda e: len(e[1]), reverse=True)
            body = "|".join(f"({regex})" for _, regex in entries)
            pattern = re.compile(rf"(?:{body})(?!\w)")  # matched at the start of a word
            probes.append(Probe(t, pattern, tuple(s for s, _ in entries)))
        buckets[key] = tuple(probes)
    return buckets


AbbreviationIndex = dict[str, list[tuple[re.Pattern[str], list[tuple[int, int]]]]]


def build_abbreviations(themes: Iterable[Theme]) -> AbbreviationIndex:
    """Abbreviations by their first word (exact case) -> (pattern, [(theme, label)])."""
    targets: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for t, theme in enumerate(themes):
        for a, abbr in enumerate(theme.abbreviations):
            targets[normalise(abbr)].append((t, len(theme.signals) + a))
    index: AbbreviationIndex = defaultdict(list)
    for abbr in sorted(targets, key=len, reverse=True):
        head = re.match(r"\w+", abbr)
        if head is None:
            continue  # the loader only accepts abbreviations starting with a letter or digit
        pattern = re.compile(rf"{re.escape(abbr)}(?:'?s)?(?!\w)")
        index[head.group()].append((pattern, targets[abbr]))
    return dict(index)


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s\-/]+", normalise(phrase).strip().lower()) if w]


def phrase_regex(phrase: str) -> str:
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
    return head.group()[:KEY_LEN] if head else ""


def phrase_key(phrase: str) -> str:
    """The longest plain run of letters or digits that every match of the phrase contains."""
    runs: list[str] = []
    for word in _words(phrase):
        if word not in ("*", "and"):
            runs.extend(re.findall(r"[a-z0-9]+", _stem(word)))
    return max(runs, key=len, default="")


def minimal_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Drop keys that contain another key: finding the shorter one is already enough."""
    kept: list[str] = []
    for key in sorted(set(keys), key=len):
        if not key:
            return ("",)  # a phrase without a usable key: always run the full pattern
        if not any(k in key for k in kept):
            kept.append(key)
    return tuple(kept)
