"""The API for HR software: `POST /api/v1/returns` with a unit's code, `GET /api/v1/status`
with an officer's token (docs/portal.md#the-api; schemas in render/schemas/portal-*.json)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gender_plan_cli.portal import security, service
from gender_plan_cli.portal import store as st


def _bearer(request: HttpRequest) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = header.partition(" ")
    return value.strip()[:128] if scheme.lower() == "bearer" else ""


def _error(status: int, error: str, **extra: Any) -> JsonResponse:
    response = JsonResponse({"error": error, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="gplan"'
    return response


def _locked(address: str) -> JsonResponse:
    response = _error(429, "locked-out")
    response["Retry-After"] = str(int(security.LOCKOUT.total_seconds()))
    return response


@csrf_exempt  # no cookie is read here: the code in the Authorization header is the credential
@require_POST
def returns(request: HttpRequest) -> JsonResponse:
    address = security.client_address(request)
    if security.locked_out(address):
        return _locked(address)
    token = _bearer(request)
    unit = service.unit_for_code(token) if token else None
    if unit is None:
        service.audit("login-failed", address, detail="api")
        return _locked(address) if security.locked_out(address) else _error(401, "unauthorized")
    cfg = service.config()
    if timezone.localdate() > cfg.closes:
        return _error(403, "closed", closed_on=cfg.closes.isoformat())
    if security.uploads_last_hour(unit) >= cfg.uploads_per_hour:
        response = _error(429, "rate-limited", per_hour=cfg.uploads_per_hour)
        response["Retry-After"] = "3600"
        return response
    file = request.FILES.get("file")  # the body is read here, through the capped handler
    if getattr(request, "upload_too_large", False):
        return _error(413, "too-large", max_bytes=cfg.max_upload_bytes)
    if file is None:
        return _error(400, "no-file", field="file")
    try:
        outcome = service.receive(file, file.name or "", unit, "api", address)
    except service.Refused:
        return _error(415, "extension", allowed=list(st.EXTENSIONS))
    except security.Busy:
        response = _error(503, "busy")
        response["Retry-After"] = security.RETRY_AFTER
        return response
    sub = outcome.submission
    body = {
        "receipt": {
            "id": sub.reference,
            "unit_code": sub.unit_code,
            "received_at": timezone.localtime(sub.received_at).isoformat(),
            "sha256": sub.sha256,
            "bytes": sub.size,
            "filename": sub.filename,
            "late": sub.late,
        },
        "accepted": sub.accepted,
        "check": outcome.document,
    }
    status = 201 if sub.accepted else (403 if outcome.forbidden else 422)
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def status(request: HttpRequest) -> JsonResponse:
    address = security.client_address(request)
    if security.locked_out(address):
        return _locked(address)
    user = service.officer_for_token(_bearer(request))
    if user is None:
        service.audit("login-failed", address, detail="api-officer")
        return _locked(address) if security.locked_out(address) else _error(401, "unauthorized")
    try:
        year = int(request.GET.get("year") or service.config().year)
    except ValueError:
        return _error(400, "year")
    from gender_plan_cli.contract import in_plan

    if not in_plan(year):
        return _error(400, "year")
    try:
        document = service.status_document(year)
    except security.Busy:
        response = _error(503, "busy")
        response["Retry-After"] = security.RETRY_AFTER
        return response
    service.audit("status", address, detail=f"officer {user}")
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
