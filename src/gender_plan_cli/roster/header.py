"""Cell grid → where a roster's columns are, or None when the sheet is not a roster.

A roster's header starts at a `Họ và tên` cell within the first 30 non-empty rows and may
run over up to three rows (`Ngày, tháng, năm sinh` over `Nam` | `Nữ`, `Trình độ` over `LLCT`,
a blank row between); title rows above it give the report year (`… NĂM 2025`), and a
column-number row under it (`1 2 3`, `(1) (2)`) is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gender_plan_cli.layout import text_of
from gender_plan_cli.layout.locate import HEADER_SEARCH_ROWS
from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.words import bare_key

# Column roles → the header words that name them (bare keys). A column's own text is tried
# first, then its parent's (a two-row header's merged cell) followed by its own.
_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("ho va ten", "ho ten", "ho va ten khai sinh", "ho chu dem va ten", "full name"),
    "sex": ("gioi tinh", "gioi", "sex", "gender", "nam nu", "nam hoac nu"),
    "dob": ("ngay thang nam sinh", "ngay sinh", "nam sinh", "date of birth"),
    "female": ("nu",),
    "ethnicity": ("dan toc", "ethnicity"),
    "position": (
        "chuc vu",
        "chuc vu chuc danh",
        "chuc danh",
        "chuc vu don vi cong tac",
        "chuc vu don vi cong tac hien nay",
        "chuc vu hien nay",
        "chuc vu hien tai",
        "position",
    ),
    # Who a person is, when the list says: the citizen's card, a staff number.
    "identity": (
        "so cccd",
        "cccd",
        "so cmnd",
        "cmnd",
        "so cmnd cccd",
        "so cccd cmnd",
        "cmnd cccd",
        "cccd cmnd",
        "so can cuoc cong dan",
        "so can cuoc",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "ma so can bo",
        "ma can bo",
        "ma so cong chuc",
        "ma so cong chuc vien chuc",
        "ma so cbccvc",
        "so hieu cong chuc",
        "so hieu can bo cong chuc",
        "so hieu cbcc",
        "ma nhan su",
    ),
    "unit_code": ("ma don vi", "ma co quan don vi", "unit code"),
    "unit_name": (
        "don vi",
        "phong don vi",
        "noi cong tac",
        "don vi cong tac",
        "co quan don vi",
        "ten don vi",
        "co quan don vi cong tac",
        "unit",
    ),
    "planning": ("quy hoach", "chuc danh quy hoach", "dien quy hoach", "quy hoach chuc danh"),
    "trained": ("da dao tao boi duong", "dao tao boi duong", "duoc dao tao boi duong"),
    "llct": ("ly luan chinh tri", "llct", "trinh do ly luan chinh tri", "trinh do llct"),
    "qlnn": ("qlnn", "quan ly nha nuoc", "trinh do quan ly nha nuoc", "trinh do qlnn"),
}
_BY_WORDS = {words: role for role, names in _NAMES.items() for words in names}
_DOB_SPLIT = {"nam": "dob_male", "nu": "dob_female"}
_COLUMN_NUMBER = re.compile(r"^\(?\s*(?:\d{1,3}|[A-Za-z])\s*\)?$")
MAX_HEADER_ROWS = 3


@dataclass
class RosterLayout:
    """Which column (1-based) holds what; `data_start` is the first row below the header."""

    columns: dict[str, int]
    header_rows: tuple[int, ...]
    data_start: int
    headers: dict[int, str] = field(default_factory=dict)  # column → its header, as shown

    @property
    def top(self) -> int:
        return self.header_rows[0]


def locate_roster(grid: SheetGrid) -> RosterLayout | None:
    """The roster header of `grid`, or None: a `Họ và tên` column, the person's sex (a column,
    or the date of birth under `Nam` | `Nữ`), and a date of birth, ethnicity or position. A list
    of names that says nobody's sex cannot give a figure of the plan: it stays `no-header`."""
    seen = 0
    for r in range(1, len(grid.rows) + 1):
        cells = grid.rows[r - 1]
        if not any(v is not None for v in cells):
            continue
        seen += 1
        if seen > HEADER_SEARCH_ROWS:
            return None
        if any(isinstance(v, str) and _BY_WORDS.get(bare_key(v)) == "name" for v in cells):
            layout = _read_header(grid, r)
            if layout is not None:
                return layout
    return None


def _read_header(grid: SheetGrid, top: int) -> RosterLayout | None:
    width = max(
        (len(grid.rows[r - 1]) for r in range(top, min(top + MAX_HEADER_ROWS, len(grid.rows)) + 1)),
        default=0,
    )
    name_col = next(
        c
        for c in range(1, width + 1)
        if _BY_WORDS.get(bare_key(text_of(grid.value(top, c)))) == "name"
    )
    rows = [top]
    for r in range(top + 1, min(top + MAX_HEADER_ROWS, len(grid.rows) + 1)):
        if grid.value(r, name_col) is not None or _is_column_numbers(grid, r):
            break
        rows.append(r)
    parents = _parents(grid, rows, width)
    columns: dict[str, int] = {}
    headers: dict[int, str] = {}
    for c in range(1, width + 1):
        own = next(
            (text_of(grid.value(r, c)) for r in reversed(rows) if text_of(grid.value(r, c))), ""
        )
        parent = parents.get(c, "")
        headers[c] = f"{parent} / {own}" if parent and own and parent != own else own or parent
        role = _role(parent, own, top_own=text_of(grid.value(top, c)))
        if role is not None and role not in columns:
            columns[role] = c
    sex = {"sex", "dob_female", "female", "male"}
    person = {"dob", "dob_male", "ethnicity", "position"}
    if "name" not in columns or not sex & columns.keys() or not person & columns.keys():
        return None
    start = rows[-1] + 1
    if _is_column_numbers(grid, start):
        start += 1
    return RosterLayout(columns, tuple(rows), start, headers)


def _parents(grid: SheetGrid, rows: list[int], width: int) -> dict[int, str]:
    """The top row's text over each column, carried over the empty cells of a merge (or of a
    CSV, which has no merges) to its right."""
    top = rows[0]
    merged = {
        c: text_of(grid.value(r0, c0))
        for r0, c0, r1, c1 in grid.merged
        if r0 == top and c1 > c0
        for c in range(c0, c1 + 1)
    }
    parents: dict[int, str] = {}
    carried = ""
    for c in range(1, width + 1):
        t = text_of(grid.value(top, c))
        if t:
            carried = t
        elif c not in merged and all(grid.value(r, c) is None for r in rows[1:]):
            carried = ""
        parents[c] = merged.get(c) or t or carried
    return parents


def _role(parent: str, own: str, *, top_own: str) -> str | None:
    p, o = bare_key(parent), bare_key(own)
    if _BY_WORDS.get(p) == "sex" and o in _DOB_SPLIT:
        return "male" if o == "nam" else "female"  # `Giới tính` › `Nam` | `Nữ`, marked x
    if _BY_WORDS.get(p) == "dob" and o in _DOB_SPLIT:
        return _DOB_SPLIT[o]
    role = _BY_WORDS.get(o)
    if role == "female" and _BY_WORDS.get(p) == "dob":
        return "dob_female"
    return role if role is not None else _BY_WORDS.get(bare_key(top_own))


def _is_column_numbers(grid: SheetGrid, r: int) -> bool:
    if r > len(grid.rows):
        return False
    cells = [text_of(v) for v in grid.rows[r - 1] if v is not None]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.match(c) for c in cells)
