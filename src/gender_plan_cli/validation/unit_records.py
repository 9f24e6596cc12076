"""The unit rows of a sheet → `UnitRecord`s (row by row, or a column at a time with only the
suspect rows cell by cell), skipped rows and unit codes, under the findings cap."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gender_plan_cli.contract import Kind
from gender_plan_cli.layout import Layout, RowKinds
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import FileResult, UnitRecord, UnitRows
from gender_plan_cli.validation.columns import ColumnRead, read_columns
from gender_plan_cli.validation.merged import MergedCells, merged_unit_cells
from gender_plan_cli.validation.parse import Parsed
from gender_plan_cli.validation.row_values import read_row
from gender_plan_cli.validation.sheet_findings import SheetFindings, derives_total

Values = Callable[[int, str], Any]  # (unit row, field) → the value read, None if none


def read_units(
    grid: SheetGrid,
    layout: Layout,
    kinds: RowKinds,
    default_year: int | None,
    result: FileResult,
    found: SheetFindings,
) -> tuple[Values, set[int]]:
    """Every unit row → `result.records` or `result.skipped_rows`; (what was read, the report
    years read). Past the findings cap rows are still read: their findings are counted.

    A large sheet is read a column at a time (`columns.read_columns`) and only its suspect rows
    cell by cell; a small one, or one whose total is Nam + Nữ, row by row."""
    units = _Units(grid, layout, default_year, result, found, _structural_error(found))
    units.merged = merged_unit_cells(grid, layout, kinds.units)
    read = (
        None
        if derives_total(layout)
        else read_columns(grid, layout.fields, kinds.units, default_year, units.memo)
    )
    if read is None:
        return _read_rows(units, kinds.units)
    return _read_by_columns(units, kinds.units, read)


def _structural_error(found: SheetFindings) -> bool:
    return any(f.severity == "error" for f in found.out)


@dataclass
class _Units:
    """What reading the unit rows of one sheet shares, whichever path reads them."""

    grid: SheetGrid
    layout: Layout
    default_year: int | None
    result: FileResult
    found: SheetFindings
    structural_error: bool  # a missing column or the like: no row becomes a record
    memo: dict[tuple[Kind, str], Parsed] = field(default_factory=dict)
    merged: MergedCells = field(default_factory=dict)  # field cells merged over unit rows

    def row(self, r: int) -> tuple[dict[str, Any], UnitRecord | None]:
        """One unit row on the cell path: its values and its record, None when the row is
        skipped (an error in it or in the sheet, or a record pydantic refused). Its findings
        are added."""
        values, row_findings = read_row(
            self.grid, self.layout, r, self.found, self.default_year, self.memo, self.merged
        )
        self.found.extend(row_findings)
        broken = self.structural_error or any(f.severity == "error" for f in row_findings)
        record = None if broken else _make_record(values, r, self.layout, self.found)
        if r in self.grid.hidden_rows and (broken or record is not None):
            value = values.get("unit_code") or values.get("unit_name")
            self.found.add("hidden-row", row=r, value=value)
        return values, record


def _read_rows(units: _Units, rows: list[int]) -> tuple[Values, set[int]]:
    """The cell-by-cell path over every unit row."""
    result = units.result
    parsed_rows: dict[int, dict[str, Any]] = {}
    for r in rows:
        values, record = units.row(r)
        parsed_rows[r] = values
        if values.get("unit_code"):
            result.unit_codes.append((values.get("report_year"), values["unit_code"], r))
        if record is None:
            result.skipped_rows.append(r)
        else:
            result.records.append(record)
    return _from_rows(parsed_rows), _years(parsed_rows)


def _from_rows(parsed_rows: dict[int, dict[str, Any]]) -> Values:
    return lambda r, fid: parsed_rows[r].get(fid) if r in parsed_rows else None


def _years(parsed_rows: dict[int, dict[str, Any]]) -> set[int]:
    return {v["report_year"] for v in parsed_rows.values() if "report_year" in v}


def _read_by_columns(units: _Units, rows: list[int], read: ColumnRead) -> tuple[Values, set[int]]:
    """The column-wise path: suspect rows cell by cell (every finding is theirs), in row order,
    the other rows straight from their columns."""
    result, values = units.result, read.values
    slow: dict[int, UnitRecord | None] = {}
    suspect = read.suspect
    if units.merged:  # a merged cell reads as a value in one row and empty in the others
        in_merge = {r for r, _ in units.merged}
        suspect = sorted({*suspect, *(i for i, r in enumerate(rows) if r in in_merge)})
    for i in suspect:
        row_values, record = units.row(rows[i])
        for fid, column in values.items():
            column[i] = record.__dict__[fid] if record is not None else row_values.get(fid)
        slow[i] = record
    result.unit_codes.extend(
        (y, c, r)
        for y, c, r in zip(values["report_year"], values["unit_code"], rows, strict=True)
        if c
    )
    valid = [
        i
        for i in range(len(rows))
        if (slow[i] is not None if i in slow else not units.structural_error)
    ]
    if len(valid) < len(rows):
        kept = set(valid)
        result.skipped_rows.extend(r for i, r in enumerate(rows) if i not in kept)
    result.records = UnitRows.from_columns(
        _record_columns(values, valid, rows, units.layout, units.found)
    )
    position = {r: i for i, r in enumerate(rows)}
    years = {y for y in values["report_year"] if y is not None}
    return (lambda r, fid: values[fid][position[r]] if r in position else None), years


def _record_columns(
    values: dict[str, list[Any]],
    valid: list[int],
    rows: list[int],
    layout: Layout,
    found: SheetFindings,
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
    values: dict[str, Any], r: int, layout: Layout, found: SheetFindings
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
