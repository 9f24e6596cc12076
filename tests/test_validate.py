"""Validation of a located sheet: every code of the catalogue at its exact cell (docs/spec/data-contract.md, "Findings")."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import LABELS, codes_at, simple_form, unit, write_xlsx
from gender_plan_cli.findings import SEVERITY, column_letter
from gender_plan_cli.i18n import catalogue
from gender_plan_cli.intake.load import load_paths, read_file


def test_column_letters_are_excel_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "AAA",
        "XFD",
    ]


def test_every_catalogue_code_has_vietnamese_and_english_words() -> None:
    messages = catalogue()
    for code in SEVERITY:
        ids = [m for m in messages if m == code or m.startswith(code + ".")]
        assert ids, code
        for mid in ids:
            vi, en = messages[mid]
            assert vi and en and vi != en, mid


def test_contract_minimum_catalogue_is_present_with_its_severity() -> None:
    expected = {
        "unreadable-file": "error",
        "no-header": "error",
        "missing-column": "error",
        "duplicate-column": "error",
        "unknown-column": "warning",
        "missing-value": "error",
        "type-error": "error",
        "out-of-range": "error",
        "exceeds-total": "error",
        "invalid-choice": "error",
        "duplicate-unit": "error",
        "unknown-parent": "error",
        "formula-without-value": "error",
        "totals-mismatch": "warning",
        "no-units": "error",
        "hidden-row": "warning",
        "ambiguous-value": "warning",
    }
    assert {c: SEVERITY[c] for c in expected} == expected


def test_missing_value_at_its_cell(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(unit_name=None, pool_total=None)]))
    assert codes_at(fr) == [("missing-value", "B2"), ("missing-value", "N2")]
    assert fr.records == [] and fr.skipped_rows == [2]


def test_a_unit_without_a_code_is_still_a_unit(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(unit_code=None)]))
    assert codes_at(fr) == [("missing-value", "A2")]
    assert fr.units == 1


def test_type_error_at_its_cell(tmp_path: Path) -> None:
    fr = read_file(
        simple_form(tmp_path / "f.xlsx", [unit(staff_total="hai trăm", pool_female=12.5)])
    )
    assert codes_at(fr) == [("type-error", "H2"), ("type-error", "O2")]
    assert [f.message_id for f in fr.findings] == ["type-error.int", "type-error.fraction"]
    assert "hai trăm" in fr.findings[0].message("vi")


def test_out_of_range_at_its_cell(tmp_path: Path) -> None:
    row = unit(
        leaders_female=-1,
        report_year=2019,
        ethnic_minority_area="Có",
        ethnic_minority_population_pct=120,
        leaders_ethnic_minority=1,
    )
    fr = read_file(simple_form(tmp_path / "f.xlsx", [row]))
    assert codes_at(fr) == [("out-of-range", "G2"), ("out-of-range", "M2"), ("out-of-range", "R2")]


def test_exceeds_total_points_at_the_part(tmp_path: Path) -> None:
    row = unit(staff_female=925, staff_total=922, pool_female_trained=19, key_leaders_total=31)
    fr = read_file(simple_form(tmp_path / "f.xlsx", [row]))
    assert codes_at(fr) == [
        ("exceeds-total", "I2"),
        ("exceeds-total", "J2"),
        ("exceeds-total", "P2"),
    ]
    assert fr.findings[0].message("vi") == (
        'Ô I2: "Số nữ CBCCVC, NLĐ" (925) lớn hơn "Tổng số CBCCVC, NLĐ" (922, ô H2). '
        "Hãy kiểm tra lại hai số này."
    )


def test_invalid_choice_lists_the_choices(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(level="Tổng cục")]))
    assert codes_at(fr) == [("invalid-choice", "D2")]
    assert "Xã, phường, thị trấn" in fr.findings[0].message("vi")
    assert "commune" in fr.findings[0].message("en").lower()


def test_dtts_fields_are_required_in_an_ethnic_minority_area(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(ethnic_minority_area="x")]))
    assert codes_at(fr) == [("missing-value", "R2"), ("missing-value", "S2")]
    assert fr.findings[0].message_id == "missing-value.dtts"


def test_duplicate_unit_within_a_file_points_at_the_later_row(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(), unit(unit_name="Trùng")]))
    result = load_paths([tmp_path / "f.xlsx"])
    fr = result.files[0]
    assert codes_at(fr) == [("duplicate-unit", "A3")]
    assert [r.unit_name for r in result.records] == ["Sở Nội vụ"]


def test_formula_without_cached_value(tmp_path: Path) -> None:
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(staff_total="=100+100")]))
    assert codes_at(fr) == [("formula-without-value", "H2")]


def test_a_formula_with_a_cached_value_is_read_by_its_value(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "f.xlsx", [unit()])
    _add_cached_formula(path, "H2", "100+100", "200")
    fr = read_file(path)
    assert codes_at(fr) == []
    assert fr.records[0].staff_total == 200


def _add_cached_formula(path: Path, ref: str, formula: str, value: str) -> None:
    """Rewrite one cell as Excel stores a computed formula: <f> with its cached <v>."""
    import re
    import zipfile

    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    xml = items[member].decode()
    xml = re.sub(
        rf'<c r="{ref}"[^>]*>.*?</c>', f'<c r="{ref}"><f>{formula}</f><v>{value}</v></c>', xml
    )
    items[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in items.items():
            zf.writestr(n, data)


def test_header_problems(tmp_path: Path) -> None:
    labels = [*LABELS, "Ghi chú thêm", "Tổng số CBCCVC, NLĐ"]
    labels.remove("Số lãnh đạo chủ chốt")
    row = unit()
    del row[9]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", [labels, [*row, "x", 5]]))
    assert codes_at(fr) == [
        ("missing-column", "1"),
        ("unknown-column", "T1"),
        ("duplicate-column", "U1"),
    ]
    assert fr.findings[0].field == "key_leaders_total"
    assert fr.findings[2].args["first"] == "H"
    assert fr.findings[2].message("en") == (
        'Columns U and H are both "Total staff". Delete or rename one of them.'
    )
    assert fr.records == []  # a missing column makes every row unusable


def test_no_header_and_no_units(tmp_path: Path) -> None:
    no_header = write_xlsx(tmp_path / "a.xlsx", [["Danh sách"], ["Một", "Hai", "Ba"]])
    assert codes_at(read_file(no_header)) == [("no-header", "2")]  # the closest row
    empty = write_xlsx(
        tmp_path / "b.xlsx", [["BÁO CÁO NĂM 2025"], LABELS, [], [None, None, "Người lập biểu"]]
    )
    assert codes_at(read_file(empty)) == [("no-units", None)]


def test_a_header_below_row_30_is_not_searched(tmp_path: Path) -> None:
    rows = [[f"Dòng tiêu đề {i}"] for i in range(30)] + [LABELS, unit()]
    assert codes_at(read_file(write_xlsx(tmp_path / "f.xlsx", rows))) == [("no-header", "1")]
    rows = [[f"Dòng tiêu đề {i}"] for i in range(29)] + [LABELS, unit()]
    assert codes_at(read_file(write_xlsx(tmp_path / "g.xlsx", rows))) == []


def test_ambiguous_values(tmp_path: Path) -> None:
    row = unit(
        ethnic_minority_area="Có",
        ethnic_minority_population_pct=0.45,
        leaders_ethnic_minority=2,
        staff_total="12.000",
        staff_female=300,
    )
    fr = read_file(simple_form(tmp_path / "f.xlsx", [row]))
    assert codes_at(fr) == [("ambiguous-value", "H2"), ("ambiguous-value", "R2")]
    assert fr.records[0].staff_total == 12000
    assert fr.records[0].ethnic_minority_population_pct == 0.45


def test_hidden_data_sheet_is_a_warning(tmp_path: Path) -> None:
    import openpyxl

    path = simple_form(tmp_path / "f.xlsx", [unit()], extra_sheets=[("Hướng dẫn", "visible")])
    wb = openpyxl.load_workbook(path)
    wb["Biểu 01"].sheet_state = "hidden"
    wb.save(path)
    fr = read_file(path)
    assert codes_at(fr) == [("hidden-sheet", None)]
    assert fr.valid() and not fr.valid(strict=True)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_messages_never_show_a_raw_template(tmp_path: Path, lang: str) -> None:
    row = unit(staff_female=925, staff_total=922, level="?", pool_total="abc", unit_name=None)
    fr = read_file(simple_form(tmp_path / "f.xlsx", [row, unit(unit_code="S01")]))
    for f in load_paths([tmp_path / "f.xlsx"]).findings + fr.findings:
        message = f.message(lang)
        assert "{" not in message and "}" not in message, message


def test_findings_are_capped_per_file_and_the_rest_is_named(tmp_path: Path) -> None:
    from gender_plan_cli.findings import MAX_FINDINGS_PER_FILE

    rows = [unit(unit_code=f"S{i:04d}", staff_total="x", pool_total="y") for i in range(600)]
    fr = read_file(simple_form(tmp_path / "f.xlsx", rows))
    assert len(fr.findings) == MAX_FINDINGS_PER_FILE + 1
    last = fr.findings[-1]
    assert (last.code, last.cell, last.severity) == ("too-many-findings", None, "error")
    assert (last.args["more"], last.args["by_code"]) == (200, "type-error: 200")
    assert "200 more findings" in last.message("en") and "type-error: 200" in last.message("vi")
    assert fr.finding_counts() == {"type-error": 1200} and fr.errors == 1201
    assert fr.units == 600 and len(fr.skipped_rows) == 600 and fr.records == []


def test_an_excel_error_in_a_cell_is_a_type_error_not_an_empty_cell(tmp_path: Path) -> None:
    import re
    import zipfile

    path = simple_form(tmp_path / "f.xlsx", [unit()])
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    xml = items[member].decode()
    xml = re.sub(r'<c r="H2"[^>]*>.*?</c>', '<c r="H2" t="e"><f>1/0</f><v>#DIV/0!</v></c>', xml)
    items[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in items.items():
            zf.writestr(n, data)
    fr = read_file(path)
    assert [(f.code, f.cell, f.message_id, f.value) for f in fr.findings] == [
        ("type-error", "H2", "type-error.error", "#DIV/0!")
    ]


def test_a_parent_whose_own_row_has_an_error_is_still_a_known_unit(tmp_path: Path) -> None:
    rows = [
        unit(unit_code="UB-TP", staff_total="nhiều"),
        unit(unit_code="S02", parent_code="UB-TP"),
    ]
    result = load_paths([simple_form(tmp_path / "f.xlsx", rows)])
    assert codes_at(result.files[0]) == [("type-error", "H2")]
    assert [r.unit_code for r in result.records] == ["S02"]


def test_a_duplicate_of_a_row_with_an_error_is_still_a_duplicate(tmp_path: Path) -> None:
    rows = [unit(staff_total="nhiều"), unit(unit_name="Trùng")]
    result = load_paths([simple_form(tmp_path / "f.xlsx", rows)])
    assert codes_at(result.files[0]) == [("type-error", "H2"), ("duplicate-unit", "A3")]
    assert result.records == []
    assert result.files[0].skipped_rows == [2, 3]
