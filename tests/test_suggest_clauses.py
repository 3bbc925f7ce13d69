"""`suggest` reads each clause of a sentence for its own figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app


def test_each_clause_of_a_sentence_is_read_for_its_own_figure(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """"Just 9% of tenants had a lawyer, and more than half of the cases ended in a default
    judgment": the tenants with a lawyer are no filter of "more than half", nor the default
    judgments of "9%" (before, the other clause's words, and the claim ids `init` makes from the
    whole sentence, ranked both filters first)."""
    monkeypatch.chdir(tmp_path)
    # 200 cases: 18 with a lawyer (9%), 110 default judgments (55%); 10 of the 18 ended in a default
    # judgment (56%: also "more than half"), and 10 of the 110 had a lawyer (9.1%: also "9%")
    rows = [f"C{i:03d},{'true' if i < 18 else 'false'},"
            f"{'default judgment' if (i < 10 or 18 <= i < 118) else 'settled'}" for i in range(200)]
    (tmp_path / "cases.csv").write_text("case_id,tenant_lawyer,outcome\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("# Courts\n\nJust 9% of tenants had a lawyer, and more than half of the "
                                       "cases ended in a default judgment.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["init", "story.md", "cases.csv"]).exit_code == 0
    got = runner.invoke(app, ["suggest", "story.claims.yaml", "--json", "-"])
    assert got.exit_code == 0, got.output
    first = {c["expect"]: c["candidates"][0]["measure"] for c in json.loads(got.stdout)["claims"]}
    assert first == {"9%": {"share": "tenant_lawyer", "of": "cases"},
                     "more than half": {"share": "outcome == 'default judgment'", "of": "cases"}}
