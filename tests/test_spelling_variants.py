"""A compared value whose column also holds it spelt another way (case or spacing) is a warning.

``where: platform == 'Facebook'`` leaves out rows that read ``'Facebook '`` or ``'facebook'``:
the figure may be short with nothing said. Each claim that compares such a value carries the
warning note ``spelling_variants``, naming the other spellings, their rows, and how to count
them; a claim that names every spelling carries none. Tables above ``TWINS_UP_TO`` rows are
not looked at (the look-up reads the whole column).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.expressions import quote_ident
from factcheck.planning import typos
from factcheck.planning.typos import normal, twins_sql
from factcheck.report import NoteCode

runner = CliRunner()

VICTIMS = ("id,platform,case_id,age\n1,Facebook,a,20\n2,Facebook ,a,31\n3,facebook,b,17\n4,Instagram,b,25\n"
           "5,Facebook,c,40\n6,\u00a0FACEBOOK,c,22\n7,Face book,c,19\n8,Instagram,a,30\n")
CASES = "case_id,kind\na,Sex\nb,labor\nc,sex\n"
CLAIMS = """\
version: 1
tables:
  victims: {path: victims.csv, lookup: {case: cases via case_id}}
  cases: {path: cases.csv}
claims:
  - id: facebook
    says: Two victims were recruited on Facebook.
    measure: {count: victims, where: platform == 'Facebook'}
    expect: 2
  - id: every-spelling
    says: Five victims were recruited on Facebook.
    measure: {count: victims, where: "platform in ['Facebook', 'Facebook ', 'facebook', '\u00a0FACEBOOK']"}
    expect: 5
  - id: some-spellings
    says: Four victims were recruited on Facebook.
    measure: {count: victims, where: "platform in ['Facebook', 'facebook']"}
    expect: 3
  - id: elsewhere-in-sex-cases
    says: Three victims in sex-trafficking cases were recruited elsewhere.
    measure: {count: victims, where: "platform != 'Facebook' and case.kind == 'sex'"}
    expect: 3
  - id: instagram
    says: Two victims were recruited on Instagram.
    measure: {count: victims, where: platform == 'Instagram'}
    expect: 2
  - id: mean-age
    says: Facebook's victims were 30 on average.
    measure: {mean: age, of: victims, where: platform == 'Facebook'}
    expect: 30
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "victims.csv").write_text(VICTIMS, encoding="utf-8")
    (root / "cases.csv").write_text(CASES, encoding="utf-8")
    (root / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return root / "claims.yaml"


def notes(report: factcheck.Report) -> dict[str, list[str]]:
    return {r.id: [n.message for n in r.notes if n.code == NoteCode.SPELLING_VARIANTS] for r in report.results}


def test_each_claim_is_warned_of_the_spellings_it_leaves_out(story: Path) -> None:
    found = notes(factcheck.verify(story))
    [facebook] = found["facebook"]
    assert facebook == ("column 'platform' of table 'victims' also holds 'Facebook ' (1 row), 'facebook' (1 row) "
                        "and '\\xa0FACEBOOK' (1 row), which differ from 'Facebook' only in case or spacing, so the "
                        "claim takes them for other values; if they are the same, name every spelling: "
                        "in ['Facebook', 'Facebook ', 'facebook', '\\xa0FACEBOOK']")
    assert "'Face book'" not in facebook      # two words where 'Facebook' has one: another value
    assert found["every-spelling"] == [] and found["instagram"] == []
    [some] = found["some-spellings"]          # only the spellings this claim does not name
    assert some.startswith("column 'platform' of table 'victims' also holds 'Facebook ' (1 row) and '\\xa0FACEBOOK' "
                           "(1 row), which differ from 'Facebook' and 'facebook' only in case or spacing")
    assert len(found["mean-age"]) == 1        # a mean is as short of rows as a count
    [platform, kind] = found["elsewhere-in-sex-cases"]  # != too, and a column reached through a lookup
    assert "differ from 'Facebook'" in platform
    assert kind.startswith("column 'kind' of table 'cases' also holds 'Sex' (1 row), which differs from 'sex'")


def test_the_warning_is_beside_the_verdict_in_every_report_and_changes_no_verdict(story: Path) -> None:
    result = runner.invoke(app, ["run", str(story), "--json", "-"])
    assert result.exit_code == 1, result.output       # elsewhere-in-sex-cases fails; a warning fails nothing
    report = json.loads(result.stdout[result.stdout.index("{"):])
    verdicts = {r["id"]: r["verdict"] for r in report["results"]}
    assert verdicts == {"facebook": "pass", "every-spelling": "pass", "some-spellings": "pass",
                        "elsewhere-in-sex-cases": "fail", "instagram": "pass", "mean-age": "pass"}
    warned = {r["id"] for r in report["results"] for n in r["notes"] if n["code"] == "spelling_variants"}
    assert warned == {"facebook", "some-spellings", "elsewhere-in-sex-cases", "mean-age"}
    assert all(n["warning"] for r in report["results"] for n in r["notes"] if n["code"] == "spelling_variants")
    terminal = runner.invoke(app, ["run", str(story)], env={"COLUMNS": "80"}).output
    assert "4 with a WARNING" in terminal
    # beside the verdict the code, under it the message: said once, not twice on one screen
    lines = terminal.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("PASS") and "facebook:" in line)
    block = [lines[at]] + list(itertools.takewhile(lambda line: line.startswith(" "), lines[at + 1:]))
    assert block[0].endswith("WARNING spelling_variants")
    assert sum("also holds 'Facebook ' (1 row), 'facebook' (1 row)" in line for line in block) == 1
    markdown = runner.invoke(app, ["run", str(story), "--markdown", "-"]).output
    row = next(line for line in markdown.splitlines() if line.startswith("| ✅ pass") and "`facebook`" in line)
    assert "**WARNING spelling\\_variants**" in row.split("|")[1] and row.count("also holds") == 1


def test_check_shows_the_warnings_too_and_still_passes(story: Path) -> None:
    """`factcheck check` reads the same data before any claim is judged: it said "ok" and
    nothing of the spellings that `run` would warn of."""
    checked = factcheck.check(story)
    assert [(claim, line, note.code) for claim, line, note in checked.warnings][:2] == [
        ("facebook", 6, NoteCode.SPELLING_VARIANTS), ("some-spellings", 14, NoteCode.SPELLING_VARIANTS)]
    assert {claim for claim, _, _ in checked.warnings} == {"facebook", "some-spellings", "elsewhere-in-sex-cases",
                                                           "mean-age"}
    result = runner.invoke(app, ["check", str(story)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output  # a warning fails nothing
    lines = result.output.splitlines()
    assert lines[0].startswith("ok: ") and lines[0].endswith("; 4 with a WARNING")
    at = lines.index("  facebook  (line 6)")
    assert lines[at + 1].startswith("    WARNING spelling_variants: column 'platform' of table 'victims' also holds")
    assert lines[lines.index("  every-spelling  (line 10)") + 1].startswith("  some-spellings")  # none for it
    annotated = runner.invoke(app, ["check", str(story), "--annotations", "github"]).output
    assert "::warning file=claims.yaml,line=6,title=factcheck%3A claim 'facebook' has a warning%3A " \
           "spelling_variants::column 'platform'" in annotated


def test_run_annotates_a_warning_even_on_a_claim_that_passes(story: Path) -> None:
    annotated = runner.invoke(app, ["run", str(story), "--annotations", "github"]).output
    warned = [line for line in annotated.splitlines() if line.startswith("::warning") and "has a warning" in line]
    assert len(warned) == 5  # four claims, one of them warned of two columns
    assert not any("claim 'instagram'" in line for line in warned)
    assert sum("claim 'mean-age' has a warning%3A spelling_variants" in line for line in warned) == 1


def test_clean_data_gives_no_warning(story: Path) -> None:
    root = story.parent
    (root / "victims.csv").write_text("id,platform,case_id,age\n1,Facebook,a,20\n2,Instagram,b,30\n", encoding="utf-8")
    (root / "cases.csv").write_text("case_id,kind\na,sex\nb,labor\n", encoding="utf-8")
    (root / "claims.yaml").write_text(CLAIMS.replace("'Facebook ', 'facebook', '\u00a0FACEBOOK'", "'Instagram'")
                                      .replace("'Facebook', 'facebook'", "'Facebook'"), encoding="utf-8")
    assert notes(factcheck.verify(root / "claims.yaml")) == {r: [] for r in notes(factcheck.verify(story))}


def test_the_shipped_story_has_no_spelling_variants() -> None:
    report = factcheck.verify(Path(__file__).resolve().parents[1] / "claims" / "2020.yaml")
    assert not any(notes(report).values())


def test_tables_above_the_limit_are_not_looked_at(story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(typos, "TWINS_UP_TO", 7)                 # victims has 8 rows, cases 3
    found = notes(factcheck.verify(story))
    assert found["facebook"] == []
    assert [m.split(" also")[0] for m in found["elsewhere-in-sex-cases"]] == ["column 'kind' of table 'cases'"]


def test_a_value_that_never_occurs_is_still_an_error_not_a_warning(story: Path) -> None:
    story.write_text(CLAIMS.replace("platform == 'Instagram'", "platform == 'instagram'"), encoding="utf-8")
    result = runner.invoke(app, ["run", str(story)])
    assert result.exit_code == 2 and "never holds 'instagram'" in result.output and "did you mean 'Instagram'" in result.output


def test_spark_warns_alike(story: Path, spark: Any) -> None:
    assert notes(factcheck.verify(story, engine="spark")) == notes(factcheck.verify(story))


# --------------------------------------------------------------------------- the look-up finds every twin

LETTERS = st.characters(categories=["L", "N", "P"]).filter(  # a case of its own each way ('İ' lower-cases to two)
    lambda c: len(c.swapcase()) == 1 and c.swapcase().swapcase() == c)
SPACES = st.sampled_from([" ", "  ", "\t", "\u00a0", "\u2009", "\u3000"])


@st.composite
def twin(draw: st.DrawFn) -> tuple[str, str]:
    """A value and another spelling of it: each letter's case flipped at will, spacing changed."""
    words = draw(st.lists(st.text(LETTERS, min_size=1, max_size=6), min_size=1, max_size=3))
    flipped = ["".join(c.swapcase() if draw(st.booleans()) else c for c in w) for w in words]
    spaced = draw(st.lists(SPACES, min_size=len(words) - 1, max_size=len(words) - 1))
    other = draw(st.sampled_from(["", " ", "\u00a0"])) + flipped[0]
    for space, word in zip(spaced, flipped[1:], strict=True):
        other += space + word
    return " ".join(words), other + draw(st.sampled_from(["", " ", "\t"]))


@settings(max_examples=200, deadline=None)
@given(pair=twin())
def test_the_look_up_returns_every_twin_of_a_literal(pair: tuple[str, str]) -> None:
    """The SQL is a superset of :func:`normal`'s twins: Python decides, so none may be lost."""
    literal, other = pair
    assert normal(literal) == normal(other)
    con = duckdb.connect()
    con.execute("CREATE TABLE t (c VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[literal], [other], ["unrelated"]])
    held = {v for v, _ in con.execute(twins_sql(quote_ident("c"), quote_ident("t"), [literal])).fetchall()}
    assert other in held and literal in held


@pytest.mark.parametrize(("literal", "other"), [("St. Louis", "Saint Louis"), ("Saint Louis", "ST LOUIS"),
                                                ("Mount Vernon", "Mt. Vernon"), ("Ft. Worth", "Fort  Worth"),
                                                ("ST.LOUIS", "Saint Louis"), ("Sainte Genevieve", "Ste-Genevieve")])
def test_the_look_up_returns_a_twin_written_with_the_other_form_of_an_abbreviation(literal: str, other: str) -> None:
    """The SQL looked for every word of the literal, 'St.' included, so it never returned
    'Saint Louis' for Python to call a twin."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (c VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[literal], [other], ["unrelated"]])
    held = {v for v, _ in con.execute(twins_sql(quote_ident("c"), quote_ident("t"), [literal])).fetchall()}
    assert held == {literal, other}
