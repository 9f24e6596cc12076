"""Builders of small submissions for tests: workbooks and CSVs laid out as real forms are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gender_plan_cli.contract import FIELDS

LABELS = [f.label_vi for f in FIELDS]

# A valid unit, in the order of contract.FIELDS.
UNIT = {
    "unit_code": "S01",
    "unit_name": "Sở Nội vụ",
    "parent_code": None,
    "level": "Sở, ban, ngành",
    "unit_type": "Cơ quan quản lý nhà nước",
    "sector": "Nội vụ",
    "report_year": 2025,
    "staff_total": 200,
    "staff_female": 120,
    "key_leaders_total": 4,
    "key_leaders_female": 1,
    "leaders_total": 30,
    "leaders_female": 14,
    "pool_total": 40,
    "pool_female": 18,
    "pool_female_trained": 15,
    "ethnic_minority_area": "Không",
    "ethnic_minority_population_pct": None,
    "leaders_ethnic_minority": None,
    "notes": None,
}


def unit(**changes: Any) -> list[Any]:
    """A unit row in contract order, with some fields changed."""
    values = dict(UNIT)
    values.update(changes)
    return [values[f.id] for f in FIELDS]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    start_row: int = 1,
    start_col: int = 1,
    merges: Sequence[str] = (),
    hidden_rows: Sequence[int] = (),
    percent_cells: Sequence[str] = (),
    sheet: str = "Biểu 01",
    extra_sheets: Sequence[tuple[str, str]] = (),  # (name, state) before the data sheet
) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    for name, state in extra_sheets:
        ws = wb.create_sheet(name)
        ws["A1"] = "Hướng dẫn / danh mục"
        ws.sheet_state = state
    ws = wb.create_sheet(sheet)
    wb.remove(first)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                ws.cell(start_row + i, start_col + j, value)
    for m in merges:
        ws.merge_cells(m)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for ref in percent_cells:
        ws[ref].number_format = "0%"
    wb.save(path)
    return path


def simple_form(path: Path, units: Sequence[Sequence[Any]], **kw: Any) -> Path:
    """A one-row header of the template's labels at row 1, then the units."""
    return write_xlsx(path, [LABELS, *units], **kw)


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], *, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    text = buf.getvalue()
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def codes_at(result: Any) -> list[tuple[str, str | None]]:
    """(code, cell) of every finding of a FileResult, in order."""
    return [(f.code, f.cell) for f in result.findings]


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 stores it: composed base letters, separate tone marks."""
    import unicodedata

    shape_marks = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn: part of the letter
    clusters: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and clusters:
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    out = bytearray()
    for base, *marks in clusters:
        shape = "".join(m for m in marks if m in shape_marks)
        tones = "".join(m for m in marks if m not in shape_marks)
        out += (unicodedata.normalize("NFC", base + shape) + tones).encode("cp1258")
    return bytes(out)


def _rec(rtype: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: type and size as 7-bit varints, then the data."""
    out = bytearray()
    t = rtype
    # record type: 7 bits per byte, at most 2 bytes
    while True:
        b = t & 0x7F
        t >>= 7
        out.append(b | (0x80 if t else 0))
        if not t:
            break
    n = len(data)
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            break
    return bytes(out) + data


def _wide(s: str) -> bytes:
    import struct

    return struct.pack("<I", len(s)) + s.encode("utf-16-le")


def write_xlsb(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "Biểu 01") -> Path:
    """A minimal Excel Binary workbook (as Excel lays it out), one sheet of the given rows."""
    import struct
    import zipfile

    wb = (
        _rec(131)
        + _rec(143)
        + _rec(156, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
        + _rec(144)
        + _rec(132)
    )
    nrows = len(rows)
    ncols = max((len(r) for r in rows), default=1)
    sh = bytearray(
        _rec(129)
        + _rec(148, struct.pack("<IIII", 0, max(nrows - 1, 0), 0, max(ncols - 1, 0)))
        + _rec(145)
    )
    for i, row in enumerate(rows):
        sh += _rec(0, struct.pack("<IIHBBBI", i, 0, 300, 0, 0, 0, 0))
        for j, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, str):
                sh += _rec(6, struct.pack("<II", j, 0) + _wide(v))
            else:
                sh += _rec(5, struct.pack("<IId", j, 0, float(v)))
    sh += _rec(146) + _rec(130)
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
    )
    wbrels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.bin", wb)
        z.writestr("xl/_rels/workbook.bin.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.bin", bytes(sh))
    return Path(path)
