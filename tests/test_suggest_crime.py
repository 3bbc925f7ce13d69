"""`suggest` on a story of crime: "the fewest since 2014" ranks the years, and "down by a third"
is written by `init` as the change it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drafts import csv_text, init_and_suggest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.starter import _expect

runner = CliRunner()
# incidents per year: homicides 38 in 2014, more every year after, then 39 in 2024 (the fewest since
# 2014, and the fewest of any offense); shootings 120 in 2023, 80 in 2024 (down a third)
HOMICIDES = dict(zip(range(2014, 2025), (38, 41, 45, 47, 43, 42, 50, 52, 47, 44, 39), strict=True))
SHOOTINGS = {2023: 120, 2024: 80}
ROBBERIES = {year: 200 for year in range(2014, 2025)}


def _claims(folder: Path, story: str) -> list[dict[str, Any]]:
    rows = [f"{offense[:3]}-{year}-{i:03d},{year},{offense}"
            for offense, counts in (("homicide", HOMICIDES), ("shooting", SHOOTINGS), ("robbery", ROBBERIES))
            for year, n in counts.items() for i in range(n)]
    return init_and_suggest(folder, story, {"incidents.csv": csv_text("incident_id,year,offense", rows)}, "Crime")


def test_the_fewest_since_a_year_ranks_the_years(tmp_path: Path) -> None:
    """Before, homicides' rank among the offenses came first (they are the fewest of them in 2024
    too): a pass that checks another figure than "the fewest since 2014"."""
    claims = _claims(tmp_path, "Homicides fell to 39 in 2024, the fewest since 2014.")
    (claim,) = [c for c in claims if c["expect"] is True]
    first = claim["candidates"][0]
    assert first["measure"] == {"extreme": {"count": "incidents", "where": "offense == 'homicide'"}, "over": "year",
                                "at": 2024, "since": 2014, "is": "lowest"}
    assert all(c["measure"]["over"] == "year" for c in claim["candidates"])


def test_down_by_a_third_is_a_change(tmp_path: Path) -> None:
    """Before, `init` wrote `expect: a third`, a share, and the share of shootings among the
    incidents of 2023 was shown as the sentence's failing reading."""
    (claim,) = _claims(tmp_path, "Shootings were down by a third in 2024.")
    assert claim["expect"] == "down a third" and "reading" not in claim
    assert claim["candidates"][0]["measure"] == {"change": {"count": "incidents", "where": "offense == 'shooting'"},
                                                 "over": "year", "from": 2023, "to": 2024}


@pytest.mark.parametrize(("sentence", "figure", "kind", "expect"), [
    ("Shootings were down by a third.", "a third", "fraction", "down a third"),
    ("Filings rose by 12% in 2024.", "12%", "percent", "up 12%"),
    ("A third of the cases were dismissed.", "A third", "fraction", "A third"),
    ("Landlords made up a third of the filers.", "a third", "fraction", "a third")])
def test_init_writes_the_direction_a_fraction_or_a_percentage_moved(sentence: str, figure: str, kind: str,
                                                                     expect: str) -> None:
    assert _expect(sentence, sentence.index(figure), figure, kind) == expect


@pytest.mark.parametrize(("sentence", "figure"), [
    ("Robberies outnumbered burglaries for the first time.", "for the first time"),
    ("Homicides fell below 40 for the first time since 2014.", "for the first time since 2014")])
def test_a_first_is_a_figure_of_the_draft(sentence: str, figure: str) -> None:
    """Before, "for the first time" was no figure: `init` wrote no claim for it, and
    `--require-coverage` passed with it unchecked."""
    from factcheck.draft.figures import find_figures
    (found,) = find_figures(sentence)
    assert (figure, "extreme") in [(f.text, f.kind) for f in found.figures]


def test_a_first_gets_a_note_not_a_pass_about_something_else(tmp_path: Path) -> None:
    """No measure says "never before": rather than extremes that pass about another figure, the
    note says what `overtook` and `extreme … since` check and that the earlier years are the
    editor's to check."""
    claims = _claims(tmp_path, "Robberies reached 200 in 2024. Robberies outnumbered shootings for the first time.")
    (claim,) = [c for c in claims if c["expect"] is True]
    assert claim["candidates"] == [] and claim["note"].startswith('a first ("for the first time")')
    # a claims file without a claim for it: the gate names the figure left unchecked
    import yaml
    path = tmp_path / "story.claims.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["claims"] = [c for c in doc["claims"] if c["expect"] is not True]
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    gate = runner.invoke(app, ["run", str(path), "--require-coverage"])
    assert gate.exit_code == 1 and "for the first time" in gate.output
