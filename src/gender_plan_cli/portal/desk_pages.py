"""The desk's reading pages: the reminders due (a CSV for a mail merge), the four indicators
of 2025 and 2030 from the accepted returns (the figures of `gplan gap STORE`) and the trend of
every year the store holds (those of `gplan trend STORE`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from gender_plan_cli import api
from gender_plan_cli.i18n import text
from gender_plan_cli.portal import exports, reminders, service
from gender_plan_cli.portal.desk import _desk, attachment, officer_required
from gender_plan_cli.portal.views import lang_of

TARGETS = (2025, 2030)


@require_GET
@officer_required
def reminders_page(request: HttpRequest) -> HttpResponse:
    rows = reminders.due()
    if request.GET.get("format") == "csv":
        return attachment(reminders.due_csv(rows), "nhac-nop.csv", "text/csv; charset=utf-8")
    return _desk(request, "reminders.html", rows=rows, smtp=bool(service.config().smtp))


def _bar(value: Any) -> int:
    """A rate as a width class, 0–100 in steps of 1 (no inline style under the CSP)."""
    return 0 if value is None else max(0, min(100, round(float(value) * 100)))


def indicator_table(target: int, lang: str) -> dict[str, Any]:
    from gender_plan_cli.render.figures import (
        actual_text,
        indicator_name,
        rate_text,
        status_word,
        target_text,
    )

    report = exports.gap_report(target, service.config().year)
    rows = [
        {
            "id": ind.id,
            "name": indicator_name(ind.id, lang),
            "rate": rate_text(ind, lang),
            "actual": actual_text(ind, lang),
            "target": target_text(ind, lang),
            "met": ind.met,
            "word": status_word(ind.met, lang),
            "bar": _bar(ind.rate),
            "mark": _bar(ind.effective_target),
        }
        for ind in report.indicators
    ]
    return {"year": target, "rows": rows, "units": report.units}


def _trend_indicator(ind: Any, horizon: int, lang: str) -> dict[str, Any]:
    """One indicator's points (rate, target, change per year, a bar each), its projection."""
    from gender_plan_cli.render.figures import indicator_name, percent
    from gender_plan_cli.render.trend_table import milestone_reach, reach, signed

    points = [
        {
            "year": p.report_year,
            "rate": percent(p.rate, lang),
            "target": percent(p.target, lang) if p.target is not None else "—",
            "change": signed(change, lang),
            "met": p.met,
            "bar": _bar(p.rate),
        }
        for p, change in zip(ind.points, api.changes_per_year(ind.points), strict=True)
    ]
    target = (
        text("trend.no-target", lang)
        if ind.id == "women_leaders"
        else reach(ind.reaches_target_year, ind, horizon, lang)
    )
    milestones = [
        (text("trend.col.milestone", lang, year=m.year), milestone_reach(m, ind, horizon, lang))
        for m in ind.milestones
    ]
    return {
        "id": ind.id,
        "name": indicator_name(ind.id, lang),
        "points": points,
        "slope": signed(ind.slope_per_year, lang),
        "projection": percent(ind.projection_2030, lang),
        "projected_bar": _bar(ind.projection_2030),
        "reaches": target,
        "milestones": milestones,
    }


def trend_view(lang: str) -> dict[str, Any]:
    """The trend as the page draws it: the words of `gplan trend`'s table, a bar a year."""
    from gender_plan_cli.render.trend_table import method_text

    trend = exports.trend()
    cols = ("year", "rate", "target", "change", "slope", "reaches")
    return {
        "years": trend.years,
        "horizon": trend.horizon,
        "one": len(trend.years) < 2,
        "method": method_text(trend, lang),
        "cols": {c: text(f"trend.col.{c}", lang) for c in cols}
        | {"projection": text("trend.col.projection", lang, year=trend.horizon)},
        "indicators": [_trend_indicator(i, trend.horizon, lang) for i in trend.indicators],
    }


@require_GET
@officer_required
def figures_page(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    tables = [indicator_table(target, lang) for target in TARGETS]
    return _desk(request, "figures.html", tables=tables, trend=trend_view(lang))
