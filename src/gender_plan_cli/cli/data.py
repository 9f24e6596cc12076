"""Reading the data for `report` and `trend`: the paths (or GPLAN_DATA, or the samples), every
file validated as `check` does, invalid rows stopping the command unless skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer
from rich.text import Text

from gender_plan_cli.cli.common import (
    DEFAULT_LIMITS,
    progress_reporter,
    resolve_paths,
    stderr_console,
    usage_error,
)
from gender_plan_cli.i18n import text
from gender_plan_cli.indicators import DataSource, SkippedFile
from gender_plan_cli.records import LoadResult, UnitRecord


@dataclass
class Data:
    result: LoadResult
    source: DataSource
    skipped: list[SkippedFile]
    files: int

    @property
    def records(self) -> list[UnitRecord]:
        return self.result.records


def load_data(
    paths: list[Path] | None,
    lang: str,
    *,
    report_year: int | None = None,
    skip_invalid: bool = False,
    output: Path | None = None,
) -> Data:
    """The records to evaluate, or exit 1 (invalid data) / 2 (usage error)."""
    from gender_plan_cli.cli.gap import _data_source
    from gender_plan_cli.load import load_paths

    source, inputs = _data_source(paths, lang)
    files = resolve_paths(inputs, lang)
    if output is not None and any(output.resolve() == f.resolve() for f in files):
        usage_error(text("gap.usage.output-is-input", lang, path=str(output)))
    bar, step = progress_reporter(len(files), lang)
    if bar is not None:
        with bar:
            result = load_paths(
                files, report_year=report_year, limits=DEFAULT_LIMITS, progress=step
            )
    else:
        result = load_paths(files, report_year=report_year, limits=DEFAULT_LIMITS)
    skipped: list[SkippedFile] = []
    if not result.valid():
        if not skip_invalid:
            from gender_plan_cli.render.check_table import render_findings

            err = stderr_console()
            render_findings(result, lang, err)
            err.print(Text(text("gap.invalid", lang), style="red"))
            raise typer.Exit(1)
        for fr in result.files:
            if not fr.valid():
                rows = sorted(set(fr.skipped_rows))
                unreadable = not rows and not fr.records
                skipped.append(SkippedFile(file=fr.path, rows=rows, unreadable=unreadable))
    records = result.records
    if report_year is not None and records and all(r.report_year != report_year for r in records):
        years = ", ".join(str(y) for y in sorted({r.report_year for r in records}))
        usage_error(text("gap.usage.report-year", lang, year=report_year, years=years))
    return Data(result=result, source=source, skipped=skipped, files=len(files))
