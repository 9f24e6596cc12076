"""What a submitted file really is, and whether it is safe to hand to a reader.

Everything here runs before any reader and reads a bounded number of bytes:
the head of the file, the zip central directory, each zip member streamed
through its own inflater with a byte budget (declared sizes can lie), the
prolog of each XML member, and the cell records of .ods/.xls sheets. A file
that fails raises `ReadProblem(code, message_id, **args)`, which the loader
turns into one file-level finding. Pure functions: nothing is printed.

Order for the loader (see `load.open_book`):

    kind = sniff(path, limits)                       # every file
    xlsx: zip_guard(path, limits); then per sheet, before calamine:
          xlsx_sheet_extent(zf, member, limits, sheet_name)   (read_member for small parts)
    ods:  zip_guard(path, limits); ods_extent(path, limits)
    xls:  xls_extent(path, limits)
    csv:  check_csv_bytes(path, limits)

What python-calamine 0.9.1 does with such files, measured in a subprocess
under an address-space cap (tests/test_hostile.py runs the same files):

- .xlsx: allocates rows × cols of the used range; XFD1048576 asks for 512 GB
  and aborts the process. The position comes from `r` with either quote,
  spaces around "=", lower-case letters, or from the previous cell when `r`
  is absent; a declared <dimension> alone allocates nothing.
- .xls: reserves DIMENSIONS rows × cols up front (4 G rows → abort), and
  allocates the real used range (a cell at column 65535 → 171 GB, abort).
  A stray value at IV65536 (16.7 M cells) is read: ~1.2 GB peak.
- .ods: trailing empty repeats are dropped (cheap); repeated non-empty cells
  are expanded, refused by calamine itself only above 100 M cells; 90 M
  cells exhausted 6 GB and aborted, 20 M cells cost ~1.5 GB.
- Entities: calamine refuses undeclared entities (no expansion), and a zip
  member longer than its declared size; both are refused here first anyway.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from gender_plan_cli.reading.limits import Limits, MiB, ReadProblem

HEAD_BYTES = 8192
CHUNK = MiB
MAX_MEMBERS = 10_000  # a workbook of 200 sheets has a few hundred; parsing 2M entries costs GB
RATIO_FLOOR = MiB  # members below this are never refused for their ratio
XML_PROLOG_BYTES = 64 * 1024  # a real prolog is an XML declaration; anything longer is refused
ODS_MIMETYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")

_UNREADABLE = "unreadable-file"
_TOO_LARGE = "file-too-large"


def _unreadable(message_id: str, **args: object) -> ReadProblem:
    return ReadProblem(_UNREADABLE, f"{_UNREADABLE}.{message_id}", **args)


def _too_large(message_id: str, **args: object) -> ReadProblem:
    return ReadProblem(_TOO_LARGE, f"{_TOO_LARGE}.{message_id}", **args)


def _mb(n: int) -> float:
    return round(n / MiB, 1)


# -- the file itself -----------------------------------------------------------------------------


def _stat(path: Path) -> os.stat_result:
    """The file's status, with every way of not being a readable file named."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise _unreadable("missing", name=path.name) from None
    except PermissionError:
        raise _unreadable("permission", name=path.name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _unreadable("symlink-loop", name=path.name) from None
        raise _unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise _unreadable("directory", name=path.name)
    if not stat.S_ISREG(st.st_mode):  # a FIFO or /dev/zero would block or never end
        raise _unreadable("not-regular", name=path.name)
    return st


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")  # noqa: SIM115 - returned to the caller's `with`
    except PermissionError:
        raise _unreadable("permission", name=path.name) from None
    except OSError as exc:
        raise _unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None


def _checked_size(path: Path, limits: Limits) -> int:
    size = _stat(path).st_size
    if size == 0:
        raise _unreadable("empty", name=path.name)
    if size > limits.max_file_bytes:
        raise _too_large("size", size=_mb(size), limit=limits.max_file_mb, flag="--max-file-mb")
    return size


# -- what the bytes are ---------------------------------------------------------------------------

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "RTF"),
    (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\x7fELF", "ELF"),
)
_BINARY_ONLY = {"BMP", "ELF"}  # short magics: only trusted when the head is not text


def sniff(path: Path, limits: Limits) -> str:
    """'xlsx' | 'xls' | 'ods' | 'csv', decided by the bytes; anything else raises ReadProblem.

    The extension only matters for plain text, which is read as CSV when the
    name says .csv (or .txt/.tsv); a workbook misnamed .xls/.csv is read by
    what it is.
    """
    path = Path(path)
    size = _checked_size(path, limits)
    ext = path.suffix.lower()
    with _open(path) as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        if size <= HEAD_BYTES:
            raise _unreadable("empty", name=path.name)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path, size, ext)
    if head.startswith(CFB_MAGIC):
        return _cfb_kind(path, size, ext)
    texty = _looks_like_text(head)
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic) and (what not in _BINARY_ONLY or not texty):
            raise _unreadable("not-spreadsheet", what=what, ext=ext or "?")
    markup = _markup_kind(head)
    if markup is not None:
        raise _unreadable("save-as-xlsx", what=markup, ext=ext or "?")
    if ext in TEXT_EXTENSIONS:
        return "csv"  # check_csv_bytes then decides whether the text is acceptable
    if texty:
        raise _unreadable("text-not-csv", ext=ext or "?")
    raise _unreadable("not-spreadsheet", what="?", ext=ext or "?")


def _looks_like_text(head: bytes) -> bool:
    if _utf16_codec(head) is not None:
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13))
    return controls * 100 <= len(head)


def _markup_kind(head: bytes) -> str | None:
    """HTML tables and Excel 2003 XML saved with an .xls name: common from web systems."""
    text = _decode_head(head)[:4096].lstrip().lower()
    if not text.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in text or "<?mso-application" in text:
        return "Excel 2003 XML"
    if "<html" in text or "<!doctype html" in text or "<table" in text:
        return "HTML"
    if text.startswith("<?xml"):
        return "XML"
    return None


def _decode_head(head: bytes) -> str:
    codec = _utf16_codec(head)
    if codec is not None:
        return head[: len(head) // 2 * 2].decode(codec, errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


# -- zip containers (xlsx, xlsm, ods) -------------------------------------------------------------


def _zip_kind(path: Path, size: int, ext: str) -> str:
    _check_zip_directory(path, size)
    with _open_zip(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            raise _unreadable("save-as-xlsx", what="Excel Binary (.xlsb)", ext=ext or "?")
        mimetype = ""
        if "mimetype" in names:
            mimetype = read_member(zf, "mimetype", 1024).decode("ascii", "replace").strip()
        if mimetype in ODS_MIMETYPES or (not mimetype and "content.xml" in names):
            return "ods"
        if "word/document.xml" in names:
            what = "Word (.docx)"
        elif "ppt/presentation.xml" in names:
            what = "PowerPoint (.pptx)"
        elif mimetype.startswith("application/vnd.oasis.opendocument."):
            what = "OpenDocument " + mimetype.rsplit(".", 1)[-1]
        else:
            what = "ZIP"
    raise _unreadable("not-spreadsheet", what=what, ext=ext or "?")


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, struct.error) as exc:
        raise _unreadable("truncated-zip", reason=str(exc)) from None
    except OSError as exc:
        raise _unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None


def _check_zip_directory(path: Path, size: int) -> None:
    """Count the central directory's entries before zipfile builds an object for each."""
    tail_len = min(size, 22 + 65535 + 20)
    with _open(path) as fh:
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise _unreadable("truncated-zip", reason="no end of central directory")
    entries, cd_size, cd_offset = struct.unpack_from("<HII", tail, at + 10)
    if entries == 0xFFFF or cd_offset == 0xFFFFFFFF:  # zip64: the real count is elsewhere
        loc = at - 20
        if loc < 0 or tail[loc : loc + 4] != b"PK\x06\x07":
            raise _unreadable("truncated-zip", reason="zip64 locator missing")
        (eocd64,) = struct.unpack_from("<Q", tail, loc + 8)
        if eocd64 + 56 > size:
            raise _unreadable("truncated-zip", reason="zip64 record outside the file")
        with _open(path) as fh:
            fh.seek(eocd64)
            rec = fh.read(56)
        if rec[:4] != b"PK\x06\x06":
            raise _unreadable("truncated-zip", reason="zip64 record missing")
        entries, cd_size, cd_offset = struct.unpack_from("<QQQ", rec, 32)
    if entries > MAX_MEMBERS:
        raise _too_large("members", count=entries, limit=MAX_MEMBERS)
    if cd_size > size:
        raise _unreadable("truncated-zip", reason="central directory larger than the file")


def zip_guard(path: Path, limits: Limits) -> None:
    """Refuse a zip whose members are too big, too compressed, lying, forged or carry a DTD.

    Declared sizes are checked first (cheap); then every member is inflated
    here, with a budget, to learn its actual size and CRC — zipfile stops at
    the declared size but other readers (calamine) do not — and the prolog of
    each XML member is checked for DOCTYPE/ENTITY declarations.
    """
    path = Path(path)
    size = _checked_size(path, limits)
    _check_zip_directory(path, size)
    with _open_zip(path) as zf:
        infos = zf.infolist()
    seen: set[str] = set()
    declared = 0
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in seen:
            raise _unreadable("zip-duplicate", member=info.filename)
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _unreadable("encrypted", name=path.name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable("zip-method", member=info.filename, method=info.compress_type)
        declared += info.file_size
        if declared > limits.max_unzipped_bytes:
            raise _unzipped_total(declared, limits)
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)
    actual_total = 0
    with _open(path) as fh:
        for info in infos:
            budget = min(
                limits.max_unzipped_bytes - actual_total,
                max(RATIO_FLOOR, int(limits.max_ratio * max(info.compress_size, 1))),
            )
            actual, head = _inflate(fh, info, size, budget)
            if actual > budget:
                if actual_total + actual > limits.max_unzipped_bytes:
                    raise _unzipped_total(actual_total + actual, limits)
                _check_ratio(info.filename, actual, info.compress_size, limits)
            if actual != info.file_size:
                raise _unreadable("corrupt-zip", member=info.filename)
            actual_total += actual
            check_xml_prolog(head, info.filename)


def _unzipped_total(total: int, limits: Limits) -> ReadProblem:
    return _too_large(
        "unzipped-total",
        size=_mb(total),
        limit=limits.max_unzipped_mb,
        flag="--max-unzipped-mb",
    )


def _check_ratio(member: str, unzipped: int, compressed: int, limits: Limits) -> None:
    if unzipped <= RATIO_FLOOR:
        return
    ratio = unzipped / max(compressed, 1)
    if ratio > limits.max_ratio:
        raise _too_large(
            "ratio",
            member=member,
            ratio=int(ratio),
            limit=limits.max_ratio,
            flag="--max-ratio",
        )


def _inflate(fh: BinaryIO, info: zipfile.ZipInfo, size: int, budget: int) -> tuple[int, bytes]:
    """(bytes the member really inflates to, capped at `budget`; its first XML_PROLOG_BYTES).

    Reads the member's compressed bytes straight from the file, as a reader
    that trusts neither the declared size nor the CRC would, and checks both.
    """
    name = info.filename
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise _unreadable("corrupt-zip", member=name)
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    start = info.header_offset + 30 + name_len + extra_len
    if start + info.compress_size > size:
        raise _unreadable("truncated-zip", reason=f"{name} runs past the end of the file")
    fh.seek(start)
    left = info.compress_size
    head = bytearray()
    total = 0
    crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            out = fh.read(min(CHUNK, left))
            if not out:
                raise _unreadable("truncated-zip", reason=f"{name} is cut short")
            left -= len(out)
            total += len(out)
            crc = zlib.crc32(out, crc)
            if len(head) < XML_PROLOG_BYTES:
                head += out[: XML_PROLOG_BYTES - len(head)]
            if total > budget:
                return total, bytes(head)
    else:
        inflater = zlib.decompressobj(-15)
        try:
            while not inflater.eof:
                data = inflater.unconsumed_tail
                if not data:
                    if left <= 0:
                        break
                    data = fh.read(min(CHUNK, left))
                    if not data:
                        break
                    left -= len(data)
                out = inflater.decompress(data, CHUNK)
                total += len(out)
                crc = zlib.crc32(out, crc)
                if len(head) < XML_PROLOG_BYTES:
                    head += out[: XML_PROLOG_BYTES - len(head)]
                if total > budget:
                    return total, bytes(head)
        except zlib.error:
            raise _unreadable("corrupt-zip", member=name) from None
        if not inflater.eof:
            raise _unreadable("corrupt-zip", member=name)
    if crc != info.CRC:
        raise _unreadable("corrupt-zip", member=name)
    return total, bytes(head)


def read_member(zf: zipfile.ZipFile, name: str, limit_bytes: int) -> bytes:
    """A member's bytes, refusing (not truncating) one that inflates past `limit_bytes`."""
    parts: list[bytes] = []
    total = 0
    try:
        with zf.open(name) as stream:
            while True:
                chunk = stream.read(min(CHUNK, limit_bytes + 1 - total))
                if not chunk:
                    break
                total += len(chunk)
                if total > limit_bytes:
                    raise _too_large(
                        "unzipped",
                        member=name,
                        limit=_mb(limit_bytes),
                        flag="--max-unzipped-mb",
                    )
                parts.append(chunk)
    except KeyError:
        raise _unreadable("corrupt-zip", member=name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise _unreadable("corrupt-zip", member=name) from None
    return b"".join(parts)


_PROLOG_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def check_xml_prolog(head: bytes, member: str) -> None:
    """Refuse XML whose prolog declares a DTD or entities (billion laughs, external entities).

    Excel and LibreOffice never write one. The prolog is walked past the XML
    declaration, processing instructions and comments up to the root element;
    a prolog longer than XML_PROLOG_BYTES is refused too, so padding cannot
    push a DOCTYPE out of sight. Non-XML members (images) are ignored.
    """
    text = _decode_head(head)
    stripped = text.lstrip()
    if not stripped.startswith("<"):
        return
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise _unreadable("xml-entities", member=member)
    pos = 0
    while True:
        m = _PROLOG_SKIP.match(text, pos)
        if m is None:
            break
        pos = m.end()
    rest = text[pos:].lstrip()
    if rest.startswith(("<?", "<!--")) or not rest:  # the prolog did not end within the head
        if len(head) >= XML_PROLOG_BYTES:
            raise _unreadable("xml-prolog", member=member)
        return
    if rest.startswith("<!"):
        raise _unreadable("xml-entities", member=member)


# -- OOXML sheet extent ----------------------------------------------------------------------------

# A <row> or <c> start tag, attributes quoted either way (a quoted ">" does not end the tag).
_XL_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)((?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)/?>""")
_XL_R = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_XL_REF = re.compile(rb"\s*([A-Za-z]{0,4})\s*(\d*)\s*$")
_MAX_TAG = 1 << 20  # a start tag longer than this is not a spreadsheet's


def xlsx_sheet_extent(
    zf: zipfile.ZipFile, member: str, limits: Limits, sheet: str | None = None
) -> tuple[int, int]:
    """(rows, cols) a reader like calamine would allocate for one worksheet part; refuses > max_cells.

    Mirrors calamine 0.9: a cell's position is its `r` (either quote, spaces
    around "=", lower-case letters accepted), else the cell after the previous
    one; a row without `r` follows the previous row. Streams the member with
    the decompressed-size budget; run it after zip_guard, before calamine.
    """
    name = sheet or member
    row = col = rows = cols = 0
    carry = b""
    seen = 0
    try:
        stream = zf.open(member)
    except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
        raise _unreadable("corrupt-zip", member=member) from None
    with stream:
        while True:
            try:
                chunk = stream.read(CHUNK)
            except (zipfile.BadZipFile, zlib.error, EOFError):
                raise _unreadable("corrupt-zip", member=member) from None
            seen += len(chunk)
            if seen > limits.max_unzipped_bytes:
                raise _too_large(
                    "unzipped",
                    member=member,
                    limit=limits.max_unzipped_mb,
                    flag="--max-unzipped-mb",
                )
            data = carry + chunk
            cut = len(data) if not chunk else data.rfind(b"<")
            if cut < 0:
                carry = b""
                continue
            for m in _XL_TAG.finditer(data, 0, cut):
                ref = _XL_R.search(m.group(2))
                value = (
                    None
                    if ref is None
                    else (ref.group(1) if ref.group(1) is not None else ref.group(2))
                )
                parsed = _XL_REF.match(value) if value is not None else None
                if m.group(1) == b"row":
                    row = int(parsed.group(2)) if parsed and parsed.group(2) else row + 1
                    col = 0
                else:
                    if parsed and (parsed.group(1) or parsed.group(2)):
                        if parsed.group(1):
                            col = _column_number(parsed.group(1))
                        else:
                            col += 1
                        if parsed.group(2):
                            row = max(row, int(parsed.group(2)))
                    else:
                        col += 1
                    rows, cols = max(rows, row), max(cols, col)
            if rows * cols > limits.max_cells:
                _check_cells(name, rows, cols, limits)
            if not chunk:
                break
            carry = data[cut:]
            if len(carry) > _MAX_TAG:
                raise _unreadable("corrupt-zip", member=member)
    _check_cells(name, rows, cols, limits)
    return rows, cols


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


# -- OpenDocument extent ---------------------------------------------------------------------------

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = "{" + _TABLE_NS + "}"
_VALUE_TYPE = "{" + _OFFICE_NS + "}value-type"
_ANNOTATION = "{" + _OFFICE_NS + "}annotation"
_CALC_VALUE_TYPE = (
    "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
)


def ods_extent(path: Path, limits: Limits) -> dict[str, tuple[int, int]]:
    """Used range (rows, cols) of each table in content.xml, refusing one over max_cells.

    Repeats are counted, not expanded: trailing empty rows and cells repeated
    a million times are normal in ODS and cost nothing; a repeated non-empty
    cell or row counts in full. Parsed by defusedxml, streaming, one cell at a
    time (each is dropped once counted), after zip_guard has bounded the size.

    What calamine does with such tables: see the module docstring.
    """
    from defusedxml.ElementTree import iterparse

    path = Path(path)
    out: dict[str, tuple[int, int]] = {}
    with _open_zip(path) as zf:
        try:
            stream = zf.open("content.xml")
        except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
            raise _unreadable("corrupt-zip", member="content.xml") from None
        with stream:
            try:
                _walk_ods(iterparse(stream, events=("start", "end")), out, limits)
            except ReadProblem:
                raise
            except Exception as exc:  # defusedxml refusals and malformed XML alike
                if type(exc).__name__ in (
                    "EntitiesForbidden",
                    "DTDForbidden",
                    "ExternalReferenceForbidden",
                ):
                    raise _unreadable("xml-entities", member="content.xml") from None
                raise _unreadable("corrupt-zip", member="content.xml") from None
    return out


def _walk_ods(
    events: Iterator[tuple[str, Any]], out: dict[str, tuple[int, int]], limits: Limits
) -> None:
    stack: list[Any] = []
    tables: list[list[Any]] = []  # per open table: [name, next row, rows used, cols used]
    row_col = row_last = 0
    for event, el in events:
        tag = el.tag
        if event == "start":
            stack.append(el)
            if tag == _T + "table":
                tables.append([el.get(_T + "name") or "?", 0, 0, 0])
            elif tag == _T + "table-row":
                row_col = row_last = 0
            continue
        stack.pop()
        parent = stack[-1] if stack else None
        if tag in _ODS_CELLS and parent is not None and parent.tag == _T + "table-row":
            row_col += _repeat(el.get(_T + "number-columns-repeated"))
            if _ods_cell_has_value(el):
                row_last = row_col
        elif tag == _T + "table-row" and tables:
            table = tables[-1]
            start = table[1]
            table[1] = start + _repeat(el.get(_T + "number-rows-repeated"))
            if row_last:
                table[2] = table[1]
                table[3] = max(table[3], row_last)
                _check_cells(table[0], table[2], table[3], limits)
        elif tag == _T + "table" and tables:
            name, _, rows, cols = tables.pop()
            out[str(name)] = (rows, cols)
        inside_cell = any(e.tag in _ODS_CELLS for e in stack)
        if parent is not None and not inside_cell and len(parent) and parent[-1] is el:
            del parent[-1]  # counted: let it go, so memory stays one cell deep


_ODS_CELLS = (_T + "table-cell", _T + "covered-table-cell")


def _repeat(value: str | None) -> int:
    try:
        n = int(value) if value else 1
    except ValueError:
        return 1
    return max(n, 1)


def _ods_cell_has_value(cell: Any) -> bool:
    if cell.get(_VALUE_TYPE) or cell.get(_CALC_VALUE_TYPE):
        return True
    for child in cell:
        if child.tag != _ANNOTATION and "".join(child.itertext()).strip():
            return True
    return False


def _check_cells(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    cells = rows * cols
    if cells > limits.max_cells:
        raise _too_large(
            "cells",
            sheet=sheet,
            extent=f"A1:{_column_letter(max(cols, 1))}{max(rows, 1)}",
            cells=cells,
            limit=limits.max_cells,
            flag="--max-cells",
        )


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# -- OLE compound files (xls, encrypted OOXML) ------------------------------------------------------

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_SID = 0xFFFFFFFA


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
        difat_start, n_difat = struct.unpack_from("<II", header, 68)
        fat_sids = [s for s in struct.unpack_from("<109I", header, 76) if s <= _MAX_SID]
        seen: set[int] = set()
        sid = difat_start
        per = self.sector // 4 - 1
        while sid <= _MAX_SID and len(seen) <= n_difat and sid not in seen:
            seen.add(sid)
            block = struct.unpack_from(f"<{per + 1}I", self._sector(sid))
            fat_sids.extend(s for s in block[:per] if s <= _MAX_SID)
            sid = block[per]
        fat_sids = fat_sids[: max(n_fat, 0)] or fat_sids
        fat_sids = fat_sids[: self.nsectors]
        self.fat: list[int] = []
        for s in fat_sids:
            self.fat.extend(struct.unpack_from(f"<{self.sector // 4}I", self._sector(s)))
        self.entries = self._directory(dir_start)
        root = self.entries[0] if self.entries else None
        if root is None:
            raise ValueError("no root entry")
        self._ministream_start, self._ministream_size = root[2], root[3]
        self._minifat_start = minifat_start
        self._minifat: list[int] | None = None

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


def _open_cfb(fh: BinaryIO, size: int) -> _Cfb:
    try:
        return _Cfb(fh, size)
    except (ValueError, struct.error, IndexError, OverflowError) as exc:
        raise _unreadable("corrupt-xls", reason=str(exc)) from None


def _cfb_kind(path: Path, size: int, ext: str) -> str:
    with _open(path) as fh:
        cfb = _open_cfb(fh, size)
        names = cfb.names()
        if {"EncryptionInfo", "EncryptedPackage"} & names:
            raise _unreadable("encrypted", name=path.name)
        book = "Workbook" if "Workbook" in names else "Book" if "Book" in names else None
        if book is not None:
            try:
                globals_ = cfb.read(book, 256 * 1024)
            except (ValueError, struct.error, IndexError, KeyError) as exc:
                raise _unreadable("corrupt-xls", reason=str(exc)) from None
            for rtype, _, _ in _biff_records(globals_):
                if rtype == 0x002F:  # FILEPASS: "password to open" on an .xls
                    raise _unreadable("encrypted", name=path.name)
                if rtype in (0x000A, 0x0085):  # EOF of globals, or the sheet list: past it
                    break
            return "xls"
    if "WordDocument" in names:
        what = "Word (.doc)"
    elif "PowerPoint Document" in names:
        what = "PowerPoint (.ppt)"
    else:
        what = "OLE"
    raise _unreadable("not-spreadsheet", what=what, ext=ext or "?")


def _biff_records(data: bytes, start: int = 0) -> Iterator[tuple[int, int, bytes]]:
    """(type, offset, body) of each BIFF record from `start`, stopping at a record cut short."""
    pos, n = start, len(data)
    while pos + 4 <= n:
        rtype, length = struct.unpack_from("<HH", data, pos)
        body = data[pos + 4 : pos + 4 + length]
        if len(body) < length:
            return
        yield rtype, pos, body
        pos += 4 + length


_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
_CELL_RECORDS = {0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0201, 0x0406}
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first col, …, last col


def xls_extent(path: Path, limits: Limits) -> dict[str, tuple[int, int]]:
    """Used range (rows, cols) of each sheet of an .xls, refusing one over max_cells.

    Each sheet is walked from the offset its BOUNDSHEET record gives, as
    calamine does (a linear walk could be fooled by a sheet hidden inside
    another record). Both the DIMENSIONS record and the cell records
    themselves (which a lying DIMENSIONS would hide) are measured; the larger
    wins.
    """
    path = Path(path)
    size = _checked_size(path, limits)
    with _open(path) as fh:
        cfb = _open_cfb(fh, size)
        names = cfb.names()
        book = "Workbook" if "Workbook" in names else "Book" if "Book" in names else None
        if book is None:
            raise _unreadable("corrupt-xls", reason="no Workbook stream")
        try:
            stream = cfb.read(book, limits.max_file_bytes)
        except (ValueError, struct.error, IndexError, KeyError) as exc:
            raise _unreadable("corrupt-xls", reason=str(exc)) from None
    sheets: list[tuple[int, str]] = []
    for rtype, _, body in _biff_records(stream):
        if rtype == _BOUNDSHEET and len(body) >= 8:
            (offset,) = struct.unpack_from("<I", body, 0)
            sheets.append((offset, _boundsheet_name(body) or f"#{len(sheets) + 1}"))
        elif rtype == _EOF:
            break
    out: dict[str, tuple[int, int]] = {}
    for offset, name in sheets:
        rows, cols = _biff_sheet_extent(stream, offset)
        out[name] = (rows, cols)
        _check_cells(name, rows, cols, limits)
    return out


def _biff_sheet_extent(stream: bytes, offset: int) -> tuple[int, int]:
    declared_rows = declared_cols = rows = cols = 0
    for rtype, _, body in _biff_records(stream, offset):
        if rtype == _DIMENSIONS:
            if len(body) >= 14:
                _, last_row, _, last_col = struct.unpack_from("<IIHH", body, 0)
            elif len(body) >= 8:
                _, last_row, _, last_col = struct.unpack_from("<HHHH", body, 0)
            else:
                continue
            declared_rows, declared_cols = (
                max(declared_rows, last_row),
                max(declared_cols, last_col),
            )
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


def _boundsheet_name(body: bytes) -> str:
    n = body[6]
    if len(body) >= 8 + n and body[7] in (0, 1) and len(body) == 8 + n * (2 if body[7] else 1):
        raw = body[8 : 8 + n * (2 if body[7] else 1)]
        return raw.decode("utf-16-le" if body[7] else "latin-1", "replace")
    return body[7 : 7 + n].decode("latin-1", "replace")  # BIFF5: no flags byte


# -- CSV ------------------------------------------------------------------------------------------


def _utf16_codec(head: bytes) -> str | None:
    """'utf-16' (BOM), 'utf-16-le' / 'utf-16-be' (alternating zeros), or None.

    UTF-32 is not UTF-16: its BOM and its three-zeros-in-four pattern are
    checked first and answered with None.
    """
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head[: min(len(head), 4096) // 4 * 4]
    if len(sample) < 4 or _utf32_pattern(sample):
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd * 10 >= pairs * 3 and even * 8 < odd:
        return "utf-16-le"
    if even * 10 >= pairs * 3 and odd * 8 < even:
        return "utf-16-be"
    return None


def _utf32_pattern(sample: bytes) -> bool:
    quads = len(sample) // 4
    if quads == 0:
        return False
    le = sum(1 for i in range(0, quads * 4, 4) if sample[i + 2 : i + 4] == b"\x00\x00")
    be = sum(1 for i in range(0, quads * 4, 4) if sample[i : i + 2] == b"\x00\x00")
    return max(le, be) * 10 >= quads * 9


# cp1258 bytes that never occur in Vietnamese text: undefined code points and C0 controls.
_CP1258_UNDEFINED = bytes([0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E])
_CONTROLS = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13)) + b"\x7f"
_HIGH = bytes(range(0x80, 0x100))
_HIGH_RUN = re.compile(rb"[\x80-\xff]{5,}")


def _cp1258_letters() -> bytes:
    out = []
    for b in range(0x80, 0x100):
        try:
            ch = bytes([b]).decode("cp1258")
        except UnicodeDecodeError:
            continue
        if unicodedata.category(ch)[0] in "LM":
            out.append(b)
    return bytes(out)


_CP1258_LETTERS = _cp1258_letters()


def _count(chunk: bytes, members: bytes) -> int:
    """How many bytes of `chunk` are among `members` (C speed)."""
    return len(chunk) - len(chunk.translate(None, members))


def check_csv_bytes(path: Path, limits: Limits) -> None:
    """Refuse a CSV that is not text in an accepted encoding, or has a line over the limit.

    Streams the whole file once in 1 MiB chunks: NUL bytes (outside UTF-16),
    over-long lines (CR or LF ends a line), UTF-32, and text that is neither
    UTF-8 nor plausible Windows-1258 (undefined bytes, control characters, or
    high bytes that are mostly symbols rather than Vietnamese letters — what
    Shift-JIS or GB18030 look like through cp1258).
    """
    path = Path(path)
    _checked_size(path, limits)
    with _open(path) as fh:
        head = fh.read(HEAD_BYTES)
        if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _utf32_pattern(
            head[: len(head) // 4 * 4]
        ):
            raise _unreadable("csv-utf32")
        codec = _utf16_codec(head)
        fh.seek(0)
        if codec is not None:
            _check_utf16(fh, codec, limits)
        else:
            _check_8bit(fh, limits)


def _line_problem(line: int, length: int, limits: Limits) -> ReadProblem:
    return _too_large(
        "line",
        line=line,
        size=round(length / 1024, 1),
        limit=limits.max_line_kb,
        flag="--max-line-kb",
    )


_NEWLINE = re.compile(rb"\r\n|\r|\n")
_NEWLINE_TEXT = re.compile(r"\r\n|\r|\n")


def _measure_lines(
    parts: list[bytes] | list[str],
    line: int,
    current: int,
    limit: int,
    unit: int,
    limits: Limits,
) -> tuple[int, int]:
    """Carry the open line's length across chunks; refuse the first line over `limit` units."""
    current += len(parts[0])
    for part in parts[1:]:
        if current > limit:
            raise _line_problem(line, current * unit, limits)
        line += 1
        current = len(part)
    if current > limit:
        raise _line_problem(line, current * unit, limits)
    return line, current


def _check_8bit(fh: BinaryIO, limits: Limits) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8 = True
    high = letters = undefined = controls = runs = 0
    line, current = 1, 0
    max_line = limits.max_line_bytes
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise _unreadable("csv-nul", line=line + chunk.count(b"\n", 0, nul))
        line, current = _measure_lines(_NEWLINE.split(chunk), line, current, max_line, 1, limits)
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        high += _count(chunk, _HIGH)
        letters += _count(chunk, _CP1258_LETTERS)
        undefined += _count(chunk, _CP1258_UNDEFINED)
        controls += _count(chunk, _CONTROLS)
        runs += sum(len(m) for m in _HIGH_RUN.findall(chunk))
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return
        except UnicodeDecodeError:
            pass
    # Not UTF-8: it has to be Windows-1258 Vietnamese, whose high bytes are mostly letters and
    # come in short runs (a vowel, its shape and its tone mark); CJK double-byte text does not.
    implausible = high >= 16 and (letters * 10 < high * 6 or runs * 10 >= high * 3)
    if undefined or controls or implausible:
        raise _unreadable("csv-encoding")


def _check_utf16(fh: BinaryIO, codec: str, limits: Limits) -> None:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    line, current = 1, 0
    max_chars = limits.max_line_bytes // 2
    try:
        while True:
            chunk = fh.read(CHUNK)
            final = not chunk
            text = decoder.decode(chunk, final=final)
            nul = text.find("\x00")
            if nul >= 0:
                raise _unreadable("csv-nul", line=line + text.count("\n", 0, nul))
            line, current = _measure_lines(
                _NEWLINE_TEXT.split(text), line, current, max_chars, 2, limits
            )
            if final:
                break
    except UnicodeDecodeError:
        raise _unreadable("csv-encoding") from None
