"""Person-level rosters: recognised by their header, counted per unit, findings at cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import simple_form, unit, write_xlsx
from gender_plan_cli.collection.registry import Registry, load_registry
from gender_plan_cli.intake.load import load_paths, read_file
from roster_builders import (
    COMMUNE_PEOPLE,
    GENDER_COLUMN_PEOPLE,
    REGISTRY,
    dob_split_roster,
    gender_column_roster,
)

FIGURES = (
    "staff_total",
    "staff_female",
    "key_leaders_total",
    "key_leaders_female",
    "leaders_total",
    "leaders_female",
    "pool_total",
    "pool_female",
    "pool_female_trained",
    "leaders_ethnic_minority",
)
CLEAN = [p for i, p in enumerate(GENDER_COLUMN_PEOPLE) if i not in (6, 8)]
REAL = Path("/work/shared/corpus/real-forms")


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    path = tmp_path / "units.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return load_registry(path)


def figures(record: object) -> tuple[int | None, ...]:
    return tuple(getattr(record, f) for f in FIGURES)


def test_a_gender_column_roster_with_title_and_column_numbers(
    tmp_path: Path, registry: Registry
) -> None:
    path = gender_column_roster(tmp_path / "ds.xlsx", CLEAN)
    fr = load_paths([path], registry=registry).files[1]
    assert (fr.role, fr.sheet, fr.report_year, fr.persons) == ("roster", "Danh sách", 2025, 7)
    (rec,) = fr.records
    assert (rec.unit_code, rec.level, rec.unit_type, rec.source_row) == (
        "S01",
        "department",
        "state_agency",
        7,
    )
    assert figures(rec) == (7, 5, 2, 1, 4, 2, 4, 3, 2, 1)
    assert [(f.code, f.cell) for f in fr.findings] == [
        ("roster-bad-date", "C12"),
        ("roster-unknown-ethnicity", "E13"),
        ("roster-unknown-position", "F13"),
    ]
    assert fr.valid()


def test_a_person_with_an_error_costs_their_row_not_their_unit(
    tmp_path: Path, registry: Registry
) -> None:
    fr = load_paths([gender_column_roster(tmp_path / "ds.xlsx")], registry=registry).files[1]
    errors = [(f.code, f.cell, f.args.get("first")) for f in fr.findings if f.severity == "error"]
    assert errors == [("roster-missing-sex", "D13", None), ("roster-duplicate-person", "B15", 11)]
    (rec,) = fr.records
    assert figures(rec) == (7, 5, 2, 1, 4, 2, 4, 3, 2, 1)  # as the roster without those rows
    assert (fr.persons, fr.skipped_rows, fr.skipped_units) == (9, [13, 15], 1)


def test_dob_under_nam_nu_two_row_header_split_into_ubnd_and_hdnd(
    tmp_path: Path, registry: Registry
) -> None:
    path = dob_split_roster(tmp_path / "xa.xlsx")
    fr = load_paths([path], registry=registry, report_year=2025).files[1]
    assert fr.persons == len(COMMUNE_PEOPLE) and fr.findings == []
    ub, hd = fr.records
    assert (ub.unit_code, ub.unit_type, ub.source_row) == ("X101-UB", "people_committee", 5)
    assert figures(ub) == (5, 3, 3, 2, 3, 2, 2, 2, 2, 0)
    assert (hd.unit_code, hd.unit_type, hd.source_row) == ("X101-HD", "people_council", 7)
    assert figures(hd) == (2, 1, 2, 1, 2, 1, 1, 1, 0, 1)


def test_no_year_anywhere_is_the_missing_year(tmp_path: Path, registry: Registry) -> None:
    fr = load_paths([dob_split_roster(tmp_path / "xa.xlsx")], registry=registry).files[1]
    assert [(f.code, f.field) for f in fr.findings] == [("missing-column", "report_year")]
    assert fr.records == []


def test_without_a_registry_each_unit_asks_for_units(tmp_path: Path) -> None:
    fr = read_file(gender_column_roster(tmp_path / "ds.xlsx", CLEAN))
    result = load_paths([tmp_path / "ds.xlsx"])
    fr = result.files[0]
    (f,) = [f for f in fr.findings if f.code == "roster-unit-unresolved"]
    assert (f.cell, f.value, f.severity) == ("G7", "Sở Nội vụ", "error")
    assert "--units" in f.message("en") and fr.records == []


def test_x_in_a_nu_column_and_a_unit_code_column(tmp_path: Path, registry: Registry) -> None:
    rows = [
        ["DANH SÁCH NĂM 2025"],
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", None, "Chức vụ", "Mã đơn vị"],
        [None, None, None, "Nam", "Nữ", None, None],
        [1, "Người Một", 1980, "x", None, "Trưởng phòng", "S01"],
        [2, "Người Hai", 1981, None, "x", "Phó Trưởng phòng", "S01"],
        [3, "Người Ba", 1982, None, "X", None, "S01"],
    ]
    path = write_xlsx(tmp_path / "x.xlsx", rows, merges=["D2:E2"])
    fr = load_paths([path], registry=registry).files[1]
    (rec,) = fr.records
    assert (rec.staff_total, rec.staff_female, rec.leaders_total, rec.leaders_female) == (
        3,
        2,
        2,
        1,
    )


def test_a_return_beside_its_roster_is_checked_figure_by_figure(
    tmp_path: Path, registry: Registry
) -> None:
    roster = gender_column_roster(tmp_path / "ds.xlsx", CLEAN)
    ret = simple_form(
        tmp_path / "bc.xlsx",
        [
            unit(
                parent_code="UB-TP",
                staff_total=7,
                staff_female=4,
                key_leaders_total=2,
                key_leaders_female=1,
                leaders_total=4,
                leaders_female=2,
                pool_total=4,
                pool_female=3,
                pool_female_trained=2,
            )
        ],
    )
    result = load_paths([ret, roster], registry=registry)
    fr_ret = next(f for f in result.files if f.path == str(ret))
    fr_roster = next(f for f in result.files if f.path == str(roster))
    (f,) = [f for f in fr_ret.findings if f.code == "roster-mismatch"]
    assert (f.cell, f.value, f.args["counted"]) == ("I2", 4, 5)
    assert f.message("vi") == (
        f"Ô I2: Số nữ CBCCVC, NLĐ ghi 4, danh sách cán bộ {roster} đếm được 5 người. Báo cáo được "
        "dùng để tính chỉ tiêu; hãy kiểm tra lại số liệu hoặc danh sách."
    )
    assert [r.unit_code for r in result.records] == ["S01"]  # the return counts, once
    assert result.records[0].source_file == str(ret)
    assert fr_roster.records == []
    assert not any(f.code in ("duplicate-unit", "resubmitted") for f in result.findings)


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus is absent")
@pytest.mark.parametrize(
    ("name", "columns"),
    [
        (
            "viettoan+qlns_utt/danhsach_trichngang_form.xlsx",
            {"name": 2, "dob_male": 4, "dob_female": 5, "ethnicity": 8, "llct": 10, "position": 13},
        ),
        ("viettoan+qlns_utt/m1.xlsx", {"name": 2, "dob_male": 3, "dob_female": 4, "position": 5}),
        (
            "rongandat+phanloaicanbo/xuat_du_lieu.xlsx",
            {
                "name": 2,
                "dob_male": 5,
                "dob_female": 6,
                "position": 7,
                "unit_name": 8,
                "qlnn": 17,
                "llct": 18,
            },
        ),
    ],
)
def test_real_roster_templates_are_recognised(name: str, columns: dict[str, int]) -> None:
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS
    from gender_plan_cli.roster.header import locate_roster

    book = open_book(REAL / name, DEFAULT_LIMITS)
    try:
        layout = locate_roster(book.grid(book.sheets[0]))
    finally:
        book.close()
    assert layout is not None
    assert {k: v for k, v in layout.columns.items() if k in columns} == columns
