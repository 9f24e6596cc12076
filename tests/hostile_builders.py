"""Builders of hostile files: one function per hazard, each writing the file into a folder.

Shared by the tests of reading/ (test_detect.py, test_zipguard.py, test_xlsx.py,
test_ods.py, test_xls.py, test_csv.py), tests/test_hostile.py, tests/test_fuzz.py and
benchmarks/hostile_folder.py. Everything is crafted from bytes (a minimal
OLE/CFB writer, a minimal BIFF8 writer, hand-written OOXML and ODS parts), so
no optional dependency is needed and each hazard is exactly what it says.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from builders import LABELS, simple_form, unit, write_csv

# -- OLE compound file (CFB v3) --------------------------------------------------------------------

_END, _FREE, _FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SECTOR = 512
_MINI = 64
_CUTOFF = 4096


def cfb_bytes(streams: dict[str, bytes]) -> bytes:
    """A valid compound file holding `streams` (small ones in the mini stream, as Office does)."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    big = [n for n in names if len(streams[n]) >= _CUTOFF]
    small = [n for n in names if len(streams[n]) < _CUTOFF]

    def nsec(n: int, size: int = _SECTOR) -> int:
        return (n + size - 1) // size

    mini_start: dict[str, int] = {}
    ministream = bytearray()
    minifat: list[int] = []
    for n in small:
        data = streams[n]
        count = nsec(len(data), _MINI) or 1
        first = len(minifat)
        mini_start[n] = first if data else _END
        if data:
            minifat.extend(range(first + 1, first + count))
            minifat.append(_END)
            ministream += data + b"\0" * (count * _MINI - len(data))
    n_dir = nsec((len(names) + 1) * 128)
    n_minifat = nsec(len(minifat) * 4)
    n_ministream = nsec(len(ministream))
    n_big = sum(nsec(len(streams[n])) for n in big)
    n_fat = 1
    while n_fat * (_SECTOR // 4) < n_fat + n_dir + n_minifat + n_ministream + n_big:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("builder supports files up to ~7 MB")
    fat: list[int] = [_FATSECT] * n_fat
    cursor = n_fat

    def chain(count: int) -> int:
        nonlocal cursor
        if count == 0:
            return _END
        start = cursor
        fat.extend(range(cursor + 1, cursor + count))
        fat.append(_END)
        cursor += count
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat)
    ministream_start = chain(n_ministream)
    big_start = {n: chain(nsec(len(streams[n]))) for n in big}
    fat += [_FREE] * (n_fat * (_SECTOR // 4) - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", _NOSTREAM, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<III", start, size, 0)
        )

    directory = entry(
        "Root Entry",
        5,
        1 if names else _NOSTREAM,
        _NOSTREAM,
        ministream_start if ministream else _END,
        len(ministream),
    )
    for i, n in enumerate(names):
        right = i + 2 if i + 1 < len(names) else _NOSTREAM
        start = big_start[n] if n in big_start else mini_start[n]
        directory += entry(n, 2, _NOSTREAM, right, start, len(streams[n]))
    directory = directory.ljust(n_dir * _SECTOR, b"\0")
    difat = list(range(n_fat)) + [_FREE] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack(
            "<IIIIIIIII", 0, n_fat, dir_start, 0, _CUTOFF, minifat_start, n_minifat, _END, 0
        )
        + struct.pack("<109I", *difat)
    )
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    mf = list(minifat) + [_FREE] * (n_minifat * (_SECTOR // 4) - len(minifat))
    body += struct.pack(f"<{len(mf)}I", *mf) if mf else b""
    body += bytes(ministream).ljust(n_ministream * _SECTOR, b"\0")
    for n in big:
        body += streams[n].ljust(nsec(len(streams[n])) * _SECTOR, b"\0")
    return header + body


# -- BIFF8 (.xls) --------------------------------------------------------------------------------


def _rec(rtype: int, body: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(body)) + body


def _xl_string(text: str, length_bytes: int = 2) -> bytes:
    raw = text.encode("utf-16-le")
    fmt = "<H" if length_bytes == 2 else "<B"
    return struct.pack(fmt, len(text)) + b"\x01" + raw


@dataclass
class XlsSheet:
    name: str
    rows: Sequence[Sequence[Any]] = ()
    extra: Sequence[tuple[int, int, Any]] = ()  # (row0, col0, value) beyond the table
    dimensions: tuple[int, int] | None = None  # declared (rows, cols); default: the real ones
    dimensions_from: tuple[int, int] = (0, 0)  # the declared first (row, col), 0-based


def xls_workbook_stream(sheets: Sequence[XlsSheet], *, filepass: bool = False) -> bytes:
    """A BIFF8 Workbook stream: globals (BOF, CODEPAGE, [FILEPASS], BOUNDSHEETs, SST, EOF), sheets."""
    strings: list[str] = []
    index: dict[str, int] = {}
    cells_of: list[list[tuple[int, int, Any]]] = []
    for sh in sheets:
        cells = [
            (r, c, v) for r, row in enumerate(sh.rows) for c, v in enumerate(row) if v is not None
        ] + list(sh.extra)
        for _, _, v in cells:
            if isinstance(v, str) and v not in index:
                index[v] = len(strings)
                strings.append(v)
        cells_of.append(cells)
    bof_globals = _rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    head = bof_globals + _rec(0x0042, struct.pack("<H", 1200))
    if filepass:
        head += _rec(0x002F, struct.pack("<H", 1) + b"\x01\x00\x01\x00" + b"\x11" * 48)
    sst_body = struct.pack("<II", len(strings), len(strings)) + b"".join(
        _xl_string(s) for s in strings
    )
    if len(sst_body) > 8224:
        raise ValueError("builder writes small SSTs only")
    tail = _rec(0x00FC, sst_body) + _rec(0x000A, b"")
    bound_len = sum(4 + 8 + 2 * len(sh.name) for sh in sheets)
    offset = len(head) + bound_len + len(tail)
    bounds = b""
    bodies = b""
    for sh, cells in zip(sheets, cells_of, strict=True):
        rows = max((r + 1 for r, _, _ in cells), default=0)
        cols = max((c + 1 for _, c, _ in cells), default=0)
        d_rows, d_cols = sh.dimensions or (rows, min(cols, 0xFFFF))
        body = _rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
        first_row, first_col = sh.dimensions_from
        body += _rec(0x0200, struct.pack("<IIHHH", first_row, d_rows, first_col, d_cols, 0))
        for r, c, v in sorted(cells, key=lambda t: (t[0], t[1])):
            if isinstance(v, str):
                body += _rec(0x00FD, struct.pack("<HHHI", r, c, 15, index[v]))
            elif isinstance(v, bool):
                body += _rec(0x0205, struct.pack("<HHHBB", r, c, 15, int(v), 0))
            else:
                body += _rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
        body += _rec(0x000A, b"")
        name = sh.name.encode("utf-16-le")
        bounds += _rec(
            0x0085, struct.pack("<IBBBB", offset + len(bodies), 0, 0, len(sh.name), 1) + name
        )
        bodies += body
    stream = head + bounds + tail + bodies
    return stream.ljust(_CUTOFF, b"\0") if len(stream) < _CUTOFF else stream


def write_xls(path: Path, sheets: Sequence[XlsSheet], *, filepass: bool = False) -> Path:
    path.write_bytes(cfb_bytes({"Workbook": xls_workbook_stream(sheets, filepass=filepass)}))
    return path


def form_rows(n_units: int = 2, prefix: str = "U") -> list[list[Any]]:
    """The template header and `n_units` valid units with distinct codes (`prefix` + number)."""
    return [list(LABELS)] + [
        unit(unit_code=f"{prefix}{i:03d}", unit_name=f"Đơn vị {prefix}{i}")
        for i in range(1, n_units + 1)
    ]


# -- OOXML (.xlsx) from parts --------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
EMPTY_SST = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" '
    'uniqueCount="0"></sst>'
)


def col_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_xml(ref: str | None, value: Any, quote: str = '"') -> str:
    r = f" r={quote}{ref}{quote}" if ref else ""
    if isinstance(value, str):
        return f'<c{r} t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f"<c{r}><v>{value}</v></c>"


def sheet_xml(
    rows: Sequence[Sequence[Any]],
    *,
    extra: str = "",
    dimension: str | None = None,
    quote: str = '"',
) -> str:
    """A worksheet part; `extra` is raw XML appended inside <sheetData> (the attack)."""
    body = []
    for i, row in enumerate(rows, start=1):
        cells = "".join(
            cell_xml(f"{col_letter(j)}{i}", v, quote)
            for j, v in enumerate(row, start=1)
            if v is not None
        )
        body.append(f"<row r={quote}{i}{quote}>{cells}</row>")
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return SHEET_OPEN + dim + "<sheetData>" + "".join(body) + extra + "</sheetData></worksheet>"


def write_xlsx_parts(
    path: Path,
    sheet: str,
    *,
    shared_strings: str = EMPTY_SST,
    workbook: str = WORKBOOK,
    extra_members: dict[str, bytes] | None = None,
) -> Path:
    """A minimal .xlsx from its XML parts, deflated as Excel does."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", shared_strings)
        for name, data in (extra_members or {}).items():
            zf.writestr(name, data)
    return path


LAUGHS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)


# -- OpenDocument (.ods) -------------------------------------------------------------------------

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_cell(value: Any, repeat: int = 1) -> str:
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{rep}/>"
    if isinstance(value, str):
        return (
            f'<table:table-cell{rep} office:value-type="string">'
            f"<text:p>{escape(value)}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{rep} office:value-type="float" office:value="{value}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def ods_content(
    rows: Sequence[Sequence[Any]], *, extra_rows: str = "", name: str = "Biểu 01"
) -> str:
    body = "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(name)}">'
        f"{body}{extra_rows}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )


def write_ods(path: Path, content: str, *, mimetype: bool = True) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        if mimetype:
            zf.writestr(
                zipfile.ZipInfo("mimetype"),
                "application/vnd.oasis.opendocument.spreadsheet",
                compress_type=zipfile.ZIP_STORED,
            )
        zf.writestr("META-INF/manifest.xml", MANIFEST)
        zf.writestr("content.xml", content)
    return path


# -- zip surgery ------------------------------------------------------------------------------------


def patch_declared_size(path: Path, member: str, new_size: int, *, crc_of_prefix: bool) -> Path:
    """Make `member` declare `new_size` bytes (local header and central directory alike).

    With `crc_of_prefix`, the CRC is that of the first `new_size` bytes, so a
    reader that stops at the declared size (Python's zipfile) sees a perfect file.
    """
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        data = zf.read(member)
    raw = bytearray(path.read_bytes())
    crc = zlib.crc32(data[:new_size]) if crc_of_prefix else info.CRC
    local = info.header_offset
    struct.pack_into("<III", raw, local + 14, crc, info.compress_size, new_size)
    pos = 0
    name = member.encode()
    while True:
        cd = raw.find(b"PK\x01\x02", pos)
        if cd < 0:
            raise ValueError(member)
        n = struct.unpack_from("<H", raw, cd + 28)[0]
        if raw[cd + 46 : cd + 46 + n] == name:
            break
        pos = cd + 4
    struct.pack_into("<III", raw, cd + 16, crc, info.compress_size, new_size)
    path.write_bytes(bytes(raw))
    return path


# -- the hazards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hazard:
    name: str  # the file name written
    build: Callable[[Path], Path]  # folder → the path written
    code: str | None  # expected file-level finding code, None when the file must be read fine
    message_id: str | None
    needs_reader: bool = False  # True when the expectation depends on the lead's readers


def _empty(folder: Path) -> Path:
    p = folder / "empty.xlsx"
    p.write_bytes(b"")
    return p


def _directory(folder: Path) -> Path:
    p = folder / "folder.xlsx"
    p.mkdir()
    (p / "inside.txt").write_text("not a workbook")
    return p


def _pdf(folder: Path) -> Path:
    p = folder / "report_pdf_renamed.xlsx"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    return p


def _png(folder: Path) -> Path:
    p = folder / "scan_png_renamed.xls"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(64))
    return p


def _jpeg(folder: Path) -> Path:
    p = folder / "photo_renamed.ods"
    p.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + os.urandom(64))
    return p


def _truncated(folder: Path) -> Path:
    src = simple_form(folder / ".tmp_truncated_src.xlsx", form_rows(3)[1:])
    data = src.read_bytes()
    src.unlink()
    p = folder / "truncated.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def _encrypted(folder: Path) -> Path:
    p = folder / "password_protected.xlsx"
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version='1.0'?><encryption/>"
    p.write_bytes(
        cfb_bytes(
            {"EncryptionInfo": info, "EncryptedPackage": os.urandom(8192), "\x06DataSpaces": b""}
        )
    )
    return p


def _encrypted_xls(folder: Path) -> Path:
    return write_xls(
        folder / "password_legacy.xls", [XlsSheet("Biểu 01", form_rows(2))], filepass=True
    )


def _zip_bomb(folder: Path) -> Path:
    bomb = b" " * (60 * 1024 * 1024)
    return write_xlsx_parts(
        folder / "zip_bomb.xlsx",
        sheet_xml(form_rows(1)),
        shared_strings=EMPTY_SST[:-6] + bomb.decode() + "</sst>",
    )


def _lying_small(folder: Path) -> Path:
    """Declares 200 bytes for a sheet that really holds a stray cell far past them."""
    sheet = sheet_xml(form_rows(1), extra='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    p = write_xlsx_parts(folder / "lying_sizes.xlsx", sheet)
    return patch_declared_size(p, "xl/worksheets/sheet1.xml", 200, crc_of_prefix=True)


def _lying_bomb(folder: Path) -> Path:
    """A 100 MB member that declares 1 KB: only an inflater that ignores the header sees it."""
    filler = "<!-- " + "x" * (100 * 1024 * 1024) + " -->"
    p = write_xlsx_parts(
        folder / "lying_bomb.xlsx",
        sheet_xml(form_rows(1)),
        shared_strings=EMPTY_SST[:-6] + filler + "</sst>",
    )
    return patch_declared_size(p, "xl/sharedStrings.xml", 1024, crc_of_prefix=True)


def _laughs_sst(folder: Path) -> Path:
    sst = LAUGHS + (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    sheet = sheet_xml(form_rows(1), extra='<row r="10"><c r="A10" t="s"><v>0</v></c></row>')
    return write_xlsx_parts(folder / "billion_laughs_sharedstrings.xlsx", sheet, shared_strings=sst)


def _laughs_workbook(folder: Path) -> Path:
    book = LAUGHS + WORKBOOK.split("\n", 1)[1].replace('name="Biểu 01"', 'name="&lol9;"')
    return write_xlsx_parts(
        folder / "billion_laughs_workbook.xlsx", sheet_xml(form_rows(1)), workbook=book
    )


def _padded_doctype(folder: Path) -> Path:
    """A DOCTYPE pushed past the first kilobytes by a long comment: still refused."""
    sheet = sheet_xml(form_rows(1))
    decl, rest = sheet.split("\n", 1)
    sheet = (
        decl + "\n<!-- " + "pad " * 5000 + '-->\n<!DOCTYPE worksheet [<!ENTITY x "x">]>\n' + rest
    )
    return write_xlsx_parts(folder / "padded_doctype.xlsx", sheet)


def _stray_xfd(folder: Path) -> Path:
    p = folder / "stray_XFD1048576.xlsx"
    simple_form(p, form_rows(2)[1:])
    import openpyxl

    wb = openpyxl.load_workbook(p)
    wb.active["XFD1048576"] = "x"
    wb.save(p)
    return p


def _stray_variant(name: str, extra: str, quote: str = '"') -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        return write_xlsx_parts(folder / name, sheet_xml(form_rows(1), extra=extra, quote=quote))

    build.__name__ = f"_stray_{name}"
    return build


def _dimension_only(folder: Path) -> Path:
    """Declares A1:T1048576 but holds a header and two units: a legitimate file."""
    return write_xlsx_parts(
        folder / "dimension_A1_T1048576.xlsx",
        sheet_xml(form_rows(2, "DIM"), dimension="A1:T1048576"),
    )


def _long_line(folder: Path) -> Path:
    p = folder / "single_line_20MB.csv"
    with open(p, "wb") as fh:
        fh.write(",".join(LABELS).encode())
        for _ in range(20):
            fh.write(b";" * (1024 * 1024))
    return p


def _nul_csv(folder: Path) -> Path:
    p = write_csv(folder / "nul_bytes.csv", form_rows(2))
    data = p.read_bytes()
    p.write_bytes(data[:40] + b"\x00\x00\x00" + data[40:])
    return p


def _shift_jis(folder: Path) -> Path:
    p = folder / "shift_jis.csv"
    text = "部署コード,部署名,職員数,女性職員数\r\n" + "".join(
        f"J{i:03d},総務部第{i}課の職員と管理職,{i * 10},{i * 4}\r\n" for i in range(1, 40)
    )
    p.write_bytes(text.encode("shift_jis"))
    return p


def _utf32(folder: Path) -> Path:
    p = folder / "utf32.csv"
    rows = form_rows(2)
    text = "\r\n".join(",".join("" if v is None else str(v) for v in r) for r in rows)
    p.write_bytes(text.encode("utf-32"))
    return p


def _xlsx_named_csv(folder: Path) -> Path:
    return simple_form(folder / "workbook_named.csv", form_rows(2, "WBC")[1:])


def _xls_named_xlsx(folder: Path) -> Path:
    return write_xls(folder / "legacy_named.xlsx", [XlsSheet("Biểu 01", form_rows(2, "LEG"))])


def _symlink_loop(folder: Path) -> Path:
    p = folder / "loop.xlsx"
    os.symlink(p.name, p)
    return p


def _fifo(folder: Path) -> Path:
    p = folder / "named_pipe.csv"
    os.mkfifo(p)
    return p


def _html(folder: Path) -> Path:
    p = folder / "web_export.xls"
    p.write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>Mã đơn vị</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    return p


def _docx(folder: Path) -> Path:
    p = folder / "letter_docx_renamed.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    return p


def _many_members(folder: Path) -> Path:
    p = folder / "ten_thousand_members.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("xl/workbook.xml", WORKBOOK)
        for i in range(10_001):
            zf.writestr(f"x/{i}", b"")
    return p


def _text_as_xlsx(folder: Path) -> Path:
    p = folder / "csv_named.xlsx"
    write_csv(p, form_rows(2))
    return p


def _ods_repeated_value(folder: Path) -> Path:
    """One non-empty cell repeated over every column of a million rows."""
    extra = (
        '<table:table-row table:number-rows-repeated="1048570">'
        + ods_cell("x", repeat=16384)
        + "</table:table-row>"
    )
    return write_ods(folder / "ods_repeated_value.ods", ods_content(form_rows(1), extra_rows=extra))


def _ods_trailing_empty(folder: Path) -> Path:
    """LibreOffice's normal tail: empty rows and cells repeated to the sheet's edge."""
    extra = (
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    rows = [list(r) + [None] for r in form_rows(2, "ODS")]
    return write_ods(folder / "ods_trailing_empty.ods", ods_content(rows, extra_rows=extra))


def _xls_stray(folder: Path) -> Path:
    return write_xls(
        folder / "xls_stray_IV65536.xls",
        [XlsSheet("Biểu 01", form_rows(2), extra=[(65535, 255, 1.0)])],
    )


def _xls_wide(folder: Path) -> Path:
    """Cell records at column 65535 (BIFF8 allows 256): what a forged file can say."""
    return write_xls(
        folder / "xls_col_65535.xls",
        [XlsSheet("Biểu 01", form_rows(2), extra=[(65535, 65535, 1.0)])],
    )


def _xls_dimension_lie(folder: Path) -> Path:
    return write_xls(
        folder / "xls_dimensions_4G.xls",
        [XlsSheet("Biểu 01", form_rows(2), dimensions=(0xFFFFFFF0, 0xFFFF))],
    )


# -- Issue 27: small files that cost a reader a gigabyte before the verdict ----------------------
# Each is under 1 MB and was refused only once calamine had grown to 1-3.8 GB; each is now
# refused by its format's guard before calamine opens it (tests/test_hostile_memory.py).


def _ods_repeated(folder: Path, name: str, cell_attributes: str, content: str = "") -> Path:
    """One cell with `cell_attributes` repeated over 16,384 columns of 6,000 rows (98 M cells,
    under calamine's own 100 M limit), after a one-unit form."""
    extra = (
        '<table:table-row table:number-rows-repeated="6000">'
        f'<table:table-cell table:number-columns-repeated="16384" {cell_attributes}/>'
        "</table:table-row>"
    )
    return write_ods(folder / name, content or ods_content(form_rows(1), extra_rows=extra))


def ods_value_without_type(folder: Path) -> Path:
    """`office:value` without `office:value-type`: a number to calamine, an empty cell to a
    guard that looks for the type."""
    return _ods_repeated(folder, "ods_value_without_type.ods", 'office:value="1"')


def ods_formula_only(folder: Path) -> Path:
    """Cells with a formula and no value: calamine keeps a range of formulas, 98 M strings."""
    return _ods_repeated(folder, "ods_formula_only.ods", 'table:formula="of:=1"')


def ods_table_prefix_rebound(folder: Path) -> Path:
    """`table:` bound to another namespace: no table to a namespace-aware parser, 98 M numbers
    to calamine, which matches `table:table-row` by its name."""
    cell = 'office:value-type="float" office:value="1"'
    extra = (
        '<table:table-row table:number-rows-repeated="6000">'
        f'<table:table-cell table:number-columns-repeated="16384" {cell}/></table:table-row>'
    )
    content = ods_content(form_rows(1), extra_rows=extra).replace(
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
        'xmlns:table="urn:example:not-the-table-namespace"',
    )
    return _ods_repeated(folder, "ods_table_prefix_rebound.ods", "", content)


def ods_empty_runs_kept(folder: Path) -> Path:
    """9,000 row tags, each two runs of empty cells (16,383 and 1): no used range at all, but
    calamine keeps every run but a row's last while it reads, 147 M empty cells."""
    row = (
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        "<table:table-cell/></table:table-row>"
    )
    return write_ods(
        folder / "ods_empty_runs_kept.ods", ods_content(form_rows(1), extra_rows=row * 9000)
    )


def xls_difat_loop(folder: Path) -> Path:
    return difat_chain_pointing_at_itself(folder / "xls_difat_loop.xls")


def xlsx_implicit_positions_wide(folder: Path) -> Path:
    """4 rows of 1,250,000 text cells without `r`: calamine places each after the one before,
    out to column 1,250,000 (5 M cells, at the cell limit); read, it cost a gigabyte. The
    cells are two shared strings in a random order, so the sheet passes the ratio guard."""
    import random

    pick = random.Random(27).choices
    sst = EMPTY_SST.replace('count="0" uniqueCount="0">', 'count="2" uniqueCount="2">')
    sst = sst.replace("</sst>", "<si><t>a</t></si><si><t>b</t></si></sst>")
    cells = ('<c t="s"><v>0</v></c>', '<c t="s"><v>1</v></c>')
    rows = "".join(
        "<row>" + "".join(cells[b] for b in pick((0, 1), weights=(12, 1), k=1_250_000)) + "</row>"
        for _ in range(4)
    )
    path = folder / "xlsx_implicit_positions_wide.xlsx"
    return write_xlsx_parts(path, sheet_xml([], extra=rows), shared_strings=sst)


MEMORY_HAZARDS: tuple[Hazard, ...] = (
    Hazard(
        "ods_value_without_type.ods",
        ods_value_without_type,
        "file-too-large",
        "file-too-large.cells",
    ),
    Hazard("ods_formula_only.ods", ods_formula_only, "file-too-large", "file-too-large.cells"),
    Hazard(
        "ods_table_prefix_rebound.ods",
        ods_table_prefix_rebound,
        "file-too-large",
        "file-too-large.cells",
    ),
    Hazard(
        "ods_empty_runs_kept.ods", ods_empty_runs_kept, "file-too-large", "file-too-large.cells"
    ),
    Hazard("xls_difat_loop.xls", xls_difat_loop, "unreadable-file", "unreadable-file.corrupt-xls"),
    Hazard(
        "xlsx_implicit_positions_wide.xlsx",
        xlsx_implicit_positions_wide,
        "file-too-large",
        "file-too-large.columns",
        needs_reader=True,
    ),
)


HAZARDS: tuple[Hazard, ...] = (
    Hazard("empty.xlsx", _empty, "unreadable-file", "unreadable-file.empty"),
    Hazard("folder.xlsx", _directory, "unreadable-file", "unreadable-file.directory"),
    Hazard("report_pdf_renamed.xlsx", _pdf, "unreadable-file", "unreadable-file.not-spreadsheet"),
    Hazard("scan_png_renamed.xls", _png, "unreadable-file", "unreadable-file.not-spreadsheet"),
    Hazard("photo_renamed.ods", _jpeg, "unreadable-file", "unreadable-file.not-spreadsheet"),
    Hazard("truncated.xlsx", _truncated, "unreadable-file", "unreadable-file.truncated-zip"),
    Hazard("password_protected.xlsx", _encrypted, "unreadable-file", "unreadable-file.encrypted"),
    Hazard("password_legacy.xls", _encrypted_xls, "unreadable-file", "unreadable-file.encrypted"),
    Hazard("zip_bomb.xlsx", _zip_bomb, "file-too-large", "file-too-large.ratio"),
    Hazard("lying_sizes.xlsx", _lying_small, "unreadable-file", "unreadable-file.corrupt-zip"),
    Hazard("lying_bomb.xlsx", _lying_bomb, "file-too-large", "file-too-large.ratio"),
    Hazard(
        "billion_laughs_sharedstrings.xlsx",
        _laughs_sst,
        "unreadable-file",
        "unreadable-file.xml-entities",
    ),
    Hazard(
        "billion_laughs_workbook.xlsx",
        _laughs_workbook,
        "unreadable-file",
        "unreadable-file.xml-entities",
    ),
    Hazard(
        "padded_doctype.xlsx", _padded_doctype, "unreadable-file", "unreadable-file.xml-entities"
    ),
    Hazard("ten_thousand_members.xlsx", _many_members, "file-too-large", "file-too-large.members"),
    Hazard("single_line_20MB.csv", _long_line, "file-too-large", "file-too-large.line"),
    Hazard("nul_bytes.csv", _nul_csv, "unreadable-file", "unreadable-file.csv-nul"),
    Hazard("shift_jis.csv", _shift_jis, "unreadable-file", "unreadable-file.csv-encoding"),
    Hazard("utf32.csv", _utf32, "unreadable-file", "unreadable-file.csv-utf32"),
    Hazard("loop.xlsx", _symlink_loop, "unreadable-file", "unreadable-file.symlink-loop"),
    Hazard("named_pipe.csv", _fifo, "unreadable-file", "unreadable-file.not-regular"),
    Hazard("web_export.xls", _html, "unreadable-file", "unreadable-file.save-as-xlsx"),
    Hazard("letter_docx_renamed.xlsx", _docx, "unreadable-file", "unreadable-file.not-spreadsheet"),
    Hazard("csv_named.xlsx", _text_as_xlsx, "unreadable-file", "unreadable-file.text-not-csv"),
    Hazard("ods_repeated_value.ods", _ods_repeated_value, "file-too-large", "file-too-large.cells"),
    Hazard("xls_col_65535.xls", _xls_wide, "file-too-large", "file-too-large.cells"),
    Hazard("xls_dimensions_4G.xls", _xls_dimension_lie, "file-too-large", "file-too-large.cells"),
    # Refused by the lead's sheet scan (reading/xlsx_scan.py), not by detect or the zip guard:
    Hazard(
        "stray_XFD1048576.xlsx",
        _stray_xfd,
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_single_quotes.xlsx",
        _stray_variant(
            "stray_single_quotes.xlsx", "<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>"
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_spaces_around_equals.xlsx",
        _stray_variant(
            "stray_spaces_around_equals.xlsx",
            '<row r = "1048576"><c r = "XFD1048576"><v>1</v></c></row>',
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_implicit_positions.xlsx",
        _stray_variant(
            "stray_implicit_positions.xlsx",
            "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="500000"><c><v>1</v></c></row>',
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_lowercase_ref.xlsx",
        _stray_variant(
            "stray_lowercase_ref.xlsx", '<row r="900000"><c r="xfd900000"><v>1</v></c></row>'
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_implicit_after_ref.xlsx",
        _stray_variant(
            "stray_implicit_after_ref.xlsx",
            '<row r="1048576"><c r="XFC1048576"><v>1</v></c><c><v>2</v></c></row>',
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    Hazard(
        "stray_quoted_gt.xlsx",
        _stray_variant(
            "stray_quoted_gt.xlsx",
            '<row r="900000"><c x=">" r="XFD900000"><v>1</v></c></row>',
        ),
        "file-too-large",
        "file-too-large.cells",
        needs_reader=True,
    ),
    # Files that must be read normally, by what they are:
    Hazard("dimension_A1_T1048576.xlsx", _dimension_only, None, None, needs_reader=True),
    Hazard("workbook_named.csv", _xlsx_named_csv, None, None, needs_reader=True),
    Hazard("legacy_named.xlsx", _xls_named_xlsx, None, None, needs_reader=True),
    Hazard("ods_trailing_empty.ods", _ods_trailing_empty, None, None, needs_reader=True),
    *MEMORY_HAZARDS,
)


def build_all(folder: Path) -> dict[str, Path]:
    """Every hazard into `folder` (created); name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {h.name: h.build(folder) for h in HAZARDS}


def valid_files(folder: Path, n: int) -> list[Path]:
    """`n` small valid submissions in rotating formats, with unit codes unique across them."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        rows = [list(LABELS)] + [
            unit(unit_code=f"V{i:03d}{k}", unit_name=f"Đơn vị {i}-{k}") for k in range(3)
        ]
        kind = i % 4
        if kind == 0:
            out.append(simple_form(folder / f"valid_{i:03d}.xlsx", rows[1:]))
        elif kind == 1:
            out.append(write_csv(folder / f"valid_{i:03d}.csv", rows))
        elif kind == 2:
            out.append(write_xls(folder / f"valid_{i:03d}.xls", [XlsSheet("Biểu 01", rows)]))
        else:
            out.append(write_ods(folder / f"valid_{i:03d}.ods", ods_content(rows)))
    return out


def zip_bytes(members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


# -- Files that abort python-calamine itself: only ever read in a worker (tests/test_isolation.py).
# Not in HAZARDS, which tests/test_hostile.py reads in-process.

HUGE_SST = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="99999999999999"><si><t>a</t></si></sst>'
)


def shared_strings_claiming_1e14(path: Path) -> Path:
    """A valid one-unit workbook whose shared-string table declares 10¹⁴ entries."""
    return write_xlsx_parts(path, sheet_xml(form_rows(1)), shared_strings=HUGE_SST)


def difat_chain_pointing_at_itself(path: Path) -> Path:
    """A one-unit .xls whose one DIFAT sector names itself as the next: calamine loops, growing
    to the cap (3.8 GB under 4 GB); the OLE guard refuses it (reading/xls.py)."""
    data = bytearray(cfb_bytes({"Workbook": xls_workbook_stream([XlsSheet("S", form_rows(1))])}))
    looping = (len(data) - 512) // 512  # the sector appended below
    struct.pack_into("<II", data, 68, looping, 1)  # first DIFAT sector, DIFAT sector count
    data += struct.pack("<128I", *([0xFFFFFFFF] * 127), looping)
    path.write_bytes(bytes(data))
    return path
