"""The cell grid every reader produces, whatever the file format."""

from __future__ import annotations

import unicodedata
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
