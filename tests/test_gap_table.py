"""The table's words agree with its own figures, whatever the rounding."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from gender_plan_cli.render.figures import indicator_rows, progress_bar
from gender_plan_cli.targets.indicators import ceil_tol
from gender_plan_cli.targets.results import IndicatorResult


def _pool_result(women: int, pool: int, target: float) -> IndicatorResult:
    required = target * pool
    return IndicatorResult(
        id="pool_female",
        applicable=True,
        target=target,
        effective_target=target,
        scope=1,
        actual=women,
        required=required,
        rate=women / pool,
        met=women >= required - 1e-9,
        gap=max(0, ceil_tol(required - women)),
        pool_total=pool,
        pool_female=women,
        pool_female_trained=0,
    )


def _number(shown: str) -> float:
    return float(shown.rstrip("%").replace(",", "."))


def test_a_rate_just_under_the_target_is_not_shown_as_reaching_it() -> None:
    row = indicator_rows([_pool_result(29998, 50000, 0.6)], "vi")[0]
    assert (row.rate, row.target, row.status) == ("59,996%", "60,000%", "Chưa đạt")
    row = indicator_rows([_pool_result(2999999, 5000000, 0.6)], "en")[0]
    assert (row.rate, row.target, row.status) == ("59.9999%", "60.0000%", "Not met")


def test_a_rate_at_the_target_is_met_and_shown_so() -> None:
    row = indicator_rows([_pool_result(30, 50, 0.6)], "en")[0]
    assert (row.rate, row.target, row.status) == ("60.0%", "60.0%", "Met")
    assert "░┃" not in row.bar


@given(
    pool=st.integers(min_value=1, max_value=10_000_000),
    share=st.floats(min_value=0, max_value=1),
    target=st.sampled_from([0.4, 0.5, 0.6, 0.66, 0.75, 0.9, 0.594979, 1 / 3]),
)
def test_shown_rate_target_status_and_bar_always_agree(
    pool: int, share: float, target: float
) -> None:
    women = min(pool, math.floor(share * pool))
    ind = _pool_result(women, pool, target)
    row = indicator_rows([ind], "en")[0]
    assert (_number(row.rate) >= _number(row.target)) == ind.met
    assert row.status == ("Met" if ind.met else "Not met")
    assert _number(row.rate) <= 100.0
    mark = row.bar.index("┃")
    before = row.bar[:mark]
    assert ("░" not in before) == bool(ind.met), row.bar


def test_a_bar_without_a_target_is_the_rate_alone() -> None:
    assert progress_bar(0.5, None) == "█" * 10 + "░" * 10


def test_json_keeps_a_rate_under_its_target_apart_from_it() -> None:
    import json

    ind = _pool_result(2999999, 5000000, 0.6)
    doc = json.loads(ind.model_dump_json())
    assert doc["met"] is False
    assert doc["rate"] == 0.5999998 and doc["rate"] < doc["target"]
    assert json.loads(_pool_result(33, 50, 0.66).model_dump_json())["target"] == 0.66


def test_a_rate_a_hair_under_a_third_never_shows_equal_to_it() -> None:
    """Hypothesis found 349,525 of 1,048,576 (33.33330%) against 1/3: both read 33.3333%."""
    row = indicator_rows([_pool_result(349525, 1048576, 1 / 3)], "en")[0]
    assert (row.rate, row.target, row.status) == ("33.3333%", "33.3334%", "Not met")
