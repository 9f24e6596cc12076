"""`check --format json`: the stable shape documented in docs/check.md, as pydantic models (so that
its JSON Schema is generated from the same classes that write it)."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel

from gender_plan_cli.findings import CodeId, Severity
from gender_plan_cli.records import CheckSummary, LoadResult


class CheckFinding(BaseModel):
    code: CodeId
    severity: Severity
    sheet: str | None
    cell: str | None
    row: int | None
    field: str | None
    value: Any
    message: str


class CheckLayout(BaseModel):
    header_rows: list[int]
    number_row: int | None
    columns: dict[str, str | None]  # column letter → field id, or null when not read
    rows: dict[str, int]  # row kind (unit, group, totals, note, signature, unread) → rows
    year_from: dict[str, Any] | None  # where the report year came from, when above the header


class CheckFile(BaseModel):
    path: str
    role: Literal["return", "registry", "roster"]
    valid: bool
    sheet: str | None
    report_year: int | None
    units: int
    persons: int | None  # a roster: the people it lists (null for a return or the registry)
    ignored_sheets: list[str]
    hidden_sheets: list[str]
    findings: list[CheckFinding]  # at most findings.MAX_FINDINGS_PER_FILE, then the cap's note
    # Every finding of the file by code, those past the cap included (the cap's note is not one).
    finding_counts: dict[str, int]
    layout: CheckLayout | None  # how the sheet was read (see `check --explain`)


class CheckDocument(BaseModel):
    """Everything `check --format json` prints."""

    schema_version: Literal["1"] = "1"  # of the JSON document: schemas/check.json
    valid: bool
    summary: CheckSummary
    files: list[CheckFile]


def check_document(result: LoadResult, lang: str, *, strict: bool = False) -> CheckDocument:
    files = [
        CheckFile(
            path=fr.path,
            role=fr.role,
            valid=fr.valid(strict),
            sheet=fr.sheet,
            report_year=fr.report_year,
            units=fr.units,
            persons=fr.persons if fr.role == "roster" else None,
            ignored_sheets=fr.ignored_sheets,
            hidden_sheets=fr.hidden_sheets,
            findings=[
                CheckFinding(
                    code=f.code,
                    severity=f.severity,
                    sheet=f.sheet,
                    cell=f.cell,
                    row=f.row,
                    field=f.field,
                    value=f.value,
                    message=f.message(lang),
                )
                for f in fr.findings
            ],
            finding_counts=fr.finding_counts(),
            layout=CheckLayout(**fr.layout.document()) if fr.layout else None,
        )
        for fr in result.files
    ]
    return CheckDocument(
        valid=all(f.valid for f in files),
        summary=result.summary(strict),
        files=files,
    )


def render_check_json(result: LoadResult, lang: str, *, strict: bool = False) -> str:
    """Written by `json` from the model's values, as before the models existed (same bytes)."""
    document = check_document(result, lang, strict=strict).model_dump()
    return json.dumps(document, ensure_ascii=False, indent=2)
