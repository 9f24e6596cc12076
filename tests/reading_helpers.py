"""What the loader runs before a reader, for the tests of reading/: `guard` and `problem`."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_plan_cli.reading import csv as csv_format
from gender_plan_cli.reading.detect import detect
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits, ReadProblem
from gender_plan_cli.reading.ods import ods_extent
from gender_plan_cli.reading.xls import xls_extent
from gender_plan_cli.reading.zipguard import zip_guard

WIDE = Limits(max_cells=20_000_000)  # room for the measures the reading tests check


def guard(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """What the loader does before reading: detect, then the guards of the kind found."""
    found = detect(path, limits)
    if found.kind in ("xlsx", "ods"):
        zip_guard(path, limits, entries=found.zip_entries)
    if found.kind == "ods":
        ods_extent(path, limits)
    elif found.kind == "xls":
        xls_extent(path, limits)
    elif found.kind == "csv":
        csv_format.check_bytes(path, limits, found)
    return found.kind


def problem(fn, *args) -> ReadProblem:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadProblem) as info:
        fn(*args)
    return info.value
