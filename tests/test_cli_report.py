"""`gplan report`, `gplan trend`, and outputs chosen by the extension of -o."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from report_builders import three_years

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return three_years(tmp_path / "data")


def test_report_writes_a_workbook_that_check_reads_as_a_clean_return(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "bao-cao.xlsx"
    result = run("report", str(data), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    checked = run("check", str(out), "--format", "json")
    assert checked.exit_code == 0, checked.output
    doc = json.loads(checked.stdout)
    (file,) = doc["files"]
    assert (file["valid"], file["sheet"], file["report_year"], file["units"]) == (
        True,
        "Đơn vị",
        2023,
        5,
    )
    assert file["findings"] == []


def test_last_years_report_is_this_years_history(data: Path, tmp_path: Path) -> None:
    """The 2022 report, read with the 2023 return, gives the trend of both years."""
    old = tmp_path / "history" / "2022.xlsx"
    old.parent.mkdir()
    assert run("report", str(data / "2022.xlsx"), "--year", "2022", "-o", str(old)).exit_code == 0
    result = run("trend", str(old), str(data / "2023.csv"), "--format", "json")
    assert result.exit_code == 0, result.output
    key = json.loads(result.stdout)["indicators"][0]
    assert [(p["report_year"], p["rate"]) for p in key["points"]] == [(2022, 0.5), (2023, 0.75)]


def test_report_needs_a_year_and_a_file(data: Path) -> None:
    assert run("report", str(data), "-o", "x.xlsx").exit_code == 2
    result = run("report", str(data), "--year", "2023")
    assert result.exit_code == 2 and "-o" in result.output


@pytest.mark.parametrize(
    ("name", "starts"),
    [("gap.xlsx", b"PK"), ("gap.json", b"{"), ("gap.csv", "\ufeff".encode())],
)
def test_gap_picks_the_format_from_the_extension(
    data: Path, tmp_path: Path, name: str, starts: bytes
) -> None:
    out = tmp_path / name
    result = run("gap", str(data), "--year", "2023", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(starts)


def test_format_wins_over_the_extension(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "gap.txt.csv"
    assert run("gap", str(data), "--year", "2023", "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["report_year"] == 2023


def test_csv_for_excel_has_a_bom_vietnamese_headers_and_decimal_commas(
    data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "gap.csv"
    assert run("gap", str(data), "--year", "2023", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Phạm vi", "Nhóm theo", "Nhóm / mã đơn vị", "Tên cơ quan, đơn vị",
                           "Chỉ tiêu"]  # fmt: skip
    key = rows[1]
    assert key[0] == "Toàn bộ" and key[4] == "Cơ quan, chính quyền có lãnh đạo chủ chốt là nữ"
    assert key[rows[0].index("Tỷ lệ (0–1)")] == "0,75"
    assert key[rows[0].index("Kết quả")] == "Đạt"
    women = next(r for r in rows if r[4].startswith("Nữ trong tổng số"))
    assert women[rows[0].index("Thực tế")] == "41"  # S01 14 + S02 14 + U01 3 + H01 1 + P01 9


def test_csv_ids_keep_ids_commas_and_points(data: Path) -> None:
    result = run("gap", str(data), "--year", "2023", "-f", "csv", "--csv-ids")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert not result.stdout.startswith("\ufeff")
    assert rows[0]["indicator"] == "female_key_leader" and rows[0]["rate"] == "0.75"
    english = run("gap", str(data), "--year", "2023", "-f", "csv", "--lang", "en")
    assert english.stdout.splitlines()[0] == result.stdout.splitlines()[0]


def test_a_file_open_in_excel_is_a_usage_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied", dst)

    monkeypatch.setattr("gender_plan_cli.safe_output.os.replace", locked)
    for args in (
        ("gap", str(data), "--year", "2023", "-o", str(tmp_path / "g.csv")),
        ("report", str(data), "--year", "2023", "-o", str(tmp_path / "r.xlsx")),
        ("trend", str(data), "-o", str(tmp_path / "t.json")),
    ):
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert "Không ghi được" in result.output and "internal error" not in result.output
    assert not list(tmp_path.glob(".*.tmp"))


# --- trend -----------------------------------------------------------------------------------


def test_trend_json(data: Path) -> None:
    result = run("trend", str(data), "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["method"], doc["years"], doc["horizon"]) == ("ols", [2021, 2022, 2023], 2030)
    key = doc["indicators"][0]
    assert key["id"] == "female_key_leader"
    assert [(p["report_year"], p["rate"]) for p in key["points"]] == [
        (2021, 0.25),
        (2022, 0.5),
        (2023, 0.75),
    ]
    assert key["slope_per_year"] == pytest.approx(0.25)
    assert key["projection_2030"] == 1.0  # the line leaves 0–1; a rate cannot
    # the years with data as `gap` judges them: 2022's 2/4 meets its adjusted target (Đạt)
    assert key["reaches_target_year"] == 2022
    ids = [i["id"] for i in doc["indicators"]]
    assert ids == [
        "female_key_leader",
        "pool_female",
        "pool_female_trained",
        "ethnic_minority_leaders",
        "women_leaders",
    ]


def test_trend_csv_one_row_per_indicator_and_year(data: Path) -> None:
    result = run("trend", str(data), "-f", "csv", "--csv-ids")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5 * 3
    key = [r for r in rows if r["indicator"] == "female_key_leader"]
    assert [(r["report_year"], r["rate"], r["change_per_year"]) for r in key] == [
        ("2021", "0.25", ""),
        ("2022", "0.5", "0.25"),
        ("2023", "0.75", "0.25"),
    ]
    assert key[0]["reaches_2025"] == "2023" and key[0]["projection_2030"] == "1.0"
    pool = next(r for r in rows if r["indicator"] == "pool_female")
    assert pool["reaches_2030"] == ""  # flat below 50%: never


def test_trend_table(data: Path) -> None:
    result = run("trend", str(data), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "TREND 2021–2023 AND PROJECTION TO 2030" in result.stdout
    assert "not by 2030" in result.stdout
    assert "ordinary least squares" in result.stdout
