"""`gplan status [PATH...] --year Y`: who must report, who has, who is late, who is missing."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gender_plan_cli.api import DEFAULT_LIMITS
from gender_plan_cli.cli.console import guarded, usage_error
from gender_plan_cli.cli.inputs import (
    data_inputs,
    load_files,
    load_rules_or_exit,
    registry_for,
    registry_search,
    store_deadline,
    year_or_exit,
)
from gender_plan_cli.cli.limit_options import with_reading_limits
from gender_plan_cli.cli.options import (
    CsvIdsOption,
    DataPaths,
    LangOption,
    OutputOption,
    ReceivedOption,
    RulesOption,
    UnitsOption,
    lang_of,
)
from gender_plan_cli.i18n import text

if TYPE_CHECKING:
    from pathlib import Path

    from gender_plan_cli.api import Limits, StatusReport, WorkerLimits


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


ONLY = ("late", "missing", "invalid", "on_time")
HELP_ARGS = {"cli.status.only": {"states": ",".join(ONLY)}}  # filled into the help (`cli.speak`)


ReportYearOption = Annotated[
    int | None,
    typer.Option("--year", "-y", help="cli.status.year", show_default=False),
]
StatusFormatOption = Annotated[
    StatusFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="cli.status.format",
    ),
]
OnlyOption = Annotated[
    str | None,
    typer.Option(
        "--only",
        help="cli.status.only",
        show_default=False,
    ),
]
FailOnMissingOption = Annotated[
    bool,
    typer.Option(
        "--fail-on-missing",
        help="cli.status.fail-on-missing",
    ),
]


@guarded
@with_reading_limits
def status(
    paths: DataPaths = None,
    year: ReportYearOption = None,
    units: UnitsOption = None,
    received_from: ReceivedOption = "auto",
    format: StatusFormatOption = None,
    output: OutputOption = None,
    only: OnlyOption = None,
    csv_ids: CsvIdsOption = False,
    fail_on_missing: FailOnMissingOption = False,
    lang: LangOption = None,
    rules: RulesOption = None,
    limits: Limits = DEFAULT_LIMITS,
    workers: WorkerLimits | None = None,
) -> None:
    """Who reported, late, missing. Its help: `cli.status.help`."""
    from gender_plan_cli.api import status as collection_status

    language = lang_of(lang)
    year = year_or_exit(year, language)
    chosen = _only(only, language)
    rule_set, _ = load_rules_or_exit(rules, language)
    _, inputs = data_inputs(paths, language)
    search = registry_search(paths, inputs)
    # named once, in the heading of the table (and as "registry" in the JSON), not on stderr too
    registry = registry_for(units, rules, search, language, limits, say_it=False)
    result = load_files(
        inputs,
        language,
        limits,
        not_into=output,
        registry=registry,
        received_from=received_from,
        workers=workers,
        empty_store=True,
    )
    deadline = store_deadline(paths, year) or rule_set.collection.due(year)
    report = collection_status(result, registry, year, deadline)
    _emit(report, format, output, language, chosen, csv_ids)
    raise typer.Exit(1 if fail_on_missing and report.counts["missing"] else 0)


def _only(only: str | None, lang: str) -> tuple[Any, ...] | None:
    """`--only late,missing` → ("late", "missing"); an unknown word is a usage error."""
    if not only:
        return None
    words = tuple(dict.fromkeys(w.strip().replace("-", "_") for w in only.split(",") if w.strip()))
    for word in words:
        if word not in ONLY:
            usage_error(text("status.usage.only", lang, choices=",".join(ONLY), value=word))
    return words or None


def _emit(  # noqa: PLR0913
    report: StatusReport,
    format: StatusFormat | None,
    output: Path | None,
    language: str,
    only: tuple[Any, ...] | None = None,
    csv_ids: bool = False,
) -> None:
    """The status in the format asked for, or the one the extension of `-o` names; into `-o`
    whatever the format."""
    from gender_plan_cli.cli.output import chosen_format, emit_table, emit_text, write_file
    from gender_plan_cli.render import status_out

    fmt = chosen_format(format.value if format else None, output)
    shown = status_out.selected(report, only)
    if fmt == "xlsx":
        if output is None:
            usage_error(text("output.xlsx-needs-file", language))
        write_file(
            output,
            lambda tmp: status_out.build_status_workbook(tmp, report, language, only),
            language,
        )
    elif fmt == "json":
        emit_text(status_out.render_status_json(shown) + "\n", output, language)
    elif fmt == "csv":
        from gender_plan_cli.render.gap_csv import style_for

        style = style_for(language, csv_ids)
        csv = status_out.render_status_csv(shown, style, bom=output is not None)
        emit_text(csv, output, language)
    else:
        emit_table(
            lambda console: status_out.render_status(shown, language, console), output, language
        )
