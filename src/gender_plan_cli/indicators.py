"""Records + rules + target year → indicator results. Pure functions: no I/O, no printing.

The formulas are those of `spec/indicators.md`; every number comes from `Rules`. Counts stay
integers; sums of fractional targets use `math.fsum` so totals never drift by rounding; every
comparison allows a tolerance of 1e-9 so a target of exactly 60% of 5 units (3.0000000000000004
in floating point) needs 3 units, not 4.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, Field, PlainSerializer
from typing_extensions import TypedDict

from gender_plan_cli.contract import GROUP_FIELDS as GROUP_FIELDS
from gender_plan_cli.contract import GroupField
from gender_plan_cli.records import FileResult, UnitRecord
from gender_plan_cli.rules import (
    ApprovedSector,
    LowFemaleMode,
    RateTarget,
    Rules,
    ShareBasis,
    value_at,
)
from gender_plan_cli.words import fold

TOLERANCE = 1e-9
# Digits kept for fractions in JSON and CSV: free of float noise (0.6599999999999999 is written
# 0.66) yet exact enough that a rate a hair under its target never prints as equal to it
# (2,999,999 of 5,000,000 is 0.5999998, not 0.6).
JSON_DIGITS = 12
Fraction = Annotated[float, PlainSerializer(lambda v: round(v, JSON_DIGITS), when_used="json")]
Basis = Literal[ShareBasis, "approved"]
Mode = Literal[LowFemaleMode, "approved"]
# A unit meets female_key_leader when it has at least one female key leader (the definition of
# the national indicator, not a target of the plan).
ONE_FEMALE_KEY_LEADER = 1


def ceil_tol(value: float) -> int:
    """⌈value − 1e-9⌉: the smallest whole number of people or units that reaches `value`."""
    return math.ceil(value - TOLERANCE)


# --- results -------------------------------------------------------------------------------


class UnitResult(TypedDict):
    """One unit's own figures for one indicator (a typed dict: there may be 200,000 of them).

    female_key_leader: actual = female key leaders, base = key leaders, target = t(u).
    pool_female: actual = women in the pool, base = pool, required = p·pool.
    pool_female_trained: actual = trained women, base = women in the pool, required = q·women.
    ethnic_minority_leaders: actual = ethnic-minority leaders, base = leaders, required = required(u).
    """

    unit_code: str
    unit_name: str
    met: bool
    target: Fraction | None
    adjusted: bool
    actual: int
    base: int
    required: Fraction
    rate: Fraction | None
    shortfall: int


class Adjustment(BaseModel):
    """A unit whose female_key_leader target was adjusted or that was exempted, and why."""

    unit_code: str
    unit_name: str
    sector: str | None
    share: Fraction | None  # female staff share the rule looked at (None for an approved sector)
    basis: Basis
    mode: Mode
    target: Fraction | None  # t(u); None when exempt
    exempt: bool
    met: bool


def _with_units(result: IndicatorResult, units: list[UnitResult]) -> IndicatorResult:
    """Attach per-unit rows after validating the totals: the rows are built here, typed, and
    validating 200,000 of them one by one would cost more than computing them."""
    result.units = units
    return result


def _by_shortfall(u: UnitResult) -> tuple[int, str]:
    return (-u["shortfall"], u["unit_code"])


class IndicatorResult(BaseModel):
    """One indicator over a set of units (the whole data or one group)."""

    id: str
    applicable: bool
    target: Fraction | None
    effective_target: Fraction | None
    scope: int
    actual: int
    required: Fraction | None
    rate: Annotated[Fraction | None, Field(ge=0, le=1)] = None
    met: bool | None
    gap: int = Field(ge=0)
    gap_if_added: int | None = None
    units_short: int | None = None
    pool_total: int | None = None
    pool_female: int | None = None
    pool_female_trained: int | None = None
    adjusted: int = 0
    exempt: int = 0
    units: list[UnitResult] = []
    adjustments: list[Adjustment] = []


class LeaderShare(BaseModel):
    """Women among all leaders and managers: a statistic the plan sets no target for.

    Summed over the units that state `leaders_female` (the column is optional), so a unit that
    left it blank adds neither women nor leaders.
    """

    units: int
    leaders_total: int
    leaders_female: int
    rate: Annotated[Fraction | None, Field(ge=0, le=1)] = None


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


def indicator_base(ind: IndicatorResult) -> int:
    """The denominator of an indicator's rate: the pool, the women in it, or the units in scope."""
    if ind.id == "pool_female":
        return ind.pool_total or 0
    if ind.id == "pool_female_trained":
        return ind.pool_female or 0
    return ind.scope


class Group(BaseModel):
    key: str | None
    label: str | None = None
    units: int
    indicators: list[IndicatorResult]
    women_leaders: LeaderShare | None = None


class SkippedFile(BaseModel):
    """Invalid rows left out under --skip-invalid (rows empty and unreadable: the whole file)."""

    file: str
    rows: list[int] = []
    unreadable: bool = False


def skipped_files(files: Iterable[FileResult]) -> list[SkippedFile]:
    """What --skip-invalid leaves out of an evaluation: every file with an error, and its rows."""
    out = []
    for fr in files:
        if fr.valid():
            continue
        rows = sorted(set(fr.skipped_rows))
        out.append(SkippedFile(file=fr.path, rows=rows, unreadable=not rows and not fr.records))
    return out


class DataSource(BaseModel):
    kind: Literal["paths", "env", "samples"]
    paths: list[str]


class ReportYearAbsent(ValueError):
    """`--report-year Y` names a year the data does not hold."""

    def __init__(self, year: int, present: list[int]) -> None:
        super().__init__(year)
        self.year = year
        self.present = present


class GapReport(BaseModel):
    """Everything `gap` outputs; the table, JSON and CSV all render this one object."""

    target_year: int
    on_track: bool = False  # the target year falls between milestones: on-track values
    before_first_milestone: bool = False  # before the first milestone: its values apply
    first_milestone: int | None = None
    report_year: int | None
    years_present: list[int]
    units: int
    rules: str = ""
    data_source: DataSource | None = None
    by: str | None = None
    indicators: list[IndicatorResult]
    women_leaders: LeaderShare | None = None
    groups: list[Group] = []
    skipped_rows: int = 0
    skipped: list[SkippedFile] = []

    def all_met(self) -> bool:
        """Every applicable indicator met (what --fail-on-gap checks)."""
        return all(i.met is not False for i in self.indicators)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        return next(i for i in self.indicators if i.id == indicator_id)


# --- which data ----------------------------------------------------------------------------


def select_report_year(
    records: Iterable[UnitRecord], target_year: int, override: int | None = None
) -> int | None:
    """The latest report year ≤ the target year, else the latest present; `override` wins."""
    if override is not None:
        return override
    years = {r.report_year for r in records}
    if not years:
        return None
    below = [y for y in years if y <= target_year]
    return max(below) if below else max(years)


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
    out: list[KeyTarget | None] = []
    approved_of: dict[str | None, ApprovedSector | None] = {}
    for r in records:
        if not rule.applies(r.unit_type):
            out.append(None)
            continue
        if low is None:
            out.append(KeyTarget(base, None))
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
            out.append(KeyTarget(base, None))
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
                UnitResult(
                    unit_code=r.unit_code,
                    unit_name=r.unit_name,
                    met=ok,
                    target=kt.target,
                    adjusted=kt.adjustment is not None,
                    actual=r.key_leaders_female,
                    base=r.key_leaders_total,
                    required=ONE_FEMALE_KEY_LEADER,
                    rate=None,
                    shortfall=0 if ok else ONE_FEMALE_KEY_LEADER,
                )
            )
    scope = len(weights)
    if not scope:
        return _not_applicable(
            "female_key_leader", plan_target, exempt=exempt, adjustments=adjustments
        )
    required = math.fsum(weights)
    units.sort(key=lambda u: (-u["shortfall"], -(u["target"] or 0), u["unit_code"]))
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
    scope = [r for r in records if rule.applies(r.unit_type) and r.pool_total > 0]
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
    """Each unit's own figures for a share target: required = share × base."""
    units: list[UnitResult] = []
    for r in scope:
        a, b = actual(r), base(r)
        need = share * b
        units.append(
            UnitResult(
                unit_code=r.unit_code,
                unit_name=r.unit_name,
                met=a >= need - TOLERANCE,
                target=share,
                adjusted=False,
                actual=a,
                base=b,
                required=need,
                rate=a / b if b else None,
                shortfall=max(0, ceil_tol(need - a)),
            )
        )
    units.sort(key=_by_shortfall)
    return units


def pool_female(
    records: Sequence[UnitRecord], rules: Rules, year: int, *, with_units: bool = True
) -> IndicatorResult:
    rule = rules.targets.pool_female
    p = rule.at(year)
    scope_records, n, f, t = _pool_scope(records, rule)
    units: list[UnitResult] = []
    if with_units:
        units = _share_units(scope_records, p, lambda r: r.pool_female, lambda r: r.pool_total)
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
            scope_records, q, lambda r: r.pool_female_trained, lambda r: r.pool_female
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
    scope_records = [r for r in records if r.ethnic_minority_area and rule.applies(r.unit_type)]
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
    units.sort(key=_by_shortfall)
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


def evaluate(
    records: Sequence[UnitRecord],
    rules: Rules,
    target_year: int,
    *,
    report_year: int | None = None,
    by: GroupField | None = None,
    rules_shown: str = "",
    data_source: DataSource | None = None,
    skipped: Sequence[SkippedFile] = (),
) -> GapReport:
    """The complete gap report for `target_year`: the whole data, each group of `by`, each unit.

    Only the records of the chosen report year are evaluated (see `select_report_year`); a
    `report_year` the data does not hold raises ReportYearAbsent. `rules_shown`, `data_source`
    and `skipped` say where the figures came from and what was left out.
    """
    years = sorted({r.report_year for r in records})
    if report_year is not None and records and report_year not in years:
        raise ReportYearAbsent(report_year, years)
    chosen = select_report_year(records, target_year, report_year)
    data = [r for r in records if r.report_year == chosen]
    targets = key_leader_targets(data, rules, target_year)
    milestones = rules.milestone_years()
    first = milestones[0] if milestones else None
    before = first is not None and target_year < first
    report = GapReport(
        target_year=target_year,
        on_track=target_year not in milestones and not before,
        before_first_milestone=before,
        first_milestone=first,
        report_year=chosen,
        years_present=years,
        units=len(data),
        rules=rules_shown,
        data_source=data_source,
        by=by,
        indicators=indicators_for(data, targets, rules, target_year),
        women_leaders=leader_share(data),
        skipped_rows=sum(len(s.rows) for s in skipped),
        skipped=list(skipped),
    )
    if by is not None:
        report.groups = _groups(data, targets, rules, target_year, by)
    return report


def _groups(
    data: Sequence[UnitRecord],
    targets: Sequence[KeyTarget | None],
    rules: Rules,
    year: int,
    by: GroupField,
) -> list[Group]:
    members: dict[str | None, list[int]] = {}
    labels: dict[str | None, str] = {}
    folded: dict[str, str] = {}
    for i, r in enumerate(data):
        value = group_key(r, by)
        key = value
        if by == "sector" and value:
            key = folded.get(value) or folded.setdefault(value, fold(value))
        if key not in members:
            members[key] = []
            if value is not None:
                labels[key] = value
        members[key].append(i)
    names = {r.unit_code: r.unit_name for r in data} if by == "parent_code" else {}
    groups = []
    for key in sorted(members, key=lambda k: (k is None, labels.get(k, ""))):
        idx = members[key]
        shown = labels.get(key)
        groups.append(
            Group(
                key=shown,
                label=names.get(shown) if shown is not None else None,
                units=len(idx),
                indicators=indicators_for(
                    [data[i] for i in idx], [targets[i] for i in idx], rules, year, with_units=False
                ),
                women_leaders=leader_share(data[i] for i in idx),
            )
        )
    return groups
