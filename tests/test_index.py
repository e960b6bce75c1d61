"""The lessons index: writing records into a real Whoosh index and searching them."""

from __future__ import annotations

import pytest

from harvester.metadata import case_id
from index import IndexMissingError, LessonSearcher, QueryError, SearchQuery
from index.location import current_index_dir, index_root
from index.records import DocumentRecord, LessonRecord
from index.search import search
from index.writer import rebuild, update_documents
from tests.conftest import Harvested

FENMARSH = "Fenmarsh Safeguarding Children Board"
OAKBRIDGE = "Oakbridge Local Safeguarding Children Board"
LABELS = {
    "neglect": "Neglect",
    "non-mobile-bruising": "Bruising in non-mobile babies",
    "information-sharing": "Information sharing",
    "criminal-exploitation": "Criminal exploitation",
    "hidden-men": "Hidden men",
}


def doc(doc_id, title, case, board, year, doc_type, themes=()) -> DocumentRecord:
    return DocumentRecord(
        doc_id=doc_id,
        title=title,
        case=case,
        case_id=case_id(board, case, year),
        board=board,
        year=year,
        doc_type=doc_type,
        source_url=f"https://www.example.org/scr/{doc_id}.pdf",
        sha256=doc_id * 4,
        pages=6,
        published=f"July {year}",
        themes=tuple(themes),
    )


def lesson(doc_id, order, text, themes=(), kind="lesson", section="Lessons learned", page=2):
    return LessonRecord(
        lesson_id=f"{doc_id}-{order:04d}",
        doc_id=doc_id,
        kind=kind,
        text=text,
        section=section,
        page=page,
        order=order,
        themes=tuple(themes),
        theme_scores=tuple(0.5 for _ in themes),
    )


CHILD_J = doc(
    "a1b2c3d4e5f60001",
    "Child J Professionals Leaflet",
    "Child J",
    FENMARSH,
    2015,
    "learning-brief",
    ["non-mobile-bruising", "information-sharing"],
)
CHILD_A_2006 = doc(
    "a1b2c3d4e5f60002",
    "Serious Case Review Child A",
    "Child A",
    FENMARSH,
    2006,
    "overview-report",
    ["non-mobile-bruising", "hidden-men"],
)
CHILD_A_2014 = doc(
    "a1b2c3d4e5f60003",
    "Serious Case Review Child A Overview Report",
    "Child A",
    FENMARSH,
    2014,
    "overview-report",
    ["neglect"],
)
CHILD_K = doc(
    "a1b2c3d4e5f60004",
    "Child K Executive Summary",
    "Child K",
    OAKBRIDGE,
    2021,
    "executive-summary",
    ["criminal-exploitation", "information-sharing"],
)

CORPUS = [
    (
        CHILD_J,
        [
            lesson(
                CHILD_J.doc_id,
                0,
                "Bruising in a non-mobile baby must always prompt a "
                "referral to children's social care.",
                ["non-mobile-bruising"],
            ),
            lesson(
                CHILD_J.doc_id,
                1,
                "Professionals did not share information about the "
                "father's history with the health visitor.",
                ["information-sharing"],
            ),
            lesson(
                CHILD_J.doc_id,
                2,
                "Child J lived with her mother in a rented flat.",
                kind="summary",
                section="What happened",
                page=1,
            ),
        ],
    ),
    (
        CHILD_A_2006,
        [
            lesson(
                CHILD_A_2006.doc_id,
                0,
                "The GP saw bruises on the baby's arms and accepted the explanation given.",
                ["non-mobile-bruising"],
                page=14,
            ),
            lesson(
                CHILD_A_2006.doc_id,
                1,
                "The mother's partner was not known to agencies.",
                ["hidden-men"],
                page=15,
            ),
        ],
    ),
    (
        CHILD_A_2014,
        [
            lesson(
                CHILD_A_2014.doc_id,
                0,
                "Chronic neglect of the children was not recognised "
                "because each visit was judged on its own.",
                ["neglect"],
                page=21,
            ),
            lesson(
                CHILD_A_2014.doc_id,
                1,
                "Recommendation 1: the board should audit neglect cases.",
                ["neglect"],
                kind="recommendation",
                section="Recommendations",
                page=30,
            ),
        ],
    ),
    (
        CHILD_K,
        [
            lesson(
                CHILD_K.doc_id,
                0,
                "A message reading <script>alert('run')</script> was found "
                "on the phone & the strategy discussion did not include the school.",
                ["criminal-exploitation", "information-sharing"],
                page=3,
            ),
        ],
    ),
]


@pytest.fixture
def data_dir(tmp_path):
    written = update_documents(tmp_path, CORPUS)
    assert written == sum(len(lessons) for _, lessons in CORPUS)
    return tmp_path


@pytest.fixture
def searcher(data_dir):
    with LessonSearcher(data_dir, lambda t: LABELS.get(t, t)) as opened:
        yield opened


def ids(response) -> list[str]:
    return [h.lesson_id for h in response.results]


def doc_ids(response) -> set[str]:
    return {h.doc_id for h in response.results}


def facet(response, name) -> dict:
    return {f.value: f.count for f in response.facets[name]}


def test_stemming_finds_other_forms_of_a_word(searcher):
    response = searcher.search(SearchQuery(q="bruises"))
    assert set(ids(response)) == {"a1b2c3d4e5f60001-0000", "a1b2c3d4e5f60002-0000"}
    assert response.total == 2
    bruising = next(h for h in response.results if h.doc_id == CHILD_J.doc_id)
    assert "<mark>Bruising</mark>" in bruising.snippet
    assert bruising.page == 2 and bruising.section == "Lessons learned"
    assert bruising.case == "Child J" and bruising.year == 2015
    assert bruising.source_url == CHILD_J.source_url


def test_counts_records_and_distinct_cases(searcher):
    # Two "Child A" cases at one board count as two cases.
    assert searcher.counts() == {"records": 8, "cases": 4, "without_arrays": 0}


def test_a_word_in_no_lesson_finds_nothing(searcher):
    response = searcher.search(SearchQuery(q="radicalisation"))
    assert (response.total, response.results) == (0, [])


def test_filter_by_theme(searcher):
    response = searcher.search(SearchQuery(themes=("neglect",)))
    assert doc_ids(response) == {CHILD_A_2014.doc_id}
    # The total counts documents; the results are the records.
    assert (response.total, len(response.results)) == (1, 2)
    both = searcher.search(SearchQuery(themes=("non-mobile-bruising", "information-sharing")))
    assert both.total == 0  # themes combine with AND: no single lesson has both
    shared = searcher.search(SearchQuery(themes=("information-sharing",)))
    assert doc_ids(shared) == {CHILD_J.doc_id, CHILD_K.doc_id}


def test_filter_by_year_and_year_range(searcher):
    assert doc_ids(searcher.search(SearchQuery(year=2015))) == {CHILD_J.doc_id}
    ranged = searcher.search(SearchQuery(year_from=2006, year_to=2014))
    assert doc_ids(ranged) == {CHILD_A_2006.doc_id, CHILD_A_2014.doc_id}
    assert (ranged.total, len(ranged.results)) == (2, 4)
    open_ended = searcher.search(SearchQuery(year_from=2015))
    assert doc_ids(open_ended) == {CHILD_J.doc_id, CHILD_K.doc_id}
    assert doc_ids(searcher.search(SearchQuery(year_to=2006))) == {CHILD_A_2006.doc_id}


def test_filter_by_case_id_keeps_two_child_a_cases_apart(searcher):
    older = searcher.search(SearchQuery(case=CHILD_A_2006.case_id))
    newer = searcher.search(SearchQuery(case=CHILD_A_2014.case_id))
    assert doc_ids(older) == {CHILD_A_2006.doc_id}
    assert doc_ids(newer) == {CHILD_A_2014.doc_id}
    by_name = searcher.search(SearchQuery(case="child a"))
    assert doc_ids(by_name) == {CHILD_A_2006.doc_id, CHILD_A_2014.doc_id}
    assert doc_ids(searcher.search(SearchQuery(case="Child J"))) == {CHILD_J.doc_id}
    # The case facet lists the two cases separately, each labelled with its year.
    labels = {f.value: f.label for f in by_name.facets["case"]}
    assert labels == {
        CHILD_A_2006.case_id: "Child A (2006)",
        CHILD_A_2014.case_id: "Child A (2014)",
    }


def test_filter_by_board_name_or_a_word_of_it(searcher):
    assert doc_ids(searcher.search(SearchQuery(board="oakbridge"))) == {CHILD_K.doc_id}
    assert doc_ids(searcher.search(SearchQuery(board=OAKBRIDGE))) == {CHILD_K.doc_id}
    fenmarsh = searcher.search(SearchQuery(board="Fenmarsh"))
    assert doc_ids(fenmarsh) == {CHILD_J.doc_id, CHILD_A_2006.doc_id, CHILD_A_2014.doc_id}
    assert searcher.search(SearchQuery(board="Elmbury")).total == 0


def test_filter_by_doc_type_and_kind(searcher):
    summaries = searcher.search(SearchQuery(doc_type="executive-summary"))
    assert doc_ids(summaries) == {CHILD_K.doc_id}
    reports = searcher.search(SearchQuery(doc_type="overview-report"))
    assert doc_ids(reports) == {CHILD_A_2006.doc_id, CHILD_A_2014.doc_id}
    recommendations = searcher.search(SearchQuery(kind="recommendation"))
    assert ids(recommendations) == ["a1b2c3d4e5f60003-0001"]


def test_filters_combine_with_the_query(searcher):
    response = searcher.search(SearchQuery(q="bruises", year=2006))
    assert ids(response) == ["a1b2c3d4e5f60002-0000"]
    assert searcher.search(SearchQuery(q="bruises", board="oakbridge")).total == 0


def test_facet_counts_follow_the_filter(searcher):
    # Facets count documents (a theme: documents with a record tagged with it).
    everything = searcher.search(SearchQuery())
    assert facet(everything, "year") == {2021: 1, 2015: 1, 2014: 1, 2006: 1}
    assert [f.value for f in everything.facets["year"]] == [2021, 2015, 2014, 2006]
    assert facet(everything, "board") == {FENMARSH: 3, OAKBRIDGE: 1}
    assert facet(everything, "theme") == {
        "non-mobile-bruising": 2,
        "information-sharing": 2,
        "neglect": 1,
        "hidden-men": 1,
        "criminal-exploitation": 1,
    }

    filtered = searcher.search(SearchQuery(board="fenmarsh"))
    assert (filtered.total, len(filtered.results)) == (3, 7)
    assert facet(filtered, "year") == {2015: 1, 2014: 1, 2006: 1}
    assert facet(filtered, "board") == {FENMARSH: 3}
    assert facet(filtered, "doc_type") == {"learning-brief": 1, "overview-report": 2}
    assert facet(filtered, "theme") == {
        "non-mobile-bruising": 2,
        "neglect": 1,
        "information-sharing": 1,
        "hidden-men": 1,
    }
    assert facet(filtered, "case") == {
        CHILD_J.case_id: 1,
        CHILD_A_2006.case_id: 1,
        CHILD_A_2014.case_id: 1,
    }
    # A facet value's count is the total its filter gives.
    for value, count in facet(filtered, "theme").items():
        assert searcher.search(SearchQuery(board="fenmarsh", themes=(value,))).total == count
    for name, param in (("kind", "kind"), ("doc_type", "doc_type"), ("year", "year")):
        for value, count in facet(filtered, name).items():
            narrowed = SearchQuery(board="fenmarsh", **{param: value})
            assert searcher.search(narrowed).total == count, (name, value)
    theme_labels = {f.value: f.label for f in filtered.facets["theme"]}
    assert theme_labels["non-mobile-bruising"] == "Bruising in non-mobile babies"


def test_snippet_marks_matches_and_escapes_html(searcher):
    response = searcher.search(SearchQuery(q="strategy"))
    [hit] = response.results
    snippet = hit.snippet
    assert "<mark>strategy</mark>" in snippet
    assert "&lt;script&gt;" in snippet
    assert "&amp;" in snippet
    assert "<script>" not in snippet
    without_marks = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks and ">" not in without_marks


def test_snippet_without_a_text_match_is_escaped_plain_text(searcher):
    # Every record of CHILD_K matches the filter; there is no query to highlight.
    [hit] = searcher.search(SearchQuery(board="oakbridge")).results
    assert hit.snippet.startswith("A message reading &lt;script&gt;")
    assert "<mark>" not in hit.snippet


def test_paging(searcher):
    pages = [searcher.search(SearchQuery(page=n, per_page=3)) for n in (1, 2, 3, 4)]
    assert [len(p.results) for p in pages] == [3, 3, 2, 0]
    assert {p.total for p in pages} == {4}  # documents
    assert pages[0].pages == 3
    seen = [lesson_id for p in pages for lesson_id in ids(p)]
    assert len(seen) == len(set(seen)) == 8
    # With no query the newest reports come first, in reading order.
    assert [h.year for h in pages[0].results] == [2021, 2015, 2015]
    assert ids(pages[0])[1:] == ["a1b2c3d4e5f60001-0000", "a1b2c3d4e5f60001-0001"]


def test_update_replaces_a_documents_lessons_and_removes_documents(data_dir):
    revised = [
        lesson(
            CHILD_J.doc_id,
            0,
            "Revised leaflet: bruising in a baby who is not yet mobile is never normal.",
            ["non-mobile-bruising"],
        )
    ]
    assert update_documents(data_dir, [(CHILD_J, revised)], remove_doc_ids=[CHILD_K.doc_id]) == 1
    with LessonSearcher(data_dir) as searcher:
        child_j = searcher.search(SearchQuery(case=CHILD_J.case_id))
        assert ids(child_j) == ["a1b2c3d4e5f60001-0000"]
        assert child_j.results[0].snippet.startswith("Revised leaflet")
        assert searcher.search(SearchQuery(board="oakbridge")).total == 0
        assert searcher.search(SearchQuery()).total == 3
        assert searcher.search(SearchQuery()).records == 5
        assert searcher.counts() == {"records": 5, "cases": 3, "without_arrays": 0}
    # The same update again changes nothing: still one record for the document.
    update_documents(data_dir, [(CHILD_J, revised)])
    assert search(data_dir, SearchQuery(case=CHILD_J.case_id)).total == 1


def test_rebuild_swaps_in_a_fresh_folder(data_dir):
    old = current_index_dir(data_dir)
    assert old is not None and old.is_dir()
    written = rebuild(data_dir, CORPUS[:2])
    assert written == 5
    new = current_index_dir(data_dir)
    assert new is not None and new != old
    assert (index_root(data_dir) / "CURRENT").read_text(encoding="utf-8").strip() == new.name
    # The replaced build stays for searchers opened before the swap; the next swap removes it.
    builds = {p for p in index_root(data_dir).iterdir() if p.is_dir()}
    assert builds == {new, old}
    assert search(data_dir, SearchQuery()).records == 5
    rebuild(data_dir, CORPUS[:2])
    newest = current_index_dir(data_dir)
    assert {p for p in index_root(data_dir).iterdir() if p.is_dir()} == {newest, new}
    assert doc_ids(search(data_dir, SearchQuery(per_page=10))) == {
        CHILD_J.doc_id,
        CHILD_A_2006.doc_id,
    }


def test_a_searcher_open_during_a_rebuild_keeps_its_results(data_dir):
    with LessonSearcher(data_dir) as before:
        rebuild(data_dir, CORPUS[:1])
        assert before.search(SearchQuery()).records == 8
    assert search(data_dir, SearchQuery()).records == 3


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(per_page=0),
        SearchQuery(per_page=101),
        SearchQuery(page=0),
        SearchQuery(doc_type="leaflet"),
        SearchQuery(kind="paragraph"),
        SearchQuery(year_from=2015, year_to=2006),
        SearchQuery(year=2015, year_from=2006),
        SearchQuery(q="x" * 501),
    ],
)
def test_bad_queries_raise_query_error(searcher, query):
    with pytest.raises(QueryError):
        searcher.search(query)


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(IndexMissingError):
        LessonSearcher(tmp_path)
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "CURRENT").write_text("build-gone", encoding="utf-8")
    with pytest.raises(IndexMissingError):
        search(tmp_path, SearchQuery(q="neglect"))


def test_to_json_has_the_documented_keys(searcher):
    data = searcher.search(SearchQuery(q="bruises", per_page=1)).to_json()
    assert set(data) == {
        "query",
        "total",
        "page",
        "per_page",
        "results",
        "facets",
        "shown",
        "cases",
    }
    assert (data["query"], data["total"], data["page"], data["per_page"]) == ("bruises", 2, 1, 1)
    [result] = data["results"]
    assert set(result) == {
        "lesson_id",
        "doc_id",
        "title",
        "case",
        "case_id",
        "board",
        "year",
        "doc_type",
        "section",
        "kind",
        "page",
        "themes",
        "snippet",
        "source_url",
        "score",
        "also_in",
    }
    assert isinstance(result["themes"], list)
    assert isinstance(result["score"], float) and result["score"] > 0
    assert {"theme", "year", "case", "board", "doc_type"} <= set(data["facets"])
    for values in data["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count"}
    assert "corrected_query" not in data


def test_an_index_with_an_older_schema_is_rebuilt_on_update(tmp_path):
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, Schema

    from index.location import activate, new_build_dir
    from index.writer import schema_is_current

    build = new_build_dir(tmp_path)
    whoosh_index.create_in(str(build), Schema(lesson_id=ID(stored=True))).close()
    activate(tmp_path, build)
    assert not schema_is_current(tmp_path)


def test_ranked_results_show_at_most_two_lessons_per_document(data_dir):
    from index.records import DocumentRecord, LessonRecord
    from index.writer import update_documents

    doc = DocumentRecord(
        doc_id="f" * 16,
        title="Child Q Overview Report",
        case="Child Q",
        case_id="fenmarsh-child-q-2016",
        board="Fenmarsh Safeguarding Children Board",
        year=2016,
        doc_type="overview-report",
        source_url="http://127.0.0.1/q.pdf",
        sha256="f" * 64,
        pages=9,
    )
    lessons = [
        LessonRecord(
            f"{'f' * 16}-{n:04d}",
            doc.doc_id,
            "lesson",
            f"Lesson {n}: neglect of dental health was not recognised.",
            "Lessons",
            n + 1,
            n,
        )
        for n in range(5)
    ]
    update_documents(data_dir, [(doc, lessons)])
    with LessonSearcher(data_dir) as searcher:
        ranked = searcher.search(SearchQuery(q="dental neglect"))
        from_q = [h for h in ranked.results if h.doc_id == doc.doc_id]
        assert len(from_q) == 2
        # The case's last card counts the three held back, for "3 more from this case".
        assert [h.more_in_case for h in from_q] == [0, 3]
        # The link to the rest: the same search within the document shows all five.
        rest = searcher.search(SearchQuery(q="dental neglect", doc_id=doc.doc_id))
        assert (rest.total, len(rest.results)) == (1, 5)
        # Browsing without a query lists every lesson in reading order.
        browse = searcher.search(SearchQuery(case="Child Q", per_page=10))
        assert [h.page for h in browse.results] == [1, 2, 3, 4, 5]


def test_lessons_rank_above_passages_with_the_same_words(data_dir):
    from index.records import DocumentRecord, LessonRecord
    from index.writer import update_documents

    doc = DocumentRecord(
        doc_id="e" * 16,
        title="Child R Overview Report",
        case="Child R",
        case_id="fenmarsh-child-r-2017",
        board="Fenmarsh Safeguarding Children Board",
        year=2017,
        doc_type="overview-report",
        source_url="http://127.0.0.1/r.pdf",
        sha256="e" * 64,
        pages=9,
    )
    text = "Professionals accepted the explanation for the fractured wrist at face value."
    records = [
        LessonRecord("e" * 16 + "-0000", doc.doc_id, "passage", text, "Chronology", 3, 0),
        LessonRecord("e" * 16 + "-0001", doc.doc_id, "lesson", text, "Lessons", 8, 1),
    ]
    update_documents(data_dir, [(doc, records)])
    with LessonSearcher(data_dir) as searcher:
        ranked = searcher.search(SearchQuery(q="fractured wrist face value", doc_id=doc.doc_id))
    assert [h.kind for h in ranked.results] == ["lesson", "passage"]
    assert ranked.results[0].score > ranked.results[1].score


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("neglect", "neglect", 0),
        ("negelct", "neglect", 1),
        ("disgused", "disguised", 1),
        ("disgused", "discuss", 3),
        ("bruse", "bruise", 1),
        ("", "abc", 3),
    ],
)
def test_edit_distance_counts_transpositions_as_one(a, b, distance):
    from index.spelling import edit_distance

    assert edit_distance(a, b) == distance


@pytest.mark.parametrize("warm", [False, True])
def test_searches_during_rebuilds_never_fail(data_dir, warm):
    """Readers in several threads keep searching while the index is rebuilt and swapped
    (with a warming pool, while new searchers open in the background)."""
    import threading

    from index.pool import SearcherPool

    pool = SearcherPool(data_dir, check_every=0.0, warm=warm)
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                totals.append(pool.get().search(SearchQuery(q="bruising")).total)
            except BaseException as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(8):
            rebuild(data_dir, CORPUS)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        pool.close()
    assert not errors, errors[:3]
    assert len(totals) > 8 and min(totals) > 0


def test_newest_first_with_words_lists_only_matching_records(searcher):
    response = searcher.search(SearchQuery(q="bruises", sort="newest"))
    assert [h.year for h in response.results] == [2015, 2006]
    assert all("bruis" in h.text.lower() for h in response.results)


def test_stop_words_are_not_taken_for_misspellings(searcher):
    assert searcher.suggest("bruising from the father") is None
    assert searcher.suggest("bruising from the fathr") == "bruising from the father"


def test_one_searcher_serves_every_thread_until_the_index_changes(data_dir):
    import threading

    from index.pool import SearcherPool

    pool = SearcherPool(data_dir, check_every=0.0)
    seen: list[LessonSearcher] = []
    threads = [threading.Thread(target=lambda: seen.append(pool.get())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(seen) == 4 and len({id(s) for s in seen}) == 1
        assert seen[0].search(SearchQuery()).records == 8
        rebuild(data_dir, CORPUS[:1])
        replaced = pool.get()
        assert replaced is not seen[0]
        # The new searcher has its own (empty) cache: it answers from the new build.
        assert replaced.search(SearchQuery()).records == 3
    finally:
        pool.close()


def test_a_warming_pool_answers_from_the_searcher_before_while_it_opens_the_new_one(data_dir):
    import time

    from index.expansion import Expander
    from index.pool import SearcherPool
    from index.taxonomy import load_taxonomy

    expander = Expander.from_taxonomy(load_taxonomy(None))
    pool = SearcherPool(data_dir, expander=expander, check_every=0.0, warm=True)
    try:
        first = pool.get()
        assert first.search(SearchQuery()).records == 8
        rebuild(data_dir, CORPUS[:1])
        # The change is seen: the searcher before answers while the new one opens.
        assert pool.get() is first
        deadline = time.monotonic() + 30
        replaced = pool.get()
        while replaced is first and time.monotonic() < deadline:
            time.sleep(0.05)
            replaced = pool.get()
        assert replaced is not first
        assert replaced.search(SearchQuery()).records == 3
        assert replaced.warm() == 0  # warmed before it was handed out
        assert first.search(SearchQuery()).records == 8  # retired, still usable a while
    finally:
        pool.close()


def test_a_cached_response_is_a_copy(searcher):
    first = searcher.search(SearchQuery(q="bruising"))
    first.results.clear()
    first.facets.clear()
    again = searcher.search(SearchQuery(q="bruising"))
    assert again.results and again.facets["year"]


def test_records_with_all_the_words_come_first_and_the_rest_follow_on_later_pages(tmp_path):
    # Twelve documents with one record holding both words and one holding one of them:
    # the records with both rank first, and a page past them shows records with one, none
    # of them shown before.
    corpus = []
    for n in range(12):
        doc_id = f"b0b0b0b0b0b0{n:04d}"
        d = doc(doc_id, f"Review {n}", f"Child {n}", FENMARSH, 2010 + n, "overview-report")
        corpus.append(
            (
                d,
                [
                    lesson(doc_id, 1, f"Neglect was missed at school visit {n}."),
                    lesson(doc_id, 2, f"Neglect was recorded at the clinic on day {n}."),
                ],
            )
        )
    data_dir = tmp_path / "data"
    rebuild(data_dir, corpus)
    with LessonSearcher(data_dir) as searcher:
        first = searcher.search(SearchQuery(q="neglect school", per_page=5))
        assert first.total == 12
        assert [("school" in h.text) for h in first.results] == [True] * 5
        assert first.pages >= 2
        seen = {h.lesson_id for h in first.results}
        later = searcher.search(SearchQuery(q="neglect school", per_page=5, page=3))
        # Page 3 (records 11-15) reaches past the 12 records with both words.
        assert any("school" not in h.text for h in later.results)
        assert not seen & {h.lesson_id for h in later.results}


def test_a_facet_lists_its_commonest_values_and_says_how_many_more(tmp_path):
    from index.facets import FACET_VALUES

    cases = FACET_VALUES + 7
    corpus = []
    for n in range(cases):
        doc_id = f"c0c0c0c0c0c0{n:04d}"
        # Case n has n % 3 + 1 documents, so the commonest cases are listed first.
        for k in range(n % 3 + 1):
            d = doc(
                f"{doc_id[:-5]}{k}{n:04d}",
                f"Review {n}",
                f"Child {n}",
                FENMARSH,
                2015,
                "overview-report",
            )
            corpus.append((d, [lesson(d.doc_id, 1, f"Neglect was missed in case {n}.")]))
    data_dir = tmp_path / "data"
    rebuild(data_dir, corpus)
    with LessonSearcher(data_dir) as searcher:
        response = searcher.search(SearchQuery(q="neglect"))
    listed = response.facets["case"]
    assert len(listed) == FACET_VALUES
    assert response.facet_sizes["case"] == cases
    assert response.to_json()["facets_more"] == {"case": 7}
    counts = [v.count for v in listed]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    # Every case left out has no more documents than the last one listed.
    assert sum(counts) + 7 * 1 <= response.total and min(counts) >= 1
    assert "facets_more" not in searcher_json_without_cut(data_dir)
    # Asked for in full, a facet lists every value (and the others stay cut).
    with LessonSearcher(data_dir) as searcher:
        full = searcher.search(SearchQuery(q="neglect", full_facets=("case",)))
    assert len(full.facets["case"]) == cases
    assert {v.value for v in listed} < {v.value for v in full.facets["case"]}
    assert "facets_more" not in full.to_json()
    with pytest.raises(QueryError, match="unknown facet"):
        SearchQuery(q="neglect", full_facets=("colour",)).validate()
    # The page: "Show all" asks the server for every value (the page holds only 50), and
    # so does a Find box; the API lists them with `more`.
    from bs4 import BeautifulSoup

    from search_app import AppConfig, create_app

    client = create_app(AppConfig(data_dir), TESTING=True).test_client()
    page = BeautifulSoup(client.get("/?q=neglect").get_data(as_text=True), "lxml")
    section = page.select_one("section[data-facet=case]")
    assert section["data-complete"] == "0"
    link = section.select_one(".facet-more a")
    assert link.get_text(strip=True) == f"Show all {cases}" and not link.has_attr("data-show-all")
    expanded = client.get(link["href"].split("#")[0]).get_data(as_text=True)
    values = BeautifulSoup(expanded, "lxml").select("section[data-facet=case] li")
    assert len(values) == cases
    found = client.get("/?q=neglect&find_case=Child+5").get_data(as_text=True)
    labels = [
        li.select_one(".label").get_text(strip=True).split(" (")[0]
        for li in BeautifulSoup(found, "lxml").select("section[data-facet=case] li")
        if not li.has_attr("hidden")
    ]
    expected = [f"Child {n}" for n in range(cases) if "Child 5" in f"Child {n}"]
    assert sorted(labels) == sorted(expected)
    # Some of them are past the 50 the page lists otherwise.
    assert set(expected) - {v.label.split(" (")[0] for v in listed}
    api = client.get("/api/search?q=neglect&more=case&more=colour").get_json()
    assert len(api["facets"]["case"]) == cases and "facets_more" not in api


def searcher_json_without_cut(data_dir):  # noqa: ANN001, ANN201
    """A search narrowed to one case: no facet is cut."""
    with LessonSearcher(data_dir) as searcher:
        return searcher.search(SearchQuery(q="neglect", case="Child 1")).to_json()


def test_known_words_are_read_a_first_letter_at_a_time(harvested):
    from whoosh import index as whoosh_index

    from index.location import current_index_dir
    from index.schema import DOCUMENTS
    from index.search import SPELL_FIELD
    from index.spelling import Speller, field_words

    ix = whoosh_index.open_dir(str(current_index_dir(harvested.data_dir)), indexname=DOCUMENTS)
    try:
        reader = ix.reader()
        every = sorted(w.decode("utf-8") for w in reader.lexicon(SPELL_FIELD))
        assert len(every) > 1000
        assert field_words(reader, SPELL_FIELD) == every
        for start in ("a", "n", "s", "sa", "zz", "é"):
            assert field_words(reader, SPELL_FIELD, start) == [
                w for w in every if w.startswith(start)
            ], start
        asked: list[str] = []

        def words_from(letter: str) -> list[str]:
            asked.append(letter)
            return field_words(reader, SPELL_FIELD, letter)

        speller = Speller(words_from)
        assert (1, "neglect") in speller.near("negelct")
        assert speller.near("neglect")[0] == (0, "neglect")
        assert speller.near("") == []
        assert asked == ["n"]  # one letter read, once
    finally:
        ix.close()


def test_the_lru_keeps_the_most_recently_used() -> None:
    from index.lru import LRU

    kept: LRU[str, int | None] = LRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the most recent
    kept.put("c", 3)  # "b" goes
    assert "b" not in kept and kept.get("a") == 1 and kept.get("c") == 3
    made: list[str] = []
    assert kept.get_or_make("d", lambda k: made.append(k)) is None  # a kept None...
    assert kept.get_or_make("d", lambda k: made.append(k)) is None  # ...is not made again
    assert made == ["d"] and len(kept) == 2
    assert kept.get("missing", "default") == "default"


def test_every_document_attribute_is_indexed_by_a_field_of_the_table() -> None:
    """A DocumentRecord attribute that no row of index/fields.py reads would be dropped
    silently; the rows name every one (the document's own themes are derived from its
    lessons' instead, so that a document's themes and its lessons' agree)."""
    import dataclasses

    from index.fields import FIELDS, document_values, record_values

    read: set[str] = set()
    real = CHILD_J
    one = lesson(real.doc_id, 1, "Practitioners should ask about the adults in the home.")

    class Watched:
        def __getattr__(self, name: str) -> object:
            read.add(name)
            return getattr(real, name)

    record_values(Watched(), one)  # type: ignore[arg-type]
    document_values(Watched(), [one])  # type: ignore[arg-type]
    attributes = {f.name for f in dataclasses.fields(DocumentRecord)}
    assert attributes - read == {"themes"}
    assert len({f.name for f in FIELDS}) == len(FIELDS)  # a field is declared once
    assert record_values(real, one)["lesson_id"] == one.lesson_id


def test_hits_and_documents_carry_the_tables_stored_fields(harvested: Harvested) -> None:
    import dataclasses

    from index import DocumentInfo, Hit, LessonSearcher, SearchQuery
    from index.fields import FIELDS

    hit_names = {f.name for f in dataclasses.fields(Hit)}
    info_names = {f.name for f in dataclasses.fields(DocumentInfo)}
    for f in FIELDS:
        assert (f.name in hit_names) == (f.hit and f.record is not None), f.name
        assert (f.name in info_names) == (f.info and f.document is not None), f.name
    with LessonSearcher(harvested.data_dir) as searcher:
        hit = searcher.search(SearchQuery(q="neglect")).results[0]
        document = searcher.documents.document(hit.doc_id)
    assert document is not None
    for name in ("title", "case", "case_id", "board", "year", "doc_type", "source_url"):
        assert getattr(hit, name) == getattr(document, name), name
    assert hit.board and document.pages > 0 and document.urls


def test_a_correction_is_chosen_as_when_both_queries_are_searched(
    app_searcher: LessonSearcher,
) -> None:
    """The query as typed is searched only when the correction might not find more; the
    answer is the one searching both would give."""
    for typed in ("negelct", "disgused compliance", "bruiseing baby", "sibling groop"):
        response = app_searcher.search(SearchQuery(q=typed))
        suggestion = app_searcher.suggest(typed)
        assert suggestion is not None, typed
        as_typed = app_searcher.search(SearchQuery(q=typed, exact=True))
        corrected = app_searcher.search(SearchQuery(q=suggestion, exact=True))
        if corrected.total > as_typed.total:
            assert response.corrected_query == suggestion
            assert [h.lesson_id for h in response.results] == [
                h.lesson_id for h in corrected.results
            ]
        else:
            assert response.corrected_query is None and response.suggestion == suggestion
            assert [h.lesson_id for h in response.results] == [
                h.lesson_id for h in as_typed.results
            ]


def test_a_warmed_searcher_knows_the_taxonomys_words_and_answers_the_same(
    harvested: Harvested,
) -> None:
    from index.expansion import Expander
    from index.pool import SearcherPool
    from index.taxonomy import load_taxonomy

    expander = Expander.from_taxonomy(load_taxonomy(None))
    queries = [SearchQuery(q=q) for q in ("DV pre-birth assessment", "hidden men", "neglect")]
    with LessonSearcher(harvested.data_dir, expander=expander) as cold:
        before = [[h.lesson_id for h in cold.search(q).results] for q in queries]
        held = cold.warm()
        assert held > 100  # the taxonomy's words the sample's index holds, at both levels
        assert cold.warm() == 0  # looked up once
        after = [[h.lesson_id for h in cold.search(q).results] for q in queries]
    assert after == before
    pool = SearcherPool(harvested.data_dir, expander=expander, warm=True)
    try:
        assert pool.get().warm() == 0  # the pool warmed it when it opened it
    finally:
        pool.close()
