"""When a return was received, and how far each source can be trusted.

The Department's deadline is a date (15 December of the report year, from the rules file), so a
return's received date is a date too, always shown with where it came from. The sources, from
the most to the least trustworthy:

- `portal`: the receipt the portal recorded when the file arrived (authoritative);
- `git`: the date of the last commit that touched the file, in a submissions repository where
  each unit pushes its return (authoritative: the repository records it, the unit cannot);
- `signature`: the date line of the form's signature block (`Hà Nội, ngày 10 tháng 12 năm
  2025`), which a clerk types when the return is signed (a claim of the unit);
- `mtime`: the file's modification time (unreliable: a saved e-mail attachment carries the day
  it was saved, a copied folder the day it was copied).

`auto` takes the first that is known: a receipt, git (a file committed in a repository with its
whole history: not a shallow clone, not the bundled samples), the signature line, the file
time. The other sources' dates ride along (`Received.others`), so that a status can say when two
of them put a return on opposite sides of the deadline.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from dataclasses import replace
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


def received(
    path: Path, signed_on: date | None, mode: ReceivedMode = "auto", receipt: Received | None = None
) -> Received:
    """The received date of one file, by `mode`: a receipt first, whatever the mode; then git
    (`git`; `auto` where git is authoritative), the signature line (not under `mtime`), the file
    time. The dates of the other sources known are kept in `others`."""
    mtime = _mtime(path)
    known: list[Received] = [receipt] if receipt is not None else []
    if mode == "git" or (mode == "auto" and _git_authoritative(path)):
        stamp = git_commit_time(path)
        if stamp is not None:
            known.append(Received(datetime.fromtimestamp(stamp).date(), "git", stamp))
    if mode != "mtime" and signed_on is not None:
        # Two returns signed the same day are ordered by when their files were last written.
        known.append(Received(signed_on, "signature", mtime))
    if mtime:
        known.append(Received(datetime.fromtimestamp(mtime).date(), "mtime", mtime))
    if not known:
        return Received(datetime.fromtimestamp(0).date(), "mtime", 0.0)
    chosen, others = known[0], known[1:]
    return replace(chosen, others=tuple((r.day, r.source) for r in others))


def _git_authoritative(path: Path) -> bool:
    return _git_folder(path.parent.resolve())


def _in_a_work_tree(folder: Path) -> bool:
    """Whether a `.git` sits in the folder or above it (or GIT_DIR names one): without one, git
    is not asked (a portal store's hundreds of unit folders cost a process each)."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


@functools.lru_cache(maxsize=1024)
def _git_folder(folder: Path) -> bool:
    """Whether the folder is in a git repository with its history (a shallow clone has every
    file at the day of the clone's commit), outside the samples shipped with gplan (their
    dates are on their signature lines)."""
    from gender_plan_cli.paths import bundled_samples

    samples = bundled_samples().resolve()
    if folder == samples or folder.is_relative_to(samples) or not _in_a_work_tree(folder):
        return False
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=_GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and out.stdout.strip() == "false"


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0
