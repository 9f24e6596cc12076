"""The city's report workbook, as `report`, `gap -o FILE.xlsx` and `trend -o FILE.xlsx` write it."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_workbook(output: Path, city: Any, lang: str, rules_file: Path | None = None) -> None:
    """The report workbook at `output`, written atomically (a locked file: exit 2)."""
    from gender_plan_cli.cli.output import write_file
    from gender_plan_cli.render.report_xlsx import build_workbook

    document = report_document_or_exit(lang, rules_file)
    write_file(output, lambda tmp: build_workbook(tmp, city, lang, document), lang)


def report_document_or_exit(lang: str, rules_file: Path | None = None) -> Any:
    """`report.yaml` beside the rules file named, else `rules/report.yaml` here (not in CI
    unless beside --rules), or blanks; a broken file is a usage error naming file, line, key."""
    import os

    from gender_plan_cli.api import RulesError
    from gender_plan_cli.cli.console import usage_error
    from gender_plan_cli.cli.inputs import READ_BY_COMMAND
    from gender_plan_cli.i18n import text
    from gender_plan_cli.render.report_document import read_report_document

    if rules_file is None and os.environ.get("CI"):
        return read_report_document(None)
    folder = rules_file.parent if rules_file is not None else Path.cwd() / "rules"
    path = folder / "report.yaml"
    if not path.is_file():
        return read_report_document(None)
    READ_BY_COMMAND.add(path.resolve())
    try:
        return read_report_document(path, f"{folder.name}/report.yaml")
    except RulesError as exc:
        usage_error(text("report.invalid-document", lang) + "\n" + exc.message(lang))


def city_report(data: Any, rule_set: Any, rules_shown: str, year: int, report_year: int | None):  # type: ignore[no-untyped-def]
    from gender_plan_cli.api import city_report as build_city_report

    return build_city_report(
        data.records,
        rule_set,
        year,
        report_year=report_year,
        rules_shown=rules_shown,
        source=data.source,
        findings=data.result.findings,
        skipped=data.skipped,
        files=data.files,
        registry=data.registry,
        collection=data.result,
    )


def gap_workbook(
    gap: Any, source: Any, output: Path, lang: str, rules_file: Path | None = None
) -> None:
    """`gap -o report.xlsx`: the same workbook as `report`, for the year and data `gap` used."""
    from gender_plan_cli.cli.console import usage_error
    from gender_plan_cli.cli.data import Data
    from gender_plan_cli.i18n import text

    if gap.data_source is not None and gap.data_source.kind == "samples":
        usage_error(text("report.usage.no-data", lang))
    result, rule_set, rules_shown, registry = source
    files = sum(1 for fr in result.files if fr.role != "registry")
    data = Data(
        result=result,
        source=gap.data_source,
        skipped=gap.skipped,
        files=files,
        registry=registry,
    )
    city = city_report(data, rule_set, rules_shown, gap.target_year, gap.report_year)
    write_workbook(output, city, lang, rules_file)
