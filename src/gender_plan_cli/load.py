"""Paths → LoadResult: find the files, read each in isolation, run the cross-file checks.

This is the entry point of the core for `check` and `gap`:

    result = load_paths([Path("returns/")], report_year=None, limits=DEFAULT_LIMITS)
    result.records      # valid UnitRecords of every file
    result.files        # one FileResult per file, with its findings
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from gender_plan_cli.records import LoadResult

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to read: the files named, and the spreadsheets under the folders named, sorted."""
    raise NotImplementedError


def load_paths(
    paths: Iterable[Path],
    *,
    report_year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int, Path], None] | None = None,
) -> LoadResult:
    raise NotImplementedError
