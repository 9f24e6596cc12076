"""Excel Binary workbooks (.xlsb): the zip guard, the sheets' declared extent, then calamine.

Excel saves .xlsb on request and some agencies' macros do by default; python-calamine reads it.
Its sheets are BIFF12 records in a zip, so the zip passes `zipguard.zip_guard` like an .xlsx,
and each worksheet's extent is taken from its `BrtWsDim` record (the first records of the
part: a cheap read) and held to --max-cells before calamine allocates anything. Hidden rows,
percent formats and uncomputed formulas are not read from .xlsb (the README says so).
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from gender_plan_cli.reading.calamine import CalamineBook
from gender_plan_cli.reading.limits import Limits, check_cells, unreadable
from gender_plan_cli.reading.zipguard import Entries, open_zip, zip_guard

_WS_DIM, _BEGIN_SHEET_DATA = 0x0094, 0x0091
_HEAD = 64 * 1024  # the dimension record sits in the first few records of a sheet part


def open_xlsb(path: Path, limits: Limits, entries: Entries = None) -> CalamineBook:
    """The .xlsb after its zip guard and extent check, read by calamine. `entries`: the zip's
    directory as `detect` read it."""
    zip_guard(path, limits, entries=entries)
    xlsb_extent(path, limits)
    return CalamineBook(path, limits)


def xlsb_extent(path: Path, limits: Limits) -> dict[str, tuple[int, int]]:
    """(rows, cols) each worksheet part declares, refusing one over max_cells."""
    out: dict[str, tuple[int, int]] = {}
    with open_zip(path) as zf:
        for name in zf.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".bin")):
                continue
            try:
                with zf.open(name) as fh:
                    head = fh.read(_HEAD)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError):
                raise unreadable("corrupt-zip", member=name) from None
            rows, cols = _declared(head)
            out[name] = (rows, cols)
            check_cells(name, rows, cols, limits)
    return out


def _declared(data: bytes) -> tuple[int, int]:
    """The extent in a BrtWsDim record at the head of a sheet part; (0, 0) when absent."""
    pos = 0
    while pos < len(data):
        rtype, pos = _varint(data, pos, 2)
        size, pos = _varint(data, pos, 4)
        body = data[pos : pos + size]
        pos += size
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
