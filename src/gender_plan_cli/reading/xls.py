"""Legacy Excel workbooks (.xls): the OLE container, the BIFF records, and the extent guard.

Before python-calamine opens an .xls, every sheet's used range is measured
here, because calamine reserves DIMENSIONS rows × cols up front (4 G rows
aborts the process) and allocates the real used range (a cell at column 65535
asks for 171 GB). The container is read by a small [MS-CFB] parser of our own
whose every sector chain is bounded by the file and cycle-checked, and every
read capped (README.md, Dependencies: why not olefile).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gender_plan_cli.reading.calamine import CalamineBook
from gender_plan_cli.reading.limits import (
    Limits,
    ReadProblem,
    check_cells,
    checked_size,
    open_file,
    unreadable,
)

_END = 0xFFFFFFFE
_MAX_SID = 0xFFFFFFFA
_CALAMINE_MINI_CUTOFF = 4096
_CORRUPT = (ValueError, struct.error, IndexError, OverflowError, KeyError)


class _Cfb:
    """Just enough of [MS-CFB] to list streams and read one, every chain bounded and cycle-checked."""

    def __init__(self, fh: BinaryIO, size: int) -> None:
        self.fh = fh
        self.size = size
        header = self._at(0, 512)
        if len(header) < 512:
            raise ValueError("header cut short")
        shift, mini_shift = struct.unpack_from("<HH", header, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("bad sector size")
        self.sector = 1 << shift
        self.nsectors = max(0, (size - self.sector) // self.sector + 1)
        n_fat, dir_start = struct.unpack_from("<II", header, 44)
        (self.mini_cutoff, minifat_start, n_minifat) = struct.unpack_from("<III", header, 56)
        self.fat = self._load_fat(header, n_fat)
        self.entries = self._directory(dir_start)
        root = self.entries[0] if self.entries else None
        if root is None:
            raise ValueError("no root entry")
        self._ministream_start = root[2]
        self._minifat_start = minifat_start
        self._minifat: list[int] | None = None
        self._ministream = b""
        if n_minifat:  # calamine reads both at open, each up to its declared length
            self._walk(root[2], root[3])
            self._walk(minifat_start, n_minifat * self.sector)

    def _load_fat(self, header: bytes, n_fat: int) -> list[int]:
        """The FAT, from the header's 109 sector ids and the DIFAT chain, followed as calamine
        follows it: to a reserved id, whatever count the header gives. A chain that comes back
        to a sector is refused: calamine follows it for ever, its list growing to the cap."""
        (difat_start,) = struct.unpack_from("<I", header, 68)
        fat_sids = [s for s in struct.unpack_from("<109I", header, 76) if s <= _MAX_SID]
        seen: set[int] = set()
        sid = difat_start
        per = self.sector // 4 - 1
        while sid <= _MAX_SID:
            if sid in seen:
                raise ValueError("DIFAT chain loops")
            seen.add(sid)
            block = struct.unpack_from(f"<{per + 1}I", self._sector(sid))
            fat_sids.extend(s for s in block[:per] if s <= _MAX_SID)
            sid = block[per]
        fat_sids = fat_sids[: max(n_fat, 0)] or fat_sids
        fat_sids = fat_sids[: self.nsectors]
        fat: list[int] = []
        for s in fat_sids:
            fat.extend(struct.unpack_from(f"<{self.sector // 4}I", self._sector(s)))
        return fat

    def _at(self, offset: int, n: int) -> bytes:
        self.fh.seek(offset)
        return self.fh.read(n)

    def _sector(self, sid: int) -> bytes:
        data = self._at((sid + 1) * self.sector, self.sector)
        if len(data) < self.sector:
            raise ValueError("sector outside the file")
        return data

    def _chain(self, start: int, fat: list[int], limit: int) -> Iterator[int]:
        sid, steps = start, 0
        while sid != _END:
            if sid > _MAX_SID or sid >= len(fat) or steps > limit:
                raise ValueError("broken sector chain")
            yield sid
            steps += 1
            sid = fat[sid]

    def _walk(self, start: int, length: int) -> None:
        """Follow a chain as calamine copies it, up to `length` bytes or its end; refuse one
        that comes back to a sector before: calamine would copy the loop until `length`
        bytes (4 GB declared, 4 GB copied)."""
        sid, got, seen = start, 0, set()
        while sid != _END and got < length:
            if sid > _MAX_SID or sid >= len(self.fat):
                return  # calamine stops there: past the file, or no such FAT entry
            if sid in seen:
                raise ValueError("sector chain loops")
            seen.add(sid)
            got += self.sector
            sid = self.fat[sid]

    def _directory(self, start: int) -> list[tuple[str, int, int, int]]:
        entries = []
        v4 = self.sector == 4096
        for sid in self._chain(start, self.fat, self.nsectors):
            data = self._sector(sid)
            for off in range(0, self.sector, 128):
                raw = data[off : off + 128]
                name_len = min(struct.unpack_from("<H", raw, 64)[0], 64)
                kind = raw[66]
                start_sid, low, high = struct.unpack_from("<III", raw, 116)
                name = raw[: max(name_len - 2, 0)].decode("utf-16-le", "replace")
                entries.append((name, kind, start_sid, low | (high << 32) if v4 else low))
        return entries

    def names(self) -> set[str]:
        return {name for name, kind, _, _ in self.entries if kind in (1, 2)}

    def read(self, name: str, limit: int) -> bytes:
        """A stream's bytes, at most `limit` of them."""
        entry = next((e for e in self.entries if e[0] == name and e[1] == 2), None)
        if entry is None:
            raise KeyError(name)
        _, _, start, size = entry
        if size >= _CALAMINE_MINI_CUTOFF:  # calamine's own cutoff, whatever the header says
            self._walk(start, size)
        size = min(size, limit, self.size)
        if size < self.mini_cutoff:
            return self._read_mini(start, size)
        parts, got = [], 0
        for sid in self._chain(start, self.fat, self.nsectors):
            if got >= size:
                break
            parts.append(self._sector(sid))
            got += self.sector
        return b"".join(parts)[:size]

    def _read_mini(self, start: int, size: int) -> bytes:
        if self._minifat is None:
            self._minifat = []
            for sid in self._chain(self._minifat_start, self.fat, self.nsectors):
                self._minifat.extend(struct.unpack_from(f"<{self.sector // 4}I", self._sector(sid)))
            parts = [
                self._sector(s)
                for s in self._chain(self._ministream_start, self.fat, self.nsectors)
            ]
            self._ministream = b"".join(parts)
        out = bytearray()
        for sid in self._chain(start, self._minifat, len(self._minifat)):
            if len(out) >= size:
                break
            out += self._ministream[sid * 64 : sid * 64 + 64]
        return bytes(out[:size])


def _corrupt(exc: BaseException) -> ReadProblem:
    return unreadable("corrupt-xls", reason=str(exc))


def _open_cfb(fh: BinaryIO, size: int) -> _Cfb:
    try:
        return _Cfb(fh, size)
    except _CORRUPT as exc:
        raise _corrupt(exc) from None


def _book_stream(names: set[str]) -> str | None:
    """The stream that holds the workbook: 'Workbook' (BIFF8), 'Book' (BIFF5), or none."""
    return "Workbook" if "Workbook" in names else "Book" if "Book" in names else None


def _read_stream(cfb: _Cfb, name: str, limit: int) -> bytes:
    try:
        return cfb.read(name, limit)
    except _CORRUPT as exc:
        raise _corrupt(exc) from None


_ENCRYPTED_STREAMS = frozenset({"EncryptionInfo", "EncryptedPackage"})  # an encrypted OOXML


@dataclass(frozen=True)
class OleContents:
    """What an OLE compound file holds, as far as telling an .xls from the rest needs."""

    names: frozenset[str]
    encrypted: bool  # an encrypted OOXML package, or an .xls whose globals carry FILEPASS
    is_workbook: bool  # a Workbook (or Book) stream


def ole_contents(path: Path, size: int) -> OleContents:
    """The streams of an OLE file, and whether it is password-protected."""
    with open_file(path) as fh:
        cfb = _open_cfb(fh, size)
        names = frozenset(cfb.names())
        book = _book_stream(set(names))
        encrypted = bool(_ENCRYPTED_STREAMS & names)
        if book is not None and not encrypted:
            encrypted = _has_filepass(_read_stream(cfb, book, 256 * 1024))
    return OleContents(names, encrypted, book is not None)


def _has_filepass(globals_: bytes) -> bool:
    """FILEPASS ("password to open") among the workbook globals, before the sheet list."""
    for rtype, _, _ in biff_records(globals_):
        if rtype == _FILEPASS:
            return True
        if rtype in (_EOF, _BOUNDSHEET):  # end of the globals, or the sheet list: past it
            return False
    return False


def biff_records(data: bytes, start: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """(type, offset, body) of each BIFF record from `start`, stopping at a record cut short."""
    pos, n = start, len(data)
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + length]
        if len(body) < length:
            return
        yield rtype, pos, body
        pos += 4 + length


_FILEPASS, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x002F, 0x000A, 0x0085, 0x0200
_CELL_RECORDS = {0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0201, 0x0406}
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first col, …, last col


def xls_extent(
    path: Path, limits: Limits, percent: dict[str, set[tuple[int, int]]] | None = None
) -> dict[str, tuple[int, int]]:
    """Used range (rows, cols) of each sheet of an .xls, refusing one over max_cells.

    Each sheet is walked from the offset its BOUNDSHEET record gives, as
    calamine does (a linear walk could be fooled by a sheet hidden inside
    another record). Both the DIMENSIONS record and the cell records
    themselves (which a lying DIMENSIONS would hide) are measured; the larger
    wins. `percent`, when given, receives each sheet's percent-formatted number cells
    (1-based row, column), from the FORMAT and XF records of the globals.
    """
    path = Path(path)
    size = checked_size(path, limits)
    with open_file(path) as fh:
        cfb = _open_cfb(fh, size)
        book = _book_stream(cfb.names())
        if book is None:
            raise unreadable("corrupt-xls", reason="no Workbook stream")
        stream = _read_stream(cfb, book, limits.max_file_bytes)
    sheets: list[tuple[int, str]] = []
    formats: dict[int, str] = {}
    xf_formats: list[int] = []
    for rtype, _, body in biff_records(stream):
        if rtype == _FORMAT and len(body) >= 5:
            formats[struct.unpack_from("<H", body, 0)[0]] = _biff_text(body, 2)
        elif rtype == _XF and len(body) >= 4:
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif rtype == _BOUNDSHEET and len(body) >= 8:
            (offset,) = struct.unpack_from("<I", body, 0)
            sheets.append((offset, _boundsheet_name(body) or f"#{len(sheets) + 1}"))
        elif rtype == _EOF:
            break
    out: dict[str, tuple[int, int]] = {}
    percent_xf = {
        i
        for i, f in enumerate(xf_formats)
        if f in (9, 10) or "%" in formats.get(f, "").replace("\\%", "")
    }
    for offset, name in sheets:
        rows, cols = _biff_sheet_extent(stream, offset)
        out[name] = (rows, cols)
        check_cells(name, rows, cols, limits)
        if percent is not None and percent_xf:
            percent[name] = _percent_cells(stream, offset, percent_xf)
    return out


_FORMAT, _XF, _NUMBER, _RK, _FORMULA, _MULRK = 0x041E, 0x00E0, 0x0203, 0x027E, 0x0006, 0x00BD


def _biff_text(body: bytes, at: int) -> str:
    """A BIFF8 XLUnicodeString (count, flags, characters); BIFF5's byte string as a fallback."""
    if len(body) < at + 3:
        return ""
    (n,) = struct.unpack_from("<H", body, at)
    flags = body[at + 2]
    if flags & 1:
        return body[at + 3 : at + 3 + 2 * n].decode("utf-16-le", "replace")
    return body[at + 3 : at + 3 + n].decode("latin-1", "replace")


def _percent_cells(stream: bytes, offset: int, percent_xf: set[int]) -> set[tuple[int, int]]:
    """The number cells of one sheet whose XF shows a percent format."""
    cells: set[tuple[int, int]] = set()
    for rtype, _, body in biff_records(stream, offset):
        if rtype in (_NUMBER, _RK, _FORMULA) and len(body) >= 6:
            row, col, xf = struct.unpack_from("<HHH", body, 0)
            if xf in percent_xf:
                cells.add((row + 1, col + 1))
        elif rtype == _MULRK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body, 0)
            for i in range((len(body) - 6) // 6):
                (xf,) = struct.unpack_from("<H", body, 4 + 6 * i)
                if xf in percent_xf:
                    cells.add((row + 1, first + i + 1))
        elif rtype == _EOF:
            break
    return cells


def _biff_sheet_extent(stream: bytes, offset: int) -> tuple[int, int]:
    declared_rows = declared_cols = rows = cols = 0
    for rtype, _, body in biff_records(stream, offset):
        if rtype == _DIMENSIONS:
            if len(body) >= 14:
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body, 0)
            elif len(body) >= 8:
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body, 0)
            else:
                continue
            reserved_rows, reserved_cols = _reserved(first_row, last_row, first_col, last_col)
            declared_rows = max(declared_rows, last_row, reserved_rows)
            declared_cols = max(declared_cols, last_col, reserved_cols)
        elif rtype in _CELL_RECORDS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body, 0)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
        elif rtype in _MULTI_RECORDS and len(body) >= 6:
            (row,) = struct.unpack_from("<H", body, 0)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            rows, cols = max(rows, row + 1), max(cols, last + 1)
        elif rtype == _EOF:
            break
    return max(rows, declared_rows), max(cols, declared_cols)


def _reserved(first_row: int, last_row: int, first_col: int, last_col: int) -> tuple[int, int]:
    """The rows × columns calamine reserves for a DIMENSIONS record before reading a cell:
    (last − first) of each, in 32-bit arithmetic that wraps below zero, so a first row or column
    past the last asks for some 4 G of them (calamine's allocation then aborts the process).
    A last row or column of 0 reserves one cell."""
    if last_row < 1 or last_col < 1:
        return 1, 1
    return (last_row - first_row) % 2**32, (last_col - first_col) % 2**32


def _boundsheet_name(body: bytes) -> str:
    n = body[6]
    if len(body) >= 8 + n and body[7] in (0, 1) and len(body) == 8 + n * (2 if body[7] else 1):
        raw = body[8 : 8 + n * (2 if body[7] else 1)]
        return raw.decode("utf-16-le" if body[7] else "latin-1", "replace")
    return body[7 : 7 + n].decode("latin-1", "replace")  # BIFF5: no flags byte


def open_xls(path: Path, limits: Limits) -> CalamineBook:
    """The .xls after its extent guard, read by calamine; percent cells from its formats."""
    percent: dict[str, set[tuple[int, int]]] = {}
    xls_extent(path, limits, percent)
    return CalamineBook(path, limits, percent)
