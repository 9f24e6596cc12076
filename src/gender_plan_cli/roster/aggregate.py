"""A located roster → its units counted, and person findings at rows and cells, no names.

Every person is staff (CBCCVC, NLĐ); a key leader is also a leader; the pool (quy hoạch) is
whoever has a planned title or a mark; a woman of the pool is trained when a trained column
says so or her LLCT / QLNN level is one the rules' `roster:` section lists; an ethnic-minority
leader is a leader of any of the 54 groups but the majority. A person with an error (no sex,
no unit, listed twice in one unit) is not counted; their unit is counted from its other rows.
"""

from __future__ import annotations

from gender_plan_cli.contract import in_plan
from gender_plan_cli.layout.year import report_year_above
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import FileResult
from gender_plan_cli.roster.config import RosterConfig
from gender_plan_cli.roster.count import Counter, RosterFindings
from gender_plan_cli.roster.header import RosterLayout

_REQUIRED = ("position",)
_OPTIONAL = ("planning", "ethnicity")


def read_roster(
    grid: SheetGrid,
    layout: RosterLayout,
    config: RosterConfig,
    shown: str,
    sheet: str | None,
    cli_year: int | None,
) -> FileResult:
    """The roster sheet → a FileResult holding its units counted (`roster_units`)."""
    found = RosterFindings(shown, sheet)
    year = _year(grid, layout, cli_year, found)
    cols = layout.columns
    missing = [fid for fid in _REQUIRED if fid not in cols]
    for fid in missing:
        found.add(
            "roster-missing-column",
            layout.header_rows[-1],
            None,
            field=fid,
            message_id=f"roster-missing-column.{fid}",
        )
    for fid in _OPTIONAL:
        if fid not in cols:
            found.add(
                "roster-missing-column",
                layout.header_rows[-1],
                None,
                field=fid,
                severity="warning",
                message_id=f"roster-missing-column.{fid}",
            )
    if not any(c in cols for c in ("trained", "llct", "qlnn")):
        found.add(
            "roster-missing-column",
            layout.header_rows[-1],
            None,
            field="trained",
            severity="warning",
            message_id="roster-missing-column.trained",
        )
    counter = Counter(grid, layout, config, found, year)
    result = FileResult(path=shown, role="roster", sheet=sheet, report_year=year)
    if not missing:
        units = counter.units()
        result.roster_units = units if year is not None else []
    result.persons = len(counter.persons)
    if not counter.persons:
        found.add("no-units", None, None, message_id="no-units.roster", sheet_name=grid.name)
    result.units = len(result.roster_units)
    result.findings, result.more_findings = found.closed(), found.more
    return result


def _year(
    grid: SheetGrid, layout: RosterLayout, cli_year: int | None, found: RosterFindings
) -> int | None:
    """The title's year (`… NĂM 2025`), else `--report-year`; as for a return."""
    above = report_year_above(grid, layout.top)
    title_year, title_row = (above.year, above.row) if above is not None else (None, None)
    year, source = (title_year, "title") if title_year is not None else (cli_year, "--report-year")
    if year is None:
        found.add(
            "missing-column",
            layout.top,
            None,
            field="report_year",
            message_id="missing-column.report_year",
        )
        return None
    if not in_plan(year):
        found.add(
            "out-of-range",
            title_row,
            None,
            field="report_year",
            value=year,
            message_id="out-of-range.report-year",
            source=source,
        )
        return None
    return year
