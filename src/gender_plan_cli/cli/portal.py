"""`gplan portal init|codes|officer`: make a portal store, issue the units' codes, add an officer."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded, stderr_console, usage_error

GROUP = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

StoreArg = Annotated[
    Path,
    typer.Argument(help="cli.portal.store", show_default=False),
]


@GROUP.callback()
def portal() -> None:
    """The portal's store, codes, officers; each sub-command's help is `cli.portal.<name>.help`."""


def needs_django() -> None:
    """The portal is an optional extra: say how to install it."""
    try:
        import django  # noqa: F401
        import waitress  # noqa: F401
    except ImportError:
        usage_error(
            'Cần cài thêm phần cổng nộp báo cáo: pip install "gplan[portal]"\n'
            'The portal is an optional extra: pip install "gplan[portal]"'
        )


def _store_error(exc: Exception) -> None:
    usage_error(str(exc))


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
) -> None:
    """Create the portal's store."""
    from gender_plan_cli.contract import in_plan
    from gender_plan_cli.portal import store as st

    needs_django()
    if not in_plan(year):
        usage_error(f"Năm {year} ngoài kế hoạch 2021–2030. / Year {year} is outside the plan.")
    if not units.is_file():
        usage_error(f"Không thấy tệp / no such file: {units}")
    due = None
    if deadline is not None:
        try:
            due = date.fromisoformat(deadline)
        except ValueError:
            usage_error(f"Hạn nộp phải là YYYY-MM-DD / the deadline must be YYYY-MM-DD: {deadline}")
    from gender_plan_cli.portal import manage

    try:
        config = manage.init(folder, units, year, due)
    except st.StoreError as exc:
        _store_error(exc)
    stderr_console().print(
        f"Đã tạo kho {folder} — năm {config.year}, hạn nộp {config.deadline:%d/%m/%Y}, "
        f"cổng đóng {config.closes:%d/%m/%Y}.\n"
        f"Store ready: {folder} — year {config.year}, deadline {config.deadline.isoformat()}.",
        markup=False,
        highlight=False,
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
) -> None:
    """Import an earlier year's returns (for the trend)."""
    from gender_plan_cli.contract import in_plan
    from gender_plan_cli.i18n import text
    from gender_plan_cli.portal import store as st

    needs_django()
    if not in_plan(year):
        usage_error(f"Năm {year} ngoài kế hoạch 2021–2030. / Year {year} is outside the plan.")
    for path in files:
        if not path.is_file():
            usage_error(text("usage.no-path", "vi", path=str(path)))
    from gender_plan_cli.portal import manage

    try:
        done = manage.import_returns(folder, year, files)
    except st.ImportRefused as exc:
        usage_error(
            "\n".join(text("portal." + exc.key, lang, **exc.args_) for lang in ("vi", "en"))
        )
    except st.StoreError as exc:
        _store_error(exc)
    for row in done:
        typer.echo(f"{row.reference}\t{row.filename}\t{row.units}\t{row.received}")
    said = [text("portal.import.done", lang, n=len(done), year=year) for lang in ("vi", "en")]
    stderr_console().print(" / ".join(said), markup=False, highlight=False)


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
) -> None:
    """Issue each unit's code, printed once into a CSV."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    needs_django()
    if output.exists():
        usage_error(f"Tệp đã có, không ghi đè / the file exists, not overwritten: {output}")
    try:
        rows = manage.issue_codes(folder, year, rotate)
    except st.StoreError as exc:
        _store_error(exc)
    if not rows:
        usage_error(
            "Mọi đơn vị đã có mã (mã chỉ lưu dạng băm, không in lại được); dùng --rotate để cấp mã mới.\n"
            "Every unit already has a code (kept only hashed, cannot be printed again); "
            "--rotate issues new ones."
        )
    output.write_bytes(manage.codes_csv(rows, base_url))
    output.chmod(0o600)
    stderr_console().print(
        f"Đã ghi {len(rows)} mã vào {output}. / {len(rows)} codes written to {output}.",
        markup=False,
        highlight=False,
    )


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
) -> None:
    """An officer and an API token (on the last line)."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    needs_django()
    if not password_stdin:
        usage_error("Cần --password-stdin / --password-stdin is required.")
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 12:
        usage_error("Mật khẩu cần ít nhất 12 ký tự. / The password needs at least 12 characters.")
    try:
        token = manage.officer(folder, name, password)
        if manager:
            manage.make_manager(folder, name)
    except st.StoreError as exc:
        _store_error(exc)
    stderr_console().print(
        f"Tài khoản {name} đã sẵn sàng; mã API (chỉ in một lần): / Officer {name} ready; API token (shown once):",
        markup=False,
        highlight=False,
    )
    typer.echo(token)


@GROUP.command("remind")
@guarded
def remind(
    folder: StoreArg,
    today: Annotated[
        str | None,
        typer.Option("--today", help="cli.portal.remind.today", show_default=False),
    ] = None,
) -> None:
    """The day's reminder e-mails (run daily)."""
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st

    needs_django()
    try:
        day = date.fromisoformat(today) if today else None
    except ValueError:
        usage_error(f"--today {today}: YYYY-MM-DD")
    try:
        sent = manage.remind(folder, day)
    except (st.StoreError, OSError) as exc:
        _store_error(exc)
    for unit, address, offset in sent:
        typer.echo(f"{unit}\t{address}\t{offset}")
    stderr_console().print(
        f"Đã gửi {len(sent)} thư nhắc. / {len(sent)} reminders sent.", markup=False
    )
