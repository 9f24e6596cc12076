"""`gplan rules` as a Rich table: the targets in force, the adjustment and the DTTS rule."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.contract import Kind, choice_label
from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import indicator_name, percent
from gender_plan_cli.targets.rules import Rules


def _values_text(values: dict[int, float], lang: str) -> str:
    return ", ".join(f"{y}: {percent(v, lang)}" for y, v in sorted(values.items()))


def render_rules(
    rules: Rules, shown: str, lang: str, console: Console, *, year: int | None
) -> None:
    """The milestones of every indicator, the low-female-staff adjustment and the DTTS rule."""
    console.print(Text(text("rules.title", lang, path=shown), style="bold"))
    if rules.plan:
        console.print(Text(text("rules.plan", lang, plan=rules.plan), style="dim"))
    t = rules.targets
    rated = (
        ("female_key_leader", t.female_key_leader),
        ("pool_female", t.pool_female),
        ("pool_female_trained", t.pool_female_trained),
    )
    years = rules.milestone_years()
    table = Table(show_header=True, header_style="bold")
    table.add_column(text("rules.col.indicator", lang), overflow="fold")
    table.add_column(text("rules.col.id", lang), no_wrap=True)
    for y in years:
        table.add_column(text("rules.col.year", lang, year=y), justify="right")
    if year is not None and year not in years:
        table.add_column(text("rules.on-track", lang, year=year), justify="right")
    table.add_column(text("rules.col.applies", lang), overflow="fold")
    for ind_id, rule in rated:
        cells: list[str] = [indicator_name(ind_id, lang), ind_id]
        cells += [percent(rule.milestones[y], lang) if y in rule.milestones else "—" for y in years]
        if year is not None and year not in years:
            cells.append(percent(rule.at(year), lang))
        cells.append(_applies_text(rule.applies_to, lang))
        table.add_row(*map(Text, cells))
    em = t.ethnic_minority_leaders
    em_cells = [indicator_name("ethnic_minority_leaders", lang), "ethnic_minority_leaders"]
    em_cells += ["—"] * (len(years) + (1 if year is not None and year not in years else 0))
    em_cells.append(_applies_text(em.applies_to, lang))
    table.add_row(*map(Text, em_cells))
    console.print(table)
    console.print(Text(text("rules.ethnic", lang, min=em.min_leaders, factor=f"{em.factor:g}")))
    low = t.female_key_leader.low_female_staff
    if low is not None:
        threshold = percent(low.threshold, lang)
        if low.mode == "fixed" and low.fixed:
            mode = text("rules.mode.fixed", lang, values=_values_text(low.fixed, lang))
        else:
            mode = text(f"rules.mode.{low.mode}", lang, threshold=threshold)
        basis = text(f"rules.basis.{low.basis}", lang)
        console.print(
            Text(text("rules.low-staff", lang, threshold=threshold, basis=basis, mode=mode))
        )
        for s in low.sectors:
            values = text("gap.exempt", lang) if s.exempt else _values_text(s.milestones, lang)
            console.print(Text("  " + text("rules.sector", lang, sector=s.sector, values=values)))


def _applies_text(applies_to: list[str] | str, lang: str) -> str:
    if applies_to == "all":
        return text("rules.applies.all", lang)
    return ", ".join(choice_label(Kind.UNIT_TYPE, u, lang) for u in applies_to)
