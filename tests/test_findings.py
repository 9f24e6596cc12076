"""The catalogue of finding codes is one table: the type's codes and their severities agree."""

from __future__ import annotations

from typing import get_args

import pytest

from gender_plan_cli.findings import SEVERITY, CodeId, as_code


def test_every_code_has_one_severity_in_the_order_of_the_type() -> None:
    assert list(SEVERITY) == list(get_args(CodeId))
    assert set(SEVERITY.values()) == {"error", "warning"}


def test_a_code_made_at_run_time_must_be_in_the_catalogue() -> None:
    assert as_code("file-too-large") == "file-too-large"
    with pytest.raises(KeyError):
        as_code("file-too-big")
