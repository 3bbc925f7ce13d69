"""`suggest` offers the share of every row when the figure counts the unknown in its denominator.

"Corporate landlords filed nearly three in five cases": of all the filings, the landlords not
known among them. A `share` leaves the unknown out (60% here, which "nearly three in five" does
not read), so the only readings were filters that had nothing to do with the sentence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

# 100 filings: 57 corporate, 38 other, 5 of unknown landlord: 57/100 of all, 57/95 = 60% of the known
ROWS = ["corporate"] * 57 + ["individual"] * 38 + [""] * 5


def _first(tmp_path: Path, sentence: str) -> dict:
    (tmp_path / "filings.csv").write_text("filing_id,landlord_type\n" + "".join(
        f"F{i:03d},{kind}\n" for i, kind in enumerate(ROWS)), encoding="utf-8")
    (tmp_path / "story.md").write_text(f"# Filings\n\n{sentence}\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["init", "story.md", "filings.csv"]).exit_code == 0
    got = runner.invoke(app, ["suggest", "story.claims.yaml", "--json", "-"])
    assert got.exit_code == 0, got.output
    [claim] = json.loads(got.stdout)["claims"]
    return claim


def test_a_figure_of_all_rows_gets_the_ratio_that_counts_the_unknown(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    claim = _first(tmp_path, "Corporate landlords filed nearly three in five cases.")
    first = claim["candidates"][0]
    assert first["measure"] == {"ratio": {"numerator": {"count": "filings", "where": "landlord_type == 'corporate'"},
                                          "denominator": {"count": "filings"}}}
    assert (first["value"], first["verdict"]) == (0.57, "pass")


def test_a_figure_of_the_known_keeps_the_share_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read "three in five" (60%, 57%): the share, which leaves the unknown out, comes first."""
    monkeypatch.chdir(tmp_path)
    claim = _first(tmp_path, "Corporate landlords filed three in five cases.")
    measures = [c["measure"] for c in claim["candidates"]]
    assert measures[0] == {"share": "landlord_type == 'corporate'", "of": "filings"}
