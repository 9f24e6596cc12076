"""`gplan gap` through Typer's runner: every format and exit code, with hand-computed figures.

The city below (report year 2025), with the bundled rules:

| unit | type | sector | staff ♀ | key leaders ♀ | pool / ♀ / trained | DTTS |
|---|---|---|---|---|---|---|
| S01 | state agency | Nội vụ | 120/200 | 1/4 | 40 / 18 / 15 | |
| S02 | state agency | Xây dựng | 30/300 = 10% | 0/3 | 30 / 6 / 3 | |
| U01 | People's Committee | — | 50/100 | 0/3 | 20 / 8 / 6 | 25% of 10 leaders, 2 DTTS |
| H01 | People's Council | — | 8/20 | 1/2 | 0 / 0 / 0 | |
| P01 | public service | Y tế | 350/500 | 0/2 | 50 / 25 / 20 | |

female_key_leader, 2025: E = S01 S02 U01 H01; S02's sector is at 10% → t = 0.6 × 0.1 / 0.3 = 0.2;
required = 0.6 + 0.2 + 0.6 + 0.6 = 2.0, actual 2 → met, rate 50%.
In 2030: 0.75 + 0.25 + 0.75 + 0.75 = 2.5 → 3 needed, gap 1.
pool_female: N = 140, F = 57; 2025: 0.4 × 140 = 56 → met; 2030: 70 → gap 13, if added ⌈13/0.5⌉ = 26.
pool_female_trained: T = 44; 2025: 0.75 × 57 = 42.75 → met; 2030: 51.3 → gap 8.
ethnic_minority_leaders: U01 needs ⌈0.25 × 10⌉ = 3, has 2 → gap 1, not met.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builders import LABELS, simple_form, unit, write_csv
from gender_plan_cli.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules" / "targets.yaml"

DISTRICT = {"level": "Quận, huyện, thị xã", "parent_code": None}
CITY: list[dict[str, Any]] = [
    {"unit_code": "S01", "unit_name": "Sở Nội vụ", "sector": "Nội vụ"},
    {"unit_code": "S02", "unit_name": "Sở Xây dựng", "sector": "Xây dựng", "staff_total": 300,
     "staff_female": 30, "key_leaders_total": 3, "key_leaders_female": 0, "pool_total": 30,
     "pool_female": 6, "pool_female_trained": 3},
    {"unit_code": "U01", "unit_name": "UBND huyện Ba Vì", "unit_type": "Ủy ban nhân dân",
     "sector": None, "staff_total": 100, "staff_female": 50, "key_leaders_total": 3,
     "key_leaders_female": 0, "leaders_total": 10, "leaders_female": 3, "pool_total": 20,
     "pool_female": 8, "pool_female_trained": 6, "ethnic_minority_area": "Có",
     "ethnic_minority_population_pct": 25, "leaders_ethnic_minority": 2, **DISTRICT},
    {"unit_code": "H01", "unit_name": "HĐND huyện Ba Vì", "unit_type": "Hội đồng nhân dân",
     "sector": None, "staff_total": 20, "staff_female": 8, "key_leaders_total": 2,
     "key_leaders_female": 1, "leaders_total": 4, "leaders_female": 1, "pool_total": 0,
     "pool_female": 0, "pool_female_trained": 0, **DISTRICT},
    {"unit_code": "P01", "unit_name": "Bệnh viện Thanh Nhàn", "unit_type": "Đơn vị sự nghiệp công lập",
     "sector": "Y tế", "staff_total": 500, "staff_female": 350, "key_leaders_total": 2,
     "key_leaders_female": 0, "leaders_total": 20, "leaders_female": 9, "pool_total": 50,
     "pool_female": 25, "pool_female_trained": 20},
]  # fmt: skip


def city_rows(**changes_by_code: dict[str, Any]) -> list[list[Any]]:
    return [unit(**{**u, **changes_by_code.get(u["unit_code"], {})}) for u in CITY]


@pytest.fixture
def city(tmp_path: Path) -> Path:
    return simple_form(tmp_path / "tong-hop.xlsx", city_rows())


def gap(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, ["gap", *args], env=env)


def as_json(*args: str) -> dict[str, Any]:
    result = gap(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def by_id(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in doc["indicators"]}


# --- JSON ------------------------------------------------------------------------------------


def test_json_2025_exact_figures(city: Path) -> None:
    doc = as_json(str(city), "--year", "2025", "--rules", str(RULES))
    assert (doc["target_year"], doc["report_year"], doc["on_track"]) == (2025, 2025, False)
    assert (doc["units"], doc["years_present"], doc["rules"]) == (5, [2025], str(RULES))
    assert doc["data_source"] == {"kind": "paths", "paths": [str(city)]}
    assert (doc["by"], doc["groups"], doc["skipped_rows"], doc["skipped"]) == (None, [], 0, [])
    ind = by_id(doc)
    fkl = ind["female_key_leader"]
    assert {k: fkl[k] for k in ("target", "effective_target", "scope", "actual", "required", "rate",
                                "met", "gap", "adjusted", "exempt")} == {
        "target": 0.6, "effective_target": 0.5, "scope": 4, "actual": 2, "required": 2.0,
        "rate": 0.5, "met": True, "gap": 0, "adjusted": 1, "exempt": 0,
    }  # fmt: skip
    assert fkl["adjustments"] == [
        {"unit_code": "S02", "unit_name": "Sở Xây dựng", "sector": "Xây dựng", "share": 0.1,
         "basis": "sector", "mode": "proportional", "target": 0.2, "exempt": False, "met": False}
    ]  # fmt: skip
    assert [(u["unit_code"], u["met"], u["target"], u["adjusted"]) for u in fkl["units"]] == [
        ("U01", False, 0.6, False),
        ("S02", False, 0.2, True),
        ("H01", True, 0.6, False),
        ("S01", True, 0.6, False),
    ]
    pool = ind["pool_female"]
    assert (pool["pool_total"], pool["pool_female"], pool["pool_female_trained"]) == (140, 57, 44)
    assert (pool["required"], pool["rate"], pool["met"], pool["gap"], pool["gap_if_added"]) == (
        56.0, round(57 / 140, 12), True, 0, 0,
    )  # fmt: skip
    trained = ind["pool_female_trained"]
    assert (trained["required"], trained["rate"], trained["met"], trained["gap"]) == (
        42.75, round(44 / 57, 12), True, 0,
    )  # fmt: skip
    em = ind["ethnic_minority_leaders"]
    assert (em["scope"], em["actual"], em["rate"], em["met"], em["gap"], em["units_short"]) == (
        1, 0, 0.0, False, 1, 1,
    )  # fmt: skip
    assert em["units"][0] | {} == {
        "unit_code": "U01", "unit_name": "UBND huyện Ba Vì", "met": False, "target": None,
        "adjusted": False, "actual": 2, "base": 10, "required": 3.0, "rate": None, "shortfall": 1,
    }  # fmt: skip


def test_json_2030_gaps(city: Path) -> None:
    ind = by_id(as_json(str(city), "--year", "2030"))
    assert (ind["female_key_leader"]["required"], ind["female_key_leader"]["gap"]) == (2.5, 1)
    assert (ind["pool_female"]["gap"], ind["pool_female"]["gap_if_added"]) == (13, 26)
    assert ind["pool_female_trained"]["gap"] == 8
    assert ind["ethnic_minority_leaders"]["gap"] == 1


def test_json_2027_is_on_track(city: Path) -> None:
    doc = as_json(str(city), "--year", "2027")
    fkl = by_id(doc)["female_key_leader"]
    assert (doc["on_track"], fkl["target"]) == (True, 0.66)
    # 0.66 + 0.22 + 0.66 + 0.66 = 2.2 → 3 needed
    assert (fkl["required"], fkl["gap"]) == (2.2, 1)


def test_groups_by_level(city: Path) -> None:
    doc = as_json(str(city), "--year", "2025", "--by", "level")
    assert doc["by"] == "level"
    assert [(g["key"], g["units"]) for g in doc["groups"]] == [("department", 3), ("district", 2)]
    district = {i["id"]: i for i in doc["groups"][1]["indicators"]}
    assert (district["female_key_leader"]["scope"], district["female_key_leader"]["actual"]) == (
        2,
        1,
    )
    assert district["female_key_leader"]["units"] == []
    assert district["ethnic_minority_leaders"]["gap"] == 1


# --- the table -------------------------------------------------------------------------------


def table_blocks(output: str) -> list[list[str]]:
    """Every block of table lines between two rules, each cell's wrapped lines joined."""
    blocks: list[list[str]] = []
    current: list[list[str]] = []

    def flush() -> None:
        if current:
            width = max(len(c) for c in current)
            cols = [
                [line[i] for line in current if i < len(line) and line[i]] for i in range(width)
            ]
            blocks.append([" ".join(parts) for parts in cols])
            current.clear()

    for line in output.splitlines():
        if line.startswith("│"):
            current.append([c.strip() for c in line.split("│")[1:-1]])
        else:
            flush()
    flush()
    return blocks


def table_cells(output: str, name: str) -> list[str]:
    """The cells of the indicator table's row (rows are ruled) whose first cell is `name`."""
    for block in table_blocks(output):
        if block and block[0] == name:
            return block
    raise AssertionError(f"no row for {name!r} in\n{output}")


def line_cells(output: str, first: str) -> list[str]:
    """The cells of the one-line row whose first cell is `first`."""
    for line in output.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row for {first!r} in\n{output}")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("year", ["2025", "2027", "2030"])
def test_the_tables_words_come_from_the_json(city: Path, lang: str, year: str) -> None:
    from gender_plan_cli.i18n import text

    doc = as_json(str(city), "--year", year)
    table = gap(str(city), "--year", year, "--lang", lang)
    assert table.exit_code == 0, table.output
    for ind in doc["indicators"]:
        name = text(f"gap.ind.{ind['id']}", lang)
        cells = table_cells(table.stdout, name)
        met = ind["met"]
        word = {True: "gap.status.met", False: "gap.status.unmet", None: "gap.status.na"}[met]
        assert cells[4] == text(word, lang)
        shown = f"{round(ind['rate'] * 100, 1):.1f}%"
        assert cells[3] == (shown.replace(".", ",") if lang == "vi" else shown)
        assert "%" not in cells[2]  # counts are never shown as percentages
        if met is False:
            args = {"gap": ind["gap"], "added": ind["gap_if_added"], "units": ind["units_short"]}
            assert cells[5] == text(f"gap.gap.{ind['id']}", lang, **args)
        elif met:
            assert cells[5] == "—"


def test_the_table_in_vietnamese(city: Path) -> None:
    result = gap(str(city), "--year", "2030")
    assert result.exit_code == 0
    out = result.stdout
    assert "MỨC ĐẠT CHỈ TIÊU NĂM 2030 — số liệu năm báo cáo 2025, 5 đơn vị — nguồn:" in out
    cells = table_cells(out, "Cơ quan, chính quyền có lãnh đạo chủ chốt là nữ")
    assert cells[1:6] == [
        "75,0% (sau điều chỉnh: 62,5%)",
        "2/4 cơ quan",
        "50,0%",
        "Chưa đạt",
        "Cần thêm 1 cơ quan có lãnh đạo chủ chốt là nữ",
    ]
    assert cells[6] == "██████████░░┃░░░░░░░"  # 50% filled, the target at 62.5%
    cells = table_cells(out, "Cán bộ nữ trong diện quy hoạch")
    assert cells[1:6] == [
        "50,0%",
        "57/140 người là nữ",
        "40,7%",
        "Chưa đạt",
        "Cần thêm 13 nữ trong diện quy hoạch (giữ nguyên số người quy hoạch), hoặc 26 nữ nếu bổ "
        "sung thêm vào quy hoạch",
    ]
    cells = table_cells(out, "Cán bộ nữ quy hoạch được đào tạo, bồi dưỡng")
    assert cells[5] == "Cần đào tạo, bồi dưỡng thêm 8 cán bộ nữ trong quy hoạch"
    # The adjusted unit, with its sector share and own target.
    row = line_cells(out, "S02")
    assert row == ["S02", "Sở Xây dựng", "Xây dựng", "10,0% (của ngành)", "theo tỷ lệ nữ", "25,0%",
                   "Chưa đạt"]  # fmt: skip
    assert "0/4 chỉ tiêu đạt." in out


def test_the_table_in_english_states_the_gaps(city: Path) -> None:
    result = gap(str(city), "--year", "2030", "--lang", "en")
    out = result.stdout
    assert "TARGETS FOR 2030 — data of report year 2025, 5 units" in out
    gaps = [table_cells(out, name)[5] for name in (
        "Agencies and local governments with a female key leader",
        "Women in the leadership planning pool",
        "Women in the planning pool who are trained",
        "Ethnic-minority leaders in ethnic-minority areas",
    )]  # fmt: skip
    assert gaps == [
        "1 more agencies need a female key leader",
        "13 more women in the planning pool, or 26 if the pool grows",
        "8 more women in the pool to be trained",
        "1 more ethnic-minority leaders in 1 units",
    ]
    assert line_cells(out, "Ethnic-minority leaders in ethnic-minority areas") == [
        "Ethnic-minority leaders in ethnic-minority areas", "U01", "UBND huyện Ba Vì",
        "2 ethnic-minority, 3 needed", "1",
    ]  # fmt: skip
    assert "Units with the largest shortfalls" in out
    assert "0 of 4 targets met." in out


def test_the_table_with_groups(city: Path) -> None:
    result = gap(str(city), "--year", "2025", "--by", "unit_type", "--lang", "en")
    assert result.exit_code == 0
    assert "By Unit type" in result.stdout
    assert line_cells(result.stdout, "Public service unit") == [
        "Public service unit", "1", "Not applicable", "50.0% Met", "80.0% Met", "Not applicable",
        "45.0%",
    ]  # fmt: skip
    assert line_cells(result.stdout, "State agency") == [
        "State agency", "2", "50.0% Met", "34.3% Not met (4 short)", "75.0% Met", "Not applicable",
        "46.7%",
    ]  # fmt: skip


# --- CSV -------------------------------------------------------------------------------------


def test_csv(city: Path) -> None:
    result = gap(str(city), "--year", "2030", "--format", "csv", "--by", "level", "--csv-ids")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    totals = [r for r in rows if r["kind"] == "total" and r["indicator"] != "women_leaders"]
    assert [(r["indicator"], r["met"], r["gap"]) for r in totals] == [
        ("female_key_leader", "false", "1"),
        ("pool_female", "false", "13"),
        ("pool_female_trained", "false", "8"),
        ("ethnic_minority_leaders", "false", "1"),
    ]
    assert totals[1]["gap_if_added"] == "26" and totals[1]["rate"] == "0.407142857143"
    groups = [r for r in rows if r["kind"] == "group" and r["indicator"] != "women_leaders"]
    assert len(groups) == 8 and {r["group"] for r in groups} == {"department", "district"}
    units = [r for r in rows if r["kind"] == "unit" and r["indicator"] == "female_key_leader"]
    assert [(r["group"], r["target"], r["gap"]) for r in units] == [
        ("U01", "0.75", "1"), ("S02", "0.25", "1"), ("H01", "0.75", "0"), ("S01", "0.75", "0"),
    ]  # fmt: skip


def test_csv_never_lets_a_submitted_text_start_a_formula(tmp_path: Path) -> None:
    rows = [
        LABELS,
        unit(unit_name='=HYPERLINK("http://x","y")', sector="@SUM(1)", key_leaders_female=0),
    ]
    path = write_csv(tmp_path / "don-vi.csv", rows)
    result = gap(str(path), "--year", "2025", "--format", "csv", "--csv-ids")
    assert result.exit_code == 0, result.output
    names = [
        r["unit_name"] for r in csv.DictReader(io.StringIO(result.stdout)) if r["kind"] == "unit"
    ]
    assert names and set(names) == {'\'=HYPERLINK("http://x","y")'}


# --- exit codes ------------------------------------------------------------------------------


def test_fail_on_gap(city: Path, tmp_path: Path) -> None:
    assert gap(str(city), "--year", "2025").exit_code == 0
    assert gap(str(city), "--year", "2025", "--fail-on-gap").exit_code == 1
    met = simple_form(tmp_path / "dat.xlsx", city_rows(U01={"leaders_ethnic_minority": 3}))
    assert gap(str(met), "--year", "2025", "--fail-on-gap").exit_code == 0
    assert gap(str(met), "--year", "2030", "--fail-on-gap", "--format", "json").exit_code == 1


def test_invalid_data_is_refused_with_its_findings(tmp_path: Path) -> None:
    bad = simple_form(
        tmp_path / "loi.xlsx", city_rows(S01={"staff_female": 925, "staff_total": 922})
    )
    result = gap(str(bad), "--year", "2025")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "exceeds-total" in result.stderr and "I2" in result.stderr
    assert "--skip-invalid" in result.stderr


def test_skip_invalid_counts_and_names_the_rows(tmp_path: Path) -> None:
    bad = simple_form(
        tmp_path / "loi.xlsx", city_rows(S01={"staff_female": 925, "staff_total": 922})
    )
    doc = json.loads(gap(str(bad), "--year", "2025", "--skip-invalid", "--format", "json").stdout)
    assert (doc["units"], doc["skipped_rows"]) == (4, 1)
    assert doc["skipped"] == [
        {"file": str(bad), "rows": [2], "unreadable": False, "persons": None, "units": None}
    ]
    result = gap(str(bad), "--year", "2025", "--skip-invalid", "--lang", "en")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "1 invalid rows were skipped (--skip-invalid)" in flat
    assert f"{bad}: rows 2" in flat


def test_skip_invalid_with_an_unreadable_file(tmp_path: Path, city: Path) -> None:
    junk = tmp_path / "hong.xlsx"
    junk.write_bytes(b"not a workbook")
    doc = json.loads(
        gap(str(tmp_path), "--year", "2025", "--skip-invalid", "--format", "json").stdout
    )
    assert doc["units"] == 5
    assert doc["skipped"] == [
        {"file": str(junk), "rows": [], "unreadable": True, "persons": None, "units": None}
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2031"], "Năm 2031 nằm ngoài giai đoạn 2021–2030"),
        (["--year", "2020", "--lang", "en"], "The year 2020 is outside the programme's 2021–2030"),
        ([], "Hãy nêu năm chỉ tiêu bằng --year"),
        (["--year", "2025", "--report-year", "2024"], "Không có số liệu năm báo cáo 2024"),
    ],
)
def test_usage_errors_exit_2(city: Path, args: list[str], message: str) -> None:
    result = gap(str(city), *args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())


def test_a_missing_path_exits_2(tmp_path: Path) -> None:
    result = gap(str(tmp_path / "khong-co.xlsx"), "--year", "2025")
    assert result.exit_code == 2
    assert "khong-co.xlsx" in result.stderr


def test_an_unknown_group_exits_2(city: Path) -> None:
    assert gap(str(city), "--year", "2025", "--by", "district").exit_code == 2


def test_a_broken_rules_file_exits_2_with_file_line_and_key(city: Path, tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8").replace("    2025: 0.60\n", "    2025: 6\n", 1)
    line = text.splitlines().index("    2025: 6") + 1
    broken = tmp_path / "targets.yaml"
    broken.write_text(text, encoding="utf-8")
    result = gap(str(city), "--year", "2025", "--rules", str(broken), "--lang", "en")
    assert result.exit_code == 2
    assert f"{broken}:{line} targets.female_key_leader.2025: must be ≤ 1" in " ".join(
        result.stderr.replace("│", " ").split()
    )


def test_other_rules_change_the_result_without_code(city: Path, tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8").replace(
        "      mode: proportional\n", "      mode: exempt\n"
    )
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    fkl = by_id(as_json(str(city), "--year", "2025", "--rules", str(other)))["female_key_leader"]
    assert (fkl["scope"], fkl["exempt"], fkl["required"], fkl["gap"]) == (3, 1, 1.8, 0)


# --- where the data comes from ---------------------------------------------------------------


def test_gplan_data_is_read_when_no_path_is_given(city: Path) -> None:
    result = gap("--year", "2025", "--format", "json", env={"GPLAN_DATA": str(city.parent)})
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["data_source"] == {"kind": "env", "paths": [str(city.parent)]}
    assert doc["units"] == 5
    assert "GPLAN_DATA" in result.stderr


def test_the_bundled_samples_without_their_broken_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = tmp_path / "samples"
    (samples / "broken").mkdir(parents=True)
    simple_form(samples / "tong-hop.xlsx", city_rows())
    simple_form(samples / "broken" / "loi.xlsx", [unit(staff_female=925, staff_total=922)])
    monkeypatch.setattr("gender_plan_cli.paths.bundled_samples", lambda: samples)
    result = gap("--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["data_source"] == {"kind": "samples", "paths": [str(samples)]}
    assert doc["units"] == 5
    assert "dữ liệu mẫu" in result.stderr
    table = gap("--year", "2025", "--lang", "en")
    assert "source: the sample data shipped with gplan" in " ".join(table.stdout.split())


def test_the_real_bundled_samples_give_the_citys_gaps() -> None:
    from gender_plan_cli.paths import bundled_samples

    if not any(p.name != "broken" for p in bundled_samples().glob("*")):
        pytest.skip("data/samples is not generated yet")
    result = gap("--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["report_year"] == 2025 and doc["units"] > 0
    assert doc["data_source"]["kind"] == "samples"
    assert all("broken" not in s["file"] for s in doc["skipped"])
    assert [i["id"] for i in doc["indicators"]] == [
        "female_key_leader",
        "pool_female",
        "pool_female_trained",
        "ethnic_minority_leaders",
    ]
    table = gap("--year", "2025")
    assert table.exit_code == 0
    assert "nguồn: dữ liệu mẫu kèm theo gplan" in " ".join(table.stdout.split())


def test_one_consolidated_form_or_a_folder_of_returns_give_the_same_gap(tmp_path: Path) -> None:
    one = simple_form(tmp_path / "tong-hop.xlsx", city_rows())
    folder = tmp_path / "returns"
    folder.mkdir()
    for row in city_rows():
        simple_form(folder / f"{row[0]}.xlsx", [row])
    a = as_json(str(one), "--year", "2030", "--by", "sector")
    b = as_json(str(folder), "--year", "2030", "--by", "sector")
    assert a["units"] == b["units"] == 5
    assert a["indicators"] == b["indicators"]
    assert a["groups"] == b["groups"]


def test_output_file_is_written(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "gap.json"
    result = gap(str(city), "--year", "2025", "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == as_json(str(city), "--year", "2025")
    table = tmp_path / "gap.txt"
    assert gap(str(city), "--year", "2025", "-o", str(table)).exit_code == 0
    assert "MỨC ĐẠT CHỈ TIÊU NĂM 2025" in table.read_text(encoding="utf-8")


def test_the_data_year_is_the_latest_not_after_the_target_year(tmp_path: Path) -> None:
    folder = tmp_path / "years"
    folder.mkdir()
    simple_form(folder / "2025.xlsx", city_rows())
    simple_form(
        folder / "2024.xlsx", [unit(**{**CITY[0], "report_year": 2024, "key_leaders_female": 0})]
    )
    doc = as_json(str(folder), "--year", "2025")
    assert (doc["report_year"], doc["years_present"], doc["units"]) == (2025, [2024, 2025], 5)
    doc = as_json(str(folder), "--year", "2024")
    assert (doc["report_year"], doc["units"]) == (2024, 1)
    assert by_id(doc)["female_key_leader"]["actual"] == 0
    doc = as_json(str(folder), "--year", "2030", "--report-year", "2024")
    assert (doc["target_year"], doc["report_year"], doc["units"]) == (2030, 2024, 1)
    table = gap(str(folder), "--year", "2025", "--lang", "en")
    assert "The data also holds 2024: not evaluated here (pick with --report-year)." in table.stdout


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    from builders import simple_form, unit

    path = simple_form(tmp_path / "r.xlsx", [unit()])
    before = path.read_bytes()
    result = runner.invoke(app, ["gap", str(path), "--year", "2025", "-f", "csv", "-o", str(path)])
    assert result.exit_code == 2
    assert "r.xlsx" in result.output
    assert path.read_bytes() == before


def test_gap_json_is_written_as_bytes_the_same_on_stdout_and_into_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The JSON goes out as pydantic's UTF-8 bytes (never a 340 MB Python string): the same
    document as `model_dump_json`, with the platform's line ends in a file."""
    import os

    from gender_plan_cli.intake.load import load_paths
    from gender_plan_cli.render.gap_json import gap_json_bytes
    from gender_plan_cli.targets.assess import evaluate
    from gender_plan_cli.targets.rules import load_rules

    path = simple_form(tmp_path / "f.xlsx", [unit(unit_name="Sở Nội vụ"), unit(unit_code="S02")])
    out = runner.invoke(app, ["gap", str(path), "-y", "2025", "-f", "json"])
    assert out.exit_code == 0, out.output
    report = evaluate(load_paths([path]).records, load_rules(Path("rules/targets.yaml")), 2025)
    doc = gap_json_bytes(report)
    assert doc.decode("utf-8") == report.model_dump_json(indent=2)
    assert json.loads(out.stdout_bytes)["indicators"] == json.loads(doc)["indicators"]
    assert out.stdout_bytes.endswith(b"}\n") and "Sở Nội vụ".encode() in out.stdout_bytes
    target = tmp_path / "gap.json"
    assert runner.invoke(app, ["gap", str(path), "-y", "2025", "-o", str(target)]).exit_code == 0
    assert target.read_bytes() == out.stdout_bytes
    monkeypatch.setattr(os, "linesep", "\r\n")  # as on Windows
    windows = tmp_path / "gap-windows.json"
    assert runner.invoke(app, ["gap", str(path), "-y", "2025", "-o", str(windows)]).exit_code == 0
    assert windows.read_bytes() == out.stdout_bytes.replace(b"\n", b"\r\n")
