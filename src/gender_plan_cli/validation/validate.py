"""A located sheet → unit records and cell-located findings; the totals rows checked.

`layout.locate` says where the header and the columns are and `layout.classify` which rows
are units, totals and groups; this module reads every unit row against the contract
(`contract.FIELDS`), makes a `UnitRecord` of each row without an error, and compares each
totals row with the unit rows it covers. Findings across files are `crosscheck`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import (
    COUNT_FIELDS,
    DTTS_REQUIRED,
    FIELD_BY_ID,
    FIELDS,
    PARTS,
    REQUIRED_FIELDS,
    Kind,
    in_plan,
)
from gender_plan_cli.findings import MAX_FINDINGS_PER_FILE, CodeId, Finding, Severity, column_letter
from gender_plan_cli.layout import Layout, RowKinds, classify
from gender_plan_cli.layout.header_file import STAFF_MALE
from gender_plan_cli.layout.headers import is_group_parent, is_ordinal_header
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import FileResult, LayoutInfo, UnitRecord, UnitRows
from gender_plan_cli.validation.columns import ColumnRead, parse_cell, plain_value, read_columns
from gender_plan_cli.validation.parse import Parsed, parse_count, parse_value
from gender_plan_cli.words import bidi_controls


class _Sheet:
    """Where findings of one sheet go: the file as shown, the sheet's name, the list."""

    def __init__(self, shown: str, sheet: str | None) -> None:
        self.shown = shown
        self.sheet = sheet
        self.out: list[Finding] = []

    def add(self, code: CodeId, **kw: Any) -> None:
        self.out.append(fnd.make(code, self.shown, sheet=self.sheet, **kw))


def validate_sheet(
    grid: SheetGrid, layout: Layout, shown: str, sheet: str | None, cli_year: int | None
) -> FileResult:
    """The located table → records and cell-located findings."""
    found = _Sheet(shown, sheet)
    _header_findings(layout, found)
    default_year = _default_year(layout, cli_year, found)
    kinds = classify(grid, layout)
    result = FileResult(
        path=shown,
        sheet=sheet,
        units=len(kinds.units),
        code_column=layout.fields.get("unit_code"),
        layout=layout_info(layout, kinds),
    )
    _unread_findings(grid, kinds, found)
    if not kinds.units:
        found.add("no-units", sheet_name=grid.name)
        result.findings = found.out
        return result
    value, years, capped = _read_units(grid, layout, kinds, default_year, result, found)
    if not capped:
        _check_totals(grid, layout, kinds, value, found)
    result.report_year = max(years) if years else default_year
    result.findings = sorted(found.out, key=Finding.sort_key)
    return result


def layout_info(layout: Layout, kinds: RowKinds) -> LayoutInfo:
    """What `--explain` and the JSON `layout` show of how the sheet was read."""
    year = layout.year_source
    return LayoutInfo(
        header_rows=list(layout.header_rows),
        number_row=layout.number_row,
        columns={column_letter(c.index): c.field for c in layout.columns if c.header},
        headers={column_letter(c.index): c.header for c in layout.columns if c.header},
        rows=kinds.counts(),
        ranges=kinds.ranges(),
        year=None
        if year is None
        else {
            "year": year.year,
            "cell": f"{column_letter(year.col)}{year.row}",
            "kind": year.kind,
            "text": year.text,
        },
    )


def _unread_findings(grid: SheetGrid, kinds: RowKinds, found: _Sheet) -> None:
    """Every row with figures that is neither a unit nor a totals row is said, never dropped."""
    for r, why in kinds.unread.items():
        label = next((str(v).strip() for v in grid.rows[r - 1] if isinstance(v, str)), "")
        found.add(
            "unread-row", row=r, value=label or None, message_id=f"unread-row.{why}", label=label
        )


MAX_HEADER_FINDINGS = 50  # of each kind: 10,000 unknown columns are one problem, not 10,000


def _header_findings(layout: Layout, found: _Sheet) -> None:
    """Duplicate and unknown columns of the header, at most MAX_HEADER_FINDINGS of each."""
    for later, first in layout.duplicates[:MAX_HEADER_FINDINGS]:
        found.add(
            "duplicate-column",
            row=later.header_row,
            column=later.index,
            field=later.field,
            value=later.header,
            first=column_letter(first.index),
            letter=column_letter(later.index),
        )
    if _derives_total(layout):
        male, female = layout.fields[STAFF_MALE], layout.fields["staff_female"]
        found.add(
            "derived-total",
            row=layout.header_rows[-1],
            column=male,
            field="staff_total",
            male=column_letter(male),
            female=column_letter(female),
        )
    _too_many_columns(found, len(layout.duplicates), "error")
    unknown = [
        col
        for col in layout.columns
        if col.field is None
        and col.header
        and not is_ordinal_header(col.header.split(" / ")[0])
        and not (is_group_parent(col.header) and " / " not in col.header)
    ]
    for col in unknown[:MAX_HEADER_FINDINGS]:
        found.add(
            "unknown-column",
            row=col.header_row,
            column=col.index,
            value=col.header,
            header=col.header,
        )
    _too_many_columns(found, len(unknown), "warning")  # as the columns it stands for


def _too_many_columns(found: _Sheet, count: int, severity: Severity) -> None:
    if count > MAX_HEADER_FINDINGS:
        found.add(
            "too-many-findings",
            severity=severity,
            message_id="too-many-findings.columns",
            count=count,
            left=count - MAX_HEADER_FINDINGS,
            shown_count=MAX_HEADER_FINDINGS,
        )


def _derives_total(layout: Layout) -> bool:
    """`Giới tính` › `Nam` | `Nữ` and no total column: the total is Nam + Nữ."""
    return "staff_total" not in layout.fields and {STAFF_MALE, "staff_female"} <= set(layout.fields)


def _default_year(layout: Layout, cli_year: int | None, found: _Sheet) -> int | None:
    """Missing required columns; the year a sheet without a year column gives its rows."""
    header_row = layout.header_rows[-1]
    year_source = None
    if "report_year" not in layout.fields:
        if layout.year_source is not None:
            year_source = (layout.year_source.kind, layout.year_source.year)
        elif cli_year is not None:
            year_source = ("--report-year", cli_year)
    for fid in REQUIRED_FIELDS:
        if fid in layout.fields or (fid == "staff_total" and _derives_total(layout)):
            continue
        if fid != "report_year":
            found.add("missing-column", row=header_row, field=fid)
        elif year_source is None:
            found.add(
                "missing-column", row=header_row, field=fid, message_id="missing-column.report_year"
            )
    if year_source is None:
        return None
    source, year = year_source
    if not in_plan(year):
        found.add(
            "out-of-range",
            row=layout.title_year_row,
            field="report_year",
            value=year,
            message_id="out-of-range.report-year",
            source=source,
        )
        return None
    return year


def _read_units(
    grid: SheetGrid,
    layout: Layout,
    kinds: RowKinds,
    default_year: int | None,
    result: FileResult,
    found: _Sheet,
) -> tuple[_Values, set[int], bool]:
    """Every unit row → `result.records` or `result.skipped_rows`; (what was read, the report
    years read, capped).

    A large sheet is read a column at a time (`columns.read_columns`) and only its suspect rows
    cell by cell; a small one, or one whose total is Nam + Nữ, row by row."""
    units = _Units(grid, layout, default_year, result, found, _structural_error(found))
    read = (
        None
        if _derives_total(layout)
        else read_columns(grid, layout.fields, kinds.units, default_year, units.memo)
    )
    if read is None:
        return _read_rows(units, kinds.units)
    return _read_by_columns(units, kinds.units, read)


_Values = Callable[[int, str], Any]  # (unit row, field) → the value read, None if none


def _structural_error(found: _Sheet) -> bool:
    return any(f.severity == "error" for f in found.out)


@dataclass
class _Units:
    """What reading the unit rows of one sheet shares, whichever path reads them."""

    grid: SheetGrid
    layout: Layout
    default_year: int | None
    result: FileResult
    found: _Sheet
    structural_error: bool  # a missing column or the like: no row becomes a record
    memo: dict[tuple[Kind, str], Parsed] = field(default_factory=dict)

    def row(self, r: int) -> tuple[dict[str, Any], UnitRecord | None]:
        """One unit row on the cell path: its values and its record, None when the row is
        skipped (an error in it or in the sheet, or a record pydantic refused). Its findings
        are added."""
        values, row_findings = read_row(
            self.grid, self.layout, r, self.found, self.default_year, self.memo
        )
        self.found.out.extend(row_findings)
        broken = self.structural_error or any(f.severity == "error" for f in row_findings)
        record = None if broken else _make_record(values, r, self.layout, self.found)
        if r in self.grid.hidden_rows and (broken or record is not None):
            value = values.get("unit_code") or values.get("unit_name")
            self.found.add("hidden-row", row=r, value=value)
        return values, record

    def full(self) -> bool:
        return len(self.found.out) >= MAX_FINDINGS_PER_FILE

    def cap(self, rest: list[int]) -> None:
        """Bounded memory and a readable report: the rest is not read, and says so."""
        self.found.add(
            "too-many-findings",
            row=rest[0],
            shown_count=len(self.found.out),
            rows_left=len(rest),
            limit=MAX_FINDINGS_PER_FILE,
        )
        self.result.skipped_rows.extend(rest)


def _read_rows(units: _Units, rows: list[int]) -> tuple[_Values, set[int], bool]:
    """The cell-by-cell path over every unit row."""
    result = units.result
    parsed_rows: dict[int, dict[str, Any]] = {}
    for position, r in enumerate(rows):
        if units.full():
            units.cap(rows[position:])
            return _from_rows(parsed_rows), _years(parsed_rows), True
        values, record = units.row(r)
        parsed_rows[r] = values
        if values.get("unit_code"):
            result.unit_codes.append((values.get("report_year"), values["unit_code"], r))
        if record is None:
            result.skipped_rows.append(r)
        else:
            result.records.append(record)
    return _from_rows(parsed_rows), _years(parsed_rows), False


def _from_rows(parsed_rows: dict[int, dict[str, Any]]) -> _Values:
    return lambda r, fid: parsed_rows[r].get(fid) if r in parsed_rows else None


def _years(parsed_rows: dict[int, dict[str, Any]]) -> set[int]:
    return {v["report_year"] for v in parsed_rows.values() if "report_year" in v}


def _read_by_columns(
    units: _Units, rows: list[int], read: ColumnRead
) -> tuple[_Values, set[int], bool]:
    """The column-wise path: suspect rows cell by cell (every finding is theirs), in row order
    and under the same cap as `_read_rows`; the other rows straight from their columns."""
    result, values = units.result, read.values
    slow: dict[int, UnitRecord | None] = {}
    limit = 0 if units.full() else len(rows)
    for i in read.suspect if limit else ():
        row_values, record = units.row(rows[i])
        for fid, column in values.items():
            column[i] = record.__dict__[fid] if record is not None else row_values.get(fid)
        slow[i] = record
        if units.full():
            limit = i + 1
            break
    read_rows = rows[:limit]
    result.unit_codes.extend(
        (y, c, r)
        for y, c, r in zip(values["report_year"], values["unit_code"], read_rows, strict=False)
        if c
    )
    valid = [
        i
        for i in range(limit)
        if (slow[i] is not None if i in slow else not units.structural_error)
    ]
    if len(valid) < limit:
        kept = set(valid)
        result.skipped_rows.extend(r for i, r in enumerate(read_rows) if i not in kept)
    result.records = UnitRows.from_columns(
        _record_columns(values, valid, rows, units.layout, units.found)
    )
    if limit < len(rows):
        units.cap(rows[limit:])
    position = {r: i for i, r in enumerate(read_rows)}
    years = {y for y in values["report_year"][:limit] if y is not None}
    return (
        (lambda r, fid: values[fid][position[r]] if r in position else None),
        years,
        limit < len(rows),
    )


def _record_columns(
    values: dict[str, list[Any]], valid: list[int], rows: list[int], layout: Layout, found: _Sheet
) -> dict[str, list[Any]]:
    """The columns of `records.UnitRows` for the unit rows at positions `valid`: the values as
    `UnitRecord` holds them (its defaults for empty cells, a share as a float)."""
    every = len(valid) == len(rows)
    out = {
        fid: column[:] if every else [column[i] for i in valid] for fid, column in values.items()
    }
    out["ethnic_minority_area"] = [v is True for v in out["ethnic_minority_area"]]
    out["ethnic_minority_population_pct"] = [
        None if v is None else float(v) for v in out["ethnic_minority_population_pct"]
    ]
    k = len(valid)
    out["source_file"] = [found.shown] * k
    out["source_sheet"] = [found.sheet] * k
    out["source_row"] = rows[:] if every else [rows[i] for i in valid]
    out["source_columns"] = [layout.fields] * k
    return out


def _make_record(
    values: dict[str, Any], r: int, layout: Layout, found: _Sheet
) -> UnitRecord | None:
    """A row without findings as a UnitRecord; a contract rule the checks missed is said."""
    try:
        return UnitRecord(
            **values,
            source_file=found.shown,
            source_sheet=found.sheet,
            source_row=r,
            source_columns=layout.fields,  # one dict per sheet, shared (never changed)
        )
    except ValueError as exc:  # never silent
        found.add(
            "type-error", row=r, value=str(exc), message_id="type-error.record", reason=str(exc)
        )
        return None


def read_row(
    grid: SheetGrid,
    layout: Layout,
    r: int,
    found: _Sheet,
    default_year: int | None,
    memo: dict[tuple[Kind, str], Parsed],
) -> tuple[dict[str, Any], list[Finding]]:
    """One unit row → its typed values and findings. `memo` holds the sheet's repeated words."""
    out: list[Finding] = []

    def add(code: CodeId, column: int | None, fid: str, **kw: Any) -> None:
        out.append(
            fnd.make(code, found.shown, sheet=found.sheet, row=r, column=column, field=fid, **kw)
        )

    values, failed = _parse_cells(grid, layout, r, memo, add)
    if _derives_total(layout) and "staff_female" in values:
        male = parse_count(grid.value(r, layout.fields[STAFF_MALE]))
        if male.problem is None and male.value is not None:
            values["staff_total"] = male.value + values["staff_female"]
    if "report_year" not in values and "report_year" not in failed and default_year is not None:
        values["report_year"] = default_year
    for fid in REQUIRED_FIELDS:
        if fid in values or fid in failed or fid not in layout.fields:
            continue
        message = "missing-value.year" if fid == "report_year" else "missing-value"
        add("missing-value", layout.fields[fid], fid, message_id=message)
    if values.get("ethnic_minority_area", False):
        for fid in DTTS_REQUIRED:
            if fid not in values and fid not in failed:
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
    for fid in ("unit_code", "unit_name", "parent_code"):
        chars = bidi_controls(values[fid]) if isinstance(values.get(fid), str) else None
        if chars:  # the text shows otherwise than it reads: `S01‮10S`
            add(
                "suspicious-text",
                layout.fields[fid],
                fid,
                value=values[fid],
                chars=", ".join(chars),
            )
    return values, out


def _parse_cells(
    grid: SheetGrid,
    layout: Layout,
    r: int,
    memo: dict[tuple[Kind, str], Parsed],
    add: Any,
) -> tuple[dict[str, Any], set[str]]:
    """The row's cells → typed values, and the fields whose cell could not be read."""
    values: dict[str, Any] = {}
    failed: set[str] = set()
    cells = grid.rows[r - 1]
    width = len(cells)
    no_value, percent = grid.formulas_without_value, grid.percent_cells
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
        simple = plain_value(f.kind, raw)
        if simple is not None:
            values[f.id] = simple
            continue
        p = parse_cell(f.kind, raw, memo, (r, col) in percent)
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
        elif p.value is not None:
            values[f.id] = p.value
    return values, failed


def _check_totals(
    grid: SheetGrid,
    layout: Layout,
    kinds: RowKinds,
    value: _Values,
    found: _Sheet,
) -> None:
    """A totals row must equal the sum of the unit rows it covers."""
    for r in kinds.totals:
        scope = kinds.totals_scope.get(r) or []
        for fid in COUNT_FIELDS:
            col = layout.fields.get(fid)
            if col is None:
                continue
            if (r, col) in grid.formulas_without_value:
                found.add("formula-without-value", row=r, column=col, field=fid)
                continue
            stated = parse_value(FIELD_BY_ID[fid].kind, grid.value(r, col))
            if stated.value is None or stated.problem is not None:
                continue
            if any(value(u, fid) is None and grid.value(u, col) is not None for u in scope):
                continue  # a unit's own figure is already reported as unreadable
            expected = sum(value(u, fid) or 0 for u in scope)
            if stated.value != expected:
                found.add(
                    "totals-mismatch",
                    row=r,
                    column=col,
                    field=fid,
                    value=stated.value,
                    expected=expected,
                )
