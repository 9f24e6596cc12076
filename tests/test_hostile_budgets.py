"""Issue 11: the work one book may cost — all its sheets together, its merges, the sheets tried
before the header, header findings, and a CSV streamed within the cell limit."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import LABELS, unit, write_csv, write_xlsx
from gender_plan_cli.cli import app
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.reading.limits import MAX_SHEETS_TRIED, Limits
from gender_plan_cli.validation.sheet_findings import MAX_HEADER_FINDINGS
from hostile_builders import (
    ODS_NS,
    ods_cell,
    sheet_xml,
    write_ods,
    write_xlsx_parts,
)

runner = CliRunner()


def codes(path: Path, limits: Limits | None = None) -> list[tuple[str, str]]:
    fr = read_file(path, limits=limits or Limits())
    return [(f.code, f.message_id) for f in fr.findings]


def cli_codes(*args: str) -> tuple[int, list[str]]:
    r = runner.invoke(app, ["check", *args, "--format", "json"])
    assert r.exit_code != 3 and "Traceback" not in r.output, r.output
    doc = json.loads(r.output)
    return r.exit_code, [f["code"] for fr in doc["files"] for f in fr["findings"]]


def _ods_tables(path: Path, tables: int, side: int) -> Path:
    table = (
        f'<table:table-row table:number-rows-repeated="{side}">'
        f"{ods_cell('x', repeat=side)}</table:table-row>"
    )
    body = "".join(f'<table:table table:name="T{i}">{table}</table:table>' for i in range(tables))
    return write_ods(
        path,
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>",
    )


def test_all_tables_of_a_book_share_one_cell_budget(tmp_path: Path) -> None:
    path = _ods_tables(tmp_path / "tables.ods", 40, 30)  # 40 × 900 cells, each under 1,000
    assert codes(path, Limits(max_cells=1000)) == [("file-too-large", "file-too-large.book-cells")]
    code, ids = cli_codes(str(path), "--max-cells", "1000")
    assert (code, ids) == (1, ["file-too-large"])


def test_an_ods_book_over_budget_is_refused_before_calamine_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine expands every table of an .ods at open: 40 tables just under the limit cost
    2 GB there. The book's cells are counted while its extent is measured, and the third table
    already passes twice the limit; calamine is never called."""
    from gender_plan_cli.reading import calamine

    opened: list[Path] = []
    monkeypatch.setattr(calamine.CalamineBook, "__init__", lambda self, *a: opened.append(a[0]))
    path = _ods_tables(tmp_path / "tables.ods", 40, 30)
    fr = read_file(path, limits=Limits(max_cells=1000))
    assert [(f.code, f.message_id, f.sheet) for f in fr.findings] == [
        ("file-too-large", "file-too-large.book-cells", "T2")
    ]
    assert opened == []
    two = _ods_tables(tmp_path / "two.ods", 2, 30)  # 1,800 cells: within twice 1,000
    monkeypatch.undo()
    assert codes(two, Limits(max_cells=1000)) != [("file-too-large", "file-too-large.book-cells")]


def test_sheets_tried_before_the_header_are_bounded(tmp_path: Path) -> None:
    sheets = [(f"Trang {i}", "visible") for i in range(MAX_SHEETS_TRIED + 10)]
    path = write_xlsx(tmp_path / "many.xlsx", [LABELS, unit()], extra_sheets=sheets)
    assert codes(path) == [("file-too-large", "file-too-large.sheets")]
    code, ids = cli_codes(str(path))
    assert (code, ids) == (1, ["file-too-large"])


def test_a_header_after_a_few_sheets_is_still_found(tmp_path: Path) -> None:
    sheets = [(f"Trang {i}", "visible") for i in range(5)]
    path = write_xlsx(tmp_path / "few.xlsx", [LABELS, unit()], extra_sheets=sheets)
    assert codes(path) == []


def test_identical_merges_are_a_finding_not_a_hang(tmp_path: Path) -> None:
    merges = "".join('<mergeCell ref="A1:Z100"/>' for _ in range(100_000))
    sheet = sheet_xml([LABELS, unit()]).replace(
        "</worksheet>", f'<mergeCells count="100000">{merges}</mergeCells></worksheet>'
    )
    path = write_xlsx_parts(tmp_path / "merges.xlsx", sheet)
    start = time.monotonic()
    unbounded_ratio = Limits(max_ratio=100_000)  # the ratio guard would stop this one first
    assert codes(path, unbounded_ratio) == [("file-too-large", "file-too-large.merged")]
    assert time.monotonic() - start < 20
    code, ids = cli_codes(str(path), "--max-ratio", "100000")
    assert (code, ids) == (1, ["file-too-large"])


def test_merges_whose_area_is_over_the_cell_limit(tmp_path: Path) -> None:
    merges = "".join(f'<mergeCell ref="A{r}:CV{r + 99}"/>' for r in range(1, 3000, 100))
    sheet = sheet_xml([LABELS, unit()]).replace(
        "</worksheet>", f"<mergeCells>{merges}</mergeCells></worksheet>"
    )
    path = write_xlsx_parts(tmp_path / "area.xlsx", sheet)
    assert codes(path, Limits(max_cells=100_000)) == [("file-too-large", "file-too-large.merged")]


def test_unknown_columns_are_capped(tmp_path: Path) -> None:
    extra = [f"Cột lạ {i}" for i in range(10_000)]
    path = write_csv(tmp_path / "wide.csv", [LABELS + extra, unit() + [1] * len(extra)])
    found = codes(path)
    assert len(found) == MAX_HEADER_FINDINGS + 1
    assert ("too-many-findings", "too-many-findings.columns") in found
    code, _ = cli_codes(str(path))
    assert code == 0  # unknown columns are warnings, and so is the line that counts them


def test_a_csv_is_streamed_within_the_cell_limit(tmp_path: Path) -> None:
    rows = [LABELS] + [unit(unit_code=f"U{i:05d}") for i in range(2000)]
    path = write_csv(tmp_path / "many.csv", rows)
    assert codes(path, Limits(max_cells=10_000)) == [("file-too-large", "file-too-large.cells")]
    code, ids = cli_codes(str(path), "--max-cells", "10000")
    assert (code, ids) == (1, ["file-too-large"])


def test_a_long_notes_cell_in_a_csv_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", [LABELS, unit(notes="ghi chú " * 25_000)])
    assert codes(path) == []
    code, _ = cli_codes(str(path))
    assert code == 0


def test_a_csv_field_over_the_line_limit_is_a_finding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "notes.csv", [LABELS, unit(notes="x" * 300_000)])
    found = codes(path, Limits(max_line_kb=100))
    assert found and found[0][0] == "file-too-large"
