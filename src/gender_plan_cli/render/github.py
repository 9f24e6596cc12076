"""`check --format github`: workflow commands, plus the full list in the step summary.

GitHub shows only the first 10 annotations of each kind per step, so when
GITHUB_STEP_SUMMARY is set every finding also goes there as a Markdown table.
"""

from __future__ import annotations

from gender_plan_cli.i18n import text
from gender_plan_cli.records import LoadResult
from gender_plan_cli.render.figures import summary_line
from gender_plan_cli.safe_output import printable


def _escape_data(value: str) -> str:
    value = "\n".join(printable(line) for line in value.split("\n"))
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def workflow_commands(result: LoadResult, lang: str) -> list[str]:
    lines = []
    for fr in result.files:
        for f in fr.findings:
            props = [f"file={_escape_property(f.file)}"]
            if f.row is not None:
                props.append(f"line={f.row}")
            if f.column is not None:
                props.append(f"col={f.column}")
            title = f"{f.code}" + (f" {f.cell}" if f.cell else "")
            props.append(f"title={_escape_property(title)}")
            command = "notice" if f.severity == "note" else f.severity  # GitHub's word for it
            lines.append(f"::{command} {','.join(props)}::{_escape_data(f.message(lang))}")
    return lines


# Markdown and HTML that a submitted value could use to break the table or forge a link:
# each becomes its HTML entity, which GitHub shows as the character itself.
_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "|<>[]*_`\\&!#~"} | {"\r": " ", "\n": " "})


def _cell(value: object) -> str:
    """A step-summary table cell: one line, inert (no table break, tag, link, emphasis or
    control character)."""
    return printable(str(value if value is not None else "").translate(_MARKDOWN))


def step_summary(result: LoadResult, lang: str, *, strict: bool = False) -> str:
    """The complete list as Markdown, for $GITHUB_STEP_SUMMARY."""
    head = [
        "## gplan check",
        "",
        summary_line(result.summary(strict), lang, notes=sum(fr.notes for fr in result.files)),
        "",
    ]
    rows = [
        "| "
        + " | ".join(
            text(k, lang)
            for k in (
                "check.col.file",
                "check.col.cell",
                "check.col.severity",
                "check.col.code",
                "check.col.message",
            )
        )
        + " |",
        "|---|---|---|---|---|",
    ]
    for fr in result.files:
        for f in fr.findings:
            rows.append(
                "| "
                + " | ".join(
                    _cell(v)
                    for v in (
                        f.file,
                        f.cell or "",
                        text(f"check.{f.severity}", lang),
                        f.code,
                        f.message(lang),
                    )
                )
                + " |"
            )
    if len(rows) == 2:
        rows = [text("check.no-findings", lang)]
    return "\n".join(head + rows) + "\n"
