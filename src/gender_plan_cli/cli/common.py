"""What every command shares: options, consoles, the usage-error panel."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from gender_plan_cli.cli.limit_options import (  # re-exported: the commands import them here
    Jobs,
    MaxCells,
    MaxFileMb,
    MaxLineKb,
    MaxMemoryMb,
    MaxRatio,
    MaxSeconds,
    MaxUnzippedMb,
    make_limits,
    make_workers,
)
from gender_plan_cli.cli.state import STATE
from gender_plan_cli.contract import ReceivedMode
from gender_plan_cli.i18n import default_lang, text
from gender_plan_cli.reading.limits import (
    DEFAULT_LIMITS as DEFAULT_LIMITS,  # re-exported for commands
)
from gender_plan_cli.reading.limits import Limits
from gender_plan_cli.safe_output import printable

if TYPE_CHECKING:
    from rich.console import Console

    from gender_plan_cli.collection.registry import Registry
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.records import LoadResult
    from gender_plan_cli.roster.config import RosterConfig


__all__ = [
    "Jobs",
    "MaxCells",
    "MaxFileMb",
    "MaxLineKb",
    "MaxMemoryMb",
    "MaxRatio",
    "MaxSeconds",
    "MaxUnzippedMb",
    "make_limits",
    "make_workers",
]


class Lang(str, Enum):
    vi = "vi"
    en = "en"


def stdout_console() -> Console:
    """Results: stdout, so `--format json > out.json` stays clean. Sent to a file or a pipe
    without COLUMNS, a table is laid out for PIPE_WIDTH columns rather than squeezed into 80."""
    import sys

    from rich.console import Console

    width = _width()
    if width is None and not sys.stdout.isatty():
        width = PIPE_WIDTH
    return Console(soft_wrap=False, width=width, markup=False)


def stderr_console() -> Console:
    """Messages and progress: stderr."""
    from rich.console import Console

    return Console(stderr=True, width=_width(), markup=False)


PIPE_WIDTH = 120


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


def year_or_exit(year: int | None, lang: str) -> int:
    """The target or report year a command needs: given, and within the plan (2021–2030)."""
    from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR

    if year is None:
        usage_error(text("gap.usage.year-missing", lang))
    if not MIN_YEAR <= year <= MAX_YEAR:
        usage_error(text("gap.usage.year", lang, year=year, low=MIN_YEAR, high=MAX_YEAR))
    return year


def show_usage_error(message: str) -> None:
    from rich.panel import Panel
    from rich.text import Text

    shown = Text("\n".join(printable(line) for line in message.split("\n")))
    stderr_console().print(Panel(shown, title="gplan", border_style="red", expand=False))


def say(message: str, style: str) -> None:
    """One line on stderr, in a style; the text is never read as markup."""
    from rich.text import Text

    stderr_console().print(Text(printable(message), style=style))


# Files the command read besides the data (the rules file): `-o` never writes over them.
READ_BY_COMMAND: set[Path] = set()


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
    from gender_plan_cli.intake.load import load_paths
    from gender_plan_cli.intake.worker_limits import WorkerLimits

    header_words_or_exit(lang)
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
        result = load_paths(files, **options)  # type: ignore[arg-type]
    else:
        with bar:
            result = load_paths(files, progress=step, **options)  # type: ignore[arg-type]
    if STATE["process"]:
        # What was read lives until the command ends: the collector need not scan it again and
        # again while the indicators and the output allocate (a command is one short process;
        # inside another program, its objects are not ours to freeze).
        import gc

        gc.freeze()
    return result


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
    from gender_plan_cli.collection.registry import NAMES, find_registry, load_registry
    from gender_plan_cli.paths import local_rules

    in_use = rules if rules is not None else (None if os.environ.get("CI") else local_rules())
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
    from gender_plan_cli.intake.load import EXTENSIONS
    from gender_plan_cli.paths import bundled_samples
    from gender_plan_cli.targets.results import DataSource

    if paths:
        return DataSource(kind="paths", paths=[str(p) for p in paths]), list(paths)
    env = os.environ.get("GPLAN_DATA", "").strip()
    if env:
        say(text("gap.note.env", lang, path=env), "yellow")
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
    say(text("gap.note.samples", lang, path=str(samples)), "yellow")
    return DataSource(kind="samples", paths=[str(samples)]), inputs


def resolve_paths(paths: list[Path], lang: str) -> list[Path]:
    """The files to read, or a usage error for a path that does not exist / holds no spreadsheet."""
    from gender_plan_cli.i18n import text
    from gender_plan_cli.intake.load import discover

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
    from gender_plan_cli.targets.rules import load_rules
    from gender_plan_cli.yamlfile import RulesError

    chosen = path if path is not None else _rules_in_force(lang)
    shown = str(path) if path is not None else _shown(chosen)
    if path is not None and not path.exists():
        usage_error(text("usage.no-path", lang, path=str(path)))
    READ_BY_COMMAND.add(chosen.resolve())
    try:
        return load_rules(chosen, shown), shown
    except RulesError as exc:
        usage_error(text("rules.invalid-file", lang) + "\n" + exc.message(lang))


def header_words_or_exit(lang: str, rules_file: Path | None = None) -> str | None:
    """The header words in force (checked once, before any file is read), or a usage error
    naming file, line and key (exit 2). Returns the province's headers.yaml read, if any."""
    from gender_plan_cli.layout.header_file import local_headers, words
    from gender_plan_cli.yamlfile import RulesError

    local = local_headers() if rules_file is None else rules_file.parent / "headers.yaml"
    try:
        if rules_file is not None and local.is_file():
            from gender_plan_cli.layout.header_file import read_header_file

            read_header_file(local, _shown(local))
        words()
    except RulesError as exc:
        usage_error(text("rules.invalid-headers", lang) + "\n" + exc.message(lang))
    return _shown(local) if local.is_file() else None


def _rules_in_force(lang: str) -> Path:
    """`rules/targets.yaml` of the current folder, except in CI (`CI` set): there a pull
    request could have zeroed every target in it, so only the bundled rules or `--rules`."""
    from gender_plan_cli.paths import bundled_rules, default_rules, local_rules

    local = local_rules()
    if local is None or not os.environ.get("CI"):
        return default_rules()
    say(text("rules.local-ignored", lang, path=_shown(local)), "yellow")
    return bundled_rules()


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
