"""The README shows the truth: its --help blocks are what the commands print."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_help():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "readme_help", ROOT / "scripts" / "readme_help.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_help_blocks_in_the_readme_are_current() -> None:
    module = _readme_help()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = module.BLOCK.findall(text)
    assert {b[1] for b in blocks} >= {
        "gplan",
        "gplan check",
        "gplan gap",
        "gplan template",
        "gplan rules",
    }
    assert module.render(text) == text, "run: python scripts/readme_help.py"


def test_quick_start_has_exactly_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    assert quick.splitlines() == [
        "pip install . && gplan gap --year 2025",
        'pip install ".[test]" && pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && pytest' in ci
