"""Indicators: every formula of docs/spec/indicators.md against hand-computed figures."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gap_builders import bundled, bundled_data, rec, rules_with
from gender_plan_cli.contract import GROUP_FIELDS
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.assess import evaluate, select_report_year
from gender_plan_cli.targets.indicators import ceil_tol, key_leader_targets
from gender_plan_cli.targets.results import IndicatorResult
from gender_plan_cli.targets.rules import Rules

RULES = bundled()


def ind(
    records: list[UnitRecord], indicator: str, year: int = 2025, rules=RULES, **kw
) -> IndicatorResult:  # type: ignore[no-untyped-def]
    return evaluate(records, rules, year, **kw).indicator(indicator)


# --- female_key_leader -------------------------------------------------------------------


def ten_agencies(meeting: int) -> list[UnitRecord]:
    return [rec(f"S{i:02}", kl=1 if i < meeting else 0) for i in range(10)]


def test_female_key_leader_at_the_2025_milestone() -> None:
    r = ind(ten_agencies(4), "female_key_leader")
    assert (r.scope, r.actual, r.required, r.rate) == (10, 4, pytest.approx(6.0), 0.4)
    assert (r.target, r.effective_target, r.met, r.gap) == (0.6, pytest.approx(0.6), False, 2)


def test_female_key_leader_in_2027_is_on_track_66_percent() -> None:
    r = ind(ten_agencies(4), "female_key_leader", 2027)
    assert r.target == pytest.approx(0.66)
    assert r.required == pytest.approx(6.6)
    assert r.gap == 3  # ⌈6.6⌉ − 4
    report = evaluate(ten_agencies(4), RULES, 2027)
    assert report.on_track is True
    assert evaluate(ten_agencies(4), RULES, 2030).on_track is False


@pytest.mark.parametrize("year", [2021, 2022, 2024])
def test_before_the_first_milestone_the_first_milestones_value(year: int) -> None:
    r = ind(ten_agencies(6), "female_key_leader", year)
    assert (r.target, r.met, r.gap) == (0.6, True, 0)


def test_2030_target() -> None:
    r = ind(ten_agencies(6), "female_key_leader", 2030)
    assert (r.target, r.required, r.met, r.gap) == (0.75, pytest.approx(7.5), False, 2)


def test_a_target_of_exactly_three_units_needs_three_not_four() -> None:
    # 0.6 × 5 in floating point is 3.0000000000000004: the tolerance keeps it 3.
    records = [rec(f"S{i}", kl=1 if i < 3 else 0) for i in range(5)]
    r = ind(records, "female_key_leader")
    assert (r.met, r.gap) == (True, 0)
    assert ceil_tol(0.6 * 5) == 3


def test_only_the_types_of_applies_to_are_counted() -> None:
    records = [
        rec("S1", kl=1),
        rec("U1", unit_type="people_committee", level="district", kl=0),
        rec("H1", unit_type="people_council", level="district", kl=1),
        rec("L1", unit_type="local_government", level="commune", kl=0),
        rec("P1", unit_type="public_service", kl=0),
        rec("O1", unit_type="other", kl=0),
    ]
    r = ind(records, "female_key_leader")
    assert (r.scope, r.actual, r.required, r.gap) == (4, 2, pytest.approx(2.4), 1)
    assert [u["unit_code"] for u in r.units] == ["L1", "U1", "H1", "S1"]


def construction_and_home_affairs() -> list[UnitRecord]:
    """Sector Xây dựng: 10 + 30 women of 200 staff = 20%; Nội vụ: 50%."""
    return [
        rec("XD1", sector="Xây dựng", staff_total=100, staff_female=10, kl=1),
        rec("XD2", sector="Xây dựng", staff_total=100, staff_female=30, kl=0),
        rec("NV1", sector="Nội vụ", kl=1),
        rec("NV2", sector="Nội vụ", kl=0),
    ]


def test_proportional_adjustment_on_the_sectors_share() -> None:
    r = ind(construction_and_home_affairs(), "female_key_leader")
    # t = 0.6 × 0.2 / 0.3 = 0.4 for both Xây dựng units; required = 0.4 + 0.4 + 0.6 + 0.6 = 2.0
    assert r.required == pytest.approx(2.0)
    assert r.effective_target == pytest.approx(0.5)
    assert (r.actual, r.met, r.gap, r.adjusted, r.exempt) == (2, True, 0, 2, 0)
    assert [(a.unit_code, a.basis, a.mode, a.exempt) for a in r.adjustments] == [
        ("XD1", "sector", "proportional", False),
        ("XD2", "sector", "proportional", False),
    ]
    assert [a.share for a in r.adjustments] == [pytest.approx(0.2), pytest.approx(0.2)]
    assert [a.target for a in r.adjustments] == [pytest.approx(0.4), pytest.approx(0.4)]
    assert {u["unit_code"]: u["adjusted"] for u in r.units} == {
        "XD1": True,
        "XD2": True,
        "NV1": False,
        "NV2": False,
    }


def test_the_sector_share_counts_every_unit_of_the_sector_not_only_eligible_ones() -> None:
    # A public service unit of Xây dựng with 80 women of 100 lifts the sector to 120/300 = 40%.
    records = [
        *construction_and_home_affairs(),
        rec("XD3", sector="Xây dựng", unit_type="public_service", staff_female=80),
    ]
    r = ind(records, "female_key_leader")
    assert (r.adjusted, r.required) == (0, pytest.approx(2.4))


def test_sector_names_match_regardless_of_case_and_spaces() -> None:
    records = construction_and_home_affairs()
    records[1] = rec("XD2", sector=" xây  DỰNG ", staff_total=100, staff_female=30, kl=0)
    r = ind(records, "female_key_leader")
    assert r.adjusted == 2
    assert [a.share for a in r.adjustments] == [pytest.approx(0.2)] * 2


def test_proportional_adjustment_on_the_units_own_share() -> None:
    rules = rules_with(basis="unit")
    r = ind(construction_and_home_affairs(), "female_key_leader", rules=rules)
    # XD1: 10% → 0.6 × 0.1 / 0.3 = 0.2; XD2: exactly 30% is not under 30% → 0.6.
    assert [(a.unit_code, a.basis) for a in r.adjustments] == [("XD1", "unit")]
    assert r.adjustments[0].target == pytest.approx(0.2)
    assert r.required == pytest.approx(0.2 + 0.6 * 3)
    assert r.gap == 0


def test_a_unit_with_no_sector_uses_its_own_share() -> None:
    records = [rec("A", sector=None, staff_female=15, kl=0), rec("B", sector=None, kl=1)]
    r = ind(records, "female_key_leader")
    # A: 15% → 0.6 × 0.15 / 0.3 = 0.3; required 0.9 → one unit needed; B has one.
    assert [(a.unit_code, a.basis) for a in r.adjustments] == [("A", "unit")]
    assert r.adjustments[0].share == pytest.approx(0.15)
    assert r.adjustments[0].target == pytest.approx(0.3)
    assert (r.required, r.met, r.gap) == (pytest.approx(0.9), True, 0)


def test_fixed_adjustment_uses_the_yamls_value_on_track() -> None:
    rules = rules_with(mode="fixed", fixed={2025: 0.3, 2030: 0.5})
    r25 = ind(construction_and_home_affairs(), "female_key_leader", rules=rules)
    assert [a.target for a in r25.adjustments] == [pytest.approx(0.3)] * 2
    assert r25.required == pytest.approx(0.3 + 0.3 + 0.6 + 0.6)
    r27 = ind(construction_and_home_affairs(), "female_key_leader", 2027, rules=rules)
    # fixed 2027 = 0.3 + 2/5 × 0.2 = 0.38; plan 2027 = 0.66
    assert [a.target for a in r27.adjustments] == [pytest.approx(0.38)] * 2
    assert r27.required == pytest.approx(0.38 * 2 + 0.66 * 2)
    assert (r27.met, r27.gap) == (False, 1)  # ⌈2.08⌉ − 2


def test_exempt_units_leave_the_scope_and_are_listed() -> None:
    rules = rules_with(mode="exempt")
    r = ind(construction_and_home_affairs(), "female_key_leader", rules=rules)
    assert (r.scope, r.actual, r.exempt, r.adjusted) == (2, 1, 2, 0)
    assert (r.required, r.rate, r.met, r.gap) == (pytest.approx(1.2), 0.5, False, 1)
    assert [(a.unit_code, a.exempt, a.target, a.mode) for a in r.adjustments] == [
        ("XD1", True, None, "exempt"),
        ("XD2", True, None, "exempt"),
    ]
    assert [u["unit_code"] for u in r.units] == ["NV2", "NV1"]


def test_an_approved_sector_wins_over_the_automatic_rule() -> None:
    # The automatic rule would exempt Xây dựng; the approved entry gives it 50% instead, and the
    # approved Nội vụ (50% women, above the threshold) still gets its own 20%.
    rules = rules_with(
        mode="exempt",
        sectors=[
            {"sector": "XÂY DỰNG", 2025: 0.5, 2030: 0.7},
            {"sector": "Nội vụ", 2025: 0.2, 2030: 0.2},
        ],
    )
    r = ind(construction_and_home_affairs(), "female_key_leader", rules=rules)
    assert [(a.unit_code, a.basis, a.mode, a.share) for a in r.adjustments] == [
        ("XD1", "approved", "approved", None),
        ("XD2", "approved", "approved", None),
        ("NV1", "approved", "approved", None),
        ("NV2", "approved", "approved", None),
    ]
    assert (r.scope, r.exempt, r.adjusted) == (4, 0, 4)
    assert r.required == pytest.approx(0.5 + 0.5 + 0.2 + 0.2)
    r30 = ind(construction_and_home_affairs(), "female_key_leader", 2030, rules=rules)
    assert r30.required == pytest.approx(0.7 + 0.7 + 0.2 + 0.2)


def test_an_approved_sector_can_be_exempt() -> None:
    rules = rules_with(sectors=[{"sector": "Nội vụ", "exempt": True}])
    r = ind(construction_and_home_affairs(), "female_key_leader", rules=rules)
    assert (r.scope, r.exempt, r.adjusted) == (2, 2, 2)
    assert r.required == pytest.approx(0.8)


def test_a_sector_with_no_staff_is_not_adjusted() -> None:
    r = ind([rec("Z", sector="Trống", staff_total=0, staff_female=0, kl=0)], "female_key_leader")
    assert (r.adjusted, r.required, r.gap) == (0, pytest.approx(0.6), 1)


def test_no_eligible_unit_means_not_applicable() -> None:
    r = ind([rec("P", unit_type="public_service")], "female_key_leader")
    assert (r.applicable, r.scope, r.rate, r.met, r.gap, r.required) == (
        False,
        0,
        None,
        None,
        0,
        None,
    )


def test_a_group_with_no_eligible_unit() -> None:
    records = [rec("S1", kl=0), rec("P1", unit_type="public_service", kl=1)]
    report = evaluate(records, RULES, 2025, by="unit_type")
    groups = {g.key: g for g in report.groups}
    assert list(groups) == ["state_agency", "public_service"]  # the form's order
    public = groups["public_service"].indicators[0]
    assert (public.id, public.applicable, public.met, public.gap) == (
        "female_key_leader",
        False,
        None,
        0,
    )
    state = groups["state_agency"].indicators[0]
    assert (state.applicable, state.met, state.gap) == (True, False, 1)
    assert report.all_met() is False


def test_groups_use_the_whole_datas_sector_share() -> None:
    # Grouped by parent, XD2 sits alone under P2, but its target comes from the sector's 20%.
    records = construction_and_home_affairs()
    records = [
        rec("P1", unit_type="people_committee", level="city", kl=1),
        rec("P2", unit_type="people_committee", level="city", kl=1),
        records[0].model_copy(update={"parent_code": "P1"}),
        records[1].model_copy(update={"parent_code": "P2"}),
    ]
    report = evaluate(records, RULES, 2025, by="parent_code")
    by_key = {g.key: g for g in report.groups}
    assert by_key["P2"].indicators[0].required == pytest.approx(0.4)
    assert by_key["P2"].label == "Đơn vị P2"
    assert by_key[None].units == 2


# --- pool_female and pool_female_trained ---------------------------------------------------


def pools() -> list[UnitRecord]:
    """N = 60 + 40 = 100, F = 20 + 10 = 30, T = 15 + 5 = 20."""
    return [
        rec("A", pool_total=60, pool_female=20, pool_female_trained=15),
        rec("B", pool_total=40, pool_female=10, pool_female_trained=5),
        rec("C", pool_total=0, pool_female=0, pool_female_trained=0),
    ]


def test_pool_female_with_its_two_gaps() -> None:
    r = ind(pools(), "pool_female")
    assert (r.scope, r.pool_total, r.pool_female, r.pool_female_trained) == (2, 100, 30, 20)
    assert (r.actual, r.required, r.rate, r.met) == (30, pytest.approx(40), 0.3, False)
    assert r.gap == 10  # 40 − 30 women in place of men
    assert r.gap_if_added == 17  # ⌈10 / 0.6⌉: (30 + 17) / 117 = 40.2%
    assert (30 + 17) / (100 + 17) >= 0.4 > (30 + 16) / (100 + 16)
    r30 = ind(pools(), "pool_female", 2030)
    assert (r30.gap, r30.gap_if_added) == (20, 40)
    assert [(u["unit_code"], u["shortfall"]) for u in r.units] == [("B", 6), ("A", 4)]


def test_pool_female_met_exactly() -> None:
    r = ind([rec("A", pool_total=10, pool_female=4, pool_female_trained=3)], "pool_female")
    assert (r.met, r.gap, r.gap_if_added) == (True, 0, 0)


def test_pool_female_trained() -> None:
    r = ind(pools(), "pool_female_trained")
    # q·F = 0.75 × 30 = 22.5 → 3 more trained
    assert (r.actual, r.required, r.met, r.gap) == (20, pytest.approx(22.5), False, 3)
    assert r.rate == pytest.approx(20 / 30)
    r30 = ind(pools(), "pool_female_trained", 2030)
    assert (r30.required, r30.gap) == (pytest.approx(27.0), 7)


def test_a_zero_pool_is_not_applicable() -> None:
    records = [rec("A", pool_total=0, pool_female=0, pool_female_trained=0)]
    for indicator in ("pool_female", "pool_female_trained"):
        r = ind(records, indicator)
        assert (r.applicable, r.rate, r.met, r.gap) == (False, None, None, 0)


def test_a_pool_with_no_women_fails_pool_female_and_makes_trained_not_applicable() -> None:
    records = [rec("A", pool_total=5, pool_female=0, pool_female_trained=0)]
    pf = ind(records, "pool_female")
    assert (pf.applicable, pf.rate, pf.met, pf.gap, pf.gap_if_added) == (True, 0.0, False, 2, 4)
    tr = ind(records, "pool_female_trained")
    assert (tr.applicable, tr.scope, tr.rate, tr.met, tr.gap) == (False, 1, None, None, 0)


# --- ethnic_minority_leaders ---------------------------------------------------------------


def em(code: str, pct: float, leaders: int, have: int) -> UnitRecord:
    return rec(
        code,
        ethnic_minority_area=True,
        ethnic_minority_population_pct=pct,
        leaders_total=leaders,
        leaders_ethnic_minority=have,
    )


def test_ethnic_minority_leaders() -> None:
    records = [
        em("A", 25, 10, 2),  # ⌈2.5⌉ = 3 → 1 short
        em("B", 5, 10, 1),  # ⌈0.5⌉ = 1 → met
        em("C", 0, 10, 0),  # max(1, 0) = 1 → 1 short
        em("D", 30, 10, 3),  # 0.3 × 10 = 3.0000000000000004 → 3 → met
        rec("E"),  # not an ethnic-minority area
    ]
    r = ind(records, "ethnic_minority_leaders")
    assert (r.scope, r.actual, r.rate, r.met, r.gap, r.units_short) == (4, 2, 0.5, False, 2, 2)
    assert [(u["unit_code"], u["required"], u["shortfall"]) for u in r.units] == [
        ("A", 3, 1),
        ("C", 1, 1),
        ("B", 1, 0),
        ("D", 3, 0),
    ]


def test_ethnic_minority_factor_and_minimum_come_from_the_rules() -> None:
    from gap_builders import bundled_data

    data = bundled_data()
    data["targets"]["ethnic_minority_leaders"].update(min_leaders=2, factor=2.0)
    from gender_plan_cli.targets.rules import Rules

    rules = Rules.model_validate(data)
    r = ind([em("A", 25, 10, 4), em("B", 5, 10, 2)], "ethnic_minority_leaders", rules=rules)
    assert [(u["unit_code"], u["required"]) for u in r.units] == [("A", 5), ("B", 2)]
    assert (r.gap, r.met) == (1, False)


def test_no_ethnic_minority_area_is_not_applicable() -> None:
    r = ind([rec("A")], "ethnic_minority_leaders")
    assert (r.applicable, r.met, r.rate, r.target) == (False, None, None, None)


# --- which data -----------------------------------------------------------------------------


def test_the_report_year_is_the_latest_not_after_the_target_year() -> None:
    records = [rec("A", report_year=y) for y in (2023, 2025, 2026)]
    assert select_report_year(records, 2025) == 2025
    assert select_report_year(records, 2024) == 2023
    assert select_report_year(records, 2030) == 2026
    assert select_report_year(records, 2022) == 2026  # none ≤ 2022: the latest present
    assert select_report_year(records, 2030, override=2023) == 2023
    assert select_report_year([], 2025) is None


def test_only_the_chosen_years_units_are_evaluated() -> None:
    records = [
        rec("A", report_year=2024, kl=0),
        rec("A", report_year=2025, kl=1),
        rec("B", report_year=2025),
    ]
    report = evaluate(records, RULES, 2025)
    assert (report.report_year, report.years_present, report.units) == (2025, [2024, 2025], 2)
    assert report.indicator("female_key_leader").actual == 2
    report = evaluate(records, RULES, 2025, report_year=2024)
    assert (report.report_year, report.units) == (2024, 1)
    assert report.indicator("female_key_leader").actual == 0


def test_no_data_at_all() -> None:
    report = evaluate([], RULES, 2025)
    assert report.report_year is None
    assert [i.applicable for i in report.indicators] == [False] * 4
    assert report.all_met() is True


# --- totals do not drift --------------------------------------------------------------------


def test_fifty_thousand_targets_add_up_without_drift() -> None:
    records = [rec(f"U{i}", kl=i % 2) for i in range(50_000)]
    r = ind(records, "female_key_leader")
    assert abs(r.required - 30_000) < 1e-9
    assert (r.actual, r.gap) == (25_000, 5_000)
    targets = key_leader_targets(records, RULES, 2025)
    assert len(targets) == 50_000


def test_a_rate_above_one_cannot_exist() -> None:
    with pytest.raises(ValueError):
        IndicatorResult(
            id="x", applicable=True, target=0.6, effective_target=0.6, scope=1, actual=2,
            required=0.6, rate=2.0, met=True, gap=0,
        )  # fmt: skip
    with pytest.raises(ValueError):
        IndicatorResult(
            id="x", applicable=True, target=0.6, effective_target=0.6, scope=1, actual=0,
            required=0.6, rate=0.0, met=False, gap=-1,
        )  # fmt: skip


# --- properties ----------------------------------------------------------------------------

UNIT_TYPES = (
    "state_agency",
    "people_committee",
    "people_council",
    "local_government",
    "public_service",
    "other",
)


@st.composite
def unit_records(draw: st.DrawFn, code: str) -> UnitRecord:
    staff = draw(st.integers(0, 300))
    kl_total = draw(st.integers(0, 6))
    leaders = draw(st.integers(kl_total, kl_total + 30))
    pool = draw(st.integers(0, 60))
    pool_f = draw(st.integers(0, pool))
    area = draw(st.booleans())
    return rec(
        code,
        level=draw(st.sampled_from(("city", "department", "district", "commune"))),
        unit_type=draw(st.sampled_from(UNIT_TYPES)),
        sector=draw(st.sampled_from((None, "Xây dựng", "Nội vụ", "Y tế"))),
        parent_code=draw(st.sampled_from((None, "P1", "P2"))),
        staff_total=staff,
        staff_female=draw(st.integers(0, staff)),
        key_leaders_total=kl_total,
        key_leaders_female=draw(st.integers(0, kl_total)),
        leaders_total=leaders,
        leaders_female=None,
        pool_total=pool,
        pool_female=pool_f,
        pool_female_trained=draw(st.integers(0, pool_f)),
        ethnic_minority_area=area,
        ethnic_minority_population_pct=draw(st.floats(0, 100)) if area else None,
        leaders_ethnic_minority=draw(st.integers(0, leaders)) if area else None,
    )


@st.composite
def datasets(draw: st.DrawFn) -> list[UnitRecord]:
    n = draw(st.integers(0, 25))
    return [draw(unit_records(f"U{i}")) for i in range(n)]


RULE_VARIANTS = (
    RULES,
    rules_with(basis="unit"),
    rules_with(mode="exempt"),
    rules_with(mode="fixed", fixed={2025: 0.3, 2030: 0.45}),
    rules_with(sectors=[{"sector": "Y tế", 2025: 0.5, 2030: 0.6}]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=datasets(),
    year=st.integers(2021, 2030),
    rules=st.sampled_from(RULE_VARIANTS),
    by=st.sampled_from(GROUP_FIELDS),
)
def test_properties_of_every_result(data, year, rules, by) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(data, rules, year, by=by)
    results = list(report.indicators) + [i for g in report.groups for i in g.indicators]
    for r in results:
        assert r.gap >= 0
        if r.applicable:
            assert (r.gap == 0) is r.met, r
            assert r.rate is not None and 0 <= r.rate <= 1
            if r.effective_target is not None:
                assert 0 <= r.effective_target <= 1
        else:
            assert (r.met, r.rate, r.gap) == (None, None, 0)
        if r.id == "pool_female" and r.applicable:
            assert r.gap_if_added is not None and r.gap_if_added >= r.gap
            assert (r.gap_if_added == 0) is r.met
    # Groups partition the units: counts and sums add up to the whole.
    assert sum(g.units for g in report.groups) == report.units
    for position, whole in enumerate(report.indicators):
        parts = [g.indicators[position] for g in report.groups]
        assert sum(p.scope for p in parts) == whole.scope
        assert sum(p.actual for p in parts) == whole.actual
        assert sum(p.exempt for p in parts) == whole.exempt
        assert sum(p.adjusted for p in parts) == whole.adjusted
        if whole.id in ("pool_female", "pool_female_trained"):
            assert sum(p.pool_total or 0 for p in parts) == (whole.pool_total or 0)
            assert sum(p.pool_female or 0 for p in parts) == (whole.pool_female or 0)
        if whole.id == "ethnic_minority_leaders":
            assert sum(p.gap for p in parts) == whole.gap
        if whole.id == "female_key_leader" and whole.applicable:
            total = math.fsum(p.required or 0 for p in parts)
            assert total == pytest.approx(whole.required, abs=1e-9)
    # Units listed per indicator are the units in scope; shortfall is 0 exactly when met.
    for r in report.indicators:
        if r.applicable:
            assert len(r.units) == r.scope
        for u in r.units:
            assert (u["shortfall"] == 0) is u["met"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # shortfall: few values, many ties
            st.one_of(st.none(), st.sampled_from([0.0, 0.45, 0.6, 0.6000000000000001, 0.75])),
            st.sampled_from(["A", "B", "b", "C01", "Đ", "a"]),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_units_are_ordered_as_one_sort_on_the_whole_key(rows, by_target) -> None:  # type: ignore[no-untyped-def]
    """Three stable sorts keyed in C put the units exactly where one sort on the tuple key
    (−shortfall, −target, code) put them, ties kept in the order they were made."""
    from gender_plan_cli.targets.indicators import _sort_units

    units = [
        {"shortfall": s, "target": t, "unit_code": c, "made": i} for i, (s, t, c) in enumerate(rows)
    ]
    if by_target:
        expected = sorted(
            units, key=lambda u: (-u["shortfall"], -(u["target"] or 0), u["unit_code"])
        )
    else:
        expected = sorted(units, key=lambda u: (-u["shortfall"], u["unit_code"]))
    _sort_units(units, by_target=by_target)  # type: ignore[arg-type]
    assert [u["made"] for u in units] == [u["made"] for u in expected]


def test_without_a_low_staff_rule_every_unit_in_scope_has_the_plans_target() -> None:
    """No adjustment rule: the plan's target for the units the rule applies to, None for others
    (one frozen object serves them all)."""
    data = bundled_data()
    data["targets"]["female_key_leader"]["low_female_staff"] = None
    records = [*ten_agencies(3), rec("X1", unit_type="public_service")]
    targets = key_leader_targets(records, Rules.model_validate(data), 2025)
    assert [t if t is None else (t.target, t.adjustment) for t in targets] == [(0.6, None)] * 10 + [
        None
    ]
    assert len({id(t) for t in targets[:10]}) == 1
