"""The Whoosh schema: one record per lesson or passage, carrying its document's metadata."""

from __future__ import annotations

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, Schema

from index.analysis import StemmedText, Words

DOC_TYPES = (
    "overview-report",
    "executive-summary",
    "learning-brief",
    "action-plan",
    "thematic-review",
    "other",
)
KINDS = ("lesson", "recommendation", "summary", "passage")


class SortKey(NUMERIC):
    """A number kept as a column (and stored when asked) but not indexed: records are
    sorted by it, never searched for it, and a NUMERIC writes eight terms per value."""

    indexed = False


def build_schema() -> Schema:
    # Columns only where records are sorted or read by number: doc_id, year, kind_rank,
    # order (the facets count documents, from the document-level index).
    return Schema(
        lesson_id=ID(stored=True, unique=True),
        doc_id=ID(stored=True, sortable=True),  # a column: collapsing reads it per hit
        # Searched at document level; a record's title is its document's.
        title=STORED,
        section=StemmedText(stored=True),
        # The unstemmed words for "did you mean" are kept in the document-level index
        # (once per segment), not once per record.
        text=StemmedText(stored=True),
        case=STORED,
        case_key=ID(),  # lower-cased case name, for filtering by name
        case_id=ID(stored=True),
        board=ID(stored=True),
        board_words=Words(),  # lets "--board fenmarsh" match the full board name
        year=NUMERIC(int, stored=True, sortable=True),
        published=STORED,
        publisher=STORED,
        doc_type=ID(stored=True),
        kind=ID(stored=True),
        kind_rank=SortKey(int, sortable=True),  # lessons first when browsing without a query
        page=STORED,
        order=SortKey(int, stored=True, sortable=True),
        themes=KEYWORD(stored=True, commas=True, lowercase=False, scorable=False),
        source_url=STORED,
        sha256=STORED,  # the archived copy in the store
        online=BOOLEAN(stored=True),
    )


DOCUMENTS = "documents"  # the name of the document-level index beside the lessons


def build_document_schema() -> Schema:
    """One record per document: what case, document and browse pages list, and what a
    search ranks and counts first (documents, not records: a query matches ~27x fewer)."""
    return Schema(
        doc_id=ID(stored=True, unique=True, sortable=True),  # ties of the newest-first order
        # The same searchable fields as the records, over all of the document's records.
        # No positions: a phrase is matched as all its words here, exactly in the records.
        title=StemmedText(stored=True, phrase=False),
        section=StemmedText(phrase=False),
        text=StemmedText(phrase=False, spelling=True),
        record_themes=KEYWORD(stored=True, commas=True, lowercase=False, scorable=False),
        kind=KEYWORD(commas=True, lowercase=False, scorable=False),  # kinds of its records
        case=STORED,
        case_key=ID(),
        case_id=ID(stored=True, sortable=True),
        board=ID(stored=True, sortable=True),
        board_words=Words(),
        year=NUMERIC(int, stored=True, sortable=True),
        published=STORED,
        publisher=STORED,
        doc_type=ID(stored=True, sortable=True),
        themes=KEYWORD(stored=True, commas=True, lowercase=False, scorable=False),
        theme_counts=STORED,  # {theme: lessons tagged with it}
        kinds=STORED,  # {kind: records of that kind}
        source_url=STORED,
        sha256=STORED,
        pages=STORED,
        online=BOOLEAN(stored=True),
        first_seen=STORED,
        last_seen=STORED,
        urls=STORED,
        versions=STORED,
    )
