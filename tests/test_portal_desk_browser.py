"""The officer's way on the desk in a real browser (Playwright driving Chromium): sign in, a
late unit on the board, an extension, the report and status workbooks, a code rotated.
Screenshots in a temporary folder (and in $GPLAN_PORTAL_SHOTS when set)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from portal_helpers import DEADLINE, Portal, portal, portal_session
from test_portal_browser import base_url, page, shot
from test_portal_desk import PASSWORD, collection, make_manager
from test_portal_desk_years import years

__all__ = ["base_url", "collection", "page", "portal", "portal_session", "years"]


@pytest.fixture
def manager(collection: Portal) -> Portal:
    """The collection, and the officer a manager: set before the browser's event loop runs."""
    make_manager()
    return collection


def test_the_officer_s_way(manager: Portal, base_url: str, page: Any, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/desk/")
    page.wait_for_url("**/desk/login**")
    page.fill("#username", "officer")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/desk/")
    assert (
        "đã nhận 2/4, muộn 1, chưa nộp 1, chỉ có bản lỗi 1" in page.locator("#counts").inner_text()
    )
    late = page.locator('tr[data-unit="S01-BQL"]')
    assert late.locator(".badge").inner_text() == "Muộn"
    assert "Mất điện cả tuần" in late.inner_text()
    shot(page, tmp_path, "desk-1-board")

    with page.expect_download() as report:
        page.click("text=Báo cáo của Thành phố (.xlsx)")
    assert report.value.suggested_filename.startswith("report-")
    with page.expect_download() as status:
        page.click("text=Tình hình nhận (.xlsx)")
    assert status.value.suggested_filename.startswith("status-")
    from openpyxl import load_workbook

    saved = tmp_path / status.value.suggested_filename
    status.value.save_as(saved)
    assert load_workbook(saved).sheetnames

    late.locator("a").click()
    page.wait_for_url("**/desk/unit/S01-BQL/")
    page.fill("#until", (DEADLINE + timedelta(days=7)).isoformat())
    page.fill("#ext-reason", "Đơn vị sáp nhập, Sở đồng ý gia hạn")
    page.click("text=Ghi lại")
    page.wait_for_url("**/desk/unit/S01-BQL/")
    assert page.locator("#state").inner_text() == "Đúng hạn"
    page.click("#rotate")
    page.wait_for_url("**/desk/unit/S01-BQL/")
    assert len(page.locator("#new-code").inner_text()) == 19
    shot(page, tmp_path, "desk-2-unit")

    page.goto(base_url + "/desk/figures")
    assert page.locator("#figures-2030 tr[data-indicator]").count() >= 4
    assert page.locator("#trend table[data-trend]").count() == 5
    shot(page, tmp_path, "desk-3-figures")
    assert errors == []


def test_the_trend_is_drawn_without_script(
    years: list[Path], base_url: str, page: Any, tmp_path: Path
) -> None:
    """Two earlier years imported: a bar a year, each as wide as its rate (CSS classes, no
    inline style or script under the CSP), the projection striped."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base_url + "/desk/login")
    page.fill("#username", "officer")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/desk/")
    page.goto(base_url + "/desk/figures")
    pool = page.locator('#trend table[data-trend="pool_female"]')
    assert pool.locator("td.rate").all_inner_texts() == [
        "37,5%",
        "42,5%",
        "45,0%",
        *pool.locator("tr.projection td.rate").all_inner_texts(),
    ]
    track = pool.locator(".bar-track").first.bounding_box()
    widths = [
        box["width"] / track["width"]
        for box in (b.bounding_box() for b in pool.locator(".bar-fill").all())
    ]
    assert [round(w, 2) for w in widths[:3]] == [0.38, 0.42, 0.45]
    shot(page, tmp_path, "desk-4-trend")
    assert errors == []
