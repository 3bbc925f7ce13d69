"""Is the comparison cherry-picked? A change against the three bases before the stated one,
and the range of `since` for which a record holds (issue 9, item 7).

The series are built by hand: in the first, 2019 is the only base from which 2020 is a rise;
in the second, 2020 is up from every earlier year.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.measures.change import ChangeDetails
from factcheck.measures.extreme import ExtremeDetails
from factcheck.render import render

# counts per year: 2015 12, 2016 11, 2017 10, 2018 9, 2019 4, 2020 8
PICKED = {2015: 12, 2016: 11, 2017: 10, 2018: 9, 2019: 4, 2020: 8}
# 2015 4, 2016 5, 2017 5, 2018 6, 2019 6, 2020 8: a rise from every base
ROBUST = {2015: 4, 2016: 5, 2017: 5, 2018: 6, 2019: 6, 2020: 8}


def _claims(tmp_path: Path, counts: dict[int, int], measure: str, expect: str) -> Path:
    rows = [f"{year}-0{1 + i % 9}-01" for year, n in counts.items() for i in range(n)]
    (tmp_path / "t.csv").write_text("d\n" + "\n".join(rows) + "\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\ntables: {t: {path: t.csv, time: d, derive: {y: year(d)}}}\nclaims:\n"
                    f"  - {{id: c, says: s, measure: {measure}, expect: '{expect}'}}\n", encoding="utf-8")
    return path


CHANGE = "{change: {count: t}, over: y, from: 2019, to: 2020}"


def test_a_rise_only_from_the_chosen_base_is_window_sensitive(tmp_path: Path) -> None:
    r = factcheck.verify(_claims(tmp_path, PICKED, CHANGE, "up 100%")).results[0]
    assert r.verdict == "pass"
    assert isinstance(r.details, ChangeDetails)
    assert [(p.key, p.value) for p in r.details.earlier_bases or []] == [
        ("2018", pytest.approx(-1 / 9)), ("2017", pytest.approx(-0.2)), ("2016", pytest.approx(-3 / 11))]
    notes = {n.code.value: n.message for n in r.notes}
    assert notes["window_sensitive"] == ("the stated direction holds only from 2019; from 2018: -11.1%, "
                                         "from 2017: -20%, from 2016: -27.3%")


def test_a_rise_from_every_base_is_not(tmp_path: Path) -> None:
    r = factcheck.verify(_claims(tmp_path, ROBUST, CHANGE, "up 33%")).results[0]
    assert r.verdict == "pass"
    assert isinstance(r.details, ChangeDetails) and len(r.details.earlier_bases or []) == 3
    assert "window_sensitive" not in [n.code.value for n in r.notes]


def test_a_bound_that_holds_only_from_the_chosen_base(tmp_path: Path) -> None:
    # a rise from every base, but "more than 50%" only from 2019 (4 -> 8); from 2018 and 2017 +33%
    bound = {2016: 7, 2017: 6, 2018: 6, 2019: 4, 2020: 8}
    r = factcheck.verify(_claims(tmp_path, bound, CHANGE, "up more than 50%")).results[0]
    assert r.verdict == "pass"
    notes = {n.code.value: n.message for n in r.notes}
    assert notes["window_sensitive"] == ("the stated wording holds only from 2019; from 2018: +33.3%, "
                                         "from 2017: +33.3%, from 2016: +14.3%")
    # the direction alone holds from every base: "up 100%" is not flagged
    r = factcheck.verify(_claims(tmp_path, bound, CHANGE, "up 100%")).results[0]
    assert r.verdict == "pass" and "window_sensitive" not in [n.code.value for n in r.notes]


def test_a_bound_that_also_holds_from_another_base_is_not_flagged(tmp_path: Path) -> None:
    r = factcheck.verify(_claims(tmp_path, ROBUST, CHANGE.replace("2019", "2017"), "up more than 50%")).results[0]
    assert r.verdict == "pass"  # 5 -> 8 is +60%, and from 2016 (also 5) too
    assert "window_sensitive" not in [n.code.value for n in r.notes]


def test_a_failing_claim_gets_no_window_note(tmp_path: Path) -> None:
    r = factcheck.verify(_claims(tmp_path, PICKED, CHANGE, "down 5%")).results[0]
    assert r.verdict == "fail" and "window_sensitive" not in [n.code.value for n in r.notes]


def test_the_first_periods_have_fewer_bases(tmp_path: Path) -> None:
    r = factcheck.verify(_claims(tmp_path, PICKED, CHANGE.replace("2019", "2016"), "down 27%")).results[0]
    assert isinstance(r.details, ChangeDetails)
    assert [p.key for p in r.details.earlier_bases or []] == ["2015"]


def test_every_report_shows_the_note(tmp_path: Path) -> None:
    path = _claims(tmp_path, PICKED, CHANGE, "up 100%")
    report = factcheck.verify(path)
    for fmt in ("markdown", "html", "junit"):
        assert "window_sensitive" in render(report, fmt), fmt
    data = json.loads(render(report, "json"))
    claim = data["results"][0] if "results" in data else data["claims"][0]
    assert "window_sensitive" in [n["code"] for n in claim["notes"]]
    assert [b["key"] for b in claim["details"]["earlier_bases"]] == ["2018", "2017", "2016"]
    out = CliRunner().invoke(app, ["run", str(path)])
    assert "window_sensitive" in out.output and "holds only from 2019" in out.output


@pytest.mark.parametrize("at,since,expected", [
    (2019, 2015, ["2015", "2018"]),   # 2019's 4 beats every year back to the start of the data
    (2018, 2015, ["2015", "2017"]),
    (2020, 2019, ["2019", "2019"]),   # 2019 (4) is lower than 2020 (8): only "since 2019" will do
])
def test_extreme_gives_the_range_of_since_for_which_it_holds(tmp_path: Path, at: int, since: int,
                                                              expected: list[str]) -> None:
    measure = f"{{extreme: {{count: t}}, over: y, at: {at}, since: {since}, is: lowest}}"
    r = factcheck.verify(_claims(tmp_path, PICKED, measure, "true")).results[0]
    assert isinstance(r.details, ExtremeDetails)
    assert r.details.holds_since == expected


def test_extreme_range_starts_at_the_last_time_as_low(tmp_path: Path) -> None:
    measure = "{extreme: {count: t}, over: y, at: 2020, since: 2019, is: highest}"
    r = factcheck.verify(_claims(tmp_path, ROBUST, measure, "true")).results[0]
    assert isinstance(r.details, ExtremeDetails)
    assert r.details.holds_since == ["2015", "2019"]
    measure = "{extreme: {count: t}, over: y, at: 2019, since: 2018, is: highest}"
    r = factcheck.verify(_claims(tmp_path, ROBUST, measure, "true")).results[0]
    assert r.details.holds_since == ["2018", "2018"]  # type: ignore[union-attr]


def test_html_shows_the_note_next_to_the_chart(tmp_path: Path) -> None:
    html = render(factcheck.verify(_claims(tmp_path, PICKED, CHANGE, "up 100%")), "html")
    figure = html[html.index('<figure class="chart">'):]
    figure = figure[:figure.index("</figure>")]
    assert "<figcaption" in figure and "holds only from 2019" in figure
