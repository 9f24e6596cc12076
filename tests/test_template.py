"""`gplan template`: the blank form is the contract, in the units' language, and reads back clean."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.contract import COUNT_FIELDS, FIELDS, LEVELS, UNIT_TYPES
from gender_plan_cli.render.template import (
    AGENCY_ROW,
    DATE_ROW,
    FIRST_DATA_ROW,
    FORM_NO_ROW,
    HEADER_ROW,
    LAST_DATA_ROW,
    NUMBER_ROW,
    SIGN_ROW,
    TITLE_ROW,
    build_template,
    data_range,
    field_column,
)

runner = CliRunner()


def write(tmp_path: Path, *args: str, name: str = "bieu-mau.xlsx") -> tuple[Path, int, str]:
    out = tmp_path / name
    result = runner.invoke(app, ["template", "-o", str(out), *args])
    return out, result.exit_code, result.output


@pytest.fixture(scope="module")
def form_vi(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out, code, _ = write(tmp_path_factory.mktemp("vi"))
    assert code == 0
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def form_en(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out, code, _ = write(tmp_path_factory.mktemp("en"), "--lang", "en")
    assert code == 0
    return openpyxl.load_workbook(out)


def validations(ws) -> dict[tuple[str, str | None, str | None], set[str]]:  # type: ignore[no-untyped-def]
    """(type, formula1, formula2) → the ranges it covers."""
    found: dict[tuple[str, str | None, str | None], set[str]] = {}
    for dv in ws.data_validations.dataValidation:
        key = (dv.type, dv.formula1, dv.formula2)
        found.setdefault(key, set()).update(str(r) for r in dv.sqref.ranges)
    return found


# --- the header ----------------------------------------------------------------------------


def test_vietnamese_header_is_the_contract_cell_by_cell(form_vi: openpyxl.Workbook) -> None:
    ws = form_vi.worksheets[0]
    assert ws.title == "Biểu 01"
    for i, f in enumerate(FIELDS, start=1):
        assert ws.cell(HEADER_ROW, i).value == f.label_vi, f.id
    assert ws.cell(HEADER_ROW, len(FIELDS) + 1).value is None
    # Spot checks against the contract's table, so a renamed label does not pass silently.
    assert ws[f"A{HEADER_ROW}"].value == "Mã đơn vị"
    assert ws[f"D{HEADER_ROW}"].value == "Cấp"
    assert ws[f"P{HEADER_ROW}"].value == "Số nữ quy hoạch được đào tạo, bồi dưỡng"
    assert ws[f"T{HEADER_ROW}"].value == "Ghi chú"


def test_english_header_is_the_contract_cell_by_cell(form_en: openpyxl.Workbook) -> None:
    ws = form_en.worksheets[0]
    assert [ws.cell(HEADER_ROW, i).value for i in range(1, len(FIELDS) + 1)] == [
        f.label_en for f in FIELDS
    ]
    assert form_en.sheetnames == ["Form 01", "Instructions"]


def test_title_above_header_has_a_blank_year(form_vi: openpyxl.Workbook) -> None:
    title = form_vi.worksheets[0].cell(TITLE_ROW, 1).value
    assert title.startswith("BÁO CÁO SỐ LIỆU CÁN BỘ NỮ") and title.endswith("NĂM ____")


def test_title_carries_the_year_asked_for() -> None:
    ws = build_template("vi", 2025).worksheets[0]
    assert ws.cell(TITLE_ROW, 1).value.endswith("NĂM 2025")


def sheet_values(ws) -> set[str]:  # type: ignore[no-untyped-def]
    return {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}


def test_looks_like_the_forms_the_units_know(form_vi: openpyxl.Workbook) -> None:
    """Agency and national motto, form number, column numbers, date line and signatures."""
    ws = form_vi.worksheets[0]
    assert ws.cell(AGENCY_ROW, 1).value == "TÊN CƠ QUAN, ĐƠN VỊ"
    assert {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "…, ngày … tháng … năm …",
        "Người lập biểu",
        "Thủ trưởng đơn vị",
        "(Ký, họ tên)",
    } <= sheet_values(ws)
    assert ws.cell(FORM_NO_ROW, len(FIELDS)).value == "Biểu số 01"
    numbers = [ws.cell(NUMBER_ROW, i).value for i in range(1, len(FIELDS) + 1)]
    assert numbers == [f"({i})" for i in range(1, len(FIELDS) + 1)]
    assert DATE_ROW > LAST_DATA_ROW and SIGN_ROW > DATE_ROW


@pytest.mark.parametrize("index", [0, 1])
def test_times_new_roman_everywhere(form_vi: openpyxl.Workbook, index: int) -> None:
    ws = form_vi.worksheets[index]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_printed_on_a4_one_page_wide(form_vi: openpyxl.Workbook) -> None:
    form, help_sheet = form_vi.worksheets
    for ws, orientation in ((form, "landscape"), (help_sheet, "portrait")):
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == orientation
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert form.print_title_rows == f"${HEADER_ROW}:${NUMBER_ROW}"


def test_instructions_rows_are_tall_enough_for_their_text(form_vi: openpyxl.Workbook) -> None:
    from gender_plan_cli.render.template_help import lines_needed

    ws = form_vi.worksheets[1]
    for row in ws.iter_rows(min_row=3, max_col=4):
        for cell in row:
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = (
                    sum(
                        ws.column_dimensions[c].width
                        for c in "BCD"
                        if cell.column == 2 and ws.cell(cell.row, 3).value is None
                    )
                    or ws.column_dimensions[cell.column_letter].width
                )
                height = ws.row_dimensions[cell.row].height
                assert height and height >= 15 * lines_needed(cell.value, width), cell.coordinate


def test_header_is_wrapped_and_columns_are_sized(form_vi: openpyxl.Workbook) -> None:
    ws = form_vi.worksheets[0]
    for i in range(1, len(FIELDS) + 1):
        cell = ws.cell(HEADER_ROW, i)
        assert cell.alignment.wrap_text
        assert cell.font.bold
        assert ws.column_dimensions[cell.column_letter].width >= 8
    assert ws.column_dimensions[field_column("unit_name")].width >= 30


def test_panes_are_frozen_under_the_header(form_vi: openpyxl.Workbook) -> None:
    assert form_vi.worksheets[0].freeze_panes == f"C{FIRST_DATA_ROW}"


# --- drop-downs and validation ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_choice_columns_have_drop_downs_of_contract_labels(lang: str, request) -> None:  # type: ignore[no-untyped-def]
    wb = request.getfixturevalue(f"form_{lang}")
    ws, help_sheet = wb.worksheets
    found = validations(ws)
    lists = {k: v for k, v in found.items() if k[0] == "list"}
    for fid, choices in (("level", LEVELS), ("unit_type", UNIT_TYPES)):
        (formula,) = [k[1] for k, ranges in lists.items() if data_range(fid) in ranges]
        sheet, cells = formula.rsplit("!", 1)
        assert sheet.strip("'") == help_sheet.title
        values = [c.value for row in help_sheet[cells.replace("$", "")] for c in row]
        assert values == [c.label_vi if lang == "vi" else c.label_en for c in choices]
    yes_no = '"Có,Không"' if lang == "vi" else '"Yes,No"'
    assert data_range("ethnic_minority_area") in lists[("list", yes_no, None)]


def test_counts_are_whole_numbers_at_least_zero(form_vi: openpyxl.Workbook) -> None:
    found = validations(form_vi.worksheets[0])
    ranges = found[("whole", "0", None)]
    assert ranges == {data_range(fid) for fid in COUNT_FIELDS}
    dv = next(d for d in form_vi.worksheets[0].data_validations.dataValidation if d.formula1 == "0")
    assert dv.operator == "greaterThanOrEqual"


def test_percentage_is_0_to_100_and_year_2021_to_2030(form_vi: openpyxl.Workbook) -> None:
    found = validations(form_vi.worksheets[0])
    assert found[("decimal", "0", "100")] == {data_range("ethnic_minority_population_pct")}
    assert found[("whole", "2021", "2030")] == {data_range("report_year")}
    assert data_range("report_year") == f"G{FIRST_DATA_ROW}:G{LAST_DATA_ROW}"


def test_validations_tell_the_clerk_why(form_vi: openpyxl.Workbook) -> None:
    for dv in form_vi.worksheets[0].data_validations.dataValidation:
        assert dv.showErrorMessage and dv.error and dv.errorTitle
        assert len(dv.errorTitle) <= 32 and len(dv.error) <= 255


# --- instructions ----------------------------------------------------------------------------


def sheet_text(ws) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def test_instructions_explain_key_leaders_separate_units_and_deadline(
    form_vi: openpyxl.Workbook,
) -> None:
    help_sheet = form_vi.worksheets[1]
    assert help_sheet.title == "Hướng dẫn"
    body = sheet_text(help_sheet)
    assert "15 tháng 12" in body and "Sở Nội vụ" in body
    assert "Chủ tịch, Phó Chủ tịch Ủy ban nhân dân" in body
    assert "Chủ tịch, Phó Chủ tịch Hội đồng nhân dân" in body
    assert "Giám đốc, Phó Giám đốc Sở" in body
    assert "Thông tư 10/2019/TT-BKHĐT" in body
    assert "ít nhất một lãnh đạo chủ chốt là nữ" in body
    assert "Hội đồng nhân dân và Ủy ban nhân dân là hai đơn vị riêng" in body
    for f in FIELDS:
        assert f.label_vi in body and f.note_vi in body, f.id


def test_english_instructions(form_en: openpyxl.Workbook) -> None:
    body = sheet_text(form_en.worksheets[1])
    assert "15 December" in body and "Department of Home Affairs" in body
    assert "Circular 10/2019/TT-BKHĐT" in body
    assert "People's Council and a People's Committee are separate units" in body
    for f in FIELDS:
        assert f.note_en in body, f.id


def test_instructions_sheet_is_not_mistaken_for_data(tmp_path: Path) -> None:
    from gender_plan_cli.layout import locate
    from gender_plan_cli.reading.grid import SheetGrid

    ws = build_template("vi").worksheets[1]
    grid = SheetGrid(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
    assert locate(grid) is None


# --- the command -----------------------------------------------------------------------------


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "bieu-mau.xlsx"
    out.write_bytes(b"do not touch")
    _, code, output = write(tmp_path)
    assert code == 2
    assert "--force" in output
    assert out.read_bytes() == b"do not touch"
    _, code, _ = write(tmp_path, "--force")
    assert code == 0
    assert openpyxl.load_workbook(out).worksheets[0].cell(HEADER_ROW, 1).value == "Mã đơn vị"


@pytest.mark.parametrize(
    "name",
    ["khong-co/bieu-mau.xlsx", "bieu-mau.xls", "bieu-mau"],
    ids=["missing-folder", "wrong-suffix", "no-suffix"],
)
def test_bad_output_path_is_a_usage_error(tmp_path: Path, name: str) -> None:
    out, code, _ = write(tmp_path, name=name)
    assert code == 2
    assert not out.exists()


def test_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path / "ra.xlsx"
    folder.mkdir()
    _, code, _ = write(tmp_path, name="ra.xlsx")
    assert code == 2
    assert folder.is_dir()


def test_messages_follow_lang(tmp_path: Path) -> None:
    (tmp_path / "bieu-mau.xlsx").write_bytes(b"x")
    _, _, vi = write(tmp_path)
    _, _, en = write(tmp_path, "--lang", "en")
    assert "đã có" in vi
    assert "already exists" in en


def test_no_temporary_file_is_left_behind(tmp_path: Path) -> None:
    _, code, _ = write(tmp_path)
    assert code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["bieu-mau.xlsx"]


# --- a form filled in by hand reads back clean ------------------------------------------------


FILLED_VI = [
    {
        "unit_code": "S01",
        "unit_name": "Sở Nội vụ",
        "parent_code": None,
        "level": "Sở, ban, ngành",
        "unit_type": "Cơ quan quản lý nhà nước",
        "sector": "Nội vụ",
        "report_year": 2025,
        "staff_total": 245,
        "staff_female": 135,
        "key_leaders_total": 5,
        "key_leaders_female": 2,
        "leaders_total": 35,
        "leaders_female": 14,
        "pool_total": 53,
        "pool_female": 21,
        "pool_female_trained": 15,
        "ethnic_minority_area": "Không",
        "ethnic_minority_population_pct": None,
        "leaders_ethnic_minority": None,
        "notes": None,
    },
    {
        "unit_code": "X007-UB",
        "unit_name": "Ủy ban nhân dân xã Ba Vì",
        "parent_code": "S01",
        "level": "Xã, phường, thị trấn",
        "unit_type": "Ủy ban nhân dân",
        "sector": "Chính quyền địa phương",
        "report_year": 2025,
        "staff_total": 74,
        "staff_female": 34,
        "key_leaders_total": 3,
        "key_leaders_female": 1,
        "leaders_total": 16,
        "leaders_female": 6,
        "pool_total": 25,
        "pool_female": 10,
        "pool_female_trained": 7,
        "ethnic_minority_area": "Có",
        "ethnic_minority_population_pct": 58.4,
        "leaders_ethnic_minority": 10,
        "notes": "Địa bàn có đồng bào Mường, Dao",
    },
]

ENGLISH = {
    "Sở, ban, ngành": "Department",
    "Cơ quan quản lý nhà nước": "State agency",
    "Xã, phường, thị trấn": "Commune",
    "Ủy ban nhân dân": "People's Committee",
    "Có": "Yes",
    "Không": "No",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_form_filled_through_its_labels_checks_clean(tmp_path: Path, lang: str) -> None:
    from gender_plan_cli.intake.load import load_paths

    out, code, _ = write(tmp_path, "--lang", lang)
    assert code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    for r, row in enumerate(FILLED_VI, start=FIRST_DATA_ROW):
        for c, f in enumerate(FIELDS, start=1):
            value = row[f.id]
            if lang == "en" and f.id in ("level", "unit_type", "ethnic_minority_area"):
                value = ENGLISH[value]
            ws.cell(r, c, value)
    wb.save(out)

    result = load_paths([out])
    (file,) = result.files
    assert [(f.code, f.cell) for f in file.findings] == []
    assert file.units == 2 and file.report_year == 2025
    s01, ba_vi = result.records
    assert (s01.unit_code, s01.level, s01.unit_type) == ("S01", "department", "state_agency")
    assert s01.ethnic_minority_area is False and s01.pool_female_trained == 15
    assert (ba_vi.level, ba_vi.unit_type, ba_vi.parent_code) == (
        "commune",
        "people_committee",
        "S01",
    )
    assert ba_vi.ethnic_minority_area is True
    assert ba_vi.ethnic_minority_population_pct == 58.4 and ba_vi.leaders_ethnic_minority == 10
    assert (ba_vi.source_row, s01.source_row) == (FIRST_DATA_ROW + 1, FIRST_DATA_ROW)


def test_signature_block_and_column_numbers_are_no_units(tmp_path: Path) -> None:
    """A form filled in and signed: exit 0, two units, none made of the frame around them."""
    out, code, _ = write(tmp_path, "--year", "2025")
    assert code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    for r, row in enumerate(FILLED_VI, start=FIRST_DATA_ROW):
        for c, f in enumerate(FIELDS, start=1):
            ws.cell(r, c, row[f.id])
    ws.cell(DATE_ROW, len(FIELDS) - 6, "Ba Vì, ngày 10 tháng 12 năm 2025")
    ws.cell(SIGN_ROW + 4, 1, "Nguyễn Thị Lan")
    wb.save(out)
    result = runner.invoke(app, ["check", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    from gender_plan_cli.intake.load import load_paths

    loaded = load_paths([out])
    assert [r.unit_code for r in loaded.records] == ["S01", "X007-UB"]
    assert [r.source_row for r in loaded.records] == [FIRST_DATA_ROW, FIRST_DATA_ROW + 1]
