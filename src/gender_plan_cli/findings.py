"""The catalogue of finding codes and the Finding record.

A finding is data: a stable code users can grep for and CI can filter on, a
severity, where it is (file, sheet, cell) and a message id with arguments that
`i18n` turns into words. Codes are listed once, here; none is ever renamed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

# A file's findings beyond this many are counted by code, not kept: memory stays bounded and the
# report readable, and nothing is left out of the figures without being counted (`Capped`).
MAX_FINDINGS_PER_FILE = 1000

# An error makes its file (or row) invalid; a warning asks for a look, and `--strict` counts it
# as an error; a note says what is worth knowing and makes nothing invalid, not even under
# `--strict` (chance pairs of one name and birth date in a city's roster are no one's mistake).
Severity = Literal["error", "warning", "note"]


# Every finding code: a typo in a code is a type error (mypy), not a KeyError at run time.
CodeId = Literal[
    "unreadable-file",
    "file-too-large",
    "no-header",
    "missing-column",
    "duplicate-column",
    "unknown-column",
    "missing-value",
    "type-error",
    "out-of-range",
    "exceeds-total",
    "invalid-choice",
    "duplicate-unit",
    "unknown-parent",
    "formula-without-value",
    "totals-mismatch",
    "no-units",
    "hidden-row",
    "ambiguous-value",
    "hidden-sheet",
    "too-many-findings",
    "unknown-unit",
    "registry-mismatch",
    "resubmitted",
    "registry-duplicate",
    "registry-unknown-parent",
    "registry-cycle",
    "reader-crashed",
    "read-timeout",
    "unread-row",
    "derived-total",
    "suspicious-text",
    "own-output",
    "merged-cell",
    "mixed-report-years",
    # person-level rosters (roster/)
    "roster-missing-column",
    "roster-missing-sex",
    "roster-bad-date",
    "roster-unknown-ethnicity",
    "roster-unknown-position",
    "roster-duplicate-person",
    "roster-unit-unresolved",
    "roster-mismatch",
    "roster-missing-unit",
    "roster-same-name-and-birth",
    "legacy-encoding",
    # the portal (portal/)
    "unit-not-covered",
    "wrong-year",
]

# The catalogue: each code of CodeId, in its order, with its severity (tests/test_findings.py
# holds the two together); the wording lives in messages.yaml, keyed by code.
SEVERITY: dict[CodeId, Severity] = {
    "unreadable-file": "error",
    "file-too-large": "error",
    "no-header": "error",
    "missing-column": "error",
    "duplicate-column": "error",
    "unknown-column": "warning",
    "missing-value": "error",
    "type-error": "error",
    "out-of-range": "error",
    "exceeds-total": "error",
    "invalid-choice": "error",
    "duplicate-unit": "error",
    "unknown-parent": "error",
    "formula-without-value": "error",
    "totals-mismatch": "warning",
    "no-units": "error",
    "hidden-row": "warning",
    "ambiguous-value": "warning",
    "hidden-sheet": "warning",
    "too-many-findings": "error",
    "unknown-unit": "error",
    "registry-mismatch": "warning",
    "resubmitted": "warning",
    "registry-duplicate": "error",
    "registry-unknown-parent": "error",
    "registry-cycle": "error",
    "reader-crashed": "error",
    "read-timeout": "error",
    "unread-row": "warning",
    "derived-total": "warning",
    "suspicious-text": "error",
    "own-output": "warning",
    "merged-cell": "error",
    "mixed-report-years": "warning",
    "roster-missing-column": "error",
    "roster-missing-sex": "error",
    "roster-bad-date": "warning",
    "roster-unknown-ethnicity": "warning",
    "roster-unknown-position": "warning",
    "roster-duplicate-person": "error",
    "roster-unit-unresolved": "error",
    "roster-mismatch": "warning",
    "roster-missing-unit": "error",
    "roster-same-name-and-birth": "note",
    "legacy-encoding": "warning",
    "unit-not-covered": "error",
    "wrong-year": "error",
}


def as_code(code: str) -> CodeId:
    """A code computed at run time (a reader's problem), checked against the catalogue."""
    if code not in SEVERITY:
        raise KeyError(code)
    return cast(CodeId, code)


class Finding(BaseModel):
    """One problem, located as precisely as the file allows."""

    model_config = ConfigDict(frozen=True)

    code: CodeId
    severity: Severity
    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    value: Any = None
    message_id: str
    args: dict[str, Any] = {}
    # A roster's person (name, date of birth) the finding is about: never serialised, shown
    # only by `check --show-names` on a terminal.
    personal: str | None = Field(default=None, exclude=True, repr=False)

    def message(self, lang: str = "vi") -> str:
        from gender_plan_cli.i18n import render_message

        context = {
            "cell": self.cell,
            "row": self.row,
            "value": self.value,
            "field": self.field,
            "sheet": self.sheet,
        }
        return render_message(self.message_id, {**context, **self.args}, lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.row or 0, self.column or 0, self.code)


def make(
    code: CodeId,
    file: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: int | None = None,
    field: str | None = None,
    value: Any = None,
    message_id: str | None = None,
    severity: Severity | None = None,
    personal: str | None = None,
    **args: Any,
) -> Finding:
    """The one place a finding is created; the severity comes from the catalogue.

    `severity` overrides it where the catalogue's cannot hold: `unknown-parent` is an error
    against a registry and a warning against only the files read.
    """
    cell = None
    if row is not None and column is not None:
        cell = f"{column_letter(column)}{row}"
    elif row is not None:
        cell = str(row)
    return Finding(
        code=code,
        severity=severity or SEVERITY[code],
        file=file,
        sheet=sheet,
        cell=cell,
        row=row,
        column=column,
        field=field,
        value=_jsonable(value),
        message_id=message_id or code,
        args={k: _jsonable(v) for k, v in args.items()},
        personal=personal,
    )


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# --- the cap: the first findings kept, every one counted ----------------------------------

CAP_NOTE = "too-many-findings"  # the message id of the note that says what the cap left unsaid


class Capped:
    """A file's findings: the first MAX_FINDINGS_PER_FILE kept whole, every later one counted
    by code in `more` (so a finding past the cap is never lost, only not spelt out)."""

    def __init__(self, shown: str, sheet: str | None) -> None:
        self.shown, self.sheet = shown, sheet
        self.out: list[Finding] = []
        self.more: dict[str, int] = {}

    def full(self) -> bool:
        return len(self.out) >= MAX_FINDINGS_PER_FILE

    def keep(self, finding: Finding) -> None:
        keep(self.out, self.more, finding)

    def extend(self, findings: list[Finding]) -> None:
        for f in findings:
            keep(self.out, self.more, f)

    def closed(self) -> list[Finding]:
        """The findings kept, sorted, with the cap's note when the cap was reached."""
        return with_cap_note(
            sorted(self.out, key=Finding.sort_key), self.more, self.shown, self.sheet
        )


def keep(out: list[Finding], more: dict[str, int], finding: Finding) -> None:
    """Under the cap into `out`; beyond it, counted by code in `more`."""
    if len(out) < MAX_FINDINGS_PER_FILE:
        out.append(finding)
    else:
        more[finding.code] = more.get(finding.code, 0) + 1


def with_cap_note(
    findings: list[Finding], more: dict[str, int], file: str, sheet: str | None
) -> list[Finding]:
    """`findings` with one `too-many-findings` note (replacing an earlier one) saying how many
    more there are, by code; as severe as the most severe of them."""
    kept = [f for f in findings if f.message_id != CAP_NOTE]
    if not more:
        return kept
    by_code = ", ".join(f"{code}: {n}" for code, n in sorted(more.items(), key=lambda i: -i[1]))
    severity = worst(SEVERITY[as_code(c)] for c in more)
    note = make(
        "too-many-findings",
        file,
        sheet=sheet,
        severity=severity,
        shown_count=MAX_FINDINGS_PER_FILE,
        more=sum(more.values()),
        by_code=by_code,
    )
    return [*kept, note]


def worst(severities: Iterable[Severity]) -> Severity:
    """The most severe of `severities` (a note when there is none)."""
    seen = set(severities)
    return "error" if "error" in seen else "warning" if "warning" in seen else "note"


def counts_by_code(findings: list[Finding], more: dict[str, int]) -> dict[str, int]:
    """Every finding of a file by code, those past the cap included (the cap's note is not
    one: it only says what the others are)."""
    out: dict[str, int] = {}
    for f in findings:
        if f.message_id != CAP_NOTE:
            out[f.code] = out.get(f.code, 0) + 1
    for code, n in more.items():
        out[code] = out.get(code, 0) + n
    return dict(sorted(out.items()))


# --- cell addresses: a finding names its cell as Excel shows it (J10) ---------------------


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: the column as Excel shows it."""
    if index < 1:
        raise ValueError(index)
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27 (lower case too): the inverse of column_letter."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def row_runs(rows: list[int]) -> str:
    """Sorted row numbers as runs, as a finding or a notice names them: `7–9, 12` for 7, 8, 9,
    12 (every row named, none listed one by one when a run holds them)."""
    out: list[str] = []
    start = prev = None
    for r in [*rows, None]:
        if start is not None and (r is None or prev is None or r != prev + 1):
            out.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if r is not None and start is None:
            start = r
        prev = r
    return ", ".join(out)
