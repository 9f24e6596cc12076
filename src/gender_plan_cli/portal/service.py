"""What happens to an upload, the same from the page and the API: kept byte for byte, checked
by the library face in an isolated worker, the rows held against what the code covers,
recorded as a receipt (accepted) or an attempt (with its findings)."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

from gender_plan_cli import api
from gender_plan_cli import findings as fnd
from gender_plan_cli.portal import store as st
from gender_plan_cli.portal.models import Audit, Submission, UnitCode

if TYPE_CHECKING:
    from gender_plan_cli.api import Registry
    from gender_plan_cli.records import FileResult, LoadResult

WORKER = (1024, 30.0)  # each file read in a worker of at most 1 GiB and 30 seconds
# The store's returns as the status read them, by path: a stored file never changes (read-only,
# a random name), so a new return costs the board one file read, not all of them again.
_READ: dict[Path, FileResult] = {}


def store_dir() -> Path:
    return Path(settings.GPLAN_STORE)


@functools.cache
def config() -> st.StoreConfig:
    return st.read_config(store_dir())


@functools.cache
def registry() -> Registry:
    return api.load_registry(store_dir() / config().registry)


def workers() -> Any:
    return api.WorkerLimits(WORKER[0], WORKER[1], 1)


_POOLS: dict[int, Any] = {}  # the reader workers of each check slot, kept between uploads
_POOLS_LOCK = threading.Lock()


def pool(slot: int) -> Any:
    """The reader pool of a check slot (`security.QUEUE`): one worker, started on first use
    and kept, so an upload does not wait ~0.2 s for a worker to start."""
    with _POOLS_LOCK:
        if slot not in _POOLS:
            _POOLS[slot] = api.ReaderPool(workers())
        return _POOLS[slot]


def limits() -> Any:
    return api.Limits(max_file_mb=config().max_upload_mb)


def covered(unit_code: str) -> set[str]:
    """The code's unit and every unit under it in the registry."""
    children: dict[str, list[str]] = {}
    for u in registry().units.values():
        if u.parent_code:
            children.setdefault(u.parent_code, []).append(u.code)
    out, todo = set(), [unit_code]
    while todo:
        code = todo.pop()
        if code not in out:
            out.add(code)
            todo.extend(children.get(code, []))
    return out


def deadline_for(unit_code: str) -> Any:
    """The unit's deadline: the store's, or the last extension an officer granted it."""
    from gender_plan_cli.portal.models import Extension

    ext = Extension.objects.filter(unit_code=unit_code, year=config().year).order_by("-at").first()
    return ext.until if ext is not None else config().deadline


def unit_name(unit_code: str) -> str:
    unit = registry().units.get(unit_code)
    return unit.name if unit is not None else unit_code


def audit(event: str, address: str = "", unit_code: str = "", detail: str = "") -> None:
    Audit.objects.create(
        at=timezone.now(), event=event, address=address, unit_code=unit_code, detail=detail[:500]
    )


# -- codes ---------------------------------------------------------------------------------------


def unit_for_code(typed: str) -> str | None:
    """The unit whose live code this is, or None (wrong, revoked or expired)."""
    selector, secret = st.split_code(st.normalize_code(typed))
    if not selector:
        st.secret_matches("x", st.hash_secret("y"))  # the same work either way
        return None
    row = UnitCode.objects.filter(selector=selector, revoked=False).first()
    stored = row.secret_hash if row is not None else st.hash_secret("y")
    ok = st.secret_matches(secret, stored)
    if row is None or not ok or row.expires_at < timezone.now() or row.year != config().year:
        return None
    return row.unit_code


def issue_codes(year: int, rotate: bool, only: str | None = None) -> list[tuple[str, str, str]]:
    """(unit code, unit name, code) for every unit of the registry in `year` without a live code
    (all of them with `rotate`, the old ones revoked); `only`: that unit alone."""
    from datetime import time as dtime

    from django.db import transaction

    closes = timezone.make_aware(datetime.combine(config().closes, dtime(23, 59, 59)))
    out = []
    with transaction.atomic():
        live = UnitCode.objects.filter(year=year, revoked=False)
        if rotate:
            live.update(revoked=True)
            issued: set[str] = set()
        else:
            issued = set(live.values_list("unit_code", flat=True))
        for unit in registry().expected(year):
            if unit.code in issued or (only is not None and unit.code != only):
                continue
            while True:
                code = st.new_code()
                selector, secret = st.split_code(code)
                if not UnitCode.objects.filter(selector=selector).exists():
                    break
            UnitCode.objects.create(
                unit_code=unit.code,
                year=year,
                selector=selector,
                secret_hash=st.hash_secret(secret),
                issued_at=timezone.now(),
                expires_at=closes,
            )
            out.append((unit.code, unit.name, code))
    return out


# -- an upload -----------------------------------------------------------------------------------


class Refused(Exception):
    """The upload is not taken at all (wrong extension): `key` names the text to show."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


@dataclass
class Outcome:
    submission: Submission
    document: dict[str, Any]  # the check document (`gplan check --format json`) of the file
    forbidden: bool  # rows of a unit the code does not cover


def extension_of(filename: str) -> str:
    """The extension decides the format the file claims (never the Content-Type)."""
    ext = Path(filename).suffix.lower()
    if ext not in st.EXTENSIONS:
        raise Refused("upload.extension", name=safe_filename(filename))
    return ext


def safe_filename(filename: str) -> str:
    """The clerk's file name as shown back to her: its last part, printable, at most 120."""
    from gender_plan_cli.safe_output import printable

    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return printable(name)[:120] or "upload"


def receive(upload: Any, filename: str, unit_code: str, via: str, address: str) -> Outcome:
    """Keep, check, record. `upload`: a file object at its start (Django's UploadedFile)."""
    from gender_plan_cli.portal.security import QUEUE

    ext = extension_of(filename)
    shown = safe_filename(filename)
    year = config().year
    relative = Path(st.RETURNS) / str(year) / _folder(unit_code) / st.random_name(ext)
    path = store_dir() / relative
    sha256, size = _keep(upload, path)
    received_at = timezone.now()
    with QUEUE.turn() as slot:  # every read of the upload waits its turn: the file, its grid
        readers = pool(slot)
        result = api.read_returns(
            [path],
            registry=registry(),
            workers=workers(),
            limits=limits(),
            discovered=True,
            pool=readers,
        )
        mine = [fr for fr in result.files if fr.role != "registry"]
        grid = _grid(path, mine, readers) if via == "web" else ""
    forbidden = _refuse_uncovered(mine, unit_code)
    checked = result.model_copy(update={"files": mine})
    document = _document(checked, "vi", str(path), shown)
    english = [
        f["message"]
        for file in _document(checked, "en", str(path), shown)["files"]
        for f in file["findings"]
    ]
    errors = sum(fr.errors for fr in mine)
    accepted = errors == 0 and sum(fr.units for fr in mine) > 0
    local_day = timezone.localtime(received_at).date()
    submission = Submission.objects.create(
        reference=_reference(year),
        unit_code=unit_code,
        year=year,
        received_at=received_at,
        sha256=sha256,
        size=size,
        filename=shown,
        stored=relative.as_posix(),
        accepted=accepted,
        late=accepted and local_day > deadline_for(unit_code),
        errors=errors,
        warnings=sum(fr.warnings for fr in mine),
        via=via,
        check_json=json.dumps(document, ensure_ascii=False),
        messages_en=json.dumps(english, ensure_ascii=False),
        grid_json=grid,
    )
    state = "accepted" if accepted else ("forbidden" if forbidden else "attempt")
    audit("upload", address, unit_code, f"{submission.reference} {via} {state} {size} bytes")
    return Outcome(submission, document, forbidden)


def _keep(upload: Any, path: Path) -> tuple[str, int]:
    """The upload written byte for byte to a new read-only file: its SHA-256 and size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _grid(path: Path, mine: list[Any], readers: Any) -> str:
    """The sheet read as the clerk sent it, as JSON for her page of findings ("" for none)."""
    if not mine or mine[0].role != "return":
        return ""
    view = api.sheet_view(path, sheet=mine[0].sheet, limits=limits(), pool=readers)
    if view is None:
        return ""
    shown = {
        "sheet": view.sheet,
        "cells": view.cells,
        "rows": view.total_rows,
        "columns": view.total_columns,
    }
    return json.dumps(shown, ensure_ascii=False)


def _folder(unit_code: str) -> str:
    """A unit's folder name: its code when it is plain, else a hash of it."""
    plain = unit_code.replace("-", "").replace("_", "").isalnum() and unit_code.isascii()
    return (
        unit_code
        if plain and len(unit_code) <= 40
        else hashlib.sha256(unit_code.encode()).hexdigest()[:16]
    )


def _reference(year: int) -> str:
    """`HN2025-7KQ4M9XA`: the year and 8 characters, unique."""
    while True:
        ref = f"HN{year}-" + "".join(secrets.choice(st.ALPHABET) for _ in range(8))
        if not Submission.objects.filter(reference=ref).exists():
            return ref


def _refuse_uncovered(files: list[FileResult], unit_code: str) -> bool:
    """A finding at every row of a unit the code does not cover (True when there is one), and
    at every row of another report year than the store's."""
    from gender_plan_cli.findings import column_index

    allowed = covered(unit_code)
    year = config().year
    refused = False
    for fr in files:
        rows = fr.unit_codes or [
            (r.report_year, r.unit_code, r.source_row or 0) for r in fr.records
        ]
        columns = fr.layout.columns if fr.layout else {}
        year_column = next(
            (column_index(c) for c, f in columns.items() if f == "report_year"), None
        )
        for row_year, _, row in rows:
            if row_year is not None and row_year != year:
                fr.findings.append(
                    fnd.make(
                        "wrong-year",
                        fr.path,
                        sheet=fr.sheet,
                        row=row or None,
                        column=year_column,
                        field="report_year",
                        value=row_year,
                        year=year,
                    )
                )
        for _, code, row in rows:
            if code in allowed:
                continue
            refused = True
            fr.findings.append(
                fnd.make(
                    "unit-not-covered",
                    fr.path,
                    sheet=fr.sheet,
                    row=row or None,
                    column=fr.code_column,
                    field="unit_code",
                    value=code,
                    unit=unit_code,
                )
            )
        fr.findings.sort(key=lambda f: f.sort_key())
    return refused


def _document(result: LoadResult, lang: str, path: str, shown: str) -> dict[str, Any]:
    """`gplan check --format json` of the file, with no server path in it: the file as the clerk
    named it, the registry by its name in the store; a staff list's values left out."""
    from gender_plan_cli.render.check_json import check_document

    document = check_document(result, lang).model_dump(mode="json")
    for file in document["files"]:
        if file["role"] == "roster":
            for finding in file["findings"]:
                finding["value"] = None
    text = json.dumps(document, ensure_ascii=False)
    for secret_path, public in ((path, shown), (str(store_dir()) + os.sep, "")):
        text = text.replace(json.dumps(secret_path)[1:-1], json.dumps(public)[1:-1])
    return json.loads(text)  # type: ignore[no-any-return]


# -- the status -----------------------------------------------------------------------------------


def status_document(year: int) -> dict[str, Any]:
    """`gplan status --format json` over the store's accepted returns and their receipts; paths
    relative to the store."""
    from gender_plan_cli.render.status_out import render_status_json

    receipts = {p: r for p, r in st.accepted_receipts(store_dir()).items()}
    rules = api.load_rules(api.default_rules())
    deadline = config().deadline if year == config().year else rules.collection.due(year)
    if receipts:
        with _status_turn():
            result = api.read_returns(
                list(receipts),
                registry=registry(),
                receipts=receipts,
                workers=api.WorkerLimits(WORKER[0], WORKER[1], api.default_jobs()),
                limits=limits(),
                discovered=True,
                cache=_READ,
            )
    else:
        from gender_plan_cli.records import LoadResult

        result = LoadResult()
    report = api.status(result, registry(), year, deadline)
    text = render_status_json(report)
    prefix = json.dumps(str(store_dir()) + os.sep)[1:-1]
    return json.loads(text.replace(prefix, ""))  # type: ignore[no-any-return]


def _status_turn() -> Any:
    from gender_plan_cli.portal.security import QUEUE

    return QUEUE.turn()


# -- officers ---------------------------------------------------------------------------------------


def set_officer(name: str, password: str) -> str:
    """Create or update the staff account `name`; a new API token (only its hash kept)."""
    from django.contrib.auth import get_user_model

    from gender_plan_cli.portal.models import ApiToken

    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=name)
    user.is_staff = True
    user.set_password(password)
    user.save()
    while True:
        token = st.new_code(8)
        selector, secret = st.split_code(token)
        if not ApiToken.objects.filter(selector=selector).exists():
            break
    ApiToken.objects.create(
        user=user, selector=selector, secret_hash=st.hash_secret(secret), created_at=timezone.now()
    )
    audit("officer-created" if created else "officer-updated", detail=name)
    return token


def officer_for_token(typed: str) -> str | None:
    from gender_plan_cli.portal.models import ApiToken

    selector, secret = st.split_code(st.normalize_code(typed)) if typed else ("", "")
    row = (
        ApiToken.objects.select_related("user").filter(selector=selector).first()
        if selector
        else None
    )
    stored = row.secret_hash if row is not None else st.hash_secret("y")
    ok = st.secret_matches(secret, stored)
    if row is None or not ok or not row.user.is_active or not row.user.is_staff:
        return None
    return str(row.user.username)
