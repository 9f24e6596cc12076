"""The Department's collection for one report year: every unit that must report, and its state.

A unit is `on_time` when its return was received on or before the deadline (rules:
`collection.deadline`), `late` after it, `missing` when no file read holds it. A unit received
in more than one file is `resubmitted` (the latest received counts, as in `check`). Units read
that the registry does not list are included too, marked `in_registry: false`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from gender_plan_cli.collection.registry import Registry
from gender_plan_cli.findings import column_letter
from gender_plan_cli.records import FileResult, LoadResult, Received, ReceivedFrom, order_key

State = Literal["on_time", "late", "missing"]
STATES: tuple[State, ...] = ("on_time", "late", "missing")
# What `--only` and the workbook's sheets select: a state, or the units whose return that
# counts has errors (`invalid`, whatever its date).
Selection = Literal["late", "missing", "invalid", "on_time"]
SELECTIONS: tuple[Selection, ...] = ("late", "missing", "invalid", "on_time")


class OtherDate(BaseModel):
    """Another source's date for the same file, on the other side of the deadline."""

    day: date
    source: ReceivedFrom


class UnitStatus(BaseModel):
    unit_code: str
    unit_name: str | None
    state: State
    resubmitted: bool
    received: date | None
    received_from: ReceivedFrom | None
    files: list[str]  # every file holding the unit, oldest first; the last one counts
    cell: str | None  # where the unit's code is in the file that counts: `path A5`
    in_registry: bool
    valid: bool | None  # whether the file that counts has no error (None: missing)
    # Sources that put the return on the other side of the deadline (a signature line of
    # 10/12 and a file time of 08/01): the state follows `received_from`; these are said.
    disputed: list[OtherDate] = []

    def selected(self, selection: Selection) -> bool:
        return self.valid is False if selection == "invalid" else self.state == selection


class StatusReport(BaseModel):
    schema_version: Literal["1"] = "1"  # of the JSON document: schemas/status.json
    report_year: int
    deadline: date
    registry: str | None
    counts: dict[str, int]
    units: list[UnitStatus]


def collection_status(
    result: LoadResult, registry: Registry | None, year: int, deadline: date
) -> StatusReport:
    """The state of every registry unit for `year` (and of every unit read that it lacks)."""
    held: dict[str, list[tuple[FileResult, int]]] = {}
    names: dict[str, str] = {}
    for fr in result.files:
        if fr.role != "return":
            continue
        for rec in fr.records:
            names.setdefault(rec.unit_code, rec.unit_name)
        for unit_year, code, row in fr.unit_codes:
            if unit_year == year:
                held.setdefault(code, []).append((fr, row))
    expected = registry.expected(year) if registry is not None else []
    units = [
        _status(u.code, u.name, held.get(u.code, []), result.received, deadline, True)
        for u in expected
    ]
    listed = {u.code for u in expected}
    for code in sorted(set(held) - listed):
        units.append(_status(code, names.get(code), held[code], result.received, deadline, False))
    counts: dict[str, int] = {s: sum(1 for u in units if u.state == s) for s in STATES}
    counts["resubmitted"] = sum(1 for u in units if u.resubmitted)
    return StatusReport(
        report_year=year,
        deadline=deadline,
        registry=registry.path if registry is not None else None,
        counts=counts,
        units=units,
    )


def _status(
    code: str,
    name: str | None,
    holders: list[tuple[FileResult, int]],
    received: dict[str, Received],
    deadline: date,
    in_registry: bool,
) -> UnitStatus:
    if not holders:
        return UnitStatus(
            unit_code=code,
            unit_name=name,
            state="missing",
            resubmitted=False,
            received=None,
            received_from=None,
            files=[],
            cell=None,
            in_registry=in_registry,
            valid=None,
        )
    order = sorted(holders, key=lambda h: order_key(received.get(h[0].path)))
    latest, row = order[-1]
    when = received.get(latest.path)
    files = list(dict.fromkeys(fr.path for fr, _ in order))
    column = latest.code_column
    on_time = when is not None and when.day <= deadline
    others = when.others if when is not None else ()
    disputed = [OtherDate(day=d, source=s) for d, s in others if (d <= deadline) != on_time]
    return UnitStatus(
        unit_code=code,
        unit_name=name,
        disputed=disputed,
        state="on_time" if on_time else "late",
        resubmitted=len(files) > 1,
        received=when.day if when else None,
        received_from=when.source if when else None,
        files=files,
        cell=f"{latest.path} {column_letter(column)}{row}" if column else latest.path,
        in_registry=in_registry,
        valid=latest.valid(),
    )
