"""Django's settings for one store, configured in code (no DJANGO_SETTINGS_MODULE): the rest of
gplan, and its tests, never see Django unless they ask for the portal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gender_plan_cli.portal import store as st

_CONFIGURED: list[Path] = []


def setup(store: Path, *, behind_tls: bool = False, debug: bool = False) -> None:
    """Configure Django for `store` once per process (a second store is refused: the settings
    of a process are one)."""
    store = store.resolve()
    if _CONFIGURED:
        if _CONFIGURED[0] != store:
            raise st.StoreError("store.one-per-process", folder=str(_CONFIGURED[0]))
        return
    import django
    from django.conf import settings

    settings.configure(**settings_for(store, behind_tls=behind_tls, debug=debug))
    django.setup()
    _CONFIGURED.append(store)


# What every store's server has alike: the apps, the middleware, the templates, the limits.
_FIXED: dict[str, Any] = {
    "ALLOWED_HOSTS": ["*"],  # the reverse proxy decides which names reach us
    "ROOT_URLCONF": "gender_plan_cli.portal.urls",
    "INSTALLED_APPS": [
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "gender_plan_cli.portal.apps.PortalConfig",
    ],
    "MIDDLEWARE": [
        "gender_plan_cli.portal.security.HeadersMiddleware",
        "gender_plan_cli.portal.security.BodySizeMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    "TEMPLATES": [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": ["django.template.context_processors.csrf"]},
        }
    ],
    "USE_TZ": True,
    "TIME_ZONE": "Asia/Ho_Chi_Minh",
    "USE_I18N": False,
    "LANGUAGE_CODE": "vi",
    # Bodies: a form field is small; a file goes through the capped upload handler to disk.
    "DATA_UPLOAD_MAX_MEMORY_SIZE": 64 * 1024,
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": 20,
    "DATA_UPLOAD_MAX_NUMBER_FILES": 1,
    "FILE_UPLOAD_MAX_MEMORY_SIZE": 0,  # always to a temporary file, never held in memory
    "FILE_UPLOAD_HANDLERS": ["gender_plan_cli.portal.security.CappedUploadHandler"],
    "FILE_UPLOAD_PERMISSIONS": 0o600,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_AGE": 2 * 3600,
    "SESSION_COOKIE_NAME": "gplan_session",
    "CSRF_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "CSRF_FAILURE_VIEW": "gender_plan_cli.portal.views.csrf_failure",
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "X_FRAME_OPTIONS": "DENY",
    "LOGGING_CONFIG": None,
}


def settings_for(store: Path, *, behind_tls: bool = False, debug: bool = False) -> dict[str, Any]:
    """Django's settings for the server of one store: `_FIXED`, and what the store decides."""
    config = st.read_config(store)
    values: dict[str, Any] = {
        **_FIXED,
        "DEBUG": debug,
        "SECRET_KEY": st.secret_key(store),
        "DATABASES": {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(store / st.DATABASE),
                "OPTIONS": {
                    "timeout": 30,
                    "transaction_mode": "IMMEDIATE",
                    "init_command": "PRAGMA journal_mode=WAL;",
                },
            }
        },
        "FILE_UPLOAD_TEMP_DIR": str(_temp_dir(store)),
        "SESSION_COOKIE_SECURE": behind_tls,
        "CSRF_COOKIE_SECURE": behind_tls,
        "GPLAN_STORE": store,
        "GPLAN_MAX_UPLOAD_BYTES": config.max_upload_bytes,
    }
    if behind_tls:
        # Only when asked (`gplan serve --behind-tls`): the proxy sets X-Forwarded-Proto.
        values["SECURE_PROXY_SSL_HEADER"] = ("HTTP_X_FORWARDED_PROTO", "https")
        values["CSRF_TRUSTED_ORIGINS"] = []
    return values


def _temp_dir(store: Path) -> Path:
    folder = store / "tmp"
    folder.mkdir(exist_ok=True)
    return folder


def migrate() -> None:
    """Create or update the store's tables (Django's migrations), quietly."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
