"""The message catalogue (messages.yaml): complete in both languages, strict about ids, lazy."""

from __future__ import annotations

import ast
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli import i18n
from gender_plan_cli.cli import app
from gender_plan_cli.i18n import Plural, Text, built_in, catalogue, text
from gender_plan_cli.render.wording import use_message_file
from gender_plan_cli.yamlfile import RulesError

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


# -- a province's wording (rules/messages.yaml) --------------------------------------------------


@pytest.fixture
def in_force() -> Iterator[None]:
    """The built-in wording again after the test, whatever it put in force."""
    yield
    i18n.set_overrides({})


def test_an_override_replaces_the_wording_of_one_language(tmp_path: Path, in_force: None) -> None:
    path = tmp_path / "messages.yaml"
    path.write_text(
        "unreadable-file:\n"
        '  en: "Cannot read the file: {reason}. Save it again as .xlsx."\n'
        "check.line.units:\n"
        "  en:\n"
        '    one: "{units} agency"\n'
        '    other: "{units} agencies"\n'
        "  plural: units\n",
        encoding="utf-8",
    )
    use_message_file(path)
    assert text("unreadable-file", "en", reason="truncated") == (
        "Cannot read the file: truncated. Save it again as .xlsx."
    )
    assert text("unreadable-file", "vi", reason="hỏng") == (
        "Không đọc được tệp: hỏng. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại."
    )
    assert [text("check.line.units", "en", units=n) for n in (1, 2)] == ["1 agency", "2 agencies"]
    i18n.set_overrides({})
    assert text("check.line.units", "en", units=1) == "1 unit"


BAD = """\
unreadabel-file:
  en: "x"
unreadable-file:
  fr: "Fichier illisible : {reason}"
  vi: "Không đọc được: {ly_do}"
  en: 5
check.line.units:
  en: "{units} agencies"
check.line.errors:
  en:
    one: "{errors} error"
  plural: count
roster:
  vi: "danh sách: {persons:>999999} người"
check.col.file:
  en: "File }"
"""


def test_a_bad_override_names_file_line_and_key(tmp_path: Path, in_force: None) -> None:
    path = tmp_path / "messages.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        use_message_file(path, "rules/messages.yaml")
    assert caught.value.message("en").splitlines() == [
        "rules/messages.yaml:1 unreadabel-file: no message has this id (a typo?)",
        "rules/messages.yaml:4 unreadable-file.fr: not a language; use one of: vi, en",
        "rules/messages.yaml:5 unreadable-file.vi: must hold the same placeholders as the "
        "built-in message: {reason} (here: {ly_do})",
        "rules/messages.yaml:6 unreadable-file.en: must be text",
        "rules/messages.yaml:8 check.line.units.en: this message counts: give its two forms, "
        "one: and other:",
        "rules/messages.yaml:10 check.line.errors.en.other: this key is missing",
        "rules/messages.yaml:12 check.line.errors.plural: the form is chosen by errors: "
        "write plural: errors or leave it out",
        "rules/messages.yaml:14 roster.vi: must hold the same placeholders as the built-in "
        "message: {persons} (here: {persons:>999999})",
        "rules/messages.yaml:16 check.col.file.en: not a valid template (Single '}' encountered "
        "in format string); write a literal brace as {{ or }}",
    ]
    assert caught.value.message("vi").splitlines()[0] == (
        "rules/messages.yaml:1 unreadabel-file: không có thông báo nào mang mã này (gõ sai?)"
    )
    assert text("unreadable-file", "en", reason="x").startswith("The file cannot be read: x.")


def test_a_message_given_twice_is_refused_by_the_rules_reader(tmp_path: Path) -> None:
    path = tmp_path / "messages.yaml"
    path.write_text('roster:\n  vi: "a {persons}"\nroster:\n  vi: "b {persons}"\n', "utf-8")
    with pytest.raises(RulesError) as caught:
        use_message_file(path, "rules/messages.yaml")
    assert caught.value.message("en") == (
        "rules/messages.yaml:3 roster: this key appears twice; delete one"
    )


def test_check_speaks_the_province_wording_of_rules_messages_yaml(
    tmp_path: Path, in_force: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "messages.yaml").write_text(
        "check.line.units:\n  en:\n    one: '{units} agency'\n    other: '{units} agencies'\n"
        "  plural: units\n",
        encoding="utf-8",
    )
    path = simple_form(tmp_path / "one.xlsx", [unit(staff_female=925, staff_total=922)])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    result = CliRunner().invoke(app, ["check", str(path), "--summary", "--lang", "en"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].split("INVALID")[1].strip() == (
        "1 agency, 1 error, 0 warnings"
    )


def test_a_broken_province_wording_stops_the_command_with_exit_2(
    tmp_path: Path, in_force: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "messages.yaml").write_text("unreadabel-file:\n  en: x\n", "utf-8")
    path = simple_form(tmp_path / "one.xlsx", [unit()])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    result = CliRunner().invoke(app, ["check", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "rules/messages.yaml:1 unreadabel-file: no message has this id (a typo?)" in (
        " ".join(result.output.split())
    )


def test_in_ci_the_wording_beside_the_data_is_not_read(
    tmp_path: Path, in_force: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request could reword the findings CI shows: only a --rules file's folder counts."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "messages.yaml").write_text("unreadabel-file:\n  en: x\n", "utf-8")
    path = simple_form(tmp_path / "one.xlsx", [unit(staff_female=925, staff_total=922)])
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    result = CliRunner().invoke(app, ["check", str(path), "--summary", "--lang", "en"])
    assert result.exit_code == 1
    assert "1 unit, 1 error, 0 warnings" in result.output


# -- the commands' help ------------------------------------------------------------------------


def test_no_help_in_cli_is_wording_every_help_names_a_message() -> None:
    """A `help=` in cli/ names a message of the catalogue; the words are in messages.yaml. Only
    the root's own help stays Python: `gplan --help` does not read the catalogue."""
    found = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found += [(path.name, kw.value) for kw in node.keywords if kw.arg == "help"]
    ids = [v.value for name, v in found if name != "__init__.py" and isinstance(v, ast.Constant)]
    assert len(ids) == len([name for name, _ in found if name != "__init__.py"]) > 60
    assert [i for i in ids if i not in catalogue() or not i.startswith("cli.")] == []
    assert len([name for name, _ in found if name == "__init__.py"]) == 3  # the root, in both


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_and_option_has_its_help_in_each_language(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gender_plan_cli import cli

    monkeypatch.setenv("GPLAN_LANG", lang)
    commands = [cli.build_command(name, cli.app) for name in cli.COMMANDS]
    commands += list(commands[list(cli.COMMANDS).index("portal")].commands.values())
    for command in commands:
        helps = [command.help, *(p.help for p in command.params)]
        assert all(h and not h.startswith("cli.") for h in helps), command.name
        vi_only = [h for h in helps if any(c in h for c in "ảạấầẩậắằẳặđếềểệỉịốồổộớờởợủụứừửựỳỷỹ")]
        assert (vi_only == []) == (lang == "en"), (command.name, vi_only)


def test_check_help_is_english_with_gplan_lang_en_and_vietnamese_by_default() -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    vi = CliRunner().invoke(app, ["check", "--help"], env={**env, "GPLAN_LANG": None}).output
    en = CliRunner().invoke(app, ["check", "--help"], env={**env, "GPLAN_LANG": "en"}).output
    assert "Kiểm tra tệp báo cáo, chỉ ra lỗi tại từng ô." in vi
    assert "Cảnh báo cũng tính là lỗi." in vi and "Count warnings" not in vi
    assert "Check return files and point out each error at its cell." in en
    assert "Count warnings as errors too." in en and "Cảnh báo" not in en
    assert " / " not in vi + en  # one language, not both side by side


def test_a_province_cannot_reword_a_command_s_help(tmp_path: Path) -> None:
    """--help is shown before a command reads rules/messages.yaml: a `cli.*` id is refused
    there rather than taken and never shown."""
    path = tmp_path / "messages.yaml"
    path.write_text('cli.check.strict:\n  en: "Warnings fail too."\n', encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        use_message_file(path, "rules/messages.yaml")
    assert caught.value.message("en") == (
        "rules/messages.yaml:1 cli.check.strict: a command's help (--help) cannot be reworded "
        "here: it is shown before this file is read"
    )


def test_a_province_cannot_reword_the_contract_words(tmp_path: Path) -> None:
    """A return is read by its column names, levels and unit types: `field.*` and `choice.*`
    ids are refused in rules/messages.yaml, each at its line."""
    path = tmp_path / "messages.yaml"
    path.write_text(
        'field.unit_code.label:\n  vi: "Mã số"\nchoice.level.city:\n  vi: "Tỉnh"\n',
        encoding="utf-8",
    )
    with pytest.raises(RulesError) as caught:
        use_message_file(path, "rules/messages.yaml")
    said = caught.value.message("en").splitlines()
    reason = "the form's column names, levels and unit types cannot be reworded here"
    assert said == [
        f"rules/messages.yaml:1 field.unit_code.label: {reason}: returns are read by them",
        f"rules/messages.yaml:3 choice.level.city: {reason}: returns are read by them",
    ]


def test_the_contract_s_words_are_messages_not_code() -> None:
    """Each field's label and note, each level and unit type: an entry of messages.yaml, in
    both languages, and no label written in contract.py (only the aliases a header may use)."""
    from gender_plan_cli import contract

    source = Path(contract.__file__).read_text(encoding="utf-8")
    messages = built_in()
    for f in contract.FIELDS:
        assert (f.label("vi"), f.label("en")) == messages[f"field.{f.id}.label"]
        assert (f.note_vi, f.note_en) == messages[f"field.{f.id}.note"]
        assert f.label_vi and f.label_en
        for label in (f.label_vi, f.label_en):
            assert f'"{label}"' not in source or label in f.aliases, (f.id, label)
    for group, choices in (("level", contract.LEVELS), ("unit_type", contract.UNIT_TYPES)):
        for c in choices:
            assert (c.label_vi, c.label_en) == messages[f"choice.{group}.{c.id}"]
    commune = next(c for c in contract.levels_in(2025) if c.id == "commune")
    assert commune.label_vi == "Xã, phường, đặc khu" and commune.label_en == "Commune"
    assert [c.id for c in contract.levels_in(2025)] == ["city", "department", "commune"]
    # a finding's {choices} lists them in the contract's order, from the same entries
    listed = text("invalid-choice", "en", cell="D2", field="level", value="x", choices="level")
    assert listed == (
        'Cell D2 ("Level"): "x" is not in the list. Pick one of: '
        "City; Department; District; Commune."
    )
