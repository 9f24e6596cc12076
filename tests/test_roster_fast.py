"""The roster's counting, column by column, says what the person-by-person counting said.

`roster_reference_count` is the counting as it was before it was made fast (kept here, frozen,
as the oracle); every layout of header, and every messy value a clerk types (empty and
whitespace cells, numbers, booleans, dates as text, totals lines, unknown titles, the same
person twice), is counted both ways — from the reader's columns and from the rows — and the
units, the rows left out and the findings must be the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gender_plan_cli.reading.grid import SheetGrid, clean, clean_rows
from gender_plan_cli.roster.config import roster_config
from gender_plan_cli.roster.count import Counter, RosterFindings
from gender_plan_cli.roster.header import locate_roster
from roster_builders import COMMUNE_HEADER, GENDER_COLUMN_HEADER
from roster_reference_count import Counter as ReferenceCounter
from roster_reference_count import RosterFindings as ReferenceFindings

TITLE = [["SỞ NỘI VỤ"], ["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"], []]
# Each layout: its header rows, and the pool of values each of its columns draws from.
NAME = ["Trần Thị Lan", "trần  thị LAN", "Lê Văn Hùng", "Tổng cộng", "Cộng", None, " ", 5, True]
DOB = [date(1980, 1, 1), datetime(1980, 1, 1), "12/03/1980", "1980", "32/13/1984", 1980, 1, True]
DOB_OR_NONE = [*DOB, None, None, None, "abc", 1.0]
SEX = ["Nữ", "nữ", "Nam", "F", "M", None, "x", 1, True, "?", "  "]
ETHNIC = ["Kinh", "Tày", "Mường", "Xyz", None, 1, "kinh "]
POSITION = [
    "Chuyên viên",
    "Trưởng phòng",
    "Phó Giám đốc Sở",
    "Chủ tịch UBND",
    "Phó Chủ tịch",
    "Trưởng nhóm",
    "Chủ tịch",
    None,
    1.0,
]
UNIT = ["Sở Nội vụ", "Sở Y tế", "UBND xã Cổ Đô", "HĐND xã Cổ Đô", None, "  ", 7, 7.0]
CODE = ["S01", "S02", None, 1, 1.0, True, " S01"]
PLAN = ["x", None, "Có", "Không", "Trưởng phòng", 0, 1, True, False, 1.0]
TRAINED = ["Có", None, "x", "Không", 1]
LLCT = ["Trung cấp", "Cao cấp", "Sơ cấp", None, "cử nhân"]
IDENTITY = ["001", "0 01", 1.0, None, "abc", 1, True]
MARK = ["x", None, "X", 1, True, "", 0]

LAYOUTS: dict[str, tuple[list[list[Any]], list[list[Any]]]] = {
    "a sex column": (
        [
            list(GENDER_COLUMN_HEADER),
            [1, 2, 3, 4, 5, 6, 7, 8, 9],
        ],
        [NAME, DOB_OR_NONE, SEX, ETHNIC, POSITION, UNIT, PLAN, TRAINED],
    ),
    "the date of birth under Nam | Nữ, the unit in the title": (
        [list(row) for row in COMMUNE_HEADER],
        [NAME, DOB_OR_NONE, DOB_OR_NONE, ETHNIC, POSITION, LLCT, LLCT, PLAN],
    ),
    "an identity column, a unit code, an x under Nữ": (
        [
            [
                "STT",
                "Họ và tên",
                "Số CCCD",
                "Ngày sinh",
                "Nữ",
                "Chức vụ",
                "Mã đơn vị",
                "Đơn vị",
                "Quy hoạch",
                "LLCT",
            ],
        ],
        [NAME, IDENTITY, DOB_OR_NONE, MARK, POSITION, CODE, UNIT, PLAN, LLCT],
    ),
}


def _grids(layout: str, people: list[list[Any]]) -> tuple[SheetGrid, SheetGrid]:
    """The roster as the reader gives it (its columns too), and as rows only."""
    header, _ = LAYOUTS[layout]
    rows = [list(r) for r in TITLE] + [list(r) for r in header]
    rows += [[i, *p] for i, p in enumerate(people, start=1)]
    width = max(map(len, rows))
    rows = [r + [None] * (width - len(r)) for r in rows]
    cleaned, columns = clean_rows([list(r) for r in rows])
    assert columns is not None
    return (
        SheetGrid(name="DS", rows=cleaned, columns=columns),
        SheetGrid(name="DS", rows=[list(r) for r in cleaned]),
    )


def _count(counter_type: Any, findings_type: Any, grid: SheetGrid) -> Any:
    layout = locate_roster(grid)
    if layout is None:  # no roster then, whichever counts it
        return None
    found = findings_type("roster.xlsx", "DS")
    counter = counter_type(grid, layout, roster_config(), found, 2025)
    units = [u.model_dump() for u in counter.units()]
    findings = [f.model_dump() for f in found.closed()]
    return counter.persons, units, findings, found.more


def assert_counted_alike(layout: str, people: list[list[Any]]) -> Any:
    with_columns, rows_only = _grids(layout, people)
    expected = _count(ReferenceCounter, ReferenceFindings, rows_only)
    assert _count(Counter, RosterFindings, with_columns) == expected
    assert _count(Counter, RosterFindings, rows_only) == expected
    return expected


@pytest.mark.parametrize(
    ("layout", "fields"),
    [
        ("a sex column", {"sex", "dob", "unit_name", "trained"}),
        ("the date of birth under Nam | Nữ, the unit in the title", {"dob_male", "llct", "qlnn"}),
        ("an identity column, a unit code, an x under Nữ", {"identity", "female", "unit_code"}),
    ],
)
def test_each_layout_is_a_roster_with_its_columns(layout: str, fields: set[str]) -> None:
    grid, _ = _grids(layout, [[pool[0] for pool in LAYOUTS[layout][1]]])
    found = locate_roster(grid)
    assert found is not None
    assert fields <= found.columns.keys()


def _people(layout: str) -> st.SearchStrategy[list[list[Any]]]:
    pools = LAYOUTS[layout][1]
    person = st.tuples(*(st.sampled_from(pool) for pool in pools)).map(list)
    return st.lists(person, min_size=0, max_size=40)


@pytest.mark.parametrize("layout", list(LAYOUTS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_columns_and_rows_count_as_the_reference_does(layout: str, data: st.DataObject) -> None:
    assert_counted_alike(layout, data.draw(_people(layout)))


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_past_the_findings_cap_the_same_findings_are_kept(layout: str) -> None:
    """3,000 messy people: the first 1,000 findings kept are the same ones, the rest counted
    alike by code."""
    rng = random.Random(26)
    pools = LAYOUTS[layout][1]
    people = [[rng.choice(pool) for pool in pools] for _ in range(3_000)]
    people[0] = [pool[0] for pool in pools]  # a person first, so the header is found
    persons, units, findings, more = assert_counted_alike(layout, people)
    assert len(persons) > 1_000
    assert len(units) > 1
    assert more


@pytest.mark.parametrize(
    "rows",
    [
        [["  ", "a\x01"], ["x"], ["e\u0301", None, " "]],  # ragged: cleaned row by row
        [["  ", "a\x01", 1], ["e\u0301", None, " "], ["e\u0301", True, "\t"]],
    ],
)
def test_cells_are_cleaned_as_one_by_one(rows: list[list[Any]]) -> None:
    expected = [[clean(v) for v in row] for row in rows]
    cleaned, columns = clean_rows([list(r) for r in rows])
    assert cleaned == expected
    if len({len(r) for r in rows}) > 1:
        assert columns is None
    else:
        assert columns is not None
        assert [list(c) for c in columns] == [list(c) for c in zip(*expected, strict=True)]


def test_a_long_sheet_is_cleaned_slice_by_slice_in_place() -> None:
    """Over two slices of rows made again from the columns: every cell as `clean` has it, in
    the list given, each cell one object with its column's."""
    kinds = ["", "  ", "Trưởng phòng", "Tru\u031bo\u031b\u0309ng phòng", 7.0, True, None, "x\x02"]
    rows = [[kinds[(i * 3 + j) % len(kinds)] for j in range(4)] for i in range(20_000)]
    data = [list(r) for r in rows]
    cleaned, columns = clean_rows(data)
    assert cleaned is data
    assert cleaned == [[clean(v) for v in row] for row in rows]
    assert columns is not None
    assert all(columns[j][i] is cleaned[i][j] for i in range(20_000) for j in range(4))
