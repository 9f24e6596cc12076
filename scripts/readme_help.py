"""Keep the `--help` texts shown in README.md true.

    python scripts/readme_help.py          # rewrite the blocks in README.md
    python scripts/readme_help.py --check  # exit 1 when a block is out of date (the tests do this)

A block is a line `<!-- help: gplan check -->` followed by a ```text fence.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- help: (gplan[a-z ]*) -->\n```text\n)(.*?)(```)", re.DOTALL)
WIDTH = "100"


def help_text(command: str) -> str:
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app

    args = command.split()[1:] + ["--help"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": WIDTH, "NO_COLOR": "1"})
    return result.output


def render(readme: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + help_text(m.group(2)) + m.group(4), readme)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in sys.argv:
        return 0 if fresh == text else 1
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
