"""Whole columns checked at once: the common path of a large sheet.

A column whose every cell is of the plain kind the field expects — whole numbers within
0..MAX_COUNT in a count column, years in range, text in a text column, level and type words that all parse
without a warning — is converted in one pass of C-level loops (`map`, `set`, `min`). Any other
column, and every cell of it, goes through the cell-by-cell path of `validate`, so each finding,
cell and message stays exactly what that path says. A column holding a formula without a value,
an Excel error or a percent-formatted cell never takes the fast path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gender_plan_cli.contract import FIELDS, MAX_COUNT, MAX_YEAR, MIN_YEAR, Kind
from gender_plan_cli.parse import Parsed, parse_value
from gender_plan_cli.reading.grid import SheetGrid

_WORDS = frozenset({Kind.LEVEL, Kind.UNIT_TYPE, Kind.BOOL})
FAST_MIN_ROWS = 200  # below this the cell path is as fast, and nothing is gained


def fast_columns(
    grid: SheetGrid,
    fields: dict[str, int],
    rows: Sequence[int],
    memo: dict[tuple[Kind, str], Parsed],
) -> dict[str, list[Any]]:
    """field id → the parsed value of each of `rows` (None: empty), for the plain columns."""
    if len(rows) < FAST_MIN_ROWS:
        return {}
    special = {c for _, c in grid.formulas_without_value}
    special |= {c for _, c in grid.error_cells} | {c for _, c in grid.percent_cells}
    out: dict[str, list[Any]] = {}
    lines = [grid.rows[r - 1] for r in rows]
    for f in FIELDS:
        col = fields.get(f.id)
        if col is None or col in special:
            continue
        raw = [cells[col - 1] if col <= len(cells) else None for cells in lines]
        parsed = _column(f.kind, raw, memo)
        if parsed is not None:
            out[f.id] = parsed
    return out


def _column(kind: Kind, raw: list[Any], memo: dict[tuple[Kind, str], Parsed]) -> list[Any] | None:
    """The column's values when all are plain for `kind`, else None (the cell path decides)."""
    present = [v for v in raw if v is not None]
    if not present:
        return raw
    types = set(map(type, present))
    if kind in (Kind.INT, Kind.YEAR):
        if types != {float} or not all(map(float.is_integer, present)):
            return None
        low, high = min(present), max(present)
        if kind is Kind.INT and not (0 <= low and high <= MAX_COUNT):
            return None
        if kind is Kind.YEAR and not (MIN_YEAR <= low and high <= MAX_YEAR):
            return None
        return [None if v is None else int(v) for v in raw]
    if types != {str}:
        return None
    if kind is Kind.TEXT:
        return [None if v is None else v.strip() for v in raw]
    if kind not in _WORDS:
        return None
    meaning: dict[str, Any] = {}
    for word in set(present):
        p = memo.get((kind, word))
        if p is None:
            p = memo[(kind, word)] = parse_value(kind, word)
        if p.problem is not None or p.warning is not None:
            return None
        meaning[word] = p.value
    return [None if v is None else meaning[v] for v in raw]
