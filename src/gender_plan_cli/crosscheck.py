"""Across every file of one run: duplicate unit codes and unknown parents, per report year.

Each file is read on its own (`load.read_file`); what one file cannot know — whether its
units appear elsewhere, whether its parents exist — is checked here, over all of them.
"""

from __future__ import annotations

from gender_plan_cli import findings as fnd
from gender_plan_cli.findings import CodeId, Finding
from gender_plan_cli.reading.grid import column_letter
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.validate import MAX_FINDINGS_PER_FILE


def cross_check(result: LoadResult) -> None:
    """Across every file of one run: duplicate unit codes and unknown parents, per report year.

    Every unit row counts, valid or not, so that a row with a typo elsewhere is still seen as
    the first holder of its code and as a parent.
    """
    first_seen: dict[tuple[int, str], str] = {}
    codes: dict[int | None, set[str]] = {}
    dropped: dict[int, set[int]] = {id(fr): set() for fr in result.files}
    for fr in result.files:
        column = fr.code_column
        for year, code, row in fr.unit_codes:
            codes.setdefault(year, set()).add(code)
            if year is None:
                continue
            first = first_seen.get((year, code))
            if first is None:
                first_seen[(year, code)] = (
                    f"{fr.path} {column_letter(column)}{row}" if column else fr.path
                )
                continue
            _cross_finding(fr, "duplicate-unit", row, column, "unit_code", code, year, first)
            dropped[id(fr)].add(row)
    undated = codes.get(None, set())
    for fr in result.files:
        for rec in fr.records:
            known = codes.get(rec.report_year, set())
            if rec.parent_code and rec.parent_code not in known and rec.parent_code not in undated:
                column = rec.source_columns.get("parent_code")
                row = rec.source_row or 0
                _cross_finding(
                    fr,
                    "unknown-parent",
                    row,
                    column,
                    "parent_code",
                    rec.parent_code,
                    rec.report_year,
                )
                dropped[id(fr)].add(row)
    for fr in result.files:
        rows = dropped[id(fr)]
        if rows:
            fr.records = [r for r in fr.records if r.source_row not in rows]
            fr.skipped_rows = sorted(set(fr.skipped_rows) | rows)
        fr.findings.sort(key=Finding.sort_key)


def _cross_finding(
    fr: FileResult,
    code: CodeId,
    row: int,
    column: int | None,
    fid: str,
    value: str,
    year: int,
    first: str | None = None,
) -> None:
    """A finding of the cross-file checks, within the file's cap on findings."""
    if len(fr.findings) >= MAX_FINDINGS_PER_FILE:
        return  # the file is already invalid and its report long enough
    args = {"first": first} if first is not None else {}
    fr.findings.append(
        fnd.make(
            code,
            fr.path,
            sheet=fr.sheet,
            row=row,
            column=column,
            field=fid,
            value=value,
            year=year,
            **args,
        )
    )
