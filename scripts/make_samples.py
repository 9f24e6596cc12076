"""Rebuild data/samples/: the sample submissions gplan ships with and its tests read.

    python scripts/make_samples.py            # rewrites data/samples/
    python scripts/make_samples.py --out DIR  # writes the same files elsewhere

Deterministic: one seeded random generator, fixed timestamps inside every
workbook, so a rebuild gives byte-identical files (tests/test_samples.py
checks that the committed samples are what this script makes).

What is written
---------------
hanoi-2025.xlsx   Hanoi's consolidated form for 2025, laid out as a real one:
                  title rows (year in "... NĂM 2025", no year column), a
                  two-row header with merged parents, a column-number row,
                  "Tổng cộng" first, groups A/B/C with Roman-numeral
                  subgroups, a signature block.
hanoi-2024.xlsx   the 2024 form: one-row header of full labels, a
                  "Năm báo cáo" column, districts (before the 2025 reform),
                  totals row "Toàn thành phố" at the bottom, a notes sheet.
hanoi-2021.xlsx   the same form for 2021, 2022 and 2023 (the same units as
 … hanoi-2023.xlsx 2024, fewer women among key leaders and in the planning
                  pool each year earlier), so `gplan trend` has five years.
returns/          single-commune returns of 2025 whose parent (UB-TP) is in
                  hanoi-2025.xlsx: one from `gplan template`, a UTF-8-BOM
                  CSV with ";", a Windows-1258 CSV with ",", and one with
                  numbers typed as text ("1.234", "45,5%").
broken/           one finding of each catalogue code at a stable cell.

Broken files: code → cell (row alone when the whole row is at fault; "-" for
a file-level finding)
-----------------------------------------------------------------------------
don-vi-loi.xlsx        unknown-column          U4   "Số điện thoại liên hệ"
                       exceeds-total           K6   3 female key leaders of 2
                       type-error              H7   staff "mười hai"
                       out-of-range            N8   planning pool -3
                       invalid-choice          E9   level "Thôn"
                       missing-value           C10  unit name empty
                       unknown-parent          D11  parent "L99"
                       duplicate-unit          B12  L01 a second time
                       formula-without-value   P13  "=O13" never computed
                       hidden-row              14   row hidden (unit L09)
                       ambiguous-value         R15  0.45 in the % column
                       totals-mismatch         I16  female staff total off by 10
khong-co-tieu-de.xlsx  no-header               -    a list of people, not the form
thieu-cot.xlsx         missing-column          3    no "Số nữ quy hoạch được đào tạo, bồi dưỡng"
cot-trung.xlsx         duplicate-column        K1   "Số lãnh đạo chủ chốt" twice (J1, K1)
khong-co-don-vi.xlsx   no-units                -    the blank template sent back
hong.xlsx              unreadable-file         -    PDF bytes named .xlsx
trang-an.xlsx          hidden-sheet            -    the data sheet is hidden
o-gop.xlsx             merged-cell             J3, J4  key leaders merged over two units
hai-nam.xlsx           mixed-report-years      G4   rows of 2025 and 2024 in one sheet
(`file-too-large` is not shipped: it needs a file over a safety limit. The
totals row of don-vi-loi.xlsx is exact in every column whose unit figures can
all be read; the reader does not compare a column holding an unreadable
figure, so the deliberate mismatch sits in I16.)
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import shutil
import sys
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gender_plan_cli.contract import (
    COUNT_FIELDS,
    FIELD_BY_ID,
    FIELDS,
    LEVELS,
    UNIT_TYPES,
    Kind,
    choice_label,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "samples"
SEED = 2282
STAMP = datetime(2025, 12, 10, 8, 0, 0)  # inside every workbook, so rebuilds are identical
CITY_UB = "UB-TP"
CITY_HD = "HD-TP"
FONT = "Times New Roman"

COUNTS = COUNT_FIELDS


# --- the units -------------------------------------------------------------------------------


@dataclass
class Unit:
    """One unit's row, with canonical ids for choices (labels are put in when written)."""

    unit_code: str
    unit_name: str
    parent_code: str | None
    level: str
    unit_type: str
    sector: str | None
    staff_total: int = 0
    staff_female: int = 0
    key_leaders_total: int = 0
    key_leaders_female: int = 0
    leaders_total: int = 0
    leaders_female: int | None = None
    pool_total: int = 0
    pool_female: int = 0
    pool_female_trained: int = 0
    ethnic_minority_area: bool = False
    ethnic_minority_population_pct: float | None = None
    leaders_ethnic_minority: int | None = None
    notes: str | None = None
    group: str = ""  # where it sits in a consolidated form


@dataclass(frozen=True)
class Spec:
    """What is decided by hand; the rest is drawn from the seeded generator."""

    code: str
    name: str
    level: str
    unit_type: str
    sector: str | None
    staff: int
    share: float  # female share of staff
    key: int
    key_female: int
    leaders: int | None = None
    dtts: tuple[float, int] | None = None  # (population %, ethnic-minority leaders)
    notes: str | None = None
    parent: str | None = CITY_UB
    group: str = ""


def generate(rng: random.Random, spec: Spec, pool_share: float, trained_share: float) -> Unit:
    """Figures that hold every rule of the contract, drawn around the shares asked for."""
    if spec.leaders is not None:
        leaders = spec.leaders
    elif spec.unit_type == "public_service":
        leaders = round(spec.staff * rng.uniform(0.06, 0.09))
    else:
        leaders = round(spec.staff * rng.uniform(0.14, 0.18))
    leaders = max(leaders, spec.key)
    leaders_female = round(leaders * (spec.share * 0.8 + rng.uniform(-0.05, 0.05)))
    leaders_female = min(leaders, max(spec.key_female, leaders_female))
    pool = max(2, round(leaders * rng.uniform(1.4, 1.8)))
    pool_female = min(pool, max(0, round(pool * (pool_share + rng.uniform(-0.08, 0.08)))))
    trained = min(
        pool_female, max(0, round(pool_female * (trained_share + rng.uniform(-0.1, 0.1))))
    )
    unit = Unit(
        unit_code=spec.code,
        unit_name=spec.name,
        parent_code=spec.parent,
        level=spec.level,
        unit_type=spec.unit_type,
        sector=spec.sector,
        staff_total=spec.staff,
        staff_female=round(spec.staff * spec.share),
        key_leaders_total=spec.key,
        key_leaders_female=spec.key_female,
        leaders_total=leaders,
        leaders_female=leaders_female,
        pool_total=pool,
        pool_female=pool_female,
        pool_female_trained=trained,
        notes=spec.notes,
        group=spec.group,
    )
    if spec.dtts is not None:
        pct, em = spec.dtts
        unit.ethnic_minority_area = True
        unit.ethnic_minority_population_pct = pct
        unit.leaders_ethnic_minority = min(em, leaders)
    return unit


def steer(units: list[Unit], part: str, whole: str, low: float, high: float) -> None:
    """Nudge `part` one person at a time, largest units first, until Σpart/Σwhole is in band.

    Keeps the city-wide figures where the samples need them (near a target, so
    the gap is interesting) whatever the generator drew.
    """
    order = sorted(units, key=lambda u: -getattr(u, whole))
    for _ in range(10_000):
        total = sum(getattr(u, whole) for u in units)
        ratio = sum(getattr(u, part) for u in units) / total
        if low <= ratio < high:
            return
        step = 1 if ratio < low else -1
        for u in order:
            value = getattr(u, part) + step
            floor = u.pool_female_trained if part == "pool_female" else 0
            if floor <= value <= getattr(u, whole):
                setattr(u, part, value)
                break
    raise RuntimeError(f"cannot steer {part}/{whole} into [{low}, {high})")


# fmt: off
def commune_pair(
    code: str,
    place: str,
    kind: str,
    *,
    staff: int,
    share: float,
    key_ub: tuple[int, int],
    key_hd: tuple[int, int],
    leaders_ub: int,
    dtts: tuple[float, int, int] | None = None,
    group: str = "",
) -> list[Spec]:
    """A commune reports two units: its People's Committee and its People's Council."""
    ub_dtts = hd_dtts = None
    if dtts is not None:
        pct, em_ub, em_hd = dtts
        ub_dtts, hd_dtts = (pct, em_ub), (pct, em_hd)
    level = "commune"
    sector = "Chính quyền địa phương"
    hd_staff = 6 if kind == "xã" else 7
    return [
        Spec(f"{code}-UB", f"Ủy ban nhân dân {kind} {place}", level, "people_committee", sector,
             staff, share, *key_ub, leaders=leaders_ub, dtts=ub_dtts, group=group),
        Spec(f"{code}-HD", f"Hội đồng nhân dân {kind} {place}", level, "people_council", sector,
             hd_staff, 0.5, *key_hd, leaders=4, dtts=hd_dtts, group=group),
    ]


def specs_2025() -> list[Spec]:
    """Hanoi in 2025: city, departments after the March 2025 mergers, communes after July 2025."""
    gov = "Chính quyền địa phương"
    city = "A"
    dept = "B.I"
    dvsn = "B.II"
    wards = "C.I"
    communes = "C.II"
    s = [
        Spec(CITY_UB, "Ủy ban nhân dân thành phố Hà Nội", "city", "people_committee", gov,
             27, 0.15, 8, 1, leaders=8, parent=None, group=city),
        Spec(CITY_HD, "Hội đồng nhân dân thành phố Hà Nội", "city", "people_council", gov,
             16, 0.38, 4, 1, leaders=12, parent=None, group=city),
    ]
    departments = [
        ("S01", "Sở Nội vụ", "Nội vụ", 245, 0.55, 5, 2, "Hợp nhất Sở Lao động - TB&XH từ 01/3/2025"),
        ("S02", "Sở Tài chính", "Tài chính", 390, 0.52, 7, 1, "Hợp nhất Sở Kế hoạch và Đầu tư"),
        ("S03", "Sở Xây dựng", "Xây dựng", 480, 0.22, 7, 0, "Hợp nhất Sở Giao thông vận tải"),
        ("S04", "Sở Y tế", "Y tế", 150, 0.58, 5, 1, None),
        ("S05", "Sở Giáo dục và Đào tạo", "Giáo dục", 170, 0.61, 5, 2, None),
        ("S06", "Sở Công Thương", "Công thương", 310, 0.41, 5, 0, None),
        ("S07", "Sở Nông nghiệp và Môi trường", "Nông nghiệp và môi trường", 520, 0.34, 7, 0,
         "Hợp nhất Sở NN&PTNT và Sở TN&MT"),
        ("S08", "Sở Khoa học và Công nghệ", "Khoa học và công nghệ", 140, 0.44, 5, 0,
         "Hợp nhất Sở Thông tin và Truyền thông"),
        ("S09", "Sở Văn hóa và Thể thao", "Văn hóa, thể thao", 150, 0.49, 4, 1, None),
        ("S10", "Sở Du lịch", "Du lịch", 58, 0.57, 3, 1, None),
        ("S11", "Sở Tư pháp", "Tư pháp", 85, 0.60, 4, 1, None),
        ("S12", "Thanh tra Thành phố", "Thanh tra", 160, 0.33, 5, 0, None),
        ("S13", "Sở Ngoại vụ", "Ngoại vụ", 52, 0.63, 3, 1, None),
        ("S14", "Sở Quy hoạch - Kiến trúc", "Xây dựng", 96, 0.31, 4, 0, None),
        ("S15", "Sở Dân tộc và Tôn giáo", "Dân tộc, tôn giáo", 45, 0.47, 3, 1, None),
        ("S16", "Văn phòng Ủy ban nhân dân Thành phố", "Văn phòng", 210, 0.50, 5, 1, None),
        ("S17", "Sở An toàn thực phẩm", "An toàn thực phẩm", 64, 0.55, 3, 1, "Thành lập năm 2025"),
        ("S18", "Ban Quản lý các khu công nghệ cao và khu công nghiệp Thành phố",
         "Khu công nghiệp", 92, 0.40, 4, 0, None),
    ]
    for code, name, sector, staff, share, key, kf, notes in departments:
        s.append(Spec(code, name, "department", "state_agency", sector, staff, share, key, kf,
                      notes=notes, group=dept))
    public = [
        ("D01", "Đài Phát thanh và Truyền hình Hà Nội", "Thông tin, báo chí", 820, 0.47, 4, 1),
        ("D02", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông Thành phố", "Xây dựng",
         310, 0.21, 4, 0),
        ("D03", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp Thành phố",
         "Xây dựng", 260, 0.26, 5, 1),
        ("D04", "Trường Đào tạo cán bộ Lê Hồng Phong", "Giáo dục", 140, 0.62, 3, 1),
        ("D05", "Bệnh viện Đa khoa Xanh Pôn", "Y tế", 1350, 0.64, 5, 2),
    ]
    for code, name, sector, staff, share, key, kf in public:
        s.append(Spec(code, name, "department", "public_service", sector, staff, share, key, kf,
                      group=dvsn))
    w = [
        ("X001", "Hoàn Kiếm", 96, 0.58, (4, 1), (2, 1), 20),
        ("X002", "Ba Đình", 104, 0.56, (4, 0), (2, 1), 21),
        ("X003", "Cầu Giấy", 112, 0.57, (4, 1), (2, 0), 22),
        ("X004", "Hà Đông", 118, 0.54, (4, 0), (2, 1), 22),
        ("X005", "Long Biên", 108, 0.52, (4, 0), (2, 0), 21),
        ("X006", "Hoàng Mai", 115, 0.55, (4, 1), (2, 1), 22),
    ]
    for code, place, staff, share, kub, khd, lub in w:
        s += commune_pair(code, place, "phường", staff=staff, share=share, key_ub=kub, key_hd=khd,
                          leaders_ub=lub, group=wards)
    c = [
        ("X007", "Ba Vì", 74, 0.46, (3, 1), (2, 1), 16, (58.4, 10, 3)),
        ("X008", "Yên Xuân", 68, 0.44, (3, 0), (2, 1), 14, (62.5, 7, 3)),
        ("X009", "Minh Quang", 70, 0.45, (3, 0), (2, 0), 15, (35.2, 6, 1)),
        ("X010", "Sóc Sơn", 88, 0.47, (4, 1), (2, 0), 18, None),
        ("X011", "Đông Anh", 92, 0.49, (4, 0), (2, 1), 19, None),
        ("X012", "Thạch Thất", 84, 0.46, (3, 0), (2, 0), 17, None),
    ]
    for code, place, staff, share, kub, khd, lub, dtts in c:
        s += commune_pair(code, place, "xã", staff=staff, share=share, key_ub=kub, key_hd=khd,
                          leaders_ub=lub, dtts=dtts, group=communes)
    return s


def specs_returns_2025() -> list[list[Spec]]:
    """Four communes that sent their own return instead of appearing in the consolidated form."""
    return [
        commune_pair("X101", "Cổ Đô", "xã", staff=66, share=0.45, key_ub=(3, 1), key_hd=(2, 0),
                     leaders_ub=14),
        commune_pair("X102", "Quảng Oai", "xã", staff=79, share=0.48, key_ub=(3, 0), key_hd=(2, 1),
                     leaders_ub=16),
        commune_pair("X103", "Tây Hồ", "phường", staff=101, share=0.57, key_ub=(4, 1),
                     key_hd=(2, 0), leaders_ub=21),
        commune_pair("X104", "Yên Bài", "xã", staff=1234, share=0.56, key_ub=(3, 0), key_hd=(2, 1),
                     leaders_ub=17, dtts=(45.5, 8, 2)),
    ]


def specs_2024() -> list[Spec]:
    """Hanoi in 2024: departments before the mergers, districts before the 2025 reform."""
    gov = "Chính quyền địa phương"
    s = [
        Spec(CITY_UB, "Ủy ban nhân dân thành phố Hà Nội", "city", "people_committee", gov,
             27, 0.11, 8, 0, leaders=8, parent=None),
        Spec(CITY_HD, "Hội đồng nhân dân thành phố Hà Nội", "city", "people_council", gov,
             16, 0.38, 4, 1, leaders=12, parent=None),
    ]
    departments = [
        ("S01", "Sở Nội vụ", "Nội vụ", 142, 0.56, 4, 2),
        ("S02", "Sở Tài chính", "Tài chính", 228, 0.54, 5, 1),
        ("S03", "Sở Xây dựng", "Xây dựng", 260, 0.21, 5, 0),
        ("S04", "Sở Y tế", "Y tế", 146, 0.58, 5, 1),
        ("S05", "Sở Giáo dục và Đào tạo", "Giáo dục", 168, 0.60, 5, 1),
        ("S06", "Sở Công Thương", "Công thương", 305, 0.40, 5, 0),
        ("S07", "Sở Nông nghiệp và Phát triển nông thôn", "Nông nghiệp", 330, 0.33, 5, 0),
        ("S08", "Sở Khoa học và Công nghệ", "Khoa học và công nghệ", 72, 0.47, 4, 0),
        ("S09", "Sở Văn hóa và Thể thao", "Văn hóa, thể thao", 148, 0.49, 4, 1),
        ("S10", "Sở Du lịch", "Du lịch", 56, 0.57, 3, 1),
        ("S11", "Sở Tư pháp", "Tư pháp", 83, 0.60, 4, 1),
        ("S12", "Thanh tra Thành phố", "Thanh tra", 158, 0.32, 5, 0),
        ("S13", "Sở Ngoại vụ", "Ngoại vụ", 50, 0.62, 3, 1),
        ("S14", "Sở Quy hoạch - Kiến trúc", "Xây dựng", 95, 0.30, 4, 0),
        ("S15", "Ban Dân tộc", "Dân tộc, tôn giáo", 28, 0.46, 3, 0),
        ("S16", "Văn phòng Ủy ban nhân dân Thành phố", "Văn phòng", 205, 0.50, 5, 1),
        ("S18", "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội", "Khu công nghiệp",
         88, 0.39, 4, 0),
        ("S19", "Sở Giao thông vận tải", "Giao thông", 230, 0.24, 5, 0),
        ("S20", "Sở Kế hoạch và Đầu tư", "Kế hoạch, đầu tư", 165, 0.55, 5, 1),
        ("S21", "Sở Lao động - Thương binh và Xã hội", "Lao động, xã hội", 110, 0.58, 4, 1),
        ("S22", "Sở Thông tin và Truyền thông", "Thông tin, báo chí", 70, 0.45, 4, 0),
        ("S23", "Sở Tài nguyên và Môi trường", "Tài nguyên, môi trường", 190, 0.38, 5, 0),
    ]
    for code, name, sector, staff, share, key, kf in departments:
        s.append(Spec(code, name, "department", "state_agency", sector, staff, share, key, kf))
    public = [
        ("D01", "Đài Phát thanh và Truyền hình Hà Nội", "Thông tin, báo chí", 835, 0.47, 4, 1),
        ("D02", "Ban Quản lý dự án đầu tư xây dựng công trình giao thông Thành phố", "Xây dựng",
         318, 0.20, 4, 0),
        ("D03", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp Thành phố",
         "Xây dựng", 262, 0.25, 5, 0),
        ("D04", "Trường Đào tạo cán bộ Lê Hồng Phong", "Giáo dục", 138, 0.62, 3, 1),
        ("D05", "Bệnh viện Đa khoa Xanh Pôn", "Y tế", 1320, 0.64, 5, 2),
    ]
    for code, name, sector, staff, share, key, kf in public:
        s.append(Spec(code, name, "department", "public_service", sector, staff, share, key, kf))
    districts = [
        ("Q01", "quận Hoàn Kiếm", 210, 0.57, (4, 1), (3, 1), None),
        ("Q02", "quận Ba Đình", 225, 0.55, (4, 0), (3, 1), None),
        ("Q03", "quận Cầu Giấy", 230, 0.56, (4, 1), (3, 0), None),
        ("Q04", "quận Hà Đông", 260, 0.53, (4, 0), (3, 1), None),
        ("Q05", "quận Long Biên", 245, 0.52, (4, 0), (3, 0), None),
        ("H01", "huyện Ba Vì", 240, 0.45, (4, 1), (3, 1), (21.3, 9, 1)),
        ("H02", "huyện Thạch Thất", 225, 0.46, (4, 0), (3, 0), (9.8, 3, 0)),
        ("H03", "huyện Sóc Sơn", 250, 0.46, (4, 0), (3, 1), None),
    ]
    for code, place, staff, share, kub, khd, dtts in districts:
        ub_dtts = hd_dtts = None
        if dtts is not None:
            ub_dtts, hd_dtts = (dtts[0], dtts[1]), (dtts[0], dtts[2])
        s.append(Spec(f"{code}-UB", f"Ủy ban nhân dân {place}", "district", "people_committee",
                      gov, staff, share, *kub, leaders=round(staff * 0.16), dtts=ub_dtts))
        s.append(Spec(f"{code}-HD", f"Hội đồng nhân dân {place}", "district", "people_council",
                      gov, 9, 0.45, *khd, leaders=6, dtts=hd_dtts))
    return s
# fmt: on


def build_units() -> tuple[list[Unit], list[list[Unit]], list[Unit]]:
    """2025 consolidated, 2025 returns, 2024: every figure from one seeded generator."""
    rng = random.Random(SEED)
    y2025 = [generate(rng, s, 0.39, 0.71) for s in specs_2025()]
    steer(y2025, "pool_female", "pool_total", 0.388, 0.396)
    steer(y2025, "pool_female_trained", "pool_female", 0.70, 0.725)
    returns = [[generate(rng, s, 0.39, 0.71) for s in pair] for pair in specs_returns_2025()]
    y2024 = [generate(rng, s, 0.36, 0.63) for s in specs_2024()]
    steer(y2024, "pool_female", "pool_total", 0.355, 0.37)
    steer(y2024, "pool_female_trained", "pool_female", 0.62, 0.66)
    _check_realism(y2025 + [u for pair in returns for u in pair], y2024)
    return y2025, returns, y2024


# Earlier years: (female key leaders removed, pool-female band, trained band). Drawn from their
# own seeded generators after every other draw, so 2024 and 2025 are unchanged by them.
EARLIER = {
    2021: (5, (0.330, 0.338), (0.55, 0.57)),
    2022: (3, (0.338, 0.346), (0.57, 0.60)),
    2023: (1, (0.346, 0.355), (0.60, 0.62)),
}


def specs_earlier(year: int) -> list[Spec]:
    """The 2024 units as they were in `year`: a few female key leaders not yet appointed."""
    drop, _pool, _trained = EARLIER[year]
    specs = specs_2024()
    holders = [s.code for s in specs if s.key_female and s.unit_type != "public_service"]
    gone = set(sorted(holders)[:drop])
    return [replace(s, key_female=0) if s.code in gone else s for s in specs]


def build_earlier() -> dict[int, list[Unit]]:
    out: dict[int, list[Unit]] = {}
    for year, (_drop, pool, trained) in EARLIER.items():
        rng = random.Random(SEED + year)
        units = [generate(rng, s, pool[0], trained[0]) for s in specs_earlier(year)]
        steer(units, "pool_female", "pool_total", *pool)
        steer(units, "pool_female_trained", "pool_female", *trained)
        out[year] = units
    return out


def _check_realism(y2025: list[Unit], y2024: list[Unit]) -> None:
    """The samples exist to show gaps: keep each indicator near, and short of, its 2025 target."""

    def key_rate(units: list[Unit]) -> float:
        scope = [u for u in units if u.unit_type != "public_service"]
        return sum(1 for u in scope if u.key_leaders_female >= 1) / len(scope)

    def ratio(units: list[Unit], part: str, whole: str) -> float:
        return sum(getattr(u, part) for u in units) / sum(getattr(u, whole) for u in units)

    assert 0.50 < key_rate(y2025) < 0.60, key_rate(y2025)
    assert 0.38 <= ratio(y2025, "pool_female", "pool_total") < 0.40
    assert 0.65 < ratio(y2025, "pool_female_trained", "pool_female") < 0.75
    assert key_rate(y2024) < key_rate(y2025)
    assert ratio(y2024, "pool_female", "pool_total") < ratio(y2025, "pool_female", "pool_total")
    for u in y2025 + y2024:
        for part, whole in (
            ("staff_female", "staff_total"),
            ("pool_female", "pool_total"),
            ("pool_female_trained", "pool_female"),
            ("key_leaders_female", "key_leaders_total"),
            ("key_leaders_total", "leaders_total"),
        ):
            assert getattr(u, part) <= getattr(u, whole), (u.unit_code, part)


# --- cell values -----------------------------------------------------------------------------


def label(fid: str) -> str:
    return FIELD_BY_ID[fid].label_vi


def short_type(type_id: str) -> str:
    """The short form a consolidated sheet uses (`UBND`, `HĐND`, `CQQLNN`, `ĐVSN`)."""
    choice = next(c for c in UNIT_TYPES if c.id == type_id)
    return choice.aliases[0] if choice.aliases else choice.label_vi


def level_label(level_id: str) -> str:
    assert any(c.id == level_id for c in LEVELS)
    return choice_label(Kind.LEVEL, level_id, "vi")


def type_label(type_id: str) -> str:
    return choice_label(Kind.UNIT_TYPE, type_id, "vi")


def row_values(u: Unit, year: int | None, *, yes: str = "Có", no: str = "Không") -> dict[str, Any]:
    """A unit as the cells of a one-row-header form, keyed by field id."""
    values: dict[str, Any] = {f.name: getattr(u, f.name) for f in fields(Unit) if f.name != "group"}
    values["level"] = level_label(u.level)
    values["unit_type"] = type_label(u.unit_type)
    values["ethnic_minority_area"] = yes if u.ethnic_minority_area else no
    values["report_year"] = year
    return values


# --- workbook helpers ------------------------------------------------------------------------


def new_book() -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = "Sở Nội vụ Hà Nội"
    wb.properties.created = STAMP
    return wb


def save(wb: Any, path: Path) -> None:
    """Save, then pin every timestamp inside the zip: the same input gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    freeze_zip(path)


def freeze_zip(path: Path) -> None:
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, data
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, data)
    path.write_bytes(buf.getvalue())


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "font": Font(name=FONT, size=11),
        "bold": Font(name=FONT, size=11, bold=True),
        "title": Font(name=FONT, size=13, bold=True),
        "italic": Font(name=FONT, size=11, italic=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
    }


def put(
    ws: Any,
    ref: str,
    value: Any,
    style: dict[str, Any],
    font: str = "font",
    align: str | None = None,
    merge_to: str | None = None,
) -> None:
    if merge_to:
        ws.merge_cells(f"{ref}:{merge_to}")
    cell = ws[ref]
    cell.value = value
    cell.font = style[font]
    if align:
        cell.alignment = style[align]


# --- hanoi-2025.xlsx: the consolidated form --------------------------------------------------

# (column, field or None, header parent, header child); a None parent is a single header
# merged over both header rows.
LAYOUT_2025: tuple[tuple[str, str | None, str | None, str], ...] = (
    ("A", None, None, "STT"),
    ("B", "unit_code", None, label("unit_code")),
    ("C", "unit_name", None, label("unit_name")),
    ("D", "parent_code", None, label("parent_code")),
    ("E", "level", None, label("level")),
    ("F", "unit_type", None, label("unit_type")),
    ("G", "sector", None, label("sector")),
    ("H", "staff_total", "Cán bộ, công chức, viên chức, người lao động", "Tổng số"),
    ("I", "staff_female", "Cán bộ, công chức, viên chức, người lao động", "Trong đó: Nữ"),
    ("J", "key_leaders_total", "Lãnh đạo chủ chốt", "Tổng số"),
    ("K", "key_leaders_female", "Lãnh đạo chủ chốt", "Trong đó: Nữ"),
    ("L", "leaders_total", "Lãnh đạo, quản lý", "Tổng số"),
    ("M", "leaders_female", "Lãnh đạo, quản lý", "Nữ"),
    ("N", "leaders_ethnic_minority", "Lãnh đạo, quản lý", "Người DTTS"),
    ("O", "pool_total", "Quy hoạch", "Tổng số"),
    ("P", "pool_female", "Quy hoạch", "Nữ"),
    ("Q", "pool_female_trained", "Quy hoạch", "Nữ được đào tạo, bồi dưỡng"),
    ("R", "ethnic_minority_area", None, label("ethnic_minority_area")),
    ("S", "ethnic_minority_population_pct", None, label("ethnic_minority_population_pct")),
    ("T", "notes", None, label("notes")),
)
HEADER_2025 = 8  # parents; children on row 9, column numbers on row 10, totals on row 11
GROUPS_2025 = {
    "A": ("A", "CẤP THÀNH PHỐ"),
    "B": ("B", "CÁC SỞ, BAN, NGÀNH"),
    "B.I": ("I", "Cơ quan chuyên môn, cơ quan hành chính thuộc UBND Thành phố"),
    "B.II": ("II", "Đơn vị sự nghiệp công lập thuộc UBND Thành phố"),
    "C": ("C", "XÃ, PHƯỜNG"),
    "C.I": ("I", "Các phường"),
    "C.II": ("II", "Các xã"),
}


def write_2025(units: list[Unit], path: Path) -> None:
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    st = _styles()
    last = LAYOUT_2025[-1][0]
    put(ws, "A1", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", st, "bold", "center", "F1")
    put(ws, "A2", "SỞ NỘI VỤ", st, "bold", "center", "F2")
    put(ws, "L1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st, "bold", "center", f"{last}1")
    put(ws, "L2", "Độc lập - Tự do - Hạnh phúc", st, "bold", "center", f"{last}2")
    put(ws, f"{last}3", "Biểu số 01", st, "bold", "right")
    put(
        ws,
        "A5",
        "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM 2025",
        st,
        "title",
        "center",
        f"{last}5",
    )
    put(
        ws,
        "A6",
        "(Thực hiện Kế hoạch triển khai Quyết định số 2282/QĐ-TTg; số liệu tính đến "
        "ngày 30/11/2025)",
        st,
        "italic",
        "center",
        f"{last}6",
    )

    top, child = HEADER_2025, HEADER_2025 + 1
    parents_done: set[str] = set()
    for col, _fid, parent, text in LAYOUT_2025:
        if parent is None:
            put(ws, f"{col}{top}", text, st, "bold", "center", f"{col}{child}")
        else:
            if parent not in parents_done:
                span = [c for c, _, p, _ in LAYOUT_2025 if p == parent]
                put(ws, f"{span[0]}{top}", parent, st, "bold", "center", f"{span[-1]}{top}")
                parents_done.add(parent)
            put(ws, f"{col}{child}", text, st, "bold", "center")
    for i, (col, *_rest) in enumerate(LAYOUT_2025, start=1):
        put(ws, f"{col}{child + 1}", f"({i})", st, "italic", "center")
        for r in (top, child):
            ws[f"{col}{r}"].border = st["border"]
    ws.row_dimensions[top].height = 32
    ws.row_dimensions[child].height = 62

    totals_row = child + 2
    r = totals_row + 1
    ordinal = 0
    current: list[str] = []
    for u in units:
        for depth, g in enumerate(_group_chain(u.group)):
            if len(current) > depth and current[depth] == g:
                continue
            current = current[:depth] + [g]
            mark, caption = GROUPS_2025[g]
            put(ws, f"A{r}", mark, st, "bold", "center")
            put(ws, f"C{r}", caption, st, "bold", "left")
            r += 1
            ordinal = 0
        ordinal += 1
        ws[f"A{r}"] = ordinal
        for col, fid, _parent, _text in LAYOUT_2025[1:]:
            assert fid is not None
            value: Any = getattr(u, fid)
            if fid == "level":
                value = level_label(value)
            elif fid == "unit_type":
                value = short_type(value)
            elif fid == "ethnic_minority_area":
                value = "x" if value else None
            ws[f"{col}{r}"] = value
        r += 1
    last_row = r - 1

    put(ws, f"C{totals_row}", "Tổng cộng", st, "bold", "center")
    for col, fid, _p, _t in LAYOUT_2025:
        if fid in COUNTS:
            put(ws, f"{col}{totals_row}", sum(getattr(u, fid) or 0 for u in units), st, "bold")
    for row in ws.iter_rows(min_row=totals_row, max_row=last_row, max_col=len(LAYOUT_2025)):
        for cell in row:
            cell.border = st["border"]
            if cell.font != st["bold"]:
                cell.font = st["font"]

    sign = last_row + 2
    put(
        ws, f"M{sign}", "Hà Nội, ngày 10 tháng 12 năm 2025", st, "italic", "center", f"{last}{sign}"
    )
    put(ws, f"C{sign + 1}", "Người lập biểu", st, "bold", "center")
    put(ws, f"M{sign + 1}", "GIÁM ĐỐC", st, "bold", "center", f"{last}{sign + 1}")
    put(ws, f"C{sign + 2}", "(Ký, họ tên)", st, "italic", "center")
    put(ws, f"M{sign + 2}", "(Ký, đóng dấu, họ tên)", st, "italic", "center", f"{last}{sign + 2}")
    put(ws, f"C{sign + 6}", "Nguyễn Thu Hà", st, "bold", "center")
    put(ws, f"M{sign + 6}", "Phạm Văn Minh", st, "bold", "center", f"{last}{sign + 6}")

    widths = {
        "A": 6,
        "B": 10,
        "C": 44,
        "D": 10,
        "E": 18,
        "F": 10,
        "G": 20,
        "R": 11,
        "S": 11,
        "T": 30,
    }
    for col, *_ in LAYOUT_2025:
        ws.column_dimensions[col].width = widths.get(col, 9)
    ws.freeze_panes = f"D{totals_row}"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{top}:{child + 1}"
    save(wb, path)


def _group_chain(group: str) -> list[str]:
    """`B.I` → [`B`, `B.I`]: a subgroup sits under its group."""
    parts = group.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


# --- hanoi-2024.xlsx: a one-row header with full labels and a year column ------------------

ORDER_2024 = (
    "unit_code", "unit_name", "report_year", "level", "unit_type", "parent_code", "sector",
    "staff_total", "staff_female", "key_leaders_total", "key_leaders_female", "leaders_total",
    "leaders_female", "pool_total", "pool_female", "pool_female_trained", "ethnic_minority_area",
    "ethnic_minority_population_pct", "leaders_ethnic_minority", "notes",
)  # fmt: skip
HEADER_2024 = 6


def write_2024(units: list[Unit], path: Path, year: int = 2024) -> None:
    from openpyxl.utils import get_column_letter

    assert sorted(ORDER_2024) == sorted(f.id for f in FIELDS)
    wb = new_book()
    ws = wb.active
    ws.title = f"Số liệu {year}"
    st = _styles()
    last = get_column_letter(len(ORDER_2024))
    put(ws, "A1", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", st, "bold", "center", "D1")
    put(ws, "A2", "SỞ NỘI VỤ", st, "bold", "center", "D2")
    put(
        ws,
        "A4",
        "TỔNG HỢP SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        st,
        "title",
        "center",
        f"{last}4",
    )
    for i, fid in enumerate(ORDER_2024, start=1):
        cell = ws.cell(HEADER_2024, i, label(fid))
        cell.font, cell.alignment, cell.border = st["bold"], st["center"], st["border"]
        ws.column_dimensions[get_column_letter(i)].width = {
            "unit_name": 44,
            "unit_type": 24,
            "level": 18,
            "sector": 20,
            "notes": 24,
        }.get(fid, 12)
    ws.row_dimensions[HEADER_2024].height = 64
    r = HEADER_2024 + 1
    for u in units:
        values = row_values(u, year)
        for i, fid in enumerate(ORDER_2024, start=1):
            cell = ws.cell(r, i, values[fid])
            cell.font, cell.border = st["font"], st["border"]
        r += 1
    ws.cell(r, 2, "Toàn thành phố").font = st["bold"]
    for i, fid in enumerate(ORDER_2024, start=1):
        if fid in COUNTS:
            ws.cell(r, i, sum(getattr(u, fid) or 0 for u in units)).font = st["bold"]
        ws.cell(r, i).border = st["border"]
    ws.freeze_panes = f"C{HEADER_2024 + 1}"

    notes = wb.create_sheet("Ghi chú")
    notes["A1"] = "Ghi chú"
    notes["A2"] = (
        f"Số liệu năm {year}, trước khi hợp nhất các sở (01/3/2025) và trước khi tổ chức "
        "chính quyền địa phương hai cấp (01/7/2025): cấp huyện vẫn còn."
    )
    notes["A3"] = "Mã đơn vị giữ nguyên ở các năm sau khi đơn vị còn tồn tại."
    notes.column_dimensions["A"].width = 120
    save(wb, path)


# --- returns/ --------------------------------------------------------------------------------


def write_return_template(units: list[Unit], path: Path, signed: str | None = None) -> None:
    """A commune's return on the form `gplan template` writes, with its signature date line."""
    from gender_plan_cli.render.template import DATE_ROW, FIRST_DATA_ROW, build_template

    wb = build_template("vi")
    wb.properties.created = STAMP
    ws = wb.worksheets[0]
    for r, u in enumerate(units, start=FIRST_DATA_ROW):
        values = row_values(u, 2025)
        for c, f in enumerate(FIELDS, start=1):
            ws.cell(r, c, values[f.id])
    if signed:
        date_cell = next(c for c in ws[DATE_ROW] if c.value)
        date_cell.value = signed
    save(wb, path)


def csv_rows(units: list[Unit], year: int) -> list[list[Any]]:
    rows: list[list[Any]] = [[f.label_vi for f in FIELDS]]
    for u in units:
        values = row_values(u, year)
        rows.append(["" if values[f.id] is None else values[f.id] for f in FIELDS])
    return rows


def write_csv_utf8_semicolon(units: list[Unit], path: Path) -> None:
    """What Excel writes for "CSV UTF-8" on a Vietnamese Windows: BOM, semicolons, CRLF."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(csv_rows(units, 2025))
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def write_csv_cp1258(units: list[Unit], path: Path) -> None:
    """What an old "CSV (Comma delimited)" export writes: Windows-1258, tone marks combining."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=",", lineterminator="\r\n").writerows(csv_rows(units, 2025))
    path.write_bytes(encode_cp1258(buf.getvalue()))


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 has no precomposed toned letters: base letter, then a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += (base + "".join(c for c in decomposed if c in _TONES)).encode("cp1258")
    return bytes(out)


def thousands(n: int) -> str:
    """`1234` as a Vietnamese types it: `1.234`."""
    return f"{n:,}".replace(",", ".")


def percent_text(pct: float) -> str:
    """`45.5` as a Vietnamese types it: `45,5%`."""
    return f"{pct:g}".replace(".", ",") + "%"


def write_return_text_numbers(units: list[Unit], path: Path, signed: str | None = None) -> None:
    """Every figure typed as text, as when a return is pasted from Word or a web page."""
    wb = new_book()
    ws = wb.active
    ws.title = "Báo cáo"
    st = _styles()
    put(ws, "A1", "ỦY BAN NHÂN DÂN XÃ YÊN BÀI", st, "bold")
    put(ws, "A2", "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM 2025", st, "title")
    order = [f.id for f in FIELDS if f.id != "report_year"]
    header = 4
    for c, fid in enumerate(order, start=1):
        cell = ws.cell(header, c, label(fid))
        cell.font, cell.alignment = st["bold"], st["center"]
    for r, u in enumerate(units, start=header + 1):
        values = row_values(u, None, yes="Có")
        for c, fid in enumerate(order, start=1):
            value = values[fid]
            if fid in COUNTS and value is not None:
                value = thousands(value)
            elif fid == "ethnic_minority_population_pct" and value is not None:
                value = percent_text(value)
            ws.cell(r, c, value)
    if signed:
        ws.cell(header + len(units) + 2, 2, signed)
        ws.cell(header + len(units) + 3, 2, "CHỦ TỊCH")
    save(wb, path)


# --- the registry of units -------------------------------------------------------------------

REGISTRY_COMMUNES = 126  # Hanoi's communes and wards since 1 July 2025


def write_registry(
    y2025: list[Unit], returns: list[list[Unit]], y2024: list[Unit], path: Path
) -> None:
    """The Department's registry of units for the samples, as YAML: the city, its departments and
    public service units, and a People's Committee and Council for each of 126 communes and wards
    — the sample returns name 16 of them; the others are placeholders ("xã mẫu số 013"). Units
    of 2024 that were merged or abolished in 2025 have `until: 2024`; those created by the 2025
    reform, `since: 2025`."""
    known = [*y2025, *(u for pair in returns for u in pair)]
    codes_2024 = {u.unit_code for u in y2024}
    codes_2025 = {u.unit_code for u in known}
    by_code = {u.unit_code: u for u in known}
    numbers = sorted({int(c[1:4]) for c in by_code if re.match(r"X\d{3}-", c)})
    spare = (n for n in range(1, 1000) if n not in numbers)
    while len(numbers) < REGISTRY_COMMUNES:
        numbers.append(next(spare))
    lines = [
        "# Danh mục đơn vị phải báo cáo (mẫu) — registry of units that must report (sample).",
        "# Sinh bởi scripts/make_samples.py. Các xã, phường không có trong số liệu mẫu mang tên",
        '# "mẫu số …" (tên giả định).',
        "units:",
    ]
    entries = [u for u in known if not u.unit_code.startswith("X")]
    entries += [u for u in y2024 if u.unit_code not in codes_2025]
    for n in sorted(numbers):
        for suffix, type_id in (("UB", "people_committee"), ("HD", "people_council")):
            code = f"X{n:03d}-{suffix}"
            if code in by_code:
                entries.append(by_code[code])
                continue
            body = "Ủy ban nhân dân" if suffix == "UB" else "Hội đồng nhân dân"
            entries.append(
                Unit(
                    code,
                    f"{body} xã mẫu số {n:03d}",
                    "UB-TP",
                    "commune",
                    type_id,
                    "Chính quyền địa phương",
                )
            )
    for u in entries:
        lines.append(f"  - code: {u.unit_code}")
        lines.append(f'    name: "{u.unit_name}"')
        if u.parent_code:
            lines.append(f"    parent: {u.parent_code}")
        lines.append(f'    level: "{level_label(u.level)}"')
        lines.append(f'    unit_type: "{type_label(u.unit_type)}"')
        if u.sector:
            lines.append(f'    sector: "{u.sector}"')
        if u.ethnic_minority_area:
            lines.append("    ethnic_minority_area: true")
        if u.unit_code in codes_2024 and u.unit_code not in codes_2025:
            lines.append("    until: 2024")
        elif u.unit_code not in codes_2024:
            lines.append("    since: 2025")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- broken/ ---------------------------------------------------------------------------------

BROKEN_ORDER = [f.id for f in FIELDS if f.id != "report_year"]  # B..T; A is STT, U unknown


def broken_row(code: str | None, name: str | None, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "unit_code": code,
        "unit_name": name,
        "parent_code": "L01",
        "level": level_label("commune"),
        "unit_type": type_label("public_service"),
        "sector": "Giáo dục",
        "staff_total": 24,
        "staff_female": 19,
        "key_leaders_total": 2,
        "key_leaders_female": 1,
        "leaders_total": 4,
        "leaders_female": 3,
        "pool_total": 5,
        "pool_female": 3,
        "pool_female_trained": 2,
        "ethnic_minority_area": "Không",
        "ethnic_minority_population_pct": None,
        "leaders_ethnic_minority": None,
        "notes": None,
    }
    base.update(changes)
    return base


# fmt: off
def write_broken_main(path: Path) -> None:
    """don-vi-loi.xlsx: one commune's return with one mistake of each kind, row by row."""
    from openpyxl.utils import get_column_letter

    ub = dict(
        parent_code=None, unit_type=type_label("people_committee"),
        sector="Chính quyền địa phương", staff_total=58, staff_female=27, key_leaders_total=3,
        key_leaders_female=1, leaders_total=14, leaders_female=6, pool_total=20, pool_female=8,
        pool_female_trained=6,
    )  # fmt: skip
    rows: list[tuple[dict[str, Any], str | None]] = [
        (broken_row("L01", "Ủy ban nhân dân xã Minh Châu", **ub), "024 3386 1234"),  # 5 valid
        (broken_row("L02", "Hội đồng nhân dân xã Minh Châu", parent_code=None,
                    unit_type=type_label("people_council"), sector="Chính quyền địa phương",
                    staff_total=6, staff_female=3, key_leaders_total=2, key_leaders_female=3,
                    leaders_total=4, leaders_female=2), None),  # 6: K6 exceeds-total
        (broken_row("L03", "Trường Mầm non Minh Châu", staff_total="mười hai"), None),  # 7: H7
        (broken_row("L04", "Trường Tiểu học Minh Châu", pool_total=-3), None),  # 8: N8
        (broken_row("L05", "Trường Trung học cơ sở Minh Châu", level="Thôn"), None),  # 9: E9
        (broken_row("L06", None), None),  # 10: C10 missing-value
        (broken_row("L07", "Trung tâm Văn hóa - Thông tin và Thể thao xã Minh Châu",
                    parent_code="L99", sector="Văn hóa, thể thao"), None),  # 11: D11
        (broken_row("L01", "Ủy ban nhân dân xã Minh Châu", **ub), None),  # 12: B12 duplicate
        (broken_row("L08", "Ban Quản lý dự án đầu tư xây dựng xã Minh Châu", sector="Xây dựng",
                    pool_female_trained="=O13"), None),  # 13: P13 formula without value
        (broken_row("L09", "Trung tâm Dịch vụ nông nghiệp xã Minh Châu",
                    sector="Nông nghiệp"), None),  # 14: hidden
        (broken_row("L10", "Trạm Y tế xã Minh Châu", sector="Y tế", ethnic_minority_area="x",
                    ethnic_minority_population_pct=0.45, leaders_ethnic_minority=1), None),  # 15
    ]
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "ỦY BAN NHÂN DÂN XÃ MINH CHÂU"
    ws["A2"] = "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM 2025"
    header = 4
    ws.cell(header, 1, "STT")
    for c, fid in enumerate(BROKEN_ORDER, start=2):
        ws.cell(header, c, label(fid))
    unknown_col = len(BROKEN_ORDER) + 2
    ws.cell(header, unknown_col, "Số điện thoại liên hệ")
    r = header + 1
    for i, (values, phone) in enumerate(rows, start=1):
        ws.cell(r, 1, i)
        for c, fid in enumerate(BROKEN_ORDER, start=2):
            ws.cell(r, c, values[fid])
        if phone:
            ws.cell(r, unknown_col, phone)
        r += 1
    ws.row_dimensions[14].hidden = True
    totals = r  # 16
    ws.cell(totals, 3, "Tổng cộng")
    for c, fid in enumerate(BROKEN_ORDER, start=2):
        if fid in COUNTS:
            stated = sum(_as_count(values[fid]) for values, _ in rows)
            if fid == "staff_female":
                stated += 10  # I16: the totals row disagrees with the units
            ws.cell(totals, c, stated)
    for c in range(1, unknown_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.column_dimensions["C"].width = 44
    assert totals == 16 and get_column_letter(unknown_col) == "U"
    save(wb, path)
# fmt: on


def _as_count(value: Any) -> int:
    """What a unit row adds to a total: a readable count, else nothing."""
    return value if isinstance(value, int) and value >= 0 else 0


def write_broken_no_header(path: Path) -> None:
    """Someone sent the wrong file: a list of people, no column of the form."""
    wb = new_book()
    ws = wb.active
    ws.title = "Danh sách"
    ws["A1"] = "DANH SÁCH CÁN BỘ NỮ TRONG DIỆN QUY HOẠCH"
    ws.append([])
    ws.append(["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Nơi công tác"])
    ws.append([1, "Nguyễn Thị Hoa", 1984, "Phó Trưởng phòng", "Phòng Kinh tế"])
    ws.append([2, "Lê Thu Trang", 1988, "Chuyên viên", "Văn phòng HĐND và UBND"])
    save(wb, path)


def write_broken_missing_column(path: Path) -> None:
    """The column of trained women in the planning pool was deleted."""
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM 2025"
    order = [f for f in BROKEN_ORDER if f != "pool_female_trained"]
    ws.append([])
    ws.append([label(f) for f in order])  # row 3
    values = broken_row("L11", "Trường Mầm non Tản Lĩnh", parent_code=None)
    ws.append([values[f] for f in order])
    save(wb, path)


def write_broken_duplicate_column(path: Path) -> None:
    """A column pasted twice: "Số lãnh đạo chủ chốt" in J1 and again in K1."""
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    order = [f.id for f in FIELDS]
    at = order.index("key_leaders_total") + 1
    order.insert(at, "key_leaders_total")
    ws.append([label(f) for f in order])
    values = broken_row("L12", "Trường Tiểu học Tản Lĩnh", parent_code=None, report_year=2025)
    ws.append([values[f] for f in order])
    assert ws.cell(1, 10).value == ws.cell(1, 11).value == label("key_leaders_total")
    save(wb, path)


def write_broken_no_units(path: Path) -> None:
    """The blank form sent back by a unit, saved again by a program that dropped gplan's
    marker (a form still carrying it is gplan's own blank form: skipped as `own-output`)."""
    from gender_plan_cli.render.template import build_template

    wb = build_template("vi")
    wb.properties.keywords = None
    wb.properties.created = STAMP
    save(wb, path)


def write_broken_hidden_sheet(path: Path) -> None:
    """A valid return whose data sheet was hidden."""
    wb = new_book()
    first = wb.active
    first.title = "Hướng dẫn"
    first["A1"] = "Số liệu ở trang tiếp theo."
    ws = wb.create_sheet("Biểu 01")
    ws.append([label(f.id) for f in FIELDS])
    values = broken_row(
        "L13", "Trường Trung học cơ sở Tản Lĩnh", parent_code=None, report_year=2025
    )
    ws.append([values[f.id] for f in FIELDS])
    ws.sheet_state = "hidden"
    save(wb, path)


def write_broken_merged(path: Path) -> None:
    """Two schools' key leaders typed once in a cell merged over both rows (J3:J4)."""
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    ws.append([])
    ws.append([label(f.id) for f in FIELDS])  # row 2
    for code, name in (("L14", "Trường Mầm non Vật Lại"), ("L15", "Trường Tiểu học Vật Lại")):
        values = broken_row(code, name, parent_code=None, report_year=2025)
        ws.append([values[f.id] for f in FIELDS])
    ws.merge_cells("J3:J4")
    save(wb, path)


def write_broken_two_years(path: Path) -> None:
    """This year's return with last year's row of the same unit left under it (G4: 2024)."""
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 01"
    ws.append([])
    ws.append([label(f.id) for f in FIELDS])  # row 2
    for year in (2025, 2024):
        values = broken_row(
            "L16", "Trường Trung học cơ sở Vật Lại", parent_code=None, report_year=year
        )
        ws.append([values[f.id] for f in FIELDS])
    save(wb, path)


def write_broken_unreadable(path: Path) -> None:
    """A PDF renamed .xlsx: not a spreadsheet at all."""
    body = (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"\x00\x01\x02\x03 stream \x8f\x9a\xff\x00 endstream\n%%EOF\n"
    )
    path.write_bytes(body)


# --- main ------------------------------------------------------------------------------------


def build(out: Path) -> list[Path]:
    """Write every sample under `out` (emptied first) and return the files written."""
    y2025, returns, y2024 = build_units()
    if out.exists():
        if any(out.iterdir()) and not (out / "hanoi-2025.xlsx").exists():
            raise SystemExit(f"{out} is not a samples folder: refusing to empty it")
        shutil.rmtree(out)
    (out / "returns").mkdir(parents=True)
    (out / "broken").mkdir(parents=True)
    write_2025(y2025, out / "hanoi-2025.xlsx")
    write_2024(y2024, out / "hanoi-2024.xlsx")
    for year, units in build_earlier().items():
        write_2024(units, out / f"hanoi-{year}.xlsx", year)
    co_do, quang_oai, tay_ho, yen_bai = returns
    write_return_template(
        co_do, out / "returns" / "xa-co-do.xlsx", "Cổ Đô, ngày 12 tháng 12 năm 2025"
    )
    write_csv_utf8_semicolon(quang_oai, out / "returns" / "xa-quang-oai.csv")
    write_csv_cp1258(tay_ho, out / "returns" / "phuong-tay-ho.csv")
    write_return_text_numbers(
        yen_bai, out / "returns" / "xa-yen-bai.xlsx", "Yên Bài, ngày 18 tháng 12 năm 2025"
    )
    write_registry(y2025, returns, y2024, out / "units.yaml")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sample_rosters import write_rosters  # beside this script

    write_rosters(out, co_do, save)
    broken = out / "broken"
    write_broken_main(broken / "don-vi-loi.xlsx")
    write_broken_no_header(broken / "khong-co-tieu-de.xlsx")
    write_broken_missing_column(broken / "thieu-cot.xlsx")
    write_broken_duplicate_column(broken / "cot-trung.xlsx")
    write_broken_no_units(broken / "khong-co-don-vi.xlsx")
    write_broken_hidden_sheet(broken / "trang-an.xlsx")
    write_broken_unreadable(broken / "hong.xlsx")
    write_broken_merged(broken / "o-gop.xlsx")
    write_broken_two_years(broken / "hai-nam.xlsx")
    return sorted(p for p in out.rglob("*") if p.is_file())


def summary(units: Iterable[Unit]) -> str:
    units = list(units)
    scope = [u for u in units if u.unit_type != "public_service"]
    met = sum(1 for u in scope if u.key_leaders_female >= 1)
    pool = sum(u.pool_total for u in units)
    female = sum(u.pool_female for u in units)
    trained = sum(u.pool_female_trained for u in units)
    return (
        f"{len(units)} units; female key leader {met}/{len(scope)} = {met / len(scope):.1%}; "
        f"pool female {female}/{pool} = {female / pool:.1%}; "
        f"trained {trained}/{female} = {trained / female:.1%}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (emptied first)")
    args = parser.parse_args(argv)
    files = build(args.out)
    y2025, returns, y2024 = build_units()
    print(f"2025 consolidated: {summary(y2025)}")
    print(f"2025 with returns: {summary(y2025 + [u for pair in returns for u in pair])}")
    print(f"2024:              {summary(y2024)}")
    for year, units in build_earlier().items():
        print(f"{year}:              {summary(units)}")
    for f in files:
        print(f"  {f.relative_to(args.out)}")


if __name__ == "__main__":
    main()
