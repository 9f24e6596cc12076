"""reading/ods.py: the used range of every table, counted from repeats before calamine reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_plan_cli.reading import ods
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from hostile_builders import (
    LAUGHS,
    form_rows,
    ods_cell,
    ods_content,
    write_ods,
)
from reading_helpers import WIDE, guard, problem

# -- ODS extent ---------------------------------------------------------------------------------


def _ods(tmp_path: Path, extra_rows: str, rows: list | None = None) -> Path:  # type: ignore[type-arg]
    return write_ods(tmp_path / "t.ods", ods_content(rows or form_rows(2), extra_rows=extra_rows))


def test_ods_trailing_empty_repeats_do_not_count(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="1048573">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    rows = [list(r) + [None] for r in form_rows(2)]
    rows[0][-1] = None
    assert ods.ods_extent(_ods(tmp_path, extra, rows), DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_ods_repeated_value_counts_in_full(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="2000">'
        + ods_cell(7, 3000)
        + "</table:table-row>"
    )
    path = _ods(tmp_path, extra)
    assert ods.ods_extent(path, WIDE) == {"Biểu 01": (2003, 3000)}
    p = problem(ods.ods_extent, path, Limits(max_cells=5_000_000))
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.cells")
    assert p.args_ == {
        "sheet": "Biểu 01",
        "extent": "A1:DKJ2003",
        "cells": 6_009_000,
        "limit": 5_000_000,
        "flag": "--max-cells",
    }


def test_ods_value_after_a_gap_of_empty_rows(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="99997"><table:table-cell/></table:table-row>'
        "<table:table-row>" + ods_cell(None, 49) + ods_cell("x") + "</table:table-row>"
    )
    assert ods.ods_extent(_ods(tmp_path, extra), WIDE) == {"Biểu 01": (100_001, 50)}
    p = problem(ods.ods_extent, _ods(tmp_path, extra), Limits(max_cells=1_000_000))
    assert p.args_["extent"] == "A1:AX100001"


@pytest.mark.parametrize(
    ("attributes", "extent"),
    [
        ('office:value="1"', (3, 30)),  # a number to calamine, with no type
        ('office:string-value=""', (3, 30)),
        ('office:boolean-value="false"', (3, 30)),
        ('office:date-value="2024-01-01"', (3, 30)),
        ('office:value-type="string"', (3, 30)),  # its text, even none
        ('table:formula="of:=1"', (3, 30)),  # calamine keeps a range of formulas too
        ('office:value-type="float"', (2, 20)),  # a type without a value: empty
        ('table:formula=""', (2, 20)),
        ('xmlns:c="urn:c" c:value-type="string"', (2, 20)),
    ],
)
def test_ods_a_cell_has_a_value_as_calamine_reads_it(
    tmp_path: Path, attributes: str, extent: tuple[int, int]
) -> None:
    extra = (
        '<table:table-row><table:table-cell table:number-columns-repeated="29"/>'
        f"<table:table-cell {attributes}/></table:table-row>"
    )
    path = _ods(tmp_path, extra, form_rows(1))
    assert ods.ods_extent(path, DEFAULT_LIMITS) == {"Biểu 01": extent}
    from python_calamine import CalamineWorkbook

    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    if "formula" not in attributes or extent == (2, 20):  # the values calamine gives
        assert (len(values), max(map(len, values))) == extent


def test_ods_text_alone_is_an_empty_cell_to_calamine(tmp_path: Path) -> None:
    calc = (
        '<table:table-row><table:table-cell table:number-columns-repeated="199"/>'
        "<table:table-cell><text:p>bare text</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="299"/>'
        "<table:table-cell><office:annotation><text:p>note</text:p></office:annotation>"
        "</table:table-cell></table:table-row>"
    )
    assert ods.ods_extent(_ods(tmp_path, calc), DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_ods_names_are_matched_as_written_as_calamine_matches_them(tmp_path: Path) -> None:
    """`table:` bound to another namespace is still calamine's table; a table written with
    another prefix for the table namespace is none to calamine, and none here."""
    extra = "<table:table-row>" + ods_cell(7, 3000) + "</table:table-row>"
    content = ods_content(form_rows(1), extra_rows=extra)
    rebound = content.replace('xmlns:table="urn:oasis', 'xmlns:table="urn:other')
    path = write_ods(tmp_path / "rebound.ods", rebound)
    assert ods.ods_extent(path, WIDE) == {"Biểu 01": (3, 3000)}
    other = content.replace("table:", "t:").replace("xmlns:t=", 'xmlns:table="x" xmlns:t=')
    assert ods.ods_extent(write_ods(tmp_path / "other.ods", other), WIDE) == {}


def test_ods_empty_runs_calamine_keeps_count_against_the_limit(tmp_path: Path) -> None:
    """calamine keeps a row's runs of empty cells, but its last, while it reads the table: 400
    row tags of two runs hold 6.5 M cells and no used range: refused at the 309th row tag."""
    row = (
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        "<table:table-cell/></table:table-row>"
    )
    p = problem(ods.ods_extent, _ods(tmp_path, row * 400), DEFAULT_LIMITS)
    assert (p.message_id, p.args_["extent"]) == ("file-too-large.cells", "A1:XFC309")
    fine = _ods(tmp_path, row * 300)  # 4.9 M kept: within the limit, and an empty table
    assert ods.ods_extent(fine, DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_ods_several_tables_and_row_groups(tmp_path: Path) -> None:
    content = ods_content(form_rows(1)).replace(
        "</office:spreadsheet>",
        '<table:table table:name="Danh mục"><table:table-row-group>'
        '<table:table-row table:number-rows-repeated="4">'
        + ods_cell("a", 2)
        + "</table:table-row></table:table-row-group></table:table></office:spreadsheet>",
    )
    path = write_ods(tmp_path / "two.ods", content)
    assert ods.ods_extent(path, DEFAULT_LIMITS) == {"Biểu 01": (2, 20), "Danh mục": (4, 2)}


def test_ods_entities_refused(tmp_path: Path) -> None:
    content = LAUGHS + ods_content(form_rows(1)).split("\n", 1)[1]
    path = write_ods(tmp_path / "lol.ods", content)
    assert problem(guard, path).message_id == "unreadable-file.xml-entities"
    # ods_extent refuses it on its own too (expat, a DTD refused), should it ever run first
    assert (
        problem(ods.ods_extent, path, DEFAULT_LIMITS).message_id == "unreadable-file.xml-entities"
    )


def test_ods_malformed_content(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "bad.ods", "<office:document-content><unclosed>")
    assert problem(ods.ods_extent, path, DEFAULT_LIMITS).message_id == "unreadable-file.corrupt-zip"
