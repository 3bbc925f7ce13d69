"""`init` read "Seven officers earned more than their supervisors" as a difference, `expect: 7
more`: four of five such sentences in a walk of an overtime story. A verb between the figure and
"more" makes the figure its subject, a count. Differences are read as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app


@pytest.mark.parametrize(("sentence", "expect"), [
    ("Seven officers earned more than their supervisors.", "'7'"),
    ("In 2024, 12 homes paid more in fines than in 2023.", "'12'"),
    ("Some 40 residents complained more than once.", "Some 40"),
    ("Nine inspectors found more violations than last year.", "'9'"),
    ("Eleven officers were paid more than the chief.", "'11'"),
    ("Harbor filed 191 more requests than Mill Creek.", "191 more"),
    ("Heat complaints, at 91, were 54 more than the year before.", "54 more"),
    ("The county spent $330 more on average than its neighbours.", "$330 more"),
    ("It had 392 more filings than Queens.", "392 more"),
    ("Two hundred more officers than in 2020 were on patrol.", "200 more"),
])
def test_a_figure_before_a_verb_and_more_is_a_count(tmp_path: Path, sentence: str, expect: str) -> None:
    (tmp_path / "story.md").write_text(sentence + "\n")
    (tmp_path / "t.csv").write_text("id,amount\n1,10\n2,20\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "story.claims.yaml").read_text()
    assert f"    expect: {expect}\n" in written, written
