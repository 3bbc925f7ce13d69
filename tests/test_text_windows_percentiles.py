"""Issue 12, items 1, 6 and 7: each sentence in one claim, its verdict matching pandas.

Text functions, lag/lead outside `derive`, percentiles and the share held by the top N%,
on the constructed cars data (tests/fixtures/autos, see its README) and on the 2020 story's
data. Every expected figure is computed here with pandas/numpy from the CSVs, never taken
from factcheck; each claim is also checked to fail with a figure that is off.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import factcheck
from factcheck.measures.top_share import TopShareDetails

ROOT = Path(__file__).resolve().parents[1]
CARS = ROOT / "tests" / "fixtures" / "autos"
DATA = ROOT / "data"

CARS_TABLES = """\
version: 1
title: Constructed cars
tables:
  cars:
    path: cars.csv
    derive:
      make: lower(word(name, 1))
  yearly:
    path: yearly.csv
"""

STORY_TABLES = """\
version: 1
title: 2020 story data
tables:
  cases: {path: cases.csv, key: case_id}
  defendants: {path: defendants.csv, key: defendant_id}
  victims: {path: victims.csv, key: victim_id}
"""


@pytest.fixture(scope="module")
def cars() -> pd.DataFrame:
    return pd.read_csv(CARS / "cars.csv")


@pytest.fixture(scope="module")
def yearly() -> pd.DataFrame:
    return pd.read_csv(CARS / "yearly.csv")


def _verify(tmp: Path, source: Path, tables: str, claims: list[tuple[str, str, str]]) -> factcheck.Report:
    for csv in source.glob("*.csv"):
        shutil.copy(csv, tmp / csv.name)
    body = "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {measure}\n    expect: {_yaml(expect)}\n"
                   for cid, measure, expect in claims)
    path = tmp / "claims.yaml"
    path.write_text(tables + "claims:\n" + body, encoding="utf-8")
    return factcheck.verify(path)


def _yaml(expect: str) -> str:
    return expect if expect.startswith("[") else f'"{expect}"'


def judged(tmp: Path, source: Path, tables: str, measure: str, right: str, wrong: str) -> factcheck.Report:
    """Run the claim with the figure pandas found (must pass) and with a wrong one (must fail)."""
    report = _verify(tmp, source, tables, [("right", measure, right), ("wrong", measure, wrong)])
    right_r, wrong_r = report.results
    assert right_r.verdict == "pass", (measure, right, right_r.message)
    assert wrong_r.verdict == "fail", (measure, wrong, wrong_r.message)
    return report


def first_words(cars: pd.DataFrame) -> pd.Series:
    return cars["name"].str.lower().str.split().str[0]


# -- 1. text -----------------------------------------------------------------------------

def test_toyota_offered_n_models(tmp_path: Path, cars: pd.DataFrame) -> None:
    n = int((first_words(cars) == "toyota").sum())
    judged(tmp_path, CARS, CARS_TABLES, "{count: cars, where: \"word(lower(name), 1) == 'toyota'\"}", str(n), str(n + 2))
    # the same with a pattern: ilike ignores case and the leading spaces are trimmed first
    judged(tmp_path, CARS, CARS_TABLES, "{count: cars, where: \"ilike(trim(name), 'toyota %')\"}", str(n), str(n - 2))


def test_from_m_manufacturers(tmp_path: Path, cars: pd.DataFrame) -> None:
    m = first_words(cars).nunique()
    judged(tmp_path, CARS, CARS_TABLES, "{count_distinct: \"lower(word(name, 1))\", of: cars}", str(m), str(m + 3))
    # a derive holding the same expression
    judged(tmp_path, CARS, CARS_TABLES, "{count_distinct: make, of: cars}", str(m), str(m - 3))


def test_most_common_manufacturer_is_a_top_of_an_expression(tmp_path: Path, cars: pd.DataFrame) -> None:
    counts = first_words(cars).value_counts()
    assert counts.iloc[0] > counts.iloc[1]  # no tie at the top in the constructed data
    top, second = counts.index[0], counts.index[1]
    judged(tmp_path, CARS, CARS_TABLES, "{top: \"lower(word(name, 1))\", of: cars}", f"[{top}]", f"[{second}]")
    judged(tmp_path, CARS, CARS_TABLES, "{top: upper(make), of: cars}", f"[{top.upper()}]", f"[{second.upper()}]")


def test_share_of_wagons_ends_with(tmp_path: Path, cars: pd.DataFrame) -> None:
    share = cars["name"].str.lower().str.strip().str.endswith("wagon").mean()
    pct = f"{100 * share:.1f}%"
    judged(tmp_path, CARS, CARS_TABLES, "{share: \"ends_with(lower(trim(name)), 'wagon')\", of: cars}", pct,
           f"{100 * share + 5:.1f}%")
    judged(tmp_path, CARS, CARS_TABLES, "{share: \"ilike(name, '%wagon')\", of: cars}", pct, f"{100 * share + 5:.1f}%")


@pytest.mark.parametrize(("where", "pandas_rows"), [
    ("starts_with(name, 'ford')", lambda c: c["name"].str.startswith("ford")),
    ("contains(lower(name), 'corolla')", lambda c: c["name"].str.lower().str.contains("corolla")),
    ("like(name, '%a_a%')", lambda c: c["name"].str.contains(r"a.a", regex=True)),
    ("length(trim(name)) > 15", lambda c: c["name"].str.strip().str.len() > 15),
    ("upper(origin) == 'JAPAN'", lambda c: c["origin"].str.upper() == "JAPAN"),
    ("split_part(lower(trim(name)), ' ', 1) == 'chevrolet'",
     lambda c: c["name"].str.lower().str.strip().str.split(" ").str[0] == "chevrolet"),
    ("word(name, -1) == 'wagon'", lambda c: c["name"].str.split().str[-1] == "wagon"),
    ("coalesce(horsepower, 0) == 0", lambda c: c["horsepower"].fillna(0) == 0),
    ("nullif(horsepower, 0) is null", lambda c: c["horsepower"].replace(0, np.nan).isna()),
])
def test_text_functions_count_like_pandas(tmp_path: Path, cars: pd.DataFrame, where: str, pandas_rows) -> None:
    n = int(pandas_rows(cars).fillna(False).sum())
    judged(tmp_path, CARS, CARS_TABLES, f"{{count: cars, where: \"{where}\"}}", str(n), str(n + 2))


def test_nullif_in_a_mean(tmp_path: Path, cars: pd.DataFrame) -> None:
    mean = cars["horsepower"].replace(0, np.nan).mean()
    judged(tmp_path, CARS, CARS_TABLES, "{mean: \"nullif(horsepower, 0)\", of: cars}", f"{mean:.1f}",
           f"{cars['horsepower'].mean():.1f}")


def test_story_text_claims(tmp_path: Path) -> None:
    defendants = pd.read_csv(DATA / "defendants.csv")
    n = int(defendants["lead_statute"].str.contains("1591", regex=False).sum())
    judged(tmp_path, DATA, STORY_TABLES, "{count: defendants, where: \"contains(lead_statute, '1591')\"}",
           f"{n:,}", f"{n + 100:,}")
    cases = pd.read_csv(DATA / "cases.csv")
    states = cases["district"].str.split().str[-1].nunique()
    judged(tmp_path, DATA, STORY_TABLES, "{count_distinct: \"word(district, -1)\", of: cases}", str(states),
           str(states + 4))


# -- 6. lag and lead in where and streak ---------------------------------------------------

def test_fell_in_k_years_by_the_period_column(tmp_path: Path, yearly: pd.DataFrame) -> None:
    by_year = yearly.sort_values("year")
    fell = int((by_year["mean_mpg"] < by_year["mean_mpg"].shift()).sum())
    judged(tmp_path, CARS, CARS_TABLES, "{count: yearly, where: \"mean_mpg < lag(mean_mpg, year)\"}", str(fell),
           str(fell + 2))
    fell_before = int((by_year["mean_mpg"] < by_year["mean_mpg"].shift(-1)).sum())
    judged(tmp_path, CARS, CARS_TABLES, "{count: yearly, where: \"mean_mpg < lead(mean_mpg, year)\"}",
           str(fell_before), str(fell_before + 2))


def test_lag_without_a_column_is_file_order(tmp_path: Path, yearly: pd.DataFrame) -> None:
    in_file = int((yearly["mean_mpg"] < yearly["mean_mpg"].shift()).sum())
    by_year = yearly.sort_values("year")
    assert in_file != int((by_year["mean_mpg"] < by_year["mean_mpg"].shift()).sum())  # the file is shuffled
    judged(tmp_path, CARS, CARS_TABLES, "{count: yearly, where: mean_mpg < lag(mean_mpg)}", str(in_file),
           str(in_file + 3))


def longest_run(flags: list[bool]) -> int:
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def test_rose_for_n_straight_years(tmp_path: Path, yearly: pd.DataFrame) -> None:
    by_year = yearly.sort_values("year")
    rose = (by_year["mean_mpg"] > by_year["mean_mpg"].shift()).tolist()
    n = longest_run(rose)
    judged(tmp_path, CARS, CARS_TABLES,
           "{streak: \"mean_mpg > lag(mean_mpg, year)\", of: yearly, order: year}", str(n), str(n + 1))
    # lag is computed before `where`: 1975 is compared with 1974 although 1974 is filtered out
    late = by_year["year"] >= 1975
    n_late = longest_run([r for r, keep in zip(rose, late, strict=True) if keep])
    judged(tmp_path, CARS, CARS_TABLES,
           "{streak: \"mean_mpg > lag(mean_mpg, year)\", of: yearly, order: year, where: year >= 1975}",
           str(n_late), str(n_late + 2))


def first_row(sql: str, folder: Path) -> dict[str, str]:
    """The first row of a claim's SQL, run by DuckDB in a fresh process from the data's folder."""
    code = ("import duckdb, json, sys; r = duckdb.sql(sys.stdin.read()); "
            "print(json.dumps(dict(zip(r.columns, [str(v) for v in r.fetchall()[0]]))))")
    proc = subprocess.run([sys.executable, "-c", code], input=sql, capture_output=True, text=True, cwd=folder,
                          check=True)
    return dict(json.loads(proc.stdout))


def test_explain_sql_of_percentile_and_top_share_reproduces_the_figure(tmp_path: Path, cars: pd.DataFrame) -> None:
    report = _verify(tmp_path, CARS, CARS_TABLES, [
        ("p", "{percentile: mpg, of: cars, p: 90}", "1"),
        ("r", "{percentile: mpg, of: cars, p: 90, method: nearest_rank}", "1"),
        ("t", "{top_share: horsepower, of: cars, in_top: 10%}", "1%"),
        ("g", "{top_share: 1, of: cars, by: make, in_top: 25%}", "1%"),
    ])
    p, r, t, g = report.results
    for result in (p, r):
        assert result.sql is not None
        assert Fraction(first_row(result.sql, tmp_path)["percentile"]) == Fraction(result.value_exact)
    for result in (t, g):
        assert result.sql is not None
        row = first_row(result.sql, tmp_path)
        assert Fraction(row["top_total"]) / Fraction(row["total"]) == Fraction(result.value_exact)
    assert (t.rows_kept, t.rows_unknown) == (len(cars), int(cars["horsepower"].isna().sum()))
    assert (g.rows_kept, g.rows_unknown) == (len(cars), 0)


def test_explain_sql_of_a_lag_condition_reproduces_the_figure(tmp_path: Path, yearly: pd.DataFrame) -> None:
    report = _verify(tmp_path, CARS, CARS_TABLES, [
        ("fell", "{count: yearly, where: \"mean_mpg < lag(mean_mpg, year)\"}", "1"),
        ("rose", "{streak: \"mean_mpg > lag(mean_mpg, year)\", of: yearly, order: year}", "1"),
    ])
    by_year = yearly.sort_values("year")
    fell = int((by_year["mean_mpg"] < by_year["mean_mpg"].shift()).sum())
    rose = longest_run((by_year["mean_mpg"] > by_year["mean_mpg"].shift()).tolist())
    for result, figure in zip(report.results, (fell, rose), strict=True):
        sql = result.sql
        assert 'AS "lag(mean_mpg, year)"' in sql  # the table's SQL shows how the lag is made
        proc = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.sql(sys.stdin.read())"
                               ".fetchall()[0][-1])"], input=sql, capture_output=True, text=True, cwd=tmp_path,
                              check=True)
        assert int(proc.stdout.strip()) == figure, sql


# -- 7. percentiles and the share held by the top N% ------------------------------------------

def test_top_10_percent_of_cars_beat_a_mileage(tmp_path: Path, cars: pd.DataFrame) -> None:
    mpg = cars["mpg"].dropna()
    p90 = mpg.quantile(0.9)  # pandas' default is linear interpolation
    assert p90 == pytest.approx(np.percentile(mpg, 90, method="linear"))
    report = judged(tmp_path, CARS, CARS_TABLES, "{percentile: mpg, of: cars, p: 90}", f"{p90:.2f}", f"{p90 + 1:.2f}")
    assert float(Fraction(report.results[0].value_exact)) == pytest.approx(p90, abs=1e-9)
    bound = math.floor(p90)
    judged(tmp_path, CARS, CARS_TABLES, "{percentile: mpg, of: cars, p: 90}", f"more than {bound}",
           f"more than {bound + 2}")


@pytest.mark.parametrize("p", [0, 5, 25, 50, 62.5, 90, 99, 100])
def test_percentile_methods_match_numpy(tmp_path: Path, cars: pd.DataFrame, p: float) -> None:
    hp = cars["horsepower"].dropna()
    report = _verify(tmp_path, CARS, CARS_TABLES, [
        ("linear", f"{{percentile: horsepower, of: cars, p: {p}}}", "1"),
        ("rank", f"{{percentile: horsepower, of: cars, p: {p}, method: nearest_rank}}", "1"),
    ])
    linear, rank = (float(Fraction(r.value_exact)) for r in report.results)
    assert linear == pytest.approx(np.percentile(hp, p, method="linear"), abs=1e-9)
    assert rank == np.percentile(hp, p, method="inverted_cdf")


def test_median_is_the_interpolated_50th_percentile(tmp_path: Path, cars: pd.DataFrame) -> None:
    report = _verify(tmp_path, CARS, CARS_TABLES, [
        ("median", "{median: mpg, of: cars}", "1"),
        ("p50", "{percentile: mpg, of: cars, p: 50}", "1"),
    ])
    mpg_ = cars["mpg"].dropna()
    assert len(mpg_) % 2 == 0  # an even count: the two definitions would differ
    values = [Fraction(r.value_exact) for r in report.results]
    assert values[0] == values[1] and float(values[0]) == pytest.approx(mpg_.median())


def test_top_10_percent_of_sentences_were_longer_than_20_years(tmp_path: Path) -> None:
    months = pd.read_csv(DATA / "defendants.csv")["sentence_months"].dropna()
    p90 = months.quantile(0.9)
    assert p90 > 240  # what the data says; the claim must agree
    judged(tmp_path, DATA, STORY_TABLES, "{percentile: sentence_months, of: defendants, p: 90}",
           "more than 240", f"more than {math.ceil(p90)}")


def top_share_pandas(values: pd.Series, percent: float) -> tuple[float, int]:
    values = values.dropna()
    k = math.floor(len(values) * percent / 100)
    return values.sort_values(ascending=False).iloc[:k].sum() / values.sum(), k


def test_most_powerful_tenth_of_cars_share_of_horsepower(tmp_path: Path, cars: pd.DataFrame) -> None:
    share, k = top_share_pandas(cars["horsepower"], 10)
    report = judged(tmp_path, CARS, CARS_TABLES, "{top_share: horsepower, of: cars, in_top: 10%}",
                    f"{100 * share:.1f}%", f"{100 * share + 3:.1f}%")
    details = report.results[0].details
    assert isinstance(details, TopShareDetails)
    assert (details.in_top, details.out_of) == (k, cars["horsepower"].notna().sum())


def test_quarter_of_manufacturers_made_a_share_of_models(tmp_path: Path, cars: pd.DataFrame) -> None:
    share, k = top_share_pandas(first_words(cars).value_counts(), 25)
    report = judged(tmp_path, CARS, CARS_TABLES, "{top_share: 1, of: cars, by: make, in_top: 25%}",
                    f"{100 * share:.0f}%", f"{100 * share - 5:.0f}%")
    assert Fraction(report.results[0].value_exact) == Fraction(
        int(first_words(cars).value_counts().iloc[:k].sum()), len(cars))


def test_story_cases_with_most_victims_hold_a_share_of_victims(tmp_path: Path) -> None:
    victims = pd.read_csv(DATA / "cases.csv")["n_victims"]
    share, _ = top_share_pandas(victims, 10)
    judged(tmp_path, DATA, STORY_TABLES, "{top_share: n_victims, of: cases, in_top: 10%}",
           f"{100 * share:.1f}%", f"{100 * share - 4:.1f}%")


def test_top_share_of_too_few_rows_is_unverifiable(tmp_path: Path) -> None:
    report = _verify(tmp_path, CARS, CARS_TABLES,
                     [("few", "{top_share: mean_mpg, of: yearly, in_top: 5%}", "10%")])
    result = report.results[0]
    assert result.verdict == "unverifiable" and "less than one" in result.message


def test_the_cars_example_claims_file_passes() -> None:
    """tests/fixtures/autos/claims.yaml, quoted in docs/expressions.md and docs/claims-format.md."""
    report = factcheck.verify(CARS / "claims.yaml")
    assert [r.verdict for r in report.results] == ["pass"] * len(report.results), [
        r.message for r in report.results]
    assert len(report.results) == 9
