"""Findings of a sheet as a whole: its header's duplicate, unknown and missing columns, a total
derived from Nam + Nữ, and the report year its rows default to; where a sheet's findings go."""

from __future__ import annotations

from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import REQUIRED_FIELDS, in_plan
from gender_plan_cli.findings import CodeId, Severity, column_letter
from gender_plan_cli.layout import Layout
from gender_plan_cli.layout.header_file import STAFF_MALE
from gender_plan_cli.layout.headers import is_group_parent, is_ordinal_header


class SheetFindings(fnd.Capped):
    """Where findings of one sheet go: the file as shown, the sheet's name, the list (under
    the cap: past it, counted by code)."""

    def add(self, code: CodeId, **kw: Any) -> None:
        self.keep(fnd.make(code, self.shown, sheet=self.sheet, **kw))


MAX_HEADER_FINDINGS = 50  # of each kind: 10,000 unknown columns are one problem, not 10,000


def header_findings(layout: Layout, found: SheetFindings) -> None:
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
    if derives_total(layout):
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


def _too_many_columns(found: SheetFindings, count: int, severity: Severity) -> None:
    if count > MAX_HEADER_FINDINGS:
        found.add(
            "too-many-findings",
            severity=severity,
            message_id="too-many-findings.columns",
            count=count,
            left=count - MAX_HEADER_FINDINGS,
            shown_count=MAX_HEADER_FINDINGS,
        )


def derives_total(layout: Layout) -> bool:
    """`Giới tính` › `Nam` | `Nữ` and no total column: the total is Nam + Nữ."""
    return "staff_total" not in layout.fields and {STAFF_MALE, "staff_female"} <= set(layout.fields)


def default_year_of(layout: Layout, cli_year: int | None, found: SheetFindings) -> int | None:
    """Missing required columns; the year a sheet without a year column gives its rows."""
    header_row = layout.header_rows[-1]
    year_source = None
    if "report_year" not in layout.fields:
        if layout.year_source is not None:
            year_source = (layout.year_source.kind, layout.year_source.year)
        elif cli_year is not None:
            year_source = ("--report-year", cli_year)
    for fid in REQUIRED_FIELDS:
        if fid in layout.fields or (fid == "staff_total" and derives_total(layout)):
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
