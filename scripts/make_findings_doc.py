"""Write docs/findings.md from the catalogue itself, so the reference never drifts from the code.

    python scripts/make_findings_doc.py          # rewrite docs/findings.md
    python scripts/make_findings_doc.py --check  # exit 1 when the page is out of date (the tests do this)

Codes and severities come from `gender_plan_cli.findings` (`CodeId`, `SEVERITY`), the wording
of every message from `messages()` below; only the one-line "when" of each code, and where the
samples show it, are written here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "findings.md"


def messages() -> dict[str, tuple[str, str]]:
    """Every message id → (Vietnamese, English): the one place this script reads the wording."""
    from gender_plan_cli.i18n import Plural, built_in

    def shown(text: str | Plural) -> str:
        return text.other if isinstance(text, Plural) else text

    return {key: (shown(vi), shown(en)) for key, (vi, en) in built_in().items()}


# When each code is given (what it means; its messages say how to fix it). A code of the
# catalogue missing here fails tests/test_docs.py.
WHEN: dict[str, str] = {
    "unreadable-file": "not a spreadsheet, corrupt, encrypted, unsupported format, unknown "
    "encoding; also a folder that cannot be listed or a link that leads out of the folder named "
    "([security](security.md#folders-nothing-skipped-in-silence))",
    "file-too-large": "over a safety limit ([security](security.md#limits-each-can-be-raised-by-a-flag)), "
    "or a reader process over its memory cap",
    "no-header": "no row in the first 30 matches the contract; at the closest row, naming what it "
    "recognised and what is missing (and the sheet the figures were typed on, when it is another)",
    "missing-column": "a required field has no column (for the year: no column, no title year, "
    "no `--report-year`)",
    "duplicate-column": "two columns map to the same field",
    "unknown-column": "a column that maps to no field",
    "missing-value": "a required cell is empty (the ethnic-minority share and leaders are "
    "required in an ethnic-minority area)",
    "type-error": "a value that cannot be read as the field's type; an Excel error value "
    "(`#DIV/0!`, `#REF!`, `#N/A`); NaN, ∞, digits of other scripts",
    "out-of-range": "negative count, percentage outside 0–100, year outside 2021–2030, a count "
    "over 10,000,000",
    "exceeds-total": "a part greater than its whole (female > total, trained > pool female, key "
    "leaders > leaders, ethnic-minority leaders > leaders); at the part's cell",
    "invalid-choice": "a value outside an enumeration; the message lists the choices",
    "duplicate-unit": "the same `unit_code` twice in one report year in one file (at the later "
    "occurrence), or in two files received at the same moment; also a look-alike code (Cyrillic "
    "or Greek letters, zero-width characters) that matches another code of the same year",
    "unknown-parent": "`parent_code` is not in the registry of units (error); without a "
    "registry, names no unit of the files read (warning)",
    "formula-without-value": "a formula cell with no cached value (a file a program wrote and "
    "Excel never computed)",
    "totals-mismatch": "a totals row disagrees with the sum of its units (a grand total with "
    "all the units of its table, a group's `Cộng` with its group)",
    "no-units": "a matching header but no unit rows",
    "hidden-row": "a unit row hidden in the sheet (read and counted)",
    "ambiguous-value": "a value read one way that could mean another (`12.000`; `0.45` in a "
    "plain percentage cell)",
    "hidden-sheet": "the data sheet is hidden (read)",
    "too-many-findings": "a file reached 1,000 findings: the rest are counted by code, not "
    "listed (every row is still read; `check --format json` gives `finding_counts`)",
    "unknown-unit": "with a registry: the unit code is not in it for that year; names the "
    "closest codes",
    "registry-mismatch": "with a registry: the name, level or type differs from the registry's",
    "resubmitted": "the unit was sent again in a file received later, which supersedes this row "
    "(not counted); names both files and the figures that differ",
    "registry-duplicate": "in the registry file itself: a code twice",
    "registry-unknown-parent": "in the registry file itself: a parent not in it",
    "registry-cycle": "in the registry file itself: parents in a loop",
    "reader-crashed": "the reader process died on the file (a signal, an exit) or raised; the "
    "run goes on",
    "read-timeout": "the file took longer than `--max-seconds` to read",
    "unread-row": "a row below the header that holds figures but is read as neither a unit nor "
    "a totals row (a group row with figures, a unit's sub-row or `∑`, figures below the "
    "signature)",
    "derived-total": "no total column: the total staff is read as `Nam` + `Nữ`",
    "suspicious-text": "bidirectional control characters (U+202A–U+202E, U+2066–U+2069) in a "
    "unit's code, name or parent: the text shows otherwise than it reads",
    "own-output": "a file gplan wrote, skipped: the blank form (`gplan:template` in its "
    "keywords, no unit row), the findings workbook of `check -o ….xlsx` (`gplan:findings`), the status workbook "
    "of `status -o ….xlsx` (`gplan:status`), a CSV starting with the header of `check`, `gap`, `status` or "
    "`trend`, or a `.json` with `schema_version`. The report workbook is not skipped: its "
    "per-unit sheet is a return",
    "merged-cell": "a field cell of a unit row inside a merge that spans two unit rows or more "
    "(a count or a parent code merged over units): each covered cell is an error naming the "
    "range, since the value cannot be given to one unit; a merge inside one row is no finding",
    "mixed-report-years": "one sheet with rows of several report years: a warning at the first "
    "row of the second year, naming each year with its rows; each row still counts for its own "
    "year",
    "roster-missing-column": "a staff list with no `Chức vụ` column (error); no `Quy hoạch`, "
    "`Dân tộc` or training column (warning: that figure is 0 / not counted)",
    "roster-missing-sex": "a person whose sex is not given (or a date of birth under both or "
    "neither of Nam/Nữ); the row is not counted, the unit is from its other rows",
    "roster-bad-date": "a date of birth that is not a date",
    "roster-unknown-ethnicity": "not one of the 54 groups; not counted as a minority",
    "roster-unknown-position": "a position no title of `roles.yaml` matches; counted as staff only",
    "roster-duplicate-person": "one person twice in one unit (the same identity number, or "
    "without one the same name and date of birth); at the later row, naming the first; that "
    "row is not counted",
    "roster-missing-unit": "a person whose unit cell is empty; the row is not counted",
    "roster-same-name-and-birth": "once per file: how many people share a name and date of "
    "birth in two units (perhaps kiêm nhiệm; each unit counts them)",
    "legacy-encoding": "a column typed in TCVN3 (.VnTime) or VNI-Windows, read as Unicode; "
    "once per column",
    "unit-not-covered": "in the portal: a row of a unit the submission code does not cover "
    "(neither the code's unit nor a unit under it in the registry); the upload is refused",
    "wrong-year": "in the portal: a row of another report year than the one the portal "
    "collects; the upload is refused",
    "roster-unit-unresolved": "the unit is not in the registry, or there is no registry",
    "roster-mismatch": "at a return's cell: the unit's roster counts a different figure",
}

# Where a call site gives another severity than the catalogue's.
SEVERITY_ALSO: dict[str, str] = {
    "unknown-parent": "warning without a registry",
    "roster-missing-column": "warning for the planning, ethnicity and training columns",
}

# Messages of a code whose id does not start with the code (the registry file's own).
ALSO_SAID: dict[str, list[str]] = {
    "unreadable-file": ["registry.yaml-shape"],
    "type-error": ["registry.yaml-entry"],
    "no-header": ["registry.no-header"],
}

# Where the samples show a code: (file under data/samples/, cell, what is wrong).
SAMPLES: dict[str, tuple[str, str, str]] = {
    "unknown-column": ("broken/don-vi-loi.xlsx", "U4", "a column `Số điện thoại liên hệ`"),
    "exceeds-total": ("broken/don-vi-loi.xlsx", "K6", "3 female key leaders out of 2"),
    "type-error": ("broken/don-vi-loi.xlsx", "H7", "total staff typed `mười hai`"),
    "out-of-range": ("broken/don-vi-loi.xlsx", "N8", "planning pool −3"),
    "invalid-choice": ("broken/don-vi-loi.xlsx", "E9", "level `Thôn`"),
    "missing-value": ("broken/don-vi-loi.xlsx", "C10", "unit name left empty"),
    "unknown-parent": ("broken/don-vi-loi.xlsx", "D11", "parent code `L99` names no unit"),
    "duplicate-unit": (
        "broken/don-vi-loi.xlsx",
        "B12",
        "`L01` a second time (the later row is flagged)",
    ),
    "formula-without-value": (
        "broken/don-vi-loi.xlsx",
        "P13",
        "`=O13` written by a program, never computed",
    ),
    "hidden-row": ("broken/don-vi-loi.xlsx", "14", "unit `L09` on a hidden row (still counted)"),
    "ambiguous-value": ("broken/don-vi-loi.xlsx", "R15", "`0.45` in the percentage column"),
    "totals-mismatch": (
        "broken/don-vi-loi.xlsx",
        "I16",
        "`Tổng cộng` says 10 more women than the units add up to",
    ),
    "no-header": ("broken/khong-co-tieu-de.xlsx", "—", "a list of people, not the form"),
    "missing-column": (
        "broken/thieu-cot.xlsx",
        "3 (header row)",
        "no `Số nữ quy hoạch được đào tạo, bồi dưỡng` column",
    ),
    "duplicate-column": (
        "broken/cot-trung.xlsx",
        "K1",
        "`Số lãnh đạo chủ chốt` in J1 and again in K1",
    ),
    "no-units": (
        "broken/khong-co-don-vi.xlsx",
        "—",
        "the blank template sent back, saved again without gplan's marker (with it, the file "
        "is gplan's own blank form: `own-output`)",
    ),
    "unreadable-file": ("broken/hong.xlsx", "—", "a PDF renamed `.xlsx`"),
    "hidden-sheet": ("broken/trang-an.xlsx", "—", "the data sheet is hidden"),
    "roster-mismatch": (
        "returns/xa-co-do.xlsx",
        "I9, N10",
        "checked with `data/samples/rosters` and `--units data/samples/units.yaml`: its roster "
        "counts two more women, and one pool member fewer",
    ),
}

HEAD = """\
<!-- Generated by scripts/make_findings_doc.py from the catalogue (findings.py, the messages of
i18n): do not edit by hand. tests/test_docs.py fails when this page is out of date. -->

# Findings

Every finding has a stable code that users can grep for and CI can filter on (the `code` of
`check --format json`, the title of a `--format github` annotation). The catalogue is one
table in the code (`findings.py`: the codes and their severities); every message, in Vietnamese
and English, is one entry of the messages keyed by the finding's code (`code` or `code.case`).

A file with no error is valid; warnings make it invalid only with `--strict`; a note (a
`notice` among GitHub's annotations) says what is worth knowing and makes nothing invalid, not
even with `--strict`. A row with an
error gives no record: `gap` refuses such data unless `--skip-invalid`. The samples show most
codes, each at a fixed cell ([the table at the end](#the-samples-file--code--cell); the
samples themselves are described in [development](development.md#sample-data-datasamples));
`file-too-large` is the one code not shipped as a sample: showing it needs a file over a
safety limit.

In a message, `{cell}`, `{row}`, `{value}`, `{sheet}` and the other names in braces are filled
in when the finding is made; `{field}` is shown as the column's label in the chosen language.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _severity(code: str, severity: str) -> str:
    also = SEVERITY_ALSO.get(code)
    return f"{severity} ({also})" if also else severity


def render() -> str:
    from gender_plan_cli.findings import SEVERITY, CodeId

    codes = list(get_args(CodeId))
    wording = messages()
    out = [HEAD, "| code | severity | when |", "|---|---|---|"]
    for code in codes:
        when = WHEN.get(code, "—")
        out.append(f"| [`{code}`](#{code}) | {_severity(code, SEVERITY[code])} | {_cell(when)} |")
    out.append("")
    for code in codes:
        out += [f"## `{code}`", ""]
        out.append(f"**{_severity(code, SEVERITY[code])}** — {WHEN.get(code, '—')}.")
        out.append("")
        if code in SAMPLES:
            path, cell, what = SAMPLES[code]
            where = "" if cell == "—" else f", {cell}"
            out += [f"In the samples: `data/samples/{path}`{where}: {what}.", ""]
        ids = sorted(
            (k for k in wording if k == code or k.startswith(code + ".")), key=lambda k: k != code
        )
        ids += ALSO_SAID.get(code, [])
        out += ["Its messages (Vietnamese, English):", ""]
        for key in ids:
            vi, en = wording[key]
            out += [f"- `{key}`", f"  - vi: {vi}", f"  - en: {en}"]
        out.append("")
    out += ["## The samples: file → code → cell", ""]
    out += ["| file (in `data/samples/`) | code | cell | what is wrong |", "|---|---|---|---|"]
    shown = ""
    for code, (path, cell, what) in SAMPLES.items():
        name = "" if path == shown else f"`{path}`"
        shown = path
        out.append(f"| {name} | [`{code}`](#{code}) | {cell} | {_cell(what)} |")
    out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    fresh = render()
    if "--check" in sys.argv:
        return 0 if PAGE.exists() and PAGE.read_text(encoding="utf-8") == fresh else 1
    PAGE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
