"""`fragile` means one record more or less would flip the verdict. For a comparison of two groups
that is one group's figure moved by one, not both: 5 against 2 is 2.5 times, and "four times" is
not one record away (4 against 1 is two). A ratio's parts may move together (a record that meets
the condition counts in both), never one up and the other down. Found walking a road-deaths story."""

from __future__ import annotations

from fractions import Fraction

from factcheck.measures._values import Evaluated
from factcheck.measures.ratio import divide


def _count(n: int) -> Evaluated:
    return Evaluated(Fraction(n), neighbours=[Fraction(n - 1), Fraction(n + 1)])


def test_a_comparison_moves_one_group_at_a_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import one_table
    rows = ["id,region"] + [f"{i},South" for i in range(5)] + [f"{i + 5},Northeast" for i in range(2)]
    r = one_table(tmp_path, rows, "{compare: {count: t}, by: region, a: South, b: Northeast, as: ratio}",
                  "four times")
    assert r.verdict == "fail" and not [n for n in r.notes if n.code == "fragile"], r.notes
    r = one_table(tmp_path, rows, "{compare: {count: t}, by: region, a: South, b: Northeast, as: ratio}", "2.5x")
    assert r.verdict == "pass" and [n.message for n in r.notes if n.code == "fragile"] == [
        "one record more or less would fail this claim (e.g. 2.00×)"]  # 4 against 2


def test_a_ratio_moves_its_parts_alone_or_together() -> None:
    got = sorted(divide(_count(5), _count(10)).neighbours)
    assert got == sorted([Fraction(4, 10), Fraction(6, 10), Fraction(5, 9), Fraction(5, 11),
                          Fraction(4, 9), Fraction(6, 11)])  # not 4/11 nor 6/9


def test_a_change_moves_one_period_at_a_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """640 requests in 2023, 760 in 2024: up 18.75%. One record more or less gives 639, 641, 759
    or 761 (+18.6% to +18.9%), all "up 19%"; +18.4% (641 against 759) is two records away, and the
    claim was called fragile for it (a walk of a 311 story)."""
    from conftest import one_table
    rows = ["id,year"] + [f"{i},2023" for i in range(640)] + [f"{i + 640},2024" for i in range(760)]
    r = one_table(tmp_path, rows, "{change: {count: t}, over: year, from: 2023, to: 2024}", "up 19%",
                  decl="time: year")
    assert r.verdict == "pass" and not [n for n in r.notes if n.code == "fragile"], r.notes
    rows = ["id,year"] + [f"{i},2023" for i in range(20)] + [f"{i + 20},2024" for i in range(23)]
    r = one_table(tmp_path, rows, "{change: {count: t}, over: year, from: 2023, to: 2024}", "up 15%",
                  decl="time: year")
    assert r.verdict == "pass" and [n.message for n in r.notes if n.code == "fragile"] == [
        "one record more or less would fail this claim (e.g. +21.1%)"], r.notes  # 19 against 23
