"""Keep the command output shown in README.md and docs/*.md true.

    python scripts/readme_help.py          # rewrite the blocks in README.md and docs/*.md
    python scripts/readme_help.py --check  # exit 1 when a block is out of date (the tests do this)

A block is a marker line followed by a ```text fence; the fence's content is generated:

    <!-- help: gplan check -->          what `gplan check --help` prints, 100 columns wide
    <!-- output: gplan check FILE -->   `$ gplan check FILE`, what it prints on stdout, 120 columns
                                        wide, and its exit code; run from the repository root
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- help: (gplan[a-z ]*) -->\n```text\n)(.*?)(```)", re.DOTALL)
OUTPUT = re.compile(r"(<!-- output: (gplan [^\n]*?) -->\n```text\n)(.*?)(```)", re.DOTALL)
WIDTH = "100"
OUTPUT_WIDTH = "120"
# The shell a reader types in: none of these set, whatever the machine running this has.
UNSET = ("GPLAN_LANG", "GPLAN_DATA", "GPLAN_UNITS", "CI", "GITHUB_STEP_SUMMARY")


def pages() -> list[Path]:
    """README.md, then every page of docs/ (not docs/spec/, the contract copied as it is)."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


def _invoke(args: list[str], width: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app

    env: dict[str, str | None] = {"COLUMNS": width, "NO_COLOR": "1"}
    env.update(dict.fromkeys(UNSET))
    return CliRunner().invoke(app, args, env=env)


def _lines(text: str) -> str:
    """Without trailing spaces (Rich pads centred titles), which editors strip on save."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def help_text(command: str) -> str:
    return _lines(_invoke(command.split()[1:] + ["--help"], WIDTH).output)


def output_text(command: str) -> str:
    """`$ command`, its standard output and its exit code, run where the samples' paths hold."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = _invoke(shlex.split(command)[1:], OUTPUT_WIDTH)
    finally:
        os.chdir(here)
    return _lines(f"$ {command}\n{result.stdout}$ echo $?\n{result.exit_code}\n")


def render(text: str) -> str:
    text = BLOCK.sub(lambda m: m.group(1) + help_text(m.group(2)) + m.group(4), text)
    return OUTPUT.sub(lambda m: m.group(1) + output_text(m.group(2)) + m.group(4), text)


def main() -> int:
    stale = []
    for page in pages():
        text = page.read_text(encoding="utf-8")
        fresh = render(text)
        if fresh != text:
            stale.append(page)
            if "--check" not in sys.argv:
                page.write_text(fresh, encoding="utf-8")
    if "--check" in sys.argv:
        for page in stale:
            print(f"out of date: {page.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
