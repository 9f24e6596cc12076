"""What a roster file hands over from its reader process: counts per unit, no person."""

from __future__ import annotations

from pydantic import BaseModel


class RosterUnit(BaseModel):
    """One unit of a roster as written (code, name, UBND/HĐND), with its people counted."""

    code: str | None = None
    name: str | None = None
    body: str | None = None  # "ubnd" / "hdnd" when the positions or the unit say so
    report_year: int | None = None
    counts: dict[str, int] = {}
    first_row: int = 0  # the row of its first person, where a finding about the unit goes
    column: int | None = None  # the unit's column (code, else name), for that finding
    blocked: bool = False  # a person of the unit has an error: no record
