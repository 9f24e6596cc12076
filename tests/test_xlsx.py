"""reading/xlsx.py: the exact sheet extent, mirroring what calamine would allocate."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import simple_form, unit
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.reading import xlsx, xlsx_extent, xlsx_scan, xlsx_workbook
from gender_plan_cli.reading.limits import CHUNK, DEFAULT_LIMITS, Limits, set_overlap
from hostile_builders import (
    form_rows,
    sheet_xml,
    write_xlsx_parts,
)
from reading_helpers import WIDE, problem

# -- OOXML sheet extent (what calamine would allocate) -------------------------------------------

# Expected extents measured with calamine 0.9 itself, in a subprocess, on the same XML.
EXTENT_CASES = {
    "explicit": ('<row r="1000"><c r="XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "single_quotes": ("<row r='1000'><c r='XFD1000'><v>1</v></c></row>", (1000, 16384)),
    "spaces_around_equals": ('<row r = "1000"><c r = "XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "tab_before_r": ('<row\tr="1000"><c\tr="XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "lowercase": ('<row r="1000"><c r="xfd1000"><v>1</v></c></row>', (1000, 16384)),
    "prefixed": (
        '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1000">'
        '<x:c r="XFD1000"><x:v>1</x:v></x:c></x:row>',
        (1000, 16384),
    ),
    "implicit_after_ref": ('<row r="5"><c r="XFC5"><v>1</v></c><c><v>2</v></c></row>', (5, 16384)),
    "implicit_row": ('<row><c r="XFD3"><v>1</v></c></row>', (3, 16384)),
    "cell_row_wins": ('<row><c r="B1000"><v>1</v></c></row>', (1000, 2)),
    "quoted_gt": ('<row r="7"><c x=">" r="XFD7"><v>1</v></c></row>', (7, 16384)),
    "not_cells": ('<cols><col min="1" max="16384"/></cols><rowBreaks count="1"/>', (1, 1)),
}


@pytest.mark.parametrize("case", list(EXTENT_CASES), ids=list(EXTENT_CASES))
def test_xlsx_sheet_extent_mirrors_calamine(tmp_path: Path, case: str) -> None:
    extra, expected = EXTENT_CASES[case]
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml([["a"]], extra=extra))
    with zipfile.ZipFile(path) as zf:
        assert xlsx_extent.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", WIDE) == expected


def test_xlsx_sheet_extent_refuses_and_names_the_sheet(tmp_path: Path) -> None:
    extra = "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="500000"><c><v>1</v></c></row>'
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml(form_rows(1), extra=extra))
    with zipfile.ZipFile(path) as zf:
        p = problem(
            xlsx_extent.xlsx_sheet_extent, zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS, "Biểu 01"
        )
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.cells")
    assert p.args_["sheet"] == "Biểu 01" and p.args_["extent"] == "A1:XFD500000"


def test_xlsx_sheet_extent_across_chunks(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{"z" * 200}</t></is></c></row>'
        for i in range(2, 12000)
    )
    extra = rows + '<row r="12000"><c s="1"   r="BZ12000"><v>1</v></c></row>'
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml([["a"]], extra=extra))
    assert len(sheet_xml([["a"]], extra=extra)) > 2 * CHUNK
    with zipfile.ZipFile(path) as zf:
        assert xlsx_extent.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS) == (
            12000,
            78,
        )


def _long_sheet(late_cell: str) -> str:
    """Over three scan chunks of canonical rows (A..C), then one cell written as `late_cell`
    in the last row: the scan proves most parts within the extent with two searches each."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}" t="inlineStr"><is><t>{"z" * 300}'
        f'</t></is></c><c r="C{i}"><v>1</v></c></row>'
        for i in range(2, 40000)
    )
    return sheet_xml([["a", "b", "c"]], extra=rows + f'<row r="40000">{late_cell}</row>')


@pytest.mark.parametrize(
    ("late_cell", "extent", "irregular"),
    [
        ('<c r="C40000"><v>1</v></c>', (40000, 3), False),
        ('<c r="D40000"><v>1</v></c>', (40000, 4), False),  # one column wider, late
        ('<c r="AA39999"><v>1</v></c>', (40000, 27), False),
        ('<c r="A940000"><v>1</v></c>', (940000, 3), False),  # a row below its <row>
        ('<c r="c40000"><v>1</v></c>', None, True),  # lower case: measured exactly
        ('<c r="A040000"><v>1</v></c>', None, True),  # a leading zero: measured exactly
    ],
)
def test_the_scan_finds_a_late_cell_beyond_the_extent(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    late_cell: str,
    extent: tuple[int, int] | None,
    irregular: bool,
) -> None:
    proved: list[bool] = []
    within = xlsx_scan._proved_within
    monkeypatch.setattr(
        xlsx_scan, "_proved_within", lambda *a: proved.append(within(*a)) or proved[-1]
    )
    xml = _long_sheet(late_cell)
    assert len(xml) > 3 * xlsx_scan._SCAN_CHUNK
    path = write_xlsx_parts(tmp_path / "s.xlsx", xml)
    book = xlsx.XlsxBook(path, DEFAULT_LIMITS)
    try:
        scan = book.scan(book.sheets[0])
        if extent is not None:
            assert (scan.max_row, scan.max_col) == extent
            assert scan.irregular is irregular
        else:
            with zipfile.ZipFile(path) as zf:
                exact = xlsx_extent.xlsx_sheet_extent(
                    zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS
                )
            assert scan.irregular and (scan.max_row, scan.max_col) == exact
    finally:
        book.close()
    assert proved[0] is False and True in proved  # the first part listed, later ones proved
    if late_cell != '<c r="C40000"><v>1</v></c>':
        assert proved[-1] is False  # the part with the late cell is listed exactly


def test_the_regexes_of_what_lies_within_are_exact() -> None:
    import re

    from gender_plan_cli.findings import column_letter

    for n in (1, 9, 10, 99, 100, 101, 200004, 1048576, 30):
        within = re.compile(xlsx_scan._up_to_number(n) + "$")
        for m in [*range(1, 2500), 999_999, 1_048_575, 1_048_577, 2_000_000]:
            assert bool(within.match(str(m))) == (m <= n), (n, m)
        assert not within.match("0") and not within.match("01")
    for c in (1, 20, 26, 27, 52, 702, 703, 16384):
        within = re.compile(xlsx_scan._up_to_letters(column_letter(c)) + "$")
        for m in range(1, 18279):
            assert bool(within.match(column_letter(m))) == (m <= c), (c, m)


# -- calamine's parse alongside the scan (a capped worker's reads) --------------------------------


def _parse_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "gplan-calamine"]


@pytest.fixture
def overlapping() -> Iterator[list[int]]:
    """Reads overlap for the test; the list counts the reads that said so."""
    told: list[int] = []
    set_overlap(lambda: told.append(1))
    try:
        yield told
    finally:
        set_overlap(None)


def test_an_overlapped_read_is_the_same_read(tmp_path: Path, overlapping: list[int]) -> None:
    path = write_xlsx_parts(tmp_path / "f.xlsx", sheet_xml(form_rows(300)))
    with_overlap = read_file(path)
    assert overlapping == [1]
    set_overlap(None)
    alone = read_file(path)
    assert with_overlap == alone
    assert with_overlap.units == 300 and not with_overlap.findings
    assert not _parse_threads()  # the parse's thread ended with the read


def test_the_scan_s_verdict_comes_first_and_the_parse_is_waited_for(
    tmp_path: Path, overlapping: list[int]
) -> None:
    """A sheet over --max-cells is refused by the scan as when nothing overlaps; calamine's
    thread (which may still be allocating) is joined before the problem is raised."""
    path = write_xlsx_parts(tmp_path / "f.xlsx", sheet_xml(form_rows(300)))
    small = Limits(max_cells=1_000)
    with_overlap = read_file(path, limits=small)
    assert overlapping == [1]
    set_overlap(None)
    assert with_overlap == read_file(path, limits=small)
    [finding] = with_overlap.findings
    assert finding.code == "file-too-large" and finding.args["cells"] == 301 * 20
    assert not _parse_threads()


def test_calamine_s_error_is_said_after_the_scan_found_nothing(
    tmp_path: Path, overlapping: list[int]
) -> None:
    """The thread keeps calamine's failure for when the values are asked for: the same finding
    as without overlap (a shared string the workbook does not hold)."""
    bad = sheet_xml(form_rows(2)).replace('<c r="A2"', '<c r="A2" t="s"><v>999</v></c><c r="Z2"', 1)
    path = write_xlsx_parts(tmp_path / "f.xlsx", bad)
    with_overlap = read_file(path)
    set_overlap(None)
    alone = read_file(path)
    assert with_overlap == alone
    assert [f.code for f in alone.findings] == ["unreadable-file"]


# -- a folder of returns made from one template ---------------------------------------------------


def test_a_one_sheet_workbook_is_read_without_opening_its_zip_again(tmp_path: Path) -> None:
    """The guard keeps the small structural parts it checked and leaves the sheet to the scan:
    the book reads its sheet list, styles and cells without a zipfile of its own."""
    path = write_xlsx_parts(tmp_path / "f.xlsx", sheet_xml(form_rows(3)))
    book = xlsx.open_xlsx(path, DEFAULT_LIMITS)
    try:
        assert [s.name for s in book.sheets] == ["Biểu 01"]
        grid = book.grid(book.sheets[0])
        assert len(grid.rows) == 4
        assert book._zipfile is None
    finally:
        book.close()


def test_the_same_structural_parts_are_parsed_once(tmp_path: Path) -> None:
    xlsx_workbook._parsed.cache_clear()
    first = simple_form(tmp_path / "a.xlsx", [unit(unit_code="A01")])
    second = simple_form(tmp_path / "b.xlsx", [unit(unit_code="B01"), unit(unit_code="B02")])
    a = read_file(first)
    assert xlsx_workbook._parsed.cache_info().misses == 2  # the sheet list, the percent styles
    b = read_file(second)
    assert (
        xlsx_workbook._parsed.cache_info().misses == 2
        and xlsx_workbook._parsed.cache_info().hits == 2
    )
    assert (a.units, b.units) == (1, 2) and a.sheet == b.sheet and not a.findings + b.findings


def test_a_large_structural_part_is_parsed_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xlsx_workbook._parsed.cache_clear()
    monkeypatch.setattr(xlsx_workbook, "_PARSED_MAX", 10)
    path = write_xlsx_parts(tmp_path / "a.xlsx", sheet_xml(form_rows(3)))
    assert read_file(path).units == read_file(path).units == 3
    assert xlsx_workbook._parsed.cache_info().currsize == 0


def test_no_thread_to_be_had_is_a_read_one_step_after_the_other(
    tmp_path: Path, overlapping: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx_parts(tmp_path / "f.xlsx", sheet_xml(form_rows(3)))

    def refused(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    result = read_file(path)
    monkeypatch.undo()
    set_overlap(None)
    assert overlapping == [1] and result == read_file(path) and result.units == 3
