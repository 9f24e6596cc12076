"""Values as people type them → typed values, or a finding at the cell.

Numbers arrive as numbers, as whole floats, or as text with Vietnamese or
English thousands separators; percentages with or without `%`; yes/no as `x`,
`Có`, `1`… A count that is not whole is an error, never rounded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from gender_plan_cli.contract import (
    MAX_COUNT,
    NO_WORDS,
    YES_WORDS,
    Kind,
    in_plan,
    match_choice,
)

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
# ASCII digits only: Bengali `৪` is 4 and looks like 8; other scripts' digits are a type error.
_INT = re.compile(r"^[+-]?[0-9]+$")
_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*$")
_SPACED_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3})+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]+[.,][0-9]+$")
_DIGITS_AND_SEPARATORS = re.compile(r"^[+-]?[0-9][0-9.,]*$")
_LONGEST = 40  # characters of a count worth reading: int() of 5,000 digits raises


@dataclass(frozen=True)
class Problem:
    """Why a value could not be read: a catalogue code and a message id."""

    code: str
    message_id: str
    extra: dict[str, Any] | None = None


class Parsed(NamedTuple):
    value: Any = None
    problem: Problem | None = None
    warning: Problem | None = None


MISSING = Parsed()


def parse_value(kind: Kind, raw: Any, *, percent_format: bool = False) -> Parsed:
    """One cell → a typed value (None when empty), a problem, or a value with a warning."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return MISSING
    if (
        isinstance(raw, str)
        and raw.strip().startswith("#")
        and raw.strip().endswith(("!", "?", "A"))
    ):
        return Parsed(problem=Problem("type-error", "type-error.error"))
    if kind is Kind.INT:
        return parse_count(raw)
    if kind is Kind.YEAR:
        return parse_year(raw)
    if kind is Kind.PERCENT:
        return parse_percent(raw, percent_format=percent_format)
    if kind is Kind.BOOL:
        return parse_bool(raw)
    if kind in (Kind.LEVEL, Kind.UNIT_TYPE):
        choice = match_choice(kind, text(raw))
        if choice is None:
            return Parsed(
                problem=Problem("invalid-choice", "invalid-choice", {"choices": kind.value})
            )
        return Parsed(choice)
    return Parsed(text(raw))


def text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _whole(value: float) -> Parsed:
    if value != value or value in (float("inf"), float("-inf")):
        return Parsed(problem=Problem("type-error", "type-error.int"))
    if not value.is_integer():
        return Parsed(problem=Problem("type-error", "type-error.fraction"))
    return _non_negative(int(value))


def _non_negative(value: int) -> Parsed:
    if value < 0:
        return Parsed(problem=Problem("out-of-range", "out-of-range.negative"))
    if value > MAX_COUNT:
        return Parsed(problem=Problem("out-of-range", "out-of-range.count", {"limit": MAX_COUNT}))
    return Parsed(value)


def _not_a_count(s: str) -> Parsed | None:
    """Text that is no count, told before int() is asked to read it."""
    if any(ch.isdigit() and not ch.isascii() for ch in s):
        return Parsed(problem=Problem("type-error", "type-error.digits"))
    if len(s) > _LONGEST:
        if _DIGITS_AND_SEPARATORS.match(s.translate(_SPACES)):
            if s.startswith("-"):
                return Parsed(problem=Problem("out-of-range", "out-of-range.negative"))
            return Parsed(
                problem=Problem("out-of-range", "out-of-range.count", {"limit": MAX_COUNT})
            )
        return Parsed(problem=Problem("type-error", "type-error.int"))
    return None


def parse_count(raw: Any) -> Parsed:
    if isinstance(raw, bool):
        return Parsed(problem=Problem("type-error", "type-error.int"))
    if isinstance(raw, int):
        return _non_negative(raw)
    if isinstance(raw, float):
        return _whole(raw)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return Parsed(problem=Problem("type-error", "type-error.date"))
    s = str(raw).strip()
    refused = _not_a_count(s)
    if refused is not None:
        return refused
    if _SPACED_THOUSANDS.match(s):
        return _non_negative(int(s.translate(_SPACES)))
    s = s.translate(_SPACES)
    if _INT.match(s):
        return _non_negative(int(s))
    m = _THOUSANDS.match(s)
    if m:
        value = int(s.replace(m.group("sep"), ""))
        parsed = _non_negative(value)
        groups = s.lstrip("+-").split(m.group("sep"))
        if parsed.problem is None and len(groups) == 2 and set(groups[1]) == {"0"}:
            # `12.000`: twelve thousand with a separator, or twelve with decimals?
            other = int(groups[0]) * (-1 if s.startswith("-") else 1)
            warning = Problem(
                "ambiguous-value", "ambiguous-value.thousands", {"read": value, "other": other}
            )
            return Parsed(value, warning=warning)
        return parsed
    if _DECIMAL.match(s):
        return _whole(float(s.replace(",", ".")))
    return Parsed(problem=Problem("type-error", "type-error.int"))


def parse_year(raw: Any) -> Parsed:
    parsed = parse_count(raw)
    if parsed.problem is not None:
        if parsed.problem.code == "type-error":
            return Parsed(problem=Problem("type-error", "type-error.year"))
        return Parsed(problem=Problem("out-of-range", "out-of-range.year"))
    if not in_plan(parsed.value):
        return Parsed(problem=Problem("out-of-range", "out-of-range.year"))
    return parsed


def parse_percent(raw: Any, *, percent_format: bool = False) -> Parsed:
    has_sign = False
    if isinstance(raw, bool):
        return Parsed(problem=Problem("type-error", "type-error.percent"))
    if isinstance(raw, (int, float)):
        value = float(raw)
        if percent_format:
            value = round(value * 100, 10)
            has_sign = True
    else:
        s = str(raw).strip().translate(_SPACES)
        if s.endswith("%"):
            has_sign, s = True, s[:-1]
        if s.count(",") == 1 and "." not in s:
            s = s.replace(",", ".")
        try:
            value = float(s)
        except ValueError:
            return Parsed(problem=Problem("type-error", "type-error.percent"))
        if value != value or value in (float("inf"), float("-inf")):
            return Parsed(problem=Problem("type-error", "type-error.percent"))
    if not 0 <= value <= 100:
        return Parsed(problem=Problem("out-of-range", "out-of-range.percent"))
    if not has_sign and 0 < value < 1:
        warning = Problem(
            "ambiguous-value", "ambiguous-value.fraction", {"percent": round(value * 100, 8)}
        )
        return Parsed(value, warning=warning)
    return Parsed(value)


def parse_bool(raw: Any) -> Parsed:
    if isinstance(raw, bool):
        return Parsed(raw)
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return Parsed(bool(raw))
    s = text(raw).lower()
    if s in YES_WORDS:
        return Parsed(True)
    if s in NO_WORDS:
        return Parsed(False)
    return Parsed(problem=Problem("type-error", "type-error.bool"))
