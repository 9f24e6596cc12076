"""The person rows of a roster → per-unit counts; person findings at their row and cell.

Column by column, never an object per person: each fact is a list over the persons, what a
cell says decided once per distinct value (`people.each`), and the loops over the persons left
to `map`, `zip`, `compress` and `Counter`; Python steps one by one only through the rows a
finding is about, and through the people who may be one person (`same_person`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, count, repeat
from operator import and_, is_, is_not, itemgetter, not_, or_
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.findings import CodeId
from gender_plan_cli.layout.header_file import words
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import RosterUnit
from gender_plan_cli.roster.config import RosterConfig
from gender_plan_cli.roster.header import RosterLayout
from gender_plan_cli.roster.people import (
    Decided,
    Words,
    column,
    each,
    is_date,
    marked,
    sex_of,
    text,
    yes,
)
from gender_plan_cli.roster.roles import RANK
from gender_plan_cli.roster.same_person import same_people
from gender_plan_cli.words import bare_key

_PERSON_COLUMNS = (
    "sex",
    "female",
    "male",
    "dob",
    "dob_male",
    "dob_female",
    "ethnicity",
    "position",
)
_KEY, _LEADER = RANK["key_leader"], RANK["leader"]
UnitKey = tuple[str, str, str | None]  # (code, name, body) as written
# A distinct (code, unit, position), decided: the unit's key, the role's rank, the position
# when no title matches it, whether the person has no unit at all, and the unit's number (in
# the order the units are first listed).
Role = tuple[UnitKey, int, str | None, bool, int]


def _title(grid: SheetGrid, top: int) -> str:
    """The title rows above the header, as one line: the unit of a roster without a unit
    column (`DANH SÁCH CÁN BỘ UBND XÃ CỔ ĐÔ NĂM 2025`)."""
    words = [text(v) for row in grid.rows[: top - 1] for v in row if isinstance(v, str)]
    return " ".join(w for w in words if w)[:300]


def _where(flags: Iterable[Any]) -> Iterator[int]:
    """The positions whose flag is true."""
    return compress(count(), flags)


def _filled(cells: Iterable[Any]) -> Iterator[bool]:
    return map(is_not, cells, repeat(None))


def _empty(cells: Iterable[Any]) -> Iterator[bool]:
    return map(is_, cells, repeat(None))


def _day(dob: Any) -> str | None:
    """A date of birth's text; None when the cell is empty or holds no date."""
    return None if dob is None or not is_date(dob) else text(dob)


def _folded(name: Any) -> str:
    return " ".join(name.lower().split()) if isinstance(name, str) else text(name)


def _identity(value: Any) -> str:
    return "".join(text(value).split()).upper()


def _a_person(name: Any) -> bool:
    """A name cell that may be a person's: not empty, not a totals line (`Tổng cộng`)."""
    if name is None:
        return False
    k = bare_key(text(name)) if isinstance(name, str) and name[:1] in "TtCc" else ""
    return not (k and (k in words().total_words or k.startswith(words().total_prefixes)))


class Counter:
    """Counts one roster sheet. `units()` gives the tally; `found` receives the findings."""

    def __init__(
        self,
        grid: SheetGrid,
        layout: RosterLayout,
        config: RosterConfig,
        found: RosterFindings,
        year: int | None,
    ) -> None:
        self.cols = layout.columns
        self.start = layout.data_start
        self.rows = grid.rows[layout.data_start - 1 :]
        self.found, self.year = found, year
        self.words = Words(config)
        self._grid_columns = grid.columns
        self._columns: dict[str, Sequence[Any]] = {}
        self._units: dict[UnitKey, int] = {}  # each unit's number, in the order first listed
        self.names = self.column("name")
        self.dobs = self._dobs()
        self.persons = self._persons()
        self._everyone = len(self.persons) == len(self.rows)
        has_unit = "unit_code" in self.cols or "unit_name" in self.cols
        self.default_unit = "" if has_unit else _title(grid, layout.top)

    def column(self, fid: str) -> Sequence[Any]:
        """A column's cells at every data row (None without the column): taken from the
        reader's columns when it made them, else from the rows."""
        if fid not in self._columns:
            col, every = self.cols.get(fid), self._grid_columns
            if col is not None and every is not None:
                cells = every[col - 1][self.start - 1 :] if col <= len(every) else None
                self._columns[fid] = [None] * len(self.rows) if cells is None else cells
            else:
                self._columns[fid] = column(self.rows, col)
        return self._columns[fid]

    def at(self, fid: str) -> Sequence[Any]:
        """A column's cells at the persons' rows."""
        return self._of_persons(self.column(fid))

    def _of_persons(self, cells: Sequence[Any]) -> Sequence[Any]:
        return cells if self._everyone else list(map(cells.__getitem__, self.persons))

    def _dobs(self) -> Sequence[Any]:
        if "dob" in self.cols:
            return self.column("dob")
        f, m = self.column("dob_female"), self.column("dob_male")
        return [a if a is not None else b for a, b in zip(f, m, strict=True)]

    def _persons(self) -> list[int]:
        """Rows with a name and something about the person: captions, totals and signature
        lines (a name cell alone) are passed over."""
        others = [self.column(c) for c in _PERSON_COLUMNS if c in self.cols]
        if not others:
            return []
        filled: Iterable[bool] = _filled(others[0])
        for cells in others[1:]:
            filled = map(or_, filled, _filled(cells))
        named = map(Decided(_a_person).__getitem__, self.names)
        return list(_where(map(and_, named, filled)))

    def person(self, j: int) -> str:
        """Who person `j` is, for `--show-names` only."""
        i = self.persons[j]
        dob = self.dobs[i]
        return f"{text(self.names[i])}, {text(dob)}" if dob is not None else text(self.names[i])

    def row(self, j: int) -> int:
        return self.start + self.persons[j]

    def sexes(self) -> list[bool | None]:
        """True for a woman, per person: a sex column, else `x` in a Nữ / Nam column, else
        the date of birth written under `Nam` or under `Nữ`."""
        if "sex" in self.cols:
            return each(sex_of, self.at("sex"))
        if "female" in self.cols:
            f, m = self.at("female"), self.at("male")
            has_male = "male" in self.cols
            return [
                True if marked(a) and a is not None else (None if has_male and b is None else False)
                for a, b in zip(f, m, strict=True)
            ]
        if "male" in self.cols:
            return [False if v is not None and marked(v) else None for v in self.at("male")]
        f, m = self.at("dob_female"), self.at("dob_male")
        return [
            (a is not None) if (a is None) != (b is None) else None
            for a, b in zip(f, m, strict=True)
        ]

    def units(self) -> list[RosterUnit]:
        """Every unit of the sheet with its people counted (in the order first listed); a
        person with an error is not counted, and is in their unit's `skipped`."""
        sexes = self.sexes()
        roles = self._roles()
        skip = self._check_people(sexes, roles)
        return self._tally(sexes, roles, skip)

    def _roles(self) -> list[Role]:
        """Each person's unit (code, name, UBND/HĐND) and role, decided once per distinct
        (code, unit, position) as text; unknown titles warned at each of their cells."""
        n = len(self.persons)
        codes = each(text, self.at("unit_code")) if "unit_code" in self.cols else [""] * n
        names = each(self._unit_name, self.at("unit_name"))
        positions = each(text, self.at("position"))
        roles: list[Role] = list(
            map(Decided(self._role_of).__getitem__, zip(codes, names, positions, strict=True))
        )
        col = self.cols.get("position")
        for j in _where(_filled(map(itemgetter(2), roles))):
            self.found.add(
                "roster-unknown-position",
                self.row(j),
                col,
                value=roles[j][2],
                roles=self.words.config.roles_file,
            )
        return roles

    def _unit_name(self, value: Any) -> str:
        return text(value) or self.default_unit

    def _role_of(self, written: tuple[str, str, str]) -> Role:
        """(unit key, role rank, the position when no title matches it, no unit)."""
        code, uname, position = written
        unit_body = self.words.unit_body(uname) if uname else None
        role_body = self.words.role(position, unit_body)
        role, body = role_body or ("staff", unit_body)
        unknown = None if role_body else position
        key = (code, uname, body)
        number = self._units.setdefault(key, len(self._units))
        return key, RANK[role], unknown, not code and not uname, number

    def _check_people(self, sexes: list[bool | None], roles: list[Role]) -> set[int]:
        """The persons not counted (errors at their rows: no sex, no unit, listed twice in
        their unit); a date of birth that is not a date is a warning."""
        skip: set[int] = set()
        sex_col = next(
            (self.cols[c] for c in ("sex", "female", "male", "dob_female") if c in self.cols), None
        )
        for j in _where(_empty(sexes)):
            self.found.add("roster-missing-sex", self.row(j), sex_col, personal=self.person(j))
            skip.add(j)
        unit_col = self.cols.get("unit_name", self.cols.get("unit_code"))
        if unit_col is not None and not self.default_unit:
            for j in _where(map(itemgetter(3), roles)):
                self.found.add("roster-missing-unit", self.row(j), unit_col)
                skip.add(j)
        who, by_name = self._who()
        same = same_people(who, list(map(itemgetter(4), roles)), by_name)
        for j, j0 in same.twice:
            self.found.add(
                "roster-duplicate-person",
                self.row(j),
                self.cols["name"] if by_name[j] else self.cols["identity"],
                first=self.row(j0),
                personal=self.person(j),
            )
            skip.add(j)
        if same.across:
            self.found.add(
                "roster-same-name-and-birth",
                None,
                None,
                count=len(same.across),
                rows=", ".join(f"{self.row(a)}/{self.row(b)}" for b, a in same.across[:5]),
                personal="; ".join(
                    f"{self.person(j)} ({self.row(j0)}, {self.row(j)})" for j, j0 in same.across
                ),
            )
        return skip

    def _who(self) -> tuple[list[tuple[str, ...] | None], list[bool]]:
        """Each person's key (identity, else name and date of birth; None when neither can
        tell), and whether it is the name and date of birth; bad dates warned."""
        dobs = self._of_persons(self.dobs)
        days = each(_day, dobs)
        dob_cols = [self.cols[c] for c in ("dob", "dob_female", "dob_male") if c in self.cols]
        for j in _where(map(and_, _filled(dobs), _empty(days))):
            dob, i = dobs[j], self.persons[j]
            dob_col = next((c for c in dob_cols if self.rows[i][c - 1 : c] == [dob]), None)
            self.found.add("roster-bad-date", self.row(j), dob_col, personal=self.person(j))
        folded = each(_folded, self._of_persons(self.names))
        who: list[tuple[str, ...] | None] = list(zip(folded, days, strict=True))
        for j in _where(_empty(days)):
            who[j] = None
        if "identity" not in self.cols:
            return who, [True] * len(who)
        ids = each(_identity, self.at("identity"))
        return [("id", k) if k else w for k, w in zip(ids, who, strict=True)], list(map(not_, ids))

    def _flags(self) -> tuple[list[bool], list[bool], list[bool | None]]:
        """Per person: in the pool, trained, of an ethnic minority (None: not known)."""
        n = len(self.persons)
        pool = each(marked, self.at("planning")) if "planning" in self.cols else [False] * n
        trained = each(yes, self.at("trained")) if "trained" in self.cols else [False] * n
        for which in ("llct", "qlnn"):
            if which in self.cols:
                level = each(functools.partial(self._trained, which), self.at(which))
                trained = list(map(or_, trained, level))
        minority: list[bool | None] = [None] * n
        if "ethnicity" in self.cols:
            col = self.cols["ethnicity"]
            cells = self.at("ethnicity")
            minority = each(self._minority, cells)
            for j in _where(map(and_, _empty(minority), _filled(cells))):
                self.found.add(
                    "roster-unknown-ethnicity", self.row(j), col, personal=self.person(j)
                )
        return pool, trained, minority

    def _trained(self, which: str, value: Any) -> bool:
        return self.words.trained_level(text(value), which)

    def _minority(self, value: Any) -> bool | None:
        return None if value is None else self.words.minority(text(value))

    def _tally(
        self, sexes: list[bool | None], roles: list[Role], skip: set[int]
    ) -> list[RosterUnit]:
        """Each unit's figures and rows, in the order the units are first listed."""
        ids = list(map(itemgetter(4), roles))
        tallies = self._figures(ids, sexes, roles, skip)
        rows: list[list[int]] = [[] for _ in self._units]
        skipped: list[list[int]] = [[] for _ in self._units]
        start = self.start
        for unit, i in zip(ids, self.persons, strict=True):
            rows[unit].append(start + i)
        for j in sorted(skip):
            skipped[ids[j]].append(start + self.persons[j])
        return [self._unit(key, tallies[u], rows[u], skipped[u]) for key, u in self._units.items()]

    def _figures(
        self, ids: list[int], sexes: list[bool | None], roles: list[Role], skip: set[int]
    ) -> list[list[int]]:
        """Each unit's ten figures, from the persons not skipped."""
        pool, trained, minority = self._flags()
        ranks = map(itemgetter(1), roles)
        people: Iterable[tuple[Any, ...]] = zip(
            ids, sexes, ranks, pool, trained, minority, strict=True
        )
        if skip:
            people = compress(people, map(not_, map(skip.__contains__, count())))
        tallies = [[0] * 10 for _ in self._units]
        for unit, sex, rank, in_pool, is_trained, minor in people:
            c = tallies[unit]
            woman = sex is True
            c[0] += 1
            c[1] += woman
            if rank >= _LEADER:
                c[4] += 1
                c[5] += woman
                c[9] += minor is True
                if rank == _KEY:
                    c[2] += 1
                    c[3] += woman
            if in_pool:
                c[6] += 1
                c[7] += woman
                c[8] += woman and is_trained
        return tallies

    def _unit(self, key: UnitKey, c: list[int], rows: list[int], skipped: list[int]) -> RosterUnit:
        known = set(COUNT_FIELDS)
        if "planning" not in self.cols:
            known -= {"pool_total", "pool_female", "pool_female_trained"}
        if not {"trained", "llct", "qlnn"} & self.cols.keys():
            known.discard("pool_female_trained")
        if "ethnicity" not in self.cols:
            known.discard("leaders_ethnic_minority")
        code, name, body = key
        return RosterUnit(
            code=code or None,
            name=name or None,
            body=body,
            report_year=self.year,
            counts={f: v for f, v in zip(COUNT_FIELDS, c, strict=True) if f in known},
            first_row=rows[0],
            column=self.cols.get("unit_code" if code else "unit_name"),
            rows=rows,
            skipped=skipped,
        )


class RosterFindings(fnd.Capped):
    """The roster's findings, capped like a return's (past the cap, counted by code); each may
    carry the person it is about."""

    def add(self, code: CodeId, row: int | None, col: int | None, **kw: Any) -> None:
        self.keep(fnd.make(code, self.shown, sheet=self.sheet, row=row, column=col, **kw))
