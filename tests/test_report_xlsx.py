"""The report workbook opened the way a reader's Excel would: sheets, values, formats, print
setup, charts and their series ranges (read from xl/charts/chart*.xml)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from report_builders import three_years

SHEETS_VI = [
    "Tổng hợp", "Xu hướng", "Theo cấp", "Theo loại hình", "Theo ngành", "Theo đơn vị cấp trên",
    "Đơn vị", "Chỉ tiêu từng đơn vị", "Điều chỉnh, miễn", "Ghi chú số liệu",
]  # fmt: skip


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    data = three_years(tmp / "data")
    out = tmp / "bao-cao.xlsx"
    result = CliRunner().invoke(app, ["report", str(data), "--year", "2023", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def find(ws: Any, value: str) -> Any:
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_sheets_in_order(book: Path) -> None:
    assert openpyxl.load_workbook(book).sheetnames == SHEETS_VI


def test_summary_values_are_numbers_with_vietnamese_display_formats(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Tổng hợp"]
    assert ws["A1"].value == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" and ws["A2"].value == "SỞ NỘI VỤ"
    motto = [c.value for c in ws[1] + ws[2] if c.value and c.column > 3]
    assert motto == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "NĂM 2023" in ws["A4"].value
    key = find(ws, "Cơ quan, chính quyền có lãnh đạo chủ chốt là nữ").row
    cells = [ws.cell(key, c).value for c in range(3, 10)]
    # target 60%; effective (0.6 × 3 + 0.2) / 4 = 0.5 with S02's sector at 10% women; 3 of 4
    assert cells[0] == 0.6 and cells[1] == pytest.approx(0.5)
    assert cells[2:] == [3, 4, 0.75, "Đạt", 0]
    assert ws.cell(key, 7).number_format == "0.0%"
    assert ws.cell(key, 5).number_format == "#,##0"
    assert ws.cell(key, 2).font.name == "Times New Roman"
    info = find(ws, "Năm chỉ tiêu").row
    assert "trước mốc đầu tiên (2025)" in ws.cell(info, 3).value
    assert find(ws, "Đơn vị phải báo cáo / đã báo cáo") is not None
    women = find(ws, "Nữ trong tổng số lãnh đạo, quản lý (không có chỉ tiêu)").row
    assert [ws.cell(women, c).value for c in (5, 6)] == [41, 94]


def test_print_setup_and_frozen_headers(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9, ws.title  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.freeze_panes is not None, ws.title
    units = wb["Đơn vị"]
    assert units.print_title_rows is not None


def test_the_units_sheet_is_a_return_in_the_contracts_labels(book: Path) -> None:
    from gender_plan_cli.contract import FIELDS

    ws = openpyxl.load_workbook(book)["Đơn vị"]
    header = find(ws, "Mã đơn vị").row
    labels = [ws.cell(header, c).value for c in range(2, len(FIELDS) + 2)]
    assert labels == [f.label_vi for f in FIELDS]
    names = [ws.cell(r, 3) for r in range(header + 1, header + 6)]
    hostile = next(c for c in names if "HYPERLINK" in str(c.value))
    assert hostile.data_type == "s" and hostile.value.startswith("=HYPERLINK")


def test_adjusted_units_and_their_own_targets(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Điều chỉnh, miễn"]
    row = find(ws, "S02").row
    values = [ws.cell(row, c).value for c in range(1, 9)]
    assert values[2:4] == ["Xây dựng", 0.1] and values[6] == pytest.approx(0.2)
    targets = wb["Chỉ tiêu từng đơn vị"]
    first = find(targets, "Mã").row + 1
    # S02: no female key leader (1), pool 6 of 30 against 40% (6 short), 3 of 6 trained vs
    # 75% (2 short) — the largest total shortfall comes first
    assert targets.cell(first, 1).value == "S02"
    assert [targets.cell(first, c).value for c in (5, 8, 10, 14)] == [1, 6, 2, 9]


def test_trend_sheet_rates_path_and_projection(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Xu hướng"]
    first = find(ws, 2021).row
    assert first == 8  # the rows the charts refer to
    years = [ws.cell(first + k, 1).value for k in range(10)]
    assert years == list(range(2021, 2031))
    key = [ws.cell(first + k, 2).value for k in range(4)]
    assert key == [0.25, 0.5, 0.75, None]
    path = [ws.cell(first + k, 3).value for k in (0, 4, 9)]
    assert path == [0.6, 0.6, 0.75]
    projection = [ws.cell(first + k, 4).value for k in (0, 1, 9)]
    assert projection == [pytest.approx(0.25), pytest.approx(0.5), 1.0]
    assert ws.cell(first, 2).number_format == "0.0%"
    assert find(ws, "Tóm tắt xu hướng") is not None
    never = [c.value for row in ws.iter_rows() for c in row if c.value == "không đạt vào 2030"]
    assert never  # pool_female stays flat below 50%


def chart_refs(book: Path) -> list[list[str]]:
    with zipfile.ZipFile(book) as z:
        names = sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [re.findall(r"<c:f>([^<]+)</c:f>", z.read(n).decode()) for n in names]


def test_charts_and_their_series_ranges(book: Path) -> None:
    charts = chart_refs(book)
    assert len(charts) == 1 + 4 + 1  # progress, four trends, shortfall

    def on(sheet: str) -> list[list[str]]:
        return [c for c in charts if all(r.startswith(f"'{sheet}'!") for r in c)]

    (progress,) = on("Tổng hợp")
    trends = on("Xu hướng")
    (short,) = on("Chỉ tiêu từng đơn vị")
    assert len(trends) == 4
    assert any(re.fullmatch(r"'Tổng hợp'!\$G\$\d+:\$G\$\d+", r) for r in progress)
    assert any(re.fullmatch(r"'Tổng hợp'!\$B\$\d+:\$B\$\d+", r) for r in progress)
    trend = trends[0]
    assert "'Xu hướng'!$B$8:$B$17" in trend and "'Xu hướng'!$A$8:$A$17" in trend
    assert "'Xu hướng'!$D$8:$D$17" in trend  # the projection
    assert any(r.startswith("'Chỉ tiêu từng đơn vị'!$E$") for r in short)
    assert any(r.startswith("'Chỉ tiêu từng đơn vị'!$M$") for r in short)


def test_english_workbook(tmp_path: Path) -> None:
    data = three_years(tmp_path / "data")
    out = tmp_path / "report.xlsx"
    args = ["report", str(data), "--year", "2023", "-o", str(out), "--lang", "en"]
    assert CliRunner().invoke(app, args).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Summary", "Trend"]
    assert wb["Summary"]["A1"].value == "HANOI PEOPLE'S COMMITTEE"
    checked = CliRunner().invoke(app, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
