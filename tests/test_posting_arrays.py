"""A segment's long posting lists kept as arrays (index/whoosh3/arrays.py): written with
every segment the product writes, holding exactly Whoosh's record numbers, weights and
positions for every list of more than one block; scoring reads them and gives what
reading the blocks gives; a segment without them, or with a damaged file, is read from
its blocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.query import Phrase, Term
from whoosh.scoring import BM25F

from index.ranking import KindWeighting, kind_factors
from index.scoring import ArrayScorer
from index.whoosh3.arrays import EXTENSION, PostingArrays
from index.whoosh3.postings import Directory, Listed, load_postings
from index.whoosh3.writing import new_writer
from tests.conftest import Harvested
from tests.test_whoosh3_codec import RECORDS, _schema, _text, _write

BLOCK = 128  # Whoosh 3's postings per block


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("arrays")
    _write(whoosh_index.create_in(str(folder), _schema()), pooled=True)
    return folder


def _terms(reader):  # noqa: ANN001, ANN202
    for fieldname, text in reader.all_terms():
        yield fieldname, text, reader.term_info(fieldname, text)


def test_every_long_list_is_kept_with_whooshs_numbers_and_weights(synthetic: Path) -> None:
    ix = whoosh_index.open_dir(str(synthetic))
    with ix.reader() as reader:
        arrays = PostingArrays.of(reader)
        assert arrays is not None
        long_lists = with_positions = 0
        for fieldname, text, info in _terms(reader):
            if info.is_inlined():
                continue
            offset = info.extent()[0]
            found = arrays.get(offset)
            count = info.doc_frequency()
            assert (found is not None) == (count > BLOCK), (fieldname, text, count)
            if found is None:
                continue
            long_lists += 1
            expected = list(reader.postings(fieldname, text).items_as("weight"))
            assert found.ids.tolist() == [n for n, _w in expected]
            assert found.weights.astype(np.float64).tolist() == [float(w) for _n, w in expected]
            if not reader.schema[fieldname].format.supports("positions"):
                assert found.ends is None, (fieldname, text)
                continue
            positions = [
                list(p) for _n, p in reader.postings(fieldname, text).items_as("positions")
            ]
            assert found.ends is not None and len(found.ends) == len(positions)
            starts = [0, *found.ends[:-1].tolist()]
            got = [
                found.positions[a:b].tolist()
                for a, b in zip(starts, found.ends.tolist(), strict=True)
            ]
            assert got == positions, (fieldname, text)
            with_positions += 1
        # "common" and the spelling and stemmed words of most records
        assert long_lists >= 10 and with_positions >= 3
        assert arrays.get(-1) is None  # no list starts there


def test_a_long_list_gives_chosen_records_numbers_weights_and_positions(
    synthetic: Path,
) -> None:
    ix = whoosh_index.open_dir(str(synthetic))
    with ix.reader() as reader:
        listed = load_postings(reader, "text", b"common", PostingArrays.of(reader))
        assert isinstance(listed, Listed)
        numbers, weights = listed.within(None)
        assert numbers.dtype == np.int64 and len(numbers) == RECORDS
        chosen = np.array([0, 7, 1499, 2999, RECORDS + 5], dtype=np.int64)
        some, some_weights = listed.within(chosen)
        assert some.tolist() == [0, 7, 1499, 2999]  # (a number past the segment is not)
        assert some_weights.tolist() == weights[[0, 7, 1499, 2999]].tolist()
        assert listed.has_positions
        found, counts, flat = listed.positions(chosen)
        assert found.tolist() == [0, 7, 1499, 2999]
        whole = dict(reader.postings("text", b"common").items_as("positions"))
        expected = [list(whole[n]) for n in found.tolist()]
        assert counts.tolist() == [len(p) for p in expected]
        assert flat.tolist() == [at for p in expected for at in p]
        assert isinstance(listed.directory(), Directory)
        assert listed.directory() is listed.directory()  # read once


def _scores(folder: Path, queries: list, chosen: np.ndarray | None) -> list[dict]:  # noqa: ANN001
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher(weighting=BM25F()) as searcher:
        scorer = ArrayScorer(searcher)
        out = []
        for query in queries:
            for relaxed in (False, True):
                scored = scorer.score(query, chosen, relaxed=relaxed)
                out.append(dict(zip(scored.numbers.tolist(), scored.scores.tolist(), strict=True)))
        return out


QUERIES = [
    Term("text", "common"),
    Term("text", "lantern"),
    Phrase("text", ["common", "safeguard"]),
    Phrase("text", ["lantern", "common"]),
]


@pytest.mark.parametrize("damage", ["removed", "truncated", "not arrays"])
def test_a_segment_without_good_arrays_scores_the_same_from_its_blocks(
    synthetic: Path, tmp_path: Path, damage: str
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(synthetic, copy)
    [arr] = copy.glob(f"*{EXTENSION}")
    if damage == "removed":
        arr.unlink()
    elif damage == "truncated":
        arr.write_bytes(arr.read_bytes()[:-10])
    else:
        arr.write_bytes(b"something else entirely" * 10)
    with whoosh_index.open_dir(str(copy)).reader() as reader:
        assert PostingArrays.of(reader) is None
    chosen = np.array([1, 2, 50, 100, 150, 1500, 2950, 2999], dtype=np.int64)
    for numbers in (None, chosen):
        with_arrays = _scores(synthetic, QUERIES, numbers)
        from_blocks = _scores(copy, QUERIES, numbers)
        assert with_arrays == from_blocks
        assert any(with_arrays)


def test_the_sample_index_is_scored_from_its_arrays(harvested: Harvested, tmp_path: Path) -> None:
    """Every segment the product writes has its arrays, and the sample corpus's records
    score the same read from them as from the blocks alone (Whoosh's own scores are the
    test of both: tests/test_scoring.py)."""
    from index.location import current_index_dir

    folder = current_index_dir(harvested.data_dir)
    assert folder is not None
    segments = {p.stem for p in folder.glob("*.pst")}
    assert segments and segments == {p.stem for p in folder.glob(f"*{EXTENSION}")}
    copy = tmp_path / "blocks-only"
    shutil.copytree(folder, copy)
    for arr in copy.glob(f"*{EXTENSION}"):
        arr.unlink()
    with whoosh_index.open_dir(str(folder)).reader() as reader:
        # the corpus's commonest words: lists of more than one block
        common = [t for _n, t in reader.most_frequent_terms("text", 2)]
    queries = [Term("text", common[0]), Phrase("text", common), Phrase("text", common[::-1])]
    results = []
    for where in (folder, copy):
        ix = whoosh_index.open_dir(str(where))
        with ix.searcher(weighting=KindWeighting()) as searcher:
            scorer = ArrayScorer(searcher, final=kind_factors)
            listed = [
                isinstance(load_postings(s.reader, "text", common[0], s.arrays), Listed)
                for s in scorer._segments
            ]
            assert all(listed) if where == folder else not any(listed)
            results.append([scorer.score(q).ranked() for q in queries])
    assert results[0] == results[1]
    assert len(results[0][0]) > BLOCK and results[0][1]


def test_a_merged_segment_has_its_arrays_and_the_old_ones_go_with_their_segments(
    tmp_path: Path,
) -> None:
    ix = whoosh_index.create_in(str(tmp_path), _schema())
    for first in (0, 400):
        writer = new_writer(ix)
        for n in range(first, first + 400):
            writer.add_document(key=str(n), text=_text(n), words=_text(n), year=2000 + n % 25)
        writer.commit(merge=False)
    assert len(list(tmp_path.glob(f"*{EXTENSION}"))) == 2
    merging = new_writer(whoosh_index.open_dir(str(tmp_path)))
    merging.commit(optimize=True)
    ix = whoosh_index.open_dir(str(tmp_path))
    with ix.reader() as reader:
        [segment] = ix._segments()
        [arr] = tmp_path.glob(f"*{EXTENSION}")
        assert arr.name == segment.make_filename(EXTENSION)
        listed = load_postings(reader, "text", b"common", PostingArrays.of(reader))
        assert isinstance(listed, Listed)
        numbers, _weights = listed.within(None)
        expected = [n for n, _w in reader.postings("text", b"common").items_as("weight")]
        assert numbers.tolist() == expected and len(expected) == 800


def test_an_empty_index_has_no_arrays(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), _schema())
    with ix.reader() as reader:
        assert PostingArrays.of(reader) is None
    with ix.searcher(weighting=BM25F()) as searcher:
        assert len(ArrayScorer(searcher).score(Term("text", "common"))) == 0
