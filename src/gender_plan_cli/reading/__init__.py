"""Bytes → cell grids. One module per format, each with the guards that run before its reader.

    detect.py         what a file is, by its bytes (one decision: `Detected`)
    zipguard.py       the checks every zip (.xlsx, .ods) passes: sizes, ratio, CRC, XML prologs
    xlsx.py           .xlsx/.xlsm: the sheet extent and the reader (byte scan + calamine)
    xlsx_scan.py      the byte scan of a sheet's XML: extent, hidden rows, percent cells…
    xlsx_extent.py    the exact extent of a sheet not written as Excel writes it
    xlsx_workbook.py  the sheet list and the percent styles, parsed once per template
    xlsb.py           .xlsb: the zip guard, each sheet's declared extent, then calamine
    ods.py            .ods: the table extent, then calamine (calamine.py)
    xls.py            .xls: the OLE container, the BIFF extent, then calamine (calamine.py)
    csv.py            CSV: bytes, lines and the encoding checked and decided, then the reader
    text.py           UTF-16 / UTF-32 told from a head of bytes
    grid.py           SheetInfo, SheetGrid and the A1 column letters
    limits.py         Limits, ReadProblem, the cell-limit check, the file's own checks

`open_book` is the one dispatch: detect, then that format's guards, then its reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from gender_plan_cli.reading.grid import SheetGrid, SheetInfo
from gender_plan_cli.reading.limits import Limits


class Book(Protocol):
    """An open workbook (or a CSV as a book of one sheet): its sheets, one grid at a time."""

    @property
    def sheets(self) -> list[SheetInfo]: ...

    @property
    def has_sheets(self) -> bool: ...  # False for a CSV: its findings name no sheet

    def grid(self, info: SheetInfo) -> SheetGrid: ...

    def close(self) -> None: ...


def open_book(path: Path, limits: Limits) -> Book:
    """What the file is, then the guards of that format, then its reader; or a ReadProblem."""
    from gender_plan_cli.reading.detect import detect

    found = detect(path, limits)
    if found.kind == "xlsx":
        from gender_plan_cli.reading.xlsx import open_xlsx

        return open_xlsx(path, limits, found.zip_entries)
    if found.kind == "xlsb":
        from gender_plan_cli.reading.xlsb import open_xlsb

        return open_xlsb(path, limits, found.zip_entries)
    if found.kind == "ods":
        from gender_plan_cli.reading.ods import open_ods

        return open_ods(path, limits, found.zip_entries)
    if found.kind == "xls":
        from gender_plan_cli.reading.xls import open_xls

        return open_xls(path, limits)
    from gender_plan_cli.reading.csv import open_csv

    return open_csv(path, limits, found)
