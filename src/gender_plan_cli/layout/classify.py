"""What every row below the header is: unit, group, totals, note, signature — or unread.

Nothing is dropped in silence: a row that holds figures but is read as none of unit or totals
is `unread` (validate reports it as `unread-row`). The table ends where the signature block
begins (`…, ngày … tháng … năm …`, `Người lập biểu`, `(Ký, họ tên)`, `KT. …`, `GIÁM ĐỐC`):
nothing below it is a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from gender_plan_cli.contract import FIELD_BY_ID, Kind
from gender_plan_cli.layout.cells import is_number_like, text_of
from gender_plan_cli.layout.header_file import STAFF_MALE, words
from gender_plan_cli.layout.locate import Layout
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.words import bare_key

RowKind = Literal["unit", "group", "totals", "note", "signature", "unread"]
ROW_KINDS: tuple[RowKind, ...] = ("unit", "group", "totals", "note", "signature", "unread")

_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Za-zĐđ])[.)]?$")
_ORDINAL_NUMBER = re.compile(r"^\d{1,4}(?:[.,]\d{1,3})*[.)]?$")
_TOTAL_INITIALS = frozenset("TtCc")
_CAPTION = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]\s")
_DATE_LINE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")
_FIGURE_KINDS = (Kind.INT, Kind.PERCENT)


@dataclass
class RowKinds:
    units: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)
    # for each totals row, the unit rows it must equal
    totals_scope: dict[int, list[int]] = field(default_factory=dict)
    kind: dict[int, RowKind] = field(default_factory=dict)  # every non-empty row below the header
    unread: dict[int, str] = field(default_factory=dict)  # row → why: group, sub-row, signature
    grand: set[int] = field(default_factory=set)  # the totals rows of a whole table

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = dict.fromkeys(ROW_KINDS, 0)
        for k in self.kind.values():
            out[k] += 1
        return out

    def ranges(self) -> list[tuple[int, int, str]]:
        """Consecutive rows of one kind: (first, last, kind)."""
        out: list[tuple[int, int, str]] = []
        for r in sorted(self.kind):
            k = self.kind[r]
            if out and out[-1][2] == k and out[-1][1] == r - 1:
                out[-1] = (out[-1][0], r, k)
            else:
                out.append((r, r, k))
        return out


@dataclass
class _Row:
    """One row as classification sees it."""

    code: str
    name: str
    ordinal: str
    labels: list[str]  # text of the cells outside the mapped value columns, left to right
    has_figures: bool
    has_other: bool
    has_code_formula: bool


class _Reader:
    """The columns that matter for telling rows apart."""

    def __init__(self, grid: SheetGrid, layout: Layout) -> None:
        self.grid = grid
        self.code_col = layout.fields.get("unit_code")
        self.name_col = layout.fields.get("unit_name")
        self.ordinal_col = layout.ordinal_col
        self.figure_cols = [
            i
            for f, i in layout.fields.items()
            if f == STAFF_MALE or (f in FIELD_BY_ID and FIELD_BY_ID[f].kind in _FIGURE_KINDS)
        ]
        self.value_cols = {
            i for f, i in layout.fields.items() if f not in ("unit_code", "unit_name")
        }
        self.other_cols = [
            i for f, i in layout.fields.items() if f not in ("unit_code", "unit_name", "notes")
        ]
        self.no_value = {r for r, _ in grid.formulas_without_value}

    def plain_unit(self, r: int) -> bool:
        """A row whose code is a plain code and that is no group: what `_kind_of` calls a unit
        first of all, seen from two cells."""
        if not self.code_col:
            return False
        code = text_of(self.grid.value(r, self.code_col))
        if not code or not _is_plain_code(code):
            return False
        ordinal = text_of(self.grid.value(r, self.ordinal_col)) if self.ordinal_col else ""
        return not (ordinal and _ROMAN_OR_LETTER.match(ordinal))

    def row(self, r: int) -> _Row | None:
        grid = self.grid
        cells = grid.rows[r - 1]
        if all(v is None for v in cells) and r not in self.no_value:
            return None
        labels = [
            text_of(v)
            for c, v in enumerate(cells, start=1)
            if isinstance(v, str) and v.strip() and c not in self.value_cols
        ]
        no_value = grid.formulas_without_value
        return _Row(
            code=text_of(grid.value(r, self.code_col)) if self.code_col else "",
            name=text_of(grid.value(r, self.name_col)) if self.name_col else "",
            ordinal=text_of(grid.value(r, self.ordinal_col)) if self.ordinal_col else "",
            labels=labels,
            has_figures=any(is_number_like(grid.value(r, c)) for c in self.figure_cols),
            has_other=any(grid.value(r, c) is not None for c in self.other_cols),
            has_code_formula=any((r, c) in no_value for c in (self.code_col, self.name_col) if c),
        )


def classify(grid: SheetGrid, layout: Layout) -> RowKinds:
    """Every non-empty row below the header, by kind; units, totals and groups listed."""
    kinds = RowKinds()
    reader = _Reader(grid, layout)
    segment_start = 0  # index into kinds.units where the current group begins
    table_start = 0  # … and where the current table begins (after a grand total)
    signed = False
    for r in range(layout.data_start, len(grid.rows) + 1):
        if not signed and reader.plain_unit(r):
            kinds.kind[r] = "unit"  # the common row, decided without reading the rest of it
            kinds.units.append(r)
            continue
        row = reader.row(r)
        if row is None:
            continue
        kind: RowKind
        why: str
        kind, why = ("signature", "") if signed else _kind_of(row)
        if kind == "signature":
            signed = True
            if row.has_figures:
                kind, why = "unread", "signature"
        kinds.kind[r] = kind
        if kind == "unread":
            kinds.unread[r] = why
        elif kind == "unit":
            kinds.units.append(r)
        elif kind == "totals":
            kinds.totals.append(r)
            grand = any(_is_grand_total(t) for t in _label_texts(row)[:3])
            scope = kinds.units[table_start if grand else segment_start :]
            kinds.totals_scope[r] = scope
            if grand:
                kinds.grand.add(r)
                table_start = len(kinds.units)
            segment_start = len(kinds.units)
        elif kind == "group":
            kinds.groups.append(r)
            segment_start = len(kinds.units)
    _widen_scopes(kinds)
    return kinds


def _widen_scopes(kinds: RowKinds) -> None:
    """A grand total covers the units of its table (every unit when the sheet holds one); a
    totals row above every unit, or the last one after no grand total, covers every unit; a
    subtotal (`Cộng`) covers the units since the previous group."""
    for i, r in enumerate(kinds.totals):
        scope = kinds.totals_scope[r]
        last = i == len(kinds.totals) - 1 and not (kinds.grand - {r})
        if not scope or last or (kinds.units and r < kinds.units[0]):
            kinds.totals_scope[r] = list(kinds.units)


def _label_texts(row: _Row) -> list[str]:
    first = row.labels[0] if row.labels else ""
    return [t for t in (row.ordinal, row.code, row.name, first) if t]


def _kind_of(row: _Row) -> tuple[RowKind, str]:
    """The kind of a row above the signature block, and why it is unread when it is."""
    code, name = row.code, row.name
    group_mark = bool(row.ordinal) and bool(_ROMAN_OR_LETTER.match(row.ordinal))
    if code and not group_mark and _is_plain_code(code):
        return "unit", ""  # the common row: a real code, nothing to decide
    texts = _label_texts(row)
    if texts and any(_is_total_text(t) for t in texts[:3]) and not _looks_like_code(code):
        return "totals", ""
    if not row.has_figures and any(_is_signature_text(t) for t in (*texts, *row.labels)):
        return "signature", ""
    if not row.has_figures and any(_is_note_text(t) for t in texts):
        return "note", ""
    if code:
        caption = not row.has_other and (group_mark or _is_caption(code, name))
        return ("group", "") if caption else ("unit", "")
    if row.has_code_formula:
        return "unit", ""  # its code and name are formulas never computed: reported at the cells
    if group_mark:
        return ("unread", "group") if row.has_figures else ("group", "")
    if name and row.has_figures:
        return "unit", ""  # a unit without a code: reported as missing-value
    if row.has_figures:
        numbered = bool(row.ordinal) and bool(_ORDINAL_NUMBER.match(row.ordinal))
        return ("unit", "") if numbered or not row.labels else ("unread", "sub-row")
    return "group", ""


def _is_plain_code(code: str) -> bool:
    """A code as codes are written (`S01`, `X013-UB`): one token holding a digit, which no
    caption, totals or signature word is. Cheap, so 200,000 unit rows cost no word folding."""
    if " " in code:
        return False
    if any(ch.isdigit() for ch in code):
        return True
    return not _is_caption(code, "-")


def _is_total_text(text: str) -> bool:
    if len(text) > 40 or not text[:1] or text[:1] not in _TOTAL_INITIALS:
        return False
    k = bare_key(text)
    if not k:
        return False
    hw = words()
    if k in hw.total_words:
        return True
    return k.startswith(hw.total_prefixes)


def _is_signature_text(text: str) -> bool:
    k = bare_key(text)
    if _DATE_LINE.search(k):
        return True
    return k.startswith(words().signature) or k == "ky"


def _is_note_text(text: str) -> bool:
    return bare_key(text).startswith(words().notes)


def _is_grand_total(text: str) -> bool:
    return bare_key(text).startswith(words().grand_prefixes)


def _looks_like_code(code: str) -> bool:
    return bool(code) and not _is_total_text(code)


def _is_caption(code: str, name: str) -> bool:
    """A caption typed into the code column (`A. CÁC SỞ`, `Người lập biểu`), not a unit code."""
    if _CAPTION.match(code) or _is_signature_text(code) or _is_total_text(code):
        return True
    return " " in code.strip() and not name
