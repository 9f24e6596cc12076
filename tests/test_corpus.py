"""Issue 11: 338 spreadsheets from the test suites of calamine, python-calamine,
frictionless-py and openpyxl (../shared/corpus/third-party, see its SOURCES.md), checked in one
`gplan check` run through the CLI: every file reported, none valid, no traceback, exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "third-party"
EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the repository")
def test_the_third_party_corpus_in_one_run() -> None:
    expected = {str(p) for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS}
    env = dict(os.environ, COLUMNS="160", NO_COLOR="1", RUST_BACKTRACE="0")
    proc = subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", "check", str(CORPUS), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    reported = {fr["path"] for fr in doc["files"]}
    assert reported == expected
    assert not [fr["path"] for fr in doc["files"] if fr["valid"]]
    assert all(fr["findings"] for fr in doc["files"])
