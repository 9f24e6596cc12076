"""The two consoles (results on stdout, messages on stderr) and how a command fails: a user's
mistake is a red panel and exit 2, a bug one line and exit 3."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NoReturn

import typer

from gender_plan_cli.cli.state import STATE
from gender_plan_cli.safe_output import printable

if TYPE_CHECKING:
    from rich.console import Console


def stdout_console() -> Console:
    """Results: stdout, so `--format json > out.json` stays clean. Sent to a file or a pipe
    without COLUMNS, a table is laid out for PIPE_WIDTH columns rather than squeezed into 80."""
    import sys

    from rich.console import Console

    width = _width()
    if width is None and not sys.stdout.isatty():
        width = PIPE_WIDTH
    return Console(soft_wrap=False, width=width, markup=False)


def stderr_console() -> Console:
    """Messages and progress: stderr."""
    from rich.console import Console

    return Console(stderr=True, width=_width(), markup=False)


PIPE_WIDTH = 120


def _width() -> int | None:
    cols = os.environ.get("COLUMNS")
    return int(cols) if cols and cols.isdigit() else None


class UsageError(Exception):
    """A user's mistake (bad path, broken rules file): a short red panel and exit 2."""


def usage_error(message: str) -> NoReturn:
    raise UsageError(message)


def show_usage_error(message: str) -> None:
    from rich.panel import Panel
    from rich.text import Text

    shown = Text("\n".join(printable(line) for line in message.split("\n")))
    stderr_console().print(Panel(shown, title="gplan", border_style="red", expand=False))


def say(message: str, style: str) -> None:
    """One line on stderr, in a style; the text is never read as markup."""
    from rich.text import Text

    stderr_console().print(Text(printable(message), style=style))


def guarded(fn):  # type: ignore[no-untyped-def]
    """Wrap a command: usage errors → red panel, exit 2; no room to write the result → one line,
    exit 1; bugs → one line, exit 3 (unless --debug)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        from gender_plan_cli.cli.streams import no_room

        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            show_usage_error(str(exc))
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if no_room(exc):  # stdout sent to a file on a full disk
                from gender_plan_cli.i18n import default_lang

                no_room_exit("stdout", default_lang())
            _internal_error(exc)

    return wrapper


def _internal_error(exc: Exception) -> NoReturn:
    """A bug: one line and exit 3; --debug shows the traceback."""
    import sys

    if STATE["debug"]:
        raise exc
    sys.stderr.write(
        f"gplan: lỗi chương trình / internal error: {type(exc).__name__}: {exc}\n"
        "Chạy lại với --debug để xem chi tiết / re-run with --debug for details.\n"
    )
    raise typer.Exit(3) from None


def no_room_exit(where: str, lang: str) -> NoReturn:
    """No room to write the result: one line on stderr, exit 1; the old file, if any, is kept."""
    from gender_plan_cli.cli.streams import flush_or_discard
    from gender_plan_cli.i18n import text

    try:
        say(text("output.disk-full", lang, path=where), "red")
    except OSError:
        pass
    flush_or_discard()
    raise typer.Exit(1)
