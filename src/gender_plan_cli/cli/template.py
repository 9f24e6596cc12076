"""`gplan template -o FILE`: write the blank form that units fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.common import LangOption, guarded, lang_of, stderr_console, usage_error
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
) -> None:
    """Ghi biểu mẫu trống để các đơn vị điền số liệu. / Write the blank submission form."""
    from gender_plan_cli.contract import DEADLINE_EN, DEADLINE_VI
    from gender_plan_cli.template import write_template

    language = lang_of(lang)
    if output.is_dir():
        usage_error(text("template.is-folder", language, path=str(output)))
    if output.suffix.lower() != ".xlsx":
        usage_error(text("template.suffix", language, suffix=output.suffix or output.name))
    folder = output.parent
    if not folder.is_dir():
        usage_error(text("template.no-folder", language, folder=str(folder)))
    if (output.exists() or output.is_symlink()) and not force:
        usage_error(text("template.exists", language, path=str(output)))
    write_template(output, language)
    deadline = DEADLINE_VI if language == "vi" else DEADLINE_EN
    message = text("template.written", language, path=str(output), deadline=deadline)
    stderr_console().print(message, markup=False, highlight=False)
