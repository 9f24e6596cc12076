"""The book python-calamine reads for .ods and .xls, once their own guards have measured them.

These formats do not expose hidden rows or uncomputed formulas through calamine; docs/check.md
states the limitation. Percent-formatted cells, which calamine gives as bare fractions, are
found by each format's own guard (the ODS value type, the BIFF number format) and passed in.
"""

from __future__ import annotations

from pathlib import Path

from gender_plan_cli.reading.grid import SheetGrid, SheetInfo, clean_rows
from gender_plan_cli.reading.limits import Limits, reader_failure


class CalamineBook:
    """An open .ods/.xls: the worksheets calamine lists, one sheet's values on demand."""

    has_sheets = True

    def __init__(
        self, path: Path, limits: Limits, percent: dict[str, set[tuple[int, int]]] | None = None
    ) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

        self.path = path
        self.limits = limits
        self.percent = percent or {}
        try:
            with open(path, "rb") as fh:  # by content, not by the file's name
                self._book = CalamineWorkbook.from_filelike(fh)
        except BaseException as exc:  # calamine panics are BaseExceptions
            raise reader_failure(exc) from None
        self.sheets = [
            SheetInfo(m.name, m.name, m.visible != SheetVisibleEnum.Visible)
            for m in self._book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet
        ]

    def close(self) -> None:
        self._book.close()

    def grid(self, sheet: SheetInfo) -> SheetGrid:
        try:
            cal = self._book.get_sheet_by_name(sheet.name)
            data = cal.to_python(skip_empty_area=False)
            merged_raw = cal.merged_cell_ranges or []
        except BaseException as exc:  # calamine panics are BaseExceptions
            raise reader_failure(exc) from None
        merged = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in merged_raw]
        rows, columns = clean_rows(data)
        return SheetGrid(
            name=sheet.name,
            rows=rows,
            columns=columns,
            hidden=sheet.hidden,
            merged=merged,
            percent_cells=set(self.percent.get(sheet.name, ())),
        )
