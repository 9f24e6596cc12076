"""`gplan status [PATH...] --year Y`: who must report, who has, who is late, who is missing."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from gender_plan_cli.cli.common import (
    DataPaths,
    LangOption,
    OutputOption,
    ReceivedOption,
    RulesOption,
    UnitsOption,
    data_inputs,
    guarded,
    lang_of,
    load_files,
    load_rules_or_exit,
    registry_for,
    registry_search,
    stdout_console,
    year_or_exit,
)
from gender_plan_cli.reading.limits import DEFAULT_LIMITS


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@guarded
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
) -> None:
    """Tình hình nhận báo cáo: đúng hạn, muộn, chưa nộp. / Who reported, late, missing."""
    from gender_plan_cli.cli.output import chosen_format, emit_text
    from gender_plan_cli.collection.status import collection_status

    language = lang_of(lang)
    year = year_or_exit(year, language)
    rule_set, _ = load_rules_or_exit(rules, language)
    _, inputs = data_inputs(paths, language)
    registry = registry_for(units, rules, registry_search(paths, inputs), language, DEFAULT_LIMITS)
    result = load_files(
        inputs,
        language,
        DEFAULT_LIMITS,
        not_into=output,
        registry=registry,
        received_from=received_from,
    )
    report = collection_status(result, registry, year, rule_set.collection.due(year))
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
    raise typer.Exit(1 if fail_on_missing and report.counts["missing"] else 0)
