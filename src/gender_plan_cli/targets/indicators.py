"""The four indicators over a set of unit records. Pure functions: no I/O, no printing.

The formulas are those of `docs/spec/indicators.md`; every number comes from `Rules`. Counts stay
integers; sums of fractional targets use `math.fsum` so totals never drift by rounding; every
comparison allows a tolerance of 1e-9 so a target of exactly 60% of 5 units (3.0000000000000004
in floating point) needs 3 units, not 4.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from gender_plan_cli.contract import GroupField
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.results import (
    Adjustment,
    Basis,
    IndicatorResult,
    LeaderShare,
    Mode,
    UnitResult,
)
from gender_plan_cli.targets.rules import ApprovedSector, RateTarget, Rules, value_at
from gender_plan_cli.words import fold

TOLERANCE = 1e-9
# A unit meets female_key_leader when it has at least one female key leader (the definition of
# the national indicator, not a target of the plan).
ONE_FEMALE_KEY_LEADER = 1


def ceil_tol(value: float) -> int:
    """⌈value − 1e-9⌉: the smallest whole number of people or units that reaches `value`."""
    return math.ceil(value - TOLERANCE)


def _with_units(result: IndicatorResult, units: list[UnitResult]) -> IndicatorResult:
    """Attach per-unit rows after validating the totals: the rows are built here, typed, and
    validating 200,000 of them one by one would cost more than computing them."""
    result.units = units
    return result


def _sort_units(units: list[UnitResult], *, by_target: bool = False) -> None:
    """Largest shortfall first (then, with `by_target`, the highest target), then by code: one
    stable sort per key, least significant first, each keyed in C (200,000 rows)."""
    units.sort(key=itemgetter("unit_code"))
    if by_target:
        units.sort(key=_target_or_zero, reverse=True)  # reverse keeps a stable sort stable
    units.sort(key=itemgetter("shortfall"), reverse=True)


def _target_or_zero(u: UnitResult) -> float:
    return u["target"] or 0


def leader_share(records: Iterable[UnitRecord]) -> LeaderShare:
    units = total = female = 0
    for r in records:
        if r.leaders_female is None:
            continue
        units += 1
        total += r.leaders_total
        female += r.leaders_female
    return LeaderShare(
        units=units,
        leaders_total=total,
        leaders_female=female,
        rate=female / total if total else None,
    )


# --- female_key_leader: each unit's own target t(u) ----------------------------------------


@dataclass(frozen=True)
class KeyTarget:
    target: float | None  # None: exempt, out of E
    adjustment: Adjustment | None


def key_leader_targets(
    records: Sequence[UnitRecord], rules: Rules, year: int
) -> list[KeyTarget | None]:
    """t(u) for each record (None for units the indicator does not apply to).

    The sector share is Σ female staff / Σ staff over every unit of the sector in the data
    evaluated (all types, not only E), so one sector has one share wherever its units sit.
    """
    rule = rules.targets.female_key_leader
    base = rule.at(year)
    low = rule.low_female_staff
    sector_share: dict[str, float | None] = {}
    folded: dict[str, str] = {}
    if low is not None and low.basis == "sector":
        sums: dict[str, list[int]] = {}
        for r in records:
            if r.sector:
                if r.sector not in folded:
                    folded[r.sector] = fold(r.sector)
                s = sums.setdefault(folded[r.sector], [0, 0])
                s[0] += r.staff_female
                s[1] += r.staff_total
        sector_share = {k: (f / t if t else None) for k, (f, t) in sums.items()}
    types = rule.unit_types()
    plain = KeyTarget(base, None)  # frozen: one object serves every unit without adjustment
    if low is None:
        return [plain if types is None or r.unit_type in types else None for r in records]
    out: list[KeyTarget | None] = []
    approved_of: dict[str | None, ApprovedSector | None] = {}
    for r in records:
        if types is not None and r.unit_type not in types:
            out.append(None)
            continue
        if r.sector not in approved_of:
            approved_of[r.sector] = low.approved(r.sector)
        approved = approved_of[r.sector]
        if approved is not None:
            t = approved.at(year)
            out.append(KeyTarget(t, _adjustment(r, None, "approved", "approved", t)))
            continue
        if low.basis == "sector" and r.sector:
            basis: Basis = "sector"
            share = sector_share[folded[r.sector]]
        else:
            basis = "unit"
            share = r.staff_female / r.staff_total if r.staff_total else None
        if share is None or share >= low.threshold - TOLERANCE:
            out.append(plain)
            continue
        if low.mode == "exempt":
            t = None
        elif low.mode == "fixed":
            assert low.fixed is not None  # the rules model guarantees it
            t = value_at(low.fixed, year)
        else:
            t = base * share / low.threshold
        out.append(KeyTarget(t, _adjustment(r, share, basis, low.mode, t)))
    return out


def _adjustment(
    r: UnitRecord, share: float | None, basis: Basis, mode: Mode, t: float | None
) -> Adjustment:
    return Adjustment(
        unit_code=r.unit_code,
        unit_name=r.unit_name,
        sector=r.sector,
        share=share,
        basis=basis,
        mode=mode,
        target=t,
        exempt=t is None,
        met=r.key_leaders_female >= ONE_FEMALE_KEY_LEADER,
    )


# --- the four indicators over a set of units -----------------------------------------------


def female_key_leader(
    records: Sequence[UnitRecord],
    targets: Sequence[KeyTarget | None],
    rules: Rules,
    year: int,
    *,
    with_units: bool = True,
) -> IndicatorResult:
    plan_target = rules.targets.female_key_leader.at(year)
    weights: list[float] = []
    units: list[UnitResult] = []
    adjustments: list[Adjustment] = []
    actual = exempt = adjusted = 0
    for r, kt in zip(records, targets, strict=True):
        if kt is None:
            continue
        if kt.adjustment is not None:
            adjusted += kt.target is not None
            exempt += kt.target is None
            if with_units:
                adjustments.append(kt.adjustment)
        if kt.target is None:
            continue
        ok = r.key_leaders_female >= ONE_FEMALE_KEY_LEADER
        actual += ok
        weights.append(kt.target)
        if with_units:
            units.append(
                {
                    "unit_code": r.unit_code,
                    "unit_name": r.unit_name,
                    "met": ok,
                    "target": kt.target,
                    "adjusted": kt.adjustment is not None,
                    "actual": r.key_leaders_female,
                    "base": r.key_leaders_total,
                    "required": ONE_FEMALE_KEY_LEADER,
                    "rate": None,
                    "shortfall": 0 if ok else ONE_FEMALE_KEY_LEADER,
                }
            )
    return _key_leader_result(plan_target, weights, actual, adjusted, exempt, adjustments, units)


def _key_leader_result(
    plan_target: float,
    weights: list[float],
    actual: int,
    adjusted: int,
    exempt: int,
    adjustments: list[Adjustment],
    units: list[UnitResult],
) -> IndicatorResult:
    """female_key_leader from its units' tally: met when the units with a female key leader
    reach the sum of their targets t(u); not applicable when no unit has a target."""
    scope = len(weights)
    if not scope:
        return _not_applicable(
            "female_key_leader", plan_target, exempt=exempt, adjustments=adjustments
        )
    required = math.fsum(weights)
    _sort_units(units, by_target=True)
    result = IndicatorResult(
        id="female_key_leader",
        applicable=True,
        target=plan_target,
        effective_target=required / scope,
        scope=scope,
        actual=actual,
        required=required,
        rate=actual / scope,
        met=actual >= required - TOLERANCE,
        gap=max(0, ceil_tol(required) - actual),
        adjusted=adjusted,
        exempt=exempt,
        adjustments=adjustments,
    )
    return _with_units(result, units)


def _pool_scope(
    records: Sequence[UnitRecord], rule: RateTarget
) -> tuple[list[UnitRecord], int, int, int]:
    """Units the rule applies to with a planning pool, and their sums N, F, T."""
    types = rule.unit_types()
    scope = [r for r in records if (types is None or r.unit_type in types) and r.pool_total > 0]
    n = sum(r.pool_total for r in scope)
    f = sum(r.pool_female for r in scope)
    t = sum(r.pool_female_trained for r in scope)
    return scope, n, f, t


def _share_units(
    scope: Sequence[UnitRecord],
    share: float,
    actual: Callable[[UnitRecord], int],
    base: Callable[[UnitRecord], int],
) -> list[UnitResult]:
    """Each unit's own figures for a share target: required = share × base. (One dict display
    per unit, not a call: there may be 200,000 of them.)"""
    units: list[UnitResult] = [
        {
            "unit_code": r.unit_code,
            "unit_name": r.unit_name,
            "met": a >= need - TOLERANCE,
            "target": share,
            "adjusted": False,
            "actual": a,
            "base": b,
            "required": need,
            "rate": a / b if b else None,
            "shortfall": max(0, ceil_tol(need - a)),
        }
        for r in scope
        for a, b in ((actual(r), base(r)),)
        for need in (share * b,)
    ]
    _sort_units(units)
    return units


def pool_female(
    records: Sequence[UnitRecord], rules: Rules, year: int, *, with_units: bool = True
) -> IndicatorResult:
    rule = rules.targets.pool_female
    p = rule.at(year)
    scope_records, n, f, t = _pool_scope(records, rule)
    units: list[UnitResult] = []
    if with_units:
        units = _share_units(scope_records, p, attrgetter("pool_female"), attrgetter("pool_total"))
    if not n:
        return _not_applicable("pool_female", p, pool=(n, f, t))
    gap_if_added = max(0, ceil_tol((p * n - f) / (1 - p))) if p < 1 else None
    result = _share_result("pool_female", p, f, n, len(scope_records), (n, f, t))
    result.gap_if_added = gap_if_added
    return _with_units(result, units)


def pool_female_trained(
    records: Sequence[UnitRecord], rules: Rules, year: int, *, with_units: bool = True
) -> IndicatorResult:
    rule = rules.targets.pool_female_trained
    q = rule.at(year)
    scope_records, n, f, t = _pool_scope(records, rule)
    units: list[UnitResult] = []
    if with_units:
        units = _share_units(
            scope_records, q, attrgetter("pool_female_trained"), attrgetter("pool_female")
        )
    if not f:
        result = _not_applicable("pool_female_trained", q, pool=(n, f, t))
        return result.model_copy(update={"scope": len(scope_records)})
    return _with_units(
        _share_result("pool_female_trained", q, t, f, len(scope_records), (n, f, t)), units
    )


def _share_result(
    indicator_id: str, share: float, actual: int, base: int, scope: int, pool: tuple[int, int, int]
) -> IndicatorResult:
    """A share target over summed counts: met when actual ≥ share × base (1e-9 tolerance)."""
    required = share * base
    return IndicatorResult(
        id=indicator_id,
        applicable=True,
        target=share,
        effective_target=share,
        scope=scope,
        actual=actual,
        required=required,
        rate=actual / base,
        met=actual >= required - TOLERANCE,
        gap=max(0, ceil_tol(required - actual)),
        pool_total=pool[0],
        pool_female=pool[1],
        pool_female_trained=pool[2],
    )


def ethnic_required(r: UnitRecord, rules: Rules) -> int:
    """required(u) = max(min_leaders, ⌈factor × pct/100 × leaders_total − 1e-9⌉)."""
    rule = rules.targets.ethnic_minority_leaders
    pct = r.ethnic_minority_population_pct or 0
    return max(rule.min_leaders, ceil_tol(rule.factor * pct / 100 * r.leaders_total))


def ethnic_minority_leaders(
    records: Sequence[UnitRecord], rules: Rules, *, with_units: bool = True
) -> IndicatorResult:
    rule = rules.targets.ethnic_minority_leaders
    types = rule.unit_types()
    scope_records = [
        r for r in records if r.ethnic_minority_area and (types is None or r.unit_type in types)
    ]
    meeting = gap = 0
    units: list[UnitResult] = []
    for r in scope_records:
        need = ethnic_required(r, rules)
        have = r.leaders_ethnic_minority or 0
        ok = have >= need
        meeting += ok
        gap += max(0, need - have)
        if with_units:
            units.append(
                UnitResult(
                    unit_code=r.unit_code,
                    unit_name=r.unit_name,
                    met=ok,
                    target=None,
                    adjusted=False,
                    actual=have,
                    base=r.leaders_total,
                    required=need,
                    rate=None,
                    shortfall=max(0, need - have),
                )
            )
    _sort_units(units)
    scope = len(scope_records)
    if not scope:
        return _not_applicable("ethnic_minority_leaders", None)
    result = IndicatorResult(
        id="ethnic_minority_leaders",
        applicable=True,
        target=None,
        effective_target=None,
        scope=scope,
        actual=meeting,
        required=scope,
        rate=meeting / scope,
        met=meeting == scope,
        gap=gap,
        units_short=scope - meeting,
    )
    return _with_units(result, units)


def _not_applicable(
    indicator_id: str,
    target: float | None,
    *,
    exempt: int = 0,
    adjustments: list[Adjustment] | None = None,
    pool: tuple[int, int, int] | None = None,
) -> IndicatorResult:
    n, f, t = pool if pool is not None else (None, None, None)
    return IndicatorResult(
        id=indicator_id,
        applicable=False,
        target=target,
        effective_target=None,
        scope=0,
        actual=0,
        required=None,
        rate=None,
        met=None,
        gap=0,
        exempt=exempt,
        pool_total=n,
        pool_female=f,
        pool_female_trained=t,
        adjustments=adjustments or [],
    )


def indicators_for(
    records: Sequence[UnitRecord],
    targets: Sequence[KeyTarget | None],
    rules: Rules,
    year: int,
    *,
    with_units: bool = True,
) -> list[IndicatorResult]:
    """The four indicators over `records` (`targets` are their t(u), computed on the whole data)."""
    return [
        female_key_leader(records, targets, rules, year, with_units=with_units),
        pool_female(records, rules, year, with_units=with_units),
        pool_female_trained(records, rules, year, with_units=with_units),
        ethnic_minority_leaders(records, rules, with_units=with_units),
    ]


def group_key(r: UnitRecord, by: GroupField) -> str | None:
    value = getattr(r, by)
    return value if value else None
