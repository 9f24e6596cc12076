"""An .xlsb sheet's cells measured as calamine places them, before calamine allocates anything.

A sheet part declares its extent (`BrtWsDim`), but calamine builds its range from where the
cells are: a row header gives the row, each cell record its own column. A file declaring A1:B2
with one cell at XFD1048576 made calamine ask for 17 G cells and abort the process; it is now
`file-too-large.cells` (`reading/xlsb._cells_extent`). Where a file is odd but small, the
measure is held equal to what python-calamine really reads.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from builders import _rec, write_xlsb
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.reading import xlsb
from gender_plan_cli.reading.calamine import CalamineBook

_END = _rec(146) + _rec(130)  # BrtEndSheetData, BrtEndSheet


def _row(r: int) -> bytes:
    return _rec(0, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))


def _real(col: int, value: float = 1.0) -> bytes:
    return _rec(5, struct.pack("<IId", col, 0, value))


def with_records(tmp_path: Path, records: bytes, name: str = "b.xlsb") -> Path:
    """A small valid .xlsb (declaring A1:B2) with `records` added at the end of its cells."""
    path = write_xlsb(tmp_path / "base.xlsb", [["Mã đơn vị", "Tên"], ["U1", "A"]])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.bin"]
    assert sheet.endswith(_END)
    parts["xl/worksheets/sheet1.bin"] = sheet[: -len(_END)] + records + _END
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    return out


def measured(path: Path) -> tuple[int, int]:
    with zipfile.ZipFile(path) as zf:
        return xlsb._cells_extent(zf.read("xl/worksheets/sheet1.bin"))


def calamine_reads(path: Path) -> tuple[int, int]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return len(rows), max(map(len, rows), default=0)


def test_a_cell_beyond_the_declared_extent_is_refused_before_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = with_records(tmp_path, _row(1_048_575) + _real(16_383))

    def no_calamine(*args: object, **kwargs: object) -> None:
        raise AssertionError("calamine opened a sheet of 17 G cells")

    monkeypatch.setattr(CalamineBook, "__init__", no_calamine)
    fr = read_file(path)
    assert [(f.code, f.message_id, f.args["extent"], f.sheet) for f in fr.findings] == [
        ("file-too-large", "file-too-large.cells", "A1:XFD1048576", "Biểu 01")  # by its tab
    ]


@pytest.mark.parametrize(
    ("records", "extent"),
    [
        (b"", (2, 2)),
        (_row(7) + _real(4), (8, 5)),  # beyond the declared A1:B2, small: read
        (_row(3) + _rec(1, struct.pack("<II", 9, 0)), (2, 2)),  # a blank cell is no cell
        # A row header past 0x100000 ends calamine's read: the far cell after it is not read.
        (_row(0x10_0001) + _real(20_000), (2, 2)),
        # A record of two bytes leaves the other two of the one before in calamine's buffer:
        # its column is 7 (07 00 written over 03 00 00 00).
        (_row(5) + _real(3) + _rec(4, b"\x07\x00"), (6, 8)),
    ],
    ids=["as declared", "past the declared extent", "blank", "row past the last", "short record"],
)
def test_the_measure_is_what_calamine_reads(
    tmp_path: Path, records: bytes, extent: tuple[int, int]
) -> None:
    path = with_records(tmp_path, records)
    assert measured(path) == extent == calamine_reads(path)


def test_a_form_is_measured_as_read(tmp_path: Path) -> None:
    rows = [["Mã đơn vị", "Tên", None, "Ghi chú"], [None] * 6 + [3.5], ["U1", "A", 1, 2]]
    path = write_xlsb(tmp_path / "f.xlsb", rows)
    assert measured(path) == (3, 7) == calamine_reads(path)


def test_a_sheet_without_cells_measures_nothing() -> None:
    assert xlsb._cells_extent(_rec(129) + _rec(145) + _END) == (0, 0)
    assert xlsb._cells_extent(b"") == (0, 0)


def test_a_sheet_the_workbook_does_not_name_is_shown_by_its_part(tmp_path: Path) -> None:
    path = with_records(tmp_path, _row(1_048_575) + _real(16_383))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/_rels/workbook.bin.rels"] = b"<Relationships/>"
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in parts.items():
            zf.writestr(n, data)
    fr = read_file(path)
    assert [f.sheet for f in fr.findings] == ["xl/worksheets/sheet1.bin"]


@pytest.mark.parametrize(
    "target", ["worksheets/sheet1.bin", "/xl/worksheets/sheet1.bin", "./worksheets/sheet1.bin"]
)
def test_a_relationship_names_its_part_relative_or_absolute(target: str) -> None:
    from gender_plan_cli.reading.zipguard import workbook_part

    assert workbook_part(target) == "xl/worksheets/sheet1.bin"
