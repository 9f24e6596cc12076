"""`gplan check PATH...`: validate submissions and print every finding at its cell."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded
from gender_plan_cli.cli.inputs import load_files, registry_file, wording_or_exit
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    LangOption,
    OutputOption,
    ReceivedOption,
    UnitsOption,
    lang_of,
)
from gender_plan_cli.cli.output import emit_table, emit_text, output_format

if TYPE_CHECKING:
    from rich.console import Console

    from gender_plan_cli.api import Limits, WorkerLimits


class CheckFormat(str, Enum):
    table = "table"
    json = "json"
    github = "github"
    csv = "csv"
    xlsx = "xlsx"


SummaryOption = Annotated[
    bool,
    typer.Option(
        "--summary",
        help="cli.check.summary",
    ),
]

ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="cli.check.explain",
    ),
]

ShowNamesOption = Annotated[
    bool,
    typer.Option(
        "--show-names",
        help="cli.check.show-names",
    ),
]


CheckPaths = Annotated[
    list[Path],
    typer.Argument(
        help="cli.check.paths",
        show_default=False,
        metavar="PATH",
    ),
]
CheckFormatOption = Annotated[
    CheckFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="cli.check.format",
        show_default=False,
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="cli.check.strict")]
FileYearOption = Annotated[
    int | None,
    typer.Option("--report-year", help="cli.check.report-year", show_default=False),
]


@guarded
@with_reading_limits
def check(
    paths: CheckPaths,
    format: CheckFormatOption = None,
    one_line: SummaryOption = False,
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = False,
    report_year: FileYearOption = None,
    units: UnitsOption = None,
    received_from: ReceivedOption = "auto",
    explain: ExplainOption = False,
    show_names: ShowNamesOption = False,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """Validate returns, cell by cell. Its help is the message `cli.check.help`."""
    from gender_plan_cli.api import roster_config
    from gender_plan_cli.paths import local_rules

    language = lang_of(lang)
    wording_or_exit(language)
    chosen = CheckFormat(output_format(format.value if format else None, output, language))
    result = load_files(
        paths,
        language,
        limits,
        report_year=report_year,
        registry=registry_file(units, None, paths, language, limits),  # read as files are
        received_from=received_from,
        not_into=output,
        workers=workers,
        roster=roster_config(None, local_rules()),
    )
    if chosen is CheckFormat.xlsx:
        _workbook(result, output, language, limits)
    else:
        _output(result, chosen, one_line, output, language, strict, explain, show_names)
    raise typer.Exit(0 if result.valid(strict) else 1)


def _workbook(result, output: Path | None, lang: str, limits: Limits) -> None:  # type: ignore[no-untyped-def]
    """`-o findings.xlsx`: each file's sheet as sent, wrong cells marked, and the list
    (render/findings_xlsx); the sheets read again here, through the same readers and limits."""
    from gender_plan_cli.api import sheet_grid
    from gender_plan_cli.cli.console import stderr_console
    from gender_plan_cli.cli.output import write_file
    from gender_plan_cli.i18n import text
    from gender_plan_cli.render.findings_xlsx import write_findings_xlsx

    assert output is not None  # output_format refuses xlsx without a file

    def grid_of(fr):  # type: ignore[no-untyped-def]
        return sheet_grid(Path(fr.path), fr.sheet, limits)

    write_file(output, lambda tmp: write_findings_xlsx(tmp, result, lang, grid_of), lang)
    message = text("check.xlsx.written", lang, path=str(output))
    stderr_console().print(message, markup=False, highlight=False)


def _output(  # type: ignore[no-untyped-def]
    result,
    format: CheckFormat,
    one_line: bool,
    output: Path | None,
    lang: str,
    strict: bool,
    explain: bool,
    show_names: bool,
) -> None:
    """The findings in the format asked for, on stdout or into `-o` (a table at 120 columns)."""
    if format is CheckFormat.json:
        from gender_plan_cli.render.check_json import render_check_json

        emit_text(render_check_json(result, lang, strict=strict) + "\n", output, lang)
    elif format is CheckFormat.csv:
        from gender_plan_cli.render.check_csv import render_check_csv

        emit_text(render_check_csv(result, lang, bom=output is not None), output, lang)
    elif format is CheckFormat.github:
        from gender_plan_cli.render.github import step_summary, workflow_commands

        lines = "".join(f"{line}\n" for line in workflow_commands(result, lang))
        emit_text(lines, output, lang)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(step_summary(result, lang, strict=strict))
    else:
        _table(
            result,
            lang,
            output,
            strict=strict,
            one_line=one_line,
            explain=explain,
            show_names=show_names,
        )


def _table(  # type: ignore[no-untyped-def]
    result,
    lang: str,
    output: Path | None,
    *,
    strict: bool,
    one_line: bool,
    explain: bool,
    show_names: bool,
) -> None:
    """The findings as a table (or a line a file); with --explain, first how each sheet was
    read. On stdout, or into `-o` at 120 columns."""
    from gender_plan_cli.render.check_table import render_check, render_check_summary

    def show(console: Console) -> None:
        if explain:
            from gender_plan_cli.render.explain import render_explain

            render_explain(result, lang, console)
        if one_line:
            render_check_summary(result, lang, console, strict=strict)
        else:  # names of people only on a terminal, and only when asked
            names = show_names and console.is_terminal
            render_check(result, lang, console, strict=strict, show_names=names)

    emit_table(show, output, lang)
