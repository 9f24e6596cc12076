"""Values as people type them (docs/spec/data-contract.md, "Values as people type them")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_plan_cli.contract import MAX_COUNT, Kind
from gender_plan_cli.validation.parse import (
    parse_bool,
    parse_count,
    parse_percent,
    parse_value,
    parse_year,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12, 12),
        (12.0, 12),
        ("12", 12),
        (" 12 ", 12),
        ("1.234", 1234),
        ("1,234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("1.234.567", 1234567),
        ("12.0", 12),
        ("12,00", 12),
        (0, 0),
    ],
)
def test_whole_numbers_as_typed(raw: object, expected: int) -> None:
    parsed = parse_count(raw)
    assert parsed.problem is None
    assert parsed.value == expected
    assert type(parsed.value) is int


@pytest.mark.parametrize(
    ("raw", "message_id"),
    [
        (12.5, "type-error.fraction"),
        ("12,5", "type-error.fraction"),
        ("1.5", "type-error.fraction"),
        ("mười hai", "type-error.int"),
        ("12 người", "type-error.int"),
        (True, "type-error.int"),
        (dt.datetime(2025, 1, 12), "type-error.date"),
        (-3, "out-of-range.negative"),
        ("-3", "out-of-range.negative"),
    ],
)
def test_counts_that_are_not_whole_are_never_rounded(raw: object, message_id: str) -> None:
    parsed = parse_count(raw)
    assert parsed.value is None
    assert parsed.problem is not None and parsed.problem.message_id == message_id


def test_twelve_thousand_or_twelve_is_read_as_thousands_with_a_warning() -> None:
    parsed = parse_count("12.000")
    assert parsed.value == 12000
    assert parsed.warning is not None
    assert parsed.warning.code == "ambiguous-value"
    assert parsed.warning.extra == {"read": 12000, "other": 12}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(45, 45.0), ("45%", 45.0), ("45,5", 45.5), ("45.5 %", 45.5), ("100", 100.0), (0, 0.0)],
)
def test_percentages_as_typed(raw: object, expected: float) -> None:
    parsed = parse_percent(raw)
    assert (parsed.value, parsed.problem, parsed.warning) == (expected, None, None)


def test_a_fraction_is_a_percentage_only_in_a_percent_formatted_cell() -> None:
    formatted = parse_percent(0.45, percent_format=True)
    assert (formatted.value, formatted.warning) == (45.0, None)
    plain = parse_percent(0.45)
    assert plain.value == 0.45
    assert plain.warning is not None and plain.warning.code == "ambiguous-value"
    assert plain.warning.extra == {"percent": 45.0}
    assert parse_percent("0,45").warning is not None
    assert parse_percent("0,45%").warning is None


@pytest.mark.parametrize("raw", [101, "-1", "150%"])
def test_percentages_outside_0_100(raw: object) -> None:
    assert parse_percent(raw).problem.code == "out-of-range"  # type: ignore[union-attr]


@pytest.mark.parametrize("raw", ["x", "X", "✓", "có", "Có", "yes", "true", "1", 1, True])
def test_yes(raw: object) -> None:
    assert parse_bool(raw).value is True


@pytest.mark.parametrize("raw", ["không", "Không", "no", "false", "0", "-", 0, False])
def test_no(raw: object) -> None:
    assert parse_bool(raw).value is False


def test_empty_is_missing_not_zero() -> None:
    for kind in Kind:
        assert parse_value(kind, None).value is None
        assert parse_value(kind, "  ").value is None
        assert parse_value(kind, None).problem is None


def test_years() -> None:
    assert parse_year("2025").value == 2025
    assert parse_year(2020).problem.message_id == "out-of-range.year"  # type: ignore[union-attr]
    assert parse_year("năm nay").problem.message_id == "type-error.year"  # type: ignore[union-attr]


def test_choices_accept_id_label_and_short_forms() -> None:
    assert parse_value(Kind.LEVEL, "Sở").value == "department"
    assert parse_value(Kind.LEVEL, "Xã, phường, thị trấn").value == "commune"
    assert parse_value(Kind.LEVEL, "commune").value == "commune"
    assert parse_value(Kind.UNIT_TYPE, "UBND").value == "people_committee"
    assert parse_value(Kind.UNIT_TYPE, "HĐND").value == "people_council"
    assert parse_value(Kind.UNIT_TYPE, "ĐVSN").value == "public_service"
    assert parse_value(Kind.UNIT_TYPE, "Uỷ ban nhân dân").value == "people_committee"
    bad = parse_value(Kind.LEVEL, "Tổng cục")
    assert bad.problem is not None and bad.problem.code == "invalid-choice"


def test_excel_error_values_are_type_errors() -> None:
    assert parse_value(Kind.INT, "#DIV/0!").problem.message_id == "type-error.error"  # type: ignore[union-attr]
    assert parse_value(Kind.INT, "#N/A").problem.message_id == "type-error.error"  # type: ignore[union-attr]


@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_any_count_typed_with_separators_reads_back_exactly(n: int) -> None:
    vi = f"{n:,}".replace(",", ".")
    en = f"{n:,}"
    assert parse_count(vi).value == n
    assert parse_count(en).value == n
    assert parse_count(str(n)).value == n
    assert parse_count(float(n)).value == n


@given(st.integers(min_value=MAX_COUNT + 1))
def test_a_count_over_the_bound_is_out_of_range(n: int) -> None:
    for raw in (n, f"{n:,}", str(n)):
        problem = parse_count(raw).problem
        assert problem is not None and problem.code == "out-of-range"


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=20)))
def test_a_parsed_count_is_never_negative(raw: object) -> None:
    parsed = parse_count(raw)
    assert parsed.value is None or parsed.value >= 0
    assert (parsed.value is None) != (parsed.problem is None)
