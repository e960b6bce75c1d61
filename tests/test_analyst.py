"""The analyst's lists over the harvested sample: /search.csv holds the cards the API pages
list for the same parameters, /cases.csv the cases /api/cases lists; the themes dashboard
covers every year of its span, has a board view, row totals and a legend."""

from __future__ import annotations

import csv
import html
import io
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app.exports import csv_response
from tests import test_app

app, client = test_app.app, test_app.client  # the app over the harvested sample


def _rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _api_cards(client: FlaskClient, query: str) -> list[dict]:
    cards, page = [], 1
    while True:
        response = client.get(f"/api/search?{query}&per_page=100&page={page}")
        if response.status_code == 404:  # past the last page
            return cards
        data = response.get_json()
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
    unknown = client.get("/search.csv?q=bruising&theme=no-such-theme")
    assert unknown.status_code == 400
    assert "unknown theme" in unknown.get_data(as_text=True)


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


# -- recurring themes -------------------------------------------------------------------


def test_every_year_of_the_span_is_on_the_axis(client: FlaskClient) -> None:
    data = client.get("/api/themes").get_json()
    cases = client.get("/api/cases").get_json()["cases"]
    years = data["years"]
    assert years == list(range(min(c["year"] for c in cases), max(c["year"] for c in cases) + 1))
    empty = [y for y in years if not any(c["year"] == y for c in cases)]
    assert empty  # the sample has years without a review
    for year in empty:
        assert data["cases_per_year"][str(year)] == 0
        assert all(t["by_year"][str(year)] == 0 for t in data["themes"])


def test_the_board_view_counts_each_boards_cases(client: FlaskClient) -> None:
    data = client.get("/api/themes?view=board").get_json()
    cases = client.get("/api/cases").get_json()["cases"]
    assert data["boards"] == sorted({c["board"] for c in cases})
    assert data["cases_per_board"] == {
        b: sum(1 for c in cases if c["board"] == b) for b in data["boards"]
    }
    for theme in data["themes"]:
        assert sum(theme["by_board"].values()) == theme["cases"]
        for board, count in theme["by_board"].items():
            assert count == sum(
                1
                for c in cases
                if c["board"] == board and any(t["id"] == theme["id"] for t in c["themes"])
            )
    text = client.get("/themes.csv?view=board").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][2:] == data["boards"]
    assert rows[-1][2:] == [str(n) for n in data["cases_per_board"].values()]
    assert client.get("/themes?view=sideways").status_code == 400


def test_the_page_shows_row_totals_a_legend_and_both_views(client: FlaskClient) -> None:
    html = client.get("/themes").get_data(as_text=True)
    assert "Cases, all years" in html and 'class="legend"' in html
    assert 'href="/themes?view=board"' in html
    board = client.get("/themes?view=board&theme=neglect").get_data(as_text=True)
    assert "Cases, all boards" in board and 'aria-current="page">By board' in board
    assert "Cases raising Neglect, by year" in board
