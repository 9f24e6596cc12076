"""Each report year's rates → the trend since 2021 and the road to the last milestone.

Pure functions, no I/O: `evaluate_years` evaluates every report year present against that
year's own target with that year's own units; `build_trend` fits an ordinary least squares line
of rate on year through the points and reads off the projection and the years it reaches the
targets. A projection is an extrapolation of the points, stated as such wherever it is shown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel

from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.assess import evaluate
from gender_plan_cli.targets.indicators import TOLERANCE
from gender_plan_cli.targets.results import DataSource, Fraction, GapReport, IndicatorResult
from gender_plan_cli.targets.rules import Rules

INDICATOR_IDS = ("female_key_leader", "pool_female", "pool_female_trained")
ETHNIC = "ethnic_minority_leaders"
WOMEN_LEADERS = "women_leaders"
ALL_UNITS = 1.0  # the ethnic-minority indicator is met when every unit in scope meets it


class Fit(BaseModel):
    """rate = slope × year + intercept, by ordinary least squares."""

    slope: float
    intercept: float

    def at(self, year: int) -> float:
        return self.slope * year + self.intercept


class TrendPoint(BaseModel):
    report_year: int
    rate: Fraction | None
    target: Fraction | None = None
    met: bool | None = None


class MilestoneReach(BaseModel):
    """When one milestone's value is reached (None: not by the horizon).

    The years with data are judged by their actual rates, the fitted line speaks only of the
    years after them: a milestone year inside the data is `met` or not as `gap` says for that
    year (None: the milestone year is after the data)."""

    year: int
    target: Fraction
    fitted: Fraction | None
    reaches_year: int | None
    met: bool | None = None


class IndicatorTrend(BaseModel):
    id: str
    points: list[TrendPoint]
    slope_per_year: Fraction | None
    intercept: float | None = None
    projection_2030: Fraction | None
    reaches_target_year: int | None
    milestones: list[MilestoneReach] = []


class Trend(BaseModel):
    """Everything `trend` outputs; the table, JSON, CSV and the report's sheet render it."""

    schema_version: Literal["1"] = "1"  # of the JSON document: schemas/trend.json
    method: Literal["ols"] = "ols"
    years: list[int]
    horizon: int
    rules: str = ""
    data_source: DataSource | None = None
    indicators: list[IndicatorTrend]

    def indicator(self, indicator_id: str) -> IndicatorTrend:
        return next(i for i in self.indicators if i.id == indicator_id)


def ols(points: Sequence[tuple[int, float]]) -> Fit | None:
    """The least squares line through (year, rate) points; None with fewer than two years."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mx = math.fsum(x for x, _ in points) / n
    my = math.fsum(y for _, y in points) / n
    sxx = math.fsum((x - mx) ** 2 for x, _ in points)
    sxy = math.fsum((x - mx) * (y - my) for x, y in points)
    slope = sxy / sxx
    return Fit(slope=slope, intercept=my - slope * mx)


def first_year_reaching(
    fit: Fit | None, target_at: Callable[[int], float], start: int, end: int
) -> int | None:
    """The first year in [start, end] where the fitted line reaches that year's target."""
    if fit is None:
        return None
    for year in range(start, end + 1):
        if fit.at(year) >= target_at(year) - TOLERANCE:
            return year
    return None


def _clamped(value: float) -> float:
    """A rate stays within 0–1 even when the straight line leaves it."""
    return min(1.0, max(0.0, value))


def evaluate_years(
    records: Sequence[UnitRecord], rules: Rules, years: Sequence[int] | None = None
) -> list[GapReport]:
    """One gap report per report year: that year's units against that year's targets."""
    present = sorted({r.report_year for r in records})
    chosen = [y for y in present if years is None or y in years]
    return [evaluate(records, rules, y, report_year=y) for y in chosen]


def horizon_of(rules: Rules) -> int:
    """The last milestone (2030 in Hanoi's plan): where the projection stops."""
    return rules.milestone_years()[-1]


def _constant(value: float) -> Callable[[int], float]:
    return lambda _year: value


def _reached_since(points: Sequence[TrendPoint], met: Callable[[TrendPoint], bool]) -> int | None:
    """The first year of the run of years with data that ends with the last one and in which
    every actual rate meets (None: the last year with a rate does not)."""
    since = None
    for p in reversed([p for p in points if p.rate is not None]):
        if not met(p):
            break
        since = p.report_year
    return since


def _reaches(
    fit: Fit | None,
    points: Sequence[TrendPoint],
    met: Callable[[TrendPoint], bool],
    target_at: Callable[[int], float],
    horizon: int,
) -> int | None:
    """The years with data by their actual rates; after them, the fitted line."""
    since = _reached_since(points, met)
    if since is not None:
        return since
    rated = [p.report_year for p in points if p.rate is not None]
    after = (rated[-1] if rated else horizon - 1) + 1
    return first_year_reaching(fit, target_at, after, horizon)


def _milestone(
    fit: Fit | None, points: Sequence[TrendPoint], year: int, value: float, horizon: int
) -> MilestoneReach:
    def meets(p: TrendPoint) -> bool:
        return p.rate is not None and p.rate + TOLERANCE >= value

    actual = next((p for p in points if p.report_year == year and p.rate is not None), None)
    fitted = None if fit is None else _clamped(fit.at(year))
    if actual is None:
        reaches = _reaches(fit, points, meets, _constant(value), horizon)
        return MilestoneReach(year=year, target=value, fitted=fitted, reaches_year=reaches)
    # The milestone year is in the data: judged as `gap` judges it (its own target, adjusted).
    met = bool(actual.met) if actual.met is not None else meets(actual)
    later = [p for p in points if p.report_year > year]
    if met:
        reaches = year
    elif later:
        reaches = _reaches(fit, later, meets, _constant(value), horizon)
    else:
        reaches = first_year_reaching(fit, _constant(value), year + 1, horizon)
    return MilestoneReach(year=year, target=value, fitted=fitted, reaches_year=reaches, met=met)


def _rate_trend(
    indicator_id: str,
    points: list[TrendPoint],
    target_at: Callable[[int], float] | None,
    milestones: dict[int, float],
    horizon: int,
) -> IndicatorTrend:
    fit = ols([(p.report_year, p.rate) for p in points if p.rate is not None])
    reaches = [
        _milestone(fit, points, year, value, horizon) for year, value in sorted(milestones.items())
    ]
    return IndicatorTrend(
        id=indicator_id,
        points=points,
        slope_per_year=None if fit is None else fit.slope,
        intercept=None if fit is None else fit.intercept,
        projection_2030=None if fit is None else _clamped(fit.at(horizon)),
        reaches_target_year=None
        if target_at is None
        else _reaches(fit, points, lambda p: bool(p.met), target_at, horizon),
        milestones=reaches,
    )


def _point(report: GapReport, ind: IndicatorResult) -> TrendPoint:
    target = ALL_UNITS if ind.id == ETHNIC and ind.applicable else ind.target
    return TrendPoint(report_year=report.target_year, rate=ind.rate, target=target, met=ind.met)


def build_trend(reports: Sequence[GapReport], rules: Rules) -> Trend:
    """The trend of every indicator, plus women among leaders (a statistic without target)."""
    horizon = horizon_of(rules)
    t = rules.targets
    rated = {
        "female_key_leader": t.female_key_leader,
        "pool_female": t.pool_female,
        "pool_female_trained": t.pool_female_trained,
    }
    out: list[IndicatorTrend] = []
    for ind_id, rule in rated.items():
        points = [_point(r, r.indicator(ind_id)) for r in reports]
        out.append(_rate_trend(ind_id, points, rule.at, dict(rule.milestones), horizon))
    ethnic = [_point(r, r.indicator(ETHNIC)) for r in reports]
    out.append(_rate_trend(ETHNIC, ethnic, _constant(ALL_UNITS), {}, horizon))
    women = [
        TrendPoint(
            report_year=r.target_year,
            rate=r.women_leaders.rate if r.women_leaders is not None else None,
        )
        for r in reports
    ]
    out.append(_rate_trend(WOMEN_LEADERS, women, None, {}, horizon))
    return Trend(years=[r.target_year for r in reports], horizon=horizon, indicators=out)


def changes_per_year(points: Sequence[TrendPoint]) -> list[float | None]:
    """Each point's change from the previous point with a rate, per year between them."""
    out: list[float | None] = []
    previous: TrendPoint | None = None
    for p in points:
        if p.rate is None:
            out.append(None)
            continue
        if previous is None or previous.rate is None:
            out.append(None)
        else:
            out.append((p.rate - previous.rate) / (p.report_year - previous.report_year))
        previous = p
    return out
