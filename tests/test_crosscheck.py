"""Across the files of one run: duplicates, resubmissions and parents (crosscheck.py)."""

from __future__ import annotations

import os
from pathlib import Path

from builders import codes_at, simple_form, unit
from gender_plan_cli.intake.load import load_paths

JAN = 1_764_547_200  # 2025-12-01 00:00 UTC, a fixed moment for file times


def _aged(path: Path, seconds: int) -> Path:
    os.utime(path, (JAN + seconds, JAN + seconds))
    return path


def test_a_unit_twice_in_one_file_is_a_duplicate_at_the_later_row(tmp_path: Path) -> None:
    result = load_paths([simple_form(tmp_path / "f.xlsx", [unit(), unit(unit_name="Trùng")])])
    assert codes_at(result.files[0]) == [("duplicate-unit", "A3")]
    assert [r.unit_name for r in result.records] == ["Sở Nội vụ"]


def test_a_return_sent_again_supersedes_the_earlier_one(tmp_path: Path) -> None:
    _aged(simple_form(tmp_path / "a.xlsx", [unit(staff_female=45)]), 0)
    b = simple_form(tmp_path / "b.xlsx", [unit(staff_female=47), unit(report_year=2024)])
    _aged(b, 3600)
    result = load_paths([tmp_path])
    old, new = result.files
    assert codes_at(old) == [("resubmitted", "A2")]
    assert old.findings[0].severity == "warning" and old.valid()
    assert codes_at(new) == [("mixed-report-years", "G3")]  # b.xlsx holds 2025 and 2024
    message = old.findings[0].message("vi")
    assert "b.xlsx A2" in message and "staff_female 45 → 47" in message
    assert sorted((r.source_file, r.report_year, r.staff_female) for r in result.records) == [
        (str(b), 2024, 120),
        (str(b), 2025, 47),
    ]
    assert old.skipped_rows == []  # not invalid: only not counted


def test_the_later_return_wins_whatever_the_order_of_the_files(tmp_path: Path) -> None:
    _aged(simple_form(tmp_path / "a.xlsx", [unit(staff_female=47)]), 3600)
    _aged(simple_form(tmp_path / "b.xlsx", [unit(staff_female=45)]), 0)
    result = load_paths([tmp_path])
    assert codes_at(result.files[1]) == [("resubmitted", "A2")]
    assert [r.staff_female for r in result.records] == [47]


def test_two_returns_received_at_the_same_moment_cannot_be_ordered(tmp_path: Path) -> None:
    _aged(simple_form(tmp_path / "a.xlsx", [unit()]), 0)
    _aged(simple_form(tmp_path / "b.xlsx", [unit()]), 0)
    result = load_paths([tmp_path])
    assert codes_at(result.files[0]) == [("duplicate-unit", "A2")]
    assert result.files[0].findings[0].message_id == "duplicate-unit.same-time"
    assert not result.valid() and len(result.records) == 1


def test_the_signature_date_orders_returns_before_the_file_time(tmp_path: Path) -> None:
    """b.xlsx was written later but signed earlier: the signed dates decide."""
    signed_late = [unit(staff_female=47), [None, "Hà Nội, ngày 12 tháng 12 năm 2025"]]
    signed_early = [unit(staff_female=45), [None, "Hà Nội, ngày 9 tháng 12 năm 2025"]]
    _aged(simple_form(tmp_path / "a.xlsx", signed_late), 0)
    _aged(simple_form(tmp_path / "b.xlsx", signed_early), 3600)
    result = load_paths([tmp_path])
    assert codes_at(result.files[1]) == [("resubmitted", "A2")]
    assert "2025-12-09" in result.files[1].findings[0].message("vi")
    assert [r.staff_female for r in result.records] == [47]


def test_without_a_registry_a_parent_not_read_is_a_warning(tmp_path: Path) -> None:
    simple_form(tmp_path / "xa.xlsx", [unit(unit_code="X01", parent_code="UB-TP")])
    alone = load_paths([tmp_path / "xa.xlsx"])
    assert codes_at(alone.files[0]) == [("unknown-parent", "C2")]
    finding = alone.files[0].findings[0]
    assert finding.severity == "warning" and finding.message_id == "unknown-parent.unread"
    assert "--units" in finding.message("vi")
    assert alone.valid() and [r.unit_code for r in alone.records] == ["X01"]
    simple_form(tmp_path / "tp.xlsx", [unit(unit_code="UB-TP")])
    both = load_paths([tmp_path])
    assert [codes_at(f) for f in both.files] == [[], []]
