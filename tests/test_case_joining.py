"""A case gathers a review and the documents published after it (DESIGN.md, case
identity): a leaflet, a summary or a response of the same area and name published within
18 months after the review joins its case; two reviews of one name stay two cases. Built
in a real index and read through the searcher and the web app."""

from __future__ import annotations

from dataclasses import replace

import pytest

from index import LessonSearcher, SearchQuery
from index.documents import DocumentInfo, joined_case_ids
from index.writer import rebuild
from search_app import AppConfig, create_app
from tests.test_index import FENMARSH, OAKBRIDGE, doc, lesson


def _info(case_id: str, year: int | None, doc_type: str, published: str = "") -> DocumentInfo:
    return DocumentInfo(
        doc_id=f"{case_id}-{doc_type}-{published}",
        title="",
        case="",
        case_id=case_id,
        year=year,
        doc_type=doc_type,
        published=published or None,
    )


def test_a_later_leaflet_joins_its_review_and_a_second_review_stays_apart() -> None:
    documents = [
        _info("fenmarsh-child-j-2015", 2015, "overview-report", "March 2015"),
        _info("fenmarsh-child-j-2016", 2016, "learning-brief", "January 2016"),
        _info("fenmarsh-child-j-2016", 2016, "action-plan", "June 2016"),
        # another Child J reviewed years later
        _info("fenmarsh-child-j-2021", 2021, "overview-report"),
        _info("fenmarsh-child-j-2022", 2022, "executive-summary"),
        # a review of the same name the next year is a review of its own
        _info("oakbridge-child-a-2014", 2014, "overview-report"),
        _info("oakbridge-child-a-2015", 2015, "overview-report"),
    ]
    joined = joined_case_ids(documents)
    assert joined["fenmarsh-child-j-2016"] == "fenmarsh-child-j-2015"
    assert joined["fenmarsh-child-j-2021"] == "fenmarsh-child-j-2021"
    assert joined["fenmarsh-child-j-2022"] == "fenmarsh-child-j-2021"
    assert joined["oakbridge-child-a-2015"] == "oakbridge-child-a-2015"


@pytest.mark.parametrize(
    "review, later, joins",
    [
        # 17 months after: joins; 20 months after: a case of its own
        (("March 2015", 2015), ("August 2016", 2016), True),
        (("March 2015", 2015), ("November 2016", 2016), False),
        (("12/03/2015", 2015), ("01/09/2016", 2016), True),
        # no month on one of them: the next year joins, two years on does not
        (("", 2015), ("May 2016", 2016), True),
        (("", 2015), ("", 2017), False),
        # published before the review: not after it
        (("May 2016", 2016), ("April 2015", 2015), False),
    ],
)
def test_eighteen_months_after_the_review(review, later, joins) -> None:
    first = _info(f"fenmarsh-baby-m-{review[1]}", review[1], "overview-report", review[0])
    second = _info(f"fenmarsh-baby-m-{later[1]}", later[1], "learning-brief", later[0])
    joined = joined_case_ids([first, second])
    assert (joined[second.case_id] == first.case_id) is joins


def test_documents_without_a_year_or_a_case_stay_as_they_are() -> None:
    undated = _info("fenmarsh-child-k-n-d", None, "learning-brief")
    dated = _info("fenmarsh-child-k-2019", 2019, "overview-report")
    joined = joined_case_ids([undated, dated, replace(dated, case_id=None)])
    assert joined == {
        "fenmarsh-child-k-n-d": "fenmarsh-child-k-n-d",
        "fenmarsh-child-k-2019": "fenmarsh-child-k-2019",
    }


REPORT = doc("d0d0d0d0d0d00001", "Serious Case Review Child W", "Child W", FENMARSH, 2017,
             "overview-report")  # fmt: skip
LEAFLET = doc("d0d0d0d0d0d00002", "Child W Learning Brief", "Child W", FENMARSH, 2018,
              "learning-brief")  # fmt: skip
LATER = doc("d0d0d0d0d0d00003", "Serious Case Review Child W (second)", "Child W", FENMARSH,
            2023, "overview-report")  # fmt: skip
ELSEWHERE = doc("d0d0d0d0d0d00004", "Child W Learning Brief", "Child W", OAKBRIDGE, 2018,
                "learning-brief")  # fmt: skip
CORPUS = [
    (REPORT, [lesson(REPORT.doc_id, 1, "Bruising on a baby who cannot crawl was not explored.")]),
    (LEAFLET, [lesson(LEAFLET.doc_id, 1, "Bruising calls for a paediatrician before any plan.")]),
    (LATER, [lesson(LATER.doc_id, 1, "Bruising on the toddler was explained away by the father.")]),
    (ELSEWHERE, [lesson(ELSEWHERE.doc_id, 1, "Bruising on an infant needs a paediatric view.")]),
]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("joined") / "data"
    rebuild(folder, CORPUS)
    return folder


def test_the_index_shows_a_review_and_its_leaflet_as_one_case(data_dir) -> None:
    with LessonSearcher(data_dir) as searcher:
        documents = searcher.documents
        case = documents.case(REPORT.case_id)
        assert case is not None and case.year == 2017
        assert {d.doc_id for d in case.documents} == {REPORT.doc_id, LEAFLET.doc_id}
        # the leaflet's own id still finds its case
        assert documents.case(LEAFLET.case_id) is case
        # the later review and the other board's leaflet are cases of their own
        assert documents.case(LATER.case_id) is not case
        assert documents.case(ELSEWHERE.case_id) is not case
        assert len(documents.cases()) == 3
        response = searcher.search(SearchQuery(q="bruising"))
        # (a case's cards: its records that restate one lesson are merged into one)
        by_doc = {h.doc_id: h.case_id for h in response.results}
        assert len(response.results) == 4
        assert by_doc[LEAFLET.doc_id] == REPORT.case_id
        assert by_doc[LATER.doc_id] == LATER.case_id
        facet = {v.value: v.count for v in response.facets["case"]}
        assert facet[REPORT.case_id] == 2 and LEAFLET.case_id not in facet
        # choosing the case finds both documents' records, and nothing of the others
        within = searcher.search(SearchQuery(q="bruising", case=REPORT.case_id))
        assert {h.doc_id for h in within.results} == {REPORT.doc_id, LEAFLET.doc_id}
        assert within.total == 2
        order = searcher.reading_order(SearchQuery(case=REPORT.case_id))
        assert [h.doc_id for h in order] == sorted([REPORT.doc_id, LEAFLET.doc_id])


def test_the_case_page_and_its_api_list_both_documents(data_dir) -> None:
    client = create_app(AppConfig(data_dir), TESTING=True).test_client()
    data = client.get(f"/api/cases/{REPORT.case_id}").get_json()
    assert {d["doc_id"] for d in data["documents"]} == {REPORT.doc_id, LEAFLET.doc_id}
    page = client.get(f"/cases/{REPORT.case_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Child W Learning Brief" in text and "(second)" not in text
    # an address made from the leaflet's own id is the same case
    assert client.get(f"/api/cases/{LEAFLET.case_id}").get_json()["case_id"] == REPORT.case_id
