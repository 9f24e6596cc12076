"""The options the commands share, declared once: language, data, years, registry, rules and
output."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.contract import ReceivedMode
from gender_plan_cli.i18n import default_lang


class Lang(str, Enum):
    vi = "vi"
    en = "en"


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="cli.option.lang"),
]


def lang_of(value: Lang | None) -> str:
    return value.value if value is not None else default_lang()


UnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--units",
        help="cli.option.units",
        show_default=False,
    ),
]


ReceivedOption = Annotated[
    ReceivedMode,
    typer.Option(
        "--received-from",
        help="cli.option.received-from",
    ),
]


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="cli.option.rules",
        show_default=False,
    ),
]


# Options every command over the data shares (gap, and the commands built on its report).
DataPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="cli.option.paths",
        show_default=False,
        metavar="PATH",
    ),
]


TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        help="cli.option.year",
        show_default=False,
    ),
]


DataYearOption = Annotated[
    int | None,
    typer.Option(
        "--report-year",
        help="cli.option.report-year",
        show_default=False,
    ),
]


SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="cli.option.skip-invalid",
    ),
]


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="cli.option.output",
        show_default=False,
    ),
]


CsvIdsOption = Annotated[
    bool,
    typer.Option(
        "--csv-ids",
        help="cli.option.csv-ids",
    ),
]
