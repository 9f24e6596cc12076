"""`gplan check` through Typer's runner: every format and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli.cli import app

runner = CliRunner()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return simple_form(
        tmp_path / "tot.xlsx", [unit(), unit(unit_code="S02", unit_name="Sở Tư pháp")]
    )


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    return simple_form(
        tmp_path / "loi.xlsx", [unit(unit_code="S03", staff_female=925, staff_total=922)]
    )


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    return simple_form(tmp_path / "canh-bao.xlsx", [unit()], hidden_rows=[2])


def test_a_valid_file_exits_0(good: Path) -> None:
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 0, result.output
    assert "HỢP LỆ" in result.output
    assert "1 tệp, 0 tệp chưa hợp lệ, 2 đơn vị; 0 lỗi, 0 cảnh báo." in result.output


def test_an_error_exits_1_and_names_the_cell(bad: Path) -> None:
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "I2" in result.output and "exceeds-total" in result.output
    assert "CHƯA HỢP LỆ" in result.output


def test_english(bad: Path) -> None:
    result = runner.invoke(app, ["check", str(bad), "--lang", "en"])
    assert result.exit_code == 1
    assert "1 file, 1 invalid, 1 unit; 1 error, 0 warnings." in result.output


def test_lang_from_the_environment(bad: Path) -> None:
    result = runner.invoke(app, ["check", str(bad)], env={"GPLAN_LANG": "en"})
    assert "INVALID" in result.output


def test_warnings_pass_unless_strict(warned: Path) -> None:
    assert runner.invoke(app, ["check", str(warned)]).exit_code == 0
    assert runner.invoke(app, ["check", str(warned), "--strict"]).exit_code == 1


def test_json_shape(good: Path, bad: Path) -> None:
    result = runner.invoke(app, ["check", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["valid"] is False
    rows = {"unit": 3, "group": 0, "totals": 0, "note": 0, "signature": 0, "unread": 0}
    assert doc["summary"] == {
        "files": 2,
        "invalid": 1,
        "units": 3,
        "errors": 1,
        "warnings": 0,
        "rows": rows,
    }
    second = doc["files"][1]
    assert (
        second["path"],
        second["valid"],
        second["sheet"],
        second["report_year"],
        second["units"],
    ) == (str(bad), False, "Biểu 01", 2025, 1)
    assert second["findings"] == [
        {
            "code": "exceeds-total",
            "severity": "error",
            "sheet": "Biểu 01",
            "cell": "I2",
            "row": 2,
            "field": "staff_female",
            "value": 925,
            "message": 'Ô I2: "Số nữ CBCCVC, NLĐ" (925) lớn hơn "Tổng số CBCCVC, NLĐ" (922, ô H2). '
            "Hãy kiểm tra lại hai số này.",
        }
    ]


def test_github_annotations_and_step_summary(tmp_path: Path, bad: Path, warned: Path) -> None:
    summary = tmp_path / "summary.md"
    result = runner.invoke(
        app,
        ["check", str(bad), str(warned), "--format", "github", "--lang", "en"],
        env={"GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f'::error file={bad},line=2,col=9,title=exceeds-total I2::Cell I2: "Female staff" (925) is '
        'greater than "Total staff" (922, cell H2). Check both figures.'
    )
    assert lines[1].startswith(f"::warning file={warned},line=2,title=hidden-row 2::")
    table = summary.read_text(encoding="utf-8")
    assert "| File | Cell | Severity | Code | What is wrong and how to fix it |" in table
    shown = {p: str(p).replace("_", "&#95;") for p in (bad, warned)}  # Markdown made inert
    assert f"| {shown[bad]} | I2 | Error | exceeds-total |" in table
    assert f"| {shown[warned]} | 2 | Warning | hidden-row |" in table


def test_github_keeps_every_finding_beyond_ten(tmp_path: Path) -> None:
    rows = [unit(unit_code=f"S{i:02d}", staff_female=999) for i in range(15)]
    path = simple_form(tmp_path / "many.xlsx", rows)
    summary = tmp_path / "summary.md"
    result = runner.invoke(
        app, ["check", str(path), "--format", "github"], env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert result.stdout.count("::error ") == 15
    assert summary.read_text(encoding="utf-8").count("| exceeds-total |") == 15


def test_report_year_option(tmp_path: Path) -> None:
    from builders import LABELS, write_xlsx

    labels = [label for label in LABELS if label != "Năm báo cáo"]
    row = [v for v, label in zip(unit(), LABELS, strict=True) if label != "Năm báo cáo"]
    path = write_xlsx(tmp_path / "no-year.xlsx", [labels, row])
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1
    result = runner.invoke(app, ["check", str(path), "--report-year", "2025", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["report_year"] == 2025


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "khong-co.xlsx")])
    assert result.exit_code == 2
    assert "khong-co.xlsx" in result.output


def test_a_folder_without_spreadsheets_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 2


def test_an_unknown_option_is_a_usage_error(good: Path) -> None:
    assert runner.invoke(app, ["check", str(good), "--nope"]).exit_code == 2
    assert runner.invoke(app, ["check", str(good), "--format", "xml"]).exit_code == 2


def test_a_bug_is_one_line_with_a_hint(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gender_plan_cli.intake.load as load

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(load, "load_paths", broken)
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert "RuntimeError: boom" in result.output and "--debug" in result.output
    debug = runner.invoke(app, ["--debug", "check", str(good)])
    assert isinstance(debug.exception, RuntimeError)


def test_version() -> None:
    from gender_plan_cli import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"gplan {__version__}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from gender_plan_cli.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'openpyxl', 'python_calamine', 'numpy') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout
