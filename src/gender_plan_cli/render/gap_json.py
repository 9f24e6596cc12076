"""`gap --format json`: the stable shape of spec/indicators.md, rendered from the GapReport.

Rates are fractions (0–1) with 12 decimal places (`indicators.JSON_DIGITS`); counts are exact
integers. The document's keys are GapReport's fields, in their order.
"""

from __future__ import annotations

from gender_plan_cli.results import GapReport


def render_gap_json(report: GapReport) -> str:
    """Serialised by pydantic in one pass (fast for 50,000 units)."""
    return report.model_dump_json(indent=2)
