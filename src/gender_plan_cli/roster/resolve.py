"""A roster's units as written → UnitRecords, each found in the registry of units.

A unit is found by its code (`Mã đơn vị`), else by its name (`Đơn vị`, `Nơi công tác`, or the
title above the table) with the agency words set aside: `xã Cổ Đô` is the place of both
`Ủy ban nhân dân xã Cổ Đô` and `Hội đồng nhân dân xã Cổ Đô`, and each person goes to the one
their position names (`Phó Chủ tịch HĐND xã` → the Council); a person whose position names
neither belongs to the People's Committee, whose staff the commune's civil servants are.
Level, type, parent and sector come from the registry; without one, a roster unit cannot be
placed, and says so (`roster-unit-unresolved`: give `--units`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.collection.registry import Registry, RegistryUnit
from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.records import FileResult, RosterUnit, UnitRecord
from gender_plan_cli.roster.roles import body_of
from gender_plan_cli.words import bare_key

_AGENCY_WORDS = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")
_BODY_OF_TYPE = {"people_committee": "ubnd", "people_council": "hdnd"}
_MIN_PLACE_WORDS = 2


def place_of(name: str) -> str:
    """A unit's name without its agency words: the place UBND and HĐND share."""
    k = f" {bare_key(name)} "
    for words in _AGENCY_WORDS:
        k = k.replace(f" {words} ", " ")
    return k.strip()


class UnitFinder:
    """The registry's units by code and by place, for one report year."""

    def __init__(self, registry: Registry, year: int) -> None:
        self.registry, self.year = registry, year
        self.places: dict[str, dict[str | None, RegistryUnit]] = {}
        for unit in registry.expected(year):
            body = _BODY_OF_TYPE.get(unit.unit_type or "")
            self.places.setdefault(place_of(unit.name), {}).setdefault(body, unit)

    def find(self, u: RosterUnit) -> RegistryUnit | None:
        if u.code:
            return self.registry.unit(u.code, self.year)
        name = u.name or ""
        found = self.places.get(place_of(name))
        if found is None:
            found = self._within(name)
        if not found:
            return None
        for body in (u.body, None, body_of(name), "ubnd"):
            if body in found:
                return found[body]
        return next(iter(found.values())) if len(found) == 1 else None

    def _within(self, text: str) -> dict[str | None, RegistryUnit] | None:
        """The longest registry place named inside `text` (a title, `Phòng X, Sở Y`)."""
        k = f" {place_of(text)} "
        hits = [p for p in self.places if len(p.split()) >= _MIN_PLACE_WORDS and f" {p} " in k]
        return self.places[max(hits, key=len)] if hits else None


def resolve_rosters(files: list[FileResult], registry: Registry | None) -> None:
    """Make the records of every roster file in `files`, in place."""
    for fr in files:
        if fr.role == "roster" and fr.roster_units:
            _resolve(fr, registry)


def _resolve(fr: FileResult, registry: Registry | None) -> None:
    """The units found in the registry → records (two written forms of one unit summed); a
    person's row not counted, or every row of a unit not found, → `skipped_rows`."""
    merged: dict[str, tuple[RegistryUnit, RosterUnit, dict[str, int]]] = {}
    year = fr.report_year or 0
    finder = UnitFinder(registry, year) if registry is not None else None
    unresolved = touched = 0
    for u in fr.roster_units:
        if u.code is None and u.name is None and len(u.skipped) == len(u.rows):
            fr.skipped_rows.extend(u.rows)  # rows of no unit: each has its finding
            continue
        unit = finder.find(u) if finder is not None else None
        if unit is None or unit.level is None or unit.unit_type is None:
            _unresolved(fr, u, registry, unit)
            unresolved += 1
            fr.skipped_rows.extend(u.rows)
            touched += 1
            continue
        fr.skipped_rows.extend(u.skipped)
        touched += bool(u.skipped)
        if unit.code not in merged:
            merged[unit.code] = (unit, u, dict(u.counts))
            continue
        counts = merged[unit.code][2]
        for fid, v in u.counts.items():
            counts[fid] = counts.get(fid, 0) + v
    fr.units = len(merged) + unresolved
    fr.skipped_units = touched
    for unit, first, counts in merged.values():
        fr.unit_codes.append((year, unit.code, first.first_row))
        if counts.get("staff_total", 0) == 0:
            continue  # not one of its people could be counted (each row's error says why)
        fr.records.append(_record(fr, unit, first, counts))


def _record(
    fr: FileResult, unit: RegistryUnit, first: RosterUnit, counts: dict[str, int]
) -> UnitRecord:
    values: dict[str, Any] = {
        f: counts.get(f, 0) for f in COUNT_FIELDS if f != "leaders_ethnic_minority"
    }
    return UnitRecord(
        unit_code=unit.code,
        unit_name=unit.name,
        parent_code=unit.parent_code,
        level=unit.level or "",
        unit_type=unit.unit_type or "",
        sector=unit.sector,
        report_year=fr.report_year or 0,
        leaders_ethnic_minority=counts.get("leaders_ethnic_minority"),
        source_file=fr.path,
        source_sheet=fr.sheet,
        source_row=first.first_row,
        **values,
    )


def _unresolved(
    fr: FileResult, u: RosterUnit, registry: Registry | None, unit: RegistryUnit | None
) -> None:
    shown = u.code or u.name or Path(fr.path).stem
    if registry is None:
        message = "roster-unit-unresolved.no-registry"
    elif unit is None:
        message = "roster-unit-unresolved"
    else:
        message = "roster-unit-unresolved.incomplete"
    fr.findings.append(
        fnd.make(
            "roster-unit-unresolved",
            fr.path,
            sheet=fr.sheet,
            row=u.first_row,
            column=u.column,
            field="unit_code" if u.code else "unit_name",
            value=shown,
            message_id=message,
            registry=registry.path if registry is not None else None,
            persons=u.counts.get("staff_total", 0),
        )
    )
