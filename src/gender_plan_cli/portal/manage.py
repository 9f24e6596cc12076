"""The Department's operations on a store, as `gplan portal …` and `gplan serve` run them:
create it, issue codes, add an officer. No terminal here: values in, values out."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from gender_plan_cli.portal import store as st

CODES_COLUMNS = ("unit_code", "unit_name", "code", "link")


def init(folder: Path, registry: Path, year: int, deadline: date | None = None) -> st.StoreConfig:
    """The store in `folder` (created, or brought up to date), migrations applied."""
    from gender_plan_cli import api

    if deadline is None:
        deadline = api.load_rules(api.default_rules()).collection.due(year)
    config = st.create_store(folder, registry, year, deadline)
    open_store(folder)
    from gender_plan_cli.portal import service

    service.audit("store-init", detail=f"year {year}, deadline {deadline.isoformat()}")
    return config


def import_returns(folder: Path, year: int, files: list[Path]) -> list[Any]:
    """An earlier year's returns brought into the store (`portal/years.py`)."""
    open_store(folder)
    from gender_plan_cli.portal import years

    return years.import_returns(year, files)


def open_store(folder: Path, *, behind_tls: bool = False) -> st.StoreConfig:
    """Django configured for the store, its tables up to date."""
    if not st.is_store(folder):
        raise st.StoreError("cli.serve.not-store", folder=str(folder))
    from gender_plan_cli.portal import conf

    conf.setup(folder, behind_tls=behind_tls)
    conf.migrate()
    return st.read_config(folder)


def issue_codes(folder: Path, year: int | None, rotate: bool) -> list[tuple[str, str, str]]:
    """New codes (unit code, name, code): every unit without one, or all with `rotate`."""
    config = open_store(folder)
    if year is not None and year != config.year:
        raise st.StoreError("store.other-year", store=config.year, year=year)
    from gender_plan_cli.portal import service

    rows = service.issue_codes(config.year, rotate)
    service.audit("codes-rotated" if rotate else "codes-issued", detail=f"{len(rows)} codes")
    return rows


def codes_csv(rows: list[tuple[str, str, str]], base_url: str) -> bytes:
    """For a mail merge: UTF-8 with a BOM (Excel opens it right), one unit a row. The link
    carries nothing secret: the clerk types the code on the page it opens."""
    from gender_plan_cli.safe_output import neutralize

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CODES_COLUMNS)
    link = base_url.rstrip("/") + "/"
    for unit_code, name, code in rows:
        writer.writerow([neutralize(unit_code), neutralize(name), code, link])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def officer(folder: Path, name: str, password: str) -> str:
    """The staff account `name` created or its password changed; a new API token."""
    open_store(folder)
    from gender_plan_cli.portal import service

    return service.set_officer(name, password)


def remind(folder: Path, today: date | None) -> list[tuple[str, str, int]]:
    """The day's reminder e-mails of the store (none without `smtp` in its config)."""
    open_store(folder)
    from django.utils import timezone

    from gender_plan_cli.portal import reminders

    return reminders.remind(today or timezone.localdate())


def make_manager(folder: Path, name: str) -> None:
    """The officer may change deadlines and codes (the desk's managers)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    open_store(folder)
    group, _ = Group.objects.get_or_create(name="managers")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="gplan_portal",
            codename__in=["add_extension", "add_latedecision", "add_unitcode"],
        )
    )
    get_user_model().objects.get(username=name).groups.add(group)
