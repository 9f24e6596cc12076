"""A roster's cells, one column at a time → per-person facts (sex, role, unit, pool…).

Nothing here holds an object per person: each fact is a list over the data rows, and the
words people type (`Nữ`, `Trưởng phòng`, `Kinh`) are decided once per distinct text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from gender_plan_cli.roster.config import RosterConfig
from gender_plan_cli.roster.roles import Role, body_of, role_of
from gender_plan_cli.words import bare_key

_FEMALE = frozenset({"nu", "f", "female", "ba", "chi", "x nu"})
_MALE = frozenset({"nam", "m", "male", "ong", "anh"})
_YES = frozenset({"x", "co", "1", "yes", "true", "v", "✓", "dat", "da"})
_NO = frozenset({"", "khong", "0", "no", "false", "-", "chua"})
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$|^\s*(\d{4})\s*$")


_NUMBERS = frozenset({bool, int, float})


def column(rows: list[list[Any]], col: int | None) -> list[Any]:
    """The values of one column over `rows` (None beyond a short row, or without a column)."""
    if col is None:
        return [None] * len(rows)
    i = col - 1
    if min(map(len, rows), default=0) > i:  # every row reaches it (calamine's are rectangular)
        return list(map(itemgetter(i), rows))
    return [row[i] if i < len(row) else None for row in rows]


class Decided(dict[Hashable, Any]):
    """`decide(value)` for each distinct value, asked once. Numbers are decided each time:
    `1`, `1.0` and `True` are one key to a dict, not one value to a clerk."""

    def __init__(self, decide: Callable[[Any], Any]) -> None:
        super().__init__()
        self.decide = decide

    def __missing__(self, value: Any) -> Any:
        decided = self.decide(value)
        if value.__class__ not in _NUMBERS:
            self[value] = decided
        return decided


def each(decide: Callable[[Any], Any], cells: Iterable[Any]) -> list[Any]:
    """`decide` of every cell, called once per distinct value (a column repeats a few words);
    the loop over the cells is `map`'s."""
    return list(map(Decided(decide).__getitem__, cells))


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sex_of(value: Any) -> bool | None:
    """True for a woman, False for a man, None when the cell says neither."""
    k = bare_key(text(value))
    return True if k in _FEMALE else False if k in _MALE else None


def marked(value: Any) -> bool:
    """A mark in a yes/no column (`x`, `Có`, `1`), or any planned title in `Quy hoạch`."""
    return bare_key(text(value)) not in _NO


def yes(value: Any) -> bool:
    return bare_key(text(value)) in _YES


def is_date(value: Any) -> bool:
    """A date of birth as Excel or a clerk writes it: a date cell, `12/03/1980`, `1980`."""
    if isinstance(value, (date, datetime)):
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1900 <= value <= 2100 or 1 <= value <= 80_000  # a year, or an Excel serial day
    m = _DATE_TEXT.match(text(value))
    if m is None:
        return False
    if m.group(4):
        return 1900 <= int(m.group(4)) <= 2100
    day, month = int(m.group(1)), int(m.group(2))
    return 1 <= day <= 31 and 1 <= month <= 12


class Words:
    """What each distinct text of the sheet means, decided once (positions, units, groups)."""

    def __init__(self, config: RosterConfig) -> None:
        self.config = config
        self._roles: dict[tuple[str, str | None], tuple[Role, str | None] | None] = {}
        self._bodies: dict[str, str | None] = {}
        self._ethnic: dict[str, bool | None] = {}
        self._trained: dict[tuple[str, str], bool] = {}

    def unit_body(self, unit: str) -> str | None:
        if unit not in self._bodies:
            self._bodies[unit] = body_of(unit)
        return self._bodies[unit]

    def role(self, position: str, unit_body: str | None) -> tuple[Role, str | None] | None:
        """(role, body); an empty position is staff; None: no title matches."""
        k = (position, unit_body)
        if k not in self._roles:
            found = role_of(position, self.config.titles, unit_body) if position else None
            self._roles[k] = found if position else ("staff", unit_body)
        return self._roles[k]

    def minority(self, ethnicity: str) -> bool | None:
        """Whether a group is an ethnic minority; None for a name of no group."""
        if ethnicity not in self._ethnic:
            k = bare_key(ethnicity)
            groups = self.config.ethnic
            self._ethnic[ethnicity] = groups.get(k, groups.get(k.replace(" ", "")))
        return self._ethnic[ethnicity]

    def trained_level(self, value: str, which: str) -> bool:
        k = (value, which)
        if k not in self._trained:
            levels = self.config.llct if which == "llct" else self.config.qlnn
            v = bare_key(value)
            self._trained[k] = bool(v) and any(v == lv or v.startswith(lv + " ") for lv in levels)
        return self._trained[k]
