"""A run over a folder of broken and awkward files: each problem is recorded with its reason,
and the good files of the same run are indexed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from harvester.catalog import Catalog
from harvester.ingest import ingest_paths
from harvester.pipeline import sync_index
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from index import LessonSearcher, SearchQuery
from index.location import DataDir
from tests.documents import make_docx, make_pdf

LEAFLET = [
    [
        "Child J Professionals Leaflet",
        "Highlighting lessons from Child J (July 2015)",
        "What we learned",
        "Bruising in a non-mobile baby is never normal and must lead to a referral.",
    ]
]


def slow_pdf(text_operators: int, pages: int = 1) -> bytes:
    """A tiny, valid PDF whose pages hold millions of text-showing operators between them:
    their text layer takes PDFium many seconds to build (a decompression bomb for the
    parser). Spread over `pages`, it is built a page at a time, in less memory."""
    line = b"(" + b"abcdefghij" * 100 + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 0 800 Td\n" + line * (text_operators // 1000 // pages) + b"ET\n"
    stream = zlib.compress(content, 9)
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[page] * pages,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


CP1252_PAGE = (
    "<html><head><meta charset='windows-1252'><title>Child M learning summary</title></head>"
    "<body><main><h1>Child M learning summary</h1><p>The caf\u00e9 manager\u2019s concern "
    "about neglect was not passed to the school nurse.</p></main></body></html>"
).encode("cp1252")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("broken")
    good = make_pdf(LEAFLET)
    files = {
        "Child_J_Professionals_Leaflet.pdf": good,
        "Child_T_Learning_Summary.docx": make_docx(
            [("Heading 1", "Key learning"), ("Normal", "Ask who else cares for the baby.")]
        ),
        "truncated_overview_report.pdf": good[: len(good) // 2],
        "encrypted_executive_summary.pdf": make_pdf(LEAFLET, encrypt="board-only"),
        "zero_bytes.pdf": b"",
        "error_page_saved_as.pdf": b"<!DOCTYPE html><html><body><h1>Not found</h1></body></html>",
        "not_a_zip.docx": b"Learning summary draft - this was never a Word file.\n",
        "two_thousand_pages.pdf": make_pdf(
            [
                [f"Appendix page {n}: chronology entry."]
                + (
                    ["The missing appointment letter was found in the archive."]
                    if n == 1999
                    else []
                )
                for n in range(1, 2001)
            ]
        ),
        "child_m_cp1252.html": CP1252_PAGE,
        "parser_bomb.pdf": slow_pdf(20_000_000),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def test_each_problem_is_recorded_and_the_good_files_are_indexed(
    tmp_path: Path, corpus: dict[str, Path], tagger: ThemeTagger
) -> None:
    paths = DataDir(tmp_path)
    with Catalog(paths.catalog) as catalog:
        store = BlobStore(paths.store)
        report = ingest_paths([next(iter(corpus.values())).parent], catalog, store)
        assert report.added == len(corpus) and not report.failed
        synced = sync_index(tmp_path, catalog, store, tagger, log=lambda _m: None, timeout=4.0)
        rows = catalog.db.execute(
            "SELECT u.url, p.status, p.reason, p.pages FROM urls u "
            "JOIN processed p ON p.sha256 = u.sha256"
        ).fetchall()
    outcome = {Path(r["url"]).name: (r["status"], r["reason"] or "", r["pages"]) for r in rows}

    assert outcome["zero_bytes.pdf"][:2] == ("empty", "the file is empty")
    assert outcome["truncated_overview_report.pdf"][0] == "corrupt"
    assert outcome["encrypted_executive_summary.pdf"][0] == "encrypted"
    assert "password" in outcome["encrypted_executive_summary.pdf"][1]
    assert outcome["error_page_saved_as.pdf"][:1] == ("wrong_type",)
    assert "web page" in outcome["error_page_saved_as.pdf"][1]
    assert outcome["not_a_zip.docx"][0] == "corrupt"
    assert "not a DOCX" in outcome["not_a_zip.docx"][1]
    # Its text layer costs PDFium both time and memory: whichever limit it meets first.
    assert outcome["parser_bomb.pdf"][0] in ("timeout", "too_large")
    assert outcome["two_thousand_pages.pdf"] == ("ok", "", 2000)
    assert outcome["child_m_cp1252.html"][0] == "ok"
    assert outcome["Child_J_Professionals_Leaflet.pdf"][0] == "ok"
    assert outcome["Child_T_Learning_Summary.docx"][0] == "ok"
    assert synced.records > 0

    with LessonSearcher(tmp_path) as searcher:
        assert searcher.search(SearchQuery(q="bruising non-mobile")).total >= 1
        assert searcher.search(SearchQuery(q="who else cares for the baby")).total >= 1
        [cafe] = searcher.search(SearchQuery(q="caf\u00e9 manager")).results
        assert "caf\u00e9 manager\u2019s" in cafe.text
        [letter] = searcher.search(SearchQuery(q='"missing appointment letter"')).results
        assert letter.page == 1999


def test_problem_documents_are_listed_by_scr_status(
    tmp_path: Path, corpus: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from scr.cli import main

    config = tmp_path / "config.toml"
    config.write_text('[paths]\ndata_dir = "data"\n', encoding="utf-8")
    # The parser bomb is left out to keep this test quick; the test above covers it.
    small = [str(p) for n, p in corpus.items() if n != "parser_bomb.pdf"]
    assert main(["--config", str(config), "ingest", *small]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "status"]) == 0
    out = capsys.readouterr().out
    assert "documents not understood" in out
    assert "encrypted" in out and "corrupt" in out and "wrong_type" in out
