"""OpenDocument spreadsheets (.ods): the zip guard, the extent guard, then calamine.

python-calamine expands repeated non-empty cells and refuses a table only
above 100 M cells (90 M cells exhausted 6 GB and aborted; 20 M cost ~1.5 GB),
so the used range of every table is measured here first. Trailing empty
repeats, which calamine drops, cost nothing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gender_plan_cli.reading.calamine import CalamineBook
from gender_plan_cli.reading.limits import (
    BOOK_CELLS_FACTOR,
    Limits,
    ReadProblem,
    check_cells,
    too_large,
    unreadable,
)
from gender_plan_cli.reading.zipguard import Entries, open_zip, zip_guard

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = "{" + _TABLE_NS + "}"
_VALUE_TYPE = "{" + _OFFICE_NS + "}value-type"
_ANNOTATION = "{" + _OFFICE_NS + "}annotation"
_CALC_VALUE_TYPE = (
    "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"
)
_ODS_CELLS = (_T + "table-cell", _T + "covered-table-cell")
_DEFUSED = ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden")


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

    Repeats are counted, not expanded: trailing empty rows and cells repeated
    a million times are normal in ODS and cost nothing; a repeated non-empty
    cell or row counts in full. Parsed by defusedxml, streaming, one cell at a
    time (each is dropped once counted), after zip_guard has bounded the size.
    `percent`, when given, receives each table's cells of `office:value-type="percentage"`
    (1-based row, column): calamine gives their value (0.355) without saying it is 35.5 %.
    """
    from defusedxml.ElementTree import iterparse

    path = Path(path)
    out: dict[str, tuple[int, int]] = {}
    with open_zip(path) as zf:
        try:
            stream = zf.open("content.xml")
        except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError):
            raise unreadable("corrupt-zip", member="content.xml") from None
        with stream:
            try:
                _walk_ods(iterparse(stream, events=("start", "end")), out, limits, percent)
            except ReadProblem:
                raise
            except Exception as exc:  # defusedxml refusals and malformed XML alike
                if type(exc).__name__ in _DEFUSED:
                    raise unreadable("xml-entities", member="content.xml") from None
                raise unreadable("corrupt-zip", member="content.xml") from None
    return out


def _walk_ods(
    events: Iterator[tuple[str, Any]],
    out: dict[str, tuple[int, int]],
    limits: Limits,
    percent: dict[str, set[tuple[int, int]]] | None = None,
) -> None:
    stack: list[Any] = []
    tables: list[list[Any]] = []  # per open table: [name, next row, rows used, cols used]
    row_col = row_last = 0
    row_percent: list[int] = []  # the 1-based columns of the open row's percentage cells
    for event, el in events:
        tag = el.tag
        if event == "start":
            stack.append(el)
            if tag == _T + "table":
                tables.append([el.get(_T + "name") or "?", 0, 0, 0])
            elif tag == _T + "table-row":
                row_col = row_last = 0
                row_percent = []
            continue
        stack.pop()
        parent = stack[-1] if stack else None
        if tag in _ODS_CELLS and parent is not None and parent.tag == _T + "table-row":
            repeat = _repeat(el.get(_T + "number-columns-repeated"))
            if percent is not None and el.get(_VALUE_TYPE) == "percentage" and repeat <= 1024:
                row_percent.extend(range(row_col + 1, row_col + repeat + 1))
            row_col += repeat
            if _ods_cell_has_value(el):
                row_last = row_col
        elif tag == _T + "table-row" and tables:
            table = tables[-1]
            start = table[1]
            table[1] = start + _repeat(el.get(_T + "number-rows-repeated"))
            if percent is not None and row_percent and table[1] - start <= 1024:
                cells = percent.setdefault(str(table[0]), set())
                cells.update((r + 1, c) for r in range(start, table[1]) for c in row_percent)
            if row_last:
                table[2] = table[1]
                table[3] = max(table[3], row_last)
                check_cells(table[0], table[2], table[3], limits)
        elif tag == _T + "table" and tables:
            name, _, rows, cols = tables.pop()
            out[str(name)] = (rows, cols)
            _book_cells(out, str(name), limits)
        inside_cell = any(e.tag in _ODS_CELLS for e in stack)
        if parent is not None and not inside_cell and len(parent) and parent[-1] is el:
            del parent[-1]  # counted: let it go, so memory stays one cell deep


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


def _ods_cell_has_value(cell: Any) -> bool:
    if cell.get(_VALUE_TYPE) or cell.get(_CALC_VALUE_TYPE):
        return True
    for child in cell:
        if child.tag != _ANNOTATION and "".join(child.itertext()).strip():
            return True
    return False
