"""`gplan serve DIR`: the portal where units submit their returns (waitress, loopback by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded, stderr_console, usage_error

StoreArgument = Annotated[
    Path | None,
    typer.Argument(help="cli.serve.store", show_default=False),
]
HostOption = Annotated[str, typer.Option("--host", help="cli.serve.host")]
PortOption = Annotated[int, typer.Option("--port", help="cli.serve.port")]
DemoOption = Annotated[
    bool,
    typer.Option("--demo", help="cli.serve.demo"),
]
BehindTlsOption = Annotated[
    bool,
    typer.Option(
        "--behind-tls",
        help="cli.serve.behind-tls",
    ),
]


@guarded
def serve(
    folder: StoreArgument = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    demo: DemoOption = False,
    behind_tls: BehindTlsOption = False,
) -> None:
    """Serve the submission portal (web and API). Its help: `cli.serve.help`."""
    from gender_plan_cli.cli.portal import needs_django
    from gender_plan_cli.portal import store as st

    needs_django()
    console = stderr_console()
    if demo:
        from gender_plan_cli.portal.serve import demo_store

        made = demo_store()
        folder = made.folder
        console.print(
            f"Kho thử / demo store: {made.folder}\n"
            f"Mã của đơn vị / unit code for {made.unit_code} ({made.unit_name}): {made.code}\n"
            f"Cán bộ / officer: {made.officer} / {made.password}; API token: {made.token}",
            markup=False,
            highlight=False,
        )
    if folder is None:
        usage_error("Cần thư mục kho, hoặc --demo. / Name the store folder, or use --demo.")
    if not st.is_store(folder):
        usage_error(
            f"{folder}: không phải kho của cổng; chạy gplan portal init. / not a portal store; run gplan portal init."
        )
    from gender_plan_cli.portal.serve import server

    running = server(folder, host, port, behind_tls=behind_tls)
    console.print(
        f"Cổng đang chạy / serving at http://{host}:{running.effective_port}/  (Ctrl+C để dừng / to stop)",
        markup=False,
        highlight=False,
    )
    try:
        running.run()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
