"""Cell grid → header, column map and classified rows.

Government forms rarely start at A1: title rows, one- or two-row headers with
merged parents, a column-number row, group rows, a totals row anywhere, and a
signature block. This module finds the table inside all that, without
configuration, and says which rows are units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.headers import (
    GRAND_TOTAL_PREFIXES,
    SIGNATURE_WORDS,
    TOTAL_PREFIXES,
    TOTAL_WORDS,
    is_group_parent,
    is_ordinal_header,
    match_child,
    match_header,
)
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.reading.limits import MERGE_EXPANDED_MAX
from gender_plan_cli.words import bare_key

HEADER_SEARCH_ROWS = 30
MIN_HEADER_FIELDS = 3

# `(1)`, `7`, `A`, and the formulas forms print under a column: `7=6/5`, `(3)=(1)+(2)`, `5 = 3 x 4`.
_COLUMN_NUMBER = re.compile(
    r"^\(?\s*(?:\d{1,2}|[A-Za-z]{1,2})\s*\)?"
    r"(?:\s*[=+\-*/x:×%]\s*\(?\s*(?:\d{1,3}|[A-Za-z]{1,2})\s*\)?)*\s*%?$"
)
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Za-zĐđ])[.)]?$")
_YEAR_IN_TITLE = re.compile(r"\bnam\s*(20\d\d)\b")
_NUMBER_TEXT = re.compile(r"^[+-]?[\d.,\s\u00a0]*\d[\d.,\s\u00a0%]*$")
_TOTAL_INITIALS = frozenset("TtCc")
_CAPTION = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]\s")


@dataclass
class Column:
    index: int  # 1-based
    header: str
    header_row: int  # the row of the cell that names it (the child's row in a two-row header)
    field: str | None
    via_parent: bool = False  # matched as a child of a merged parent


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


@dataclass
class RowKinds:
    units: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    # for each totals row, the unit rows it must equal
    totals_scope: dict[int, list[int]] = field(default_factory=dict)


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _merged_anchor(grid: SheetGrid) -> dict[tuple[int, int], tuple[int, int]]:
    """For every cell inside a merged range (but its top-left), the top-left cell."""
    anchors: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in grid.merged:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > MERGE_EXPANDED_MAX:
            continue  # a merge over a whole sheet is decoration, not a header
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    anchors[(r, c)] = (r0, c0)
    return anchors


def _header_cell(
    grid: SheetGrid, anchors: dict[tuple[int, int], tuple[int, int]], row: int, col: int
) -> tuple[str, bool]:
    """The header text at (row, col), following merges; and whether it came from a merge."""
    text = text_of(grid.value(row, col))
    if text:
        return text, False
    anchor = anchors.get((row, col))
    if anchor:
        return text_of(grid.value(*anchor)), True
    return "", False


def _map_columns(
    grid: SheetGrid,
    anchors: dict[tuple[int, int], tuple[int, int]],
    top: int,
    bottom: int | None,
    width: int,
) -> list[Column]:
    columns: list[Column] = []
    parent = ""  # for files without merge information: a parent carries over empty cells
    for col in range(1, width + 1):
        t, t_merged = _header_cell(grid, anchors, top, col)
        b = ""
        b_from_above = False
        if bottom is not None:
            b = text_of(grid.value(bottom, col))
            anchor = anchors.get((bottom, col))
            if not b and anchor is not None:
                b_from_above = anchor[0] < bottom
                b = "" if b_from_above else text_of(grid.value(*anchor))
        if t and not t_merged:
            parent = t if is_group_parent(t) else ""
        elif not t and b and parent and bottom is not None:
            t = parent
        f: str | None = None
        header = t
        row = top
        via_parent = False
        if b:
            header, row = (f"{t} / {b}" if t else b), bottom or top
            f = match_child(t, b) if t else None
            via_parent = f is not None
            f = f or match_header(b)
        elif t:
            f = match_header(t)
        columns.append(Column(col, header, row, f, via_parent))
    return columns


def _score(columns: list[Column]) -> int:
    return len({c.field for c in columns if c.field})


def _width(grid: SheetGrid, rows: range) -> int:
    width = 0
    for r in rows:
        cells = grid.rows[r - 1] if r - 1 < len(grid.rows) else []
        for i in range(len(cells) - 1, -1, -1):
            if cells[i] is not None:
                width = max(width, i + 1)
                break
    return width


def locate(grid: SheetGrid) -> Layout | None:
    """Find the header in the first 30 non-empty rows; None when no row matches the contract."""
    candidates: list[int] = []
    for r in range(1, len(grid.rows) + 1):
        if any(v is not None for v in grid.rows[r - 1]):
            candidates.append(r)
            if len(candidates) >= HEADER_SEARCH_ROWS:
                break
    if not candidates:
        return None
    anchors = _merged_anchor(grid)
    width = _width(grid, range(candidates[0], min(candidates[-1] + 2, len(grid.rows)) + 1))
    best: tuple[int, int, int | None, list[Column]] | None = None  # score, top, bottom, columns
    for top in candidates:
        single = _map_columns(grid, anchors, top, None, width)
        options: list[tuple[int, int, int | None, list[Column]]] = [
            (_score(single), top, None, single)
        ]
        if top + 1 <= len(grid.rows):
            double = _map_columns(grid, anchors, top, top + 1, width)
            if any(c.via_parent for c in double):  # otherwise it is the next row's single header
                options.append((_score(double), top, top + 1, double))
        for option in options:
            if best is None or option[0] > best[0]:
                best = option
    if best is None or best[0] < MIN_HEADER_FIELDS:
        return None
    _, top, bottom, columns = best
    header_rows = (top,) if bottom is None else (top, bottom)
    fields: dict[str, int] = {}
    first_of: dict[str, Column] = {}
    duplicates: list[tuple[Column, Column]] = []
    for c in columns:
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
            for c in columns
            if c.field is None and is_ordinal_header(c.header.split(" / ")[0])
        ),
        None,
    )
    data_start = header_rows[-1] + 1
    if _is_column_number_row(grid, data_start, fields):
        data_start += 1
    year, year_row = _title_year(grid, top)
    return Layout(header_rows, columns, fields, duplicates, data_start, year, year_row, ordinal)


def _is_column_number_row(grid: SheetGrid, row: int, fields: dict[str, int]) -> bool:
    if row > len(grid.rows):
        return False
    cells = [text_of(v) for v in grid.rows[row - 1] if v is not None]
    if len(cells) < 3:
        return False
    return all(_COLUMN_NUMBER.match(c) for c in cells)


def _title_year(grid: SheetGrid, header_top: int) -> tuple[int | None, int | None]:
    """The year of a title such as `BÁO CÁO ... NĂM 2025`, from the rows above the header."""
    for r in range(1, header_top):
        for v in grid.rows[r - 1]:
            if isinstance(v, str):
                m = _YEAR_IN_TITLE.search(bare_key(v))
                if m:
                    return int(m.group(1)), r
    return None, None


def _is_total_text(text: str) -> bool:
    if len(text) > 40 or not text[:1] or text[:1] not in _TOTAL_INITIALS:
        return False
    k = bare_key(text)
    if not k:
        return False
    if k in TOTAL_WORDS:
        return True
    return k.startswith(TOTAL_PREFIXES)


def _is_signature_text(text: str) -> bool:
    k = bare_key(text)
    return any(k.startswith(w.strip()) for w in SIGNATURE_WORDS)


def classify(grid: SheetGrid, layout: Layout) -> RowKinds:
    """Units, totals and group rows below the header; everything else is passed over."""
    kinds = RowKinds()
    code_col = layout.fields.get("unit_code")
    name_col = layout.fields.get("unit_name")
    count_cols = [layout.fields[f] for f in COUNT_FIELDS if f in layout.fields]
    other_cols = [
        i for f, i in layout.fields.items() if f not in ("unit_code", "unit_name", "notes")
    ]
    segment_start = 0  # index into kinds.units where the current group begins
    for r in range(layout.data_start, len(grid.rows) + 1):
        cells = grid.rows[r - 1]
        if all(v is None for v in cells):
            continue
        code = text_of(grid.value(r, code_col)) if code_col else ""
        ordinal = text_of(grid.value(r, layout.ordinal_col)) if layout.ordinal_col else ""
        is_group_mark = bool(ordinal) and bool(_ROMAN_OR_LETTER.match(ordinal))
        if code and " " not in code and not is_group_mark and not _is_caption(code, "-"):
            kinds.units.append(r)  # the common row: a real code, nothing to decide
            continue
        name = text_of(grid.value(r, name_col)) if name_col else ""
        first_text = next((text_of(v) for v in cells if isinstance(v, str) and v.strip()), "")
        has_counts = any(_is_number_like(grid.value(r, c)) for c in count_cols)
        has_other = any(grid.value(r, c) is not None for c in other_cols)
        labels = [t for t in (ordinal, code, name, first_text) if t]
        if labels and any(_is_total_text(t) for t in labels[:3]) and not _looks_like_code(code):
            kinds.totals.append(r)
            grand = any(_is_grand_total(t) for t in labels[:3])
            kinds.totals_scope[r] = [] if grand else kinds.units[segment_start:]
            segment_start = len(kinds.units)
            continue
        caption = not has_other and (is_group_mark or _is_caption(code, name))
        # A signature block (`Người lập biểu` … `CHỦ TỊCH`) may spill words into figure columns.
        signature = not has_counts and _is_signature_text(code)
        if code and (caption or signature):
            kinds.groups.append(r)
            segment_start = len(kinds.units)
            continue
        if code:
            kinds.units.append(r)
            continue
        if is_group_mark:
            kinds.groups.append(r)
            segment_start = len(kinds.units)
            continue
        if name and has_counts and not _is_signature_text(name):
            kinds.units.append(r)  # a unit without a code: reported as missing-value
            continue
        if not has_counts and first_text:
            if not _is_signature_text(first_text):
                kinds.groups.append(r)
                segment_start = len(kinds.units)
            continue
    # A grand total, a totals row above every unit, or the last totals row covers every unit;
    # a subtotal (`Cộng`) covers the units since the previous group.
    for i, r in enumerate(kinds.totals):
        scope = kinds.totals_scope[r]
        last = i == len(kinds.totals) - 1
        if not scope or last or (kinds.units and r < kinds.units[0]):
            kinds.totals_scope[r] = list(kinds.units)
    return kinds


def _is_number_like(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_NUMBER_TEXT.match(value.strip()))


def _is_grand_total(text: str) -> bool:
    return bare_key(text).startswith(GRAND_TOTAL_PREFIXES)


def _looks_like_code(code: str) -> bool:
    return bool(code) and not _is_total_text(code)


def _is_caption(code: str, name: str) -> bool:
    """A caption typed into the code column (`A. CÁC SỞ`, `Người lập biểu`), not a unit code."""
    if _CAPTION.match(code) or _is_signature_text(code) or _is_total_text(code):
        return True
    return " " in code.strip() and not name
