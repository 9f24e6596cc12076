"""The city's report workbook, as `report`, `gap -o FILE.xlsx` and `trend -o FILE.xlsx` write it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_workbook(output: Path, city: Any, lang: str) -> None:
    """The report workbook at `output`, written atomically (a locked file: exit 2)."""
    from gender_plan_cli.cli.output import write_file
    from gender_plan_cli.render.report_xlsx import build_workbook

    write_file(output, lambda tmp: build_workbook(tmp, city, lang), lang)


def city_report(data: Any, rule_set: Any, rules_shown: str, year: int, report_year: int | None):  # type: ignore[no-untyped-def]
    from gender_plan_cli.api import city_report as build_city_report

    return build_city_report(
        data.records,
        rule_set,
        year,
        report_year=report_year,
        rules_shown=rules_shown,
        source=data.source,
        findings=data.result.findings,
        skipped=data.skipped,
        files=data.files,
    )


def gap_workbook(gap: Any, source: Any, output: Path, lang: str) -> None:
    """`gap -o report.xlsx`: the same workbook as `report`, for the year and data `gap` used."""
    from gender_plan_cli.cli.data import Data

    result, rule_set, rules_shown = source
    files = len(result.files)
    data = Data(result=result, source=gap.data_source, skipped=gap.skipped, files=files)
    city = city_report(data, rule_set, rules_shown, gap.target_year, gap.report_year)
    write_workbook(output, city, lang)
