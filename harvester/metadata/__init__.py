"""Reading a document's metadata: case, board, year, document type, title."""

from harvester.metadata.boards import board_key, find_board
from harvester.metadata.case_forms import normalise_case
from harvester.metadata.cases import find_case
from harvester.metadata.dates import find_date, year_from_cover, year_from_listing, year_from_url
from harvester.metadata.doc_types import find_doc_type
from harvester.metadata.infer import Hints, Metadata, case_id, infer_metadata

__all__ = [
    "Hints",
    "Metadata",
    "board_key",
    "case_id",
    "find_board",
    "find_case",
    "find_date",
    "find_doc_type",
    "infer_metadata",
    "normalise_case",
    "year_from_cover",
    "year_from_listing",
    "year_from_url",
]
