"""`scr ingest`: local files into the store and catalog, then into the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.catalog import Catalog
from harvester.ingest import INGEST_SOURCE, ingest_paths
from harvester.pipeline import reindex_all, sync_index
from harvester.store import BlobStore
from index import LessonSearcher, SearchQuery
from index.fields import doc_id_for
from index.location import DataDir
from tests.documents import make_docx, make_pdf

LEAFLET_PAGES = [
    [
        "Fenmarsh Safeguarding Children Board",
        "Child J Professionals Leaflet",
        "Date of publication: July 2015",
    ],
    [
        "Key learning",
        "5.1 Bruising in a non-mobile baby must always prompt a referral to children's",
        "social care and a paediatric assessment on the same day.",
        "5.2 Information held by the police was not shared at the strategy discussion.",
    ],
]

BRIEFING_V1 = (
    "Child V 7-minute briefing\n"
    "Oakbridge Local Safeguarding Children Board\n"
    "Published 13.03.18\n\n"
    "Key learning\n\n"
    "Chronic neglect of the children was not recognised because each visit was judged "
    "on its own.\n"
)
BRIEFING_V2 = BRIEFING_V1.replace(
    "Chronic neglect", "Long-standing neglect of the children and their poor school attendance"
)


@pytest.fixture
def folder(tmp_path) -> Path:
    reviews = tmp_path / "reviews"
    (reviews / "briefings").mkdir(parents=True)
    (reviews / "Child_J_Professionals_Leaflet.pdf").write_bytes(make_pdf(LEAFLET_PAGES))
    (reviews / "Child-T-Learning-Summary.docx").write_bytes(
        make_docx(
            [
                ("Title", "Child T Learning Summary"),
                ("Normal", "Fenmarsh Safeguarding Children Board, May 2012"),
                ("Heading 1", "Key learning"),
                (
                    "List Bullet",
                    "Practitioners should ask who lives in the household; the mother's new "
                    "partner was not known to agencies.",
                ),
            ]
        )
    )
    (reviews / "briefings" / "child-v-briefing.txt").write_text(BRIEFING_V1, encoding="utf-8")
    (reviews / "notes.csv").write_text("not,a,review\n", encoding="utf-8")  # not ingested
    return reviews


@pytest.fixture
def data(tmp_path):
    paths = DataDir(tmp_path / "data")
    with Catalog(paths.catalog) as catalog:
        yield paths, catalog, BlobStore(paths.store)


def test_ingest_records_files_with_file_urls_and_reports_missing_paths(folder, data, tmp_path):
    paths, catalog, store = data
    missing = tmp_path / "elsewhere" / "Child_X_Overview_Report.pdf"
    report = ingest_paths([folder, missing], catalog, store)

    assert report.added == 3
    assert report.unchanged == 0
    assert len(report.changed) == 3
    [(failed_path, reason)] = report.failed
    assert failed_path == str(missing)
    assert "No such file" in reason

    rows = catalog.urls_for_source(INGEST_SOURCE)
    assert sorted(r.url for r in rows) == sorted(
        p.resolve().as_uri()
        for p in (
            folder / "Child_J_Professionals_Leaflet.pdf",
            folder / "Child-T-Learning-Summary.docx",
            folder / "briefings" / "child-v-briefing.txt",
        )
    )
    assert all(r.url.startswith("file:///") for r in rows)
    leaflet = catalog.url((folder / "Child_J_Professionals_Leaflet.pdf").resolve().as_uri())
    assert leaflet.link_text == "Child J Professionals Leaflet"
    assert leaflet.heading == "reviews"
    assert store.get(leaflet.sha256) == (folder / "Child_J_Professionals_Leaflet.pdf").read_bytes()
    assert catalog.blob_kind(leaflet.sha256) == "pdf"
    assert {catalog.blob_kind(r.sha256) for r in rows} == {"pdf", "docx", "txt"}
    # The missing file is remembered as a failure for `scr status`.
    [failure] = catalog.recent_failures()
    assert failure["url"] == missing.resolve().as_uri()


def test_reingesting_the_same_files_changes_nothing(folder, data):
    _paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    again = ingest_paths([folder], catalog, store)
    assert (again.added, again.unchanged, again.failed, again.changed) == (0, 3, [], set())
    assert catalog.stats()["versions"] == 3


def test_a_single_file_can_be_named(folder, data):
    _paths, catalog, store = data
    report = ingest_paths([folder / "briefings" / "child-v-briefing.txt"], catalog, store)
    assert report.added == 1
    assert [r.link_text for r in catalog.urls_for_source(INGEST_SOURCE)] == ["child v briefing"]


def test_ingested_files_become_searchable(folder, data, tagger):
    paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    log: list[str] = []
    report = sync_index(paths.root, catalog, store, tagger, log=log.append)
    assert report.documents == 3 and report.records > 0

    with LessonSearcher(paths.root) as searcher:
        bruising = searcher.search(SearchQuery(q="bruises"))
        [hit] = bruising.results
        assert hit.case == "Child J"
        assert hit.year == 2015
        assert hit.board == "Fenmarsh Safeguarding Children Board"
        assert hit.doc_type == "learning-brief"
        assert hit.kind == "lesson"
        assert hit.page == 2
        assert hit.section == "Key learning"
        assert "non-mobile-bruising" in hit.themes
        assert hit.source_url == (folder / "Child_J_Professionals_Leaflet.pdf").resolve().as_uri()

        household = searcher.search(SearchQuery(q="household"))
        assert [h.case for h in household.results] == ["Child T"]
        assert "hidden-men" in household.results[0].themes

        neglect = searcher.search(SearchQuery(themes=("neglect",)))
        assert [(h.case, h.year) for h in neglect.results] == [("Child V", 2018)]

        assert searcher.counts()["cases"] == 3
    # Every document was understood.
    assert catalog.stats()["problem_documents"] == []
    assert catalog.stats()["lessons"] == report.records


def test_changed_file_replaces_its_old_version_in_the_index(folder, data, tagger):
    paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    sync_index(paths.root, catalog, store, tagger, log=lambda _m: None)
    briefing = folder / "briefings" / "child-v-briefing.txt"
    old_sha = catalog.url(briefing.resolve().as_uri()).sha256

    briefing.write_text(BRIEFING_V2, encoding="utf-8")
    second = ingest_paths([folder], catalog, store)
    assert (second.added, second.unchanged) == (1, 2)
    new_sha = catalog.url(briefing.resolve().as_uri()).sha256
    assert second.changed == {old_sha, new_sha}
    sync_index(paths.root, catalog, store, tagger, log=lambda _m: None)

    with LessonSearcher(paths.root) as searcher:
        assert searcher.search(SearchQuery(q="chronic")).total == 0
        [hit] = searcher.search(SearchQuery(q="attendance")).results
        assert hit.doc_id == doc_id_for(new_sha)
        assert {h.doc_id for h in searcher.search(SearchQuery(case="Child V")).results} == {
            doc_id_for(new_sha)
        }
    assert store.has(old_sha)  # the old version stays in the store


def test_unreadable_document_is_kept_but_reported_not_indexed(folder, data, tagger):
    paths, catalog, store = data
    broken = make_pdf(LEAFLET_PAGES)
    (folder / "Child_P_Overview_Report.pdf").write_bytes(broken[: len(broken) // 2])
    report = ingest_paths([folder], catalog, store)
    assert report.added == 4
    sync_index(paths.root, catalog, store, tagger, log=lambda _m: None)
    [problem] = catalog.stats()["problem_documents"]
    assert problem["status"] == "corrupt"
    with LessonSearcher(paths.root) as searcher:
        assert searcher.search(SearchQuery(case="Child P")).total == 0
        assert searcher.counts()["cases"] == 3


def test_reindex_from_the_store_gives_the_same_results(folder, data, tagger):
    paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    written = sync_index(paths.root, catalog, store, tagger, log=lambda _m: None).records
    with LessonSearcher(paths.root) as searcher:
        before = sorted(h.lesson_id for h in searcher.search(SearchQuery(per_page=100)).results)
    # The original files are gone; the store has everything needed.
    for path in folder.rglob("*"):
        if path.is_file():
            path.unlink()
    rebuilt = reindex_all(paths.root, catalog, store, tagger, log=lambda _m: None)
    assert rebuilt.records == written
    with LessonSearcher(paths.root) as searcher:
        after = sorted(h.lesson_id for h in searcher.search(SearchQuery(per_page=100)).results)
    assert after == before


def test_a_changed_taxonomy_reaches_every_stored_document_on_the_next_sync(folder, data, tagger):
    import dataclasses

    from harvester.tagging import ThemeTagger
    from index.taxonomy import Theme

    paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    first = sync_index(paths.root, catalog, store, tagger, log=lambda _m: None)
    assert first.documents == 3
    assert sync_index(paths.root, catalog, store, tagger, log=lambda _m: None).documents == 0

    # An analyst adds a theme; nothing was re-harvested, yet every document is re-tagged.
    visits = Theme("home-visits", "Home visits", "How visits were judged.", ("visit",))
    edited = dataclasses.replace(tagger.taxonomy, themes=(*tagger.taxonomy.themes, visits))
    messages: list[str] = []
    again = sync_index(paths.root, catalog, store, ThemeTagger(edited), log=messages.append)
    assert again.documents == 3
    assert any("taxonomy changed" in m for m in messages)
    with LessonSearcher(paths.root) as searcher:
        [hit] = searcher.search(SearchQuery(themes=("home-visits",))).results
        assert hit.case == "Child V"


def test_a_changed_board_table_relabels_stored_documents_on_the_next_sync(folder, data, tagger):
    from index.boards import parse_board_table

    paths, catalog, store = data
    ingest_paths([folder], catalog, store)
    before = parse_board_table({"areas": {}})
    sync_index(paths.root, catalog, store, tagger, log=lambda _m: None, boards=before)
    with LessonSearcher(paths.root) as searcher:
        boards = {h.case: h.board for h in searcher.search(SearchQuery(per_page=50)).results}
    assert boards["Child V"] == "Oakbridge Local Safeguarding Children Board"

    # An analyst records that Oakbridge's board became a partnership and how it was known:
    # nothing was re-harvested, yet the stored document is read again with the new table.
    after = parse_board_table(
        {
            "areas": {
                "oakbridge": {
                    "name": "Oakbridge",
                    "boards": [
                        {
                            "name": "Oakbridge Safeguarding Children Board",
                            "aliases": ["Oakbridge Local Safeguarding Children Board"],
                            "until": 2018,
                        },
                        {"name": "Oakbridge Safeguarding Children Partnership", "from": 2019},
                    ],
                }
            }
        }
    )
    messages: list[str] = []
    again = sync_index(paths.root, catalog, store, tagger, log=messages.append, boards=after)
    assert again.documents == 3
    assert any("board table" in m for m in messages)
    with LessonSearcher(paths.root) as searcher:
        hits = searcher.search(SearchQuery(per_page=50)).results
        relabelled = {h.case: (h.board, h.case_id) for h in hits}
    board, case = relabelled["Child V"]
    assert board == "Oakbridge Safeguarding Children Board"
    assert case.startswith("oakbridge-child-v-2018")


def test_a_module_added_to_the_metadata_package_changes_the_understanding_fingerprint(
    tmp_path, tagger
):
    import shutil

    import harvester
    from harvester.pipeline import understanding_fingerprint
    from index.boards import parse_board_table

    boards = parse_board_table({"areas": {}})
    root = tmp_path / "harvester"
    shutil.copytree(
        Path(harvester.__file__).parent, root, ignore=shutil.ignore_patterns("__pycache__")
    )
    before = understanding_fingerprint(tagger, boards, root=root)
    assert before == understanding_fingerprint(tagger, boards)

    # Code that does not decide what a document becomes leaves the fingerprint alone.
    (root / "fetch.py").write_text("# another user agent\n", encoding="utf-8")
    assert understanding_fingerprint(tagger, boards, root=root) == before

    # A new reader in the metadata package is covered without being named anywhere.
    (root / "metadata" / "authors.py").write_text("AUTHOR = 'author'\n", encoding="utf-8")
    added = understanding_fingerprint(tagger, boards, root=root)
    assert added != before
    (root / "metadata" / "authors.py").write_text("", encoding="utf-8")  # even an empty one
    assert understanding_fingerprint(tagger, boards, root=root) not in (before, added)
