"""One unit row → its typed values and cell-located findings (the cell-by-cell path: every
finding of a row is made here)."""

from __future__ import annotations

from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import DTTS_REQUIRED, FIELDS, PARTS, REQUIRED_FIELDS, Kind
from gender_plan_cli.findings import CodeId, Finding, column_letter
from gender_plan_cli.layout import Layout
from gender_plan_cli.layout.header_file import STAFF_MALE
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.validation.columns import parse_cell, plain_value
from gender_plan_cli.validation.merged import MergedCells
from gender_plan_cli.validation.parse import Parsed, parse_count
from gender_plan_cli.validation.sheet_findings import SheetFindings, derives_total
from gender_plan_cli.words import bidi_controls


def read_row(
    grid: SheetGrid,
    layout: Layout,
    r: int,
    found: SheetFindings,
    default_year: int | None,
    memo: dict[tuple[Kind, str], Parsed],
    merged: MergedCells | None = None,
) -> tuple[dict[str, Any], list[Finding]]:
    """One unit row → its typed values and findings. `memo` holds the sheet's repeated words;
    `merged`, the field cells that lie in a merge over several unit rows (each a finding)."""
    out: list[Finding] = []

    def add(code: CodeId, column: int | None, fid: str, **kw: Any) -> None:
        out.append(
            fnd.make(code, found.shown, sheet=found.sheet, row=r, column=column, field=fid, **kw)
        )

    values, failed = _parse_cells(grid, layout, r, memo, add, merged or {})
    if derives_total(layout) and "staff_female" in values:
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
    merged: MergedCells,
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
        if (r, col) in merged:
            name, shown = merged[(r, col)]
            add("merged-cell", col, f.id, range=name, value=shown)
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
