"""`gplan portal init|codes|officer`: make a portal store, issue the units' codes, add an officer."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from gender_plan_cli.cli.console import guarded, stderr_console, usage_error
from gender_plan_cli.cli.options import Lang, LangOption, lang_of

PASSWORD_LENGTH = 12  # an officer's password, at the least
GROUP = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

StoreArg = Annotated[
    Path,
    typer.Argument(help="cli.portal.store", show_default=False),
]


@GROUP.callback()
def portal() -> None:
    """The portal's store, codes, officers; each sub-command's help is `cli.portal.<name>.help`."""


def needs_django(lang: str) -> None:
    """The portal is an optional extra: say how to install it."""
    try:
        import django  # noqa: F401
        import waitress  # noqa: F401
    except ImportError:
        refuse(lang, "portal.cli.needs-django")


def refuse(lang: str, message_id: str, **args: object) -> NoReturn:
    """A usage error (exit 2) in the user's language."""
    from gender_plan_cli.i18n import text

    usage_error(text(message_id, lang, **args))


def tell(lang: str, message_id: str, **args: object) -> None:
    """What was done, on stderr (stdout is kept for what a script reads: codes, tokens)."""
    from gender_plan_cli.i18n import text

    stderr_console().print(text(message_id, lang, **args), markup=False, highlight=False)


def _language_and_year(lang: Lang | None, year: int) -> str:
    """The command's language, once Django is there and `year` is one of the plan's."""
    from gender_plan_cli.contract import in_plan

    language = lang_of(lang)
    needs_django(language)
    if not in_plan(year):
        refuse(language, "portal.cli.year", year=year)
    return language


def _store_error(exc: Exception, language: str) -> None:
    """A store that cannot be used, said in the command's language (exit 2)."""
    from gender_plan_cli.portal.store import StoreError

    if isinstance(exc, StoreError):
        refuse(language, "portal." + exc.key, **exc.args_)
    usage_error(str(exc))  # an OSError: the system's words


@GROUP.command("init")
@guarded
def init(
    folder: StoreArg,
    units: Annotated[
        Path,
        typer.Option("--units", help="cli.portal.units", show_default=False),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="cli.portal.year", show_default=False)],
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline",
            help="cli.portal.init.deadline",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Create the portal's store."""
    from gender_plan_cli.portal import store as st

    language = _language_and_year(lang, year)
    if not units.is_file():
        refuse(language, "usage.no-path", path=str(units))
    due = None
    if deadline is not None:
        try:
            due = date.fromisoformat(deadline)
        except ValueError:
            refuse(language, "portal.cli.deadline", deadline=deadline)
    from gender_plan_cli.portal import manage

    try:
        config = manage.init(folder, units, year, due)
    except st.StoreError as exc:
        _store_error(exc, language)
    shown = "%d/%m/%Y" if language == "vi" else "%Y-%m-%d"
    tell(
        language,
        "portal.cli.init.done",
        folder=str(folder),
        year=config.year,
        deadline=config.deadline.strftime(shown),
        closes=config.closes.strftime(shown),
    )


@GROUP.command("import")
@guarded
def import_(
    folder: StoreArg,
    files: Annotated[
        list[Path],
        typer.Argument(help="cli.portal.import.files", show_default=False),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="cli.portal.year", show_default=False)],
    lang: LangOption = None,
) -> None:
    """Import an earlier year's returns (for the trend)."""
    from gender_plan_cli.portal import store as st

    language = _language_and_year(lang, year)
    for path in files:
        if not path.is_file():
            refuse(language, "usage.no-path", path=str(path))
    from gender_plan_cli.portal import manage

    try:
        done = manage.import_returns(folder, year, files)
    except st.StoreError as exc:
        _store_error(exc, language)
    for row in done:
        typer.echo(f"{row.reference}\t{row.filename}\t{row.units}\t{row.received}")
    tell(language, "portal.import.done", n=len(done), year=year)


@GROUP.command("codes")
@guarded
def codes(
    folder: StoreArg,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="cli.portal.codes.output", show_default=False),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="cli.portal.year", show_default=False),
    ] = None,
    base_url: Annotated[
        str,
        typer.Option("--base-url", help="cli.portal.codes.base-url"),
    ] = "http://127.0.0.1:8000",
    rotate: Annotated[
        bool,
        typer.Option("--rotate", help="cli.portal.codes.rotate"),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Issue each unit's code, printed once into a CSV."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    language = lang_of(lang)
    needs_django(language)
    if output.exists():
        refuse(language, "portal.cli.codes.exists", path=str(output))
    try:
        rows = manage.issue_codes(folder, year, rotate)
    except st.StoreError as exc:
        _store_error(exc, language)
    if not rows:
        refuse(language, "portal.cli.codes.none")
    output.write_bytes(manage.codes_csv(rows, base_url))
    output.chmod(0o600)
    tell(language, "portal.cli.codes.done", n=len(rows), path=str(output))


@GROUP.command("officer")
@guarded
def officer(
    folder: StoreArg,
    name: Annotated[str, typer.Argument(help="cli.portal.officer.name", show_default=False)],
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="cli.portal.officer.password-stdin"),
    ] = False,
    manager: Annotated[
        bool,
        typer.Option("--manager", help="cli.portal.officer.manager"),
    ] = False,
    lang: LangOption = None,
) -> None:
    """An officer and an API token (on the last line)."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    language = lang_of(lang)
    needs_django(language)
    if not password_stdin:
        refuse(language, "portal.cli.officer.stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < PASSWORD_LENGTH:
        refuse(language, "portal.cli.officer.password", least=PASSWORD_LENGTH)
    try:
        token = manage.officer(folder, name, password)
        if manager:
            manage.make_manager(folder, name)
    except st.StoreError as exc:
        _store_error(exc, language)
    tell(language, "portal.cli.officer.done", name=name)
    typer.echo(token)


@GROUP.command("remind")
@guarded
def remind(
    folder: StoreArg,
    today: Annotated[
        str | None,
        typer.Option("--today", help="cli.portal.remind.today", show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """The day's reminder e-mails (run daily)."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    language = lang_of(lang)
    needs_django(language)
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        refuse(language, "portal.cli.remind.today", today=today)
    try:
        sent = manage.remind(folder, day)
    except (st.StoreError, OSError) as exc:
        _store_error(exc, language)
    for unit, address, offset in sent:
        typer.echo(f"{unit}\t{address}\t{offset}")
    tell(language, "portal.cli.remind.done", n=len(sent))
