"""`gplan check PATH...`: validate submissions and print every finding at its cell."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.common import (
    Jobs,
    LangOption,
    MaxCells,
    MaxFileMb,
    MaxLineKb,
    MaxMemoryMb,
    MaxRatio,
    MaxSeconds,
    MaxUnzippedMb,
    ReceivedOption,
    UnitsOption,
    guarded,
    lang_of,
    load_files,
    make_limits,
    make_workers,
    registry_for,
    stdout_console,
)
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, WORKER_MEMORY_MB, WORKER_SECONDS


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    github = "github"


@guarded
def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Tệp hoặc thư mục cần kiểm tra (.xlsx .xlsm .xls .ods .csv).",
            show_default=False,
            metavar="PATH",
        ),
    ],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="table | json | github")
    ] = CheckFormat.table,
    lang: LangOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Cảnh báo cũng tính là lỗi.")] = False,
    report_year: Annotated[
        int | None,
        typer.Option(
            "--report-year", help="Năm báo cáo khi tệp không ghi năm.", show_default=False
        ),
    ] = None,
    units: UnitsOption = None,
    received_from: ReceivedOption = "auto",
    max_file_mb: MaxFileMb = DEFAULT_LIMITS.max_file_mb,
    max_unzipped_mb: MaxUnzippedMb = DEFAULT_LIMITS.max_unzipped_mb,
    max_ratio: MaxRatio = DEFAULT_LIMITS.max_ratio,
    max_cells: MaxCells = DEFAULT_LIMITS.max_cells,
    max_line_kb: MaxLineKb = DEFAULT_LIMITS.max_line_kb,
    max_memory_mb: MaxMemoryMb = WORKER_MEMORY_MB,
    max_seconds: MaxSeconds = WORKER_SECONDS,
    jobs: Jobs = None,
    show_names: Annotated[
        bool,
        typer.Option(
            "--show-names",
            help="Danh sách cán bộ: ghi cả họ tên, ngày sinh của người có lỗi (chỉ trên màn hình).",
        ),
    ] = False,
) -> None:
    """Kiểm tra tệp báo cáo, chỉ ra lỗi tại từng ô. / Validate returns, cell by cell."""
    language = lang_of(lang)
    limits = make_limits(max_file_mb, max_unzipped_mb, max_ratio, max_cells, max_line_kb)
    registry = registry_for(units, None, paths, language, limits)
    from gender_plan_cli.paths import local_rules
    from gender_plan_cli.roster.config import roster_config

    result = load_files(
        paths,
        language,
        limits,
        report_year=report_year,
        registry=registry,
        received_from=received_from,
        workers=make_workers(max_memory_mb, max_seconds, jobs),
        roster=roster_config(None, local_rules()),
    )
    out = stdout_console()
    if format is CheckFormat.json:
        from gender_plan_cli.render.check_json import render_check_json

        typer.echo(render_check_json(result, language, strict=strict))
    elif format is CheckFormat.github:
        from gender_plan_cli.render.github import step_summary, workflow_commands

        for line in workflow_commands(result, language):
            typer.echo(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(step_summary(result, language, strict=strict))
    else:
        from gender_plan_cli.render.check_table import render_check

        render_check(
            result, language, out, strict=strict, show_names=show_names and out.is_terminal
        )
    raise typer.Exit(0 if result.valid(strict) else 1)
