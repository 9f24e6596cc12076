"""The message catalogue (messages.yaml): complete in both languages, strict about ids, lazy."""

from __future__ import annotations

import ast
import string
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli import i18n
from gender_plan_cli.cli import app
from gender_plan_cli.i18n import Plural, Text, catalogue, text

PACKAGE = Path(i18n.__file__).parent


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def forms(side: Text) -> list[str]:
    return [side.one, side.other] if isinstance(side, Plural) else [side]


def test_every_id_has_both_languages_and_nothing_else() -> None:
    raw = yaml.safe_load(i18n.MESSAGES_FILE.read_text(encoding="utf-8"))
    assert len(raw) > 500
    for mid, entry in raw.items():
        assert isinstance(entry["vi"], str) and entry["vi"], mid  # Vietnamese has no plural
        if isinstance(entry["en"], dict):
            assert set(entry) == {"vi", "en", "plural"}, mid
            assert set(entry["en"]) == {"one", "other"}, mid
            assert entry["plural"] in placeholders(entry["vi"]), mid
            assert all(isinstance(s, str) and s for s in entry["en"].values()), mid
        else:
            assert set(entry) == {"vi", "en"}, mid
            assert isinstance(entry["en"], str) and entry["en"], mid


def test_vietnamese_and_english_have_the_same_placeholders_in_every_form() -> None:
    for mid, (vi, en) in catalogue().items():
        for form in forms(en):
            assert placeholders(form) == placeholders(vi), mid


def test_a_message_is_rendered_exactly() -> None:
    assert text("unreadable-file", "en", reason="truncated") == (
        "The file cannot be read: truncated. Open it in Excel, save it as .xlsx and send it again."
    )
    assert text("unreadable-file", "vi", reason="hỏng") == (
        "Không đọc được tệp: hỏng. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại."
    )


@pytest.mark.parametrize(
    ("mid", "args", "shown"),
    [
        ("check.line.units", {"units": 1}, "1 unit"),
        ("check.line.units", {"units": 2}, "2 units"),
        ("check.line.units", {"units": 0}, "0 units"),
        ("check.line.errors", {"errors": 1}, "1 error"),
        ("roster", {"persons": 1}, "staff roster: 1 person"),
        ("roster", {"persons": 11}, "staff roster: 11 people"),
        ("gap.actual.female_key_leader", {"actual": "0", "base": "1"}, "0 of 1 agency"),
        ("gap.actual.female_key_leader", {"actual": "1", "base": "1,234"}, "1 of 1,234 agencies"),
        ("gap.summary", {"met": 0, "applicable": 1}, "0 of 1 target met."),
        ("gap.summary", {"met": 0, "applicable": 4}, "0 of 4 targets met."),
    ],
)
def test_english_counts_one_and_many(mid: str, args: dict[str, object], shown: str) -> None:
    assert text(mid, "en", **args) == shown


def test_a_count_of_one_second_is_said_so() -> None:
    assert text("read-timeout", "en", seconds=1.0, flag="--max-seconds") == (
        "Reading the file took more than 1 second, so it was stopped; it may be too big or "
        "damaged. Open it in Excel, delete unneeded sheets and rows and save it as .xlsx; if it "
        "really is that big, run again with a larger --max-seconds."
    )


def test_vietnamese_has_one_text_for_any_count() -> None:
    assert [text("check.line.units", "vi", units=n) for n in (1, 2)] == ["1 đơn vị", "2 đơn vị"]


def test_check_summary_lines_say_1_unit_and_0_warnings(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "one.xlsx", [unit(staff_female=925, staff_total=922)])
    result = CliRunner().invoke(app, ["check", str(path), "--summary", "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].split("INVALID")[1].strip() == (
        "1 unit, 1 error, 0 warnings"
    )


@pytest.mark.parametrize("mid", ["no-such-message", "unreadable-file.no-such-reason"])
def test_an_unknown_id_is_a_programming_error(mid: str) -> None:
    with pytest.raises(LookupError) as caught:
        text(mid, "en", reason="x")
    assert str(caught.value) == f"no message '{mid}' in messages.yaml"


def _ids_in_source() -> set[tuple[str, int, str]]:
    """Literal ids given to text()/render_message(), as a Problem's second argument or as
    message_id=, with file and line."""
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            candidates = [kw.value for kw in node.keywords if kw.arg == "message_id"]
            if name in ("text", "render_message") and node.args:
                candidates.append(node.args[0])
            if name in ("Problem", "ReadProblem") and len(node.args) > 1:
                candidates.append(node.args[1])
            for arg in candidates:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add((path.name, node.lineno, arg.value))
    return found


def test_every_literal_id_in_the_code_is_in_the_catalogue() -> None:
    ids = _ids_in_source()
    assert len(ids) > 250
    assert sorted(x for x in ids if x[2] not in catalogue()) == []


def test_the_catalogue_is_read_on_first_use_not_on_import() -> None:
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: event == 'open' and opened.append(str(args[0])))\n"
        "from gender_plan_cli import i18n\n"
        "print('yaml' in sys.modules, [p for p in opened if p.endswith('messages.yaml')])\n"
        "print(i18n.text('check.col.file', 'en'), 'yaml' in sys.modules,"
        " [p.rsplit('/', 1)[-1] for p in opened if p.endswith('messages.yaml')])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == ["False []", "File True ['messages.yaml']"]
