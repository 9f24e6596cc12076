"""The `no-header` finding, made helpful: the closest header, what it recognised, what is missing.

When no sheet's header matches the contract, the user is told the sheet and row that came
closest, which columns were recognised there, which required ones are missing — and, when the
figures were typed on another sheet than the one with the header, that too. Never a list of
every sheet's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import FIELD_BY_ID, REQUIRED_FIELDS
from gender_plan_cli.findings import Finding, column_letter
from gender_plan_cli.layout import Candidate
from gender_plan_cli.layout.cells import is_number_like
from gender_plan_cli.layout.locate import rank
from gender_plan_cli.reading import Book
from gender_plan_cli.reading.grid import SheetGrid

_SHOWN = 6  # columns named at most, then "…"


@dataclass
class Closest:
    """The best candidate header over the sheets read so far, and where figures were seen."""

    sheet: str | None = None
    candidate: Candidate | None = None
    figures_below: bool = False
    data_sheet: str | None = None  # the first sheet with many figures

    def see(self, grid: SheetGrid, candidate: Candidate | None) -> None:
        figures = _figures(grid, 1)
        if self.data_sheet is None and figures >= 6:
            self.data_sheet = grid.name
        if candidate is None:
            return
        if self.candidate is None or rank(candidate) > rank(self.candidate):
            self.sheet, self.candidate = grid.name, candidate
            self.figures_below = _figures(grid, candidate.bottom + 1) >= 3

    def finding(self, shown: str) -> Finding:
        c = self.candidate
        if c is None:
            return fnd.make("no-header", shown)
        found = list(
            dict.fromkeys(
                f"{col.header.split(' / ')[-1]} ({column_letter(col.index)})"
                for col in c.columns
                if col.field and col.index == _first_of(c, col.field)
            )
        )
        have = {col.field for col in c.columns if col.field}
        missing = [
            f'"{FIELD_BY_ID[f].label_vi}"'
            for f in REQUIRED_FIELDS
            if f not in have and f != "report_year"
        ]
        elsewhere = not self.figures_below and self.data_sheet not in (None, self.sheet)
        return fnd.make(
            "no-header",
            shown,
            sheet=self.sheet,
            row=c.top,
            message_id="no-header.closest-other-sheet" if elsewhere else "no-header.closest",
            sheet_name=self.sheet,
            rows=f"{c.top}–{c.bottom}" if c.bottom > c.top else str(c.top),
            found=_listed(found) or "—",
            missing=_listed(missing),
            data_sheet=self.data_sheet if elsewhere else None,
        )


def _first_of(c: Candidate, fid: str) -> int:
    return next(col.index for col in c.columns if col.field == fid)


def _listed(items: list[str]) -> str:
    more = len(items) - _SHOWN
    return ", ".join(items[:_SHOWN]) + (f" (+{more})" if more > 0 else "")


def data_sheet_elsewhere(book: Book, header_sheet: str, limit: int = 20) -> str | None:
    """The first other sheet (of the first `limit`) holding figures: where the data went."""
    for info in book.sheets[:limit]:
        if info.name != header_sheet and _figures(book.grid(info), 1) >= 6:
            return info.name
    return None


def _figures(grid: SheetGrid, start: int, cap: int = 50) -> int:
    """How many number cells from row `start` on (counting stops at `cap`)."""
    n = 0
    for row in grid.rows[start - 1 :]:
        for v in row:
            if v is not None and not isinstance(v, str) and is_number_like(v):
                n += 1
                if n >= cap:
                    return n
    return n
