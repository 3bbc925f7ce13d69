"""Exact numbers and formatting for people (factcheck.expectations.numbers)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.expectations import Interval, MeasureShape
from factcheck.expectations.numbers import format_edge, format_value, parse_decimal, to_fraction


@pytest.mark.parametrize("raw,exact", [
    (2.5, F(5, 2)), (0.1, F(1, 10)), (2.45, F(49, 20)), (165, F(165)), ("5,076", F(5076)),
    ("\u22123.5", F(-7, 2)), (Decimal("0.585"), F(117, 200)), (F(1, 3), F(1, 3)), ("1e3", F(1000)),
])
def test_to_fraction_is_exact(raw: object, exact: F) -> None:
    assert to_fraction(raw) == exact  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", [True, float("nan"), float("inf"), "lots", "1,23", None])
def test_to_fraction_refuses_what_is_not_a_number(raw: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        to_fraction(raw)  # type: ignore[arg-type]


def test_parse_decimal_keeps_the_stated_precision() -> None:
    assert parse_decimal("59.0") == (F(59), 1)
    assert parse_decimal("2,000") == (F(2000), 0)


@pytest.mark.parametrize("value,kind,unit,text", [
    (F("0.482"), "share", "fraction", "48.2%"), (F("0.59"), "share", "fraction", "59%"),
    (F(1, 3), "share", "fraction", "33.3%"), (F("0.5895"), "share", "fraction", "58.95%"),
    (F(165), "number", "fraction", "165"), (F(5076), "number", "fraction", "5,076"),
    (F("2.4567"), "number", "fraction", "2.46"), (F("2.5"), "number", "fraction", "2.5"),
    (F("0.04567"), "number", "fraction", "0.0457"), (F(-1234567), "number", "fraction", "-1,234,567"),
    (F("0.115"), "change_percent", "fraction", "+11.5%"), (F("-0.079"), "change_percent", "fraction", "-7.9%"),
    (F(0), "change_percent", "fraction", "0%"), (F("0.052"), "change_points", "fraction", "+5.2 points"),
    (F("0.01"), "change_points", "fraction", "+1 point"), (F("-3"), "change_points", "percent", "-3 points"),
    (F(2), "change_ratio", "fraction", "2.00×"), (F(17), "change_absolute", "fraction", "+17"),
    (F("9.7"), "number", "percent", "9.7%"), (F("9.7"), "share", "percent", "9.7%"),
    (F(1), "boolean", "fraction", "true"), (None, "number", "fraction", "n/a"),
])
def test_format_value(value: F | None, kind: str, unit: str, text: str) -> None:
    assert format_value(value, MeasureShape(kind, unit)) == text  # type: ignore[arg-type]


def test_format_value_with_forced_places() -> None:
    assert format_value(F("0.58499"), MeasureShape("share"), 3) == "58.499%"


@pytest.mark.parametrize("value,kind,text", [
    (F("0.585"), "share", "58.5%"), (F(1, 3), "share", "33.33…%"), (F("-0.085"), "change_percent", "-8.5%"),
    (F("1.95"), "change_ratio", "1.95×"), (F("0.045"), "change_points", "4.5 points"), (F("5075.5"), "number", "5,075.5"),
])
def test_format_edge(value: F, kind: str, text: str) -> None:
    assert format_edge(value, MeasureShape(kind)) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("interval,text", [
    (Interval(F("0.585"), F("0.595"), True, False), "117/200 ≤ x < 119/200"),
    (Interval(F(1, 3), None, False, False), "x > 1/3"),
    (Interval(None, F(5), False, True), "x ≤ 5"),
    (Interval(F(2), F(2), True, True), "x = 2"),
    (Interval(None, None, False, False), "any value"),
])
def test_interval_describe(interval: Interval, text: str) -> None:
    assert interval.describe(str) == text


def test_interval_map_swaps_ends_for_negative_scale() -> None:
    mapped = Interval(F("0.075"), F("0.085"), True, False).map(F(-1), F(0))
    assert mapped == Interval(F("-0.085"), F("-0.075"), False, True)


@given(st.fractions(), st.fractions(), st.fractions(), st.booleans(), st.booleans())
def test_interval_contains_matches_its_definition(a: F, b: F, x: F, lc: bool, hc: bool) -> None:
    low, high = min(a, b), max(a, b)
    inside = (low < x or (lc and x == low)) and (x < high or (hc and x == high))
    assert Interval(low, high, lc, hc).contains(x) == inside


@given(st.decimals(min_value=-10**6, max_value=10**6, places=4, allow_nan=False))
def test_share_display_is_within_half_a_tenth_of_a_point(d: Decimal) -> None:
    value = F(d) / 100
    shown = format_value(value, MeasureShape("share"))
    assert abs(to_fraction(shown.rstrip("%").replace(",", "")) / 100 - value) <= F(1, 2000)
