"""Result cards: a lesson once, with every place it appears.

A case's lesson is often restated in each of its documents: the overview report's finding,
the executive summary's lesson, the leaflet's bullet, the action plan's row. Ranked
records of one case whose words are alike become one card (the best-ranked record), and
the others are listed as the places it also appears. A list of results shows at most
PER_CASE cards of one case: its further matching records are listed on its last card
("more from this case"), so that the page holds other cases' lessons without losing the
way to the rest of the case.

Two records are alike when the share of their distinct stems they have in common plus the
share of their adjacent stem pairs in common reaches ALIKE. The threshold was chosen on
pairs of the sample collection's records judged by hand (`tests/data/alike_pairs.toml`):
it keeps precision high (a wrong merge hides a lesson) at the cost of leaving some
paraphrases apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

PER_DOCUMENT = 2  # cards of one document in a list of results; its other records are held
PER_CASE = 2  # cards of one case in a list of results; the rest are listed on the last
ALIKE = 0.7
MIN_STEMS = 4  # shorter records ("Ask who visits.") are never merged
MERGED_KINDS = frozenset({"lesson", "recommendation"})


@dataclass(frozen=True)
class Sketch:
    """What two records are compared by: their distinct stems and adjacent stem pairs."""

    stems: frozenset[str]
    pairs: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, stems: Sequence[str]) -> Sketch:
        return cls(frozenset(stems), frozenset(zip(stems, stems[1:], strict=False)))


def likeness(a: Sketch, b: Sketch) -> float:
    """Shared stems over all their stems, plus shared pairs over the shorter's pairs."""
    if not a.stems or not b.stems:
        return 0.0
    stems = len(a.stems & b.stems) / len(a.stems | b.stems)
    shorter = min(len(a.pairs), len(b.pairs))
    pairs = len(a.pairs & b.pairs) / shorter if shorter else 0.0
    return stems + pairs


def alike(a: Sketch, b: Sketch) -> bool:
    if min(len(a.stems), len(b.stems)) < MIN_STEMS:
        return False
    return likeness(a, b) >= ALIKE


@dataclass
class Card:
    position: int  # the best-ranked record's position in the ranking
    case: str
    score: float
    also: list[int] = field(default_factory=list)  # positions of the records merged in
    # The case's further cards, past PER_CASE, listed on its last card by position; and,
    # on the last card, how many of the case's records were held back (past PER_DOCUMENT).
    more: list[int] = field(default_factory=list)
    held: int = 0


@dataclass
class Ranked:
    """What cards are made from: for each ranked record, best first, its score, document,
    case and kind; its sketch read only when a comparison needs it."""

    scores: Sequence[float]
    documents: Sequence[str]
    cases: Sequence[str]
    kinds: Sequence[str]
    sketch: Callable[[int], Sketch]


def make_cards(ranked: Ranked, compare_within: int, per_case: int | None = PER_CASE) -> list[Card]:
    """The ranked records as cards, in rank order: a record that restates a card of its
    case is merged into it; past PER_DOCUMENT cards of its document it is held back
    (counted on its case's last card); past `per_case` cards of its case (None: no limit)
    it is listed on the case's last card. Records past `compare_within` are not compared
    (their text is not read)."""
    cards: list[Card] = []
    of_case: dict[str, list[Card]] = {}
    of_document: Counter[str] = Counter()
    held: Counter[str] = Counter()
    for position, case in enumerate(ranked.cases):
        shown = of_case.setdefault(case, [])
        if position < compare_within and _merge(ranked, shown, position):
            continue
        document = ranked.documents[position]
        if of_document[document] >= PER_DOCUMENT:
            held[case] += 1
            continue
        of_document[document] += 1
        if per_case is not None and len(shown) >= per_case:
            shown[-1].more.append(position)
            continue
        card = Card(position, case, ranked.scores[position])
        shown.append(card)
        cards.append(card)
    for case, count in held.items():
        if of_case[case]:
            of_case[case][-1].held = count
    return cards


def _merge(ranked: Ranked, shown: list[Card], position: int) -> bool:
    """Merge the record at `position` into a card of its case it restates."""
    if ranked.kinds[position] not in MERGED_KINDS or not shown:
        return False
    document = ranked.documents[position]
    sketch = None
    for card in shown:
        places = [card.position, *card.also]
        if ranked.kinds[card.position] not in MERGED_KINDS or any(
            ranked.documents[p] == document for p in places
        ):
            continue  # one place per document: a document's own records stay apart
        sketch = sketch or ranked.sketch(position)
        if alike(ranked.sketch(card.position), sketch):
            card.also.append(position)
            return True
    return False


def restatements(sketches: Sequence[Sketch], documents: Sequence[str]) -> list[list[int]]:
    """Records in reading order, grouped: each group is a record (its position first)
    and the later records of the case's other documents that restate it, one at most
    from each document (a case page lists a lesson once, with every place it appears)."""
    groups: list[list[int]] = []
    for position, sketch in enumerate(sketches):
        for group in groups:
            if documents[position] in {documents[p] for p in group}:
                continue
            if alike(sketches[group[0]], sketch):
                group.append(position)
                break
        else:
            groups.append([position])
    return groups
