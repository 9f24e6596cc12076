"""What every command shares: options, consoles, the usage-error panel."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from gender_plan_cli.i18n import default_lang, text
from gender_plan_cli.reading.limits import (
    DEFAULT_LIMITS as DEFAULT_LIMITS,  # re-exported for commands
)
from gender_plan_cli.reading.limits import Limits
from gender_plan_cli.received import ReceivedMode

if TYPE_CHECKING:
    from gender_plan_cli.isolation import WorkerLimits
    from gender_plan_cli.records import LoadResult
    from gender_plan_cli.registry import Registry
    from gender_plan_cli.roster.config import RosterConfig


class Lang(str, Enum):
    vi = "vi"
    en = "en"


def stdout_console() -> Console:
    """Results: stdout, so `--format json > out.json` stays clean."""
    return Console(soft_wrap=False, width=_width())


def stderr_console() -> Console:
    """Messages and progress: stderr."""
    return Console(stderr=True, width=_width())


def _width() -> int | None:
    cols = os.environ.get("COLUMNS")
    return int(cols) if cols and cols.isdigit() else None


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Ngôn ngữ / language: vi hoặc en (mặc định GPLAN_LANG, rồi vi)."),
]


def lang_of(value: Lang | None) -> str:
    return value.value if value is not None else default_lang()


class UsageError(Exception):
    """A user's mistake (bad path, broken rules file): a short red panel and exit 2."""


def usage_error(message: str) -> NoReturn:
    raise UsageError(message)


def show_usage_error(message: str) -> None:
    stderr_console().print(Panel(message, title="gplan", border_style="red", expand=False))


STATE = {"debug": False}


def guarded(fn):  # type: ignore[no-untyped-def]
    """Wrap a command: usage errors → red panel, exit 2; bugs → one line, exit 3 (unless --debug)."""
    import functools
    import sys

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            show_usage_error(str(exc))
            raise typer.Exit(2) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if STATE["debug"]:
                raise
            sys.stderr.write(
                f"gplan: lỗi chương trình / internal error: {type(exc).__name__}: {exc}\n"
                "Chạy lại với --debug để xem chi tiết / re-run with --debug for details.\n"
            )
            raise typer.Exit(3) from None

    return wrapper


MaxFileMb = Annotated[
    float, typer.Option("--max-file-mb", min=0.001, help="Giới hạn kích thước tệp (MB).")
]
MaxUnzippedMb = Annotated[
    float,
    typer.Option(
        "--max-unzipped-mb", min=0.001, help="Giới hạn dung lượng giải nén của workbook (MB)."
    ),
]
MaxRatio = Annotated[
    float, typer.Option("--max-ratio", min=1, help="Tỷ lệ nén tối đa của một thành phần > 1 MiB.")
]
MaxCells = Annotated[
    int, typer.Option("--max-cells", min=1, help="Số ô tối đa của vùng dữ liệu một trang tính.")
]
MaxLineKb = Annotated[
    float, typer.Option("--max-line-kb", min=0.001, help="Độ dài tối đa một dòng CSV (KB).")
]


MaxMemoryMb = Annotated[
    int,
    typer.Option(
        "--max-memory-mb",
        min=64,
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
    from gender_plan_cli.isolation import WorkerLimits, default_jobs

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


def load_files(
    paths: list[Path],
    lang: str,
    limits: Limits,
    *,
    report_year: int | None = None,
    not_into: Path | None = None,
    registry: Registry | None = None,
    received_from: ReceivedMode = "auto",
    workers: WorkerLimits | None = None,
    roster: RosterConfig | None = None,
) -> LoadResult:
    """Discover once, read every file in a worker process (with a progress bar on a terminal),
    cross-check.

    `not_into`: the output file of the command, which must not be one of the files read.
    """
    from gender_plan_cli.isolation import WorkerLimits
    from gender_plan_cli.load import load_paths

    files = resolve_paths(paths, lang)
    if not_into is not None and any(not_into.resolve() == f.resolve() for f in files):
        usage_error(text("gap.usage.output-is-input", lang, path=str(not_into)))
    if (
        registry is not None
        and not_into is not None
        and Path(registry.path).resolve() == not_into.resolve()
    ):
        usage_error(text("gap.usage.output-is-input", lang, path=str(not_into)))
    bar, step = progress_reporter(len(files), lang)
    options = {
        "report_year": report_year,
        "limits": limits,
        "discovered": True,
        "registry": registry,
        "received_from": received_from,
        "workers": workers or WorkerLimits(),
        "roster": roster,
    }
    if bar is None:
        return load_paths(files, **options)  # type: ignore[arg-type]
    with bar:
        return load_paths(files, progress=step, **options)  # type: ignore[arg-type]


def registry_search(paths: list[Path] | None, inputs: list[Path]) -> list[Path]:
    """Where a `units.*` may sit beside the data: the folders named, or the samples' folder."""
    if paths:
        return list(paths)
    return sorted({p.parent for p in inputs} | {p for p in inputs if p.is_dir()})


def registry_for(
    explicit: Path | None, rules: Path | None, paths: list[Path], lang: str, limits: Limits
) -> Registry | None:
    """The registry of units in force: `--units`, GPLAN_UNITS, a `units.*` beside the rules
    file in use (not the bundled one), or at the top of a folder named as PATH; else None."""
    from gender_plan_cli.paths import local_rules
    from gender_plan_cli.registry import NAMES, find_registry, load_registry

    in_use = rules if rules is not None else local_rules()
    found = find_registry(explicit, in_use.parent if in_use is not None else None)
    if found is None:
        for path in paths:
            hits = [path / n for n in NAMES if path.is_dir() and (path / n).is_file()]
            if hits:
                found = hits[0]
                break
    if found is None:
        return None
    if not found.exists():
        usage_error(text("usage.no-path", lang, path=str(found)))
    return load_registry(found, limits)


UnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--units",
        help="Danh mục đơn vị phải báo cáo (.xlsx, .csv, .yaml; mặc định GPLAN_UNITS, rồi units.* "
        "cạnh tệp quy tắc hoặc trong thư mục số liệu). / Registry of units.",
        show_default=False,
    ),
]
ReceivedOption = Annotated[
    ReceivedMode,
    typer.Option(
        "--received-from",
        help="Ngày nhận lấy từ: auto (dòng ký tên, rồi ngày sửa tệp) | git | signature | mtime. "
        "/ Where a return's received date comes from.",
    ),
]


def data_inputs(paths: list[Path] | None, lang: str):  # type: ignore[no-untyped-def]
    """The paths to read and how they were chosen; says so on stderr when not named."""
    from gender_plan_cli.load import EXTENSIONS
    from gender_plan_cli.paths import bundled_samples
    from gender_plan_cli.results import DataSource

    if paths:
        return DataSource(kind="paths", paths=[str(p) for p in paths]), list(paths)
    env = os.environ.get("GPLAN_DATA", "").strip()
    if env:
        stderr_console().print(Text(text("gap.note.env", lang, path=env), style="yellow"))
        return DataSource(kind="env", paths=[env]), [Path(env)]
    samples = bundled_samples()
    inputs = (
        sorted(
            p
            for p in samples.iterdir()
            if p.name != "broken"
            and not p.name.startswith(".")
            and (p.is_dir() or p.suffix.lower() in EXTENSIONS)
        )
        if samples.is_dir()
        else []
    )
    if not inputs:
        usage_error(text("gap.usage.no-samples", lang, path=str(samples)))
    stderr_console().print(Text(text("gap.note.samples", lang, path=str(samples)), style="yellow"))
    return DataSource(kind="samples", paths=[str(samples)]), inputs


def resolve_paths(paths: list[Path], lang: str) -> list[Path]:
    """The files to read, or a usage error for a path that does not exist / holds no spreadsheet."""
    from gender_plan_cli.i18n import text
    from gender_plan_cli.load import discover

    try:
        files = discover(paths)
    except FileNotFoundError as exc:
        usage_error(text("usage.no-path", lang, path=str(exc)))
    if not files:
        usage_error(text("usage.no-files", lang, paths=", ".join(str(p) for p in paths)))
    return files


def progress_reporter(total: int, lang: str):  # type: ignore[no-untyped-def]
    """A progress bar on stderr when it is a terminal and there is more than one file; else None."""
    import sys

    if total < 2 or not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from gender_plan_cli.i18n import text

    bar = Progress(
        TextColumn(text("check.progress", lang)),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        console=stderr_console(),
        transient=True,
    )
    task = bar.add_task("", total=total)

    def step(i: int, n: int, path: Path) -> None:
        bar.update(task, completed=i, description=path.name)

    return bar, step


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Tệp quy tắc (mặc định rules/targets.yaml ở thư mục hiện tại, nếu không có thì bản "
        "kèm theo gói). / Rules file.",
        show_default=False,
    ),
]


def load_rules_or_exit(path: Path | None, lang: str):  # type: ignore[no-untyped-def]
    """The rules in force, or a usage error naming file, line and key (exit 2)."""
    from gender_plan_cli.paths import default_rules
    from gender_plan_cli.rules import RulesError, load_rules

    chosen = path if path is not None else default_rules()
    shown = str(path) if path is not None else _shown(chosen)
    if path is not None and not path.exists():
        usage_error(text("usage.no-path", lang, path=str(path)))
    try:
        return load_rules(chosen, shown), shown
    except RulesError as exc:
        usage_error(text("rules.invalid-file", lang) + "\n" + exc.message(lang))


def _shown(path: Path) -> str:
    """A path under the current folder as relative (`rules/targets.yaml`), any other in full."""
    here = Path.cwd().resolve()
    full = path.resolve()
    if here == Path(here.anchor) or not full.is_relative_to(here):
        return str(full)
    return str(full.relative_to(here))


# Options every command over the data shares (gap, and the commands built on its report).
DataPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Tệp hoặc thư mục báo cáo. Không nêu: thư mục GPLAN_DATA, nếu không có thì dữ "
        "liệu mẫu. / Files or folders; default GPLAN_DATA, else the samples.",
        show_default=False,
        metavar="PATH",
    ),
]

TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        help="Năm chỉ tiêu, 2021–2030 (ví dụ 2025). / Target year.",
        show_default=False,
    ),
]

DataYearOption = Annotated[
    int | None,
    typer.Option(
        "--report-year",
        help="Năm báo cáo của số liệu được tính (mặc định: năm gần nhất ≤ --year). / Data year.",
        show_default=False,
    ),
]

SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Bỏ qua các dòng không hợp lệ (được đếm và liệt kê) thay vì dừng lại. / Skip "
        "invalid rows.",
    ),
]

OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Ghi kết quả ra tệp. / Write the output to a file.",
        show_default=False,
    ),
]
