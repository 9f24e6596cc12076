"""Paths → LoadResult: find the files, read each in isolation, run the cross-file checks.

This is the entry point of the core for `check` and `gap`:

    result = load_paths([Path("returns/")], report_year=None, limits=DEFAULT_LIMITS)
    result.records      # valid UnitRecords of every file
    result.files        # one FileResult per file, with its findings
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from gender_plan_cli import findings as fnd
from gender_plan_cli.collection.crosscheck import cross_check
from gender_plan_cli.collection.received import ReceivedMode, received, signature_date
from gender_plan_cli.collection.registry import Registry, RegistryFile
from gender_plan_cli.gcpause import gc_paused
from gender_plan_cli.intake.own_output import (
    is_blank_template,
    is_csv_output,
    is_json_output,
    marked_workbook,
    skipped,
)
from gender_plan_cli.layout import find
from gender_plan_cli.layout.no_header import Closest, data_sheet_elsewhere
from gender_plan_cli.reading import Book, open_book
from gender_plan_cli.reading.legacy import Converted, convert_grid
from gender_plan_cli.reading.limits import (
    DEFAULT_LIMITS,
    BookBudget,
    Limits,
    ReadProblem,
    as_problem,
    check_merged,
    problem_finding,
    unreadable,
)
from gender_plan_cli.records import FileResult, LoadResult, Received
from gender_plan_cli.roster import read_roster_sheet
from gender_plan_cli.roster.resolve import resolve_rosters
from gender_plan_cli.validation.validate import validate_sheet

if TYPE_CHECKING:
    from gender_plan_cli.intake.isolation import ReaderPool
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.roster.config import RosterConfig

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv")


class Discovered(list[Path]):
    """The files to read, and those found but refused before any reading: a folder that could
    not be walked, a symbolic link leading out of the folder named."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: dict[Path, ReadProblem] = {}


def discover(paths: Iterable[Path]) -> Discovered:
    """Files to read: the files named, and the spreadsheets under the folders named, sorted.

    Excel's lock files (`~$name.xlsx`) are skipped. A path that does not exist
    raises FileNotFoundError: that is the caller's usage error. Nothing under a folder is
    skipped in silence: what cannot be walked or leads out of it is in `refused`.
    """
    found = Discovered()
    seen: set[str] = set()
    for path in paths:
        path = Path(path)
        if not path.exists() and not path.is_symlink():
            raise FileNotFoundError(str(path))
        if path.is_dir() and path.suffix.lower() not in EXTENSIONS:
            _walk(path, found, seen)
        else:
            _add(found, seen, path)
    return found


def _walk(top: Path, found: Discovered, seen: set[str]) -> None:
    inside = top.resolve()

    def cannot_walk(err: OSError) -> None:
        where = Path(err.filename) if err.filename else top
        _add(found, seen, where)
        found.refused[where] = unreadable(
            "folder", name=str(where), reason=err.strerror or str(err)
        )

    for root, dirs, files in os.walk(top, onerror=cannot_walk):  # followlinks=False: no loops
        dirs.sort()
        for name in sorted(files):
            if name.startswith("~$") or not name.lower().endswith(EXTENSIONS):
                continue
            path = Path(root) / name
            _add(found, seen, path)
            if path.is_symlink():
                try:
                    target = path.resolve()
                except (OSError, RuntimeError):  # a loop: read_file names it
                    continue
                if not target.is_relative_to(inside):
                    found.refused[path] = unreadable(
                        "outside-link", name=path.name, target=str(target)
                    )
        for name in dirs:
            sub = Path(root) / name
            if name.lower().endswith(EXTENSIONS) and not sub.is_symlink():
                _add(found, seen, sub)  # a folder named like a workbook: reported


def _add(found: list[Path], seen: set[str], path: Path) -> None:
    key = str(path)
    if key not in seen:
        seen.add(key)
        found.append(path)


@gc_paused()  # 200,000 records arrive from the workers: no cycles to look for
def load_paths(
    paths: Iterable[Path],
    *,
    report_year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, Path], None] | None = None,
    discovered: bool = False,
    registry: Registry | RegistryFile | None = None,
    received_from: ReceivedMode = "auto",
    workers: WorkerLimits | None = None,
    roster: RosterConfig | None = None,
    receipts: Mapping[Path, Received] | None = None,
    pool: ReaderPool | None = None,
    cache: MutableMapping[Path, FileResult] | None = None,
) -> LoadResult:
    """Read every file on its own, then check units across files (and against `registry`).

    `discovered`: the paths are already `discover`'s answer (the CLI discovers once, to size
    its progress bar), so folders are not walked again. `received_from` says how a file's
    received date is known, which orders two returns of one unit (see `received`).
    `workers`: read each file in a worker process under these limits (`isolation`), so that a
    file that crashes or exhausts its reader becomes a finding; None reads in this process.
    `pool`: workers kept alive between calls (`isolation.ReaderPool`), used instead.
    `roster`: what a person-level roster's cells count as (the package's defaults when None).
    `receipts`: when files arrived, as recorded on arrival (the portal's receipts); such a date
    comes before every other source. `cache`: each file as read before, by path, for files
    that never change (the portal's store): only the others are read, the same options given.
    A `RegistryFile` is read while the workers read the files.
    """
    files = list(paths) if discovered else discover(paths)
    refused: dict[Path, ReadProblem] = getattr(paths if discovered else files, "refused", {})
    if registry is not None:
        # The registry is read once, as the registry: found at the top of a folder named, or
        # named among the files (pre-commit passes every changed file), it is not a return.
        files = [p for p in files if not _same_file(p, Path(registry.path))]
    later = registry.load if isinstance(registry, RegistryFile) else None
    read_one = functools.partial(read_file, report_year=report_year, limits=limits, roster=roster)
    results = _read_all(files, refused, read_one, (workers, pool, later), progress, cache)
    if isinstance(registry, RegistryFile):
        registry = registry.load()
    known = receipts or {}
    dates = {
        fr.path: received(path, fr.signed_on, received_from, known.get(path))
        for path, fr in zip(files, results, strict=True)
    }
    resolve_rosters(results, registry)
    result = LoadResult(files=results, received=dates)
    cross_check(result, registry, dates)
    if registry is not None:
        result.files.insert(0, registry.file)
    return result


def _read_all(
    files: list[Path],
    refused: Mapping[Path, ReadProblem],
    read_one: Callable[[Path], FileResult],
    how: tuple[WorkerLimits | None, ReaderPool | None, Callable[[], object] | None],
    progress: Callable[[int, int, Path], None] | None,
    cache: MutableMapping[Path, FileResult] | None,
) -> list[FileResult]:
    """What each file says, in the order of `files`: refused, or as read before (`cache`), or
    read now on its own. `how`: in a worker process (`pool`'s, or one under `workers`), else
    here; `meanwhile` done as they read (here: first)."""
    workers, pool, meanwhile = how
    to_read = [p for p in files if p not in refused and (cache is None or p not in cache)]
    if workers is not None or pool is not None:
        from gender_plan_cli.intake.isolation import read_isolated

        read = read_isolated(to_read, read_one, workers, progress, pool, meanwhile)
    else:
        if meanwhile is not None:
            meanwhile()
        read = []
        for i, path in enumerate(to_read):
            if progress is not None:
                progress(i, len(to_read), path)
            read.append(read_one(path))
    fresh = dict(zip(to_read, read, strict=True))
    if cache is not None:  # kept as read: the cross-file checks add to their copies
        cache.update({p: fr.model_copy(deep=True) for p, fr in fresh.items()})
    return [
        _unreadable(str(p), refused[p])
        if p in refused
        else fresh[p]
        if p in fresh
        else cache[p].model_copy(deep=True)  # type: ignore[index]
        for p in files
    ]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def read_file(
    path: Path,
    *,
    report_year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    roster: RosterConfig | None = None,
) -> FileResult:
    """One file → FileResult. Whatever the bytes, this returns: problems become findings."""
    shown = str(path)
    if is_json_output(path):
        return skipped(shown, "json")
    try:
        book = open_book(path, limits)
    except BaseException as exc:
        return _unreadable(shown, as_problem(exc))
    try:
        return _read_book(book, shown, report_year, limits, roster)
    except BaseException as exc:
        return _unreadable(shown, as_problem(exc))
    finally:
        book.close()


def legacy_findings(
    columns: list[Converted], shown: str, sheet: str | None, others: list[fnd.Finding]
) -> list[fnd.Finding]:
    """`others` and one warning per column read from a legacy encoding, at its first
    converted cell, in order."""
    found = [
        fnd.make(
            "legacy-encoding",
            shown,
            sheet=sheet,
            row=c.row,
            column=c.column,
            letter=fnd.column_letter(c.column),
            encoding=c.encoding.shown,
        )
        for c in columns
    ]
    return sorted([*others, *found], key=fnd.Finding.sort_key)


def _unreadable(shown: str, problem: ReadProblem) -> FileResult:
    return FileResult(path=shown, findings=[problem_finding(shown, problem)])


def _point_at_the_data(result: FileResult, book: Book, header_sheet: str) -> None:
    """`no-units`, when the figures were typed on another sheet: say which."""
    elsewhere = data_sheet_elsewhere(book, header_sheet)
    if elsewhere is None:
        return
    result.findings = [
        f.model_copy(
            update={
                "message_id": "no-units.other-sheet",
                "args": {**f.args, "data_sheet": elsewhere},
            }
        )
        if f.code == "no-units"
        else f
        for f in result.findings
    ]


@gc_paused()
def _read_book(
    book: Book, shown: str, cli_year: int | None, limits: Limits, roster: RosterConfig | None = None
) -> FileResult:
    is_csv = not book.has_sheets
    own = marked_workbook(getattr(book, "keywords", None))
    if own is not None:
        return skipped(shown, own, sheets=[s.name for s in book.sheets])
    hidden = [s.name for s in book.sheets if s.hidden]
    closest = Closest()
    budget = BookBudget(limits, len(book.sheets))
    result: FileResult | None
    for position, info in enumerate(book.sheets):
        budget.next_sheet()
        grid = book.grid(info)
        budget.spend(grid.name, grid.rows)
        check_merged(grid.name, grid.merged, limits)
        legacy = convert_grid(grid)
        sheet_name = None if is_csv else grid.name
        if is_csv and grid.rows and is_csv_output(grid.rows[0]):
            return skipped(shown, "csv")
        # A list of people first: its `Họ và tên` column is no return's, while its `Giới tính`
        # › `Nam` | `Nữ` and `Mã đơn vị` would also pass for the header of a return.
        result = read_roster_sheet(grid, shown, sheet_name, cli_year, roster)
        if result is None:
            grid.columns = None  # a roster's; a return is validated from its rows
            layout, candidate = find(grid)
            if layout is None:
                closest.see(grid, candidate)
                continue
            result = validate_sheet(grid, layout, shown, sheet_name, cli_year)
            if is_blank_template(getattr(book, "keywords", None), result.units):
                return skipped(shown, "template", sheets=[s.name for s in book.sheets])
            if result.units == 0 and book.has_sheets:
                _point_at_the_data(result, book, grid.name)
        if legacy:
            result.findings = legacy_findings(legacy, shown, sheet_name, result.findings)
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
        findings=[closest.finding(shown)],
    )
