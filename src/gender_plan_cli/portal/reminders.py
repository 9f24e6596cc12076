"""Reminders: the units missing or with only invalid attempts, as a CSV for a mail merge, and the
e-mails `gplan portal remind DIR` sends on the days the store's config names — each recorded
per unit and day, never sent twice."""

from __future__ import annotations

import csv
import io
import smtplib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage

from django.db import IntegrityError, transaction
from django.utils import timezone

from gender_plan_cli.portal import board, service
from gender_plan_cli.portal.models import Reminder

CSV_COLUMNS = ("unit_code", "unit_name", "state", "email", "deadline")
STATE_WORDS = {"missing": "Chưa nộp", "invalid": "Chỉ có bản lỗi"}


@dataclass
class Due:
    code: str
    name: str
    state: str
    email: str
    deadline: date


def due() -> list[Due]:
    """Every unit of the year still owing a return (missing, or only invalid attempts)."""
    units = service.registry().units
    return [
        Due(
            r.code,
            r.name,
            r.state,
            units[r.code].email or "",
            service.deadline_for(r.code),
        )
        for r in board.rows(service.config().year)
        if r.state in ("missing", "invalid")
    ]


def due_csv(rows: list[Due]) -> bytes:
    """UTF-8 with a BOM (Excel opens it right), one unit a row."""
    from gender_plan_cli.safe_output import neutralize

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for d in rows:
        writer.writerow(
            [
                neutralize(d.code),
                neutralize(d.name),
                STATE_WORDS[d.state],
                neutralize(d.email),
                d.deadline.strftime("%d/%m/%Y"),
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def message(d: Due, sender: str, offset: int) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = d.email
    deadline = d.deadline.strftime("%d/%m/%Y")
    mail["Subject"] = f"Nhắc nộp báo cáo cán bộ nữ lãnh đạo, quản lý — hạn {deadline}"
    when = f"còn {offset} ngày" if offset > 0 else f"đã quá hạn {-offset} ngày"
    mail.set_content(
        f"Kính gửi {d.name} ({d.code}),\n\n"
        f"Sở Nội vụ chưa nhận được báo cáo hợp lệ của đơn vị; hạn nộp {deadline} ({when}).\n"
        "Đơn vị vui lòng nộp báo cáo trên cổng nộp báo cáo bằng mã đã được cấp.\n\n"
        f"Dear {d.name}: the Department has not received a valid return from your unit; "
        f"the deadline is {deadline}. Please submit it on the portal with your code.\n"
    )
    return mail


def remind(today: date) -> list[tuple[str, str, int]]:
    """E-mail every unit due a reminder today (its deadline minus one of the configured days)
    that has an address and has not had that day's reminder: (unit, address, offset) sent."""
    cfg = service.config()
    if not cfg.smtp:
        return []
    todo = []
    for d in due():
        offset = (d.deadline - today).days
        if d.email and offset in cfg.reminder_days:
            todo.append((d, offset))
    sent: list[tuple[str, str, int]] = []
    if not todo:
        return sent
    smtp = cfg.smtp
    with smtplib.SMTP(smtp["host"], int(smtp.get("port", 25)), timeout=30) as server:
        if smtp.get("starttls"):
            server.starttls()
        if smtp.get("username"):
            server.login(smtp["username"], smtp.get("password", ""))
        for d, offset in todo:
            if _record(d, cfg.year, offset):
                server.send_message(message(d, smtp["sender"], offset))
                service.audit("reminder", unit_code=d.code, detail=f"{offset} days, {d.email}")
                sent.append((d.code, d.email, offset))
    return sent


def _record(d: Due, year: int, offset: int) -> bool:
    """The reminder written before it is sent; False when it already was (never twice)."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                unit_code=d.code, year=year, offset=offset, to=d.email, sent_at=timezone.now()
            )
    except IntegrityError:
        return False
    return True
