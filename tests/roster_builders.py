"""Builders of person-level rosters for tests (invented names), laid out as real lists are."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from builders import write_xlsx

REGISTRY = """units:
  - {code: UB-TP, name: "Ủy ban nhân dân thành phố Hà Nội", level: "Thành phố", unit_type: "Ủy ban nhân dân"}
  - {code: S01, name: "Sở Nội vụ", parent: UB-TP, level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước", sector: "Nội vụ"}
  - {code: X101-UB, name: "Ủy ban nhân dân xã Cổ Đô", parent: UB-TP, level: "Xã", unit_type: "UBND"}
  - {code: X101-HD, name: "Hội đồng nhân dân xã Cổ Đô", parent: UB-TP, level: "Xã", unit_type: "HĐND"}
"""

# Giới tính column; title rows with the year; a column-number row. (name, dob, sex, ethnicity,
# position, unit, planning, trained)
GENDER_COLUMN_PEOPLE: list[tuple[Any, ...]] = [
    ("Trần Thị Lan", date(1975, 3, 2), "Nữ", "Kinh", "Giám đốc Sở", "Sở Nội vụ", None, None),
    ("Lê Văn Hùng", date(1970, 5, 9), "Nam", "Kinh", "Phó Giám đốc", "Sở Nội vụ", None, None),
    (
        "Phạm Thị Hoa",
        "12/08/1982",
        "nữ",
        "Tày",
        "Trưởng phòng",
        "Sở Nội vụ",
        "Phó Giám đốc Sở",
        "x",
    ),
    (
        "Đỗ Văn Nam",
        date(1985, 1, 1),
        "M",
        "Kinh",
        "Phó Trưởng phòng",
        "Sở Nội vụ",
        "Trưởng phòng",
        None,
    ),
    ("Ngô Thị Mai", date(1990, 7, 7), "F", "Mường", "Chuyên viên", "Sở Nội vụ", "Có", None),
    ("Bùi Thị Thu", "32/13/1984", "Nữ", "Kinh", "Chuyên viên chính", "Sở Nội vụ", "x", "Có"),
    ("Vũ Văn An", date(1988, 2, 2), None, "Kinh", "Chuyên viên", "Sở Nội vụ", None, None),
    ("Hoàng Thị Yến", date(1992, 4, 4), "Nữ", "Xyz", "Trưởng nhóm", "Sở Nội vụ", None, None),
    ("Ngô Thị Mai", date(1990, 7, 7), "Nữ", "Mường", "Chuyên viên", "Sở Nội vụ", None, None),
]


# The header of a roster with a sex column, A to I.
GENDER_COLUMN_HEADER = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Chức vụ",
    "Phòng (Đơn vị)",
    "Quy hoạch",
    "Đã đào tạo, bồi dưỡng",
)


# The two header rows of a commune's roster: the date of birth under Nam | Nữ, A to I.
COMMUNE_HEADER = (
    (
        "TT",
        "Họ và tên",
        "Ngày, tháng, năm sinh",
        None,
        "Dân tộc",
        "Chức vụ, chức danh",
        "Trình độ",
        None,
        "Chức danh quy hoạch",
    ),
    (None, None, "Nam", "Nữ", None, None, "LLCT", "QLNN", None),
)


def gender_column_roster(path: Path, people: list[tuple[Any, ...]] | None = None) -> Path:
    """Title rows (year in the title) at rows 1–3, header at row 5, column numbers at row 6,
    people from row 7: A STT, B name, C dob, D sex, E ethnicity, F position, G unit, H planning,
    I trained."""
    rows: list[list[Any]] = [
        ["SỞ NỘI VỤ"],
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"],
        [],
        [],
        list(GENDER_COLUMN_HEADER),
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
    ]
    for i, p in enumerate(people if people is not None else GENDER_COLUMN_PEOPLE, start=1):
        rows.append([i, *p])
    return write_xlsx(path, rows, sheet="Danh sách")


# Date of birth under Nam | Nữ (a two-row header), LLCT / QLNN levels under `Trình độ`.
# (name, dob male, dob female, ethnicity, position, LLCT, QLNN, planning)
COMMUNE_PEOPLE: list[tuple[Any, ...]] = [
    ("Nguyễn Văn Bình", date(1972, 1, 5), None, "Kinh", "Chủ tịch UBND xã", "Cao cấp", None, None),
    (
        "Trịnh Thị Hằng",
        None,
        date(1978, 6, 1),
        "Kinh",
        "Phó Chủ tịch UBND",
        "Trung cấp",
        None,
        "Chủ tịch UBND",
    ),
    ("Lý Văn Sơn", date(1975, 9, 9), None, "Dao", "Chủ tịch HĐND xã", "Cao cấp", None, None),
    (
        "Đặng Thị Nga",
        None,
        date(1980, 2, 2),
        "Kinh",
        "Phó Chủ tịch Hội đồng nhân dân",
        "Sơ cấp",
        None,
        "x",
    ),
    (
        "Phan Thị Ly",
        None,
        date(1991, 3, 3),
        "Kinh",
        "Công chức Văn phòng - Thống kê",
        None,
        "Chuyên viên",
        "x",
    ),
    ("Mai Văn Tú", date(1993, 3, 3), None, "Kinh", None, None, None, None),
    ("Cao Thị Hạnh", None, date(1995, 5, 5), "Kinh", "Chủ tịch", None, None, None),
]


def dob_split_roster(path: Path, people: list[tuple[Any, ...]] | None = None) -> Path:
    """No title year; header rows 3–4: A TT, B name, C–D `Ngày, tháng, năm sinh` › Nam | Nữ,
    E ethnicity, F `Chức vụ, chức danh`, G–H `Trình độ` › LLCT | QLNN, I planning; people from
    row 5. The unit is the title (row 1)."""
    rows: list[list[Any]] = [
        ["DANH SÁCH CÁN BỘ, CÔNG CHỨC UBND, HĐND XÃ CỔ ĐÔ"],
        [],
        *(list(row) for row in COMMUNE_HEADER),
    ]
    for i, p in enumerate(people if people is not None else COMMUNE_PEOPLE, start=1):
        rows.append([i, *p])
    merges = ["A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:H3", "I3:I4"]
    return write_xlsx(path, rows, merges=merges, sheet="DS")
