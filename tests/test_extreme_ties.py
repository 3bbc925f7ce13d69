"""A tie is no rank of its own: a year tied for the most is not "the second-most".

Found walking a story of heat: 2020 and 2022 both had 26 hot days, the most. Before, a tie
counted as beating a year, so "2022 had the second-most hot days" passed, and so did the
same sentence of 2020, while the result said "rank 1 of 6". (Constructed data, written here.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

import factcheck
from factcheck import Verdict

HOT_DAYS = {2019: 20, 2020: 26, 2021: 18, 2022: 26, 2023: 22, 2024: 19}


def _results(tmp_path: Path, *measures: str, data: dict[int, int] = HOT_DAYS) -> list[factcheck.ClaimResult]:
    """One claim of ``expect: true`` per measure, over a table of the years' hot days."""
    rows = ["year,hot_days"] + [f"{y},{n}" for y, n in data.items()]
    (tmp_path / "yearly.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    claims = "".join(f"  - {{id: c{i}, says: a year's rank among the years, expect: true, measure: {m}}}\n"
                     for i, m in enumerate(measures))
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  yearly: {path: yearly.csv, time: year}\nclaims:\n"
                                     + claims, encoding="utf-8")
    return factcheck.verify(tmp_path / "c.yaml").results


def _verdict(tmp_path: Path, measure: str, data: dict[int, int] = HOT_DAYS) -> Verdict:
    return _results(tmp_path, measure, data=data)[0].verdict


def _extreme(at: int, is_: str = "highest", rank: int = 1, since: int | None = None) -> str:
    extra = f", since: {since}" if since is not None else ""
    return f"{{extreme: {{sum: hot_days, of: yearly}}, over: year, at: {at}, is: {is_}, rank: {rank}{extra}}}"


@pytest.mark.parametrize(("at", "rank", "verdict"), [
    (2022, 2, Verdict.FAIL),   # tied for the most: not the second-most
    (2020, 2, Verdict.FAIL),
    (2022, 1, Verdict.FAIL),   # nor the most (as before)
    (2023, 3, Verdict.PASS),   # two years had more, none as many
    (2023, 2, Verdict.FAIL),
    (2019, 4, Verdict.PASS),
])
def test_ties_for_the_most(tmp_path: Path, at: int, rank: int, verdict: Verdict) -> None:
    assert _verdict(tmp_path, _extreme(at, rank=rank)) is verdict


def test_a_tie_inside_a_since_window(tmp_path: Path) -> None:
    # "since 2018": 2018 (30) was as high; between it and the year ranked, 2020 and 2022 tie at 26
    data = {2018: 30, **HOT_DAYS}
    assert _verdict(tmp_path, _extreme(2022, rank=2, since=2018), data) is Verdict.FAIL  # tied, not second
    assert _verdict(tmp_path, _extreme(2022, rank=1, since=2018), data) is Verdict.FAIL
    assert _verdict(tmp_path, _extreme(2023, rank=3, since=2018), data) is Verdict.PASS  # two had more
    assert _verdict(tmp_path, _extreme(2022, rank=1, since=2020), data) is Verdict.PASS  # 2020 as high: since


def test_a_tie_below(tmp_path: Path) -> None:
    hot = _extreme(2021, is_="lowest")
    assert _verdict(tmp_path, hot) is Verdict.PASS   # 18: the fewest, alone


def test_a_value_ranked_below_the_first_names_the_first_not_a_next(tmp_path: Path) -> None:
    """"no: 1.817e+05, rank 6 of 10; next: Public Works" named the top department as if it came
    next to the sixth (found walking a budget story)."""
    a, b = _results(tmp_path, _extreme(2019, rank=4), _extreme(2021, is_="lowest"))
    assert a.value_text == "yes: 20, rank 4 of 6; first: 2020 (26)", a.value_text
    assert b.value_text == "yes: 18, rank 1 of 6; next: 2024 (19)", b.value_text
