"""Distractor review reports: documents with the shape of a published case review and
running text of everyday English, to put next to the sample corpus and see whether the
judged queries still find the sample's lessons first.

A distractor has a cover page (a fictional board, a title such as "Serious Case Review:
Child QD" or a plain report title, a month and year), then numbered sections as a review
report has them: Introduction, Background, Findings, Lessons learned (numbered lessons),
Recommendations (numbered items), Conclusion; 6 to 15 pages, each body page under a
running header and "Page N of M", lines wrapped as extracted PDF text is. The running text
is words drawn from wordfreq's English list at their natural frequency, in sentences of 8
to 25 words. Two variants:

- **plain**: nothing else, so the words of a safeguarding query appear only as often as
  they do in English at large ("school", "mother" and "police" now and then);
- **flavoured**: safeguarding words ("child", "neglect", "social worker", "bruising",
  "hidden", "county", "lines" ...) mixed in one at a time, at about the rate the sample
  corpus's reports use them, so that a query's words occur in a distractor, but scattered
  among unrelated words, never as the lesson's sentence.

Everything is derived from the seed: the same arguments give the same texts.

`build_scale_index` puts the harvested sample's documents and N distractors into one
index: the sample's stored documents are understood again as `scr reindex` does, each
distractor's pages are understood by `harvester.understand.understand` (metadata, sections,
lessons and theme tags as for any document), and everything is written by
`index.writer.rebuild`.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from harvester.catalog import Catalog
from harvester.extract import Extracted
from harvester.metadata import Hints
from harvester.pipeline import understanding
from harvester.store import BlobStore
from harvester.tagging import ThemeTagger
from harvester.understand import Understood, understand
from harvester.workers import Outcome
from index.boards import BoardTable, load_board_table
from index.location import DataDir
from index.records import DocumentRecord, LessonRecord
from index.taxonomy import load_taxonomy
from index.writer import rebuild, writer_processes

SEED = 7331
PLAIN, FLAVOURED = "plain", "flavoured"
VARIANTS = (PLAIN, FLAVOURED)
VOCABULARY = 30_000  # the most frequent English words of wordfreq's list
LINE_WIDTH = 92
LINES_PER_PAGE = 44
PAGES = (6, 15)
SENTENCE_WORDS = (8, 25)
HOST = "https://reviews.distractor.example"

# Safeguarding words of the flavoured variant, per 1,000 words of running text: about the
# rates of the sample corpus's reports (there "child" is 13.6 per 1,000 words, "mother"
# 5.3, "police" 3.2, "neglect" 1.2, "bruising" 0.7, "hidden" 0.2). Each is one slot of a
# sentence: "social worker" and "health visitor" come as the pair, the others alone.
SAFEGUARDING_RATES: dict[str, float] = {
    "child": 12.0,
    "children": 4.0,
    "mother": 5.0,
    "father": 2.0,
    "baby": 4.0,
    "parents": 1.5,
    "family": 2.5,
    "health": 3.0,
    "health visitor": 2.0,
    "social worker": 1.3,
    "police": 3.0,
    "school": 4.0,
    "neglect": 1.2,
    "bruising": 0.7,
    "domestic": 1.2,
    "abuse": 2.0,
    "men": 0.8,
    "hidden": 0.3,
    "county": 0.3,
    "lines": 0.3,
    "safeguarding": 2.3,
    "referral": 2.5,
    "assessment": 2.3,
    "risk": 3.0,
    "professionals": 1.4,
    "practitioners": 1.0,
    "agencies": 1.4,
}

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Fictional places: no board of England or Wales is named like these.
_PLACE_STARTS = (
    "Brack", "Quill", "Dorn", "Fallow", "Grist", "Hollin", "Marr", "Nettle", "Orrin", "Pell",
    "Rook", "Sallow", "Tamber", "Vell", "Wyther", "Yarrow", "Cindle", "Gorse", "Lammer", "Tull",
)  # fmt: skip
_PLACE_ENDS = (
    "holt", "mere", "shaw", "combe", "wick", "thwaite", "garth", "stow", "hythe", "dene",
)  # fmt: skip
_PLAIN_TITLES = (
    "Independent Review Report",
    "Learning Review",
    "Practice Review: Overview Report",
    "Multi-Agency Review",
    "Review Report",
    "Partnership Review: Final Report",
)
_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class _Words:
    """Words to draw, with cumulative weights for `random.choices`."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]

    def draw(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


@functools.cache
def english() -> _Words:
    """wordfreq's most frequent English words (words of letters, with an apostrophe at
    most), weighted by their frequency."""
    from wordfreq import top_n_list, word_frequency

    words = [
        "I" if w == "i" else w
        for w in top_n_list("en", VOCABULARY)
        if w.replace("'", "").isalpha() and w.isascii()
    ]
    return _Words(tuple(words), tuple(itertools.accumulate(word_frequency(w, "en") for w in words)))


@functools.cache
def _safeguarding() -> tuple[_Words, float]:
    """The flavoured variant's words, and the chance that a word slot is one of them."""
    terms = tuple(SAFEGUARDING_RATES)
    cumulative = tuple(itertools.accumulate(SAFEGUARDING_RATES.values()))
    return _Words(terms, cumulative), cumulative[-1] / 1000


class _Text:
    """Sentences and paragraphs of a variant's running text."""

    def __init__(self, variant: str, rng: random.Random) -> None:
        if variant not in VARIANTS:
            raise ValueError(f"variant {variant!r}: one of {', '.join(VARIANTS)}")
        self.rng = rng
        self.words = english()
        self.flavour = _safeguarding() if variant == FLAVOURED else None

    def sentence(self) -> str:
        rng = self.rng
        words = self.words.draw(rng, rng.randint(*SENTENCE_WORDS))
        if self.flavour is not None:
            terms, chance = self.flavour
            for i in range(len(words)):
                if rng.random() < chance:
                    words[i] = terms.draw(rng, 1)[0]
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))


def wrap(text: str, width: int = LINE_WIDTH) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class Distractor:
    """One generated report: its pages as extraction gives them, and where it was found."""

    number: int
    variant: str
    place: str
    board: str
    title: str
    year: int
    month: int
    pages: tuple[str, ...]

    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256("\f".join(self.pages).encode("utf-8")).hexdigest()

    @property
    def source_url(self) -> str:
        slug = "".join(c if c.isalnum() else "_" for c in self.title).strip("_")
        return f"{HOST}/{self.variant}/{self.number:05d}/{slug}.pdf"

    def extracted(self) -> Extracted:
        return Extracted(
            kind="pdf",
            status="ok",
            pages=list(self.pages),
            title=self.title,
            metadata={"Title": self.title},
        )

    def hints(self) -> Hints:
        published = f"{MONTHS[self.month - 1]} {self.year}"
        return Hints(
            link_text=self.title,
            context=f"Published {published}",
            url=self.source_url,
        )


def _board(place: str, year: int) -> str:
    kind = "Safeguarding Children Board" if year < 2019 else "Safeguarding Children Partnership"
    return f"{place} {kind}"


def _title(rng: random.Random, year: int) -> str:
    if rng.random() < 0.5:
        return rng.choice(_PLAIN_TITLES)
    letters = "".join(rng.sample(_LETTERS, rng.choice((1, 2, 2))))
    review = "Serious Case Review" if year < 2019 else "Child Safeguarding Practice Review"
    return f"{review}: Child {letters}"


class _Body:
    """Numbered sections, numbered paragraphs and wrapped lines."""

    def __init__(self, text: _Text) -> None:
        self.text = text
        self.lines: list[str] = []
        self.section = 0
        self.paragraph = 0

    def heading(self, title: str) -> None:
        self.section += 1
        self.paragraph = 0
        self.lines.append(f"{self.section}. {title}")

    def para(self, text: str) -> None:
        self.paragraph += 1
        self.lines.extend(wrap(f"{self.section}.{self.paragraph} {text}"))

    def fill(self, until: int, low: int = 3, high: int = 7) -> None:
        """Paragraphs until the body has `until` lines (one at least)."""
        self.para(self.text.sentences(low, high))
        while len(self.lines) < until:
            self.para(self.text.sentences(low, high))

    def items(self, label: str, until: int, least: int) -> None:
        """'Lesson 1: ...' paragraphs, at least `least` of them."""
        number = 0
        while number < least or len(self.lines) < until:
            number += 1
            self.para(f"{label} {number}: {self.text.sentences(2, 5)}")


# Each section's share of the body's lines.
_SECTIONS = (
    ("Introduction", 0.10),
    ("Background", 0.22),
    ("Findings", 0.28),
    ("Lessons learned", 0.20),
    ("Recommendations", 0.14),
    ("Conclusion", 0.06),
)


def _write_body(body: _Body, budget: int) -> None:
    done = 0.0
    for title, share in _SECTIONS:
        done += share
        until = int(budget * done)
        body.heading(title)
        if title == "Lessons learned":
            body.items("Lesson", until, 3)
        elif title == "Recommendations":
            body.items("Recommendation", until, 3)
        else:
            body.fill(until)


def distractor(number: int, variant: str = PLAIN, seed: int = SEED) -> Distractor:
    """The distractor report `number` of a variant (the same for the same arguments)."""
    rng = random.Random(f"{seed}:{variant}:{number}")
    text = _Text(variant, rng)
    year = rng.randint(2008, 2023)
    month = rng.randint(1, 12)
    place = rng.choice(_PLACE_STARTS) + rng.choice(_PLACE_ENDS)
    board = _board(place, year)
    title = _title(rng, year)
    pages = rng.randint(*PAGES)
    cover = [
        place,
        board.removeprefix(place + " "),
        title,
        "Overview Report" if rng.random() < 0.5 else "Final Report",
        f"Published {MONTHS[month - 1]} {year}",
    ]
    body = _Body(text)
    # The body fills the pages after the cover, less a paragraph's worth of lines.
    _write_body(body, (pages - 1) * LINES_PER_PAGE - 12)
    chunks = [body.lines[i : i + LINES_PER_PAGE] for i in range(0, len(body.lines), LINES_PER_PAGE)]
    total = len(chunks) + 1
    header = f"{place} - {title}"
    texts = ["\n".join(cover)] + [
        "\n".join([header, f"Page {n} of {total}", *lines]) for n, lines in enumerate(chunks, 2)
    ]
    return Distractor(number, variant, place, board, title, year, month, tuple(texts))


def distractors(count: int, variant: str = PLAIN, seed: int = SEED) -> Iterator[Distractor]:
    for number in range(count):
        yield distractor(number, variant, seed)


# --------------------------------------------------------------------------- the index


Log = Callable[[str], None]


def _quiet(_message: str) -> None:
    pass


@dataclass
class ScaleBuild:
    """An index of the sample and distractors, and what went into it."""

    data_dir: Path
    variant: str
    sample_documents: int = 0
    distractors: int = 0
    distractor_records: int = 0
    tagged_distractor_records: int = 0
    distractor_themes: int = 0  # theme tags on distractor records, all together
    seconds: float = 0.0

    @property
    def tagged_share(self) -> float:
        """The share of distractor records tagged with at least one theme."""
        return (
            self.tagged_distractor_records / self.distractor_records
            if self.distractor_records
            else 0.0
        )


@dataclass(frozen=True)
class _Job:
    variant: str
    seed: int
    tagger: ThemeTagger
    boards: BoardTable


# What a forked worker understands distractors with (set before the pool is made).
_job: _Job | None = None


def understand_distractor(
    report: Distractor, tagger: ThemeTagger, boards: BoardTable | None = None
) -> Understood:
    """The product's understanding of a distractor's pages, as of any document's."""
    return understand(
        report.sha256,
        report.extracted(),
        report.hints(),
        tagger,
        report.source_url,
        boards=boards,
    )


def _understand_number(number: int) -> tuple[DocumentRecord, list[LessonRecord]]:
    assert _job is not None
    report = distractor(number, _job.variant, _job.seed)
    understood = understand_distractor(report, _job.tagger, _job.boards)
    return understood.document, understood.lessons


def _understood_distractors(
    count: int, variant: str, seed: int, tagger: ThemeTagger, boards: BoardTable, workers: int
) -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
    global _job
    _job = _Job(variant, seed, tagger, boards)
    if workers <= 1 or count < 50:
        yield from map(_understand_number, range(count))
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_understand_number, range(count), chunksize=8)


def _copy_sample(sample: Path, into: Path) -> DataDir:
    """The sample's catalog and store (not its index) in a data directory of its own."""
    source, target = DataDir(sample), DataDir(into)
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source.catalog, target.catalog)
    shutil.copytree(source.store, target.store, dirs_exist_ok=True)
    return target


def build_scale_index(
    sample_data_dir: Path,
    data_dir: Path,
    count: int,
    variant: str = PLAIN,
    seed: int = SEED,
    workers: int | None = None,
    log: Log = _quiet,
) -> ScaleBuild:
    """An index in `data_dir` of the harvested sample in `sample_data_dir` (its catalog and
    store) and `count` distractors of `variant`, both understood by the product."""
    import os

    clock = time.perf_counter()
    data = _copy_sample(sample_data_dir, data_dir)
    taxonomy = load_taxonomy(None)
    tagger, boards = ThemeTagger(taxonomy), load_board_table(None)
    workers = workers or os.cpu_count() or 1
    built = ScaleBuild(data_dir, variant, distractors=count)
    with Catalog(data.catalog) as catalog:
        store = BlobStore(data.store)
        current = catalog.current_blobs()
        built.sample_documents = len(current)
        outcomes: dict[str, Outcome] = {}
        with understanding(current, catalog, store, tagger, log, outcomes, boards=boards) as sample:

            def counted() -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
                stream = _understood_distractors(count, variant, seed, tagger, boards, workers)
                for done, (document, lessons) in enumerate(stream, 1):
                    built.distractor_records += len(lessons)
                    built.tagged_distractor_records += sum(1 for r in lessons if r.themes)
                    built.distractor_themes += sum(len(r.themes) for r in lessons)
                    if done % 250 == 0:
                        log(f"distractors understood: {done}/{count}")
                    yield document, lessons

            rebuild(
                data.root,
                itertools.chain(sample, counted()),
                writer_processes(len(current) + count),
            )
        failed = [sha for sha, o in outcomes.items() if o.status != "ok"]
        if failed:
            raise RuntimeError(f"{len(failed)} sample documents could not be understood again")
    built.seconds = time.perf_counter() - clock
    return built
