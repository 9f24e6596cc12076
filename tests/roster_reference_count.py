"""The person rows of a roster → per-unit counts, person by person: `roster/count.py` as it
was before it counted column by column (commit ce4b503), kept as the oracle of
`test_roster_fast.py`.

One change: its memos were keyed by value, so `1`, `1.0` and `True` in one column were decided
as whichever came first; here they are keyed by type and value (`_k`), each decided as itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.findings import CodeId
from gender_plan_cli.layout.header_file import words
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.records import RosterUnit
from gender_plan_cli.roster.config import RosterConfig
from gender_plan_cli.roster.header import RosterLayout
from gender_plan_cli.roster.people import Words, column, is_date, marked, sex_of, text, yes
from gender_plan_cli.roster.roles import RANK
from gender_plan_cli.words import bare_key
from roster_reference_same_person import same_people

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


def _k(value: Any) -> tuple[type, Any]:
    return value.__class__, value


UnitKey = tuple[str, str, str | None]  # (code, name, body) as written


def _title(grid: SheetGrid, top: int) -> str:
    """The title rows above the header, as one line: the unit of a roster without a unit
    column (`DANH SÁCH CÁN BỘ UBND XÃ CỔ ĐÔ NĂM 2025`)."""
    words = [text(v) for row in grid.rows[: top - 1] for v in row if isinstance(v, str)]
    return " ".join(w for w in words if w)[:300]


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
        self.names = column(self.rows, self.cols.get("name"))
        self.dobs = self._dobs()
        self.persons = self._persons()
        has_unit = "unit_code" in self.cols or "unit_name" in self.cols
        self.default_unit = "" if has_unit else _title(grid, layout.top)

    def at(self, fid: str) -> list[Any]:
        """A column's cells at the persons' rows."""
        cells = column(self.rows, self.cols.get(fid))
        return [cells[i] for i in self.persons]

    def _dobs(self) -> list[Any]:
        if "dob" in self.cols:
            return column(self.rows, self.cols["dob"])
        f, m = (
            column(self.rows, self.cols.get("dob_female")),
            column(self.rows, self.cols.get("dob_male")),
        )
        return [a if a is not None else b for a, b in zip(f, m, strict=True)]

    def _persons(self) -> list[int]:
        """Rows with a name and something about the person: captions, totals and signature
        lines (a name cell alone) are passed over."""
        others = [column(self.rows, self.cols[c]) for c in _PERSON_COLUMNS if c in self.cols]
        out = []
        for i, name in enumerate(self.names):
            if name is None or not any(o[i] is not None for o in others):
                continue
            k = bare_key(text(name)) if isinstance(name, str) and name[:1] in "TtCc" else ""
            if k and (k in words().total_words or k.startswith(words().total_prefixes)):
                continue
            out.append(i)
        return out

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
            memo: dict[Any, bool | None] = {}
            out = []
            for v in self.at("sex"):
                if _k(v) not in memo:
                    memo[_k(v)] = sex_of(v)
                out.append(memo[_k(v)])
            return out
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
        keys, ranks = self._roles()
        skip = self._check_people(sexes, keys)
        return self._tally(sexes, keys, ranks, skip)

    def _roles(self) -> tuple[list[UnitKey], list[int]]:
        """Each person's unit (code, name, UBND/HĐND) and role rank, decided once per distinct
        (code, unit, position); unknown titles warned at each of their cells."""
        positions, codes, names = self.at("position"), self.at("unit_code"), self.at("unit_name")
        col = self.cols.get("position")
        memo: dict[tuple[Any, Any, Any], tuple[UnitKey, int, str | None]] = {}
        keys: list[UnitKey] = []
        ranks: list[int] = []
        for j, raw in enumerate(zip(codes, names, positions, strict=True)):
            decided = memo.get(tuple(map(_k, raw)))
            if decided is None:
                decided = memo[tuple(map(_k, raw))] = self._role_of(*raw)
            key, rank, unknown = decided
            if unknown is not None:
                self.found.add(
                    "roster-unknown-position",
                    self.row(j),
                    col,
                    value=unknown,
                    roles=self.words.config.roles_file,
                )
            keys.append(key)
            ranks.append(rank)
        return keys, ranks

    def _role_of(self, code: Any, name: Any, raw: Any) -> tuple[UnitKey, int, str | None]:
        """(unit key, role rank, the position when no title matches it)."""
        uname = text(name) or self.default_unit
        unit_body = self.words.unit_body(uname) if uname else None
        position = text(raw)
        role_body = self.words.role(position, unit_body)
        role, body = role_body or ("staff", unit_body)
        return (text(code), uname, body), RANK[role], None if role_body else position

    def _check_people(self, sexes: list[bool | None], keys: list[UnitKey]) -> set[int]:
        """The persons not counted (errors at their rows: no sex, no unit, listed twice in
        their unit); a date of birth that is not a date is a warning."""
        skip: set[int] = set()
        sex_col = next(
            (self.cols[c] for c in ("sex", "female", "male", "dob_female") if c in self.cols), None
        )
        for j, woman in enumerate(sexes):
            if woman is None:
                self.found.add("roster-missing-sex", self.row(j), sex_col, personal=self.person(j))
                skip.add(j)
        unit_col = self.cols.get("unit_name", self.cols.get("unit_code"))
        if unit_col is not None and not self.default_unit:
            for j, (code, name, _body) in enumerate(keys):
                if not code and not name:
                    self.found.add("roster-missing-unit", self.row(j), unit_col)
                    skip.add(j)
        who, by_name = self._who()
        same = same_people(who, keys, by_name)
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
        ids = self.at("identity") if "identity" in self.cols else None
        dob_cols = [self.cols[c] for c in ("dob", "dob_female", "dob_male") if c in self.cols]
        dates: dict[Any, str | None] = {}  # a date's text, None when it is no date
        who: list[tuple[str, ...] | None] = []
        by_name: list[bool] = []
        names, dobs = self.names, self.dobs
        for j, i in enumerate(self.persons):
            dob = dobs[i]
            if dob is not None and _k(dob) not in dates:
                dates[_k(dob)] = text(dob) if is_date(dob) else None
            day = None if dob is None else dates[_k(dob)]
            if dob is not None and day is None:
                dob_col = next((c for c in dob_cols if self.rows[i][c - 1 : c] == [dob]), None)
                self.found.add("roster-bad-date", self.row(j), dob_col, personal=self.person(j))
            identity = "".join(text(ids[j]).split()).upper() if ids is not None else ""
            by_name.append(not identity)
            if identity:
                who.append(("id", identity))
            elif day is None:
                who.append(None)
            else:
                name = names[i]
                folded = " ".join(name.lower().split()) if isinstance(name, str) else text(name)
                who.append((folded, day))
        return who, by_name

    def _flags(self) -> tuple[list[bool], list[bool], list[bool | None]]:
        """Per person: in the pool, trained, of an ethnic minority (None: not known)."""
        n = len(self.persons)
        pool = _each(marked, self.at("planning")) if "planning" in self.cols else [False] * n
        trained = _each(yes, self.at("trained")) if "trained" in self.cols else [False] * n
        for which in ("llct", "qlnn"):
            if which in self.cols:
                level = _each(functools.partial(self._trained, which), self.at(which))
                trained = [t or lv for t, lv in zip(trained, level, strict=True)]
        minority: list[bool | None] = [None] * n
        if "ethnicity" in self.cols:
            col = self.cols["ethnicity"]
            cells = self.at("ethnicity")
            minority = _each(lambda v: None if v is None else self.words.minority(text(v)), cells)
            for j, (m, v) in enumerate(zip(minority, cells, strict=True)):
                if m is None and v is not None:
                    self.found.add(
                        "roster-unknown-ethnicity", self.row(j), col, personal=self.person(j)
                    )
        return pool, trained, minority

    def _trained(self, which: str, value: Any) -> bool:
        return self.words.trained_level(text(value), which)

    def _tally(
        self, sexes: list[bool | None], keys: list[UnitKey], ranks: list[int], skip: set[int]
    ) -> list[RosterUnit]:
        pool, trained, minority = self._flags()
        tallies: dict[UnitKey, list[int]] = {}
        rows: dict[UnitKey, list[int]] = {}
        skipped: dict[UnitKey, list[int]] = {}
        start, persons = self.start, self.persons
        for j, key in enumerate(keys):
            c = tallies.get(key)
            if c is None:
                c = tallies[key] = [0] * 10
                rows[key], skipped[key] = [], []
            rows[key].append(start + persons[j])
            if skip and j in skip:
                skipped[key].append(start + persons[j])
                continue
            woman = sexes[j] is True
            c[0] += 1
            c[1] += woman
            rank = ranks[j]
            if rank >= _LEADER:
                c[4] += 1
                c[5] += woman
                c[9] += minority[j] is True
                if rank == _KEY:
                    c[2] += 1
                    c[3] += woman
            if pool[j]:
                c[6] += 1
                c[7] += woman
                c[8] += woman and trained[j]
        return [self._unit(key, c, rows[key], skipped[key]) for key, c in tallies.items()]

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


def _each(decide: Callable[[Any], Any], cells: list[Any]) -> list[Any]:
    """`decide` of every cell, called once per distinct value (a column repeats a few words)."""
    memo: dict[Any, Any] = {}
    out = []
    for v in cells:
        try:
            d = memo[_k(v)]
        except KeyError:
            d = memo[_k(v)] = decide(v)
        out.append(d)
    return out


class RosterFindings(fnd.Capped):
    """The roster's findings, capped like a return's (past the cap, counted by code); each may
    carry the person it is about."""

    def add(self, code: CodeId, row: int | None, col: int | None, **kw: Any) -> None:
        self.keep(fnd.make(code, self.shown, sheet=self.sheet, row=row, column=col, **kw))
