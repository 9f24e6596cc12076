"""What a submitted file really is, by its bytes: one decision, made once and passed on.

`detect` reads the head of the file (and, for a container, its directory) and
returns a `Detected`: the format, and for a CSV whether its text is UTF-16 or
UTF-32 and in which byte order. No later step guesses again. The extension
only matters for plain text, which is read as CSV when the name says .csv
(or .txt/.tsv); a workbook misnamed .xls/.csv is read by what it is.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from gender_plan_cli.reading import xls
from gender_plan_cli.reading.limits import Limits, checked_size, open_file, unreadable
from gender_plan_cli.reading.text import decode_head, is_utf32, utf16_codec
from gender_plan_cli.reading.zipguard import check_zip_directory, open_zip, read_member

Kind = Literal["xlsx", "xlsb", "xls", "ods", "csv"]

HEAD_BYTES = 8192
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIMETYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
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


@dataclass(frozen=True)
class Detected:
    """The format of a file, and for a CSV the wide encoding its head shows.

    `csv_codec` is 'utf-32' (refused by the CSV checks), 'utf-16' (BOM),
    'utf-16-le' / 'utf-16-be' (BOM-less, by its zero bytes), or None for
    8-bit text — UTF-8 or Windows-1258, which only a pass over the whole file
    can tell apart (csv.check_bytes makes it and returns the final codec).
    """

    kind: Kind
    csv_codec: str | None = None
    # A zip's directory as zipfile read it, once its entries were counted: the zip guard checks
    # these and never reads the directory again (a folder of small returns pays it once each).
    zip_entries: tuple[zipfile.ZipInfo, ...] | None = None


def detect(path: Path, limits: Limits) -> Detected:
    """The one decision of what the file is; anything that is no spreadsheet raises ReadProblem."""
    path = Path(path)
    size = checked_size(path, limits)
    ext = path.suffix.lower()
    with open_file(path) as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        if size <= HEAD_BYTES:
            raise unreadable("empty", name=path.name)
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(path, size, ext)
    if head.startswith(CFB_MAGIC):
        return Detected(_cfb_kind(path, size, ext))
    texty = _looks_like_text(head)
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic) and (what not in _BINARY_ONLY or not texty):
            raise unreadable("not-spreadsheet", what=what, ext=ext or "?")
    markup = _markup_kind(head)
    if markup is not None:
        raise unreadable("save-as-xlsx", what=markup, ext=ext or "?")
    if ext in TEXT_EXTENSIONS:  # csv.check_bytes then decides whether the text is acceptable
        return Detected("csv", "utf-32" if is_utf32(head) else utf16_codec(head))
    if texty:
        raise unreadable("text-not-csv", ext=ext or "?")
    raise unreadable("not-spreadsheet", what="?", ext=ext or "?")


def _looks_like_text(head: bytes) -> bool:
    if utf16_codec(head) is not None:
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13))
    return controls * 100 <= len(head)


def _markup_kind(head: bytes) -> str | None:
    """HTML tables and Excel 2003 XML saved with an .xls name: common from web systems."""
    text = decode_head(head)[:4096].lstrip().lower()
    if not text.startswith("<"):
        return None
    if "urn:schemas-microsoft-com:office:spreadsheet" in text or "<?mso-application" in text:
        return "Excel 2003 XML"
    if "<html" in text or "<!doctype html" in text or "<table" in text:
        return "HTML"
    if text.startswith("<?xml"):
        return "XML"
    return None


def _zip_kind(path: Path, size: int, ext: str) -> Detected:
    check_zip_directory(path, size)
    with open_zip(path) as zf:
        entries = tuple(zf.infolist())
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            return Detected("xlsx", zip_entries=entries)
        if "xl/workbook.bin" in names:
            return Detected("xlsb", zip_entries=entries)
        mimetype = ""
        if "mimetype" in names:
            mimetype = read_member(zf, "mimetype", 1024).decode("ascii", "replace").strip()
        if mimetype in ODS_MIMETYPES or (not mimetype and "content.xml" in names):
            return Detected("ods", zip_entries=entries)
        if "word/document.xml" in names:
            what = "Word (.docx)"
        elif "ppt/presentation.xml" in names:
            what = "PowerPoint (.pptx)"
        elif mimetype.startswith("application/vnd.oasis.opendocument."):
            what = "OpenDocument " + mimetype.rsplit(".", 1)[-1]
        else:
            what = "ZIP"
    raise unreadable("not-spreadsheet", what=what, ext=ext or "?")


def _cfb_kind(path: Path, size: int, ext: str) -> Kind:
    """An OLE file: an .xls, a password-protected workbook of any kind, or another document."""
    ole = xls.ole_contents(path, size)
    if ole.encrypted:
        raise unreadable("encrypted", name=path.name)
    if ole.is_workbook:
        return "xls"
    if "WordDocument" in ole.names:
        what = "Word (.doc)"
    elif "PowerPoint Document" in ole.names:
        what = "PowerPoint (.ppt)"
    else:
        what = "OLE"
    raise unreadable("not-spreadsheet", what=what, ext=ext or "?")
