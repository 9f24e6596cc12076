"""The collection board: every unit of the registry with its state — on time, late (with its
reason), missing, only invalid attempts — from the store's receipts and the officers' decisions."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from gender_plan_cli.portal import service
from gender_plan_cli.portal.models import Extension, Submission

STATES = ("on_time", "late", "missing", "invalid")
_CACHE: dict[tuple[int, int, int], dict[str, Any]] = {}
_LOCK = threading.Lock()


@dataclass
class Row:
    code: str
    name: str
    level: str
    parent: str
    sector: str
    state: str
    counting: Submission | None = None
    attempts: int = 0
    extension: Extension | None = None
    reason: str = ""
    received: str = ""
    subs: list[Submission] = field(default_factory=list)
    word: str = ""


def status(year: int) -> dict[str, Any]:
    """`status_document`, read again only when an accepted return came in since."""
    accepted = Submission.objects.filter(year=year, accepted=True).aggregate(
        n=Count("id"), last=Max("id")
    )
    key = (year, accepted["n"] or 0, accepted["last"] or 0)
    with _LOCK:
        if key not in _CACHE:
            _CACHE.clear()
            _CACHE[key] = service.status_document(year)
        return _CACHE[key]


def extensions(year: int) -> dict[str, Extension]:
    """The last extension of each unit."""
    return {e.unit_code: e for e in Extension.objects.filter(year=year).order_by("at")}


def rows(year: int) -> list[Row]:
    document = status(year)
    subs = list(Submission.objects.filter(year=year).order_by("received_at"))
    by_path = {s.stored: s for s in subs if s.accepted}
    exts = extensions(year)
    registry = service.registry().units
    out = []
    for unit in document["units"]:
        if not unit["in_registry"]:
            continue
        reg = registry[unit["unit_code"]]
        own = [s for s in subs if s.unit_code == reg.code]
        counting = by_path.get(unit["files"][-1]) if unit["files"] else None
        state = unit["state"]
        if counting is not None:
            state = "late" if counting.late else "on_time"
        elif state == "missing" and own:
            state = "invalid"
        when = timezone.localtime(counting.received_at) if counting else None
        out.append(
            Row(
                code=reg.code,
                name=reg.name,
                level=reg.level or "",
                parent=reg.parent_code or "",
                sector=reg.sector or "",
                state=state,
                counting=counting,
                attempts=sum(1 for s in own if not s.accepted),
                extension=exts.get(reg.code),
                reason=counting.late_reason if counting else "",
                received=when.strftime("%d/%m/%Y %H:%M") if when else "",
                subs=own,
            )
        )
    return out


def filtered(all_rows: list[Row], query: Any) -> list[Row]:
    """The rows the GET parameters ask for: state, level, parent, sector."""
    out = all_rows
    for key in ("state", "level", "parent", "sector"):
        wanted = query.get(key, "")
        if wanted:
            out = [r for r in out if getattr(r, key) == wanted]
    return out


def counts(all_rows: list[Row]) -> dict[str, int]:
    tally = {s: sum(1 for r in all_rows if r.state == s) for s in STATES}
    tally["received"] = tally["on_time"] + tally["late"]
    tally["total"] = len(all_rows)
    return tally


def is_late(sub: Submission) -> bool:
    """Whether `sub` came after its unit's deadline (its extension included)."""
    day = timezone.localtime(sub.received_at).date()
    return bool(day > service.deadline_for(sub.unit_code))
