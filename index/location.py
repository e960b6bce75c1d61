"""The data directory's layout, where the live Whoosh index is, and how a rebuilt one
replaces it atomically.

`DataDir(root)` names every part of a data directory: `catalog.sqlite3` (the harvester's
record of sources, documents and runs), `store/` (each document's bytes by SHA-256) and
`index/` (the Whoosh builds). `<root>/index/CURRENT` names the live build folder. A
rebuild writes a fresh folder and then replaces CURRENT with os.replace, so a reader sees
either the old index or the new one, never a half-written one.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

POINTER = "CURRENT"


def blob_relative(sha256: str) -> Path:
    """Where a stored document's bytes lie below the store: `ab/abcdef...`."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 digest: {sha256!r}")
    return Path(sha256[:2]) / sha256


@dataclass(frozen=True)
class DataDir:
    """A data directory: the harvester's catalog and store, and the index built from them."""

    root: Path

    @property
    def catalog(self) -> Path:
        return self.root / "catalog.sqlite3"

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def index(self) -> Path:
        return index_root(self.root)

    def blob(self, sha256: str) -> Path:
        """Where the raw bytes of a stored document live."""
        return self.store / blob_relative(sha256)

    def current_index(self) -> Path | None:
        return current_index_dir(self.root)


def index_root(data_dir: Path) -> Path:
    return data_dir / "index"


def current_index_dir(data_dir: Path) -> Path | None:
    pointer = index_root(data_dir) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = index_root(data_dir) / name
    return path if path.is_dir() else None


def new_build_dir(data_dir: Path) -> Path:
    root = index_root(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


def activate(data_dir: Path, build_dir: Path) -> None:
    """Point CURRENT at `build_dir` and remove older builds.

    The build it replaces is kept until the next swap: searchers opened on it before the
    swap go on reading it (they refresh on their next request)."""
    root = index_root(data_dir)
    previous = current_index_dir(data_dir)
    tmp = root / f"{POINTER}.tmp-{os.getpid()}"
    tmp.write_text(build_dir.name, encoding="utf-8")
    os.replace(tmp, root / POINTER)
    keep = {build_dir, previous}
    for other in root.iterdir():
        if other.is_dir() and other.name.startswith("build-") and other not in keep:
            shutil.rmtree(other, ignore_errors=True)
