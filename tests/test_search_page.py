"""The search page as a practitioner meets it, over the harvested sample: counts that say
what they count, facets that list every value and narrow a long list, errors that keep the
query, a page past the end, dates in one format."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag
from flask.testing import FlaskClient

from search_app import AppConfig, create_app
from search_app.dates import long_date
from tests import test_app
from tests.conftest import Harvested

app, client = test_app.app, test_app.client  # the app over the harvested sample


def soup(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def words(node: Tag | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def facet(page: BeautifulSoup, name: str) -> Tag:
    found = page.select_one(f"section.facet[data-facet={name}]")
    assert found is not None, name
    return found


def listed(section: Tag, visible: bool = True) -> list[str]:
    """A facet's value labels, those shown (or those hidden until "show all")."""
    return [
        words(li.select_one(".label"))
        for li in section.select("li")
        if (li.get("hidden") is None) == visible
    ]


# -- counts ----------------------------------------------------------------------------------


def test_the_headline_counts_lessons_documents_and_cases_as_the_api_does(
    client: FlaskClient,
) -> None:
    data = client.get("/api/search?q=child").get_json()
    assert data["shown"] > len(data["results"]) > 0  # more than one page of cards
    assert 0 < data["cases"] < data["total"]
    assert data["cases"] == len(data["facets"]["case"])
    headline = words(soup(client, "/?q=child").select_one("h1.count"))
    best = f"the best {data['ranked_documents']} of " if "ranked_documents" in data else ""
    assert headline == (
        f"{data['shown']} lessons from {best}{data['total']} documents in {data['cases']} "
        "cases for child"
    )


def test_the_headline_says_when_only_the_best_documents_were_read(
    harvested: Harvested, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("index.search.CANDIDATE_DOCUMENTS", 3)
    monkeypatch.setattr("index.search.EXTRA_CANDIDATES", 0)
    client = create_app(AppConfig(harvested.data_dir), TESTING=True).test_client()
    data = client.get("/api/search?q=child").get_json()
    assert data["total"] > data["ranked_documents"] >= 3
    headline = words(soup(client, "/?q=child").select_one("h1.count"))
    assert headline == (
        f"{data['shown']} lessons from the best {data['ranked_documents']} of "
        f"{data['total']} documents in {data['cases']} cases for child"
    )
    # Every matching document read: no such words, and no such field.
    narrowed = client.get("/api/search?q=child&type=executive-summary").get_json()
    if narrowed["total"] <= 3:
        assert "ranked_documents" not in narrowed


def test_a_kind_filter_names_what_is_counted(client: FlaskClient) -> None:
    data = client.get("/api/search?q=baby&kind=recommendation").get_json()
    headline = words(soup(client, "/?q=baby&kind=recommendation").select_one("h1.count"))
    assert headline.startswith(f"{data['shown']} recommendation")
    assert f"from {data['total']} document" in headline


def test_every_facet_and_the_home_pages_chips_name_their_unit(client: FlaskClient) -> None:
    page = soup(client, "/?q=baby")
    headings = [words(h) for h in page.select("section.facet h2")]
    assert len(headings) >= 5
    assert all(h.endswith("(documents)") for h in headings), headings
    home = soup(client, "/")
    chip = home.select_one(".theme-cloud .chip")
    assert re.search(r"\d+ documents?$", words(chip)), words(chip)


# -- facets ----------------------------------------------------------------------------------


def test_show_all_lists_every_value_of_a_facet_without_script(client: FlaskClient) -> None:
    data = client.get("/api/search?q=baby").get_json()
    themes = data["facets"]["theme"]
    assert len(themes) > 12
    page = soup(client, "/?q=baby")
    section = facet(page, "theme")
    assert len(listed(section)) == 12
    assert len(listed(section) + listed(section, visible=False)) == len(themes)
    link = section.select_one("a[data-show-all]")
    assert words(link) == f"Show all {len(themes)}"
    expanded = facet(soup(client, str(link["href"]).split("#")[0]), "theme")
    assert listed(expanded) == [t["label"] for t in themes]
    assert expanded.select_one("a[data-show-all]") is None


def test_the_chosen_values_come_first(client: FlaskClient) -> None:
    themes = client.get("/api/search?q=child").get_json()["facets"]["theme"]
    last = themes[-1]
    section = facet(soup(client, f"/?q=child&theme={last['value']}"), "theme")
    first = section.select_one("li a")
    assert first is not None and "active" in first.get("class", [])
    assert words(first.select_one(".label")) == last["label"]


def test_a_find_box_narrows_a_long_facet_without_script(client: FlaskClient) -> None:
    cases = client.get("/api/search?type=learning-brief").get_json()["facets"]["case"]
    assert len(cases) > 12
    page = soup(client, "/?type=learning-brief")
    form = facet(page, "case").select_one("form.facet-find")
    assert form is not None and form.select_one("label[for=find-case]") is not None
    assert {(i["name"], i["value"]) for i in form.select("input[type=hidden]")} == {
        ("type", "learning-brief")
    }
    narrowed = facet(soup(client, "/?type=learning-brief&find_case=child+a"), "case")
    shown = listed(narrowed)
    expected = [c["label"] for c in cases if "child a" in c["label"].lower()]
    assert shown == expected and 0 < len(shown) < len(cases)
    nothing = facet(soup(client, "/?type=learning-brief&find_case=zzz"), "case")
    assert listed(nothing) == []
    assert "No case matches" in words(nothing.select_one(".facet-none"))


# -- errors ----------------------------------------------------------------------------------


def test_a_word_for_a_year_keeps_the_query_and_says_the_year_must_be_a_number(
    client: FlaskClient,
) -> None:
    page = soup(client, "/?q=bruising&type=learning-brief&year=abc", status=400)
    box = page.select_one("input#q")
    assert box is not None and box["value"] == "bruising"
    alert = words(page.select_one("[role=alert]"))
    assert "year must be a whole number, like 2015" in alert
    # The next search from the box keeps the filters it can read, not the bad year.
    kept = {(i["name"], i["value"]) for i in page.select("form.search input[type=hidden]")}
    assert kept == {("type", "learning-brief")}
    again = page.select_one("[role=alert] a")
    assert again is not None and again["href"] == "/?q=bruising&type=learning-brief"
    assert client.get(str(again["href"])).status_code == 200


def test_an_unknown_theme_is_a_400_like_an_unknown_type(client: FlaskClient) -> None:
    for param in ("theme=bruises", "type=novel"):
        response = client.get(f"/api/search?q=baby&{param}")
        assert response.status_code == 400, param
        assert set(response.get_json()) == {"error"}
    assert "unknown theme 'bruises'" in client.get("/api/search?theme=bruises").get_json()["error"]
    page = soup(client, "/?q=baby&theme=bruises&theme=neglect", status=400)
    assert page.select_one("input#q")["value"] == "baby"  # type: ignore[index]
    assert "unknown theme" in words(page.select_one("[role=alert]"))
    kept = {(i["name"], i["value"]) for i in page.select("form.search input[type=hidden]")}
    assert kept == {("theme", "neglect")}
    assert client.get("/api/search?q=baby&theme=neglect").status_code == 200


def test_a_page_past_the_end_says_so(client: FlaskClient) -> None:
    data = client.get("/api/search?q=child").get_json()
    last = -(-data["shown"] // data["per_page"])
    assert 2 <= last < 9
    page = soup(client, "/?q=child&page=9", status=404)
    notice = words(page.select_one(".past-end"))
    assert f"Page 9 is past the last page, {last}." in notice
    link = page.select_one(".past-end a")
    assert link is not None and link["href"] == f"/?q=child&page={last}"
    assert soup(client, str(link["href"])).select("li.hit")
    assert page.select_one("input#q")["value"] == "child"  # type: ignore[index]
    assert "No lessons match" not in words(page)
    # The API says so too, and its last page is there.
    past = client.get("/api/search?q=child&page=9")
    assert past.status_code == 404
    assert past.get_json() == {"error": f"page 9 is past the last page, {last}"}
    assert client.get(f"/api/search?q=child&page={last}").get_json()["results"]
    assert client.get("/api/search?q=zzzzqqq").status_code == 200  # nothing found: page 1


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("9th July 2015", "9 July 2015"),
        ("13.03.18", "13 March 2018"),
        ("14/06/2022", "14 June 2022"),
        ("Jan 2024", "January 2024"),
        ("July 2015", "July 2015"),
        ("2026-12-05T07:51:03+00:00", "5 December 2026"),
        ("Spring 2015", "Spring 2015"),
        ("31st February 2015", "31st February 2015"),
    ],
)
def test_dates_are_shown_in_one_format(written: str, shown: str) -> None:
    assert long_date(written) == shown


def test_result_cards_show_the_date_in_one_format(client: FlaskClient) -> None:
    page = soup(client, "/?q=bruising&case=fenmarsh-child-j-2015&per_page=50")
    dates = [words(d) for d in page.select("li.hit .year")]
    assert "9 July 2015" in dates, dates
    assert not any(re.search(r"\d(st|nd|rd|th)\b|\d\.\d", d) for d in dates), dates


def test_case_and_document_pages_show_dates_in_one_format(client: FlaskClient) -> None:
    case = soup(client, "/cases/fenmarsh-child-j-2015")
    shown = [words(w) for w in case.select(".when")]
    assert "9 July 2015" in shown, shown
    link = case.select_one("ol.timeline a[href^='/documents/']")
    assert link is not None
    document = soup(client, str(link["href"]))
    facts = {words(dt): words(dt.find_next_sibling("dd")) for dt in document.select("dt")}
    for name in ("First seen", "Last seen"):
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", facts[name]), (name, facts[name])
