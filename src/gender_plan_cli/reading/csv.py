"""CSV exports: the byte checks, the one decision of the encoding, and the reader.

Accepted encodings are those of the contract: UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode Text", with BOM, or without BOM told by its zero
bytes — decided once, by `detect`) and Windows-1258. `check_bytes` streams the
file once, refuses what is not acceptable text, and returns the codec; the
reader decodes with that codec and guesses nothing. Delimiters: comma,
semicolon or tab — the one that splits the first lines into the most
consistent, widest rows wins.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from pathlib import Path
from typing import BinaryIO

from gender_plan_cli.reading.detect import Detected
from gender_plan_cli.reading.grid import SheetGrid, SheetInfo, clean
from gender_plan_cli.reading.limits import (
    CHUNK,
    Limits,
    ReadProblem,
    check_cells,
    checked_size,
    open_file,
    too_large,
    unreadable,
)
from gender_plan_cli.reading.text import UTF8_BOM

DELIMITERS = (",", ";", "\t")

# cp1258 bytes that never occur in Vietnamese text: undefined code points and C0 controls.
_CP1258_UNDEFINED = bytes([0x81, 0x8A, 0x8D, 0x8E, 0x8F, 0x90, 0x9A, 0x9D, 0x9E])
_CONTROLS = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13)) + b"\x7f"
_HIGH = bytes(range(0x80, 0x100))
_HIGH_RUN = re.compile(rb"[\x80-\xff]{5,}")
_NEWLINE = re.compile(rb"\r\n|\r|\n")
_NEWLINE_TEXT = re.compile(r"\r\n|\r|\n")


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


def open_csv(path: Path, limits: Limits, detected: Detected) -> CsvBook:
    """The CSV after its byte checks, read in the codec they decided."""
    return CsvBook(path, limits, check_bytes(path, limits, detected))


# -- the byte checks, which decide the codec -----------------------------------------------------


def check_bytes(path: Path, limits: Limits, detected: Detected) -> str:
    """The codec to read the CSV in; refuses one that is not text in an accepted encoding.

    UTF-32 and UTF-16 were told by `detect` from the head (`detected.csv_codec`).
    Otherwise the whole file is streamed once in 1 MiB chunks: NUL bytes,
    over-long lines (CR or LF ends a line), and text that is neither UTF-8
    ('utf-8-sig' with its BOM) nor plausible Windows-1258 (undefined bytes,
    control characters, or high bytes that are mostly symbols rather than
    Vietnamese letters — what Shift-JIS or GB18030 look like through cp1258).
    """
    path = Path(path)
    checked_size(path, limits)
    codec = detected.csv_codec
    if codec == "utf-32":
        raise unreadable("csv-utf32")
    with open_file(path) as fh:
        if codec is not None:
            _check_utf16(fh, codec, limits)
            return codec
        return _check_8bit(fh, limits)


def _line_problem(line: int, length: int, limits: Limits) -> ReadProblem:
    return too_large(
        "line",
        line=line,
        size=round(length / 1024, 1),
        limit=limits.max_line_kb,
        flag="--max-line-kb",
    )


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


def _count(chunk: bytes, members: bytes) -> int:
    """How many bytes of `chunk` are among `members` (C speed)."""
    return len(chunk) - len(chunk.translate(None, members))


class _HighBytes:
    """Counts over the high bytes of 8-bit text, to tell Windows-1258 Vietnamese from the rest."""

    def __init__(self) -> None:
        self.high = self.letters = self.undefined = self.controls = self.runs = 0

    def add(self, chunk: bytes) -> None:
        self.high += _count(chunk, _HIGH)
        self.letters += _count(chunk, _CP1258_LETTERS)
        self.undefined += _count(chunk, _CP1258_UNDEFINED)
        self.controls += _count(chunk, _CONTROLS)
        self.runs += sum(len(m) for m in _HIGH_RUN.findall(chunk))

    def plausible_cp1258(self) -> bool:
        # Windows-1258 Vietnamese has high bytes that are mostly letters, in short runs (a vowel,
        # its shape and its tone mark); CJK double-byte text does not.
        high = self.high
        implausible = high >= 16 and (self.letters * 10 < high * 6 or self.runs * 10 >= high * 3)
        return not (self.undefined or self.controls or implausible)


def _check_8bit(fh: BinaryIO, limits: Limits) -> str:
    """'utf-8', 'utf-8-sig' or 'cp1258', after one pass over the whole file."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8 = True
    counts = _HighBytes()
    line, current = 1, 0
    bom = False
    first = True
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        if first:
            bom, first = chunk.startswith(UTF8_BOM), False
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise unreadable("csv-nul", line=line + chunk.count(b"\n", 0, nul))
        line, current = _measure_lines(
            _NEWLINE.split(chunk), line, current, limits.max_line_bytes, 1, limits
        )
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        counts.add(chunk)
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8-sig" if bom else "utf-8"
        except UnicodeDecodeError:
            pass
    if bom or not counts.plausible_cp1258():  # a UTF-8 BOM before text that is not UTF-8
        raise unreadable("csv-encoding")
    return "cp1258"


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
                raise unreadable("csv-nul", line=line + text.count("\n", 0, nul))
            line, current = _measure_lines(
                _NEWLINE_TEXT.split(text), line, current, max_chars, 2, limits
            )
            if final:
                break
    except UnicodeDecodeError:
        raise unreadable("csv-encoding") from None


# -- the reader ----------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first 40 non-empty lines into the most even, widest rows."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ",", (-1, -1)
    for d in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=d)]
        except csv.Error:  # a field over the limit: the reader will say so
            continue
        if not widths:
            continue
        widest = max(widths)
        score = (sum(1 for w in widths if w == widest and w > 1), widest)
        if score > best_score:
            best, best_score = d, score
    return best


SNIFF_BYTES = 64 * 1024  # the delimiter is decided from this much of the file


class CsvBook:
    """A CSV as a book of one sheet, decoded with the codec `check_bytes` decided.

    The delimiter is decided from the first SNIFF_BYTES; the rows are then streamed, and the
    used range (rows × widest row) is held to --max-cells as it grows, so a 96 MB CSV costs
    at most the cell limit, never the whole file as text and again as rows.
    """

    has_sheets = False  # findings name no sheet

    def __init__(self, path: Path, limits: Limits, encoding: str) -> None:
        self.path = path
        self.limits = limits
        self.encoding = encoding
        csv.field_size_limit(max(limits.max_line_bytes, 1))  # a field is within a line
        self.delimiter = sniff_delimiter(self._head())
        self.sheets = [SheetInfo(path.name, path.name, False)]

    def _head(self) -> str:
        try:
            with open_file(self.path) as fh:
                raw = fh.read(SNIFF_BYTES)
        except OSError as exc:
            raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        text = codecs.getincrementaldecoder(self.encoding)("replace").decode(raw)
        if len(raw) == SNIFF_BYTES:  # the last line may be cut: not a line to judge by
            text = text[: max(text.rfind("\n"), 0)]
        return text

    def close(self) -> None:
        pass

    def grid(self, sheet: SheetInfo) -> SheetGrid:
        rows: list[list[object]] = []
        widest = 0
        try:
            with open(self.path, encoding=self.encoding, newline="") as fh:
                for row in csv.reader(fh, delimiter=self.delimiter):
                    widest = max(widest, len(row))
                    check_cells(sheet.name, len(rows) + 1, widest, self.limits)
                    rows.append([clean(v) for v in row])
        except csv.Error as exc:
            raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        except UnicodeDecodeError as exc:  # the file changed since it was checked
            raise ReadProblem(
                "unreadable-file", "unreadable-file.csv-encoding", reason=str(exc)
            ) from None
        except OSError as exc:
            raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        return SheetGrid(name=sheet.name, rows=rows)
