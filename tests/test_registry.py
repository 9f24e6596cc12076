"""The registry of units: reading it, its own findings, and returns checked against it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from builders import codes_at, simple_form, unit, write_csv
from gender_plan_cli.cli import app
from gender_plan_cli.collection.registry import load_registry
from gender_plan_cli.intake.load import load_paths

REPO = Path(__file__).resolve().parents[1]
SAMPLE_REGISTRY = REPO / "data" / "samples" / "units.yaml"
runner = CliRunner()

YAML = """units:
  - code: UB-TP
    name: "Ủy ban nhân dân thành phố Hà Nội"
    level: "Thành phố"
    unit_type: "Ủy ban nhân dân"
  - code: S01
    name: "Sở Nội vụ"
    parent: UB-TP
    level: "Sở, ban, ngành"
    unit_type: "Cơ quan quản lý nhà nước"
    sector: "Nội vụ"
  - code: Q01
    name: "Ủy ban nhân dân quận Hoàn Kiếm"
    parent: UB-TP
    level: "Quận, huyện, thị xã"
    unit_type: "Ủy ban nhân dân"
    until: 2024
"""


def _registry(tmp_path: Path, text: str = YAML) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_yaml_registry_is_read_with_choices_as_ids(tmp_path: Path) -> None:
    reg = load_registry(_registry(tmp_path))
    assert reg.file.findings == [] and reg.file.units == 3
    s01 = reg.units["S01"]
    assert (s01.level, s01.unit_type, s01.parent_code, s01.sector) == (
        "department",
        "state_agency",
        "UB-TP",
        "Nội vụ",
    )
    assert [u.code for u in reg.expected(2025)] == ["UB-TP", "S01"]
    assert [u.code for u in reg.expected(2024)] == ["UB-TP", "S01", "Q01"]


def test_a_registry_workbook_is_read_like_a_return(tmp_path: Path) -> None:
    header = [
        "Mã đơn vị",
        "Tên cơ quan, đơn vị",
        "Mã đơn vị cấp trên",
        "Cấp",
        "Loại hình",
        "Đến năm",
    ]
    rows = [
        ["DANH MỤC ĐƠN VỊ BÁO CÁO"],
        [],
        header,
        ["UB-TP", "UBND thành phố", None, "Thành phố", "Ủy ban nhân dân", None],
        ["Q01", "UBND quận Hoàn Kiếm", "UB-TP", "Quận, huyện, thị xã", "UBND", 2024],
    ]
    path = tmp_path / "danh-muc.csv"
    write_csv(path, rows)
    reg = load_registry(path)
    assert reg.file.findings == []
    assert list(reg.units) == ["UB-TP", "Q01"] and reg.units["Q01"].until == 2024


def test_the_registry_has_findings_of_its_own(tmp_path: Path) -> None:
    text = (
        YAML
        + """  - code: S01
    name: "Sở Nội vụ (trùng)"
    level: "Sở, ban, ngành"
    unit_type: "Cơ quan quản lý nhà nước"
  - code: S09
    name: "Sở không có cấp trên"
    parent: S99
    level: "Sở, ban, ngành"
    unit_type: "Thôn"
  - code: A1
    name: "Vòng 1"
    parent: A2
    level: "Sở, ban, ngành"
    unit_type: "Khác"
  - code: A2
    name: "Vòng 2"
    parent: A1
    level: "Sở, ban, ngành"
    unit_type: "Khác"
"""
    )
    reg = load_registry(_registry(tmp_path, text))
    assert [(f.code, f.row, f.value) for f in reg.file.findings] == [
        ("registry-duplicate", 4, "S01"),
        ("invalid-choice", 5, "Thôn"),
        ("registry-unknown-parent", 5, "S99"),
        ("registry-cycle", 6, "A1"),
    ]
    assert "A1 → A2 → A1" in reg.file.findings[-1].message("vi")


def test_units_are_checked_against_the_registry(tmp_path: Path) -> None:
    reg = load_registry(_registry(tmp_path))
    rows = [
        unit(unit_code="S01", parent_code="UB-TP", level="Xã, phường, thị trấn"),
        unit(unit_code="S1", unit_name="Sở Nội vụ", parent_code="UB-TP"),
        unit(unit_code="UB-TP", unit_type="Ủy ban nhân dân", level="Thành phố", parent_code="HN"),
    ]
    result = load_paths([simple_form(tmp_path / "f.xlsx", rows)], registry=reg)
    fr = result.files[1]
    assert result.files[0].role == "registry"
    assert codes_at(fr) == [
        ("registry-mismatch", "D2"),
        ("unknown-unit", "A3"),
        ("registry-mismatch", "B4"),
        ("unknown-parent", "C4"),
    ]
    mismatch, unknown = fr.findings[0], fr.findings[1]
    assert mismatch.severity == "warning"
    assert mismatch.message("vi") == (
        "Ô D2 (Cấp): 'Xã, phường, thị trấn' nhưng danh mục ghi 'Sở, ban, ngành'. Hãy kiểm tra lại."
    )
    assert "Mã gần giống: S01" in unknown.message("vi")
    assert fr.findings[3].severity == "error"
    assert [r.unit_code for r in result.records] == ["S01"]


def test_a_unit_abolished_before_the_report_year_is_unknown_that_year(tmp_path: Path) -> None:
    reg = load_registry(_registry(tmp_path))
    q01 = dict(unit_code="Q01", unit_name="Ủy ban nhân dân quận Hoàn Kiếm", parent_code="UB-TP")
    q01 |= dict(level="Quận, huyện, thị xã", unit_type="Ủy ban nhân dân")
    rows = [unit(**q01, report_year=2024), unit(**q01, report_year=2025)]
    result = load_paths([simple_form(tmp_path / "f.xlsx", rows)], registry=reg)
    assert codes_at(result.files[1]) == [("unknown-unit", "A3"), ("mixed-report-years", "G3")]


def test_a_communes_own_return_checks_clean_alone_with_the_sample_registry() -> None:
    ret = str(REPO / "data" / "samples" / "returns" / "xa-co-do.xlsx")
    with_registry = runner.invoke(app, ["check", "--units", str(SAMPLE_REGISTRY), ret])
    assert with_registry.exit_code == 0, with_registry.output
    assert "0 lỗi, 0 cảnh báo" in with_registry.output
    alone = runner.invoke(app, ["check", ret])
    assert alone.exit_code == 0
    assert "0 lỗi, 2 cảnh báo" in alone.output and "unknown-parent" in alone.output


def test_the_registry_can_come_from_the_environment(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GPLAN_UNITS", str(_registry(tmp_path)))
    form = simple_form(tmp_path / "f.xlsx", [unit(unit_code="S02")])
    result = runner.invoke(app, ["check", str(form), "--format", "json"])
    assert result.exit_code == 1
    assert '"code": "unknown-unit"' in result.output


# --- the registry kept in the data folder (units.xlsx) ---------------------------------------


def test_a_units_workbook_in_the_folder_is_the_registry_not_a_return(tmp_path: Path) -> None:
    from year_builders import returns_folder

    folder = returns_folder(tmp_path / "returns")
    gap = runner.invoke(app, ["gap", str(folder), "--year", "2025"])
    assert gap.exit_code == 0, gap.output
    assert "missing-column" not in gap.output
    assert gap.stderr.count("danh mục đơn vị: ") == 1
    assert "44/272 đơn vị" in gap.stdout  # the registry's coverage, not its rows as a return
    out = tmp_path / "r.xlsx"
    report = runner.invoke(app, ["report", str(folder), "--year", "2025", "-o", str(out)])
    assert report.exit_code == 0, report.output
    assert out.is_file()


def test_the_action_default_path_with_units_xlsx_at_the_root(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """action.yml runs `gplan check "$GPLAN_PATH" --format github` with path "." in CI."""
    import yaml as pyyaml

    from year_builders import returns_folder

    action = pyyaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["path"]["default"] == "."
    returns_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    result = runner.invoke(app, ["check", ".", "--format", "github"])
    assert "units.xlsx" not in result.stdout
    assert "missing-column" not in result.stdout
    assert result.exit_code == 0, result.output


def test_the_pre_commit_recipe_passes_the_registry_among_the_files(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """README: `args: [--units, units.xlsx]`; pre-commit adds every changed file, the
    registry too."""
    import re
    import shlex

    import yaml as pyyaml

    from year_builders import returns_folder

    hook = pyyaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    returns_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    changed = [n for n in ("units.xlsx", "hanoi-2025.xlsx") if re.search(hook["files"], n)]
    assert changed == ["units.xlsx", "hanoi-2025.xlsx"]
    argv = shlex.split(hook["entry"])[1:] + ["--units", "units.xlsx", *changed]
    result = runner.invoke(app, argv)
    assert "missing-column" not in result.stdout
    assert result.exit_code == 0, result.output
    assert result.stderr.count("danh mục đơn vị: units.xlsx") == 1
