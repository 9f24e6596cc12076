"""`gplan gap [PATH...] --year Y`: how far the data is from the plan's targets for year Y."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from gender_plan_cli.cli.common import (
    DEFAULT_LIMITS,
    LangOption,
    MaxCells,
    MaxFileMb,
    MaxLineKb,
    MaxRatio,
    MaxUnzippedMb,
    RulesOption,
    guarded,
    lang_of,
    load_files,
    load_rules_or_exit,
    make_limits,
    stderr_console,
    stdout_console,
    usage_error,
)
from gender_plan_cli.contract import GROUP_FIELDS, MAX_YEAR, MIN_YEAR, GroupField
from gender_plan_cli.i18n import text


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@guarded
def gap(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Tệp hoặc thư mục báo cáo. Không nêu: thư mục GPLAN_DATA, nếu không có thì dữ "
            "liệu mẫu. / Files or folders; default GPLAN_DATA, else the samples.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Năm chỉ tiêu, 2021–2030 (ví dụ 2025). / Target year.",
            show_default=False,
        ),
    ] = None,
    report_year: Annotated[
        int | None,
        typer.Option(
            "--report-year",
            help="Năm báo cáo của số liệu được tính (mặc định: năm gần nhất ≤ --year). / Data year.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        GroupField | None,
        typer.Option("--by", help="Nhóm theo / group by: " + " | ".join(GROUP_FIELDS) + "."),
    ] = None,
    format: Annotated[
        GapFormat, typer.Option("--format", "-f", help="table | json | csv")
    ] = GapFormat.table,
    fail_on_gap: Annotated[
        bool,
        typer.Option(
            "--fail-on-gap", help="Thoát mã 1 khi còn chỉ tiêu chưa đạt. / Exit 1 on a gap."
        ),
    ] = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Bỏ qua các dòng không hợp lệ (được đếm và liệt kê) thay vì dừng lại. / Skip "
            "invalid rows.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Ghi kết quả ra tệp. / Write the output to a file.",
            show_default=False,
        ),
    ] = None,
    max_file_mb: MaxFileMb = DEFAULT_LIMITS.max_file_mb,
    max_unzipped_mb: MaxUnzippedMb = DEFAULT_LIMITS.max_unzipped_mb,
    max_ratio: MaxRatio = DEFAULT_LIMITS.max_ratio,
    max_cells: MaxCells = DEFAULT_LIMITS.max_cells,
    max_line_kb: MaxLineKb = DEFAULT_LIMITS.max_line_kb,
) -> None:
    """Tính khoảng cách tới các chỉ tiêu năm Y. / How far the data is from the targets of year Y."""
    from gender_plan_cli.indicators import ReportYearAbsent, evaluate, skipped_files

    language = lang_of(lang)
    if year is None:
        usage_error(text("gap.usage.year-missing", language))
    if not MIN_YEAR <= year <= MAX_YEAR:
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    source, inputs = _data_source(paths, language)
    limits = make_limits(max_file_mb, max_unzipped_mb, max_ratio, max_cells, max_line_kb)
    result = load_files(inputs, language, limits, report_year=report_year, not_into=output)
    if not result.valid() and not skip_invalid:
        from gender_plan_cli.render.check_table import render_findings

        err = stderr_console()
        render_findings(result, language, err)
        err.print(Text(text("gap.invalid", language), style="red"))
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
        )
    except ReportYearAbsent as exc:
        years = ", ".join(str(y) for y in exc.present)
        usage_error(text("gap.usage.report-year", language, year=exc.year, years=years))

    if format is GapFormat.json:
        from gender_plan_cli.render.gap_json import render_gap_json

        _emit(render_gap_json(report) + "\n", output)
    elif format is GapFormat.csv:
        from gender_plan_cli.render.gap_csv import render_gap_csv

        _emit(render_gap_csv(report), output)
    else:
        from gender_plan_cli.render.gap_table import render_gap

        if output is None:
            render_gap(report, language, stdout_console())
        else:
            import io

            from rich.console import Console

            console = Console(record=True, width=120, file=io.StringIO(), no_color=True)
            render_gap(report, language, console)
            _emit(console.export_text(), output)
    raise typer.Exit(1 if fail_on_gap and not report.all_met() else 0)


def _data_source(paths: list[Path] | None, lang: str):  # type: ignore[no-untyped-def]
    """The paths to read and how they were chosen; says so on stderr when not named."""
    from gender_plan_cli.indicators import DataSource
    from gender_plan_cli.paths import bundled_samples

    if paths:
        return DataSource(kind="paths", paths=[str(p) for p in paths]), list(paths)
    env = os.environ.get("GPLAN_DATA", "").strip()
    if env:
        stderr_console().print(Text(text("gap.note.env", lang, path=env), style="yellow"))
        return DataSource(kind="env", paths=[env]), [Path(env)]
    samples = bundled_samples()
    inputs = (
        sorted(p for p in samples.iterdir() if p.name != "broken" and not p.name.startswith("."))
        if samples.is_dir()
        else []
    )
    if not inputs:
        usage_error(text("gap.usage.no-samples", lang, path=str(samples)))
    stderr_console().print(Text(text("gap.note.samples", lang, path=str(samples)), style="yellow"))
    return DataSource(kind="samples", paths=[str(samples)]), inputs


def _emit(content: str, output: Path | None) -> None:
    if output is None:
        typer.echo(content, nl=False)
        return
    from gender_plan_cli.safe_output import write_text_atomic

    write_text_atomic(output, content)
