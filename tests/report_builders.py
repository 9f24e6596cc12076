"""Three years of a small city's returns, for `report` and `trend` tests.

female_key_leader over S01, S02, U01, H01 (P01 is a public service unit, out of scope):
2021 one of four (H01) = 0.25, 2022 two (S01, H01) = 0.50, 2023 three (+U01) = 0.75.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builders import LABELS, simple_form, unit, write_csv
from gender_plan_cli.contract import FIELDS

FIELD_IDS = [f.id for f in FIELDS]
YEARS = (2021, 2022, 2023)
HOLDERS = {2021: {"H01"}, 2022: {"S01", "H01"}, 2023: {"S01", "H01", "U01"}}
DISTRICT = {"level": "Quận, huyện, thị xã", "parent_code": None}
UNITS: list[dict[str, Any]] = [
    {"unit_code": "S01", "unit_name": "Sở Nội vụ", "sector": "Nội vụ"},
    {"unit_code": "S02", "unit_name": '=HYPERLINK("http://x","Sở Xây dựng")', "sector": "Xây dựng",
     "staff_total": 300, "staff_female": 30, "key_leaders_total": 3, "pool_total": 30,
     "pool_female": 6, "pool_female_trained": 3},
    {"unit_code": "U01", "unit_name": "UBND huyện Ba Vì", "unit_type": "Ủy ban nhân dân",
     "sector": None, "staff_total": 100, "staff_female": 50, "key_leaders_total": 3,
     "leaders_total": 10, "leaders_female": 3, "pool_total": 20, "pool_female": 8,
     "pool_female_trained": 6, "ethnic_minority_area": "Có", "ethnic_minority_population_pct": 25,
     "leaders_ethnic_minority": 2, **DISTRICT},
    {"unit_code": "H01", "unit_name": "HĐND huyện Ba Vì", "unit_type": "Hội đồng nhân dân",
     "sector": None, "staff_total": 20, "staff_female": 8, "key_leaders_total": 2,
     "leaders_total": 4, "leaders_female": 1, "pool_total": 0, "pool_female": 0,
     "pool_female_trained": 0, **DISTRICT},
    {"unit_code": "P01", "unit_name": "Bệnh viện Thanh Nhàn",
     "unit_type": "Đơn vị sự nghiệp công lập", "sector": "Y tế", "staff_total": 500,
     "staff_female": 350, "key_leaders_total": 2, "key_leaders_female": 0, "leaders_total": 20,
     "leaders_female": 9, "pool_total": 50, "pool_female": 25, "pool_female_trained": 20},
]  # fmt: skip


def year_rows(year: int) -> list[list[Any]]:
    rows = []
    for u in UNITS:
        values = dict(u, report_year=year)
        if u["unit_code"] != "P01":
            values["key_leaders_female"] = 1 if u["unit_code"] in HOLDERS[year] else 0
        rows.append(unit(**values))
    return rows


def three_years(folder: Path) -> Path:
    """One file per year in `folder`: 2021 and 2022 workbooks, 2023 a CSV (whose cells are text,
    so S02's name typed as a formula reaches the report as the text it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    for year in YEARS[:-1]:
        rows = year_rows(year)
        rows[1][FIELD_IDS.index("unit_name")] = "Sở Xây dựng"
        simple_form(folder / f"{year}.xlsx", rows)
    write_csv(folder / "2023.csv", [LABELS, *year_rows(YEARS[-1])])
    return folder
