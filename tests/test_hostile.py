"""Hostile submissions through the public API and the CLI: each refused on its own, none fatal.

A file that slipped past a guard could make python-calamine request hundreds of
GB and abort the interpreter, which no `try` catches. So every run over a
hostile file happens in a child process with an address-space limit: a guard
that fails shows up as a failing test naming the file, not as a dead test run.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import resource
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from builders import LABELS, simple_form, unit, write_csv
from gender_plan_cli.safe_output import neutralize, write_atomic, write_text_atomic
from hostile_builders import HAZARDS, Hazard, build_all, valid_files

MEMORY_CAP = 3 << 30  # a run that needs more than this has let something through
TIMEOUT = 300

WORKER = r"""
import json, resource, sys
from pathlib import Path

mode, args = sys.argv[1], json.loads(sys.argv[2])
if mode == "load":
    from gender_plan_cli.intake.load import load_paths

    res = load_paths([Path(p) for p in args])
    out = [
        {
            "path": fr.path,
            "findings": [[f.code, f.message_id, f.cell, f.severity] for f in fr.findings],
            "records": len(fr.records),
        }
        for fr in res.files
    ]
else:
    from typer.testing import CliRunner
    from gender_plan_cli.cli import app

    r = CliRunner().invoke(app, args)
    exc = r.exception
    out = {
        "exit_code": r.exit_code,
        "output": r.output,
        "exception": None if exc is None or isinstance(exc, SystemExit) else repr(exc),
    }
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print("@@RESULT@@" + json.dumps({"result": out, "maxrss_mb": rss}))
"""


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def isolated(mode: str, args: list[str], cwd: Path | None = None) -> dict[str, Any]:
    """Run load_paths (mode 'load') or the CLI through CliRunner (mode 'cli') in a child process."""
    env = dict(os.environ, RUST_BACKTRACE="0", COLUMNS="160", NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, mode, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_cap,
        env=env,
        cwd=cwd,
    )
    marker = proc.stdout.rfind("@@RESULT@@")
    if proc.returncode != 0 or marker < 0:
        return {"crashed": proc.returncode, "stderr": proc.stderr[-2000:]}
    return json.loads(proc.stdout[marker + len("@@RESULT@@") :])


@pytest.fixture(scope="module")
def hazard_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "submissions"
    build_all(folder)
    valid_files(folder / "valid", 8)
    return folder


@pytest.fixture(scope="module")
def folder_results(hazard_dir: Path) -> dict[str, dict[str, Any]]:
    """load_paths over the whole folder; if that run dies, each file alone to find the culprit."""
    run = isolated("load", [str(hazard_dir)])
    if "crashed" not in run:
        return {Path(fr["path"]).name: fr for fr in run["result"]}
    out: dict[str, dict[str, Any]] = {}
    for h in HAZARDS:
        single = isolated("load", [str(hazard_dir / h.name)])
        if "crashed" in single:
            out[h.name] = {"crashed": single["crashed"], "stderr": single["stderr"]}
        else:
            out[h.name] = single["result"][0]
    out["__folder_crashed__"] = run
    return out


def _assert_expected(hazard: Hazard, fr: dict[str, Any]) -> None:
    assert "crashed" not in fr, (
        f"{hazard.name} killed the process (rc {fr.get('crashed')}): {fr.get('stderr', '')[-600:]}"
    )
    if hazard.code is None:
        errors = [f for f in fr["findings"] if f[3] == "error"]
        assert not errors, f"{hazard.name} must be read fine, got {errors}"
        assert fr["records"] > 0
    else:
        file_level = [(f[0], f[1]) for f in fr["findings"] if f[2] is None]
        assert (hazard.code, hazard.message_id) in file_level, (hazard.name, fr["findings"])
        assert fr["records"] == 0


@pytest.mark.parametrize("hazard", HAZARDS, ids=[h.name for h in HAZARDS])
def test_each_hazard_gets_its_own_result(
    hazard: Hazard, folder_results: dict[str, dict[str, Any]]
) -> None:
    assert hazard.name in folder_results, sorted(folder_results)
    _assert_expected(hazard, folder_results[hazard.name])


def test_the_folder_run_survives_every_hazard_at_once(
    folder_results: dict[str, dict[str, Any]], hazard_dir: Path
) -> None:
    assert "__folder_crashed__" not in folder_results, folder_results.get("__folder_crashed__")
    names = [h.name for h in HAZARDS]
    assert all(n in folder_results for n in names)
    valid = [v for k, v in folder_results.items() if k.startswith("valid_")]
    assert len(valid) == 8
    assert all(v["records"] == 3 and not v["findings"] for v in valid), valid


@pytest.mark.parametrize(
    "hazard",
    [
        h
        for h in HAZARDS
        if h.name
        in (
            "empty.xlsx",
            "folder.xlsx",
            "loop.xlsx",
            "named_pipe.csv",
            "password_protected.xlsx",
            "stray_XFD1048576.xlsx",
        )
    ],
    ids=lambda h: h.name,
)
def test_a_hazard_named_alone(hazard: Hazard, hazard_dir: Path) -> None:
    run = isolated("load", [str(hazard_dir / hazard.name)])
    assert "crashed" not in run, run
    assert len(run["result"]) == 1
    _assert_expected(hazard, run["result"][0])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cli_check_over_the_folder(hazard_dir: Path, lang: str) -> None:
    run = isolated("cli", ["check", str(hazard_dir), "--format", "json", "--lang", lang])
    assert "crashed" not in run, run
    res = run["result"]
    assert res["exception"] is None, res["exception"]
    assert res["exit_code"] == 1
    assert "Traceback" not in res["output"]
    report = json.loads(res["output"][res["output"].index("{") :])
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    for h in HAZARDS:
        assert h.name in by_name, h.name
        codes = {f["code"] for f in by_name[h.name]["findings"]}
        if h.code is not None:
            assert h.code in codes, (h.name, by_name[h.name]["findings"])
            messages = [f["message"] for f in by_name[h.name]["findings"] if f["code"] == h.code]
            assert all(m and "{" not in m for m in messages), messages
    assert report["valid"] is False


def test_cli_check_table_output_has_no_traceback(hazard_dir: Path) -> None:
    run = isolated("cli", ["check", str(hazard_dir)])
    assert "crashed" not in run, run
    res = run["result"]
    assert res["exception"] is None, res["exception"]
    assert res["exit_code"] == 1
    assert "Traceback" not in res["output"]
    assert run["maxrss_mb"] < 1024, f"peak RSS {run['maxrss_mb']} MB"


def _snapshot(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Every entry under `folder`: kind, and for regular files sha256 and mtime (ns)."""
    out: dict[str, tuple[str, int, int]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            st = os.lstat(p)
            if stat.S_ISREG(st.st_mode):
                digest = hashlib.sha256(p.read_bytes()).hexdigest()
                out[str(p.relative_to(folder))] = (digest, st.st_mtime_ns, st.st_size)
            else:
                out[str(p.relative_to(folder))] = (stat.filemode(st.st_mode), 0, 0)
    return out


def test_inputs_are_never_modified(hazard_dir: Path, tmp_path: Path) -> None:
    before = _snapshot(hazard_dir)
    for args in (
        ["check", str(hazard_dir)],
        ["check", str(hazard_dir), "--format", "json"],
        ["check", str(hazard_dir), "--format", "github"],
        ["gap", str(hazard_dir), "--year", "2025"],
        ["gap", str(hazard_dir), "--year", "2025", "--format", "csv", "--skip-invalid"],
    ):
        run = isolated("cli", args, cwd=tmp_path)
        assert "crashed" not in run, (args, run)
        assert run["result"]["exception"] is None, (args, run["result"]["exception"])
        assert "Traceback" not in run["result"]["output"], args
    assert _snapshot(hazard_dir) == before


def test_junk_rows_cost_bounded_memory(tmp_path: Path) -> None:
    """4 MB of CSV whose 100,000 rows are all wrong: 700,000 findings unless they are capped."""
    path = tmp_path / "junk_rows.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(LABELS) + "\n")
        fh.writelines(",".join(["x"] * len(LABELS)) + "\n" for _ in range(100_000))
    run = isolated("cli", ["check", str(path), "--format", "json"])
    assert "crashed" not in run, run
    assert run["result"]["exit_code"] == 1
    assert run["maxrss_mb"] < 1024, f"peak RSS {run['maxrss_mb']} MB for a 4 MB file"


def test_unreadable_permissions(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file: permissions cannot be tested")
    path = simple_form(tmp_path / "locked.xlsx", [unit()])
    path.chmod(0)
    try:
        run = isolated("load", [str(path)])
    finally:
        path.chmod(0o644)
    assert run["result"][0]["findings"][0][:2] == ["unreadable-file", "unreadable-file.permission"]


# -- outputs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://evil.example","bấm vào")',
            '\'=HYPERLINK("http://evil.example","bấm vào")',
        ),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Sở Nội vụ", "Sở Nội vụ"),
        ("", ""),
        (-5, -5),
        (12.5, 12.5),
        (None, None),
        (True, True),
    ],
)
def test_neutralize(value: object, expected: object) -> None:
    assert neutralize(value) == expected


def test_gap_csv_never_starts_a_formula(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        unit(
            unit_code="=CMD|' /C calc'!A0", unit_name='=HYPERLINK("http://x","y")', sector="@SUM(1)"
        ),
        unit(unit_code="+X2", unit_name="-1+1", sector="\t=2"),
    ]
    write_csv(folder / "formulas.csv", [LABELS, *rows])
    out = tmp_path / "gap.csv"
    run = isolated(
        "cli",
        ["gap", str(folder), "--year", "2025", "--format", "csv", "--output", str(out)],
        cwd=tmp_path,
    )
    assert "crashed" not in run, run
    assert run["result"]["exception"] is None, run["result"]["exception"]
    cells = [c for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for c in row]
    assert cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gap.csv")] == []


def test_write_atomic_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    write_text_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert stat.S_IMODE(target.stat().st_mode) & 0o600 == 0o600


def test_a_write_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old contents")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"half a fi")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, half_then_fail)
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_a_write_interrupted_leaves_no_file_when_there_was_none(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"

    def interrupted(tmp: Path) -> None:
        tmp.write_text("partial", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, interrupted)
    assert list(tmp_path.iterdir()) == []
