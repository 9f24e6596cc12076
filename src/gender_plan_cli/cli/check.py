"""`gplan check` — not built yet (see the issue)."""

from __future__ import annotations

import typer


def check() -> None:
    """Not built yet."""
    raise typer.Exit(2)
