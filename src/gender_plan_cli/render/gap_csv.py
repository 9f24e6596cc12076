"""`gap --format csv`: one tidy table, one row per (scope, indicator).

`kind` is `total` for the whole data, `group` for a group of `--by`, `unit` for one unit.
Every cell passes through `safe_output.neutralize`: a unit name or sector typed as
`=HYPERLINK(...)` is shown as text, never run by the spreadsheet that opens the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from gender_plan_cli.indicators import JSON_DIGITS, GapReport, IndicatorResult
from gender_plan_cli.safe_output import neutralize

COLUMNS = (
    "kind",
    "group_by",
    "group",
    "unit_name",
    "indicator",
    "target_year",
    "report_year",
    "target",
    "effective_target",
    "scope",
    "actual",
    "base",
    "required",
    "rate",
    "met",
    "gap",
    "gap_if_added",
    "adjusted",
)


def _num(value: float | None) -> Any:
    return "" if value is None else round(value, JSON_DIGITS)


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _indicator_row(
    report: GapReport, kind: str, group: str | None, ind: IndicatorResult
) -> dict[str, Any]:
    return {
        "kind": kind,
        "group_by": report.by if kind == "group" else "",
        "group": group or "",
        "unit_name": "",
        "indicator": ind.id,
        "target_year": report.target_year,
        "report_year": report.report_year or "",
        "target": _num(ind.target),
        "effective_target": _num(ind.effective_target),
        "scope": ind.scope,
        "actual": ind.actual,
        "base": ind.pool_total
        if ind.id == "pool_female"
        else (ind.pool_female if ind.id == "pool_female_trained" else ind.scope),
        "required": _num(ind.required),
        "rate": _num(ind.rate),
        "met": _flag(ind.met),
        "gap": ind.gap,
        "gap_if_added": "" if ind.gap_if_added is None else ind.gap_if_added,
        "adjusted": ind.adjusted,
    }


def rows(report: GapReport) -> Iterator[dict[str, Any]]:
    for ind in report.indicators:
        yield _indicator_row(report, "total", None, ind)
    for g in report.groups:
        for ind in g.indicators:
            yield _indicator_row(report, "group", g.key, ind)
    for ind in report.indicators:
        for u in ind.units:
            yield {
                "kind": "unit",
                "group_by": "unit_code",
                "group": u["unit_code"],
                "unit_name": u["unit_name"],
                "indicator": ind.id,
                "target_year": report.target_year,
                "report_year": report.report_year or "",
                "target": _num(u["target"]),
                "effective_target": "",
                "scope": 1,
                "actual": u["actual"],
                "base": u["base"],
                "required": _num(u["required"]),
                "rate": _num(u["rate"]),
                "met": _flag(u["met"]),
                "gap": u["shortfall"],
                "gap_if_added": "",
                "adjusted": int(u["adjusted"]),
            }


def render_gap_csv(report: GapReport) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(report):
        writer.writerow([neutralize(row[c]) for c in COLUMNS])
    return buf.getvalue()
