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
its cells (`xlsx_extent.xlsx_sheet_extent`). The scan is `xlsx_scan`; the
sheet list and the percent styles are `xlsx_workbook`'s.

Before any of this, the zip itself passes `zipguard.zip_guard`.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from gender_plan_cli.reading.grid import SheetGrid, SheetInfo, clean_rows
from gender_plan_cli.reading.limits import Limits, ReadProblem, overlap, reader_failure
from gender_plan_cli.reading.xlsx_extent import xlsx_sheet_extent
from gender_plan_cli.reading.xlsx_scan import SheetScan, percent_cell_pattern, scan_stream
from gender_plan_cli.reading.xlsx_workbook import (
    STRUCTURE,
    percent_styles,
    remembered,
    sheet_entries,
)
from gender_plan_cli.reading.zipguard import Entries, Guarded, member_chunks, read_member, zip_guard


def open_xlsx(path: Path, limits: Limits, entries: Entries = None) -> XlsxBook:
    """The .xlsx/.xlsm after its zip guard; each sheet's extent is checked when it is read (and
    a workbook's only sheet part is inflated once, by the scan, under the guard's checks; the
    small structural parts the guard inflated are kept for the book). `entries`: the zip's
    directory as `detect` read it."""
    guarded = zip_guard(path, limits, defer_sheet=True, keep=STRUCTURE, entries=entries)
    return XlsxBook(path, limits, guarded)


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
        self._percent_cell = percent_cell_pattern(self._percent_style_ids())
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
            for name, member, hidden in remembered(sheet_entries, book, rels)
            if member in names  # else a chart sheet or a dangling relation: no cells to read
        ]

    def _percent_style_ids(self) -> frozenset[int]:
        styles = self._read_small("xl/styles.xml")
        return frozenset() if styles is None else remembered(percent_styles, styles)

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
            scan_stream(chunks, out, sheet.name, self.limits, self._percent_cell, deferred)
        if out.irregular:  # the exact measure is the extent (a sheet without `r=` has no other)
            out.max_row, out.max_col = xlsx_sheet_extent(
                self._zip, sheet.member, self.limits, sheet.name
            )
        return out

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
        rows: list[list[Any]] = []
        columns: list[Sequence[Any]] | None = []
        if scan.max_row and scan.max_col:
            rows, columns = clean_rows(self._values(sheet, parsing))
        return SheetGrid(
            name=sheet.name,
            rows=rows,
            columns=columns,
            hidden=sheet.hidden,
            hidden_rows=scan.hidden_rows,
            merged=scan.merged,
            percent_cells=scan.percent_cells,
            formulas_without_value=scan.formulas_without_value,
            error_cells=scan.error_cells,
        )

    def _values(self, sheet: SheetInfo, parsing: _Parse | None = None) -> list[list[Any]]:
        if self._guarded is not None:  # calamine names its part its own way: all checked first
            for member in list(self._guarded.later):
                for _ in self._guarded.inflate(member):
                    pass

        try:
            if parsing is not None:
                parsed = parsing.result()
            else:
                parsed = self.calamine().get_sheet_by_name(sheet.name)
            data: list[list[Any]] = parsed.to_python(skip_empty_area=False)
        except BaseException as exc:  # calamine's errors and panics: corrupt XML, bad strings…
            raise reader_failure(exc) from None
        return data

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
