"""`check --format json`: the stable shape documented in the README and cli.md."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from gender_plan_cli.records import LoadResult


def check_document(result: LoadResult, lang: str, *, strict: bool = False) -> dict[str, Any]:
    files = []
    for fr in result.files:
        files.append(
            {
                "path": fr.path,
                "role": fr.role,
                "valid": fr.valid(strict),
                "sheet": fr.sheet,
                "report_year": fr.report_year,
                "units": fr.units,
                **({"persons": fr.persons} if fr.role == "roster" else {}),
                "ignored_sheets": fr.ignored_sheets,
                "hidden_sheets": fr.hidden_sheets,
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity,
                        "sheet": f.sheet,
                        "cell": f.cell,
                        "row": f.row,
                        "field": f.field,
                        "value": f.value,
                        "message": f.message(lang),
                    }
                    for f in fr.findings
                ],
            }
        )
    return {
        "valid": all(f["valid"] for f in files),
        "summary": asdict(result.summary(strict)),
        "files": files,
    }


def render_check_json(result: LoadResult, lang: str, *, strict: bool = False) -> str:
    return json.dumps(check_document(result, lang, strict=strict), ensure_ascii=False, indent=2)
