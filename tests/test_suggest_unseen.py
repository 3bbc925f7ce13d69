"""`factcheck init` + `factcheck suggest` on a second article and data no rule was written for
(issue 10: the ranking must not be fitted to the 2020 story).

The fixture tests/fixtures/clubdesk/ is constructed (invented amateur football clubs). Each
first suggestion is compared with the measure a reporter would write, by what it computes:
the same value on the same rows, numerator and denominator.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factcheck import load, verify
from factcheck.claims import Claim, LoadedClaims
from factcheck.cli import app

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "clubdesk"
runner = CliRunner()

# sentence -> the measure a sports reporter would write for it
WRITTEN: dict[str, dict[str, Any]] = {
    "Amateur clubs registered 322 new players in 2024.":
        {"count": "players", "where": "registered_date_year == 2024"},
    "That was up 27% on 2023.":
        {"change": {"count": "players"}, "over": "registered_date_year", "from": 2023, "to": 2024},
    # "them": the 2024 players of the sentence before; "girls" is two conditions
    ("Girls accounted for 27.5% of them, and boys 23%.", "27.5%"):
        {"share": "sex == 'female' and minor", "of": "players", "where": "registered_date_year == 2024"},
    ("Girls accounted for 27.5% of them, and boys 23%.", "23%"):
        {"share": "sex == 'male' and minor", "of": "players", "where": "registered_date_year == 2024"},
    # three conditions besides the period, one of them through the clubs lookup
    "In the north, 65% of the girls who signed up in 2024 were still active.":
        {"share": "status == 'active'", "of": "players",
         "where": "sex == 'female' and minor and club.region == 'north' and registered_date_year == 2024"},
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("clubdesk") / "desk"
    shutil.copytree(FIXTURE, folder)
    data = folder / "data"
    result = runner.invoke(app, ["init", str(folder / "story.md"), str(data / "clubs.csv"), str(data / "players.csv")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["suggest", str(folder / "story.claims.yaml"), "--json", "-"])
    assert result.exit_code == 0, result.output
    return folder, {c["id"]: c for c in json.loads(result.stdout)["claims"]}


def _computed(path: Path, measures: dict[str, tuple[dict[str, Any], Any]]) -> dict[str, tuple[Any, ...]]:
    """What each measure computes (with its claim's expect), run through the pipeline with the file's tables."""
    loaded = load(path)
    claims = [Claim.model_validate({"id": cid, "says": "x", "measure": m, "expect": e})
              for cid, (m, e) in measures.items()]
    trial = LoadedClaims(loaded.model.model_copy(update={"claims": claims}), loaded.path, loaded.lines, loaded.text)
    return {r.id: (r.value, r.rows_kept, r.numerator, r.denominator) for r in verify(trial).results}


def _key(says: str, expect: Any) -> Any:
    for key in WRITTEN:
        if key == says or (isinstance(key, tuple) and key == (says, str(expect))):
            return key
    return None


def test_the_first_suggestion_computes_what_a_reporter_would_write(desk: tuple[Path, dict[str, Any]]) -> None:
    folder, found = desk
    path = folder / "story.claims.yaml"
    doc = yaml.safe_load(path.read_text())
    wanted: dict[str, tuple[dict[str, Any], Any]] = {}
    first: dict[str, tuple[dict[str, Any], Any]] = {}
    for claim in doc["claims"]:
        key = _key(claim["says"], claim["expect"])
        if key is None:
            continue
        wanted[f"w-{claim['id']}"] = (WRITTEN[key], claim["expect"])
        cands = found[claim["id"]]["candidates"]
        assert cands, claim["says"]
        first[f"f-{claim['id']}"] = (cands[0]["measure"], claim["expect"])
    assert len(wanted) == len(WRITTEN)
    got = _computed(path, {**wanted, **first})
    for cid in wanted:
        assert got["f-" + cid[2:]] == got[cid], (cid, first["f-" + cid[2:]], wanted[cid])


def test_a_wide_band_with_its_words_named_ranks_the_reporters_reading_high(desk: tuple[Path, dict[str, Any]]) -> None:
    """"Most players at semi-professional clubs are adults": the share of adults among the players
    of semi-professional clubs, not one filtered by what earlier paragraphs said."""
    _, found = desk
    (claim,) = [c for c in found.values() if c["says"].startswith("Most players at semi-professional")]
    top = [c["measure"] for c in claim["candidates"][:2]]
    assert all(m.get("share") == "not minor" and "club.tier == 'semi_pro'" in m["where"] for m in top), top
    assert all("region" not in m["where"] and "sex" not in m["where"] for m in top), top


def test_pasting_the_first_suggestions_gives_a_file_where_every_claim_passes(desk: tuple[Path, dict[str, Any]]) -> None:
    folder, found = desk
    doc = yaml.safe_load((folder / "story.claims.yaml").read_text())
    for claim in doc["claims"]:
        claim["measure"] = found[claim["id"]]["candidates"][0]["measure"]
    checked = folder / "checked.yaml"
    checked.write_text(yaml.safe_dump(doc, sort_keys=False))
    result = runner.invoke(app, ["run", str(checked)])
    assert result.exit_code == 0, result.output
    assert {r.verdict.value for r in verify(checked).results} == {"pass"}


@pytest.mark.parametrize("script", ["busdesk/data/make.py", "clubdesk/data/make_clubs.py"])
def test_importing_a_fixtures_data_script_writes_nothing(script: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest's doctest collection imports every module under tests/: the scripts that wrote the
    fixtures' CSV files must write them only when run, not into whatever folder pytest runs in."""
    import importlib.util
    monkeypatch.chdir(tmp_path)
    spec = importlib.util.spec_from_file_location("fixture_script", FIXTURE.parent / script)
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    assert list(tmp_path.iterdir()) == []
