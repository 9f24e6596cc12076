"""The desk's officer tools (issue 25, items 6 and 7): unlocking a locked-out address, the
codes CSV issued from the desk, and the English switch on every desk page."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from portal_helpers import YEAR, Portal, portal, portal_session
from test_portal_desk import PASSWORD, collection, officer_client

__all__ = ["collection", "portal", "portal_session"]

CLERK = "10.0.0.7"
WRONG = "ACDE-FGHJ-KMNP-QRTW"


def _clerk() -> Any:
    from django.test import Client

    return Client(REMOTE_ADDR=CLERK)


def test_a_locked_out_address_is_unlocked_from_the_desk(portal: Portal) -> None:
    from gender_plan_cli.portal.models import Audit

    clerk = _clerk()
    assert [clerk.post("/", {"code": WRONG}).status_code for _ in range(3)] == [401, 401, 429]
    assert clerk.post("/", {"code": portal.codes["S01"]}).status_code == 429
    viewer = officer_client(manager=False)
    assert viewer.post("/desk/unlock", {"address": CLERK}).status_code == 403
    assert clerk.post("/", {"code": portal.codes["S01"]}).status_code == 429  # still locked
    manager = officer_client(manager=True)
    answer = manager.post("/desk/unlock", {"address": CLERK})
    assert answer.status_code == 302 and answer["Location"] == "/desk/audit"
    unlocked = Audit.objects.filter(event="unlock").values_list("detail", flat=True)
    assert list(unlocked) == [f"{CLERK} by officer"]
    assert Audit.objects.filter(event="login-failed-unlocked", address=CLERK).count() == 3
    opened = clerk.post("/", {"code": portal.codes["S01"]})
    assert opened.status_code == 302 and opened["Location"] == "/unit/"
    assert clerk.get("/unit/").status_code == 200
    page = manager.get("/desk/audit").content.decode()
    assert f"{CLERK} by officer" in page


def test_a_locked_officer_name_is_unlocked_from_the_desk(portal: Portal) -> None:
    from django.test import Client

    from gender_plan_cli.portal.service import set_officer

    set_officer("lan", "another long password")
    other = Client()
    for _ in range(5):
        assert other.post("/desk/login", {"username": "lan", "password": "x"}).status_code == 401
    right = {"username": "lan", "password": "another long password"}
    assert other.post("/desk/login", right).status_code == 429
    officer_client(manager=True).post("/desk/unlock", {"address": "lan"})
    assert other.post("/desk/login", right).status_code == 302


def test_the_codes_csv_of_the_desk_shows_new_codes_once_and_keeps_them_hashed(
    portal: Portal,
) -> None:
    from django.test import Client

    from gender_plan_cli.portal.models import UnitCode

    assert officer_client(manager=False).post("/desk/codes.csv").status_code == 403
    manager = officer_client(manager=True)
    manager.post("/desk/unit/S02/code", {"action": "revoke"})
    answer = manager.post("/desk/codes.csv")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="codes.csv"'
    body = answer.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["unit_code", "unit_name", "code", "link"]
    assert [r[:2] + r[3:] for r in rows[1:]] == [["S02", "Sở Tài chính", "http://testserver/"]]
    code = rows[1][2]
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTWXY34679]{4}(-[ACDEFGHJKMNPQRTWXY34679]{4}){3}", code)
    live = UnitCode.objects.get(unit_code="S02", year=YEAR, revoked=False)
    selector, secret = code.split("-", 1)
    assert live.selector == selector and live.secret_hash.startswith("pbkdf2_sha256$10000$")
    for row in UnitCode.objects.values():
        assert all(secret not in str(value) for value in row.values())
    again = manager.post("/desk/codes.csv").content.decode("utf-8-sig")
    assert again == "unit_code,unit_name,code,link\r\n"  # shown once: never printed again
    clerk = Client()
    assert clerk.post("/", {"code": code}).status_code == 302


def escape(words: str) -> str:
    from django.utils.html import escape as html

    return html(words)


def _lines(page: str) -> list[str]:
    """The page's texts, one a line, without the markup."""
    return re.sub(r"<[^>]+>", "\n", page).splitlines()


DESK_PAGES = ("/desk/", "/desk/unit/S01/", "/desk/figures", "/desk/reminders", "/desk/audit")


def _vietnamese_texts() -> list[str]:
    """The desk's words in Vietnamese that differ from their English (placeholders aside)."""
    from gender_plan_cli.portal.texts import texts

    vi, en = texts("vi"), texts("en")
    return [
        words
        for key, words in vi.items()
        if words != en[key] and "{" not in words and key != "switch" and len(words) > 3
    ]


@pytest.mark.parametrize("path", DESK_PAGES)
def test_every_desk_page_switches_to_english(collection: Portal, path: str) -> None:
    from gender_plan_cli.portal.texts import texts

    client = officer_client(manager=True)
    english = client.get(path + "?lang=en").content.decode()
    en = texts("en")
    assert '<html lang="en">' in english
    for word in (en["desk_title"], en["desk_board"], en["desk_figures"], en["desk_audit"]):
        assert escape(word) in english
    leftover = [w for w in _vietnamese_texts() if w in _lines(english)]
    assert leftover == [], leftover
    again = client.get(path).content.decode()  # the choice is kept for the session
    assert '<html lang="en">' in again
    vietnamese = client.get(path + "?lang=vi").content.decode()
    assert '<html lang="vi">' in vietnamese
    assert [w for w in _vietnamese_texts() if w in _lines(vietnamese)] != []  # the check bites


def test_the_desk_login_page_switches_to_english(portal: Portal) -> None:
    from django.test import Client

    from gender_plan_cli.portal.texts import texts

    client = Client()
    page = client.get("/desk/login?lang=en").content.decode()
    assert '<html lang="en">' in page and escape(texts("en")["desk_title"]) in page
    answer = client.post("/desk/login", {"username": "officer", "password": PASSWORD})
    assert answer.status_code == 302
    assert '<html lang="en">' in client.get("/desk/").content.decode()
