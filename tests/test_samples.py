"""The sample data: rebuilt identically, laid out as documented, clean where it should be,
and broken exactly where scripts/make_samples.py says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from gender_plan_cli.contract import COUNT_FIELDS
from gender_plan_cli.findings import SEVERITY
from gender_plan_cli.intake.load import load_paths

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
EARLIER = [SAMPLES / f"hanoi-{y}.xlsx" for y in (2021, 2022, 2023)]
GOOD = [SAMPLES / "hanoi-2025.xlsx", SAMPLES / "hanoi-2024.xlsx", SAMPLES / "returns", *EARLIER]

# What the script's header documents: file → {(code, cell)}; None for a file-level finding.
BROKEN = {
    "don-vi-loi.xlsx": {
        ("unknown-column", "U4"),
        ("exceeds-total", "K6"),
        ("type-error", "H7"),
        ("out-of-range", "N8"),
        ("invalid-choice", "E9"),
        ("missing-value", "C10"),
        ("unknown-parent", "D11"),
        ("duplicate-unit", "B12"),
        ("formula-without-value", "P13"),
        ("hidden-row", "14"),
        ("ambiguous-value", "R15"),
        ("totals-mismatch", "I16"),
    },
    "khong-co-tieu-de.xlsx": {("no-header", "3")},  # the closest row
    "thieu-cot.xlsx": {("missing-column", "3")},
    "cot-trung.xlsx": {("duplicate-column", "K1")},
    "khong-co-don-vi.xlsx": {("no-units", None)},
    "hong.xlsx": {("unreadable-file", None)},
    "trang-an.xlsx": {("hidden-sheet", None)},
    "o-gop.xlsx": {("merged-cell", "J3"), ("merged-cell", "J4")},
    "hai-nam.xlsx": {("mixed-report-years", "G4")},
}
NOT_SHIPPED = {
    # person-level rosters: data/samples/rosters/ is clean; each code at its cell in
    # tests/test_roster.py (roster-mismatch is shown by the rosters beside a return)
    "roster-missing-column",
    "roster-missing-sex",
    "roster-bad-date",
    "roster-unknown-ethnicity",
    "roster-unknown-position",
    "roster-duplicate-person",
    "roster-unit-unresolved",
    "roster-mismatch",
    "file-too-large",  # needs a file over a limit
    "too-many-findings",  # likewise
    "reader-crashed",  # needs a file that kills or hangs its reader: tests/test_isolation.py
    "read-timeout",
    "suspicious-text",  # bidi controls in a cell: tests/test_hostile_text.py
    "resubmitted",  # needs two returns of one unit
    "unknown-unit",  # these need a registry of units: tests/test_registry.py
    "registry-mismatch",
    "registry-duplicate",
    "registry-unknown-parent",
    "registry-cycle",
}
NOT_SHIPPED |= {"unread-row", "derived-total"}  # shown by tests/test_real_layouts.py
NOT_SHIPPED |= {"own-output"}  # gplan's own files: tests/test_own_output.py
NOT_SHIPPED |= {"unit-not-covered", "wrong-year"}  # the portal's: tests/test_portal.py
# rosters' people (tests/test_roster_people.py) and legacy encodings (tests/test_legacy_encodings.py)
NOT_SHIPPED |= {"roster-missing-unit", "roster-same-name-and-birth", "legacy-encoding"}


@pytest.fixture(scope="module")
def make_samples() -> ModuleType:
    path = ROOT / "scripts" / "make_samples.py"
    spec = importlib.util.spec_from_file_location("make_samples", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_samples"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def good() -> object:
    return load_paths(GOOD)


def by_name(result) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {Path(f.path).name: f for f in result.files}


# --- the generator ---------------------------------------------------------------------------


def test_generator_is_deterministic(make_samples: ModuleType, tmp_path: Path) -> None:
    first = make_samples.build(tmp_path / "a")
    second = make_samples.build(tmp_path / "b")
    rel = [p.relative_to(tmp_path / "a") for p in first]
    assert rel == [p.relative_to(tmp_path / "b") for p in second]
    for name in rel:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def test_committed_samples_are_what_the_script_makes(
    make_samples: ModuleType, tmp_path: Path
) -> None:
    """Compared by content, not bytes, so another openpyxl version does not fail it."""
    fresh = tmp_path / "samples"
    made = [p.relative_to(fresh) for p in make_samples.build(fresh)]
    committed = sorted(p.relative_to(SAMPLES) for p in SAMPLES.rglob("*") if p.is_file())
    assert made == committed, "run: python scripts/make_samples.py"
    for name in made:
        new, old = fresh / name, SAMPLES / name
        if name.suffix == ".xlsx" and name.name != "hong.xlsx":
            assert cells(new) == cells(old), f"{name}: run python scripts/make_samples.py"
        else:
            assert new.read_bytes() == old.read_bytes(), name


def test_refuses_to_empty_a_folder_that_is_not_samples(
    make_samples: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(SystemExit):
        make_samples.build(tmp_path)
    assert (tmp_path / "thesis.docx").exists()


# --- the good samples ------------------------------------------------------------------------


def test_good_samples_check_clean(good) -> None:  # type: ignore[no-untyped-def]
    found = [(Path(f.path).name, f.code, f.cell) for f in good.findings]
    assert found == []


def test_units_and_years_of_each_file(good) -> None:  # type: ignore[no-untyped-def]
    files = by_name(good)
    expected = {
        "hanoi-2025.xlsx": (49, 2025),
        "hanoi-2024.xlsx": (45, 2024),
        "hanoi-2021.xlsx": (45, 2021),
        "hanoi-2022.xlsx": (45, 2022),
        "hanoi-2023.xlsx": (45, 2023),
        "xa-co-do.xlsx": (2, 2025),
        "xa-quang-oai.csv": (2, 2025),
        "phuong-tay-ho.csv": (2, 2025),
        "xa-yen-bai.xlsx": (2, 2025),
    }
    assert {name: (f.units, f.report_year) for name, f in files.items()} == expected
    assert all(len(f.records) == f.units for f in files.values())


def test_parents_resolve_within_their_year(good) -> None:  # type: ignore[no-untyped-def]
    codes: dict[int, set[str]] = {}
    for r in good.records:
        codes.setdefault(r.report_year, set()).add(r.unit_code)
    for r in good.records:
        assert r.parent_code is None or r.parent_code in codes[r.report_year], r.unit_code
    returns = [r for r in good.records if "returns" in r.source_file]
    assert {r.parent_code for r in returns} == {"UB-TP"}
    assert not {r.unit_code for r in returns} & {
        r.unit_code for r in good.records if r.source_file.endswith("hanoi-2025.xlsx")
    }


def test_councils_and_committees_are_separate_units(good) -> None:  # type: ignore[no-untyped-def]
    y2025 = [r for r in good.records if r.report_year == 2025 and r.level == "commune"]
    committees = {r.unit_code[:-3] for r in y2025 if r.unit_type == "people_committee"}
    councils = {r.unit_code[:-3] for r in y2025 if r.unit_type == "people_council"}
    assert committees == councils and len(committees) == 16


def test_figures_make_interesting_gaps(good) -> None:  # type: ignore[no-untyped-def]
    """Near, and short of, each 2025 target: what `gplan gap --year 2025` is there to show."""
    recs = [r for r in good.records if r.report_year == 2025]
    scope = [r for r in recs if r.unit_type != "public_service"]
    key_rate = sum(r.key_leaders_female >= 1 for r in scope) / len(scope)
    pool = sum(r.pool_female for r in recs) / sum(r.pool_total for r in recs)
    trained = sum(r.pool_female_trained for r in recs) / sum(r.pool_female for r in recs)
    assert 0.5 < key_rate < 0.6
    assert 0.38 <= pool < 0.40
    assert 0.65 < trained < 0.75
    dtts = [r for r in recs if r.ethnic_minority_area]
    assert len(dtts) >= 6 and all(r.ethnic_minority_population_pct for r in dtts)
    low = [r for r in recs if r.sector == "Xây dựng"]
    share = sum(r.staff_female for r in low) / sum(r.staff_total for r in low)
    assert len(low) >= 3 and share < 0.30


def totals_check(path: Path, totals_label: str, code_col: int) -> None:
    from gender_plan_cli.layout import locate
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    book = open_book(path, DEFAULT_LIMITS)
    try:
        grid = book.grid(book.sheets[0])
    finally:
        book.close()
    layout = locate(grid)
    assert layout is not None
    rows = grid.rows
    (totals,) = [r for r in rows if totals_label in r]
    units = [r for r in rows[layout.data_start - 1 :] if r[code_col - 1] and r is not totals]
    assert len(units) > 40
    for fid in COUNT_FIELDS:
        col = layout.fields[fid] - 1
        assert totals[col] == sum(u[col] or 0 for u in units), fid


def test_totals_rows_equal_the_sum_of_units() -> None:
    totals_check(SAMPLES / "hanoi-2025.xlsx", "Tổng cộng", code_col=2)
    totals_check(SAMPLES / "hanoi-2024.xlsx", "Toàn thành phố", code_col=1)


def test_2025_is_a_two_row_header_with_the_year_in_the_title() -> None:
    ws = openpyxl.load_workbook(SAMPLES / "hanoi-2025.xlsx").worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"H8:I8", "J8:K8", "L8:N8", "O8:Q8", "A8:A9", "B8:B9"} <= merged
    assert ws["J8"].value == "Lãnh đạo chủ chốt" and ws["K9"].value == "Trong đó: Nữ"
    assert ws["A10"].value == "(1)" and ws["C11"].value == "Tổng cộng"
    assert "NĂM 2025" in ws["A5"].value
    header = [c.value for row in ws["A8:T9"] for c in row]
    assert "Năm báo cáo" not in header
    captions = {
        ws.cell(r, 3).value for r in range(12, ws.max_row + 1) if ws.cell(r, 1).value == "C"
    }
    assert captions == {"XÃ, PHƯỜNG"}


def test_2024_is_a_one_row_header_with_a_year_column(good) -> None:  # type: ignore[no-untyped-def]
    ws = openpyxl.load_workbook(SAMPLES / "hanoi-2024.xlsx").worksheets[0]
    assert ws["C6"].value == "Năm báo cáo" and ws["C7"].value == 2024
    assert not any("2024" in str(ws.cell(r, 1).value) for r in range(1, 6))
    levels = {r.level for r in good.records if r.report_year == 2024}
    assert levels == {"city", "department", "district"}


def test_returns_show_the_encodings_and_typing_habits() -> None:
    returns = SAMPLES / "returns"
    bom = (returns / "xa-quang-oai.csv").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf") and b";" in bom.splitlines()[0]
    legacy = (returns / "phuong-tay-ho.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        legacy.decode("utf-8")
    assert "Mã đơn vị" in __import__("unicodedata").normalize("NFC", legacy.decode("cp1258"))
    ws = openpyxl.load_workbook(returns / "xa-yen-bai.xlsx").worksheets[0]
    typed = {c.value for row in ws.iter_rows() for c in row}
    assert {"1.234", "45,5%"} <= typed
    template = openpyxl.load_workbook(returns / "xa-co-do.xlsx")
    assert template.sheetnames == ["Biểu 01", "Hướng dẫn"]


# --- the broken samples ----------------------------------------------------------------------


def test_broken_files_show_each_code_at_its_documented_cell() -> None:
    result = load_paths([SAMPLES / "broken"])
    found: dict[str, set[tuple[str, str | None]]] = {}
    for f in result.files:
        found.setdefault(Path(f.path).name, set()).update((x.code, x.cell) for x in f.findings)
    assert found == BROKEN


def test_broken_files_cover_the_whole_catalogue() -> None:
    shown = {code for pairs in BROKEN.values() for code, _ in pairs}
    assert shown == set(SEVERITY) - NOT_SHIPPED


def test_broken_files_do_not_collide_with_good_ones() -> None:
    """`gplan check data/samples` flags only what broken/ is there to show; without a registry
    the rosters' units cannot be placed (with it, see test_sample_rosters_beside_a_return)."""
    everything = load_paths([SAMPLES])
    for f in everything.files:
        parts = Path(f.path).parts
        if "rosters" in parts:
            assert {x.code for x in f.findings} == {"roster-unit-unresolved"}, f.path
        elif "broken" not in parts:
            assert f.findings == [], f.path


def test_sample_rosters_beside_a_return() -> None:
    """With the registry: Cổ Đô's roster checks its return (two figures differ), commune 013's
    roster gives its two units; the return counts for Cổ Đô."""
    from gender_plan_cli.collection.registry import load_registry

    registry = load_registry(SAMPLES / "units.yaml")
    result = load_paths(
        [SAMPLES / "returns" / "xa-co-do.xlsx", SAMPLES / "rosters"], registry=registry
    )
    by_name = {Path(f.path).name: f for f in result.files}
    ret = by_name["xa-co-do.xlsx"]
    assert [(x.code, x.cell, x.value, x.args["counted"]) for x in ret.findings] == [
        ("roster-mismatch", "I9", 30, 32),
        ("roster-mismatch", "N10", 7, 6),
    ]
    assert by_name["danh-sach-xa-co-do.xlsx"].persons == 72
    assert sorted((r.unit_code, r.source_file.split("/")[-1]) for r in result.records) == [
        ("X013-HD", "danh-sach-xa-mau-so-013.xlsx"),
        ("X013-UB", "danh-sach-xa-mau-so-013.xlsx"),
        ("X101-HD", "xa-co-do.xlsx"),
        ("X101-UB", "xa-co-do.xlsx"),
    ]
