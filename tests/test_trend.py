"""trend.py: the least squares line, the projection and the years the targets are reached,
against hand-computed figures."""

from __future__ import annotations

import pytest

from gap_builders import bundled, rec
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.assess import evaluate
from gender_plan_cli.targets.trend import (
    TrendPoint,
    build_trend,
    changes_per_year,
    evaluate_years,
    first_year_reaching,
    ols,
)

RULES = bundled()


def test_ols_of_three_evenly_rising_years() -> None:
    fit = ols([(2021, 0.40), (2022, 0.45), (2023, 0.50)])
    assert fit is not None
    assert fit.slope == pytest.approx(0.05)
    assert fit.at(2030) == pytest.approx(0.85)
    assert first_year_reaching(fit, lambda _y: 0.60, 2021, 2030) == 2025
    assert first_year_reaching(fit, lambda _y: 0.90, 2021, 2030) is None


def test_ols_of_scattered_points() -> None:
    # x̄ = 2022.5, ȳ = 0.5; Sxx = 5; Sxy = (-1.5)(-0.1) + (-0.5)(0.1) + 0.5(-0.1) + 1.5(0.1) = 0.2
    fit = ols([(2021, 0.4), (2022, 0.6), (2023, 0.4), (2024, 0.6)])
    assert fit is not None and fit.slope == pytest.approx(0.04)
    assert fit.at(2022.5) == pytest.approx(0.5)  # type: ignore[arg-type]


def test_one_year_has_no_line() -> None:
    assert ols([(2025, 0.5)]) is None
    assert ols([(2025, 0.5), (2025, 0.6)]) is None
    assert first_year_reaching(None, lambda _y: 0.0, 2021, 2030) is None


def test_changes_per_year_skip_missing_rates_and_divide_by_the_years_between() -> None:
    points = [
        TrendPoint(report_year=2021, rate=0.40),
        TrendPoint(report_year=2022, rate=None),
        TrendPoint(report_year=2023, rate=0.50),
    ]
    got = changes_per_year(points)
    assert got[0] is None and got[1] is None and got[2] == pytest.approx(0.05)


def agencies(year: int, meeting: int, total: int = 20) -> list[UnitRecord]:
    return [rec(f"S{i:02}", report_year=year, kl=1 if i < meeting else 0) for i in range(total)]


def three_years() -> list[UnitRecord]:
    # female_key_leader 8/20, 9/20, 10/20 = 0.40, 0.45, 0.50 in 2021–2023
    return agencies(2021, 8) + agencies(2022, 9) + agencies(2023, 10)


def test_each_year_is_evaluated_with_its_own_units_and_target() -> None:
    reports = evaluate_years(three_years(), RULES)
    assert [(r.report_year, r.target_year, r.units) for r in reports] == [
        (2021, 2021, 20),
        (2022, 2022, 20),
        (2023, 2023, 20),
    ]
    assert all(r.before_first_milestone and not r.on_track for r in reports)


def test_trend_of_the_key_leader_indicator() -> None:
    trend = build_trend(evaluate_years(three_years(), RULES), RULES)
    assert (trend.years, trend.horizon, trend.method) == ([2021, 2022, 2023], 2030, "ols")
    key = trend.indicator("female_key_leader")
    assert [(p.report_year, p.rate, p.target) for p in key.points] == [
        (2021, 0.4, 0.6),
        (2022, 0.45, 0.6),
        (2023, 0.5, 0.6),
    ]
    assert key.slope_per_year == pytest.approx(0.05)
    assert key.projection_2030 == pytest.approx(0.85)
    assert key.reaches_target_year == 2025  # 0.60 in 2025, the target of 2025
    assert [(m.year, m.target, m.reaches_year) for m in key.milestones] == [
        (2025, 0.6, 2025),
        (2030, 0.75, 2028),  # 0.40 + 7 × 0.05
    ]


def test_a_trend_that_never_reaches_the_target() -> None:
    # pool_female is 4/10 in every unit and year: flat at 0.40, reaches 2025's 40% but not 50%
    trend = build_trend(evaluate_years(three_years(), RULES), RULES)
    pool = trend.indicator("pool_female")
    assert pool.slope_per_year == pytest.approx(0.0)
    assert pool.reaches_target_year == 2021  # 0.40 ≥ the first milestone's 0.40 already
    assert [(m.year, m.reaches_year) for m in pool.milestones] == [(2025, 2021), (2030, None)]


def test_the_target_followed_is_each_years_own_target() -> None:
    # 25/50 = 0.50 in 2021, 28/50 = 0.56 in 2023: 0.03 a year; fitted 0.59 in 2024 (< 0.60),
    # 0.62 in 2025 (≥ 0.60); 0.77 in 2030 ≥ 0.75, 0.74 in 2029 < 0.75
    records = agencies(2021, 25, total=50) + agencies(2023, 28, total=50)
    trend = build_trend(evaluate_years(records, RULES), RULES)
    key = trend.indicator("female_key_leader")
    assert key.slope_per_year == pytest.approx(0.03)
    assert key.reaches_target_year == 2025
    assert [(m.year, m.reaches_year) for m in key.milestones] == [(2025, 2025), (2030, 2030)]


def test_projection_is_clamped_to_a_rate() -> None:
    records = agencies(2021, 2) + agencies(2022, 12)
    key = build_trend(evaluate_years(records, RULES), RULES).indicator("female_key_leader")
    assert key.slope_per_year == pytest.approx(0.5)
    assert key.projection_2030 == 1.0


def test_women_leaders_are_a_statistic_without_target() -> None:
    records = agencies(2021, 8) + [
        rec(f"S{i:02}", report_year=2022, leaders_female=5) for i in range(20)
    ]
    trend = build_trend(evaluate_years(records, RULES), RULES)
    women = trend.indicator("women_leaders")
    assert [p.rate for p in women.points] == [0.4, 0.5]
    assert women.slope_per_year == pytest.approx(0.1)
    assert women.reaches_target_year is None and women.milestones == []


def test_women_leaders_count_only_units_stating_them() -> None:
    records = [rec("A", leaders_total=10, leaders_female=3), rec("B", leaders_female=None)]
    share = evaluate(records, RULES, 2025).women_leaders
    assert share is not None
    assert (share.units, share.leaders_total, share.leaders_female, share.rate) == (1, 10, 3, 0.3)


def test_before_the_first_milestone_is_labelled_and_read_from_the_rules() -> None:
    report = evaluate([rec("A", report_year=2023)], RULES, 2023)
    assert (report.before_first_milestone, report.on_track, report.first_milestone) == (
        True,
        False,
        2025,
    )
    later = evaluate([rec("A")], RULES, 2027)
    assert (later.before_first_milestone, later.on_track) == (False, True)


def five_years_met_in_2025() -> list[UnitRecord]:
    # female_key_leader 15/30 in 2021–2023, 16/30 in 2024, 19/30 = 63.3% in 2025: x̄ = 2023,
    # ȳ = 0.5333, Sxy = 0.3, Sxx = 10, slope 0.03; the fitted line is 0.5933 in 2025 (< 60%)
    # and 0.6233 in 2026, but 2025's actual rate meets 2025's 60%.
    counts = {2021: 15, 2022: 15, 2023: 15, 2024: 16, 2025: 19}
    return [r for y, n in counts.items() for r in agencies(y, n, total=30)]


def test_a_milestone_year_inside_the_data_is_judged_by_its_actual_rate() -> None:
    records = five_years_met_in_2025()
    gap = evaluate(records, RULES, 2025, report_year=2025).indicator("female_key_leader")
    assert gap.rate == pytest.approx(19 / 30) and gap.met is True  # `gap` says "Đạt"
    key = build_trend(evaluate_years(records, RULES), RULES).indicator("female_key_leader")
    assert key.slope_per_year == pytest.approx(0.03)
    assert [(m.year, m.met, m.reaches_year) for m in key.milestones] == [
        (2025, True, 2025),  # not 2026, where the fitted line crosses 60%
        (2030, None, None),  # after the data, the fitted line: 0.5333 + 7 × 0.03 < 0.75
    ]
    assert key.reaches_target_year == 2025


def test_a_milestone_missed_in_its_year_is_said_so_then_the_trend() -> None:
    counts = {2021: 10, 2022: 12, 2023: 14, 2024: 16, 2025: 17}  # 56.7% in 2025: missed
    records = [r for y, n in counts.items() for r in agencies(y, n, total=30)]
    key = build_trend(evaluate_years(records, RULES), RULES).indicator("female_key_leader")
    first = key.milestones[0]
    assert (first.year, first.met) == (2025, False)
    assert first.reaches_year == 2026  # the fitted line, only after the data


def test_year_on_year_changes_are_percentage_points() -> None:
    from gender_plan_cli.render.trend_table import signed

    assert signed(0.05, "vi") == "+5,0 điểm %"
    assert signed(-0.012, "en") == "−1.2 pp"
