"""The one library face that the front ends (`cli/`, the portal) call.

A return goes read → laid out → validated → collected → assessed; a front end needs only the
calls below and the types they take and give. Nothing here prints, exits or knows a terminal:
each call returns values (findings are data), so the same calls serve a command line, a web
page and a notebook:

    from pathlib import Path
    from gender_plan_cli import api

    collection = api.read_returns([Path("returns/")], registry=api.load_registry(Path("units.xlsx")))
    rules = api.load_rules(api.default_rules())
    report = api.evaluate(collection.records(), rules, 2025)
    print(report.indicator("female_key_leader").rate)

The types and the few helpers are imported on first use (`gplan --help` loads none of the
readers); `TYPE_CHECKING` gives them to type checkers as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gender_plan_cli.collection.registry import Registry, RegistryFile
    from gender_plan_cli.contract import ReceivedMode
    from gender_plan_cli.intake.isolation import ReaderPool
    from gender_plan_cli.intake.sheet_view import SheetView
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.reading.grid import SheetGrid
    from gender_plan_cli.reading.limits import (
        Limits,
    )
    from gender_plan_cli.records import FileResult, LoadResult, Received
    from gender_plan_cli.roster.config import RosterConfig

# name → (the module that defines it, its name there): loaded when first named.
_LAZY = {
    # the calls: a gap report for a milestone, who reported, the city's report, the trend
    "evaluate": ("gender_plan_cli.targets.assess", None),
    "status": ("gender_plan_cli.collection.status", "collection_status"),
    "city_report": ("gender_plan_cli.targets.report", "build_city_report"),
    "evaluate_years": ("gender_plan_cli.targets.trend", None),
    "trend": ("gender_plan_cli.targets.trend", "build_trend"),
    # the types and helpers they take and give
    "REGISTRY_NAMES": ("gender_plan_cli.collection.registry", "NAMES"),
    "Registry": ("gender_plan_cli.collection.registry", None),
    "RegistryFile": ("gender_plan_cli.collection.registry", None),
    "find_registry": ("gender_plan_cli.collection.registry", None),
    "load_registry": ("gender_plan_cli.collection.registry", None),
    "StatusReport": ("gender_plan_cli.collection.status", None),
    "WorkerLimits": ("gender_plan_cli.intake.worker_limits", None),
    "ReaderPool": ("gender_plan_cli.intake.isolation", None),
    "default_jobs": ("gender_plan_cli.intake.worker_limits", None),
    "EXTENSIONS": ("gender_plan_cli.intake.load", None),
    "Discovered": ("gender_plan_cli.intake.load", None),
    "discover": ("gender_plan_cli.intake.load", None),
    "HeaderWords": ("gender_plan_cli.layout.header_file", None),
    "local_headers": ("gender_plan_cli.layout.header_file", None),
    "read_header_file": ("gender_plan_cli.layout.header_file", None),
    "words": ("gender_plan_cli.layout.header_file", None),
    "DEFAULT_LIMITS": ("gender_plan_cli.reading.limits", None),
    "WORKER_MEMORY_MB": ("gender_plan_cli.reading.limits", None),
    "WORKER_SECONDS": ("gender_plan_cli.reading.limits", None),
    "Limits": ("gender_plan_cli.reading.limits", None),
    "RosterConfig": ("gender_plan_cli.roster.config", None),
    "roster_config": ("gender_plan_cli.roster.config", None),
    "CityReport": ("gender_plan_cli.targets.report", None),
    "DataSource": ("gender_plan_cli.targets.results", None),
    "Received": ("gender_plan_cli.records", None),
    "SheetView": ("gender_plan_cli.intake.sheet_view", None),
    "GapReport": ("gender_plan_cli.targets.results", None),
    "ReportYearAbsent": ("gender_plan_cli.targets.results", None),
    "SkippedFile": ("gender_plan_cli.targets.results", None),
    "skipped_files": ("gender_plan_cli.targets.results", None),
    "Rules": ("gender_plan_cli.targets.rules", None),
    "load_rules": ("gender_plan_cli.targets.rules", None),
    "Trend": ("gender_plan_cli.targets.trend", None),
    "changes_per_year": ("gender_plan_cli.targets.trend", None),
    "RulesError": ("gender_plan_cli.yamlfile", None),
    "bundled_rules": ("gender_plan_cli.paths", None),
    "bundled_samples": ("gender_plan_cli.paths", None),
    "default_rules": ("gender_plan_cli.paths", None),
    "local_rules": ("gender_plan_cli.paths", None),
}

__all__ = ["read_returns", "sheet_grid", "sheet_view", *_LAZY]


def __getattr__(name: str) -> Any:
    """A type or helper of the face, imported from its stage when first asked for."""
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'gender_plan_cli.api' has no attribute {name!r}") from None
    value = getattr(import_module(module), attr or name)
    globals()[name] = value
    return value


def read_returns(
    paths: Sequence[Path],
    *,
    limits: Limits | None = None,
    registry: Registry | RegistryFile | None = None,
    report_year: int | None = None,
    received_from: ReceivedMode = "auto",
    workers: WorkerLimits | None = None,
    roster: RosterConfig | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    discovered: bool = False,
    receipts: Mapping[Path, Received] | None = None,
    pool: ReaderPool | None = None,
    cache: MutableMapping[Path, FileResult] | None = None,
) -> LoadResult:
    """Read returns and staff lists (files, or folders walked) into one collection: each file
    in an isolated worker, every finding kept, units checked across files and the registry.

    `discovered`: `paths` is already `discover`'s answer (a front end that sized a progress bar
    from it need not walk the folders again). `receipts`: when files arrived, as recorded on
    arrival (the portal's receipts), which come before a signature line or a file time.
    `pool`: reader workers kept alive between calls (a server's `ReaderPool`), used instead of
    workers started for this call under `workers`.
    `cache`: files read before with the same options, by path, for files that never change
    (the portal's store keeps each upload read-only under a name of its own): only the others
    are read."""
    from gender_plan_cli.intake.load import load_paths
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    return load_paths(
        paths,
        report_year=report_year,
        limits=limits or DEFAULT_LIMITS,
        progress=progress,
        discovered=discovered,
        registry=registry,
        received_from=received_from,
        workers=workers or WorkerLimits(),
        roster=roster,
        receipts=receipts,
        pool=pool,
        cache=cache,
    )


def sheet_grid(path: Path, sheet: str | None, limits: Limits | None = None) -> SheetGrid | None:
    """The cells of one sheet of `path` as the readers give them (every format: `sheet` None
    is a CSV's one table, or a workbook's first sheet), through the same guards and limits as
    `read_returns`; None when the file or the sheet can no longer be read.

    For showing a sheet again (`check -o findings.xlsx`): it reads in this process, so call it
    only on a file `read_returns` has already read in its worker."""
    from gender_plan_cli.intake.sheet_view import sheet_grid as read_grid
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    try:
        found = read_grid(path, sheet, limits or DEFAULT_LIMITS)
    except Exception:  # a ReadProblem, or a file changed since it was checked
        return None
    return found[0] if found is not None else None


def sheet_view(
    path: Path,
    *,
    sheet: str | None = None,
    limits: Limits | None = None,
    workers: WorkerLimits | None = None,
    pool: ReaderPool | None = None,
    max_rows: int = 200,
    max_columns: int = 40,
) -> SheetView | None:
    """One sheet of a file as text, to draw it as sent (the portal's page of findings), read by
    the same readers in an isolated worker (`pool`'s, when given); None when the file cannot be read (its findings,
    from `read_returns`, say why)."""
    import functools

    from gender_plan_cli.intake.isolation import read_isolated
    from gender_plan_cli.intake.sheet_view import SheetView, read_sheet_view
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    read = functools.partial(
        read_sheet_view,
        sheet=sheet,
        limits=limits or DEFAULT_LIMITS,
        max_rows=max_rows,
        max_columns=max_columns,
    )
    limits_of_call = workers or WorkerLimits(jobs=1)
    [view] = read_isolated([path], read, limits_of_call, pool=pool)  # type: ignore[arg-type]
    return view if isinstance(view, SheetView) else None
