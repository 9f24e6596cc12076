"""`check --format csv`: one row per finding, for a spreadsheet or a script.

In Vietnamese the header and severities are Vietnamese, the separator `;` (as Excel set to
Vietnamese reads a CSV it opens); with `--lang en` the header is the ids and the separator `,`.
Every cell passes through `safe_output.neutralize`: a submitted value `=HYPERLINK(...)` is
shown as text, never run.
"""

from __future__ import annotations

import csv
import io

from gender_plan_cli.contract import CHECK_CSV_COLUMNS
from gender_plan_cli.i18n import text
from gender_plan_cli.records import LoadResult
from gender_plan_cli.render.gap_csv import BOM, style_for


def render_check_csv(result: LoadResult, lang: str, *, bom: bool = False) -> str:
    style = style_for(lang, ids=False)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=style.delimiter, lineterminator="\r\n")
    writer.writerow(text(f"check.csv.{c}", "en" if style.ids else lang) for c in CHECK_CSV_COLUMNS)
    for fr in result.files:
        for f in fr.findings:
            severity = f.severity if style.ids else text(f"check.{f.severity}", lang)
            row = (f.file, f.sheet, f.cell, severity, f.code, f.field, f.value, f.message(lang))
            writer.writerow(style.cell("" if v is None else v) for v in row)
    return (BOM if bom else "") + buf.getvalue()
