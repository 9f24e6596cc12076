"""What every command shares: options, consoles, the usage-error panel."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.panel import Panel

from gender_plan_cli.i18n import default_lang


class Lang(str, Enum):
    vi = "vi"
    en = "en"


def stdout_console() -> Console:
    """Results: stdout, so `--format json > out.json` stays clean."""
    return Console(soft_wrap=False, width=_width())


def stderr_console() -> Console:
    """Messages and progress: stderr."""
    return Console(stderr=True, width=_width())


def _width() -> int | None:
    cols = os.environ.get("COLUMNS")
    return int(cols) if cols and cols.isdigit() else None


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Ngôn ngữ / language: vi hoặc en (mặc định GPLAN_LANG, rồi vi)."),
]


def lang_of(value: Lang | None) -> str:
    return value.value if value is not None else default_lang()


class UsageError(Exception):
    """A user's mistake (bad path, broken rules file): a short red panel and exit 2."""


def usage_error(message: str) -> NoReturn:
    raise UsageError(message)


def show_usage_error(message: str) -> None:
    stderr_console().print(Panel(message, title="gplan", border_style="red", expand=False))


STATE = {"debug": False}


def guarded(fn):  # type: ignore[no-untyped-def]
    """Wrap a command: usage errors → red panel, exit 2; bugs → one line, exit 3 (unless --debug)."""
    import functools
    import sys

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            show_usage_error(str(exc))
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if STATE["debug"]:
                raise
            sys.stderr.write(
                f"gplan: lỗi chương trình / internal error: {type(exc).__name__}: {exc}\n"
                "Chạy lại với --debug để xem chi tiết / re-run with --debug for details.\n"
            )
            raise typer.Exit(3) from None

    return wrapper
