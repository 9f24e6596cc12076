"""The header of a form: where it is, how deep, and the field of every column.

A header is one row, or up to four rows where merged parents span their children
(`Số lượng người làm việc` › `Trong đó` › `Nữ`). A column is named by the path of texts above
it; its field is the leaf read with its nearest known parent, else the leaf on its own, else —
for the short words `Tổng số`, `Nữ`, `Nam` — its place beside a staff column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from gender_plan_cli.layout.cells import text_of
from gender_plan_cli.layout.header_file import STAFF_MALE, HeaderWords, words
from gender_plan_cli.layout.headers import (
    is_connector,
    is_group_child,
    is_group_parent,
    is_ordinal_header,
    match_child,
    match_header,
    match_standalone,
)
from gender_plan_cli.layout.year import YearSource, report_year_above
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.reading.limits import MERGE_EXPANDED_MAX

HEADER_SEARCH_ROWS = 30
MIN_HEADER_FIELDS = 3
MAX_HEADER_ROWS = 4
STAFF_FIELDS = frozenset({"staff_total", "staff_female", STAFF_MALE})

# `(1)`, `7`, `A`, and the formulas forms print under a column: `7=6/5`, `(3)=(1)+(2)`, `5 = 3 x 4`.
_COLUMN_NUMBER = re.compile(
    r"^\(?\s*(?:\d{1,3}|[A-Za-z]{1,2})\s*\)?"
    r"(?:\s*[=+\-*/x:×%]\s*\(?\s*(?:\d{1,3}|[A-Za-z]{1,2})\s*\)?)*\s*%?$"
)
_LEADING_NUMBER = re.compile(r"^\(?\s*(\d{1,3})")

Anchors = dict[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)  # frozen: one header's columns are remembered and shared (`_mapped`)
class Column:
    index: int  # 1-based
    header: str  # the path of header texts, joined by " / "
    header_row: int  # the row of the cell that names it (the leaf's row)
    field: str | None
    via_parent: bool = False  # matched as a child of a merged parent


@dataclass
class Candidate:
    """A header the search considered: its rows and columns."""

    top: int
    bottom: int
    columns: list[Column]

    @property
    def score(self) -> int:
        return len({c.field for c in self.columns if c.field})


@dataclass
class Layout:
    """Where the table is and what every column means."""

    header_rows: tuple[int, ...]
    columns: list[Column]
    fields: dict[str, int]  # field id → column index (first occurrence)
    duplicates: list[tuple[Column, Column]]  # (later, first)
    data_start: int
    title_year: int | None
    title_year_row: int | None
    ordinal_col: int | None
    number_row: int | None = None
    year_source: YearSource | None = None


def merged_anchors(grid: SheetGrid) -> Anchors:
    """For every cell inside a merged range (but its top-left), the top-left cell."""
    anchors: Anchors = {}
    for r0, c0, r1, c1 in grid.merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MERGE_EXPANDED_MAX:
            continue  # a merge over a whole sheet is decoration, not a header
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    anchors[(r, c)] = (r0, c0)
    return anchors


def _search_rows(grid: SheetGrid) -> list[int]:
    rows: list[int] = []
    for r in range(1, len(grid.rows) + 1):
        if any(v is not None for v in grid.rows[r - 1]):
            rows.append(r)
            if len(rows) >= HEADER_SEARCH_ROWS:
                break
    return rows


def _width(grid: SheetGrid, rows: range) -> int:
    width = 0
    for r in rows:
        cells = grid.rows[r - 1] if r - 1 < len(grid.rows) else []
        for i in range(len(cells) - 1, -1, -1):
            if cells[i] is not None:
                width = max(width, i + 1)
                break
    return width


def _candidates(grid: SheetGrid) -> list[Candidate]:
    rows = _search_rows(grid)
    if not rows:
        return []
    anchors = merged_anchors(grid)
    width = _width(grid, range(rows[0], min(rows[-1] + MAX_HEADER_ROWS, len(grid.rows)) + 1))
    below_a_merge = {
        r for r0, _, r1, _ in grid.merged if r1 - r0 <= 10 for r in range(r0 + 1, r1 + 1)
    }
    out: list[Candidate] = []
    for top in rows:
        if top in below_a_merge:
            continue  # the lower rows of a header that starts above: never its first row
        single = _extend(grid, top, top)
        out.append(Candidate(top, single, _mapped(grid, anchors, top, single, width)))
        if single == top and top + 1 <= len(grid.rows) and _may_be_two_rows(grid, top, width):
            double = _mapped(grid, anchors, top, top + 1, width)
            if any(c.via_parent for c in double):  # otherwise it is the next row's single header
                out.append(Candidate(top, top + 1, double))
    return out


# A folder of returns from one template repeats its title and header rows: each candidate's
# columns are remembered by all that `map_columns` reads, the rows' cells (by repr, which tells
# 1 from 1.0, True and "1") and the merges over those rows, for the header words in force.
MAPPED_MAX = 256  # candidates remembered (least recently used first out)
MAPPED_KEY_MAX = 4096  # characters of cells; rows holding more are mapped every time
MAPPED_MERGES_MAX = 64  # merges over the rows; more, and they are mapped every time
MAPPED_WIDTH_MAX = 256  # columns; a wider header (a ragged CSV's few cells under a long row) too
_mapped_memo: tuple[HeaderWords | None, dict[tuple[object, ...], tuple[Column, ...]]] = (None, {})


def _mapped(grid: SheetGrid, anchors: Anchors, top: int, bottom: int, width: int) -> list[Column]:
    """`map_columns`, remembered for rows already mapped in another file of the same form."""
    global _mapped_memo
    if width > MAPPED_WIDTH_MAX:
        return map_columns(grid, anchors, top, bottom, width)
    merges = [m for m in grid.merged if m[0] <= bottom and m[2] >= top]
    cells = repr([grid.rows[r - 1][:width] for r in range(top, min(bottom, len(grid.rows)) + 1)])
    if len(cells) > MAPPED_KEY_MAX or len(merges) > MAPPED_MERGES_MAX:
        return map_columns(grid, anchors, top, bottom, width)
    in_force, memo = _mapped_memo
    current = words()
    if in_force is not current:  # other words (a province's headers.yaml): a new memo
        _mapped_memo = in_force, memo = current, {}
    key = (top, bottom, width, bool(grid.merged), cells, tuple(merges))
    columns = memo.pop(key, None)
    if columns is None:
        columns = tuple(map_columns(grid, anchors, top, bottom, width))
        if len(memo) >= MAPPED_MAX:
            del memo[next(iter(memo))]
    memo[key] = columns
    return list(columns)


def _may_be_two_rows(grid: SheetGrid, top: int, width: int) -> bool:
    """Whether rows `top` and `top + 1` could read a column as a parent's child (what keeps a
    two-row candidate): a parent's text stands in row `top` (its own cell, the anchor of a merge,
    or a CSV's carried parent) and a child's in row `top + 1`. A unit row under a one-row
    header, in every return, holds no child's word, and the pair is not mapped."""
    return _row_holds(grid, top, width, is_group_parent) and _row_holds(
        grid, top + 1, width, is_group_child
    )


def _row_holds(grid: SheetGrid, row: int, width: int, word: Callable[[str], bool]) -> bool:
    """Whether a cell of `row` (columns 1..width) holds a text that `word` recognises."""
    return any(word(t) for v in grid.rows[row - 1][:width] if v is not None if (t := text_of(v)))


def _extend(grid: SheetGrid, top: int, bottom: int) -> int:
    """The header's last row: as deep as the vertical merges that start in it reach."""
    last = min(top + MAX_HEADER_ROWS - 1, len(grid.rows))
    changed = True
    while changed:
        changed = False
        for r0, _, r1, _ in grid.merged:
            if top <= r0 <= bottom < r1 and r1 <= last:
                bottom, changed = r1, True
    return bottom


def _best(candidates: list[Candidate]) -> Candidate | None:
    best: Candidate | None = None
    for c in candidates:
        if best is None or c.score > best.score:
            best = c
    return best


def closest(grid: SheetGrid) -> Candidate | None:
    """The header candidate that recognised the most fields (the first of them)."""
    return _best(_candidates(grid))


def rank(c: Candidate) -> tuple[int, int]:
    """More fields first; then more header cells (the closest row of a form we do not know)."""
    return c.score, len({col.header for col in c.columns if col.header})


def locate(grid: SheetGrid) -> Layout | None:
    """Find the header in the first 30 non-empty rows; None when no row matches the contract."""
    return find(grid)[0]


def find(grid: SheetGrid) -> tuple[Layout | None, Candidate | None]:
    """The layout when a header matches the contract; else None and the closest candidate."""
    candidates = _candidates(grid)
    best = _best(candidates)
    if best is None or best.score < MIN_HEADER_FIELDS:
        return None, max(candidates, key=rank, default=None)
    return _layout(grid, best), best


def _layout(grid: SheetGrid, best: Candidate) -> Layout:
    header_rows = tuple(range(best.top, best.bottom + 1))
    fields: dict[str, int] = {}
    first_of: dict[str, Column] = {}
    duplicates: list[tuple[Column, Column]] = []
    for c in best.columns:
        if c.field is None:
            continue
        if c.field in first_of:
            duplicates.append((c, first_of[c.field]))
        else:
            first_of[c.field] = c
            fields[c.field] = c.index
    ordinal = next(
        (
            c.index
            for c in best.columns
            if c.field is None and is_ordinal_header(c.header.split(" / ")[0])
        ),
        None,
    )
    number_row = _number_row(grid, best.bottom)
    data_start = (number_row or best.bottom) + 1
    year = report_year_above(grid, best.top)
    return Layout(
        header_rows,
        best.columns,
        fields,
        duplicates,
        data_start,
        year.year if year else None,
        year.row if year else None,
        ordinal,
        number_row,
        year,
    )


def _header_path(
    grid: SheetGrid, anchors: Anchors, top: int, bottom: int, col: int
) -> list[tuple[str, int]]:
    """The texts above a column, top to bottom, each merged cell once: [(text, row)]."""
    path: list[tuple[str, int]] = []
    seen: set[tuple[int, int]] = set()
    for r in range(top, bottom + 1):
        where = (r, col)
        t = text_of(grid.value(r, col))
        if not t:
            anchor = anchors.get((r, col))
            if anchor is not None and anchor[0] >= top:
                where, t = anchor, text_of(grid.value(*anchor))
        if t and where not in seen:
            seen.add(where)
            path.append((t, r))
    return path


def _match_path(texts: list[str]) -> tuple[str | None, bool]:
    leaf, parents = texts[-1], [t for t in texts[:-1] if not is_connector(t)]
    for parent in reversed(parents):
        found = match_child(parent, leaf)
        if found:
            return found, True
    return match_header(leaf), False


def map_columns(
    grid: SheetGrid, anchors: Anchors, top: int, bottom: int, width: int
) -> list[Column]:
    """Every column of the header rows top..bottom, with its field (or None)."""
    columns: list[Column] = []
    carried: dict[int, str] = {}  # a CSV has no merges: a parent carries over empty cells
    for col in range(1, width + 1):
        path = _header_path(grid, anchors, top, bottom, col)
        if not grid.merged and path and path[0][1] > top:
            path = [(carried[r], r) for r in range(top, path[0][1]) if r in carried] + path
        for t, r in path:
            if r < bottom and is_group_parent(t):
                carried[r] = t
            elif r < bottom:
                carried.pop(r, None)
        if not path:
            columns.append(Column(col, "", top, None))
            continue
        texts = [t for t, _ in path]
        found, via_parent = _match_path(texts)
        columns.append(Column(col, " / ".join(texts), path[-1][1], found, via_parent))
    _fields_in_context(columns)
    return columns


def _fields_in_context(columns: list[Column]) -> None:
    """`Tổng số`, `Nữ`, `Nam` standing alone beside a staff column (or beside each other, as
    `Nam` | `Nữ`) are staff columns too."""
    alone = {
        i: f
        for i, c in enumerate(columns)
        if c.field is None and c.header and " / " not in c.header
        if (f := match_standalone(c.header)) is not None
    }
    taken = {c.field for c in columns if c.field}
    for _ in range(2):
        for i, found in alone.items():
            if columns[i].field is not None or found in taken:
                continue
            beside = [
                columns[j].field or alone.get(j) for j in (i - 1, i + 1) if 0 <= j < len(columns)
            ]
            if any(f in STAFF_FIELDS and f != found for f in beside):
                columns[i] = replace(columns[i], field=found)
                taken.add(found)


def _number_row(grid: SheetGrid, bottom: int) -> int | None:
    """The column-number row under the header, past blank (often merged) rows; or None."""
    r = bottom + 1
    while r <= min(bottom + 3, len(grid.rows)) and all(v is None for v in grid.rows[r - 1]):
        r += 1
    return r if is_column_number_row(grid, r) else None


def is_column_number_row(grid: SheetGrid, row: int) -> bool:
    """`(1) (2) (3)`, `1 2 3`, `A B C 1 2 … 40`, `7=6/5`: every cell, numbers rising."""
    if row > len(grid.rows):
        return False
    cells = [text_of(v) for v in grid.rows[row - 1] if v is not None]
    if len(cells) < 3 or not all(_COLUMN_NUMBER.match(c) for c in cells):
        return False
    numbers = [int(m.group(1)) for c in cells if (m := _LEADING_NUMBER.match(c))]
    return all(a < b for a, b in zip(numbers, numbers[1:], strict=False))
