"""Issue 11: text, numbers, rules files and `-o` paths a hostile submitter controls.

Each attack asserts the finding code and the exit code: never exit 3, never a traceback,
never a control sequence or a Rich markup tag that reaches the reader's terminal.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import LABELS, simple_form, unit, write_csv
from gender_plan_cli.cli import app
from gender_plan_cli.safe_output import printable
from gender_plan_cli.validation.parse import parse_count

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    r = runner.invoke(app, list(args), env=env)
    assert r.exit_code != 3, r.output
    assert "Traceback" not in r.output
    return r.exit_code, r.output


def findings(out: str) -> list[tuple[str, str | None]]:
    doc = json.loads(out)
    return [(f["code"], f.get("cell")) for fr in doc["files"] for f in fr["findings"]]


# -- Rich markup and control characters ----------------------------------------------------------

ATTACKS = [
    "[/]",
    "[link=https://evil.example]bấm vào đây[/link]",
    "[green]HỢP LỆ[/]",
    "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "\x1b]52;c;ZWNobyBoaQ==\x07",
    "\x9b31m",
    "\x1b[2J",
    "line\n::error file=x::fake",
    "##[error]fake",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_cannot_drive_the_terminal(tmp_path: Path, attack: str) -> None:
    path = write_csv(tmp_path / "f.csv", [LABELS, unit(unit_code="S01", staff_total=attack)])
    for fmt in ("table", "github"):
        code, out = run("check", str(path), "--format", fmt)
        assert code == 1
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert "##[" not in out
        for line in out.splitlines():
            assert not line.startswith("::") or line.startswith(("::error ", "::warning "))
    code, out = run("check", str(path), "--format", "table")
    if attack.startswith("["):
        assert attack in out  # shown as typed, not interpreted: no link, no fake verdict


@pytest.mark.parametrize(
    "name", ["[bold]x[\\bold].xlsx", "a\nb.xlsx", "\x1b[31mred.xlsx", "##[error]x.xlsx"]
)
def test_a_file_name_cannot_drive_the_terminal_or_the_log(tmp_path: Path, name: str) -> None:
    path = simple_form(tmp_path / name, [unit(staff_total="x")])
    for fmt in ("table", "github"):
        code, out = run("check", str(path), "--format", fmt)
        assert code == 1
        assert "\x1b" not in out and "##[" not in out
        lines = out.splitlines()
        assert all(not line.startswith("b.xlsx") for line in lines)


def test_markup_in_a_missing_path_and_in_gplan_data(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "[/]"))
    assert code == 2
    code, out = run("gap", env={"GPLAN_DATA": str(tmp_path / "[/]nothing")})
    assert code == 2


def test_printable_spells_out_controls() -> None:
    assert printable("a\x1bb\x9bc\u202ed\n") == "a\\x1bb\\x9bc\\u202ed\\x0a"
    assert "##[" not in printable("##[error]x")


# -- numbers beyond float -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("1" + "0" * 400, "out-of-range"),
        (10**400, "out-of-range"),
        ("9" * 5000, "out-of-range"),
        (float("nan"), "type-error"),
        (float("inf"), "type-error"),
        (1e300, "out-of-range"),
        ("NaN", "type-error"),
        ("৪", "type-error"),
        ("১২", "type-error"),
        (10_000_001, "out-of-range"),
    ],
)
def test_counts_have_a_stated_upper_bound(raw: object, code: str) -> None:
    parsed = parse_count(raw)
    assert parsed.problem is not None and parsed.problem.code == code


def test_a_count_of_the_limit_is_read() -> None:
    assert parse_count(10_000_000).value == 10_000_000


@pytest.mark.parametrize("value", ["1" + "0" * 400, "9" * 5000, "inf", "NaN", "৪"])
def test_huge_counts_are_a_cell_finding_and_gap_survives(tmp_path: Path, value: str) -> None:
    path = write_csv(tmp_path / "f.csv", [LABELS, unit(staff_total=value), unit(unit_code="S02")])
    code, out = run("check", str(path), "--format", "json")
    assert code == 1
    found = findings(out)
    assert found and found[0][1] == "H2"
    assert found[0][0] in ("out-of-range", "type-error")
    code, out = run("gap", str(path), "--skip-invalid", "--year", "2025")
    assert code in (0, 1)


# -- limits that have a ceiling -------------------------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [
        ["--max-file-mb", "inf"],
        ["--max-file-mb", "nan"],
        ["--max-cells", "10000000000000"],
        ["--max-unzipped-mb", "1e308"],
        ["--max-line-kb", "inf"],
    ],
)
def test_limits_cannot_be_lifted_to_infinity(tmp_path: Path, option: list[str]) -> None:
    path = simple_form(tmp_path / "f.xlsx", [unit()])
    code, _ = run("check", str(path), *option)
    assert code == 2


# -- rules files ----------------------------------------------------------------------------------


def _gap_with_rules(tmp_path: Path, rules: Path) -> tuple[int, str]:
    data = simple_form(tmp_path / "f.xlsx", [unit()])
    return run("gap", str(data), "--rules", str(rules))


def test_deeply_nested_rules(tmp_path: Path) -> None:
    rules = tmp_path / "deep.yaml"
    rules.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, out = _gap_with_rules(tmp_path, rules)
    assert code == 2


def test_rules_that_are_a_fifo_or_a_device_or_huge(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.fifo"
    os.mkfifo(fifo)
    assert _gap_with_rules(tmp_path, fifo)[0] == 2
    assert _gap_with_rules(tmp_path, Path("/dev/zero"))[0] == 2
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    assert _gap_with_rules(tmp_path, big)[0] == 2


def test_markup_in_a_rules_key(tmp_path: Path) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text("'[/]': 1\n'[link=x]k': 2\n", encoding="utf-8")
    code, out = _gap_with_rules(tmp_path, rules)
    assert code == 2


# -- where -o may write ---------------------------------------------------------------------------


def test_output_refuses_what_is_not_a_new_or_regular_writable_file(tmp_path: Path) -> None:
    data = simple_form(tmp_path / "f.xlsx", [unit()])
    rules = tmp_path / "targets.yaml"
    rules.write_bytes(Path("rules/targets.yaml").read_bytes())
    target = tmp_path / "real.json"
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    read_only = tmp_path / "ro.json"
    read_only.write_text("{}")
    read_only.chmod(0o444)
    cases = [
        tmp_path / "missing" / "out.json",
        tmp_path,
        Path("/dev/stdout"),
        Path("/dev/null"),
        link,
        rules,
    ]
    if os.geteuid() != 0:
        cases.append(read_only)
    for out in cases:
        code, text = run("gap", str(data), "--rules", str(rules), "-o", str(out), "-f", "json")
        assert code == 2, (out, text)
    assert target.read_text() == "{}"
    assert read_only.read_text() == "{}"
    assert rules.read_bytes() == Path("rules/targets.yaml").read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_on_a_full_disk_is_exit_1_and_no_temporary_file(tmp_path: Path) -> None:
    """No room is not the user's mistake (exit 2) but a failed run (exit 1), said in one line."""
    import typer

    from gender_plan_cli.cli.output import write_file

    def fill(tmp: Path) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(typer.Exit) as stopped:
        write_file(tmp_path / "out.json", fill, "en")
    assert stopped.value.exit_code == 1
    assert not list(tmp_path.iterdir())


SLOW_WRITER = r"""
import sys, time
from pathlib import Path
from gender_plan_cli.safe_output import write_atomic

def slow(tmp):
    tmp.write_text("partial")
    print("writing", flush=True)
    time.sleep(30)

write_atomic(Path(sys.argv[1]), slow)
"""


def test_sigterm_during_a_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(tmp_path / "out.json")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 128 + signal.SIGTERM
    proc.stdout.close()
    assert list(tmp_path.iterdir()) == []


# -- look-alikes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lookalike", ["Ѕ01", "S0\u200b1", "\u0405\u200d01", "Ｓ01"])
def test_a_lookalike_code_is_a_duplicate_unit_suspect(tmp_path: Path, lookalike: str) -> None:
    path = write_csv(tmp_path / "f.csv", [LABELS, unit(unit_code="S01"), unit(unit_code=lookalike)])
    code, out = run("check", str(path), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    found = [(f["code"], f["cell"]) for f in doc["files"][0]["findings"]]
    assert found == [("duplicate-unit", "A3")]
    assert "trông giống" in doc["files"][0]["findings"][0]["message"]


def test_lookalikes_across_files(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [LABELS, unit(unit_code="Ѕ01")])
    b = write_csv(tmp_path / "b.csv", [LABELS, unit(unit_code="S01")])
    code, out = run("check", str(a), str(b), "--format", "json")
    assert code == 1
    by_file = {
        Path(fr["path"]).name: [f["code"] for f in fr["findings"]]
        for fr in json.loads(out)["files"]
    }
    assert by_file == {"a.csv": ["duplicate-unit"], "b.csv": []}


def test_distinct_ascii_codes_are_not_lookalikes(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", [LABELS, unit(unit_code="S01"), unit(unit_code="s01")])
    code, out = run("check", str(path), "--format", "json")
    assert code == 0


@pytest.mark.parametrize(("field", "cell"), [("unit_code", "A2"), ("unit_name", "B2")])
def test_bidi_controls_in_codes_and_names(tmp_path: Path, field: str, cell: str) -> None:
    path = write_csv(tmp_path / "f.csv", [LABELS, unit(**{field: "S01\u202e10S"})])
    code, out = run("check", str(path), "--format", "json")
    assert code == 1
    found = [(f["code"], f["cell"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("suspicious-text", cell)]
    code, out = run("check", str(path))
    assert "\u202e" not in out


# -- the rules in force in CI ---------------------------------------------------------------------


def test_in_ci_the_rules_of_the_data_folder_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from gender_plan_cli.paths import bundled_rules

    data = simple_form(tmp_path / "f.xlsx", [unit(key_leaders_female=0)])
    (tmp_path / "rules").mkdir()
    zeroed = Path("rules/targets.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "targets.yaml").write_text(
        zeroed.replace("plan:", "# zeroed by a pull request\nplan:"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    bundled = hashlib.sha256(bundled_rules().read_bytes()).hexdigest()
    local = hashlib.sha256((tmp_path / "rules" / "targets.yaml").read_bytes()).hexdigest()
    assert bundled != local
    code, out = run("gap", str(data), "-y", "2025", "-f", "json", env={"CI": "true"})
    doc = json.loads(out[out.index("{") :])
    assert doc["rules_sha256"] == bundled
    assert list(doc)[-1] == "rules_sha256"
    code, out = run("gap", str(data), "-y", "2025", "-f", "json", env={"CI": ""})
    assert json.loads(out[out.index("{") :])["rules_sha256"] == local
    named = tmp_path / "rules" / "targets.yaml"
    code, out = run("gap", str(data), "-y", "2025", "--rules", str(named), env={"CI": "true"})
    assert local in out
