"""Personal data stays in the room: no name or date of birth of a roster in any output."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.collection.registry import load_registry
from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.render.check_table import render_check
from roster_builders import GENDER_COLUMN_PEOPLE, REGISTRY, gender_column_roster

runner = CliRunner()


def _personal() -> list[str]:
    out: list[str] = []
    for name, dob, *_rest in GENDER_COLUMN_PEOPLE:
        out.append(name)
        out.extend([dob.isoformat(), dob.strftime("%d/%m/%Y")] if isinstance(dob, date) else [dob])
    return out


@pytest.fixture
def roster(tmp_path: Path) -> tuple[Path, Path]:
    units = tmp_path / "units.yaml"
    units.write_text(REGISTRY, encoding="utf-8")
    # two people share a name and birth date: an error, so every person finding is present
    return gender_column_roster(tmp_path / "ds.xlsx"), units


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["gap", "--year", "2025", "--skip-invalid"],
        ["gap", "--year", "2025", "--skip-invalid", "--format", "json"],
        ["gap", "--year", "2025", "--skip-invalid", "--format", "csv"],
    ],
)
def test_no_name_or_birth_date_in_any_output(
    roster: tuple[Path, Path], tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, units = roster
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(
        app,
        [*args, str(path), "--units", str(units), "--show-names"][
            : None if args[0] == "check" else -1
        ],
    )
    shown = result.output + (summary.read_text(encoding="utf-8") if summary.exists() else "")
    assert "roster-missing-sex" in shown or args[0] == "gap", shown
    for secret in _personal():
        assert secret not in shown, secret


def test_show_names_on_a_terminal_names_the_person(roster: tuple[Path, Path]) -> None:
    path, units = roster
    result = load_paths([path], registry=load_registry(units))
    buf = io.StringIO()
    render_check(result, "vi", Console(file=buf, width=200, no_color=True), show_names=True)
    assert "Vũ Văn An, 1988-02-02" in buf.getvalue()
    buf = io.StringIO()
    render_check(result, "vi", Console(file=buf, width=200, no_color=True))
    assert "Vũ Văn An" not in buf.getvalue()
