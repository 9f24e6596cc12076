"""JSON Schemas (draft 2020-12) of the API's answers, from the pydantic models below and the
check, status, gap and trend documents they carry (the unit's API and the officer's); shipped in `portal/schemas/` (scripts/make_schemas.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from gender_plan_cli.render.check_json import CheckDocument

SCHEMAS = Path(__file__).parent / "schemas"
NAMES = ("portal-return", "portal-status", "portal-gap", "portal-trend", "portal-error")
# The answers that are a command's document: their schema is the command's, named for the API.
DOCUMENTS = {
    "portal-status": ("status", "GET /api/v1/status"),
    "portal-gap": ("gap", "GET /api/v1/gap.json"),
    "portal-trend": ("trend", "GET /api/v1/trend.json"),
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Receipt(BaseModel):
    id: str  # the reference number, HN<year>-<8 characters>
    unit_code: str  # the unit whose code sent the file
    received_at: str  # ISO 8601, Asia/Ho_Chi_Minh (+07:00)
    sha256: str
    bytes: int
    filename: str  # as sent, its last part
    late: bool  # accepted after the deadline


class ReturnAnswer(BaseModel):
    """`POST /api/v1/returns`: 201 accepted, 422 errors, 403 rows the code does not cover."""

    receipt: Receipt
    accepted: bool
    check: CheckDocument  # what `gplan check --format json` prints for the file


class ErrorAnswer(BaseModel):
    """401, 413, 415, 429, 503 and 400: what went wrong, as a stable word."""

    error: str  # unauthorized | locked-out | too-large | extension | rate-limited | busy | …
    model_config = {"extra": "allow"}


def build(name: str) -> str:
    if name in DOCUMENTS:
        from gender_plan_cli.render.schema import build as build_document

        command, path = DOCUMENTS[name]
        body: dict[str, Any] = json.loads(build_document(command))
        body["$id"] = f"urn:gplan:schema:{name}:1"
        body["title"] = f"gplan portal {path}"
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    model = ReturnAnswer if name == "portal-return" else ErrorAnswer
    path = "POST /api/v1/returns" if name == "portal-return" else "an error answer"
    schema = {
        "$schema": DIALECT,
        "$id": f"urn:gplan:schema:{name}:1",
        "title": f"gplan portal {path}",
        **{k: v for k, v in model.model_json_schema(mode="serialization").items() if k != "title"},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema(name: str) -> dict[str, Any]:
    """The schema as shipped."""
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
