"""Runs of periods ("for a fourth straight year", "for the third year in a row"): found, encoded, covered.

Before, such a figure was an ``extreme`` (``init`` wrote ``expect: true``, which no measure of
a run reads as written) and ``suggest`` offered "the highest year" for it, a pass that checked
something else; "for the third year in a row" was no figure at all.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import find_figures

# filings per year: 5, 4, 6, 7, 9 from 2019 to 2023: up three years in a row, after a fall
COUNTS = {2019: 5, 2020: 4, 2021: 6, 2022: 7, 2023: 9}


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("Filings rose for a fourth straight year.", "for a fourth straight year", 4),
    ("Convictions fell for the third year in a row.", "for the third year in a row", 3),
    ("It grew five consecutive years.", "five consecutive years", 5),
    ("It grew 3 years in a row.", "3 years in a row", 3),
    ("It was up for the 2nd straight month.", "for the 2nd straight month", 2),
])
def test_a_run_of_periods_is_a_figure_with_its_number(sentence: str, text: str, value: int) -> None:
    [found] = find_figures(sentence + "\n")
    assert [(f.text, f.kind, f.value) for f in found.figures] == [(text, "streak", Fraction(value))]


def _story(tmp_path: Path, article: str) -> CliRunner:
    rows = [f"F{i:03d},{year}-0{1 + i % 9}-1{i % 9}" for year, n in COUNTS.items() for i in range(n)]
    (tmp_path / "filings.csv").write_text("id,filed\n" + "\n".join(f"{r}" for r in rows) + "\n", encoding="utf-8")
    (tmp_path / "story.md").write_text(article, encoding="utf-8")
    runner = CliRunner()
    made = runner.invoke(app, ["init", "story.md", "filings.csv"])
    assert made.exit_code == 0, made.output
    return runner


def test_init_and_suggest_read_a_run_as_the_number_of_years_it_rose(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = _story(tmp_path, "# Filings\n\nFilings rose for a third straight year in 2023.\n\n"
                              "Filings climbed for a fourth straight year.\n")
    claims = yaml.safe_load((tmp_path / "story.claims.yaml").read_text(encoding="utf-8"))["claims"]
    assert [c["expect"] for c in claims] == [3, 4]
    got = runner.invoke(app, ["suggest", "story.claims.yaml", "--json", "-"])
    assert got.exit_code == 0, got.output
    third, fourth = json.loads(got.stdout)["claims"]
    assert third["candidates"][0]["measure"] == {"rising": {"count": "filings"}, "over": "filed_year", "to": 2023} \
        or third["candidates"][0]["measure"] == {"rising": {"count": "filings"}, "over": "filed_year"}
    assert third["candidates"][0]["verdict"] == "pass"
    # the data rose three years in a row, not four: the sentence's reading fails, and is shown
    assert fourth["candidates"] == []
    assert fourth["reading"]["measure"] == {"rising": {"count": "filings"}, "over": "filed_year"}
    assert (fourth["reading"]["value"], fourth["reading"]["verdict"]) == (3, "fail")


def test_a_claim_of_the_run_covers_its_figure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = _story(tmp_path, "# Filings\n\nFilings rose for a third straight year.\n\n"
                              "Filings have risen every year since 2020, for a third year in a row.\n")
    claims_file = tmp_path / "story.claims.yaml"
    data = yaml.safe_load(claims_file.read_text(encoding="utf-8"))
    data["claims"][0]["measure"] = {"rising": {"count": "filings"}, "over": "filed_year"}
    data["claims"][1]["measure"] = {"rising": {"count": "filings"}, "over": "filed_year", "since": 2020}
    data["claims"][1]["expect"] = True  # `since:` reads the run as true or false; it states the run too
    data["claims"] = data["claims"][:2]
    claims_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    got = runner.invoke(app, ["run", "story.claims.yaml", "--require-coverage", "--json", "-"])
    assert got.exit_code == 0, got.output
    report = json.loads(got.stdout)
    assert [r["verdict"] for r in report["results"]] == ["pass", "pass"]
    assert {f["text"]: f["status"] for f in report["coverage"]["figures"]} == {
        "for a third straight year": "checked", "every year since 2020": "checked",
        "for a third year in a row": "checked"}

