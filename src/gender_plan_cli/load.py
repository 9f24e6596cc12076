"""Paths → LoadResult: find the files, read each in isolation, run the cross-file checks.

This is the entry point of the core for `check` and `gap`:

    result = load_paths([Path("returns/")], report_year=None, limits=DEFAULT_LIMITS)
    result.records      # valid UnitRecords of every file
    result.files        # one FileResult per file, with its findings
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import (
    COUNT_FIELDS,
    DTTS_REQUIRED,
    FIELD_BY_ID,
    FIELDS,
    MAX_YEAR,
    MIN_YEAR,
    PARTS,
    REQUIRED_FIELDS,
    Kind,
    is_group_parent,
    is_ordinal_header,
)
from gender_plan_cli.findings import Finding, column_letter
from gender_plan_cli.layout import Layout, RowKinds, classify, locate
from gender_plan_cli.parse import Parsed, parse_value
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits, ReadProblem, reader_failure
from gender_plan_cli.records import FileResult, LoadResult, UnitRecord

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
MAX_FINDINGS_PER_FILE = 1000  # after that a file is sent back anyway; memory stays bounded


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
) -> LoadResult:
    """Read every file on its own, then check units across files."""
    files = discover(paths)
    results: list[FileResult] = []
    for i, path in enumerate(files):
        if progress is not None:
            progress(i, len(files), path)
        results.append(read_file(path, report_year=report_year, limits=limits))
    result = LoadResult(files=results)
    cross_check(result)
    return result


def read_file(
    path: Path, *, report_year: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> FileResult:
    """One file → FileResult. Whatever the bytes, this returns: problems become findings."""
    shown = str(path)
    try:
        book = open_book(path, limits)
    except BaseException as exc:
        return _unreadable(shown, _as_problem(exc))
    try:
        return _read_book(book, shown, report_year, limits)
    except BaseException as exc:
        return _unreadable(shown, _as_problem(exc))
    finally:
        book.close()


def _as_problem(exc: BaseException) -> ReadProblem:
    """What a file did to a reader, as a finding; anything else is a bug and propagates."""
    if isinstance(exc, ReadProblem):
        return exc
    if isinstance(exc, (OSError, ValueError, MemoryError, RecursionError)):
        return ReadProblem("unreadable-file", "unreadable-file", reason=str(exc))
    if type(exc).__name__ == "PanicException":  # python-calamine on a corrupt file
        return reader_failure(exc)
    raise exc


def _unreadable(shown: str, problem: ReadProblem) -> FileResult:
    finding = fnd.make(problem.code, shown, message_id=problem.message_id, **problem.args_)
    return FileResult(path=shown, findings=[finding])


def open_book(path: Path, limits: Limits) -> Any:
    from gender_plan_cli.reading import open_book as open_by_format

    return open_by_format(path, limits)


def _read_book(book: Any, shown: str, cli_year: int | None, limits: Limits) -> FileResult:
    is_csv = not book.has_sheets
    hidden = [s.name for s in book.sheets if s.hidden]
    for position, info in enumerate(book.sheets):
        grid = book.grid(info)
        layout = locate(grid)
        if layout is None:
            continue
        ignored = [s.name for i, s in enumerate(book.sheets) if i != position]
        sheet_name = None if is_csv else grid.name
        result = read_sheet(grid, layout, shown, sheet_name, cli_year)
        result.ignored_sheets = ignored
        result.hidden_sheets = hidden
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


def read_sheet(
    grid: SheetGrid, layout: Layout, shown: str, sheet: str | None, cli_year: int | None
) -> FileResult:
    """The located table → records and cell-located findings."""
    out: list[Finding] = []

    def add(code: str, **kw: Any) -> None:
        out.append(fnd.make(code, shown, sheet=sheet, **kw))

    for later, first in layout.duplicates:
        add(
            "duplicate-column",
            row=later.header_row,
            column=later.index,
            field=later.field,
            value=later.header,
            first=column_letter(first.index),
            letter=column_letter(later.index),
        )
    header_row = layout.header_rows[-1]
    for col in layout.columns:
        top = col.header.split(" / ")[0]
        if (
            col.field is None
            and col.header
            and not is_ordinal_header(top)
            and not (is_group_parent(col.header) and " / " not in col.header)
        ):
            add(
                "unknown-column",
                row=col.header_row,
                column=col.index,
                value=col.header,
                header=col.header,
            )
    year_source = None
    if "report_year" not in layout.fields:
        if layout.title_year is not None:
            year_source = ("title", layout.title_year)
        elif cli_year is not None:
            year_source = ("--report-year", cli_year)
    for fid in REQUIRED_FIELDS:
        if fid in layout.fields:
            continue
        if fid == "report_year":
            if year_source is None:
                add(
                    "missing-column",
                    row=header_row,
                    field=fid,
                    message_id="missing-column.report_year",
                )
            continue
        add("missing-column", row=header_row, field=fid)
    default_year = year_source[1] if year_source else None
    if year_source and default_year is not None and not MIN_YEAR <= default_year <= MAX_YEAR:
        add(
            "out-of-range",
            row=layout.title_year_row,
            field="report_year",
            value=default_year,
            message_id="out-of-range.report-year",
            source=year_source[0],
        )
        default_year = None

    kinds = classify(grid, layout)
    result = FileResult(
        path=shown, sheet=sheet, units=len(kinds.units), code_column=layout.fields.get("unit_code")
    )
    if not kinds.units:
        add("no-units", sheet_name=grid.name)
        result.findings = out
        return result

    structural_error = any(f.severity == "error" for f in out)
    parsed_rows: dict[int, dict[str, Any]] = {}
    years: set[int] = set()
    capped = False
    memo: dict[tuple[Kind, str], Parsed] = {}
    for position, r in enumerate(kinds.units):
        if len(out) >= MAX_FINDINGS_PER_FILE:
            # Bounded memory and a readable report: the rest is not read, and says so.
            rest = kinds.units[position:]
            add(
                "too-many-findings",
                row=r,
                shown_count=len(out),
                rows_left=len(rest),
                limit=MAX_FINDINGS_PER_FILE,
            )
            result.skipped_rows.extend(rest)
            capped = True
            break
        values, row_findings = _read_row(grid, layout, r, shown, sheet, default_year, memo)
        out.extend(row_findings)
        parsed_rows[r] = values
        if values.get("unit_code"):
            result.unit_codes.append((values.get("report_year"), values["unit_code"], r))
        row_ok = not structural_error and not any(f.severity == "error" for f in row_findings)
        if row_ok:
            try:
                record = UnitRecord(
                    **values,
                    source_file=shown,
                    source_sheet=sheet,
                    source_row=r,
                    source_columns=dict(layout.fields),
                )
            except ValueError as exc:  # a contract rule the row checks missed: never silent
                add(
                    "type-error",
                    row=r,
                    value=str(exc),
                    message_id="type-error.record",
                    reason=str(exc),
                )
                result.skipped_rows.append(r)
                continue
            result.records.append(record)
            years.add(record.report_year)
        else:
            result.skipped_rows.append(r)
        if r in grid.hidden_rows:
            add("hidden-row", row=r, value=values.get("unit_code") or values.get("unit_name"))
    if not capped:
        _check_totals(grid, layout, kinds, parsed_rows, shown, sheet, out)
    years = {v["report_year"] for v in parsed_rows.values() if "report_year" in v} or years
    result.report_year = max(years) if years else default_year
    result.findings = sorted(out, key=Finding.sort_key)
    return result


_MEMO_KINDS = frozenset({Kind.LEVEL, Kind.UNIT_TYPE, Kind.BOOL, Kind.YEAR})


def _read_row(
    grid: SheetGrid,
    layout: Layout,
    r: int,
    shown: str,
    sheet: str | None,
    default_year: int | None,
    memo: dict[tuple[Kind, str], Parsed],
) -> tuple[dict[str, Any], list[Finding]]:
    """One unit row → its typed values and findings. `memo` holds the sheet's repeated words."""
    out: list[Finding] = []
    values: dict[str, Any] = {}
    failed: set[str] = set()
    cells = grid.rows[r - 1]
    width = len(cells)
    no_value, percent = grid.formulas_without_value, grid.percent_cells

    def add(code: str, column: int | None, fid: str, **kw: Any) -> None:
        out.append(fnd.make(code, shown, sheet=sheet, row=r, column=column, field=fid, **kw))

    for f in FIELDS:
        col = layout.fields.get(f.id)
        if col is None:
            continue
        if (r, col) in no_value:
            add("formula-without-value", col, f.id)
            failed.add(f.id)
            continue
        raw = cells[col - 1] if col <= width else None
        if raw is None and (r, col) in grid.error_cells:
            raw = grid.error_cells[(r, col)]  # shown as Excel shows it: a type error, not "empty"
        if raw is None:
            continue
        # The common case first: a whole, non-negative number in a count column.
        if f.kind is Kind.INT and type(raw) is float and raw >= 0 and raw.is_integer():
            values[f.id] = int(raw)
            continue
        if f.kind is Kind.TEXT and type(raw) is str:
            values[f.id] = raw.strip()
            continue
        if f.kind in _MEMO_KINDS and type(raw) is str:
            p = memo.get((f.kind, raw))
            if p is None:
                p = memo[(f.kind, raw)] = parse_value(f.kind, raw)
        else:
            p = parse_value(f.kind, raw, percent_format=(r, col) in percent)
        for issue in (p.problem, p.warning):
            if issue is not None:
                add(
                    issue.code,
                    col,
                    f.id,
                    value=raw,
                    message_id=issue.message_id,
                    **(issue.extra or {}),
                )
        if p.problem is not None:
            failed.add(f.id)
            continue
        if p.value is not None:
            values[f.id] = p.value
    if "report_year" not in values and "report_year" not in failed and default_year is not None:
        values["report_year"] = default_year
    area = values.get("ethnic_minority_area", False)
    for fid in REQUIRED_FIELDS:
        if fid in values or fid in failed or fid not in layout.fields:
            continue
        message = "missing-value.year" if fid == "report_year" else "missing-value"
        add("missing-value", layout.fields[fid], fid, message_id=message)
    if area:
        for fid in DTTS_REQUIRED:
            if fid in values or fid in failed:
                continue
            add("missing-value", layout.fields.get(fid), fid, message_id="missing-value.dtts")
    for part, whole in PARTS:
        if part in values and whole in values and values[part] > values[whole]:
            add(
                "exceeds-total",
                layout.fields[part],
                part,
                value=values[part],
                whole=whole,
                whole_value=values[whole],
                whole_cell=f"{column_letter(layout.fields[whole])}{r}",
            )
    return values, out


def _check_totals(
    grid: SheetGrid,
    layout: Layout,
    kinds: RowKinds,
    parsed_rows: dict[int, dict[str, Any]],
    shown: str,
    sheet: str | None,
    out: list[Finding],
) -> None:
    """A totals row must equal the sum of the unit rows it covers."""
    for r in kinds.totals:
        scope = kinds.totals_scope.get(r) or []
        for fid in COUNT_FIELDS:
            col = layout.fields.get(fid)
            if col is None:
                continue
            if (r, col) in grid.formulas_without_value:
                out.append(
                    fnd.make(
                        "formula-without-value", shown, sheet=sheet, row=r, column=col, field=fid
                    )
                )
                continue
            stated = parse_value(FIELD_BY_ID[fid].kind, grid.value(r, col))
            if stated.value is None or stated.problem is not None:
                continue
            if any(fid not in parsed_rows[u] and grid.value(u, col) is not None for u in scope):
                continue  # a unit's own figure is already reported as unreadable
            expected = sum(parsed_rows[u].get(fid) or 0 for u in scope if u in parsed_rows)
            if stated.value != expected:
                out.append(
                    fnd.make(
                        "totals-mismatch",
                        shown,
                        sheet=sheet,
                        row=r,
                        column=col,
                        field=fid,
                        value=stated.value,
                        expected=expected,
                    )
                )


def cross_check(result: LoadResult) -> None:
    """Across every file of one run: duplicate unit codes and unknown parents, per report year.

    Every unit row counts, valid or not, so that a row with a typo elsewhere is still seen as
    the first holder of its code and as a parent.
    """
    first_seen: dict[tuple[int, str], str] = {}
    codes: dict[int | None, set[str]] = {}
    dropped: dict[int, set[int]] = {id(fr): set() for fr in result.files}
    for fr in result.files:
        column = fr.code_column
        for year, code, row in fr.unit_codes:
            codes.setdefault(year, set()).add(code)
            if year is None:
                continue
            first = first_seen.get((year, code))
            if first is None:
                first_seen[(year, code)] = (
                    f"{fr.path} {column_letter(column)}{row}" if column else fr.path
                )
                continue
            _cross_finding(fr, "duplicate-unit", row, column, "unit_code", code, year, first)
            dropped[id(fr)].add(row)
    undated = codes.get(None, set())
    for fr in result.files:
        for rec in fr.records:
            known = codes.get(rec.report_year, set())
            if rec.parent_code and rec.parent_code not in known and rec.parent_code not in undated:
                column = rec.source_columns.get("parent_code")
                row = rec.source_row or 0
                _cross_finding(
                    fr,
                    "unknown-parent",
                    row,
                    column,
                    "parent_code",
                    rec.parent_code,
                    rec.report_year,
                )
                dropped[id(fr)].add(row)
    for fr in result.files:
        rows = dropped[id(fr)]
        if rows:
            fr.records = [r for r in fr.records if r.source_row not in rows]
            fr.skipped_rows = sorted(set(fr.skipped_rows) | rows)
        fr.findings.sort(key=Finding.sort_key)


def _cross_finding(
    fr: FileResult,
    code: str,
    row: int,
    column: int | None,
    fid: str,
    value: str,
    year: int,
    first: str | None = None,
) -> None:
    """A finding of the cross-file checks, within the file's cap on findings."""
    if len(fr.findings) >= MAX_FINDINGS_PER_FILE:
        return  # the file is already invalid and its report long enough
    args = {"first": first} if first is not None else {}
    fr.findings.append(
        fnd.make(
            code,
            fr.path,
            sheet=fr.sheet,
            row=row,
            column=column,
            field=fid,
            value=value,
            year=year,
            **args,
        )
    )
