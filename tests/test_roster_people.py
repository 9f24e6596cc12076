"""Who is the same person on a roster; a bad row costs its row, not its unit; the cap says so."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builders import write_xlsx
from gender_plan_cli.cli import app
from gender_plan_cli.collection.registry import Registry, load_registry
from gender_plan_cli.findings import MAX_FINDINGS_PER_FILE, row_runs
from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.roster.same_person import same_people
from roster_builders import REGISTRY

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def bench() -> Iterator[Any]:
    """benchmarks/make_roster.py and bench_roster.py's count by hand, imported."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import bench_roster

        yield bench_roster
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    path = tmp_path / "units.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return load_registry(path)


def test_same_people_in_one_unit_twice_across_units_once() -> None:
    who = [("a", "1"), ("a", "1"), ("b", "2"), ("a", "1"), ("a", "1"), ("id", "9"), ("id", "9")]
    units = ["U1", "U1", "U1", "U2", "U2", "U1", "U3"]
    same = same_people(who, units, [True] * 5 + [False] * 2)
    assert same.twice == [(1, 0), (4, 3)]
    assert same.across == [(3, 0)]  # one pair per person; an identity number is no doubt


def test_a_20000_person_roster_with_5_rows_copied_in_their_unit(tmp_path: Path, bench: Any) -> None:
    """Exactly the 5 copies are errors; every unit is counted, as a count by hand does; the
    chance pairs in two units are one note; --skip-invalid names the 5 rows."""
    path = tmp_path / "ds.xlsx"
    copies = bench.write_roster(path, 20_000, units=200, common=True, copies=5)
    units = bench.registry_file(tmp_path, 200)
    fr = load_paths([path], registry=load_registry(units)).files[1]
    errors = [f for f in fr.findings if f.severity == "error"]
    assert sorted(f.row for f in errors) == sorted(copies)
    assert {f.code for f in errors} == {"roster-duplicate-person"}
    assert sorted(fr.skipped_rows) == sorted(copies)
    notes = [f for f in fr.findings if f.code == "roster-same-name-and-birth"]
    assert len(notes) == 1 and notes[0].args["count"] > 0
    assert bench.count_by_gplan(path, units) == bench.count_by_hand(path)
    assert len(fr.records) == 200
    result = runner.invoke(
        app, ["gap", str(path), "--units", str(units), "-y", "2025", "--skip-invalid"]
    )
    rows = row_runs(sorted(copies))  # the copies are at the end: 20005–20009
    assert f"5 người của {fr.skipped_units} đơn vị, dòng {rows}" in " ".join(result.output.split())


def _person(name: str, born: Any, sex: str | None, unit: str, ident: Any = None) -> list[Any]:
    return [name, born, sex, ident, "Chuyên viên", unit]


def _roster(path: Path, people: list[list[Any]], identity: bool = True) -> Path:
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Chức vụ", "Đơn vị"]
    rows: list[list[Any]] = [["DANH SÁCH CÁN BỘ NĂM 2025"], header, *people]
    if not identity:
        rows = [[c for k, c in enumerate(r) if k != 3] for r in rows]
    return write_xlsx(path, rows, sheet="DS")


def test_an_identity_column_decides_who_is_the_same_person(
    tmp_path: Path, registry: Registry
) -> None:
    born = date(1980, 1, 2)
    people = [
        _person("Lê Thị Hoa", born, "Nữ", "Sở Nội vụ", "001180000001"),
        _person("Lê Thị Hoa", born, "Nữ", "Sở Nội vụ", "001180000002"),  # two people
        _person("Lê Thị Hòa", date(1981, 1, 1), "Nữ", "Sở Nội vụ", "001180 000001"),  # one
        _person("Trần Văn Nam", born, "Nam", "Sở Nội vụ", None),
        _person("Trần  văn Nam", born, "Nam", "Sở Nội vụ", None),  # no number: name and birth
    ]
    fr = load_paths([_roster(tmp_path / "ds.xlsx", people)], registry=registry).files[1]
    found = [(f.code, f.cell, f.args.get("first")) for f in fr.findings if f.severity == "error"]
    assert found == [("roster-duplicate-person", "D5", 3), ("roster-duplicate-person", "A7", 6)]
    (rec,) = fr.records
    assert (rec.staff_total, rec.staff_female) == (3, 2)


def test_no_sex_or_no_unit_costs_the_row_and_the_rest_is_counted(
    tmp_path: Path, registry: Registry
) -> None:
    born = date(1980, 1, 2)
    people = [
        _person("Người Một", born, "Nữ", "Sở Nội vụ"),
        _person("Người Hai", born, None, "Sở Nội vụ"),
        _person("Người Ba", born, "Nam", None),
        _person("Người Bốn", born, "Nam", "Sở Nội vụ"),
    ]
    path = _roster(tmp_path / "ds.xlsx", people, identity=False)
    fr = load_paths([path], registry=registry).files[1]
    assert [(f.code, f.cell) for f in fr.findings if f.severity == "error"] == [
        ("roster-missing-sex", "C4"),
        ("roster-missing-unit", "E5"),
    ]
    (rec,) = fr.records
    assert (rec.staff_total, rec.staff_female, fr.skipped_rows, fr.skipped_units) == (
        2,
        1,
        [4, 5],
        1,
    )


def test_the_cap_on_a_roster_counts_the_rest_by_code(tmp_path: Path, registry: Registry) -> None:
    n = MAX_FINDINGS_PER_FILE + 150
    people = [_person(f"Người {i}", date(1980, 1, 2), None, "Sở Nội vụ") for i in range(n)]
    people.append(_person("Người cuối", date(1980, 1, 2), "Nữ", "Sở Nội vụ"))
    path = _roster(tmp_path / "ds.xlsx", people, identity=False)
    fr = load_paths([path], registry=registry).files[1]
    cap = fr.findings[-1]
    assert (cap.code, cap.args["more"], cap.args["by_code"]) == (
        "too-many-findings",
        153,  # three columns missing (planning, ethnicity, trained) are findings first
        "roster-missing-sex: 153",
    )
    assert fr.finding_counts() == {"roster-missing-column": 3, "roster-missing-sex": n}
    assert len(fr.skipped_rows) == n  # every row left out is counted: none silently
    (rec,) = fr.records
    assert rec.staff_total == 1
    result = runner.invoke(app, ["check", str(path), "--units", registry.path, "-f", "json"])
    import json

    (doc,) = [f for f in json.loads(result.stdout)["files"] if f["role"] == "roster"]
    assert doc["finding_counts"] == {"roster-missing-column": 3, "roster-missing-sex": n}
    assert len(doc["findings"]) == MAX_FINDINGS_PER_FILE + 1


def test_one_name_and_birth_date_in_two_units_is_a_note_that_strict_lets_pass(
    tmp_path: Path, registry: Registry
) -> None:
    """Chance pairs in a city's roster are no one's mistake: the note is said once, and
    `check --strict` (which counts warnings as errors) does not count it."""
    born = date(1980, 1, 2)
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị", "Quy hoạch"]
    header.append("LLCT")
    people = [
        ["Lê Thị Hoa", born, "Nữ", "Kinh", "Chuyên viên", "Sở Nội vụ", None, None],
        ["Lê Thị Hoa", born, "Nữ", "Kinh", "Chuyên viên", "Ủy ban nhân dân xã Cổ Đô", None, None],
    ]
    rows: list[list[Any]] = [["DANH SÁCH CÁN BỘ NĂM 2025"], header, *people]
    path = write_xlsx(tmp_path / "ds.xlsx", rows, sheet="DS")
    fr = load_paths([path], registry=registry).files[1]
    (note,) = fr.findings
    assert (note.code, note.severity) == ("roster-same-name-and-birth", "note")
    assert fr.valid(strict=True) and (fr.errors, fr.warnings) == (0, 0)
    units = str(tmp_path / "units.yaml")
    gap = runner.invoke(app, ["gap", str(path), "--units", units, "-y", "2025"])
    assert gap.exit_code == 0, gap.output
    check = runner.invoke(app, ["check", str(path), "--units", units, "--strict", "-f", "github"])
    assert check.exit_code == 0, check.output
    assert "::notice " in check.output and "roster-same-name-and-birth" in check.output
    assert "Lê Thị Hoa" not in check.output
    assert fr.notes == 1
    table = runner.invoke(app, ["check", str(path), "--units", units, "--strict", "--lang", "en"])
    assert table.exit_code == 0, table.output
    last = " ".join(table.output.split()).rsplit("units;", 1)[1]
    assert last == " 0 errors, 0 warnings, 1 note."
