"""Where the live Whoosh index is, and how a rebuilt one replaces it atomically.

`<data_dir>/index/CURRENT` names the live build folder. A rebuild writes a fresh folder
and then replaces CURRENT with os.replace, so a reader sees either the old index or the new
one, never a half-written one.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

POINTER = "CURRENT"


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


def blob_path(data_dir: Path, sha256: str) -> Path:
    """Where the raw bytes of a stored document live (written by the harvester's store)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a sha256 digest: {sha256!r}")
    return data_dir / "store" / sha256[:2] / sha256
