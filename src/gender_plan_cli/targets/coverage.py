"""Who was expected to report and who did: the registry held against the returns evaluated.

Without it a rate is computed over whoever reported, and a city with twenty returns missing
shows a rate nobody can compare with last year's. With a registry, each indicator says how many
units of its scope were expected and how many reported, the missing ones are listed, and
`--missing as-unmet` counts a missing agency as one without a female key leader.
"""

from __future__ import annotations

from collections.abc import Sequence

from gender_plan_cli.collection.registry import Registry, RegistryUnit
from gender_plan_cli.contract import MissingMode as MissingMode
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.rules import RateTarget, Rules

MISSING_SOURCE = "(chưa báo cáo)"  # source_file of a missing unit counted as not meeting


def in_scope(indicator_id: str, unit: RegistryUnit, rules: Rules) -> bool:
    """Whether the registry unit is one the indicator applies to (as `indicators` decides)."""
    targets = rules.targets
    if indicator_id == "ethnic_minority_leaders":
        ethnic = targets.ethnic_minority_leaders
        return unit.ethnic_minority_area and ethnic.applies(unit.unit_type)
    rule_of: dict[str, RateTarget] = {
        "female_key_leader": targets.female_key_leader,
        "pool_female": targets.pool_female,
        "pool_female_trained": targets.pool_female_trained,
    }
    rule = rule_of.get(indicator_id)
    return rule is not None and rule.applies(unit.unit_type)


def missing_units(registry: Registry, records: Sequence[UnitRecord], year: int) -> list[str]:
    """Codes of the registry's units for `year` with no return among `records`, registry order."""
    reported = {r.unit_code for r in records if r.report_year == year}
    return [u.code for u in registry.expected(year) if u.code not in reported]


def expected_reported(
    indicator_id: str, registry: Registry, records: Sequence[UnitRecord], rules: Rules, year: int
) -> tuple[int, int]:
    """(units of the indicator's scope in the registry, those among them that reported)."""
    reported = {r.unit_code for r in records if r.report_year == year}
    scope = [u for u in registry.expected(year) if in_scope(indicator_id, u, rules)]
    return len(scope), sum(1 for u in scope if u.code in reported)


def as_unmet(
    registry: Registry, missing: Sequence[str], rules: Rules, year: int
) -> list[UnitRecord]:
    """The missing units of female_key_leader's scope as rows with no female key leader: they
    then count in the denominator and not in the numerator. A unit whose level or type the
    registry does not give cannot be placed and is left out (and stays listed as missing)."""
    out = []
    for code in missing:
        unit = registry.units[code]
        if not in_scope("female_key_leader", unit, rules) or not (unit.level and unit.unit_type):
            continue
        out.append(
            UnitRecord(
                unit_code=unit.code,
                unit_name=unit.name,
                parent_code=unit.parent_code,
                level=unit.level,
                unit_type=unit.unit_type,
                sector=unit.sector,
                report_year=year,
                staff_total=0,
                staff_female=0,
                key_leaders_total=0,
                key_leaders_female=0,
                leaders_total=0,
                pool_total=0,
                pool_female=0,
                pool_female_trained=0,
                source_file=MISSING_SOURCE,
            )
        )
    return out
