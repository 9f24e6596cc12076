"""`gap` as Rich tables for a person to read.

Every word, figure and colour is derived from the same `GapReport` the JSON carries: the
cells are built by `indicator_rows` (a plain function the tests compare with the JSON), then
drawn. Rates are shown as percentages with one decimal; counts are shown as counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.contract import FIELD_BY_ID, Kind, choice_label
from gender_plan_cli.i18n import text
from gender_plan_cli.targets.results import (
    Adjustment,
    GapReport,
    IndicatorResult,
    LeaderShare,
    UnitResult,
    indicator_base,
)
from gender_plan_cli.words import vi_sort_key

BAR_WIDTH = 20
SHORTFALL_ROWS = 5


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """0.5384 → "53,8%" (vi) / "53.8%" (en); None → "—"."""
    if value is None:
        return "—"
    shown = f"{round(value * 100, decimals):.{decimals}f}"
    return (shown.replace(".", ",") if lang == "vi" else shown) + "%"


MAX_DECIMALS = 4


def decimals_for(ind: IndicatorResult) -> int:
    """Decimals that make the shown rate and target agree with `met`.

    55.8% against 60.0% is plain, but 59.996% would show as "60.0%" beside "Not met": the
    rate and the (effective) target then get as many decimals as it takes to tell them apart.
    """
    rate, target = ind.rate, ind.effective_target
    if rate is None or target is None or ind.met is None:
        return 1
    for d in range(1, MAX_DECIMALS + 1):
        if (round(rate * 100, d) >= round(target * 100, d)) == ind.met:
            return d
    return MAX_DECIMALS


def rate_text(ind: IndicatorResult, lang: str) -> str:
    """The rate with `decimals_for` decimals; when even those cannot part an unmet rate from
    its target, the rate is rounded down, so it never reads as reaching the target."""
    d = decimals_for(ind)
    rate, target = ind.rate, ind.effective_target
    if rate is not None and target is not None and ind.met is False:
        if round(rate * 100, d) >= round(target * 100, d):
            floored = math.floor(rate * 100 * 10**d) / 10**d
            shown = f"{floored:.{d}f}"
            return (shown.replace(".", ",") if lang == "vi" else shown) + "%"
    return percent(rate, lang, d)


def count(value: int, lang: str) -> str:
    """Whole numbers with the language's thousands separator: 12.345 (vi) / 12,345 (en)."""
    shown = f"{value:,}"
    return shown.replace(",", ".") if lang == "vi" else shown


def status_word(met: bool | None, lang: str) -> str:
    key = "gap.status.na" if met is None else ("gap.status.met" if met else "gap.status.unmet")
    return text(key, lang)


def status_style(met: bool | None) -> str:
    return "dim" if met is None else ("green" if met else "red")


def progress_bar(rate: float | None, target: float | None, met: bool | None = None) -> str:
    """The rate on a 0–100% bar; `┃` marks the target when there is one.

    The bar agrees with the status: an unmet rate always stops short of the mark, a met one
    always reaches it, whatever the rounding to whole cells.
    """
    if rate is None:
        return ""
    filled = round(rate * BAR_WIDTH)
    mark = None if target is None else min(BAR_WIDTH - 1, round(target * BAR_WIDTH))
    if mark is not None and met is False:
        filled = min(filled, mark - 1) if mark > 0 else 0
    elif mark is not None and met is True:
        filled = max(filled, mark)
    cells = ["█"] * filled + ["░"] * (BAR_WIDTH - filled)
    if mark is not None:
        cells[mark] = "┃"
    return "".join(cells)


@dataclass(frozen=True)
class IndicatorRow:
    """The cells of one indicator's row, in display order."""

    id: str
    name: str
    target: str
    actual: str
    rate: str
    status: str
    gap: str
    bar: str
    style: str


def indicator_name(indicator_id: str, lang: str) -> str:
    return text(f"gap.ind.{indicator_id}", lang)


def target_text(ind: IndicatorResult, lang: str) -> str:
    if ind.id == "ethnic_minority_leaders":
        return text("gap.target.every-unit", lang)
    if ind.adjusted or ind.exempt:
        return text(
            "gap.target.adjusted",
            lang,
            target=percent(ind.target, lang, decimals_for(ind)),
            effective=_effective_text(ind, lang),
        )
    return _effective_text(ind, lang)


def _effective_text(ind: IndicatorResult, lang: str) -> str:
    """The target the rate is held against; when even MAX_DECIMALS cannot part an unmet rate
    from it (1/3 against 33.33330%), it is rounded up as the rate is rounded down."""
    d = decimals_for(ind)
    rate, target = ind.rate, ind.effective_target
    if rate is not None and target is not None and ind.met is False:
        if round(rate * 100, d) >= round(target * 100, d):
            ceiled = math.ceil(target * 100 * 10**d - 1e-6) / 10**d
            shown = f"{ceiled:.{d}f}"
            return (shown.replace(".", ",") if lang == "vi" else shown) + "%"
    return percent(target, lang, d)


def actual_text(ind: IndicatorResult, lang: str) -> str:
    if not ind.applicable:
        return "—"
    base = indicator_base(ind)
    return text(
        f"gap.actual.{ind.id}", lang, actual=count(ind.actual, lang), base=count(base, lang)
    )


def gap_text(ind: IndicatorResult, lang: str) -> str:
    if not ind.applicable:
        return text("gap.gap.na", lang)
    if ind.met:
        return "—"
    if ind.id == "pool_female" and ind.gap_if_added is not None:
        return text(
            "gap.gap.pool_female",
            lang,
            gap=count(ind.gap, lang),
            added=count(ind.gap_if_added, lang),
        )
    if ind.id == "ethnic_minority_leaders":
        return text(
            "gap.gap.ethnic_minority_leaders",
            lang,
            gap=count(ind.gap, lang),
            units=count(ind.units_short or 0, lang),
        )
    return text(f"gap.gap.{ind.id}", lang, gap=count(ind.gap, lang))


def indicator_rows(indicators: list[IndicatorResult], lang: str) -> list[IndicatorRow]:
    return [
        IndicatorRow(
            id=ind.id,
            name=indicator_name(ind.id, lang),
            target=target_text(ind, lang),
            actual=actual_text(ind, lang),
            rate=rate_text(ind, lang),
            status=status_word(ind.met, lang),
            gap=gap_text(ind, lang),
            bar=progress_bar(ind.rate, ind.effective_target, ind.met),
            style=status_style(ind.met),
        )
        for ind in indicators
    ]


def title(report: GapReport, lang: str, source: str) -> str:
    year = str(report.report_year) if report.report_year is not None else "—"
    return milestone_note(report, lang) + text(
        "gap.title",
        lang,
        target_year=report.target_year,
        report_year=year,
        source=source,
        units=count(report.units, lang),
    )


def milestone_note(report: GapReport, lang: str) -> str:
    """ "[On-track, between milestones] " or "[Before the first milestone (2025)…] " or ""."""
    if report.before_first_milestone:
        return text("gap.before-first", lang, first=report.first_milestone)
    return text("gap.on-track", lang) if report.on_track else ""


def women_leaders_text(share: LeaderShare | None, lang: str) -> str | None:
    """The statistic without a target, as one sentence; None when no unit states it."""
    if share is None or not share.units:
        return None
    return text(
        "gap.women-leaders",
        lang,
        female=count(share.leaders_female, lang),
        total=count(share.leaders_total, lang),
        rate=percent(share.rate, lang),
        units=count(share.units, lang),
    )


def source_text(report: GapReport, lang: str) -> str:
    ds = report.data_source
    if ds is None:
        return "—"
    paths = ", ".join(ds.paths[:3]) + (
        text("gap.source.more", lang, n=len(ds.paths) - 3) if len(ds.paths) > 3 else ""
    )
    if ds.kind == "samples":
        return text("gap.source.samples", lang, path=paths)
    if ds.kind == "env":
        return text("gap.source.env", lang, path=paths)
    return paths


def render_gap(report: GapReport, lang: str, console: Console) -> None:
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
    from gender_plan_cli.render import gap_narrow

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
        console.print(_adjusted_table(key.adjustments, lang))
    shortfalls = (gap_narrow.shortfall_blocks if narrow else _shortfall_table)(
        report.indicators, lang
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
        _render_coverage(report, lang, console)
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


def unit_figure(ind_id: str, u: UnitResult, lang: str) -> str:
    if ind_id == "female_key_leader":
        return text("gap.unit.female_key_leader", lang, actual=u["actual"], base=u["base"])
    if ind_id == "ethnic_minority_leaders":
        return text(
            "gap.unit.ethnic_minority_leaders", lang, actual=u["actual"], need=int(u["required"])
        )
    return f"{count(u['actual'], lang)}/{count(u['base'], lang)} ({percent(u['rate'], lang)})"


def _shortfall_table(indicators: list[IndicatorResult], lang: str) -> Table | None:
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
        worst = [u for u in ind.units if u["shortfall"] > 0][:SHORTFALL_ROWS]
        for u in worst:
            any_row = True
            table.add_row(
                Text(indicator_name(ind.id, lang)),
                Text(u["unit_code"]),
                Text(u["unit_name"]),
                Text(unit_figure(ind.id, u, lang)),
                Text(count(u["shortfall"], lang)),
            )
    return table if any_row else None


def group_name(report: GapReport, key: str | None, label: str | None, lang: str) -> str:
    if key is None:
        return text("gap.group.none", lang)
    if report.by == "level":
        return choice_label(Kind.LEVEL, key, lang)
    if report.by == "unit_type":
        return choice_label(Kind.UNIT_TYPE, key, lang)
    if label:
        return f"{key} — {label}"
    return key


def group_cell(ind: IndicatorResult, lang: str) -> Text:
    if not ind.applicable:
        return Text(status_word(None, lang), style="dim")
    cell = f"{rate_text(ind, lang)} {status_word(ind.met, lang)}"
    if ind.gap:
        cell += " " + text("gap.group.short", lang, gap=count(ind.gap, lang))
    return Text(cell, style=status_style(ind.met))


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


SHOWN_MISSING = 20  # codes listed in the table; the JSON has them all


def _render_coverage(report: GapReport, lang: str, console: Console) -> None:
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
        codes = ", ".join(missing[:SHOWN_MISSING])
        console.print(
            Text(
                text("gap.coverage.missing", lang, count=len(missing), codes=codes), style="yellow"
            )
        )
        if len(missing) > SHOWN_MISSING:
            rest = len(missing) - SHOWN_MISSING
            console.print(Text(text("gap.coverage.more", lang, count=rest), style="dim"))
    note = "gap.coverage.unmet" if report.missing == "unmet" else "gap.coverage.excluded"
    console.print(Text(text(note, lang), style="dim"))


def _render_skipped(report: GapReport, lang: str, console: Console) -> None:
    console.print(Text(text("gap.skipped.title", lang, rows=report.skipped_rows), style="yellow"))
    for s in report.skipped:
        if s.unreadable:
            console.print(Text("  " + text("gap.skipped.unreadable", lang, file=s.file)))
        else:
            rows = ", ".join(map(str, s.rows))
            console.print(Text("  " + text("gap.skipped.file", lang, file=s.file, rows=rows)))
