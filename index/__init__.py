"""The lessons index: records, Whoosh schema, writing and searching (shared by both sides).

The names the web app and the command line use are exported here; the modules behind them
are the index's own business (see docs/architecture.md).
"""

from index.boards import BoardTable, BoardTableError, load_board_table
from index.cards import restatements
from index.documents import CASE_SORTS, CaseInfo, DocumentInfo, ThemeStats
from index.evaluation import JudgmentError, evaluate, load_judgments
from index.expansion import Expander
from index.fields import DOC_ID, DOC_TYPES, KINDS, LESSON_ID, doc_id_for, lesson_id_for
from index.location import DataDir
from index.pool import SearcherPool
from index.query import QueryError, SearchQuery
from index.results import FacetValue, Hit, IndexMissingError, SearchResponse
from index.search import LessonSearcher
from index.segments import IndexWriteError
from index.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from index.whoosh3 import WhooshVersionError

__all__ = [
    "CASE_SORTS",
    "DOC_ID",
    "DOC_TYPES",
    "KINDS",
    "LESSON_ID",
    "BoardTable",
    "BoardTableError",
    "CaseInfo",
    "DataDir",
    "DocumentInfo",
    "Expander",
    "FacetValue",
    "Hit",
    "IndexMissingError",
    "IndexWriteError",
    "JudgmentError",
    "LessonSearcher",
    "QueryError",
    "SearchQuery",
    "SearchResponse",
    "SearcherPool",
    "Taxonomy",
    "TaxonomyError",
    "ThemeStats",
    "WhooshVersionError",
    "doc_id_for",
    "evaluate",
    "lesson_id_for",
    "load_board_table",
    "load_judgments",
    "load_taxonomy",
    "restatements",
]
