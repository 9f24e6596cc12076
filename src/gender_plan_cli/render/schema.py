"""JSON Schemas (draft 2020-12) of the documents `check`, `gap`, `status` and `trend` print,
generated from the pydantic models that write them and shipped in `schemas/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).parent / "schemas"
NAMES = ("check", "gap", "status", "trend")
VERSION = "1"  # the schema_version every document carries
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _model(name: str) -> Any:
    if name == "check":
        from gender_plan_cli.render.check_json import CheckDocument

        return CheckDocument
    if name == "gap":
        from gender_plan_cli.targets.results import GapReport

        return GapReport
    if name == "status":
        from gender_plan_cli.collection.status import StatusReport

        return StatusReport
    from gender_plan_cli.targets.trend import Trend

    return Trend


def build(name: str) -> str:
    """The schema of document `name`, as the text shipped in schemas/NAME.json."""
    body = _model(name).model_json_schema(mode="serialization")
    schema = {
        "$schema": DIALECT,
        "$id": f"urn:gplan:schema:{name}:{VERSION}",
        "title": f"gplan {name} --format json",
        **{k: v for k, v in body.items() if k != "title"},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def shipped(name: str) -> str:
    """The schema as shipped in the package."""
    return (SCHEMAS / f"{name}.json").read_text(encoding="utf-8")
