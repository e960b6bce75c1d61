"""Understanding: extracted pages + listing hints -> a DocumentRecord and its LessonRecords."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from harvester.extract import Extracted
from harvester.metadata import Hints, infer_metadata
from harvester.segment import segment
from harvester.tagging import ThemeTagger
from index.boards import BoardTable
from index.fields import doc_id_for, lesson_id_for
from index.records import DocumentRecord, LessonRecord


@dataclass(frozen=True)
class Understood:
    document: DocumentRecord
    lessons: list[LessonRecord]


def understand(
    sha256: str,
    extracted: Extracted,
    hints: Hints,
    tagger: ThemeTagger,
    source_url: str,
    online: bool = True,
    boards: BoardTable | None = None,
) -> Understood:
    cover = extracted.pages[0] if extracted.pages else ""
    following = "\f".join(extracted.pages[1:4])
    meta = infer_metadata(
        hints, cover, extracted.title, extracted.metadata, following=following, boards=boards
    )
    doc_id = doc_id_for(sha256)
    lessons: list[LessonRecord] = []
    theme_counts: Counter[str] = Counter()
    row_kind = "recommendation" if meta.doc_type == "action-plan" else None
    for seg in segment(extracted.pages, row_kind=row_kind):
        tagged = tagger.tag_evidence(
            f"{seg.section or ''}\n{seg.text}" if seg.kind != "passage" else seg.text
        )
        themes = tuple(t.theme for t in tagged)
        theme_counts.update(themes)
        lessons.append(
            LessonRecord(
                lesson_id=lesson_id_for(doc_id, seg.order),
                doc_id=doc_id,
                kind=seg.kind,
                text=seg.text,
                section=seg.section,
                page=seg.page,
                order=seg.order,
                themes=themes,
                theme_scores=tuple(t.score for t in tagged),
                weak_themes=tuple(t.theme for t in tagged if not t.sure),
            )
        )
    if meta.description:
        # A national collection's description of the review is its case summary, with the
        # themes the cataloguer gave it.
        tagged = tagger.tag_evidence(meta.description)
        given = tagger.taxonomy.keyword_themes(meta.keywords)
        themes = tuple(dict.fromkeys([*(t.theme for t in tagged), *given]))
        theme_counts.update(themes)
        scores = {t.theme: t.score for t in tagged}
        order = max((lesson.order for lesson in lessons), default=-1) + 1
        lessons.append(
            LessonRecord(
                lesson_id=lesson_id_for(doc_id, order),
                doc_id=doc_id,
                kind="summary",
                text=meta.description,
                section="Catalogue entry",
                page=None,
                order=order,
                themes=themes,
                theme_scores=tuple(scores.get(t, 1.0) for t in themes),
                weak_themes=tuple(t.theme for t in tagged if not t.sure and t.theme not in given),
            )
        )
    document = DocumentRecord(
        doc_id=doc_id,
        title=meta.title,
        case=meta.case,
        case_id=meta.case_id,
        board=meta.board,
        publisher=meta.publisher,
        year=meta.year,
        doc_type=meta.doc_type,
        source_url=source_url,
        sha256=sha256,
        pages=len(extracted.pages),
        online=online,
        published=meta.published,
        themes=tuple(t for t, _ in theme_counts.most_common()),
    )
    return Understood(document, lessons)
