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

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula gets a leading apostrophe.

    Numbers stay numbers: only text is touched, so a negative count typed as a
    number is still a number, while a text `=HYPERLINK(...)` is shown, not run.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then move it into place.

    A crash or a full disk leaves the old file (or none), never half a file.
    """
    path = Path(path)
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
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


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
