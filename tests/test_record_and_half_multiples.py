"""Two newsroom wordings a reporter's walk (F16) could not get read: "nearly two and a half times"
(read for hours and millions, not for multiples) and `expect: a record 218`, which states two
figures, and whose hint gave examples of a plain number."""

from __future__ import annotations

import textwrap
from fractions import Fraction as F
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.figures import figures_in_phrase, find_figures
from factcheck.expectations import parse_expectation
from factcheck.expectations.shape import MeasureShape
from factcheck.starter import _expect

RATIO = MeasureShape("change_ratio")
runner = CliRunner()


@pytest.mark.parametrize(("written", "low", "high"), [
    ("two and a half times", F(49, 20), F(51, 20)),          # as "2.5 times" reads
    ("two-and-a-half times as many", F(49, 20), F(51, 20)),
    ("nearly two and a half times", F(19, 8), F(5, 2)),      # as "nearly 2.5 times"
    ("about three and a half times as much", F(665, 200), F(735, 200)),
])
def test_and_a_half_times_is_a_multiple(written: str, low: F, high: F) -> None:
    e = parse_expectation(written, RATIO)
    assert e.interval is not None and (e.interval.low, e.interval.high) == (low, high), e.meaning
    digits = parse_expectation(written.replace("two and a half", "2.5").replace("two-and-a-half", "2.5")
                               .replace("three and a half", "3.5"), RATIO)
    assert digits.interval == e.interval


@pytest.mark.parametrize(("sentence", "figure", "value"), [
    ("Heat complaints were nearly two and a half times as many as in 2023.", "nearly two and a half times as many",
     F(5, 2)),
    ("Heat complaints rose two-and-a-half times as fast as noise ones.", "two-and-a-half times as fast", F(5, 2)),
    ("Harbor had 2 and a half times Clark's rate.", "2 and a half times", F(5, 2)),
])
def test_the_draft_reads_and_a_half_times_as_one_multiple(sentence: str, figure: str, value: F) -> None:
    (s,) = find_figures(sentence)
    assert [(f.text, f.kind, f.value) for f in s.figures] == [(figure, "multiple", value)]
    written = str(_expect(sentence, s.figures[0].start, figure, s.figures[0].kind, s.figures[0].value))
    assert parse_expectation(written, RATIO).interval == parse_expectation(
        written.replace("two and a half", "2.5").replace("two-and-a-half", "2.5").replace("2 and a half", "2.5"),
        RATIO).interval
    assert [(f.kind, f.value) for f in figures_in_phrase(written)] == [("multiple", value)]


def _run(tmp_path: Path, expect: str) -> str:
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.csv").write_text("id,year\n" + "".join(f"{i},{2020 + i % 3}\n" for i in range(30)))
    (tmp_path / "c.yaml").write_text(textwrap.dedent(f"""\
        tables:
          r: {{path: r.csv}}
        claims:
          - {{id: e1, says: a, measure: {{count: r, where: year == 2022}}, expect: '{expect}'}}
        """))
    got = runner.invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert got.exit_code == 2, got.output
    return got.output


@pytest.mark.parametrize("expect, figure, end", [
    ("a record 218", "218", "highest"),
    ("a new record 1,204", "1,204", "highest"),
    ("a record-low 12", "12", "lowest"),
])
def test_a_record_figure_gets_a_hint_to_split_it(tmp_path: Path, expect: str, figure: str, end: str) -> None:
    out = " ".join(_run(tmp_path, expect).split())
    assert f"cannot read expect: '{expect}'" in out
    assert f"expect: {figure}," in out and "expect: true" in out and f"is: {end}" in out


def test_an_unreadable_expect_without_a_record_keeps_its_hint(tmp_path: Path) -> None:
    out = " ".join(_run(tmp_path, "a record").split())
    assert "write it as the article does" in out and "expect: true" not in out
