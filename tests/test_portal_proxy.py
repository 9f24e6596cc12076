"""`gplan serve --behind-tls` as the reverse proxy of docs/portal.md sees it: a real waitress
server in its own process, spoken to over HTTP on 127.0.0.1 as nginx or IIS would, with
`X-Forwarded-Proto: https` and the clerk's address in `X-Forwarded-For`. The cookies are
Secure, CSRF holds for the https origin, and the lockout counts the clerk's address, not the
proxy's."""

from __future__ import annotations

import csv
import http.client
import io
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

from portal_helpers import REGISTRY, YEAR

pytest.importorskip("django", reason="the portal extra (django) is not installed")

SRC = str(Path(__file__).resolve().parents[1] / "src")
ENV = {**os.environ, "PYTHONPATH": SRC}
WRONG = "ACDE-FGHJ-KMNP-QRTW"


def gplan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """A store served with `--behind-tls` on a free loopback port, and its units' codes."""
    registry = tmp_path / "units.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    store = tmp_path / "store"
    made = gplan("portal", "init", str(store), "--units", str(registry), "--year", str(YEAR))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "codes.csv"
    assert gplan("portal", "codes", str(store), "-o", str(out)).returncode == 0
    rows = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    codes = {r["unit_code"]: r["code"] for r in rows}
    port = free_port()
    command = [sys.executable, "-m", "gender_plan_cli", "serve", str(store), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--behind-tls"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port, codes
    finally:
        server.terminate()
        server.communicate(timeout=30)


def ask(
    port: int, method: str, path: str, clerk: str, cookies: dict[str, str], body: str = ""
) -> http.client.HTTPResponse:
    """One request as the proxy forwards it: https outside, the clerk's address in a header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": clerk,
        "Origin": f"https://127.0.0.1:{port}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body.encode(), headers=headers)
    answer = conn.getresponse()
    answer.read()
    conn.close()
    return answer


def set_cookies(answer: http.client.HTTPResponse) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    for header in answer.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar


def sign_in(port: int, clerk: str, code: str) -> http.client.HTTPResponse:
    """The landing page, then its form posted with the code, as her browser does."""
    page = ask(port, "GET", "/", clerk, {})
    token = set_cookies(page)["csrftoken"].value
    form = urllib.parse.urlencode({"code": code, "csrfmiddlewaretoken": token})
    return ask(port, "POST", "/", clerk, {"csrftoken": token}, form)


def test_behind_tls_the_cookies_are_secure_and_csrf_holds_for_the_https_origin(
    proxied: tuple[int, dict[str, str]],
) -> None:
    port, codes = proxied
    page = ask(port, "GET", "/", "203.0.113.9", {})
    assert page.status == 200
    csrf = set_cookies(page)["csrftoken"]
    assert csrf["secure"] is True and csrf["httponly"] is True and csrf["samesite"] == "Lax"
    signed = sign_in(port, "203.0.113.9", codes["S01"])
    assert signed.status == 302 and signed.headers["Location"] == "/unit/"
    session = set_cookies(signed)["gplan_session"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["samesite"] == "Lax"
    # a form posted without its token is refused, https or not
    bare = urllib.parse.urlencode({"code": codes["S01"]})
    assert ask(port, "POST", "/", "203.0.113.9", {}, bare).status == 403


def test_behind_tls_the_lockout_counts_the_clerk_s_address_not_the_proxy_s(
    proxied: tuple[int, dict[str, str]],
) -> None:
    port, codes = proxied
    tries = [sign_in(port, "203.0.113.9", WRONG).status for _ in range(3)]
    assert tries == [401, 401, 429]
    assert sign_in(port, "203.0.113.9", codes["S01"]).status == 429  # her address: locked
    # another clerk behind the same proxy (the same peer, 127.0.0.1) is not locked out
    assert sign_in(port, "198.51.100.7", codes["S02"]).status == 302
