"""Across every file of one run: duplicates, resubmissions, parents and the registry.

Each file is read on its own (`load.read_file`); what one file cannot know is checked here:

- a unit twice in one file is a `duplicate-unit` error; a unit in two files is a
  resubmission: the return received later supersedes the earlier one (a `resubmitted` warning
  at the earlier row names both files and the figures that differ); two returns of one unit
  received at the same moment cannot be ordered and stay `duplicate-unit` errors;
- with a registry, a unit must be in it (`unknown-unit`), its parent is checked against it,
  and its name, level and type are compared with it (`registry-mismatch`); without one, a
  parent absent from the files read is a warning, since a commune checking its own return
  cannot hold its parent's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.collection.registry import Registry
from gender_plan_cli.collection.roster_compare import compare_rosters
from gender_plan_cli.contract import COUNT_FIELDS, Kind, choice_label
from gender_plan_cli.findings import CodeId, Finding, Severity, column_letter
from gender_plan_cli.records import FileResult, LoadResult, Received, UnitRecord, order_key
from gender_plan_cli.words import fold, skeleton

_Holder = tuple[FileResult, int]  # a file and the row of a unit in it


def cross_check(
    result: LoadResult,
    registry: Registry | None = None,
    received: Mapping[str, Received] | None = None,
) -> None:
    """Apply every cross-file check to `result` in place: findings added, rows dropped."""
    received = received or {}
    dropped: dict[int, set[int]] = {id(fr): set() for fr in result.files}
    holders: dict[tuple[int, str], list[_Holder]] = {}
    codes: dict[int | None, set[str]] = {}
    for fr in result.files:
        for year, code, row in fr.unit_codes:
            codes.setdefault(year, set()).add(code)
            if year is not None and fr.role != "roster":  # a roster is a return's check
                holders.setdefault((year, code), []).append((fr, row))
    for (year, code), found in holders.items():
        if len(found) > 1:
            _one_return_per_unit(year, code, found, received, dropped)
    _lookalikes(holders, dropped)
    if registry is not None:
        _against_registry(result, registry, dropped)
    _parents(result, registry, codes, dropped)
    compare_rosters(result, dropped)
    for fr in result.files:
        rows = dropped[id(fr)]
        if rows:
            fr.records = fr.records.without_rows(rows)
            fr.skipped_rows = sorted(set(fr.skipped_rows) | _invalid(fr, rows))
        fr.findings.sort(key=Finding.sort_key)
        if fr.more_findings:  # the cap's note says what the checks across files added past it
            fr.findings = fnd.with_cap_note(fr.findings, fr.more_findings, fr.path, fr.sheet)


def _lookalikes(
    holders: dict[tuple[int, str], list[_Holder]], dropped: dict[int, set[int]]
) -> None:
    """Codes that differ but look the same (Cyrillic `Ѕ01`, `S0\u200b1` beside `S01`) are
    duplicate-unit suspects: the one that is not plain ASCII is refused. Two plain ASCII codes
    are never compared so."""
    if all(code.isascii() for _, code in holders):
        return  # no code to suspect (the usual case): nothing to fold
    seen: dict[tuple[int, str], tuple[str, _Holder]] = {}
    for (year, code), found in holders.items():
        key = (year, skeleton(code))
        if key not in seen:
            seen[key] = (code, found[0])
            continue
        other, other_at = seen[key]
        if code.isascii() and other.isascii():
            continue
        if code.isascii():  # the code seen first is the look-alike
            suspects, suspect, real, real_at = holders[(year, other)], other, code, found[0]
            seen[key] = (code, found[0])
        else:
            suspects, suspect, real, real_at = found, code, other, other_at
        for fr, row in suspects:
            _add(
                fr,
                "duplicate-unit",
                row,
                fr.code_column,
                "unit_code",
                suspect,
                year,
                other=real,
                first=_where(*real_at),
                message_id="duplicate-unit.lookalike",
            )
            dropped[id(fr)].add(row)


def _invalid(fr: FileResult, rows: set[int]) -> set[int]:
    """The dropped rows that carry an error (a superseded row is valid, only not counted)."""
    errors = {f.row for f in fr.findings if f.severity == "error" and f.row in rows}
    return {r for r in rows if r in errors}


def _one_return_per_unit(
    year: int,
    code: str,
    found: list[_Holder],
    received: Mapping[str, Received],
    dropped: dict[int, set[int]],
) -> None:
    """Duplicates within a file are errors; across files the latest return wins."""
    first_in_file: dict[int, _Holder] = {}
    for fr, row in found:
        first = first_in_file.get(id(fr))
        if first is None:
            first_in_file[id(fr)] = (fr, row)
            continue
        _add(fr, "duplicate-unit", row, fr.code_column, "unit_code", code, year,
             first=_where(fr, first[1]))  # fmt: skip
        dropped[id(fr)].add(row)
    if len(first_in_file) > 1:
        _latest_wins(year, code, list(first_in_file.values()), received, dropped)


def _latest_wins(
    year: int,
    code: str,
    returns: list[_Holder],
    received: Mapping[str, Received],
    dropped: dict[int, set[int]],
) -> None:
    """Of one unit's returns in several files, the one received last counts; the others are
    `resubmitted`, or `duplicate-unit` when received at the same moment as the newest."""
    order = sorted(returns, key=lambda h: order_key(received.get(h[0].path)))
    newer_fr, newer_row = order[-1]
    newest_key = order_key(received.get(newer_fr.path))
    for fr, row in order[:-1]:
        dropped[id(fr)].add(row)
        if order_key(received.get(fr.path)) == newest_key:
            _add(fr, "duplicate-unit", row, fr.code_column, "unit_code", code, year,
                 first=_where(newer_fr, newer_row), message_id="duplicate-unit.same-time")  # fmt: skip
            continue
        _add(
            fr,
            "resubmitted",
            row,
            fr.code_column,
            "unit_code",
            code,
            year,
            newer=_where(newer_fr, newer_row),
            received=_day(received.get(fr.path)),
            newer_received=_day(received.get(newer_fr.path)),
            differences=_differences(_record(fr, row), _record(newer_fr, newer_row)),
        )


def _day(r: Received | None) -> str:
    return r.day.isoformat() if r is not None else "?"


def _where(fr: FileResult, row: int) -> str:
    column = fr.code_column
    return f"{fr.path} {column_letter(column)}{row}" if column else fr.path


def _record(fr: FileResult, row: int) -> UnitRecord | None:
    return fr.records.at_row(row)


def _differences(old: UnitRecord | None, new: UnitRecord | None) -> str:
    """The figures that differ between two returns of one unit: `field: 45 → 47`, or `—`."""
    if old is None or new is None:
        return "—"
    changed = [
        f"{fid} {getattr(old, fid)} → {getattr(new, fid)}"
        for fid in COUNT_FIELDS
        if getattr(old, fid) != getattr(new, fid)
    ]
    return "; ".join(changed) if changed else "—"


def _against_registry(result: LoadResult, registry: Registry, dropped: dict[int, set[int]]) -> None:
    """Every unit is in the registry, and says of itself what the registry says of it."""
    for fr in result.files:
        for year, code, row in fr.unit_codes:
            unit = registry.unit(code, year)
            if unit is None:
                record = fr.records.at_row(row)
                name = record.unit_name if record is not None else None
                closest = ", ".join(registry.closest(code, name)) or "—"
                _add(
                    fr,
                    "unknown-unit",
                    row,
                    fr.code_column,
                    "unit_code",
                    code,
                    year,
                    registry=registry.path,
                    closest=closest,
                )
                dropped[id(fr)].add(row)
                continue
            record = fr.records.at_row(row)
            if record is not None:
                _compare(fr, record, unit_values(unit), registry.path)


def unit_values(unit: Any) -> dict[str, str | None]:
    return {"unit_name": unit.name, "level": unit.level, "unit_type": unit.unit_type}


def _compare(
    fr: FileResult, record: UnitRecord, expected: dict[str, str | None], shown: str
) -> None:
    for fid, want in expected.items():
        have = getattr(record, fid)
        if want is None or have is None:
            continue
        same = fold(have) == fold(want) if fid == "unit_name" else have == want
        if same:
            continue
        kind = Kind.LEVEL if fid == "level" else Kind.UNIT_TYPE if fid == "unit_type" else None
        _add(
            fr,
            "registry-mismatch",
            record.source_row or 0,
            record.source_columns.get(fid),
            fid,
            _label(kind, have),
            record.report_year,
            expected=_label(kind, want),
            registry=shown,
        )


def _label(kind: Kind | None, value: str) -> str:
    return choice_label(kind, value, "vi") if kind is not None else value


def _parents(
    result: LoadResult,
    registry: Registry | None,
    codes: dict[int | None, set[str]],
    dropped: dict[int, set[int]],
) -> None:
    """A parent is a registry unit (error otherwise), or without a registry one of the units
    read (a warning otherwise: the parent may simply be in a file not given)."""
    undated = codes.get(None, set())
    for fr in result.files:
        rows = fr.records
        for parent, source_row, year, columns in zip(
            rows.column("parent_code"),
            rows.column("source_row"),
            rows.column("report_year"),
            rows.column("source_columns"),
            strict=True,
        ):
            if not parent or (source_row or 0) in dropped[id(fr)]:
                continue
            row, column = source_row or 0, columns.get("parent_code")
            if registry is not None:
                if parent in registry.units:
                    continue
                how: dict[str, Any] = {
                    "message_id": "unknown-parent.registry",
                    "registry": registry.path,
                }
                dropped[id(fr)].add(row)
            elif parent in codes.get(year, set()) or parent in undated:
                continue
            else:  # the parent may simply be in a file not given: a warning
                how = {"message_id": "unknown-parent.unread", "severity": "warning"}
            _add(fr, "unknown-parent", row, column, "parent_code", parent, year, **how)


def _add(
    fr: FileResult,
    code: CodeId,
    row: int,
    column: int | None,
    fid: str,
    value: str,
    year: int | None,
    *,
    severity: Severity | None = None,
    message_id: str | None = None,
    **args: Any,
) -> None:
    """A finding of the cross-file checks, within the file's cap on findings."""
    fnd.keep(
        fr.findings,
        fr.more_findings,
        fnd.make(
            code,
            fr.path,
            sheet=fr.sheet,
            row=row,
            column=column,
            field=fid,
            value=value,
            year=year,
            severity=severity,
            message_id=message_id,
            **args,
        ),
    )
