"""A realistic synthetic corpus of case reviews at national scale, seeded and reproducible.

The national collection holds about 2,000 published reviews. This module writes a corpus of
that shape as page texts (what extraction gives for a PDF: one string per page, with the
running header and "Page N of M" footer lines a real report has), then runs the product's
own understanding on them (``harvester.understand.understand`` through the product's
``harvester.workers.UnderstandPool``), so a benchmark measures the real pipeline from
extracted pages onwards. PDF extraction has its own benchmark.

What the corpus is made of:

- **Plan.** About 150 fictional boards (their names change from "Safeguarding Children
  Board" to "Safeguarding Children Partnership" in 2019, as in the sample corpus), cases
  named as boards name them ("Child J", "Baby R", "Family T", "Children F and G", "Harry")
  and identified by board + name + year, years 2006-2024 weighted towards the busier
  middle years, and 3-7 themes per case drawn with weights that change by year (criminal
  exploitation, online abuse, hidden men, safe sleep, self-harm rising; sexual exploitation
  peaking 2012-2017; radicalisation 2015-2019; neglect and domestic abuse steady). Each
  case has an overview report (or, now and then, a thematic review) and sometimes an
  executive summary, a learning brief or an action plan. Page counts are set so that the
  corpus holds ``reports * pages`` pages in all: overview reports are ~25% longer than the
  mean, executive summaries a quarter of it, briefs and action plans 2-5 pages.
- **Structure.** The sections of the sample corpus: cover, contents, 1. Introduction,
  2. The review process, 3. Family background, 4. Key practice episodes (dated episodes),
  5. Analysis (sub-headings), 6. Lessons learned (numbered lessons), 7. Recommendations,
  an appendix; executive summaries, learning briefs ("What happened", "What we learned",
  "What you should do", "Questions to ask yourself") and action plans (numbered rows) as in
  the sample. Numbered paragraphs ("5.3 ..."), lines wrapped at ~92 characters, ~44 lines
  a page, like the sample PDFs once extracted.
- **Words.** Sentences come from the sample corpus (``samples/sources``): a bigram model
  of its sentences that the theme tagger finds no theme in (the neutral body text), the
  sample's own sentences for each theme, and sentences built around the taxonomy's
  signal phrases; board, place and case names are substituted. The sample's vocabulary is
  small (~3,000 words), so 15% of the words of the neutral sentences are drawn from a long
  tail (general English words, then made-up names and rare words) weighted 1/(rank+1000),
  which continues the sample's own rank-frequency curve: the vocabulary keeps growing with
  the corpus as a real one does, and the whole is Zipf-like (``word_stats`` prints the
  fitted exponent, ~1 for natural English).

Everything is derived from ``seed``: the same arguments give byte-identical texts, whatever
the number of processes.

Usage::

    .venv/bin/python -m bench.corpus --reports 200 --out /tmp/corpus   # write page texts
    .venv/bin/python -m bench.corpus --reports 200 --out /tmp/corpus --understand
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import math
import random
import re
import shutil
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.common import (
    MONTHS,
    Stopwatch,
    command_line,
    cpu_count,
    fork_pool,
    ordinal,
    sample_sources,
    theme_tagger,
)
from harvester.extract import Extracted
from harvester.metadata import Hints
from harvester.tagging import ThemeTagger
from harvester.understand import Understood, understand
from harvester.workers import Outcome, Result, Task, UnderstandPool
from index.boards import BoardTable
from index.records import DocumentRecord, LessonRecord

GENERATOR_VERSION = 1
DEFAULT_SEED = 20250601
DEFAULT_REPORTS = 2000
DEFAULT_PAGES = 40

LINE_WIDTH = 86
LINES_PER_PAGE = 41
TAIL_RATE = 0.15  # share of neutral body words drawn from the long tail
TAIL_OFFSET = 1000  # the tail continues the Zipf curve of the ~1,000-word sample vocabulary
YEARS = tuple(range(2006, 2025))

# --------------------------------------------------------------------------- names


def _split(text: str) -> list[str]:
    return text.split()


_PLACE_HEADS = _split(
    "Ash Bar Bram Brook Cal Cold Dun East Elm Fen Glen Hart High Holm Kings Lang Lark Mill "
    "North Oak Pen Queens Red Rock Sal South Stan Thorn Wes Whit Wil Wold Yar Ald Bex Cran"
)
_PLACE_TAILS = _split("ford ham ley bridge marsh wick dale field mouth borough ton combe stead")
_FIRST_NAMES = _split(
    "Harry Sam Jordan Ellie Charlie Tyler Leah Kayden Mia Oscar Ruby Jayden Amber Callum Lily "
    "Reece Chloe Dylan Megan Aaron Holly Liam Jade Ethan Keira Noah Poppy Riley Isla Mason "
    "Freya Logan Evie Archie Daisy Jack Millie Finley Sophie Alfie Grace Leo Ava"
)
_SURNAMES = _split(
    "Ellery Quennell Marsden Hollis Prentice Okafor Whitcombe Laidlaw Farrant Bhatt Rowntree "
    "Castellan Drummond Achebe Pryce Lindqvist Sandford Tremayne Oduya Kettering Halloran"
)
_ROLES = (
    "Independent Social Work Consultant",
    "Independent Reviewer",
    "Independent Safeguarding Consultant",
    "Independent Lead Reviewer",
)

# --------------------------------------------------------------------------- themes by year

THEME_WEIGHTS = {  # base weight of each theme in a case
    "neglect": 6,
    "domestic-abuse": 6,
    "parental-mental-health": 4,
    "substance-misuse": 4,
    "information-sharing": 5,
    "professional-curiosity": 4,
    "voice-of-child": 4,
    "assessment": 4,
    "escalation": 3,
    "thresholds": 2.5,
    "hidden-men": 2,
    "disguised-compliance": 2,
    "non-mobile-bruising": 2,
    "physical-abuse": 3,
    "abusive-head-trauma": 1.2,
    "safe-sleep": 1.5,
    "infant-crying": 1,
    "sexual-abuse": 2,
    "sexual-exploitation": 1.5,
    "criminal-exploitation": 1.2,
    "online-abuse": 1.2,
    "emotional-abuse": 1.5,
    "toxic-trio": 0.8,
    "family-history": 2,
    "drift-delay": 2,
    "child-protection-planning": 2.5,
    "early-help": 2,
    "supervision": 2.5,
    "record-keeping": 2,
    "self-harm-suicide": 1.5,
    "disability": 1.2,
    "missing-education": 1.2,
    "missing-from-home": 1.2,
    "fabricated-illness": 0.4,
    "culture-ethnicity": 1,
    "fgm-honour": 0.4,
    "radicalisation": 0.5,
    "housing-poverty": 1.2,
    "kinship-private-fostering": 0.8,
    "looked-after": 1.5,
    "pre-birth": 1.5,
    "young-carers": 0.6,
    "workforce-leadership": 1.5,
}


def _ramp(year: int, start: int, end: int, low: float, high: float) -> float:
    if year <= start:
        return low
    if year >= end:
        return high
    return low + (high - low) * (year - start) / (end - start)


# Themes that trend: (from year, to year, factor until then, factor from then), linear between.
RAMPS = {
    "criminal-exploitation": (2014, 2021, 0.1, 3.0),
    "online-abuse": (2010, 2020, 0.2, 2.5),
    "hidden-men": (2014, 2022, 0.6, 2.2),
    "safe-sleep": (2016, 2022, 0.7, 2.0),
    "self-harm-suicide": (2014, 2022, 0.6, 2.0),
    "housing-poverty": (2016, 2023, 0.8, 1.8),
    "early-help": (2010, 2016, 0.3, 1.2),
}
# Themes that peak: (first year, last year, factor within, factor outside).
PEAKS = {
    "sexual-exploitation": (2012, 2017, 2.5, 0.8),
    "radicalisation": (2015, 2019, 3.0, 0.3),
}


def theme_weight(theme: str, year: int) -> float:
    """A theme's weight in a case of `year`: some themes trend (see the module docstring)."""
    base = THEME_WEIGHTS.get(theme, 1.0)
    if theme in RAMPS:
        return base * _ramp(year, *RAMPS[theme])
    if theme in PEAKS:
        first, last, within, outside = PEAKS[theme]
        return base * (within if first <= year <= last else outside)
    return base


YEAR_WEIGHTS = {
    y: (0.6 if y < 2010 else 1.1 if y < 2014 else 1.2 if y < 2019 else 1.0) for y in YEARS
}

# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True)
class DocPlan:
    index: int
    seed: int
    doc_type: str
    board: str
    place: str
    short: str  # "Ashford SCB"
    case: str | None
    year: int
    month: int
    day: int
    pages: int
    themes: tuple[str, ...]
    link_text: str
    context: str
    title: str
    author: str
    source_url: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def boards(count: int = 150, seed: int = DEFAULT_SEED) -> list[str]:
    """Place names of `count` fictional boards."""
    rng = random.Random(seed * 7 + 1)
    names = [h + t for h in _PLACE_HEADS for t in _PLACE_TAILS]
    rng.shuffle(names)
    return sorted(names[:count])


def _board_name(place: str, year: int) -> tuple[str, str]:
    if year >= 2019:
        return f"{place} Safeguarding Children Partnership", f"{place} SCP"
    local = "Local " if zlib.crc32(place.encode()) % 100 < 35 else ""
    return f"{place} {local}Safeguarding Children Board", f"{place} {'L' if local else ''}SCB"


def _review(year: int) -> str:
    return "Child Safeguarding Practice Review" if year >= 2019 else "Serious Case Review"


def _case_name(rng: random.Random) -> str:
    r = rng.random()
    letters = "ABCDEFGHJKLMNPRSTVWXY"
    if r < 0.55:
        return f"Child {rng.choice(letters)}"
    if r < 0.70:
        return f"Baby {rng.choice(letters)}"
    if r < 0.76:
        return (
            f"Family {rng.choice(letters)}"
            if rng.random() < 0.5
            else f"{rng.choice(letters)} Family"
        )
    if r < 0.81:
        a, b = sorted(rng.sample(letters, 2))
        return f"Children {a} and {b}"
    return rng.choice(_FIRST_NAMES)


def _context(year: int, month: int, day: int, rng: random.Random) -> str:
    m = MONTHS[month - 1]
    r = rng.random()
    if r < 0.3:
        return f"published {ordinal(day)} {m} {year}"
    if r < 0.55:
        return f"{m} {year}"
    if r < 0.7:
        return f"Published: {day} {m} {year}"
    if r < 0.85:
        return f"{day:02d}.{month:02d}.{year % 100:02d}"
    return f"{m[:3]} {year}"


def _pick_themes(year: int, rng: random.Random) -> tuple[str, ...]:
    ids = list(THEME_WEIGHTS)
    weights = [theme_weight(t, year) for t in ids]
    count = rng.randint(3, 7)
    chosen: list[str] = []
    while len(chosen) < count:
        t = rng.choices(ids, weights)[0]
        if t not in chosen:
            chosen.append(t)
    return tuple(chosen)


THEME_TITLES = {
    "criminal-exploitation": "Criminal Exploitation of Children",
    "sexual-exploitation": "Child Sexual Exploitation",
    "safe-sleep": "Sudden Unexpected Death in Infancy",
    "self-harm-suicide": "Adolescent Suicide and Self-Harm",
    "neglect": "Neglect",
    "online-abuse": "Online Harm",
    "non-mobile-bruising": "Bruising in Non-Mobile Babies",
}


def plan_corpus(reports: int, pages: int, seed: int = DEFAULT_SEED) -> list[DocPlan]:
    """The documents of the corpus, in order. Cheap: no text is generated here."""
    rng = random.Random(seed)
    places = boards(seed=seed)
    # Overview reports carry most of the pages: scale them so the mean is `pages`.
    overview_mean = max(6.0, (pages - 0.42) / 0.79)
    plans: list[DocPlan] = []
    used_cases: set[tuple[str, str, int]] = set()
    years, year_weights = list(YEAR_WEIGHTS), list(YEAR_WEIGHTS.values())

    def add(
        kind: str, place: str, case: str | None, year: int, themes: tuple[str, ...], n_pages: int
    ) -> None:
        index = len(plans)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        board, short = _board_name(place, year)
        title, link = _titles(kind, case, year, themes, rng)
        author = f"{rng.choice('ABCDEGHJKLMPRS')}. {rng.choice(_SURNAMES)}"
        plans.append(
            DocPlan(
                index=index,
                seed=rng.getrandbits(48),
                doc_type=kind,
                board=board,
                place=place,
                short=short,
                case=case,
                year=year,
                month=month,
                day=day,
                pages=n_pages,
                themes=themes,
                link_text=link,
                context=_context(year, month, day, rng),
                title=title,
                author=author,
                source_url=f"https://{_slug(place)}.example.org/documents/"
                f"{_slug(title)}-{index:05d}.pdf",
            )
        )

    while len(plans) < reports:
        place = rng.choice(places)
        year = rng.choices(years, year_weights)[0]
        themes = _pick_themes(year, rng)
        n_pages = max(8, round(rng.gauss(overview_mean, overview_mean * 0.3)))
        if rng.random() < 0.04:
            add("thematic-review", place, None, year, themes, n_pages)
            continue
        for _ in range(20):
            case = _case_name(rng)
            if (place, case, year) not in used_cases:
                break
        used_cases.add((place, case, year))
        add("overview-report", place, case, year, themes, n_pages)
        if rng.random() < 0.16 and len(plans) < reports:
            short_pages = max(4, round(overview_mean * 0.25 * rng.uniform(0.7, 1.3)))
            add("executive-summary", place, case, year, themes, short_pages)
        if rng.random() < 0.13 and len(plans) < reports:
            add("learning-brief", place, case, year, themes, rng.randint(2, 4))
        if rng.random() < 0.04 and len(plans) < reports:
            add("action-plan", place, case, year, themes, rng.randint(3, 5))
    return plans


def _titles(
    kind: str, case: str | None, year: int, themes: tuple[str, ...], rng: random.Random
) -> tuple[str, str]:
    review = _review(year)
    pseudonym = case is not None and case.split()[0] in _FIRST_NAMES
    if kind == "thematic-review":
        topic = THEME_TITLES.get(themes[0], themes[0].replace("-", " ").title())
        title = f"Thematic Review: {topic}"
        return title, title
    if kind == "overview-report":
        title = f"{review}: {case} - Overview Report"
        link = f"{case} - Overview Report" if pseudonym else f"{review} - {case} (Overview Report)"
        return title, link
    if kind == "executive-summary":
        title = f"{review}: {case} - Executive Summary"
        link = (
            f"{case} - Executive Summary" if pseudonym else f"{review} - {case} (Executive Summary)"
        )
        return title, link
    if kind == "learning-brief":
        label = rng.choice(("Professionals Leaflet", "Learning Brief", "7 Minute Briefing"))
        title = f"{case} {label}"
        return title, title
    title = f"{case} - Action Plan"
    return title, title


# --------------------------------------------------------------------------- words

_GENERAL_ENGLISH = _split(
    "approach arrangement available benefit capacity careful certain challenge change clear "
    "community complete condition consider consistent context continue contribute current "
    "decision demand describe detail develop difficult direct discussion effective effort "
    "element ensure environment evening example expect experience explain factor feature "
    "figure focus follow formal frequent general group growth guidance handle history impact "
    "improve include increase individual influence initial instance issue judgement knowledge "
    "language level likely limited local maintain manage measure method moment morning "
    "natural nature necessary normal notice number obvious occasion offer opportunity order "
    "outcome particular pattern period personal perspective phone picture position possible "
    "practical pressure previous priority process produce progress proper purpose quality "
    "question quickly rather reason recent reflect regular relevant remain require resource "
    "response result return review role routine season second sense serious shared short "
    "signal similar simple situation small source space specific stable stage standard strong "
    "structure subject suggest suitable summer support system task team tension theory "
    "thought timely together transfer trust typical understanding unusual urgent useful usual "
    "value various view weekend weekly whole winter wider window within without worry written "
    "yesterday balance battery bicycle blanket bottle bracelet breakfast bruise carpet "
    "cupboard curtain dinner doorstep garden kitchen landlord laptop mattress microwave "
    "neighbour parcel pushchair radiator sandwich shopping staircase supermarket taxi "
    "television trainers uniform wardrobe"
)
_ONSETS = _split("b br c ch d dr f fl g gr h j k l m n p pl pr r s sh st t th tr v w wh")
_VOWELS = _split("a e i o u ai ea ee ou oa y ie")
_CODAS = ["", "", "n", "r", "l", "s", "t", "m", "ck", "nd", "st", "rk", "ll", "ng", "x", "sh"]


def _tail_words(seed: int, count: int = 150_000) -> list[str]:
    """The long tail in rank order: general English first, then made-up names and words."""
    rng = random.Random(seed * 31 + 5)
    seen = set(_GENERAL_ENGLISH)
    words = list(_GENERAL_ENGLISH)
    while len(words) < count:
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.choice((2, 2, 3)))
        )
        if word not in seen and 4 <= len(word) <= 14:
            seen.add(word)
            words.append(word)
    return words


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_ENTITY_SUBS = [
    (
        re.compile(
            r"\b(?:Children F, G and H|Young People C, D and E|T Family|"
            r"(?:Child|Baby) [A-Z]|Harry)\b"
        ),
        "\u00a7C",
    ),
    (re.compile(r"\b(?:FSCB|OLSCB|OSCP|FSCP)\b"), "\u00a7B"),
    (re.compile(r"\b(?:Fenmarsh|Oakbridge|Northvale)\b"), "\u00a7P"),
]
_GROUP_HEADINGS = [
    (
        "lessons",
        re.compile(
            r"lesson|learn|finding|what we|key messages|practice points|"
            r"why it matters|questions|what you should",
            re.I,
        ),
    ),
    ("recommendations", re.compile(r"recommend|action", re.I)),
    ("episodes", re.compile(r"episode|what happened|practice|chronolog|summary of the", re.I)),
    ("background", re.compile(r"background|family|about the|the child", re.I)),
    ("process", re.compile(r"process|method|terms of reference|review|involvement", re.I)),
    ("intro", re.compile(r"introduc|purpose", re.I)),
    ("analysis", re.compile(r"analysis|.", re.I)),
]


def _sample_sentences() -> list[tuple[str, str]]:
    """(section group, sentence) for every sentence of the sample corpus, names replaced."""
    out: list[tuple[str, str]] = []
    for body in sample_sources():
        group = "intro"
        for para in re.split(r"\n\s*\n", body):
            para = " ".join(line.strip() for line in para.splitlines())
            if para.startswith("#"):
                heading = para.lstrip("# ")
                group = next(g for g, rx in _GROUP_HEADINGS if rx.search(heading))
                continue
            if not para or para.startswith(("[[", "|")):
                continue
            para = re.sub(r"^(?:\d+\.\d+|-|>)\s*", "", para).replace("**", "")
            for pattern, repl in _ENTITY_SUBS:
                para = pattern.sub(repl, para)
            out.extend((group, s) for s in _SENTENCE_SPLIT.split(para) if len(s) > 25)
    return out


def _plain_signal(signal: str) -> str | None:
    """A signal phrase as it would be written in a report ("bruis*" -> "bruising")."""
    words = signal.split()
    if any(w == "*" for w in words):
        return None
    fixed = []
    for w in words:
        if w.endswith("*"):
            stem = w[:-1]
            w = stem + ("ing" if not stem.endswith(("e", "ing")) else "") if len(stem) > 3 else stem
        fixed.append(w)
    return " ".join(fixed)


_THEME_TEMPLATES = (
    "Professionals did not recognise the significance of {s} for \u00a7C.",
    "The review found that {s} was not considered in the assessment.",
    "Practitioners should be alert to {s} and discuss it in supervision.",
    "There was evidence of {s}, but it was not shared with other agencies.",
    "Concerns about {s} were recorded by the school but were not acted on.",
    "Agencies need to understand how {s} affects the daily life of a child.",
    "The panel heard that {s} had been raised at the core group meeting.",
    "In hindsight, {s} should have prompted a referral to children's social care.",
    "Staff told the review that {s} was common in the area and had come to seem normal.",
)
_LESSON_OPENERS = (
    "Professionals need to",
    "Practitioners should",
    "Agencies must",
    "Managers should ensure that staff",
    "All agencies need to",
)
_RECOMMENDATION_OPENERS = (
    "The Board should seek assurance that",
    "The Partnership should ensure that",
    "Children's social care should review how",
    "The Board should ask every agency to confirm that",
    "Health commissioners should make sure that",
)


class TextModel:
    """Sentences in the style of the sample corpus; built once per process."""

    def __init__(self, seed: int = DEFAULT_SEED) -> None:
        tagger = theme_tagger()
        self.theme_sentences: dict[str, list[str]] = defaultdict(list)
        neutral: list[str] = []
        by_group: dict[str, list[str]] = defaultdict(list)
        for group, sentence in _sample_sentences():
            tags = tagger.theme_ids(sentence)
            by_group[group].append(sentence)
            if not tags:
                neutral.append(sentence)
            for t in tags[:2]:
                self.theme_sentences[t].append(sentence)
        self.signals: dict[str, list[str]] = {}
        for theme in tagger.taxonomy.themes:
            plain = [p for p in (_plain_signal(s) for s in theme.signals) if p and len(p) > 3]
            self.signals[theme.id] = plain[:12]
        # A bigram model of the neutral sentences, sampled into a fixed pool.
        successors: dict[str, list[str]] = defaultdict(list)
        for sentence in neutral:
            tokens = ["<s>", *sentence.split(), "</s>"]
            for a, b in itertools.pairwise(tokens):
                successors[a].append(b)
        rng = random.Random(seed * 13 + 7)
        pool: list[str] = []
        while len(pool) < 8000:
            tokens, current = [], "<s>"
            while len(tokens) < 45:
                current = rng.choice(successors[current])
                if current == "</s>":
                    break
                tokens.append(current)
            if len(tokens) >= 6 and tokens[-1][-1] in ".?!":
                pool.append(" ".join(tokens))
        self.neutral = pool + neutral
        self.group_sentences = {
            g: [s for s in ss if not tagger.theme_ids(s)] or ss for g, ss in by_group.items()
        }
        self.tail = _tail_words(seed)
        self.tail_cum = list(
            itertools.accumulate(1.0 / (r + TAIL_OFFSET) for r in range(len(self.tail)))
        )

    # -- sentences

    def _inject(self, sentence: str, rng: random.Random) -> str:
        tokens = sentence.split()
        n = int(len(tokens) * TAIL_RATE + rng.random())
        if not n:
            return sentence
        total = self.tail_cum[-1]
        for _ in range(n):
            for _try in range(4):  # a lowercase word of 4+ letters, not the first
                i = rng.randrange(1, len(tokens)) if len(tokens) > 1 else 0
                core = tokens[i].rstrip(".,;:?!)")
                if core.isalpha() and core.islower() and len(core) >= 4:
                    word = self.tail[bisect.bisect_left(self.tail_cum, rng.random() * total)]
                    tokens[i] = word + tokens[i][len(core) :]
                    break
        return " ".join(tokens)

    def neutral_sentence(self, group: str, rng: random.Random) -> str:
        if rng.random() < 0.25:
            pool = self.group_sentences.get(group) or self.neutral
        else:
            pool = self.neutral
        return self._inject(rng.choice(pool), rng)

    def theme_sentence(self, theme: str, rng: random.Random) -> str:
        own = self.theme_sentences.get(theme)
        signals = self.signals.get(theme)
        # Not injected: the long tail must not break the signal phrases.
        if own and (not signals or rng.random() < 0.5):
            return rng.choice(own)
        if not signals:
            return self.neutral_sentence("analysis", rng)
        return rng.choice(_THEME_TEMPLATES).format(s=rng.choice(signals))

    def signal(self, theme: str, rng: random.Random) -> str:
        signals = self.signals.get(theme) or [theme.replace("-", " ")]
        return rng.choice(signals)


_MODEL: TextModel | None = None
_MODEL_SEED: int | None = None


def text_model(seed: int = DEFAULT_SEED) -> TextModel:
    global _MODEL, _MODEL_SEED
    if _MODEL is None or seed != _MODEL_SEED:
        _MODEL, _MODEL_SEED = TextModel(seed), seed
    return _MODEL


# --------------------------------------------------------------------------- pages


def _wrap(text: str, first_prefix: str = "", width: int = LINE_WIDTH) -> list[str]:
    lines: list[str] = []
    line = first_prefix.rstrip()
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


class _Writer:
    """Paragraphs and headings -> wrapped lines, with the section numbering of a report."""

    def __init__(self, plan: DocPlan, model: TextModel, rng: random.Random) -> None:
        self.plan, self.model, self.rng = plan, model, rng
        self.lines: list[str] = []
        self.headings: list[tuple[str, int]] = []  # (heading, line index) for the contents
        self.section = 0
        self.paragraph = 0

    def fill(self, text: str) -> str:
        p = self.plan
        case = p.case or "the young people"
        return text.replace("\u00a7C", case).replace("\u00a7B", p.short).replace("\u00a7P", p.place)

    def heading(self, title: str, numbered: bool = True) -> None:
        if numbered:
            self.section += 1
            self.paragraph = 0
            title = f"{self.section}. {title}"
        self.headings.append((title, len(self.lines)))
        self.lines.append(title)

    def subheading(self, title: str) -> None:
        self.lines.append(title)

    def para(self, text: str, numbered: bool = True, bullet: bool = False) -> None:
        text = self.fill(text)
        if bullet:
            self.lines.extend(_wrap(text, "\u2022 "))
        elif numbered and self.section:
            self.paragraph += 1
            self.lines.extend(_wrap(text, f"{self.section}.{self.paragraph} "))
        else:
            self.lines.extend(_wrap(text))

    def sentences(self, group: str, count: int, theme_share: float) -> str:
        rng, model, themes = self.rng, self.model, self.plan.themes
        out = []
        for _ in range(count):
            if themes and rng.random() < theme_share:
                # Now and then a theme the case is not about: real reports mention many.
                theme = (
                    rng.choice(themes) if rng.random() < 0.9 else rng.choice(list(THEME_WEIGHTS))
                )
                out.append(model.theme_sentence(theme, rng))
            else:
                out.append(model.neutral_sentence(group, rng))
        return " ".join(out)

    def date(self) -> str:
        rng, year = self.rng, self.plan.year - self.rng.choice((1, 1, 2, 2, 3))
        month = MONTHS[rng.randrange(12)]
        day = rng.randint(1, 28)
        return rng.choice(
            (
                f"On {ordinal(day)} {month} {year}, ",
                f"In {month} {year} ",
                f"On {day:02d}/{rng.randint(1, 12):02d}/{year} ",
            )
        )


def _lower_first(sentence: str) -> str:
    head = sentence.split(" ", 1)[0]
    if head in ("The", "A", "An", "She", "He", "They", "This", "There", "It", "In", "At"):
        return sentence[0].lower() + sentence[1:]
    return sentence


def _overview_sections(rng: random.Random) -> list[tuple[str, str, float, float]]:
    """(title, sentence group, share of the body's lines, share of theme sentences) of each
    section of an overview report."""
    lessons_title = rng.choice(
        ("Lessons learned", "Lessons identified", "Key learning", "Findings", "Learning")
    )
    background = rng.choice(("Family background", "Background", "Summary of the case"))
    process = rng.choice(
        ("The review process", "Methodology", "Terms of reference and methodology")
    )
    return [
        ("Introduction", "intro", 0.05, 0.1),
        (process, "process", 0.07, 0.0),
        (background, "background", 0.10, 0.25),
        ("Key practice episodes", "episodes", 0.30, 0.3),
        ("Analysis", "analysis", 0.31, 0.45),
        (lessons_title, "lessons", 0.06, 0.7),
        ("Recommendations", "recommendations", 0.04, 0.6),
        ("Conclusion", "analysis", 0.04, 0.2),
    ]


def _commissioned(w: _Writer, theme_share: float) -> str:
    """The introduction's first paragraph: who commissioned the review, and why."""
    rng, plan = w.rng, w.plan
    event = rng.choice(("the death of", "serious injuries to", "significant harm to"))
    return (
        f"This {_review(plan.year)} was commissioned by the {plan.board} following {event} "
        f"\u00a7C. " + w.sentences("intro", rng.randint(2, 4), theme_share)
    )


def _numbered_item(w: _Writer, group: str, number: int, theme_share: float) -> str:
    """Lesson or recommendation `number`, about one of the case's themes."""
    rng, model = w.rng, w.model
    theme = rng.choice(w.plan.themes)
    if group == "lessons":
        return (
            f"Lesson {number}: {rng.choice(_LESSON_OPENERS)} recognise "
            f"{model.signal(theme, rng)}. {model.theme_sentence(theme, rng)} "
            + w.sentences(group, rng.randint(1, 3), theme_share)
        )
    return (
        f"Recommendation {number}: {rng.choice(_RECOMMENDATION_OPENERS)} "
        f"practitioners respond to {model.signal(theme, rng)}. "
        + w.sentences(group, rng.randint(1, 2), theme_share)
    )


def _fill_section(w: _Writer, group: str, theme_share: float, end: int) -> None:
    """Paragraphs until the lines reach `end`: episodes and analysis now and then under a
    sub-heading, lessons and recommendations numbered."""
    rng, plan = w.rng, w.plan
    episode = 0
    item = 0
    while len(w.lines) < end:
        if group == "episodes" and rng.random() < 0.18:
            episode += 1
            w.subheading(
                f"Episode {episode}: {w.model.signal(rng.choice(plan.themes), rng)}"
                f" ({MONTHS[rng.randrange(12)]} {plan.year - 2})"
            )
        if group == "analysis" and rng.random() < 0.12:
            label = w.model.signal(rng.choice(plan.themes), rng)
            w.subheading(label[0].upper() + label[1:])
        if group in ("lessons", "recommendations"):
            item += 1
            w.para(_numbered_item(w, group, item, theme_share))
            continue
        text = w.sentences(group, rng.randint(3, 7), theme_share)
        if group == "episodes" and rng.random() < 0.5:
            text = w.date() + _lower_first(text)
        w.para(text)


def _overview_body(w: _Writer, budget: int) -> None:
    """Sections of an overview report, each filling its share of `budget` lines."""
    for title, group, share, theme_share in _overview_sections(w.rng):
        w.heading(title)
        end = len(w.lines) + max(3, int(budget * share) - 3)
        if group == "intro":
            w.para(_commissioned(w, theme_share))
        _fill_section(w, group, theme_share, end)
    w.heading("Appendix A: Glossary", numbered=False)
    for abbr, meaning in w.rng.sample(_GLOSSARY, 5):
        w.para(f"{abbr} - {meaning}", bullet=True)


_GLOSSARY = [
    ("MASH", "Multi-Agency Safeguarding Hub"),
    ("DASH", "Domestic Abuse, Stalking and Harassment risk identification checklist"),
    ("ICPC", "Initial Child Protection Conference"),
    ("CSE", "child sexual exploitation"),
    ("CCE", "child criminal exploitation"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("NAI", "non-accidental injury"),
    ("SUDI", "sudden unexpected death in infancy"),
    ("GP", "general practitioner"),
    ("A&E", "Accident and Emergency"),
    ("CAMHS", "Child and Adolescent Mental Health Services"),
    ("EHE", "elective home education"),
    ("IMR", "Individual Management Review"),
]


def _summary_body(w: _Writer, budget: int) -> None:
    rng = w.rng
    for title, group, share, theme_share in (
        ("Introduction", "intro", 0.15, 0.1),
        ("Summary of the case", "background", 0.35, 0.3),
        ("Key findings", "lessons", 0.3, 0.7),
        ("Recommendations", "recommendations", 0.2, 0.6),
    ):
        w.heading(title)
        end = len(w.lines) + max(3, int(budget * share))
        while len(w.lines) < end:
            w.para(w.sentences(group, rng.randint(2, 6), theme_share))


def _brief_body(w: _Writer, budget: int) -> None:
    rng, plan = w.rng, w.plan
    w.lines.extend(
        [
            f"{plan.short} - {plan.title}",
            f"Highlighting lessons from {plan.case} ({MONTHS[plan.month - 1]} {plan.year})",
        ]
    )
    for title, group, share, theme_share, bullets in (
        ("What happened", "episodes", 0.3, 0.3, False),
        ("What we learned", "lessons", 0.3, 0.8, True),
        ("What you should do", "lessons", 0.25, 0.7, True),
        ("Questions to ask yourself", "lessons", 0.15, 0.6, True),
    ):
        w.heading(title, numbered=False)
        end = len(w.lines) + max(3, int(budget * share))
        while len(w.lines) < end:
            w.para(
                w.sentences(
                    group, rng.randint(1, 3) if bullets else rng.randint(3, 5), theme_share
                ),
                numbered=False,
                bullet=bullets,
            )


def _action_plan_body(w: _Writer, budget: int) -> None:
    rng, plan = w.rng, w.plan
    w.heading("Purpose of this plan", numbered=False)
    w.para(
        f"This plan sets out the actions agreed by the {plan.board} in response to the "
        f"recommendations of the review into \u00a7C.",
        numbered=False,
    )
    w.heading("Actions", numbered=False)
    row = 0
    while len(w.lines) < budget:
        row += 1
        theme = rng.choice(plan.themes)
        status = rng.choice(("Complete", "Green", "Amber", "Red"))
        text = (
            f"{row} {rng.choice(_RECOMMENDATION_OPENERS)} practitioners respond to "
            f"{w.model.signal(theme, rng)}. {w.model.theme_sentence(theme, rng)} "
            f"{MONTHS[rng.randrange(12)]} {plan.year} {status}"
        )
        w.lines.extend(_wrap(w.fill(text)))


_SUBTITLES = {
    "overview-report": "Overview Report",
    "executive-summary": "Executive Summary",
    "action-plan": "Action Plan",
    "thematic-review": "Thematic Review",
}
_BODIES = {
    "overview-report": _overview_body,
    "thematic-review": _overview_body,
    "executive-summary": _summary_body,
    "learning-brief": _brief_body,
}


def _cover(plan: DocPlan, rng: random.Random) -> list[str]:
    """The cover page's lines; none for a learning brief."""
    if plan.doc_type not in _SUBTITLES:
        return []
    cover = [
        plan.place,
        plan.board.removeprefix(plan.place + " "),
        "OFFICIAL",
        _review(plan.year) if plan.doc_type != "thematic-review" else plan.title,
        plan.case or "",
        _SUBTITLES[plan.doc_type],
        f"Independent author: {plan.author}, {rng.choice(_ROLES)}",
        f"Final version, {MONTHS[(plan.month + 9) % 12]} {plan.year}. Date of publication: "
        f"{ordinal(plan.day)} {MONTHS[plan.month - 1]} {plan.year}",
        "This report has been anonymised. The names of family members have been replaced",
        f"by letters or by their relationship to {plan.case or 'the children'}.",
    ]
    return [c for c in cover if c]


def _paginate(plan: DocPlan, w: _Writer, cover: list[str], with_contents: bool) -> list[str]:
    """The cover, the contents and the body's lines as pages, each body page under the
    running header and "Page N of M"."""
    body = [w.lines[i : i + LINES_PER_PAGE] for i in range(0, len(w.lines), LINES_PER_PAGE)]
    first_body = (1 if cover else 0) + (1 if with_contents else 0) + 1
    total = len(body) + first_body - 1
    pages: list[str] = []
    if cover:
        pages.append("\n".join(cover))
    header = f"{plan.short} - {plan.title} - OFFICIAL"
    if with_contents:
        contents = ["Contents Page"] + [
            f"{h} {first_body + idx // LINES_PER_PAGE}" for h, idx in w.headings
        ]
        pages.append("\n".join([header, f"Page {len(pages) + 1} of {total}", *contents]))
    for lines in body:
        number = len(pages) + 1
        pages.append("\n".join([header, f"Page {number} of {total}", *lines]))
    return pages


def render(plan: DocPlan, model: TextModel | None = None) -> list[str]:
    """The page texts of one document, as extraction would give them."""
    rng = random.Random(plan.seed)
    w = _Writer(plan, model or text_model(), rng)
    cover = _cover(plan, rng)
    with_contents = plan.doc_type in ("overview-report", "thematic-review") and plan.pages >= 8
    body_pages = plan.pages - (1 if cover else 0) - (1 if with_contents else 0)
    budget = max(LINES_PER_PAGE // 2, body_pages * LINES_PER_PAGE - 2)
    _BODIES.get(plan.doc_type, _action_plan_body)(w, budget)
    return _paginate(plan, w, cover, with_contents)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class CorpusInfo:
    path: Path
    reports: int
    pages_arg: int
    seed: int
    pages: int
    chars: int
    words: int
    seconds: float

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def _text_path(out: Path, index: int) -> Path:
    return out / "texts" / f"{index // 1000:03d}" / f"{index:05d}.txt"


def _render_to_file(args: tuple[DocPlan, str, int]) -> tuple[int, str, int, int, int]:
    plan, out, seed = args
    pages = render(plan, text_model(seed))
    data = "\f".join(pages).encode("utf-8")
    path = _text_path(Path(out), plan.index)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    words = sum(len(p.split()) for p in pages)
    return plan.index, hashlib.sha256(data).hexdigest(), len(pages), len(data), words


def write_corpus(
    out: Path,
    reports: int = DEFAULT_REPORTS,
    pages: int = DEFAULT_PAGES,
    seed: int = DEFAULT_SEED,
    processes: int | None = None,
) -> CorpusInfo:
    """Write the page texts (pages separated by form feeds) and `corpus.json`."""
    clock = Stopwatch()
    out.mkdir(parents=True, exist_ok=True)
    plans = plan_corpus(reports, pages, seed)
    docs: list[dict[str, object]] = []
    totals = Counter()
    args = [(p, str(out), seed) for p in plans]
    with fork_pool(processes or cpu_count()) as pool:
        for index, sha, n_pages, n_chars, n_words in pool.imap(_render_to_file, args, 8):
            plan = plans[index]
            docs.append({**asdict(plan), "sha256": sha, "page_count": n_pages})
            totals.update(pages=n_pages, chars=n_chars, words=n_words)
    info = CorpusInfo(
        out,
        reports,
        pages,
        seed,
        totals["pages"],
        totals["chars"],
        totals["words"],
        clock.seconds(),
    )
    manifest = {"generator_version": GENERATOR_VERSION, "info": info.to_json(), "documents": docs}
    (out / "corpus.json").write_text(json.dumps(manifest), encoding="utf-8")
    return info


def load_corpus(out: Path) -> tuple[CorpusInfo, list[dict[str, object]]]:
    manifest = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    if manifest.get("generator_version") != GENERATOR_VERSION:
        raise ValueError(f"{out} was written by another version of the generator")
    raw = manifest["info"]
    info = CorpusInfo(**{**raw, "path": Path(raw["path"])})
    return info, manifest["documents"]


def prepare_corpus(
    out: Path, reports: int, pages: int, seed: int, log: Callable[[str], None]
) -> tuple[CorpusInfo, list[dict[str, object]]]:
    """The corpus in `out`: the one there when written with the same arguments, else a new
    one written in its place."""
    try:
        info, docs = load_corpus(out)
        if (info.reports, info.pages_arg, info.seed) != (reports, pages, seed):
            raise ValueError("another corpus")
        log(f"reusing the generated corpus in {out}")
    except (OSError, ValueError):
        shutil.rmtree(out, ignore_errors=True)
        log(f"generating {reports} reports of ~{pages} pages into {out} ...")
        write_corpus(out, reports, pages, seed)
        info, docs = load_corpus(out)
    return info, docs


# --------------------------------------------------------------------------- understanding


def understand_text(task: Task, tagger: ThemeTagger, boards: BoardTable | None = None) -> Result:
    """The product's understanding of one document's page texts (a UnderstandPool `work`)."""
    try:
        pages = task.path.read_text(encoding="utf-8").split("\f")
        title = task.hints.heading  # the generator passes the file's title here
        extracted = Extracted(
            kind="pdf",
            status="ok",
            pages=pages,
            title=title,
            metadata={"Title": title or "", "Creator": "bench.corpus"},
        )
        hints = Hints(
            task.hints.link_text, None, task.hints.context, task.hints.url, task.hints.board
        )
        result = understand(
            task.sha, extracted, hints, tagger, task.source_url, task.online, boards=boards
        )
    except Exception as exc:  # as the product's worker does: one bad document is an outcome
        return task.sha, None, Outcome("error", f"{type(exc).__name__}: {exc}"[:300])
    return task.sha, result, Outcome("ok", None, result.document.pages, len(result.lessons))


def tasks(out: Path, documents: list[dict[str, object]]) -> Iterator[Task]:
    for doc in documents:
        hints = Hints(
            link_text=str(doc["link_text"]),
            heading=str(doc["title"]),
            context=str(doc["context"]),
            url=str(doc["source_url"]),
            board=str(doc["board"]),
        )
        yield Task(
            str(doc["sha256"]),
            _text_path(out, int(doc["index"])),
            hints,
            str(doc["source_url"]),
            True,
        )


@dataclass
class UnderstandStats:
    documents: int = 0
    records: int = 0
    failed: int = 0
    wait_seconds: float = 0.0  # time the consumer spent waiting for understanding results
    first_failure: str | None = None


def iter_understood(
    out: Path,
    documents: list[dict[str, object]],
    workers: int | None = None,
    stats: UnderstandStats | None = None,
) -> Iterator[tuple[DocumentRecord, list[LessonRecord]]]:
    """(document, lessons) for each document, understood in the product's worker pool."""
    stats = stats if stats is not None else UnderstandStats()
    with UnderstandPool(workers=workers or cpu_count(), work=understand_text) as pool:
        results = pool.run(tasks(out, documents))
        while True:
            clock = Stopwatch()
            item = next(results, None)
            stats.wait_seconds += clock.seconds()
            if item is None:
                return
            _sha, understood, outcome = item
            if understood is None:
                stats.failed += 1
                stats.first_failure = stats.first_failure or f"{outcome.status}: {outcome.reason}"
                continue
            stats.documents += 1
            stats.records += len(understood.lessons)
            yield understood.document, understood.lessons


def understand_one(out: Path, doc: dict[str, object]) -> Understood:
    task = next(tasks(out, [doc]))
    _sha, understood, outcome = understand_text(task, theme_tagger())
    if understood is None:
        raise RuntimeError(f"{outcome.status}: {outcome.reason}")
    return understood


# --------------------------------------------------------------------------- statistics


def zipf_exponent(counts: Counter[str], first: int = 10, last: int = 1000) -> float:
    """Minus the least-squares slope of log(frequency) on log(rank), ranks first..last."""
    freqs = sorted(counts.values(), reverse=True)[first - 1 : last]
    if len(freqs) < 10:
        return float("nan")
    xs = [math.log(r) for r in range(first, first + len(freqs))]
    ys = [math.log(f) for f in freqs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return -slope


def word_stats(
    out: Path, documents: list[dict[str, object]], sample: int = 200
) -> dict[str, object]:
    """Vocabulary figures over a sample of the documents."""
    counts: Counter[str] = Counter()
    step = max(1, len(documents) // sample)
    for doc in documents[::step]:
        text = _text_path(out, int(doc["index"])).read_text(encoding="utf-8")
        counts.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text))
    return {
        "sampled_documents": len(documents[::step]),
        "tokens": sum(counts.values()),
        "distinct_words": len(counts),
        "zipf_exponent_ranks_10_1000": round(zipf_exponent(counts, 10, 1000), 2),
        "zipf_exponent_ranks_1000_10000": round(zipf_exponent(counts, 1000, 10000), 2),
        "top_words": [w for w, _ in counts.most_common(12)],
    }


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """--reports, --pages and --seed: the corpus to write."""
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--pages", type=int, default=DEFAULT_PAGES)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)


def _print_understood(out: Path, docs: list[dict[str, object]]) -> None:
    stats = UnderstandStats()
    kinds: Counter[str] = Counter()
    clock = Stopwatch()
    for _doc, lessons in iter_understood(out, docs, stats=stats):
        kinds.update(lesson.kind for lesson in lessons)
    print(
        f"understood {stats.documents} documents -> {stats.records} records "
        f"{dict(kinds)} in {clock.seconds():.1f} s; failed {stats.failed}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = command_line(__doc__)
    add_corpus_arguments(parser)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--understand",
        action="store_true",
        help="also run the product's understanding and print record counts",
    )
    args = parser.parse_args(argv)
    info = write_corpus(args.out, args.reports, args.pages, args.seed)
    print(json.dumps(info.to_json(), indent=1))
    _info, docs = load_corpus(args.out)
    print(json.dumps(word_stats(args.out, docs), indent=1))
    if args.understand:
        _print_understood(args.out, docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
