"""What a parser worker process does to itself before its first document: it dies with its
parent, holds none of its parent's open files, and has a memory limit.

A worker forked from the harvester would otherwise inherit every descriptor the harvester
had open: the index's write locks (so a worker outliving a killed harvester keeps the index
locked) and the harvester's ends of the workers' pipes (so no worker sees its parent go).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import sys
import threading
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1
PARENT_CHECK_SECONDS = 1.0


def bind_to_parent(parent_pid: int) -> None:
    """Exit as soon as the process `parent_pid` is gone: on Linux the kernel kills this one
    when its parent dies (strictly, when the parent's thread that started it ends: a pool
    is run from the thread that starts it); elsewhere a thread watches for the parent."""
    if sys.platform.startswith("linux") and _set_parent_death_signal():
        # The parent may have died before the signal was asked for.
        if os.getppid() != parent_pid:
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _set_parent_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _open_descriptors() -> list[int]:
    for listing in ("/proc/self/fd", "/dev/fd"):
        with contextlib.suppress(OSError):
            return sorted(int(name) for name in os.listdir(listing) if name.isdigit())
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return list(range(min(soft, 4096)))


def drop_inherited(keep: set[int]) -> None:
    """Let go of every descriptor inherited from the parent except standard input, output,
    error and `keep`. Each is pointed at /dev/null rather than closed: objects copied from
    the parent may still close their descriptor later, and a closed number could by then
    belong to a file this process opened itself."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in _open_descriptors():
            if fd > 2 and fd != null and fd not in keep:
                with contextlib.suppress(OSError):
                    os.fstat(fd)
                    os.dup2(fd=null, fd2=fd)
    finally:
        os.close(null)


def address_space(pid: int | str = "self") -> int | None:
    """The virtual memory size of a process in bytes (Linux), None when unknown."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def limit_memory(allowance: int) -> int | None:
    """Let this process grow by at most `allowance` bytes of address space beyond its size
    now (what it shares with its parent at fork time is already counted in that size).
    Returns the limit set, None where limits are not supported."""
    limit = (address_space() or 0) + allowance
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError, AttributeError):
        return None
    return limit
