"""The catalogue of finding codes is one table: the type's codes and their severities agree."""

from __future__ import annotations

from typing import get_args

import pytest

from gender_plan_cli.findings import SEVERITY, CodeId, Severity, as_code, worst


def test_every_code_has_one_severity_in_the_order_of_the_type() -> None:
    assert list(SEVERITY) == list(get_args(CodeId))
    assert set(SEVERITY.values()) == set(get_args(Severity))


def test_a_code_made_at_run_time_must_be_in_the_catalogue() -> None:
    assert as_code("file-too-large") == "file-too-large"
    with pytest.raises(KeyError):
        as_code("file-too-big")


def test_the_worst_severity_and_the_cap_note_as_severe_as_what_it_counts() -> None:
    from gender_plan_cli.findings import with_cap_note

    assert worst([]) == "note"
    assert worst(["note", "warning"]) == "warning"
    assert worst(["warning", "error", "note"]) == "error"
    for more, severity in (
        ({"roster-same-name-and-birth": 2}, "note"),
        ({"roster-same-name-and-birth": 2, "roster-bad-date": 1}, "warning"),
        ({"roster-missing-sex": 1, "roster-bad-date": 1}, "error"),
    ):
        (note,) = with_cap_note([], more, "f.xlsx", None)
        assert note.severity == severity
