"""Where a command's result goes: the format an `-o` file's extension asks for, and writing it
so that a file locked by Excel is a user's problem (exit 2), never an internal error."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from rich.console import Console

from gender_plan_cli.cli.console import no_room_exit, usage_error
from gender_plan_cli.cli.inputs import READ_BY_COMMAND
from gender_plan_cli.cli.streams import no_room
from gender_plan_cli.i18n import text

BY_EXTENSION = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
# Names that promise nothing but text: the table (or whatever --format says) is written.
TEXT_EXTENSIONS = ("", ".txt", ".log")
# Names that promise a format gplan does not write: refused rather than filled with text that
# Excel, LibreOffice or a browser would then fail to open.
REFUSED_EXTENSIONS = (
    ".xls",
    ".xlsm",
    ".xlsb",
    ".xltx",
    ".ods",
    ".pdf",
    ".html",
    ".htm",
    ".doc",
    ".docx",
    ".odt",
    ".xml",
)
_EXAMPLE = {"xlsx": "ket-qua.xlsx", "csv": "ket-qua.csv", "json": "ket-qua.json"}


def chosen_format(given: str | None, output: Path | None, default: str = "table") -> str:
    """`--format` when given, else the extension of `-o` (.xlsx, .csv, .json), else `default`."""
    if given is not None:
        return given
    if output is not None:
        return BY_EXTENSION.get(output.suffix.lower(), default)
    return default


def output_format(given: str | None, output: Path | None, lang: str, default: str = "table") -> str:
    """What `-o` gets, decided once: the extension names the format (.xlsx, .csv, .json; .txt,
    .log or none: text); an explicit `--format` wins when the name promises nothing else. A
    name that promises a format gplan does not write (.xls, .ods, .pdf, .html…), or a
    `--format` that contradicts the name (`--format json -o x.xlsx`), is a usage error (exit 2),
    as is `--format xlsx` without a file or into a name that is not .xlsx."""
    if output is None:
        if given == "xlsx":
            usage_error(text("output.xlsx-needs-file", lang))
        return given or default
    suffix = output.suffix.lower()
    if suffix in REFUSED_EXTENSIONS:
        accepted = ", ".join((*BY_EXTENSION, ".txt"))
        usage_error(
            text(
                "output.extension-refused", lang, suffix=suffix, path=str(output), accepted=accepted
            )
        )
    promised = BY_EXTENSION.get(suffix)
    if given is None:
        return promised or default
    if (promised is not None and given != promised) or (given == "xlsx" and promised is None):
        example = _EXAMPLE.get(given, "ket-qua.txt")
        usage_error(
            text(
                "output.format-conflict",
                lang,
                path=str(output),
                suffix=suffix or '""',
                given=given,
                example=example,
            )
        )
    return given


def write_file(path: Path, write: Callable[[Path], object], lang: str) -> None:
    """Write `path` atomically; a file open in Excel or a folder without write access is a
    usage error that names the file."""
    from gender_plan_cli.safe_output import NotRegularFile, write_atomic

    check_output(path, lang)
    try:
        write_atomic(path, write)
    except NotRegularFile:
        usage_error(text("output.not-regular", lang, path=str(path)))
    except (PermissionError, IsADirectoryError):
        usage_error(text("output.locked", lang, path=str(path)))
    except OSError as exc:  # a full disk, a quota, a path too long
        if no_room(exc):
            no_room_exit(str(path), lang)
        usage_error(text("output.failed", lang, path=str(path), reason=exc.strerror or str(exc)))


def check_output(path: Path, lang: str) -> None:
    """`-o` writes only a new file or a writable regular file that the command did not read:
    never a folder, a device (/dev/stdout), a symlink, a read-only file or the rules file."""
    import os
    import stat

    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        usage_error(text("output.no-folder", lang, path=str(parent)))
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        usage_error(text("output.failed", lang, path=str(path), reason=exc.strerror or str(exc)))
    if not stat.S_ISREG(st.st_mode):
        usage_error(text("output.not-regular", lang, path=str(path)))
    if any(path.resolve() == read for read in READ_BY_COMMAND):
        usage_error(text("output.is-rules", lang, path=str(path)))
    if not os.access(path, os.W_OK):
        usage_error(text("output.read-only", lang, path=str(path)))


def emit_table(draw: Callable[[Console], None], output: Path | None, lang: str) -> None:
    """A table drawn on the terminal, or into `output` as plain text laid out at 120 columns."""
    if output is None:
        from gender_plan_cli.cli.console import stdout_console

        draw(stdout_console())
        return
    import io

    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO(), no_color=True, markup=False)
    draw(console)
    emit_text(console.export_text(), output, lang)


def emit_bytes(parts: Iterable[bytes], output: Path | None, lang: str) -> None:
    """UTF-8 `parts`, one after the other as they come, on stdout or into `output`, exactly as
    `emit_text` writes their text (line ends as the platform's text files have them) without
    decoding a large document into a Python string first."""
    import os

    if os.linesep != "\n":
        ending = os.linesep.encode()
        parts = (p.replace(b"\n", ending) for p in parts)
    if output is None:
        import sys

        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a stream without bytes underneath: as text
            emit_text(b"".join(parts).decode("utf-8"), None, lang)
            return
        sys.stdout.flush()
        for part in parts:
            stream.write(part)
        stream.flush()
        return

    def write(tmp: Path) -> None:
        with tmp.open("wb") as fh:
            for part in parts:
                fh.write(part)

    write_file(output, write, lang)


def emit_text(content: str, output: Path | None, lang: str) -> None:
    """`content` on stdout, or into `output` (UTF-8 both ways: it is for programs)."""
    if output is None:
        from gender_plan_cli.cli.streams import utf8_stdout

        utf8_stdout()
        typer.echo(content, nl=False)
        return
    write_file(output, lambda tmp: tmp.write_text(content, encoding="utf-8"), lang)
