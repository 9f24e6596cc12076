"""Paths → LoadResult: find the files, read each in isolation, run the cross-file checks.

This is the entry point of the core for `check` and `gap`:

    result = load_paths([Path("returns/")], report_year=None, limits=DEFAULT_LIMITS)
    result.records      # valid UnitRecords of every file
    result.files        # one FileResult per file, with its findings
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from gender_plan_cli import findings as fnd
from gender_plan_cli.crosscheck import cross_check
from gender_plan_cli.layout import locate
from gender_plan_cli.reading import Book, open_book
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits, ReadProblem, reader_failure
from gender_plan_cli.received import ReceivedMode, received, signature_date
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.registry import Registry
from gender_plan_cli.roster import read_roster_sheet
from gender_plan_cli.roster.resolve import resolve_rosters
from gender_plan_cli.validate import validate_sheet

if TYPE_CHECKING:
    from gender_plan_cli.isolation import WorkerLimits
    from gender_plan_cli.roster.config import RosterConfig

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to read: the files named, and the spreadsheets under the folders named, sorted.

    Excel's lock files (`~$name.xlsx`) are skipped. A path that does not exist
    raises FileNotFoundError: that is the caller's usage error.
    """
    found: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(str(path))
        if path.is_dir() and path.suffix.lower() not in EXTENSIONS:
            for root, dirs, files in os.walk(path):  # followlinks=False: no symlink loops
                dirs.sort()
                for name in sorted(files):
                    if name.startswith("~$") or not name.lower().endswith(EXTENSIONS):
                        continue
                    _add(found, seen, Path(root) / name)
                for name in dirs:
                    sub = Path(root) / name
                    if name.lower().endswith(EXTENSIONS) and not sub.is_symlink():
                        _add(found, seen, sub)  # a folder named like a workbook: reported
        else:
            _add(found, seen, path)
    return found


def _add(found: list[Path], seen: set[str], path: Path) -> None:
    key = str(path)
    if key not in seen:
        seen.add(key)
        found.append(path)


def load_paths(
    paths: Iterable[Path],
    *,
    report_year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, Path], None] | None = None,
    discovered: bool = False,
    registry: Registry | None = None,
    received_from: ReceivedMode = "auto",
    workers: WorkerLimits | None = None,
    roster: RosterConfig | None = None,
) -> LoadResult:
    """Read every file on its own, then check units across files (and against `registry`).

    `discovered`: the paths are already `discover`'s answer (the CLI discovers once, to size
    its progress bar), so folders are not walked again. `received_from` says how a file's
    received date is known, which orders two returns of one unit (see `received`).
    `workers`: read each file in a worker process under these limits (`isolation`), so that a
    file that crashes or exhausts its reader becomes a finding; None reads in this process.
    `roster`: what a person-level roster's cells count as (the package's defaults when None).
    """
    files = list(paths) if discovered else discover(paths)
    if workers is not None:
        from gender_plan_cli.isolation import read_isolated

        read_one = functools.partial(
            read_file, report_year=report_year, limits=limits, roster=roster
        )
        results = read_isolated(files, read_one, workers, progress)
    else:
        results = []
        for i, path in enumerate(files):
            if progress is not None:
                progress(i, len(files), path)
            results.append(read_file(path, report_year=report_year, limits=limits, roster=roster))
    dates = {
        fr.path: received(path, fr.signed_on, received_from)
        for path, fr in zip(files, results, strict=True)
    }
    resolve_rosters(results, registry)
    result = LoadResult(files=results, received=dates)
    cross_check(result, registry, dates)
    if registry is not None:
        result.files.insert(0, registry.file)
    return result


def read_file(
    path: Path,
    *,
    report_year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    roster: RosterConfig | None = None,
) -> FileResult:
    """One file → FileResult. Whatever the bytes, this returns: problems become findings."""
    shown = str(path)
    try:
        book = open_book(path, limits)
    except BaseException as exc:
        return _unreadable(shown, _as_problem(exc))
    try:
        return _read_book(book, shown, report_year, limits, roster)
    except BaseException as exc:
        return _unreadable(shown, _as_problem(exc))
    finally:
        book.close()


def _as_problem(exc: BaseException) -> ReadProblem:
    """What a file did to a reader, as a finding; anything else is a bug and propagates."""
    if isinstance(exc, ReadProblem):
        return exc
    if isinstance(exc, (OSError, ValueError, RecursionError)):  # MemoryError: the pool's to tell
        return ReadProblem("unreadable-file", "unreadable-file", reason=str(exc))
    if type(exc).__name__ == "PanicException":  # python-calamine on a corrupt file
        return reader_failure(exc)
    raise exc


def _unreadable(shown: str, problem: ReadProblem) -> FileResult:
    finding = fnd.make(
        fnd.as_code(problem.code), shown, message_id=problem.message_id, **problem.args_
    )
    return FileResult(path=shown, findings=[finding])


def read_problem_finding(shown: str, exc: BaseException) -> fnd.Finding:
    """What a reader raised on a file, as the finding a return would get."""
    return _unreadable(shown, _as_problem(exc)).findings[0]


def _read_book(
    book: Book, shown: str, cli_year: int | None, limits: Limits, roster: RosterConfig | None = None
) -> FileResult:
    is_csv = not book.has_sheets
    hidden = [s.name for s in book.sheets if s.hidden]
    result: FileResult | None
    for position, info in enumerate(book.sheets):
        grid = book.grid(info)
        sheet_name = None if is_csv else grid.name
        layout = locate(grid)
        if layout is not None:
            result = validate_sheet(grid, layout, shown, sheet_name, cli_year)
        else:  # not a return: a list of people, perhaps
            result = read_roster_sheet(grid, shown, sheet_name, cli_year, roster)
            if result is None:
                continue
        result.ignored_sheets = [s.name for i, s in enumerate(book.sheets) if i != position]
        result.hidden_sheets = hidden
        result.signed_on = signature_date(grid.rows)
        if grid.hidden:
            result.findings.insert(
                0,
                fnd.make(
                    "hidden-sheet",
                    shown,
                    sheet=sheet_name,
                    message_id="hidden-sheet",
                    sheet_name=grid.name,
                ),
            )
        return result
    return FileResult(
        path=shown,
        ignored_sheets=[s.name for s in book.sheets],
        hidden_sheets=hidden,
        findings=[fnd.make("no-header", shown)],
    )
