"""The options that bound what reading one file may cost, each with a ceiling, and the
Limits and WorkerLimits they make."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gender_plan_cli.api import Limits

if TYPE_CHECKING:
    from gender_plan_cli.api import WorkerLimits


def _finite(value: float) -> float:
    """NaN passes any min/max check; it is refused here (exit 2)."""
    if value != value:
        raise typer.BadParameter("NaN")
    return value


# Each limit has a ceiling too: `--max-file-mb inf` or a --max-cells in the billions would let
# a reader ask for more memory than any machine has.
MaxFileMb = Annotated[
    float,
    typer.Option(
        "--max-file-mb",
        min=0.001,
        max=4096,
        callback=_finite,
        help="cli.option.max-file-mb",
    ),
]
MaxUnzippedMb = Annotated[
    float,
    typer.Option(
        "--max-unzipped-mb",
        min=0.001,
        max=16384,
        callback=_finite,
        help="cli.option.max-unzipped-mb",
    ),
]
MaxRatio = Annotated[
    float,
    typer.Option(
        "--max-ratio",
        min=1,
        max=100_000,
        callback=_finite,
        help="cli.option.max-ratio",
    ),
]
MaxCells = Annotated[
    int,
    typer.Option(
        "--max-cells",
        min=1,
        max=100_000_000,
        help="cli.option.max-cells",
    ),
]
MaxLineKb = Annotated[
    float,
    typer.Option(
        "--max-line-kb",
        min=0.001,
        max=65536,
        callback=_finite,
        help="cli.option.max-line-kb",
    ),
]


MaxMemoryMb = Annotated[
    int,
    typer.Option(
        "--max-memory-mb",
        min=64,
        max=65536,
        help="cli.option.max-memory-mb",
    ),
]
MaxSeconds = Annotated[
    float,
    typer.Option(
        "--max-seconds",
        min=1,
        max=3600,
        help="cli.option.max-seconds",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        max=8,
        help="cli.option.jobs",
        show_default=False,
    ),
]


def make_workers(max_memory_mb: int, max_seconds: float, jobs: int | None) -> WorkerLimits:
    from gender_plan_cli.api import WorkerLimits, default_jobs

    return WorkerLimits(max_memory_mb, max_seconds, jobs or default_jobs())


def make_limits(
    max_file_mb: float, max_unzipped_mb: float, max_ratio: float, max_cells: int, max_line_kb: float
) -> Limits:
    return Limits(
        max_file_mb=max_file_mb,
        max_unzipped_mb=max_unzipped_mb,
        max_ratio=max_ratio,
        max_cells=max_cells,
        max_line_kb=max_line_kb,
    )


def _limit_parameters() -> list[inspect.Parameter]:
    """The eight options, with their defaults, as keyword parameters of a command."""
    from gender_plan_cli.api import DEFAULT_LIMITS, WORKER_MEMORY_MB, WORKER_SECONDS

    given = [
        ("max_file_mb", MaxFileMb, DEFAULT_LIMITS.max_file_mb),
        ("max_unzipped_mb", MaxUnzippedMb, DEFAULT_LIMITS.max_unzipped_mb),
        ("max_ratio", MaxRatio, DEFAULT_LIMITS.max_ratio),
        ("max_cells", MaxCells, DEFAULT_LIMITS.max_cells),
        ("max_line_kb", MaxLineKb, DEFAULT_LIMITS.max_line_kb),
        ("max_memory_mb", MaxMemoryMb, WORKER_MEMORY_MB),
        ("max_seconds", MaxSeconds, WORKER_SECONDS),
        ("jobs", Jobs, None),
    ]
    kind = inspect.Parameter.KEYWORD_ONLY
    return [inspect.Parameter(n, kind, annotation=a, default=d) for n, a, d in given]


def with_reading_limits(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the limit options, declared once for every command that reads files; the
    command itself receives them made into `limits` (a Limits) and `workers` (WorkerLimits)."""
    own = inspect.signature(command)
    names = inspect.unwrap(command).__globals__
    kept = [  # annotations evaluated as typer would; `limits` and `workers` are not options
        p.replace(
            annotation=eval(p.annotation, names) if isinstance(p.annotation, str) else p.annotation
        )
        for p in own.parameters.values()
        if p.name not in ("limits", "workers")
    ]
    added = _limit_parameters()

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = {p.name: kwargs.pop(p.name, p.default) for p in added}
        kwargs["limits"] = make_limits(
            given["max_file_mb"],
            given["max_unzipped_mb"],
            given["max_ratio"],
            given["max_cells"],
            given["max_line_kb"],
        )
        kwargs["workers"] = make_workers(
            given["max_memory_mb"], given["max_seconds"], given["jobs"]
        )
        return command(*args, **kwargs)

    params = [*kept, *added]
    wrapper.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper
