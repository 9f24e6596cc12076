"""`gap --format json`: the stable shape of spec/indicators.md, rendered from the GapReport.

Rates are fractions (0–1) rounded to 6 decimal places; counts are exact integers. The
document's keys, in order: target_year, on_track, before_first_milestone, first_milestone,
report_year, years_present, units, rules, data_source, by, indicators, women_leaders, groups,
skipped_rows, skipped (the order of GapReport's fields).
"""

from __future__ import annotations

import json
from typing import Any

from gender_plan_cli.indicators import GapReport

KEYS = (
    "target_year",
    "on_track",
    "before_first_milestone",
    "first_milestone",
    "report_year",
    "years_present",
    "units",
    "rules",
    "data_source",
    "by",
    "indicators",
    "women_leaders",
    "groups",
    "skipped_rows",
    "skipped",
)


def gap_document(report: GapReport) -> dict[str, Any]:
    return json.loads(render_gap_json(report))


def render_gap_json(report: GapReport) -> str:
    """Serialised by pydantic in one pass (fast for 50,000 units); keys in KEYS order."""
    return report.model_dump_json(indent=2)
