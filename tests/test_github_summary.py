"""The step summary stays one inert Markdown table whatever a cell holds (issue 15)."""

from __future__ import annotations

from gender_plan_cli.findings import Finding
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.render.github import step_summary

HOSTILE = "a|b <img src=x onerror=alert(1)> [x](http://evil) *b* _i_ `c`\r\n| forged | row |"


def _result() -> LoadResult:
    finding = Finding(
        code="type-error",
        severity="error",
        file="returns/<b>x</b>|y.xlsx",
        sheet="Biểu 01",
        cell="H7",
        row=7,
        column=8,
        field="staff_total",
        value=HOSTILE,
        message_id="type-error.int",
    )
    return LoadResult(files=[FileResult(path=finding.file, findings=[finding])])


def test_a_hostile_cell_cannot_break_or_forge_the_table() -> None:
    summary = step_summary(_result(), "en")
    table = summary.split("\n\n", 2)[2].strip().splitlines()
    assert len(table) == 3  # header, rule, the one finding: no forged row
    row = table[2]
    assert row.count("|") == 6  # the five cells' own borders only
    for sign in "<>[]*_`\r":
        assert sign not in row
    assert "&#60;img" in row and "&#91;x&#93;" in row
