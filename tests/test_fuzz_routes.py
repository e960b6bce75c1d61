"""Every route of the app, with hostile parameters, never answers 5xx or shows a traceback.

Routes come from the app's own URL map, so a new route is fuzzed without touching this
file. For each, the path's variables take real ids, unknown ids, traversal attempts and odd
text; then seeded random requests mix the parameters the app reads (and unknown ones) with
hostile values: odd Unicode, percent-encoded lone surrogates and invalid UTF-8, control
characters, huge and negative numbers, query syntax, markup and damaged pack links. The
app runs as in production (exceptions become a 500 page, which this test counts).
"""

from __future__ import annotations

import base64
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

from index import LessonSearcher, SearchQuery
from search_app import AppConfig, create_app
from tests.conftest import Harvested

SEED = 20150715
RANDOM_PER_ROUTE = 180  # with the path sweeps: about 3,800 requests in all
MAX_PARAMS = 4
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")
VARIABLE = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")

# Parameters the app reads anywhere, and a few it does not.
PARAMS = [
    "q",
    "theme",
    "year",
    "year_from",
    "year_to",
    "case",
    "board",
    "type",
    "kind",
    "doc",
    "page",
    "per_page",
    "sort",
    "exact",
    "normalise",
    "table",
    "ids",
    "share",
    "format",
    "limit",
    "callback",
    "__proto__",
]

# Raw query-string pieces, sent as they are (already percent-encoded where needed).
HOSTILE = [
    "",
    "%20",
    "%00",
    "%01%02%1F",
    "a%0Bb%0Cc",
    "%7F",
    "%ED%A0%80",  # a lone high surrogate in UTF-8's form (invalid UTF-8)
    "%ED%BF%BF",  # a lone low surrogate
    "%F0%9F",  # a cut-off four-byte sequence
    "%FF%FE",
    "%C0%AF",  # an overlong slash
    "%EF%BF%BE",  # U+FFFE
    "%E2%80%AE%E2%80%8B",  # right-to-left override, zero-width space
    "%F0%9F%98%80" * 40,
    "Z%CC%B6%CD%8C%CC%88",  # combining marks
    "%EF%BB%BF",  # a byte-order mark
    "99999999999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "0x10",
    "%2B1",
    "2015.5",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2f",
    "%2Fetc%2Fpasswd",
    "C:%5CWindows%5Cwin.ini",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "(((",
    "%22",
    "*a*%20OR%20*b*",
    "title%3A",
    "a%5Bb%20TO",
    "AND%20OR%20NOT",
    "year%3A%5B1%20TO%209999999999999%5D",
    "x" * 600,
    "%25",
    "%",
    "%G0",
    "&&&",
    "=",
    "a%26b%3Dc",
]


@dataclass
class Known:
    """Real values of the harvested index: the fuzzing mixes them with hostile ones, so
    requests also reach the code behind a found id or a valid filter."""

    doc_ids: list[str]
    case_ids: list[str]
    lesson_ids: list[str]
    themes: list[str]
    years: list[str]
    shares: list[str]


def _share(pack: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(pack).encode("utf-8")).decode("ascii").rstrip("=")


@pytest.fixture(scope="module")
def known(harvested: Harvested) -> Known:
    with LessonSearcher(harvested.data_dir) as searcher:
        documents = searcher.documents.documents
        cases = searcher.documents.cases()
        hits = searcher.reading_order(SearchQuery(doc_id=documents[0].doc_id))
        lessons = [h.lesson_id for h in hits[:5]]
    themes = sorted({t for d in documents for t in d.themes})[:8]
    years = sorted({str(d.year) for d in documents if d.year})
    hostile_notes = "\udfff\x00\x0b\ud800 note \ufffe"
    shares = [
        _share(
            {
                "title": "Pack \x01\ud800",
                "items": [{"id": i, "note": hostile_notes} for i in lessons],
            }
        ),
        _share({"items": [None, 1, "x"]}),
        _share({"items": [{"id": "../../etc/passwd"}]}),
        _share({"items": [{"id": lessons[0]}] * 150}),
        _share([1, 2]),
        _share(None),
        "!!!",
        "A" * 5000,
    ]
    return Known(
        doc_ids=[d.doc_id for d in documents[:4]],
        case_ids=[c.case_id for c in cases[:4]],
        lesson_ids=lessons,
        themes=themes,
        years=years,
        shares=shares,
    )


@pytest.fixture(scope="module")
def app(harvested: Harvested) -> Flask:
    # Not TESTING: an exception becomes the 500 page a user would get, and is counted.
    return create_app(AppConfig(harvested.data_dir))


def _path_values(name: str, known: Known) -> list[str]:
    odd = [
        quote(v, safe="")
        for v in ("..", "../../etc/passwd", "\x00", "é", "😀", " ", "a" * 300, "%", "<b>")
    ]
    raw = ["%ED%A0%80", "%FF", "..%2f..%2fconfig.toml", "%2e%2e"]
    by_name = {
        "doc_id": [*known.doc_ids[:2], "0123456789abcdef", "0123456789ABCDEF", "0" * 17],
        "case_id": [*known.case_ids[:2], "0123456789abcdef-child-a", "no-such-case"],
        "filename": ["style.css", "pack.js", "../config.toml", "../../README.md", "."],
    }
    return [*by_name.get(name, ["x"]), *odd, *raw]


def _value(name: str, rng: random.Random, known: Known) -> str:
    real = {
        "theme": known.themes,
        "year": known.years,
        "year_from": known.years,
        "year_to": known.years,
        "case": known.case_ids,
        "doc": known.doc_ids,
        "type": ["overview-report", "learning-brief", "other"],
        "kind": ["lesson", "recommendation", "summary"],
        "sort": ["relevance", "newest", "board", "year"],
        "table": ["heatmap", "trend", "cooccurring"],
        "ids": [",".join(known.lesson_ids), known.lesson_ids[0]],
        "share": known.shares,
        "q": ["bruising", "safe sleep", "neglect*", "negelct", "DV"],
    }
    if name in real and rng.random() < 0.4:
        return quote(rng.choice(real[name]), safe=",")
    return rng.choice(HOSTILE)


def _fill(rule: Rule, values: dict[str, str]) -> str:
    return VARIABLE.sub(lambda m: values.get(m.group(1), "x"), rule.rule)


Request = tuple[str, str, str, dict[str, str] | None]  # rule, method, url, form


def _requests(app: Flask, known: Known) -> Iterator[Request]:
    """The requests for every route, the same on every run."""
    rng = random.Random(SEED)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        names = sorted(rule.arguments)
        for name in names:
            for value in _path_values(name, known):
                yield rule.rule, "GET", _fill(rule, {n: value for n in names}), None
        for _ in range(RANDOM_PER_ROUTE):
            path = _fill(rule, {n: rng.choice(_path_values(n, known)) for n in names})
            chosen = rng.sample(PARAMS, rng.randint(0, MAX_PARAMS))
            if rng.random() < 0.15 and chosen:
                chosen.append(chosen[0])  # a repeated parameter
            if rng.random() < 0.5 and "share" not in chosen:
                chosen.append("share")  # packs: reach the exports behind a pack link
            query = "&".join(f"{n}={_value(n, rng, known)}" for n in chosen)
            if "POST" in (rule.methods or ()) and rng.random() < 0.3:
                form = {n: rng.choice(known.shares) for n in chosen} | {
                    "share": rng.choice(known.shares)
                }
                yield rule.rule, "POST", path, form
            else:
                method = rng.choice(["GET", "GET", "GET", "HEAD"])
                yield rule.rule, method, f"{path}?{query}", None


def _problem(client: FlaskClient, request: Request) -> str:
    _rule, method, url, form = request
    response = client.open(url, method=method, data=form)
    body = response.get_data()
    if response.status_code >= 500:
        return f"{response.status_code} {method} {url[:200]}"
    if TRACEBACK.search(body.decode("utf-8", "replace")):
        return f"traceback in {method} {url[:200]}"
    return ""


def test_no_route_answers_5xx_or_shows_a_traceback(app: Flask, known: Known) -> None:
    client = app.test_client()
    requests = list(_requests(app, known))
    assert len(requests) > 3000
    assert {r[0] for r in requests} == {rule.rule for rule in app.url_map.iter_rules()}
    problems = [p for p in (_problem(client, r) for r in requests) if p]
    assert not problems, f"{len(problems)} of {len(requests)} requests failed:\n" + "\n".join(
        problems[:20]
    )


def test_with_no_index_every_route_answers_plainly(tmp_path: Path, known: Known) -> None:
    app = create_app(AppConfig(tmp_path))
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        for value in _path_values("doc_id", known)[:3]:
            url = _fill(rule, {n: value for n in rule.arguments})
            response = client.get(url + "?q=neglect&theme=neglect&share=" + known.shares[0])
            assert response.status_code < 500 or response.status_code == 503, url
            assert not TRACEBACK.search(response.get_data(as_text=True)), url
