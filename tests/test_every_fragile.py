"""`every` said nothing of a period on a hair: "more than half every year" passed with one year at
50.5%, one record from failing, where the same share claimed for that year alone carries the note
`fragile`; and a direction alone ("rose") judged per period never got the note that its change
rounds to none, which `change` and `compare` give. The note is now given for `every` too, once, at
the first such period.

A claims file cannot yet pair `every` with a direction (`every` refuses a change or a compare inside
it, and a direction needs one), so that half is tested on the verdict itself."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from conftest import one_table

from factcheck.expectations import MeasureShape, parse_expectation
from factcheck.measures._values import Evaluated
from factcheck.verdicts import judge

EVERY = "{every: {share: flag == 1, of: t}, over: yr, from: 2019, to: 2021}"


def _rows(years: dict[int, tuple[int, int]]) -> list[str]:
    return ["yr,flag"] + [f"{y},{flag}" for y, (yes, no) in years.items() for flag in [1] * yes + [0] * no]


def test_a_period_one_record_from_turning_the_claim_is_said(tmp_path: Path) -> None:
    rows = _rows({2019: (60, 40), 2020: (50, 49), 2021: (70, 30)})
    r = one_table(tmp_path, rows, EVERY, "more than half")
    assert r.verdict == "pass"
    assert [(n.code, n.message) for n in r.notes] == [
        ("fragile", "at 2020: one record more or less would fail this claim (e.g. 50%)")]
    alone = one_table(tmp_path, rows, "{share: flag == 1, of: t, where: yr == 2020}", "more than half")
    assert [n.message for n in alone.notes] == ["one record more or less would fail this claim (e.g. 50%)"]


def test_a_fail_is_fragile_only_when_its_one_missing_period_is(tmp_path: Path) -> None:
    one = one_table(tmp_path, _rows({2019: (60, 40), 2020: (49, 49), 2021: (70, 30)}), EVERY, "more than half")
    assert one.verdict == "fail" and [n.message for n in one.notes] == [
        "at 2020: one record more or less would pass this claim (e.g. 50.5%)"]
    two = one_table(tmp_path, _rows({2019: (40, 60), 2020: (49, 49), 2021: (70, 30)}), EVERY, "more than half")
    assert two.verdict == "fail" and two.notes == []  # one record cannot mend two years


def test_a_direction_alone_per_period_says_a_change_that_rounds_to_none() -> None:
    exp = parse_expectation("rose", MeasureShape("change_percent"))
    each = [("2019", Evaluated(Fraction(1, 10))), ("2020", Evaluated(Fraction(1, 500))),
            ("2021", Evaluated(Fraction(1, 1000)))]
    r = judge(dict(id="c", says="s"), exp, Evaluated(True, each=each))
    assert r.verdict == "pass"
    assert [(n.code, n.message) for n in r.notes] == [
        ("fragile", "at 2020: the change, up 0.2%, rounds to no change (0%): 'unchanged' would pass too "
                    "(and 1 more period)")]
