"""The linter and the type checker hold the line (docs/development.md), in CI like any test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extra")
def test_ruff_check_and_format() -> None:
    lint = _run("ruff", "check", "src", "tests", "scripts", "benchmarks")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", "src", "tests", "scripts", "benchmarks")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_on_src() -> None:
    pytest.importorskip("mypy")
    result = _run(sys.executable, "-m", "mypy", "--no-incremental", "src")
    assert result.returncode == 0, result.stdout + result.stderr
