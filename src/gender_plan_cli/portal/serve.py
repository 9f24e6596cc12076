"""`gplan serve`: the store's portal under waitress, loopback unless told otherwise."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gender_plan_cli.portal import store as st

THREADS = 16  # requests at once: uploads wait in the check queue, pages do not wait for them


def application(folder: Path, *, behind_tls: bool = False) -> Any:
    """The WSGI application of the store (Django configured for it)."""
    from gender_plan_cli.portal.manage import open_store

    open_store(folder, behind_tls=behind_tls)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def server(folder: Path, host: str, port: int, *, behind_tls: bool = False) -> Any:
    """A waitress server, not yet serving (`.run()`; `.close()` to stop): the body of a
    request is capped by waitress too, before Django sees it."""
    from waitress.server import create_server

    from gender_plan_cli.portal.security import FORM_OVERHEAD

    app = application(folder, behind_tls=behind_tls)
    config = st.read_config(folder)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "threads": THREADS,
        "max_request_body_size": config.max_upload_bytes + FORM_OVERHEAD,
        "ident": "gplan",
        "clear_untrusted_proxy_headers": True,
    }
    if behind_tls:
        options.update(
            trusted_proxy="127.0.0.1",
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for"},
        )
    return create_server(app, **options)


@dataclass(frozen=True)
class Demo:
    folder: Path
    unit_code: str
    unit_name: str
    code: str
    officer: str
    password: str
    token: str


def demo_store() -> Demo:
    """A throwaway store on the samples' registry: one unit's code and an officer."""
    import secrets
    from datetime import date

    from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR
    from gender_plan_cli.paths import bundled_samples
    from gender_plan_cli.portal import manage

    folder = Path(tempfile.mkdtemp(prefix="gplan-demo-"))
    registry = bundled_samples() / "units.yaml"
    year = min(max(date.today().year, MIN_YEAR), MAX_YEAR)  # this year's collection
    manage.init(folder / "store", registry, year)
    rows = manage.issue_codes(folder / "store", None, False)
    unit = next((r for r in rows if r[0] == "S01"), rows[0])
    password = secrets.token_urlsafe(12)
    token = manage.officer(folder / "store", "demo", password)
    return Demo(folder / "store", unit[0], unit[1], unit[2], "demo", password, token)
