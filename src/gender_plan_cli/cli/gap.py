"""`gplan gap` — not built yet (see the issue)."""

from __future__ import annotations

import typer


def gap() -> None:
    """Not built yet."""
    raise typer.Exit(2)
