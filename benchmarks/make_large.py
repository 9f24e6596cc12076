"""Write large submission workbooks in the contract's layout (title rows, one header row, units).

    python benchmarks/make_large.py OUT_DIR [--units 5000 50000]

Each workbook is the Department of Home Affairs' consolidated form at scale: the template's
Vietnamese headers, a title with the year, a mix of levels, unit types and sectors, parent codes
that exist, ethnic-minority areas, and every unit valid. Written with openpyxl's write_only mode.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from gender_plan_cli.contract import FIELDS

SECTORS = ("Nội vụ", "Giáo dục", "Y tế", "Xây dựng", "Giao thông", "Tài chính", "Nông nghiệp", None)
TYPES = (
    ("Sở, ban, ngành", "Cơ quan quản lý nhà nước"),
    ("Quận, huyện, thị xã", "Ủy ban nhân dân"),
    ("Quận, huyện, thị xã", "Hội đồng nhân dân"),
    ("Xã, phường, thị trấn", "Chính quyền địa phương"),
    ("Sở, ban, ngành", "Đơn vị sự nghiệp công lập"),
)


def unit_rows(n: int, year: int = 2025, seed: int = 2282) -> list[list[object]]:
    """n valid unit rows in contract order; the first 100 units are parents of the rest."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        level, unit_type = TYPES[i % len(TYPES)]
        staff = rng.randint(5, 800)
        kl = rng.randint(1, 5)
        leaders = kl + rng.randint(0, 40)
        pool = rng.randint(0, 60)
        pool_f = rng.randint(0, pool)
        area = rng.random() < 0.1
        values = {
            "unit_code": f"U{i:06d}",
            "unit_name": f"Đơn vị số {i}",
            "parent_code": f"U{i % 100:06d}" if i >= 100 else None,
            "level": level,
            "unit_type": unit_type,
            "sector": rng.choice(SECTORS),
            "report_year": year,
            "staff_total": staff,
            "staff_female": rng.randint(0, staff),
            "key_leaders_total": kl,
            "key_leaders_female": rng.randint(0, kl),
            "leaders_total": leaders,
            "leaders_female": rng.randint(0, leaders),
            "pool_total": pool,
            "pool_female": pool_f,
            "pool_female_trained": rng.randint(0, pool_f),
            "ethnic_minority_area": "Có" if area else "Không",
            "ethnic_minority_population_pct": round(rng.uniform(1, 60), 1) if area else None,
            "leaders_ethnic_minority": rng.randint(0, leaders) if area else None,
            "notes": None,
        }
        rows.append([values[f.id] for f in FIELDS])
    return rows


def write_workbook(path: Path, n: int, year: int = 2025, seed: int = 2282) -> Path:
    """The form with `n` units; another `seed`, other figures (a folder of distinct returns)."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Biểu 01")
    ws.append(["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"])
    ws.append([f"BÁO CÁO SỐ LIỆU CÁN BỘ NỮ NĂM {year}"])
    ws.append([])
    ws.append([f.label_vi for f in FIELDS])
    for row in unit_rows(n, year, seed):
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--units", type=int, nargs="+", default=[5_000, 50_000])
    args = parser.parse_args()
    for n in args.units:
        path = write_workbook(args.out / f"large-{n}.xlsx", n)
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
