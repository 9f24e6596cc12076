"""Excel 2007+ workbooks (.xlsx, .xlsm).

Values come from python-calamine (fast, Rust). What calamine does not tell —
hidden rows, percent-formatted cells, formulas that were never computed, and
the real extent of a sheet before any grid is allocated — comes from one
bounded, streaming scan of the sheet XML with plain byte patterns (no XML
parser, so no entity is ever expanded there). The scan runs first: a sheet
whose used range is over the limit is refused before calamine sees it, since
calamine allocates the whole range and aborts the process when it cannot.
A sheet spelt in any other way than Excel writes it (quotes, spaces, case, no
`r`, prefixes) is measured exactly, tag by tag, as calamine 0.9 would place
its cells (`xlsx_sheet_extent`).

Before any of this, the zip itself passes `zipguard.zip_guard`.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from gender_plan_cli.findings import column_index, column_letter
from gender_plan_cli.reading.grid import SheetGrid, SheetInfo, clean
from gender_plan_cli.reading.limits import (
    Limits,
    ReadProblem,
    check_cells,
    overlap,
    reader_failure,
    unreadable,
)
from gender_plan_cli.reading.zipguard import (
    Entries,
    Guarded,
    member_chunks,
    read_member,
    workbook_part,
    zip_guard,
)

_SCAN_CHUNK = 4 * 1024 * 1024

_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ATTR_R = re.compile(rb'\br="(\d+)"')
# Each pattern starts with a literal, so the regex engine skips ahead by fast search.
_CELL_CANON_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_CELL_CANON_ROW = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]*)"')
_ROW_CANON = re.compile(rb'<row r="([1-9][0-9]*)"')
_ODD_TAG = re.compile(rb"<c[>/\t\n\r]|<row[>/\t\n\r]")
_PREFIXED = re.compile(rb"<\w+:(?:c|row)[\s/>]")
_FORMULA = re.compile(rb"<f\b")
_ERROR_TYPE = re.compile(rb't="e"')
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_MERGE = re.compile(rb'mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
_PERCENT_BUILTIN = {9, 10}


@dataclass
class SheetScan:
    """What the byte scan learnt about one sheet."""

    max_row: int = 0
    max_col: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    irregular: bool = False  # cells or rows not written the usual way: measure exactly


def _parts(chunks: Iterator[bytes], size: int) -> Iterator[bytes]:
    """`chunks` joined into parts of at least `size` bytes (the last may be shorter)."""
    held: list[bytes] = []
    count = 0
    for chunk in chunks:
        held.append(chunk)
        count += len(chunk)
        if count >= size:
            yield b"".join(held)
            held, count = [], 0
    if held:
        yield b"".join(held)


def _cells_within(data: bytes, cells: int, out: SheetScan) -> bool:
    """Every one of the `cells` cells of `data` is written `<c r="B7"` and lies within the extent
    already found (its row's `<row r=` counted): the part adds nothing, and one search of the
    bytes proves it without listing 4,000,000 references in Python."""
    if not out.max_row or not out.max_col or data.count(b'<c r="') != cells:
        return False
    return _beyond(out.max_row, out.max_col).search(data) is None


@lru_cache(maxsize=64)
def _beyond(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """A cell reference not written `[A-Z]{1,3}[1-9][0-9]*"`, or beyond (max_row, max_col)."""
    within = _up_to_letters(column_letter(max_col)) + _up_to_number(max_row)
    return re.compile(b'<c r="(?!' + within.encode() + b'")')


def _up_to_number(n: int) -> str:
    """A regex for the whole numbers 1..n written without leading zeros."""
    s = str(n)
    d = len(s)
    alts = [f"[1-9][0-9]{{0,{d - 2}}}"] if d > 1 else []
    for i, ch in enumerate(s):
        low = "1" if i == 0 else "0"
        if ch > low:
            rest = d - i - 1
            alts.append(
                s[:i] + f"[{low}-{chr(ord(ch) - 1)}]" + (f"[0-9]{{{rest}}}" if rest else "")
            )
    alts.append(s)
    return "(?:" + "|".join(alts) + ")"


def _up_to_letters(c: str) -> str:
    """A regex for the column letters A..c (as Excel writes them: upper case, 1 to 3 letters)."""
    k = len(c)
    alts = [f"[A-Z]{{1,{k - 1}}}"] if k > 1 else []
    for i, ch in enumerate(c):
        if ch > "A":
            rest = k - i - 1
            alts.append(c[:i] + f"[A-{chr(ord(ch) - 1)}]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    alts.append(c)
    return "(?:" + "|".join(alts) + ")"


def _largest_number(digits: list[bytes] | tuple[bytes, ...]) -> int:
    """The largest of numbers written without leading zeros, compared as text."""
    return int(max(set(digits), key=lambda n: (len(n), n)))


_STRUCTURE = frozenset(
    {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "docProps/core.xml"}
)
_PARSED_MAX = 256 * 1024  # structural parts up to this size have their parse remembered


def open_xlsx(path: Path, limits: Limits, entries: Entries = None) -> XlsxBook:
    """The .xlsx/.xlsm after its zip guard; each sheet's extent is checked when it is read (and
    a workbook's only sheet part is inflated once, by the scan, under the guard's checks; the
    small structural parts the guard inflated are kept for the book). `entries`: the zip's
    directory as `detect` read it."""
    guarded = zip_guard(path, limits, defer_sheet=True, keep=_STRUCTURE, entries=entries)
    return XlsxBook(path, limits, guarded)


def _remembered(parse: Any, *parts: bytes) -> Any:
    """`parse(*parts)`, remembered for small parts: a folder of returns made from one template
    holds the same workbook.xml, rels and styles.xml again and again."""
    if sum(map(len, parts)) <= _PARSED_MAX:
        return _parsed(parse, *parts)
    return parse(*parts)


@lru_cache(maxsize=64)
def _parsed(parse: Any, *parts: bytes) -> Any:
    return parse(*parts)


def _sheet_entries(book: bytes, rels_xml: bytes) -> tuple[tuple[str, str | None, bool], ...]:
    """(name, zip member or None, hidden) of each sheet workbook.xml lists, in its order."""
    from defusedxml import ElementTree

    try:
        rels_root = ElementTree.fromstring(rels_xml)
        root = ElementTree.fromstring(book)
    except Exception as exc:  # defusedxml refusals and malformed XML alike
        raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
    targets = {}
    for rel in rels_root:
        targets[rel.get("Id")] = workbook_part(rel.get("Target") or "")
    sheets = []
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        state = el.get("state") or "visible"
        sheets.append((el.get("name") or "?", targets.get(rid), state != "visible"))
    return tuple(sheets)


def _percent_styles(styles: bytes) -> frozenset[int]:
    """The cell formats (indexes into cellXfs) that show a number as a percentage."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(styles)
    except Exception:
        return frozenset()
    percent_fmts = set(_PERCENT_BUILTIN)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "numFmt" and "%" in (el.get("formatCode") or "").replace("\\%", ""):
            percent_fmts.add(int(el.get("numFmtId") or -1))
    ids: set[int] = set()
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "cellXfs":
            for i, xf in enumerate(el):
                if int(xf.get("numFmtId") or 0) in percent_fmts:
                    ids.add(i)
            break
    return frozenset(ids)


class XlsxBook:
    """An open .xlsx/.xlsm: sheet list first, one sheet's grid on demand."""

    has_sheets = True

    def __init__(self, path: Path, limits: Limits, guarded: Guarded | None = None) -> None:
        self.path = path
        self.limits = limits
        self._guarded = guarded
        self._zipfile: zipfile.ZipFile | None = None
        self._names = guarded.names if guarded is not None else self._zip.namelist()
        self.sheets = self._sheet_list()
        styles = self._percent_style_ids()
        self._percent_cell = (
            re.compile(
                rb'<c r="([A-Z]{1,3})([1-9][0-9]*)"[^>]*?\ss="(?:'
                + b"|".join(str(i).encode() for i in sorted(styles))
                + rb')"'
            )
            if styles
            else None
        )
        self._calamine: Any = None

    @property
    def _zip(self) -> zipfile.ZipFile:
        """The zip, opened when a part must be read from it (a workbook whose one sheet the
        guard left for later and whose small parts it kept never opens it again)."""
        if self._zipfile is None:
            try:
                self._zipfile = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        return self._zipfile

    def close(self) -> None:
        if self._zipfile is not None:
            self._zipfile.close()
        if self._calamine is not None:
            self._calamine.close()

    # -- workbook structure ------------------------------------------------------------------
    @property
    def keywords(self) -> str | None:
        """The document's keywords (docProps/core.xml), where gplan marks the form it writes."""
        from defusedxml import ElementTree

        data = self._read_small("docProps/core.xml")
        if data is None:
            return None
        try:
            root = ElementTree.fromstring(data)
        except ElementTree.ParseError:
            return None
        for element in root:
            if element.tag.endswith("}keywords"):
                return element.text
        return None

    def _read_small(self, name: str) -> bytes | None:
        if self._guarded is not None and name in self._guarded.kept:
            return self._guarded.kept[name]
        if name not in self._names:
            return None
        return read_member(self._zip, name, self.limits.max_unzipped_bytes)

    def _sheet_list(self) -> list[SheetInfo]:
        book = self._read_small("xl/workbook.xml")
        if book is None:
            raise ReadProblem(
                "unreadable-file", "unreadable-file", reason="no xl/workbook.xml in the zip"
            )
        rels = self._read_small("xl/_rels/workbook.xml.rels") or b"<Relationships/>"
        names = set(self._names)
        return [
            SheetInfo(name, member, hidden)
            for name, member, hidden in _remembered(_sheet_entries, book, rels)
            if member in names  # else a chart sheet or a dangling relation: no cells to read
        ]

    def _percent_style_ids(self) -> frozenset[int]:
        styles = self._read_small("xl/styles.xml")
        return frozenset() if styles is None else _remembered(_percent_styles, styles)

    # -- one sheet ---------------------------------------------------------------------------
    def scan(self, sheet: SheetInfo) -> SheetScan:
        """Stream the sheet XML once, within the decompressed-size budget.

        A sheet the zip guard left to be checked when read is inflated here under its checks:
        a problem of the zip (size, ratio, CRC) is said before an extent over the limit, as
        when the guard ran first, so the rest is inflated before the extent's verdict."""
        out = SheetScan()
        if self._guarded is not None and sheet.member in self._guarded.later:
            chunks, deferred = self._guarded.inflate(sheet.member), True
        else:  # checked by the guard already
            limits = self.limits
            chunks = member_chunks(
                self._zip, sheet.member, limits.max_unzipped_bytes, limits.max_unzipped_mb
            )
            deferred = False
        with closing(chunks):  # a refusal midway closes the member at once
            self._scan_stream(sheet, chunks, out, deferred)
        if out.irregular:  # the exact measure is the extent (a sheet without `r=` has no other)
            out.max_row, out.max_col = xlsx_sheet_extent(
                self._zip, sheet.member, self.limits, sheet.name
            )
        return out

    def _scan_stream(
        self, sheet: SheetInfo, chunks: Iterator[bytes], out: SheetScan, deferred: bool
    ) -> None:
        """The sheet's bytes into `out`, a part of at least _SCAN_CHUNK at a time, cut at a tag's
        end. `deferred`: the chunks come through the guard's checks, which finish first."""
        over: ReadProblem | None = None
        carry = b""
        for chunk in _parts(chunks, _SCAN_CHUNK):
            if over is not None:
                continue  # the zip's own checks go on to the end; the verdict waits for them
            data = carry + chunk
            cut = data.rfind(b"</row>")
            if cut < 0:
                cut = data.rfind(b"</c>")
            if cut < 0:
                cut = data.rfind(b">")
            if cut < 0:
                carry = data
                continue
            cut = data.index(b">", cut) + 1
            self._scan_part(data[:cut], out)
            carry = data[cut:]
            try:
                self._check_extent(sheet, out)
            except ReadProblem as problem:
                if not deferred:
                    raise
                over = problem
        if over is not None:
            raise over
        if carry:
            self._scan_part(carry, out)
        self._check_extent(sheet, out)

    def _scan_part(self, data: bytes, out: SheetScan) -> None:
        # The extent, from cells and rows written as Excel and openpyxl write them
        # (`<c r="B7"`, `<row r="7"`). Any other spelling (quotes, spaces, case, no `r`,
        # prefixes) makes the counts differ, and the exact, slower measure is taken instead.
        rows = _ROW_CANON.findall(data)
        if len(rows) != data.count(b"<row "):
            out.irregular = True
        if rows:
            out.max_row = max(out.max_row, _largest_number(rows))
        cells = data.count(b"<c ")
        if cells and _cells_within(data, cells, out):
            letters = []  # each cell as Excel writes it and within the extent: nothing to add
        else:
            letters = _CELL_CANON_COLUMN.findall(data)
            if len(letters) != cells:
                out.irregular = True
        if letters:
            widest = max(set(letters), key=lambda c: (len(c), c))
            out.max_col = max(out.max_col, column_index(widest.decode()))
            numbers = _CELL_CANON_ROW.findall(data)  # a cell's row can exceed its <row>'s
            out.max_row = max(out.max_row, _largest_number(numbers))
        if _ODD_TAG.search(data) or ((b":c" in data or b":row" in data) and _PREFIXED.search(data)):
            out.irregular = True
        if b"hidden=" in data:
            for tag in _HIDDEN_ROW.findall(data):
                r = _ATTR_R.search(tag)
                if r:
                    out.hidden_rows.add(int(r.group(1)))
        if self._percent_cell is not None:
            for col, row in self._percent_cell.findall(data):
                out.percent_cells.add((int(row), column_index(col.decode())))
        for m in _FORMULA.finditer(data):
            self._formula(data, m.start(), m.end(), out)
        for m in _ERROR_TYPE.finditer(data):  # calamine gives an Excel error as an empty cell
            start = data.rfind(b"<c ", 0, m.start())
            end = data.find(b"</c>", m.end())
            tag_end = data.find(b">", start) if start >= 0 else -1
            ref = _REF.search(data, start, tag_end) if tag_end >= 0 else None
            if ref is None or end < 0:
                continue
            value = _VALUE.search(data, m.end(), end)
            out.error_cells[(int(ref.group(2)), column_index(ref.group(1).decode()))] = (
                value.group(1).decode("utf-8", "replace") if value else "#ERROR"
            )
        for c0, r0, c1, r1 in _MERGE.findall(data):
            out.merged.append(
                (int(r0), column_index(c0.decode()), int(r1), column_index(c1.decode()))
            )

    @staticmethod
    def _formula(data: bytes, start: int, end: int, out: SheetScan) -> None:
        """Note a formula cell that carries no cached value."""
        cell_start = max(data.rfind(b"<c ", 0, start), data.rfind(b"<c>", 0, start))
        cell_end = data.find(b"</c>", end)
        if cell_start < 0 or cell_end < 0:
            return
        cell = data[cell_start:cell_end]
        value = _VALUE.search(cell)
        if value is None or not value.group(1).strip():
            ref = _REF.search(cell[: cell.find(b">") + 1])
            if ref:
                out.formulas_without_value.add(
                    (int(ref.group(2)), column_index(ref.group(1).decode()))
                )

    def _check_extent(self, sheet: SheetInfo, out: SheetScan) -> None:
        check_cells(sheet.name, out.max_row, out.max_col, self.limits)

    def grid(self, sheet: SheetInfo) -> SheetGrid:
        """The sheet's values, after the scan has shown it is safe to allocate.

        Where reads may overlap (`limits.overlap`: a worker with a memory cap), calamine parses
        the sheet in a thread while the scan measures it: calamine's parse does not hold the
        GIL, so the two use both cores. The scan's verdict still comes first, and calamine's
        values are taken only after it; a sheet too large for calamine stops the worker at its
        cap, and the file is read again without overlap (`isolation`)."""
        tell = overlap()
        parsing = None
        if tell is not None:
            tell()
            try:
                parsing = _Parse(self, sheet)
            except RuntimeError:  # no thread to be had: one step after the other
                parsing = None
        try:
            scan = self.scan(sheet)
        finally:
            if parsing is not None:
                parsing.join()  # the thread never outlives this file's read
        rows: list[list[object]] = []
        if scan.max_row and scan.max_col:
            rows = self._values(sheet, parsing)
        return SheetGrid(
            name=sheet.name,
            rows=rows,
            hidden=sheet.hidden,
            hidden_rows=scan.hidden_rows,
            merged=scan.merged,
            percent_cells=scan.percent_cells,
            formulas_without_value=scan.formulas_without_value,
            error_cells=scan.error_cells,
        )

    def _values(self, sheet: SheetInfo, parsing: _Parse | None = None) -> list[list[object]]:
        if self._guarded is not None:  # calamine names its part its own way: all checked first
            for member in list(self._guarded.later):
                for _ in self._guarded.inflate(member):
                    pass

        try:
            if parsing is not None:
                parsed = parsing.result()
            else:
                parsed = self.calamine().get_sheet_by_name(sheet.name)
            data = parsed.to_python(skip_empty_area=False)
        except BaseException as exc:  # calamine's errors and panics: corrupt XML, bad strings…
            raise reader_failure(exc) from None
        return [[clean(v) if v.__class__ is str else v for v in row] for row in data]

    def calamine(self) -> Any:
        """calamine's workbook, opened once (by content: the name may say .xls)."""
        from python_calamine import CalamineWorkbook

        if self._calamine is None:
            with open(self.path, "rb") as fh:
                self._calamine = CalamineWorkbook.from_filelike(fh)
        return self._calamine


class _Parse:
    """calamine's parse of one sheet, in a thread of its own; its error is kept for `result`."""

    def __init__(self, book: XlsxBook, sheet: SheetInfo) -> None:
        self._book, self._name = book, sheet.name
        self._parsed: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gplan-calamine", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._parsed = self._book.calamine().get_sheet_by_name(self._name)
        except BaseException as exc:  # said when the values are asked for, after the scan's
            self._error = exc

    def join(self) -> None:
        self._thread.join()

    def result(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._parsed


# -- the exact extent, for sheets not written the usual way ----------------------------------------

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
    place = _Placement()
    carry = b""
    chunks = member_chunks(zf, member, limits.max_unzipped_bytes, limits.max_unzipped_mb)
    with closing(chunks):  # a refusal midway closes the member at once
        for chunk in chain(chunks, (b"",)):  # the empty chunk ends it: the carry is read in full
            data = carry + chunk
            cut = len(data) if not chunk else data.rfind(b"<")
            if cut < 0:
                carry = b""
                continue
            for m in _XL_TAG.finditer(data, 0, cut):
                place.tag(m.group(1), m.group(2))
            if place.rows * place.cols > limits.max_cells:
                check_cells(name, place.rows, place.cols, limits)
            carry = data[cut:]
            if len(carry) > _MAX_TAG:
                raise unreadable("corrupt-zip", member=member)
    check_cells(name, place.rows, place.cols, limits)
    return place.rows, place.cols


class _Placement:
    """Where calamine 0.9 would put each <row> and <c> it meets, and the extent so far."""

    def __init__(self) -> None:
        self.row = self.col = self.rows = self.cols = 0

    def tag(self, kind: bytes, attributes: bytes) -> None:
        ref = _XL_R.search(attributes)
        value = (
            None if ref is None else (ref.group(1) if ref.group(1) is not None else ref.group(2))
        )
        parsed = _XL_REF.match(value) if value is not None else None
        if kind == b"row":
            self.row = int(parsed.group(2)) if parsed and parsed.group(2) else self.row + 1
            self.col = 0
            return
        if parsed and (parsed.group(1) or parsed.group(2)):
            if parsed.group(1):
                self.col = column_index(parsed.group(1).decode("ascii"))
            else:
                self.col += 1
            if parsed.group(2):
                self.row = max(self.row, int(parsed.group(2)))
        else:
            self.col += 1
        self.rows, self.cols = max(self.rows, self.row), max(self.cols, self.col)
