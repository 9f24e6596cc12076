"""Outputs that never surprise: no formula runs, a full disk is one line and exit 1, and -o
(with --force too) replaces a regular file only."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from gender_plan_cli.safe_output import NotRegularFile, neutralize, write_atomic, write_text_atomic

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "\n=1+1",
        "\x00=1",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\u200b=1+1",
        "\ufeff\u200d＝1",
    ],
)
def test_a_text_a_spreadsheet_could_run_is_shown_as_text(text: str) -> None:
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("value", ["Xã Cổ Đô", "1=1", " x", "", 5, -5, 1.5, None])
def test_anything_else_is_left_as_it_is(value: object) -> None:
    assert neutralize(value) == value


def test_a_symlink_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    with pytest.raises(NotRegularFile):
        write_text_atomic(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "target.csv"]


def test_a_pipe_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        write_atomic(fifo, lambda tmp: tmp.write_bytes(b"x"))
    assert fifo.is_fifo()


def _gplan(args: list[str], cwd: Path, *, fsize: int | None = None, **kw: object):  # type: ignore[no-untyped-def]
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "GPLAN_LANG": "en"}
    env.pop("CI", None)
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kw}
    return subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *args],
        cwd=cwd,
        env=env,
        text=True,
        preexec_fn=limit,
        **streams,
    )


def test_template_force_onto_a_symlink_is_refused_and_the_target_kept(tmp_path: Path) -> None:
    target = tmp_path / "target.xlsx"
    target.write_bytes(b"keep")
    (tmp_path / "link.xlsx").symlink_to(target)
    done = _gplan(["template", "-o", "link.xlsx", "--force"], tmp_path)
    assert done.returncode == 2
    assert '"link.xlsx" is not a regular file' in " ".join(done.stderr.split())
    assert (tmp_path / "link.xlsx").is_symlink() and target.read_bytes() == b"keep"


def test_a_full_disk_under_o_is_one_line_exit_1_and_the_old_file_kept(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    data = [str(SAMPLES / "hanoi-2025.xlsx")]
    done = _gplan(["gap", *data, "--year", "2025", "-o", "out.csv"], tmp_path, fsize=1024)
    assert done.returncode == 1
    said = " ".join(done.stderr.split())
    assert (
        'Could not write "out.csv": the disk is full (or the file size limit is reached).' in said
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_stdout_on_a_full_disk_is_exit_1_not_an_internal_error(tmp_path: Path) -> None:
    data = [str(SAMPLES / "hanoi-2025.xlsx")]
    with (tmp_path / "big.txt").open("w") as sink:
        done = _gplan(["gap", *data, "--year", "2025"], tmp_path, fsize=1024, stdout=sink)
    assert done.returncode == 1
    assert 'Could not write "stdout": the disk is full' in " ".join(done.stderr.split())
    assert "internal error" not in done.stderr
