"""Raw documents kept by sha256: written to a temporary file, then renamed into place.

A temporary file names the process writing it (`.tmp-<pid>-...`). A process killed between
writing and renaming leaves its file behind; the next store opened removes the files of
processes that no longer exist, and never those of a harvest still running beside it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from index.location import blob_relative

TEMP_PREFIX = ".tmp-"
TEMP_NAME = re.compile(r"^\.tmp-(\d+)-")


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    return True


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.remove_abandoned_temporaries()

    def path_for(self, sha256: str) -> Path:
        return self.root / blob_relative(sha256)

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if target.exists():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f"{TEMP_PREFIX}{os.getpid()}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    def remove_abandoned_temporaries(self) -> list[Path]:
        """Delete temporary files left by writers that were killed; returns them."""
        removed = []
        for path in self.root.glob(f"*/{TEMP_PREFIX}*"):
            match = TEMP_NAME.match(path.name)
            if match and not _process_exists(int(match.group(1))):
                path.unlink(missing_ok=True)
                removed.append(path)
        return removed
