"""The pre-commit hooks and the GitHub Action: what they match and pass on."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def test_the_hooks_match_extensions_in_any_case() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        for name in ("returns/XA-CHUONG-MY.XLSX", "a/b.Xls", "c.ods", "d.CSV", "e.xlsm"):
            assert files.search(name) and not exclude.search(name), (hook["id"], name)
        assert not files.search("notes.txt") and exclude.search("returns/~$XA.xlsx")


def test_the_action_passes_the_registry_when_given() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["units"]["default"] == ""
    check = next(s for s in action["runs"]["steps"] if s.get("name") == "Check returns")
    assert check["env"]["GPLAN_UNITS_FILE"] == "${{ inputs.units }}"
    assert '--units "$GPLAN_UNITS_FILE"' in check["run"]
