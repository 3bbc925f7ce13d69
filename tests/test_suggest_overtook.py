""""Queens overtook Brooklyn in 2024": a figure of the draft, checked by `overtook`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.draft.phrases import scan

ROOT = Path(__file__).resolve().parents[1]
EVICTIONS = ROOT / "tests" / "fixtures" / "evictions"
runner = CliRunner()


@pytest.mark.parametrize("sentence", ["Queens overtook Brooklyn in 2024.", "Queens has overtaken Brooklyn.",
                                      "Instagram surpassed Snapchat in 2020.", "Filings are overtaking sales."])
def test_a_change_of_rank_is_a_figure_of_the_draft(sentence: str) -> None:
    """Before, "Queens overtook Brooklyn" held no figure: `init` wrote no claim for it and
    `--require-coverage` passed with it unchecked."""
    assert [f.kind for f in scan(sentence)[0]] == ["extreme"]


def test_passing_is_no_change_of_rank() -> None:
    assert scan("The bill passed the Senate in 2020.")[0] == []


def _suggest(tmp_path: Path, sentence: str) -> dict[str, Any]:
    """`init` on a one-sentence story over the evictions data, then `suggest`: the claim of the rank."""
    for name in ("filings.csv", "boroughs.csv"):
        shutil.copy(EVICTIONS / name, tmp_path / name)
    (tmp_path / "story.md").write_text(f"# Filings\n\n{sentence}\n", encoding="utf-8")
    made = runner.invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "filings.csv"),
                               str(tmp_path / "boroughs.csv")])
    assert made.exit_code == 0, made.output
    got = runner.invoke(app, ["suggest", str(tmp_path / "story.claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    (claim,) = [c for c in json.loads(got.stdout)["claims"] if c["expect"] is True]
    return claim  # type: ignore[no-any-return]


def _overtook(a: str, b: str) -> dict[str, Any]:
    return {"overtook": {"count": "filings"}, "column": "borough", "a": a, "b": b, "over": "filed_on_year",
            "from": 2023, "to": 2024}


def test_suggest_checks_the_change_of_rank_the_sentence_states(tmp_path: Path) -> None:
    """Queens had fewer filings than Brooklyn in 2023 and more in 2024 (525 to 430). Before, the
    candidates were superlatives ("Queens had its most filings in 2024"): passes that checked
    something the sentence does not say."""
    claim = _suggest(tmp_path, "Queens overtook Brooklyn in 2024, with 525 filings.")
    first = claim["candidates"][0]
    assert first["measure"] == _overtook("Queens", "Brooklyn") and first["verdict"] == "pass"
    assert all("overtook" in c["measure"] for c in [*claim["candidates"], *claim["misses"]])


def test_a_change_of_rank_the_data_does_not_show_is_read_as_written_and_fails(tmp_path: Path) -> None:
    """Brooklyn did not overtake Queens: the sentence's reading fails; the other order (Queens
    overtaking Brooklyn, true) is no reading of it and is not offered."""
    claim = _suggest(tmp_path, "Brooklyn overtook Queens in 2024.")
    assert claim["reading"]["measure"] == _overtook("Brooklyn", "Queens")
    assert (claim["reading"]["value"], claim["reading"]["verdict"]) == (False, "fail")
    assert claim["candidates"] == []
