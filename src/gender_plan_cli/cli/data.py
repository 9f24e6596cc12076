"""The data every command over the returns evaluates: the paths (or GPLAN_DATA, or the
samples), every file validated as `check` does, invalid rows stopping the command unless
`--skip-invalid` leaves them out (and says so)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gender_plan_cli.api import (
    DEFAULT_LIMITS,
    DataSource,
    Limits,
    Registry,
    Rules,
    SkippedFile,
    skipped_files,
)
from gender_plan_cli.cli.console import stderr_console
from gender_plan_cli.cli.inputs import data_inputs, load_files, registry_file, registry_search
from gender_plan_cli.i18n import text
from gender_plan_cli.records import LoadResult, UnitRecord

if TYPE_CHECKING:
    from gender_plan_cli.api import WorkerLimits


@dataclass
class Data:
    result: LoadResult
    source: DataSource
    skipped: list[SkippedFile]
    files: int
    registry: Registry | None = None

    @cached_property
    def records(self) -> list[UnitRecord]:
        """Every valid record, made once (a large sheet's rows are columns until now)."""
        from gender_plan_cli.gcpause import gc_paused

        with gc_paused():
            return self.result.records

    def drop_records(self) -> None:
        """Let the records go once they are evaluated (`records` makes them again if asked)."""
        self.__dict__.pop("records", None)


def load_data(
    paths: list[Path] | None,
    lang: str,
    *,
    report_year: int | None = None,
    skip_invalid: bool = False,
    output: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
    rules: tuple[Rules, Path | None] | None = None,
    units: Path | None = None,
    workers: WorkerLimits | None = None,
    all_years: bool = False,
) -> Data:
    """The records to evaluate, or exit 1 (invalid data) / 2 (usage error). `rules`: the rules
    in force and the file named with --rules, for the registry beside it and the roster's
    counting rules (as `gap` has them). `all_years`: a portal store's every year (`trend`)."""
    from gender_plan_cli.api import roster_config

    source, inputs = data_inputs(paths, lang)
    rules_file = rules[1] if rules else None
    later = registry_file(units, rules_file, registry_search(paths, inputs), lang, limits)
    roster = roster_config(rules[0].roster, rules_file) if rules else None
    result = load_files(
        inputs,
        lang,
        limits,
        report_year=report_year,
        not_into=output,
        registry=later,  # read while the workers read the files
        roster=roster,
        workers=workers,
        all_years=all_years,
    )
    registry = later.load() if later is not None else None
    if not result.valid() and not skip_invalid:
        from gender_plan_cli.render.check_table import render_findings

        err = stderr_console()
        render_findings(result, lang, err)
        err.print(text("gap.invalid", lang), style="red", markup=False)
        raise typer.Exit(1)
    returns = [fr for fr in result.files if fr.role != "registry"]
    skipped = skipped_files(returns)
    return Data(
        result=result, source=source, skipped=skipped, files=len(returns), registry=registry
    )
