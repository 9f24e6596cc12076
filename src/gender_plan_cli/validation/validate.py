"""A located sheet → unit records and cell-located findings; the totals rows checked.

`layout.locate` says where the header and the columns are and `layout.classify` which rows
are units, totals and groups; this module says what is wrong with the sheet as a whole
(`sheet_findings`), reads every unit row against the contract (`contract.FIELDS`,
`row_values`), makes a `UnitRecord` of each row without an error (`unit_records`), and
compares each totals row with the unit rows it covers. Findings across files are
`crosscheck`'s.
"""

from __future__ import annotations

from gender_plan_cli.contract import COUNT_FIELDS, FIELD_BY_ID
from gender_plan_cli.findings import column_letter, row_runs
from gender_plan_cli.layout import Layout, RowKinds, classify
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import FileResult, LayoutInfo
from gender_plan_cli.validation.parse import parse_value
from gender_plan_cli.validation.sheet_findings import (
    SheetFindings,
    default_year_of,
    header_findings,
)
from gender_plan_cli.validation.unit_records import Values, read_units


def validate_sheet(
    grid: SheetGrid, layout: Layout, shown: str, sheet: str | None, cli_year: int | None
) -> FileResult:
    """The located table → records and cell-located findings."""
    found = SheetFindings(shown, sheet)
    header_findings(layout, found)
    default_year = default_year_of(layout, cli_year, found)
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
    value, years = read_units(grid, layout, kinds, default_year, result, found)
    _check_totals(grid, layout, kinds, value, found)
    if len(years) > 1:
        _mixed_years(layout, kinds.units, value, found)
    result.report_year = max(years) if years else default_year
    result.findings, result.more_findings = found.closed(), found.more
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


def _unread_findings(grid: SheetGrid, kinds: RowKinds, found: SheetFindings) -> None:
    """Every row with figures that is neither a unit nor a totals row is said, never dropped."""
    for r, why in kinds.unread.items():
        label = next((str(v).strip() for v in grid.rows[r - 1] if isinstance(v, str)), "")
        found.add(
            "unread-row", row=r, value=label or None, message_id=f"unread-row.{why}", label=label
        )


def _check_totals(
    grid: SheetGrid,
    layout: Layout,
    kinds: RowKinds,
    value: Values,
    found: SheetFindings,
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


def _mixed_years(layout: Layout, rows: list[int], value: Values, found: SheetFindings) -> None:
    """One sheet, several report years: said once, at the first row whose year differs from the
    first row's, each year with its rows (`2025: 6–8`)."""
    by_year: dict[int, list[int]] = {}
    for r in rows:
        year = value(r, "report_year")
        if isinstance(year, int):
            by_year.setdefault(year, []).append(r)
    shown = "; ".join(f"{y}: {row_runs(by_year[y])}" for y in sorted(by_year))
    first = min(by_year.items(), key=lambda item: item[1][0])[0]
    other = min(r for y, rs in by_year.items() if y != first for r in rs)
    found.add("mixed-report-years", row=other, column=layout.fields.get("report_year"), years=shown)
