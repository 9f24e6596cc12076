"""The Department's desk (issue 25): the board, each unit's page, the files the command line
writes (the same bytes), deadlines, codes, the audit log — behind an officer's login."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from builders import simple_form, unit
from portal_helpers import (
    DEADLINE,
    YEAR,
    Portal,
    good_return,
    portal,
    portal_session,
)

__all__ = ["portal", "portal_session"]

SRC = str(Path(__file__).resolve().parents[1] / "src")
PASSWORD = "a long password 1"


def gplan(*args: str) -> bytes:
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"}
    env.pop("CI", None)
    done = subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *args],
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def upload_as(client: Any, code: str, path: Path) -> Any:
    client.post("/", {"code": code})
    with path.open("rb") as fh:
        answer = client.post("/unit/upload", {"file": fh})
    client.post("/logout")
    return answer


def make_manager(name: str = "officer") -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.get(username=name)
    user.user_permissions.add(Permission.objects.get(codename="add_extension"))


def officer_client(manager: bool = True) -> Any:
    from django.test import Client

    if manager:
        make_manager()
    client = Client()
    answer = client.post("/desk/login", {"username": "officer", "password": PASSWORD})
    assert answer.status_code == 302 and answer["Location"] == "/desk/"
    return client


@pytest.fixture
def collection(portal: Portal) -> Portal:
    """S01 on time, S01-BQL late with its reason, S02 only a broken attempt, UB-TP missing."""
    from django.test import Client

    from gender_plan_cli.portal.models import Submission

    clerk = Client()
    upload_as(clerk, portal.codes["S01"], good_return(portal.files))
    bql = simple_form(
        portal.files / "bql.xlsx",
        [unit(report_year=YEAR, unit_code="S01-BQL", unit_name="Ban Tôn giáo")],
    )
    upload_as(clerk, portal.codes["S01-BQL"], bql)
    late = Submission.objects.get(unit_code="S01-BQL")
    late.received_at += timedelta(days=(DEADLINE - late.received_at.date()).days + 1)
    late.late = True
    late.late_reason = "Mất điện cả tuần"
    late.save()
    wrong = simple_form(
        portal.files / "s02.xlsx",
        [unit(report_year=YEAR, unit_code="S02", unit_name="Sở Tài chính", staff_female=900)],
    )
    upload_as(clerk, portal.codes["S02"], wrong)
    return portal


def test_a_unit_code_opens_no_desk_page_nor_officer_api(collection: Portal) -> None:
    from django.test import Client

    clerk = Client()
    clerk.post("/", {"code": collection.codes["S01"]})
    for path in ("/desk/", "/desk/unit/S01/", "/desk/download/status.csv", "/desk/audit"):
        answer = clerk.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith("/desk/login"), path
    unit_code = {"Authorization": f"Bearer {collection.codes['S01']}"}
    assert clerk.get("/api/v1/status.xlsx", headers=unit_code).status_code == 401
    assert clerk.get("/api/v1/gap.json", headers=unit_code).status_code == 401


def test_the_board_shows_every_unit_with_its_state_and_counts(collection: Portal) -> None:
    client = officer_client(manager=False)
    page = client.get("/desk/").content.decode()
    assert "đã nhận 2/4, muộn 1, chưa nộp 1, chỉ có bản lỗi 1" in page
    assert 'data-unit="S01-BQL"' in page and "Mất điện cả tuần" in page
    found = re.findall(r'class="state-(\w+)" data-unit="([^"]+)"', page)
    states = {code: state for state, code in found}
    assert states == {"UB-TP": "missing", "S01": "on_time", "S01-BQL": "late", "S02": "invalid"}
    late_only = client.get("/desk/?state=late").content.decode()
    assert 'data-unit="S01-BQL"' in late_only and 'data-unit="S01"' not in late_only
    by_sector = client.get("/desk/?sector=T%C3%A0i+ch%C3%ADnh").content.decode()
    assert 'data-unit="S02"' in by_sector and 'data-unit="S01"' not in by_sector
    english = client.get("/desk/?lang=en").content.decode()
    assert "received 2/4, late 1, missing 1, only invalid 1" in english


def test_a_unit_page_lists_every_attempt_and_its_file_as_an_attachment(
    collection: Portal,
) -> None:
    from gender_plan_cli.portal.models import Submission

    client = officer_client(manager=False)
    page = client.get("/desk/unit/S02/").content.decode()
    sub = Submission.objects.get(unit_code="S02")
    assert sub.reference in page and "Chỉ có bản lỗi" in page
    assert "<code>exceeds-total</code>" in page
    answer = client.get(f"/desk/file/{sub.reference}")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="{sub.reference}.xlsx"'
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer.content == (collection.store / sub.stored).read_bytes()


def test_downloads_are_the_bytes_the_command_line_writes(
    collection: Portal, tmp_path: Path
) -> None:
    client = officer_client(manager=False)
    store = str(collection.store)
    gap = client.get(f"/desk/download/gap.json?year={YEAR}&target=2030")
    assert gap["Content-Disposition"] == f'attachment; filename="gap-{YEAR}-2030.json"'
    cli_gap = gplan("gap", store, "--year", "2030", "--report-year", str(YEAR), "-f", "json")
    assert gap.content == cli_gap
    gap_csv = client.get(f"/desk/download/gap.csv?year={YEAR}&target=2025").content
    cli_csv = gplan("gap", store, "--year", "2025", "--report-year", str(YEAR), "-f", "csv")
    assert gap_csv == b"\xef\xbb\xbf" + cli_csv
    status_csv = client.get(f"/desk/download/status.csv?year={YEAR}").content
    out = tmp_path / "status.csv"
    gplan("status", store, "--year", str(YEAR), "-o", str(out))
    assert status_csv == out.read_bytes()
    assert status_csv == b"\xef\xbb\xbf" + gplan("status", store, "--year", str(YEAR), "-f", "csv")


def _cells(data: bytes) -> dict[str, list[list[Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def test_workbooks_hold_the_cells_the_command_line_writes(
    collection: Portal, tmp_path: Path
) -> None:
    client = officer_client(manager=False)
    store = str(collection.store)
    status = client.get(f"/desk/download/status.xlsx?year={YEAR}")
    assert status["Content-Disposition"] == f'attachment; filename="status-{YEAR}.xlsx"'
    gplan("status", store, "--year", str(YEAR), "-o", str(tmp_path / "s.xlsx"))
    assert _cells(status.content) == _cells((tmp_path / "s.xlsx").read_bytes())
    report = client.get(f"/desk/download/report.xlsx?year={YEAR}&target=2030")
    gplan(
        "report",
        store,
        "--year",
        "2030",
        "--report-year",
        str(YEAR),
        "-o",
        str(tmp_path / "r.xlsx"),
    )
    assert _cells(report.content) == _cells((tmp_path / "r.xlsx").read_bytes())


def test_the_officer_api_serves_the_same_files_with_a_token(collection: Portal) -> None:
    from django.test import Client

    client = Client()
    bearer = {"Authorization": f"Bearer {collection.token}"}
    desk = officer_client(manager=False)
    for path in ("gap.json?target=2025", "status.xlsx", "report.xlsx", "returns.zip"):
        answer = client.get(
            f"/api/v1/{path.replace('?', f'?year={YEAR}&') if '?' in path else path + f'?year={YEAR}'}",
            headers=bearer,
        )
        assert answer.status_code == 200, path
        assert answer["Content-Disposition"].startswith("attachment;")
    gap = client.get(f"/api/v1/gap.json?year={YEAR}&target=2025", headers=bearer).content
    assert gap == desk.get(f"/desk/download/gap.json?year={YEAR}&target=2025").content
    archive = zipfile.ZipFile(
        io.BytesIO(client.get(f"/api/v1/returns.zip?year={YEAR}", headers=bearer).content)
    )
    names = sorted(archive.namelist())
    assert len(names) == 3 and names[-1] == "receipts.csv"
    assert sorted(n.split("/")[0] for n in names[:2]) == ["S01", "S01-BQL"]
    assert client.get("/api/v1/gap.json?year=1999", headers=bearer).status_code == 400
    assert client.get("/api/v1/gap.json").status_code == 401


def test_an_extension_and_the_late_flag_are_recorded_with_their_reason(collection: Portal) -> None:
    from gender_plan_cli.portal.models import Audit, Submission

    client = officer_client()
    until = (DEADLINE + timedelta(days=5)).isoformat()
    answer = client.post("/desk/unit/S01-BQL/extension", {"until": until, "reason": "Sáp nhập"})
    assert answer.status_code == 302
    assert Submission.objects.get(unit_code="S01-BQL").late is False
    page = client.get("/desk/").content.decode()
    assert "đã nhận 2/4, muộn 0, chưa nộp 1, chỉ có bản lỗi 1" in page
    sub = Submission.objects.get(unit_code="S01")
    client.post(f"/desk/returns/{sub.reference}/late", {"late": "1", "reason": "Ký sai ngày"})
    assert Submission.objects.get(unit_code="S01").late is True
    events = list(
        Audit.objects.filter(event__in=["extension", "late-flag"]).values_list(
            "event", "unit_code", "detail"
        )
    )
    assert events == [
        ("extension", "S01-BQL", f"{until} by officer: Sáp nhập"),
        ("late-flag", "S01", f"{sub.reference} late by officer: Ký sai ngày"),
    ]
    log = client.get("/desk/audit?format=csv")
    assert log["Content-Disposition"] == 'attachment; filename="audit.csv"'
    text = log.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "at,event,address,unit_code,detail"
    assert "Ký sai ngày" in text


def test_a_viewer_may_not_change_deadlines_or_codes(collection: Portal) -> None:
    client = officer_client(manager=False)
    until = DEADLINE.isoformat()
    assert (
        client.post("/desk/unit/S01/extension", {"until": until, "reason": "x"}).status_code == 403
    )
    assert client.post("/desk/unit/S01/code", {"action": "rotate"}).status_code == 403


def test_a_code_rotated_on_the_desk_is_shown_once_and_the_old_one_stops(collection: Portal) -> None:
    from django.test import Client

    client = officer_client()
    client.post("/desk/unit/S02/code", {"action": "rotate"})
    page = client.get("/desk/unit/S02/").content.decode()
    new = page.split('id="new-code">')[1].split("<")[0]
    assert "new-code" not in client.get("/desk/unit/S02/").content.decode()
    clerk = Client()
    assert clerk.post("/", {"code": collection.codes["S02"]}).status_code == 401
    assert clerk.post("/", {"code": new}).status_code == 302
    client.post("/desk/unit/S02/code", {"action": "revoke"})
    assert Client().post("/", {"code": new}).status_code == 401


def test_staff_login_locks_after_five_failures(portal: Portal) -> None:
    from django.test import Client

    client = Client()
    for _ in range(5):
        assert (
            client.post("/desk/login", {"username": "officer", "password": "no"}).status_code == 401
        )
    right = client.post("/desk/login", {"username": "officer", "password": PASSWORD})
    assert right.status_code == 429


# -- reminders ---------------------------------------------------------------------------------


class SmtpSink:
    """A tiny SMTP server on 127.0.0.1 (one connection at a time) keeping every message."""

    def __init__(self) -> None:
        import socket
        import threading

        self.messages: list[tuple[list[str], str]] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                self._session(conn, lines)

    def _session(self, conn: Any, lines: Any) -> None:
        conn.sendall(b"220 sink\r\n")
        rcpt: list[str] = []
        while line := lines.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                conn.sendall(b"354 go\r\n")
                body = b"".join(iter(lines.readline, b".\r\n"))
                self.messages.append((rcpt, body.decode("utf-8", "replace")))
                rcpt = []
                conn.sendall(b"250 ok\r\n")
            elif verb == b"RCPT":
                rcpt.append(line.decode().split("<", 1)[1].split(">", 1)[0])
                conn.sendall(b"250 ok\r\n")
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"250 ok\r\n")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def smtp(collection: Portal) -> Any:
    from dataclasses import replace

    from gender_plan_cli.portal import service
    from gender_plan_cli.portal import store as st

    sink = SmtpSink()
    before = st.read_config(collection.store)
    smtp = {"host": "127.0.0.1", "port": sink.port, "sender": "sonoivu@hanoi.example"}
    st.write_config(collection.store, replace(before, smtp=smtp))
    service.config.cache_clear()
    yield sink
    st.write_config(collection.store, before)
    service.config.cache_clear()
    sink.close()


def test_the_reminder_list_is_a_csv_for_a_mail_merge(collection: Portal) -> None:
    client = officer_client(manager=False)
    answer = client.get("/desk/reminders?format=csv")
    assert answer["Content-Disposition"] == 'attachment; filename="nhac-nop.csv"'
    deadline = DEADLINE.strftime("%d/%m/%Y")
    assert answer.content.decode("utf-8") == (
        "\ufeffunit_code,unit_name,state,email,deadline\r\n"
        f"UB-TP,Ủy ban nhân dân thành phố Hà Nội,Chưa nộp,vanphong@hanoi.example,{deadline}\r\n"
        f"S02,Sở Tài chính,Chỉ có bản lỗi,taichinh@hanoi.example,{deadline}\r\n"
    )


def test_reminders_are_mailed_on_the_days_set_and_never_twice(
    collection: Portal, smtp: SmtpSink
) -> None:
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal.models import Reminder

    assert manage.remind(collection.store, DEADLINE - timedelta(days=5)) == []
    day = DEADLINE - timedelta(days=3)
    sent = manage.remind(collection.store, day)
    assert sent == [("UB-TP", "vanphong@hanoi.example", 3), ("S02", "taichinh@hanoi.example", 3)]
    assert [m[0] for m in smtp.messages] == [["vanphong@hanoi.example"], ["taichinh@hanoi.example"]]
    assert "Subject: =?utf-8?" in smtp.messages[0][1] or "Subject:" in smtp.messages[0][1]
    assert manage.remind(collection.store, day) == []  # never twice
    assert len(smtp.messages) == 2
    after = manage.remind(collection.store, DEADLINE + timedelta(days=1))
    assert [s[2] for s in after] == [-1, -1]
    assert Reminder.objects.count() == 4
    deadline = DEADLINE.strftime("%d/%m/%Y")
    first, late = (mail_of(smtp.messages[i][1]) for i in (0, 2))
    assert first["Subject"] == (f"Nhắc nộp báo cáo cán bộ nữ lãnh đạo, quản lý — hạn {deadline}")
    assert first.get_content() == (
        "Kính gửi Ủy ban nhân dân thành phố Hà Nội (UB-TP),\n\n"
        f"Sở Nội vụ chưa nhận được báo cáo hợp lệ của đơn vị; hạn nộp {deadline} (còn 3 ngày).\n"
        "Đơn vị vui lòng nộp báo cáo trên cổng nộp báo cáo bằng mã đã được cấp.\n"
    )
    assert f"hạn nộp {deadline} (đã quá hạn 1 ngày)" in late.get_content()


def mail_of(raw: str) -> Any:
    """The message the sink kept (its lines as SMTP sent them), parsed."""
    from email import message_from_string, policy

    return message_from_string(raw.replace("\r\n", "\n"), policy=policy.default)


def test_a_reminder_s_words_are_the_catalogue_s_in_either_language() -> None:
    from gender_plan_cli.portal.reminders import Due, message

    due = Due("S02", "Sở Tài chính", "invalid", "taichinh@hanoi.example", DEADLINE)
    english = message(due, "sonoivu@hanoi.example", 1, "en")
    assert english["Subject"] == (
        "Reminder: the return on women in leadership and management — due "
        + DEADLINE.strftime("%d/%m/%Y")
    )
    assert "(1 day left)" in english.get_content()
    assert "(2 days overdue)" in message(due, "x@hanoi.example", -2, "en").get_content()


FIGURES = {  # S01 and S01-BQL received (S02 only broken, UB-TP missing): rate, count
    "female_key_leader": ("100,0%", "2/2 cơ quan"),
    "pool_female": ("45,0%", "36/80 người là nữ"),
    "pool_female_trained": ("83,3%", "30/36 nữ đã đào tạo"),
}


def _figure_rows(page: str, target: int) -> dict[str, tuple[str, str, str]]:
    """indicator → (rate, its count, target) as the figures page shows them for `target`."""
    table = page.split(f'id="figures-{target}"')[1].split("</table>")[0]
    rows = re.findall(
        r'data-indicator="([^"]+)">\s*<td>[^<]*</td>\s*<td class="rate">([^<]*)<br>'
        r'<span class="help">([^<]*)</span></td>.*?</td>\s*<td>([^<]*)</td>',
        table,
        re.S,
    )
    return {ind: (rate, actual, target_shown) for ind, rate, actual, target_shown in rows}


def test_the_figures_are_those_of_gap(collection: Portal) -> None:
    from gender_plan_cli.render.figures import percent

    client = officer_client(manager=False)
    page = client.get("/desk/figures").content.decode()
    for target in (2025, 2030):
        document = json.loads(
            gplan(
                "gap",
                str(collection.store),
                "--year",
                str(target),
                "--report-year",
                str(YEAR),
                "-f",
                "json",
            )
        )
        shown = _figure_rows(page, target)
        assert list(shown) == [ind["id"] for ind in document["indicators"]]
        for ind in document["indicators"]:
            rate, actual, target_shown = shown[ind["id"]]
            assert rate == percent(ind["rate"], "vi"), ind["id"]
            if ind["id"] in FIGURES:
                assert target_shown == percent(ind["effective_target"], "vi"), ind["id"]
                assert (rate, actual) == FIGURES[ind["id"]], shown
