"""`gap --format json`: the stable shape of spec/indicators.md, rendered from the GapReport.

Rates are fractions (0–1) with 12 decimal places (`indicators.JSON_DIGITS`); counts are exact
integers. The document's keys are GapReport's fields, in their order.
"""

from __future__ import annotations

from gender_plan_cli.results import GapReport


def gap_json_bytes(report: GapReport) -> bytes:
    """`report.model_dump_json(indent=2)` as the UTF-8 bytes pydantic writes in one pass, never
    held as text: 200,000 per-unit results are ~170 MB of JSON, which Python would keep as
    ~340 MB of text (Vietnamese names take two bytes a character) and copy again to add a
    newline."""
    return type(report).__pydantic_serializer__.to_json(report, indent=2)
