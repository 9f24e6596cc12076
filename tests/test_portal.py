"""The portal through Django's test client: the clerk's way, the API, and the upload checklist
(docs/portal.md#security), each item a test. Real files from the builders, a real store."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from builders import simple_form, unit
from portal_helpers import YEAR, Portal, broken_return, good_return, portal, portal_session

__all__ = ["portal", "portal_session"]  # the fixtures, used by name


@pytest.fixture
def client(portal: Portal) -> Any:
    from django.test import Client

    return Client()


def login(client: Any, code: str) -> Any:
    return client.post("/", {"code": code})


def upload(client: Any, path: Path, name: str | None = None, **extra: Any) -> Any:
    with path.open("rb") as fh:
        if name is not None:
            from django.core.files.uploadedfile import SimpleUploadedFile

            fh = SimpleUploadedFile(
                name, fh.read(), content_type=extra.pop("content_type", "application/octet-stream")
            )  # type: ignore[assignment]
        return client.post("/unit/upload", {"file": fh}, **extra)


def api_upload(client: Any, path: Path, code: str | None, **extra: Any) -> Any:
    headers = {"Authorization": f"Bearer {code}"} if code is not None else {}
    with path.open("rb") as fh:
        return client.post("/api/v1/returns", {"file": fh}, headers=headers, **extra)


def submissions() -> list[Any]:
    from gender_plan_cli.portal.models import Submission

    return list(Submission.objects.order_by("received_at"))


# -- the clerk's way ------------------------------------------------------------------------------


def test_landing_page_is_vietnamese_first_with_an_english_switch(client: Any) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Mã nộp báo cáo của đơn vị" in page.content.decode()
    assert 'name="code"' in page.content.decode()
    english = client.get("/?lang=en")
    assert "Your unit&#x27;s submission code" in english.content.decode()


def test_a_right_code_opens_the_unit_page(client: Any, portal: Portal) -> None:
    answer = login(client, portal.codes["S01"].lower().replace("-", " "))  # as typed, forgiven
    assert answer.status_code == 302 and answer["Location"] == "/unit/"
    page = client.get("/unit/").content.decode()
    assert "Sở Nội vụ" in page and "(S01)" in page
    assert "2 đơn vị" in page  # S01 and the unit under it
    assert "Chưa gửi lần nào." in page
    assert 'href="/unit/template.xlsx"' in page


def test_a_broken_return_shows_every_finding_at_its_cell_and_is_not_received(
    client: Any, portal: Portal
) -> None:
    login(client, portal.codes["S01"])
    answer = upload(client, broken_return(portal.files))
    assert answer.status_code == 302
    [sub] = submissions()
    assert not sub.accepted and sub.errors == 2
    page = client.get(answer["Location"]).content.decode()
    assert "Báo cáo có lỗi — chưa được nhận" in page
    cells = re.findall(r'data-cell="([A-Z]+\d+)" data-code="([a-z-]+)"', page)
    assert cells == [("I2", "exceeds-total"), ("J2", "type-error")]  # in the order of the sheet
    assert 'class="error" title="Ô I2:' in page  # the grid marks the cell
    assert '<td class="error" title="Ô J2' in page or 'data-ref="J2"' in page
    assert "Số biên nhận" not in page  # no receipt for an attempt


def test_a_valid_return_gets_a_receipt(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    path = good_return(portal.files)
    answer = upload(client, path)
    [sub] = submissions()
    assert sub.accepted and not sub.late
    page = client.get(answer["Location"]).content.decode()
    assert "Đã nhận báo cáo" in page
    assert f'<strong id="reference">{sub.reference}</strong>' in page
    assert hashlib.sha256(path.read_bytes()).hexdigest() in page
    assert "Không có lỗi." in page
    assert re.search(r'id="received">\d\d/\d\d/\d{4} \d\d:\d\d:\d\d<', page)
    assert "Tiếp theo: Sở Nội vụ tổng hợp" in page


def test_the_latest_accepted_return_counts(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    upload(client, good_return(portal.files, "a.xlsx"))
    upload(client, broken_return(portal.files))
    upload(client, good_return(portal.files, "b.xlsx", staff_total=210))
    page = client.get("/unit/").content.decode()
    assert page.count('<tr class="counts">') == 1
    counting = page.split('<tr class="counts">')[1].split("</tr>")[0]
    assert "b.xlsx" in counting and "Bản đang được tính" in counting


def test_a_late_return_is_received_marked_late_and_asks_for_a_reason(
    client: Any, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses
    from datetime import date

    from gender_plan_cli.portal import service

    late = dataclasses.replace(service.config(), deadline=date.today() - timedelta(days=1))
    monkeypatch.setattr(service, "config", lambda: late)
    login(client, portal.codes["S01"])
    answer = upload(client, good_return(portal.files))
    [sub] = submissions()
    assert sub.accepted and sub.late
    page = client.get(answer["Location"]).content.decode()
    assert "Báo cáo nộp sau hạn" in page and 'name="reason"' in page
    client.post(f"/unit/returns/{sub.reference}/reason", {"reason": "Chờ số liệu của Ban"})
    sub.refresh_from_db()
    assert sub.late_reason == "Chờ số liệu của Ban"
    assert "Đã ghi nhận lý do nộp muộn." in client.get(answer["Location"]).content.decode()


def test_a_whole_wrong_column_is_said_once(client: Any, portal: Portal) -> None:
    path = simple_form(
        portal.files / "cot.xlsx",
        [
            unit(report_year=YEAR, key_leaders_total="bốn"),
            unit(
                report_year=YEAR,
                unit_code="S01-BQL",
                unit_name="Ban Tôn giáo",
                key_leaders_total="ba",
            ),
        ],
    )
    login(client, portal.codes["S01"])
    page = client.get(upload(client, path)["Location"]).content.decode()
    assert "Cột J: cả 2 dòng đơn vị đều có lỗi (type-error)" in page


def test_the_unit_s_prefilled_form_is_an_attachment(client: Any, portal: Portal) -> None:
    import io

    import openpyxl

    login(client, portal.codes["S01"])
    answer = client.get("/unit/template.xlsx")
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="bieu-mau-{YEAR}-S01.xlsx"'
    assert answer["X-Content-Type-Options"] == "nosniff"
    ws = openpyxl.load_workbook(io.BytesIO(answer.content)).worksheets[0]
    assert [ws[f"{c}9"].value for c in "ABCF"] == ["S01", "Sở Nội vụ", "UB-TP", "Nội vụ"]


def test_another_unit_s_page_is_not_found(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    upload(client, good_return(portal.files))
    [sub] = submissions()
    other = type(client)()
    login(other, portal.codes["S02"])
    assert other.get(f"/unit/returns/{sub.reference}/").status_code == 404


# -- the API --------------------------------------------------------------------------------------


def test_api_accepts_a_valid_return_201(client: Any, portal: Portal) -> None:
    path = good_return(portal.files)
    answer = api_upload(client, path, portal.codes["S01"])
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"receipt", "accepted", "check"}
    assert set(body["receipt"]) == {
        "id",
        "unit_code",
        "received_at",
        "sha256",
        "bytes",
        "filename",
        "late",
    }
    assert body["accepted"] is True
    assert body["receipt"]["unit_code"] == "S01"
    assert body["receipt"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert body["receipt"]["bytes"] == path.stat().st_size
    assert body["receipt"]["filename"] == "bao-cao.xlsx"
    assert body["receipt"]["received_at"].endswith("+07:00")  # Asia/Ho_Chi_Minh
    assert body["check"]["valid"] is True and body["check"]["files"][0]["path"] == "bao-cao.xlsx"


def test_api_check_document_is_that_of_gplan_check(client: Any, portal: Portal) -> None:
    import jsonschema

    from gender_plan_cli.render.schema import shipped

    answer = api_upload(client, broken_return(portal.files), portal.codes["S01"])
    assert answer.status_code == 422
    body = answer.json()
    assert body["accepted"] is False
    jsonschema.validate(body["check"], json.loads(shipped("check")))
    findings = [(f["cell"], f["code"]) for f in body["check"]["files"][0]["findings"]]
    assert findings == [("I2", "exceeds-total"), ("J2", "type-error")]


def test_api_validates_against_its_own_schema(client: Any, portal: Portal) -> None:
    import jsonschema

    from gender_plan_cli.portal.schemas import schema

    body = api_upload(client, good_return(portal.files), portal.codes["S01"]).json()
    jsonschema.validate(body, schema("portal-return"))


def test_api_without_a_code_or_with_a_wrong_one_is_401(client: Any, portal: Portal) -> None:
    path = good_return(portal.files)
    assert api_upload(client, path, None).status_code == 401
    wrong = api_upload(client, path, "ACDE-FGHJ-KMNP-QRTW")
    assert wrong.status_code == 401 and wrong.json() == {"error": "unauthorized"}
    assert wrong["WWW-Authenticate"] == 'Bearer realm="gplan"'
    assert submissions() == []


def test_api_refuses_rows_of_a_unit_the_code_does_not_cover_403(
    client: Any, portal: Portal
) -> None:
    path = simple_form(
        portal.files / "hai-don-vi.xlsx",
        [
            unit(report_year=YEAR),
            unit(report_year=YEAR, unit_code="S02", unit_name="Sở Tài chính", sector="Tài chính"),
        ],
    )
    answer = api_upload(client, path, portal.codes["S01"])
    assert answer.status_code == 403
    findings = answer.json()["check"]["files"][0]["findings"]
    assert [(f["cell"], f["code"], f["value"]) for f in findings] == [
        ("A3", "unit-not-covered", "S02")
    ]
    [sub] = submissions()
    assert not sub.accepted


def test_a_code_covers_the_units_under_its_unit(client: Any, portal: Portal) -> None:
    path = simple_form(
        portal.files / "so-va-ban.xlsx",
        [
            unit(report_year=YEAR),
            unit(
                report_year=YEAR, unit_code="S01-BQL", unit_name="Ban Tôn giáo", parent_code="S01"
            ),
        ],
    )
    assert api_upload(client, path, portal.codes["S01"]).status_code == 201


def test_a_return_of_another_year_is_refused(client: Any, portal: Portal) -> None:
    path = simple_form(portal.files / "nam-cu.xlsx", [unit(report_year=YEAR - 1)])
    answer = api_upload(client, path, portal.codes["S01"])
    assert answer.status_code == 422
    [finding] = answer.json()["check"]["files"][0]["findings"]
    assert (finding["cell"], finding["code"], finding["value"]) == ("G2", "wrong-year", YEAR - 1)


def test_api_status_counts_the_portal_s_receipts(client: Any, portal: Portal) -> None:
    api_upload(client, good_return(portal.files), portal.codes["S01"])
    answer = client.get(
        f"/api/v1/status?year={YEAR}", headers={"Authorization": f"Bearer {portal.token}"}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["counts"] == {"on_time": 1, "late": 0, "missing": 3, "resubmitted": 0}
    s01 = next(u for u in body["units"] if u["unit_code"] == "S01")
    assert s01["received_from"] == "portal" and s01["state"] == "on_time"
    assert s01["files"][0].startswith(f"returns/{YEAR}/S01/")
    assert str(portal.store) not in answer.content.decode()
    assert body["registry"] == "units.yaml"


def test_the_store_s_deadline_decides_late_for_the_cli_and_the_api_alike(
    client: Any, portal: Portal
) -> None:
    """`portal init --deadline` moved the deadline before today: a return received today is
    late in `gplan status STORE` and in the officer's API, not on time by 15 December."""
    import dataclasses
    import json
    from datetime import date, timedelta

    from typer.testing import CliRunner

    from gender_plan_cli.cli import app
    from gender_plan_cli.portal import service
    from gender_plan_cli.portal import store as st

    api_upload(client, good_return(portal.files), portal.codes["S01"])
    before = st.read_config(portal.store)
    st.write_config(portal.store, dataclasses.replace(before, deadline=date.today() - timedelta(1)))
    service.config.cache_clear()
    try:
        run = CliRunner().invoke(app, ["status", str(portal.store), "-y", str(YEAR), "-f", "json"])
        states = {u["unit_code"]: u["state"] for u in json.loads(run.stdout)["units"]}
        answer = client.get(
            f"/api/v1/status?year={YEAR}", headers={"Authorization": f"Bearer {portal.token}"}
        )
        via_api = {u["unit_code"]: u["state"] for u in answer.json()["units"]}
    finally:
        st.write_config(portal.store, before)
        service.config.cache_clear()
    assert states["S01"] == via_api["S01"] == "late"


def test_api_status_wants_an_officer_token(client: Any, portal: Portal) -> None:
    assert client.get("/api/v1/status").status_code == 401
    unit_code = {"Authorization": f"Bearer {portal.codes['S01']}"}
    assert client.get("/api/v1/status", headers=unit_code).status_code == 401


# -- security: the OWASP file upload checklist, an item a test -----------------------------------


def test_every_upload_is_kept_byte_for_byte_under_a_random_name(
    client: Any, portal: Portal
) -> None:
    path = good_return(portal.files)
    api_upload(client, path, portal.codes["S01"])
    upload_path = broken_return(portal.files)
    api_upload(client, upload_path, portal.codes["S01"])
    kept = sorted(
        (portal.store / "returns" / str(YEAR) / "S01").iterdir(), key=lambda p: p.stat().st_mtime
    )
    assert len(kept) == 2
    for stored, original in zip(kept, (path, upload_path), strict=True):
        assert re.fullmatch(r"[0-9a-f]{32}\.xlsx", stored.name)
        assert stored.read_bytes() == original.read_bytes()
        assert stat.S_IMODE(stored.stat().st_mode) == 0o400  # never altered
    subs = submissions()
    assert [s.sha256 for s in subs] == [
        hashlib.sha256(p.read_bytes()).hexdigest() for p in (path, upload_path)
    ]


def test_the_extension_decides_never_the_content_type(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    path = good_return(portal.files)
    assert (
        client.get(
            upload(client, path, "bao-cao.xlsx", content_type="text/html")["Location"]
        ).status_code
        == 200
    )
    assert submissions()[0].accepted
    refused = upload(client, path, "bao-cao.exe", content_type="application/vnd.ms-excel")
    assert refused.status_code == 302 and refused["Location"] == "/unit/"
    assert "chỉ nhận .xlsx" in client.get("/unit/").content.decode()
    with path.open("rb") as fh:
        from django.core.files.uploadedfile import SimpleUploadedFile

        api = client.post(
            "/api/v1/returns",
            {
                "file": SimpleUploadedFile(
                    "x.html", fh.read(), content_type="application/vnd.ms-excel"
                )
            },
            headers={"Authorization": f"Bearer {portal.codes['S01']}"},
        )
    assert api.status_code == 415
    assert len(submissions()) == 1


def test_a_body_over_the_cap_is_refused_before_it_is_read_413(client: Any, portal: Portal) -> None:
    from django.test import override_settings

    path = portal.files / "lon.csv"
    path.write_bytes(b"x" * 300_000)
    with override_settings(GPLAN_MAX_UPLOAD_BYTES=100_000):
        answer = api_upload(client, path, portal.codes["S01"])
    assert answer.status_code == 413
    assert answer.json() == {"error": "too-large", "max_bytes": 100_000}
    assert submissions() == []


def test_a_file_over_the_cap_is_stopped_while_it_streams_413(client: Any, portal: Portal) -> None:
    from django.test import override_settings

    path = portal.files / "lon.csv"
    path.write_bytes(b"x" * 120_000)  # within the envelope's allowance, over the file's cap
    with override_settings(GPLAN_MAX_UPLOAD_BYTES=100_000):
        answer = api_upload(client, path, portal.codes["S01"])
    assert answer.status_code == 413
    assert submissions() == []


def test_each_file_is_read_in_an_isolated_worker(
    client: Any, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gender_plan_cli import api

    seen: list[Any] = []
    real = api.read_returns

    def spy(paths: Any, **kw: Any) -> Any:
        seen.append((kw["workers"], kw["pool"]))
        return real(paths, **kw)

    monkeypatch.setattr(api, "read_returns", spy)
    api_upload(client, good_return(portal.files), portal.codes["S01"])
    api_upload(client, good_return(portal.files), portal.codes["S01"])
    (limits, first), (_, second) = seen
    assert limits == api.WorkerLimits(1024, 30, 1)
    assert isinstance(first, api.ReaderPool) and first.limits == limits
    assert second is first  # one slot at a time here: the same workers, kept between uploads


def test_a_full_queue_answers_503_with_retry_after(
    client: Any, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gender_plan_cli.portal import security

    monkeypatch.setattr(security, "QUEUE", security.CheckQueue(running=1, waiting=0))
    with security.QUEUE.turn():
        answer = api_upload(client, good_return(portal.files), portal.codes["S01"])
    assert answer.status_code == 503 and answer["Retry-After"] == "30"


def test_a_form_posted_without_its_csrf_token_is_403(portal: Portal) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    answer = strict.post("/", {"code": portal.codes["S01"]})
    assert answer.status_code == 403
    page = strict.get("/")
    token = page.cookies["csrftoken"].value
    assert (
        strict.post("/", {"code": portal.codes["S01"], "csrfmiddlewaretoken": token}).status_code
        == 302
    )
    assert strict.post("/unit/upload", {}).status_code == 403


def test_session_cookies_are_httponly_and_samesite_lax(client: Any, portal: Portal) -> None:
    answer = login(client, portal.codes["S01"])
    cookie = answer.cookies["gplan_session"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # plain HTTP on loopback; `--behind-tls` sets Secure


def test_cookies_are_secure_behind_tls(portal: Portal) -> None:
    from gender_plan_cli.portal.conf import settings_for

    values = settings_for(portal.store, behind_tls=True)
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert "SECURE_PROXY_SSL_HEADER" not in settings_for(portal.store)


def test_every_page_has_a_csp_without_inline_script(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    answer = upload(client, broken_return(portal.files))
    for url in ("/", "/unit/", answer["Location"]):
        page = client.get(url)
        csp = page["Content-Security-Policy"]
        assert (
            "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
        )
        assert page["X-Content-Type-Options"] == "nosniff"
        html = page.content.decode()
        assert "<script" not in html and "<style" not in html and " style=" not in html
    css = client.get("/static/portal.css")
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")


def test_three_wrong_codes_lock_the_address_for_30_minutes(client: Any, portal: Portal) -> None:
    assert [login(client, "ACDE-FGHJ-KMNP-QRTW").status_code for _ in range(3)] == [401, 401, 429]
    locked = login(client, portal.codes["S01"])
    assert locked.status_code == 429 and "30 phút" in locked.content.decode()
    api = api_upload(client, good_return(portal.files), portal.codes["S01"])
    assert api.status_code == 429 and api["Retry-After"] == "1800"


def test_uploads_are_rate_limited_per_unit_429(
    client: Any, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from gender_plan_cli.portal import service

    few = dataclasses.replace(service.config(), uploads_per_hour=2)
    monkeypatch.setattr(service, "config", lambda: few)
    path = good_return(portal.files)
    statuses = [api_upload(client, path, portal.codes["S01"]).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert api_upload(client, path, portal.codes["S02"]).status_code == 403  # S02: its own quota


def test_no_server_path_in_any_page_or_json(client: Any, portal: Portal) -> None:
    login(client, portal.codes["S01"])
    answer = upload(client, broken_return(portal.files))
    shown = [client.get(u).content.decode() for u in ("/unit/", answer["Location"])]
    api = api_upload(client, broken_return(portal.files), portal.codes["S01"]).content.decode()
    for text in [*shown, api]:
        assert str(portal.store) not in text and "/tmp" not in text


def test_the_audit_records_logins_uploads_and_codes_without_secrets(
    client: Any, portal: Portal
) -> None:
    from gender_plan_cli.portal.models import Audit

    login(client, "ACDE-FGHJ-KMNP-QRTW")
    login(client, portal.codes["S01"])
    upload(client, good_return(portal.files))
    events = list(Audit.objects.order_by("at").values_list("event", "unit_code"))
    assert ("codes-rotated", "") in events and ("officer-created", "") in events
    assert events[-3:] == [("login-failed", ""), ("login", "S01"), ("upload", "S01")]
    everything = json.dumps(list(Audit.objects.values()), default=str)
    assert portal.codes["S01"] not in everything and portal.token not in everything


def test_codes_are_stored_only_hashed(portal: Portal) -> None:
    from gender_plan_cli.portal.models import UnitCode

    row = UnitCode.objects.get(unit_code="S01", revoked=False)
    selector, secret = portal.codes["S01"].split("-", 1)
    assert row.selector == selector and secret not in row.secret_hash
    assert row.secret_hash.startswith("pbkdf2_sha256$")
    assert len(portal.codes["S01"].replace("-", "")) >= 10


def test_a_roster_s_people_never_reach_a_page_or_json(client: Any, portal: Portal) -> None:
    from roster_builders import GENDER_COLUMN_PEOPLE, gender_column_roster

    path = gender_column_roster(portal.files / "danh-sach.xlsx")
    login(client, portal.codes["S01"])
    page = client.get(upload(client, path)["Location"]).content.decode()
    api = api_upload(client, path, portal.codes["S01"]).content.decode()
    people = [(p[0], p[1]) for p in GENDER_COLUMN_PEOPLE]
    for text in (page, api):
        for name, born in people:
            assert str(name) not in text
            shown = born.strftime("%d/%m/%Y") if hasattr(born, "strftime") else str(born)
            assert shown not in text


@pytest.mark.parametrize(
    "name", ["portal-return", "portal-status", "portal-gap", "portal-trend", "portal-error"]
)
def test_the_api_schemas_shipped_are_current(name: str) -> None:
    from gender_plan_cli.portal import schemas

    shipped = (schemas.SCHEMAS / f"{name}.json").read_text(encoding="utf-8")
    assert shipped == schemas.build(name), "run python scripts/make_schemas.py"
