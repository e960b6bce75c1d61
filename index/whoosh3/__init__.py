"""Everything that knows Whoosh 3's private layout, in one room.

The index reads posting blocks, length and integer columns and the term file directly, and
writes segments a term at a time, for speed (see `index/scoring.py` and
`index/segments.py`). Those layouts are not Whoosh's public API: they are the ones of the
pinned release, and `check_version` stops a searcher or writer from opening with any other
(a clear one-line error, not a silent loss of speed or a wrong score).
`tests/test_whoosh3_codec.py` checks the pin and that the fast paths are the ones taken.
"""

from __future__ import annotations

import whoosh

# The release whose private layout the modules of this package read and write. Change it
# only together with them, after `tests/test_whoosh3_codec.py` and `tests/test_scoring.py`
# pass on the new release.
PINNED = "3.54.0"


class WhooshVersionError(RuntimeError):
    """The installed Whoosh is not the release this index's readers and writers know."""


def installed_version() -> str:
    return ".".join(str(part) for part in whoosh.__version__)


def check_version(installed: str | None = None) -> None:
    """Raise WhooshVersionError unless the installed Whoosh is the pinned release."""
    found = installed if installed is not None else installed_version()
    if found != PINNED:
        raise WhooshVersionError(
            f"Whoosh {found} is installed but this index reads Whoosh {PINNED}'s files "
            f"directly: install whoosh3=={PINNED} (pip install -e .)"
        )
