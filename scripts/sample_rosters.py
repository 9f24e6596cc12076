"""Sample staff rosters (danh sách cán bộ) for data/samples/rosters/, with invented names.

Called by make_samples.py. Each person is built from a unit's figures, so a roster counts
exactly what its unit's figures say — save for the differences asked for, which show the
cross-check of a roster against its unit's return.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
MIDDLE_F = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng")
MIDDLE_M = ("Văn", "Đức", "Quang", "Minh", "Hữu", "Công")
GIVEN_F = ("Lan", "Hoa", "Mai", "Hằng", "Thảo", "Hương", "Ngân", "Yến", "Trang", "Linh", "Nga")
GIVEN_M = ("Hùng", "Dũng", "Nam", "Sơn", "Tuấn", "Long", "Bình", "Khánh", "Phúc", "Tài", "Huy")
# (key leaders, other leaders, staff) positions of a commune's People's Committee and Council
POSITIONS = {
    "ubnd": (
        ("Chủ tịch UBND", "Phó Chủ tịch UBND"),
        ("Trưởng Công an xã", "Chỉ huy trưởng Quân sự", "Ủy viên UBND"),
        ("Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Chuyên viên", "Kế toán"),
    ),
    "hdnd": (
        ("Chủ tịch HĐND", "Phó Chủ tịch HĐND"),
        ("Ủy viên Thường trực HĐND",),
        ("Chuyên viên Văn phòng HĐND",),
    ),
}
Person = dict[str, Any]


def people(rng: random.Random, u: Any, body: str, female_extra: int = 0) -> list[Person]:
    """The people of unit `u` (a make_samples.Unit); `female_extra` women more than it states."""
    key_pos, lead_pos, staff_pos = POSITIONS[body]
    lf = u.leaders_female or 0
    groups = [
        (u.key_leaders_total, u.key_leaders_female, key_pos),
        (u.leaders_total - u.key_leaders_total, lf - u.key_leaders_female, lead_pos),
        (u.staff_total - u.leaders_total, u.staff_female - lf + female_extra, staff_pos),
    ]
    out: list[Person] = []
    for total, women, positions in groups:
        for i in range(total):
            out.append(
                _person(
                    rng,
                    i < women,
                    positions[min(i, len(positions) - 1)]
                    if positions is key_pos
                    else rng.choice(positions),
                )
            )
    women = [p for p in out if p["female"]]
    men = [p for p in out if not p["female"]]
    for p in rng.sample(women, u.pool_female):
        p["pool"] = "x"
    # A pool may hold people from outside the unit's staff, whom no roster of it lists.
    for p in rng.sample(men, min(len(men), u.pool_total - u.pool_female)):
        p["pool"] = "x"
    pooled_women = [p for p in women if p["pool"]]
    for p in rng.sample(pooled_women, u.pool_female_trained):
        p["llct"] = "Trung cấp"
    return out


def _person(rng: random.Random, female: bool, position: str) -> Person:
    middle, given = (MIDDLE_F, GIVEN_F) if female else (MIDDLE_M, GIVEN_M)
    name = f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
    born = date(rng.randint(1966, 2001), rng.randint(1, 12), rng.randint(1, 28))
    return {
        "name": name,
        "born": born,
        "female": female,
        "position": position,
        "pool": None,
        "llct": "Sơ cấp",
        "ethnicity": "Kinh",
    }


def write_dob_split(
    path: Path, title: str, persons: list[Person], save: Callable[[Any, Path], None]
) -> None:
    """The common template: the date of birth under `Nam` or `Nữ`, a two-row header, a
    column-number row; the unit is the title's."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append([title])
    ws.append([])
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            None,
            "Dân tộc",
            "Chức vụ",
            "Trình độ",
            None,
            "Quy hoạch",
        ]
    )
    ws.append([None, None, "Nam", "Nữ", None, None, "LLCT", "QLNN", None])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8, 9])
    for m in ("A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:F4", "G3:H3", "I3:I4", "A1:I1"):
        ws.merge_cells(m)
    for i, p in enumerate(persons, start=1):
        born = p["born"].strftime("%d/%m/%Y")
        ws.append(
            [
                i,
                p["name"],
                None if p["female"] else born,
                born if p["female"] else None,
                p["ethnicity"],
                p["position"],
                p["llct"],
                None,
                p["pool"],
            ]
        )
    save(wb, path)


def write_sex_column(
    path: Path, title: str, persons: list[tuple[str, Person]], save: Callable[[Any, Path], None]
) -> None:
    """An HR export: one header row, `Giới tính`, `Mã đơn vị` per person."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append([title])
    ws.append(
        [
            "STT",
            "Mã đơn vị",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Dân tộc",
            "Chức vụ",
            "Quy hoạch",
            "Lý luận chính trị",
        ]
    )
    for i, (code, p) in enumerate(persons, start=1):
        ws.append(
            [
                i,
                code,
                p["name"],
                p["born"],
                "Nữ" if p["female"] else "Nam",
                p["ethnicity"],
                p["position"],
                p["pool"],
                p["llct"],
            ]
        )
    save(wb, path)


def write_rosters(out: Path, co_do: list[Any], save: Callable[[Any, Path], None]) -> list[Path]:
    """`rosters/`: Cổ Đô's roster beside its return (two more women than the return says), and
    a roster of a commune with no return in the samples (X013, its units by code)."""
    from types import SimpleNamespace

    rng = random.Random(13)
    ub, hd = co_do
    beside = people(rng, ub, "ubnd", female_extra=2) + people(rng, hd, "hdnd")
    rng.shuffle(beside)
    first = out / "rosters" / "danh-sach-xa-co-do.xlsx"
    write_dob_split(first, "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ CỔ ĐÔ NĂM 2025", beside, save)
    x013 = [
        (
            "X013-UB",
            SimpleNamespace(
                staff_total=24,
                staff_female=11,
                key_leaders_total=3,
                key_leaders_female=1,
                leaders_total=6,
                leaders_female=2,
                pool_total=9,
                pool_female=4,
                pool_female_trained=3,
            ),
            "ubnd",
        ),
        (
            "X013-HD",
            SimpleNamespace(
                staff_total=6,
                staff_female=3,
                key_leaders_total=2,
                key_leaders_female=1,
                leaders_total=3,
                leaders_female=1,
                pool_total=3,
                pool_female=2,
                pool_female_trained=2,
            ),
            "hdnd",
        ),
    ]
    listed = [(code, p) for code, u, body in x013 for p in people(rng, u, body)]
    second = out / "rosters" / "danh-sach-xa-mau-so-013.xlsx"
    write_sex_column(second, "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ MẪU SỐ 013 NĂM 2025", listed, save)
    return [first, second]
