"""`gplan gap` with a registry of units: coverage, missing units, and no pass on nothing read."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
RULES = str(REPO / "rules" / "targets.yaml")

REGISTRY = """units:
  - {code: S01, name: "Sở Nội vụ", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước", sector: "Nội vụ"}
  - {code: S02, name: "Sở Tài chính", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước", sector: "Nội vụ"}
  - {code: S03, name: "Sở Xây dựng", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước", sector: "Nội vụ"}
  - {code: D01, name: "Bệnh viện", level: "Sở, ban, ngành", unit_type: "Đơn vị sự nghiệp công lập"}
"""


def _city(tmp_path: Path) -> Path:
    """S01 (1 female key leader) and S02 (none) report; S03 and D01 do not."""
    folder = tmp_path / "returns"
    folder.mkdir()
    s02 = dict(unit_code="S02", unit_name="Sở Tài chính", key_leaders_female=0)
    simple_form(folder / "s.xlsx", [unit(), unit(**s02)])
    (folder / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    return folder


def _gap(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["gap", *args, "--rules", RULES, "-f", "json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def test_coverage_per_indicator_and_the_missing_units(tmp_path: Path) -> None:
    code, doc = _gap(str(_city(tmp_path)), "--year", "2025")
    assert code == 0
    key = doc["indicators"][0]
    assert (key["id"], key["scope"], key["actual"], key["expected"], key["reported"]) == (
        "female_key_leader",
        2,
        1,
        3,
        2,
    )
    pool = doc["indicators"][1]
    assert (pool["expected"], pool["reported"]) == (4, 2)
    assert doc["missing_units"] == ["S03", "D01"] and doc["missing"] == "excluded"
    assert doc["registry"].endswith("units.yaml") and doc["units"] == 2


def test_missing_agencies_counted_as_not_meeting_the_key_leader_target(tmp_path: Path) -> None:
    code, doc = _gap(str(_city(tmp_path)), "--year", "2025", "--missing", "unmet")
    assert code == 0
    key = doc["indicators"][0]
    # S03 joins the denominator with no female key leader; D01 is not in the scope.
    assert (key["scope"], key["actual"], key["rate"]) == (3, 1, 0.333333333333)
    assert key["required"] == 1.8 and key["gap"] == 1
    assert doc["units"] == 2 and doc["indicators"][1]["scope"] == 2


def test_the_table_says_who_is_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["gap", str(_city(tmp_path)), "-y", "2025", "--rules", RULES])
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Cơ quan, chính quyền có lãnh đạo chủ chốt là nữ: 2/3 đơn vị" in out
    assert "Chưa báo cáo (2): Sở Xây dựng, Bệnh viện" in out


def test_nothing_in_scope_is_never_a_pass(tmp_path: Path) -> None:
    simple_form(
        tmp_path / "bad.xlsx", [unit(staff_total="nhiều"), unit(unit_code="S02", pool_total=-1)]
    )
    result = runner.invoke(
        app,
        ["gap", str(tmp_path), "-y", "2025", "--skip-invalid", "--fail-on-gap", "--rules", RULES],
    )
    assert result.exit_code == 1
    assert "Không có đơn vị nào thuộc diện tính" in result.stderr
    assert result.stdout == ""
