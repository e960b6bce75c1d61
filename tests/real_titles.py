"""Real titles of reviews named by their subject (tests/data/real_subject_titles.toml), read
as the shape they were published in: a heading or a headline over a page, a link, a title
page's line. The subjects were read by hand by LABELLING.md rule 4; the titles are facts
from the pages their `source` names, none of them an entry of the real set's halves."""

from __future__ import annotations

import tomllib
from pathlib import Path

from harvester.metadata.infer import Hints, Metadata, infer_metadata
from tests.real_eval import case_key

TITLES = Path(__file__).parent / "data" / "real_subject_titles.toml"


def load_titles() -> list[dict]:
    with TITLES.open("rb") as f:
        return tomllib.load(f)["title"]


def read_title(row: dict) -> Metadata:
    text, shape = row["text"], row["shape"]
    if shape == "link":
        return infer_metadata(Hints(link_text=text), "")
    if shape == "title-page-line":
        return infer_metadata(Hints(), text)
    return infer_metadata(Hints(heading=text), "")


def title_scores() -> dict[str, float]:
    """The share of titles whose subject (case, compared as the real set's are) and document
    type were read right."""
    rows = load_titles()
    read = [(row, read_title(row)) for row in rows]
    return {
        "n": len(rows),
        "case": sum(case_key(m.case) == case_key(row["subject"]) for row, m in read) / len(rows),
        "doc_type": sum(m.doc_type == row["doc_type"] for row, m in read) / len(rows),
    }
