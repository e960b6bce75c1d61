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
    """Point CURRENT at `build_dir` and remove the builds it replaces."""
    root = index_root(data_dir)
    tmp = root / f"{POINTER}.tmp-{os.getpid()}"
    tmp.write_text(build_dir.name, encoding="utf-8")
    os.replace(tmp, root / POINTER)
    for other in root.iterdir():
        if other.is_dir() and other.name.startswith("build-") and other != build_dir:
            # Open searchers keep their files readable until they close (POSIX semantics).
            shutil.rmtree(other, ignore_errors=True)
