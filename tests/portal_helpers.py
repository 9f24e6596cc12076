"""A portal store for tests: made once per session by the code `gplan portal init` runs (Django's
settings are one per process), emptied before each test; codes for its units."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from builders import simple_form, unit

pytest.importorskip("django", reason="the portal extra (django) is not installed")
pytest.importorskip("waitress", reason="the portal extra (waitress) is not installed")

# A collection that is open today whatever the day the tests run: this year's, due in 10 days.
YEAR = min(max(date.today().year, 2021), 2030)
DEADLINE = date.today() + timedelta(days=10)

REGISTRY = """units:
  - code: UB-TP
    name: "Ủy ban nhân dân thành phố Hà Nội"
    level: "Thành phố"
    unit_type: "Ủy ban nhân dân"
    email: "vanphong@hanoi.example"
  - code: S01
    name: "Sở Nội vụ"
    parent: UB-TP
    level: "Sở, ban, ngành"
    unit_type: "Cơ quan quản lý nhà nước"
    sector: "Nội vụ"
  - code: S01-BQL
    name: "Ban Tôn giáo"
    parent: S01
    level: "Sở, ban, ngành"
    unit_type: "Cơ quan quản lý nhà nước"
    sector: "Nội vụ"
  - code: S02
    name: "Sở Tài chính"
    parent: UB-TP
    level: "Sở, ban, ngành"
    unit_type: "Cơ quan quản lý nhà nước"
    sector: "Tài chính"
    Thư điện tử: "taichinh@hanoi.example"
"""


@dataclass
class Portal:
    store: Path
    codes: dict[str, str]  # unit code → its secret code
    token: str  # an officer's API token
    files: Path  # a folder for the returns a test builds


_MADE: list[Portal] = []  # one store per process, whichever test module asks first


@pytest.fixture(scope="session")
def portal_session(tmp_path_factory: pytest.TempPathFactory) -> Portal:
    from gender_plan_cli.portal import manage

    if not _MADE:
        root = tmp_path_factory.mktemp("portal")
        registry = root / "units.yaml"
        registry.write_text(REGISTRY, encoding="utf-8")
        manage.init(root / "store", registry, YEAR, DEADLINE)
        _MADE.append(Portal(root / "store", {}, "", root / "files"))
    return _MADE[0]


@pytest.fixture
def portal(portal_session: Portal) -> Portal:
    """The session's store emptied (tables, kept files), fresh codes and a fresh token."""
    from django.contrib.auth import get_user_model

    from gender_plan_cli.portal import manage, service
    from gender_plan_cli.portal.models import ApiToken, Audit, Submission, UnitCode

    for model in (Submission, Audit, UnitCode, ApiToken):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    service.config.cache_clear()
    shutil.rmtree(portal_session.store / "returns", ignore_errors=True)
    (portal_session.store / "returns").mkdir()
    shutil.rmtree(portal_session.files, ignore_errors=True)
    portal_session.files.mkdir()
    rows = manage.issue_codes(portal_session.store, YEAR, rotate=True)
    portal_session.codes = {unit_code: code for unit_code, _, code in rows}
    portal_session.token = manage.officer(portal_session.store, "officer", "a long password 1")
    return portal_session


def good_return(folder: Path, name: str = "bao-cao.xlsx", **changes: object) -> Path:
    """S01's return, valid, of the collection's year."""
    return simple_form(folder / name, [unit(report_year=YEAR, **changes)])


def broken_return(folder: Path, name: str = "bao-cao-loi.xlsx") -> Path:
    """S01's return with two errors: I2 more women than staff, J2 not a number."""
    return simple_form(
        folder / name, [unit(report_year=YEAR, staff_female=500, key_leaders_total="abc")]
    )
