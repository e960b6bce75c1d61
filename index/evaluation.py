"""Search quality, measured: nDCG@10 and MRR at document level over judged queries.

A judgment file (TOML) lists queries, optional filters, and the documents that answer each
one with a graded relevance (3 = the best answer, 2 = good, 1 = partly relevant). Documents
are named by the end of their source URL (a path on the board's website), so the same file
works whatever host or port the documents were harvested from.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from index.search import LessonSearcher, SearchQuery

K = 10
FILTER_KEYS = {"theme", "year", "year_from", "year_to", "case", "board", "type", "kind"}


class JudgmentError(ValueError):
    """A judgment file that cannot be used; one line naming the file and the query."""


@dataclass(frozen=True)
class Judged:
    query: SearchQuery
    relevant: dict[str, int]  # document path -> grade
    note: str = ""


@dataclass
class QueryScore:
    judged: Judged
    ranked: list[str]  # document paths in the order the search returned them
    ndcg: float
    reciprocal_rank: float


@dataclass
class Evaluation:
    scores: list[QueryScore] = field(default_factory=list)

    @property
    def ndcg(self) -> float:
        return sum(s.ndcg for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def mrr(self) -> float:
        if not self.scores:
            return 0.0
        return sum(s.reciprocal_rank for s in self.scores) / len(self.scores)

    def table(self) -> str:
        lines = [f"{'query':<60} {'nDCG@10':>8} {'RR':>6}  first relevant"]
        for score in self.scores:
            first = next((d for d in score.ranked if d in score.judged.relevant), "-")
            label = _label(score.judged.query)
            lines.append(
                f"{label[:60]:<60} {score.ndcg:>8.3f} {score.reciprocal_rank:>6.3f}  "
                f"{first.rsplit('/', 1)[-1][:40]}"
            )
        lines.append(
            f"{'mean over ' + str(len(self.scores)) + ' queries':<44} "
            f"{self.ndcg:>8.3f} {self.mrr:>6.3f}"
        )
        return "\n".join(lines)


def _label(query: SearchQuery) -> str:
    named = (
        ("theme", ",".join(query.themes)),
        ("year", query.year),
        ("from", query.year_from),
        ("to", query.year_to),
        ("case", query.case),
        ("board", query.board),
        ("type", query.doc_type),
        ("kind", query.kind),
    )
    filters = [f"{k}={v}" for k, v in named if v]
    return query.q + (f" [{' '.join(filters)}]" if filters else "")


def load_judgments(path: Path) -> list[Judged]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise JudgmentError(f"{path}: {exc}") from None
    judged = []
    for number, item in enumerate(raw.get("query", []), start=1):
        where = f"{path}: query {number}"
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise JudgmentError(f'{where}: needs q = "..."')
        relevant = item.get("relevant", {})
        if not relevant or not all(isinstance(v, int) and 0 < v <= 3 for v in relevant.values()):
            raise JudgmentError(f"{where}: relevant needs documents graded 1 to 3")
        unknown = set(item) - FILTER_KEYS - {"q", "relevant", "note"}
        if unknown:
            raise JudgmentError(f"{where}: unknown key {sorted(unknown)[0]}")
        themes = item.get("theme", [])
        query = SearchQuery(
            q=item["q"],
            themes=tuple([themes] if isinstance(themes, str) else themes),
            year=item.get("year"),
            year_from=item.get("year_from"),
            year_to=item.get("year_to"),
            case=item.get("case"),
            board=item.get("board"),
            doc_type=item.get("type"),
            kind=item.get("kind"),
            per_page=50,
        )
        judged.append(Judged(query, dict(relevant), item.get("note", "")))
    if not judged:
        raise JudgmentError(f"{path}: no [[query]] entries")
    return judged


def document_path(source_url: str) -> str:
    return unquote(urlsplit(source_url).path).lstrip("/")


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    def gain(grade: int) -> float:
        return (2**grade) - 1

    dcg = sum(gain(relevant.get(d, 0)) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum(gain(g) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1.0 / (i + 1) for i, d in enumerate(ranked) if d in relevant), 0.0)


def _matches(path: str, relevant: dict[str, int]) -> str:
    """The judged name a harvested path stands for (judged names are path endings)."""
    return next((name for name in relevant if path.endswith(name)), path)


def evaluate(searcher: LessonSearcher, judgments: list[Judged]) -> Evaluation:
    evaluation = Evaluation()
    for judged in judgments:
        response = searcher.search(judged.query)
        ranked: list[str] = []
        for hit in response.results:
            # A card links to its lesson's other places and to its case's further lessons:
            # their documents follow it.
            places = [*hit.also_in, *hit.more_from_case]
            for url in [hit.source_url, *(p.source_url for p in places)]:
                name = _matches(document_path(url), judged.relevant)
                if name not in ranked:
                    ranked.append(name)
        evaluation.scores.append(
            QueryScore(
                judged,
                ranked,
                ndcg_at(ranked, judged.relevant),
                reciprocal_rank(ranked, judged.relevant),
            )
        )
    return evaluation
