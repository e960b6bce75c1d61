"""`scr ingest`: local files and folders into the same store and catalog as harvested ones,
with the file's path as provenance.

Only regular files are read (a FIFO or a device would block or never end), none larger
than `max_document_mb`, and a link inside a folder that leads out of it is not followed
unless asked for: a folder of reviews must not bring a system file into the store.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harvester.catalog import Catalog
from harvester.extract import sniff_kind
from harvester.settings import HarvestSettings
from harvester.store import BlobStore

SUFFIXES = {".pdf", ".docx", ".doc", ".pptx", ".html", ".htm", ".txt"}
INGEST_SOURCE = "ingest"
MB = 1024 * 1024


@dataclass(frozen=True)
class IngestSettings:
    max_bytes: int = HarvestSettings().max_document_bytes
    follow_links: bool = False  # links out of a given folder are read too


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # not read, by rule
    changed: set[str] = field(default_factory=set)


class _Skipped(Exception):
    """A path that is not read, by rule (not a failure)."""


class _Refused(Exception):
    """A file that is not read because of what it is (recorded as a failure)."""


def _walk(folder: Path, root: Path, follow_links: bool, seen: set[Path]) -> Iterator[Path]:
    """The document files below `folder`, in name order; a link leading out of `root` only
    with `follow_links` (it comes back as its own path, and is then skipped)."""
    with os.scandir(folder) as entries:
        ordered = sorted(entries, key=lambda e: e.name)
    for entry in ordered:
        path = Path(entry.path)
        if entry.is_symlink() and not follow_links and not _inside(path, root):
            if entry.is_dir() or path.suffix.lower() in SUFFIXES:
                yield path
            continue
        if entry.is_dir():
            real = path.resolve()
            if real not in seen:  # a link back into a folder already read is read once
                seen.add(real)
                yield from _walk(path, root, follow_links, seen)
        elif path.suffix.lower() in SUFFIXES:
            yield path


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _paths(paths: list[Path], follow_links: bool) -> Iterator[tuple[Path, Path | None]]:
    """(file, the folder it was found in, or None for a file named on its own)."""
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for found in _walk(path, root, follow_links, {root}):
                yield found, root
        else:
            yield path, None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read(path: Path, root: Path | None, settings: IngestSettings) -> bytes:
    """The bytes of a regular file of at most the size cap."""
    if root is not None and not settings.follow_links and not _inside(path, root):
        raise _Skipped(f"a link to outside {root.name}/ (--follow-links reads it)")
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise _Skipped(f"{_kind(info.st_mode)}, not a regular file")
    # Non-blocking, so that a file swapped for a pipe since the check cannot hold the run.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):
            raise _Skipped(f"{_kind(opened.st_mode)}, not a regular file")
        data = handle.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        size = max(opened.st_size, len(data))
        raise _Refused(
            f"{size / MB:.1f} MB, larger than the {settings.max_bytes / MB:g} MB limit "
            "(max_document_mb)"
        )
    return data


def ingest_paths(
    paths: list[Path],
    catalog: Catalog,
    store: BlobStore,
    settings: IngestSettings | None = None,
) -> IngestReport:
    settings = settings or IngestSettings()
    report = IngestReport()
    for path, root in _paths(paths, settings.follow_links):
        url = path.resolve().as_uri()
        try:
            data = _read(path, root, settings)
        except _Skipped as skip:
            report.skipped.append((str(path), str(skip)))
            continue
        except _Refused as refused:
            report.failed.append((str(path), str(refused)))
            catalog.record_failure(None, url, "too_large", str(refused))
            continue
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
