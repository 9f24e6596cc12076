"""`gplan status`: the collection table, each received-date source, JSON, CSV, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
RULES = str(REPO / "rules" / "targets.yaml")

REGISTRY = """units:
  - {code: S01, name: "Sở Nội vụ", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S02, name: "Sở Tài chính", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S03, name: "Sở Xây dựng", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S04, name: "Sở Y tế", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
"""


def _stamp(day: str) -> float:
    return datetime.fromisoformat(day + "T12:00:00").timestamp()


def _unit(code: str, name: str) -> list[object]:
    return unit(unit_code=code, unit_name=name)


def _collection(folder: Path) -> Path:
    """S01 signed 10/12 (on time); S02 signed 16/12 (late); S03 no signature, file time 14/12
    (on time); S04 sent nothing. S01 is also in an older file (resubmitted)."""
    folder.mkdir()
    (folder / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    signed = [None, "Hà Nội, ngày 10 tháng 12 năm 2025"]
    s01 = simple_form(folder / "so-noi-vu.xlsx", [_unit("S01", "Sở Nội vụ"), signed])
    os.utime(s01, (_stamp("2025-12-20"), _stamp("2025-12-20")))
    old = simple_form(folder / "so-noi-vu-cu.xlsx", [_unit("S01", "Sở Nội vụ")])
    os.utime(old, (_stamp("2025-12-01"), _stamp("2025-12-01")))
    late = [None, "Hà Nội, ngày 16 tháng 12 năm 2025"]
    simple_form(folder / "so-tai-chinh.xlsx", [_unit("S02", "Sở Tài chính"), late])
    s03 = simple_form(folder / "so-xay-dung.xlsx", [_unit("S03", "Sở Xây dựng")])
    os.utime(s03, (_stamp("2025-12-14"), _stamp("2025-12-14")))
    return folder


def _status(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["status", *args, "--rules", RULES, "-f", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_each_unit_with_its_state_date_and_source(tmp_path: Path) -> None:
    code, doc = _status(str(_collection(tmp_path / "nop")), "--year", "2025")
    assert code == 0
    assert (doc["report_year"], doc["deadline"]) == (2025, "2025-12-15")
    rows = {
        u["unit_code"]: (u["state"], u["resubmitted"], u["received"], u["received_from"])
        for u in doc["units"]
    }
    assert rows == {
        "S01": ("on_time", True, "2025-12-10", "signature"),
        "S02": ("late", False, "2025-12-16", "signature"),
        "S03": ("on_time", False, "2025-12-14", "mtime"),
        "S04": ("missing", False, None, None),
    }
    s01 = doc["units"][0]
    assert [Path(f).name for f in s01["files"]] == ["so-noi-vu-cu.xlsx", "so-noi-vu.xlsx"]
    assert s01["cell"].endswith("so-noi-vu.xlsx A2")
    assert doc["counts"] == {"on_time": 2, "late": 1, "missing": 1, "resubmitted": 1}


def test_fail_on_missing_and_the_table(tmp_path: Path) -> None:
    folder = str(_collection(tmp_path / "nop"))
    result = runner.invoke(
        app, ["status", folder, "-y", "2025", "--rules", RULES, "--fail-on-missing"]
    )
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "Đúng hạn: 2 · Nộp muộn: 1 · Chưa nộp: 1 · Gửi lại: 1" in out
    assert "hạn nộp 15/12/2025" in out


def test_mtime_alone_when_asked(tmp_path: Path) -> None:
    code, doc = _status(
        str(_collection(tmp_path / "nop")), "-y", "2025", "--received-from", "mtime"
    )
    s01 = doc["units"][0]
    assert (s01["state"], s01["received"], s01["received_from"]) == ("late", "2025-12-20", "mtime")


def test_csv_written_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "nhan.csv"
    folder = str(_collection(tmp_path / "nop"))
    result = runner.invoke(app, ["status", folder, "-y", "2025", "--rules", RULES, "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffunit_code,unit_name,state,")
    assert "\r\nS04,Sở Y tế,missing,False,,,,,True,\r\n" in text


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git"
)
def test_the_git_commit_date_when_asked(tmp_path: Path) -> None:
    folder = _collection(tmp_path / "repo")
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Sở Nội vụ",
        GIT_AUTHOR_EMAIL="snv@example.invalid",
        GIT_COMMITTER_NAME="Sở Nội vụ",
        GIT_COMMITTER_EMAIL="snv@example.invalid",
        GIT_COMMITTER_DATE="2025-12-13T09:00:00",
        GIT_AUTHOR_DATE="2025-12-13T09:00:00",
    )
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Nhận báo cáo"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True)
    code, doc = _status(str(folder), "-y", "2025", "--received-from", "git")
    states = {u["unit_code"]: (u["state"], u["received"], u["received_from"]) for u in doc["units"]}
    assert states["S02"] == ("on_time", "2025-12-13", "git")
    assert states["S04"] == ("missing", None, None)
