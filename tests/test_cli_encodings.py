"""A Windows console or a pipe with a narrow code page never crashes gplan (issue 15)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
Y2025 = str(SAMPLES / "hanoi-2025.xlsx")

# (arguments, exit code): every command and format, output to a pipe or a tmp file.
CASES: list[tuple[list[str], int]] = [
    (["--help"], 0),
    (["check", "-h"], 0),
    (["check", Y2025], 0),
    (["check", "-f", "json", str(SAMPLES / "broken")], 1),
    (["check", "-f", "github", str(SAMPLES / "broken")], 1),
    (["check", "-f", "csv", str(SAMPLES / "broken")], 1),
    (["check", "--summary", str(SAMPLES / "broken")], 1),
    (["gap", "-y", "2025"], 0),
    (["gap", "-y", "2030", "--by", "sector", "--lang", "en"], 0),
    (["gap", "-y", "2025", "-f", "json"], 0),
    (["gap", "-y", "2025", "-f", "csv"], 0),
    (["status", str(SAMPLES / "returns"), "-y", "2025"], 0),
    (["status", str(SAMPLES / "returns"), "-y", "2025", "-f", "json"], 0),
    (["rules"], 0),
    (["trend"], 0),
    (["trend", "-f", "csv"], 0),
    (["template", "-o", "{tmp}/mau.xlsx"], 0),
    (["report", "-y", "2025", "-o", "{tmp}/bao-cao.xlsx"], 2),  # no report on the samples
    (["schema", "gap"], 0),
    (["gap", "--by", "nothing"], 2),
    (["check"], 2),
]


def _run(args: list[str], encoding: str, tmp: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING=encoding, PYTHONPATH=str(ROOT / "src"))
    env.pop("PYTHONUTF8", None)
    argv = [a.replace("{tmp}", str(tmp)) for a in args]
    return subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *argv],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "cp1258"])
def test_every_command_survives_a_narrow_code_page(encoding: str, tmp_path: Path) -> None:
    dirs = [tmp_path / str(i) for i in range(len(CASES))]
    for d in dirs:
        d.mkdir()
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = list(
            pool.map(lambda c: _run(c[0][0], encoding, c[1]), zip(CASES, dirs, strict=True))
        )
    for (args, code), run in zip(CASES, runs, strict=True):
        err = run.stderr.decode(encoding, "replace")
        assert "Traceback" not in err, (args, err)
        assert "internal error" not in err, (args, err)
        assert run.returncode == code, (args, run.returncode, err)


def test_json_on_a_narrow_code_page_is_utf8() -> None:
    run = _run(["gap", "-y", "2025", "-f", "json"], "cp1252", Path("."))
    assert run.returncode == 0
    assert "Tỷ lệ" in run.stdout.decode("utf-8") or json.loads(run.stdout.decode("utf-8"))


def test_cp1258_keeps_vietnamese_with_tone_marks() -> None:
    import unicodedata

    run = _run(["gap", "-y", "2025"], "cp1258", Path("."))
    shown = unicodedata.normalize("NFC", run.stdout.decode("cp1258"))
    assert "MỨC ĐẠT CHỈ TIÊU" in shown


def test_ascii_folds_to_base_letters() -> None:
    run = _run(["gap", "-y", "2025"], "ascii", Path("."))
    assert "MUC DAT CHI TIEU" in run.stdout.decode("ascii")
