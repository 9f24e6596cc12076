"""Start-up: `gplan --help` lists every command without loading any of them (issue 12)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gender_plan_cli import cli
from gender_plan_cli.i18n import catalogue


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_each_listed_help_line_is_its_command_s_own(name: str) -> None:
    """COMMANDS stays Python (reading messages.yaml would slow `gplan --help`): its Vietnamese
    is the command's help message, and the command shows the listed line where it is listed."""
    vi, _ = catalogue()[f"cli.{name}.help"]
    assert cli.COMMANDS[name].split(" / ")[0] == vi
    command = cli.build_command(name, cli.app)
    from typer._click.utils import make_default_short_help

    for width in (40, 80, 200):
        assert command.get_short_help_str(width) == make_default_short_help(vi, width)


def test_help_loads_no_command_and_no_core() -> None:
    code = (
        "import sys; from gender_plan_cli.cli import main; sys.argv = ['gplan', '--help']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('gender_plan_cli'))\n"
        "print(loaded, file=sys.stderr)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(run.stderr.strip().splitlines()[-1])  # a list literal printed above
    assert loaded == [
        "gender_plan_cli",
        "gender_plan_cli.cli",
        "gender_plan_cli.cli.state",
        "gender_plan_cli.cli.streams",
        "gender_plan_cli.words",
    ]
    assert "check     Kiểm tra tệp báo cáo" in run.stdout


def test_a_command_is_built_once_and_a_typo_is_still_suggested() -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli.app, ["chek"])
    assert result.exit_code == 2
    assert "'check'" in result.output
    group = cli.typer.main.get_command(cli.app)
    assert group.get_command(None, "rules") is group.get_command(None, "rules")  # type: ignore[attr-defined]
    assert group.get_command(None, "nope") is None  # type: ignore[attr-defined]


def test_only_gplan_s_own_process_freezes_the_collector(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gc

    from typer.testing import CliRunner

    before = gc.get_freeze_count()
    sample = "data/samples/returns/xa-co-do.xlsx"
    assert CliRunner().invoke(cli.app, ["check", sample]).exit_code in (0, 1)
    assert gc.get_freeze_count() == before  # a test's objects are not frozen
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "from gender_plan_cli.cli import main\n"
        f"sys.argv = ['gplan', 'check', {sample!r}]\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "frozen True" in run.stderr, run.stderr
