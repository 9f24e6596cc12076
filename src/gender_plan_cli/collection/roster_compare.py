"""A unit's return and its roster, read in one run: every figure the roster counts is compared.

The return counts in the evaluation and the roster is its check: a difference is a
`roster-mismatch` warning at the return's cell that names the roster's count, and the roster's
record of that unit is set aside (not a second return of the unit, nor a resubmission). Two
rosters of one unit: the first read counts, the later is a `duplicate-unit`.
"""

from __future__ import annotations

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.records import FileResult, LoadResult, UnitRecord

_Key = tuple[int, str]


def compare_rosters(result: LoadResult, dropped: dict[int, set[int]]) -> None:
    """Compare rosters with the returns still counted; mark the rows to drop in `dropped`."""
    if not any(fr.role == "roster" for fr in result.files):
        return
    returns: dict[_Key, tuple[FileResult, UnitRecord]] = {}
    for fr in result.files:
        if fr.role == "return":
            for rec in fr.records:
                if rec.source_row not in dropped[id(fr)]:
                    returns.setdefault((rec.report_year, rec.unit_code), (fr, rec))
    rostered: dict[_Key, FileResult] = {}
    for fr in result.files:
        if fr.role != "roster":
            continue
        known = set(fr.roster_units[0].counts) if fr.roster_units else set()
        for rec in fr.records:
            key = (rec.report_year, rec.unit_code)
            row = rec.source_row or 0
            if key in returns:
                _compare(*returns[key], fr, rec, known)
                dropped[id(fr)].add(row)
            elif key in rostered:
                fr.findings.append(
                    fnd.make(
                        "duplicate-unit",
                        fr.path,
                        sheet=fr.sheet,
                        row=row,
                        field="unit_code",
                        value=rec.unit_code,
                        year=rec.report_year,
                        first=rostered[key].path,
                    )
                )
                dropped[id(fr)].add(row)
            else:
                rostered[key] = fr


def _compare(
    ret: FileResult, stated: UnitRecord, roster: FileResult, counted: UnitRecord, known: set[str]
) -> None:
    for fid in COUNT_FIELDS:
        have, count = getattr(stated, fid), getattr(counted, fid)
        if fid not in known or have is None or count is None or have == count:
            continue
        ret.findings.append(
            fnd.make(
                "roster-mismatch",
                ret.path,
                sheet=ret.sheet,
                row=stated.source_row,
                column=stated.source_columns.get(fid),
                field=fid,
                value=have,
                counted=count,
                roster=roster.path,
                unit=stated.unit_code,
            )
        )
