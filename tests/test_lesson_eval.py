"""Lesson evaluation set: documents written for this test (fictional boards and children,
in the styles real English reviews use), built as real PDF, DOCX and HTML files at run
time from tests/data/lessons/*.toml, then extracted and segmented like any harvested
document.

For every document the number of lesson and recommendation items and the page of each
are asserted exactly, with a few section headings; every record must be made of whole
source paragraphs (so no sentence is ever cut), and passages must read well as a search
result. Run with `-s` to see the table printed for each document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from harvester.extract import Extracted, extract
from harvester.segment import PASSAGE_CHARS, Segment, segment
from tests.data.lessons.build import Built, build, load, sources

DOCUMENTS = sources()
LEARNING = ("lesson", "recommendation")


@dataclass(frozen=True)
class Case:
    spec: dict
    built: Built
    extracted: Extracted
    segments: list[Segment]

    def found(self, kind: str) -> list[Segment]:
        return [s for s in self.segments if s.kind == kind]

    def expected(self, kind: str) -> list[int]:
        return list(self.spec["expect"]["lessons" if kind == "lesson" else "recommendations"])


@cache
def run(path: Path) -> Case:
    spec = load(path)
    built = build(spec)
    extracted = extract(built.data)
    assert extracted.ok, f"{path.name}: {extracted.status} {extracted.reason}"
    # As harvester.understand does: the rows of an action plan's table are recommendations.
    row_kind = "recommendation" if spec["doc_type"] == "action-plan" else None
    return Case(spec, built, extracted, segment(extracted.pages, row_kind=row_kind))


@pytest.fixture(params=DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def case(request: pytest.FixtureRequest) -> Case:
    return run(request.param)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return re.findall(r"[a-z0-9]+", text)


def flat(text: str) -> str:
    return "".join(words(text))


def whole_blocks(text: str, blocks: list[str]) -> list[int] | None:
    """The run of consecutive source blocks whose words are exactly the words of `text`
    (in any order: cells of a table row may be read side by side), or None."""
    wanted = Counter(words(text))
    size = sum(wanted.values())
    counted = [Counter(words(b)) for b in blocks]
    for start in range(len(blocks)):
        total: Counter[str] = Counter()
        for end in range(start, len(blocks)):
            total += counted[end]
            if total == wanted:
                return list(range(start, end + 1))
            if sum(total.values()) >= size:
                break
    return None


def table(case: Case) -> str:
    rows = [f"{case.built.name} ({case.spec['format']}, {len(case.extracted.pages)} pages)"]
    rows.append(f"  {'kind':<15} {'want':>4} {'got':>4}  pages wanted / got")
    for kind in LEARNING:
        want, got = case.expected(kind), [s.page for s in case.found(kind)]
        mark = "ok" if want == got else "WRONG"
        rows.append(f"  {kind:<15} {len(want):>4} {len(got):>4}  {want} / {got}  {mark}")
    passages = case.found("passage") + case.found("summary")
    rows.append(f"  {'summary+passage':<15} {'':>4} {len(passages):>4}")
    return "\n".join(rows)


# -- the set itself ---------------------------------------------------------------------------


def test_the_set_covers_the_formats_and_styles():
    specs = [load(p) for p in DOCUMENTS]
    assert len(specs) >= 8
    formats = Counter(s["format"] for s in specs)
    assert formats["docx"] >= 1 and formats["html"] >= 1 and formats["pdf"] >= 6
    assert sum(len(s["expect"]["lessons"]) for s in specs) >= 40
    assert sum(len(s["expect"]["recommendations"]) for s in specs) >= 20
    assert sum(s["expect"].get("continued", 0) for s in specs) >= 3


def test_recorded_pages_match_the_layout(case: Case):
    """The pages recorded in the data are where reportlab drew each item's first line (if
    this fails the source text changed the layout, not the segmenter)."""
    for kind in LEARNING:
        drawn = [i.page for i in case.built.items if i.kind == kind]
        assert drawn == case.expected(kind), kind
    spanning = sum(i.last_page != i.page for i in case.built.items)
    assert spanning == case.spec["expect"].get("continued", 0)


# -- lessons and recommendations --------------------------------------------------------------


def test_lesson_and_recommendation_counts_and_pages(case: Case):
    print("\n" + table(case))
    for kind in LEARNING:
        got = [(s.page, s.text[:60]) for s in case.found(kind)]
        assert [page for page, _ in got] == case.expected(kind), f"{kind}s: {got}"


def test_each_item_starts_where_the_document_starts_it(case: Case):
    for kind in LEARNING:
        expected = [i for i in case.built.items if i.kind == kind]
        for want, got in zip(expected, case.found(kind), strict=True):
            start = flat(" ".join(want.start.split()[:-1]) or want.start)
            assert flat(got.text).startswith(start), (want.start, got.text[:80])


def test_items_run_on_across_page_breaks(case: Case):
    """An item whose text runs onto the next page is one item, on the page it starts."""
    blocks = case.built.blocks
    for item in case.built.items:
        if item.last_page == item.page:
            continue
        [found] = [s for s in case.found(item.kind) if flat(s.text).startswith(flat(item.start))]
        index = whole_blocks(found.text, blocks)
        assert index is not None, found.text
        assert found.page == item.page


def test_section_headings(case: Case):
    sections = {s.section for s in case.segments}
    for heading in case.spec["expect"]["headings"]:
        assert heading in sections, (heading, sorted(s for s in sections if s))


# -- every record reads well --------------------------------------------------------------------


def test_records_are_whole_paragraphs(case: Case):
    """Lessons, recommendations, summaries and passages all begin and end at paragraph
    boundaries, and carry no running header, footer, page number or heading."""
    for seg in case.segments:
        assert whole_blocks(seg.text, case.built.blocks) is not None, (seg.kind, seg.text)


def test_passages_read_well(case: Case):
    for seg in case.segments:
        if seg.kind not in ("passage", "summary"):
            continue
        index = whole_blocks(seg.text, case.built.blocks)
        assert index is not None
        # Paragraphs are joined up to a readable size; only one paragraph on its own may be
        # longer.
        assert len(seg.text) <= PASSAGE_CHARS or len(index) == 1, seg.text
        last = case.built.blocks[index[-1]]
        if last.rstrip().endswith((".", "?", "!")):
            assert seg.text.rstrip().endswith((".", "?", "!", '"')), seg.text[-60:]


def test_line_end_hyphens_and_ligatures(case: Case):
    """Words the layout broke at a line end come out whole, compounds keep their hyphen,
    and ligatures are plain letters."""
    text = " ".join(s.text for s in case.segments)
    assert not re.search("[\x02\ufffe\u00ad\u2010\ufb00-\ufb06]", text)
    for word in case.spec["expect"].get("words", []):
        assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I), word
    source = unicodedata.normalize("NFKC", " ".join(case.built.blocks)).lower()
    for compound in set(re.findall(r"\w+(?:-\w+)+", text.lower())):
        assert compound in source, compound
