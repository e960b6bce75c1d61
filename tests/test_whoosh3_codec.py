"""The Whoosh 3 layouts read and written directly (index/whoosh3/): the pinned release is
the one installed and the only one a searcher or writer opens with; on a synthetic index
written by the product's segment writer, the fast paths are the ones taken (plain integer
columns, the term file's words, posting block directories), long posting lists are read
block by block and their compressed blocks decode to Whoosh's own postings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, Schema
from whoosh.query import Term
from whoosh.scoring import BM25F
from whoosh.writing import SegmentWriter

import index.whoosh3 as whoosh3
from index import LessonSearcher
from index.analysis import StemmedText, Words
from index.scoring import ArrayScorer
from index.spelling import field_words
from index.whoosh3.postings import (
    Blocks,
    Decoded,
    Directory,
    byte_column,
    load_postings,
    numeric_column,
    plain_integer_column,
)
from index.whoosh3.writing import commit_segments, finish_segment, new_writer
from index.writer import update_documents
from tests.conftest import Harvested

ROOT = Path(__file__).resolve().parents[1]
RECORDS = 3000


def _schema() -> Schema:
    return Schema(
        key=ID(stored=True),
        text=StemmedText(stored=True),
        words=Words(spelling=True),
        year=NUMERIC(int, stored=True, sortable=True),
    )


def _text(n: int) -> str:
    """Every record says "common"; every 50th "lantern"; three say "rare"."""
    words = ["common", f"word{n % 97}", "safeguarding" if n % 3 else "neglect"]
    if n % 50 == 0:
        words.append("lantern")
    if n in (5, 1500, 2999):
        words.append("rare")
    return " ".join(words * (1 + n % 4))


def _write(ix: whoosh_index.Index, pooled: bool) -> None:
    fields = [
        {"key": str(n), "text": _text(n), "words": _text(n), "year": 2000 + n % 25}
        for n in range(RECORDS)
    ]
    if pooled:
        writer = new_writer(ix)
        for f in fields:
            writer.add_document(**f)
        commit_segments(ix, [finish_segment(writer)])
    else:
        plain = SegmentWriter(ix)
        for f in fields:
            plain.add_document(**f)
        plain.commit()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> whoosh_index.Index:
    folder = tmp_path_factory.mktemp("codec")
    ix = whoosh_index.create_in(str(folder), _schema())
    _write(ix, pooled=True)
    return ix


def test_the_pin_is_the_installed_release_and_the_package_pin() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [d for d in pyproject["project"]["dependencies"] if d.startswith("whoosh3")]
    assert pins == [f"whoosh3=={whoosh3.PINNED}"]
    assert whoosh3.installed_version() == whoosh3.PINNED
    whoosh3.check_version()  # the installed release passes


def test_another_release_is_refused_in_one_line() -> None:
    with pytest.raises(whoosh3.WhooshVersionError) as caught:
        whoosh3.check_version("3.55.0")
    message = str(caught.value)
    assert "\n" not in message
    assert "3.55.0" in message and f"whoosh3=={whoosh3.PINNED}" in message


def test_searchers_and_writers_check_the_release_when_they_open(
    harvested: Harvested, monkeypatch: pytest.MonkeyPatch
) -> None:
    LessonSearcher(harvested.data_dir).close()  # opens with the pinned release
    monkeypatch.setattr(whoosh3, "installed_version", lambda: "3.60.1")
    with pytest.raises(whoosh3.WhooshVersionError):
        LessonSearcher(harvested.data_dir)
    with pytest.raises(whoosh3.WhooshVersionError):
        update_documents(harvested.data_dir, [])


def test_the_cli_reports_another_release_in_one_line(
    harvested: Harvested,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from scr.cli import main

    config = tmp_path / "config.toml"
    config.write_text(f"[paths]\ndata_dir = {str(harvested.data_dir)!r}\n", encoding="utf-8")
    monkeypatch.setattr(whoosh3, "installed_version", lambda: "3.60.1")
    code = main(["--config", str(config), "search", "neglect"])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and "3.60.1" in err and "Traceback" not in err


def test_the_product_writer_writes_what_whooshs_writer_writes(
    synthetic: whoosh_index.Index, tmp_path: Path
) -> None:
    plain_ix = whoosh_index.create_in(str(tmp_path), _schema())
    _write(plain_ix, pooled=False)
    with synthetic.reader() as ours, plain_ix.reader() as theirs:
        assert list(ours.all_terms()) == list(theirs.all_terms())
        for fieldname, text in [("text", b"common"), ("text", b"lantern"), ("words", b"rare")]:
            a, b = ours.postings(fieldname, text), theirs.postings(fieldname, text)
            assert list(a.items_as("positions")) == list(b.items_as("positions"))
        assert list(ours.column_reader("year")) == list(theirs.column_reader("year"))


def test_fast_paths_are_taken(synthetic: whoosh_index.Index) -> None:
    with synthetic.reader() as reader:
        assert plain_integer_column(reader, "year")
        years = numeric_column(reader, "year")
        assert years.tolist() == list(reader.column_reader("year"))
        lengths = byte_column(reader, "text")
        assert lengths.shape == (RECORDS,) and lengths.min() > 0
        # The spelling words come from the term file read directly; Whoosh's lexicon agrees.
        lexicon = sorted(w.decode() for w in reader.lexicon("words") if w.startswith(b"w"))
        assert field_words(reader, "words", "w") == lexicon
        assert len(lexicon) == 97  # word0 to word96
        assert isinstance(load_postings(reader, "text", b"common"), Directory)
        assert isinstance(load_postings(reader, "text", b"rare"), (Decoded, Directory))
        assert load_postings(reader, "text", b"absent") is None


def test_long_posting_lists_are_read_block_by_block(synthetic: whoosh_index.Index) -> None:
    with synthetic.reader() as reader:
        directory = load_postings(reader, "text", b"common")
        assert isinstance(directory, Directory)
        blocks = len(directory.starts)
        assert blocks >= 10
        assert any(directory.compressed), "long blocks are compressed"
        whole = directory.source(blocks)  # the bytes read for the directory itself
        assert isinstance(directory.source(1), Blocks)  # few blocks wanted: one at a time
        by_block = directory.source(1)
        expected = list(reader.postings("text", b"common").items_as("weight"))
        found: list[tuple[int, float]] = []
        for i in range(blocks):
            ids, weights, _values = directory.block(by_block, i)
            assert directory.block(whole, i) == (ids, weights, _values)
            numbers = np.cumsum(np.array(ids, dtype=np.int64))  # differences from 0
            if isinstance(weights, float):
                weights = [weights] * len(numbers)
            found.extend(zip(numbers.tolist(), [float(w) for w in weights], strict=True))
        assert found == [(n, float(w)) for n, w in expected]


def test_chosen_records_score_from_a_few_blocks_as_whoosh_scores(
    synthetic: whoosh_index.Index,
) -> None:
    with synthetic.searcher(weighting=BM25F()) as searcher:
        chosen = np.array([3, 4, 1200, 1201, 2998], dtype=np.int64)
        scorer = ArrayScorer(searcher)
        for word in ("common", "lantern", "neglect", "rare"):
            query = Term("text", word)
            whole = {n: s for s, n in searcher.search(query, limit=None).top_n}
            scored = scorer.score(query, chosen)
            got = dict(zip(scored.numbers.tolist(), scored.scores.tolist(), strict=True))
            assert set(got) == {n for n in whole if n in set(chosen.tolist())}, word
            for number, score in got.items():
                assert score == pytest.approx(whole[number], rel=1e-9), (word, number)


def test_private_names_are_used_only_in_the_whoosh3_package() -> None:
    """Whoosh's private attributes (`._name` on Whoosh objects) appear only under
    index/whoosh3/: elsewhere an upgrade could break them unseen."""
    private = re.compile(
        r"\b(?:_typecode|_dbfile|_basepos|_perdoc|_cached_reader|_terms|_postfile|"
        r"_field_B|_keycoder|_tindex|_postwriter|_blocklimit|_write_block|"
        r"_finalize_segment|_commit_toc|_close_segment|_merge_matched_tokens|_startoffset|"
        r"_storage|_segment)\b"
    )
    outside = []
    for folder in ("index", "harvester", "search_app", "scr"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "whoosh3" in path.relative_to(ROOT).parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if private.search(line):
                    outside.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert outside == []


def test_positions_are_read_as_whooshs_format_reads_them() -> None:
    from whoosh.formats import Characters, Positions

    from index.whoosh3.encoding import positions_decoder, positions_value

    decode = positions_decoder(Positions())
    rng = np.random.default_rng(7)
    for _ in range(500):
        positions = sorted(rng.choice(4000, size=rng.integers(1, 30), replace=False).tolist())
        value = positions_value(positions)
        for stored in (value, value[:-1]):  # Whoosh keeps some without the pickle's "."
            assert decode(stored) == Positions().decode_positions(stored) == positions
    # Another format's postings are read by that format.
    characters = Characters()
    assert positions_decoder(characters) == characters.decode_positions
