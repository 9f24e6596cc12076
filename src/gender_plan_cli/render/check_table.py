"""`check` as Rich tables: one block per file, findings in reading order."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.findings import Severity
from gender_plan_cli.i18n import text
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.render.figures import summary_line
from gender_plan_cli.safe_output import printable

_STYLE: dict[Severity, str] = {"error": "red", "warning": "yellow", "note": "cyan"}


def render_check(
    result: LoadResult,
    lang: str,
    console: Console,
    *,
    strict: bool = False,
    show_names: bool = False,
) -> None:
    """`show_names`: a roster's findings also name the person (`--show-names`, a terminal)."""
    for fr in result.files:
        render_file(fr, lang, console, strict=strict, show_names=show_names)
    render_summary(result, lang, console, strict=strict)


def render_findings(result: LoadResult, lang: str, console: Console) -> None:
    """Only the files with findings (used by `gap` when it refuses invalid data)."""
    for fr in result.files:
        if fr.findings:
            render_file(fr, lang, console)


def render_file(
    fr: FileResult, lang: str, console: Console, *, strict: bool = False, show_names: bool = False
) -> None:
    ok = fr.valid(strict)
    status = text("check.valid" if ok else "check.invalid", lang)
    head = Text()
    head.append(printable(fr.path), style="bold")
    head.append("  ")
    head.append(status, style="green" if ok else "red bold")
    details = []
    if fr.sheet:
        details.append(text("check.sheet", lang, sheet=fr.sheet))
    if fr.role == "registry":
        details.append(text("check.registry", lang))
    if fr.role == "roster":
        details.append(text("roster", lang, persons=fr.persons))
    if fr.report_year:
        details.append(text("check.year", lang, year=fr.report_year))
    details.append(text("check.units", lang, units=fr.units))
    if fr.ignored_sheets:
        details.append(text("check.ignored", lang, sheets=_some(fr.ignored_sheets)))
    if fr.hidden_sheets:
        details.append(text("check.hidden", lang, sheets=_some(fr.hidden_sheets)))
    head.append("  (" + printable("; ".join(details)) + ")", style="dim")
    console.print(head)
    if not fr.findings:
        return
    table = Table(show_header=True, header_style="bold", expand=False)
    table.add_column(text("check.col.cell", lang), no_wrap=True)
    table.add_column(text("check.col.severity", lang), no_wrap=True)
    table.add_column(text("check.col.code", lang), no_wrap=True)
    table.add_column(text("check.col.message", lang), overflow="fold")
    for f in fr.findings:
        severity = text(f"check.{f.severity}", lang)
        table.add_row(
            f.cell or "—",
            Text(severity, style=_STYLE[f.severity]),
            f.code,
            Text(
                printable(f.message(lang))
                + (f" [{printable(f.personal)}]" if show_names and f.personal else "")
            ),
        )
    console.print(table)


def _some(names: list[str], shown: int = 8) -> str:
    """A workbook of 200 sheets is not 200 names: the first few, then how many more."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" (+{more})" if more > 0 else "")


def render_summary(
    result: LoadResult, lang: str, console: Console, *, strict: bool = False
) -> None:
    summary = result.summary(strict)
    style = "green" if summary.invalid == 0 else "red bold"
    line = summary_line(summary, lang, notes=sum(fr.notes for fr in result.files))
    if any(summary.rows.values()):
        line += " " + text("check.rows", lang, **summary.rows)
    console.print(Text(line, style=style))


def render_check_summary(
    result: LoadResult, lang: str, console: Console, *, strict: bool = False
) -> None:
    """`check --summary`: one line per file (path, valid or not, units, errors, warnings), never
    broken across lines: aligned when they fit, else left for the terminal to wrap."""
    status_width = max(len(text(k, lang)) for k in ("check.valid", "check.invalid"))
    rows = [
        (
            fr,
            ", ".join(
                (
                    text("check.line.units", lang, units=fr.units),
                    text("check.line.errors", lang, errors=fr.errors),
                    text("check.line.warnings", lang, warnings=fr.warnings),
                )
            ),
        )
        for fr in result.files
    ]
    width = max((len(fr.path) for fr, _ in rows), default=0)
    if width + status_width + max((len(c) for _, c in rows), default=0) + 4 > console.width:
        width = 0
    for fr, counts in rows:
        ok = fr.valid(strict)
        line = Text(fr.path.ljust(width) + "  ")
        status = text("check.valid" if ok else "check.invalid", lang).ljust(status_width)
        line.append(status, style="green" if ok else "red bold")
        line.append("  " + counts)
        console.print(line, soft_wrap=True)
    render_summary(result, lang, console, strict=strict)
