"""Excel Binary workbooks (.xlsb): the zip guard, the sheets' declared extent, then calamine.

Excel saves .xlsb on request and some agencies' macros do by default; python-calamine reads it.
Its sheets are BIFF12 records in a zip, so the zip passes `zipguard.zip_guard` like an .xlsx,
and each worksheet's extent is held to --max-cells before calamine allocates anything: the
extent its `BrtWsDim` record declares, and the extent its cells really span, measured record by
record as calamine 0.36 places them (`_cells_extent`): a cell's row is its row header's, its
column the cell record's own, so a file may declare A1:B2 and hold a cell at XFD1048576, which
calamine would allocate some 17 G cells for and abort. Hidden rows, percent formats and
uncomputed formulas are not read from .xlsb (docs/check.md says so).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

from gender_plan_cli.reading.calamine import CalamineBook
from gender_plan_cli.reading.limits import Limits, check_cells, unreadable
from gender_plan_cli.reading.zipguard import Entries, open_zip, workbook_part, zip_guard

_WS_DIM, _BEGIN_SHEET_DATA = 0x0094, 0x0091
_HEAD = 64 * 1024  # the dimension record sits in the first few records of a sheet part


def open_xlsb(path: Path, limits: Limits, entries: Entries = None) -> CalamineBook:
    """The .xlsb after its zip guard and extent check, read by calamine. `entries`: the zip's
    directory as `detect` read it."""
    zip_guard(path, limits, entries=entries)
    xlsb_extent(path, limits)
    return CalamineBook(path, limits)


def xlsb_extent(path: Path, limits: Limits) -> dict[str, tuple[int, int]]:
    """(rows, cols) of each worksheet part's cells, from A1, as calamine places them; a part
    whose declared extent or whose cells are over max_cells is refused."""
    out: dict[str, tuple[int, int]] = {}
    with open_zip(path) as zf:
        shown = _sheet_names(zf)
        for name in zf.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".bin")):
                continue
            try:
                with zf.open(name) as fh:
                    data = fh.read(limits.max_unzipped_bytes + 1)  # the guard measured it
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError):
                raise unreadable("corrupt-zip", member=name) from None
            sheet = shown.get(name, name)  # the sheet's tab, as the user finds it
            rows, cols = _declared(data[:_HEAD])
            check_cells(sheet, rows, cols, limits)
            rows, cols = _cells_extent(data)
            out[name] = (rows, cols)
            check_cells(sheet, rows, cols, limits)
    return out


_BUNDLE_SHEET = 0x009C  # BrtBundleSh: a sheet's state, tab id, relationship id and name


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part's tab name (xl/workbook.bin's BrtBundleSh records through their
    relationships); {} where the workbook cannot tell (the part's name is shown instead)."""
    from defusedxml import ElementTree

    try:
        book = zf.read("xl/workbook.bin")
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.bin.rels"))
    except Exception:  # absent, damaged or refused: calamine will say what it makes of it
        return {}
    targets = {rel.get("Id"): workbook_part(rel.get("Target") or "") for rel in rels}
    names: dict[str, str] = {}
    for rtype, at, size in _records(book):
        if rtype == _BUNDLE_SHEET:
            body = book[at : at + size]
            rel_id, at = _wide_string(body, 8)
            name, _ = _wide_string(body, at)
            member = targets.get(rel_id)
            if member and name:
                names[member] = name
    return names


def _wide_string(data: bytes, pos: int) -> tuple[str | None, int]:
    """An XLWideString (a u32 count of UTF-16 units, then the units) at `pos`; None when it
    does not fit."""
    if pos + 4 > len(data):
        return None, pos
    count = struct.unpack_from("<I", data, pos)[0]
    end = pos + 4 + 2 * count
    if count == 0xFFFFFFFF or end > len(data):
        return None, pos + 4
    return data[pos + 4 : end].decode("utf-16-le", "replace"), end


# The records calamine 0.36 makes a cell of (`XlsbCellsReader::next_cell`); BrtCellBlank (1)
# and BrtFmlaError (0x0B) are none. Each starts with the cell's column (u32).
_CELL_RECORDS = frozenset({0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A})
_ROW_HEADER, _END_SHEET_DATA = 0x0000, 0x0092
_LAST_ROW = 0x0010_0000  # a row header past this ends calamine's read of the sheet


def _cells_extent(data: bytes) -> tuple[int, int]:
    """(rows, cols) from A1 to the farthest cell calamine makes of a sheet part: what
    python-calamine's rows then hold (they are padded from A1). Each cell is placed as
    `next_cell` places it: its row is the last row header's, its column the first four bytes of
    calamine's record buffer — a buffer calamine grows and never clears, so a record shorter
    than four bytes leaves bytes of an earlier, longer one there, as here. Cells are counted
    from the first BrtBeginSheetData (calamine skips some blocks before it: a file that hides
    the record inside one is measured larger than calamine reads it, never smaller)."""
    start = _sheet_data(data)
    if start is None:
        return 0, 0
    head, pos = start
    n, row, high_row, high_col = len(data), 0, -1, -1
    at = -1  # where the last record of four bytes or more starts; -1: the buffer starts `head`
    while pos < n:
        rtype = data[pos]
        pos += 1
        if rtype & 0x80:
            if pos >= n:
                break
            rtype = (rtype & 0x7F) + ((data[pos] & 0x7F) << 7)
            pos += 1
        if pos < n and data[pos] < 0x80:
            size = data[pos]
            pos += 1
        else:
            size, pos = _varint(data, pos, 4)
        if pos + size > n:
            break  # calamine fails on a record cut short: no range is made
        if size >= 4:
            at = pos
        elif size:
            old = data[at : at + 4] if at >= 0 else head
            head, at = data[pos : pos + size] + old[size:], -1
        pos += size
        if rtype in _CELL_RECORDS or rtype == _ROW_HEADER:
            if at >= 0:
                value = struct.unpack_from("<I", data, at)[0]
            elif len(head) == 4:
                value = struct.unpack_from("<I", head, 0)[0]
            else:
                break  # calamine cannot read a u32 from its buffer and fails: no range is made
            if rtype == _ROW_HEADER:
                row = value
                if row > _LAST_ROW:
                    break
            else:
                if row > high_row:
                    high_row = row
                if value > high_col:
                    high_col = value
        elif rtype == _END_SHEET_DATA:
            break
    if high_row < 0:
        return 0, 0
    return high_row + 1, high_col + 1


def _sheet_data(data: bytes) -> tuple[bytes, int] | None:
    """(calamine's buffer's first bytes as the records up to the first BrtBeginSheetData leave
    them, where the sheet data starts); None without that record (no cells are read)."""
    head = b""
    for rtype, at, size in _records(data):
        written = data[at : at + min(size, 4)]
        head = written + head[len(written) :]
        if rtype == _BEGIN_SHEET_DATA:
            return head, at + size
    return None


def _records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(type, where its data starts, its size) of each BIFF12 record, as calamine reads the type
    (two bytes at most) and the size (four)."""
    pos = 0
    while pos < len(data):
        rtype, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        yield rtype, pos, size
        pos += size


def _declared(data: bytes) -> tuple[int, int]:
    """The extent in a BrtWsDim record at the head of a sheet part; (0, 0) when absent."""
    for rtype, at, size in _records(data):
        body = data[at : at + size]
        if rtype == _WS_DIM and len(body) >= 16:
            r0, r1, c0, c1 = struct.unpack_from("<IIII", body, 0)
            return max(r1 - r0 + 1, 0) if r1 >= r0 else 0, max(c1 - c0 + 1, 0) if c1 >= c0 else 0
        if rtype == _BEGIN_SHEET_DATA:
            break
    return 0, 0


def _varint(data: bytes, pos: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for _ in range(most):
        if pos >= len(data):
            break
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, pos
