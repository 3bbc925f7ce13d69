"""Ranks beyond the top, gaps between groups, changes of rank and series of periods (issue 12).

The data is tests/fixtures/cars/cars.csv, a constructed cars-like table (see its README).
Every expected figure below is computed here with pandas from that CSV, exactly (as
Fractions of the decimals written in the file), never taken from factcheck.
"""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import factcheck
from factcheck import FactcheckError, Reason, Verdict
from factcheck.cli import app
from factcheck.measures.every import EveryDetails

CARS = Path(__file__).parent / "fixtures" / "cars" / "cars.csv"
TABLES = """\
version: 1
title: Cars
tables:
  cars:
    path: cars.csv
    key: car_id
    time: model_year
claims:
"""
YEARS = list(range(2014, 2021))


@pytest.fixture(scope="module")
def cars() -> pd.DataFrame:
    frame = pd.read_csv(CARS, dtype={"mpg": str})
    frame["mpg_exact"] = [Fraction(v) for v in frame["mpg"]]  # the decimals as written, exactly
    frame["mpg"] = frame["mpg"].astype(float)
    return frame


@pytest.fixture
def run(tmp_path: Path):
    shutil.copy(CARS, tmp_path / "cars.csv")

    def go(*claims: tuple[str, str]) -> factcheck.Report:
        body = "".join(f"  - id: c{i}\n    says: s\n    measure: {m}\n    expect: {e}\n"
                       for i, (m, e) in enumerate(claims))
        path = tmp_path / "claims.yaml"
        path.write_text(TABLES + body, encoding="utf-8")
        return factcheck.verify(path)

    return go


def mean_mpg(frame: pd.DataFrame) -> Fraction:
    return sum(frame["mpg_exact"], Fraction(0)) / len(frame)


# ---------------------------------------------------------------------------- compare
@pytest.mark.parametrize("as_, a, b", [("absolute", "Japan", "USA"), ("percent", "Japan", "USA"),
                                        ("ratio", "Europe", "USA"), ("absolute", "USA", "Europe")])
def test_compare_the_mean_of_two_groups(run, cars: pd.DataFrame, as_: str, a: str, b: str) -> None:
    x, y = mean_mpg(cars[cars.origin == a]), mean_mpg(cars[cars.origin == b])
    want = {"absolute": x - y, "percent": (x - y) / y, "ratio": x / y}[as_]
    expect = {"absolute": "up 1", "percent": "up 1%", "ratio": "1"}[as_]  # a difference needs a direction
    r = run((f"{{compare: {{mean: mpg, of: cars}}, by: origin, a: {a}, b: {b}, as: {as_}}}", expect)).results[0]
    assert Fraction(r.value_exact) == want
    assert (r.details.a, r.details.b) == (a, b)
    assert r.details.a_value == pytest.approx(float(x)) and r.details.b_value == pytest.approx(float(y))


def test_japanese_cars_got_10_more_mpg_than_american_ones(run, cars: pd.DataFrame) -> None:
    gap = cars[cars.origin == "Japan"].mpg.mean() - cars[cars.origin == "USA"].mpg.mean()
    assert round(gap) == 10  # the sentence is true of the data, by pandas
    report = run(("{compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA}", "10 more"),
                 ("{compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA}", "12 more"),
                 ("{compare: {mean: mpg, of: cars}, by: origin, a: USA, b: Japan}", "10 more"))
    assert [r.verdict for r in report.results] == [Verdict.PASS, Verdict.FAIL, Verdict.FAIL]
    assert report.results[2].reason == Reason.WRONG_DIRECTION


def test_times_as_many_is_a_ratio_of_counts(run, cars: pd.DataFrame) -> None:
    counts = cars.origin.value_counts()
    ratio = Fraction(int(counts["Japan"]), int(counts["Europe"]))
    r = run(("{compare: {count: cars}, by: origin, a: Japan, b: Europe, as: ratio}", "1.3 times")).results[0]
    assert Fraction(r.value_exact) == ratio and r.verdict == Verdict.PASS


def test_points_between_two_shares_given_as_two_measures(run, cars: pd.DataFrame) -> None:
    def share(origin: str) -> Fraction:
        rows = cars[cars.origin == origin]
        return Fraction(int((rows.mpg > 25).sum()), len(rows))
    points = share("Japan") - share("USA")
    written = f"up {round(float(points) * 100)} points"
    r = run(("{compare: {share: mpg > 25, of: cars, where: \"origin == 'Japan'\"}, "
             "with: {share: mpg > 25, of: cars, where: \"origin == 'USA'\"}, as: points}", written)).results[0]
    assert Fraction(r.value_exact) == points
    assert r.verdict == Verdict.PASS, r.message


def test_a_gap_by_groups_equals_the_same_gap_as_two_measures(run) -> None:
    report = run(("{compare: {share: mpg > 25, of: cars}, by: origin, a: Japan, b: USA, as: points}", "up 1 point"),
                 ("{compare: {share: mpg > 25, of: cars, where: \"origin == 'Japan'\"}, "
                  "with: {share: mpg > 25, of: cars, where: \"origin == 'USA'\"}, as: points}", "up 1 point"))
    assert report.results[0].value_exact == report.results[1].value_exact


# ---------------------------------------------------------------------------- ranks
def test_top_rank_answers_the_second_and_third_most_common(run, cars: pd.DataFrame) -> None:
    order = list(cars.origin.value_counts().index)  # counts are 14, 13, 10: no ties
    report = run(("{top: origin, of: cars, rank: 2}", f"[{order[1]}]"),
                 ("{top: origin, of: cars, rank: 3}", f"[{order[2]}]"),
                 ("{top: origin, of: cars, rank: 2}", f"[{order[0]}]"),
                 ("{top: origin, of: cars, rank: 4}", f"[{order[0]}]"))
    assert [r.verdict for r in report.results[:3]] == [Verdict.PASS, Verdict.PASS, Verdict.FAIL]
    assert report.results[0].value == [order[1]]
    assert (report.results[3].verdict, report.results[3].reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)


def _rank(series: pd.Series, at: int, highest: bool) -> int:
    """1 + how many other periods are as high (low) or more: the rank the claim asks about."""
    x = series[at]
    others = series.drop(at)
    return 1 + int((others >= x).sum() if highest else (others <= x).sum())


@pytest.mark.parametrize("at", YEARS)
@pytest.mark.parametrize("is_", ["highest", "lowest"])
def test_extreme_rank_on_record(run, cars: pd.DataFrame, at: int, is_: str) -> None:
    by_year = cars.groupby("model_year")["mpg_exact"].apply(lambda s: sum(s, Fraction(0)) / len(s))
    rank = _rank(by_year, at, is_ == "highest")
    report = run(*[(f"{{extreme: {{mean: mpg, of: cars}}, over: model_year, at: {at}, is: {is_}, rank: {k}}}", "true")
                   for k in (1, 2, 3)])
    assert [r.verdict == Verdict.PASS for r in report.results] == [rank == k for k in (1, 2, 3)]


def test_second_highest_since(run, cars: pd.DataFrame) -> None:
    # 2019's mean is below 2017's and above 2018's: the second-highest since 2017
    by_year = cars.groupby("model_year").mpg.mean()
    assert by_year[2017] > by_year[2019] > by_year[2018]
    report = run(("{extreme: {mean: mpg, of: cars}, over: model_year, at: 2019, since: 2017, is: highest, rank: 2}",
                  "true"),
                 ("{extreme: {mean: mpg, of: cars}, over: model_year, at: 2019, since: 2017, is: highest}", "true"))
    # 2017 itself is the earlier higher value, not one of the window: 2019 is the highest since 2017
    assert [r.verdict for r in report.results] == [Verdict.FAIL, Verdict.PASS]
    report = run(("{extreme: {mean: mpg, of: cars}, over: model_year, at: 2019, since: 2015, is: highest, rank: 2}",
                  "true"))
    between = by_year[(by_year.index > 2015) & (by_year.index < 2019)]
    assert report.results[0].verdict == (Verdict.PASS if int((between >= by_year[2019]).sum()) == 1
                                         and by_year[2015] >= by_year[2019] else Verdict.FAIL)


# ---------------------------------------------------------------------------- overtook
@pytest.mark.parametrize("a, b, start, end", [("Japan", "USA", 2019, 2020), ("USA", "Japan", 2019, 2020),
                                               ("Japan", "Europe", 2014, 2017), ("Europe", "USA", 2017, 2018),
                                               ("Japan", "USA", 2014, 2015)])
def test_overtook_compares_the_order_at_two_periods(run, cars: pd.DataFrame, a: str, b: str,
                                                     start: int, end: int) -> None:
    n = cars.groupby(["model_year", "origin"]).size()
    want = n[start, a] <= n[start, b] and n[end, a] > n[end, b]
    r = run((f"{{overtook: {{count: cars}}, column: origin, a: {a}, b: {b}, over: model_year, "
             f"from: {start}, to: {end}}}", "true")).results[0]
    assert r.value is bool(want)
    assert (r.details.a_from, r.details.b_from, r.details.a_to, r.details.b_to) == (
        n[start, a], n[start, b], n[end, a], n[end, b])


# ---------------------------------------------------------------------------- every
def test_every_applies_the_expectation_to_each_period(run, cars: pd.DataFrame) -> None:
    share = cars[cars.model_year >= 2015].groupby("model_year").mpg.apply(lambda s: (s > 25).mean())
    assert (share > 0.5).all()
    missing = sorted(str(y) for y, v in share.items() if not v > 0.7)
    assert missing  # some year is not above 70%
    report = run(("{every: {share: mpg > 25, of: cars}, over: model_year, from: 2015, to: 2020}", "more than half"),
                 ("{every: {share: mpg > 25, of: cars}, over: model_year, from: 2015, to: 2020}", "more than 70%"))
    ok, bad = report.results
    assert ok.verdict == Verdict.PASS and ok.value is True
    assert isinstance(ok.details, EveryDetails)
    assert [(p.key, float(p.value.rstrip("%")) / 100) for p in ok.details.periods] == [
        (str(y), pytest.approx(v, abs=0.0005)) for y, v in share.items()]  # shown to 0.1%
    assert [(p.key, p.value) for p in ok.series] == [(str(y), pytest.approx(v)) for y, v in share.items()]
    assert bad.verdict == Verdict.FAIL and bad.details.failing == missing
    assert bad.message.startswith(f"at {missing[0]}:")


def test_every_of_a_top(run, cars: pd.DataFrame) -> None:
    top = {y: g.origin.value_counts() for y, g in cars.groupby("model_year")}
    usa_top = [y for y, counts in top.items() if counts.index[0] == "USA" and counts.iloc[0] > counts.iloc[1]]
    assert usa_top[:1] == [2014] and 2015 not in usa_top  # 2015 is a three-way tie
    report = run(("{every: {top: origin, of: cars}, over: model_year, from: 2019, to: 2019}", "[USA]"),
                 ("{every: {top: origin, of: cars}, over: model_year, from: 2019, to: 2020}", "[USA]"))
    assert report.results[0].verdict == (Verdict.PASS if 2019 in usa_top else Verdict.FAIL)
    assert report.results[1].details.failing == [str(y) for y in (2019, 2020) if y not in usa_top]


def test_every_over_a_span_counts_a_row_in_each_period_it_covers(tmp_path: Path) -> None:
    (tmp_path / "loans.csv").write_text("id,opened,closed,kind\n1,2015,2017,a\n2,2016,,b\n3,2014,2015,a\n4,2017,2017,b\n")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntables:\n  loans: {path: loans.csv, key: id, time: opened}\nclaims:\n"
        "  - {id: open, says: s, measure: {every: {count: loans}, over: {start: opened, end: closed}, "
        "from: 2015, to: 2017}, expect: {between: [1, 3]}}\n", encoding="utf-8")
    frame = pd.read_csv(tmp_path / "loans.csv")
    per_year = [int(((frame.opened <= y) & (frame.closed.isna() | (frame.closed >= y))).sum()) for y in (2015, 2016, 2017)]
    r = factcheck.verify(tmp_path / "claims.yaml").results[0]
    assert [p.value for p in r.series] == per_year
    assert [p.value for p in r.details.periods] == [str(n) for n in per_year]
    assert r.verdict == (Verdict.PASS if all(1 <= n <= 3 for n in per_year) else Verdict.FAIL)


# ---------------------------------------------------------------------------- rising / falling
def _run_ending(values: list[int], up: bool) -> int:
    n = 0
    for i in range(len(values) - 1, 0, -1):
        if not (values[i] > values[i - 1] if up else values[i] < values[i - 1]):
            break
        n += 1
    return n


@pytest.mark.parametrize("to", [2016, 2018, 2020])
def test_rising_and_falling_count_the_run_ending_at_to(run, cars: pd.DataFrame, to: int) -> None:
    counts = cars.groupby("model_year").size().reindex(range(2014, to + 1), fill_value=0).tolist()
    report = run((f"{{rising: {{count: cars}}, over: model_year, to: {to}}}", "1"),
                 (f"{{falling: {{count: cars}}, over: model_year, to: {to}}}", "1"))
    assert Fraction(report.results[0].value_exact) == _run_ending(counts, True)
    assert Fraction(report.results[1].value_exact) == _run_ending(counts, False)


def test_models_rose_for_five_straight_years(run, cars: pd.DataFrame) -> None:
    counts = cars.groupby("model_year").size().tolist()
    assert _run_ending(counts, True) == 5
    r = run(("{rising: {count: cars}, over: model_year}", "5")).results[0]
    assert r.verdict == Verdict.PASS
    assert (r.details.starts, r.details.ends) == ("2015", "2020")


@pytest.mark.parametrize("since", [2014, 2015, 2016, 2019])
def test_risen_every_year_since_is_a_run_reaching_back_to_since(run, cars: pd.DataFrame, since: int) -> None:
    """"Models have risen every year since 2015" (`rising … since:`, expect true): every year
    after `since` up to the last is higher than the one before. The run of the data ends at
    2020 and starts at 2015, so it holds since 2015 and later, not since 2014."""
    counts = cars.groupby("model_year").size()
    holds = all(counts[y] > counts[y - 1] for y in range(since + 1, 2021))
    r = run((f"{{rising: {{count: cars}}, over: model_year, since: {since}}}", "true")).results[0]
    assert r.value is holds and (r.verdict == Verdict.PASS) is holds
    assert r.value_text == ("yes: it rose in every period from 2015 to 2020" if holds
                            else "no: it rose only from 2015 to 2020")
    assert [p.key for p in r.series if p.marked] == [str(since), "2020"]


def test_rising_since_needs_a_period_after_since_and_true_or_false(run) -> None:
    r = run(("{falling: {count: cars}, over: model_year, since: 2020}", "true")).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    assert "no period between 2020 and 2020" in r.message
    with pytest.raises(factcheck.ClaimsFileError, match="true or false"):
        run(("{rising: {count: cars}, over: model_year, since: 2015}", "5"))


# ---------------------------------------------------------------------------- periods and errors
@pytest.mark.parametrize("measure", [
    "{every: {count: cars}, over: model_year, from: 2012, to: 2020}",
    "{every: {count: cars}, over: model_year, since: 2019, to: 2022}",
    "{overtook: {count: cars}, column: origin, a: Japan, b: USA, over: model_year, from: 2020, to: 2021}",
    "{rising: {count: cars}, over: model_year, to: 2023}",
    "{falling: {count: cars}, over: model_year, to: 2010}",
    "{rising: {count: cars}, over: model_year, since: 2009}",
])
def test_periods_outside_the_data_are_not_covered(run, measure: str) -> None:
    r = run((measure, "true" if "overtook" in measure or "rising: {count: cars}, over: model_year, since" in measure
             else "1")).results[0]
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED)


@pytest.mark.parametrize("measure, expect, says", [
    ("{top: origin, of: cars, rank: 0}", "[Japan]", "greater than or equal to 1"),
    ("{top: origin, of: cars, rank: 2, n: 3}", "[Japan]", "not both"),
    ("{extreme: {count: cars}, over: model_year, at: 2020, is: highest, rank: second}", "true", "must be a whole number, not 'second'"),
    ("{compare: {mean: mpg, of: cars}, by: origin, a: Japan}", "10 more", "needs by"),
    ("{compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA, with: {count: cars}}", "1", "not both"),
    ("{compare: {top: origin, of: cars}, by: origin, a: Japan, b: USA}", "1", "cannot be compared"),
    ("{compare: {mean: mpg, of: cars}, by: origin, a: Japan, b: USA, as: points}", "1", "two shares"),
    ("{compare: {mean: mpg, of: cars}, by: orign, a: Japan, b: USA}", "1", "did you mean 'origin'"),
    ("{every: {count: cars}, over: model_year, from: 2020, to: 2015}", "1", "backwards"),
    ("{every: {count: cars}, over: model_year, from: 2015, since: 2015, to: 2020}", "1", "once"),
    ("{every: {change: {count: cars}, over: model_year, from: 2019, to: 2020}, over: model_year, "
     "from: 2019, to: 2020}", "1", "cannot be computed per period"),
    ("{overtook: {count: cars}, column: origin, a: Japan, b: USA, over: model_year, from: x}", "true", "to"),
    ("{rising: {top: origin, of: cars}, over: model_year}", "1", "cannot be computed per period"),
])
def test_misuse_is_a_located_error(run, measure: str, expect: str, says: str) -> None:
    with pytest.raises(FactcheckError) as info:
        run(("{count: cars}", "37"), (measure, expect))
    problem = info.value.problems[0]
    assert problem.line == 15 and problem.claim == "c1"  # the measure's line
    assert says in problem.describe()


@pytest.mark.parametrize("measure", [
    "{compare: {mean: mpg, of: cars}, by: origin, a: Japn, b: USA}",
    "{overtook: {count: cars}, column: origin, a: Japan, b: Korea, over: model_year, from: 2019, to: 2020}",
])
def test_a_group_that_does_not_occur_is_an_error_listing_those_that_do(tmp_path: Path, measure: str) -> None:
    shutil.copy(CARS, tmp_path / "cars.csv")
    path = tmp_path / "claims.yaml"
    expect = "true" if "overtook" in measure else "'up 1'"
    path.write_text(TABLES + f"  - id: gap\n    says: s\n    measure: {measure}\n    expect: {expect}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(path)])
    assert result.exit_code == 2
    assert "claims.yaml:9:" in result.output  # the claim's line and "does not occur in origin" in result.output
    assert "Europe, Japan, USA" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------------------- the 2020 data
STORY = Path(__file__).resolve().parents[1] / "claims" / "2020.yaml"


def test_the_2020_analogues_match_pandas(tmp_path: Path) -> None:
    """Girls against boys, and one platform overtaking another, on the story's own data."""
    root = STORY.parents[1]
    cases = pd.read_csv(root / "data" / "cases.csv", parse_dates=["filed_date"])
    victims = pd.read_csv(root / "data" / "victims.csv", keep_default_na=False, na_values=[""])
    victims = victims.merge(cases[["case_id", "filed_date"]], on="case_id")
    victims["year"] = victims.filed_date.dt.year
    girls = int(((victims.sex == "female") & (victims.minor == True)).sum())  # noqa: E712 - a column of booleans
    boys = int(((victims.sex == "male") & (victims.minor == True)).sum())  # noqa: E712
    per = victims.groupby(["year", "recruitment_platform"]).size()
    ig = [int(per.get((y, "Instagram"), 0)) for y in (2019, 2020)]
    sc = [int(per.get((y, "Snapchat"), 0)) for y in (2019, 2020)]
    overtook = ig[0] <= sc[0] and ig[1] > sc[1]
    text = STORY.read_text(encoding="utf-8").split("\nclaims:", 1)[0].replace("../data/", str(root / "data") + "/")
    path = tmp_path / "story.yaml"
    path.write_text(text.replace("article: 2020-article.md\n", "") + "\nclaims:\n"
                    "  - id: girls-times-boys\n    says: s\n"
                    "    measure: {compare: {count: victims, where: \"sex == 'female' and minor\"},"
                    " with: {count: victims, where: \"sex == 'male' and minor\"}, as: ratio}\n"
                    "    expect: '1'\n"
                    "  - id: instagram-overtook-snapchat\n    says: s\n"
                    "    measure: {overtook: {count: victims}, column: recruitment_platform, a: Instagram,"
                    " b: Snapchat, over: case.filed_year, from: 2019, to: 2020}\n"
                    "    expect: true\n", encoding="utf-8")
    report = factcheck.verify(path, data_root=root)
    ratio, over = report.results
    assert Fraction(ratio.value_exact) == Fraction(girls, boys)
    assert over.value is overtook
    assert (over.details.a_from, over.details.b_from, over.details.a_to, over.details.b_to) == (
        ig[0], sc[0], ig[1], sc[1])


def test_an_uncovered_period_is_named_once(run) -> None:
    report = run(("{every: {count: cars}, over: model_year, since: 2019, to: 2022}", "1"),
                 ("{overtook: {count: cars}, column: origin, a: Japan, b: USA, over: model_year, from: 2012, "
                  "to: 2020}", "true"))
    assert [r.message for r in report.results] == ["the data does not cover to: 2022",
                                                   "the data does not cover from: 2012"]


def test_the_worked_examples_of_the_docs_pass_on_the_cars_table(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "claims-format.md").read_text(encoding="utf-8")
    block = doc.split("## Worked examples", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    shutil.copy(CARS, tmp_path / "cars.csv")
    (tmp_path / "claims.yaml").write_text(TABLES + block, encoding="utf-8")
    report = factcheck.verify(tmp_path / "claims.yaml")
    assert len(report.results) == 7
    assert {r.id: r.verdict for r in report.results} == {r.id: Verdict.PASS for r in report.results}
