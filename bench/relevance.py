"""Relevance at scale: the judged sample queries over the sample site plus N generated
distractor reports.

The sample board website is harvested over loopback as `scr demo` does; then, for each N
and variant, its stored documents and N distractor reports of ``tests/distractors.py``
(review-shaped reports whose running text is English words drawn at their natural
frequency: *plain*; *flavoured* mixes in safeguarding words one at a time, at a review's
rates) are understood by the product (metadata, sections, lessons, theme tags) and written
into one index by ``index.writer.rebuild``. Over the sample alone and over each build it
measures:

- mean nDCG@10 and MRR of ``samples/judgments.toml`` (``index.evaluation.evaluate``), and
  each query's nDCG@10;
- candidate recall: for each judged query with words, the share of the exhaustive
  record-level top 10 (every matching record of the whole index scored, collapsed as the
  product collapses: ``bench.search_speed.exhaustive_top``) whose documents are among the
  search's candidate documents (``LessonSearcher.candidates``: the best documents of the
  document step and those holding the best records of the query's selective words);
- the share of distractor records the tagger gives a theme;
- for the queries that drop most, the results among their first 10 from documents not
  judged for the query: the record's kind and section, which of the query's words it
  holds and how far apart, and which words or theme tags of the query's expansion it
  matched.

Usage::

    .venv/bin/python -m bench.relevance                           # 1,000 and 2,000, both variants
    .venv/bin/python -m bench.relevance --distractors 1000 --variant plain
    .venv/bin/python -m bench.relevance --no-docs                 # print only

Results are printed and written to docs/benchmarks.md ("Relevance at scale"; the whole
section is replaced).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.common import (
    Stopwatch,
    command_line,
    cpu_count,
    load_average,
    publish,
    python_build,
    shown_arguments,
    system,
    table_head,
    table_row,
    work_folder,
)
from index import LessonSearcher
from index.evaluation import Evaluation, Judged, QueryScore, evaluate, load_judgments
from index.evaluation import _label as label  # the query as typed, with its filters
from scr.samplesite import SAMPLES_DIR
from scr.services import Services

SECTION = "## Relevance at scale"
JUDGMENTS = SAMPLES_DIR / "judgments.toml"
DEFAULT_DISTRACTORS = (1000, 2000)
WORST = 3  # queries described, per variant
SHOWN = 5  # results from unjudged documents described, per query
TEST_FLOOR = 0.03  # tests/test_scale.py: the most mean nDCG@10 may drop with 200 distractors


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- measures


def _owner(lesson_id: str) -> str:
    return lesson_id.rsplit("-", 1)[0]


@dataclass(frozen=True)
class Recall:
    """Of one query's exhaustive top 10: how many records, how many of the sample's (not
    a distractor's), and of each how many the two-step search's candidates hold."""

    records: int
    reached: int
    sample: int
    sample_reached: int
    exact_reached: int = 0  # with exact ranking on (index/maxscore.py)

    @property
    def share(self) -> float:
        return self.reached / self.records

    @property
    def exact_share(self) -> float:
        return self.exact_reached / self.records


def candidate_recall(
    ls: LessonSearcher, judged: Judged, exact: LessonSearcher | None = None
) -> Recall | None:
    """How much of the exhaustive record-level top 10 has its documents among the
    candidates of the two-step search, and (`exact`: a searcher with exact ranking on)
    among those of exact ranking (None for a query without words, or that nothing
    matches)."""
    from bench.search_speed import exhaustive_top

    sq = dataclasses.replace(judged.query, page=1, per_page=10)
    if not sq.q.strip():
        return None
    corrected = ls.search(sq).corrected_query
    if corrected:  # the search ranked the correction: so does the exhaustive ranking
        sq = dataclasses.replace(sq, q=corrected)
    exhaustive, _matched = exhaustive_top(ls, sq)
    if not exhaustive:
        return None
    candidates = set(ls.candidates(sq))
    exact_candidates = set(exact.candidates(sq)) if exact is not None else set()
    owners = [_owner(lesson_id) for lesson_id in exhaustive]
    sample = [o for o in owners if not _is_distractor(ls, o)]
    return Recall(
        len(owners),
        sum(o in candidates for o in owners),
        len(sample),
        sum(o in candidates for o in sample),
        sum(o in exact_candidates for o in owners),
    )


def _is_distractor(ls: LessonSearcher, doc_id: str) -> bool:
    from tests.distractors import HOST

    info = ls.documents.document(doc_id)
    return info is not None and info.source_url.startswith(HOST)


def _window(tokens: list[str], words: list[str]) -> int:
    """The fewest consecutive tokens holding every one of `words` (all present)."""
    wanted, best, have, start = set(words), len(tokens), {}, 0
    for end, token in enumerate(tokens):
        if token in wanted:
            have[token] = have.get(token, 0) + 1
        while len(have) == len(wanted):
            best = min(best, end - start + 1)
            first = tokens[start]
            if first in have:
                have[first] -= 1
                if not have[first]:
                    del have[first]
            start += 1
    return best


def how_it_matched(ls: LessonSearcher, q: str, text: str, themes: tuple[str, ...]) -> str:
    """Which of the query's words a record holds and how far apart, or which theme word
    or theme tag of the query's expansion it matched instead."""
    analyse = ls.whoosh().schema["text"].analyzer
    typed = list(dict.fromkeys(t.text for t in analyse(q)))
    tokens = [t.text for t in analyse(text)]
    present = set(tokens)
    found = [w for w in typed if w in present]
    expansion = sorted((ls.text_words(ls.parse(q)) & present) - set(typed))
    expanded = ls.expanded(q)
    tagged = [t for t in themes if f"themes:{t}" in expanded]
    parts = []
    if found:
        counts = ", ".join(f"{w} x{tokens.count(w)}" for w in found)
        parts.append(f"{len(found)} of {len(typed)} words ({counts})")
        if len(found) > 1:
            span = _window(tokens, found)
            parts.append(f"within {span} words" if span > len(found) else "together")
    elif typed:
        parts.append(f"none of the {len(typed)} words")
    if expansion:
        parts.append(f"expansion words {', '.join(expansion[:4])}")
    if tagged:
        parts.append(f"theme tag {', '.join(tagged)}")
    return "; ".join(parts)


@dataclass
class Intruder:
    """A result among a query's first 10 from a document not judged for the query."""

    rank: int  # among the results shown
    distractor: bool
    title: str
    kind: str
    section: str
    matched: str


def intruders(ls: LessonSearcher, score: QueryScore) -> list[Intruder]:
    """The first results of the query's top 10 (at most SHOWN) from unjudged documents."""
    from index.evaluation import document_path
    from tests.distractors import HOST

    response = ls.search(score.judged.query)
    q = response.corrected_query or score.judged.query.q
    out: list[Intruder] = []
    for rank, hit in enumerate(response.results[:10], 1):
        path = document_path(hit.source_url)
        if any(path.endswith(name) for name in score.judged.relevant):
            continue
        stored = ls.whoosh().document(lesson_id=hit.lesson_id) or {}
        out.append(
            Intruder(
                rank,
                hit.source_url.startswith(HOST),
                hit.title or "",
                hit.kind,
                hit.section or "",
                how_it_matched(ls, q, stored.get("text", ""), tuple(hit.themes)),
            )
        )
        if len(out) == SHOWN:
            break
    return out


@dataclass
class Measured:
    """One index: the sample alone (`count` 0) or with `count` distractors of `variant`."""

    name: str
    variant: str
    count: int
    documents: int
    records: int
    evaluation: Evaluation
    recall: dict[str, Recall]  # query label -> candidate recall
    # the judged queries with the two-step search alone (`[search] exact_ranking = false`)
    two_step_evaluation: Evaluation | None = None
    build_s: float = 0.0
    eval_s: float = 0.0
    recall_s: float = 0.0
    distractor_records: int = 0
    tagged_records: int = 0
    worst: list[tuple[QueryScore, QueryScore, list[Intruder]]] = field(default_factory=list)

    @property
    def tagged_share(self) -> float:
        return self.tagged_records / self.distractor_records if self.distractor_records else 0.0


def measure(
    data_dir: Path, name: str, variant: str = "", count: int = 0, build_s: float = 0.0
) -> Measured:
    judgments = load_judgments(JUDGMENTS)
    services = Services.for_data_dir(data_dir)
    with (
        LessonSearcher(
            data_dir, services.taxonomy.label, services.expander, exact_ranking=True
        ) as exact,
        LessonSearcher(
            data_dir, services.taxonomy.label, services.expander, exact_ranking=False
        ) as two_step,
    ):
        clock = Stopwatch()
        evaluation = evaluate(exact, judgments)
        two_step_evaluation = evaluate(two_step, judgments)
        eval_s = clock.seconds()
        clock = Stopwatch()
        recall = {}
        for judged in judgments:
            found = candidate_recall(two_step, judged, exact)
            if found is not None:
                recall[label(judged.query)] = found
        measured = Measured(
            name,
            variant,
            count,
            len(exact.documents.documents),
            exact.whoosh().doc_count(),
            evaluation,
            recall,
            two_step_evaluation,
            build_s,
            eval_s,
            clock.seconds(),
        )
    log(
        f"{name}: nDCG@10 {evaluation.ndcg:.3f}, MRR {evaluation.mrr:.3f}, candidate recall "
        f"{_exact_cell(measured)}; two-step alone {_recall_cell(measured)}, of the sample's "
        f"records {_sample_recall_cell(measured)}; "
        f"evaluation {eval_s:.0f} s, candidate recall {measured.recall_s:.0f} s"
    )
    return measured


def describe_worst(data_dir: Path, alone: Measured, measured: Measured) -> None:
    """The queries that drop most, with the unjudged results among their first 10."""
    pairs = sorted(
        zip(alone.evaluation.scores, measured.evaluation.scores, strict=True),
        key=lambda p: p[1].ndcg - p[0].ndcg,
    )
    with Services.for_data_dir(data_dir).open_searcher() as ls:
        for before, after in pairs[:WORST]:
            if after.ndcg >= before.ndcg:
                break
            measured.worst.append((before, after, intruders(ls, after)))


# --------------------------------------------------------------------------- builds


def harvest_sample(work: Path) -> Path:
    """The sample board website harvested over loopback into `work`/sample."""
    from scr.samplesite import SampleSite
    from tests.conftest import harvest_sample as harvest

    data_dir = work / "sample"
    shutil.rmtree(data_dir, ignore_errors=True)
    with SampleSite(port=0) as site:
        harvest(data_dir, site.url)
    return data_dir


def build_and_measure(
    sample: Path, work: Path, variant: str, count: int, alone: Measured
) -> Measured:
    from tests.distractors import build_scale_index

    data_dir = work / f"{variant}-{count}"
    shutil.rmtree(data_dir, ignore_errors=True)
    log(f"building the sample + {count:,} {variant} distractors (load {load_average():.1f}) ...")
    built = build_scale_index(sample, data_dir, count, variant, log=log)
    log(
        f"  built in {built.seconds:.0f} s; {built.tagged_distractor_records:,} of "
        f"{built.distractor_records:,} distractor records tagged ({built.tagged_share:.2%})"
    )
    measured = measure(data_dir, f"+ {count:,} {variant}", variant, count, built.seconds)
    measured.distractor_records = built.distractor_records
    measured.tagged_records = built.tagged_distractor_records
    describe_worst(data_dir, alone, measured)
    return measured


# --------------------------------------------------------------------------- the section


def _recall_cell(m: Measured) -> str:
    values = [r.share for r in m.recall.values()]
    return f"{statistics.mean(values):.3f} ({min(values):.2f})" if values else "-"


def _exact_cell(m: Measured) -> str:
    """Candidate recall with exact ranking (the default)."""
    values = [r.exact_share for r in m.recall.values()]
    return f"{statistics.mean(values):.3f} ({min(values):.2f})" if values else "-"


def _two_step_ndcg(m: Measured) -> str:
    return f"{m.two_step_evaluation.ndcg:.3f}" if m.two_step_evaluation else "-"


def _sample_recall_cell(m: Measured) -> str:
    """Of the sample's records in the exhaustive top 10s, the share reached (pooled)."""
    total = sum(r.sample for r in m.recall.values())
    reached = sum(r.sample_reached for r in m.recall.values())
    return f"{reached / total:.3f} ({reached} of {total})" if total else "-"


def _summary_rows(runs: list[Measured]) -> list[str]:
    alone = runs[0]
    rows = table_head(
        "index",
        "documents",
        "records",
        "distractor records tagged",
        "mean nDCG@10",
        "change",
        "MRR",
        "candidate recall mean (min)",
        "two-step alone: nDCG@10",
        "recall mean (min)",
        "of the sample's records",
        "build",
        "evaluation + recall",
    )
    for m in runs:
        tagged = (
            f"{m.tagged_records:,} of {m.distractor_records:,} ({m.tagged_share:.2%})"
            if m.count
            else ""
        )
        change = f"{m.evaluation.ndcg - alone.evaluation.ndcg:+.3f}" if m.count else ""
        rows.append(
            table_row(
                m.name,
                f"{m.documents:,}",
                f"{m.records:,}",
                tagged,
                f"{m.evaluation.ndcg:.3f}",
                change,
                f"{m.evaluation.mrr:.3f}",
                _exact_cell(m),
                _two_step_ndcg(m),
                _recall_cell(m),
                _sample_recall_cell(m),
                f"{m.build_s:.0f} s" if m.count else "",
                f"{m.eval_s:.0f} s + {m.recall_s:.0f} s",
            )
        )
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _worst_rows(runs: list[Measured]) -> list[str]:
    rows = table_head(
        "index",
        "query",
        "nDCG@10",
        "rank",
        "result from an unjudged document",
        "kind, section",
        "what it matched",
    )
    for m in runs:
        for before, after, found in m.worst:
            query = _cell(label(after.judged.query))
            change = f"{before.ndcg:.2f} -> {after.ndcg:.2f}"
            if not found:
                rows.append(table_row(m.name, query, change, "", "(none in the top 10)", "", ""))
            for number, a in enumerate(found):
                source = f"distractor: {a.title}" if a.distractor else f"sample: {a.title}"
                first = number == 0  # the query is named on its first row only
                rows.append(
                    table_row(
                        m.name if first else "",
                        query if first else "",
                        change if first else "",
                        a.rank,
                        _cell(source),
                        _cell(f"{a.kind}, {a.section}" if a.section else a.kind),
                        _cell(a.matched),
                    )
                )
    return rows


def _per_query_rows(runs: list[Measured]) -> list[str]:
    alone, builds = runs[0], runs[1:]
    columns = ["query", "sample alone"]
    for m in builds:
        columns += [m.name, "change"]
    rows = table_head(*columns)
    last = builds[-1] if builds else alone
    order = sorted(
        range(len(alone.evaluation.scores)),
        key=lambda i: (last.evaluation.scores[i].ndcg - alone.evaluation.scores[i].ndcg, i),
    )
    for i in order:
        base = alone.evaluation.scores[i]
        cells: list[object] = [_cell(label(base.judged.query)), f"{base.ndcg:.3f}"]
        for m in builds:
            score = m.evaluation.scores[i].ndcg
            cells += [f"{score:.3f}", f"{score - base.ndcg:+.3f}"]
        rows.append(table_row(*cells))
    return rows


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def markdown(runs: list[Measured], argv: list[str], started: str, seconds: float) -> str:
    alone = runs[0]
    shown_args = " ".join(argv) or "(defaults)"
    queries = len(alone.evaluation.scores)
    ranked = len(alone.recall)
    from index.search import CANDIDATE_DOCUMENTS, EXTRA_CANDIDATES

    return "\n".join(
        [
            SECTION,
            "",
            f"Measured with `.venv/bin/python -m bench.relevance {shown_args}` on {started} "
            f"(nproc {cpu_count()}, {python_build()}, {system()}); the whole run took "
            f"{_duration(seconds)}. The {queries} judged queries of `samples/judgments.toml` "
            f"searched over the sample website's {alone.documents} documents alone (harvested "
            f"over loopback as `scr demo` does) and with N distractor reports of "
            f"`tests/distractors.py` (seed fixed): review-shaped reports of 6-15 pages (cover "
            f"with a fictional board, a case review or plain title and a date; Introduction, "
            f"Background, Findings, Lessons learned with numbered lessons, Recommendations, "
            f"Conclusion) whose running text is English words drawn from wordfreq's list at "
            f"their natural frequency (*plain*); *flavoured* also mixes in safeguarding words "
            f"one at a time at about the rates of the sample's reports (child 12 per 1,000 "
            f"words, mother 5, neglect 1.2, bruising 0.7, hidden 0.3 ...). Every document, "
            f"sample or distractor, is understood and theme-tagged by the product and written "
            f"by `index.writer.rebuild`. `tests/test_scale.py` runs the same with 200 plain "
            f"distractors: mean nDCG@10 may drop by at most {TEST_FLOOR}.",
            "",
            *_summary_rows(runs),
            "",
            f"nDCG@10 and MRR: the search as configured by default, with exact ranking "
            f"(`[search] exact_ranking`, `index/maxscore.py`). Candidate recall: for each of "
            f"the {ranked} judged queries with words that match, the share of the exhaustive "
            f"record-level top 10 (every matching record of the whole index scored by "
            f"Whoosh's BM25F, collapsed as the product collapses: "
            f"`bench.search_speed.exhaustive_top`) whose documents are among the documents "
            f"whose records the search scores; the mean over the queries, and the lowest. "
            f"Two-step alone (`exact_ranking = false`): the judged queries' nDCG@10, and the "
            f"same share when only the {CANDIDATE_DOCUMENTS} best documents of the document "
            f"step and up to {EXTRA_CANDIDATES} holding the best records of the query's "
            f"selective words and theme tags are scored (`LessonSearcher.candidates`), then, "
            f"of the records in those top 10s that come from the sample's documents (not a "
            f"distractor's), the share that reach them. Build: "
            f"understanding the sample's stored documents again and the distractors, and the "
            f"rebuild; evaluation: the judged queries searched; recall: the exhaustive "
            f"rankings.",
            "",
            "### What takes the sample's places",
            "",
            f"For the {WORST} queries of each build whose nDCG@10 drops most: the first "
            f"{SHOWN} results of the top 10 from documents not judged for the query (rank "
            f"among the results shown, two at most per document), which of the query's words "
            f"(as analysed: stemmed, stop words left out) the record holds, how many times "
            f"and within how many words of each other, and which words or theme tags of the "
            f"query's expansion it matched.",
            "",
            *_worst_rows(runs),
            "",
            "### Per query",
            "",
            "nDCG@10 of each judged query, the largest drop with the last build first.",
            "",
            *_per_query_rows(runs),
            "",
        ]
    )


# --------------------------------------------------------------------------- main


def _arguments(argv: list[str] | None) -> Any:
    parser = command_line(__doc__ or "")
    parser.add_argument(
        "--distractors",
        type=int,
        nargs="+",
        default=list(DEFAULT_DISTRACTORS),
        help="how many distractor reports, one build each (default 1000 2000)",
    )
    parser.add_argument("--variant", choices=("plain", "flavoured", "both"), default="both")
    parser.add_argument("--work", type=Path, help="work folder, kept (default: temporary)")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    shown = shown_arguments(list(argv if argv is not None else sys.argv[1:]))
    variants = ("plain", "flavoured") if args.variant == "both" else (args.variant,)
    started, clock = dt.date.today().isoformat(), Stopwatch()
    with work_folder(args.work, prefix="scr-relevance-") as work:
        log("harvesting the sample website ...")
        sample = harvest_sample(work)
        alone = measure(sample, "sample alone")
        runs = [alone]
        for variant in variants:
            for count in args.distractors:
                runs.append(build_and_measure(sample, work, variant, count, alone))
                if args.work is None:
                    shutil.rmtree(work / f"{variant}-{count}", ignore_errors=True)
    section = markdown(runs, shown, started, clock.seconds())
    print(section)
    if not args.no_docs:
        publish(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
