"""How `suggest` matches the words of a sentence with names in the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest.words import words

runner = CliRunner()


@pytest.mark.parametrize(("said", "name"), [
    ("pass rate", "passed"), ("passing", "passed"), ("waits", "wait_minutes"), ("waited", "wait_minutes"),
    ("girls", "girl"), ("fines", "fines_usd"), ("cases", "case_id"), ("convicted", "convictions"),
    ("referrals", "referral_source"),
])
def test_a_word_names_a_column_whatever_its_ending(said: str, name: str) -> None:
    assert words(said) & words(name)


@pytest.mark.parametrize(("said", "name"), [("rated", "rate"), ("bus", "business"), ("owed", "owner")])
def test_a_short_word_keeps_its_ending(said: str, name: str) -> None:
    assert not words(said) & words(name)


def test_a_pass_rate_is_the_share_of_passed_tests(tmp_path: Path) -> None:
    """"Lincoln's math pass rate was 64%": the share of its math tests passed. Before, "pass" and
    "passed" were two words (their first five letters differ), so `passed` was named by nothing,
    and the share of Lincoln's tests that were in math was offered as the sentence's reading."""
    rows = [f"T{i},{school},{subject},{'true' if passed else 'false'}"
            for i, (school, subject, passed) in enumerate(
                [("Lincoln", "math", k < 16) for k in range(25)] + [("Lincoln", "reading", k < 10) for k in range(25)]
                + [("Cedar", "math", k < 10) for k in range(25)] + [("Cedar", "reading", k < 15) for k in range(25)])]
    (tmp_path / "tests.csv").write_text("test_id,school,subject,passed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\ntitle: Scores\ntables:\n  tests: {path: tests.csv, key: test_id}\nclaims:\n"
        "  - {id: c, says: \"Lincoln's math pass rate was 64%.\", expect: 64%}\n", encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(tmp_path / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    first = json.loads(got.stdout)["claims"][0]["candidates"][0]
    assert first["measure"] == {"share": "passed", "of": "tests", "where": "school == 'Lincoln' and subject == 'math'"}
