"""Writing files safely: atomically, and never letting a submitted value start a formula."""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

# What a spreadsheet may read as the start of a formula: OWASP's CSV-injection list (with the
# line feed), NUL (ASVS 1.2.10), and the full-width signs an East Asian input method types.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\x00", "＝", "＋", "－", "＠")
# Characters nobody sees, which a spreadsheet may skip before reading the first sign.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"


def neutralize(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers stay numbers: only text is touched, so a negative count typed as a
    number is still a number, while a text `=HYPERLINK(...)` is shown, not run. Every writer
    of a CSV or a workbook cell of submitted text goes through this one rule.
    """
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or value.lstrip(INVISIBLE).startswith(FORMULA_STARTS)
    ):
        return "'" + value
    return value


class NotRegularFile(OSError):
    """The target exists and is not a regular file (a device, a pipe, a symlink, a folder):
    writing "over" it would replace the node itself, so it is refused."""


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then move it into place.

    A crash or a full disk leaves the old file (or none), never half a file. Only a regular
    file is ever replaced: a device, a symlink or a folder in its place raises NotRegularFile.
    """
    path = Path(path)
    _regular_or_absent(path)
    directory = path.parent if str(path.parent) else Path(".")
    previous = _exit_on_sigterm()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            write(tmp)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            _regular_or_absent(path)  # it may have changed while we wrote
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _regular_or_absent(path: Path) -> None:
    import stat

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(f"{path}: not a regular file")


def _on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _exit_on_sigterm() -> Any:
    """While a temporary file exists, SIGTERM unwinds (and removes it) instead of killing."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _on_sigterm)


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding))


# C0 and C1 controls, DEL, and the bidi embeddings/isolates: none may reach a terminal or a log.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: object) -> str:
    """Submitted text as it may be shown: every control character spelt out (`\\x1b`), and
    GitHub's legacy `##[command]` broken, so no cell or file name can drive a terminal or a
    CI log (colours, OSC 8 links, OSC 52 clipboard writes, a new line that starts a command)."""
    shown = _CONTROLS.sub(_shown_control, str(value))
    return shown.replace("##[", "#\u2060#[")


_CELL_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def cell_text(value: str) -> str:
    """A cell's text with its control characters spelt out (line breaks and tabs are kept:
    Alt+Enter in a header is ordinary), so no output of any format carries them."""
    return value if value.isprintable() else _CELL_CONTROLS.sub(_shown_control, value)
