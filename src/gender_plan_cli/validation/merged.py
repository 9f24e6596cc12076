"""Merged cells over the unit rows: a value merged over several rows belongs to none of them.

A clerk who merges a count over two unit rows sees one number for both; the reader finds it in
the merge's first cell only and the other row empty. Every field cell such a merge covers is a
`merged-cell` finding naming the range, so no row is read as empty or loses its parent unseen.
"""

from __future__ import annotations

from collections.abc import Collection

from gender_plan_cli.findings import column_letter
from gender_plan_cli.layout import Layout
from gender_plan_cli.reading.grid import SheetGrid

# (row, column) of a covered field cell → (the range as Excel names it, the merge's value)
MergedCells = dict[tuple[int, int], tuple[str, object]]


def merged_unit_cells(grid: SheetGrid, layout: Layout, unit_rows: Collection[int]) -> MergedCells:
    """Every field cell of a unit row that lies in a merge spanning two unit rows or more."""
    if not grid.merged:
        return {}
    rows = set(unit_rows)
    columns = sorted(set(layout.fields.values()))
    out: MergedCells = {}
    for r0, c0, r1, c1 in grid.merged:
        if r1 <= r0:
            continue
        covered = [r for r in range(r0, r1 + 1) if r in rows]
        fields = [c for c in columns if c0 <= c <= c1]
        if len(covered) < 2 or not fields:
            continue
        name = f"{column_letter(c0)}{r0}:{column_letter(c1)}{r1}"
        value = grid.value(r0, c0)
        for r in covered:
            for c in fields:
                out[(r, c)] = (name, value)
    return out
