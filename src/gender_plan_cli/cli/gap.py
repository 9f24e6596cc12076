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
    guarded,
    lang_of,
    make_limits,
    progress_reporter,
    resolve_paths,
    stderr_console,
    stdout_console,
    usage_error,
)
from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR
from gender_plan_cli.i18n import text


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class GroupBy(str, Enum):
    level = "level"
    unit_type = "unit_type"
    sector = "sector"
    parent_code = "parent_code"


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Tệp quy tắc (mặc định rules/targets.yaml ở thư mục hiện tại, nếu không có thì bản "
        "kèm theo gói). / Rules file.",
        show_default=False,
    ),
]


def load_rules_or_exit(path: Path | None, lang: str):  # type: ignore[no-untyped-def]
    """The rules in force, or a usage error naming file, line and key (exit 2)."""
    from gender_plan_cli.paths import default_rules
    from gender_plan_cli.rules import RulesError, load_rules

    chosen = path if path is not None else default_rules()
    shown = str(path) if path is not None else _shown(chosen)
    if path is not None and not path.exists():
        usage_error(text("usage.no-path", lang, path=str(path)))
    try:
        return load_rules(chosen, shown), shown
    except RulesError as exc:
        usage_error(text("rules.invalid-file", lang) + "\n" + exc.message(lang))


def _shown(path: Path) -> str:
    """A path under the current folder as relative (`rules/targets.yaml`), any other in full."""
    here = Path.cwd().resolve()
    full = path.resolve()
    if here == Path(here.anchor) or not full.is_relative_to(here):
        return str(full)
    return str(full.relative_to(here))


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
        GroupBy | None,
        typer.Option(
            "--by", help="Nhóm theo / group by: level | unit_type | sector | parent_code."
        ),
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
    from gender_plan_cli.indicators import SkippedFile, evaluate
    from gender_plan_cli.load import load_paths

    language = lang_of(lang)
    if year is None:
        usage_error(text("gap.usage.year-missing", language))
    if not MIN_YEAR <= year <= MAX_YEAR:
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    rule_set, rules_shown = load_rules_or_exit(rules, language)
    source, inputs = _data_source(paths, language)
    files = resolve_paths(inputs, language)
    if output is not None and any(output.resolve() == f.resolve() for f in files):
        usage_error(text("gap.usage.output-is-input", language, path=str(output)))
    limits = make_limits(max_file_mb, max_unzipped_mb, max_ratio, max_cells, max_line_kb)
    bar, step = progress_reporter(len(files), language)
    if bar is not None:
        with bar:
            result = load_paths(files, report_year=report_year, limits=limits, progress=step)
    else:
        result = load_paths(files, report_year=report_year, limits=limits)

    skipped: list[SkippedFile] = []
    if not result.valid():
        if not skip_invalid:
            from gender_plan_cli.render.check_table import render_findings

            err = stderr_console()
            render_findings(result, language, err)
            err.print(Text(text("gap.invalid", language), style="red"))
            raise typer.Exit(1)
        for fr in result.files:
            if fr.valid():
                continue
            rows = sorted(set(fr.skipped_rows))
            skipped.append(
                SkippedFile(file=fr.path, rows=rows, unreadable=not rows and not fr.records)
            )

    records = result.records
    if report_year is not None and records and all(r.report_year != report_year for r in records):
        years = ", ".join(str(y) for y in sorted({r.report_year for r in records}))
        usage_error(text("gap.usage.report-year", language, year=report_year, years=years))
    report = evaluate(records, rule_set, year, report_year=report_year, by=by.value if by else None)
    report.rules = rules_shown
    report.data_source = source
    report.skipped = skipped
    report.skipped_rows = sum(len(s.rows) for s in skipped)

    _output(report, format, output, language, csv_ids, (result, rule_set, rules_shown))
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
