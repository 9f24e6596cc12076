"""A portal's store on disk, without Django: what the command line needs to read one.

    DIR/gplan-portal.json   the marker: this folder is a portal store (year, deadline, grace)
    DIR/portal.sqlite3      the database (codes hashed, submissions, receipts, audit)
    DIR/secret_key          Django's secret key, mode 0600
    DIR/units.yaml|xlsx|…   the registry, copied in at `gplan portal init`
    DIR/returns/YEAR/UNIT/  every upload, byte for byte, under a random name

`gplan status DIR`, `gap DIR` and `report DIR` read the accepted returns of a store with their
receipt times (`accepted_receipts`), so the command line and the portal never disagree.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gender_plan_cli.records import Received

MARKER = "gplan-portal.json"
DATABASE = "portal.sqlite3"
SECRET_KEY = "secret_key"
RETURNS = "returns"
GRACE_DAYS = 30  # codes work this many days after the deadline (late returns), then expire
MAX_UPLOAD_MB = 20
UPLOADS_PER_HOUR = 20
IMPORTED = "import"  # a submission's `via` when it came from before the portal
EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")
# Codes are typed by hand from a letter: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V.
ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
CODE_GROUPS = 4  # ABCD-EFGH-JKMN-PQRT: the first group finds the code, the rest is the secret
GROUP = 4
# A code is a random 59-bit secret, not a password a person chose: no dictionary to slow down,
# so a few rounds suffice against a stolen database, and 40 logins at once cost no CPU.
PBKDF2_ROUNDS = 10_000


class StoreError(Exception):
    """A folder that is not a store, or a store that cannot be made: `key` names the words
    (`portal.<key>` of messages.yaml), `args_` fill them, so a front end says it in its
    language."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key, args)
        self.key = key
        self.args_ = args


class ImportRefused(StoreError):
    """Files not taken into the store (none is stored): `portal.import.*`."""


@dataclass(frozen=True)
class StoreConfig:
    year: int
    deadline: date
    registry: str  # the registry's file name inside the store
    grace_days: int = GRACE_DAYS
    max_upload_mb: float = MAX_UPLOAD_MB
    uploads_per_hour: int = UPLOADS_PER_HOUR
    # Reminders: the days before a unit's deadline (negative: after) a reminder is e-mailed,
    # when `smtp` is set: {"host", "port", "sender", "username", "password", "starttls"}.
    reminder_days: tuple[int, ...] = (7, 3, 1, -1)
    smtp: dict[str, Any] | None = None

    @property
    def closes(self) -> date:
        """The last day a code works: the deadline plus the grace period."""
        return self.deadline + timedelta(days=self.grace_days)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


def is_store(path: Path) -> bool:
    return path.is_dir() and (path / MARKER).is_file()


def read_config(store: Path) -> StoreConfig:
    try:
        raw = json.loads((store / MARKER).read_text(encoding="utf-8"))
        days = tuple(raw.pop("reminder_days", StoreConfig.reminder_days))
        deadline = date.fromisoformat(raw["deadline"])
        return StoreConfig(**{**raw, "deadline": deadline, "reminder_days": days})
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise StoreError("store.marker", path=str(store / MARKER), error=str(exc)) from exc


def write_config(store: Path, config: StoreConfig) -> None:
    from gender_plan_cli.safe_output import write_text_atomic

    data = {**asdict(config), "deadline": config.deadline.isoformat()}
    write_text_atomic(store / MARKER, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def create_store(store: Path, registry: Path, year: int, deadline: date) -> StoreConfig:
    """The folder, its secret key (0600), the registry copied in, the marker. Refuses a folder
    that holds anything but a store of its own (a store is re-initialised in place)."""
    if store.exists() and not store.is_dir():
        raise StoreError("store.not-a-folder", folder=str(store))
    if store.is_dir() and any(store.iterdir()) and not is_store(store):
        raise StoreError("store.not-empty", folder=str(store))
    store.mkdir(parents=True, exist_ok=True)
    (store / RETURNS).mkdir(exist_ok=True)
    key = store / SECRET_KEY
    if not key.exists():
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(50))
    name = "units" + registry.suffix.lower()
    for old in store.glob("units.*"):
        old.unlink()
    shutil.copyfile(registry, store / name)
    config = StoreConfig(year=year, deadline=deadline, registry=name)
    if is_store(store):
        old_config = read_config(store)
        config = StoreConfig(
            year=year,
            deadline=deadline,
            registry=name,
            grace_days=old_config.grace_days,
            max_upload_mb=old_config.max_upload_mb,
            uploads_per_hour=old_config.uploads_per_hour,
            reminder_days=old_config.reminder_days,
            smtp=old_config.smtp,
        )
    write_config(store, config)
    return config


def secret_key(store: Path) -> str:
    return (store / SECRET_KEY).read_text(encoding="ascii").strip()


# -- codes and tokens: a selector stored in clear finds the row, the secret is only hashed ------


def new_code(groups: int = CODE_GROUPS) -> str:
    """`ACDE-FGHJ-KMNP-QRTW`: 16 characters from 23 (72 bits), the first group the selector."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(groups))


def normalize_code(typed: str) -> str:
    """What a clerk typed, as issued: case, spaces and dashes forgiven."""
    bare = "".join(ch for ch in typed.upper() if ch.isalnum())
    return "-".join(bare[i : i + GROUP] for i in range(0, len(bare), GROUP))


def split_code(code: str) -> tuple[str, str]:
    """(selector, secret) of a normalised code; ("", "") when it cannot be one."""
    parts = code.split("-")
    if len(parts) < 2 or any(len(p) != GROUP or set(p) - set(ALPHABET) for p in parts):
        return "", ""
    return parts[0], "-".join(parts[1:])


def hash_secret(secret: str, salt: str | None = None) -> str:
    """`pbkdf2_sha256$rounds$salt$hex`: a code's or a token's secret as stored."""
    salt = salt if salt is not None else secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), PBKDF2_ROUNDS)
    return f"pbkdf2_sha256${PBKDF2_ROUNDS}${salt}${digest.hex()}"


def secret_matches(secret: str, stored: str) -> bool:
    """Compared in constant time; a malformed stored value never matches."""
    try:
        algorithm, rounds, salt, hexdigest = stored.split("$")
        digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt.encode(), int(rounds))
    except ValueError:
        return False
    return algorithm == "pbkdf2_sha256" and hmac.compare_digest(digest.hex(), hexdigest)


def random_name(extension: str) -> str:
    return secrets.token_hex(16) + extension


# -- what the command line reads --------------------------------------------------------------


def accepted_receipts(store: Path) -> dict[Path, Received]:
    """Every accepted return of the store's year, by its stored path, with its receipt: read
    with sqlite3 (no Django), the database opened read-only."""
    paths, receipts = accepted_files(store)
    return {p: receipts[p] for p in paths if p in receipts}


def accepted_files(
    store: Path, *, all_years: bool = False
) -> tuple[list[Path], dict[Path, Received]]:
    """The accepted returns of the store's year (of every year it holds with `all_years`, as
    `gplan trend STORE` reads them), oldest first, and the portal's receipts of those it
    received. A return imported from before the portal (`gplan portal import`) has no receipt:
    its date comes from the file, as `gplan status` of the file says."""
    from zoneinfo import ZoneInfo

    from gender_plan_cli.records import Received

    config = read_config(store)
    database = store / DATABASE
    if not database.is_file():
        return [], {}
    local = ZoneInfo("Asia/Ho_Chi_Minh")
    uri = f"{database.resolve().as_uri()}?mode=ro"
    query = "SELECT stored, received_at, via FROM gplan_portal_submission WHERE accepted = 1"
    query += "" if all_years else " AND year = ?"
    with sqlite3.connect(uri, uri=True) as db:
        rows = db.execute(
            query + " ORDER BY year, received_at", () if all_years else (config.year,)
        ).fetchall()
    paths: list[Path] = []
    receipts: dict[Path, Received] = {}
    for stored, received_at, via in rows:
        paths.append(store / stored)
        if via == IMPORTED:
            continue
        moment = datetime.fromisoformat(str(received_at))
        if moment.tzinfo is None:  # Django keeps UTC in SQLite
            from datetime import timezone

            moment = moment.replace(tzinfo=timezone.utc)
        receipts[store / stored] = Received(
            moment.astimezone(local).date(), "portal", moment.timestamp()
        )
    return paths, receipts
