"""What a command reads: the paths (or GPLAN_DATA, or the samples), the registry, the rules and
header words in force, every file read through the library face with a progress bar."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from gender_plan_cli.api import Limits
from gender_plan_cli.cli.console import say, stderr_console, usage_error
from gender_plan_cli.cli.state import STATE
from gender_plan_cli.contract import ReceivedMode, in_plan
from gender_plan_cli.i18n import text
from gender_plan_cli.paths import shown

if TYPE_CHECKING:
    from gender_plan_cli.api import Registry, RegistryFile, RosterConfig, WorkerLimits
    from gender_plan_cli.records import LoadResult, Received


def year_or_exit(year: int | None, lang: str) -> int:
    """The target or report year a command needs: given, and within the plan (2021–2030)."""
    from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR

    if year is None:
        usage_error(text("gap.usage.year-missing", lang))
    if not in_plan(year):
        usage_error(text("gap.usage.year", lang, year=year, low=MIN_YEAR, high=MAX_YEAR))
    return year


# Files the command read besides the data (the rules file): `-o` never writes over them.
READ_BY_COMMAND: set[Path] = set()


def load_files(
    paths: list[Path],
    lang: str,
    limits: Limits,
    *,
    report_year: int | None = None,
    not_into: Path | None = None,
    registry: Registry | RegistryFile | None = None,
    received_from: ReceivedMode = "auto",
    workers: WorkerLimits | None = None,
    roster: RosterConfig | None = None,
    all_years: bool = False,
    empty_store: bool = False,
) -> LoadResult:
    """Discover once, read every file in a worker process (with a progress bar on a terminal),
    cross-check.

    `not_into`: the output file of the command, which must not be one of the files read.
    `all_years`: a portal store stands for the returns of every year it holds (`trend`).
    `empty_store`: a store that has accepted nothing yet is read as no file (`status`: every
    unit missing), not a usage error.
    """
    from gender_plan_cli.api import WorkerLimits, read_returns

    header_words_or_exit(lang)
    named = paths
    paths, receipts = store_returns(paths, all_years)
    if not paths and named and all(_is_store(p) for p in named):
        if not empty_store:
            usage_error(text("usage.store-empty", lang, path=", ".join(map(str, named))))
        return read_returns([], registry=registry, discovered=True)
    files = resolve_paths(paths, lang)
    if not_into is not None:
        _not_an_input(not_into, files, registry, lang)
    bar, step = progress_reporter(len(files), lang)
    options = {
        "report_year": report_year,
        "limits": limits,
        "discovered": True,
        "registry": registry,
        "received_from": received_from,
        "workers": workers or WorkerLimits(),
        "roster": roster,
        "receipts": receipts,
    }
    if bar is None:
        result = read_returns(files, **options)  # type: ignore[arg-type]
    else:
        with bar:
            result = read_returns(files, progress=step, **options)  # type: ignore[arg-type]
    if STATE["process"]:
        # What was read lives until the command ends: the collector need not scan it again and
        # again while the indicators and the output allocate (a command is one short process;
        # inside another program, its objects are not ours to freeze).
        import gc

        gc.freeze()
    return result


def store_returns(
    paths: list[Path], all_years: bool = False
) -> tuple[list[Path], dict[Path, Received]]:
    """A portal store named as PATH stands for its accepted returns of its year (of every year
    it holds with `all_years`: `trend`), with the times the portal received them (so `status`,
    `gap` and `report` of a store say what the portal says)."""
    from gender_plan_cli.portal.store import accepted_files, is_store

    out: list[Path] = []
    receipts: dict[Path, Received] = {}
    for path in paths:
        if is_store(path):
            accepted, received = accepted_files(path, all_years=all_years)
            receipts.update(received)
            out.extend(accepted)
        else:
            out.append(path)
    return out, receipts


def _not_an_input(
    output: Path, files: list[Path], registry: Registry | RegistryFile | None, lang: str
) -> None:
    """A usage error when the command's output file is one of the files it reads."""
    read = [*files, *([Path(registry.path)] if registry is not None else [])]
    if any(output.resolve() == f.resolve() for f in read):
        usage_error(text("gap.usage.output-is-input", lang, path=str(output)))


def _is_store(path: Path) -> bool:
    from gender_plan_cli.portal.store import is_store

    return is_store(path)


def store_deadline(paths: list[Path] | None, year: int) -> date | None:
    """The deadline a portal store named as PATH collects `year` under (`portal init
    --deadline`), which comes before the rules' 15 December; None when no store says."""
    from gender_plan_cli.portal.store import is_store, read_config

    for path in paths or []:
        if is_store(path):
            config = read_config(path)
            if config.year == year:
                return config.deadline
    return None


def registry_search(paths: list[Path] | None, inputs: list[Path]) -> list[Path]:
    """Where a `units.*` may sit beside the data: the folders named, or the samples' folder."""
    if paths:
        return list(paths)
    return sorted({p.parent for p in inputs} | {p for p in inputs if p.is_dir()})


def registry_for(
    explicit: Path | None,
    rules: Path | None,
    paths: list[Path],
    lang: str,
    limits: Limits,
    say_it: bool = True,
) -> Registry | None:
    """The registry of units in force: `--units`, GPLAN_UNITS, a `units.*` beside the rules
    file in use (not the bundled one), or at the top of a folder named as PATH; else None.
    Said on stderr unless `say_it` is False (status names it in its own heading)."""
    found = registry_file(explicit, rules, paths, lang, limits, say_it)
    return found.load() if found is not None else None


def registry_file(
    explicit: Path | None,
    rules: Path | None,
    paths: list[Path],
    lang: str,
    limits: Limits,
    say_it: bool = True,
) -> RegistryFile | None:
    """`registry_for`'s registry, not read yet: `load_files` reads it while the workers read
    the files."""
    from gender_plan_cli.api import REGISTRY_NAMES as NAMES
    from gender_plan_cli.api import RegistryFile, find_registry
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
    if say_it:
        say(text("registry.in-use", lang, path=shown(found)), "dim")
    return RegistryFile(found, limits)


def data_inputs(paths: list[Path] | None, lang: str):  # type: ignore[no-untyped-def]
    """The paths to read and how they were chosen; says so on stderr when not named."""
    from gender_plan_cli.api import EXTENSIONS, DataSource
    from gender_plan_cli.paths import bundled_samples

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
    from gender_plan_cli.api import discover
    from gender_plan_cli.i18n import text

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


def load_rules_or_exit(path: Path | None, lang: str):  # type: ignore[no-untyped-def]
    """The rules in force, or a usage error naming file, line and key (exit 2)."""
    from gender_plan_cli.api import RulesError, load_rules

    chosen = path if path is not None else _rules_in_force(lang)
    named = str(path) if path is not None else shown(chosen)
    if path is not None and not path.exists():
        usage_error(text("usage.no-path", lang, path=str(path)))
    READ_BY_COMMAND.add(chosen.resolve())
    wording_or_exit(lang, path)
    try:
        return load_rules(chosen, named), named
    except RulesError as exc:
        usage_error(text("rules.invalid-file", lang) + "\n" + exc.message(lang))


def wording_or_exit(lang: str, rules_file: Path | None = None) -> None:
    """A province's wording (`messages.yaml` beside the rules file named, else
    `rules/messages.yaml` here) put in force, or a usage error naming file, line and key. In
    CI only beside a rules file named with --rules: a pull request could reword the findings."""
    from gender_plan_cli.api import RulesError
    from gender_plan_cli.render.wording import use_message_file

    if rules_file is None and os.environ.get("CI"):
        return
    folder = rules_file.parent if rules_file is not None else Path.cwd() / "rules"
    path = folder / "messages.yaml"
    if not path.is_file() or path.resolve() in READ_BY_COMMAND:
        return
    READ_BY_COMMAND.add(path.resolve())
    try:
        use_message_file(path, shown(path))
    except RulesError as exc:
        usage_error(text("rules.invalid-messages", lang) + "\n" + exc.message(lang))


def header_words_or_exit(lang: str, rules_file: Path | None = None) -> str | None:
    """The header words in force (checked once, before any file is read), or a usage error
    naming file, line and key (exit 2). Returns the province's headers.yaml read, if any."""
    from gender_plan_cli.api import RulesError, local_headers, words

    local = local_headers() if rules_file is None else rules_file.parent / "headers.yaml"
    try:
        if rules_file is not None and local.is_file():
            from gender_plan_cli.api import read_header_file

            read_header_file(local, shown(local))
        words()
    except RulesError as exc:
        usage_error(text("rules.invalid-headers", lang) + "\n" + exc.message(lang))
    return shown(local) if local.is_file() else None


def _rules_in_force(lang: str) -> Path:
    """`rules/targets.yaml` of the current folder, except in CI (`CI` set): there a pull
    request could have zeroed every target in it, so only the bundled rules or `--rules`."""
    from gender_plan_cli.paths import bundled_rules, default_rules, local_rules

    local = local_rules()
    if local is None or not os.environ.get("CI"):
        return default_rules()
    say(text("rules.local-ignored", lang, path=shown(local)), "yellow")
    return bundled_rules()
