"""The clerk's way: her code, her unit's page, an upload, its findings at their cells or its
receipt, a reason when late. Vietnamese first; `?lang=en` switches."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from gender_plan_cli.portal import security, service
from gender_plan_cli.portal.models import Submission
from gender_plan_cli.portal.texts import t, texts

STATIC = {"portal.css": "text/css; charset=utf-8", "portal.js": "text/javascript; charset=utf-8"}


def lang_of(request: HttpRequest) -> str:
    asked = request.GET.get("lang")
    if asked in ("vi", "en"):
        request.session["lang"] = asked
    return "en" if request.session.get("lang") == "en" else "vi"


def _page(
    request: HttpRequest, template: str, lang: str, status: int = 200, **context: Any
) -> HttpResponse:
    context.update(
        t=texts(lang),
        lang=lang,
        other="vi" if lang == "en" else "en",
        config=service.config(),
    )
    return render(request, f"portal/{template}", context, status=status)


def landing(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    if request.method == "GET":
        if request.session.get("unit"):
            return HttpResponseRedirect("/unit/")
        return _page(request, "landing.html", lang)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    address = security.client_address(request)
    if security.locked_out(address):
        service.audit("login-locked", address)
        return _page(request, "landing.html", lang, status=429, error=t("code.locked", lang))
    unit = service.unit_for_code(request.POST.get("code", "")[:64])
    if unit is None:
        service.audit("login-failed", address)
        locked = security.locked_out(address)
        error = t("code.locked" if locked else "code.wrong", lang)
        return _page(request, "landing.html", lang, status=429 if locked else 401, error=error)
    request.session.cycle_key()
    request.session["unit"] = unit
    request.session["lang"] = lang
    service.audit("login", address, unit, "web")
    return HttpResponseRedirect("/unit/")


def _unit(request: HttpRequest) -> str | None:
    unit = request.session.get("unit")
    return unit if isinstance(unit, str) else None


def _rows(unit: str) -> list[dict[str, Any]]:
    subs = Submission.objects.filter(unit_code=unit, year=service.config().year).order_by(
        "-received_at"
    )
    counting = next((s.reference for s in subs if s.accepted), None)
    return [
        {
            "s": s,
            "when": timezone.localtime(s.received_at).strftime("%d/%m/%Y %H:%M:%S"),
            "counts": s.reference == counting,
        }
        for s in subs
    ]


@require_GET
def unit_page(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    unit = _unit(request)
    if unit is None:
        return HttpResponseRedirect("/")
    cfg = service.config()
    return _page(
        request,
        "unit.html",
        lang,
        unit=unit,
        name=service.unit_name(unit),
        covers=len(service.covered(unit)),
        deadline=cfg.deadline.strftime("%d/%m/%Y"),
        closes=cfg.closes.strftime("%d/%m/%Y"),
        rows=_rows(unit),
        upload_help=t("unit.upload.help", lang, mb=int(cfg.max_upload_mb)),
        error=request.session.pop("error", None),
    )


@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    unit = _unit(request)
    if unit is None:
        return HttpResponseRedirect("/")
    file = request.FILES.get("file")  # the body is read here, through the capped handler
    if getattr(request, "upload_too_large", False):
        return security.too_large(request)
    error = _refusal(unit, lang)
    if error is None and file is None:
        error = t("upload.missing", lang)
    if error is None:
        try:
            outcome = service.receive(
                file, file.name or "", unit, "web", security.client_address(request)
            )
        except service.Refused as exc:
            error = t(exc.key, lang, **exc.args_)
        except security.Busy:
            response = _page(
                request,
                "unit.html",
                lang,
                status=503,
                **_unit_context(unit, lang, t("upload.busy", lang)),
            )
            response["Retry-After"] = security.RETRY_AFTER
            return response
        else:
            return HttpResponseRedirect(f"/unit/returns/{outcome.submission.reference}/")
    request.session["error"] = error
    return HttpResponseRedirect("/unit/")


def _unit_context(unit: str, lang: str, error: str) -> dict[str, Any]:
    cfg = service.config()
    return {
        "unit": unit,
        "name": service.unit_name(unit),
        "covers": len(service.covered(unit)),
        "deadline": cfg.deadline.strftime("%d/%m/%Y"),
        "closes": cfg.closes.strftime("%d/%m/%Y"),
        "rows": _rows(unit),
        "upload_help": t("unit.upload.help", lang, mb=int(cfg.max_upload_mb)),
        "error": error,
    }


def _refusal(unit: str, lang: str) -> str | None:
    """Why no upload is taken now: the window closed, or too many uploads this hour."""
    cfg = service.config()
    if timezone.localdate() > cfg.closes:
        return t("upload.closed", lang)
    if security.uploads_last_hour(unit) >= cfg.uploads_per_hour:
        return t("upload.rate", lang, n=cfg.uploads_per_hour)
    return None


def _submission(request: HttpRequest, reference: str) -> tuple[str, Submission]:
    unit = _unit(request)
    sub = Submission.objects.filter(reference=reference).first()
    if unit is None or sub is None or sub.unit_code != unit:
        raise Http404
    return unit, sub


@require_GET
def submission_page(request: HttpRequest, reference: str) -> HttpResponse:
    lang = lang_of(request)
    if _unit(request) is None:
        return HttpResponseRedirect("/")
    unit, sub = _submission(request, reference)
    document = json.loads(sub.check_json)
    english = json.loads(sub.messages_en or "[]")
    findings = [f for file in document["files"] for f in file["findings"]]
    if lang == "en" and len(english) == len(findings):
        findings = [{**f, "message": m} for f, m in zip(findings, english, strict=True)]
    findings.sort(key=lambda f: (f["row"] or 0, _column(f["cell"]), f["code"]))
    grid = _grid(sub, findings)
    roster = any(file["role"] == "roster" for file in document["files"])
    return _page(
        request,
        "submission.html",
        lang,
        unit=unit,
        name=service.unit_name(unit),
        sub=sub,
        when=timezone.localtime(sub.received_at).strftime("%d/%m/%Y %H:%M:%S"),
        findings=findings,
        columns=_whole_columns(document, findings, lang),
        grid=grid,
        roster=roster,
        deadline=service.config().deadline.strftime("%d/%m/%Y"),
        late_ask=t("late.ask", lang, deadline=service.config().deadline.strftime("%d/%m/%Y")),
        counts=t("result.errors", lang, n=sub.errors, w=sub.warnings),
    )


def _column(cell: str | None) -> int:
    from gender_plan_cli.findings import column_index

    letters = "".join(ch for ch in (cell or "") if ch.isalpha())
    return column_index(letters) if letters else 0


def _grid(sub: Submission, findings: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sheet as rows of (text, class, title), the wrong cells marked."""
    if not sub.grid_json:
        return None
    from gender_plan_cli.findings import column_letter

    data = json.loads(sub.grid_json)
    marks: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    for f in findings:
        cell = f["cell"]
        if not cell or not any(ch.isalpha() for ch in cell):
            continue
        if marks.get(cell) != "error":
            marks[cell] = f["severity"]
        notes.setdefault(cell, []).append(f["message"])
    cells = data["cells"]
    width = max((len(r) for r in cells), default=0)
    letters = [column_letter(j + 1) for j in range(width)]
    rows = []
    for i, row in enumerate(cells, start=1):
        out = []
        for j, value in enumerate(row):
            ref = f"{letters[j]}{i}"
            out.append(
                {
                    "v": value,
                    "mark": marks.get(ref, ""),
                    "ref": ref,
                    "note": " / ".join(notes.get(ref, [])),
                }
            )
        rows.append({"n": i, "cells": out})
    return {
        "sheet": data.get("sheet"),
        "letters": letters,
        "rows": rows,
        "cut": data["rows"] > len(cells) or data["columns"] > width,
        "shown_rows": len(cells),
        "shown_cols": width,
    }


def _whole_columns(
    document: dict[str, Any], findings: list[dict[str, Any]], lang: str
) -> list[str]:
    """A line for each column wrong on every unit row (at least two): the whole column typed
    the wrong way, said once above the list."""
    units = sum(f["units"] for f in document["files"])
    rows_by_column: dict[str, set[int]] = {}
    codes: dict[str, Counter[str]] = {}
    for f in findings:
        if f["severity"] != "error" or not f["cell"] or not f["row"]:
            continue
        letters = "".join(ch for ch in f["cell"] if ch.isalpha())
        rows_by_column.setdefault(letters, set()).add(f["row"])
        codes.setdefault(letters, Counter())[f["code"]] += 1
    unit_rows = sum(
        file["layout"]["rows"].get("unit", 0) for file in document["files"] if file["layout"]
    )
    total = max(units, unit_rows)
    return [
        t("columns.line", lang, column=c, n=len(rows), code=codes[c].most_common(1)[0][0])
        for c, rows in sorted(rows_by_column.items(), key=lambda kv: _column(kv[0]))
        if total >= 2 and len(rows) >= total
    ]


@require_POST
def late_reason(request: HttpRequest, reference: str) -> HttpResponse:
    if _unit(request) is None:
        return HttpResponseRedirect("/")
    unit, sub = _submission(request, reference)
    reason = request.POST.get("reason", "").strip()[:2000]
    if sub.accepted and sub.late and reason:
        sub.late_reason = reason
        sub.save(update_fields=["late_reason"])
        service.audit("late-reason", security.client_address(request), unit, sub.reference)
    return HttpResponseRedirect(f"/unit/returns/{sub.reference}/")


@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    """The form of the store's year prefilled for the clerk's unit (code, name, parent, level,
    type, sector from the registry), in the page's language, as an attachment; the blank form
    when the registry's level of the unit does not exist that year."""
    lang = lang_of(request)
    code = _unit(request)
    if code is None:
        return HttpResponseRedirect("/")
    import io

    from gender_plan_cli.render.template import build_template

    year = service.config().year
    try:
        book = build_template(lang, year, service.registry().units.get(code))
    except ValueError:  # a level the year no longer has (districts, from 2025)
        book = build_template(lang, year)
    buf = io.BytesIO()
    book.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    from gender_plan_cli.render.template import unit_file_name

    name = f"bieu-mau-{year}-{unit_file_name(code)}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    request.session.flush()
    if unit:
        service.audit("logout", security.client_address(request), unit)
    return HttpResponseRedirect("/")


@require_GET
def static(request: HttpRequest, name: str) -> HttpResponse:
    """The portal's one stylesheet, served by the app itself (no inline style under the CSP)."""
    from importlib.resources import files

    if name not in STATIC:
        raise Http404
    body = (files("gender_plan_cli.portal") / "static" / name).read_bytes()
    response = HttpResponse(body, content_type=STATIC[name])
    response["Cache-Control"] = "public, max-age=3600"
    return response


def no_icon(request: HttpRequest) -> HttpResponse:
    return HttpResponse(status=204)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    lang = "en" if request.session.get("lang") == "en" else "vi"
    return HttpResponse(t("csrf", lang), status=403, content_type="text/plain; charset=utf-8")
