"""The report year a sheet states above its header, and which line said it.

Forms carry several years above the table: the title's (`BÁO CÁO … NĂM 2025`), a school year
(`Năm học 2020 - 2021`), an as-of date (`Tính đến ngày 30/11/2025`), and the date the form was
signed or printed (`Ngày 15 Tháng 9 Năm 2020`). The title wins, then a school year, then an
as-of date; a date line is the last resort. The choice is kept, so it can be shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.words import bare_key

_DATE_LINE = re.compile(r"\bngay\s*(?:\d{1,2}|…+|\.+)?\s*thang\s*(?:\d{1,2})?\s*nam\s*(20\d\d)\b")
_AS_OF = re.compile(
    r"\b(?:tinh den|den|tai thoi diem|thoi diem)\s*(?:ngay\s*)?"
    r"(?:\d{1,2}\s*(?:thang\s*)?\d{1,2}\s*(?:nam\s*)?(20\d\d))\b"
)
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s*(20\d\d)\s*(?:20)?\d\d\b")
_TITLE_YEAR = re.compile(r"\bnam\s*(20\d\d)\b")

# (kind, pattern): earlier kinds win over later ones.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("school-year", _SCHOOL_YEAR),
    ("as-of", _AS_OF),
    ("date-line", _DATE_LINE),
    ("title", _TITLE_YEAR),
)
_RANK = {"title": 0, "school-year": 1, "as-of": 2, "date-line": 3}


@dataclass(frozen=True)
class YearSource:
    year: int
    row: int
    col: int
    kind: str  # title | school-year | as-of | date-line
    text: str


def _kind_of(text: str) -> tuple[str, int] | None:
    k = bare_key(text)
    for kind, pattern in _KINDS:
        m = pattern.search(k)
        if m:
            return kind, int(m.group(1))
    return None


def report_year_above(grid: SheetGrid, header_top: int) -> YearSource | None:
    """The best-ranked year in the rows above the header (the first of its rank wins)."""
    best: YearSource | None = None
    for r in range(1, header_top):
        for c, v in enumerate(grid.rows[r - 1], start=1):
            if not isinstance(v, str):
                continue
            found = _kind_of(v)
            if found is None:
                continue
            kind, year = found
            if best is None or _RANK[kind] < _RANK[best.kind]:
                best = YearSource(year, r, c, kind, v.strip())
    return best
