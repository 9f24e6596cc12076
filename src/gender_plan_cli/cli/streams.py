"""stdout and stderr that never crash on a narrow code page (cp1252, cp1258, ascii).

A Windows console or a pipe may carry an 8-bit encoding that cannot hold Vietnamese. Text
for people (tables, panels, help) is then written with the letters it lacks folded to their
base letter (`Tổng` → `Tong`); machine output (JSON, CSV, workflow commands) is UTF-8.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
import unicodedata
from collections.abc import Callable
from typing import TextIO

from gender_plan_cli.words import strip_marks

ERRORS = "gplan-fold"
# Signs a narrow code page lacks, by one ASCII sign of the same width (bars, dashes, marks).
_ASCII_SIGNS = str.maketrans(
    {
        "█": "#",
        "▓": "#",
        "▒": ":",
        "░": ".",
        "—": "-",
        "–": "-",
        "…": ".",
        "≤": "<",
        "≥": ">",
        "→": ">",
        "•": "*",
        "✓": "v",
        "✗": "x",
        "│": "|",
        "┃": "|",
        "─": "-",
    }
)
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _folder(encoding: str) -> Callable[[UnicodeError], tuple[str, int]]:
    """A codec error handler for `encoding` (a charmap codec reports only "charmap")."""

    def fold_unencodable(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeEncodeError):
            raise exc
        out = []
        for ch in exc.object[exc.start : exc.end]:
            for candidate in _candidates(ch):
                try:
                    candidate.encode(encoding)
                except (UnicodeEncodeError, LookupError):
                    continue
                out.append(candidate)
                break
        return "".join(out), exc.end

    return fold_unencodable


def _candidates(ch: str) -> tuple[str, ...]:
    """Ways to write `ch`, best first: decomposed, base letter + tone mark (cp1258 has `Ư` and
    the five tone marks but not `Ứ`), without marks, an ASCII sign, `?`."""
    nfd = unicodedata.normalize("NFD", ch)
    tones = "".join(c for c in nfd if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return (nfd, base + tones, strip_marks(ch), ch.translate(_ASCII_SIGNS), "?")


def _is_utf(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding.startswith("utf")


def tolerant_streams() -> None:
    """Let stdout and stderr fold what their encoding cannot hold, instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or _is_utf(stream):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                errors = f"{ERRORS}-{stream.encoding}"
                codecs.register_error(errors, _folder(stream.encoding))
                reconfigure(errors=errors)
            except (ValueError, OSError):
                pass


def utf8_stdout() -> None:
    """Machine output (JSON, CSV, workflow commands) is UTF-8 whatever the console's code page."""
    if sys.stdout is None or _is_utf(sys.stdout):
        return
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(encoding="utf-8", errors="strict")
        except (ValueError, OSError):
            pass


# A write that failed for want of room: the disk, the quota, or the file size limit (`ulimit -f`).
NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})


def no_room(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in NO_ROOM


def flush_or_discard() -> bool:
    """Flush stdout and stderr now; a stream that has no room left is pointed at the null device,
    so that the interpreter's own flush at exit cannot fail (exit 120). False if one had none."""
    ok = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except OSError as exc:
            if not no_room(exc):
                raise
            ok = False
            try:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
            except (OSError, ValueError):
                pass
    return ok
