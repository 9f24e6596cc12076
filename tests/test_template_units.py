"""`gplan template --units R --unit CODE` / `--all -o FOLDER`: the form of a unit, prefilled
from the registry, and one a unit for mailing; after the 2025 reform no district level."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from gender_plan_cli import api
from gender_plan_cli.cli import app
from gender_plan_cli.collection.registry import RegistryUnit
from gender_plan_cli.contract import FIELDS, LEVELS, levels_in
from gender_plan_cli.render.template import (
    AGENCY_ROW,
    FIRST_DATA_ROW,
    data_range,
    unit_file_name,
    write_template,
    write_unit_templates,
)

runner = CliRunner()
REGISTRY = """units:
  - {code: UB-TP, name: "Ủy ban nhân dân thành phố Hà Nội", level: "Thành phố", unit_type: "UBND", sector: "Chính quyền địa phương"}
  - {code: S01, name: "Sở Nội vụ", parent: UB-TP, level: "Sở, ban, ngành", unit_type: "CQQLNN", sector: "Nội vụ"}
  - {code: H01, name: "UBND huyện Ba Vì", parent: UB-TP, level: "Huyện", unit_type: "UBND", until: 2024}
  - {code: X101-UB, name: "Ủy ban nhân dân xã Cổ Đô", parent: UB-TP, level: "Xã", unit_type: "UBND", sector: "Chính quyền địa phương"}
  - {code: "CON", name: "Một mã trùng tên thiết bị của Windows", parent: UB-TP, level: "Xã", unit_type: "HĐND"}
  - {code: "x/1", name: "Một mã có dấu gạch chéo", parent: UB-TP, level: "Xã", unit_type: "HĐND"}
"""


@pytest.fixture
def units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GPLAN_UNITS", raising=False)
    path = tmp_path / "units.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def template(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["template", *args])
    said = result.output.replace("│", " ").replace("╭", " ").replace("╰", " ")
    return result.exit_code, " ".join(said.split())


def row_of(path: Path) -> dict[str, object]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return {f"{c.column_letter}{c.row}": c.value for c in ws[FIRST_DATA_ROW] if c.value is not None}


# --- one unit ---------------------------------------------------------------------------------


def test_the_units_row_is_prefilled_cell_by_cell(tmp_path: Path, units: Path) -> None:
    out = tmp_path / "X101-UB.xlsx"
    code, said = template("--units", str(units), "--unit", "X101-UB", "-y", "2025", "-o", str(out))
    assert code == 0, said
    assert "Đã ghi biểu mẫu của đơn vị X101-UB (Ủy ban nhân dân xã Cổ Đô)" in said
    assert row_of(out) == {
        "A9": "X101-UB",
        "B9": "Ủy ban nhân dân xã Cổ Đô",
        "C9": "UB-TP",
        "D9": "Xã, phường, đặc khu",
        "E9": "Ủy ban nhân dân",
        "F9": "Chính quyền địa phương",
        "G9": 2025,
    }
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.cell(AGENCY_ROW, 1).value == "ỦY BAN NHÂN DÂN XÃ CỔ ĐÔ"
    assert ws.cell(FIRST_DATA_ROW + 1, 1).value is None


def test_in_english_and_without_a_year(tmp_path: Path, units: Path) -> None:
    out = tmp_path / "s01.xlsx"
    code, said = template("--units", str(units), "--unit", "S01", "--lang", "en", "-o", str(out))
    assert code == 0, said
    assert "Form of unit S01 (Sở Nội vụ) written" in said
    assert row_of(out) == {
        "A9": "S01",
        "B9": "Sở Nội vụ",
        "C9": "UB-TP",
        "D9": "Department",
        "E9": "State agency",
        "F9": "Nội vụ",
    }


def test_prefilled_labels_are_in_the_drop_downs(tmp_path: Path, units: Path) -> None:
    out = tmp_path / "x.xlsx"
    template("--units", str(units), "--unit", "X101-UB", "-y", "2025", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    form, help_sheet = wb.worksheets
    offered = {}
    for dv in form.data_validations.dataValidation:
        if dv.type == "list" and dv.formula1.startswith("'"):
            cells = dv.formula1.rsplit("!", 1)[1].replace("$", "")
            ranges = {str(r) for r in dv.sqref.ranges}
            for fid in ("level", "unit_type"):
                if data_range(fid) in ranges:
                    offered[fid] = [c.value for row in help_sheet[cells] for c in row]
    assert form["D9"].value in offered["level"]
    assert form["E9"].value in offered["unit_type"]
    assert "Quận, huyện, thị xã" not in offered["level"]


@pytest.mark.parametrize(("year", "district"), [(2024, True), (2025, False), (2030, False)])
def test_no_district_level_from_the_reform(tmp_path: Path, year: int, district: bool) -> None:
    assert ("district" in [c.id for c in levels_in(year)]) is district
    out = tmp_path / "blank.xlsx"
    code, _ = template("-y", str(year), "-o", str(out))
    assert code == 0
    wb = openpyxl.load_workbook(out)
    (formula,) = [
        dv.formula1
        for dv in wb.worksheets[0].data_validations.dataValidation
        if data_range("level") in {str(r) for r in dv.sqref.ranges}
    ]
    cells = formula.rsplit("!", 1)[1].replace("$", "")
    labels = [c.value for row in wb.worksheets[1][cells] for c in row]
    assert ("Quận, huyện, thị xã" in labels) is district
    assert len(labels) == len(LEVELS) - (0 if district else 1)


def test_an_unknown_code_is_named(tmp_path: Path, units: Path) -> None:
    out = tmp_path / "x.xlsx"
    code, said = template("--units", str(units), "--unit", "X101-U", "-o", str(out))
    assert code == 2
    assert 'Mã đơn vị "X101-U" không có trong danh mục' in said
    assert "Mã gần giống: X101-UB" in said
    assert not out.exists()


def test_a_unit_abolished_before_the_year_is_refused(tmp_path: Path, units: Path) -> None:
    code, said = template("--units", str(units), "--unit", "H01", "-y", "2025", "-o", "h.xlsx")
    assert code == 2
    assert '"H01" (UBND huyện Ba Vì) không phải báo cáo năm 2025' in said
    code, _ = template(
        "--units", str(units), "--unit", "H01", "-y", "2024", "-o", str(tmp_path / "h.xlsx")
    )
    assert code == 0
    assert row_of(tmp_path / "h.xlsx")["D9"] == "Quận, huyện, thị xã"


@pytest.mark.parametrize(
    "args",
    [
        ["--unit", "S01", "--all"],
        ["--units", "{units}"],
        ["--unit", "S01"],  # no registry: no --units, no GPLAN_UNITS
    ],
    ids=["unit-and-all", "units-alone", "no-registry"],
)
def test_usage_errors(
    tmp_path: Path, units: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [a.format(units=units) for a in args]
    if "--all" in args:
        args = ["--units", str(units), *args]
    code, said = template(*args, "-o", "x.xlsx")
    assert code == 2, said
    assert not (tmp_path / "x.xlsx").exists()


# --- every unit, for mailing ------------------------------------------------------------------


def test_all_writes_one_form_a_unit_named_by_its_code(tmp_path: Path, units: Path) -> None:
    folder = tmp_path / "gui-don-vi"
    code, said = template("--units", str(units), "--all", "-y", "2025", "-o", str(folder))
    assert code == 0, said
    assert f'Đã ghi 5 biểu mẫu vào thư mục "{folder}"' in said
    assert sorted(p.name for p in folder.iterdir()) == [
        "S01.xlsx",
        "UB-TP.xlsx",
        "X101-UB.xlsx",
        "_CON.xlsx",
        "x_1.xlsx",
    ]
    assert row_of(folder / "UB-TP.xlsx")["A9"] == "UB-TP"
    assert "C9" not in row_of(folder / "UB-TP.xlsx")  # the city has no parent: nothing left over
    assert row_of(folder / "x_1.xlsx")["A9"] == "x/1"
    loaded = api.read_returns([folder])
    assert sorted(r for f in loaded.files for _, r, _ in f.unit_codes) == sorted(
        ["UB-TP", "S01", "X101-UB", "CON", "x/1"]
    )


def test_all_without_a_year_is_every_unit(tmp_path: Path, units: Path) -> None:
    folder = tmp_path / "all"
    code, said = template("--units", str(units), "--all", "-o", str(folder), "--lang", "en")
    assert code == 0
    assert "Wrote 6 forms into the folder" in said
    assert (folder / "H01.xlsx").exists()


def test_existing_files_are_not_overwritten_without_force(tmp_path: Path, units: Path) -> None:
    folder = tmp_path / "gui"
    folder.mkdir()
    (folder / "S01.xlsx").write_bytes(b"do not touch")
    code, said = template("--units", str(units), "--all", "-y", "2025", "-o", str(folder))
    assert code == 2
    assert "đã có 1 tệp trùng tên" in said and "S01.xlsx" in said and "--force" in said
    assert [p.name for p in folder.iterdir()] == ["S01.xlsx"]
    assert (folder / "S01.xlsx").read_bytes() == b"do not touch"
    code, _ = template("--units", str(units), "--all", "-y", "2025", "-o", str(folder), "--force")
    assert code == 0
    assert row_of(folder / "S01.xlsx")["A9"] == "S01"
    assert len(list(folder.iterdir())) == 5


def test_all_onto_a_file_is_refused(tmp_path: Path, units: Path) -> None:
    target = tmp_path / "gui.xlsx"
    target.write_bytes(b"x")
    code, said = template("--units", str(units), "--all", "-o", str(target))
    assert code == 2 and "là một tệp" in said


# --- the library call the portal makes ------------------------------------------------------------


def test_write_template_for_a_unit_reads_back_as_its_return(tmp_path: Path) -> None:
    unit = RegistryUnit(code="S01", name="Sở Nội vụ", level="department", unit_type="state_agency")
    out = tmp_path / "S01.xlsx"
    write_template(out, "vi", 2025, unit)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    figures = {"staff_total": 200, "staff_female": 120, "key_leaders_total": 4}
    figures |= {"key_leaders_female": 1, "leaders_total": 30, "leaders_female": 14}
    figures |= {"pool_total": 40, "pool_female": 18, "pool_female_trained": 15}
    figures |= {"ethnic_minority_area": "Không"}
    for c, f in enumerate(FIELDS, start=1):
        if f.id in figures:
            ws.cell(FIRST_DATA_ROW, c, figures[f.id])
    wb.save(out)
    (file,) = api.read_returns([out]).files
    assert [(f.code, f.cell) for f in file.findings] == []
    (record,) = file.records
    assert (record.unit_code, record.level, record.unit_type, record.report_year) == (
        "S01",
        "department",
        "state_agency",
        2025,
    )


def test_a_district_after_the_reform_is_a_value_error(tmp_path: Path) -> None:
    district = RegistryUnit(code="H01", name="UBND huyện Ba Vì", level="district")
    with pytest.raises(ValueError, match="district"):
        write_template(tmp_path / "h.xlsx", "vi", 2025, district)
    assert not (tmp_path / "h.xlsx").exists()


def test_one_form_reused_for_every_unit_keeps_nothing_of_the_last(tmp_path: Path) -> None:
    first = RegistryUnit(code="A", name="=Một", parent_code="P", sector="Y tế", level="commune")
    second = RegistryUnit(code="B", name="Hai")
    write_unit_templates([(tmp_path / "a.xlsx", first), (tmp_path / "b.xlsx", second)], "vi")
    assert row_of(tmp_path / "b.xlsx") == {"A9": "B", "B9": "Hai"}
    name = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]["B9"]
    assert (name.value, name.data_type, name.quotePrefix) == ("=Một", "s", True)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("X101-UB", "X101-UB.xlsx"),
        ("a/b\\c:d", "a_b_c_d.xlsx"),
        ('x<>"|?*', "x______.xlsx"),
        ("NUL", "_NUL.xlsx"),
        ("com1.x", "_com1.x.xlsx"),
        ("S01. ", "S01.xlsx"),
        ("...", "_.xlsx"),
    ],
)
def test_file_names_are_safe_on_windows(code: str, name: str) -> None:
    assert unit_file_name(code) == name


def test_two_codes_windows_would_confuse_get_two_files(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(
        'units:\n  - {code: X01, name: "Xã Một"}\n  - {code: x01, name: "Xã một khác"}\n',
        encoding="utf-8",
    )
    folder = tmp_path / "gui"
    code, said = template("--units", str(units), "--all", "-o", str(folder))
    assert code == 0, said
    assert sorted(p.name for p in folder.iterdir()) == ["X01.xlsx", "x01-2.xlsx"]
    assert row_of(folder / "x01-2.xlsx")["A9"] == "x01"


def test_an_empty_or_unreadable_registry_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "units.yaml"
    empty.write_text("units: []\n", encoding="utf-8")
    code, said = template("--units", str(empty), "--unit", "S01", "-o", str(tmp_path / "a.xlsx"))
    assert code == 2 and "không có đơn vị nào" in said
    broken = tmp_path / "units.csv"
    broken.write_bytes(b"\x00\x01\x02")
    code, said = template("--units", str(broken), "--all", "-o", str(tmp_path / "gui"))
    assert code == 2 and "Không đọc được danh mục đơn vị" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units.csv", "units.yaml"]
