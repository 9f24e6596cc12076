"""OpenDocument spreadsheets (.ods): the zip guard, the extent guard, then calamine.

python-calamine expands repeated non-empty cells and refuses a table only
above 100 M cells (90 M cells exhausted 6 GB and aborted; 20 M cost ~1.5 GB),
so the used range of every table is measured here first. Trailing empty
repeats, which calamine drops, cost nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gender_plan_cli.reading.calamine import CalamineBook
from gender_plan_cli.reading.limits import (
    BOOK_CELLS_FACTOR,
    CHUNK,
    Limits,
    ReadProblem,
    check_cells,
    too_large,
    unreadable,
)
from gender_plan_cli.reading.zipguard import Entries, open_zip, zip_guard


def open_ods(path: Path, limits: Limits, entries: Entries = None) -> CalamineBook:
    """The .ods after its zip and extent guards, read by calamine; percent cells from the XML.
    `entries`: the zip's directory as `detect` read it."""
    zip_guard(path, limits, entries=entries)
    percent: dict[str, set[tuple[int, int]]] = {}
    ods_extent(path, limits, percent)
    return CalamineBook(path, limits, percent)


def ods_extent(
    path: Path, limits: Limits, percent: dict[str, set[tuple[int, int]]] | None = None
) -> dict[str, tuple[int, int]]:
    """Used range (rows, cols) of each table in content.xml, refusing one over max_cells.

    Measured as calamine reads the table (`_OdsWalk`): repeats are counted, not expanded, and
    trailing empty rows and cells repeated a million times cost nothing. Streamed by expat,
    one event at a time, after zip_guard has bounded the size; a DTD or an entity is refused.
    `percent`, when given, receives each table's cells of `office:value-type="percentage"`
    (1-based row, column): calamine gives their value (0.355) without saying it is 35.5 %.
    """
    from xml.parsers import expat

    path = Path(path)
    walk = _OdsWalk(limits, percent)
    with open_zip(path) as zf:
        try:
            stream = zf.open("content.xml")
        except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
            raise unreadable("corrupt-zip", member="content.xml") from None
        with stream:
            parser = walk.parser(expat.ParserCreate())  # no namespaces: names as written
            try:
                while chunk := stream.read(CHUNK):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
            except (ReadProblem, MemoryError):  # a MemoryError is the worker's to tell
                raise
            except _Forbidden:
                raise unreadable("xml-entities", member="content.xml") from None
            except Exception:  # malformed XML, a bad zip stream
                raise unreadable("corrupt-zip", member="content.xml") from None
    return walk.out


class _Forbidden(Exception):
    """A DTD or an entity declaration in content.xml."""


def _forbid(*_: object) -> None:
    raise _Forbidden


# The attributes that give a cell a value in calamine's eyes (`get_datatype`): any one of them,
# a `table:formula` that is not empty, or `office:value-type="string"` (its text, even none).
_VALUE_ATTRIBUTES = (
    "office:value",
    "office:string-value",
    "office:date-value",
    "office:time-value",
    "office:boolean-value",
)
_CELLS = ("table:table-cell", "table:covered-table-cell")


class _OdsWalk:
    """What calamine 0.37 will allocate for each table of content.xml, measured from expat's
    events before it does (`ods.rs`: `parse_content`, `read_table`, `read_row`).

    calamine matches names as written — `table:table-row`, `office:value` — whatever namespace
    the prefix is bound to, so the parser here has namespaces off and matches them the same way.
    A table is a `table:table` with a `table:name`, and its rows are every `table:table-row`
    until the first `</table:table>`, at any depth. A cell is not empty when it has a value
    attribute (`_VALUE_ATTRIBUTES`: a bare `office:value` with no type is a number to calamine),
    a string type, or a formula; text alone, or a type alone, is an empty cell. Within a row,
    calamine keeps every cell it meets except a run of empty ones at the row's end (`stored`,
    which a row of empty runs fills without a used range to show it); then it expands the used
    range, repeats and all.
    """

    def __init__(self, limits: Limits, percent: dict[str, set[tuple[int, int]]] | None) -> None:
        self.limits = limits
        self.percent = percent
        self.out: dict[str, tuple[int, int]] = {}
        self.table: _Table | None = None
        self.in_row = False
        self.skip = 0  # depth inside a cell (or anything else in a row) that calamine skips
        self.col = self.last = self.kept = self.pending = 0  # the open row, as calamine reads it
        self.row_percent: list[int] = []
        self.row_repeat = 1

    def parser(self, parser: Any) -> Any:
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.StartDoctypeDeclHandler = _forbid
        parser.EntityDeclHandler = _forbid
        parser.UnparsedEntityDeclHandler = _forbid
        parser.ExternalEntityRefHandler = _forbid
        return parser

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.skip:
            self.skip += 1
        elif self.in_row:
            self.skip = 1
            if name in _CELLS:
                self.cell(attrs)
        elif self.table is not None:
            if name == "table:table-row":
                self.in_row = True
                self.col = self.last = self.kept = self.pending = 0
                self.row_repeat = _repeat(attrs.get("table:number-rows-repeated"))
                self.row_percent = []
        elif name == "table:table" and "table:name" in attrs:
            self.table = _Table(attrs["table:name"])

    def cell(self, attrs: dict[str, str]) -> None:
        repeat = _repeat(attrs.get("table:number-columns-repeated"))
        if self.percent is not None and attrs.get("office:value-type") == "percentage":
            if repeat <= 1024:
                self.row_percent.extend(range(self.col + 1, self.col + repeat + 1))
        self.col += repeat
        self.kept += self.pending  # the empty run before this cell is kept, whatever this is
        if (
            attrs.get("office:value-type") == "string"
            or attrs.get("table:formula")
            or any(a in attrs for a in _VALUE_ATTRIBUTES)
        ):
            self.kept += repeat
            self.pending = 0
            self.last = self.col
        else:
            self.pending = repeat

    def end(self, name: str) -> None:
        if self.skip:
            self.skip -= 1
        elif self.in_row:  # the row's own end: expat keeps the nesting
            self.in_row = False
            self.end_row()
        elif self.table is not None and name == "table:table":
            table, self.table = self.table, None
            self.out[table.name] = (table.rows, table.cols)
            _book_cells(self.out, table.name, self.limits)

    def end_row(self) -> None:
        table = self.table
        assert table is not None
        start = table.next_row
        table.next_row = start + self.row_repeat
        if self.percent is not None and self.row_percent and self.row_repeat <= 1024:
            cells = self.percent.setdefault(table.name, set())
            cells.update((r + 1, c) for r in range(start, table.next_row) for c in self.row_percent)
        if self.last:
            table.rows = table.next_row
            table.cols = max(table.cols, self.last)
            check_cells(table.name, table.rows, table.cols, self.limits)
        table.kept += self.kept
        table.row_tags += 1
        table.widest_kept = max(table.widest_kept, self.kept)
        if table.kept > self.limits.max_cells:  # kept before any range is made: per row tag
            check_cells(table.name, table.row_tags, table.widest_kept, self.limits)


@dataclass
class _Table:
    """One table as calamine reads it: its used range so far and the cells it keeps."""

    name: str
    next_row: int = 0
    rows: int = 0  # used range
    cols: int = 0
    kept: int = 0  # cells calamine keeps while reading, one row tag at a time (not repeated)
    row_tags: int = 0
    widest_kept: int = 0


def _book_cells(extents: dict[str, tuple[int, int]], table: str, limits: Limits) -> None:
    """calamine expands every table of an .ods when it opens the file, not only the tables
    read: the book's cells are counted here, against the book's budget, before it does."""
    limit = limits.max_cells * BOOK_CELLS_FACTOR
    if sum(rows * cols for rows, cols in extents.values()) > limit:
        raise too_large("book-cells", sheet=table, limit=limit, flag="--max-cells")


def _repeat(value: str | None) -> int:
    try:
        n = int(value) if value else 1
    except ValueError:
        return 1
    return max(n, 1)
