"""The options every command that reads files shares, declared once (`with_reading_limits`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli.cli import app

LIMITS = (
    "--max-file-mb",
    "--max-unzipped-mb",
    "--max-ratio",
    "--max-cells",
    "--max-line-kb",
    "--max-memory-mb",
    "--max-seconds",
    "--jobs",
)


@pytest.mark.parametrize("command", ["check", "gap", "status", "report", "trend"])
def test_every_command_that_reads_files_takes_the_same_limits(command: str) -> None:
    shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
    assert [flag for flag in LIMITS if flag in shown] == list(LIMITS)
    if command != "check":
        assert "--units" in shown


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["gap", "--year", "2025"],
        ["trend"],
        ["report", "--year", "2025", "-o", "{out}"],
    ],
)
def test_a_limit_given_to_any_command_reaches_the_reader(args: list[str], tmp_path: Path) -> None:
    form = simple_form(tmp_path / "bao-cao.xlsx", [unit()])
    argv = [a.replace("{out}", str(tmp_path / "r.xlsx")) for a in args]
    result = CliRunner().invoke(app, [*argv, str(form), "--max-file-mb", "0.001", "--lang", "en"])
    assert result.exit_code == 1
    assert "file-too-large" in result.output
    assert not (tmp_path / "r.xlsx").exists()
