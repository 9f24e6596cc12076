"""The report's *Xu hướng* sheet: each indicator's rate per report year, the target path, the
least squares projection to the last milestone, and one line chart per indicator."""

from __future__ import annotations

from typing import Any

from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import indicator_name
from gender_plan_cli.render.report_style import FONT, Styles, heading, merged, number, page, widths
from gender_plan_cli.targets.report import CityReport
from gender_plan_cli.targets.trend import IndicatorTrend, MilestoneReach, Trend

SERIES = ("actual-rate", "milestone", "projection")
CHARTED = (
    "female_key_leader",
    "pool_female",
    "pool_female_trained",
    "ethnic_minority_leaders",
    "women_leaders",
)


def trend_name(indicator_id: str, lang: str) -> str:
    return indicator_name(indicator_id, lang)


def _target_path(ind: IndicatorTrend, year: int, rules_at: dict[str, Any]) -> float | None:
    at = rules_at.get(ind.id)
    return None if at is None else at(year)


def trend_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> None:
    from gender_plan_cli.targets.trend import ALL_UNITS

    trend = city.trend
    ws = wb.add_worksheet(text("report.sheet.trend", lang))
    inds = trend.indicators
    last = 3 * len(inds)
    widths(ws, [8] + [10] * last)
    first_year = trend.years[0] if trend.years else trend.horizon
    title = text("report.trend.title", lang, first=first_year, horizon=trend.horizon)
    row = heading(ws, last, title, _method(trend, lang), lang, st) - 1
    ws.set_row(row, 48)
    ws.merge_range(row, 0, row + 1, 0, "", st.header)
    ws.write_string(row, 0, text("report.col.year", lang), st.header)
    for i, ind in enumerate(inds):
        merged(ws, row, 1 + 3 * i, 3 + 3 * i, trend_name(ind.id, lang), st.header)
        for j, col in enumerate(SERIES):
            ws.write_string(row + 1, 1 + 3 * i + j, text(f"report.col.{col}", lang), st.header)
    ws.set_row(row + 1, 50)  # three lines: "Dự báo theo xu hướng" in a 10-wide column
    page(ws, row + 1, freeze_col=1)
    paths = _paths(city, ALL_UNITS)
    years = list(range(first_year, trend.horizon + 1))
    top = row + 2
    for k, year in enumerate(years):
        r = top + k
        ws.write_number(r, 0, year, st.year)
        for i, ind in enumerate(inds):
            rate = next((p.rate for p in ind.points if p.report_year == year), None)
            number(ws, r, 1 + 3 * i, rate, st.percent, st.text)
            number(ws, r, 2 + 3 * i, _target_path(ind, year, paths), st.percent, st.text)
            fitted = _fitted(ind, year)
            number(ws, r, 3 + 3 * i, fitted, st.percent, st.text)
    bottom = top + len(years) - 1
    after = _summary_table(ws, bottom + 2, trend, lang, (st, _points_format(wb, lang)))
    ws.set_h_pagebreaks([after + 2])
    _charts(wb, ws, trend, (top, bottom), after + 2, lang)


def _paths(city: CityReport, all_units: float) -> dict[str, Any]:
    """Each indicator's target of a year, as the rules set it (the milestone line)."""
    t = city.rules.targets
    return {
        "female_key_leader": t.female_key_leader.at,
        "pool_female": t.pool_female.at,
        "pool_female_trained": t.pool_female_trained.at,
        "ethnic_minority_leaders": lambda _y: all_units,
    }


def _fitted(ind: IndicatorTrend, year: int) -> float | None:
    if ind.slope_per_year is None or ind.intercept is None:
        return None
    return min(1.0, max(0.0, ind.slope_per_year * year + ind.intercept))


def _method(trend: Trend, lang: str) -> str:
    if len(trend.years) < 2:
        year = trend.years[0] if trend.years else "—"
        return text("trend.one-year", lang, year=year)
    years = ", ".join(map(str, trend.years))
    return text("trend.method", lang, n=len(trend.years), years=years)


def reach_text(year: int | None, horizon: int, fitted: bool, lang: str) -> str | int:
    if year is not None:
        return year
    return text("trend.never", lang, year=horizon) if fitted else text("trend.no-fit", lang)


def milestone_text(m: MilestoneReach, horizon: int, fitted: bool, lang: str) -> str | int:
    """A milestone inside the data, met or not as `gap` says; after the data, the trend."""
    if m.met is False:
        later = reach_text(m.reaches_year, horizon, fitted, lang)
        return text("trend.missed", lang, year=m.year, later=str(later))
    return reach_text(m.reaches_year, horizon, fitted, lang)


def _points_format(wb: Any, lang: str) -> Any:
    """A change in percentage points ("+4,6 điểm %"): a number of points, not a percent."""
    unit = text("trend.pp", lang, value="").replace('"', "")
    shown = f'0.0"{unit}"'
    return wb.add_format(
        {
            "font_name": FONT,
            "font_size": 12,
            "valign": "vcenter",
            "align": "center",
            "border": 1,
            "text_wrap": True,
            "num_format": f"+{shown};-{shown};{shown}",
        }
    )


def _summary_table(ws: Any, row: int, trend: Trend, lang: str, styles: tuple[Styles, Any]) -> int:
    """Slope (percentage points a year), projection, the year each target is reached; returns
    the last row written."""
    st, points = styles
    milestones = sorted({m.year for i in trend.indicators for m in i.milestones})
    labels = [
        text("trend.col.slope", lang),
        text("trend.col.projection", lang, year=trend.horizon),
        text("trend.col.reaches", lang),
    ] + [text("trend.col.milestone", lang, year=y) for y in milestones]
    merged(ws, row, 0, 3, text("report.trend.summary", lang), st.header)
    ws.set_row(row, 48)
    for j, label in enumerate(labels):
        merged(ws, row, 4 + 2 * j, 5 + 2 * j, label, st.header)
    for i, ind in enumerate(trend.indicators, start=1):
        r = row + i
        ws.set_row(r, 34)
        merged(ws, r, 0, 3, trend_name(ind.id, lang), st.text)
        fitted = ind.slope_per_year is not None
        cells: list[Any] = [ind.slope_per_year, ind.projection_2030]
        if ind.id == "women_leaders":
            cells.append(text("trend.no-target", lang))
        else:
            cells.append(reach_text(ind.reaches_target_year, trend.horizon, fitted, lang))
        by_year = {m.year: m for m in ind.milestones}
        for y in milestones:
            m = by_year.get(y)
            cells.append("—" if m is None else milestone_text(m, trend.horizon, fitted, lang))
        for j, value in enumerate(cells):
            c = 4 + 2 * j
            ws.merge_range(r, c, r, c + 1, "", st.year)
            if isinstance(value, str):
                ws.write_string(r, c, value, st.year)
            elif j == 0:
                pts = None if value is None else round(value * 100, 6)
                number(ws, r, c, pts, points, st.text)
            elif j == 1:
                number(ws, r, c, value, st.percent, st.text)
            else:
                ws.write_number(r, c, value, st.year)
    return row + len(trend.indicators)


def _charts(wb: Any, ws: Any, trend: Trend, span: tuple[int, int], at: int, lang: str) -> None:
    top, bottom = span
    sheet = ws.get_name()
    styles = (
        {"line": {"color": "#2E75B6", "width": 2.25}, "marker": {"type": "circle", "size": 7}},
        {"line": {"color": "#C00000", "dash_type": "dash", "width": 1.5}},
        {"line": {"color": "#7F7F7F", "dash_type": "round_dot", "width": 1.5}},
    )
    ids = [i.id for i in trend.indicators]
    for n, ind_id in enumerate(i for i in CHARTED if i in ids):
        k = ids.index(ind_id)
        chart = wb.add_chart({"type": "line"})
        for j, series in enumerate(SERIES):
            if ind_id == "women_leaders" and series == "milestone":
                continue  # a statistic without a target has no path
            col = 1 + 3 * k + j
            chart.add_series(
                {
                    "name": text(f"report.col.{series}", lang),
                    "categories": [sheet, top, 0, bottom, 0],
                    "values": [sheet, top, col, bottom, col],
                    **styles[j],
                }
            )
        chart.show_blanks_as("gap")
        name = text("report.chart.trend", lang, name=trend_name(ind_id, lang))
        chart.set_title({"name": name, "name_font": {"name": FONT, "size": 11}})
        chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1, "num_font": {"name": FONT}})
        chart.set_x_axis({"num_font": {"name": FONT}})
        chart.set_legend({"position": "bottom", "font": {"name": FONT, "size": 9}})
        chart.set_size({"width": 600, "height": 320})
        ws.insert_chart(at + (n // 2) * 17, 1 + (n % 2) * 8, chart)
