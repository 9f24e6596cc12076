"""Differential fuzzing: odd-but-valid spellings of the same workbook, read in worker processes.

Each example writes one form several ways — sheet XML with attributes reordered, namespace
prefixes, `r=` dropped, whitespace inside tags, single quotes; workbook relationships
reordered, renamed and absolute; ODS content pretty-printed with redundant repeats — and reads
them through `load_paths` with the worker limits. Each file must come back either read exactly
as the plain spelling is (the same unit codes and figures) or reported with a finding: a
worker that died without a finding, or a file read differently in silence, fails the test.
Examples are bounded, and replayed identically when CI is set.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import IN_CI
from gender_plan_cli.intake.isolation import read_isolated
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.intake.worker_limits import WorkerLimits
from gender_plan_cli.records import FileResult
from hostile_builders import (
    CONTENT_TYPES,
    EMPTY_SST,
    ODS_NS,
    ROOT_RELS,
    SHEET_OPEN,
    WORKBOOK,
    WORKBOOK_RELS,
    form_rows,
    ods_cell,
    sheet_xml,
    write_ods,
)

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
WORKERS = WorkerLimits(max_memory_mb=1024, max_seconds=30, jobs=2)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# Every blank of a form filled, so that a sheet without `r=` places each cell where it belongs.
ROWS = [[("" if v is None else v) for v in row] for row in form_rows(3)]


def _sheet_variant(
    drop_cell_r: bool, drop_row_r: bool, swap: bool, prefix: str, space: str, quote: str
) -> str:
    xml = sheet_xml(ROWS)
    if drop_cell_r:
        xml = re.sub(r' r="[A-Z]+[0-9]+"', "", xml)
    if drop_row_r:
        xml = re.sub(r'<row r="[0-9]+"', "<row", xml)
    if swap:  # t= before r=
        xml = re.sub(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"', r'<c t="inlineStr" r="\1"', xml)
    xml = xml.replace('="', f"{space}={space}{quote}").replace('" ', f"{quote} ")
    xml = re.sub(rf"{quote}(/?>)", rf"{quote}\1", xml)
    xml = xml.replace('"/>', f"{quote}/>").replace('">', f"{quote}>")
    xml = xml.replace(f"version{space}={space}{quote}1.0{quote}", 'version="1.0"')
    xml = xml.replace(f"encoding{space}={space}{quote}UTF-8{quote}", 'encoding="UTF-8"')
    xml = xml.replace(f"standalone{space}={space}{quote}yes{quote}", 'standalone="yes"')
    if prefix:
        body = xml[xml.index("<worksheet") :]
        body = re.sub(r"<(/?)(?!/)([A-Za-z]+)", rf"<\1{prefix}:\2", body)
        body = body.replace(f"<{prefix}:worksheet xmlns", f"<{prefix}:worksheet xmlns:{prefix}")
        xml = xml[: xml.index("<worksheet")] + body
    return xml


def _rels_variant(absolute: bool, reverse: bool, ids: str) -> tuple[str, str]:
    rels, workbook = WORKBOOK_RELS, WORKBOOK
    if absolute:
        rels = rels.replace('Target="worksheets/', 'Target="/xl/worksheets/')
    if reverse:
        head, _, tail = rels.partition("<Relationship ")
        parts = ("<Relationship " + tail).replace("</Relationships>", "").split("<Relationship ")
        parts = [p for p in parts if p]
        rels = head + "".join("<Relationship " + p for p in reversed(parts)) + "</Relationships>"
    rels = rels.replace('Id="rId1"', f'Id="{ids}"')
    workbook = workbook.replace('r:id="rId1"', f'r:id="{ids}"')
    return rels, workbook


def _write_xlsx(path: Path, sheet: str, rels: str, workbook: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        zf.writestr("xl/sharedStrings.xml", EMPTY_SST)
    return path


def _ods_variant(path: Path, pretty: bool, repeat_one: bool, trailing: int) -> Path:
    def cell(v: Any) -> str:
        text = ods_cell(v if v != "" else None)
        if repeat_one:
            text = text.replace(
                "<table:table-cell", '<table:table-cell table:number-columns-repeated="1"', 1
            )
        return text

    sep = "\n  " if pretty else ""
    body = sep.join(
        "<table:table-row>" + sep.join(cell(v) for v in row) + "</table:table-row>" for row in ROWS
    )
    if trailing:
        body += f'<table:table-row table:number-rows-repeated="{trailing}"><table:table-cell/></table:table-row>'
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>{sep}'
        f'<office:body><office:spreadsheet><table:table table:name="Biểu 01">{sep}'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    return write_ods(path, content)


def _figures(fr: FileResult) -> list[tuple[str, int]]:
    return [(r.unit_code, r.staff_total) for r in fr.records]


EXPECTED = [(str(row[0]), int(row[7])) for row in ROWS[1:]]


def _assert_read_or_reported(results: list[FileResult], paths: list[Path]) -> None:
    assert [fr.path for fr in results] == [str(p) for p in paths]
    for fr in results:
        if fr.findings:
            assert all(f.code != "reader-crashed" or f.message_id for f in fr.findings)
            continue
        assert _figures(fr) == EXPECTED, fr.path  # read, and read the same


@SETTINGS
@given(
    drop_cell_r=st.booleans(),
    drop_row_r=st.booleans(),
    swap=st.booleans(),
    prefix=st.sampled_from(["", "x", "main"]),
    space=st.sampled_from(["", " ", "\n\t"]),
    quote=st.sampled_from(['"', "'"]),
    absolute=st.booleans(),
    reverse=st.booleans(),
    ids=st.sampled_from(["rId1", "rIdSheet", "R7"]),
    pretty=st.booleans(),
    repeat_one=st.booleans(),
    trailing=st.sampled_from([0, 1, 1_048_000]),
)
def test_odd_but_valid_spellings_are_read_or_reported(
    tmp_path_factory: Any,
    drop_cell_r: bool,
    drop_row_r: bool,
    swap: bool,
    prefix: str,
    space: str,
    quote: str,
    absolute: bool,
    reverse: bool,
    ids: str,
    pretty: bool,
    repeat_one: bool,
    trailing: int,
) -> None:
    d = tmp_path_factory.mktemp("variants")
    sheet = _sheet_variant(drop_cell_r, drop_row_r, swap, prefix, space, quote)
    rels, workbook = _rels_variant(absolute, reverse, ids)
    paths = [
        _write_xlsx(d / "sheet.xlsx", sheet, WORKBOOK_RELS, WORKBOOK),
        _write_xlsx(d / "rels.xlsx", sheet_xml(ROWS), rels, workbook),
        _write_xlsx(d / "both.xlsx", sheet, rels, workbook),
        _ods_variant(d / "variant.ods", pretty, repeat_one, trailing),
    ]
    _assert_read_or_reported(read_isolated(paths, read_file, WORKERS, None), paths)


def test_the_plain_spellings_are_read(tmp_path: Path) -> None:
    paths = [
        _write_xlsx(tmp_path / "plain.xlsx", sheet_xml(ROWS), WORKBOOK_RELS, WORKBOOK),
        _ods_variant(tmp_path / "plain.ods", False, False, 0),
        _write_xlsx(
            tmp_path / "no-r.xlsx",
            _sheet_variant(True, True, False, "", "", '"'),
            WORKBOOK_RELS,
            WORKBOOK,
        ),
    ]
    results = read_isolated(paths, read_file, WORKERS, None)
    assert [fr.findings for fr in results] == [[], [], []]
    assert [_figures(fr) for fr in results] == [EXPECTED] * 3
    assert SHEET_OPEN.count(MAIN_NS) == 1
