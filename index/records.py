"""Records that cross from the harvester into the index."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentRecord:
    doc_id: str
    title: str
    case: str | None
    case_id: str | None
    board: str | None  # the board the document states, canonical where the table knows it
    year: int | None
    doc_type: str
    source_url: str
    sha256: str
    pages: int
    online: bool = True
    published: str | None = None
    publisher: str | None = None  # the source's organisation, where it is not the board
    themes: tuple[str, ...] = ()
    # Provenance, from the harvester's catalog: where and when the file was seen.
    first_seen: str | None = None
    last_seen: str | None = None
    urls: tuple[str, ...] = ()
    versions: tuple[tuple[str, str], ...] = ()  # (sha256, fetched_at) of every version


@dataclass(frozen=True)
class LessonRecord:
    """One searchable unit: a lesson, recommendation, case summary or passage of body text."""

    lesson_id: str
    doc_id: str
    kind: str
    text: str
    section: str | None
    page: int | None
    order: int
    themes: tuple[str, ...] = ()
    theme_scores: tuple[float, ...] = field(default=())
    # Of `themes`, those resting on one ordinary word: a facet value, not a search match.
    weak_themes: tuple[str, ...] = ()
