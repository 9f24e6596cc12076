"""The clerk's whole way in a real browser (Playwright driving Chromium): her code, a broken
return, its findings at their cells, the fixed return, the receipt. Screenshots are kept in a
temporary folder (and in $GPLAN_PORTAL_SHOTS when set, to look at them)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from portal_helpers import Portal, broken_return, good_return, portal, portal_session

__all__ = ["portal", "portal_session"]

CHROMIUM = os.environ.get("GPLAN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not Path(CHROMIUM).is_file():
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium, or set GPLAN_CHROMIUM)",
        allow_module_level=True,
    )


@pytest.fixture
def base_url(portal: Portal) -> Iterator[str]:
    """The store served by waitress on a free loopback port, in a thread."""
    from gender_plan_cli.portal.serve import server

    running = server(portal.store, "127.0.0.1", 0)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{running.effective_port}"
    finally:
        running.close()
        thread.join(5)


@pytest.fixture
def page(base_url: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        yield tab
        context.close()
        browser.close()


def shot(page: Any, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    keep = os.environ.get("GPLAN_PORTAL_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def test_the_clerk_s_whole_way(page: Any, base_url: str, portal: Portal, tmp_path: Path) -> None:
    errors: list[str] = []
    # A refused code is answered 401, which the console reports as a resource that failed.
    page.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "status of 401" not in m.text else None
        ),
    )
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Nộp báo cáo cán bộ nữ lãnh đạo, quản lý"
    shot(page, tmp_path, "1-landing")

    page.fill("#code", "ACDE-FGHJ-KMNP-QRTW")
    page.click("button[type=submit]")
    assert "Mã không đúng hoặc đã hết hạn" in page.locator(".alert").inner_text()

    page.fill("#code", portal.codes["S01"])
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/unit/")
    assert "Sở Nội vụ" in page.locator("h2").first.inner_text()
    shot(page, tmp_path, "2-unit")

    page.set_input_files("#file", str(broken_return(portal.files)))
    page.click("text=Gửi và kiểm tra")
    page.wait_for_url("**/unit/returns/**")
    rows = page.locator("table.findings tbody tr")
    assert rows.count() == 2
    assert [rows.nth(i).get_attribute("data-cell") for i in range(2)] == ["I2", "J2"]
    assert "Báo cáo có lỗi" in page.locator(".attempt h2").inner_text()
    marked = page.locator("table.sheet td.error")
    assert [marked.nth(i).get_attribute("data-ref") for i in range(marked.count())] == ["I2", "J2"]
    background = marked.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(248, 201, 201)"  # the stylesheet is served and applied
    shot(page, tmp_path, "3-findings")

    page.click("text=Về trang của đơn vị")
    path = good_return(portal.files)
    page.set_input_files("#file", str(path))
    page.click("text=Gửi và kiểm tra")
    page.wait_for_url("**/unit/returns/**")
    assert page.locator("#receipt h2").inner_text() == "✓ Đã nhận báo cáo"
    import hashlib

    assert page.locator("#sha256").inner_text() == hashlib.sha256(path.read_bytes()).hexdigest()
    assert page.locator("#no-findings").inner_text() == "Không có lỗi."
    shot(page, tmp_path, "4-receipt")

    page.click("text=Về trang của đơn vị")
    assert page.locator("tr.counts").count() == 1
    page.click("text=English")
    assert "What you have sent" in page.content()
    shot(page, tmp_path, "5-unit-english")
    assert errors == []  # no CSP violation, no script error
