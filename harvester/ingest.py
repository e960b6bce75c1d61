"""`scr ingest`: local files and folders into the same store and catalog as harvested ones,
with the file's path as provenance."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harvester.catalog import Catalog
from harvester.extract import sniff_kind
from harvester.store import BlobStore

SUFFIXES = {".pdf", ".docx", ".doc", ".pptx", ".html", ".htm", ".txt"}
INGEST_SOURCE = "ingest"


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path


def ingest_paths(paths: list[Path], catalog: Catalog, store: BlobStore) -> IngestReport:
    report = IngestReport()
    for path in _files(paths):
        url = path.resolve().as_uri()
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.failed.append((str(path), exc.strerror or str(exc)))
            catalog.record_failure(None, url, None, f"cannot read file: {exc.strerror or exc}")
            continue
        # The file name is the only "listing context" a local file has.
        name = path.stem.replace("_", " ").replace("-", " ")
        catalog.remember_link(url, INGEST_SOURCE, None, None, name, path.parent.name, name)
        row = catalog.url(url)
        sha = store.put(data)
        if catalog.record_fetch(url, sha, len(data), sniff_kind(data), None, None, 200):
            report.added += 1
            report.changed.add(sha)
            if row is not None and row.sha256:
                report.changed.add(row.sha256)
        else:
            report.unchanged += 1
    return report
