"""The Typer app: parse options, call the core, pick a renderer, set the exit code. No logic."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from gender_plan_cli import __version__
from gender_plan_cli.cli.state import STATE

# Each command (its module is `cli/<name>.py`, its function `<name>`) and the first line of
# its help, in the order `--help` lists them. A command's module (and all it imports) is loaded
# only when that command runs or shows its help: `gplan --help` and `gplan check` do not pay for
# `report`'s workbook writer. A command's help is the message `cli.<name>.help` of
# messages.yaml, but this list stays Python, in both languages: reading the catalogue would
# cost `gplan --help` more than all of it takes today. `tests/test_cli_startup.py` holds each
# line's Vietnamese equal to the message.
COMMANDS = {
    "check": "Kiểm tra tệp báo cáo, chỉ ra lỗi tại từng ô. / Validate returns, cell by cell.",
    "gap": "Tính khoảng cách tới các chỉ tiêu năm Y. / How far the data is from the targets of "
    "year Y.",
    "status": "Tình hình nhận báo cáo: đúng hạn, muộn, chưa nộp. / Who reported, late, missing.",
    "report": "Báo cáo của Thành phố (tệp Excel). / The city's report workbook.",
    "trend": "Xu hướng từ 2021 và dự báo đến 2030. / The trend since 2021 and the road to 2030.",
    "template": "Ghi biểu mẫu trống để các đơn vị điền số liệu. / Write the blank submission form.",
    "rules": "Chỉ tiêu đang áp dụng; kiểm tra tệp quy tắc. / Show the targets in force; validate a "
    "rules file.",
    "schema": "In JSON Schema (draft 2020-12) của tài liệu JSON một lệnh in ra. / Print a JSON "
    "Schema.",
    "portal": "Cổng nộp báo cáo: tạo kho, cấp mã cho đơn vị, tài khoản cán bộ. / The portal's "
    "store, codes, officers.",
    "serve": "Chạy cổng nộp báo cáo (web và API). / Serve the submission portal (web and API).",
}


class _LazyCommands(dict[str, Any]):
    """The commands by name, each built from its module the first time it is looked up."""

    def __init__(self, root: typer.Typer) -> None:
        super().__init__()
        self.root = root

    def keys(self) -> Any:  # the names, for "did you mean": nothing is built
        return COMMANDS.keys()

    def get(self, name: str, default: Any = None) -> Any:
        if name not in COMMANDS:
            return default
        if not super().__contains__(name):
            self[name] = build_command(name, self.root)
        return super().get(name)

    def items(self) -> Any:
        return [(name, self.get(name)) for name in COMMANDS]


class LazyGroup(TyperGroup):
    """The root group: lists the commands from COMMANDS, builds one only when it is used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(app)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """As click lists commands, from each command's first help line, without building it."""
        from typer._click.utils import make_default_short_help

        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, make_default_short_help(line, limit)) for name, line in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def build_command(name: str, root: typer.Typer) -> Any:
    """One command, built as Typer builds it within the root app (same markup, same settings),
    its help and its options' help in the language of GPLAN_LANG."""
    import importlib

    from gender_plan_cli.i18n import default_lang

    module = importlib.import_module(f"gender_plan_cli.cli.{name}")
    group = getattr(module, "GROUP", None)
    if group is not None:  # a command with sub-commands (`portal init|codes|officer`)
        group.rich_markup_mode = root.rich_markup_mode
        command = typer.main.get_command(group)
    else:
        one = typer.Typer(
            rich_markup_mode=root.rich_markup_mode,
            pretty_exceptions_enable=False,
            add_completion=False,
        )
        one.command(name)(getattr(module, name))
        command = typer.main.get_command(one)
    speak(command, f"cli.{name}", default_lang(), getattr(module, "HELP_ARGS", {}))
    return command


def speak(command: Any, prefix: str, lang: str, args: dict[str, dict[str, str]]) -> None:
    """Put the messages in: the command's help is `<prefix>.help`, a parameter's `help=` names
    its message (with `args[id]` filled in), a sub-command's help is `<prefix>.<name>.help`."""
    from gender_plan_cli.i18n import text

    command.help = text(f"{prefix}.help", lang)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = text(param.help, lang, **args.get(param.help, {}))
    for sub_name, sub in getattr(command, "commands", {}).items():
        speak(sub, f"{prefix}.{sub_name}", lang, args)


app = typer.Typer(
    cls=LazyGroup,
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


def main() -> None:
    """Console entry point: streams that cannot crash, parser errors in the user's language."""
    from gender_plan_cli.cli.streams import tolerant_streams

    STATE["process"] = True
    tolerant_streams()
    try:
        code = app(prog_name="gplan", standalone_mode=False)
    except Exception as exc:
        from gender_plan_cli.cli.console import show_usage_error
        from gender_plan_cli.cli.parser_errors import argv_lang, is_usage_error, panel_text

        if is_usage_error(exc):
            show_usage_error(panel_text(exc, argv_lang(sys.argv[1:])))  # type: ignore[arg-type]
            sys.exit(2)
        show = getattr(exc, "show", None)
        if show is None:
            raise
        show()
        sys.exit(getattr(exc, "exit_code", 1))
    from gender_plan_cli.cli.streams import flush_or_discard

    if not flush_or_discard():  # the result did not fit where stdout goes
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
