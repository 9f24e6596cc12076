"""`gplan schema NAME`: the JSON Schema of a document gplan prints."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from gender_plan_cli.cli.console import guarded


class SchemaName(str, Enum):
    check = "check"
    gap = "gap"
    status = "status"
    trend = "trend"


@guarded
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(help="cli.schema.command", show_default=False, metavar="NAME"),
    ],
) -> None:
    """Print a JSON Schema. Its help: `cli.schema.help`."""
    from gender_plan_cli.cli.output import emit_text
    from gender_plan_cli.render.schema import shipped

    emit_text(shipped(name.value), None, "vi")
