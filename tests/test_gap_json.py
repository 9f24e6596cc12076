"""`gap --format json` written a piece at a time is byte for byte pydantic's whole document."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.render.gap_json import gap_json_bytes, gap_json_chunks
from gender_plan_cli.targets.assess import evaluate
from gender_plan_cli.targets.results import GapReport
from gender_plan_cli.targets.rules import load_rules

SAMPLES = Path("data/samples")


def _report(year: int, by: str | None = None) -> GapReport:
    records = load_paths(sorted(SAMPLES.glob("hanoi-*.xlsx"))).records
    return evaluate(records, load_rules(Path("rules/targets.yaml")), year, by=by)  # type: ignore[arg-type]


@pytest.mark.parametrize("year", [2023, 2025, 2030])
@pytest.mark.parametrize("by", [None, "level"])
def test_the_pieces_join_into_pydantics_document(year: int, by: str | None) -> None:
    report = _report(year, by)
    whole = report.model_dump_json(indent=2).encode()
    female = report.indicator("female_key_leader")
    assert len(female.units) >= 40 and len(female.adjustments) >= 2  # both kinds of list cut
    for chunk in (1, 2, 3, 7, 5000):
        pieces = list(gap_json_chunks(report, chunk))
        assert b"".join(pieces) == whole, chunk
    # one item at a time: a piece per item of every list cut out, and one around each list
    items = sum(len(i.units) + len(i.adjustments) for i in report.indicators)
    lists = sum((len(i.units) > 1) + (len(i.adjustments) > 1) for i in report.indicators)
    assert len(list(gap_json_chunks(report, 1))) == items + 3 * lists + 1
    assert gap_json_bytes(report) == whole


def test_a_unit_code_spelt_like_a_marker_gets_the_whole_document_at_once() -> None:
    """The markers are looked for in the document without the long lists: a code spelt like one
    inside a list written apart is harmless; in the rest of the document, it is not."""
    report = _report(2025)
    pool = report.indicator("pool_female").units
    pool[3] = {**pool[3], "unit_code": "\x00gplan-list-0\x00"}
    whole = report.model_dump_json(indent=2).encode()
    pieces = list(gap_json_chunks(report, 10))  # female (44 units) and pool (49) are cut out
    assert len(pieces) > 1 and b"".join(pieces) == whole
    ethnic = report.indicator("ethnic_minority_leaders").units
    assert len(ethnic) == 6  # left in the document at 10 a piece
    ethnic[0] = {**ethnic[0], "unit_code": "\x00gplan-list-1\x00"}
    whole = report.model_dump_json(indent=2).encode()
    assert list(gap_json_chunks(report, 10)) == [whole]


def test_a_list_no_longer_than_a_piece_stays_in_the_document() -> None:
    report = _report(2025)
    assert list(gap_json_chunks(report, 10_000)) == [report.model_dump_json(indent=2).encode()]
