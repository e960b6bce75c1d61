"""Text repair shared by extraction and page cleaning: ligatures folded, and words a line
end broke with a hyphen joined back, or kept hyphenated when they are compounds, decided with
the vocabulary of the page (at extraction) or of the whole document (when its pages are
cleaned)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Extraction marks a hyphen at a line end with this character (U+2010 HYPHEN) when the page
# alone cannot tell a word the typesetter broke ("safe-" + "guarding") from a compound
# broken at its own hyphen ("multi-" + "agency"); page cleaning decides with the whole
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
