"""The README and docs/ show the truth: their --help blocks and command outputs are what the
commands print, and the README stays a front page."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _readme_help() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "readme_help", ROOT / "scripts" / "readme_help.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HELP = _readme_help()
PAGES = HELP.pages()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_help_and_output_blocks_are_current(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert HELP.render(text) == text, "run: python scripts/readme_help.py"


def test_every_command_has_its_help_block() -> None:
    blocks = {
        command: page.name
        for page in PAGES
        for _, command, _, _ in HELP.BLOCK.findall(page.read_text(encoding="utf-8"))
    }
    listed = HELP.help_text("gplan").split("Commands:", 1)[1]
    commands = {f"gplan {m}" for m in re.findall(r"^  ([a-z]+) ", listed, re.MULTILINE)}
    assert {"gplan check", "gplan gap", "gplan template", "gplan rules"} <= commands
    assert commands | {"gplan"} <= set(blocks), "a command without a --help block in docs/"
    assert blocks["gplan"] == "README.md"


def test_the_readme_shows_one_check_and_one_gap() -> None:
    text = README.read_text(encoding="utf-8")
    shown = [command.split()[1] for _, command, _, _ in HELP.OUTPUT.findall(text)]
    assert shown == ["check", "gap"]


def test_the_readme_is_a_front_page() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400, "the README is a front page: move reference to docs/"
    first_link = re.search(r"\]\(([^)]+)\)", text)
    assert first_link and first_link.group(1) == "HUONG-DAN.md", "the Vietnamese guide first"


def test_quick_start_has_exactly_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    assert quick.splitlines() == [
        "pip install . && gplan gap --year 2025",
        'pip install ".[test]" && pytest',
    ]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && pytest' in ci
