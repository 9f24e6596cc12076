"""Whole columns checked at once: the common path of a large sheet.

A column whose every cell is of the plain kind the field expects — whole numbers within
0..MAX_COUNT in a count column, years in range, text in a text column, level and type words that
all parse without a warning — is converted in one pass of C-level loops (`map`, `set`, `min`).
Any other column is read cell by cell with the same parser as `row_values` uses, and a cell that
parser has anything to say about marks its row as *suspect*. The rules that span a row (required
values, parts within wholes, the ethnic-minority pair, bidirectional controls) are then checked
down whole columns, and mark their rows suspect too.

Only suspect rows go through the cell-by-cell path of `row_values`, which makes every finding, so
each finding, cell and message stays exactly what that path says. The other rows never become
objects: their values stay in columns until `records.UnitRows` holds them.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gender_plan_cli.contract import (
    DTTS_REQUIRED,
    FIELD_BY_ID,
    FIELDS,
    MAX_COUNT,
    MAX_YEAR,
    MIN_YEAR,
    PARTS,
    REQUIRED_FIELDS,
    Kind,
    in_plan,
)
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.validation.parse import Parsed, parse_value
from gender_plan_cli.words import BIDI_CONTROLS

_WORDS = frozenset({Kind.LEVEL, Kind.UNIT_TYPE, Kind.BOOL})
MEMO_KINDS = frozenset({Kind.LEVEL, Kind.UNIT_TYPE, Kind.BOOL, Kind.YEAR})
FAST_MIN_ROWS = 200  # below this the cell path is as fast, and nothing is gained
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_TEXT_CHECKED = ("unit_code", "unit_name", "parent_code")  # where bidi controls are refused


@dataclass
class ColumnRead:
    """The unit rows of a sheet read column-wise: `values[field][i]` is the value of the i-th
    unit row (None: empty, or not to be trusted when i is in `suspect`)."""

    values: dict[str, list[Any]]
    suspect: list[int]  # positions (indexes into the unit rows) for the cell-by-cell path


def plain_value(kind: Kind, raw: Any) -> Any:
    """The common cells, read without a parser: a whole count within 0..MAX_COUNT, a year in range,
    text in a text column; None for anything the parser must look at."""
    if type(raw) is float and raw.is_integer():
        if kind is Kind.INT and 0 <= raw <= MAX_COUNT:
            return int(raw)
        if kind is Kind.YEAR and in_plan(raw):
            return int(raw)
    elif kind is Kind.TEXT and type(raw) is str:
        return raw.strip()
    return None


def parse_cell(
    kind: Kind, raw: Any, memo: dict[tuple[Kind, str], Parsed], percent_format: bool
) -> Parsed:
    """The parser's reading of one cell, as both paths read it: a word or a year written as
    text is parsed once per sheet (`memo`); any other value with its cell's percent format."""
    if kind in MEMO_KINDS and type(raw) is str:
        p = memo.get((kind, raw))
        if p is None:
            p = memo[(kind, raw)] = parse_value(kind, raw)
        return p
    return parse_value(kind, raw, percent_format=percent_format)


def read_columns(
    grid: SheetGrid,
    fields: dict[str, int],
    rows: Sequence[int],
    default_year: int | None,
    memo: dict[tuple[Kind, str], Parsed],
) -> ColumnRead | None:
    """The unit rows `rows` read a column at a time; None below FAST_MIN_ROWS rows."""
    n = len(rows)
    if n < FAST_MIN_ROWS:
        return None
    special = {c for _, c in grid.formulas_without_value}
    special |= {c for _, c in grid.error_cells} | {c for _, c in grid.percent_cells}
    table = _transpose(grid, rows)
    values: dict[str, list[Any]] = {}
    suspect: set[int] = set()
    by_cell: list[str] = []  # fields read cell by cell: their values are checked for the record
    for f in FIELDS:
        col = fields.get(f.id)
        if col is None:
            values[f.id] = [None] * n
            continue
        raw = table[col - 1] if col <= len(table) else (None,) * n
        plain = None if col in special else _column(f.kind, raw, memo)
        if plain is None:
            plain = _cells(grid, f.kind, raw, rows, col, memo, suspect)
            by_cell.append(f.id)
        values[f.id] = plain
    if default_year is not None:
        years = values["report_year"]
        if None in years:
            values["report_year"] = [default_year if y is None else y for y in years]
    _row_rules(values, fields, suspect)
    _record_rules(values, by_cell, suspect)
    suspect.update(i for i, r in enumerate(rows) if r in grid.hidden_rows)
    return ColumnRead(values, sorted(suspect))


def _transpose(grid: SheetGrid, rows: Sequence[int]) -> list[tuple[Any, ...]]:
    """The unit rows' cells as columns (rows shorter than the widest are padded with None)."""
    if rows[-1] - rows[0] + 1 == len(rows):  # one block of rows, as a large sheet has them
        lines = grid.rows[rows[0] - 1 : rows[-1]]
    else:
        lines = [grid.rows[r - 1] for r in rows]
    widths = set(map(len, lines))
    if len(widths) > 1:
        width = max(widths)
        lines = [line + [None] * (width - len(line)) for line in lines]
    return list(zip(*lines, strict=True))


def _column(
    kind: Kind, raw: Sequence[Any], memo: dict[tuple[Kind, str], Parsed]
) -> list[Any] | None:
    """The column's values when all are plain for `kind`, else None (read cell by cell)."""
    gaps = None in raw
    present = [v for v in raw if v is not None] if gaps else raw
    if not present:
        return list(raw)
    types = set(map(type, present))
    if kind in (Kind.INT, Kind.YEAR):
        if types != {float} or not all(map(float.is_integer, present)):
            return None
        low, high = min(present), max(present)
        if kind is Kind.INT and not (0 <= low and high <= MAX_COUNT):
            return None
        if kind is Kind.YEAR and not (MIN_YEAR <= low and high <= MAX_YEAR):
            return None
        return [None if v is None else int(v) for v in raw] if gaps else list(map(int, raw))
    if types != {str}:
        return None
    if kind is Kind.TEXT:
        return (
            [None if v is None else v.strip() for v in raw] if gaps else list(map(str.strip, raw))
        )
    if kind not in _WORDS:
        return None
    meaning: dict[Any, Any] = {None: None}
    for word in set(present):
        p = parse_cell(kind, word, memo, False)
        if p.problem is not None or p.warning is not None:
            return None
        meaning[word] = p.value
    return list(map(meaning.__getitem__, raw))


def _cells(
    grid: SheetGrid,
    kind: Kind,
    raw: Sequence[Any],
    rows: Sequence[int],
    col: int,
    memo: dict[tuple[Kind, str], Parsed],
    suspect: set[int],
) -> list[Any]:
    """A column read cell by cell, as `row_values` reads a cell; a cell with anything to say (a
    problem, a warning, a formula without a value, an Excel error) makes its row suspect."""
    out: list[Any] = []
    no_value, errors, percent = grid.formulas_without_value, grid.error_cells, grid.percent_cells
    for i, (r, v) in enumerate(zip(rows, raw, strict=True)):
        if (r, col) in no_value or (r, col) in errors:
            suspect.add(i)
            out.append(None)
            continue
        if v is None:
            out.append(None)
            continue
        simple = plain_value(kind, v)
        if simple is not None:
            out.append(simple)
            continue
        p = parse_cell(kind, v, memo, (r, col) in percent)
        if p.problem is not None or p.warning is not None:
            suspect.add(i)
        out.append(p.value)
    return out


def _row_rules(values: dict[str, list[Any]], fields: dict[str, int], suspect: set[int]) -> None:
    """The rules that span a row, down whole columns: each row that breaks one is suspect."""
    for fid in REQUIRED_FIELDS:
        if fid in fields:
            column = values[fid]
            if None in column:
                suspect.update(i for i, v in enumerate(column) if v is None)
    area = values["ethnic_minority_area"]
    if any(area):
        pairs = [values[fid] for fid in DTTS_REQUIRED]
        suspect.update(
            i for i, a in enumerate(area) if a and any(column[i] is None for column in pairs)
        )
    for part, whole in PARTS:
        p, w = values[part], values[whole]
        exceeds = operator.gt if None not in p and None not in w else _exceeds
        if any(map(exceeds, p, w)):
            suspect.update(i for i, bad in enumerate(map(_exceeds, p, w)) if bad)
    for fid in _TEXT_CHECKED:
        texts = [v for v in values[fid] if type(v) is str]
        if texts and _BIDI.search("\n".join(texts)):
            suspect.update(
                i for i, v in enumerate(values[fid]) if type(v) is str and _BIDI.search(v)
            )


def _exceeds(part: Any, whole: Any) -> bool:
    return part is not None and whole is not None and part > whole


def _record_rules(values: dict[str, list[Any]], by_cell: list[str], suspect: set[int]) -> None:
    """What `records.UnitRecord` asks of each value, for the columns read cell by cell (a whole
    column read at once holds nothing else): a row the parser let through with anything else
    (none should) is suspect, and its record is made and checked by pydantic on the cell path,
    which says what is wrong. A code or a name is never empty."""
    for fid in ("unit_code", "unit_name"):
        if "" in values[fid]:
            suspect.update(i for i, v in enumerate(values[fid]) if v == "")
    for fid in by_cell:
        column = values[fid]
        ok = _RECORD_OK[FIELD_BY_ID[fid].kind]
        if not all(map(ok, filter(_given, column))):
            suspect.update(i for i, v in enumerate(column) if v is not None and not ok(v))


def _given(v: Any) -> bool:
    return v is not None


def _count(v: Any) -> bool:
    return type(v) is int and 0 <= v <= MAX_COUNT


def _year(v: Any) -> bool:
    return type(v) is int and in_plan(v)


def _share(v: Any) -> bool:
    return type(v) in (int, float) and 0 <= v <= 100  # NaN compares false: refused


_RECORD_OK = {
    Kind.INT: _count,
    Kind.YEAR: _year,
    Kind.PERCENT: _share,
    Kind.TEXT: lambda v: type(v) is str,
    Kind.BOOL: lambda v: type(v) is bool,
    Kind.LEVEL: lambda v: type(v) is str,
    Kind.UNIT_TYPE: lambda v: type(v) is str,
}
