"""`gplan gap [PATH...] --year Y`: how far the data is from the plan's targets for year Y."""

from __future__ import annotations

from enum import Enum
from itertools import chain
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded, say, usage_error
from gender_plan_cli.cli.inputs import load_rules_or_exit, year_or_exit
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    CsvIdsOption,
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
from gender_plan_cli.contract import GROUP_FIELDS, GroupField, MissingMode
from gender_plan_cli.i18n import text

if TYPE_CHECKING:
    from gender_plan_cli.api import Limits, WorkerLimits


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


ByOption = Annotated[
    GroupField | None,
    typer.Option("--by", help="cli.gap.by"),
]
# The values a help message is filled with, by message id (see `cli.speak`).
HELP_ARGS = {"cli.gap.by": {"fields": " | ".join(GROUP_FIELDS)}}
FormatOption = Annotated[
    GapFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="cli.gap.format",
        show_default=False,
    ),
]
FailOnGapOption = Annotated[
    bool,
    typer.Option("--fail-on-gap", help="cli.gap.fail-on-gap"),
]
MissingOption = Annotated[
    MissingMode,
    typer.Option(
        "--missing",
        help="cli.gap.missing",
    ),
]
AllUnitsOption = Annotated[
    bool,
    typer.Option(
        "--all-units",
        help="cli.gap.all-units",
    ),
]


@guarded
@with_reading_limits
def gap(
    paths: DataPaths = None,
    year: TargetYearOption = None,
    report_year: DataYearOption = None,
    by: ByOption = None,
    format: FormatOption = None,
    csv_ids: CsvIdsOption = False,
    fail_on_gap: FailOnGapOption = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    skip_invalid: SkipInvalidOption = False,
    output: OutputOption = None,
    units: UnitsOption = None,
    missing: MissingOption = "excluded",
    all_units: AllUnitsOption = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """How far the data is from the targets of year Y. Its help: `cli.gap.help`."""
    from gender_plan_cli.cli.data import load_data

    language = lang_of(lang)
    year = year_or_exit(year, language)
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    data = load_data(
        paths,
        language,
        report_year=report_year,
        skip_invalid=skip_invalid,
        output=output,
        limits=limits,
        rules=(rule_set, rules),
        units=units,
        workers=workers,
    )
    report = _evaluate(data, rule_set, rules_shown, year, report_year, by, missing, language)
    report.rules_sha256 = rule_set.sha256
    data.drop_records()  # evaluated: 200,000 records are ~150 MB the output has no use for
    if report.empty():
        say(text("gap.empty", language), "red bold")
        raise typer.Exit(1)
    source = (data.result, rule_set, rules_shown, data.registry)
    _output(report, format, output, language, (csv_ids, all_units), (source, rules))
    raise typer.Exit(1 if fail_on_gap and not report.all_met() else 0)


def _evaluate(data, rule_set, rules_shown, year, report_year, by, missing, language):  # type: ignore[no-untyped-def]
    """The gap report of the data for the milestone `year`; a report year absent from the data
    is a usage error naming the years there are."""
    from gender_plan_cli.api import ReportYearAbsent, evaluate

    try:
        return evaluate(
            data.records,
            rule_set,
            year,
            report_year=report_year,
            by=by,
            rules_shown=rules_shown,
            data_source=data.source,
            skipped=data.skipped,
            registry=data.registry,
            missing=missing,
        )
    except ReportYearAbsent as exc:
        years = ", ".join(str(y) for y in exc.present)
        usage_error(text("gap.usage.report-year", language, year=exc.year, years=years))


def _output(report, format, output, lang, flags, inputs) -> None:  # type: ignore[no-untyped-def]
    """The report in the format asked for, or the one the extension of `-o` names; `flags` are
    (--csv-ids, --all-units), `inputs` what the workbook is made of and the --rules file (its
    report.yaml beside it gives the document's fields)."""
    from gender_plan_cli.cli.output import chosen_format, emit_text

    csv_ids, all_units = flags
    fmt = chosen_format(format.value if format else None, output)
    if fmt == "xlsx":
        from gender_plan_cli.cli.workbook import gap_workbook

        if output is None:
            usage_error(text("output.xlsx-needs-file", lang))
        source, rules_file = inputs
        gap_workbook(report, source, output, lang, rules_file)
    elif fmt == "json":
        from gender_plan_cli.cli.output import emit_bytes
        from gender_plan_cli.render.gap_json import gap_json_chunks

        emit_bytes(chain(gap_json_chunks(report), (b"\n",)), output, lang)
    elif fmt == "csv":
        from gender_plan_cli.render.gap_csv import render_gap_csv, style_for

        style = style_for(lang, csv_ids)
        emit_text(render_gap_csv(report, style, bom=output is not None), output, lang)
    else:
        from gender_plan_cli.cli.output import emit_table
        from gender_plan_cli.render.gap_table import render_gap

        emit_table(lambda console: render_gap(report, lang, console, all_units), output, lang)
