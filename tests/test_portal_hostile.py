"""Hostile uploads against the portal (issue 27, item 5): a size that lies, a slow sender, a zip
bomb under the cap, a name that tries to leave the store, a burst from one code, and bytes
mutated at random — each answered with a status, never a crash, nothing kept but the upload."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_builders import _lying_bomb, _zip_bomb
from portal_helpers import Portal, good_return, portal, portal_session

__all__ = ["portal", "portal_session"]


@pytest.fixture
def client(portal: Portal) -> Any:
    from django.test import Client

    return Client()


@pytest.fixture
def served(portal: Portal) -> Iterator[int]:
    """The store served by waitress on a free loopback port: the port."""
    from gender_plan_cli.portal.serve import server

    running = server(portal.store, "127.0.0.1", 0)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        yield int(running.effective_port)
    finally:
        running.close()
        thread.join(5)


def _api(client: Any, path: Path, code: str, name: str | None = None) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name or path.name, path.read_bytes())
    headers = {"Authorization": f"Bearer {code}"}
    return client.post("/api/v1/returns", {"file": upload}, headers=headers)


def _stored(portal: Portal) -> list[Path]:
    return sorted(p for p in (portal.store / "returns").rglob("*") if p.is_file())


def _multipart(name: str, body: bytes) -> tuple[bytes, str]:
    boundary = "gplanboundary7d93"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + body + f"\r\n--{boundary}--\r\n".encode(), boundary


def _request(port: int, code: str, payload: bytes, boundary: str, length: int) -> bytes:
    head = (
        f"POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {code}\r\nContent-Type: multipart/form-data; boundary={boundary}"
        f"\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    ).encode()
    return head + payload


def _answer(sock: socket.socket) -> bytes:
    sock.settimeout(60)
    out = b""
    while chunk := sock.recv(65536):
        out += chunk
    return out


def test_a_body_shorter_than_its_declared_size_keeps_nothing(portal: Portal, served: int) -> None:
    payload, boundary = _multipart("bao-cao.xlsx", good_return(portal.files).read_bytes())
    with socket.create_connection(("127.0.0.1", served)) as sock:
        sock.sendall(_request(served, portal.codes["S01"], payload, boundary, len(payload) + 5000))
        sock.shutdown(socket.SHUT_WR)  # the rest never comes
        answer = _answer(sock)
    assert answer == b"" or b" 201 " not in answer.split(b"\r\n", 1)[0]
    assert _stored(portal) == []


def test_a_body_longer_than_its_declared_size_is_cut_there_and_refused(
    portal: Portal, served: int
) -> None:
    payload, boundary = _multipart("bao-cao.xlsx", good_return(portal.files).read_bytes())
    with socket.create_connection(("127.0.0.1", served)) as sock:
        sock.sendall(_request(served, portal.codes["S01"], payload, boundary, 300))
        status = _answer(sock).split(b"\r\n", 1)[0]
    assert status == b"HTTP/1.1 400 Bad Request"
    assert _stored(portal) == []


def test_a_slow_sender_holds_no_one_else_up(portal: Portal, served: int) -> None:
    """One byte a second: the server reads it aside while another unit's upload is answered."""
    payload, boundary = _multipart("bao-cao.xlsx", good_return(portal.files).read_bytes())
    slow = socket.create_connection(("127.0.0.1", served))
    request = _request(served, portal.codes["S01"], payload, boundary, len(payload))
    try:
        for byte in request[:4]:
            slow.sendall(bytes([byte]))
            time.sleep(1)
        started = time.monotonic()
        other, other_boundary = _multipart(
            "khac.xlsx", good_return(portal.files, "khac.xlsx", unit_code="S02").read_bytes()
        )
        with socket.create_connection(("127.0.0.1", served)) as fast:
            fast.sendall(_request(served, portal.codes["S02"], other, other_boundary, len(other)))
            status = _answer(fast).split(b"\r\n", 1)[0]
        assert status == b"HTTP/1.1 201 Created"
        assert time.monotonic() - started < 60
    finally:
        slow.close()
    assert len(_stored(portal)) == 1


def test_a_zip_bomb_under_the_cap_is_an_attempt_with_its_finding(
    client: Any, portal: Portal
) -> None:
    for build, code in ((_zip_bomb, "file-too-large"), (_lying_bomb, "file-too-large")):
        path = build(portal.files)
        assert path.stat().st_size < 1024 * 1024
        answer = _api(client, path, portal.codes["S01"])
        assert answer.status_code == 422, build.__name__
        body = answer.json()
        assert body["accepted"] is False
        assert [f["code"] for f in body["check"]["files"][0]["findings"]] == [code]
        assert body["receipt"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_name_with_separators_and_controls_stays_a_name(client: Any, portal: Portal) -> None:
    path = good_return(portal.files)
    hostile = "..\\../../etc/passwd\x01\x1b[31m\u202e.xlsx"
    answer = _api(client, path, portal.codes["S01"], name=hostile)
    assert answer.status_code == 201
    receipt = answer.json()["receipt"]
    assert "/" not in receipt["filename"] and "\\" not in receipt["filename"]
    assert not any(ord(c) < 32 or c == "\u202e" for c in receipt["filename"])
    (kept,) = _stored(portal)
    assert kept.is_relative_to(portal.store / "returns")
    assert kept.read_bytes() == path.read_bytes()
    assert not (portal.store.parent / "etc").exists()


def test_a_hundred_uploads_from_one_code_in_a_minute(
    client: Any, portal: Portal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The unit's quota is read before anything is kept or checked: the burst's rest is 429."""
    import dataclasses

    from gender_plan_cli.portal import service

    few = dataclasses.replace(service.config(), uploads_per_hour=3)
    monkeypatch.setattr(service, "config", lambda: few)
    path = good_return(portal.files)
    started = time.monotonic()
    statuses = [_api(client, path, portal.codes["S01"]).status_code for _ in range(100)]
    assert statuses == [201] * 3 + [429] * 97
    assert time.monotonic() - started < 60
    assert len(_stored(portal)) == 3


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_uploads_get_a_status_and_are_kept_byte_for_byte(
    client: Any, portal: Portal, data: st.DataObject
) -> None:
    raw = bytearray(good_return(portal.files).read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, 2**20)) % len(raw)  # the form's size varies by a byte
        raw[at] = data.draw(st.integers(0, 255))
    path = portal.files / "mutated.xlsx"
    path.write_bytes(bytes(raw))
    answer = _api(client, path, portal.codes["S01"])
    assert answer.status_code in (201, 403, 422)
    sha = answer.json()["receipt"]["sha256"]
    assert sha == hashlib.sha256(bytes(raw)).hexdigest()
    kept = [p for p in _stored(portal) if hashlib.sha256(p.read_bytes()).hexdigest() == sha]
    assert kept, "the upload was not kept as sent"
