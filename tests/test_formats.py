"""Every accepted format is read to the same records: .xlsx, .xlsm, .xls, .ods, .csv."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import LABELS, codes_at, simple_form, unit
from gender_plan_cli.intake.load import read_file

ROWS = [
    unit(),
    unit(
        unit_code="X01",
        unit_name="UBND xã Yên Xuân",
        level="Xã",
        unit_type="UBND",
        sector=None,
        ethnic_minority_area="Có",
        ethnic_minority_population_pct=38.5,
        leaders_ethnic_minority=3,
    ),
]


def _expected() -> list[tuple[str, int, bool, float | None]]:
    return [("S01", 200, False, None), ("X01", 200, True, 38.5)]


def _summary(path: Path) -> list[tuple[str, int, bool, float | None]]:
    fr = read_file(path)
    assert codes_at(fr) == [], fr.findings
    return [
        (r.unit_code, r.staff_total, r.ethnic_minority_area, r.ethnic_minority_population_pct)
        for r in fr.records
    ]


def test_xlsm_is_read_like_xlsx(tmp_path: Path) -> None:
    src = simple_form(tmp_path / "a.xlsx", ROWS)
    shutil.copy(src, tmp_path / "a.xlsm")
    assert _summary(tmp_path / "a.xlsm") == _expected()


def test_ods(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "a.ods"
    pd.DataFrame(ROWS, columns=LABELS).to_excel(
        path, engine="odf", index=False, sheet_name="Biểu 01"
    )
    assert _summary(path) == _expected()
    assert read_file(path).sheet == "Biểu 01"


def test_xls(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Bieu 01")
    for c, label in enumerate(LABELS):
        sheet.write(2, c, label)
    sheet.write(0, 0, "BÁO CÁO NĂM 2025")
    for r, row in enumerate(ROWS, start=3):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    path = tmp_path / "a.xls"
    book.save(str(path))
    assert _summary(path) == _expected()
    assert read_file(path).records[0].source_row == 4


def test_an_xlsx_named_xls_is_read_by_what_it_is(tmp_path: Path) -> None:
    src = simple_form(tmp_path / "a.xlsx", ROWS)
    shutil.copy(src, tmp_path / "b.xls")
    assert _summary(tmp_path / "b.xls") == _expected()


def test_ods_cell_references_count_leading_empty_rows_and_columns(tmp_path: Path) -> None:
    import pandas as pd

    path = tmp_path / "offset.ods"
    frame = pd.DataFrame([unit(staff_female=999)], columns=LABELS)
    frame.to_excel(path, engine="odf", index=False, startrow=3, startcol=2)
    assert codes_at(read_file(path)) == [("exceeds-total", "K5")]
