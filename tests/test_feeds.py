"""Atom feeds over the harvested sample index, read back with a real feed parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import pytest
from flask import Flask
from flask.testing import FlaskClient

from index import LessonSearcher
from index.documents import DocumentInfo
from search_app import AppConfig, create_app
from search_app.feeds import MAX_ENTRIES, newest_first
from tests.conftest import Harvested

ATOM = "application/atom+xml; charset=utf-8"
BASE = "https://lessons.example.org"


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    return create_app(AppConfig(harvested.data_dir, base_url=BASE), TESTING=True)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def documents(harvested: Harvested) -> dict[str, DocumentInfo]:
    with LessonSearcher(harvested.data_dir) as searcher:
        return {d.doc_id: d for d in searcher.documents.documents}


def parse(client: FlaskClient, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"] == ATOM
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def path_of(url: str) -> str:
    return urlsplit(url).path


def links(entry: Any, rel: str) -> list[str]:
    return [link["href"] for link in entry.links if link["rel"] == rel]


def doc_id_of(entry: Any) -> str:
    return path_of(links(entry, "alternate")[0]).rsplit("/", 1)[1]


def terms(entry: Any) -> set[str]:
    return {tag["term"] for tag in entry.get("tags", [])}


def test_documents_feed_lists_every_document_newest_first(
    client: FlaskClient, documents: dict[str, DocumentInfo]
) -> None:
    feed = parse(client, "/feed.atom")
    assert feed.feed.title == "Case review lessons: newly added documents"
    assert feed.feed.id.startswith("tag:lessons.example.org,")
    assert links(feed.feed, "self") == [f"{BASE}/feed.atom"]
    assert links(feed.feed, "alternate") == [f"{BASE}/"]
    ids = [doc_id_of(e) for e in feed.entries]
    assert len(ids) == min(MAX_ENTRIES, len(documents))
    assert set(ids) == set(documents)
    seen = [documents[i].first_seen for i in ids]
    assert all(seen), "harvested documents have a first-seen time"
    assert seen == sorted(seen, reverse=True)
    newest = feed.entries[0].updated_parsed
    assert feed.feed.updated_parsed == newest
    for entry in feed.entries:
        document = documents[doc_id_of(entry)]
        assert entry.id == f"{feed.feed.id.split(':feed/')[0]}:document/{document.doc_id}"
        assert entry.title == document.title
        assert entry.author == document.board
        assert entry.updated.replace("Z", "+00:00") == document.first_seen
        assert links(entry, "via") == [document.source_url]


def test_documents_feed_links_work(client: FlaskClient) -> None:
    feed = parse(client, "/feed.atom")
    for entry in feed.entries:
        page = client.get(path_of(entry.link))
        assert page.status_code == 200
        assert entry.title.split(" (")[0] in page.get_data(as_text=True)
    for entry in feed.entries[:3]:
        (archived,) = links(entry, "related")
        assert client.get(path_of(archived)).status_code == 200


def test_newest_first_orders_by_first_seen_then_year() -> None:
    def doc(doc_id: str, first_seen: str | None, year: int | None = 2020) -> DocumentInfo:
        return DocumentInfo(
            doc_id=doc_id,
            title=doc_id,
            case=None,
            case_id=None,
            board=None,
            year=year,
            published=None,
            doc_type="other",
            themes=[],
            theme_counts={},
            kinds={},
            source_url="",
            sha256="",
            pages=0,
            online=True,
            first_seen=first_seen,
            last_seen=first_seen,
            urls=[],
            versions=[],
        )

    docs = [
        doc("ingested", None, 2024),
        doc("old", "2024-01-05T10:00:00+00:00"),
        doc("new", "2025-03-01T09:00:00+00:00"),
        doc("same-run-older-year", "2025-02-01T12:00:00+00:00", 2010),
        doc("same-run-newer-year", "2025-02-01T12:00:00+00:00", 2019),
        doc("other-zone", "2025-02-01T13:30:00+01:00"),  # 12:30 UTC
    ]
    order = [d.doc_id for d in newest_first(docs)]
    assert order == [
        "new",
        "other-zone",
        "same-run-newer-year",
        "same-run-older-year",
        "old",
        "ingested",
    ]


def test_saved_search_on_a_theme_holds_only_its_lessons(client: FlaskClient) -> None:
    feed = parse(client, "/feed.atom?theme=safe-sleep")
    assert feed.feed.title == "Case review lessons: theme Safe sleep"
    assert links(feed.feed, "alternate") == [f"{BASE}/?theme=safe-sleep"]
    assert feed.entries
    for entry in feed.entries:
        assert "safe-sleep" in terms(entry)
    # Every lesson and recommendation with the theme, and nothing else (no ranking window).
    expected = sum(
        len(
            client.get(f"/api/search?theme=safe-sleep&kind={kind}&per_page=100").get_json()[
                "results"
            ]
        )
        for kind in ("lesson", "recommendation")
    )
    assert len(feed.entries) == min(MAX_ENTRIES, expected)


def test_saved_search_entries_carry_citation_and_links(
    client: FlaskClient, documents: dict[str, DocumentInfo]
) -> None:
    feed = parse(client, "/feed.atom?theme=safe-sleep")
    entry = feed.entries[0]
    document = documents[doc_id_of(entry)]
    assert entry.author == document.board
    assert entry.updated.replace("Z", "+00:00") == document.first_seen
    content = entry.content[0]
    assert content.type == "text/html"
    for fact in (document.case, document.board, str(document.year), "page "):
        assert fact and fact in content.value
    assert entry.summary and entry.summary.split(" …")[0][:40] in content.value
    assert client.get(path_of(entry.link)).status_code == 200
    (archived,) = links(entry, "related")
    assert "#page=" in archived
    assert client.get(path_of(archived)).status_code == 200


def test_saved_search_is_ordered_by_when_the_document_was_first_seen(
    client: FlaskClient, documents: dict[str, DocumentInfo]
) -> None:
    feed = parse(client, "/feed.atom?kind=lesson")
    assert len(feed.entries) == MAX_ENTRIES  # the sample has more lessons than a feed holds
    seen = [documents[doc_id_of(e)].first_seen for e in feed.entries]
    assert seen == sorted(seen, reverse=True)
    assert all(":lesson/" in e.id for e in feed.entries)
    assert feed.feed.updated_parsed == feed.entries[0].updated_parsed


def test_saved_query_finds_what_the_search_finds(app: Flask, client: FlaskClient) -> None:
    feed = parse(client, "/feed.atom?q=bruising")
    assert feed.feed.title == "Case review lessons: “bruising”"
    assert feed.entries
    # The search widens "bruising" with the theme it names; every entry either says it or
    # carries that theme, and most say it.
    widened = set(app.extensions["expander"].related_themes("bruising"))
    mentions = [e for e in feed.entries if "bruis" in e.content[0].value.lower()]
    assert len(mentions) * 2 > len(feed.entries)
    for entry in feed.entries:
        assert entry in mentions or terms(entry) & widened
    narrowed = parse(client, "/feed.atom?q=bruising&kind=recommendation")
    assert 0 < len(narrowed.entries) < len(feed.entries)
    assert all(", recommendation: " in e.title for e in narrowed.entries)


def test_entry_and_feed_ids_are_stable(client: FlaskClient) -> None:
    for url, same in [
        ("/feed.atom", "/feed.atom?sort=newest"),
        ("/feed.atom?q=safe+sleep&theme=safe-sleep", "/feed.atom?theme=safe-sleep&q=safe%20sleep"),
    ]:
        first, second, reordered = parse(client, url), parse(client, url), parse(client, same)
        assert first.feed.id == second.feed.id == reordered.feed.id
        ids = [e.id for e in first.entries]
        assert ids and ids == [e.id for e in second.entries] == [e.id for e in reordered.entries]
        assert len(set(ids)) == len(ids)
        assert all(i.startswith("tag:lessons.example.org,") for i in ids)


def test_feed_answers_conditional_requests(client: FlaskClient) -> None:
    response = client.get("/feed.atom?theme=safe-sleep")
    etag = response.headers["ETag"]
    again = client.get("/feed.atom?theme=safe-sleep", headers={"If-None-Match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "query",
    [
        "year=twenty",
        "year_from=2020&year_to=2010",
        "year=2019&year_from=2010",
        "type=novel",
        "kind=essay",
        "theme=no-such-theme",
        "doc=../../etc/passwd",
        "page=abc",
        "sort=oldest",
        "thme=safe-sleep",
        "q=" + "x" * 600,
    ],
)
def test_bad_parameters_get_400(client: FlaskClient, query: str) -> None:
    response = client.get(f"/feed.atom?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.get_data(as_text=True).strip()


@pytest.mark.parametrize("q", ["(((", '"', "year:abc", "*", "AND OR NOT", "title:", "a[b TO"])
def test_odd_queries_never_fail(client: FlaskClient, q: str) -> None:
    response = client.get("/feed.atom", query_string={"q": q})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert feedparser.parse(response.data).bozo == 0


def test_markup_and_control_characters_in_a_query_stay_text(client: FlaskClient) -> None:
    q = "<script>alert(1)</script> & \x01 baby ]]>"
    response = client.get("/feed.atom", query_string={"q": q, "board": "<b>"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>" not in body and "<b>" not in body and "\x01" not in body
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0
    assert "<script>alert(1)</script> &" in feed.feed.title


def test_search_page_offers_its_feed(client: FlaskClient) -> None:
    html = client.get("/?q=safe+sleep&theme=safe-sleep&sort=newest&foo=1").get_data(as_text=True)
    assert "Subscribe to these results (Atom)" in html
    href = "/feed.atom?q=safe+sleep&amp;theme=safe-sleep"
    assert f'href="{href}"' in html
    feed = parse(client, href.replace("&amp;", "&"))
    assert feed.entries
    assert "Subscribe to these results" not in client.get("/").get_data(as_text=True)


def test_missing_index_is_503(tmp_path: Path) -> None:
    client = create_app(AppConfig(tmp_path), TESTING=True).test_client()
    for url in ("/feed.atom", "/feed.atom?theme=safe-sleep"):
        response = client.get(url)
        assert response.status_code == 503
        assert "no index" in response.get_data(as_text=True)


def _all_links(feed: Any) -> list[str]:
    found = [link["href"] for link in feed.feed.links]
    for entry in feed.entries:
        found += [link["href"] for link in entry.links if link["rel"] != "via"]
    return found


@pytest.mark.parametrize("url", ["/feed.atom", "/feed.atom?theme=safe-sleep"])
def test_feed_links_ignore_a_forged_host_header(client: FlaskClient, url: str) -> None:
    response = client.get(url, headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
    assert response.status_code == 200
    assert b"evil.example" not in response.data
    feed = feedparser.parse(response.data)
    found = _all_links(feed)
    assert found and all(href.startswith(f"{BASE}/") for href in found)
    assert feed.feed.id.startswith("tag:lessons.example.org,")


def test_feed_links_default_to_the_servers_own_address(harvested: Harvested) -> None:
    from scr.config import Config, ServerSettings
    from scr.services import Services

    config = Config(path=None, data_dir=harvested.data_dir, server=ServerSettings(port=8123))
    app = Services(config).create_app(TESTING=True)
    response = app.test_client().get("/feed.atom", headers={"Host": "evil.example"})
    found = _all_links(feedparser.parse(response.data))
    assert found and all(href.startswith("http://127.0.0.1:8123/") for href in found)
    served = Services(config).create_app(host="::1", port=9000)
    assert served.extensions["base_url"] == "http://[::1]:9000"


def test_a_configured_base_url_is_checked_and_used(harvested: Harvested, tmp_path: Path) -> None:
    from scr.config import ConfigError, parse_config
    from scr.services import Services

    raw = {"paths": {"data_dir": str(harvested.data_dir)}, "server": {"base_url": BASE + "/"}}
    app = Services(parse_config(raw, None, tmp_path)).create_app(TESTING=True)
    feed = feedparser.parse(app.test_client().get("/feed.atom").data)
    assert links(feed.feed, "self") == [f"{BASE}/feed.atom"]
    for bad in ("lessons.example.org", "ftp://x.org", "https://x.org/a?b", "http://x:99999"):
        with pytest.raises(ConfigError, match="server.base_url"):
            parse_config({"server": {"base_url": bad}}, None, tmp_path)
