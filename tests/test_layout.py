"""Layouts that real forms use (docs/spec/data-contract.md): each read without configuration."""

from __future__ import annotations

import importlib
import unicodedata
from pathlib import Path

import pytest

from builders import LABELS, codes_at, simple_form, unit, write_csv, write_xlsx
from gender_plan_cli.intake.load import load_paths, read_file

TOP = [
    "STT",
    "Mã đơn vị",
    "Tên cơ quan, đơn vị",
    "Mã đơn vị cấp trên",
    "Cấp",
    "Loại hình",
    "Ngành, lĩnh vực",
    "Cán bộ, công chức, viên chức, người lao động",
    None,
    "Lãnh đạo chủ chốt",
    None,
    "Lãnh đạo, quản lý",
    None,
    None,
    "Quy hoạch",
    None,
    None,
    "Địa bàn có đồng bào DTTS",
    "Tỷ lệ dân số là người DTTS (%)",
]
BOTTOM = [None] * 7 + [
    "Tổng số",
    "Trong đó: Nữ",
    "Tổng số",
    "Trong đó: Nữ",
    "Tổng số",
    "Nữ",
    "Người DTTS",
    "Tổng số",
    "Nữ",
    "Nữ được đào tạo, bồi dưỡng",
    None,
    None,
]
MERGES_AT_ROW_5 = ["H5:I5", "J5:K5", "L5:N5", "O5:Q5"] + [f"{c}5:{c}6" for c in "ABCDEFGRS"]


def real_form(
    path: Path, *, totals: list[object] | None = None, hidden_rows: tuple[int, ...] = ()
) -> Path:
    """Title rows, a two-row merged header at rows 5–6, column numbers, groups, totals, signature."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"],
        ["SỞ NỘI VỤ", None, None, None, None, None, None, None, "Biểu số 01"],
        ["BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM 2025"],
        [],
        TOP,
        BOTTOM,
        [f"({i})" for i in range(1, 20)],
        ["A", "CẤP THÀNH PHỐ"],
        [
            1,
            "UB-TP",
            "UBND Thành phố",
            None,
            "Thành phố",
            "UBND",
            None,
            "1.200",
            610,
            6,
            1,
            60,
            22,
            0,
            90,
            36,
            28,
            None,
            None,
        ],
        [
            2,
            "HD-TP",
            "HĐND Thành phố",
            None,
            "Thành phố",
            "HĐND",
            None,
            80,
            40,
            4,
            2,
            12,
            5,
            0,
            20,
            9,
            8,
            None,
            None,
        ],
        ["B", "CÁC SỞ, BAN, NGÀNH"],
        [
            3,
            "S01",
            "Sở Nội vụ",
            "UB-TP",
            "Sở",
            "CQQLNN",
            "Nội vụ",
            200,
            120,
            4,
            1,
            30,
            14,
            0,
            40,
            18,
            15,
            "Không",
            None,
        ],
        [],
        [
            4,
            "S02",
            "Sở Xây dựng",
            "UB-TP",
            "Sở",
            "CQQLNN",
            "Xây dựng",
            300,
            60,
            5,
            0,
            40,
            5,
            0,
            50,
            10,
            8,
            None,
            None,
        ],
        ["C", "XÃ, PHƯỜNG"],
        [
            5,
            "X01-UB",
            "UBND xã Ba Vì",
            "UB-TP",
            "Xã",
            "UBND",
            None,
            30,
            12,
            3,
            0,
            10,
            3,
            4,
            8,
            3,
            2,
            "x",
            60,
        ],
        totals
        if totals is not None
        else [
            None,
            None,
            "Tổng cộng",
            None,
            None,
            None,
            None,
            1810,
            842,
            22,
            4,
            152,
            49,
            4,
            208,
            76,
            61,
        ],
        [],
        [None, None, "Hà Nội, ngày 10 tháng 12 năm 2025"],
        [None, None, "Người lập biểu", None, None, None, None, "GIÁM ĐỐC"],
        [None, None, "(Ký, họ tên)", None, None, None, None, "(Ký, đóng dấu, họ tên)"],
        [None, None, "Nguyễn Thị Lan", None, None, None, None, "Trần Văn Minh"],
    ]
    return write_xlsx(path, rows, merges=MERGES_AT_ROW_5, hidden_rows=hidden_rows)


def test_a_real_consolidated_form_is_read_as_it_is(tmp_path: Path) -> None:
    fr = read_file(real_form(tmp_path / "hop-nhat.xlsx"))
    assert codes_at(fr) == []
    assert (fr.sheet, fr.report_year, fr.units) == ("Biểu 01", 2025, 5)
    assert [r.unit_code for r in fr.records] == ["UB-TP", "HD-TP", "S01", "S02", "X01-UB"]
    first = fr.records[0]
    assert (first.staff_total, first.staff_female, first.source_row) == (1200, 610, 9)
    ba_vi = fr.records[-1]
    assert ba_vi.ethnic_minority_area is True
    assert ba_vi.ethnic_minority_population_pct == 60.0
    assert ba_vi.leaders_ethnic_minority == 4
    assert (ba_vi.level, ba_vi.unit_type) == ("commune", "people_committee")


def test_a_totals_row_that_disagrees_is_reported_with_both_numbers(tmp_path: Path) -> None:
    totals = [None, None, "Tổng cộng", None, None, None, None, 1810, 843]
    fr = read_file(real_form(tmp_path / "lech.xlsx", totals=totals))
    assert codes_at(fr) == [("totals-mismatch", "I17")]
    f = fr.findings[0]
    assert (f.value, f.args["expected"]) == (843, 842)
    assert "843" in f.message("vi") and "842" in f.message("vi")
    assert len(fr.records) == 5  # a warning: the units are still read


def test_a_totals_row_above_the_units_covers_all_of_them(tmp_path: Path) -> None:
    rows = [
        LABELS,
        ["Tổng cộng", None, None, None, None, None, None, 400],
        unit(),
        unit(unit_code="S02"),
    ]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows))
    assert codes_at(fr) == []
    rows[1][7] = 401
    fr = read_file(write_xlsx(tmp_path / "g.xlsx", rows))
    assert codes_at(fr) == [("totals-mismatch", "H2")]


def test_subtotals_per_group_cover_their_group(tmp_path: Path) -> None:
    rows = [
        ["STT", *LABELS],
        ["I", "CÁC SỞ"],
        [1, *unit(unit_code="S01", staff_total=10, staff_female=5)],
        [2, *unit(unit_code="S02", staff_total=20, staff_female=5)],
        [None, "Cộng", None, None, None, None, None, None, 30, 10],
        ["II", "CÁC XÃ"],
        [3, *unit(unit_code="X01", staff_total=7, staff_female=3)],
        [None, "Cộng", None, None, None, None, None, None, 8, 3],
        [None, "Tổng cộng", None, None, None, None, None, None, 37, 13],
    ]
    fr = read_file(write_xlsx(tmp_path / "cong.xlsx", rows))
    assert codes_at(fr) == [("totals-mismatch", "I8")]
    assert fr.findings[0].args["expected"] == 7


def test_leading_empty_rows_and_columns_keep_excel_cell_references(tmp_path: Path) -> None:
    rows = [LABELS, unit(staff_female=999)]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows, start_row=4, start_col=3))
    # staff_female is the 9th field: column 3 + 8 = K; the unit is on row 5.
    assert codes_at(fr) == [("exceeds-total", "K5")]
    assert fr.findings[0].args["whole_cell"] == "J5"


def test_parents_and_children_in_any_order(tmp_path: Path) -> None:
    top = [
        "Mã đơn vị",
        "Tên đơn vị",
        "Cấp",
        "Loại hình",
        "Năm",
        "Quy hoạch",
        None,
        None,
        "Lãnh đạo chủ chốt",
        None,
        "Lãnh đạo, quản lý",
        "CBCCVC, NLĐ",
        None,
    ]
    bottom = [None] * 5 + [
        "Nữ được đào tạo, bồi dưỡng",
        "Nữ",
        "Tổng số",
        "Trong đó nữ",
        "Số lượng",
        "Tổng số",
        "Số nữ",
        "Tổng số",
    ]
    row = ["S01", "Sở Tư pháp", "Sở", "CQQLNN", 2025, 6, 9, 20, 1, 3, 25, 70, 150]
    merges = ["F1:H1", "I1:J1", "L1:M1"] + [f"{c}1:{c}2" for c in "ABCDEK"]
    fr = read_file(write_xlsx(tmp_path / "order.xlsx", [top, bottom, row], merges=merges))
    assert codes_at(fr) == []
    rec = fr.records[0]
    assert (rec.pool_female_trained, rec.pool_female, rec.pool_total) == (6, 9, 20)
    assert (rec.key_leaders_female, rec.key_leaders_total) == (1, 3)
    assert (rec.staff_female, rec.staff_total, rec.leaders_total) == (70, 150, 25)


def test_headers_in_nfd_upper_case_without_diacritics_and_with_line_breaks(tmp_path: Path) -> None:
    headers = [unicodedata.normalize("NFD", label) for label in LABELS]
    headers[0] = "MA DON VI"
    headers[1] = "Tên cơ quan,\nđơn vị"
    headers[7] = "  TỔNG SỐ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG  "
    headers[16] = "Địa bàn có đồng bào dân tộc thiểu số"
    fr = read_file(write_xlsx(tmp_path / "nfd.xlsx", [headers, unit()]))
    assert codes_at(fr) == []
    assert fr.records[0].staff_total == 200


def test_canonical_ids_and_english_labels_are_headers(tmp_path: Path) -> None:
    from gender_plan_cli.contract import FIELDS

    ids = [f.id for f in FIELDS]
    english = [f.label_en for f in FIELDS]
    for name, header in (("ids.xlsx", ids), ("en.xlsx", english)):
        fr = read_file(write_xlsx(tmp_path / name, [header, unit()]))
        assert codes_at(fr) == [], name
        assert fr.records[0].unit_code == "S01"


def test_a_two_row_csv_header_without_merge_information(tmp_path: Path) -> None:
    top = [
        "TT",
        "Mã đơn vị",
        "Tên cơ quan, đơn vị",
        "Cấp",
        "Loại hình",
        "Lãnh đạo chủ chốt",
        "",
        "CBCCVC, NLĐ",
        "",
        "Lãnh đạo, quản lý",
        "Quy hoạch",
        "",
        "",
    ]
    bottom = [
        "",
        "",
        "",
        "",
        "",
        "Tổng số",
        "Nữ",
        "Tổng số",
        "Nữ",
        "Tổng số",
        "Tổng số",
        "Nữ",
        "Nữ đã đào tạo, bồi dưỡng",
    ]
    numbers = [str(i) for i in range(1, 14)]
    row = ["1", "S01", "Sở Y tế", "Sở", "CQQLNN", "4", "2", "300", "200", "40", "50", "30", "20"]
    path = write_csv(tmp_path / "y-te-2025.csv", [["BÁO CÁO NĂM 2025"], top, bottom, numbers, row])
    fr = read_file(path)
    assert codes_at(fr) == []
    rec = fr.records[0]
    assert (rec.key_leaders_total, rec.key_leaders_female, rec.pool_female_trained) == (4, 2, 20)
    assert rec.report_year == 2025
    assert fr.sheet is None


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-16", "\t"),
        ("cp1258", ","),
        ("utf-16-le", ";"),
        ("utf-8", "\t"),
    ],
)
def test_csv_encodings_and_delimiters_are_detected(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    name = "Sở Văn hóa và Thể thao"
    path = write_csv(
        tmp_path / "r.csv",
        [LABELS, unit(unit_name=name, staff_total="1.200")],
        delimiter=delimiter,
        encoding=encoding,
    )
    fr = read_file(path)
    assert codes_at(fr) == []
    assert fr.records[0].unit_name == name
    assert fr.records[0].staff_total == 1200


def test_the_data_sheet_is_found_by_its_header_and_others_are_named(tmp_path: Path) -> None:
    path = simple_form(
        tmp_path / "f.xlsx",
        [unit()],
        extra_sheets=[("Hướng dẫn", "visible"), ("Danh mục", "hidden")],
    )
    fr = read_file(path)
    assert codes_at(fr) == []
    assert fr.sheet == "Biểu 01"
    assert fr.ignored_sheets == ["Hướng dẫn", "Danh mục"]
    assert fr.hidden_sheets == ["Danh mục"]


def test_a_hidden_unit_row_is_read_counted_and_flagged(tmp_path: Path) -> None:
    fr = read_file(
        simple_form(tmp_path / "f.xlsx", [unit(), unit(unit_code="S02")], hidden_rows=[3])
    )
    assert codes_at(fr) == [("hidden-row", "3")]
    assert [r.unit_code for r in fr.records] == ["S01", "S02"]


def test_percent_formatted_cells_are_percentages(tmp_path: Path) -> None:
    row = unit(
        ethnic_minority_area="Có", ethnic_minority_population_pct=0.455, leaders_ethnic_minority=3
    )
    fr = read_file(simple_form(tmp_path / "f.xlsx", [row], percent_cells=["R2"]))
    assert codes_at(fr) == []
    assert fr.records[0].ethnic_minority_population_pct == pytest.approx(45.5)


def test_the_year_comes_from_the_title_or_the_option(tmp_path: Path) -> None:
    labels = [label for label in LABELS if label != "Năm báo cáo"]
    row = [v for v, label in zip(unit(), LABELS, strict=True) if label != "Năm báo cáo"]
    titled = write_xlsx(tmp_path / "t.xlsx", [["BÁO CÁO SỐ LIỆU NĂM 2024"], labels, row])
    assert read_file(titled).records[0].report_year == 2024
    bare = write_xlsx(tmp_path / "b.xlsx", [labels, row])
    fr = read_file(bare)
    assert codes_at(fr) == [("missing-column", "1")]
    assert fr.findings[0].message_id == "missing-column.report_year"
    assert read_file(bare, report_year=2023).records[0].report_year == 2023


def test_excel_lock_files_are_ignored_in_folders(tmp_path: Path) -> None:
    simple_form(tmp_path / "a.xlsx", [unit()])
    (tmp_path / "~$a.xlsx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("x")
    result = load_paths([tmp_path])
    assert [Path(f.path).name for f in result.files] == ["a.xlsx"]


def test_totals_are_not_compared_where_a_unit_figure_is_unreadable(tmp_path: Path) -> None:
    rows = [
        LABELS,
        unit(staff_total="hai trăm"),
        unit(unit_code="S02"),
        ["Tổng cộng", None, None, None, None, None, None, 400, 240],
    ]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows))
    assert codes_at(fr) == [("type-error", "H2")]


def test_column_number_rows_with_formulas_and_a_computed_ratio_column(tmp_path: Path) -> None:
    top = [
        "TT",
        "Tên cơ quan, đơn vị",
        "Mã ĐV",
        "Cấp hành chính",
        "Loại hình cơ quan",
        "Lĩnh vực",
        "Tổng số CBCCVC, NLĐ",
        None,
        None,
        "Lãnh đạo chủ chốt",
        None,
        "Lãnh đạo, quản lý",
        None,
        "Cán bộ trong diện quy hoạch",
        None,
        None,
        "Ghi chú",
    ]
    bottom = [None] * 6 + [
        "Tổng số",
        "Số nữ",
        "Tỷ lệ nữ (%)",
        "Tổng số",
        "Trong đó: Nữ",
        "Tổng số",
        "Nữ",
        "Tổng số",
        "Nữ",
        "Nữ đã đào tạo, bồi dưỡng",
        None,
    ]
    rows = [
        ["TỔNG HỢP SỐ LIỆU NỮ CÁN BỘ LÃNH ĐẠO, QUẢN LÝ NĂM 2025"],
        top,
        bottom,
        ["A", "B", 1, 2, 3, 4, 5, 6, "7=6/5", 8, 9, 10, 11, 12, 13, 14, 15],
        ["I", "KHỐI SỞ, BAN, NGÀNH"],
        [1, "Sở Y tế", "SYT", "Sở", "CQQLNN", "Y tế", 310, "205", 66.1, 5, 2, 44, 27, 60, 35, 30],
        [
            2,
            "UBND xã Minh Quang",
            "MQ-UB",
            "Xã",
            "UBND",
            None,
            "28",
            "11",
            39.3,
            3,
            1,
            12,
            4,
            10,
            4,
            3,
        ],
        [None, "Cộng", None, None, None, None, 338, 216, None, 8, 3, 56, 31, 70, 39, 33],
        [None, "Ghi chú: Số liệu tính đến ngày 30/11/2025"],
    ]
    merges = ["G2:I2", "J2:K2", "L2:M2", "N2:P2"] + [f"{c}2:{c}3" for c in "ABCDEFQ"]
    fr = read_file(write_xlsx(tmp_path / "th.xlsx", rows, merges=merges))
    assert codes_at(fr) == [("unknown-column", "I3")]
    assert [r.unit_code for r in fr.records] == ["SYT", "MQ-UB"]
    assert (fr.records[0].staff_female, fr.records[1].staff_total) == (205, 28)


def test_a_signature_block_in_the_code_column_with_titles_under_figures_is_not_a_unit(
    tmp_path: Path,
) -> None:
    rows = [
        LABELS,
        unit(),
        [],
        [None, "Người lập biểu", None, None, None, None, None, None, "CHỦ TỊCH"],
    ]
    rows[3][0] = "Người lập biểu"
    rows[3][1] = None
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", rows))
    assert codes_at(fr) == []
    assert fr.units == 1


# --- the columns of a header, remembered across the returns of one form ----------------------

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
LOCATE = "gender_plan_cli.layout.locate"


def _cold(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty memo (the module, not the package's `locate` function of the same name)."""
    monkeypatch.setattr(importlib.import_module(LOCATE), "_mapped_memo", (None, {}))


def _found(grid):  # type: ignore[no-untyped-def]
    from gender_plan_cli.layout.locate import find

    return find(grid)


def _grids(paths: list[Path]):  # type: ignore[no-untyped-def]
    from gender_plan_cli.api import DEFAULT_LIMITS
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import ReadProblem

    for path in paths:
        try:
            book = open_book(path, DEFAULT_LIMITS)
        except ReadProblem:  # a broken sample that is no workbook at all
            continue
        try:
            yield from (book.grid(info) for info in book.sheets)
        finally:
            book.close()


def test_a_warm_memo_reads_every_sheet_as_a_cold_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each sample, broken sample and form of this file, read after all the others have filled
    the memo, gets the layout (columns, fields, rows) and closest candidate of a cold read."""
    paths = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".xlsx", ".csv"))
    paths += [real_form(tmp_path / "real.xlsx"), simple_form(tmp_path / "s.xlsx", [unit()])]
    grids = list(_grids(paths))
    assert len(grids) >= 15
    _cold(monkeypatch)
    cold = []
    for grid in grids:
        _cold(monkeypatch)
        cold.append(_found(grid))
    warm = [_found(grid) for grid in grids]  # the memo filled by the others, then by itself
    warm_again = [_found(grid) for grid in grids]
    assert warm == cold and warm_again == cold
    assert sum(layout is not None for layout, _ in cold) >= 10


def test_the_same_texts_under_other_merges_or_types_are_mapped_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the memo is keyed by: a header's merges, the type of a cell (1, 1.0, "1") and the
    width read; each variant read warm is read as it is read cold."""
    from gender_plan_cli.reading.grid import SheetGrid

    top = ["Mã đơn vị", "Tên đơn vị", "Cán bộ, công chức, viên chức", None, "Cấp"]
    bottom = [None, None, "Tổng số", "Trong đó: Nữ", None]
    data = ["S01", "Sở Nội vụ", 200, 120, "Sở"]
    merged = [(1, 3, 1, 4), (1, 1, 2, 1), (1, 2, 2, 2), (1, 5, 2, 5)]
    narrow = [(1, 3, 1, 3), *merged[1:]]  # the parent over the total only
    variants = [
        SheetGrid("a", [top, bottom, data], merged=merged),
        SheetGrid("b", [top, bottom, data], merged=[]),
        SheetGrid("c", [top, bottom, data], merged=narrow),
        SheetGrid("d", [top, [None, None, 1, "1", None], data], merged=merged),
        SheetGrid("e", [top, [None, None, True, "1", None], data], merged=merged),  # True == 1
        SheetGrid("f", [top[:4], bottom[:4], data[:4]], merged=merged[:3]),
    ]
    cold = []
    for grid in variants:
        _cold(monkeypatch)
        cold.append(_found(grid))
    _cold(monkeypatch)
    warm = [_found(grid) for grid in variants + variants]
    assert warm == cold + cold
    headers = [[c.header for c in layout.columns] if layout else None for layout, _ in cold]
    assert headers[0] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Cán bộ, công chức, viên chức / Tổng số",
        "Cán bộ, công chức, viên chức / Trong đó: Nữ",
        "Cấp",
    ]
    assert headers[2][3] == "Trong đó: Nữ"  # type: ignore[index]
    assert headers[4][2:4] == [
        "Cán bộ, công chức, viên chức / True",
        "Cán bộ, công chức, viên chức / 1",
    ]  # type: ignore[index]
    assert cold[3][0] is not None and "staff_total" not in cold[3][0].fields
    assert cold[5][0] is not None and list(cold[5][0].fields) == [
        "unit_code",
        "unit_name",
        "staff_total",
        "staff_female",
    ]


REAL_FORMS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real-forms"


def test_a_two_row_header_is_mapped_only_where_a_parent_stands_over_a_child(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two-row candidates skipped (no parent's word in the first row, or no child's in the
    second) are exactly those that would have been dropped: every sample, this file's forms and
    the real forms of ../shared (when present) get the same candidates as when each pair is
    mapped."""
    locate_module = importlib.import_module(LOCATE)
    paths = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".xlsx", ".csv"))
    if REAL_FORMS.is_dir():
        paths += sorted(p for p in REAL_FORMS.rglob("*") if p.suffix in (".xlsx", ".xls", ".ods"))
    paths += [real_form(tmp_path / "real.xlsx"), simple_form(tmp_path / "s.xlsx", [unit()])]
    grids = list(_grids(paths))
    _cold(monkeypatch)
    pruned = [locate_module._candidates(grid) for grid in grids]
    monkeypatch.setattr(locate_module, "_may_be_two_rows", lambda *_: True)
    _cold(monkeypatch)
    every = [locate_module._candidates(grid) for grid in grids]
    assert pruned == every
    two_rows = sum(c.bottom > c.top for cs in pruned for c in cs)
    assert two_rows >= 1  # the merged header of `real_form` (rows 5–6) among them


def test_the_memo_of_header_columns_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most MAPPED_MAX candidates are remembered (the oldest go first), and neither a header
    wider than MAPPED_WIDTH_MAX columns nor rows holding more than MAPPED_KEY_MAX characters of
    cells is kept: a hostile folder cannot make the memo the size of its sheets."""
    from gender_plan_cli.reading.grid import SheetGrid

    locate_module = importlib.import_module(LOCATE)
    _cold(monkeypatch)
    monkeypatch.setattr(locate_module, "MAPPED_MAX", 3)
    for i in range(10):
        _found(SheetGrid("s", [["Mã đơn vị", "Tên đơn vị", f"Cấp {i}"], ["S01", "Sở", "Sở"]]))
    assert len(locate_module._mapped_memo[1]) == 3
    _cold(monkeypatch)
    wide = ["Mã đơn vị", "Tên đơn vị", "Cấp"] + [None] * 300 + ["x"]
    _found(SheetGrid("s", [wide, ["S01", "Sở", "Sở"]]))
    _found(SheetGrid("s", [["Mã đơn vị", "Tên đơn vị", "Cấp", "x" * 5000], ["S01", "Sở", "Sở"]]))
    # only the unit row under the long header is short enough to keep
    assert [key[:3] for key in locate_module._mapped_memo[1]] == [(2, 2, 4)]
