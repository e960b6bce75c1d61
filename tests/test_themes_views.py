"""The themes dashboard's data over the harvested sample: every year of the span, the
board view and its CSV, the page's totals and legend."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from tests.conftest import Harvested


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    return create_app(AppConfig(harvested.data_dir), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


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
