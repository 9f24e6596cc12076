"""`trend` as Rich tables: the rates of every report year, then the projection summary."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import indicator_name, percent
from gender_plan_cli.targets.trend import IndicatorTrend, MilestoneReach, Trend, changes_per_year


def signed(value: float | None, lang: str) -> str:
    """A change of rate in percentage points: +5,0 điểm % / −1.2 pp; None → "—"."""
    if value is None:
        return "—"
    shown = percent(abs(value), lang).removesuffix("%")
    return ("−" if value < -1e-12 else "+") + text("trend.pp", lang, value=shown)


def reach(year: int | None, ind: IndicatorTrend, horizon: int, lang: str) -> str:
    if ind.slope_per_year is None and year is None:
        return text("trend.no-fit", lang)
    return str(year) if year is not None else text("trend.never", lang, year=horizon)


def milestone_reach(m: MilestoneReach, ind: IndicatorTrend, horizon: int, lang: str) -> str:
    """A milestone inside the data: met or not as `gap` says; after it, the trend."""
    if m.met is False:
        later = reach(m.reaches_year, ind, horizon, lang)
        return text("trend.missed", lang, year=m.year, later=later)
    return reach(m.reaches_year, ind, horizon, lang)


def method_text(trend: Trend, lang: str) -> str:
    if len(trend.years) < 2:
        year = trend.years[0] if trend.years else "—"
        return text("trend.one-year", lang, year=year)
    years = ", ".join(map(str, trend.years))
    return text("trend.method", lang, n=len(trend.years), years=years)


def _points_table(trend: Trend, lang: str) -> Table:
    table = Table(show_header=True, header_style="bold")
    for col in ("indicator", "year", "rate", "target", "change"):
        table.add_column(
            text(f"trend.col.{col}", lang),
            justify="left" if col == "indicator" else "right",
            overflow="fold",
        )
    for ind in trend.indicators:
        changes = changes_per_year(ind.points)
        for k, (p, change) in enumerate(zip(ind.points, changes, strict=True)):
            style = "" if p.met is None else ("green" if p.met else "red")
            table.add_row(
                Text(indicator_name(ind.id, lang) if k == 0 else ""),
                Text(str(p.report_year)),
                Text(percent(p.rate, lang), style=style),
                Text(percent(p.target, lang) if p.target is not None else "—"),
                Text(signed(change, lang)),
                end_section=k == len(ind.points) - 1,
            )
    return table


def _summary_table(trend: Trend, lang: str) -> Table:
    milestones = sorted({m.year for i in trend.indicators for m in i.milestones})
    table = Table(show_header=True, header_style="bold")
    table.add_column(text("trend.col.indicator", lang), overflow="fold", min_width=22)
    table.add_column(text("trend.col.slope", lang), justify="right")
    table.add_column(text("trend.col.projection", lang, year=trend.horizon), justify="right")
    table.add_column(text("trend.col.reaches", lang), justify="right")
    for y in milestones:
        table.add_column(text("trend.col.milestone", lang, year=y), justify="right")
    for ind in trend.indicators:
        if ind.id == "women_leaders":
            target = text("trend.no-target", lang)
        else:
            target = reach(ind.reaches_target_year, ind, trend.horizon, lang)
        by_year = {m.year: m for m in ind.milestones}
        cells = [
            milestone_reach(by_year[y], ind, trend.horizon, lang) if y in by_year else "—"
            for y in milestones
        ]
        table.add_row(
            Text(indicator_name(ind.id, lang)),
            Text(signed(ind.slope_per_year, lang)),
            Text(percent(ind.projection_2030, lang)),
            Text(target),
            *map(Text, cells),
        )
    return table


def render_trend(trend: Trend, lang: str, console: Console) -> None:
    from gender_plan_cli.render.figures import source_text

    first = trend.years[0] if trend.years else "—"
    last = trend.years[-1] if trend.years else "—"
    source = source_text(trend, lang)  # type: ignore[arg-type]
    title = text("trend.title", lang, first=first, last=last, horizon=trend.horizon, source=source)
    console.print(Text(title, style="bold"))
    console.print(Text(text("gap.rules", lang, path=trend.rules), style="dim"))
    console.print(_points_table(trend, lang))
    console.print(_summary_table(trend, lang))
    console.print(Text(method_text(trend, lang), style="dim"))
