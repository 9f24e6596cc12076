"""reading/xlsx.py: the exact sheet extent, mirroring what calamine would allocate."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gender_plan_cli.reading import xlsx
from gender_plan_cli.reading.limits import CHUNK, DEFAULT_LIMITS
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
        assert xlsx.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", WIDE) == expected


def test_xlsx_sheet_extent_refuses_and_names_the_sheet(tmp_path: Path) -> None:
    extra = "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="500000"><c><v>1</v></c></row>'
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml(form_rows(1), extra=extra))
    with zipfile.ZipFile(path) as zf:
        p = problem(
            xlsx.xlsx_sheet_extent, zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS, "Biểu 01"
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
        assert xlsx.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS) == (
            12000,
            78,
        )
