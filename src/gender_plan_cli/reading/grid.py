"""The cell grid every reader produces, whatever the file format."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gender_plan_cli.safe_output import cell_text


@dataclass
class SheetInfo:
    """One sheet of a book, as listed before any of its cells are read."""

    name: str
    member: str  # where its cells are: a zip member (.xlsx), else the sheet's name
    hidden: bool


@dataclass
class SheetGrid:
    """One sheet's values, addressed as Excel shows them.

    `rows[i][j]` is the cell at Excel row i+1, column j+1: readers that skip
    leading empty rows or columns pad them back, so a cell reference in a
    finding is the one the user sees. Empty cells are None.
    """

    name: str
    rows: list[list[Any]]
    hidden: bool = False
    hidden_rows: set[int] = field(default_factory=set)  # Excel row numbers
    merged: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r0, c0, r1, c1 (1-based)
    percent_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based
    formulas_without_value: set[tuple[int, int]] = field(default_factory=set)
    error_cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#DIV/0!"
    # The same cells column by column (`columns[j][i] is rows[i][j]`), when the reader made
    # them (`clean_rows`); None otherwise, and once a cell of `rows` is changed.
    columns: list[Sequence[Any]] | None = None

    def value(self, row: int, col: int) -> Any:
        """The value at Excel (row, col), 1-based; None when outside the grid."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 1 <= col <= len(cells):
                return cells[col - 1]
        return None


def clean(value: Any) -> Any:
    """Empty strings and whitespace-only text are empty cells; text is NFC (files hold NFD too);
    control characters are spelt out (`safe_output.cell_text`)."""
    if isinstance(value, str):
        if not value.strip():
            return None
        value = cell_text(value)
        return value if value.isascii() else unicodedata.normalize("NFC", value)
    return value


class _Cleaned(dict[Any, Any]):
    """Each distinct text of a column cleaned once; any other value is itself (and never a
    key: `1`, `1.0` and `True` would be one)."""

    def __missing__(self, value: Any) -> Any:
        if value.__class__ is str:
            cleaned = self[value] = clean(value)
            return cleaned
        return value


def clean_rows(data: list[list[Any]]) -> tuple[list[list[Any]], list[Sequence[Any]] | None]:
    """`clean` of every cell of `data`, in place, decided once per distinct text of a column;
    with the cells column by column when every row has one width (calamine's rows do), else
    None. In a column, equal texts are then one object: a pass over it stays in the cache. Once a
    column has changed (an empty text is an empty cell: most sheets), the rows are made again
    from the columns, a slice at a time: writing each changed cell back cost three times as much
    on a roster of 200,000 people, whose empty cells are many."""
    width = len(data[0]) if data else 0
    if min(map(len, data), default=0) != max(map(len, data), default=0):
        for row in data:
            row[:] = [clean(v) if v.__class__ is str else v for v in row]
        return data, None
    columns: list[Sequence[Any]] = list(zip(*data, strict=True)) if width else []
    changed = False
    for c, cells in enumerate(columns):
        memo = _Cleaned({None: None})
        columns[c] = list(map(memo.__getitem__, cells))
        changed = changed or any(v is not k for k, v in memo.items())
    if changed:
        for lo in range(0, len(data), _ROWS_AT_ONCE):
            hi = lo + _ROWS_AT_ONCE
            data[lo:hi] = map(list, zip(*(cells[lo:hi] for cells in columns), strict=True))
    return data, columns


_ROWS_AT_ONCE = 8192  # rows made again at once: the old ones go as the new ones come
