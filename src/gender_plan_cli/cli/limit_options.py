"""The options that bound what reading one file may cost, each with a ceiling, and the
Limits and WorkerLimits they make."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.reading.limits import Limits

if TYPE_CHECKING:
    from gender_plan_cli.intake.worker_limits import WorkerLimits


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
        help="Giới hạn kích thước tệp (MB).",
    ),
]
MaxUnzippedMb = Annotated[
    float,
    typer.Option(
        "--max-unzipped-mb",
        min=0.001,
        max=16384,
        callback=_finite,
        help="Giới hạn dung lượng giải nén của workbook (MB).",
    ),
]
MaxRatio = Annotated[
    float,
    typer.Option(
        "--max-ratio",
        min=1,
        max=100_000,
        callback=_finite,
        help="Tỷ lệ nén tối đa của một thành phần > 1 MiB.",
    ),
]
MaxCells = Annotated[
    int,
    typer.Option(
        "--max-cells",
        min=1,
        max=100_000_000,
        help="Số ô tối đa của vùng dữ liệu một trang tính.",
    ),
]
MaxLineKb = Annotated[
    float,
    typer.Option(
        "--max-line-kb",
        min=0.001,
        max=65536,
        callback=_finite,
        help="Độ dài tối đa một dòng CSV (KB).",
    ),
]


MaxMemoryMb = Annotated[
    int,
    typer.Option(
        "--max-memory-mb",
        min=64,
        max=65536,
        help="Bộ nhớ tối đa của tiến trình đọc một tệp (MB). / Memory cap of a reader process.",
    ),
]
MaxSeconds = Annotated[
    float,
    typer.Option(
        "--max-seconds",
        min=1,
        max=3600,
        help="Thời gian tối đa để đọc một tệp (giây). / Time limit to read one file.",
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        min=1,
        max=8,
        help="Số tiến trình đọc tệp cùng lúc (mặc định: số nhân CPU). / Reader processes.",
        show_default=False,
    ),
]


def make_workers(max_memory_mb: int, max_seconds: float, jobs: int | None) -> WorkerLimits:
    from gender_plan_cli.intake.worker_limits import WorkerLimits, default_jobs

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
