"""When a return was received: a git commit date, the date its form was signed, or its mtime.

The Department's deadline is a date (15 December of the report year, from the rules file), so a
return's received date is a date too, always shown with where it came from:

- `git`: the date of the last commit that touched the file (`--received-from git`), for a
  submissions repository where each unit pushes its return;
- `signature`: the date line of the form's signature block (`Hà Nội, ngày 10 tháng 12 năm
  2025`), which a clerk types when the return is signed;
- `mtime`: the file's modification time, when nothing better is known.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gender_plan_cli.contract import ReceivedMode as ReceivedMode
from gender_plan_cli.records import Received
from gender_plan_cli.words import bare_key

_DATE_LINE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_EDGE_ROWS = 40  # a signature block sits in the last rows; a date line above the title in the first
_GIT_SECONDS = 10


def signature_date(rows: list[list[Any]]) -> date | None:
    """The last `ngày D tháng M năm YYYY` line of a sheet (its signature block), if any."""
    count = len(rows)
    edges = list(range(min(_EDGE_ROWS, count))) + list(
        range(max(_EDGE_ROWS, count - _EDGE_ROWS), count)
    )
    found: date | None = None
    for i in edges:
        for value in rows[i]:
            if not isinstance(value, str) or "ng" not in value.lower():
                continue
            m = _DATE_LINE.search(bare_key(value))
            if m is None:
                continue
            try:
                found = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue  # `ngày 31 tháng 2`: not a date, not a guess
    return found


def git_commit_time(path: Path) -> float | None:
    """The commit time of the last commit that touched `path`, or None (no git, not tracked)."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=_GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return float(value) if out.returncode == 0 and value.isdigit() else None


def received(path: Path, signed_on: date | None, mode: ReceivedMode = "auto") -> Received:
    """The received date of one file, by `mode`: git (then signature, then mtime), signature or
    auto (then mtime), or mtime alone."""
    mtime = _mtime(path)
    if mode == "git":
        stamp = git_commit_time(path)
        if stamp is not None:
            return Received(datetime.fromtimestamp(stamp).date(), "git", stamp)
    if mode != "mtime" and signed_on is not None:
        # Two returns signed the same day are ordered by when their files were last written.
        return Received(signed_on, "signature", mtime)
    return Received(datetime.fromtimestamp(mtime).date(), "mtime", mtime)


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0
