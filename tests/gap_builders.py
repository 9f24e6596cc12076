"""Builders for the gap and rules tests: unit records, rules variants, small workbooks."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from gender_plan_cli.paths import bundled_rules
from gender_plan_cli.records import UnitRecord
from gender_plan_cli.targets.rules import Rules

RECORD = {
    "unit_code": "U01",
    "unit_name": "Đơn vị",
    "parent_code": None,
    "level": "department",
    "unit_type": "state_agency",
    "sector": None,
    "report_year": 2025,
    "staff_total": 100,
    "staff_female": 50,
    "key_leaders_total": 3,
    "key_leaders_female": 1,
    "leaders_total": 10,
    "leaders_female": 4,
    "pool_total": 10,
    "pool_female": 4,
    "pool_female_trained": 3,
    "ethnic_minority_area": False,
    "ethnic_minority_population_pct": None,
    "leaders_ethnic_minority": None,
}


def rec(code: str, **changes: Any) -> UnitRecord:
    """A valid unit record; `kl` is a shortcut for key_leaders_female."""
    values = dict(RECORD, unit_code=code, unit_name=f"Đơn vị {code}")
    if "kl" in changes:
        values["key_leaders_female"] = changes.pop("kl")
    values.update(changes)
    return UnitRecord(**values)


def bundled_data() -> dict[str, Any]:
    return yaml.safe_load(bundled_rules().read_text(encoding="utf-8"))


def rules_with(**low: Any) -> Rules:
    """The bundled rules with the low-female-staff adjustment changed (keys of `low`)."""
    data = copy.deepcopy(bundled_data())
    data["targets"]["female_key_leader"]["low_female_staff"].update(low)
    return Rules.model_validate(data)


def bundled() -> Rules:
    return Rules.model_validate(bundled_data())


def write_rules(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
