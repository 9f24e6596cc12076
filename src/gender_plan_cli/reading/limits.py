"""Safety limits checked before a file is read into memory, and the problems they raise."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from gender_plan_cli.findings import Finding, as_code, column_letter, make

MiB = 1024 * 1024
CHUNK = MiB  # what the guards read, inflate or decode at a time


@dataclass(frozen=True)
class Limits:
    """Bounds on what one submitted file may cost; each has a CLI flag to raise it."""

    max_file_mb: float = 100  # --max-file-mb: size of the file on disk
    max_unzipped_mb: float = 500  # --max-unzipped-mb: all members of a workbook, decompressed
    max_ratio: float = 200  # --max-ratio: decompressed ÷ compressed size of one member over 1 MiB
    max_cells: int = 5_000_000  # --max-cells: rows × columns of the used range of a sheet
    max_line_kb: float = 1024  # --max-line-kb: one line of a CSV

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MiB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MiB)

    @property
    def max_line_bytes(self) -> int:
        return int(self.max_line_kb * 1024)


DEFAULT_LIMITS = Limits()
# What a worker process reading one file may use (`isolation.WorkerLimits`; CLI flags
# --max-memory-mb and --max-seconds).
WORKER_MEMORY_MB = 4096
WORKER_SECONDS = 120.0

# Whether an .xlsx sheet's values may be parsed by calamine while the byte scan still measures
# it, and whom to tell when they are. Only a worker whose address space is capped turns it on
# (`isolation`), for one file at a time: there, a sheet too large for calamine ends in an
# allocation the cap refuses, and the file is read again with the scan first, which says what
# is wrong (`XlsxBook.grid`).
_overlap: Callable[[], None] | None = None


def set_overlap(tell: Callable[[], None] | None) -> None:
    """Let reads overlap, calling `tell()` as one starts to; None: one step after the other."""
    global _overlap
    _overlap = tell


def overlap() -> Callable[[], None] | None:
    return _overlap


class ReadProblem(Exception):
    """A file that cannot be read; becomes one file-level finding, never a crash."""

    def __init__(self, code: str, message_id: str, **args: object) -> None:
        super().__init__(message_id)
        self.code = code
        self.message_id = message_id
        self.args_: dict[str, Any] = args


def reader_failure(exc: BaseException) -> ReadProblem:
    """A reader's own failure as a finding.

    python-calamine raises `PanicException` (a BaseException, not an Exception)
    on some corrupt files; it is a property of the file, not a reason to stop
    the run. Interrupts still propagate.
    """
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc
    return ReadProblem("unreadable-file", "unreadable-file", reason=str(exc) or type(exc).__name__)


def as_problem(exc: BaseException) -> ReadProblem:
    """What a file did to a reader, as a finding; anything else is a bug and propagates."""
    if isinstance(exc, ReadProblem):
        return exc
    if isinstance(exc, (OSError, ValueError, RecursionError)):  # MemoryError: the pool's to tell
        return ReadProblem("unreadable-file", "unreadable-file", reason=str(exc))
    if type(exc).__name__ == "PanicException":  # python-calamine on a corrupt file
        return reader_failure(exc)
    raise exc


def problem_finding(shown: str, problem: ReadProblem) -> Finding:
    """The file-level finding a file that cannot be read gets, return or registry alike."""
    return make(as_code(problem.code), shown, message_id=problem.message_id, **problem.args_)


_UNREADABLE = "unreadable-file"
_TOO_LARGE = "file-too-large"


def unreadable(message_id: str, **args: object) -> ReadProblem:
    """`unreadable-file.<message_id>`: the file is not what it should be."""
    return ReadProblem(_UNREADABLE, f"{_UNREADABLE}.{message_id}", **args)


def too_large(message_id: str, **args: object) -> ReadProblem:
    """`file-too-large.<message_id>`: the file is over a limit (its flag is in `args`)."""
    return ReadProblem(_TOO_LARGE, f"{_TOO_LARGE}.{message_id}", **args)


def mb(n: int) -> float:
    return round(n / MiB, 1)


def check_cells(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    """The one cell-limit check: refuse a used range of more than max_cells, naming its extent."""
    cells = rows * cols
    if cells > limits.max_cells:
        raise too_large(
            "cells",
            sheet=sheet,
            extent=f"A1:{column_letter(max(cols, 1))}{max(rows, 1)}",
            cells=cells,
            limit=limits.max_cells,
            flag="--max-cells",
        )


# What reading one book may cost besides each sheet's own cell limit.
BOOK_CELLS_FACTOR = 2  # all sheets read, together: twice --max-cells
MAX_SHEETS_TRIED = 500  # sheets read looking for the header row (real HR templates hold 200)
MAX_MERGED = 10_000  # merged ranges of one sheet
MERGE_EXPANDED_MAX = 10_000  # a merge larger than this is decoration: never expanded cell by cell


def check_merged(sheet: str, merged: list[tuple[int, int, int, int]], limits: Limits) -> None:
    """Refuse a sheet whose merged ranges would cost more to follow than its cells: 100,000
    identical merges make the layout expand each one."""
    cells = 0
    for r0, c0, r1, c1 in merged:
        area = (r1 - r0 + 1) * (c1 - c0 + 1)
        if area <= MERGE_EXPANDED_MAX:
            cells += area
    if len(merged) > MAX_MERGED or cells > limits.max_cells:
        raise too_large(
            "merged",
            sheet=sheet,
            count=len(merged),
            cells=cells,
            limit=MAX_MERGED,
            limit_cells=limits.max_cells,
        )


class BookBudget:
    """The work of reading one book: cells of all sheets read, and sheets tried."""

    def __init__(self, limits: Limits, sheets: int) -> None:
        self.limit = limits.max_cells * BOOK_CELLS_FACTOR
        self.sheets = sheets
        self.cells = 0
        self.tried = 0

    def next_sheet(self) -> None:
        """Before a sheet is read: the count of sheets tried is bounded."""
        if self.tried >= MAX_SHEETS_TRIED:
            raise too_large("sheets", tried=self.tried, left=self.sheets - self.tried)
        self.tried += 1

    def spend(self, sheet: str, rows: list[list[Any]]) -> None:
        """After a sheet is read: its cells count against the book's budget."""
        self.cells += len(rows) * max(map(len, rows), default=0)
        if self.cells > self.limit:
            raise too_large("book-cells", sheet=sheet, limit=self.limit, flag="--max-cells")


def unzipped_over(member: str, limit_mb: float) -> ReadProblem:
    """One zip member inflates past the decompressed-size budget."""
    return too_large("unzipped", member=member, limit=limit_mb, flag="--max-unzipped-mb")


# -- the file itself -----------------------------------------------------------------------------


def _stat(path: Path) -> os.stat_result:
    """The file's status, with every way of not being a readable file named."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise unreadable("missing", name=path.name) from None
    except PermissionError:
        raise unreadable("permission", name=path.name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise unreadable("symlink-loop", name=path.name) from None
        raise unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise unreadable("directory", name=path.name)
    if not stat.S_ISREG(st.st_mode):  # a FIFO or /dev/zero would block or never end
        raise unreadable("not-regular", name=path.name)
    return st


def open_file(path: Path) -> BinaryIO:
    """The file opened for reading, or the problem that prevents it."""
    try:
        return open(path, "rb")  # noqa: SIM115 - returned to the caller's `with`
    except PermissionError:
        raise unreadable("permission", name=path.name) from None
    except OSError as exc:
        raise unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None


def checked_size(path: Path, limits: Limits) -> int:
    """The size of a regular, non-empty file within --max-file-mb."""
    size = _stat(path).st_size
    if size == 0:
        raise unreadable("empty", name=path.name)
    if size > limits.max_file_bytes:
        raise too_large("size", size=mb(size), limit=limits.max_file_mb, flag="--max-file-mb")
    return size
