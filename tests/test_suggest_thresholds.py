"""A share whose condition is a threshold the sentence states on a number.

"Nearly a third of patients waited more than four hours" counts the visits where
``wait_minutes > 240``: no value of any category. `suggest` had no such condition, so the
share got no suggestion, and the figure "more than four hours" of the same sentence got
sums of minutes and counts of rows that meet "more than 4". The data is constructed.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest import Suggestions, suggest
from factcheck.suggest.thresholds import condition_of_a_figure, phrases

STORY = ("# Waiting\n\nNearly a third of patients waited more than four hours in 2024. Patients waited "
         "186 minutes on average in 2024, more than three hours. Few hospitals have more than 300 beds.\n")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thresholds")
    (root / ".git").mkdir()
    # 25 visits in 2024: 17 waits of 100 to 180 minutes (by fives) and 8 of 250 to 320 (by tens):
    # 32% wait more than 240 minutes, and the mean is 186.4
    waits = [100 + 5 * i for i in range(17)] + [250 + 10 * i for i in range(8)]
    (root / "visits.csv").write_text("visit_id,year,wait_minutes,site\n" + "".join(
        f"{i},2024,{w},{'main' if i % 2 else 'annex'}\n" for i, w in enumerate(waits)), encoding="utf-8")
    (root / "story.md").write_text(STORY, encoding="utf-8")
    (root / "claims.yaml").write_text(
        "version: 1\narticle: story.md\ntables:\n  visits: {path: visits.csv, key: visit_id}\nclaims:\n"
        "  - {id: third, says: Nearly a third of patients waited more than four hours in 2024., "
        "expect: Nearly a third}\n"
        "  - {id: four-hours, says: Nearly a third of patients waited more than four hours in 2024., "
        "expect: more than four hours}\n"
        "  - {id: three-hours, says: 'Patients waited 186 minutes on average in 2024, more than three hours.', "
        "expect: more than three hours}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def found(repo: Path) -> Suggestions:
    return suggest(repo / "claims.yaml")


def test_phrases_read_the_comparison_the_number_and_what_it_is_of() -> None:
    got = [(p.op, p.number, p.noun) for p in phrases(STORY)]
    assert got == [(">", Fraction(4), "hours"), (">", Fraction(3), "hours"), (">", Fraction(300), "beds")]
    assert [(p.op, p.number) for p in phrases("at least 2,500 visits, under 12.5 days, no more than ten weeks")] \
        == [(">=", 2500), ("<", Fraction(25, 2)), ("<=", 10)]
    assert phrases("more than a third of them") == []  # "a third" is a share, no number of anything


def test_the_share_past_a_threshold_is_suggested_in_the_column_s_unit(found: Suggestions) -> None:
    third = found.for_claim("third")
    assert third.candidates[0].measure == {"share": "wait_minutes > 240", "of": "visits", "where": "year == 2024"}
    assert third.candidates[0].value_text == "32%" and third.candidates[0].verdict == "pass"


def test_the_threshold_figure_is_said_to_be_the_share_s_condition(found: Suggestions) -> None:
    four = found.for_claim("four-hours")
    assert four.candidates == [] and four.reading is None
    assert four.note is not None and four.note.startswith(
        "'more than four hours' is the condition of 'Nearly a third' in this sentence")
    assert condition_of_a_figure("Patients waited more than three hours.", "more than three hours") is None


def test_no_mean_is_kept_to_the_rows_past_the_threshold_it_is_judged_against(found: Suggestions) -> None:
    """`mean: wait_minutes` where `wait_minutes > 180` is more than three hours whatever the data."""
    three = found.for_claim("three-hours")
    assert three.candidates and all("wait_minutes >" not in str(s.measure.get("where", ""))
                                    for s in three.candidates if "mean" in s.measure or "sum" in s.measure)
    assert {"mean": "wait_minutes", "of": "visits", "where": "year == 2024"} in [s.measure for s in three.candidates]


def test_init_writes_the_share_and_says_what_the_threshold_figure_is(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for name in ("visits.csv", "story.md"):
        (root / name).write_text((repo / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["init", str(root / "story.md"), str(root / "visits.csv")])
    assert result.exit_code == 0, result.output
    # a claim whose figure is a condition gets a reason, not a suggestion, and is not counted as one
    said = " ".join(result.output.split())
    assert "claims (" in said and said.count("with suggestions") == 1
    text = (root / "story.claims.yaml").read_text(encoding="utf-8")
    commented = text.count("    # suggestion 1:") + text.count("    # read as written:")
    assert f"({commented} with suggestions)" in said
    assert "    #     share: wait_minutes > 240\n" in text
    assert "    # no suggestion: 'more than four hours' is the condition of 'Nearly a third' in this sentence" in text


def test_run_says_why_a_threshold_figure_gets_no_suggestion(repo: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(repo / "claims.yaml")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert ("four-hours: stated more than four hours, no measure yet, nothing computed no measure yet; run `factcheck suggest` for one; 'more than four "
            "hours' is the condition of 'Nearly a third' in this sentence") in text


def test_an_age_threshold_is_a_condition_and_its_number_is_no_figure_of_its_own(tmp_path: Path) -> None:
    """"A quarter of visitors were 65 or older": the share of `age >= 65`; the "65" init finds
    was read as written as a count of rows and shown as a wrong figure."""
    (tmp_path / ".git").mkdir()
    ages = list(range(20, 60)) + list(range(65, 85))  # constructed: 40 under 65, 20 of 65 to 84
    (tmp_path / "visits.csv").write_text("visit_id,age\n" + "".join(f"{i},{a}\n" for i, a in enumerate(ages)),
                                         encoding="utf-8")
    says = "A third of visitors were 65 or older."
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntables:\n  visits: {path: visits.csv, key: visit_id}\nclaims:\n"
        f"  - {{id: third, says: {says}, expect: A third}}\n  - {{id: age, says: {says}, expect: '65'}}\n",
        encoding="utf-8")
    found = suggest(tmp_path / "claims.yaml")
    assert found.for_claim("third").candidates[0].measure == {"share": "age >= 65", "of": "visits"}
    age = found.for_claim("age")
    assert age.candidates == [] and age.reading is None
    assert age.note is not None and age.note.startswith("'65' is the condition of 'A third' in this sentence")


def test_thresholds_past_the_cap_are_said_to_be_left_out(tmp_path: Path) -> None:
    from factcheck.suggest.profile import Profile
    from factcheck.suggest.thresholds import MAX_PER_TABLE, threshold_dimensions
    profile = Profile("visits", "FROM visits", 10, numbers=[("wait_minutes", '"visits"."wait_minutes"')])
    says = " ".join(f"More than {n} hours." for n in range(1, MAX_PER_TABLE + 3))
    dims = threshold_dimensions(profile, [says])
    assert [d.name for d in dims] == [f"wait_minutes > {60 * n}" for n in range(1, MAX_PER_TABLE + 1)]
    assert profile.capped == [f"visits: at most {MAX_PER_TABLE} thresholds a sentence states tried "
                              f"(wait_minutes > {60 * n} left out)" for n in (MAX_PER_TABLE + 1, MAX_PER_TABLE + 2)]
