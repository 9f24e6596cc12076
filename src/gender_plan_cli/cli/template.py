"""`gplan template` — not built yet (see the issue)."""

from __future__ import annotations

import typer


def template() -> None:
    """Not built yet."""
    raise typer.Exit(2)
