"""`gplan serve DIR`: the portal where units submit their returns (waitress, loopback by default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded
from gender_plan_cli.cli.options import LangOption, lang_of

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
    lang: LangOption = None,
) -> None:
    """Serve the submission portal (web and API). Its help: `cli.serve.help`."""
    from gender_plan_cli.cli.portal import needs_django, refuse, tell
    from gender_plan_cli.portal import store as st

    language = lang_of(lang)
    needs_django(language)
    if demo:
        from gender_plan_cli.portal.serve import demo_store

        made = demo_store()
        folder = made.folder
        tell(
            language,
            "portal.cli.serve.demo",
            folder=str(made.folder),
            unit=made.unit_code,
            name=made.unit_name,
            code=made.code,
            officer=made.officer,
            password=made.password,
            token=made.token,
        )
    if folder is None:
        refuse(language, "portal.cli.serve.no-store")
    if not st.is_store(folder):
        refuse(language, "portal.cli.serve.not-store", folder=str(folder))
    from gender_plan_cli.portal.serve import server

    running = server(folder, host, port, behind_tls=behind_tls)
    tell(language, "portal.cli.serve.running", url=f"http://{host}:{running.effective_port}/")
    try:
        running.run()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()
