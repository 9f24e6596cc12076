"""`trend --format csv`: one row per indicator and report year, in the conventions of
`gap_csv.CsvStyle` (ids, `,` and `.`; or Vietnamese, `;` and `,`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gender_plan_cli.contract import TREND_CSV_COLUMNS
from gender_plan_cli.render.gap_csv import CsvStyle, write_table
from gender_plan_cli.targets.trend import Trend, changes_per_year


def _columns(trend: Trend) -> list[tuple[str, dict[str, Any]]]:
    milestones = sorted({m.year for i in trend.indicators for m in i.milestones})
    fixed = [(c, {"year": trend.horizon} if c == "projection" else {}) for c in TREND_CSV_COLUMNS]
    return fixed + [("reaches", {"year": y}) for y in milestones]


def _body(trend: Trend, style: CsvStyle) -> Iterator[list[Any]]:
    milestones = sorted({m.year for i in trend.indicators for m in i.milestones})
    for ind in trend.indicators:
        by_year = {m.year: m.reaches_year for m in ind.milestones}
        for p, change in zip(ind.points, changes_per_year(ind.points), strict=True):
            yield [
                style.label("indicator", ind.id),
                p.report_year,
                _blank(p.rate),
                _blank(p.target),
                _blank(change),
                _blank(ind.slope_per_year),
                _blank(ind.projection_2030),
                _blank(ind.reaches_target_year),
            ] + [_blank(by_year.get(y)) for y in milestones]


def _blank(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 12)
    return "" if value is None else value


def render_trend_csv(trend: Trend, style: CsvStyle | None = None, *, bom: bool = False) -> str:
    style = style or CsvStyle()
    header = [style.header(c, **args) for c, args in _columns(trend)]
    return write_table(header, _body(trend, style), style, bom=bom)
