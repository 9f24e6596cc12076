"""Smoke run over the real forms in ../shared/corpus/real-forms (skipped when absent).

The files are read where they are, never copied: every file is reported without a traceback, and
on the three forms that measured the bugs of issue 9 no `Nam` column is taken for the year and
no column-number row for a unit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gender_plan_cli.cli import app
from gender_plan_cli.intake.load import discover

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real-forms"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real-forms absent")


@pytest.fixture(scope="module")
def checked() -> dict[str, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["check", str(REAL), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    doc = json.loads(result.stdout)
    return {Path(f["path"]).name: f for f in doc["files"]}


def test_every_real_form_is_reported(checked: dict[str, dict]) -> None:  # type: ignore[type-arg]
    assert sorted(checked) == sorted(p.name for p in discover([REAL]))
    for name, f in checked.items():
        assert f["units"] > 0 or f["findings"], name


@pytest.mark.parametrize("name", ["Mau m2.xlsx", "Mau m3.xlsx", "Mau m6.xlsx"])
def test_no_nam_year_and_no_number_row_unit(checked: dict[str, dict], name: str) -> None:  # type: ignore[type-arg]
    f = checked[name]
    layout = f["layout"]
    assert layout is not None
    assert "report_year" not in layout["columns"].values()
    assert not any(x["code"] == "invalid-choice" for x in f["findings"])
    number_row = layout["number_row"]
    unit_cells = {x["row"] for x in f["findings"] if x["code"] in ("missing-value", "type-error")}
    assert number_row is None or number_row not in unit_cells
    assert number_row is None or number_row > layout["header_rows"][-1]


@pytest.mark.parametrize(
    ("name", "header_rows", "number_row", "units", "staff"),
    [
        ("Mau m2.xlsx", [6, 7, 8, 9], 10, 1, {"D": "staff_total", "E": "staff_female"}),
        ("Mau m3.xlsx", [7, 8, 9], None, 6, {"C": "staff_male", "D": "staff_female"}),
        ("Mau m6.xlsx", [6, 7, 8], 9, 40, {"D": "staff_male", "E": "staff_female"}),
    ],
)
def test_the_measured_forms_read_as_a_person_would(
    checked: dict[str, dict],  # type: ignore[type-arg]
    name: str,
    header_rows: list[int],
    number_row: int | None,
    units: int,
    staff: dict[str, str],
) -> None:
    f = checked[name]
    layout = f["layout"]
    assert (layout["header_rows"], layout["number_row"], f["units"]) == (
        header_rows,
        number_row,
        units,
    )
    assert {k: layout["columns"][k] for k in staff} == staff
