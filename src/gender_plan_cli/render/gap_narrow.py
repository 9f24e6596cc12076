"""`gap` on a narrow terminal (below NARROW columns): one block per indicator or group, each a
`label  value` list, so that no figure is ever split across lines."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import (
    IndicatorRow,
    count,
    group_name,
    indicator_name,
    percent,
    rate_text,
    status_style,
    status_word,
    unit_figure,
    worst_units,
)
from gender_plan_cli.targets.results import Adjustment, GapReport, IndicatorResult
from gender_plan_cli.words import vi_sort_key

NARROW = 110  # columns below which the side-by-side tables no longer fit


def _block(title: str, lines: list[tuple[str, Text]]) -> Table:
    """A bold title, then `label  value` lines: labels and figures never wrap, prose folds at
    spaces only."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(overflow="fold")
    for label, value in lines:
        table.add_row("  " + label, ":", value)
    outer = Table.grid()
    outer.add_column(overflow="fold")
    outer.add_row(Text(title, style="bold"))
    outer.add_row(table)
    return outer


def indicator_blocks(rows: list[IndicatorRow], lang: str) -> RenderableType:
    """The indicator table, three lines an indicator: its name and status, the rate against
    the target, the progress bar and what is missing."""
    blocks: list[RenderableType] = []
    for r in rows:
        head = Text(r.name, style="bold").append(" — ").append(r.status, style=r.style + " bold")
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        rate = f"{text('gap.col.rate', lang)} {r.rate}"
        target = f"({r.actual}) · {text('gap.col.target', lang)} {r.target}"
        grid.add_row(" ", Text(rate), Text(target))
        grid.add_row(" ", Text(r.bar, style=r.style), Text(r.gap))
        blocks += [head, grid]
    blocks.append(Text(text("gap.narrow.legend", lang), style="dim"))
    return Group(*blocks)


def indented(line: Text) -> RenderableType:
    """A line of a block two spaces in, its wrapped rest under its start, not at the margin."""
    return Padding(line, (0, 0, 0, 2), expand=False)


def adjusted_blocks(adjustments: list[Adjustment], lang: str) -> RenderableType:
    """The units whose key-leader target is adjusted or waived, one line each."""
    lines: list[RenderableType] = [Text(text("gap.adjusted.title", lang), style="bold")]
    for a in sorted(adjustments, key=lambda a: (vi_sort_key(a.sector or ""), a.unit_code)):
        share = percent(a.share, lang)
        if a.share is not None:
            share += " (" + text(f"gap.basis.{a.basis}", lang) + ")"
        target = text("gap.exempt", lang) if a.exempt else percent(a.target, lang)
        line = Text(f"{a.unit_code} {a.unit_name} — {a.sector or '—'}, {share}: ")
        line.append(f"{text(f'gap.mode.{a.mode}', lang)} {target}; ")
        line.append(status_word(a.met, lang), style=status_style(a.met))
        lines.append(indented(line))
    return Group(*lines)


def group_blocks(report: GapReport, lang: str) -> RenderableType:
    """The `--by` table, one block per group: units, then each indicator on its own line."""
    from gender_plan_cli.contract import FIELD_BY_ID

    by = FIELD_BY_ID[report.by].label(lang) if report.by else ""
    blocks: list[RenderableType] = [Text(text("gap.groups.title", lang, by=by), style="bold")]
    for g in report.groups:
        women = g.women_leaders.rate if g.women_leaders is not None else None
        blocks.append(Text(""))
        blocks.append(Text(group_name(report, g.key, g.label, lang), style="bold"))
        lines = [(text("gap.groups.units", lang), Text(count(g.units, lang)))]
        lines += [(indicator_name(i.id, lang), group_cell(i, lang)) for i in g.indicators]
        lines.append((text("gap.col.women_leaders", lang), Text(percent(women, lang))))
        for label, value in lines:
            blocks.append(Text("  " + label + ": ").append_text(value))
    return Group(*blocks)


def shortfall_blocks(
    indicators: list[IndicatorResult], lang: str, all_units: bool = False
) -> RenderableType | None:
    """The units furthest from each unmet target, under the indicator's name."""
    blocks: list[RenderableType] = []
    for ind in indicators:
        worst, rest = worst_units(ind, all_units)
        if not ind.applicable or ind.met or not worst:
            continue
        blocks.append(Text(indicator_name(ind.id, lang), style="bold"))
        for u in worst:
            line = Text(f"{u['unit_code']} {u['unit_name']}: {unit_figure(ind.id, u, lang)}; ")
            line.append(text("gap.short.col.short", lang) + ": " + count(u["shortfall"], lang))
            blocks.append(indented(line))
        if rest:
            blocks.append(Text("  " + text("gap.short.more", lang, count=rest), style="dim"))
    if not blocks:
        return None
    return Group(Text(""), Text(text("gap.short.title", lang), style="bold"), *blocks)


def group_cell(ind: IndicatorResult, lang: str) -> Text:
    if not ind.applicable:
        return Text(status_word(None, lang), style="dim")
    cell = f"{rate_text(ind, lang)} {status_word(ind.met, lang)}"
    if ind.gap:
        cell += " " + text("gap.group.short", lang, gap=count(ind.gap, lang))
    return Text(cell, style=status_style(ind.met))
