"""One sheet's cells as text, for a front end to draw the sheet as the user sent it.

Read by the same readers and guards as a return (`reading.open_book`), in an isolated worker
(`api.sheet_view`), and cut to what a page can show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from gender_plan_cli.reading import open_book
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits

CELL_CHARS = 60


@dataclass(frozen=True)
class SheetView:
    """The first `rows` × `columns` cells of a sheet as text ("" when empty), and its extent."""

    sheet: str | None
    cells: list[list[str]]
    total_rows: int
    total_columns: int


def read_sheet_view(
    path: Path,
    *,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    max_rows: int = 200,
    max_columns: int = 40,
) -> SheetView:
    """The sheet named (a CSV's only sheet, or the first when `sheet` is None or absent), cut."""
    found = sheet_grid(path, sheet, limits, else_first=True)
    if found is None:
        return SheetView(sheet, [], 0, 0)
    grid, name = found
    width = max((len(r) for r in grid.rows), default=0)
    cells = [
        [_text(v) for v in row[:max_columns]]
        + [""] * (min(width, max_columns) - len(row[:max_columns]))
        for row in grid.rows[:max_rows]
    ]
    return SheetView(name, cells, len(grid.rows), width)


def sheet_grid(
    path: Path, sheet: str | None, limits: Limits, *, else_first: bool = False
) -> tuple[SheetGrid, str | None] | None:
    """One sheet's grid as the readers give it and its name (None for a CSV): the sheet named,
    the first when `sheet` is None (or, with `else_first`, when none has that name)."""
    book = open_book(path, limits)
    try:
        infos = book.sheets
        chosen = next((i for i in infos if sheet is None or i.name == sheet), None)
        if chosen is None and else_first and infos:
            chosen = infos[0]
        if chosen is None:
            return None
        return book.grid(chosen), (chosen.name if book.has_sheets else None)
    finally:
        book.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.strftime("%d/%m/%Y %H:%M")
            if value.time() != datetime.min.time()
            else value.strftime("%d/%m/%Y")
        )
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"
