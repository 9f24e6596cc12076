"""Readers that misbehave on purpose, for tests/test_isolation.py.

They live in their own small module because a worker imports them by name: a reader
passed to `read_isolated` must be a picklable top-level function.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from gender_plan_cli.intake.load import read_file
from gender_plan_cli.records import FileResult


def by_name(path: Path) -> FileResult:
    """The real reader, except for files whose name asks for a misbehaviour."""
    name = path.name
    if name.startswith("abort"):
        os.abort()
    if name.startswith("segfault"):
        import ctypes

        ctypes.string_at(0)
    if name.startswith("sleep"):
        time.sleep(60)
    if name.startswith("hog"):
        hog = []
        while True:  # 64 MB at a time, until the worker's address-space cap says no
            hog.append(bytearray(64 * 1024 * 1024))
    if name.startswith("raise"):
        raise KeyError("a reader bug")
    if name.startswith("exit"):
        os._exit(3)
    return read_file(path)


def whose_pid(path: Path) -> FileResult:
    """The real reader; the worker that read the file named in `sheet` (its process id)."""
    return read_file(path).model_copy(update={"sheet": str(os.getpid())})
