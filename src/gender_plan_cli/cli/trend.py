"""`gplan trend [PATH...]`: each indicator's rate per report year, the change per year and the
least squares projection to the last milestone."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded
from gender_plan_cli.cli.inputs import load_rules_or_exit
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    CsvIdsOption,
    DataPaths,
    LangOption,
    OutputOption,
    RulesOption,
    SkipInvalidOption,
    UnitsOption,
    lang_of,
)

if TYPE_CHECKING:
    from gender_plan_cli.api import Limits, WorkerLimits


class TrendFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@guarded
@with_reading_limits
def trend(
    paths: DataPaths = None,
    format: Annotated[
        TrendFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="cli.trend.format",
        ),
    ] = None,
    output: OutputOption = None,
    csv_ids: CsvIdsOption = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    skip_invalid: SkipInvalidOption = False,
    units: UnitsOption = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """The trend since 2021 and the road to 2030. Its help: `cli.trend.help`."""
    from gender_plan_cli.api import evaluate_years
    from gender_plan_cli.api import trend as build_trend
    from gender_plan_cli.cli.data import load_data

    language = lang_of(lang)
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    data = load_data(
        paths,
        language,
        skip_invalid=skip_invalid,
        output=output,
        rules=(rule_set, rules),
        units=units,
        limits=limits,
        workers=workers,
        all_years=True,
    )
    result = build_trend(evaluate_years(data.records, rule_set), rule_set)
    result.rules = rules_shown
    result.data_source = data.source
    _emit(result, data, (rule_set, rules_shown, rules), format, output, csv_ids, language)


def _emit(result, data, rules, format, output, csv_ids, language) -> None:  # type: ignore[no-untyped-def]
    """The trend in the format asked for, or the one the extension of `-o` names."""
    from gender_plan_cli.cli.output import chosen_format, emit_text

    rule_set, rules_shown, rules_file = rules
    fmt = chosen_format(format.value if format else None, output)
    if fmt == "xlsx" and output is not None and result.years:
        from gender_plan_cli.cli.workbook import city_report, write_workbook

        last = result.years[-1]
        city = city_report(data, rule_set, rules_shown, last, last)
        write_workbook(output, city, language, rules_file)
    elif fmt == "json":
        from gender_plan_cli.render.trend_json import render_trend_json

        emit_text(render_trend_json(result) + "\n", output, language)
    elif fmt == "csv":
        from gender_plan_cli.render.gap_csv import style_for
        from gender_plan_cli.render.trend_csv import render_trend_csv

        style = style_for(language, csv_ids)
        emit_text(render_trend_csv(result, style, bom=output is not None), output, language)
    else:
        from gender_plan_cli.cli.output import emit_table
        from gender_plan_cli.render.trend_table import render_trend

        emit_table(lambda console: render_trend(result, language, console), output, language)
