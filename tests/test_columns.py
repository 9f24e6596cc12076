"""Whole-column reading gives exactly what the cell-by-cell path gives, findings included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from builders import simple_form, unit
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.validation import columns


def _units(n: int, **odd: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for i in range(n):
        changes: dict[str, Any] = {"unit_code": f"U{i:05d}", "unit_name": f"Đơn vị {i}"}
        changes |= odd.get(str(i), {})
        rows.append(unit(**changes))
    return rows


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = read_file(path)
    assert fast.records.column("unit_code")  # made from columns, not from records
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
        ({"9": {"unit_code": "S01\u202e10S"}, "10": {"parent_code": "\u2066P"}}, 2),
        ({"20": {"ethnic_minority_population_pct": "12,5%"}}, 0),  # a share written as text
        ({"30": {"leaders_female": None, "notes": 7}}, 0),
        ({"299": {"report_year": "2025"}, "0": {"level": "xã"}}, 0),
    ],
)
def test_fast_and_cell_paths_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, odd: dict[str, dict[str, Any]], invalid: int
) -> None:
    path = simple_form(tmp_path / "lon.xlsx", _units(300, **odd), hidden_rows=[6, 50])
    fast, slow = _both_ways(path, monkeypatch)
    assert fast.model_dump() == slow.model_dump()
    assert list(fast.records) == list(slow.records)
    assert len(fast.records) == 300 - invalid
    assert len({f.row for f in fast.findings if f.severity == "error"}) == invalid
    assert [f.cell for f in fast.findings if f.code == "hidden-row"] == ["6", "50"]


def test_a_share_of_whole_percent_is_a_float_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = {str(i): {"ethnic_minority_population_pct": 25} for i in range(0, 300, 7)}
    fast, slow = _both_ways(simple_form(tmp_path / "lon.xlsx", _units(300, **odd)), monkeypatch)
    assert fast.records[7].ethnic_minority_population_pct == 25.0
    assert type(fast.records[7].ethnic_minority_population_pct) is float
    assert fast.model_dump() == slow.model_dump()


def test_the_cap_on_findings_falls_at_the_same_row_on_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,100 rows each with an error: the first 1,000 findings are kept, the other 100 counted
    by code; every row is read, and the valid ones past the cap are counted too, whichever path
    read the sheet."""
    odd = {str(i): {"staff_total": "x"} for i in range(0, 1200) if i % 12}
    fast, slow = _both_ways(simple_form(tmp_path / "lon.xlsx", _units(1200, **odd)), monkeypatch)
    assert fast.model_dump() == slow.model_dump()
    cap = [f for f in fast.findings if f.code == "too-many-findings"]
    assert [(f.args["more"], f.args["by_code"]) for f in cap] == [(100, "type-error: 100")]
    assert fast.finding_counts() == {"type-error": 1100}
    assert len(fast.records) == 100  # every 12th row of the 1,200
    assert len(fast.skipped_rows) == 1100


def test_a_totals_row_is_checked_from_the_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = _units(300)
    total = ["Tổng cộng", *([None] * 6), 300 * 120 + 1, *([None] * 12)]
    path = simple_form(tmp_path / "lon.xlsx", [*rows, total])
    fast, slow = _both_ways(path, monkeypatch)
    assert fast.model_dump() == slow.model_dump()
    mismatch = [(f.cell, f.args["expected"]) for f in fast.findings if f.code == "totals-mismatch"]
    assert mismatch and mismatch[0][0] == "H302"


def test_rows_survive_the_pickle_to_the_parent(tmp_path: Path) -> None:
    import pickle

    fr = read_file(simple_form(tmp_path / "lon.xlsx", _units(300)))
    back = pickle.loads(pickle.dumps(fr))
    assert back.records == fr.records and len(back.records) == 300
    assert back.records[299].unit_code == "U00299"
    assert back.records.at_row(301) == fr.records[299]
    assert back.records[0].source_columns is back.records[1].source_columns


def test_a_plain_sheet_takes_the_fast_path(tmp_path: Path) -> None:
    from gender_plan_cli.layout import locate
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    path = simple_form(tmp_path / "lon.xlsx", _units(300, **{"3": {"staff_total": "nhiều"}}))
    book = open_book(path, DEFAULT_LIMITS)
    grid = book.grid(book.sheets[0])
    layout = locate(grid)
    assert layout is not None
    read = columns.read_columns(grid, layout.fields, list(range(2, 302)), None, {})
    assert read is not None
    assert read.suspect == [3]  # one word in the column: that column cell by cell, its row suspect
    assert read.values["staff_total"][:5] == [200, 200, 200, None, 200]
    assert read.values["staff_female"][:3] == [120, 120, 120]
    assert read.values["level"][0] == "department" and read.values["unit_code"][299] == "U00299"
    book.close()


@pytest.mark.parametrize("rows", [3, 300])
def test_a_count_beyond_the_bound_is_out_of_range_on_both_paths(tmp_path: Path, rows: int) -> None:
    """A numeric cell of 1e300 (or 20 million people) is no count: out-of-range at its cell,
    whether the sheet is small (cell path) or large (column path)."""
    odd = {"1": {"staff_total": 1e300}, "2": {"staff_female": 20_000_000.0}}
    fr = read_file(simple_form(tmp_path / "lon.xlsx", _units(rows, **odd)))
    found = [(f.code, f.cell) for f in fr.findings if f.severity == "error"]
    assert found == [("out-of-range", "H3"), ("out-of-range", "I4")]
