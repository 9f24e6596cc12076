"""`trend --format json`: the `Trend` as one document.

Keys: method ("ols"), years, horizon, rules, data_source, indicators; each indicator has id,
points [{report_year, rate, target, met}], slope_per_year (fraction per year), intercept,
projection_2030 (the fitted line at the last milestone, kept within 0–1),
reaches_target_year (first year the line reaches that year's target, or null) and
milestones [{year, target, fitted, reaches_year}]. Rates are fractions, never percentages.
"""

from __future__ import annotations

from gender_plan_cli.targets.trend import Trend


def render_trend_json(trend: Trend) -> str:
    return trend.model_dump_json(indent=2)
