"""The desk's files for an officer's program: `GET /api/v1/report.xlsx|status.xlsx|gap.json|
gap.csv|returns.zip|trend.json?year=Y[&target=2025|2030]` with `Authorization: Bearer <officer token>`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from gender_plan_cli.portal import api_views, security, service
from gender_plan_cli.portal.desk import attachment
from gender_plan_cli.portal.desk_actions import BadQuery, make_file

NAMES = (
    "report.xlsx",
    "status.xlsx",
    "status.csv",
    "gap.json",
    "gap.csv",
    "returns.zip",
    "trend.json",
)


@require_GET
def download(request: HttpRequest, name: str) -> HttpResponse:
    if name not in NAMES:
        return api_views._error(404, "not-found")
    address = security.client_address(request)
    if security.locked_out(address):
        return api_views._locked(address)
    user = service.officer_for_token(api_views._bearer(request))
    if user is None:
        service.audit("login-failed", address, detail="api-officer")
        if security.locked_out(address):
            return api_views._locked(address)
        return api_views._error(401, "unauthorized")
    try:
        body, filename, kind = make_file(name, request.GET)
    except BadQuery:
        return api_views._error(400, "year")
    except security.Busy:
        response = api_views._error(503, "busy")
        response["Retry-After"] = security.RETRY_AFTER
        return response
    service.audit("download", address, detail=f"{filename} api {user}")
    return attachment(body, filename, kind)
