"""Layouts and wording of the forms units really send (issue 9), each from a small fixture
modelled on a real form — none of the real files is copied here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import LABELS, UNIT, codes_at, simple_form, unit, write_xlsb, write_xlsx
from gender_plan_cli.contract import Kind, match_choice
from gender_plan_cli.intake.load import discover, read_file
from gender_plan_cli.layout import classify, locate
from gender_plan_cli.layout.cells import is_number_like
from gender_plan_cli.layout.headers import match_child, match_header, match_standalone
from gender_plan_cli.layout.locate import is_column_number_row
from gender_plan_cli.reading.grid import SheetGrid

COL = {f: chr(65 + i) for i, f in enumerate(UNIT)}  # field id → its letter in LABELS order


def grid(rows: list[list[Any]], merged: list[tuple[int, int, int, int]] | None = None) -> SheetGrid:
    return SheetGrid("Biểu 01", [list(r) for r in rows], merged=merged or [])


# --- Nam is never Năm ------------------------------------------------------------------------

GENDER_TOP = [
    "Mã đơn vị",
    "Tên cơ quan, đơn vị",
    "Cấp",
    "Loại hình",
    "Giới tính",
    None,
    "Số lãnh đạo chủ chốt",
    "Số lãnh đạo chủ chốt là nữ",
    "Tổng số lãnh đạo, quản lý",
    "Số cán bộ trong diện quy hoạch",
    "Số nữ trong diện quy hoạch",
    "Số nữ quy hoạch được đào tạo, bồi dưỡng",
]
GENDER_UNIT = ["S01", "Sở Nội vụ", "Sở, ban, ngành", "Cơ quan QLNN", 80, 120, 4, 1, 30, 40, 18, 15]


def test_nam_under_gioi_tinh_is_the_male_count_and_the_total_is_nam_plus_nu(
    tmp_path: Path,
) -> None:
    bottom = [None] * 4 + ["Nam", "Nữ"] + [None] * 6
    merges = ["E2:F2"] + [f"{c}2:{c}3" for c in "ABCDGHIJKL"]
    path = write_xlsx(
        tmp_path / "gioi-tinh.xlsx",
        [["BÁO CÁO SỐ LIỆU NĂM 2025"], GENDER_TOP, bottom, GENDER_UNIT],
        merges=merges,
    )
    fr = read_file(path)
    assert codes_at(fr) == [("derived-total", "E3")]
    assert fr.layout is not None
    assert (fr.layout.columns["E"], fr.layout.columns["F"]) == ("staff_male", "staff_female")
    assert "report_year" not in fr.layout.columns.values()
    (record,) = fr.records
    assert (record.staff_total, record.staff_female, record.report_year) == (200, 120, 2025)


def test_nam_beside_nu_in_a_one_row_header_is_not_the_year() -> None:
    top = [*GENDER_TOP[:4], "Nam", "Nữ", *GENDER_TOP[6:]]
    layout = locate(grid([["BÁO CÁO NĂM 2025"], top, GENDER_UNIT]))
    assert layout is not None
    assert (layout.fields["staff_male"], layout.fields["staff_female"]) == (5, 6)
    assert "report_year" not in layout.fields


def test_nam_nu_nam_never_meet() -> None:
    assert match_header("Nam") is None and match_standalone("Nam") == "staff_male"
    assert match_header("NAM") is None
    assert match_header("Năm") == "report_year" and match_header("NĂM") == "report_year"
    assert match_header("Nam bao cao") == "report_year"  # typed without marks: no other meaning
    assert match_standalone("Nu") == "staff_female"


# --- the signature block ends the table --------------------------------------------------------


def _signed_form(tmp_path: Path, total_staff: int) -> Path:
    units = [unit(unit_code="S01"), unit(unit_code="S02")]
    totals = [None] * len(LABELS)
    totals[0] = "Tổng cộng"
    totals[LABELS.index("Tổng số CBCCVC, NLĐ")] = total_staff
    names = [None] * len(LABELS)
    names[0] = "Nguyễn Thị Lan"
    names[LABELS.index("Tổng số CBCCVC, NLĐ")] = "Trần Văn Hùng"
    rows = [
        LABELS,
        *units,
        totals,
        [],
        [None, "Hà Nội, ngày 10 tháng 12 năm 2025"],
        [None, "Người lập biểu", None, None, None, None, None, "Thủ trưởng đơn vị"],
        [None, "(Ký, họ tên)", None, None, None, None, None, "(Ký, đóng dấu, họ tên)"],
        names,
    ]
    return write_xlsx(tmp_path / "chu-ky.xlsx", rows)


def test_signer_names_under_the_columns_are_not_a_unit(tmp_path: Path) -> None:
    fr = read_file(_signed_form(tmp_path, 400))
    assert codes_at(fr) == []
    assert fr.units == 2 and len(fr.records) == 2
    assert fr.layout is not None
    assert fr.layout.ranges == [(2, 3, "unit"), (4, 4, "totals"), (6, 9, "signature")]


def test_totals_are_still_compared_above_a_signature_block(tmp_path: Path) -> None:
    fr = read_file(_signed_form(tmp_path, 401))
    assert codes_at(fr) == [("totals-mismatch", f"{COL['staff_total']}4")]


# --- nothing is dropped without a word ------------------------------------------------------------


def test_a_row_of_figures_without_code_or_name_is_a_unit_reported_at_its_cells(
    tmp_path: Path,
) -> None:
    path = simple_form(tmp_path / "f.xlsx", [unit(), unit(unit_code=None, unit_name=None)])
    assert codes_at(read_file(path)) == [("missing-value", "A3"), ("missing-value", "B3")]


def test_code_and_name_formulas_without_value_are_a_unit(tmp_path: Path) -> None:
    row = unit(unit_code='="S"&"02"', unit_name='="Sở "&"Tư pháp"')
    fr = read_file(simple_form(tmp_path / "f.xlsx", [unit(), row]))
    assert codes_at(fr) == [("formula-without-value", "A3"), ("formula-without-value", "B3")]
    assert fr.units == 2


def test_group_rows_with_figures_and_sub_rows_are_reported(tmp_path: Path) -> None:
    header = ["STT", *LABELS, "Khu vực"]
    figures = unit()[7:16]  # staff_total … pool_female_trained
    group = ["I", None, "KHỐI SỞ, BAN, NGÀNH", *[None] * 5, *figures, *[None] * 4, None]
    sub = [None] * 8 + figures + [None] * 4 + ["VY"]
    total = [None] * 8 + figures + [None] * 4 + ["∑"]
    rows = [header, group, ["1", *unit(), "HN"], sub, total]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows))
    assert [c for c in codes_at(fr) if c[0] != "unknown-column"] == [
        ("unread-row", "2"),
        ("unread-row", "4"),
        ("unread-row", "5"),
    ]
    assert fr.findings[-1].message("en").startswith('Row 5 ("∑") holds figures')
    assert fr.layout is not None and fr.layout.rows["unread"] == 3 and fr.units == 1


# --- deeper headers and column-number rows ----------------------------------------------------------

DEEP = [
    ["BÁO CÁO SỐ LƯỢNG NGƯỜI LÀM VIỆC NĂM 2025"],
    ["Mã đơn vị", "Tên đơn vị", "Cấp", "Loại hình", "Số lượng người làm việc", None,
     "Lãnh đạo chủ chốt", None, "Lãnh đạo, quản lý", "Quy hoạch", None, None],
    [None, None, None, None, "Tổng số", "Trong đó", "Tổng số", "Trong đó: Nữ", None,
     "Tổng số", "Nữ", "Nữ được đào tạo, bồi dưỡng"],
    [None, None, None, None, None, "Nữ", None, None, None, None, None, None],
    [],
    ["A", "B", "C", "D", 1, 2, 3, 4, 5, 6, 7, 8],
    ["S01", "Sở Nội vụ", "Sở", "CQQLNN", 200, 120, 4, 1, 30, 40, 18, 15],
    ["X01", "UBND xã Minh Châu", "Xã, phường, đặc khu", "UBND xã", 40, 22, 3, 1, 9, 12, 6, 5],
]  # fmt: skip
DEEP_MERGES = (
    ["E2:F2", "G2:H2", "J2:L2", "A5:L5"]
    + [f"{c}2:{c}4" for c in "ABCDI"]
    + [f"{c}3:{c}4" for c in "EGHJKL"]
)


def test_a_four_row_header_with_a_merged_blank_row_and_column_numbers(tmp_path: Path) -> None:
    fr = read_file(write_xlsx(tmp_path / "deep.xlsx", DEEP, merges=DEEP_MERGES))
    assert codes_at(fr) == []
    assert fr.layout is not None
    assert (fr.layout.header_rows, fr.layout.number_row) == ([2, 3, 4], 6)
    assert fr.layout.columns["F"] == "staff_female"  # Số lượng người làm việc › Trong đó › Nữ
    assert [(r.unit_code, r.level, r.unit_type) for r in fr.records] == [
        ("S01", "department", "state_agency"),
        ("X01", "commune", "people_committee"),
    ]


def test_column_number_rows_as_forms_print_them() -> None:
    assert is_column_number_row(grid([["A", "B", "C", *range(1, 41)]]), 1)
    assert is_column_number_row(grid([["(1)", "(2)", "(3)=(1)+(2)"]]), 1)
    assert not is_column_number_row(grid([[40, 12, 3]]), 1)  # falling: figures, not numbers


# --- wording real headers use ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Tổng số viên chức", "staff_total"),
        ("Tổng số công chức hiện có", "staff_total"),
        ("Số lượng người làm việc", "staff_total"),
        ("Lãnh đạo, quản lý là người dân tộc ít người", "leaders_ethnic_minority"),
    ],
)
def test_real_header_wording(header: str, field: str) -> None:
    assert match_header(header) == field


def test_real_header_groups() -> None:
    assert match_child("Cán bộ, công chức, viên chức", "Nữ") == "staff_female"
    assert match_child("Cán bộ, công chức, viên chức", "Tổng số") == "staff_total"
    assert match_child("Giới tính", "Nam") == "staff_male"
    assert match_child("Giới tính", "Nữ") == "staff_female"
    assert match_header("Phụ nữ") == "staff_female"


def test_standalone_total_and_female_beside_a_staff_column() -> None:
    top = ["Mã đơn vị", "Tên đơn vị", "Tổng số viên chức", "Nữ", "Đảng viên"]
    layout = locate(grid([top, ["S01", "Sở", 10, 4, 3]]))
    assert layout is not None
    assert (layout.fields["staff_total"], layout.fields["staff_female"]) == (3, 4)
    top = ["Mã đơn vị", "Tên đơn vị", "Tổng số", "Trong đó nữ"]
    layout = locate(grid([top, ["S01", "Sở", 10, 4]]))
    assert layout is not None
    assert (layout.fields["staff_total"], layout.fields["staff_female"]) == (3, 4)
    top = ["Mã đơn vị", "Tên trường học", "Tổng số", "Cấp"]
    layout = locate(grid([top, ["S01", "Trường A", 10, "Xã"]]))
    assert layout is not None and "staff_total" not in layout.fields  # beside no staff column


@pytest.mark.parametrize(
    ("kind", "typed", "choice"),
    [
        (Kind.LEVEL, "Cấp tỉnh", "city"),
        (Kind.LEVEL, "Cấp xã", "commune"),
        (Kind.LEVEL, "Xã, phường, đặc khu", "commune"),
        (Kind.LEVEL, "Đặc khu", "commune"),
        (Kind.LEVEL, "Quận, huyện, thị xã", "district"),  # still read in 2021–2025 returns
        (Kind.UNIT_TYPE, "UBND xã", "people_committee"),
        (Kind.UNIT_TYPE, "UBND phường", "people_committee"),
        (Kind.UNIT_TYPE, "Cơ quan hành chính", "state_agency"),
    ],
)
def test_levels_and_types_after_the_2025_reform(kind: Kind, typed: str, choice: str) -> None:
    assert match_choice(kind, typed) == choice


# --- the report year above the header ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "year", "kind"),
    [
        (["Tỉnh Phú Thọ. Ngày 15 Tháng 9 Năm 2020", "BÁO CÁO CÁN BỘ NĂM 2025"], 2025, "title"),
        (
            ["Ngày 15 Tháng 9 Năm 2020", "BÁO CÁO CÁN BỘ", "Năm học: 2024 - 2025"],
            2024,
            "school-year",
        ),
        (["Ngày 1 tháng 12 năm 2026", "Tính đến ngày 30/11/2025"], 2025, "as-of"),
        (["Hà Nội, ngày 10 tháng 12 năm 2025"], 2025, "date-line"),
    ],
)
def test_the_title_year_wins_over_a_date_line(lines: list[str], year: int, kind: str) -> None:
    rows: list[list[Any]] = [[None, t] for t in lines] + [LABELS[:6] + LABELS[7:], ["S01"]]
    layout = locate(grid(rows))
    assert layout is not None and layout.year_source is not None
    assert (layout.year_source.year, layout.year_source.kind) == (year, kind)
    assert layout.year_source.row == next(i for i, t in enumerate(lines, 1) if str(year) in t)


def test_a_signature_line_below_the_table_gives_no_year(tmp_path: Path) -> None:
    labels = LABELS[:6] + LABELS[7:]
    row = unit()[:6] + unit()[7:]
    rows = [["BÁO CÁO NĂM 2025"], labels, row, [None, "Hà Nội, ngày 5 tháng 1 năm 2024"]]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows))
    assert codes_at(fr) == [] and fr.report_year == 2025


# --- percentages from LibreOffice, and .xlsb ------------------------------------------------------

DTTS = {"ethnic_minority_area": "Có", "leaders_ethnic_minority": 5}
PCT = LABELS.index("Tỷ lệ dân số là người DTTS (%)")


def test_a_percent_cell_of_an_xls_is_read_as_a_percentage(tmp_path: Path) -> None:
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Biểu 01")
    for j, v in enumerate(LABELS):
        ws.write(0, j, v)
    for j, v in enumerate(unit(**DTTS)):
        if v is not None:
            ws.write(1, j, v)
    ws.write(1, PCT, 0.355, xlwt.easyxf(num_format_str="0.0%"))
    wb.save(str(tmp_path / "f.xls"))
    fr = read_file(tmp_path / "f.xls")
    assert codes_at(fr) == []
    assert fr.records[0].ethnic_minority_population_pct == 35.5


def test_a_percentage_cell_of_an_ods_is_read_as_a_percentage(tmp_path: Path) -> None:
    from hostile_builders import ods_content, write_ods

    row = unit(**DTTS)
    row[PCT] = 0.355
    content = ods_content([LABELS, row]).replace(
        'office:value-type="float" office:value="0.355"',
        'office:value-type="percentage" office:value="0.355"',
    )
    fr = read_file(write_ods(tmp_path / "f.ods", content))
    assert codes_at(fr) == []
    assert fr.records[0].ethnic_minority_population_pct == 35.5


def test_xlsb_is_read_like_xlsx(tmp_path: Path) -> None:
    rows = [LABELS, unit(unit_code="S01"), unit(unit_code="S02", staff_female=None)]
    path = write_xlsb(tmp_path / "bao-cao.xlsb", rows)
    assert discover([tmp_path]) == [path]
    fr = read_file(path)
    assert codes_at(fr) == [("missing-value", f"{COL['staff_female']}3")]
    assert [r.unit_code for r in fr.records] == ["S01"]


def test_xlsb_over_the_cell_limit_is_refused_before_calamine(tmp_path: Path) -> None:
    from gender_plan_cli.reading.limits import Limits

    path = write_xlsb(tmp_path / "b.xlsb", [LABELS, unit()])
    fr = read_file(path, limits=Limits(max_cells=20))
    assert codes_at(fr) == [("file-too-large", None)]


# --- no-header says what it saw -------------------------------------------------------------------


def test_no_header_names_the_closest_row_and_another_data_sheet(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Mẫu"
    ws.append(["BÁO CÁO NĂM 2025"])
    ws.append(["Mã đơn vị", "Tên đơn vị", "Địa chỉ"])
    data = wb.create_sheet("Số liệu")
    for i in range(5):
        data.append([f"S0{i}", 10 + i, 4, 3, 2])
    for i in range(200):
        wb.create_sheet(f"Trang {i}")
    wb.save(tmp_path / "f.xlsx")
    (finding,) = read_file(tmp_path / "f.xlsx").findings
    assert (finding.code, finding.sheet, finding.cell) == ("no-header", "Mẫu", "2")
    message = finding.message("en")
    assert 'Closest: sheet "Mẫu", row 2' in message
    assert "Mã đơn vị (A), Tên đơn vị (B)" in message and '"Cấp"' in message
    assert 'typed on sheet "Số liệu"' in message
    assert "Trang 199" not in message


# --- the invariant: every row holding a number is a unit, a totals row, or reported -----------------

_ROW_KINDS = st.sampled_from(
    ["unit", "nocode", "group", "roman", "total", "note", "sub", "sign", "blank"]
)


def _row(kind: str, i: int) -> list[Any]:
    figures = unit()[7:16]
    if kind == "unit":
        return unit(unit_code=f"U{i}")
    if kind == "nocode":
        return unit(unit_code=None, unit_name=f"Đơn vị {i}")
    if kind == "group":
        return ["A. CÁC SỞ"]
    if kind == "roman":
        return ["II", "Khối xã", *[None] * 5, *figures]
    if kind == "total":
        return ["Tổng cộng", None, *[None] * 5, *figures]
    if kind == "note":
        return ["Ghi chú: số liệu đến 30/11"]
    if kind == "sub":
        return [None, None, None, None, None, None, None, *figures, None, None, None, "VY"]
    if kind == "sign":
        return [None, "Người lập biểu"]
    return []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW_KINDS, min_size=1, max_size=14))
def test_every_row_with_a_number_is_a_unit_a_total_or_reported(kinds: list[str]) -> None:
    g = grid([LABELS, *(_row(k, i) for i, k in enumerate(kinds))])
    layout = locate(g)
    assert layout is not None
    rows = classify(g, layout)
    counts = [layout.fields[f] for f in ("staff_total", "staff_female", "pool_total")]
    for r in range(layout.data_start, len(g.rows) + 1):
        if any(is_number_like(g.value(r, c)) for c in counts):
            assert rows.kind.get(r) in ("unit", "totals") or r in rows.unread, (r, kinds)
    assert set(rows.kind) == {r for r in range(2, len(g.rows) + 1) if any(g.rows[r - 1])}


def test_no_units_under_a_header_says_where_the_figures_are(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(LABELS)
    wb.active.title = "Biểu 01"
    data = wb.create_sheet("Nhập liệu")
    for i in range(5):
        data.append([f"S0{i}", 10 + i, 4, 3, 2])
    wb.save(tmp_path / "f.xlsx")
    (finding,) = read_file(tmp_path / "f.xlsx").findings
    assert (finding.code, finding.message_id) == ("no-units", "no-units.other-sheet")
    assert 'sheet "Nhập liệu"' in finding.message("en")


def test_the_template_lists_the_levels_of_its_report_year(tmp_path: Path) -> None:
    from gender_plan_cli.render.template_help import choice_labels

    assert "Quận, huyện, thị xã" in choice_labels("level", "vi")
    assert "Quận, huyện, thị xã" in choice_labels("level", "vi", 2024)
    after = choice_labels("level", "vi", 2026)
    assert "Quận, huyện, thị xã" not in after and "Xã, phường, đặc khu" in after
    assert match_choice(Kind.LEVEL, "Quận, huyện, thị xã") == "district"  # still read


def test_a_roster_birth_date_split_into_nam_nu_is_no_staff_header() -> None:
    """A list of people (trích ngang): the birth date under `Nam` or `Nữ` is not a staff count,
    and the lower row of its header is never taken for a header of its own."""
    top = ["TT", "Họ và tên", "Ngày tháng năm sinh", None, "Chức vụ", "Đơn vị", "Danh hiệu"]
    sub = [None, None, "Nam", "Nữ", None, None, "Năm ...."]
    person = [1, "Nguyễn Văn A", "12/03/1980", None, "Chuyên viên", "Phòng Tổ chức", "CSTĐ"]
    merges = [(1, 3, 2, 4), (1, 1, 3, 1), (1, 2, 3, 2), (1, 5, 3, 5), (1, 6, 3, 6), (1, 7, 2, 7)]
    g = grid([top, [], sub, person], merged=merges)
    assert locate(g) is None
