"""`suggest` takes a school or fiscal year the sentence names as its period, on a column of such labels.

A column of school years (``2019-20``) or fiscal years (``FY2021``) is a time column to the run
(read by its first year), and `init` declares it one. `suggest` saw only a column of text: "In
2019-20, 412 students were suspended" got ``where: school_year == '2019-20' and suspended`` marked
as reading the sentence otherwise ("it adds a filter, a year or a count the sentence does not
name"), and so did "In 2020" and "FY2021 spending rose to $3.2 million". Now the label is the
period, as a plain year is over a column of years.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from drafts import csv_text, init_and_suggest
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()


def _students(labels: tuple[str, str, str] = ("2018-19", "2019-20", "2020-21"),
              suspended: tuple[int, int, int] = (300, 412, 150)) -> str:
    rng = random.Random(1)
    rows, i = [], 0
    for label, n in zip(labels, suspended, strict=True):
        for k in range(n + 100):
            i += 1
            rows.append(f"{i},{label},{rng.choice(['North', 'South', 'East'])},{'yes' if k < n else 'no'}")
    return csv_text("student_id,school_year,school,suspended", rows)


BUDGET = csv_text("fiscal_year,department,spending", [
    f"{fy},{dept},{int(amount * share)}" for fy, amount in (("FY2019", 1_100_000), ("FY2020", 2_400_000),
                                                           ("FY2021", 3_200_000))
    for dept, share in (("Police", 1.0), ("Fire", 0.5))])


def _first(claims: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(claims) == 1 and claims[0]["candidates"], claims
    return claims[0]["candidates"][0]  # type: ignore[no-any-return]


def _runs(folder: Path, says: str, expect: Any, measure: dict[str, Any]) -> str:
    """The starter file with this one claim, measured, run: its verdict as the terminal shows it."""
    doc = yaml.safe_load((folder / "story.claims.yaml").read_text(encoding="utf-8"))
    doc["claims"] = [{"id": "c", "says": says, "measure": measure, "expect": expect}]
    (folder / "checked.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    result = runner.invoke(app, ["run", str(folder / "checked.yaml")])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("labels, said", [
    (("2018-19", "2019-20", "2020-21"), "2019-20"),
    (("2018-2019", "2019-2020", "2020-2021"), "2019-2020"),
    (("2018/19", "2019/20", "2020/21"), "2019/20"),
])
def test_a_school_year_said_is_the_period(tmp_path: Path, labels: tuple[str, str, str], said: str) -> None:
    says = f"In {said}, 412 students were suspended."
    claims = init_and_suggest(tmp_path, says, {"students.csv": _students(labels)})
    first = _first(claims)
    assert first["measure"] == {"count": "students", "where": f"suspended and school_year == '{labels[1]}'"}
    assert first["verdict"] == "pass" and first["departs"] is False
    assert "PASS" in _runs(tmp_path, says, 412, first["measure"])  # the run reads the same period


def test_a_fiscal_year_said_is_the_period(tmp_path: Path) -> None:
    says = "FY2021 spending on Police rose to $3.2 million."
    first = _first(init_and_suggest(tmp_path, says, {"budget.csv": BUDGET}))
    assert first["measure"]["where"] == "department == 'Police' and fiscal_year == 'FY2021'"
    assert first["verdict"] == "pass" and first["departs"] is False


def test_fiscal_years_in_a_column_not_named_for_them_are_fiscal(tmp_path: Path) -> None:
    """A column named `period` holding FY2019 … FY2021 is no calendar year read for a fiscal one."""
    says = "In FY2021, the city spent $3.2 million on Police."
    first = _first(init_and_suggest(tmp_path, says, {"budget.csv": BUDGET.replace("fiscal_year", "period", 1)}))
    assert first["measure"]["where"] == "department == 'Police' and period == 'FY2021'"
    assert first["departs"] is False


def test_a_plain_year_may_be_either_school_year_it_touches(tmp_path: Path) -> None:
    """"In 2020" over school years: 2019-20 (which ends in it) or 2020-21 (which begins in it), as the
    run's own message for `from: 2020` says; either reads the sentence."""
    claims = init_and_suggest(tmp_path, "In 2020, 150 students were suspended.", {"students.csv": _students()})
    first = _first(claims)
    assert first["measure"] == {"count": "students", "where": "suspended and school_year == '2020-21'"}
    assert first["departs"] is False
    claims = init_and_suggest(tmp_path, "In 2020, 412 students were suspended.", {"students.csv": _students()})
    first = _first(claims)
    assert first["measure"] == {"count": "students", "where": "suspended and school_year == '2019-20'"}
    assert first["departs"] is False


def test_a_school_year_said_is_not_read_as_its_neighbour(tmp_path: Path) -> None:
    """"In 2019-20, 300 …" where 2018-19 had 300: 2018-19 is no reading of the sentence (a plain 2019
    could be either; a label names one)."""
    claims = init_and_suggest(tmp_path, "In 2019-20, 300 students were suspended.", {"students.csv": _students()})
    readings = [c for c in claims[0]["candidates"] if "2018-19" in str(c["measure"]) and not c["departs"]]
    assert readings == []
