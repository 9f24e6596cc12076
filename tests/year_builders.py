"""The officer's year: a registry kept as `units.xlsx` beside the returns, a folder of returns."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from builders import write_xlsx

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
REGISTRY_HEADER = [
    "Mã đơn vị",
    "Tên cơ quan, đơn vị",
    "Mã đơn vị cấp trên",
    "Cấp",
    "Loại hình",
    "Ngành, lĩnh vực",
    "Địa bàn có đồng bào DTTS",
    "Từ năm",
    "Đến năm",
]


def units_workbook(path: Path, source: Path = SAMPLES / "units.yaml") -> Path:
    """The sample registry (YAML) as the workbook a Department keeps: `units.xlsx`."""
    units = yaml.safe_load(source.read_text(encoding="utf-8"))["units"]
    rows = [
        [
            u["code"],
            u["name"],
            u.get("parent"),
            u.get("level"),
            u.get("unit_type"),
            u.get("sector"),
            "Có" if u.get("ethnic_minority_area") else None,
            u.get("since"),
            u.get("until"),
        ]
        for u in units
    ]
    return write_xlsx(path, [REGISTRY_HEADER, *rows])


def returns_folder(folder: Path, years: tuple[int, ...] = (2025,)) -> Path:
    """The sample city returns of `years` and a `units.xlsx` at the top of `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for year in years:
        shutil.copy(SAMPLES / f"hanoi-{year}.xlsx", folder)
    units_workbook(folder / "units.xlsx")
    return folder
