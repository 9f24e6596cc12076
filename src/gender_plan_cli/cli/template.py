"""`gplan template -o FILE`: write the blank form that units fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded, stderr_console, usage_error
from gender_plan_cli.cli.inputs import wording_or_exit
from gender_plan_cli.cli.options import LangOption, lang_of
from gender_plan_cli.i18n import text


@guarded
def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Tệp .xlsx sẽ ghi biểu mẫu / the .xlsx file to write.",
            show_default=False,
        ),
    ],
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Ghi đè nếu tệp đã có / overwrite an existing file.")
    ] = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="Năm báo cáo: danh sách Cấp chỉ gồm các cấp có trong năm đó (từ 2025: không còn "
            "cấp huyện). / Report year: list only the levels of that year.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ghi biểu mẫu trống để các đơn vị điền số liệu. / Write the blank submission form."""
    from gender_plan_cli.contract import DEADLINE_EN, DEADLINE_VI, MAX_YEAR, MIN_YEAR, in_plan
    from gender_plan_cli.render.template import write_template
    from gender_plan_cli.safe_output import NotRegularFile

    language = lang_of(lang)
    wording_or_exit(language)
    if year is not None and not in_plan(year):
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    if output.is_dir():
        usage_error(text("template.is-folder", language, path=str(output)))
    if output.suffix.lower() != ".xlsx":
        usage_error(text("template.suffix", language, suffix=output.suffix or output.name))
    folder = output.parent
    if not folder.is_dir():
        usage_error(text("template.no-folder", language, folder=str(folder)))
    if (output.exists() or output.is_symlink()) and not force:
        usage_error(text("template.exists", language, path=str(output)))
    try:
        write_template(output, language, year)
    except NotRegularFile:  # --force replaces a regular file only, never a device or a link
        usage_error(text("output.not-regular", language, path=str(output)))
    deadline = DEADLINE_VI if language == "vi" else DEADLINE_EN
    message = text("template.written", language, path=str(output), deadline=deadline)
    stderr_console().print(message, markup=False, highlight=False)
