"""A value merged over unit rows, and one sheet with two report years: said at their cells."""

from __future__ import annotations

from pathlib import Path

from builders import simple_form, unit
from gender_plan_cli.intake.load import read_file


def _codes(result) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.cell) for f in result.findings]


def test_a_count_merged_over_two_units_is_a_finding_at_each_covered_cell(tmp_path: Path) -> None:
    rows = [unit(unit_code="A"), unit(unit_code="B", key_leaders_total=None), unit(unit_code="C")]
    path = simple_form(tmp_path / "merged.xlsx", rows, merges=["J2:J3"])
    result = read_file(path)
    assert _codes(result) == [("merged-cell", "J2"), ("merged-cell", "J3")]
    assert [r.unit_code for r in result.records] == ["C"]
    assert result.skipped_rows == [2, 3]
    said = result.findings[1].message("vi")
    assert said == (
        'Ô J3 ("Số lãnh đạo chủ chốt") nằm trong vùng gộp J2:J3 trải trên nhiều dòng đơn vị: '
        "giá trị 4 của vùng gộp không biết thuộc đơn vị nào. Hãy bỏ gộp ô và ghi giá trị cho "
        "từng dòng."
    )


def test_a_merged_parent_code_leaves_no_row_without_its_parent_unseen(tmp_path: Path) -> None:
    rows = [
        unit(unit_code="P"),
        unit(unit_code="C1", parent_code="P"),
        unit(unit_code="C2", parent_code=None),
    ]
    path = simple_form(tmp_path / "parent.xlsx", rows, merges=["C3:C4"])
    result = read_file(path)
    assert _codes(result) == [("merged-cell", "C3"), ("merged-cell", "C4")]
    assert "P" in result.findings[1].message("en")


def test_a_merge_inside_one_row_is_no_finding(tmp_path: Path) -> None:
    rows = [unit(unit_code="A", notes="ghi chú"), unit(unit_code="B")]
    path = simple_form(tmp_path / "one-row.xlsx", rows, merges=["T2:U2"])
    assert _codes(read_file(path)) == []


def test_a_merge_in_a_large_sheet_is_found_on_the_column_path(tmp_path: Path) -> None:
    rows = [unit(unit_code=f"U{i:03d}") for i in range(300)]
    rows[150][9] = None  # J152, under the merge
    path = simple_form(tmp_path / "large.xlsx", rows, merges=["J151:J152"])
    result = read_file(path)
    assert _codes(result) == [("merged-cell", "J151"), ("merged-cell", "J152")]
    assert len(result.records) == 298


def test_two_report_years_in_one_sheet_are_named_with_their_rows(tmp_path: Path) -> None:
    rows = [
        unit(unit_code="A"),
        unit(unit_code="B"),
        unit(unit_code="C", report_year=2026),
        unit(unit_code="D"),
    ]
    result = read_file(simple_form(tmp_path / "years.xlsx", rows))
    assert _codes(result) == [("mixed-report-years", "G4")]
    assert result.findings[0].severity == "warning"
    assert result.findings[0].message("en") == (
        "The sheet holds figures of several report years: 2025: 2–3, 5; 2026: 4. Send one file "
        "per year; each row counts for its own year."
    )
    assert len(result.records) == 4
