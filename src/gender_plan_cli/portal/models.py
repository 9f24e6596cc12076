"""What the portal stores: codes (hashed), submissions with their receipts, officers' tokens
(hashed), and the audit of every upload, login and code change. No person's data: a return
holds unit figures, and a staff list's people are never copied out of its file."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class UnitCode(models.Model):
    """A unit's secret code for one report year: the selector in clear, the secret hashed."""

    unit_code = models.CharField(max_length=64)
    year = models.IntegerField()
    selector = models.CharField(max_length=8, unique=True)
    secret_hash = models.CharField(max_length=200)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["unit_code", "year"])]


class Submission(models.Model):
    """One upload, accepted or not, and the file kept byte for byte under `stored`."""

    reference = models.CharField(max_length=32, unique=True)
    unit_code = models.CharField(max_length=64)  # the code's unit (whose code sent it)
    year = models.IntegerField()
    received_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    filename = models.CharField(max_length=255)  # as the clerk named it, for her eyes only
    stored = models.CharField(max_length=255)  # relative to the store: returns/YEAR/UNIT/<random>
    accepted = models.BooleanField()
    late = models.BooleanField(default=False)
    late_reason = models.TextField(blank=True, default="")
    errors = models.IntegerField(default=0)
    warnings = models.IntegerField(default=0)
    via = models.CharField(max_length=8)  # "web" or "api"
    check_json = models.TextField()  # the check document (vi), as the API answered it
    messages_en = models.TextField(blank=True, default="")  # its findings' words in English
    grid_json = models.TextField(blank=True, default="")  # the sheet as drawn (not a roster's)

    class Meta:
        indexes = [models.Index(fields=["unit_code", "year", "received_at"])]


class ApiToken(models.Model):
    """An officer's API token: the selector in clear, the secret hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    selector = models.CharField(max_length=8, unique=True)
    secret_hash = models.CharField(max_length=200)
    created_at = models.DateTimeField()


class Audit(models.Model):
    """Who did what, from where: never a code, a token or a person's data."""

    at = models.DateTimeField(db_index=True)
    event = models.CharField(max_length=32)  # login, login-failed, upload, codes-issued, …
    address = models.CharField(max_length=64, blank=True, default="")
    unit_code = models.CharField(max_length=64, blank=True, default="")
    detail = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["event", "address", "at"])]


class Extension(models.Model):
    """A unit's own deadline for one report year, granted by an officer with a reason."""

    unit_code = models.CharField(max_length=64)
    year = models.IntegerField()
    until = models.DateField()
    reason = models.TextField()
    officer = models.CharField(max_length=150)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["unit_code", "year"])]


class LateDecision(models.Model):
    """An officer's word on a submission's late flag, with the reason (the last one holds)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE)
    late = models.BooleanField()
    reason = models.TextField()
    officer = models.CharField(max_length=150)
    at = models.DateTimeField()


class Reminder(models.Model):
    """A reminder e-mailed to a unit: one per unit, year and day (never sent twice)."""

    unit_code = models.CharField(max_length=64)
    year = models.IntegerField()
    offset = models.IntegerField()  # days before its deadline (negative: after)
    to = models.CharField(max_length=254)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year", "offset"], name="one_reminder")
        ]
