"""The Whoosh schemas: one record per lesson or passage, carrying its document's metadata,
and one record per document. Their fields are declared in `index/fields.py`."""

from __future__ import annotations

from whoosh.fields import Schema

from index.fields import DOC_TYPES, KINDS, SortKey, schema_fields

__all__ = ["DOCUMENTS", "DOC_TYPES", "KINDS", "SortKey", "build_document_schema", "build_schema"]

DOCUMENTS = "documents"  # the name of the document-level index beside the lessons


def build_schema() -> Schema:
    """One record per lesson or passage. Columns only where records are sorted or read by
    number: doc_id, year, kind_rank, order (the facets count documents, from the
    document-level index)."""
    return Schema(**schema_fields("record"))


def build_document_schema() -> Schema:
    """One record per document: what case, document and browse pages list, and what a
    search ranks and counts first (documents, not records: a query matches ~27x fewer)."""
    return Schema(**schema_fields("document"))
