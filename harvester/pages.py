"""Extracted pages made ready to read: ligatures folded, the line-end hyphens extraction
left open decided with the whole document's vocabulary, and running headers and footers
(a report's title, its page numbers) taken off every page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

PAGE_NUMBER_LINE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)

# -- line-end hyphens and ligatures ---------------------------------------------------------

# Extraction marks a hyphen at a line end with this character (U+2010 HYPHEN) when the page
# alone cannot tell a word the typesetter broke ("safe-" + "guarding") from a compound
# broken at its own hyphen ("multi-" + "agency"); segmentation decides with the whole
# document's vocabulary.
LINE_END_HYPHEN = "\u2010"
BROKEN_WORD = re.compile(r"(\w+)\u2010(\w+)")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Prefixes written with a hyphen in compounds: "non-" + "mobile" keeps its hyphen.
COMPOUND_PREFIXES = _word_set(
    "non multi pre post co self inter anti ex cross well semi sub step part full long short "
    "under over out one two three four five face joint half mid"
)
# Endings that are never a word of their own: "assess-" + "ment" is one word.
SUFFIXES = _word_set(
    "tion tions sion sions ment ments ness nesses ity ities ance ances ence ences ing ings "
    "ised ized ising izing isation ization ation ations ally ably ibly ible ous ive ives ist "
    "ists ism ary ory ial ially ual ually ure ures ency ancy ably iour iours ular"
)
# Long words common in case reviews, for pages too short to show them unbroken.
LEXICON = _word_set(
    """safeguarding safeguard practitioner professional professionally information
    assessment recommendation partnership organisation arrangement responsibility
    relationship appointment supervision understanding development environment
    circumstance involvement management experience vulnerable vulnerability communication
    investigation consultation accommodation attendance education exploitation intervention
    procedure significant significantly paediatric paediatrician hospital
    discussion referral chronology independent commission commissioned domestic emergency
    department important particularly including opportunity identified considered different
    described recorded agency engagement however therefore wellbeing neglect children
    additional appropriate assurance available community concern conference consideration
    continuing coordinated cooperation curiosity decision disability disclosure evidence
    families framework guidance household implementation improvement inspection
    interview learning local authority maternity midwife midwifery notification
    parental parenting particular pregnancy prevention protection provision psychiatric
    quality reflective relevant reporting requirement response review school service social
    strategy substance threshold visitor worker workforce"""
)
LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": "",
    }
)


def _stem(word: str) -> str:
    for ending in ("ings", "ing", "ers", "er", "ed", "es", "s", "ly"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


LEXICON_STEMS = frozenset(_stem(w) for w in LEXICON)


LETTERS = re.compile(r"[^\W\d_]+")
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


@dataclass
class Vocabulary:
    """The words a text writes whole, and its hyphenated compounds (lowercase)."""

    words: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)
    _stems: set[str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            text = BROKEN_WORD.sub(" ", text)
            vocabulary.words.update(w.lower() for w in LETTERS.findall(text))
            vocabulary.compounds.update(c.lower() for c in COMPOUND.findall(text))
        return vocabulary

    def knows(self, word: str) -> bool:
        """A word written whole in the text or common in reviews, or another form of one
        ("safeguarding" when the text has "safeguard")."""
        word = word.lower()
        if word in self.words or word in LEXICON:
            return True
        if self._stems is None:
            self._stems = {_stem(w) for w in self.words} | LEXICON_STEMS
        return _stem(word) in self._stems


def resolve_line_end_hyphens(text: str, vocabulary: Vocabulary, final: bool = True) -> str:
    """Decide each hyphen marked LINE_END_HYPHEN. Join the word when the joined word is one
    the text (or the common vocabulary of reviews) writes whole, or when the second part is
    only an ending ("assess-ment"); keep the hyphen for a compound ("multi-agency": a
    hyphenated form written elsewhere, a prefix such as "non-", a hyphen before a capital
    or a number). Undecided hyphens stay marked unless `final`; then a hyphen between two
    words is kept ("child-centred") and one between fragments dropped ("ad-ministrative")."""

    def decide(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        joined, hyphenated = first + second, f"{first}-{second}"
        if not (first.isalpha() and second.isalpha()) or second[0].isupper():
            return hyphenated
        if hyphenated.lower() in vocabulary.compounds:
            return hyphenated
        if vocabulary.knows(joined):
            return joined
        if first.lower() in COMPOUND_PREFIXES:
            return hyphenated
        if second.lower() in SUFFIXES:
            return joined
        if final and not (vocabulary.knows(first) or vocabulary.knows(second)):
            return joined  # neither part is a word: "ad-" + "ministrative"
        return hyphenated if final else match.group(0)

    return BROKEN_WORD.sub(decide, text)


def _clean_document(pages: list[str]) -> list[str]:
    """Ligatures (left in DOCX and HTML text pasted from PDFs) and the line-end hyphens
    that extraction left for the whole document to decide."""
    # LIGATURES only maps characters beyond ASCII, and most pages have none.
    pages = [p if p.isascii() else p.translate(LIGATURES) for p in pages]
    if not any(LINE_END_HYPHEN in p for p in pages):
        return pages
    vocabulary = Vocabulary.of(pages)
    return [resolve_line_end_hyphens(p, vocabulary) for p in pages]


# -- running headers and footers -------------------------------------------------------------


DIGITS = re.compile(r"\d+")
WORD = re.compile(r"[A-Za-z0-9]+")
EDGE_LINES = 4  # running headers and footers are among the first or last lines of a page


def _shape(line: str) -> str:
    return DIGITS.sub("#", line.strip().lower())


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _echoes_title(line: str, title_words: set[str]) -> bool:
    """A header line that repeats the document's title ("Fenmarsh SCB - 7 Minute Briefing -
    Baby R" under a title "7 Minute Briefing: Baby R - Safer Sleep")."""
    words = _words(line)
    if len(words) < 3 or line.rstrip().endswith((".", ",", ";", ":", "?")):
        return False
    return len(words & title_words) / len(words) >= 0.6


def strip_running_lines(pages: list[str]) -> list[str]:
    """Drop headers, footers and page numbers that repeat across pages. They are looked for
    among the first and last few lines of each page, where extraction puts them."""
    split = [page.splitlines() for page in pages]
    # For each page, the shape of each line at its top or foot, by line index.
    edges: list[dict[int, str]] = []
    for lines in split:
        filled = [i for i, ln in enumerate(lines) if ln.strip()]
        at_edge = filled[:EDGE_LINES] + filled[-EDGE_LINES:]
        edges.append({i: _shape(lines[i]) for i in at_edge})
    counts: Counter[str] = Counter()
    for shapes in edges:
        counts.update(set(shapes.values()))
    # Headers often start on page 2, after a cover: half the pages are enough.
    threshold = max(2, len(pages) // 2)
    repeated = {shape for shape, n in counts.items() if n >= threshold and len(shape) <= 150}
    if len(pages) == 2:
        # Two pages: a line at the top or foot of both ("Page 1 of 2" with the board's name).
        repeated = {shape for shape in repeated if len(shape) >= 8}
    elif len(pages) < 2:
        repeated = set()
    first_lines = [ln for ln in split[0][:8] if ln.strip()] if pages else []
    title_words = _words(" ".join(first_lines))
    cleaned = []
    for number, lines in enumerate(split, start=1):
        # A number on its own is a page number at the top or foot of a page, and a table
        # cell ("2013") anywhere else.
        shapes = edges[number - 1]
        kept = [
            ln
            for i, ln in enumerate(lines)
            if i not in shapes or not (shapes[i] in repeated or PAGE_NUMBER_LINE.match(ln.strip()))
        ]
        if number > 1 and kept and _echoes_title(kept[0], title_words):
            kept = kept[1:]
        cleaned.append("\n".join(kept))
    return cleaned


def clean_pages(pages: list[str]) -> list[str]:
    """The document's pages, cleaned for segmentation."""
    return strip_running_lines(_clean_document(pages))
