"""`factcheck suggest`: measures proposed for claims without one (issue 10, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from factcheck import load
from factcheck.claims import LoadedClaims
from factcheck.cli import app
from factcheck.suggest import suggest

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "claims" / "2020.yaml"
runner = CliRunner()


def _stripped(ids: list[str] | None = None) -> LoadedClaims:
    loaded = load(STORY)
    claims = [c.model_copy(update={"measure": None}) if ids is None or c.id in ids else c
              for c in loaded.model.claims]
    return LoadedClaims(loaded.model.model_copy(update={"claims": claims}), loaded.path, loaded.lines, loaded.text)


@pytest.fixture(scope="module")
def found():  # type: ignore[no-untyped-def]
    return suggest(_stripped(["new-cases-2020", "new-cases-up-11", "convictions-down-51",
                              "fewest-convictions-since-2012", "gang-share"]))


def test_only_claims_without_a_measure_are_searched(found) -> None:  # type: ignore[no-untyped-def]
    assert [c.id for c in found.claims] == ["new-cases-2020", "new-cases-up-11", "convictions-down-51",
                                            "fewest-convictions-since-2012", "gang-share"]


def test_the_written_measure_comes_first(found) -> None:  # type: ignore[no-untyped-def]
    assert found.for_claim("new-cases-2020").candidates[0].measure == {"count": "cases", "where": "filed_year == 2020"}
    change = found.for_claim("new-cases-up-11").candidates[0].measure
    assert change == {"change": {"count": "cases"}, "over": "filed_year", "from": 2019, "to": 2020}
    conv = found.for_claim("convictions-down-51").candidates[0]
    assert conv.measure["change"] == {"count": "defendants", "where": "convicted"}
    assert conv.verdict == "pass" and conv.value_text == "-51.5%" or conv.value_text.startswith("-5")


def test_an_extreme_and_a_share(found) -> None:  # type: ignore[no-untyped-def]
    ext = found.for_claim("fewest-convictions-since-2012").candidates[0].measure
    assert ext["extreme"] == {"count": "defendants", "where": "convicted"}
    assert ext["over"] == "disposition_year" and ext["since"] == 2012 and ext["is"] == "lowest"
    shares = [c.measure for c in found.for_claim("gang-share").candidates]
    assert shares[0]["share"] == "gang_involved" and "active_2020" in shares[0]["where"]


def test_a_candidate_always_passes_for_real_and_a_miss_never(found) -> None:  # type: ignore[no-untyped-def]
    for c in found.claims:
        assert 1 <= len(c.candidates) <= 5
        assert all(s.verdict == "pass" for s in c.candidates)
        assert all(s.verdict != "pass" for s in c.misses)


def test_a_wrong_figure_gets_no_written_measure_as_a_pass() -> None:
    loaded = _stripped(["new-cases-2020"])
    claims = [c.model_copy(update={"expect": 171}) if c.id == "new-cases-2020" else c for c in loaded.model.claims]
    wrong = LoadedClaims(loaded.model.model_copy(update={"claims": claims}), loaded.path, loaded.lines, loaded.text)
    got = suggest(wrong).for_claim("new-cases-2020")
    assert {"count": "cases", "where": "filed_year == 2020"} not in [s.measure for s in got.candidates]
    assert got.misses and all(s.verdict == "fail" for s in got.misses)


def test_cli_json_follows_the_schema(tmp_path: Path) -> None:
    schema = json.loads((ROOT / "docs" / "suggest-schema.json").read_text())
    out = tmp_path / "s.json"
    result = runner.invoke(app, ["suggest", str(STORY), "new-cases-2020", "gang-share", "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    jsonschema.validate(data, schema)
    assert [c["id"] for c in data["claims"]] == ["new-cases-2020", "gang-share"]
    assert data["claims"][0]["candidates"][0]["measure"] == {"count": "cases", "where": "filed_year == 2020"}
    assert "measure:\n" in result.output and "count: cases" in result.output


def test_cli_json_on_stdout_is_only_json() -> None:
    result = runner.invoke(app, ["suggest", str(STORY), "new-cases-2020", "--json", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["claims"][0]["id"] == "new-cases-2020"


def test_an_unknown_id_is_a_located_error() -> None:
    result = runner.invoke(app, ["suggest", str(STORY), "new-cases-202"])
    assert result.exit_code == 2
    assert "new-cases-202" in result.output and "new-cases-2020" in result.output
    assert "Traceback" not in result.output


def test_a_claim_without_a_measure_runs_as_not_encoded(tmp_path: Path) -> None:
    from factcheck import verify
    report = verify(_stripped(["gang-share"]), only=["gang-share"])
    (r,) = report.results
    assert r.verdict.value == "unverifiable" and r.reason is not None and r.reason.value == "not_encoded"


def test_hit_rates_on_the_2020_story_stay_at_the_measured_level() -> None:
    """Issue 10, item 6: measured in benchmarks/README.md (top-1 21/44, top-5 24/44 with the four
    claims that cover the draft's last figures)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("suggest_hits", ROOT / "benchmarks" / "suggest_hits.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rates = module.measure(STORY)
    assert rates["claims"] == 44
    assert rates["top1"] >= 21 and rates["top5"] >= 24, rates
