"""The .xlsx sheet scan: one bounded, streaming pass over a sheet's XML with byte patterns (no
XML parser, so no entity is expanded) for its extent, hidden rows, percent cells, formulas
without a value, Excel errors and merged ranges, before calamine allocates anything."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from gender_plan_cli.findings import column_index, column_letter
from gender_plan_cli.reading.limits import Limits, ReadProblem, check_cells, too_large

_SCAN_CHUNK = 4 * 1024 * 1024
MAX_COLUMNS = 16_384  # XFD: the last column of a sheet Excel or LibreOffice can write


def check_extent(sheet: str, rows: int, cols: int, limits: Limits) -> None:
    """The cell limit, and the last column a spreadsheet has: calamine places a cell written
    without `r` after the one before, however far, and a sheet 1,250,000 columns wide (four
    rows at the cell limit) cost the reader a gigabyte where the same cells within XFD cost
    400 MB."""
    if cols > MAX_COLUMNS:
        raise too_large("columns", sheet=sheet, columns=cols, limit=MAX_COLUMNS)
    check_cells(sheet, rows, cols, limits)


_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ATTR_R = re.compile(rb'\br="(\d+)"')
# Each pattern starts with a literal, so the regex engine skips ahead by fast search.
_CELL_CANON_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
_CELL_CANON_ROW = re.compile(rb'<c r="[A-Z]{1,3}([1-9][0-9]*)"')
_ROW_CANON = re.compile(rb'<row r="([1-9][0-9]*)"')
_ODD_TAG = re.compile(rb"<c[>/\t\n\r]|<row[>/\t\n\r]")
_PREFIXED = re.compile(rb"<\w+:(?:c|row)[\s/>]")
_COLON_TAG = re.compile(rb":(?:c|row)")  # one search for either, which a prefixed tag holds
_FORMULA = re.compile(rb"<f\b")
_ERROR_TYPE = re.compile(rb't="e"')
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>([^<]*)<")
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_MERGE = re.compile(rb'mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


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


def _proved_within(data: bytes, out: SheetScan) -> bool:
    """Every row and cell tag of `data` is written as Excel writes it (`<row r="7"`, `<c
    r="B7"`) and lies within the extent found so far, grown by the part's last row: then the
    part adds that row and nothing else to the extent, and two searches of the bytes prove it
    (each tag not so written, or beyond, is what they look for) without listing 4,000,000
    references in Python. False: the part is measured tag by tag (`_measure`)."""
    if not out.max_col:
        return False
    last = _ROW_CANON.match(data, max(data.rfind(b'<row r="'), 0))
    if last is None:
        return False
    max_row = max(out.max_row, int(last.group(1)))
    if _odd_row(max_row).search(data) or _odd_cell(max_row, out.max_col).search(data):
        return False
    if _COLON_TAG.search(data) and _PREFIXED.search(data):
        return False
    out.max_row = max_row
    return True


@lru_cache(maxsize=64)
def _odd_row(max_row: int) -> re.Pattern[bytes]:
    """A row tag not written `<row r="N"` with N within 1..max_row."""
    within = _up_to_number(max_row).encode()
    return re.compile(rb'<row(?:[\t\n\r>/]| (?!r="' + within + rb'"))')


@lru_cache(maxsize=64)
def _odd_cell(max_row: int, max_col: int) -> re.Pattern[bytes]:
    """A cell tag not written `<c r="B7"` within (max_row, max_col)."""
    within = _up_to_letters(column_letter(max_col)) + _up_to_number(max_row)
    return re.compile(rb'<c(?:[\t\n\r>/]| (?!r="' + within.encode() + rb'"))')


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
    """The largest of numbers written in digits."""
    return max(map(int, digits))


def percent_cell_pattern(styles: frozenset[int]) -> re.Pattern[bytes] | None:
    """A cell written with one of the percent `styles` (indexes into cellXfs); None without any."""
    return (
        re.compile(
            rb'<c r="([A-Z]{1,3})([1-9][0-9]*)"[^>]*?\ss="(?:'
            + b"|".join(str(i).encode() for i in sorted(styles))
            + rb')"'
        )
        if styles
        else None
    )


def scan_stream(
    chunks: Iterator[bytes],
    out: SheetScan,
    sheet: str,
    limits: Limits,
    percent_cell: re.Pattern[bytes] | None,
    deferred: bool,
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
        scan_part(data[:cut], out, percent_cell)
        carry = data[cut:]
        try:
            check_extent(sheet, out.max_row, out.max_col, limits)
        except ReadProblem as problem:
            if not deferred:
                raise
            over = problem
    if over is not None:
        raise over
    if carry:
        scan_part(carry, out, percent_cell)
    check_extent(sheet, out.max_row, out.max_col, limits)


def scan_part(data: bytes, out: SheetScan, percent_cell: re.Pattern[bytes] | None) -> None:
    """What one part of the sheet, cut at a tag's end, adds to `out`."""
    if not _proved_within(data, out):
        _measure(data, out)
    if b"hidden=" in data:
        for tag in _HIDDEN_ROW.findall(data):
            r = _ATTR_R.search(tag)
            if r:
                out.hidden_rows.add(int(r.group(1)))
    if percent_cell is not None:
        for col, row in percent_cell.findall(data):
            out.percent_cells.add((int(row), column_index(col.decode())))
    for m in _FORMULA.finditer(data):
        _formula(data, m.start(), m.end(), out)
    if b't="e"' in data:
        _errors(data, out)
    if b"mergeCell" in data:
        for c0, r0, c1, r1 in _MERGE.findall(data):
            out.merged.append(
                (int(r0), column_index(c0.decode()), int(r1), column_index(c1.decode()))
            )


def _measure(data: bytes, out: SheetScan) -> None:
    """The extent, from cells and rows written as Excel and openpyxl write them (`<c r="B7"`,
    `<row r="7"`), listed one by one. Any other spelling (quotes, spaces, case, no `r`,
    prefixes) makes the counts differ, and the exact, slower measure is taken instead."""
    rows = _ROW_CANON.findall(data)
    if len(rows) != data.count(b"<row "):
        out.irregular = True
    if rows:
        out.max_row = max(out.max_row, _largest_number(rows))
    cells = data.count(b"<c ")
    letters = _CELL_CANON_COLUMN.findall(data)
    if len(letters) != cells:
        out.irregular = True
    if letters:
        widest = max(set(letters), key=lambda c: (len(c), c))
        out.max_col = max(out.max_col, column_index(widest.decode()))
        numbers = _CELL_CANON_ROW.findall(data)  # a cell's row can exceed its <row>'s
        out.max_row = max(out.max_row, _largest_number(numbers))
    if _ODD_TAG.search(data) or (_COLON_TAG.search(data) and _PREFIXED.search(data)):
        out.irregular = True


def _errors(data: bytes, out: SheetScan) -> None:
    """Excel errors (`t="e"`): calamine gives one as an empty cell."""
    for m in _ERROR_TYPE.finditer(data):
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
            out.formulas_without_value.add((int(ref.group(2)), column_index(ref.group(1).decode())))
