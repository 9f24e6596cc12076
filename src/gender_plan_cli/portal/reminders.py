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

from gender_plan_cli.i18n import text
from gender_plan_cli.portal import board, service
from gender_plan_cli.portal.models import Reminder

CSV_COLUMNS = ("unit_code", "unit_name", "state", "email", "deadline")
MAIL_LANG = "vi"  # the units are Vietnamese: the reminders and their CSV are in Vietnamese


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
                text(f"portal.mail.state.{d.state}", MAIL_LANG),
                neutralize(d.email),
                d.deadline.strftime("%d/%m/%Y"),
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def message(d: Due, sender: str, offset: int, lang: str = MAIL_LANG) -> EmailMessage:
    """The reminder to one unit, `offset` days before its deadline (after it when negative)."""
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = d.email
    deadline = d.deadline.strftime("%d/%m/%Y")
    mail["Subject"] = text("portal.mail.subject", lang, deadline=deadline)
    if offset > 0:
        when = text("portal.mail.left", lang, days=offset)
    else:
        when = text("portal.mail.overdue", lang, days=-offset)
    body = text("portal.mail.body", lang, name=d.name, code=d.code, deadline=deadline, when=when)
    mail.set_content(body)
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
