"""Records + rules + target year → the complete gap report: which data, each group, coverage.

`evaluate` chooses the report year to evaluate, runs the four indicators of `indicators` over
it and over each group, and — with a registry of units — says how many expected units of each
indicator's scope reported (`coverage`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gender_plan_cli.collection.registry import Registry
from gender_plan_cli.contract import LEVELS, UNIT_TYPES, GroupField, Kind, MissingMode, choice_label
from gender_plan_cli.gcpause import gc_paused
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.coverage import (
    MISSING_SOURCE,
    as_unmet,
    expected_reported,
    missing_units,
)
from gender_plan_cli.targets.indicators import (
    KeyTarget,
    group_key,
    indicators_for,
    key_leader_targets,
    leader_share,
)
from gender_plan_cli.targets.results import (
    DataSource,
    GapReport,
    Group,
    ReportYearAbsent,
    SkippedFile,
)
from gender_plan_cli.targets.rules import Rules
from gender_plan_cli.words import fold, vi_sort_key

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


@gc_paused()
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
    registry: Registry | None = None,
    missing: MissingMode = "excluded",
) -> GapReport:
    """The complete gap report for `target_year`: the whole data, each group of `by`, each unit.

    Only the records of the chosen report year are evaluated (see `select_report_year`); a
    `report_year` the data does not hold raises ReportYearAbsent. `rules_shown`, `data_source`
    and `skipped` say where the figures came from and what was left out. With a `registry`,
    each indicator carries its coverage and the report the units that sent nothing; `missing`
    "unmet" counts those of female_key_leader's scope as not meeting it.
    """
    years = sorted({r.report_year for r in records})
    if report_year is not None and records and report_year not in years:
        raise ReportYearAbsent(report_year, years)
    chosen = select_report_year(records, target_year, report_year)
    reported = [r for r in records if r.report_year == chosen]
    absent = missing_units(registry, reported, chosen) if registry and chosen else []
    unmet = (
        as_unmet(registry, absent, rules, chosen)
        if registry and chosen and missing == "unmet"
        else []
    )
    data = reported + unmet
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
        units=len(reported),
        rules=rules_shown,
        data_source=data_source,
        by=by,
        indicators=indicators_for(data, targets, rules, target_year),
        women_leaders=leader_share(reported),
        skipped_rows=sum(len(s.rows) for s in skipped),
        skipped=list(skipped),
    )
    if by is not None:
        report.groups = _groups(data, targets, rules, target_year, by)
    if registry is not None and chosen is not None:
        _add_coverage(report, registry, reported, absent, rules, chosen, missing)
    return report


def _add_coverage(
    report: GapReport,
    registry: Registry,
    reported: Sequence[UnitRecord],
    absent: list[str],
    rules: Rules,
    year: int,
    missing: MissingMode,
) -> None:
    """With a registry: the units that sent nothing, and how many expected units of each
    indicator's scope reported."""
    report.registry, report.missing_units, report.missing = registry.path, absent, missing
    report.name_missing({c: registry.units[c].name for c in absent if c in registry.units})
    for ind in report.indicators:
        ind.expected, ind.reported = expected_reported(ind.id, registry, reported, rules, year)


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
    names = _group_labels(data, by, labels.values())
    groups = []
    for key in sorted(members, key=lambda k: _group_order(by, labels.get(k))):
        idx = members[key]
        shown = labels.get(key)
        groups.append(
            Group(
                key=shown,
                label=names.get(shown) if shown is not None else None,
                units=sum(1 for i in idx if data[i].source_file != MISSING_SOURCE),
                indicators=indicators_for(
                    [data[i] for i in idx], [targets[i] for i in idx], rules, year, with_units=False
                ),
                women_leaders=leader_share(data[i] for i in idx),
            )
        )
    return groups


def _group_labels(
    data: Sequence[UnitRecord], by: GroupField, keys: Iterable[str]
) -> dict[str, str]:
    """What a group key stands for: the parent unit's name, the Vietnamese label of a level or
    unit type (the form's own words, as unit names and sectors are); none for a sector."""
    if by == "parent_code":
        return {r.unit_code: r.unit_name for r in data}
    if by in ("level", "unit_type"):
        kind = Kind.LEVEL if by == "level" else Kind.UNIT_TYPE
        return {k: choice_label(kind, k, "vi") for k in keys}
    return {}


def _group_order(by: GroupField, key: str | None) -> tuple[bool, int, tuple[object, ...]]:
    """Groups without a value last; levels and unit types in the form's order (city first),
    sectors and parents in Vietnamese dictionary order."""
    if key is None:
        return True, 0, ()
    if by in ("level", "unit_type"):
        ids = [c.id for c in (LEVELS if by == "level" else UNIT_TYPES)]
        return False, ids.index(key) if key in ids else len(ids), vi_sort_key(key)
    return False, 0, vi_sort_key(key)
