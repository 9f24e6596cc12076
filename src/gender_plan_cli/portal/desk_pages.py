"""The desk's reading pages: the reminders due (a CSV for a mail merge) and the four
indicators of 2025 and 2030 from the accepted returns, the figures of `gplan gap STORE`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

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


@require_GET
@officer_required
def figures_page(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    tables = [indicator_table(target, lang) for target in TARGETS]
    return _desk(request, "figures.html", tables=tables)
