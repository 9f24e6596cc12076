"""The Department's desk, behind an officer's login (Django's auth): the collection board, each
unit's submissions, the files the command line writes, deadlines and codes. Vietnamese first."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import auth
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gender_plan_cli.portal import board, security, service
from gender_plan_cli.portal.models import Audit, Submission
from gender_plan_cli.portal.texts import t
from gender_plan_cli.portal.views import _page, lang_of

STAFF_FAILURES = 5  # wrong passwords for one user name within LOCKOUT: locked
MANAGE = "gplan_portal.add_extension"  # the managers' permission (codes and deadlines)


def officer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An officer signed in (staff, active); anyone else to the login page."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return HttpResponseRedirect("/desk/login?next=" + request.path)
        return view(request, *args, **kwargs)

    return guarded


def is_manager(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(MANAGE))


def forbidden(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    return HttpResponse(
        t("desk.forbidden", lang), status=403, content_type="text/plain; charset=utf-8"
    )


def _desk(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    lang = lang_of(request)
    return _page(
        request,
        f"desk/{template}",
        lang,
        status=status,
        officer=request.user.get_username(),
        manager=is_manager(request),
        **context,
    )


def staff_locked(username: str) -> bool:
    since = timezone.now() - security.LOCKOUT
    failed = Audit.objects.filter(event="staff-login-failed", detail=username, at__gte=since)
    return failed.count() >= STAFF_FAILURES


@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    if request.method == "GET":
        return _page(request, "desk/login.html", lang)
    address = security.client_address(request)
    username = request.POST.get("username", "")[:150]
    if staff_locked(username) or security.locked_out(address):
        service.audit("staff-login-locked", address, detail=username)
        return _page(request, "desk/login.html", lang, status=429, error=t("desk.locked", lang))
    user = auth.authenticate(
        request, username=username, password=request.POST.get("password", "")[:200]
    )
    if user is None or not user.is_staff:
        service.audit("staff-login-failed", address, detail=username)
        return _page(request, "desk/login.html", lang, status=401, error=t("desk.wrong", lang))
    auth.login(request, user)
    request.session["lang"] = lang
    service.audit("staff-login", address, detail=username)
    nxt = request.GET.get("next", "")
    return HttpResponseRedirect(nxt if nxt.startswith("/desk/") else "/desk/")


def logout(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponse(status=405)
    name = request.user.get_username() if request.user.is_authenticated else ""
    auth.logout(request)
    service.audit("staff-logout", security.client_address(request), detail=name)
    return HttpResponseRedirect("/desk/login")


def _choices(rows: list[board.Row], key: str) -> list[str]:
    return sorted({getattr(r, key) for r in rows if getattr(r, key)})


@require_GET
@officer_required
def board_page(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    year = service.config().year
    everyone = board.rows(year)
    shown = board.filtered(everyone, request.GET)
    tally = board.counts(everyone)
    for r in shown:
        r.word = t(f"state.{r.state}", lang)
    return _desk(
        request,
        "board.html",
        rows=shown,
        counts=t("desk.counts", lang, **tally),
        states=[(s, t(f"state.{s}", lang)) for s in board.STATES],
        levels=_choices(everyone, "level"),
        parents=_choices(everyone, "parent"),
        sectors=_choices(everyone, "sector"),
        chosen={k: request.GET.get(k, "") for k in ("state", "level", "parent", "sector")},
        year=year,
        gap2025=t("desk.gap", lang, target=2025),
        gap2030=t("desk.gap", lang, target=2030),
    )


def _findings(sub: Submission) -> list[dict[str, Any]]:
    """The submission's findings, with no value of a staff list (the check document has none)."""
    document = json.loads(sub.check_json)
    return [f for file in document["files"] for f in file["findings"]]


@require_GET
@officer_required
def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    year = service.config().year
    row = next((r for r in board.rows(year) if r.code == code), None)
    if row is None:
        raise Http404
    subs = [
        {
            "s": s,
            "when": timezone.localtime(s.received_at).strftime("%d/%m/%Y %H:%M:%S"),
            "findings": _findings(s),
            "counts": row.counting is not None and s.pk == row.counting.pk,
        }
        for s in reversed(row.subs)
    ]
    return _desk(
        request,
        "unit.html",
        row=row,
        subs=subs,
        deadline=service.deadline_for(code).strftime("%d/%m/%Y"),
        state_word=t(f"state.{row.state}", lang_of(request)),
        new_code=request.session.pop("new_code", None),
        notice=request.session.pop("notice", None),
    )


@require_GET
@officer_required
def file_download(request: HttpRequest, reference: str) -> HttpResponse:
    """The file as the clerk sent it, byte for byte, as an attachment (never inline)."""
    sub = Submission.objects.filter(reference=reference).first()
    if sub is None:
        raise Http404
    body = (service.store_dir() / sub.stored).read_bytes()
    name = sub.reference + (sub.stored[sub.stored.rfind(".") :] if "." in sub.stored else "")
    service.audit(
        "file-download",
        security.client_address(request),
        sub.unit_code,
        request.user.get_username(),
    )
    return attachment(body, name, "application/octet-stream")


def attachment(body: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _recent(days: int = 30) -> Any:
    return timezone.now() - timedelta(days=days)
