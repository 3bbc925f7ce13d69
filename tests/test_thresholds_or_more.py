"""A threshold written after its noun ("have 1,000 beds or more") or with its noun left to the
clause before ("found no deficiencies …, while more than a third found 10 or more") is the
condition of the sentence's other figure, as "more than $100,000" is of "Eleven contracts". A
reporter's walk (F10) found both read as figures of their own: init wrote `expect: '10'` with "read
as written: 232 (fail): is the figure wrong?", and coverage listed them as not checked with no
word of whose condition they are."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from factcheck.suggest.thresholds import condition_of_a_figure, phrases
from tests.drafts import csv_text, init_and_suggest

SHARE = "Seven inspections found no deficiencies at all, while more than a third found 10 or more."
COUNT = "Some 93 homes have 1,000 beds or more."


@pytest.mark.parametrize("sentence, expect, condition", [
    (SHARE, "10", ("more than a third", "share")),
    (COUNT, "1,000", ("Some 93", "count")),
    ("Twelve homes had 300 beds or fewer.", "300", ("Twelve", "count")),
    ("Eleven contracts were worth more than $100,000.", "more than $100,000", ("Eleven", "count")),  # as before
])
def test_a_threshold_after_its_noun_is_the_condition_of_the_other_figure(sentence: str, expect: str,
                                                                          condition: tuple[str, str]) -> None:
    assert condition_of_a_figure(sentence, expect) == condition


@pytest.mark.parametrize("sentence, found", [
    (COUNT, [(">=", Fraction(1000), "beds", "1,000")]),
    (SHARE, [(">=", Fraction(10), "", "10")]),
    ("Homes with five beds or fewer closed.", [("<=", Fraction(5), "beds", "five")]),
    ("Two or more officers were present.", [(">=", Fraction(2), "officers", "Two")]),   # read once, as before
    ("500,000 dollars or more went to 12 firms.", [(">=", Fraction(500_000), "$", "500,000")]),  # money, as before
    ("It had 1,000 beds or more than that.", []),
    ("Some 40 of them, or more.", []),
])
def test_the_thresholds_read(sentence: str, found: list[tuple[str, Fraction, str, str]]) -> None:
    assert [(p.op, p.number, p.noun, p.figure) for p in phrases(sentence)] == found


def test_init_and_suggest_say_whose_condition_it_is(tmp_path: Path) -> None:
    homes = [f"H{i:03d},{1000 + i if i < 93 else 40 + i}" for i in range(260)]
    claims = init_and_suggest(tmp_path, COUNT, {"homes.csv": csv_text("home_id,beds", homes)}, "Homes")
    by = {c["expect"]: c for c in claims}
    assert by["1,000"]["note"].startswith("'1,000' is the condition of 'Some 93' in this sentence")
    assert not by["1,000"]["candidates"] and by["1,000"].get("reading") is None
    first = by["Some 93"]["candidates"][0]
    assert first["measure"] == {"count": "homes", "where": "beds >= 1000"} and first["verdict"] == "pass"


def test_coverage_says_whose_condition_an_unchecked_threshold_is(tmp_path: Path) -> None:
    """Before, the "why" column of such a figure was empty, where an ignored figure gives its reason
    and a noted one its claims: the editor could not tell it from a figure nobody had looked at."""
    import json

    from typer.testing import CliRunner

    from factcheck.cli import app

    homes = [f"H{i:03d},{1000 + i if i < 93 else 40 + i}" for i in range(260)]
    (tmp_path / "homes.csv").write_text(csv_text("home_id,beds", homes), encoding="utf-8")
    (tmp_path / "article.md").write_text(f"# Homes\n\n{COUNT}\n\n{SHARE}\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "article: article.md\ntables:\n  homes: {path: homes.csv}\nclaims:\n"
        f"  - id: big-homes\n    says: {COUNT}\n    measure: {{count: homes, where: 'beds >= 1000'}}\n"
        "    expect: Some 93\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "claims.yaml"), "--json", str(report),
                                      "--markdown", str(tmp_path / "report.md")])
    assert result.exit_code == 0, result.output
    why = {f["text"]: f["reason"] for f in json.loads(report.read_text(encoding="utf-8"))["coverage"]["figures"]
           if f["status"] == "not_checked"}
    assert why["1,000"] == ("the condition of 'Some 93' in its sentence: claim big-homes checks it "
                            "(count: …, where: …); list it under ignore: with that reason")
    assert why["10"].startswith("the condition of 'more than a third' in its sentence: the claim of "
                                "'more than a third' checks it (share: …")
    assert why["more than a third"] is None  # a figure of its own: nothing to say but that no claim states it
    assert f"| 1,000 | 3 | {COUNT} | not checked | {why['1,000']} |" in (tmp_path / "report.md").read_text(
        encoding="utf-8")
    assert f"not checked: 1,000 (line 3) in \"{COUNT}\" \u2014 {why['1,000']}" in result.output
