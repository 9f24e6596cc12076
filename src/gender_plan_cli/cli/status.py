"""`gplan status [PATH...] --year Y`: who must report, who has, who is late, who is missing."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded, stdout_console
from gender_plan_cli.cli.inputs import (
    data_inputs,
    load_files,
    load_rules_or_exit,
    registry_for,
    registry_search,
    year_or_exit,
)
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    DataPaths,
    LangOption,
    OutputOption,
    ReceivedOption,
    RulesOption,
    UnitsOption,
    lang_of,
)

if TYPE_CHECKING:
    from pathlib import Path

    from gender_plan_cli.api import Limits, StatusReport, WorkerLimits


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@guarded
@with_reading_limits
def status(
    paths: DataPaths = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", "-y", help="Năm báo cáo, 2021–2030. / Report year.", show_default=False
        ),
    ] = None,
    units: UnitsOption = None,
    received_from: ReceivedOption = "auto",
    format: Annotated[
        StatusFormat | None,
        typer.Option("--format", "-f", help="table | json | csv (mặc định theo đuôi tệp -o)."),
    ] = None,
    output: OutputOption = None,
    fail_on_missing: Annotated[
        bool,
        typer.Option(
            "--fail-on-missing",
            help="Thoát mã 1 khi còn đơn vị chưa nộp. / Exit 1 when a unit is missing.",
        ),
    ] = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """Tình hình nhận báo cáo: đúng hạn, muộn, chưa nộp. / Who reported, late, missing."""
    from gender_plan_cli.api import status as collection_status

    language = lang_of(lang)
    year = year_or_exit(year, language)
    rule_set, _ = load_rules_or_exit(rules, language)
    _, inputs = data_inputs(paths, language)
    registry = registry_for(units, rules, registry_search(paths, inputs), language, limits)
    result = load_files(
        inputs,
        language,
        limits,
        not_into=output,
        registry=registry,
        received_from=received_from,
        workers=workers,
    )
    report = collection_status(result, registry, year, rule_set.collection.due(year))
    _emit(report, format, output, language)
    raise typer.Exit(1 if fail_on_missing and report.counts["missing"] else 0)


def _emit(
    report: StatusReport, format: StatusFormat | None, output: Path | None, language: str
) -> None:
    """The status in the format asked for, or the one the extension of `-o` names."""
    from gender_plan_cli.cli.output import chosen_format, emit_text

    fmt = chosen_format(format.value if format else None, output)
    if fmt == "json":
        from gender_plan_cli.render.status_out import render_status_json

        emit_text(render_status_json(report) + "\n", output, language)
    elif fmt == "csv":
        from gender_plan_cli.render.status_out import render_status_csv

        emit_text(render_status_csv(report, bom=output is not None), output, language)
    else:
        from gender_plan_cli.render.status_out import render_status

        render_status(report, language, stdout_console())
