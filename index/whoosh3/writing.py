"""Writing Whoosh 3 segments: postings pooled in memory by term and written a block at a
time into the codec's posting writer, and the segment-level steps (finish a segment, drop
an empty one, commit finished segments) that `index/segments.py` runs in several
processes. What is written is what Whoosh's own SegmentWriter writes."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from whoosh.index import Index
from whoosh.writing import SegmentWriter

from index.whoosh3.arrays import EXTENSION, ArrayWriter
from index.whoosh3.encoding import positions_decoder

# One term's postings, flat: docnum, weight, value, docnum, weight, value, ... (a slice
# with step 3 gives each column at C speed; no tuple per posting is kept).
Flat = list[Any]


def _in_order(flat: Flat) -> Flat:
    # Postings arrive in document order, each document once per term; only the spelling
    # words repeat (all of document 0), which Whoosh's pool orders by the rest.
    if len(flat) > 3 and flat[0] == flat[3]:
        rows = sorted(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))
        flat = [x for row in rows for x in row]
    return flat


class MemoryPool:
    """A segment's postings, grouped by term as they are added.

    Whoosh's own pool sorts every posting as one tuple and, past `limitmb`, pickles each
    to a temporary run file and merges the runs back at commit. Postings arrive in
    document order, so grouping them by term leaves only the terms to sort.
    """

    def __init__(self) -> None:
        self.terms_by_key: dict[tuple[str, bytes], Flat] = {}
        self.postings = 0

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        flat = self.terms_by_key.get(key)
        if flat is None:
            self.terms_by_key[key] = [docnum, weight, vbytes]
        else:
            flat += (docnum, weight, vbytes)
        self.postings += 1

    def terms(self) -> Iterable[tuple[str, bytes, Flat]]:
        """(field name, term, flat postings in document order) in the order a segment
        wants."""
        terms = self.terms_by_key
        for key in sorted(terms):
            yield key[0], key[1], _in_order(terms[key])

    def iter_postings(self) -> Iterable[tuple[str, bytes, int, float, bytes | None]]:
        for fieldname, tbytes, flat in self.terms():
            for row in zip(flat[0::3], flat[1::3], flat[2::3], strict=True):
                yield (fieldname, tbytes, *row)

    def cleanup(self) -> None:
        self.terms_by_key.clear()
        self.postings = 0


class PooledSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with a MemoryPool, writing each term's postings a block at
    a time rather than one posting per call."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = MemoryPool()
        if any(field.vector for _name, field in self.schema.items()):
            raise ValueError("term vectors are not written by this writer")

    def add_document(self, **fields: Any) -> None:
        """Whoosh's SegmentWriter.add_document with the pool's work done in its loop (a
        call and a tuple less per posting); the same postings, stored fields, lengths and
        columns (the schema has no term vectors)."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        terms = self.pool.terms_by_key
        added = 0
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        vbytes = None  # as in Whoosh: spelling postings carry the last value seen
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    scorable = field.scorable
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if fieldboost != 1.0:
                            weight *= fieldboost
                        if scorable:
                            length += freq
                        key = (fieldname, tbytes)
                        flat = terms.get(key)
                        if flat is None:
                            terms[key] = [docnum, weight, vbytes]
                        else:
                            flat += (docnum, weight, vbytes)
                        added += 1
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        self.pool.add((spellfield, word.encode("utf-8"), 0, 1, vbytes))
                customval = fields.get(f"_stored_{fieldname}", value)
                sv = customval if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self.pool.postings += added
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        arrays = ArrayWriter()
        try:
            _write_terms(self.fieldwriter, self.schema, lengths, self.pool, self.docnum, arrays)
        finally:
            lengths.close()
        self.fieldwriter.close()
        # (the long posting lists again as arrays: index/whoosh3/arrays.py)
        with self.storage.create_file(self.newsegment.make_filename(EXTENSION)) as fh:
            arrays.write(fh)


def _write_terms(
    fieldwriter: Any,
    schema: Any,
    lengths: Any,
    pool: MemoryPool,
    doc_count: int,
    arrays: ArrayWriter | None = None,
) -> None:
    """What `FieldWriter.add_postings` writes (whoosh.codec.whoosh3), with each block's
    ids, weights, values and length bounds set from the term's postings at once; each
    posting list of more than one block also to `arrays`."""
    current = None
    field_lengths: list[int | None] | None = None
    decode = None
    for fieldname, tbytes, postings in pool.terms():
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            current = fieldname
            field_lengths = None
            decode = positions_decoder(field.format) if field.format.supports("positions") else None
            if field.scorable:
                length_of = lengths.doc_field_length_reader(fieldname)
                field_lengths = [length_of(d) for d in range(doc_count)]
        fieldwriter.start_term(tbytes)
        block = fieldwriter._postwriter
        limit = block._blocklimit
        ids_all = array("I", postings[0::3])
        weights_all, values_all = postings[1::3], postings[2::3]
        if arrays is not None and len(ids_all) > limit:
            positions = [decode(v) for v in values_all] if decode is not None else None
            arrays.add(block._startoffset, ids_all, weights_all, positions)
        for start in range(0, len(ids_all), limit):
            if start:
                block._write_block()  # the block before is full
            ids = ids_all[start : start + limit]
            weights = weights_all[start : start + limit]
            block._ids = ids
            block._weights = array("f", weights)
            block._values = [v for v in values_all[start : start + limit] if v]
            block._maxweight = max(0, max(weights))
            if field_lengths is not None:
                known = [n for n in (field_lengths[d] for d in ids) if n]
                if known:
                    block._minlength = min(known)
                    block._maxlength = max(known)
        fieldwriter.finish_term()
    if current is not None:
        fieldwriter.finish_field()


def new_writer(ix: Index) -> PooledSegmentWriter:
    return PooledSegmentWriter(ix, compound=False, _lk=False)


def finish_segment(writer: PooledSegmentWriter) -> Any:
    """The writer's segment, finished and ready to commit."""
    # Not writer._finish(): it would empty the temporary folder the index's writers share
    # (the other processes' files too); the parent's commit removes it at the end.
    return writer._finalize_segment()


def discard_segment(writer: SegmentWriter) -> None:
    """Close a writer that wrote nothing (its empty segment is not committed)."""
    writer._close_segment()


def commit_segments(ix: Index, segments: list[Any]) -> None:
    """Commit finished segments as the index's whole content (no merge), holding the
    index's lock while the table of contents is written."""
    writer = SegmentWriter(ix, compound=False)
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
