"""Whole-column reading gives exactly what the cell-by-cell path gives, findings included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builders import simple_form, unit
from gender_plan_cli import columns
from gender_plan_cli.load import read_file


def _units(n: int, **odd: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for i in range(n):
        changes: dict[str, Any] = {"unit_code": f"U{i:05d}", "unit_name": f"Đơn vị {i}"}
        changes |= odd.get(str(i), {})
        rows.append(unit(**changes))
    return rows


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = read_file(path)
    monkeypatch.setattr(columns, "FAST_MIN_ROWS", 10**9)
    slow = read_file(path)
    return fast, slow


@pytest.mark.parametrize(
    ("odd", "invalid"),
    [
        ({}, 0),
        ({"7": {"staff_total": "mười hai"}}, 1),
        ({"12": {"pool_total": -3}, "13": {"level": "Thôn"}}, 2),
        ({"40": {"report_year": 2035}, "41": {"unit_name": "  "}}, 2),
        ({"5": {"key_leaders_female": 9}, "6": {"ethnic_minority_area": "Có"}}, 2),
        ({"250": {"staff_female": 1.5}, "251": {"sector": 12}}, 1),  # a sector may be a number
    ],
)
def test_fast_and_cell_paths_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: dict[str, dict[str, Any]], invalid: int
) -> None:
    path = simple_form(tmp_path / "lon.xlsx", _units(300, **odd))
    fast, slow = _both_ways(path, monkeypatch)
    assert fast.model_dump() == slow.model_dump()
    assert len(fast.records) == 300 - invalid
    assert len({f.row for f in fast.findings if f.severity == "error"}) == invalid


def test_a_plain_sheet_takes_the_fast_path(tmp_path: Path) -> None:
    from gender_plan_cli.layout import locate
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    path = simple_form(tmp_path / "lon.xlsx", _units(300, **{"3": {"staff_total": "nhiều"}}))
    book = open_book(path, DEFAULT_LIMITS)
    grid = book.grid(book.sheets[0])
    layout = locate(grid)
    assert layout is not None
    fast = columns.fast_columns(grid, layout.fields, list(range(2, 302)), {})
    assert "staff_total" not in fast  # one word in the column: the whole column goes cell by cell
    assert fast["staff_female"][:3] == [120, 120, 120]
    assert fast["level"][0] == "department" and fast["unit_code"][299] == "U00299"
    book.close()


@pytest.mark.parametrize("rows", [3, 300])
def test_a_count_beyond_the_bound_is_out_of_range_on_both_paths(tmp_path: Path, rows: int) -> None:
    """A numeric cell of 1e300 (or 20 million people) is no count: out-of-range at its cell,
    whether the sheet is small (cell path) or large (column path)."""
    odd = {"1": {"staff_total": 1e300}, "2": {"staff_female": 20_000_000.0}}
    fr = read_file(simple_form(tmp_path / "lon.xlsx", _units(rows, **odd)))
    found = [(f.code, f.cell) for f in fr.findings if f.severity == "error"]
    assert found == [("out-of-range", "H3"), ("out-of-range", "I4")]
