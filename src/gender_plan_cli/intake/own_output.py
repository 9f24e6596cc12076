"""gplan's own files found among the returns: the blank form and the CSV/JSON outputs.

They are recognised by what gplan writes into them, never by a guess: the form carries
`MARKER` in its document keywords, the findings workbook of `check -o ….xlsx` `FINDINGS_MARKER`
(its copies of returns are no returns), the workbook of `status -o ….xlsx` `STATUS_MARKER` (a
list of units, no figures), a CSV output starts with one of gplan's header rows, a JSON
output is an object with "schema_version". Each is skipped with an `own-output` warning, so the
skip is said, not silent. A form with unit rows is a return and is read; the report workbook
carries no marker, since its per-unit sheet is a return (last year's report is this year's
history).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import (
    CHECK_CSV_COLUMNS,
    GAP_CSV_COLUMNS,
    STATUS_CSV_COLUMNS,
    TREND_CSV_COLUMNS,
)
from gender_plan_cli.records import FileResult

MARKER = "gplan:template"  # the keywords of the workbook `gplan template` writes
FINDINGS_MARKER = "gplan:findings"  # the keywords of the findings workbook (`check -o x.xlsx`)
STATUS_MARKER = "gplan:status"  # the keywords of the status workbook (`status -o x.xlsx`)

OwnKind = Literal["template", "findings", "status", "csv", "json"]

_SIGNATURE_CELLS = 3  # a header's first cells that tell gplan's outputs apart
_JSON_HEAD = 4096


@lru_cache(maxsize=1)
def _csv_signatures() -> frozenset[tuple[str, ...]]:
    """The first header cells of every CSV gplan writes, in both languages and both styles."""
    from gender_plan_cli.i18n import LANGS, text

    n = _SIGNATURE_CELLS
    found = {STATUS_CSV_COLUMNS[:n]}
    for lang in LANGS:  # headers in each language; "en" is also the ids' header
        found.add(tuple(text(f"check.csv.{c}", lang) for c in CHECK_CSV_COLUMNS[:n]))
        found.add(tuple(text(f"csv.col.{c}", lang) for c in GAP_CSV_COLUMNS[:n]))
        found.add(tuple(text(f"csv.col.{c}", lang) for c in TREND_CSV_COLUMNS[:n]))
        found.add(tuple(text(f"status.csv.{c}", lang) for c in STATUS_CSV_COLUMNS[:n]))
    return frozenset(found)


def is_csv_output(first_row: list[object]) -> bool:
    """A CSV whose header row is one gplan writes (check, gap, status, trend)."""
    cells = tuple(str(v).strip() if v is not None else "" for v in first_row[:_SIGNATURE_CELLS])
    return cells in _csv_signatures()


def is_json_output(path: Path) -> bool:
    """A `.json` file that is one of gplan's JSON documents (they all carry schema_version)."""
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(_JSON_HEAD)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and b'"schema_version"' in head


def is_blank_template(keywords: str | None, units: int) -> bool:
    """The form `gplan template` wrote, with no unit filled in."""
    return units == 0 and MARKER in (keywords or "").split(",")


def marked_workbook(keywords: str | None) -> OwnKind | None:
    """A workbook gplan wrote that is never a return, whatever its sheets hold: the findings
    workbook of `check -o ….xlsx` (copies of returns) or the status workbook (`status -o`)."""
    marks = (keywords or "").split(",")
    if FINDINGS_MARKER in marks:
        return "findings"
    if STATUS_MARKER in marks:
        return "status"
    return None


def skipped(shown: str, kind: OwnKind, *, sheets: list[str] | None = None) -> FileResult:
    """The result of a file of gplan's own: no units, one warning saying why it was skipped."""
    finding = fnd.make("own-output", shown, message_id=f"own-output.{kind}")
    return FileResult(path=shown, ignored_sheets=sheets or [], findings=[finding])
