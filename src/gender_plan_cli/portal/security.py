"""The guards every request passes: headers, the body's size before it is read, the lockout
of an address after wrong codes, the rate of uploads per unit, the queue of checks."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
FORM_OVERHEAD = 64 * 1024  # the multipart envelope and the CSRF field around the file
WRONG_CODES = 3
LOCKOUT = timedelta(minutes=30)
MAX_CHECKS = 2  # files checked at once (one worker each): the machine's cores
MAX_WAITING = 60  # uploads queued behind them; one more is told to come back (503)
RETRY_AFTER = "30"


class HeadersMiddleware:
    """No inline script or style anywhere (CSP), no sniffing, no caching of a unit's pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Content-Security-Policy"] = CSP
        response["X-Content-Type-Options"] = "nosniff"
        response["Referrer-Policy"] = "same-origin"
        response["Cross-Origin-Opener-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class BodySizeMiddleware:
    """A body announced larger than the cap is refused before a byte of it is read (413)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.GPLAN_MAX_UPLOAD_BYTES + FORM_OVERHEAD:
            return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    from gender_plan_cli.portal.texts import t

    mb = settings.GPLAN_MAX_UPLOAD_BYTES // (1024 * 1024)
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": "too-large", "max_bytes": settings.GPLAN_MAX_UPLOAD_BYTES}, status=413
        )
    response = HttpResponse(
        t("upload.too-large", "vi", mb=mb), status=413, content_type="text/plain; charset=utf-8"
    )
    response["Connection"] = "close"
    return response


class UploadTooLarge(Exception):
    pass


class CappedUploadHandler(TemporaryFileUploadHandler):
    """Counts the bytes of a file as they stream in (a chunked body has no Content-Length):
    past the cap the upload stops and the request is answered 413."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.GPLAN_MAX_UPLOAD_BYTES:
            if self.request is not None:
                self.request.upload_too_large = True  # type: ignore[attr-defined]
            raise StopUpload(connection_reset=True)
        return super().receive_data_chunk(raw_data, start)


def client_address(request: HttpRequest) -> str:
    """The peer's address. Behind the reverse proxy (`--behind-tls`), waitress trusts the
    proxy's X-Forwarded-For and puts the clerk's address here."""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


def locked_out(address: str) -> bool:
    """Three wrong codes (or tokens) from this address within 30 minutes."""
    from gender_plan_cli.portal.models import Audit

    since = timezone.now() - LOCKOUT
    wrong = Audit.objects.filter(event="login-failed", address=address, at__gte=since).count()
    return wrong >= WRONG_CODES


def uploads_last_hour(unit_code: str) -> int:
    from gender_plan_cli.portal.models import Submission

    since = timezone.now() - timedelta(hours=1)
    return Submission.objects.filter(unit_code=unit_code, received_at__gte=since).count()


class Busy(Exception):
    """More uploads waiting than the queue holds: come back later (503, Retry-After)."""


class CheckQueue:
    """At most MAX_CHECKS files checked at once, at most MAX_WAITING waiting for their turn.

    A turn holds one of the `running` slots, numbered from 0: the service keeps a reader pool
    per slot, so a check never waits for a worker to start."""

    def __init__(self, running: int = MAX_CHECKS, waiting: int = MAX_WAITING) -> None:
        self.free: queue.LifoQueue[int] = queue.LifoQueue()  # the warmest slot first
        for slot in reversed(range(running)):
            self.free.put(slot)
        self.lock = threading.Lock()
        self.capacity = running + waiting
        self.inside = 0

    @contextmanager
    def turn(self) -> Iterator[int]:
        with self.lock:
            if self.inside >= self.capacity:
                raise Busy
            self.inside += 1
        try:
            slot = self.free.get()
            try:
                yield slot
            finally:
                self.free.put(slot)
        finally:
            with self.lock:
                self.inside -= 1


QUEUE = CheckQueue()
