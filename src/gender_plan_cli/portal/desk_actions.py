"""What an officer downloads and decides on the desk: the command line's files of the store, an
extension, the late flag, a unit's code; every decision in the audit log."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gender_plan_cli.portal import exports, security, service
from gender_plan_cli.portal.desk import attachment, forbidden, is_manager, officer_required
from gender_plan_cli.portal.models import Audit, Extension, LateDecision, Submission, UnitCode
from gender_plan_cli.portal.texts import t
from gender_plan_cli.portal.views import lang_of

CSV = "text/csv; charset=utf-8"
JSON = "application/json"
TARGETS = (2025, 2030)


class BadQuery(Exception):
    pass


def _int(value: str | None, default: int) -> int:
    from gender_plan_cli.contract import in_plan

    try:
        year = int(value) if value else default
    except ValueError:
        raise BadQuery from None
    if not in_plan(year):
        raise BadQuery
    return year


def make_file(name: str, query: Any) -> tuple[bytes, str, str]:
    """(body, file name, content type) of a download: `report.xlsx`, `status.xlsx`,
    `status.csv`, `gap.json`, `gap.csv`, `returns.zip`, `trend.json`; KeyError for any other name."""
    year = _int(query.get("year"), service.config().year)
    target = _int(query.get("target"), TARGETS[-1])
    if name in ("gap.json", "gap.csv", "report.xlsx") and target not in TARGETS:
        raise BadQuery
    makers = {
        "report.xlsx": lambda: (exports.report_xlsx(target, year), exports.XLSX),
        "status.xlsx": lambda: (exports.status_xlsx(year), exports.XLSX),
        "status.csv": lambda: (exports.status_csv(year), CSV),
        "gap.json": lambda: (exports.gap_json(target, year), JSON),
        "gap.csv": lambda: (exports.gap_csv(target, year), CSV),
        "returns.zip": lambda: (exports.returns_zip(year), "application/zip"),
        "trend.json": lambda: (exports.trend_json(), JSON),
    }
    body, kind = makers[name]()
    stem, ext = name.split(".")
    if stem == "trend":  # every year the store holds
        return body, name, kind
    suffix = f"-{target}" if stem in ("gap", "report") else ""
    return body, f"{stem}-{year}{suffix}.{ext}", kind


@require_GET
@officer_required
def download(request: HttpRequest, name: str) -> HttpResponse:
    try:
        body, filename, kind = make_file(name, request.GET)
    except KeyError:
        raise Http404 from None
    except BadQuery:
        return HttpResponse("year", status=400, content_type="text/plain")
    service.audit("download", security.client_address(request), detail=f"{filename} {request.user}")
    return attachment(body, filename, kind)


def _officer_decision(request: HttpRequest) -> HttpResponse | None:
    """403 unless a manager."""
    return None if is_manager(request) else forbidden(request)


@require_POST
@officer_required
def extension(request: HttpRequest, code: str) -> HttpResponse:
    refused = _officer_decision(request)
    if refused is not None:
        return refused
    if code not in service.registry().units:
        raise Http404
    reason = request.POST.get("reason", "").strip()[:500]
    try:
        until = date.fromisoformat(request.POST.get("until", ""))
    except ValueError:
        until = None
    if until is None or not reason:
        request.session["notice"] = t("desk.bad_input", lang_of(request))
        return HttpResponseRedirect(f"/desk/unit/{code}/")
    officer = request.user.get_username()
    year = service.config().year
    Extension.objects.create(
        unit_code=code, year=year, until=until, reason=reason, officer=officer, at=timezone.now()
    )
    for sub in Submission.objects.filter(unit_code=code, year=year, accepted=True):
        if not LateDecision.objects.filter(submission=sub).exists():
            sub.late = timezone.localtime(sub.received_at).date() > until
            sub.save(update_fields=["late"])
    service.audit(
        "extension",
        security.client_address(request),
        code,
        f"{until.isoformat()} by {officer}: {reason}",
    )
    return HttpResponseRedirect(f"/desk/unit/{code}/")


@require_POST
@officer_required
def late_flag(request: HttpRequest, reference: str) -> HttpResponse:
    refused = _officer_decision(request)
    if refused is not None:
        return refused
    sub = Submission.objects.filter(reference=reference, accepted=True).first()
    if sub is None:
        raise Http404
    reason = request.POST.get("reason", "").strip()[:500]
    if not reason:
        request.session["notice"] = t("desk.bad_input", lang_of(request))
        return HttpResponseRedirect(f"/desk/unit/{sub.unit_code}/")
    late = request.POST.get("late") == "1"
    officer = request.user.get_username()
    LateDecision.objects.create(
        submission=sub, late=late, reason=reason, officer=officer, at=timezone.now()
    )
    sub.late = late
    sub.save(update_fields=["late"])
    word = "late" if late else "on-time"
    service.audit(
        "late-flag",
        security.client_address(request),
        sub.unit_code,
        f"{sub.reference} {word} by {officer}: {reason}",
    )
    return HttpResponseRedirect(f"/desk/unit/{sub.unit_code}/")


@require_POST
@officer_required
def unit_code(request: HttpRequest, code: str) -> HttpResponse:
    """Rotate (a new code, the old revoked, shown once) or revoke the unit's code."""
    refused = _officer_decision(request)
    if refused is not None:
        return refused
    if code not in service.registry().units:
        raise Http404
    year = service.config().year
    action = request.POST.get("action")
    officer = request.user.get_username()
    address = security.client_address(request)
    UnitCode.objects.filter(unit_code=code, year=year, revoked=False).update(revoked=True)
    if action == "rotate":
        rows = service.issue_codes(year, rotate=False, only=code)
        request.session["new_code"] = rows[0][2]
        service.audit("code-rotated", address, code, f"by {officer}")
    else:
        request.session["notice"] = t("desk.revoked", lang_of(request))
        service.audit("code-revoked", address, code, f"by {officer}")
    return HttpResponseRedirect(f"/desk/unit/{code}/")


@require_POST
@officer_required
def codes_csv(request: HttpRequest) -> HttpResponse:
    """Codes for every unit without one, once, as the CSV of `gplan portal codes`."""
    refused = _officer_decision(request)
    if refused is not None:
        return refused
    from gender_plan_cli.portal.manage import codes_csv as as_csv

    rows = service.issue_codes(service.config().year, rotate=False)
    base = request.build_absolute_uri("/")
    service.audit(
        "codes-issued", security.client_address(request), detail=f"{len(rows)} by {request.user}"
    )
    return attachment(as_csv(rows, base), "codes.csv", CSV)


@require_POST
@officer_required
def unlock(request: HttpRequest) -> HttpResponse:
    """Forget the wrong codes of an address (or the wrong passwords of a user name)."""
    refused = _officer_decision(request)
    if refused is not None:
        return refused
    who = request.POST.get("address", "").strip()[:150]
    since = timezone.now() - security.LOCKOUT
    Audit.objects.filter(event="login-failed", address=who, at__gte=since).update(
        event="login-failed-unlocked"
    )
    Audit.objects.filter(event="staff-login-failed", detail=who, at__gte=since).update(
        event="staff-login-failed-unlocked"
    )
    service.audit("unlock", security.client_address(request), detail=f"{who} by {request.user}")
    return HttpResponseRedirect("/desk/audit")


AUDIT_COLUMNS = ("at", "event", "address", "unit_code", "detail")


@require_GET
@officer_required
def audit_log(request: HttpRequest) -> HttpResponse:
    from gender_plan_cli.portal.desk import _desk

    entries = Audit.objects.order_by("-at")
    if request.GET.get("format") == "csv":
        from gender_plan_cli.safe_output import neutralize

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(AUDIT_COLUMNS)
        for e in entries.iterator():
            when = timezone.localtime(e.at).isoformat()
            writer.writerow(
                [when, e.event, e.address, neutralize(e.unit_code), neutralize(e.detail)]
            )
        return attachment(("\ufeff" + buf.getvalue()).encode("utf-8"), "audit.csv", CSV)
    shown = [(timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S"), e) for e in entries[:500]]
    return _desk(request, "audit.html", entries=shown)
