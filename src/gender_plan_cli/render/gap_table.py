"""`gap` as Rich tables for a person to read.

Every word, figure and colour is derived from the same `GapReport` the JSON carries: the
cells are built by `indicator_rows` (a plain function the tests compare with the JSON), then
drawn. Rates are shown as percentages with one decimal; counts are shown as counts.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.contract import FIELD_BY_ID
from gender_plan_cli.findings import row_runs
from gender_plan_cli.i18n import text
from gender_plan_cli.render import gap_narrow
from gender_plan_cli.render.figures import (
    BAR_WIDTH,
    SHOWN_MISSING,
    IndicatorRow,
    count,
    group_name,
    indicator_name,
    indicator_rows,
    percent,
    source_text,
    status_style,
    status_word,
    title,
    unit_figure,
    women_leaders_text,
    worst_units,
)
from gender_plan_cli.render.gap_narrow import group_cell
from gender_plan_cli.targets.results import (
    Adjustment,
    GapReport,
    IndicatorResult,
)
from gender_plan_cli.words import vi_sort_key


def render_gap(report: GapReport, lang: str, console: Console, all_units: bool = False) -> None:
    """The report for a person; the units lists are cut short unless `all_units`."""
    console.print(Text(title(report, lang, source_text(report, lang)), style="bold"))
    others = [y for y in report.years_present if y != report.report_year]
    if others:
        console.print(
            Text(text("gap.other-years", lang, years=", ".join(map(str, others))), style="dim")
        )
    console.print(
        Text(
            text("gap.rules", lang, path=report.rules)
            + (f" · SHA-256 {report.rules_sha256}" if report.rules_sha256 else ""),
            style="dim",
        ),
    )

    narrow = console.width < gap_narrow.NARROW
    rows = indicator_rows(report.indicators, lang)
    console.print(
        gap_narrow.indicator_blocks(rows, lang) if narrow else _indicator_table(rows, lang)
    )
    women = women_leaders_text(report.women_leaders, lang)
    if women is not None:
        console.print(Text(women))
    key = report.indicator("female_key_leader")
    if key.adjustments:
        adjusted = gap_narrow.adjusted_blocks if narrow else _adjusted_table
        console.print(adjusted(key.adjustments, lang))
    shortfalls = (gap_narrow.shortfall_blocks if narrow else _shortfall_table)(
        report.indicators, lang, all_units
    )
    if shortfalls is not None:
        console.print(shortfalls)
    if report.by is not None:
        console.print(
            gap_narrow.group_blocks(report, lang) if narrow else _groups_table(report, lang)
        )
    if report.skipped_rows or report.skipped:
        _render_skipped(report, lang, console)
    if report.registry is not None:
        _render_coverage(report, lang, console, all_units)
    met = sum(1 for i in report.indicators if i.met)
    applicable = sum(1 for i in report.indicators if i.applicable)
    console.print(Text(text("gap.summary", lang, met=met, applicable=applicable)))


def _indicator_table(rows: list[IndicatorRow], lang: str) -> Table:
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=True)
    for col in ("indicator", "target", "actual", "rate", "status", "gap", "progress"):
        table.add_column(
            text(f"gap.col.{col}", lang),
            justify="right" if col in ("rate",) else "left",
            overflow="fold",
            no_wrap=col in ("rate", "status", "progress"),
            min_width=BAR_WIDTH if col == "progress" else None,
            ratio=2 if col in ("indicator", "gap") else None,
        )
    for r in rows:
        table.add_row(
            Text(r.name),
            Text(r.target),
            Text(r.actual),
            Text(r.rate),
            Text(r.status, style=r.style + " bold"),
            Text(r.gap),
            Text(r.bar, style=r.style),
        )
    return table


def _adjusted_table(adjustments: list[Adjustment], lang: str) -> Table:
    table = Table(title=text("gap.adjusted.title", lang), show_header=True, header_style="bold")
    for col in ("code", "name", "sector", "share", "rule", "target", "has"):
        table.add_column(text(f"gap.adjusted.col.{col}", lang), overflow="fold")
    for a in sorted(adjustments, key=lambda a: (vi_sort_key(a.sector or ""), a.unit_code)):
        share = percent(a.share, lang)
        if a.share is not None:
            share += " (" + text(f"gap.basis.{a.basis}", lang) + ")"
        table.add_row(
            Text(a.unit_code),
            Text(a.unit_name),
            Text(a.sector or "—"),
            Text(share),
            Text(text(f"gap.mode.{a.mode}", lang)),
            Text(text("gap.exempt", lang) if a.exempt else percent(a.target, lang)),
            Text(status_word(a.met, lang), style=status_style(a.met)),
        )
    return table


def _shortfall_table(
    indicators: list[IndicatorResult], lang: str, all_units: bool = False
) -> Table | None:
    table = Table(title=text("gap.short.title", lang), show_header=True, header_style="bold")
    for col in ("indicator", "code", "name", "figure", "short"):
        table.add_column(
            text(f"gap.short.col.{col}", lang),
            overflow="fold",
            justify="right" if col == "short" else "left",
        )
    any_row = False
    for ind in indicators:
        if not ind.applicable or ind.met:
            continue
        worst, rest = worst_units(ind, all_units)
        for i, u in enumerate(worst):
            any_row = True
            table.add_row(
                Text(indicator_name(ind.id, lang) if i == 0 else ""),
                Text(u["unit_code"]),
                Text(u["unit_name"]),
                Text(unit_figure(ind.id, u, lang)),
                Text(count(u["shortfall"], lang)),
            )
        if rest:
            table.add_row("", "", Text(text("gap.short.more", lang, count=rest), style="dim"))
    return table if any_row else None


def _groups_table(report: GapReport, lang: str) -> Table:
    by = FIELD_BY_ID[report.by].label(lang) if report.by else ""
    table = Table(
        title=text("gap.groups.title", lang, by=by), show_header=True, header_style="bold"
    )
    table.add_column(by, overflow="fold")
    table.add_column(text("gap.groups.units", lang), justify="right")
    for ind in report.indicators:
        table.add_column(indicator_name(ind.id, lang), overflow="fold")
    table.add_column(text("gap.col.women_leaders", lang), justify="right")
    for g in report.groups:
        women = g.women_leaders.rate if g.women_leaders is not None else None
        table.add_row(
            Text(group_name(report, g.key, g.label, lang)),
            Text(count(g.units, lang)),
            *(group_cell(i, lang) for i in g.indicators),
            Text(percent(women, lang), style="dim" if women is None else ""),
        )
    return table


def _render_coverage(report: GapReport, lang: str, console: Console, all_units: bool) -> None:
    """How many units of each indicator's scope reported, and which units sent nothing."""
    console.print(
        Text(
            text("gap.coverage.title", lang, registry=report.registry, year=report.report_year),
            style="bold",
        )
    )
    for ind in report.indicators:
        name = indicator_name(ind.id, lang)
        args = {"indicator": name, "reported": ind.reported, "expected": ind.expected}
        console.print(Text(text("gap.coverage.row", lang, **args)))
    missing = report.missing_units
    if missing:
        shown = missing if all_units else missing[:SHOWN_MISSING]
        names = ", ".join(report.missing_name(c) for c in shown)
        console.print(
            Text(
                text("gap.coverage.missing", lang, count=len(missing), names=names), style="yellow"
            )
        )
        if len(missing) > len(shown):
            rest = len(missing) - len(shown)
            console.print(Text(text("gap.coverage.more", lang, count=rest), style="dim"))
    note = "gap.coverage.unmet" if report.missing == "unmet" else "gap.coverage.excluded"
    console.print(Text(text(note, lang), style="dim"))


def _render_skipped(report: GapReport, lang: str, console: Console) -> None:
    console.print(Text(text("gap.skipped.title", lang, rows=report.skipped_rows), style="yellow"))
    for s in report.skipped:
        if s.unreadable:
            console.print(Text("  " + text("gap.skipped.unreadable", lang, file=s.file)))
        elif s.persons is not None:
            line = text(
                "gap.skipped.roster",
                lang,
                file=s.file,
                persons=s.persons,
                units=s.units,
                rows=row_runs(s.rows),
            )
            console.print(Text("  " + line))
        else:
            rows = row_runs(s.rows)
            console.print(Text("  " + text("gap.skipped.file", lang, file=s.file, rows=rows)))
