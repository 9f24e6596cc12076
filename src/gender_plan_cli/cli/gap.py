"""`gplan gap [PATH...] --year Y`: how far the data is from the plan's targets for year Y."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.cli.common import (
    DEFAULT_LIMITS,
    DataPaths,
    DataYearOption,
    Jobs,
    LangOption,
    MaxCells,
    MaxFileMb,
    MaxLineKb,
    MaxMemoryMb,
    MaxRatio,
    MaxSeconds,
    MaxUnzippedMb,
    OutputOption,
    RulesOption,
    SkipInvalidOption,
    TargetYearOption,
    UnitsOption,
    data_inputs,
    guarded,
    lang_of,
    load_files,
    load_rules_or_exit,
    make_limits,
    make_workers,
    registry_for,
    registry_search,
    say,
    stderr_console,
    stdout_console,
    usage_error,
)
from gender_plan_cli.contract import GROUP_FIELDS, MAX_YEAR, MIN_YEAR, GroupField, MissingMode
from gender_plan_cli.i18n import text
from gender_plan_cli.reading.limits import WORKER_MEMORY_MB, WORKER_SECONDS

if TYPE_CHECKING:
    pass


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@guarded
def gap(
    paths: DataPaths = None,
    year: TargetYearOption = None,
    report_year: DataYearOption = None,
    by: Annotated[
        GroupField | None,
        typer.Option("--by", help="Nhóm theo / group by: " + " | ".join(GROUP_FIELDS) + "."),
    ] = None,
    format: Annotated[
        GapFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table | json | csv | xlsx (mặc định theo đuôi tệp -o: .xlsx, .csv, .json; nếu "
            "không: table). / Default from the -o extension, else table.",
            show_default=False,
        ),
    ] = None,
    csv_ids: Annotated[
        bool,
        typer.Option(
            "--csv-ids",
            help="CSV với mã cột tiếng Anh, dấu phẩy và dấu chấm thập phân. / CSV with ids, "
            "',' and '.'.",
        ),
    ] = False,
    fail_on_gap: Annotated[
        bool,
        typer.Option(
            "--fail-on-gap", help="Thoát mã 1 khi còn chỉ tiêu chưa đạt. / Exit 1 on a gap."
        ),
    ] = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    skip_invalid: SkipInvalidOption = False,
    output: OutputOption = None,
    max_file_mb: MaxFileMb = DEFAULT_LIMITS.max_file_mb,
    max_unzipped_mb: MaxUnzippedMb = DEFAULT_LIMITS.max_unzipped_mb,
    max_ratio: MaxRatio = DEFAULT_LIMITS.max_ratio,
    max_cells: MaxCells = DEFAULT_LIMITS.max_cells,
    max_line_kb: MaxLineKb = DEFAULT_LIMITS.max_line_kb,
    units: UnitsOption = None,
    missing: Annotated[
        MissingMode,
        typer.Option(
            "--missing",
            help="Đơn vị trong danh mục chưa báo cáo: excluded (không tính, mặc định) | unmet "
            "(tính là chưa có lãnh đạo chủ chốt nữ). / Units of the registry that sent nothing.",
        ),
    ] = "excluded",
    max_memory_mb: MaxMemoryMb = WORKER_MEMORY_MB,
    max_seconds: MaxSeconds = WORKER_SECONDS,
    jobs: Jobs = None,
) -> None:
    """Tính khoảng cách tới các chỉ tiêu năm Y. / How far the data is from the targets of year Y."""
    from gender_plan_cli.assess import evaluate
    from gender_plan_cli.results import ReportYearAbsent, skipped_files

    language = lang_of(lang)
    if year is None:
        usage_error(text("gap.usage.year-missing", language))
    if not MIN_YEAR <= year <= MAX_YEAR:
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    from gender_plan_cli.roster.config import roster_config

    source, inputs = data_inputs(paths, language)
    limits = make_limits(max_file_mb, max_unzipped_mb, max_ratio, max_cells, max_line_kb)
    workers = make_workers(max_memory_mb, max_seconds, jobs)
    registry = registry_for(units, rules, registry_search(paths, inputs), language, limits)
    result = load_files(
        inputs,
        language,
        limits,
        report_year=report_year,
        not_into=output,
        workers=workers,
        registry=registry,
        roster=roster_config(rule_set.roster, rules),
    )
    if not result.valid() and not skip_invalid:
        from gender_plan_cli.render.check_table import render_findings

        err = stderr_console()
        render_findings(result, language, err)
        err.print(text("gap.invalid", language), style="red", markup=False)
        raise typer.Exit(1)
    try:
        report = evaluate(
            result.records,
            rule_set,
            year,
            report_year=report_year,
            by=by,
            rules_shown=rules_shown,
            data_source=source,
            skipped=skipped_files(result.files),
            registry=registry,
            missing=missing,
        )
        report.rules_sha256 = rule_set.sha256
    except ReportYearAbsent as exc:
        years = ", ".join(str(y) for y in exc.present)
        usage_error(text("gap.usage.report-year", language, year=exc.year, years=years))

    if report.empty():
        say(text("gap.empty", language), "red bold")
        raise typer.Exit(1)
    _output(report, format, output, language, csv_ids, (result, rule_set, rules_shown))
    raise typer.Exit(1 if fail_on_gap and not report.all_met() else 0)


def _output(report, format, output, lang, csv_ids, source) -> None:  # type: ignore[no-untyped-def]
    """The report in the format asked for, or the one the extension of `-o` names."""
    from gender_plan_cli.cli.output import chosen_format, emit_text

    fmt = chosen_format(format.value if format else None, output)
    if fmt == "xlsx":
        from gender_plan_cli.cli.report import gap_workbook

        if output is None:
            usage_error(text("output.xlsx-needs-file", lang))
        gap_workbook(report, source, output, lang)
    elif fmt == "json":
        from gender_plan_cli.render.gap_json import render_gap_json

        emit_text(render_gap_json(report) + "\n", output, lang)
    elif fmt == "csv":
        from gender_plan_cli.render.gap_csv import render_gap_csv, style_for

        style = style_for(lang, csv_ids)
        emit_text(render_gap_csv(report, style, bom=output is not None), output, lang)
    else:
        from gender_plan_cli.render.gap_table import render_gap

        if output is None:
            render_gap(report, lang, stdout_console())
        else:
            import io

            from rich.console import Console

            console = Console(record=True, width=120, file=io.StringIO(), no_color=True)
            render_gap(report, lang, console)
            emit_text(console.export_text(), output, lang)
