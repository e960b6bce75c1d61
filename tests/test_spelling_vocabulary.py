"""Spelling at scale: among known words as near as each other, a misspelled query word is
taken for the subject's word (the taxonomy's vocabulary) before an everyday word that
more documents hold."""

from __future__ import annotations

from index.expansion import Expander
from index.spelling import Speller, suggest_query
from index.taxonomy import load_taxonomy

# "disgusted" is commoner in English than "disguised": in a national collection's
# reports of every kind it is held by more documents.
DOCUMENTS = {"disgusted": 40, "disguised": 3, "compliance": 30, "cosy": 5, "crying": 9}


def _suggest(q: str, preferred) -> str | None:  # noqa: ANN001
    speller = Speller(lambda letter: [w for w in DOCUMENTS if w.startswith(letter)])
    return suggest_query(q, speller, DOCUMENTS.__contains__, DOCUMENTS.__getitem__, preferred)


def test_the_subjects_word_wins_a_tie() -> None:
    words = Expander.from_taxonomy(load_taxonomy(None)).words
    assert {"disguised", "compliance", "crying"} <= words
    assert "disgusted" not in words
    assert _suggest("disgused compliance", words.__contains__) == "disguised compliance"
    # Without the vocabulary the commoner word wins the tie.
    assert _suggest("disgused compliance", lambda _w: False) == "disgusted compliance"
    # Fewer edits still come first: the vocabulary only breaks ties.
    assert _suggest("disgustd", words.__contains__) == "disgusted"
