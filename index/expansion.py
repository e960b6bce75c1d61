"""Query expansion from the theme taxonomy.

Practitioners search in abbreviations ("DV", "NAI", "SUDI", "CSE", "FII") and in words that
a review may not use literally. The taxonomy already knows both: each theme's abbreviations
and signal phrases. An abbreviation in a query is widened to its theme's main phrases and
its theme tag; a query naming a theme in other words also matches lessons tagged with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.taxonomy import Taxonomy

PHRASES_PER_THEME = 3
# A record whose sure tag is the theme the query names outranks one that holds a single
# word of the query by chance: a word scores up to ~10 in a short record, a tag 10 (16 on
# a lesson). At 6 a lesson on the theme fell below chance "Lesson 6: ... hidden ..."
# records of everyday text (tests/test_scale.py).
THEME_BOOST = 10.0
# A search about a theme matches the records whose tag for it is sure: not those tagged
# for one ordinary word (harvester.tagging.Tagged), which plain prose meets by chance.
THEME_FIELD = "sure_themes"
MEANING_BOOST = 2.0
# A query's tokens: a quoted phrase, or a run without spaces.
TOKEN = re.compile(r'"[^"]*"|\S+')
_WORDS = re.compile(r"[a-z0-9]+")


def _pattern(phrase: str) -> re.Pattern[str] | None:
    """A signal as a regex over lower-cased query text; `*` ends a word with anything."""
    words = [w for w in re.split(r"[^a-z0-9*]+", phrase.lower()) if w.strip("*")]
    if not words or sum(len(w.strip("*")) for w in words) <= 3:
        return None
    parts = [re.escape(w.replace("*", "")) + (r"\w*" if "*" in w else "") for w in words]
    return re.compile(r"\b" + r"\W+".join(parts) + r"\b")


def _plain(phrase: str) -> str | None:
    """A signal usable as a query phrase (no wildcards), normalised."""
    if "*" in phrase:
        return None
    words = _WORDS.findall(phrase.lower())
    return " ".join(words) if words else None


@dataclass(frozen=True)
class Expander:
    abbreviations: dict[str, str]  # lower-cased abbreviation -> theme id
    meanings: dict[str, str]  # lower-cased abbreviation -> what it stands for
    phrases: dict[str, tuple[str, ...]]  # theme id -> phrases to search for it
    signals: tuple[tuple[re.Pattern[str], str], ...]  # (signal pattern, theme id)
    # The words of the taxonomy's labels, signals and meanings: safeguarding's vocabulary,
    # which a misspelled query word more likely meant than an everyday word as near.
    words: frozenset[str] = frozenset()

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> Expander:
        abbreviations: dict[str, str] = {}
        phrases: dict[str, tuple[str, ...]] = {}
        signals: list[tuple[re.Pattern[str], str]] = []
        for theme in taxonomy.themes:
            for abbreviation in theme.abbreviations:
                abbreviations.setdefault(abbreviation.lower(), theme.id)
            plain = [p for p in (_plain(s) for s in theme.signals) if p]
            phrases[theme.id] = tuple(dict.fromkeys(plain[:PHRASES_PER_THEME]))
            patterns = (_pattern(s) for s in (*theme.signals, theme.label))
            signals.extend((p, theme.id) for p in patterns if p is not None)
        meanings = {k.lower(): v for k, v in taxonomy.meanings.items()}
        texts = [
            *(t.label for t in taxonomy.themes),
            *(s for t in taxonomy.themes for s in t.signals),
            *meanings.values(),
        ]
        words = frozenset(
            w for text in texts for w in _WORDS.findall(text.lower().replace("*", ""))
        )
        return cls(abbreviations, meanings, phrases, tuple(signals), words)

    def theme_words(self, text: str) -> list[str]:
        """Themes whose signal phrases (or label) appear in the query text."""
        lowered = text.lower()
        found: list[str] = []
        for pattern, theme_id in self.signals:
            if theme_id not in found and pattern.search(lowered):
                found.append(theme_id)
        return found

    def related_themes(self, query: str) -> list[str]:
        """Themes the query names, by abbreviation or in words."""
        found = [
            self.abbreviations[t] for t in _WORDS.findall(query.lower()) if t in self.abbreviations
        ]
        return list(dict.fromkeys([*found, *self.theme_words(query)]))

    def expand(self, query: str) -> str:
        """The query with abbreviations widened and theme tags added as optional clauses."""
        return joined(*self.pieces(query))

    def pieces(self, query: str) -> tuple[list[str], str]:
        """What `expand` joins: each of the query's tokens (an abbreviation widened to a
        group of options), and the theme tags as one clause ("" for none)."""
        parts: list[str] = []
        themes: list[str] = []
        for token in TOKEN.findall(query):
            bare = token.strip("()[]{},.;:!?").lower()
            quoted = token.startswith('"')
            theme_id = None if quoted else self.abbreviations.get(bare)
            meaning = None if quoted else self.meanings.get(bare)
            if theme_id is None and meaning is None:
                parts.append(token)
                continue
            # What the abbreviation stands for first and strongest, then its theme's words.
            options = [token]
            if meaning:
                options.append(f'"{_plain(meaning)}"^{MEANING_BOOST}')
            if theme_id:
                options.extend(f'"{p}"' for p in self.phrases.get(theme_id, ()))
                themes.append(theme_id)
            parts.append("(" + " OR ".join(options) + ")")
        for theme_id in self.theme_words(query):
            if theme_id not in themes:
                themes.append(theme_id)
        return parts, " OR ".join(f"{THEME_FIELD}:{t}^{THEME_BOOST}" for t in themes)


def joined(parts: list[str], tags: str) -> str:
    """An expansion's pieces as one query: the tokens, or the theme tags."""
    expanded = " ".join(parts)
    if tags:
        expanded = f"({expanded}) OR ({tags})" if expanded.strip() else tags
    return expanded
