"""The words and figures of a report, as a person reads them: percentages, counts, names.

Shared by the terminal tables and the xlsx report; no rich here, so the report loads none."""

from __future__ import annotations

import math
from dataclasses import dataclass

from gender_plan_cli.contract import Kind, choice_label
from gender_plan_cli.i18n import text
from gender_plan_cli.records import CheckSummary
from gender_plan_cli.targets.results import (
    GapReport,
    IndicatorResult,
    LeaderShare,
    UnitResult,
    indicator_base,
)

BAR_WIDTH = 20
SHORTFALL_ROWS = 3  # units shown under each unmet indicator (the first screen stays short)
SHOWN_MISSING = 5  # units that sent nothing, named on the first screen


def worst_units(ind: IndicatorResult, all_units: bool = False) -> tuple[list[UnitResult], int]:
    """The units furthest from an unmet target, worst first, and how many more there are."""
    short = [u for u in ind.units if u["shortfall"] > 0]
    shown = short if all_units else short[:SHORTFALL_ROWS]
    return shown, len(short) - len(shown)


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """0.5384 → "53,8%" (vi) / "53.8%" (en); None → "—"."""
    if value is None:
        return "—"
    return _percent_shown(round(value * 100, decimals), decimals, lang)


def _percent_shown(points: float, decimals: int, lang: str) -> str:
    """A number of percentage points as a person reads it, with the language's decimal mark."""
    shown = f"{points:.{decimals}f}"
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
            return _percent_shown(math.floor(rate * 100 * 10**d) / 10**d, d, lang)
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
            return _percent_shown(math.ceil(target * 100 * 10**d - 1e-6) / 10**d, d, lang)
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
    ds = report.data_source
    samples = text("gap.samples-title", lang) if ds is not None and ds.kind == "samples" else ""
    return (
        samples
        + milestone_note(report, lang)
        + text(
            "gap.title",
            lang,
            target_year=report.target_year,
            report_year=year,
            source=source,
            units=count(report.units, lang),
        )
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
        return text("gap.source.samples", lang)  # where: the notice on stderr says it
    if ds.kind == "env":
        return text("gap.source.env", lang, path=paths)
    return paths


def unit_figure(ind_id: str, u: UnitResult, lang: str) -> str:
    if ind_id == "female_key_leader":
        return text("gap.unit.female_key_leader", lang, actual=u["actual"], base=u["base"])
    if ind_id == "ethnic_minority_leaders":
        return text(
            "gap.unit.ethnic_minority_leaders", lang, actual=u["actual"], need=int(u["required"])
        )
    return f"{count(u['actual'], lang)}/{count(u['base'], lang)} ({percent(u['rate'], lang)})"


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


def summary_line(summary: CheckSummary, lang: str, notes: int = 0) -> str:
    """ "3 files, 1 invalid, 57 units; 2 errors, 1 warning.": each count with its own noun;
    the notes too when there are some ("…, 1 warning, 1 note.": worth knowing, not errors)."""
    warnings = text("check.line.warnings", lang, warnings=summary.warnings)
    if notes:
        warnings += ", " + text("check.line.notes", lang, notes=notes)
    return text(
        "check.summary",
        lang,
        files=text("check.count.files", lang, files=summary.files),
        invalid=summary.invalid,
        units=text("check.line.units", lang, units=summary.units),
        errors=text("check.line.errors", lang, errors=summary.errors),
        warnings=warnings,
    )
