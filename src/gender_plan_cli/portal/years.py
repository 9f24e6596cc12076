"""Earlier years in a store, for the trend since 2021: the consolidated returns of a year before
the portal (2021–2025, files an officer already has) imported byte for byte as that year's
accepted returns, marked imported. A new year's collection keeps the earlier ones
(`gplan portal init DIR --year NEXT`)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, time
from datetime import timezone as dt_timezone
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from gender_plan_cli import api
from gender_plan_cli.portal import service
from gender_plan_cli.portal import store as st
from gender_plan_cli.portal.models import Submission

if TYPE_CHECKING:
    from gender_plan_cli.records import FileResult, LoadResult, Received

FOLDER = "import"  # returns/YEAR/import/<random>.ext


@dataclass(frozen=True)
class Imported:
    reference: str
    filename: str
    units: int
    received: str  # the day the file says it was received (as `gplan status`), ISO


def import_returns(year: int, files: list[Path]) -> list[Imported]:
    """`files` checked together (as `gplan trend` of them reads them), then each kept byte for
    byte as an accepted return of `year`, with no receipt of the portal's: refused whole when
    the year is not before the store's, a file has an error, or a row is of another year."""
    from django.db import transaction

    if year >= service.config().year:
        raise st.ImportRefused("import.year", year=year, store=service.config().year)
    for path in files:
        if path.suffix.lower() not in st.EXTENSIONS:
            raise st.ImportRefused("import.extension", name=path.name)
    result = api.read_returns(files, registry=service.registry(), workers=service.workers())
    mine = [fr for fr in result.files if fr.role != "registry"]
    errors = sum(fr.errors for fr in mine)
    if errors:
        raise st.ImportRefused("import.invalid", errors=errors)
    years = sorted({r.report_year for fr in mine for r in fr.records} - {year})
    if years:
        raise st.ImportRefused("import.other-year", year=year, years=", ".join(map(str, years)))
    out = []
    with transaction.atomic():
        for path, fr in zip(files, mine, strict=True):
            checked = result.model_copy(update={"files": [fr]})
            out.append(_keep(path, year, fr, result.received.get(fr.path), checked))
    return out


def _keep(
    path: Path, year: int, fr: FileResult, received: Received | None, checked: LoadResult
) -> Imported:
    """The file copied byte for byte (read-only, its time kept), its row, the audit's line."""
    ext = path.suffix.lower()
    relative = Path(st.RETURNS) / str(year) / FOLDER / st.random_name(ext)
    target = service.store_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    body = path.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
    with os.fdopen(fd, "wb") as out:
        out.write(body)
    stat = path.stat()
    os.utime(target, (stat.st_atime, stat.st_mtime))
    when = datetime.fromtimestamp(stat.st_mtime, dt_timezone.utc)
    if received is not None:  # the day the file says, at noon in Hanoi
        when = datetime.combine(received.day, time(12), ZoneInfo("Asia/Ho_Chi_Minh"))
    shown = service.safe_filename(path.name)
    document = service._document(checked, "vi", str(path), shown)
    sub = Submission.objects.create(
        reference=service._reference(year),
        unit_code="",
        year=year,
        received_at=when,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        filename=shown,
        stored=relative.as_posix(),
        accepted=True,
        warnings=fr.warnings,
        via=st.IMPORTED,
        check_json=json.dumps(document, ensure_ascii=False),
    )
    detail = f"{sub.reference} {year} {fr.units} units {len(body)} bytes"
    service.audit("returns-imported", detail=detail)
    return Imported(sub.reference, shown, fr.units, received.day.isoformat() if received else "")


def years_held() -> list[int]:
    """The report years with accepted returns in the store, oldest first."""
    held = Submission.objects.filter(accepted=True).values_list("year", flat=True).distinct()
    return sorted(set(held))
