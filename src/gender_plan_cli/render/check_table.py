"""`check` as Rich tables: one block per file, findings in reading order."""

from __future__ import annotations

from dataclasses import asdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.i18n import text
from gender_plan_cli.records import FileResult, LoadResult


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
    head.append(fr.path, style="bold")
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
        details.append(text("check.ignored", lang, sheets=", ".join(fr.ignored_sheets)))
    if fr.hidden_sheets:
        details.append(text("check.hidden", lang, sheets=", ".join(fr.hidden_sheets)))
    head.append("  (" + "; ".join(details) + ")", style="dim")
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
            Text(severity, style="red" if f.severity == "error" else "yellow"),
            f.code,
            f.message(lang) + (f" [{f.personal}]" if show_names and f.personal else ""),
        )
    console.print(table)


def render_summary(
    result: LoadResult, lang: str, console: Console, *, strict: bool = False
) -> None:
    summary = result.summary(strict)
    style = "green" if summary.invalid == 0 else "red bold"
    console.print(Text(text("check.summary", lang, **asdict(summary)), style=style))
