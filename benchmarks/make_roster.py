"""Write a large staff roster (one row per person, invented names) for benchmarks and tests.

    python benchmarks/make_roster.py OUT.xlsx [--people 200000] [--units 2000] [--common]
        [--copies 5]

The common template: title with the year, `Ngày, tháng, năm sinh` › `Nam` | `Nữ`, ethnicity,
position, unit, planning, LLCT level. With `--units` above 5 the units are offices of the five
departments (`Sở Y tế - Phòng 17`); with `--common` names are drawn from common Vietnamese
names with no number added, so some people share a name and a birth date by chance — always in
two different units (a draw that would repeat one inside its unit is drawn again); `--copies N`
then copies N rows, each to the end of the list in its own unit (the person listed twice).
Written with openpyxl's write-only mode so memory stays flat.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path
from typing import Any

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Châu", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc")
MIDDLE = ("Văn", "Thị", "Đức", "Thu", "Minh", "Hồng", "Quang", "Thanh")
POSITIONS = ("Chuyên viên",) * 12 + ("Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc Sở")
UNITS = ("Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo")
ETHNIC = ("Kinh",) * 9 + ("Tày", "Mường")
HEADER = [
    "STT",
    "Họ và tên",
    "Ngày, tháng, năm sinh",
    None,
    "Dân tộc",
    "Chức vụ",
    "Đơn vị",
    "Quy hoạch",
    "Lý luận chính trị",
]


def unit_names(units: int) -> list[str]:
    """The units' names: the five departments, or offices of them."""
    if units <= len(UNITS):
        return list(UNITS[:units])
    return [f"{UNITS[k % len(UNITS)]} - Phòng {k // len(UNITS) + 1}" for k in range(units)]


def people(count: int, units: int, common: bool, seed: int) -> list[list[Any]]:
    """The rows of `count` people (from STT on)."""
    rng = random.Random(seed)
    names = unit_names(units)
    seen: set[tuple[str, date, str]] = set()
    rows: list[list[Any]] = []
    for i in range(1, count + 1):
        unit = rng.choice(names)
        while True:
            born = date(rng.randint(1965, 2002), rng.randint(1, 12), rng.randint(1, 28))
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            if not common:
                name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(GIVEN)} {i}"
            if (name, born, unit) not in seen:
                seen.add((name, born, unit))
                break
        woman = rng.random() < 0.5
        rows.append(
            [
                i,
                name,
                None if woman else born,
                born if woman else None,
                rng.choice(ETHNIC),
                rng.choice(POSITIONS),
                unit,
                "x" if rng.random() < 0.1 else None,
                rng.choice(("Trung cấp", "Sơ cấp", None)),
            ]
        )
    return rows


def write_roster(
    path: Path,
    count: int,
    seed: int = 13,
    *,
    units: int = len(UNITS),
    common: bool = False,
    copies: int = 0,
) -> list[int]:
    """Write the roster; the sheet rows of the copies (the later row of each pair)."""
    import openpyxl

    rows = people(count, units, common, seed)
    rng = random.Random(seed + 1)
    for k, source in enumerate(rng.sample(range(count), copies)):
        rows.append([count + k + 1, *rows[source][1:]])
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"])
    ws.append([])
    ws.append(HEADER)
    ws.append([None, None, "Nam", "Nữ", None, None, None, None, None])
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    first = 5  # the sheet row of the first person
    return [first + count + k for k in range(copies)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--units", type=int, default=len(UNITS))
    parser.add_argument("--common", action="store_true", help="common names, no number added")
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    write_roster(args.out, args.people, units=args.units, common=args.common, copies=args.copies)


if __name__ == "__main__":
    main()
