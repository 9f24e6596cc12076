"""Golden outputs: what `check` and `gap` print for the bundled samples and a 50,000-unit form.

The expected outputs sit in tests/data/golden/. A change that alters a single byte of them
fails here; when the change is meant (a new field, a reworded message), regenerate with

    GPLAN_REGEN_GOLDEN=1 pytest tests/test_golden.py

and review the diff of tests/data/golden/ like code. The 50,000-unit outputs are kept as
SHA-256 digests (the gap JSON is ~20 MB); the sample outputs in full.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA
from gender_plan_cli.cli import app

REPO = Path(__file__).resolve().parents[1]
GOLDEN = DATA / "golden"
REGEN = os.environ.get("GPLAN_REGEN_GOLDEN") == "1"
runner = CliRunner()


def _compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file"


def _run(args: list[str], columns: int = 120) -> tuple[int, str]:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    return result.exit_code, result.stdout


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root so every path in the output is relative and stable."""
    monkeypatch.chdir(REPO)
    return REPO


CASES = {
    "check-samples.json": (["check", "data/samples", "--format", "json"], 1),
    "check-samples-en.json": (["check", "data/samples", "--format", "json", "--lang", "en"], 1),
    "check-broken.txt": (["check", "data/samples/broken"], 1),
    "check-returns.txt": (["check", "data/samples/returns", "data/samples/hanoi-2025.xlsx"], 0),
    "check-broken.github": (["check", "data/samples/broken", "--format", "github"], 1),
    "gap-2025.json": (["gap", "--year", "2025", "--format", "json"], 0),
    "gap-2030-by-level.json": (["gap", "--year", "2030", "--by", "level", "--format", "json"], 0),
    "gap-2025.csv": (["gap", "--year", "2025", "--format", "csv"], 0),
    "gap-2025-120.txt": (["gap", "--year", "2025"], 0),
    "gap-2030-by-sector-120.txt": (["gap", "--year", "2030", "--by", "sector"], 0),
    "gap-2025-80.txt": (["gap", "--year", "2025"], 0),
    "gap-2030-by-sector-80.txt": (["gap", "--year", "2030", "--by", "sector"], 0),
    "check-broken-summary.txt": (["check", "data/samples/broken", "--summary"], 1),
    "check-broken.csv": (["check", "data/samples/broken", "--format", "csv"], 1),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_outputs_match_their_golden_files(in_repo: Path, name: str) -> None:
    args, code = CASES[name]
    if args[0] == "gap":
        args = [*args, "data/samples/hanoi-2024.xlsx", "data/samples/hanoi-2025.xlsx"]
        args += ["data/samples/returns"]
    exit_code, out = _run(args, columns=80 if name.endswith("-80.txt") else 120)
    assert exit_code == code, out
    _compare(name, out)


@pytest.fixture(scope="module")
def large_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated 50,000-unit consolidated form, with the rules copied beside it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from make_large import write_workbook
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    folder = tmp_path_factory.mktemp("large")
    write_workbook(folder / "large-50000.xlsx", 50_000)
    (folder / "rules").mkdir()
    shutil.copy(REPO / "rules" / "targets.yaml", folder / "rules" / "targets.yaml")
    return folder


@pytest.mark.parametrize(
    ("name", "args", "code"),
    [
        ("check-50000.json.sha256", ["check", "large-50000.xlsx", "--format", "json"], 0),
        ("gap-50000.json.sha256", ["gap", "large-50000.xlsx", "-y", "2025", "-f", "json"], 0),
    ],
)
def test_a_50000_unit_form_gives_the_same_bytes(
    large_form: Path, monkeypatch: pytest.MonkeyPatch, name: str, args: list[str], code: int
) -> None:
    monkeypatch.chdir(large_form)
    exit_code, out = _run(args)
    assert exit_code == code
    _compare(name, hashlib.sha256(out.encode("utf-8")).hexdigest() + "\n")
