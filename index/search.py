"""Searching the lessons index: query parsing, filters, facets and highlighted snippets."""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.query import And, Every, Or, Query, Require, Term
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index.candidates import best_documents
from index.cards import PER_CASE, PER_DOCUMENT, Card, Ranked, Sketch, make_cards
from index.documents import DocumentIndex
from index.expansion import Expander
from index.facets import FacetTable
from index.fields import kind_of_rank
from index.filters import (
    document_filters,
    record_filters,
    record_only_filters,
)
from index.location import current_index_dir
from index.lru import LRU
from index.maxscore import Outranking, outranking_records
from index.parsing import QueryParsing
from index.query import SearchQuery
from index.ranking import KindWeighting, kind_factors
from index.results import (
    Hit,
    IndexMissingError,
    Place,
    SearchResponse,
    copy_response,
)
from index.schema import DOCUMENTS
from index.scoring import ArrayScorer
from index.scoring import Scored as ScoredRecords
from index.snippets import Snippets, plain_snippet
from index.spelling import Speller, field_words, suggest_query
from index.steps import NEWEST_COLUMNS, NEWEST_DOCUMENTS, Matching, Ranking, Scored
from index.whoosh3 import check_version

COLLAPSE_WINDOW = 400  # ranked records read to fill pages of cards
# Ranked records compared with the cards of their case (their text read, and kept): the
# first page's cards and the records that restate them are within the first few dozen.
COMPARED_RECORDS = 60
LISTED_MORE = 4  # a case's further records listed on its last card; the rest counted
KEPT_SKETCHES = 20_000
# Records are ranked within the best-ranked documents only: this many at least, more for
# later pages. Scoring every matching record of a national collection is what makes a
# search slow (a common word matches a quarter of all records); its documents are few.
CANDIDATE_DOCUMENTS = 20
EXTRA_CANDIDATES = 10
CACHED_RESPONSES = 256  # per searcher, so an index change empties it
KEPT_DOCUMENT_RECORDS = 20_000  # documents whose record numbers are kept
SPELL_FIELD = "spell_text"  # the unstemmed words of the documents' `text` (spelling=True)


def _locked(method: Callable[..., Any]) -> Callable[..., Any]:
    """One thread at a time inside a searcher: Whoosh readers are not thread-safe, and one
    searcher per process (not per thread) keeps one copy of the index's caches."""

    @functools.wraps(method)
    def wrapper(self: LessonSearcher, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class LessonSearcher:
    """Answers SearchQuery objects from one open index build.

    A search runs in two steps. The document-level index (one record per document, holding
    all its records' words) finds and ranks the matching documents; the facets and the
    total count those documents. Then the records of the best-ranked documents are scored,
    and the best of them, at most two per document, are the results."""

    def __init__(
        self,
        data_dir: Path,
        theme_label: Callable[[str], str] | None = None,
        expander: Expander | None = None,
        exact_ranking: bool = True,
    ) -> None:
        check_version()
        # Whether records past the candidate documents that would reach the page are
        # looked for (index/maxscore.py): exact, and a few milliseconds slower.
        self._exact_ranking = exact_ranking
        path = current_index_dir(data_dir)
        if path is None or not whoosh_index.exists_in(str(path)):
            raise IndexMissingError(
                f"no index in {data_dir}: run `scr harvest`, `scr ingest` or `scr demo` first"
            )
        if not whoosh_index.exists_in(str(path), indexname=DOCUMENTS):
            raise IndexMissingError(f"the index in {data_dir} is incomplete: run `scr reindex`")
        self.path = path
        self._lock = threading.RLock()
        self._ix = whoosh_index.open_dir(str(path))
        self._searcher: Searcher = self._ix.searcher(weighting=KindWeighting())
        self._doc_ix = whoosh_index.open_dir(str(path), indexname=DOCUMENTS)
        self._doc_searcher: Searcher = self._doc_ix.searcher(weighting=BM25F())
        # The same BM25F scores as the searchers', computed over arrays of records.
        self._record_scores = ArrayScorer(self._searcher, final=kind_factors)
        self._document_scores = ArrayScorer(self._doc_searcher)
        self._snippets = Snippets(self._searcher.schema["text"])
        # Documents and cases, read once: the facets count from them.
        self._documents = DocumentIndex(self._doc_searcher)
        self._case_label = {
            c.case_id: f"{c.case} ({c.year})" if c.year else c.case for c in self._documents.cases()
        }
        self._facet_table = FacetTable(self._documents.by_number)
        self._label = theme_label or (lambda t: t)
        self._expander = expander
        self._cache: LRU[SearchQuery, SearchResponse] = LRU(CACHED_RESPONSES)
        self._cache_lock = threading.Lock()
        # The known words for "did you mean", read a first letter at a time when needed.
        self._speller = Speller(
            lambda start: field_words(self._doc_searcher.reader(), SPELL_FIELD, start)
        )
        self._records: LRU[str, np.ndarray] = LRU(KEPT_DOCUMENT_RECORDS)  # by document id
        self._sketches: LRU[int, Sketch] = LRU(KEPT_SKETCHES)  # by record number
        self._doc_ids: Any = None  # the records' doc_id column, read when first needed
        # Documents are ranked by their title too, weighted low: titles carry case names
        # ("Baby R", "Child J") that match everywhere. A record's title is its document's,
        # the same for all its records, so records are scored by section and text alone.
        boosts = {"title": 0.5, "section": 1.0, "text": 1.0}
        # The query is parsed once, for the documents; the records' query is the same
        # without its title terms. The all-words clause looks in the text only: a word in
        # a section heading alone rarely decides a lesson.
        self._parsing = QueryParsing(
            self._doc_searcher.schema, boosts, expander, self._doc_searcher.reader()
        )

    @_locked
    def document_fields(self, doc_id: str) -> dict[str, Any] | None:
        """Stored fields of one record of the document (its metadata and sha256)."""
        return self._searcher.document(doc_id=doc_id)

    def whoosh(self, level: str = "records") -> Searcher:
        """Whoosh's own searcher of one index level ("records" or "documents"), for
        comparing its answers with this searcher's and for tools."""
        return self._searcher if level == "records" else self._doc_searcher

    @property
    def documents(self) -> DocumentIndex:
        """The documents and cases of the same index build (read when the searcher opens)."""
        return self._documents

    @_locked
    def reading_order(self, sq: SearchQuery) -> list[Hit]:
        """Every record matching the filters, in reading order (for case and document
        pages): no paging, no collapsing."""
        filters = self._record_filters(sq)
        results = self._searcher.search(
            Every(),
            limit=None,
            filter=And(filters) if filters else None,
            sortedby=[sorting.FieldFacet("doc_id"), sorting.FieldFacet("order")],
        )
        return [self._hit(hit.docnum, 0.0, frozenset()) for hit in results]

    @_locked
    def warm(self) -> int:
        """Looks up where the postings of the taxonomy's words lie (the words queries are
        widened into), for both index levels, before the first searches need them; how
        many terms the index holds."""
        if self._expander is None:
            return 0
        analyse = self._searcher.schema["text"].analyse
        stems = sorted({t for word in self._expander.words for t in analyse(word).terms or []})
        held = 0
        for scorer in (self._record_scores, self._document_scores):
            for fieldname in ("text", "section"):
                held += scorer.prepare(fieldname, stems)
        return held

    @_locked
    def up_to_date(self) -> bool:
        return self._searcher.up_to_date() and self._doc_searcher.up_to_date()

    @_locked
    def close(self) -> None:
        self._searcher.close()
        self._doc_searcher.close()
        self._ix.close()
        self._doc_ix.close()

    def __enter__(self) -> LessonSearcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_locked
    def counts(self) -> dict[str, int]:
        """Indexed records, distinct cases, and the index's segments written without
        posting arrays (read from Whoosh's blocks, more slowly, until `scr reindex`)."""
        return {
            "records": self._searcher.doc_count(),
            "cases": len(self._documents.cases()),
            "without_arrays": self._record_scores.without_arrays()
            + self._document_scores.without_arrays(),
        }

    def parse(self, q: str, level: str = "records") -> Query:
        """The Whoosh query `q` becomes at one index level ("records" or "documents")."""
        return self._parsing.parse(q, level)

    def expanded(self, q: str) -> str:
        """The query with the taxonomy's abbreviations and theme words."""
        return self._parsing.expanded(q)

    @_locked
    def suggest(self, q: str) -> str | None:
        """The query with words the index does not know replaced by the nearest known ones
        (fewest edits, then most frequent); None when every word is known."""
        reader = self._doc_searcher.reader()
        text_field = self._doc_searcher.schema["text"]

        def documents_with(word: str) -> int:
            terms = text_field.analyse(word).terms
            return reader.doc_frequency("text", terms[0]) if terms else 0

        vocabulary = self._expander.words if self._expander is not None else frozenset()
        return suggest_query(
            q,
            self._speller,
            lambda w: reader.frequency(SPELL_FIELD, w) > 0,
            documents_with,
            vocabulary.__contains__,
        )

    def search(self, sq: SearchQuery) -> SearchResponse:
        """Search; when the query as typed finds little and a spelling correction exists,
        search the corrected query and say so. Answers repeated queries from a cache
        (without waiting for a search running in another thread)."""
        with self._cache_lock:
            cached = self._cache.get(sq)
            if cached is not None:
                return copy_response(cached)
        with self._lock:
            response = self._search_or_correct(sq)
        with self._cache_lock:
            self._cache.put(sq, copy_response(response))
        return response

    def _search_or_correct(self, sq: SearchQuery) -> SearchResponse:
        suggestion = None if sq.exact else self.suggest(sq.q)
        if suggestion is None:
            return self._search(sq)
        # A word the index does not know: search the correction too, and show it when it
        # finds more ("disgused compliance" otherwise finds only "compliance"). The query
        # as typed is searched only when the correction might not find more than the
        # documents it matches (its total is at most that many).
        corrected = self._search(dataclasses.replace(sq, q=suggestion))
        typed = self._matching(sq)
        if corrected.total > len(typed.ranked):
            return corrected.as_corrected(sq.q, suggestion)
        response = self._search(sq, typed)
        if corrected.total > response.total:
            return corrected.as_corrected(sq.q, suggestion)
        response.suggestion = suggestion
        return response

    def _matching(self, sq: SearchQuery) -> Matching:
        """The query, and every document matching it and the filters, ranked (or newest
        first): a search's total is at most their number."""
        sq.validate()
        query = self.parse(sq.q)
        browse = isinstance(query, Every) or sq.sort == "newest"
        return Matching(query, browse, self._rank_documents(sq, browse))

    def _search(self, sq: SearchQuery, matching: Matching | None = None) -> SearchResponse:
        # 1. Documents: every match, ranked (or newest first), for the total and the facets.
        query, browse, ranked = matching or self._matching(sq)
        # 2. Records of the best documents, scored (or sorted) among themselves.
        by_number = self._documents.by_number
        doc_ids = self._candidates(sq, query, ranked, browse)
        hits: list[Hit] = []
        shown_count = 0
        if doc_ids:
            ranking = self._rank_records(sq, query, doc_ids, browse)
            more = None if browse else self._outranking(sq, query, ranking)
            if more is not None and more.documents:
                doc_ids = doc_ids + more.documents
                ranking = self._rank_records(sq, query, doc_ids, browse, ranking, more.records)
            top = ranking.top
            words = self.text_words(query)
            start = (sq.page - 1) * sq.per_page
            for card in ranking.cards[start : start + sq.per_page]:
                score, docnum = top[card.position]
                hit = self._hit(docnum, score, words)
                hit.also_in = [self._place(top[p][1]) for p in card.also]
                listed = card.more[:LISTED_MORE]
                hit.more_from_case = [self._place(top[p][1]) for p in listed]
                hit.more_in_case = len(card.more) - len(listed) + card.held
                hits.append(hit)
            shown_count = len(ranking.cards)
            if ranking.every_match:
                # Every matching record of the candidates was read: a candidate without
                # one (a theme or kind filter can leave none) is not counted. Documents
                # past the candidates are counted as the document-level index finds them.
                having, read = ranking.documents, set(doc_ids)
                ranked = [
                    d
                    for d in ranked
                    if d not in by_number
                    or by_number[d].doc_id not in read
                    or by_number[d].doc_id in having
                ]
        facets, sizes = self._facet_table.listed(ranked, self._facet_label, sq.full_facets)
        return SearchResponse(
            query=sq.q,
            total=len(ranked),
            page=sq.page,
            per_page=sq.per_page,
            results=hits,
            facets=facets,
            shown=shown_count,
            ranked_documents=len(doc_ids) if len(doc_ids) < len(ranked) else None,
            records=self._searcher.doc_count() if isinstance(query, Every) else None,
            facet_sizes=sizes,
        )

    def _candidates(
        self, sq: SearchQuery, query: Query, ranked: list[int], browse: bool
    ) -> list[str]:
        """The documents whose records are scored: the best-ranked documents, and (for
        a ranked search) those holding the best records of the query's selective words
        and theme tags, which a long report's many ordinary words can outrank."""
        wanted = sq.page * sq.per_page
        count = max(CANDIDATE_DOCUMENTS, -(-wanted // PER_DOCUMENT) + PER_DOCUMENT)
        by_number = self._documents.by_number
        doc_ids = [by_number[d].doc_id for d in ranked[:count] if d in by_number]
        if browse or not EXTRA_CANDIDATES:
            return doc_ids
        extra = best_documents(
            self._record_scores,
            self._doc_id_column(),
            query,
            self._record_filters(sq),
            self._searcher.reader(),
            EXTRA_CANDIDATES + len(doc_ids),
        )
        known = set(doc_ids)
        return doc_ids + [d for d in extra if d not in known][:EXTRA_CANDIDATES]

    def _outranking(self, sq: SearchQuery, query: Query, ranking: Ranking) -> Outranking | None:
        """Records of documents past the candidates that would reach the page
        (index/maxscore.py); None when finding them would cost too much."""
        if not self._exact_ranking:
            return None
        wanted = sq.page * sq.per_page
        cards = ranking.cards
        threshold = cards[wanted - 1].score if len(cards) >= wanted else 0.0
        return outranking_records(
            self._record_scores,
            self._doc_id_column(),
            query,
            self._record_filters(sq),
            threshold,
            ranking.numbers,
        )

    def candidates(self, sq: SearchQuery) -> list[str]:
        """The ids of the documents whose records a search scores (for measuring how
        many of an exhaustive ranking's best records they hold)."""
        with self._lock:
            query, browse, ranked = self._matching(sq)
            doc_ids = self._candidates(sq, query, ranked, browse)
            if doc_ids and not browse:
                ranking = self._rank_records(sq, query, doc_ids, browse)
                more = self._outranking(sq, query, ranking)
                doc_ids = doc_ids + (more.documents if more is not None else [])
            return doc_ids

    def _rank_documents(self, sq: SearchQuery, browse: bool) -> list[int]:
        """Numbers of every document matching the query and filters (in the
        document-level index), best first (or newest first)."""
        doc_query = self.parse(sq.q, "documents")
        doc_filters = document_filters(sq, self._case_ids(sq))
        if browse:
            found = self._doc_searcher.search(
                doc_query,
                limit=None,
                filter=And(doc_filters) if doc_filters else None,
                sortedby=NEWEST_DOCUMENTS,
            )
            return [docnum for _key, docnum in found.top_n]
        if doc_filters:
            doc_query = Require(doc_query, And(doc_filters))
        return [docnum for _score, docnum in self._document_scores.score(doc_query).ranked()]

    def _rank_records(
        self,
        sq: SearchQuery,
        query: Query,
        doc_ids: list[str],
        browse: bool,
        before: Ranking | None = None,
        added: ScoredRecords | None = None,
    ) -> Ranking:
        """The records of the candidate documents, best first (or newest first). Given
        the ranking of the first of these documents (`before`) and the records of the
        others that can reach the page (`added`, already scored), nothing is scored
        again: the other records of those documents cannot reach the page."""
        only_filters = record_only_filters(sq)
        numbers, owners = self._records_of(doc_ids)
        wanted = sq.page * sq.per_page
        limit = max(COLLAPSE_WINDOW, wanted * 4)
        collapse = bool(sq.q.strip()) and not sq.doc_id
        records = query
        if only_filters:
            records = (
                And(only_filters) if isinstance(query, Every) else Require(query, And(only_filters))
            )
        if before is not None and added is not None:
            scored = before.scored.merged(added)
        else:
            scored = self._record_scores.score(records, numbers)
        found_owners = owners[np.searchsorted(numbers, scored.numbers)]
        if browse:
            columns = [self._record_scores.column(name) for name in NEWEST_COLUMNS]
            year, kind_rank, order = (c[scored.numbers] for c in columns)
            by_id = np.argsort(np.argsort(np.array(doc_ids, dtype=object)))
            chosen = np.lexsort((by_id[found_owners], order, kind_rank, -year))[:limit]
            top: Scored = [(0.0, n) for n in scored.numbers[chosen].tolist()]
        else:
            chosen = scored.best(limit)
            # Ties go by document id and reading order, not by record number: records are
            # numbered in the order their documents were understood, which differs from
            # one rebuild to the next, and a tie decides which record a card shows.
            order = self._record_scores.column("order")[scored.numbers[chosen]]
            owner = found_owners[chosen]
            ids = np.array(doc_ids, dtype=object)[owner]
            chosen = chosen[np.lexsort((order, ids, -scored.scores[chosen]))]
            top = scored.ranked(chosen)
        top_owners = [doc_ids[o] for o in found_owners[chosen].tolist()]
        # Cards only for ranked searches: browsing a case or a document lists everything.
        if collapse:
            cards = self._cards(top, top_owners, per_case=not sq.case)
        else:
            cards = [Card(p, "", score) for p, (score, _n) in enumerate(top)]
        return Ranking(top, cards, set(top_owners), numbers, scored)

    def _cards(self, top: Scored, owners: list[str], per_case: bool) -> list[Card]:
        """The ranked records as cards: a case's records that restate one lesson merged,
        and at most PER_CASE cards of one case (unless the search is within a case)."""
        case_of = {d: self._case_key(d) for d in set(owners)}
        kind_rank = self._record_scores.column("kind_rank")
        ranked = Ranked(
            scores=[score for score, _n in top],
            documents=owners,
            cases=[case_of[d] for d in owners],
            kinds=[kind_of_rank(int(kind_rank[n])) for _score, n in top],
            sketch=lambda position: self._sketch(top[position][1]),
        )
        return make_cards(ranked, COMPARED_RECORDS, per_case=PER_CASE if per_case else None)

    def _doc_id_column(self) -> Any:
        if self._doc_ids is None:
            self._doc_ids = self._searcher.reader().column_reader("doc_id")
        return self._doc_ids

    def _case_key(self, doc_id: str) -> str:
        """What cards group by: the document's case, or the document when it has none."""
        info = self._documents.document(doc_id)
        return info.case_id if info is not None and info.case_id else doc_id

    def _sketch(self, docnum: int) -> Sketch:
        return self._sketches.get_or_make(docnum, self._read_sketch)

    def _read_sketch(self, docnum: int) -> Sketch:
        return self.sketch(self._searcher.stored_fields(docnum).get("text", ""))

    def sketch(self, text: str) -> Sketch:
        """What a text is compared by to find where a lesson is restated (index/cards.py)."""
        return Sketch.of(self._searcher.schema["text"].analyse(text).terms or [])

    def _place(self, docnum: int) -> Place:
        """Where a merged record stands: its document and page."""
        stored = self._searcher.stored_fields(docnum)
        return Place(
            doc_id=stored["doc_id"],
            lesson_id=stored.get("lesson_id", ""),
            title=stored.get("title", ""),
            doc_type=stored.get("doc_type", "other"),
            page=stored.get("page"),
            source_url=stored.get("source_url", ""),
            kind=stored.get("kind", "passage"),
        )

    def _records_of(self, doc_ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The numbers of these documents' records, ascending, and for each the position
        of its document in `doc_ids`."""
        parts = []
        for doc_id in doc_ids:
            found = self._records.get_or_make(
                doc_id, lambda d: self._record_scores.numbers("doc_id", d)
            )
            parts.append(found)
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        numbers = np.concatenate(parts)
        owners = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
        order = np.argsort(numbers, kind="stable")
        return numbers[order], owners[order]

    def text_words(self, query: Query) -> frozenset[str]:
        """The query's terms in the records' text: what snippets highlight."""
        field = self._searcher.schema["text"]
        terms = query.existing_terms(self._searcher.reader(), phrases=True, expand=True)
        return frozenset(field.from_bytes(text) for name, text in terms if name == "text")

    def _hit(self, docnum: int, score: float, words: frozenset[str]) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        text = stored.get("text", "")
        snippet = self._snippets.highlight(text, words) or plain_snippet(text)
        hit = Hit.of_record(stored, snippet, round(score, 3))
        # (a document that joined an earlier review's case was indexed under its own id)
        hit.case_id = self._documents.case_id_of(hit.case_id)
        return hit

    def _case_ids(self, sq: SearchQuery) -> list[str]:
        """The ids the chosen case's records were indexed under."""
        return self._documents.indexed_case_ids(sq.case) if sq.case else []

    def _record_filters(self, sq: SearchQuery) -> list[Query]:
        return record_filters(sq, case_ids=self._case_ids(sq))

    @_locked
    def matching(
        self,
        sq: SearchQuery,
        rank: Callable[[str, int], Any],
        limit: int,
        kinds: tuple[str, ...] = (),
    ) -> tuple[int, list[Hit]]:
        """Every record the query and filters find (no ranking window, no collapsing),
        ordered by `rank(doc_id, order)`: how many, and the first `limit` as hits."""
        filters = self._record_filters(sq)
        if kinds and not sq.kind:
            filters.append(Or([Term("kind", k) for k in kinds]))
        query = self.parse(sq.q)
        if filters:
            query = And(filters) if isinstance(query, Every) else Require(query, And(filters))
        scored = self._record_scores.score(query)  # every record of the index
        numbers = scored.numbers.tolist()
        doc_ids = self._searcher.reader().column_reader("doc_id")
        orders = self._record_scores.column("order")[scored.numbers].tolist()
        keys = [rank(doc_ids[n], o) for n, o in zip(numbers, orders, strict=True)]
        positions = sorted(range(len(numbers)), key=keys.__getitem__)[:limit]
        words = self.text_words(query)
        scores = scored.scores.tolist()
        return len(numbers), [self._hit(numbers[p], scores[p], words) for p in positions]

    @_locked
    def lessons_by_id(self, lesson_ids: list[str]) -> list[Hit]:
        """The records with these ids, in the order given (unknown ids are left out)."""
        found = []
        for lesson_id in lesson_ids:
            stored = self._searcher.document(lesson_id=lesson_id)
            if stored:
                found.append(Hit.of_record(stored, plain_snippet(stored.get("text", "")), 0.0))
        return found

    def _facet_label(self, facet: str, value: Any) -> str:
        if facet == "theme":
            return self._label(value)
        return self._case_label.get(value, str(value)) if facet == "case" else str(value)


def search(
    data_dir: Path, sq: SearchQuery, theme_label: Callable[[str], str] | None = None
) -> SearchResponse:
    with LessonSearcher(data_dir, theme_label) as searcher:
        return searcher.search(sq)
