"""Shared builders and the test data folder."""

from __future__ import annotations

import os
from pathlib import Path

DATA = Path(__file__).parent / "data"

# CI replays the same property-test examples (derandomize); the CLI under test must not see
# CI itself, which pins the rules to the bundled ones (tests that need it set it themselves).
IN_CI = bool(os.environ.pop("CI", ""))

# Stable output on any terminal.
os.environ["COLUMNS"] = "160"
os.environ["NO_COLOR"] = "1"
os.environ.pop("GPLAN_LANG", None)
os.environ.pop("GPLAN_DATA", None)
os.environ.pop("GPLAN_UNITS", None)
os.environ.pop("GITHUB_STEP_SUMMARY", None)
