"""The Flask app over a harvested sample index: search page, API contract, errors, headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from tests.conftest import Harvested

RESULT_KEYS = {
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
# Present on a case's last card when the case has further matching records.
OPTIONAL_KEYS = {"publisher", "more_from_case", "more_in_case"}


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    return create_app(AppConfig(harvested.data_dir), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_search_page_shows_highlighted_results(client: FlaskClient) -> None:
    page = client.get("/?q=bruising")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<mark>" in html.lower()
    assert "Child J" in html
    assert 'name="q"' in html and 'value="bruising"' in html
    assert "Content-Security-Policy" in page.headers


def test_facet_links_keep_state_in_the_url(client: FlaskClient) -> None:
    data = client.get("/api/search?q=baby").get_json()
    theme = data["facets"]["theme"][0]["value"]
    html = client.get("/?q=baby").get_data(as_text=True)
    assert f"theme={theme}" in html
    filtered = client.get(f"/api/search?q=baby&theme={theme}").get_json()
    assert 0 < filtered["total"] <= data["total"]
    assert all(theme in r["themes"] for r in filtered["results"])


def test_api_matches_the_contract(client: FlaskClient) -> None:
    response = client.get("/api/search?q=bruising&per_page=3")
    assert response.status_code == 200
    data = response.get_json()
    assert list(data)[:6] == ["query", "total", "page", "per_page", "results", "facets"]
    assert data["query"] == "bruising" and data["per_page"] == 3
    assert 0 < len(data["results"]) <= 3
    for result in data["results"]:
        assert RESULT_KEYS <= set(result) <= RESULT_KEYS | OPTIONAL_KEYS
    for facet in ("theme", "year", "case", "board", "doc_type"):
        for item in data["facets"][facet]:
            assert set(item) == {"value", "label", "count"} and item["count"] > 0


def test_filters_narrow_results(client: FlaskClient) -> None:
    every = client.get("/api/search?q=&per_page=100").get_json()
    year = every["facets"]["year"][0]["value"]
    by_year = client.get(f"/api/search?year={year}&per_page=100").get_json()
    assert by_year["total"] == every["facets"]["year"][0]["count"]
    assert {r["year"] for r in by_year["results"]} == {year}
    briefs = client.get("/api/search?type=learning-brief&per_page=100").get_json()
    assert briefs["total"] > 0 and {r["doc_type"] for r in briefs["results"]} == {"learning-brief"}


@pytest.mark.parametrize(
    "query",
    [
        "per_page=0",
        "per_page=1000",
        "page=abc",
        "year=twenty",
        "type=novel",
        "year_from=2020&year_to=2010",
        "q=" + "x" * 600,
    ],
)
def test_bad_parameters_get_400_json(client: FlaskClient, query: str) -> None:
    response = client.get(f"/api/search?{query}")
    assert response.status_code == 400
    assert set(response.get_json()) == {"error"}


def test_bad_parameters_on_the_page_get_a_message(client: FlaskClient) -> None:
    response = client.get("/?q=x&page=abc")
    assert response.status_code == 400
    assert "page must be a whole number" in response.get_data(as_text=True)


def test_query_text_is_escaped(client: FlaskClient) -> None:
    html = client.get("/?q=%3Cscript%3Ealert(1)%3C/script%3E").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_missing_index_is_a_clear_503(tmp_path: Path) -> None:
    client = create_app(AppConfig(tmp_path), TESTING=True).test_client()
    response = client.get("/api/search?q=neglect")
    assert response.status_code == 503
    assert "no index" in response.get_json()["error"]
    assert client.get("/?q=neglect").status_code == 503


@pytest.mark.parametrize("path", ["/cases", "/themes", "/cases/0123456789abcdef-child-a"])
def test_pages_answer_503_like_the_api_with_no_index(tmp_path: Path, path: str) -> None:
    client = create_app(AppConfig(tmp_path), TESTING=True).test_client()
    response = client.get(path)
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert "no index" in html and "Traceback" not in html
    assert client.get("/api" + path).status_code == 503


def test_a_request_body_over_the_limit_is_a_413(client: FlaskClient) -> None:
    response = client.post("/pack/export.md", data={"share": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
    assert client.application.config["MAX_CONTENT_LENGTH"] <= 4 * 1024 * 1024
    api = client.post("/api/search", data=b"x" * (3 * 1024 * 1024))
    assert api.status_code in (405, 413) and "error" in api.get_json()


def test_unknown_api_path_is_json_404(client: FlaskClient) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.get_json() == {"error": "not found"}


def test_landing_page_invites_a_search_and_lists_themes(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "Browse by theme" in html
    assert 'class="hit"' not in html
    assert "/?theme=" in html and "/?q=disguised+compliance" in html


def test_archived_copy_is_served_from_the_store(client: FlaskClient) -> None:
    hit = client.get("/api/search?q=bruising&type=overview-report").get_json()["results"][0]
    page = client.get("/?q=bruising&type=overview-report").get_data(as_text=True)
    # A PDF lesson's card opens the PDF viewer at the lesson's page.
    link = f"/documents/{hit['doc_id']}/view?page={hit['page']}&amp;lesson={hit['lesson_id']}"
    assert link in page
    response = client.get(f"/documents/{hit['doc_id']}/archived")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert "sandbox" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("doc_id", ["../../etc/passwd", "0123456789abcdef", "ZZZZ", "a" * 64])
def test_archived_copy_of_anything_else_is_404(client: FlaskClient, doc_id: str) -> None:
    assert client.get(f"/documents/{doc_id}/archived").status_code == 404


def test_newest_first_orders_by_year(client: FlaskClient) -> None:
    data = client.get("/api/search?q=baby&sort=newest&per_page=20").get_json()
    years = [r["year"] for r in data["results"]]
    assert years == sorted(years, reverse=True)
    assert client.get("/api/search?q=baby&sort=oldest").status_code == 400
    html = client.get("/?q=baby").get_data(as_text=True)
    assert "/?q=baby&amp;sort=newest" in html


def test_a_misspelled_query_is_corrected_and_shown(client: FlaskClient) -> None:
    data = client.get("/api/search?q=negelct").get_json()
    assert data["query"] == "negelct"
    assert data["corrected_query"] == "neglect"
    assert data["total"] > 0
    html = client.get("/?q=negelct").get_data(as_text=True)
    assert "Showing results for" in html and "exact=1" in html
    typed = client.get("/api/search?q=negelct&exact=1").get_json()
    assert typed["total"] == 0 and "corrected_query" not in typed


def test_one_misspelled_word_among_known_ones_is_corrected(client: FlaskClient) -> None:
    typed = client.get("/api/search?q=disgused+compliance&exact=1").get_json()
    data = client.get("/api/search?q=disgused+compliance").get_json()
    assert data["corrected_query"] == "disguised compliance"
    assert data["total"] > typed["total"] > 0  # as typed, only "compliance" matched
    top = data["results"][0]
    assert "disguised-compliance" in top["themes"]


def test_abbreviations_find_what_they_stand_for(client: FlaskClient) -> None:
    dv = client.get("/api/search?q=DV&per_page=50").get_json()
    assert dv["total"] > 0
    texts = " ".join(r["snippet"].lower() for r in dv["results"])
    assert "domestic" in texts
    assert any("domestic-abuse" in r["themes"] for r in dv["results"])


def test_no_results_offers_a_way_on(client: FlaskClient) -> None:
    html = client.get("/?q=trampoline+neglect&year=2006&type=action-plan").get_data(as_text=True)
    assert "No lessons match" in html
    assert "Search again without the filter action-plan" in html
    assert "/?theme=neglect" in html  # the query names a theme: browse it instead


# -- cases and documents --------------------------------------------------------------------


def test_case_list_keeps_two_child_a_cases_apart_and_filters(client: FlaskClient) -> None:
    data = client.get("/api/cases").get_json()
    assert data["total"] == len(data["cases"]) >= 12
    child_a = [c for c in data["cases"] if c["case"] == "Child A"]
    assert sorted(c["year"] for c in child_a) == [2006, 2014]
    assert len({c["case_id"] for c in child_a}) == 2
    by_year = client.get("/api/cases?year=2006").get_json()
    assert {c["year"] for c in by_year["cases"]} == {2006}
    themed = client.get("/api/cases?theme=safe-sleep").get_json()
    assert themed["total"] > 0
    assert all(any(t["id"] == "safe-sleep" for t in c["themes"]) for c in themed["cases"])
    html = client.get("/cases?board=Oakbridge").get_data(as_text=True)
    assert "Child K" in html and "Child J" not in html
    assert client.get("/api/cases?sort=sideways").status_code == 400
    assert client.get("/cases?year=twenty").status_code == 400


def test_case_page_shows_its_documents_lessons_and_similar_cases(client: FlaskClient) -> None:
    cases = client.get("/api/cases").get_json()["cases"]
    child_j = next(c for c in cases if c["case"] == "Child J")
    data = client.get(f"/api/cases/{child_j['case_id']}").get_json()
    types = {d["doc_type"] for d in data["documents"]}
    assert {"overview-report", "executive-summary", "learning-brief", "action-plan"} <= types
    assert data["lessons"] > 0 and data["similar"]
    html = client.get(f"/cases/{child_j['case_id']}").get_data(as_text=True)
    assert "Child J Professionals Leaflet" in html
    assert "Lessons (" in html and "Recommendations (" in html
    assert "Similar cases" in html
    assert client.get("/api/cases/no-such-case").status_code == 404
    assert client.get("/api/cases/no-such-case").get_json() == {"error": "no case 'no-such-case'"}
    assert client.get("/cases/no-such-case").status_code == 404


def test_document_page_shows_provenance_and_lessons_in_reading_order(
    client: FlaskClient, harvested: Harvested
) -> None:
    hit = client.get("/api/search?q=bruising&type=overview-report").get_json()["results"][0]
    data = client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert data["source_url"].startswith(harvested.site_url)
    assert data["urls"] == [data["source_url"]]
    assert data["first_seen"] and data["last_seen"] and data["online"] is True
    assert len(data["sha256"]) == 64 and len(data["versions"]) == 1
    pages = [lesson["page"] for lesson in data["lessons"]]
    assert pages == sorted(pages) and len(pages) >= 5
    html = client.get(f"/documents/{hit['doc_id']}").get_data(as_text=True)
    assert data["sha256"] in html and "First seen" in html
    assert f"/documents/{hit['doc_id']}/view?page=" in html
    assert client.get("/api/documents/0123456789abcdef").status_code == 404
    assert client.get("/documents/not-an-id").status_code == 404


# -- recurring themes -----------------------------------------------------------------------


def test_theme_heatmap_counts_cases_and_matches_its_csv(client: FlaskClient) -> None:
    import csv as csv_module
    import io as io_module

    data = client.get("/api/themes").get_json()
    cases = client.get("/api/cases").get_json()["cases"]
    safe_sleep = next(t for t in data["themes"] if t["id"] == "safe-sleep")
    raising = [c for c in cases if any(t["id"] == "safe-sleep" for t in c["themes"])]
    assert safe_sleep["cases"] == len(raising)
    for year, count in safe_sleep["by_year"].items():
        assert count == sum(1 for c in raising if str(c["year"]) == year)
    rows = list(csv_module.reader(io_module.StringIO(client.get("/themes.csv").get_data(True))))
    assert rows[0][2:] == [str(y) for y in data["years"]]
    from_csv = {r[0]: [int(v) for v in r[2:]] for r in rows[1:-1]}
    assert from_csv == {t["id"]: list(t["by_year"].values()) for t in data["themes"]}


def test_selected_theme_trend_cooccurrence_and_normalised_shares(client: FlaskClient) -> None:
    data = client.get("/api/themes?theme=neglect").get_json()
    selected = data["selected"]
    row = next(t for t in data["themes"] if t["id"] == "neglect")
    assert selected["trend"] == row["by_year"]
    assert selected["cooccurring"] and all(0 < c["share"] <= 1 for c in selected["cooccurring"])
    # Most shared first; equal counts in a fixed order, the same on every run.
    order = [(-c["cases"], c["id"]) for c in selected["cooccurring"]]
    assert order == sorted(order)
    shares = client.get("/api/themes?normalise=1").get_json()
    for theme in shares["themes"]:
        assert all(0 <= v <= 1 for v in theme["by_year"].values())
    html = client.get("/themes?theme=neglect").get_data(as_text=True)
    assert "Raised in the same cases" in html and "/?theme=neglect&amp;year=" in html
    assert client.get("/api/themes?type=novel").status_code == 400
    assert client.get("/api/themes?theme=no-such-theme").status_code == 400
    assert client.get("/themes.csv?table=trend").status_code == 400  # needs a theme


# -- learning packs -------------------------------------------------------------------------


def _share(pack: dict) -> str:
    import base64
    import json as json_module

    raw = json_module.dumps(pack).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def test_pack_exports_keep_order_notes_citations_and_questions(client: FlaskClient) -> None:
    import io as io_module

    import docx

    first = client.get("/api/search?q=bruising&kind=lesson").get_json()["results"][0]
    second = client.get("/api/search?q=safe+sleep&kind=lesson").get_json()["results"][0]
    pack = {
        "title": "Babies: bruising and sleep",
        "questions": "What would you do next?\nWho else needs to know?",
        "items": [{"id": second["lesson_id"], "note": "Start here"}, {"id": first["lesson_id"]}],
    }
    response = client.get(f"/pack/export.docx?share={_share(pack)}")
    assert response.status_code == 200
    document = docx.Document(io_module.BytesIO(response.data))
    texts = [p.text for p in document.paragraphs]
    headings = [t for t in texts if t[:2] in ("1.", "2.")]
    assert headings[0].startswith(f"1. {second['case']}")
    assert headings[1].startswith(f"2. {first['case']}")
    sources = [t for t in texts if t.startswith("Source: ")]
    assert str(second["year"]) in sources[0] and second["source_url"] in sources[0]
    assert f"page {first['page']}" in sources[1]
    assert "Trainer's note: Start here" in texts
    assert texts[-2:] == ["What would you do next?", "Who else needs to know?"]

    markdown = client.get(f"/pack/export.md?share={_share(pack)}").get_data(as_text=True)
    assert markdown.startswith("# Babies: bruising and sleep")
    ids = f"{second['lesson_id']},{first['lesson_id']}"
    lessons = client.get(f"/api/lessons?ids={ids}").get_json()["lessons"]
    assert [x["lesson_id"] for x in lessons] == [second["lesson_id"], first["lesson_id"]]
    assert markdown.index(lessons[0]["text"][:40]) < markdown.index(lessons[1]["text"][:40])
    printable = client.get(f"/pack/print?share={_share(pack)}").get_data(as_text=True)
    assert "Reflective questions" in printable and "print.css" in printable


@pytest.mark.parametrize(
    "share",
    ["not base64 at all!", _share({"items": [{"id": "../x"}]}), _share({"items": "all"}), ""],
)
def test_a_damaged_pack_link_is_a_400(client: FlaskClient, share: str) -> None:
    response = client.get(f"/pack/export.docx?share={share}")
    assert response.status_code == 400 and "error" in response.get_json()


@pytest.mark.parametrize("param", ["year", "year_from", "year_to"])
def test_years_out_of_range_are_a_400_not_a_500(client: FlaskClient, param: str) -> None:
    for path in ("/api/search", "/", "/feed.atom"):
        assert client.get(f"{path}?{param}=99999999999999999999").status_code == 400


def test_welcome_page_counts_the_collections_cases(client: FlaskClient, harvested) -> None:
    from index import LessonSearcher, SearchQuery

    with LessonSearcher(harvested.data_dir) as searcher:
        cases = len(searcher.documents.cases())
        everything = searcher.search(SearchQuery())
    page = client.get("/").get_data(as_text=True)
    assert cases > 5
    assert f"{everything.total} published documents of {cases} case reviews" in " ".join(
        page.split()
    )
