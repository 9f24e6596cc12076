"""The JSON Schemas shipped in the package are current, and real outputs validate (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.render.schema import NAMES, build, shipped

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()
DATA = ["data/samples/hanoi-2024.xlsx", "data/samples/hanoi-2025.xlsx", "data/samples/returns"]


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schemas_are_current(name: str) -> None:
    assert shipped(name) == build(name), "run python scripts/make_schemas.py"
    Draft202012Validator.check_schema(json.loads(shipped(name)))


@pytest.mark.parametrize(
    ("name", "args", "code"),
    [
        ("check", ["check", "data/samples", "-f", "json"], 1),
        ("check", ["check", "data/samples/broken", "-f", "json", "--lang", "en"], 1),
        ("gap", ["gap", "-y", "2025", "-f", "json", *DATA], 0),
        ("gap", ["gap", "-y", "2030", "--by", "level", "-f", "json", *DATA], 0),
        ("gap", ["gap", "-y", "2030", "--by", "parent_code", "-f", "json", *DATA], 0),
        ("status", ["status", "-y", "2025", "-f", "json", "data/samples"], 0),
        ("trend", ["trend", "-f", "json"], 0),
    ],
)
def test_real_outputs_validate(
    name: str, args: list[str], code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    document = json.loads(result.stdout)
    assert document["schema_version"] == "1"
    Draft202012Validator(json.loads(shipped(name))).validate(document)


def test_gplan_schema_prints_one(monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["schema", "gap"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")
