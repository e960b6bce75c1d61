"""What every benchmark shares: where things are, the command line, a work folder, the
product's theme tagger, the sample corpus's texts, clocks and profiles, the machine's
description, and the results file (docs/benchmarks.md), whose sections and tables the
benchmarks write."""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import multiprocessing
import os
import platform
import pstats
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path

from harvester.tagging import ThemeTagger
from index.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
SAMPLES = ROOT / "samples"
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# -- the command line --------------------------------------------------------------------------


def command_line(doc: str) -> argparse.ArgumentParser:
    """A benchmark's command line, described by the first paragraph of its docstring."""
    return argparse.ArgumentParser(description=doc.split("\n\n")[0])


def add_no_write(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS}")


# -- where a benchmark works -------------------------------------------------------------------


@contextlib.contextmanager
def work_folder(keep: Path | None = None, prefix: str = "scr-bench-") -> Iterator[Path]:
    """`keep`, created if need be and left in place; else a temporary folder, removed after."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True) as folder:
        yield Path(folder)


def theme_tagger() -> ThemeTagger:
    """The product's tagger over the bundled taxonomy."""
    return ThemeTagger(load_taxonomy(None))


def cpu_count() -> int:
    return os.cpu_count() or 1


def fork_pool(processes: int) -> Pool:
    """A process pool whose workers inherit what this process has loaded."""
    return multiprocessing.get_context("fork").Pool(processes)


def sample_sources() -> Iterator[str]:
    """The body of each source text of the sample corpus (its front matter left out)."""
    for path in sorted((SAMPLES / "sources").glob("*/*.md")):
        yield path.read_text(encoding="utf-8").split("+++", 2)[-1]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


# -- clocks, memory, profiles ------------------------------------------------------------------


@dataclass
class Stopwatch:
    """Started when made: `seconds()` and `ms()` since then, by the performance counter."""

    started: float = field(default_factory=time.perf_counter)

    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def ms(self) -> float:
        return self.seconds() * 1000


def load_average() -> float:
    """The machine's 1-minute load average: how busy other work keeps it."""
    return os.getloadavg()[0]


def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_mb(who: int) -> float:
    """Peak resident memory of `who` (resource.RUSAGE_SELF or RUSAGE_CHILDREN)."""
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def profile_text(profiler: cProfile.Profile, sort: str, count: int) -> str:
    """pstats' listing of the `count` functions first by `sort`."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(count)
    return out.getvalue()


def python_build() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"


def system() -> str:
    return f"{platform.system()} {platform.machine()}"


# -- the results file --------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def table_row(*cells: object) -> str:
    """A Markdown table row; an empty cell is written `| |`."""
    return "|" + "|".join(f" {cell} " if cell != "" else " " for cell in cells) + "|"


def table_head(*columns: str) -> list[str]:
    return [table_row(*columns), "|" + "---|" * len(columns)]


def write_section(text: str, path: Path = RESULTS) -> None:
    """Replace the section that `text` is (its first line is the heading) in the results
    file, or add it at the end; every other section stays."""
    heading = text.split("\n", 1)[0].strip()
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = old.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        rest = "".join(lines[end:])
        new = "".join(lines[:start]) + text + ("\n" + rest if rest else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new, encoding="utf-8")


def publish(text: str) -> None:
    """Write the section `text` to the results file, and say so."""
    write_section(text)
    print(f"written to {RESULTS.relative_to(ROOT)}")


def shown_arguments(argv: list[str]) -> list[str]:
    """A benchmark's arguments as published: a folder given to --work or --reuse is this
    machine's path, named DIR."""
    return ["DIR" if i and argv[i - 1] in ("--work", "--reuse") else a for i, a in enumerate(argv)]
