"""Issue 27, item 1: memory before the verdict. Small hostile files that made calamine grow to
1-3.8 GB before the worker was refused are now refused by their format's guard, before calamine
opens them: read through the pool with a 512 MiB cap, each is its exact finding, and the same
finding comes from the guards alone, in-process, with calamine out of reach."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from gender_plan_cli.intake.isolation import read_isolated
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.reading.limits import DEFAULT_LIMITS
from gender_plan_cli.records import FileResult
from hostile_builders import HAZARDS, MEMORY_HAZARDS, Hazard, build_all

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="rlimits: POSIX")

READ = functools.partial(read_file, report_year=None, limits=DEFAULT_LIMITS)
CAP_MB = 512
ONE_MB = 1_000_000
BIG_BY_DESIGN = {"single_line_20MB.csv"}  # the hazard is its length: the CSV line limit
NAMES = [h.name for h in MEMORY_HAZARDS]


def found(result: FileResult) -> list[tuple[str, str]]:
    return [(f.code, f.message_id) for f in result.findings]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("memory")
    return {h.name: h.build(folder) for h in MEMORY_HAZARDS}


@pytest.fixture(scope="module")
def pooled(built: dict[str, Path]) -> dict[str, FileResult]:
    """Every case read once through the worker pool, each worker capped at 512 MiB."""
    paths = [built[name] for name in NAMES]
    results = read_isolated(paths, READ, WorkerLimits(max_memory_mb=CAP_MB, jobs=2))
    return dict(zip(NAMES, results, strict=True))


def _hazard(name: str) -> Hazard:
    return next(h for h in MEMORY_HAZARDS if h.name == name)


@pytest.mark.parametrize("name", NAMES)
def test_a_small_hostile_file_is_its_finding_in_a_512_mib_worker(
    name: str, pooled: dict[str, FileResult]
) -> None:
    hazard = _hazard(name)
    assert found(pooled[name]) == [(hazard.code, hazard.message_id)]


@pytest.mark.parametrize("name", NAMES)
def test_the_guard_decides_before_calamine_opens_the_file(
    name: str, built: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process, with every way into calamine made to fail the test: the same finding."""
    from gender_plan_cli.reading import calamine, xlsx

    def no_calamine(*_: object, **__: object) -> None:
        raise AssertionError(f"calamine was opened for {name}")

    monkeypatch.setattr(calamine.CalamineBook, "__init__", no_calamine)
    monkeypatch.setattr(xlsx.XlsxBook, "calamine", no_calamine)
    hazard = _hazard(name)
    assert found(READ(built[name])) == [(hazard.code, hazard.message_id)]


def test_what_each_guard_names(pooled: dict[str, FileResult]) -> None:
    args = {name: result.findings[0].args for name, result in pooled.items()}
    for name in ("ods_value_without_type.ods", "ods_formula_only.ods"):
        assert args[name]["extent"] == "A1:XFD6002", name
    assert args["ods_table_prefix_rebound.ods"]["extent"] == "A1:XFD6002"
    assert args["ods_empty_runs_kept.ods"]["extent"] == "A1:XFC308"  # row tags × cells kept
    assert args["xls_difat_loop.xls"] == {"reason": "DIFAT chain loops"}
    wide = args["xlsx_implicit_positions_wide.xlsx"]  # as far as the first MiB read reaches
    assert wide["limit"] == 16_384 < wide["columns"] < 100_000
    assert pooled["xlsx_implicit_positions_wide.xlsx"].findings[0].sheet == "Biểu 01"


def test_every_hostile_file_is_small(tmp_path: Path) -> None:
    """Each hazard is what a small file can do (the 20 MB CSV line excepted: its length is it)."""
    paths = build_all(tmp_path / "all")
    sizes = {
        name: path.stat().st_size
        for name, path in paths.items()
        if path.is_file() and not path.is_symlink() and name not in BIG_BY_DESIGN
    }
    assert set(NAMES) <= set(sizes)
    assert {name: size for name, size in sizes.items() if size >= ONE_MB} == {}
    assert all(h.name in {x.name for x in HAZARDS} for h in MEMORY_HAZARDS)
