"""`gplan report [PATH...] --year Y -o report.xlsx`: the city's report workbook."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded, usage_error
from gender_plan_cli.cli.inputs import load_rules_or_exit, year_or_exit
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    DataPaths,
    DataYearOption,
    LangOption,
    OutputOption,
    RulesOption,
    SkipInvalidOption,
    TargetYearOption,
    UnitsOption,
    lang_of,
)
from gender_plan_cli.cli.workbook import city_report, write_workbook
from gender_plan_cli.i18n import text

if TYPE_CHECKING:
    from gender_plan_cli.api import Limits, WorkerLimits


@guarded
@with_reading_limits
def report(
    paths: DataPaths = None,
    year: TargetYearOption = None,
    output: OutputOption = None,
    report_year: DataYearOption = None,
    lang: LangOption = None,
    rules: RulesOption = None,
    skip_invalid: SkipInvalidOption = False,
    units: UnitsOption = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """The city's report workbook. Its help: `cli.report.help`."""
    from gender_plan_cli.cli.data import load_data

    language = lang_of(lang)
    year = year_or_exit(year, language)
    if output is None:
        usage_error(text("output.xlsx-needs-file", language))
    if not paths and not os.environ.get("GPLAN_DATA", "").strip():
        usage_error(text("report.usage.no-data", language))
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    data = load_data(
        paths,
        language,
        report_year=report_year,
        skip_invalid=skip_invalid,
        output=output,
        rules=(rule_set, rules),
        units=units,
        limits=limits,
        workers=workers,
        all_years=True,  # a portal store: every year it holds, for the trend sheet
    )
    city = city_report(data, rule_set, rules_shown, year, report_year)
    write_workbook(output, city, language, rules)
    typer.echo(str(output), err=True)
