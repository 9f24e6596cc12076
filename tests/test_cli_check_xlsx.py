"""`check -o FILE`: the extension decides the format; `.xlsx` is the findings workbook (the
clerk's sheet with each wrong cell marked and the message in its comment, and the list)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from builders import LABELS, simple_form, unit, write_csv, write_xlsb
from gender_plan_cli import api
from gender_plan_cli.cli import app
from gender_plan_cli.i18n import text
from gender_plan_cli.render.findings_xlsx import FILLS
from roster_builders import GENDER_COLUMN_PEOPLE, REGISTRY, gender_column_roster

runner = CliRunner()
BROKEN = Path("data/samples/broken/don-vi-loi.xlsx")
RED = "FF" + FILLS["error"][0].lstrip("#")
YELLOW = "FF" + FILLS["warning"][0].lstrip("#")


def check(*args: str) -> tuple[int, str]:
    """The exit code and what was said, a panel's frame and line breaks taken out."""
    result = runner.invoke(app, ["check", *args])
    said = result.output.replace("│", " ").replace("╭", " ").replace("╰", " ")
    return result.exit_code, " ".join(said.split())


def fill(cell) -> str | None:  # type: ignore[no-untyped-def]
    rgb = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return rgb if isinstance(rgb, str) else None


@pytest.fixture(scope="module")
def broken_vi(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    out = tmp_path_factory.mktemp("vi") / "ket-qua.xlsx"
    code, output = check(str(BROKEN), "-o", str(out))
    assert code == 1, output
    assert "Đã ghi bảng tính kết quả kiểm tra" in output
    return openpyxl.load_workbook(out)


def findings_of(path: Path) -> list:  # type: ignore[type-arg]
    return api.read_returns([path]).files[0].findings


# --- the copied sheet ------------------------------------------------------------------------


def test_one_list_then_the_sheet_as_sent(broken_vi: openpyxl.Workbook) -> None:
    assert broken_vi.sheetnames == ["Danh sách lỗi", "don-vi-loi"]
    source = openpyxl.load_workbook(BROKEN, data_only=True)["Biểu 01"]
    copy = broken_vi["don-vi-loi"]
    for row in source.iter_rows(max_row=16, max_col=21):
        for cell in row:
            assert copy[cell.coordinate].value == cell.value, cell.coordinate


def test_exactly_the_wrong_cells_are_filled(broken_vi: openpyxl.Workbook) -> None:
    copy = broken_vi["don-vi-loi"]
    filled = {
        c.coordinate: fill(c) for row in copy.iter_rows() for c in row if fill(c) in (RED, YELLOW)
    }
    hidden_row = {f"{letter}14": YELLOW for letter in "ABCDEFGHIJKLMNOPQRSTU"}
    assert filled == {
        "U4": YELLOW,
        "K6": RED,
        "H7": RED,
        "N8": RED,
        "E9": RED,
        "C10": RED,
        "D11": YELLOW,
        "B12": RED,
        "P13": RED,
        **hidden_row,
        "R15": YELLOW,
        "I16": YELLOW,
    }


def test_each_comment_is_the_message(broken_vi: openpyxl.Workbook) -> None:
    copy = broken_vi["don-vi-loi"]
    comments = {c.coordinate: c.comment.text for row in copy.iter_rows() for c in row if c.comment}
    expected = {(f.cell if f.column else f"A{f.row}"): f.message("vi") for f in findings_of(BROKEN)}
    assert comments == expected
    assert comments["K6"] == (
        'Ô K6: "Số lãnh đạo chủ chốt là nữ" (3) lớn hơn "Số lãnh đạo chủ chốt" (2, ô J6). '
        "Hãy kiểm tra lại hai số này."
    )
    assert comments["A14"].startswith('Dòng 14 (đơn vị "L09") đang bị ẩn.')


def test_the_list_has_a_row_a_finding(broken_vi: openpyxl.Workbook) -> None:
    rows = list(broken_vi["Danh sách lỗi"].iter_rows(values_only=True))
    assert rows[0] == ("Tệp", "Trang tính", "Ô", "Mức", "Mã lỗi", "Nội dung và cách sửa")
    assert rows[1:] == [
        (str(BROKEN), "Biểu 01", f.cell, text(f"check.{f.severity}", "vi"), f.code, f.message())
        for f in findings_of(BROKEN)
    ]
    assert rows[2][2:5] == ("K6", "Lỗi", "exceeds-total")


def test_a_listed_cell_links_to_the_marked_cell(broken_vi: openpyxl.Workbook) -> None:
    links = {c.value: c.hyperlink.location for c in broken_vi["Danh sách lỗi"]["C"] if c.hyperlink}
    assert links["K6"] == "'don-vi-loi'!K6"
    assert links["14"] == "'don-vi-loi'!A14"


def test_english(tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    code, output = check(str(BROKEN), "-o", str(out), "--lang", "en")
    assert code == 1
    assert "Findings workbook written" in output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Findings", "don-vi-loi"]
    assert wb["don-vi-loi"]["K6"].comment.text == (
        'Cell K6: "Female key leaders" (3) is greater than "Key leaders" (2, cell J6). '
        "Check both figures."
    )
    assert next(wb["Findings"].iter_rows(values_only=True))[3:5] == ("Severity", "Code")


# --- every input format, several files ------------------------------------------------------


def _formats(tmp_path: Path) -> list[Path]:
    """The same return with the same mistake (K2) as .xlsx, .csv, .xlsb, .ods and .xls."""
    import pandas as pd
    import xlwt

    rows = [LABELS, unit(staff_female=999)]
    paths = [
        simple_form(tmp_path / "a-xlsx.xlsx", rows[1:]),
        write_csv(tmp_path / "a-csv.csv", rows),
        write_xlsb(tmp_path / "a-xlsb.xlsb", rows),
    ]
    ods = tmp_path / "a-ods.ods"
    pd.DataFrame(rows[1:], columns=LABELS).to_excel(ods, engine="odf", index=False)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Bieu 01")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.save(str(tmp_path / "a-xls.xls"))
    return [*paths, ods, tmp_path / "a-xls.xls"]


def test_every_format_several_files(tmp_path: Path) -> None:
    inputs = _formats(tmp_path)
    out = tmp_path / "out" / "ket-qua.xlsx"
    out.parent.mkdir()
    code, output = check(*map(str, inputs), "-o", str(out), "--jobs", "1")
    assert code == 1, output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Danh sách lỗi", "a-xlsx", "a-csv", "a-xlsb", "a-ods", "a-xls"]
    for name in wb.sheetnames[1:]:
        copy = wb[name]
        assert copy["A1"].value == "Mã đơn vị"
        assert str(copy["B2"].value) == "Sở Nội vụ"
        assert str(copy["I2"].value) == "999"
        marked = [c.coordinate for row in copy.iter_rows() for c in row if fill(c) == RED]
        assert marked == ["I2"], name
        assert copy["I2"].comment.text.startswith("Ô I2:")
    listed = wb["Danh sách lỗi"].iter_rows(min_row=2, values_only=True)
    errors = [(Path(r[0]).stem, r[2], r[4]) for r in listed if r[3] == "Lỗi"]
    assert errors == [(name, "I2", "exceeds-total") for name in wb.sheetnames[1:]]


def test_sheet_grid_reads_every_format(tmp_path: Path) -> None:
    for path in _formats(tmp_path):
        fr = api.read_returns([path]).files[0]
        grid = api.sheet_grid(path, fr.sheet)
        assert grid is not None, path
        assert grid.value(1, 1) == "Mã đơn vị" and float(grid.value(2, 9)) == 999
    assert api.sheet_grid(tmp_path / "a-xlsx.xlsx", "no such sheet") is None
    assert api.sheet_grid(tmp_path / "missing.xlsx", None) is None


def test_two_files_of_one_name_get_two_sheets(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        simple_form(tmp_path / folder / "bao-cao.xlsx", [unit(staff_female=999)])
    out = tmp_path / "ket-qua.xlsx"
    check(str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out))
    assert openpyxl.load_workbook(out).sheetnames == ["Danh sách lỗi", "bao-cao", "bao-cao (2)"]


def test_a_valid_file_gives_an_empty_list_and_no_copy(tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.xlsx"
    code, _ = check("data/samples/hanoi-2025.xlsx", "-o", str(out))
    assert code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Danh sách lỗi"]
    assert wb.active.cell(2, 1).value == "Không có lỗi hay cảnh báo nào."


# --- nothing runs, nobody's name is copied ---------------------------------------------------


def test_a_text_that_looks_like_a_formula_stays_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    evil = '=HYPERLINK("http://evil.example","bấm vào")'
    write_csv(tmp_path / "=cmd.csv", [LABELS, unit(unit_name=evil, staff_female=999)])
    monkeypatch.chdir(tmp_path)
    path, out = Path("=cmd.csv"), Path("ket-qua.xlsx")
    check(str(path), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    cell = wb.worksheets[1]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (evil, "s", True)
    listed = [v for row in wb.worksheets[0].iter_rows(values_only=True) for v in row if v]
    assert listed and not [v for v in listed if str(v)[:1] in ("=", "+", "-", "@")]
    assert f"'{path}" in listed


def test_a_roster_is_listed_never_copied(tmp_path: Path) -> None:
    roster = gender_column_roster(tmp_path / "danh-sach.xlsx")
    units = tmp_path / "units.yaml"
    units.write_text(REGISTRY, encoding="utf-8")
    out = tmp_path / "ket-qua.xlsx"
    code, _ = check(str(roster), "--units", str(units), "-o", str(out))
    assert code == 1
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Danh sách lỗi"]
    listed = [r for r in wb.active.iter_rows(min_row=2, values_only=True) if r[0] == str(roster)]
    assert listed, "the roster's findings are listed"
    everything = " ".join(str(v) for row in wb.active.iter_rows(values_only=True) for v in row)
    for person in GENDER_COLUMN_PEOPLE:
        assert person[0] not in everything
        assert str(person[1]) not in everything


# --- the extension decides ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".pdf", ".xlsm", ".xlsb", ".html", ".XLS"])
def test_a_format_gplan_does_not_write_is_refused(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"ket-qua{suffix}"
    code, output = check(str(BROKEN), "-o", str(out))
    assert code == 2
    assert "gplan không ghi tệp" in output and suffix.lower() in output
    assert ".xlsx, .csv, .json, .txt" in output
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--format", "json"], "ket-qua.xlsx"),
        (["--format", "table"], "ket-qua.csv"),
        (["--format", "csv"], "ket-qua.json"),
        (["--format", "xlsx"], "ket-qua.txt"),
        (["--format", "xlsx"], None),
    ],
)
def test_a_format_that_contradicts_the_name_is_refused(
    tmp_path: Path, args: list[str], name: str | None
) -> None:
    extra = ["-o", str(tmp_path / name)] if name else []
    code, output = check(str(BROKEN), *args, *extra)
    assert code == 2, output
    assert list(tmp_path.iterdir()) == []
    if name == "ket-qua.xlsx":
        assert "--format là json" in output and "ket-qua.json" in output


@pytest.mark.parametrize(
    ("name", "args", "kind"),
    [
        ("ket-qua.json", [], "json"),
        ("ket-qua.csv", [], "csv"),
        ("ket-qua.txt", [], "text"),
        ("ket-qua.log", [], "text"),
        ("ket-qua", [], "text"),
        ("ket-qua.txt", ["--format", "json"], "json"),
        ("ket-qua", ["--format", "csv"], "csv"),
        ("ket-qua.json", ["--format", "json"], "json"),
    ],
)
def test_the_extension_names_the_format_unless_format_is_given(
    tmp_path: Path, name: str, args: list[str], kind: str
) -> None:
    out = tmp_path / name
    code, _ = check(str(BROKEN), *args, "-o", str(out))
    assert code == 1
    content = out.read_text(encoding="utf-8-sig")
    if kind == "json":
        assert json.loads(content)["summary"]["errors"] == 7
    elif kind == "csv":
        assert content.startswith("Tệp;Trang tính;Ô;")
    else:
        assert "CHƯA HỢP LỆ" in content and "exceeds-total" in content


def test_a_workbook_open_elsewhere_is_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.xlsx"
    shutil.copy(BROKEN, out)
    code, _ = check(str(BROKEN), "-o", str(out))
    assert code == 1
    assert openpyxl.load_workbook(out).sheetnames == ["Danh sách lỗi", "don-vi-loi"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ket-qua.xlsx"]


def test_the_workbook_among_the_returns_is_skipped_as_gplans_own(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    folder.mkdir()
    shutil.copy(BROKEN, folder / "don-vi-loi.xlsx")
    code, _ = check(str(folder / "don-vi-loi.xlsx"), "-o", str(folder / "ket-qua.xlsx"))
    assert code == 1
    (fr,) = api.read_returns([folder / "ket-qua.xlsx"]).files
    assert [(f.code, f.message_id) for f in fr.findings] == [("own-output", "own-output.findings")]
    assert fr.units == 0
