"""The Typer app: parse options, call the core, pick a renderer, set the exit code. No logic."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gender_plan_cli import __version__
from gender_plan_cli.cli.common import STATE

app = typer.Typer(
    name="gplan",
    help="Tính mức đạt các chỉ tiêu Kế hoạch thực hiện QĐ 2282/QĐ-TTg (phụ nữ tham gia lãnh đạo, "
    "quản lý) của Hà Nội. / Compliance calculator for Hanoi's plan under Decision 2282/QĐ-TTg.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản / version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Hiện traceback khi có lỗi chương trình / show tracebacks."),
    ] = False,
) -> None:
    STATE["debug"] = debug


def _register() -> None:
    from gender_plan_cli.cli import check, gap, report, rules, schema, status, template, trend

    app.command("check")(check.check)
    app.command("gap")(gap.gap)
    app.command("status")(status.status)
    app.command("report")(report.report)
    app.command("trend")(trend.trend)
    app.command("template")(template.template)
    app.command("rules")(rules.rules)
    app.command("schema")(schema.schema)


_register()


def main() -> None:
    """Console entry point: streams that cannot crash, parser errors in the user's language."""
    from gender_plan_cli.cli.common import show_usage_error
    from gender_plan_cli.cli.parser_errors import argv_lang, is_usage_error, panel_text
    from gender_plan_cli.cli.streams import tolerant_streams

    tolerant_streams()
    try:
        code = app(prog_name="gplan", standalone_mode=False)
    except Exception as exc:
        if is_usage_error(exc):
            show_usage_error(panel_text(exc, argv_lang(sys.argv[1:])))  # type: ignore[arg-type]
            sys.exit(2)
        show = getattr(exc, "show", None)
        if show is None:
            raise
        show()
        sys.exit(getattr(exc, "exit_code", 1))
    sys.exit(code if isinstance(code, int) else 0)
