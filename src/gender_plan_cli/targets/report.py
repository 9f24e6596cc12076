"""Everything the city's report workbook shows, computed once: records + rules → `CityReport`.

Pure assembly over `indicators.evaluate` and `trend`: the gap of the chosen year, the same
year grouped four ways, the trend over every report year present, and the findings of the read
(so the workbook carries its own caveats). The workbook renderer only lays this out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gender_plan_cli.collection.registry import Registry
from gender_plan_cli.collection.status import UnitStatus, collection_status
from gender_plan_cli.contract import GROUP_FIELDS
from gender_plan_cli.findings import Finding
from gender_plan_cli.records import LoadResult, UnitRecord
from gender_plan_cli.targets.assess import evaluate
from gender_plan_cli.targets.results import DataSource, GapReport, SkippedFile
from gender_plan_cli.targets.rules import Rules
from gender_plan_cli.targets.trend import Trend, build_trend, evaluate_years


@dataclass
class Coverage:
    """Units expected to report and units that did: filled in once a registry exists, with
    the units that sent nothing and those that reported late, by name."""

    expected: int | None = None
    reported: int | None = None
    registry: str = ""
    deadline: date | None = None
    missing: list[UnitStatus] = field(default_factory=list)
    late: list[UnitStatus] = field(default_factory=list)


def coverage_of(collection: LoadResult, registry: Registry, rules: Rules, year: int) -> Coverage:
    """Who of the registry reported for `year`, who did not, who was late (`status`'s view)."""
    status = collection_status(collection, registry, year, rules.collection.due(year))
    listed = [u for u in status.units if u.in_registry]
    return Coverage(
        expected=len(listed),
        reported=sum(1 for u in listed if u.state != "missing"),
        registry=Path(registry.path).name,
        deadline=status.deadline,
        missing=[u for u in listed if u.state == "missing"],
        late=[u for u in listed if u.state == "late"],
    )


@dataclass
class CityReport:
    rules: Rules
    gap: GapReport
    groups: dict[str, GapReport]
    trend: Trend
    records: list[UnitRecord]  # the units of the report year, in the order read
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    coverage: Coverage = field(default_factory=Coverage)


def build_city_report(
    records: Sequence[UnitRecord],
    rules: Rules,
    year: int,
    *,
    report_year: int | None = None,
    rules_shown: str = "",
    source: DataSource | None = None,
    findings: Sequence[Finding] = (),
    skipped: Sequence[SkippedFile] = (),
    files: int = 0,
    registry: Registry | None = None,
    collection: LoadResult | None = None,
) -> CityReport:
    gap = evaluate(
        records,
        rules,
        year,
        report_year=report_year,
        rules_shown=rules_shown,
        data_source=source,
        skipped=skipped,
    )
    groups: dict[str, GapReport] = {
        by: evaluate(records, rules, year, report_year=report_year, by=by) for by in GROUP_FIELDS
    }
    years = [y for y in gap.years_present if gap.report_year is None or y <= gap.report_year]
    trend = build_trend(evaluate_years(records, rules, years), rules)
    trend.rules = rules_shown
    trend.data_source = source
    return CityReport(
        rules=rules,
        gap=gap,
        groups=groups,
        trend=trend,
        records=[r for r in records if r.report_year == gap.report_year],
        findings=sorted(findings, key=Finding.sort_key),
        files=files,
        coverage=coverage_of(collection, registry, rules, gap.report_year)
        if registry is not None and collection is not None and gap.report_year is not None
        else Coverage(),
    )
