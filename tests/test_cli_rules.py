"""`gplan rules`: the targets in force, and validating a rules file (exit 0 / 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.paths import bundled_rules

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules" / "targets.yaml"


def row(output: str, first: str) -> list[str]:
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) > 1 and cells[1] == first:
            return cells
    raise AssertionError(f"no row {first!r} in\n{output}")


def test_the_targets_in_force_with_the_files_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    assert "Chỉ tiêu đang áp dụng — tệp rules/targets.yaml" in result.stdout
    assert row(result.stdout, "female_key_leader")[2:4] == ["60,0%", "75,0%"]
    assert row(result.stdout, "pool_female")[2:5] == ["40,0%", "50,0%", "mọi loại hình"]
    assert row(result.stdout, "pool_female_trained")[2:4] == ["75,0%", "90,0%"]
    flat = " ".join(result.stdout.split())
    assert "dưới 30,0% (tính theo cả ngành): chỉ tiêu × tỷ lệ nữ ÷ 30,0%." in flat


def test_outside_a_project_the_bundled_copy_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["rules", "--lang", "en"])
    assert result.exit_code == 0
    assert f"Targets in force — file {bundled_rules()}" in " ".join(result.stdout.split())


def test_on_track_values_of_a_year() -> None:
    result = runner.invoke(app, ["rules", "--rules", str(RULES), "--year", "2027", "--lang", "en"])
    assert result.exit_code == 0
    assert row(result.stdout, "female_key_leader")[2:5] == ["60.0%", "75.0%", "66.0%"]
    assert row(result.stdout, "pool_female")[2:5] == ["40.0%", "50.0%", "44.0%"]
    assert row(result.stdout, "pool_female_trained")[2:5] == ["75.0%", "90.0%", "81.0%"]


def test_a_valid_file_exits_0_and_shows_its_own_numbers(tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8").replace("    2030: 0.50\n", "    2030: 0.45\n", 1)
    text = text.replace(
        "      sectors: []\n",
        "      sectors:\n        - sector: Quốc phòng\n          2025: 0.2\n          2030: 0.3\n",
    )
    path = tmp_path / "tinh-khac.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["rules", "--rules", str(path), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert row(result.stdout, "pool_female")[2:4] == ["40.0%", "45.0%"]
    assert 'Approved sector "Quốc phòng": 2025: 20.0%, 2030: 30.0%' in result.stdout


def test_an_invalid_file_exits_2_with_file_line_and_key(tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8").replace("    2025: 0.75\n", "    2025: 75\n", 1)
    line = text.splitlines().index("    2025: 75") + 1
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["rules", "--rules", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""
    shown = " ".join(result.stderr.replace("│", " ").split())
    assert "The rules file is not valid:" in shown
    assert f"{path}:{line} targets.pool_female_trained.2025: must be ≤ 1" in shown


def test_a_missing_rules_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["rules", "--rules", str(tmp_path / "none.yaml")])
    assert result.exit_code == 2
    assert "none.yaml" in result.stderr


def test_a_year_outside_the_programme_exits_2() -> None:
    assert runner.invoke(app, ["rules", "--year", "2035"]).exit_code == 2
