"""Index writing: the fast field analysis, the in-memory posting pool, and a rebuild written
by several processes into several segments, each checked against Whoosh's own path."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import TEXT
from whoosh.writing import SegmentWriter

from harvester.catalog import Catalog
from harvester.pipeline import reindex_all
from harvester.store import BlobStore
from index import LessonSearcher, SearchQuery, segments, writer
from index.analysis import Analysed, StemmedText, Words
from index.location import DataDir, current_index_dir
from index.records import DocumentRecord, LessonRecord
from index.schema import DOCUMENTS

AWKWARD = [
    "",
    "   ",
    "a",
    "The the THE",
    "The child was seen by the health visitor on 3.5.2016 and again on 12/06/2016.",
    "İstanbul ÉCOLE café naïve Straße",
    "e.g. 3.5 mg* wild*card test*ing of the... 'quoted' words",
    "child's father's (step-father) non-mobile SUDI/SIDS – bruising",
    "x y z one two three",
]


def _texts(data_dir: Path) -> dict[str, list[str]]:
    """Every record's text and section of an index built by the product, by document."""
    ix = whoosh_index.open_dir(str(current_index_dir(data_dir)))
    texts: dict[str, list[str]] = {}
    try:
        with ix.searcher() as searcher:
            for fields in searcher.all_stored_fields():
                texts.setdefault(fields["doc_id"], []).extend(
                    (fields.get("text", ""), fields.get("section", ""))
                )
    finally:
        ix.close()
    texts["awkward"] = AWKWARD
    return texts


@pytest.mark.parametrize("phrase", [True, False])
@pytest.mark.parametrize("stemmed", [True, False])
def test_fast_text_fields_index_as_whoosh_analyzers_would(harvested, phrase, stemmed):
    by_document = _texts(harvested.data_dir)
    texts = [t for ts in by_document.values() for t in ts]
    assert len(texts) > 200
    kind = StemmedText if stemmed else Words
    fast = kind(phrase=phrase, spelling=not phrase)
    analyzer = StemmingAnalyzer() if stemmed else StandardAnalyzer()
    slow = TEXT(analyzer=analyzer, phrase=phrase, spelling=not phrase)
    for text in texts:
        expected = sorted(slow.index(text))
        assert sorted(fast.index(text)) == expected, text[:80]
        assert sorted(fast.index(fast.analyse(text))) == expected, text[:80]
        # A field gives a spelling word once (see the test below): a fresh field each time.
        spelled = list(kind(spelling=True).spellable_words(text))
        assert spelled == list(slow.spellable_words(text)), text[:80]
    if phrase:
        return
    # A document's text is its records' texts joined, analysed once per record.
    for parts in by_document.values():
        joined = Analysed.joined(fast.analyse(t) for t in parts)
        whole = "\n\n".join(parts)
        assert joined == whole
        assert sorted(fast.index(joined)) == sorted(slow.index(whole))
        spelled = list(kind(spelling=True).spellable_words(joined))
        assert spelled == list(slow.spellable_words(whole))


def test_a_field_gives_each_spelling_word_once():
    field = StemmedText(phrase=False, spelling=True)
    assert list(field.spellable_words("Neglect of the baby; the baby cried.")) == [
        "baby",
        "cried",
        "neglect",
    ]
    assert list(field.spellable_words("The baby was seen. Neglect again.")) == [
        "again",
        "seen",
        "was",
    ]
    assert list(field.spellable_words("baby neglect")) == []
    # A new writer reads the schema afresh: its field has given nothing yet.
    assert list(StemmedText(spelling=True).spellable_words("baby")) == ["baby"]


def _document(n: int) -> tuple[DocumentRecord, list[LessonRecord]]:
    doc_id = f"{n:016x}"
    doc = DocumentRecord(
        doc_id=doc_id,
        title=f"Serious Case Review Child {chr(65 + n % 26)}",
        case=f"Child {chr(65 + n % 26)}",
        case_id=f"fenmarsh-child-{n}",
        board="Fenmarsh Safeguarding Children Board",
        year=2010 + n % 12,
        doc_type="overview-report",
        source_url=f"https://www.example.org/scr/{doc_id}.pdf",
        sha256=doc_id * 4,
        pages=3,
    )
    lessons = [
        LessonRecord(
            lesson_id=f"{doc_id}-{i:04d}",
            doc_id=doc_id,
            kind=("lesson", "recommendation", "passage")[i % 3],
            text=f"{AWKWARD[(n + i) % len(AWKWARD)]} Neglect of child {n} was not seen; "
            f"visit {i} found bruising to a non-mobile baby of {n % 7} months.",
            section="Lessons learned" if i % 2 else "Findings",
            page=1 + i,
            order=i,
            themes=("neglect",) if i % 2 else ("non-mobile-bruising", "neglect"),
        )
        for i in range(5)
    ]
    return doc, lessons


def _files(folder: Path) -> dict[tuple[str, str], str]:
    """Digest of each posting and term file, by index name and kind (segment ids differ)."""
    return {
        (p.name.split("_")[0], p.suffix): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.suffix in (".pst", ".trm")
    }


def test_pooled_writer_writes_the_same_postings_and_terms_as_whoosh(tmp_path, monkeypatch):
    batch = [_document(n) for n in range(60)]
    built = {}
    for name, make in (
        ("whoosh", lambda ix, lock=True: SegmentWriter(ix, compound=False, _lk=lock)),
        ("pooled", writer._segment_writer),
    ):
        monkeypatch.setattr(writer, "_segment_writer", make)
        folder = tmp_path / name
        folder.mkdir()
        lessons_ix, documents_ix = writer._create(folder)
        writer._write(lessons_ix, documents_ix, batch, replace=False)
        built[name] = _files(folder)
    assert set(built["whoosh"]) == {("MAIN", ".pst"), ("MAIN", ".trm")} | {
        (DOCUMENTS, ".pst"),
        (DOCUMENTS, ".trm"),
    }
    assert built["pooled"] == built["whoosh"]


QUERIES = [
    SearchQuery(),
    SearchQuery(q="neglect"),
    SearchQuery(q="bruising non-mobile baby", per_page=5, page=2),
    SearchQuery(q='"information sharing"'),
    SearchQuery(q="DV disguised compliance"),
    SearchQuery(q="neglect", themes=("neglect",), year_from=2010),
    SearchQuery(q="school", kind="lesson"),
    SearchQuery(q="health visitor", sort="newest"),
]


def _answers(data_dir: Path) -> list[tuple[object, ...]]:
    with LessonSearcher(data_dir) as searcher:
        out = []
        for sq in QUERIES:
            r = searcher.search(sq)
            out.append(
                (
                    r.total,
                    {k: sorted((v.value, v.count) for v in vs) for k, vs in r.facets.items()},
                    # Records of equal score may come in another order: the segments
                    # number the documents differently.
                    sorted((-round(h.score, 6), h.lesson_id, h.more_in_case) for h in r.results),
                )
            )
        case = searcher.documents.cases()[0].case_id
        out.append(tuple(h.lesson_id for h in searcher.reading_order(SearchQuery(case=case))))
        return out


def test_rebuild_in_processes_answers_as_the_one_process_rebuild(harvested, tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    shutil.copytree(harvested.data_dir, data_dir)
    paths = DataDir(data_dir)
    with Catalog(paths.catalog) as catalog:
        store = BlobStore(paths.store)
        one = reindex_all(data_dir, catalog, store, _tagger(), log=lambda _m: None, writers=1)
        single = _answers(data_dir)
        # Small segments: each process writes several, and each index gets many.
        monkeypatch.setattr(segments, "SEGMENT_POSTINGS", 4000)
        two = reindex_all(data_dir, catalog, store, _tagger(), log=lambda _m: None, writers=2)
    assert two.records == one.records > 100
    folder = current_index_dir(data_dir)
    for indexname in (None, DOCUMENTS):
        ix = whoosh_index.open_dir(str(folder), indexname=indexname)
        try:
            assert len(ix._segments()) >= 4
        finally:
            ix.close()
    assert _answers(data_dir) == single


def _tagger():  # noqa: ANN202
    from harvester.tagging import ThemeTagger
    from index.taxonomy import load_taxonomy

    return ThemeTagger(load_taxonomy())


def test_a_failing_writer_process_abandons_the_build_and_keeps_the_live_index(
    harvested, tmp_path, monkeypatch
):
    data_dir = tmp_path / "data"
    shutil.copytree(harvested.data_dir, data_dir)
    live = current_index_dir(data_dir)

    def broken(lesson_writer, document_writer, item):  # noqa: ANN001, ANN202
        raise ValueError("no room left on the device")

    monkeypatch.setattr(writer, "_add_document", broken)
    paths = DataDir(data_dir)
    with Catalog(paths.catalog) as catalog, pytest.raises(segments.IndexWriteError) as failed:
        reindex_all(data_dir, catalog, BlobStore(paths.store), _tagger(), writers=2)
    assert "no room left on the device" in str(failed.value)
    assert current_index_dir(data_dir) == live
    # The half-written build is removed; the live one (and nothing else) is left.
    builds = [p for p in (data_dir / "index").iterdir() if p.name.startswith("build-")]
    assert builds == [live]
    with LessonSearcher(data_dir) as searcher:
        assert searcher.search(SearchQuery(q="neglect")).total > 0
