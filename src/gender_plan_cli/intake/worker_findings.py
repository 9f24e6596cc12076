"""A worker that died, overran or ran out of memory, as its file's one finding (what the
worker's stderr and exit status tell, and the flag that raises the limit)."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.findings import CodeId
from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.records import FileResult

MEMORY_FLAG = "--max-memory-mb"
SECONDS_FLAG = "--max-seconds"
_ALLOC_FAILED = re.compile(rb"memory allocation of (\d+) bytes failed")
_STDERR_TAIL = 64 * 1024


def stderr_tail(log: Path) -> bytes:
    """The end of a worker's stderr: what a dying reader said last (Rust's allocation failure)."""
    try:
        with open(log, "rb") as fh:
            fh.seek(max(0, os.fstat(fh.fileno()).st_size - _STDERR_TAIL))
            return fh.read()
    except OSError:
        return b""


def death_finding(
    path: Path, status: int | None, stderr: bytes, limits: WorkerLimits
) -> FileResult:
    """Why a worker died while reading `path`, as that file's one finding."""
    asked = _ALLOC_FAILED.findall(stderr)
    if asked:  # Rust's allocator gave up: over the cap, or a size no machine has
        requested = -(-int(asked[-1]) // (1024 * 1024))
        return file_finding(
            path,
            "file-too-large",
            "file-too-large.memory-asked",
            limit=limits.max_memory_mb,
            requested=requested,
        )
    if status is not None and status < 0:
        sig = _signal_name(-status)
        if -status == signal.SIGKILL:  # not ours (a timeout is handled before): the OOM killer
            return file_finding(
                path, "file-too-large", "file-too-large.memory", limit=limits.max_memory_mb
            )
        if sig == "SIGXCPU":
            return file_finding(path, "read-timeout", seconds=limits.max_seconds)
        return file_finding(path, "reader-crashed", signal=sig)
    return file_finding(path, "reader-crashed", "reader-crashed.exit", status=status)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def file_finding(
    path: Path, code: CodeId, message_id: str | None = None, **args: Any
) -> FileResult:
    """`code` as the file's one finding; a limit's finding names the flag that raises it."""
    shown = str(path)
    if code == "read-timeout":
        args.setdefault("flag", SECONDS_FLAG)
    if code == "file-too-large":
        args.setdefault("flag", MEMORY_FLAG)
    finding = fnd.make(code, shown, message_id=message_id, **args)
    return FileResult(path=shown, findings=[finding])
