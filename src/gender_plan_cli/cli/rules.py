"""`gplan rules`: show the targets in force and validate a rules file."""

from __future__ import annotations

from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded, stdout_console
from gender_plan_cli.cli.inputs import header_words_or_exit, load_rules_or_exit
from gender_plan_cli.cli.options import LangOption, RulesOption, lang_of
from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR, in_plan
from gender_plan_cli.i18n import text


@guarded
def rules(
    rules: RulesOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            "-y",
            help="cli.rules.year",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show the targets in force; validate a rules file. Its help: `cli.rules.help`."""
    from gender_plan_cli.cli.console import usage_error
    from gender_plan_cli.render.rules_table import render_rules

    language = lang_of(lang)
    if year is not None and not in_plan(year):
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    rule_set, shown = load_rules_or_exit(rules, language)
    headers = header_words_or_exit(language, rules)
    out = stdout_console()
    render_rules(rule_set, shown, language, out, year=year)
    if headers is not None:
        out.print(text("rules.headers-file", language, path=headers))
    raise typer.Exit(0)
