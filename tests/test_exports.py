"""CSV twins of the lists over the harvested sample: /search.csv holds the cards the API
pages list for the same parameters, /cases.csv the cases /api/cases lists."""

from __future__ import annotations

import csv
import html
import io
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from search_app.exports import csv_response
from tests.conftest import Harvested


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    return create_app(AppConfig(harvested.data_dir), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _api_cards(client: FlaskClient, query: str) -> list[dict]:
    cards, page = [], 1
    while True:
        data = client.get(f"/api/search?{query}&per_page=100&page={page}").get_json()
        cards += data["results"]
        if len(data["results"]) < 100:
            return cards
        page += 1


@pytest.mark.parametrize(
    "query",
    [
        "q=baby&type=learning-brief",
        "q=&theme=neglect&year_from=2008&year_to=2018",
        "q=bruising",
        "q=&type=learning-brief",
    ],
)
def test_search_csv_holds_the_apis_cards_in_order(client: FlaskClient, query: str) -> None:
    rows = _rows(client.get(f"/search.csv?{query}&page=3&per_page=5"))
    cards = _api_cards(client, query)
    assert len(cards) > 2
    assert [r["lesson_id"] for r in rows] == [c["lesson_id"] for c in cards]
    for row, card in zip(rows, cards, strict=True):
        assert row["case"] == (card["case"] or "")
        assert row["board"] == (card["board"] or "")
        assert row["year"] == str(card["year"] or "")
        assert row["document"] == card["title"]
        assert row["page"] == str(card["page"] or "")
        assert row["source"] == card["source_url"]
        assert urlsplit(row["archived_copy"]).path == f"/documents/{card['doc_id']}/archived"
        assert len(row["themes"].split("; ")) == len(card["themes"]) or not card["themes"]


def test_search_csv_rows_carry_the_lesson_text_and_readable_labels(client: FlaskClient) -> None:
    rows = _rows(client.get("/search.csv?q=bruising+non-mobile+baby&type=learning-brief"))
    child_j = [r for r in rows if r["case"] == "Child J"]
    assert child_j and all(r["type"] == "Learning brief" for r in rows)
    assert any("bruising" in r["lesson"].lower() for r in child_j)
    assert {r["kind"] for r in rows} <= {"Lesson", "Recommendation", "Case summary", "Passage"}
    assert any("Non-mobile" in r["themes"] or "bruising" in r["themes"].lower() for r in rows)


def test_a_bad_search_csv_is_a_plain_400(client: FlaskClient) -> None:
    response = client.get("/search.csv?year=abc")
    assert response.status_code == 400
    assert "year must be a whole number" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_the_search_page_links_its_csv_with_the_same_parameters(client: FlaskClient) -> None:
    page = client.get("/?q=&theme=neglect&type=learning-brief&page=2").get_data(as_text=True)
    links = [html.unescape(part.split('"', 1)[0]) for part in page.split('href="/search.csv')[1:]]
    assert links == ["?theme=neglect&type=learning-brief"]


@pytest.mark.parametrize("query", ["", "board=fenmarsh&sort=name", "theme=neglect&sort=documents"])
def test_cases_csv_matches_the_case_api(client: FlaskClient, query: str) -> None:
    rows = _rows(client.get(f"/cases.csv?{query}"))
    cases = client.get(f"/api/cases?{query}").get_json()["cases"]
    assert cases
    assert [r["case_id"] for r in rows] == [c["case_id"] for c in cases]
    for row, case in zip(rows, cases, strict=True):
        assert (row["case"], row["board"], row["year"]) == (
            case["case"],
            case["board"] or "",
            str(case["year"] or ""),
        )
        assert (row["documents"], row["lessons"]) == (
            str(case["documents"]),
            str(case["lessons"]),
        )
        assert len(row["themes"].split("; ")) == len(case["themes"]) or not case["themes"]
    html_page = client.get(f"/cases?{query}").get_data(as_text=True)
    assert "/cases.csv" in html_page


def test_cells_that_would_start_a_formula_are_prefixed(app: Flask) -> None:
    hostile = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "plain", "a=b", 2015]
    with app.test_request_context():
        response = csv_response(["a", "b", "c", "d", "e", "f", "g"], [hostile], "x.csv")
    text = response.get_data().decode("utf-8")
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert header == ["a", "b", "c", "d", "e", "f", "g"]
    assert row == [
        '\'=HYPERLINK("http://x")',
        "'+1+2",
        "'-2+3",
        "'@SUM(A1)",
        "plain",
        "a=b",
        "2015",
    ]
    assert text.endswith("\r\n")
