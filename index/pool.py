"""One searcher for the whole process, reopened when the index changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from index.expansion import Expander
from index.location import current_index_dir
from index.search import LessonSearcher


class SearcherPool:
    """One searcher for the process, shared by the server's threads (it lets one in at a
    time; with the GIL, more searchers would buy copies, not speed), reopened when the index
    changes: an incremental update, or a rebuild swapped in. A replaced searcher is closed
    a while later, once requests that hold it have finished.

    With `warm` (the server), a changed index is opened and warmed in the background while
    the searcher before it goes on answering, so no request waits for the warming."""

    def __init__(
        self,
        data_dir: Path,
        theme_label: Callable[[str], str] | None = None,
        expander: Expander | None = None,
        check_every: float = 1.0,
        retire_after: float = 60.0,
        exact_ranking: bool = True,
        warm: bool = False,
    ) -> None:
        self.data_dir = data_dir
        self._label = theme_label
        self._expander = expander
        self._exact_ranking = exact_ranking
        self._warm = warm  # look up the taxonomy's words in each searcher opened
        self._check_every = check_every
        self._retire_after = retire_after
        self._lock = threading.Lock()
        self._searcher: LessonSearcher | None = None
        self._checked = 0.0
        self._retired: list[tuple[float, LessonSearcher]] = []
        self._opening = False  # a changed index is being opened in the background
        self._closed = False

    def get(self) -> LessonSearcher:
        with self._lock:
            now = time.monotonic()
            searcher = self._searcher
            if searcher is not None and now - self._checked < self._check_every:
                return searcher
            self._checked = now
            self._close_retired(now)
            if searcher is not None:
                if self._opening or (
                    searcher.path == current_index_dir(self.data_dir) and searcher.up_to_date()
                ):
                    return searcher
                if self._warm:
                    self._opening = True
                    threading.Thread(target=self._open_in_background, daemon=True).start()
                    return searcher
                self._retired.append((now, searcher))
                self._searcher = None
            opened = self._open()
            self._searcher = opened
            return opened

    def _open(self) -> LessonSearcher:
        opened = LessonSearcher(
            self.data_dir, self._label, self._expander, exact_ranking=self._exact_ranking
        )
        if self._warm:
            opened.warm()
        return opened

    def _open_in_background(self) -> None:
        try:
            opened: LessonSearcher | None = self._open()
        except Exception:  # noqa: BLE001 - the index is mid-change: the next check retries
            opened = None
        with self._lock:
            self._opening = False
            if opened is None:
                return
            if self._closed:
                opened.close()
                return
            if self._searcher is not None:
                self._retired.append((time.monotonic(), self._searcher))
            self._searcher = opened

    def _close_retired(self, now: float) -> None:
        keep = []
        for retired_at, searcher in self._retired:
            if now - retired_at >= self._retire_after:
                searcher.close()
            else:
                keep.append((retired_at, searcher))
        self._retired = keep

    def close(self) -> None:
        with self._lock:
            self._closed = True
            searchers = [s for _, s in self._retired]
            if self._searcher is not None:
                searchers.append(self._searcher)
            self._searcher, self._retired = None, []
        for searcher in searchers:
            searcher.close()
