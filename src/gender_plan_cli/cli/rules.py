"""`gplan rules` — not built yet (see the issue)."""

from __future__ import annotations

import typer


def rules() -> None:
    """Not built yet."""
    raise typer.Exit(2)
