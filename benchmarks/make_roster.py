"""Write a large staff roster (one row per person, invented names) for benchmarks.

    python benchmarks/make_roster.py OUT.xlsx [--people 200000]

The common template: title with the year, `Ngày, tháng, năm sinh` › `Nam` | `Nữ`, ethnicity,
position, unit (a department's offices), planning, LLCT level. Written with openpyxl's
write-only mode so memory stays flat.
"""

from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("An", "Bình", "Châu", "Dung", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc")
POSITIONS = ("Chuyên viên",) * 12 + ("Phó Trưởng phòng", "Trưởng phòng", "Phó Giám đốc Sở")
UNITS = ("Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo")
ETHNIC = ("Kinh",) * 9 + ("Tày", "Mường")


def write_roster(path: Path, people: int, seed: int = 13) -> Path:
    import openpyxl

    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"])
    ws.append([])
    ws.append(
        [
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
    )
    ws.append([None, None, "Nam", "Nữ", None, None, None, None, None])
    for i in range(1, people + 1):
        born = date(rng.randint(1965, 2002), rng.randint(1, 12), rng.randint(1, 28))
        woman = rng.random() < 0.5
        name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(GIVEN)} {i}"
        ws.append(
            [
                i,
                name,
                None if woman else born,
                born if woman else None,
                rng.choice(ETHNIC),
                rng.choice(POSITIONS),
                rng.choice(UNITS),
                "x" if rng.random() < 0.1 else None,
                rng.choice(("Trung cấp", "Sơ cấp", None)),
            ]
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=200_000)
    args = parser.parse_args()
    write_roster(args.out, args.people)


if __name__ == "__main__":
    main()
