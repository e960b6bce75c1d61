"""The index's fields, declared once.

Each field says where it is indexed (the record-level index, one record per lesson or
passage; the document-level index, one record per document), how its value is made from
what the harvester hands over (`DocumentRecord`, `LessonRecord`), how a stored value is
read back, and whether search results (`Hit`) and documents (`DocumentInfo`) carry it.
Both schemas (`index/schema.py`), the writer's field values (`index/writer.py`), `Hit`
(`index/results.py`), `DocumentInfo` (`index/documents.py`) and their JSON are built from
this table, so a new stored field of a document is one row here (and the producer that
fills the `DocumentRecord` attribute):

    Field("author", str | None, None, _or_none, record=_stored, document=_stored,
          value=_of_doc(lambda d: d.author or ""), json="if-set"),

The identifier rules of documents and records are here too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, make_dataclass
from dataclasses import field as dataclass_field
from typing import Any

from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, FieldType

from index.analysis import StemmedText, Words
from index.records import DocumentRecord, LessonRecord

DOC_TYPES = (
    "overview-report",
    "executive-summary",
    "learning-brief",
    "action-plan",
    "thematic-review",
    "other",
)
KINDS = ("lesson", "recommendation", "summary", "passage")

# A document is named by the start of its file's SHA-256; a record by its document and its
# place in it.
DOC_ID = re.compile(r"[0-9a-f]{16}")  # matched whole (fullmatch)
LESSON_ID = re.compile(r"[0-9a-f]{16}-\d{4,6}")  # matched whole (fullmatch)


def kind_of_rank(rank: int) -> str:
    """A record's kind from its `kind_rank` column (a passage when out of range)."""
    return KINDS[rank] if 0 <= rank < len(KINDS) else "passage"


def doc_id_for(sha256: str) -> str:
    return sha256[:16]


def lesson_id_for(doc_id: str, order: int) -> str:
    return f"{doc_id}-{order:04d}"


class SortKey(NUMERIC):
    """A number kept as a column (and stored when asked) but not indexed: records are
    sorted by it, never searched for it, and a NUMERIC writes eight terms per value."""

    indexed = False


# A field's value in the record-level index, from its document and the record; and in
# the document-level index, from the document and all its records.
RecordValue = Callable[[DocumentRecord, LessonRecord], Any]
DocumentValue = Callable[[DocumentRecord, Sequence[LessonRecord]], Any]


@dataclass(frozen=True)
class Field:
    name: str
    type: Any  # the attribute's type in Hit and DocumentInfo
    default: Any  # when a record has no stored value (a list default is copied)
    read: Callable[[Any], Any]  # a stored value as Hit and DocumentInfo carry it
    record: Callable[[], FieldType] | None = None  # its type in the record-level schema
    document: Callable[[], FieldType] | None = None  # in the document-level schema
    of_record: RecordValue | None = None  # None: not written (or None: left out)
    of_document: DocumentValue | None = None
    hit: bool = True  # an attribute of Hit (when the record-level index stores it)
    info: bool = True  # an attribute of DocumentInfo (when the document level stores it)
    json: str = "always"  # in a hit's JSON: "always", "if-set" or "never"


def _of_doc(value: Callable[[DocumentRecord], Any]) -> dict[str, Any]:
    """A document's own value, the same at both levels."""
    return {
        "of_record": lambda doc, _lesson: value(doc),
        "of_document": lambda doc, _lessons: value(doc),
    }


def _or_none(value: Any) -> Any:
    return value or None


def _text(value: Any) -> str:
    return value or ""


def _comma_list(value: Any) -> list[str]:
    return [t for t in (value or "").split(",") if t]


def _commas() -> FieldType:
    return KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)


def _learning(lessons: Sequence[LessonRecord]) -> Sequence[LessonRecord]:
    # A document "raises" a theme through its lessons and recommendations; a document with
    # none (a web page of passages) is counted by all its text.
    return [x for x in lessons if x.kind in ("lesson", "recommendation")] or lessons


def _theme_counts(lessons: Sequence[LessonRecord]) -> Counter[str]:
    return Counter(t for lesson in _learning(lessons) for t in lesson.themes)


def _sure_themes(lesson: LessonRecord) -> list[str]:
    return [t for t in lesson.themes if t not in lesson.weak_themes]


def _kind_rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def _year() -> FieldType:
    return NUMERIC(int, stored=True, sortable=True)


FIELDS: tuple[Field, ...] = (
    Field(
        "lesson_id",
        str,
        "",
        _text,
        record=lambda: ID(stored=True, unique=True),
        of_record=lambda _doc, lesson: lesson.lesson_id,
        info=False,
    ),
    Field(
        "doc_id",
        str,
        "",
        _text,
        record=lambda: ID(stored=True, sortable=True),  # a column: collapsing reads it per hit
        document=lambda: ID(stored=True, unique=True, sortable=True),
        **_of_doc(lambda d: d.doc_id),
    ),
    # Searched at document level (no positions there: a phrase is matched as all its
    # words, then exactly in the records); a record's title is its document's.
    Field(
        "title",
        str,
        "",
        _text,
        record=lambda: STORED(),
        document=lambda: StemmedText(stored=True, phrase=False),
        **_of_doc(lambda d: d.title),
    ),
    Field(
        "case",
        str | None,
        None,
        _or_none,
        record=STORED,
        document=STORED,
        **_of_doc(lambda d: d.case or ""),
    ),
    Field(  # lower-cased case name, for filtering by name
        "case_key",
        None,
        None,
        _or_none,
        record=ID,
        document=ID,
        hit=False,
        info=False,
        **_of_doc(lambda d: (d.case or "").lower()),
    ),
    Field(
        "case_id",
        str | None,
        None,
        _or_none,
        record=lambda: ID(stored=True),
        document=lambda: ID(stored=True, sortable=True),
        **_of_doc(lambda d: d.case_id or ""),
    ),
    Field(
        "board",
        str | None,
        None,
        _or_none,
        record=lambda: ID(stored=True),
        document=lambda: ID(stored=True, sortable=True),
        **_of_doc(lambda d: d.board or ""),
    ),
    Field(  # lets "--board fenmarsh" match the full board name
        "board_words",
        None,
        None,
        _or_none,
        record=Words,
        document=Words,
        hit=False,
        info=False,
        **_of_doc(lambda d: d.board or ""),
    ),
    Field(
        "year",
        int | None,
        None,
        lambda v: v,
        record=_year,
        document=_year,
        **_of_doc(lambda d: d.year),
    ),
    Field(
        "published",
        str | None,
        None,
        _or_none,
        record=STORED,
        document=STORED,
        json="never",
        **_of_doc(lambda d: d.published or ""),
    ),
    Field(  # the source's organisation, where it is not the board
        "publisher",
        str | None,
        None,
        _or_none,
        record=STORED,
        document=STORED,
        json="if-set",
        **_of_doc(lambda d: d.publisher or ""),
    ),
    Field(
        "doc_type",
        str,
        "other",
        lambda v: v or "other",
        record=lambda: ID(stored=True),
        document=lambda: ID(stored=True, sortable=True),
        **_of_doc(lambda d: d.doc_type),
    ),
    # -- what a record is, and where it is in its document
    Field(
        "section",
        str | None,
        None,
        _or_none,
        record=lambda: StemmedText(stored=True),
        document=lambda: StemmedText(phrase=False),
        of_record=lambda _doc, lesson: lesson.section or "",
        of_document=lambda _doc, lessons: "\n".join(
            dict.fromkeys(x.section for x in lessons if x.section)
        ),
        info=False,
    ),
    Field(
        "kind",
        str,
        "passage",
        lambda v: v or "passage",
        record=lambda: ID(stored=True),
        # A document's: the kinds of its records.
        document=lambda: KEYWORD(commas=True, lowercase=False, scorable=False),
        of_record=lambda _doc, lesson: lesson.kind,
        of_document=lambda _doc, lessons: ",".join(dict.fromkeys(x.kind for x in lessons)),
        info=False,
    ),
    Field(  # lessons first when browsing without a query
        "kind_rank",
        None,
        None,
        _or_none,
        record=lambda: SortKey(int, sortable=True),
        of_record=lambda _doc, lesson: _kind_rank(lesson.kind),
        hit=False,
    ),
    Field(
        "page",
        int | None,
        None,
        lambda v: v,
        record=STORED,
        of_record=lambda _doc, lesson: lesson.page,
    ),
    Field(
        "order",
        None,
        None,
        _or_none,
        record=lambda: SortKey(int, stored=True, sortable=True),
        of_record=lambda _doc, lesson: lesson.order,
        hit=False,
    ),
    # A record's themes; a document's are those its lessons raise, most raised first.
    Field(
        "themes",
        list[str],
        [],
        _comma_list,
        record=_commas,
        document=_commas,
        of_record=lambda _doc, lesson: ",".join(lesson.themes),
        of_document=lambda _doc, lessons: ",".join(
            t for t, _ in _theme_counts(lessons).most_common()
        ),
    ),
    Field(  # the themes a search about a theme ranks a record by (see harvester.tagging)
        "sure_themes",
        None,
        None,
        _or_none,
        record=lambda: KEYWORD(commas=True, lowercase=False, scorable=False),
        document=lambda: KEYWORD(commas=True, lowercase=False, scorable=False),
        hit=False,
        info=False,
        of_record=lambda _doc, lesson: ",".join(_sure_themes(lesson)),
        of_document=lambda _doc, lessons: ",".join(
            dict.fromkeys(t for x in lessons for t in _sure_themes(x))
        ),
    ),
    Field(  # themes of any of its records: what a search's theme facet counts
        "record_themes",
        list[str],
        [],
        _comma_list,
        document=_commas,
        of_document=lambda _doc, lessons: ",".join(
            dict.fromkeys(t for x in lessons for t in x.themes)
        ),
    ),
    Field(
        "theme_counts",
        dict[str, int],
        {},
        lambda v: dict(v or {}),
        document=STORED,
        of_document=lambda _doc, lessons: dict(_theme_counts(lessons).most_common()),
    ),
    Field(
        "kinds",
        dict[str, int],
        {},
        lambda v: dict(v or {}),
        document=STORED,
        of_document=lambda _doc, lessons: dict(Counter(x.kind for x in lessons)),
    ),
    Field(
        "text",
        str,
        "",
        _text,
        record=lambda: StemmedText(stored=True),
        # The unstemmed words for "did you mean" are kept in the document-level index
        # (once per segment), not once per record.
        document=lambda: StemmedText(phrase=False, spelling=True),
        of_record=lambda _doc, lesson: lesson.text,
        of_document=lambda _doc, lessons: "\n\n".join(x.text for x in lessons),
        info=False,
        json="never",
    ),
    # -- where the document is, and its provenance
    Field(
        "source_url",
        str,
        "",
        _text,
        record=STORED,
        document=STORED,
        **_of_doc(lambda d: d.source_url),
    ),
    Field(  # the archived copy in the store
        "sha256",
        str,
        "",
        _text,
        record=STORED,
        document=STORED,
        json="never",
        **_of_doc(lambda d: d.sha256),
    ),
    Field(
        "online",
        bool,
        True,
        lambda v: bool(v),
        record=lambda: BOOLEAN(stored=True),
        document=lambda: BOOLEAN(stored=True),
        json="never",
        **_of_doc(lambda d: d.online),
    ),
    Field(
        "pages",
        int,
        0,
        lambda v: int(v or 0),
        document=STORED,
        of_document=lambda doc, _lessons: doc.pages,
    ),
    Field(
        "first_seen",
        str | None,
        None,
        _or_none,
        document=STORED,
        of_document=lambda doc, _lessons: doc.first_seen or "",
    ),
    Field(
        "last_seen",
        str | None,
        None,
        _or_none,
        document=STORED,
        of_document=lambda doc, _lessons: doc.last_seen or "",
    ),
    Field(
        "urls",
        list[str],
        [],
        lambda v: list(v or []),
        document=STORED,
        of_document=lambda doc, _lessons: list(doc.urls or (doc.source_url,)),
    ),
    Field(  # (sha256, fetched_at) of every version
        "versions",
        list[list[str]],
        [],
        lambda v: [list(x) for x in v or []],
        document=STORED,
        of_document=lambda doc, _lessons: [list(v) for v in doc.versions],
    ),
)

BY_NAME = {f.name: f for f in FIELDS}


def schema_fields(level: str) -> dict[str, FieldType]:
    """The fields of the "record" or "document" level's schema."""
    return {
        f.name: make()
        for f in FIELDS
        if (make := f.record if level == "record" else f.document) is not None
    }


def record_values(doc: DocumentRecord, lesson: LessonRecord) -> dict[str, object]:
    """What the record-level index is given for one record (a value of None is left
    out: a record without a page, a document without a year)."""
    values = {f.name: f.of_record(doc, lesson) for f in FIELDS if f.of_record is not None}
    return {k: v for k, v in values.items() if v is not None}


def document_values(doc: DocumentRecord, lessons: Sequence[LessonRecord]) -> dict[str, object]:
    """What the document-level index is given for one document."""
    values = {f.name: f.of_document(doc, lessons) for f in FIELDS if f.of_document is not None}
    return {k: v for k, v in values.items() if v is not None}


def _read(fields: Sequence[Field], stored: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for f in fields:
        value = stored.get(f.name)
        out[f.name] = f.read(value) if value is not None else _fresh(f.default)
    return out


def _fresh(default: Any) -> Any:
    return type(default)() if isinstance(default, list | dict) else default


HIT_FIELDS = tuple(f for f in FIELDS if f.hit and f.record is not None)
INFO_FIELDS = tuple(f for f in FIELDS if f.info and f.document is not None)
HIT_JSON = tuple(f.name for f in HIT_FIELDS if f.json == "always")
HIT_JSON_IF_SET = tuple(f.name for f in HIT_FIELDS if f.json == "if-set")


def hit_values(stored: dict[str, Any]) -> dict[str, Any]:
    """A record's stored fields as `Hit` carries them."""
    return _read(HIT_FIELDS, stored)


def info_values(stored: dict[str, Any]) -> dict[str, Any]:
    """A document's stored fields as `DocumentInfo` carries them."""
    return _read(INFO_FIELDS, stored)


def _attributes(fields: Sequence[Field]) -> list[tuple[str, Any, Any]]:
    return [
        (
            f.name,
            f.type,
            dataclass_field(default_factory=type(f.default))
            if isinstance(f.default, list | dict)
            else dataclass_field(default=f.default),
        )
        for f in fields
    ]


# The attributes results and documents take from the table, as dataclass bases.
HitFields = make_dataclass("HitFields", _attributes(HIT_FIELDS), kw_only=True)
DocumentFields = make_dataclass(
    "DocumentFields", _attributes(INFO_FIELDS), kw_only=True, frozen=True
)
