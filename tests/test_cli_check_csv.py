"""`check --format csv` and `check --summary` (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.findings import Finding
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.render.check_csv import render_check_csv

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_csv_to_a_file_has_a_bom_and_ids_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "findings.csv"
    args = ["check", "data/samples/broken", "-f", "csv", "--lang", "en", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    content = out.read_bytes().decode("utf-8")
    assert content.startswith("\ufefffile,sheet,cell,severity,code,field,value,message\r\n")
    assert "data/samples/broken/don-vi-loi.xlsx,Biểu 01,K6,error,exceeds-total," in content


def test_every_csv_cell_is_safe_from_formulas() -> None:
    finding = Finding(
        code="type-error",
        severity="error",
        file="=cmd|'/c calc'!A1.xlsx",
        sheet="@SUM(1)",
        cell="H7",
        field="staff_total",
        value='=HYPERLINK("http://evil","x")',
        message_id="type-error.int",
    )
    result = LoadResult(files=[FileResult(path=finding.file, findings=[finding])])
    rows = render_check_csv(result, "vi").splitlines()[1].split(";")
    assert rows[0].startswith("'=") and rows[1] == "'@SUM(1)"
    assert "'=HYPERLINK" in rows[6]


def test_summary_is_one_line_per_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = runner.invoke(app, ["check", "data/samples/broken", "--summary", "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert lines[1].split()[:4] == [
        "data/samples/broken/don-vi-loi.xlsx",
        "INVALID",
        "11",
        "units,",
    ]
    assert lines[-1].startswith("9 files, 7 invalid")
