"""Each file is read in a worker: a file that kills, starves or hangs its reader is one finding."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from builders import simple_form, unit
from gender_plan_cli.intake.isolation import ReaderPool, read_isolated
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from hostile_builders import (
    _stray_xfd as stray_xfd,
)
from hostile_builders import (
    difat_chain_pointing_at_itself,
    ods_value_without_type,
    shared_strings_claiming_1e14,
)
from isolation_readers import by_name, whose_pid

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals and rlimits: POSIX")

READ = functools.partial(read_file, report_year=None, limits=DEFAULT_LIMITS)
# A cell limit raised to 100 M lets the guards pass a 98 M-cell ODS: calamine then grows until
# the worker's cap, a death no guard foresees (the DIFAT loop once was one; the guard refuses it).
RAISED = functools.partial(read_file, report_year=None, limits=Limits(max_cells=100_000_000))


def valid(folder: Path, name: str, code: str) -> Path:
    return simple_form(folder / name, [unit(unit_code=code)])


def codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


def test_the_hostile_workbook_really_aborts_calamine_in_process(tmp_path: Path) -> None:
    """The reason for the pool (and for the zip guard's count of shared strings, which now
    refuses this file before calamine opens it): opened by calamine in-process, this file ends
    the interpreter (SIGABRT)."""
    path = shared_strings_claiming_1e14(tmp_path / "huge_sst.xlsx")
    assert zipfile.is_zipfile(path)
    code = "import sys; from python_calamine import CalamineWorkbook as W; W.from_path(sys.argv[1])"
    run = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        timeout=60,
        env={"PYTHONPATH": str(Path(__file__).parents[1] / "src"), "RUST_BACKTRACE": "0"},
    )
    assert run.returncode == -6, run.stderr[-500:]
    assert b"memory allocation of" in run.stderr


def test_hostile_workbooks_are_one_finding_each_and_their_neighbours_are_read(
    tmp_path: Path,
) -> None:
    paths = [
        valid(tmp_path, "a.xlsx", "A01"),
        shared_strings_claiming_1e14(tmp_path / "huge_sst.xlsx"),
        difat_chain_pointing_at_itself(tmp_path / "difat_loop.xls"),
        ods_value_without_type(tmp_path),
        valid(tmp_path, "d.xlsx", "D01"),
    ]
    results = read_isolated(paths, RAISED, WorkerLimits(max_memory_mb=512, jobs=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [[u.unit_code for u in r.records] for r in results] == [["A01"], [], [], [], ["D01"]]
    assert [codes(r) for r in results] == [
        [],
        ["unreadable-file"],
        ["unreadable-file"],
        ["file-too-large"],
        [],
    ]
    refused = results[1].findings[0]  # by the zip guard, before calamine: its part says so
    assert (refused.message_id, refused.args) == (
        "unreadable-file.corrupt-zip",
        {"member": "xl/sharedStrings.xml"},
    )
    looping = results[2].findings[0]  # by the OLE guard: calamine would follow it for ever
    assert (looping.message_id, looping.args) == (
        "unreadable-file.corrupt-xls",
        {"reason": "DIFAT chain loops"},
    )
    finding = results[3].findings[0]  # calamine grew to the worker's cap
    assert finding.message_id == "file-too-large.memory-asked"
    assert finding.args["limit"] == 512
    assert "512 MB" in finding.message("vi")


@pytest.mark.parametrize(
    ("name", "code", "message_id", "shown"),
    [
        ("abort.xlsx", "reader-crashed", "reader-crashed", "SIGABRT"),
        ("segfault.xlsx", "reader-crashed", "reader-crashed", "SIGSEGV"),
        ("exit.xlsx", "reader-crashed", "reader-crashed.exit", "3"),
        ("raise.xlsx", "reader-crashed", "reader-crashed.error", "KeyError"),
        ("hog.xlsx", "file-too-large", "file-too-large.memory", "512 MB"),
    ],
)
def test_a_reader_that_dies_is_its_file_s_finding(
    tmp_path: Path, name: str, code: str, message_id: str, shown: str
) -> None:
    paths = [valid(tmp_path, "a.xlsx", "A01"), tmp_path / name, valid(tmp_path, "z.xlsx", "Z01")]
    paths[1].write_bytes(b"")
    results = read_isolated(paths, by_name, WorkerLimits(max_memory_mb=512, jobs=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert [codes(r) for r in results] == [[], [code], []]
    assert [len(r.records) for r in results] == [1, 0, 1]
    finding = results[1].findings[0]
    assert finding.message_id == message_id
    assert shown in finding.message("en")
    assert shown in finding.message("vi")


def test_a_reader_past_its_time_is_killed_and_the_run_goes_on(tmp_path: Path) -> None:
    paths = [tmp_path / "sleep.xlsx", valid(tmp_path, "b.xlsx", "B01")]
    paths[0].write_bytes(b"")
    results = read_isolated(paths, by_name, WorkerLimits(max_seconds=2, jobs=1))
    assert [codes(r) for r in results] == [["read-timeout"], []]
    assert "2 seconds" in results[0].findings[0].message("en")
    assert [u.unit_code for u in results[1].records] == ["B01"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_crash_blames_only_its_file_not_the_files_read_beside_it(
    tmp_path: Path, jobs: int
) -> None:
    """Crashes among many files: each culprit named; the files queued behind it, read again."""
    paths: list[Path] = []
    for i in range(12):
        if i in (2, 3, 7):
            paths.append(tmp_path / f"abort{i:02d}.xlsx")
            paths[-1].write_bytes(b"")
        else:
            paths.append(valid(tmp_path, f"ok{i:02d}.xlsx", f"U{i:02d}"))
    seen: list[int] = []
    results = read_isolated(
        paths, by_name, WorkerLimits(jobs=jobs), progress=lambda done, total, p: seen.append(done)
    )
    assert [r.path for r in results] == [str(p) for p in paths]
    for i, r in enumerate(results):
        if i in (2, 3, 7):
            assert codes(r) == ["reader-crashed"]
        else:
            assert codes(r) == [] and [u.unit_code for u in r.records] == [f"U{i:02d}"]
    assert seen == list(range(1, 13))


def test_one_file_and_one_job_are_still_isolated(tmp_path: Path) -> None:
    path = tmp_path / "abort.xlsx"
    path.write_bytes(b"")
    [result] = read_isolated([path], by_name, WorkerLimits(jobs=1))
    assert codes(result) == ["reader-crashed"]


def test_the_same_results_as_reading_in_process(tmp_path: Path) -> None:
    paths = [valid(tmp_path, f"f{i}.xlsx", f"U{i}") for i in range(3)]
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    paths.append(tmp_path / "bad.xlsx")
    assert read_isolated(paths, READ, WorkerLimits(jobs=2)) == [READ(p) for p in paths]


def test_a_reader_pool_keeps_its_worker_from_one_call_to_the_next(tmp_path: Path) -> None:
    """The portal's pool: the second upload is read by the worker the first one started."""
    pool = ReaderPool(WorkerLimits(jobs=1))
    try:
        [first] = pool.read([valid(tmp_path, "a.xlsx", "A01")], whose_pid)
        [second] = pool.read([valid(tmp_path, "b.xlsx", "B01")], whose_pid)
        [third] = pool.read([valid(tmp_path, "c.xlsx", "C01")], READ)  # another reader, too
    finally:
        pool.close()
    assert first.sheet == second.sheet and first.sheet not in (None, str(os.getpid()))
    assert [[u.unit_code for u in r.records] for r in (first, second, third)] == [
        ["A01"],
        ["B01"],
        ["C01"],
    ]
    assert [codes(r) for r in (first, second, third)] == [[], [], []]


def test_a_pool_worker_that_died_idle_blames_no_file_of_the_next_call(tmp_path: Path) -> None:
    pool = ReaderPool(WorkerLimits(jobs=1))
    try:
        [first] = pool.read([valid(tmp_path, "a.xlsx", "A01")], whose_pid)
        os.kill(int(first.sheet or 0), signal.SIGKILL)
        time.sleep(0.5)
        [second] = pool.read([valid(tmp_path, "b.xlsx", "B01")], whose_pid)
    finally:
        pool.close()
    assert codes(second) == [] and [u.unit_code for u in second.records] == ["B01"]
    assert second.sheet != first.sheet


def test_a_file_that_kills_a_pool_worker_is_its_finding_and_the_pool_goes_on(
    tmp_path: Path,
) -> None:
    pool = ReaderPool(WorkerLimits(jobs=1))
    crash = tmp_path / "abort.xlsx"
    crash.write_bytes(b"")
    try:
        results = pool.read([crash, valid(tmp_path, "a.xlsx", "A01")], by_name)
        [after] = pool.read([valid(tmp_path, "b.xlsx", "B01")], by_name)
    finally:
        pool.close()
    assert [codes(r) for r in results] == [["reader-crashed"], []]
    assert [u.unit_code for u in results[1].records] == ["A01"]
    assert codes(after) == [] and [u.unit_code for u in after.records] == ["B01"]


def test_no_paths_no_workers() -> None:
    assert read_isolated([], READ) == []


def test_the_parent_works_meanwhile_once_a_worker_reads(tmp_path: Path) -> None:
    """`meanwhile` runs once, in the parent, after a file was sent (and with no file at all)."""
    import multiprocessing

    paths = [valid(tmp_path, f"f{i}.xlsx", f"U{i}") for i in range(3)]
    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(len(multiprocessing.active_children()))

    results = read_isolated(paths, READ, WorkerLimits(jobs=2), meanwhile=meanwhile)
    assert results == [READ(p) for p in paths]
    assert len(calls) == 1 and calls[0] >= 1  # a worker was there, reading
    read_isolated([], READ, meanwhile=meanwhile)
    assert len(calls) == 2


def test_a_registry_file_is_read_while_the_files_are(tmp_path: Path) -> None:
    from gender_plan_cli.collection.registry import RegistryFile, load_registry
    from gender_plan_cli.intake.load import load_paths

    units = tmp_path / "units.yaml"
    units.write_text(
        'units:\n  - {code: U1, name: "Xã Một", level: "Xã", unit_type: "UBND"}\n',
        encoding="utf-8",
    )
    paths = [valid(tmp_path, "f1.xlsx", "U1"), units]
    later = RegistryFile(units)
    lazy = load_paths(paths, registry=later, workers=WorkerLimits(jobs=1))
    eager = load_paths(paths, registry=load_registry(units), workers=WorkerLimits(jobs=1))
    assert lazy.files == eager.files and lazy.records == eager.records
    assert later.load() is later.load()


def test_limits_are_picklable_with_sensible_defaults() -> None:
    import pickle

    limits = WorkerLimits()
    assert pickle.loads(pickle.dumps(limits)) == limits
    assert (limits.max_memory_mb, limits.max_seconds) == (4096, 120)
    assert 1 <= limits.jobs <= 8


def test_with_another_thread_running_workers_come_from_the_forkserver(tmp_path: Path) -> None:
    """A progress bar's thread makes fork unsafe: the forkserver isolates just as well."""
    import threading

    from gender_plan_cli.intake import isolation

    paths = [valid(tmp_path, "a.xlsx", "A01"), tmp_path / "abort.xlsx"]
    paths[1].write_bytes(b"")
    stop = threading.Event()
    bar = threading.Thread(target=stop.wait)
    bar.start()
    try:
        assert isolation._context().get_start_method() == "forkserver"
        results = read_isolated(paths, by_name, WorkerLimits(jobs=2))
    finally:
        stop.set()
        bar.join()
    assert [codes(r) for r in results] == [[], ["reader-crashed"]]
    assert [u.unit_code for u in results[0].records] == ["A01"]


def test_the_cli_reads_every_file_in_a_worker_and_survives_its_death(tmp_path: Path) -> None:
    """`gplan check` on a folder where calamine grows without end on one file (the cell limit
    raised past it, so no guard stops it) until the worker's cap: every file has its result."""
    from typer.testing import CliRunner

    from builders import simple_form, unit
    from gender_plan_cli.cli import app

    ods_value_without_type(tmp_path)
    simple_form(tmp_path / "good.xlsx", [unit()])
    result = CliRunner().invoke(
        app,
        ["check", str(tmp_path), "--format", "json", "--jobs", "2", "--max-memory-mb", "512"]
        + ["--max-cells", "100000000"],
    )
    assert result.exit_code == 1
    doc = __import__("json").loads(result.stdout)
    by_name = {Path(f["path"]).name: f for f in doc["files"]}
    assert by_name["good.xlsx"]["valid"] is True
    found = by_name["ods_value_without_type.ods"]["findings"]
    assert [f["code"] for f in found] == ["file-too-large"]
    assert "512 MB" in found[0]["message"]


def overlaps_told(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The indexes of the files whose workers told the parent their read overlapped."""
    from gender_plan_cli.intake import isolation

    told: list[int] = []
    real = isolation._Pool._on_message

    def spy(self: isolation._Pool, w: object, message: tuple[object, ...]) -> object:
        if message[0] == "overlap":
            told.append(message[1])  # type: ignore[arg-type]
        return real(self, w, message)  # type: ignore[arg-type]

    monkeypatch.setattr(isolation._Pool, "_on_message", spy)
    return told


def test_an_overlapped_read_that_dies_is_read_again_with_the_scan_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a worker, calamine parses while the scan measures. A stray cell at XFD1048576 makes
    calamine ask for a grid no cap allows and the worker dies; the file is read once more with
    the scan first, which names the sheet and its extent, exactly as a read in-process does."""
    from gender_plan_cli.intake import isolation

    stray = stray_xfd(tmp_path)
    paths = [valid(tmp_path, "a.xlsx", "A01"), stray, valid(tmp_path, "z.xlsx", "Z01")]
    again: list[tuple[int, bool]] = []
    real_again = isolation._Pool._again

    def spy(self: isolation._Pool, task: tuple[int, Path]) -> bool:
        answer = real_again(self, task)
        again.append((task[0], answer))
        return answer

    monkeypatch.setattr(isolation._Pool, "_again", spy)
    # a cap well above what a worker forked from pytest already maps (overlap needs 1 GiB left)
    results = read_isolated(paths, READ, WorkerLimits(max_memory_mb=8192, jobs=2))
    assert again == [(1, True)]  # died once overlapped; the careful read answered
    assert results == [READ(p) for p in paths]
    [finding] = results[1].findings
    assert finding.code == "file-too-large" and finding.message_id != "file-too-large.memory-asked"
    assert finding.args["cells"] == 1_048_576 * 16_384


def test_a_death_without_overlap_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that kills its reader before any overlap (an .xls, a reader's abort) is its finding
    at once: read again, it would only die again."""
    told = overlaps_told(monkeypatch)
    results = read_isolated(
        [ods_value_without_type(tmp_path)], RAISED, WorkerLimits(max_memory_mb=512, jobs=1)
    )
    paths = [tmp_path / "abort.xlsx"]
    paths[0].write_bytes(b"")
    results += read_isolated(paths, by_name, WorkerLimits(max_memory_mb=512, jobs=1))
    assert told == []
    assert [codes(r) for r in results] == [["file-too-large"], ["reader-crashed"]]


def test_a_worker_near_its_cap_does_not_overlap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread may fail to start in a worker with little address space left (one forked from
    a large parent): such a worker reads one step after the other, and says no overlap."""
    import multiprocessing

    from gender_plan_cli.intake import isolation, worker

    # forked, whatever threads an earlier test left running (they would mean the forkserver)
    monkeypatch.setattr(isolation, "_context", lambda *_: multiprocessing.get_context("fork"))
    told = overlaps_told(monkeypatch)
    paths = [valid(tmp_path, "a.xlsx", "A01")]
    assert read_isolated(paths, READ, WorkerLimits(max_memory_mb=8192, jobs=1)) == [READ(paths[0])]
    assert told == [0]
    used = 8192 - (worker._headroom(8 << 30) >> 20)  # MiB this process maps, as its fork will
    cap = used + 512  # room to read a small file, not the GiB an overlapped read asks for
    results = read_isolated(paths, READ, WorkerLimits(max_memory_mb=cap, jobs=1))
    assert results == [READ(paths[0])] and told == [0]


def test_every_module_the_forkserver_preloads_exists() -> None:
    """A stale name is skipped in silence by the forkserver: each worker would import it again."""
    import importlib

    from gender_plan_cli.intake.isolation import PRELOAD

    for name in PRELOAD:
        importlib.import_module(name)
