"""Evaluation of understanding on real published case reviews (tests/data/real/).

Each entry is a real review as a national collection's list, a board's review page or a
report's title page published it (facts only; see the README there). It is met the way
the harvester meets it: the entry is laid out as a listing page in the shape its source
uses, the listing is read by `harvester.discover.parse_listing`, and the document's
metadata is read from the listing's hints and, for a title page, the page's lines.

The set is split in two halves by a hash of each entry's id: rules are tuned on "tune"
and "held-out" is reported apart. Run `python -m tests.real_eval` for the table (add
`--write docs/understanding.md` to keep it) and `--misses` for what each half got wrong.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from harvester.discover import parse_listing
from harvester.metadata import Hints, Metadata, infer_metadata, normalise_case
from harvester.metadata.boards import bundled_board_table
from harvester.settings import SourceConfig
from harvester.tagging import ThemeTagger
from index.boards import BoardTable, normalise, place_of
from index.schema import DOC_TYPES
from index.taxonomy import load_taxonomy

REAL_DIR = Path(__file__).parent / "data" / "real"
# Real entries gathered after the rules, kept out of both halves: read freely while rules
# are written, reported on their own row.
DEV_DIR = Path(__file__).parent / "data" / "real_dev"
DEV = "later"
FIELDS = ("case", "board", "year", "doc_type")
KINDS = ("catalogue", "board-page", "front-matter")
HALVES = ("tune", "held-out")
SITE = "http://127.0.0.1:8000"


def _digest(entry: dict) -> bytes:
    return hashlib.sha256(entry["id"].encode("utf-8")).digest()


# The files that held the catalogue's keywords when the set was first split; their themed
# entries are dealt out together, as they were then.
FIRST_DEAL = frozenset(
    {
        "entries_2006_2014.toml",
        "entries_2015_2026.toml",
        "entries_north.toml",
        "entries_themes.toml",
        "entries_themes_2.toml",
    }
)


def assign_halves(entries: list[dict]) -> None:
    """Each entry's half ("tune" or "held-out"), fixed by a hash of its id. The entries
    with the catalogue's keywords are dealt out alternately in hash order, so that both
    halves have some to measure themes on: those of the first files together, those of a
    later file among themselves, so that adding a file never moves an entry between
    halves."""
    deals: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        if entry.get("keywords"):
            file = entry.get("file", "")
            deals["" if file in FIRST_DEAL else file].append(entry)
    for themed in deals.values():
        for rank, entry in enumerate(sorted(themed, key=_digest)):
            entry["half"] = HALVES[rank % 2]
    for entry in entries:
        entry.setdefault("half", HALVES[_digest(entry)[0] % 2])


def load_later(folder: Path = DEV_DIR) -> list[dict]:
    """The entries gathered later, each in the group of its own (not a half)."""
    return [{**entry, "half": DEV} for entry in load_entries(folder)]


def half(entry: dict) -> str:
    return entry["half"]


def review_key(entry: dict) -> tuple:
    """One review's document: the same one gathered from two pages is one entry. An entry
    that names no case is told apart by its own heading: two news items of a year about
    reviews in general are two items."""
    truth = entry["truth"]
    area = normalise(truth.get("area") or truth.get("board") or "")
    own = "" if truth["case"] else normalise(entry.get("entry") or "")
    if not truth["year"]:
        # (an undated entry's documents of one review and type are told apart by their own
        # words: a review's terms of reference and its timeline, both "other")
        own = normalise(f"{entry.get('entry') or ''} {entry.get('link_text') or ''}")
    return (area, case_key(truth["case"]), truth["year"], truth["doc_type"], own)


def evidenced(entry: dict) -> bool:
    """Whether the text captured for the entry names its case at all: an entry whose
    page named the child only in prose that was not captured cannot test reading it."""
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", case_key(entry["truth"]["case"]))
        if w not in {"the", "and", "child", "children", "family", "of"}
    ]
    text = " ".join(str(entry.get(k) or "") for k in ("entry", "link_text", "context", "cover"))
    found = set(re.findall(r"[a-z0-9]+", text.lower()))
    return all(w in found for w in words)


def dated(entry: dict) -> bool:
    """Whether the text captured for the entry gives its year at all: a year found only
    in the page's address, a date beside the list or a page not captured cannot test
    reading it (the document's own address and first pages, where a harvest finds it,
    are not in the set). An entry gathered later may be undated: no stored page gave its
    document a year (its truth's year is 0)."""
    if not entry["truth"]["year"]:
        return False
    year = str(entry["truth"]["year"])
    text = " ".join(str(entry.get(k) or "") for k in ("entry", "link_text", "context", "cover"))
    return (
        year in text or re.search(r"\b\d{1,2}[./]\d{1,2}[./]" + year[2:] + r"\b", text) is not None
    )


# Words by which an entry names a kind of document at all (not the product's rules).
KIND_WORDS = re.compile(
    r"\b(?:reports?|summary|summaries|brief(?:ing)?s?|minute|leaflets?|reviews?|responses?|"
    r"statements?|plans?|newsletters?|learning|lessons|scrs?|l?csprs?|cprs?|dhrs?)\b",
    re.I,
)


def typed(entry: dict) -> bool:
    """Whether the text captured for the entry names a kind of document at all: a list's
    section heading that was not captured ("Learning briefs") cannot test reading it."""
    text = " ".join(str(entry.get(k) or "") for k in ("entry", "link_text", "context", "cover"))
    return KIND_WORDS.search(text) is not None


def _gathered(path: Path) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def load_entries(folder: Path = REAL_DIR) -> list[dict]:
    """Every entry of the set's files, in file order; a review's document gathered twice
    is kept once (the first)."""
    entries: list[dict] = []
    seen: set[tuple] = set()
    # (in the order the files were gathered, "entries_boards_9" before "entries_boards_10",
    # so that a later file never displaces an older file's entry)
    for path in sorted(folder.glob("entries_*.toml"), key=_gathered):
        with path.open("rb") as fh:
            for entry in tomllib.load(fh).get("entry", []):
                key = review_key(entry)
                if key not in seen:
                    seen.add(key)
                    entries.append({**entry, "file": path.name})
    assign_halves(entries)
    return entries


def case_key(name: str | None) -> str:
    """Case names compared as a reader would: letter case, a leading "The", quotes, "&" /
    "and", spacing around commas, "Family T" / "T Family" and "Child I and Child J" /
    "Children I and J" do not matter (the product's own identity rule, then these)."""
    text = re.sub(r"[\"'‘’“”]", "", normalise_case(name or "").lower())
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"^the ", "", text)
    return re.sub(r"^(\w{1,2}) family$", r"family \1", text)


# -- the entry as the harvester meets it -------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# The heading a board's page of reviews puts over its list.
PAGE_HEADING = "Published reviews"


def listing_html(entry: dict, page_heading: str = PAGE_HEADING) -> str:
    """The entry laid out as its source lays it out, under `page_heading`."""
    link = entry.get("link_text") or ""
    heading = entry.get("entry") or ""
    href = f"{SITE}/files/{hashlib.sha256(entry['id'].encode()).hexdigest()[:12]}.pdf"
    summary = entry.get("summary") or ""
    keywords = ", ".join(entry.get("keywords") or [])
    context = entry.get("context") or ""
    if entry["kind"] == "catalogue":
        year = entry["truth"]["year"]
        parts = [f"<h1>Case reviews published in {year}</h1>"]
        if link:
            parts.append(f"<h3>{_e(heading)}</h3>")
            # (the entry's own line of facts, where the list gives one: "Published: May 2009")
            if context:
                parts.append(f"<p>{_e(context)}</p>")
            parts.append(f"<p>{_e(summary)}</p>")
            if keywords:
                parts.append(f"<p>Keywords: {_e(keywords)}</p>")
            parts.append(f'<p><a href="{href}">{_e(link)}</a></p>')
        else:
            # Older lists: the entry's own line is the link, the description follows.
            parts.append(f'<p><a href="{href}">{_e(heading)}</a></p>')
            if context:
                parts.append(f"<p>{_e(context)}</p>")
            parts.append(f"<p>{_e(summary)}</p>")
            if keywords:
                parts.append(f"<p>{_e(keywords)}.</p>")
        body = "\n".join(parts)
    elif link and link != heading:
        body = (
            f"<h1>{_e(page_heading)}</h1>\n<h3>{_e(heading)}</h3>\n"
            f'<p><a href="{href}">{_e(link)}</a></p>\n<p>{_e(context)}</p>'
        )
    else:
        body = (
            f'<h1>{_e(page_heading)}</h1>\n<ul><li><a href="{href}">{_e(heading or link)}</a> '
            f"{_e(context)}</li></ul>"
        )
    return f"<html><body><main>\n{body}\n</main></body></html>"


def source_board(entry: dict, boards: BoardTable) -> str | None:
    """A board's own page is harvested from a source configured with the board running the
    site today (its latest board or partnership); the other kinds come from collections."""
    if entry["kind"] != "board-page":
        return None
    truth = entry["truth"]
    known = boards.known(truth.get("board")) or boards.in_place(truth.get("area"))
    if known is None:
        return truth.get("board") or None
    area = boards.area(known.area)
    return area.boards[-1].name if area and area.boards else known.name


def hints_for(entry: dict, boards: BoardTable, page_heading: str = PAGE_HEADING) -> Hints:
    source = SourceConfig(name="real", url=f"{SITE}/reviews/", board=source_board(entry, boards))
    page = parse_listing(listing_html(entry, page_heading), f"{SITE}/reviews/", source)
    [link] = page.documents
    return Hints(link.link_text, link.heading, link.context, link.url, source.board)


def read(entry: dict, boards: BoardTable, page_heading: str = PAGE_HEADING) -> Metadata:
    cover = entry.get("cover") or ""
    return infer_metadata(hints_for(entry, boards, page_heading), cover, boards=boards)


def changed_readings(
    entries: Iterable[dict],
    vary: Callable[[dict], dict],
    fields: tuple[str, ...] = ("case", "doc_type", "year"),
) -> list[str]:
    """The entries whose reading of `fields` changes when `vary` changes their texts (what
    a page or a PDF adds that names nothing should change none), each with its case before
    and after."""
    boards = bundled_board_table()
    changed = []
    for entry in entries:
        plain, varied = read(entry, boards), read(vary(entry), boards)
        if any(getattr(plain, f) != getattr(varied, f) for f in fields):
            changed.append(f"{entry['id']}: {plain.case!r} -> {varied.case!r}")
    return changed


# -- scoring ------------------------------------------------------------------------------------


def expected_area(entry: dict, boards: BoardTable) -> str | None:
    """The area of the board that published the review, as the table knows it; the area's
    own name (normalised) when the table does not know it; None when none is named."""
    truth = entry["truth"]
    year = truth.get("year") or None
    for known in (boards.known(truth.get("board"), year), boards.in_place(truth.get("area"), year)):
        if known is not None:
            return known.area
    named = truth.get("area") or place_of(truth.get("board") or "")
    return f"?{normalise(named)}" if named else None


def got_area(meta: Metadata) -> str | None:
    if meta.area:
        return meta.area
    return f"?{place_of(meta.board)}" if meta.board else None


def field_results(entry: dict, meta: Metadata, boards: BoardTable) -> dict[str, tuple]:
    truth = entry["truth"]
    return {
        "case": (case_key(meta.case), case_key(truth["case"])),
        "board": (got_area(meta), expected_area(entry, boards)),
        "year": (meta.year or 0, truth["year"]),
        "doc_type": (meta.doc_type, truth["doc_type"]),
    }


@dataclass
class Scores:
    right: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Per field: the entries it was scored on (case: those whose captured text names it).
    scored: dict[str, dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    theme_found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    theme_wanted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Entries whose captured text does not name their case, and of those the ones where no
    # case (or the right one) was read.
    unnamed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unnamed_clear: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # What was read of each entry, by id.
    read: dict[str, Metadata] = field(default_factory=dict)

    def accuracy(self, group: str, name: str) -> float:
        scored = self.scored[group][name]
        return self.right[group][name] / scored if scored else 0.0

    def recall(self, group: str) -> float:
        wanted = self.theme_wanted[group]
        return self.theme_found[group] / wanted if wanted else 0.0


def expected_themes(entry: dict, keyword_map: dict[str, tuple[str, ...]]) -> set[str]:
    return {t for k in entry.get("keywords") or [] for t in keyword_map.get(k.lower(), ())}


def evaluate(
    entries: Iterable[dict],
    boards: BoardTable | None = None,
    tagger: ThemeTagger | None = None,
    keyword_map: dict[str, tuple[str, ...]] | None = None,
    page_heading: str = PAGE_HEADING,
) -> Scores:
    """The readings of `entries` scored by half and kind, each laid out under
    `page_heading`."""
    boards = boards if boards is not None else bundled_board_table()
    tagger = tagger or ThemeTagger(load_taxonomy())
    keyword_map = keyword_map if keyword_map is not None else dict(tagger.taxonomy.catalogue)
    scores = Scores()
    for entry in entries:
        # (and the half by the kind of page, so that a figure can be read apart from the
        # mix of kinds)
        groups = (half(entry), "all", f"{half(entry)}: {entry['kind']}")
        meta = scores.read[entry["id"]] = read(entry, boards, page_heading)
        for group in groups:
            scores.totals[group] += 1
        for name, (got, want) in field_results(entry, meta, boards).items():
            if name == "case" and not evidenced(entry):
                # a name read where the entry names none is a wrong case on the facets
                for group in groups:
                    scores.unnamed[group] += 1
                    scores.unnamed_clear[group] += got in ("", want)
                continue
            if name == "year" and not dated(entry):
                continue
            if name == "doc_type" and not typed(entry):
                continue
            for group in groups:
                scores.scored[group][name] += 1
            if got == want:
                for group in groups:
                    scores.right[group][name] += 1
            else:
                scores.misses[groups[0]].append(
                    f"  {entry['id']:<44} {name:<8} got {got!r}, want {want!r}"
                )
        wanted = expected_themes(entry, keyword_map)
        if wanted:
            found = set(tagger.theme_ids(entry.get("summary") or "")) & wanted
            for group in groups:
                scores.theme_wanted[group] += len(wanted)
                scores.theme_found[group] += len(found)
            if found != wanted:
                scores.misses[groups[0]].append(
                    f"  {entry['id']:<44} themes   missed {sorted(wanted - found)}"
                )
    return scores


def table(
    scores: Scores,
    fictional: dict[str, float] | None = None,
    forms: dict[str, float] | None = None,
    pages: dict[str, float] | None = None,
    board_pages: dict[str, dict[str, float]] | None = None,
    titles: dict[str, float] | None = None,
    later: Scores | None = None,
) -> str:
    rows = [
        "| set | documents | case (named in the entry) | board | year (dated in the entry) "
        "| type (named in the entry) "
        "| theme recall (keywords) |",
        "|---|---|---|---|---|---|---|",
    ]
    for group in (*HALVES, "all"):
        cells = [f"{scores.accuracy(group, f):.3f}" for f in FIELDS]
        recall = f"{scores.recall(group):.3f} ({scores.theme_found[group]} of "
        recall += f"{scores.theme_wanted[group]})"
        cells[0] += f" ({scores.scored[group]['case']})"
        cells[2] += f" ({scores.scored[group]['year']})"
        cells[3] += f" ({scores.scored[group]['doc_type']})"
        rows.append(f"| real: {group} | {scores.totals[group]} | {' | '.join(cells)} | {recall} |")
    # The held-out half by the kind of page (national entries read easiest).
    for kind in KINDS:
        group = f"held-out: {kind}"
        if not scores.totals[group]:
            continue
        cells = [
            f"{scores.accuracy(group, f):.3f} ({scores.scored[group][f]})"
            if scores.scored[group][f]
            else "-"
            for f in FIELDS
        ]
        recall = (
            f"{scores.recall(group):.3f} ({scores.theme_found[group]} of "
            f"{scores.theme_wanted[group]})"
            if scores.theme_wanted[group]
            else "-"
        )
        rows.append(f"| real: {group} | {scores.totals[group]} | {' | '.join(cells)} | {recall} |")
    if later is not None and later.totals[DEV]:
        cells = [f"{later.accuracy(DEV, f):.3f} ({later.scored[DEV][f]})" for f in FIELDS]
        rows.append(
            f"| real: gathered later, not in either half | {later.totals[DEV]} "
            f"| {' | '.join(cells)} | - |"
        )
    if fictional:
        cells = [f"{fictional[f]:.3f}" for f in FIELDS]
        rows.append(f"| fictional | {int(fictional['n'])} | {' | '.join(cells)} | - |")
    if forms:
        cells = [f"{forms[f]:.3f}" if f in forms else "-" for f in FIELDS]
        rows.append(f"| fictional: title forms | {int(forms['n'])} | {' | '.join(cells)} | - |")
    if pages:
        cells = [f"{pages[f]:.3f}" for f in FIELDS]
        rows.append(f"| fictional: first pages | {int(pages['n'])} | {' | '.join(cells)} | - |")
    for name, found in (board_pages or {}).items():
        cells = [f"{found[f]:.3f}" for f in FIELDS]
        rows.append(f"| fictional: {name} | {int(found['n'])} | {' | '.join(cells)} | - |")
    if titles:
        cells = [f"{titles[f]:.3f}" if f in titles else "-" for f in FIELDS]
        rows.append(
            f"| real titles named by their subject | {int(titles['n'])} | {' | '.join(cells)} | - |"
        )
    return "\n".join(rows)


def board_page_scores() -> dict[str, dict[str, float]]:
    """Case, board, year and type on the board pages' document links of
    tests/data/board_entries.toml, board_doc_types.toml, news_items*.toml, review_pages.toml,
    sentence_entries.toml, title_case_items.toml, shared_documents.toml, names_across.toml and
    real_shapes*.toml."""
    from tests.test_board_pages import load, scores

    return {
        label: {"n": len(load(name)), **scores(name)}
        for label, name in (
            ("board pages", "board_entries.toml"),
            ("board pages' file types", "board_doc_types.toml"),
            ("news items", "news_items.toml"),
            ("news items 2", "news_items_2.toml"),
            ("a review's own pages", "review_pages.toml"),
            ("entries as sentences", "sentence_entries.toml"),
            ("headlines in title case", "title_case_items.toml"),
            ("shared title pages", "shared_documents.toml"),
            ("real pages' shapes", "real_shapes.toml"),
            ("real lists' shapes", "real_shapes_lists.toml"),
            ("real news items' shapes", "real_shapes_news.toml"),
            ("real title pages' shapes", "real_shapes_covers.toml"),
            ("real review pages' shapes", "real_shapes_reviews.toml"),
            ("real briefs' first pages", "real_shapes_briefs.toml"),
            ("file names and page titles", "machine_text.toml"),
            ("real Welsh and London pages", "real_shapes_regions.toml"),
            ("names across an entry's parts", "names_across.toml"),
            ("real news items' shapes 2", "real_shapes_media.toml"),
            ("real board lists' shapes", "real_shapes_boardlists.toml"),
            ("real news items' shapes 3", "real_shapes_media_2.toml"),
            ("real title pages' shapes 2", "real_shapes_titlepages.toml"),
            ("links named beside them", "real_shapes_beside.toml"),
            ("kinds of document alike", "real_shapes_types.toml"),
            ("real board lists' shapes 2", "real_shapes_boardlists_2.toml"),
            ("real title pages' shapes 3", "real_shapes_titlepages_2.toml"),
            ("real news items' shapes 4", "real_shapes_media_3.toml"),
            ("real news items' shapes 5", "real_shapes_media_4.toml"),
            ("real news items' shapes 6", "real_shapes_media_5.toml"),
            ("older title pages", "real_shapes_titlepages_old.toml"),
            ("one review's pages 2", "real_shapes_reviewpages_2.toml"),
            ("reviews named by their subject", "real_shapes_subjects.toml"),
            ("kinds of document easy to confuse", "real_shapes_kinds_mixed.toml"),
            ("news items naming many people", "real_shapes_media_6.toml"),
            ("title pages 4", "real_shapes_titlepages_4.toml"),
            ("boards' review lists 3", "real_shapes_boardlists_3.toml"),
            ("reviews named by their subject 2", "real_shapes_subjects_2.toml"),
            ("kinds of document easy to confuse 2", "real_shapes_kinds_2.toml"),
            ("children named among other people", "real_shapes_names_2.toml"),
            ("reviews named by codes", "real_shapes_codes_2.toml"),
            ("learning material and analyses", "real_shapes_learning.toml"),
            ("title pages 5", "real_shapes_titlepages_5.toml"),
            ("kinds of document said indirectly", "real_shapes_types_3.toml"),
            ("real news items' shapes 7", "real_shapes_media_7.toml"),
            ("boards' review lists 4", "real_shapes_boardlists_4.toml"),
            ("a review's own pages 3", "real_shapes_reviewpages_3.toml"),
            ("real news items' shapes 8", "real_shapes_media_8.toml"),
            ("reviews named by their subject 3", "real_shapes_subjects_3.toml"),
            ("title pages 6", "real_shapes_titlepages_6.toml"),
            ("one review's documents", "real_shapes_reviewdocs.toml"),
            ("reviews named by their subject 4", "real_shapes_subjects_4.toml"),
            ("news of reviews published and not", "real_shapes_media_9.toml"),
            ("thematic and national reviews", "real_shapes_thematic.toml"),
            ("thematic and national reviews 2", "real_shapes_thematic_2.toml"),
            ("learning material of one review", "real_shapes_briefs_2.toml"),
            ("national bodies' publications", "real_shapes_national.toml"),
            ("a national collection's entries", "real_shapes_catalogue.toml"),
            ("a national collection's entries 2", "real_shapes_catalogue_2.toml"),
            ("a national collection's entries 3", "real_shapes_catalogue_3.toml"),
        )
    }


def first_page_scores() -> dict[str, float]:
    """Case, board, year and type on tests/data/first_pages.toml."""
    from tests.test_title_forms import expected_page, load_pages, read_page

    pages = load_pages()
    right = {f: 0 for f in FIELDS}
    for page in pages:
        got, want = read_page(page), expected_page(page)
        for f in FIELDS:
            right[f] += got[f] == want[f]
    return {"n": len(pages), **{f: n / len(pages) for f, n in right.items()}}


def title_form_scores() -> dict[str, float]:
    """Case, year and type on tests/data/title_forms.toml (the forms name no board)."""
    from tests.test_title_forms import expected, fields, load_forms
    from tests.test_title_forms import read as read_form

    forms = load_forms()
    right = {"case": 0, "year": 0, "doc_type": 0}
    for form in forms:
        got, want = fields(read_form(form)), expected(form)
        for f in right:
            right[f] += got[f] == want[f]
    return {"n": len(forms), **{f: n / len(forms) for f, n in right.items()}}


def fictional_scores() -> dict[str, float]:
    from tests.test_metadata_eval import expected_fields, got_fields, load_cases, run

    cases = load_cases()
    right = {f: 0 for f in FIELDS}
    for case in cases:
        got, want = got_fields(run(case)), expected_fields(case)
        for f in FIELDS:
            right[f] += got[f] == want[f]
    return {"n": len(cases), **{f: right[f] / len(cases) for f in FIELDS}}


def load_readings(folder: Path = REAL_DIR) -> dict[str, dict]:
    """The second and third readings of each entry's case and type (readings.toml), by id:
    made blind, apart and from LABELLING.md."""
    with (folder / "readings.toml").open("rb") as fh:
        return {read["id"]: read for read in tomllib.load(fh).get("read", [])}


def three_readings(entry: dict, readings: dict[str, dict], name: str) -> tuple[str, str, str]:
    """The field ("case" or "doc_type") as the first, second and third readings give it,
    compared as the scores compare it."""
    key = case_key if name == "case" else str
    other = readings[entry["id"]]
    return key(entry["truth"][name]), key(other[name]), key(other[f"third_{name}"])


AGREEMENT_COLUMNS = (
    "first = second",
    "first = third",
    "second = third",
    "product = first",
    "product = second",
    "product = third",
    "product = two of three",
    "product where all three agree",
)


@dataclass
class Agreement:
    """Per half and field ("case", "doc_type"): how often the hand readings agree with
    each other, and how often the product agrees with each, with the answer two of the
    three give, and on the entries all three agree on."""

    counts: dict[tuple[str, str], dict[str, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    def share(self, half_name: str, name: str, column: str) -> float:
        counts = self.counts[(half_name, name)]
        whole = {
            "product where all three agree": counts["all agree n"],
            "product = two of three": counts["majority n"],
        }.get(column, counts["n"])
        return counts[column] / whole if whole else 0.0


def agreement(entries: Iterable[dict], readings: dict[str, dict], scores: Scores) -> Agreement:
    """`scores`: the evaluation of the same entries, whose readings are compared."""
    result = Agreement()
    for entry in entries:
        meta = scores.read[entry["id"]]
        for name, scored in (("case", evidenced(entry)), ("doc_type", typed(entry))):
            if not scored:
                continue
            got = (case_key if name == "case" else str)(getattr(meta, name) or "")
            first, second, third = three_readings(entry, readings, name)
            counts = result.counts[(half(entry), name)]
            counts["n"] += 1
            counts["first = second"] += first == second
            counts["first = third"] += first == third
            counts["second = third"] += second == third
            counts["product = first"] += got == first
            counts["product = second"] += got == second
            counts["product = third"] += got == third
            answer, votes = Counter((first, second, third)).most_common(1)[0]
            if votes >= 2:
                counts["majority n"] += 1
                counts["product = two of three"] += got == answer
            if first == second == third:
                counts["all agree n"] += 1
                counts["product where all three agree"] += got == first
    return result


def agreement_table(result: Agreement) -> str:
    rows = [
        "| half | field | scored | " + " | ".join(AGREEMENT_COLUMNS) + " |",
        "|---|---|---|" + "---|" * len(AGREEMENT_COLUMNS),
    ]
    for half_name in HALVES:
        for name in ("case", "doc_type"):
            counts = result.counts[(half_name, name)]
            cells = [f"{result.share(half_name, name, c):.3f}" for c in AGREEMENT_COLUMNS]
            cells[-2] += f" ({counts['majority n']})"
            cells[-1] += f" ({counts['all agree n']})"
            rows.append(f"| {half_name} | {name} | {counts['n']} | {' | '.join(cells)} |")
    return "\n".join(rows)


def unnamed_line(scores: Scores) -> str:
    """How often the reader makes up a case where the entry names none."""
    parts = [
        f"{group} {scores.unnamed_clear[group]} of {scores.unnamed[group]}" for group in HALVES
    ]
    return (
        "Entries whose captured text names no case, read with no case (a name read there "
        "is a wrong case on the facets): " + ", ".join(parts) + "."
    )


def describe(entries: list[dict]) -> str:
    areas = {e["truth"].get("area") or e["truth"].get("board") for e in entries} - {"", None}
    years = [e["truth"]["year"] for e in entries]
    kinds = {k: sum(e["kind"] == k for e in entries) for k in KINDS}
    return (
        f"{len(entries)} entries from {len(areas)} areas, published {min(years)}-{max(years)}; "
        + ", ".join(f"{n} {k}" for k, n in kinds.items())
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", action="store_true", help='list what was got wrong on the "tune" half'
    )
    parser.add_argument("--write", metavar="FILE", help="write the table into FILE")
    args = parser.parse_args(argv)
    entries = load_entries()
    scores = evaluate(entries)
    from tests.real_titles import title_scores

    later = evaluate(load_later())
    text = table(
        scores,
        fictional_scores(),
        title_form_scores(),
        first_page_scores(),
        board_page_scores(),
        title_scores(),
        later,
    )
    text = f"{text}\n\n{unnamed_line(scores)}"
    print(describe(entries))
    print(text)
    if args.misses:
        # The held-out half's misses are not listed: rules are not to be tuned on them.
        print("\ntune misses:")
        print("\n".join(scores.misses["tune"]) or "  none")
        print("\nmisses on the entries gathered later:")
        print("\n".join(later.misses[DEV]) or "  none")
    agreed = agreement_table(agreement(entries, load_readings(), scores))
    print("\nagreement of three hand readings, and the product with each:")
    print(agreed)
    if args.write:
        path = Path(args.write)
        _write_block(path, "<!-- real-eval -->", f"{describe(entries)}\n\n{text}")
        _write_block(path, "<!-- real-agreement -->", agreed)
    return 0


def _write_block(path: Path, marker: str, text: str) -> None:
    """Put text between the file's two markers (at its end when it has none)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{marker}\n{text}\n{marker}"
    if old.count(marker) == 2:
        start, end = old.index(marker), old.rindex(marker) + len(marker)
        new = old[:start] + block + old[end:]
    else:
        new = old + ("\n" if old else "") + block + "\n"
    path.write_text(new, encoding="utf-8")


def check_entries(entries: list[dict]) -> list[str]:
    """Problems with the set's own form (not with the product)."""
    problems = []
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        problems.append("duplicate ids")
    for entry in entries:
        truth = entry.get("truth", {})
        if entry.get("kind") not in KINDS:
            problems.append(f"{entry['id']}: kind {entry.get('kind')!r}")
        if truth.get("doc_type") not in DOC_TYPES:
            problems.append(f"{entry['id']}: doc_type {truth.get('doc_type')!r}")
        if not entry.get("source", "").startswith("http"):
            problems.append(f"{entry['id']}: no source address")
        undated = entry.get("undated") is True and truth.get("year") == 0
        if not undated and (
            not isinstance(truth.get("year"), int) or not 2000 <= truth["year"] <= 2026
        ):
            problems.append(f"{entry['id']}: year {truth.get('year')!r}")
    return problems


if __name__ == "__main__":
    sys.exit(main())
