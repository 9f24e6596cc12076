"""`gap --format csv`: one tidy table, one row per (scope, indicator).

`kind` is `total` for the whole data, `group` for a group of `--by`, `unit` for one unit; the
rows of `women_leaders` carry the statistic without a target (women among all leaders).
Every cell passes through `safe_output.neutralize`: a unit name or sector typed as
`=HYPERLINK(...)` is shown as text, never run by the spreadsheet that opens the CSV.

Two conventions (see `CsvStyle`): with ids (`--lang en` or `--csv-ids`) the header and labels
are the ids, the separator `,` and the decimal mark `.`, for programs; in Vietnamese the
header and labels are Vietnamese, the separator `;` and the decimal mark `,`, as Excel set to
Vietnamese reads a CSV it opens with a double click. Rates are fractions 0–1 in both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gender_plan_cli.contract import GAP_CSV_COLUMNS
from gender_plan_cli.i18n import text
from gender_plan_cli.safe_output import neutralize
from gender_plan_cli.targets.results import (
    JSON_DIGITS,
    GapReport,
    IndicatorResult,
    LeaderShare,
    indicator_base,
)

BOM = "\ufeff"


@dataclass(frozen=True)
class CsvStyle:
    """Header, labels, separator and decimal mark of one CSV."""

    lang: str = "en"
    ids: bool = True

    @property
    def delimiter(self) -> str:
        return "," if self.ids else ";"

    @property
    def decimal(self) -> str:
        return "." if self.ids else ","

    def header(self, column: str, **args: Any) -> str:
        key = f"csv.col.{column}"
        return text(key, "en" if self.ids else self.lang, **args)

    def cell(self, value: Any) -> Any:
        """Floats with the style's decimal mark; text made safe from formulas."""
        if isinstance(value, float):
            return repr(value).replace(".", self.decimal)
        return neutralize(value)

    def label(self, column: str, value: Any) -> Any:
        if self.ids or value in ("", None):
            return value
        if column == "kind":
            return text(f"csv.kind.{value}", self.lang)
        if column == "indicator":
            return text(f"gap.ind.{value}", self.lang)
        if column == "met":
            return text("gap.status.met" if value == "true" else "gap.status.unmet", self.lang)
        return value


def style_for(lang: str, ids: bool) -> CsvStyle:
    return CsvStyle(lang=lang, ids=ids or lang == "en")


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
        "base": indicator_base(ind),
        "required": _num(ind.required),
        "rate": _num(ind.rate),
        "met": _flag(ind.met),
        "gap": ind.gap,
        "gap_if_added": "" if ind.gap_if_added is None else ind.gap_if_added,
        "adjusted": ind.adjusted,
        "expected": "" if ind.expected is None else ind.expected,
        "reported": "" if ind.reported is None else ind.reported,
    }


def _women_row(
    report: GapReport, kind: str, group: str | None, share: LeaderShare | None
) -> dict[str, Any] | None:
    if share is None or not share.units:
        return None
    row: dict[str, Any] = dict.fromkeys(GAP_CSV_COLUMNS, "")
    row.update(
        kind=kind,
        group_by=report.by if kind == "group" else "",
        group=group or "",
        indicator="women_leaders",
        target_year=report.target_year,
        report_year=report.report_year or "",
        scope=share.units,
        actual=share.leaders_female,
        base=share.leaders_total,
        rate=_num(share.rate),
    )
    return row


def rows(report: GapReport) -> Iterator[dict[str, Any]]:
    for ind in report.indicators:
        yield _indicator_row(report, "total", None, ind)
    women = _women_row(report, "total", None, report.women_leaders)
    if women is not None:
        yield women
    for g in report.groups:
        for ind in g.indicators:
            yield _indicator_row(report, "group", g.key, ind)
        women = _women_row(report, "group", g.key, g.women_leaders)
        if women is not None:
            yield women
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
                "expected": "",
                "reported": "",
            }


def write_table(
    header: list[str], body: Iterator[list[Any]], style: CsvStyle, *, bom: bool = False
) -> str:
    """The CSV text of `header` + `body` in `style`; a BOM first for a file Excel opens."""
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    writer = csv.writer(buf, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in body:
        writer.writerow([style.cell(v) for v in row])
    return buf.getvalue()


def render_gap_csv(report: GapReport, style: CsvStyle | None = None, *, bom: bool = False) -> str:
    style = style or CsvStyle()
    body = ([style.label(c, row[c]) for c in GAP_CSV_COLUMNS] for row in rows(report))
    return write_table([style.header(c) for c in GAP_CSV_COLUMNS], body, style, bom=bom)
