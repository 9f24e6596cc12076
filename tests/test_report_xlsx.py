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
    "Đơn vị", "Chỉ tiêu từng đơn vị", "Điều chỉnh, miễn", "Tình hình nộp báo cáo", "Ghi chú số liệu",
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
    coverage = find(ws, "Đơn vị báo cáo").row  # no registry given: said, never guessed
    assert ws.cell(coverage, 3).value == "chưa có danh mục đơn vị phải báo cáo"
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
    assert len(charts) == 1 + 5 + 1  # progress, a trend for every indicator and women, shortfall

    def on(sheet: str) -> list[list[str]]:
        return [c for c in charts if all(r.startswith(f"'{sheet}'!") for r in c)]

    (progress,) = on("Tổng hợp")
    trends = on("Xu hướng")
    (short,) = on("Chỉ tiêu từng đơn vị")
    assert len(trends) == 5
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


# --- an official document: every cell as a person reads it -----------------------------------


def _every_cell(path: Path) -> list[tuple[str, str, str]]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [
        (ws.title, c.coordinate, str(c.value))
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]


def test_no_path_option_code_or_field_id_on_any_page(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Five years, a registry kept as units.xlsx, a unit sent twice with changed figures, a
    unit unknown to the registry: every cell of the workbook is read."""
    import re
    import shutil

    from typer.testing import CliRunner

    from gender_plan_cli.cli import app
    from gender_plan_cli.contract import FIELDS
    from gender_plan_cli.findings import SEVERITY
    from year_builders import SAMPLES, returns_folder

    folder = returns_folder(tmp_path / "nhan-2025", years=(2021, 2022, 2023, 2024, 2025))
    for name in ("xa-co-do.xlsx", "xa-yen-bai.xlsx"):
        shutil.copy(SAMPLES / "returns" / name, folder)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "bao-cao.xlsx"
    result = CliRunner().invoke(
        app, ["report", str(folder), "--year", "2025", "-o", str(out), "--skip-invalid"]
    )
    assert result.exit_code == 0, result.output
    cells = _every_cell(out)
    ids = {f.id for f in FIELDS} | {"resubmitted"}
    problems = []
    for sheet, ref, value in cells:
        if str(tmp_path) in value or re.search(r"\w/\w+\.\w{3,4}\b(?<!targets\.yaml)", value):
            if "rules/targets.yaml" not in value:
                problems.append((sheet, ref, "path", value))
        if "\\" in value or re.search(r"(^|\s)--[a-z]", value):
            problems.append((sheet, ref, "option", value))
        words = set(re.findall(r"[a-z][a-z0-9_-]+", value))
        if words & set(SEVERITY):
            problems.append((sheet, ref, "code", value))
        if words & ids:
            problems.append((sheet, ref, "field id", value))
        if "gplan" in value.lower() or "OLS" in value:
            problems.append((sheet, ref, "tool", value))
    assert problems == []
    flat = [v for _, _, v in cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "Độc lập - Tự do - Hạnh phúc" in flat
    assert any(v.startswith("Số: ") for v in flat) and "Nơi nhận:" in flat
    # the label says what it is ("Tệp chỉ tiêu"); the value does not say it again
    assert any(re.fullmatch(r"rules/targets\.yaml, SHA-256 [0-9a-f]{64}", v) for v in flat)
    assert any(re.fullmatch(r"\d+ báo cáo nhận được", v) for v in flat)
    assert any(re.fullmatch(r"đã báo cáo \d+/\d+ đơn vị", v) for v in flat)


def test_the_document_fields_come_from_rules_report_yaml(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app
    from year_builders import returns_folder

    folder = returns_folder(tmp_path / "data")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "report.yaml").write_text(
        "issuer:\n  parent: UBND THÀNH PHỐ HÀ NỘI\n  name: SỞ NỘI VỤ\nnumber: 125/BC-SNV\n"
        "date: 2025-12-20\nrecipients: [Bộ Nội vụ;, 'Lưu: VT, CCVC.']\n"
        "signer: {authority: KT. GIÁM ĐỐC, title: PHÓ GIÁM ĐỐC, name: Nguyễn Thị Bình}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(app, ["report", str(folder), "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    flat = [v for _, _, v in _every_cell(out)]
    for expected in ("Số: 125/BC-SNV", "Hà Nội, ngày 20 tháng 12 năm 2025", "- Bộ Nội vụ;",
                     "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Bình"):  # fmt: skip
        assert expected in flat, expected
    (tmp_path / "rules" / "report.yaml").write_text(
        "number: 1\nsigner: {rank: x}\n", encoding="utf-8"
    )
    broken = CliRunner().invoke(app, ["report", str(folder), "--year", "2025", "-o", str(out)])
    assert broken.exit_code == 2
    assert "rules/report.yaml:2" in " ".join(broken.output.split())


def test_the_report_says_who_did_not_report_and_who_was_late(tmp_path: Path) -> None:
    import openpyxl
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app
    from year_builders import returns_folder

    folder = returns_folder(tmp_path / "data")
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(app, ["report", str(folder), "--year", "2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    summary = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value]
    assert "đã báo cáo 49/277 đơn vị" in summary
    assert "chưa có danh mục đơn vị phải báo cáo" not in summary
    ws = wb["Tình hình nộp báo cáo"]
    flat = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Chưa báo cáo (228 đơn vị)" in flat
    assert "Ủy ban nhân dân xã Yên Xuân" not in flat  # it reported
    assert any(v.startswith("Ủy ban nhân dân xã") for v in flat)  # missing communes, by name


def test_report_without_data_is_a_usage_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app

    monkeypatch.delenv("GPLAN_DATA", raising=False)
    result = CliRunner().invoke(app, ["report", "--year", "2025", "-o", "r.xlsx"])
    assert result.exit_code == 2
    assert "dữ liệu mẫu" in " ".join(result.output.split())
    gap = CliRunner().invoke(app, ["gap", "--year", "2025"])
    assert gap.exit_code == 0
    assert gap.stdout.startswith("[DỮ LIỆU MẪU]")
    assert "… và 213 đơn vị khác" in gap.stdout


def test_the_trend_per_year_is_in_percentage_points_not_percent(book: Path) -> None:
    """A slope of 0.25 a year is "+25,0 điểm %", not "25,0%" (a percent of a percent)."""
    ws = openpyxl.load_workbook(book)["Xu hướng"]
    head = find(ws, "Xu hướng/năm")
    cell = ws.cell(head.row + 1, head.column)
    unquoted = re.sub(r'"[^"]*"', "", cell.number_format)
    assert "%" not in unquoted, cell.number_format
    assert "điểm %" in cell.number_format
    assert cell.value == pytest.approx(25.0)


def test_the_national_motto_fits_its_cells_on_every_sheet(book: Path) -> None:
    """The motto's merged cells are wide enough for it in bold 12-point Times (about 1.4
    character widths a capital letter), so Excel does not clip it (it did on the coverage
    sheet)."""
    wb = openpyxl.load_workbook(book)
    for ws in wb:
        nation = find(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        span = next(r for r in ws.merged_cells.ranges if nation.coordinate in r)
        sizes = {
            c: d.width
            for d in ws.column_dimensions.values()
            for c in range(d.min or 0, (d.max or 0) + 1)
            if d.width
        }
        width = sum(sizes.get(c, 8.43) for c in range(span.min_col, span.max_col + 1))
        assert width >= 1.4 * len(nation.value), (ws.title, width)


@pytest.mark.parametrize("command", [["gap", "--year", "2025"], ["trend"]])
def test_gap_and_trend_workbooks_take_report_yaml_beside_the_rules_file(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --rules R, the document's fields come from report.yaml beside R, not from
    rules/report.yaml in the current folder."""
    import shutil

    from year_builders import returns_folder

    folder = returns_folder(tmp_path / "data", years=(2024, 2025))
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / "rules" / "targets.yaml", mine)
    (mine / "report.yaml").write_text("number: 77/BC-BESIDE\n", encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "report.yaml").write_text("number: 11/BC-HERE\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    out = tmp_path / "r.xlsx"
    args = [*command, str(folder), "--rules", str(mine / "targets.yaml"), "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    flat = [v for _, _, v in _every_cell(out)]
    assert "Số: 77/BC-BESIDE" in flat
    assert "Số: 11/BC-HERE" not in flat


def test_the_rules_file_is_named_as_the_department_calls_it() -> None:
    """An installed gplan reads its own copy of the rules: named rules/targets.yaml all the same,
    never by the folder it sits in inside the package."""
    from gender_plan_cli.render.report_xlsx import rules_name

    installed = "/opt/venv/lib/python3.11/site-packages/gender_plan_cli/bundled/targets.yaml"
    assert rules_name(installed) == "rules/targets.yaml"
    assert rules_name("/srv/so-noi-vu/rules/targets.yaml") == "rules/targets.yaml"
    assert rules_name("quy-tac/chi-tieu.yaml") == "quy-tac/chi-tieu.yaml"
    assert rules_name("") == "rules/targets.yaml"
