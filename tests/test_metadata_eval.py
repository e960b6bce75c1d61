"""Evaluation of infer_metadata on a labelled set of listing entries and cover pages
(tests/data/metadata_eval.toml): per-field accuracy, and case identity across documents."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from harvester.metadata import Hints, Metadata, case_id, infer_metadata
from index.schema import DOC_TYPES

EVAL_PATH = Path(__file__).parent / "data" / "metadata_eval.toml"
FIELDS = ("case", "board", "year", "doc_type")
THRESHOLD = 0.90


def load_cases() -> list[dict]:
    with EVAL_PATH.open("rb") as fh:
        return tomllib.load(fh)["case"]


def run(case: dict) -> Metadata:
    hints = Hints(
        link_text=case.get("link_text"),
        heading=case.get("heading"),
        context=case.get("context"),
        url=case.get("url"),
        board=case.get("source_board"),
    )
    return infer_metadata(hints, case["cover"], case.get("file_title"), case.get("file_meta"))


def case_key(name: str | None) -> str:
    """How the set compares case names (see the file header): letter case, a leading
    "The", quotes, "&" / "and" and "Family T" / "T Family" do not matter."""
    text = re.sub(r"[\"'‘’“”]", "", (name or "").lower())
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return re.sub(r"^(\w{1,2}) family$", r"family \1", text)


def got_fields(meta: Metadata) -> dict[str, object]:
    return {
        "case": case_key(meta.case),
        "board": meta.board or "",
        "year": meta.year or 0,
        "doc_type": meta.doc_type,
    }


def expected_fields(case: dict) -> dict[str, object]:
    expect = case["expect"]
    return {
        "case": case_key(expect["case"]),
        "board": expect["board"],
        "year": expect["year"],
        "doc_type": expect["doc_type"],
    }


def test_evaluation_set_is_well_formed():
    cases = load_cases()
    assert len(cases) >= 50
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    for case in cases:
        assert set(case["expect"]) == set(FIELDS), case["id"]
        assert case["expect"]["doc_type"] in DOC_TYPES, case["id"]
        lines = [line for line in case["cover"].splitlines() if line.strip()]
        assert 2 <= len(lines) <= 20, case["id"]
    # Every document type is represented, and collections without a source board.
    assert {c["expect"]["doc_type"] for c in cases} == set(DOC_TYPES)
    assert sum("source_board" not in c for c in cases) >= 15


def test_accuracy_per_field():
    cases = load_cases()
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    for case in cases:
        got, want = got_fields(run(case)), expected_fields(case)
        sets = (case.get("set", "written-first"), "all")
        for key in sets:
            totals[key] += 1
        for field in FIELDS:
            if got[field] == want[field]:
                for key in sets:
                    right[key][field] += 1
            else:
                misses.append(
                    f"  {case['id']:<32} {field:<8} got {got[field]!r}, want {want[field]!r}"
                )
    print(f"\nmetadata evaluation: {len(cases)} documents")
    for key in sorted(totals, key=lambda k: (k == "all", k)):
        scores = "  ".join(f"{f}={right[key][f] / totals[key]:.3f}" for f in FIELDS)
        print(f"  {key:>13} ({totals[key]:>2}): {scores}")
    if misses:
        print("misses:")
        print("\n".join(misses))
    for field in FIELDS:
        accuracy = right["all"][field] / totals["all"]
        assert accuracy >= THRESHOLD, f"{field} accuracy {accuracy:.3f}"


def _groups() -> dict[str, list[tuple[dict, Metadata]]]:
    groups: dict[str, list[tuple[dict, Metadata]]] = defaultdict(list)
    for case in load_cases():
        if "group" in case:
            groups[case["group"]].append((case, run(case)))
    return groups


def test_documents_of_one_case_share_a_case_id():
    groups = _groups()
    complete = [
        name
        for name, members in groups.items()
        if {"overview-report", "executive-summary", "learning-brief"}
        <= {c["expect"]["doc_type"] for c, _ in members}
    ]
    assert len(complete) >= 3, complete
    ids: dict[str, str] = {}
    for name, members in groups.items():
        found = {c["id"]: case_id(m.board, m.case, m.year) for c, m in members}
        assert None not in found.values(), (name, found)
        assert len(set(found.values())) == 1, (name, found)
        ids[name] = next(iter(found.values()))
    # Different cases never share an identity.
    assert len(set(ids.values())) == len(ids), ids


def test_two_child_a_cases_of_one_board_stay_apart():
    groups = _groups()
    older, newer = groups["fen-child-a-2006"], groups["fen-child-a-2014"]
    for members in (older, newer):
        assert all(m.case == "Child A" for _, m in members)
    older_ids = {case_id(m.board, m.case, m.year) for _, m in older}
    newer_ids = {case_id(m.board, m.case, m.year) for _, m in newer}
    assert len(older_ids) == len(newer_ids) == 1
    assert older_ids != newer_ids


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["id"])
def test_case_runs(case):
    """Each entry on its own, so a regression names the entry (not asserted on fields:
    the accuracy test above carries the thresholds)."""
    meta = run(case)
    assert meta.doc_type in DOC_TYPES
    assert meta.year is None or 1990 <= meta.year <= 2035
