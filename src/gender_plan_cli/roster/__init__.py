"""Person-level rosters (danh sách cán bộ, danh sách trích ngang): one row per person.

A sheet with no return header but a roster header (`Họ và tên`, sex, date of birth, position…)
is read here and aggregated, column by column, into the figures a return would state:

    header.py     grid → RosterLayout (which column holds what), or None
    roles.py      a position title → key leader / leader / staff, and UBND or HĐND (roles.yaml)
    config.py     what counts (roles, ethnic groups, training levels), as data
    aggregate.py  the person rows → per-unit counts and person findings (row and cell, no names)
    resolve.py    per-unit counts → UnitRecords, the unit found in the registry

(`RosterUnit`, what a roster hands over, is a record type in `records`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gender_plan_cli.reading.grid import SheetGrid
    from gender_plan_cli.records import FileResult
    from gender_plan_cli.roster.config import RosterConfig

__all__ = ["read_roster_sheet"]


def read_roster_sheet(
    grid: SheetGrid,
    shown: str,
    sheet: str | None,
    cli_year: int | None,
    config: RosterConfig | None = None,
) -> FileResult | None:
    """A sheet that is a roster → its FileResult (units counted, person findings); else None."""
    from gender_plan_cli.roster.aggregate import read_roster
    from gender_plan_cli.roster.config import roster_config
    from gender_plan_cli.roster.header import locate_roster

    layout = locate_roster(grid)
    if layout is None:
        return None
    return read_roster(grid, layout, config or roster_config(), shown, sheet, cli_year)
