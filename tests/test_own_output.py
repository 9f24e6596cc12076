"""gplan's own files among the returns: the blank form and the CSV/JSON outputs are skipped with
an `own-output` warning; a filled form and the report workbook are read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.contract import FIELDS
from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.render.template import FIRST_DATA_ROW

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
runner = CliRunner()


def gplan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout


def codes(path: Path) -> list[str]:
    (file,) = load_paths([path]).files
    return [f.code for f in file.findings]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_blank_form_is_skipped_and_said(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "bieu-mau.xlsx"
    assert gplan("template", "-o", str(out), "--lang", lang)[0] == 0
    (file,) = load_paths([out]).files
    assert [(f.code, f.severity, f.message_id) for f in file.findings] == [
        ("own-output", "warning", "own-output.template")
    ]
    assert file.units == 0
    code, shown = gplan("check", str(out), "--lang", lang)
    assert code == 0 and "own-output" in shown
    assert gplan("check", str(out), "--strict")[0] == 1  # a warning, as every other


def test_filled_form_is_a_return(tmp_path: Path) -> None:
    out = tmp_path / "bieu-mau.xlsx"
    gplan("template", "-o", str(out))
    wb = openpyxl.load_workbook(out)
    shutil.copy(SAMPLES / "returns" / "xa-co-do.xlsx", tmp_path / "co-do.xlsx")
    assert "gplan:template" in (wb.properties.keywords or "")
    (co_do,) = load_paths([tmp_path / "co-do.xlsx"]).files  # a filled form keeps the marker
    assert co_do.units > 0 and "own-output" not in [f.code for f in co_do.findings]
    ws = wb.worksheets[0]
    for c, f in enumerate(FIELDS, start=1):
        ws.cell(FIRST_DATA_ROW, c, "x" if f.id == "unit_code" else None)
    wb.save(out)
    assert "own-output" not in codes(out)  # a unit row, even a broken one: a return


def test_report_workbook_is_read_not_skipped(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.xlsx"
    code, _ = gplan("report", str(SAMPLES / "hanoi-2025.xlsx"), "--year", "2025", "-o", str(out))
    assert code == 0
    (file,) = load_paths([out]).files
    assert "own-output" not in [f.code for f in file.findings] and file.units > 0


@pytest.mark.parametrize(
    "args",
    [
        ("check", "returns", "--format", "csv"),
        ("check", "returns", "--format", "csv", "--lang", "en"),
        ("gap", "hanoi-2025.xlsx", "--year", "2025", "--format", "csv"),
        ("gap", "hanoi-2025.xlsx", "--year", "2025", "--format", "csv", "--lang", "en"),
        ("status", "returns", "--year", "2025", "--format", "csv"),
        ("trend", "hanoi-2024.xlsx", "--format", "csv"),
        ("trend", "hanoi-2024.xlsx", "--format", "csv", "--lang", "en"),
    ],
    ids=["check-vi", "check-en", "gap-vi", "gap-en", "status", "trend-vi", "trend-en"],
)
def test_csv_outputs_are_skipped(tmp_path: Path, args: tuple[str, ...]) -> None:
    command, first, *rest = args
    _, text = gplan(command, str(SAMPLES / first), *rest)
    out = tmp_path / "ket-qua.csv"
    out.write_text(text, encoding="utf-8-sig")
    assert codes(out) == ["own-output"]
    (file,) = load_paths([out]).files
    assert file.findings[0].message_id == "own-output.csv"


@pytest.mark.parametrize("command", ["check", "gap"])
def test_json_outputs_are_skipped(tmp_path: Path, command: str) -> None:
    args = ["--year", "2025"] if command == "gap" else []
    _, text = gplan(command, str(SAMPLES / "hanoi-2025.xlsx"), *args, "--format", "json")
    assert "schema_version" in json.loads(text)
    out = tmp_path / "ket-qua.json"
    out.write_text(text, encoding="utf-8")
    assert codes(out) == ["own-output"]


def test_a_returns_folder_with_gplan_files_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    shutil.copytree(SAMPLES / "returns", folder)
    gplan("template", "-o", str(folder / "bieu-mau.xlsx"))
    _, text = gplan("check", str(SAMPLES / "returns"), "--format", "csv")
    (folder / "kiem-tra.csv").write_text(text, encoding="utf-8-sig")
    before = load_paths([SAMPLES / "returns"])
    after = load_paths([folder])
    assert len(after.records) == len(before.records)
    skipped = {
        Path(f.path).name for f in after.files if [x.code for x in f.findings] == ["own-output"]
    }
    assert skipped == {"bieu-mau.xlsx", "kiem-tra.csv"}
    assert gplan("check", str(folder))[0] == gplan("check", str(SAMPLES / "returns"))[0]


def test_a_csv_return_with_id_headers_is_still_read(tmp_path: Path) -> None:
    out = tmp_path / "tra-ve.csv"
    header = ",".join(f.id for f in FIELDS)
    out.write_text(header + "\n", encoding="utf-8")
    assert "own-output" not in codes(out)


def test_the_status_workbook_among_the_returns_is_skipped_as_gplans_own(tmp_path: Path) -> None:
    """`status -o trang-thai.xlsx` written into the returns folder is gplan's own, like the form
    and the findings workbook: its keywords say so, and the next run skips it, saying why."""
    folder = tmp_path / "nop"
    shutil.copytree(SAMPLES / "returns", folder)
    out = folder / "trang-thai.xlsx"
    units = str(SAMPLES / "units.yaml")
    code, text = gplan("status", str(folder), "-y", "2025", "--units", units, "-o", str(out))
    assert out.is_file(), text
    assert openpyxl.load_workbook(out).properties.keywords == "gplan:status"
    (fr,) = load_paths([out]).files
    assert [(f.code, f.message_id) for f in fr.findings] == [("own-output", "own-output.status")]
    assert fr.units == 0
