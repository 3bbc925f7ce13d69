"""`factcheck suggest`: measures proposed for claims without one (issue 10, item 4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
    # the written measure is the sentence read as written, shown first, failing
    assert got.reading is not None and got.reading.verdict == "fail"
    assert got.reading.measure == {"count": "cases", "where": "filed_year == 2020"}


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
    """Issue 10, item 6: measured in benchmarks/README.md (top-1 32/44, top-5 40/44; the targets
    are 50% and 80%, 22 and 36 of 44). From 34 and 41 to 33 and 40 once "victim" no longer names
    `referral_source == 'victim_self_report'` (a word naming a table names no value):
    "Victims who contacted law enforcement … were the source of over one-third of the referrals"
    now reads `law_enforcement_operation`, which its words name in part, where the reporter meant
    the victims' self-reports, which they name only by that word."""
    rates = _hits(STORY)
    assert rates["claims"] == 44
    assert rates["top1"] >= 32 and rates["top5"] >= 40, rates
    assert rates["top1_rate"] >= 0.5 and rates["top5_rate"] >= 0.8, rates


def _hits(claims: Path, as_init: bool = False) -> dict[str, Any]:
    """benchmarks/suggest_hits.py's rates on a claims file (how often the written measure comes first)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("suggest_hits", ROOT / "benchmarks" / "suggest_hits.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rates: dict[str, Any] = module.measure(claims, as_init)
    return rates


def test_hit_rates_on_a_second_story_the_search_was_not_written_for() -> None:
    """tests/fixtures/er: a constructed story on emergency-room waits (medians, thresholds,
    durations in another unit, extremes across hospitals). Before this round's changes its
    written measure came first for 6 of the 14 claims (7 in the top five, with the minutes
    left out of its expects, which could not be read); now 12 and 14."""
    rates = _hits(ROOT / "tests" / "fixtures" / "er" / "claims.yaml")
    assert rates["claims"] == 14
    # 13 once a figure is of the value written before it ("Lakeview, the smallest hospital with 95 beds")
    assert rates["top1"] >= 13 and rates["top5"] >= 14, rates


def test_hit_rates_on_a_third_story() -> None:
    """tests/fixtures/evictions: a constructed story on eviction filings (amounts of money, a run
    of years, two clauses with a figure each, rates per 1,000 households). Before this round's
    changes its claims file could not be read (`$3,324`, `per:`); without those, its written
    measure came first for 6 of 11 claims, 8 in the top five; now 10 and 10 of those 11. Of the
    13: 10 and 11, then 11 and 12 once a rate divides by another table's households, and 12 and
    13 once "more than twice the city's rate" compares the Bronx's rate with the city's. A 14th,
    "Queens overtook Brooklyn", is found first; and the average owed too once the sentence before
    it ("Corporate landlords filed nearly three in five cases") no longer adds its filter. A 15th,
    "far more than any other borough" (the Bronx the highest, an extreme the finder reads since it
    reads a comparative against all the others), is found first too."""
    rates = _hits(ROOT / "tests" / "fixtures" / "evictions" / "claims.yaml")
    assert rates["claims"] == 15
    assert rates["top1"] == 15, rates



def test_hit_rates_on_a_story_of_rates() -> None:
    """tests/fixtures/overdoses: deaths per 100,000 residents of four counties, the highest rate,
    "nearly four times Clark's rate", "Adams overtook Baker". Before this round, the written
    measure came first for 4 of its 9 claims (no rate, multiple or change of rank was tried); now
    for all 9. suggest was improved while this story was written: a regression test, not a
    measure of how suggest does on a story it was not tuned on."""
    rates = _hits(ROOT / "tests" / "fixtures" / "overdoses" / "claims.yaml")
    assert rates["claims"] == 9
    assert rates["top1"] == 9, rates


def test_hit_rates_on_an_election_story() -> None:
    """tests/fixtures/election: vote shares, votes cast, precincts carried, on a row per election,
    precinct and candidate. Before its fixes (tests/test_suggest_election.py) the written measure came
    first for 1 of its 13 claims (the number of precincts), 1 in the first five; now 6 and 6. Left: the
    margin in points, turnout (votes over another table's registered voters), the change in votes,
    the best precinct and its share, Ward 1's top, and the 31 precincts carried (the story's figure is
    wrong: `wins` is shown as the failing reading, no candidate)."""
    rates = _hits(ROOT / "tests" / "fixtures" / "election" / "claims.yaml")
    assert rates["claims"] == 13
    assert rates["top1"] >= 6 and rates["top5"] >= 6, rates


# (story, claims, first, in the first five) with the ids `init` gives and no notes: what an editor
# sees in a claims file `init` has just written. Before the fixes of two extremes in one sentence,
# of sentences of shares before others and of years a sentence only inherits: the 2020 story 34
# and 39, evictions 13 and 14, stops 10 and 13. The 2020 story fell from 34 and 40 to 33 and 38 once a
# failing reading is no longer followed by candidates that add a filter nothing names: "Only 28 adult
# victims were recruited online" was first by a count of 28 other victims (`not minor and location_known`
# of cases last pending in 2020), the same number by chance; "… 41% had been recruited online" was second,
# on the victims table below a reading on the cases table, both named by the sentence.
AS_INIT = [("claims/2020.yaml", 44, 33, 38), ("tests/fixtures/er/claims.yaml", 14, 13, 14),
           ("tests/fixtures/evictions/claims.yaml", 15, 15, 15), ("tests/fixtures/overdoses/claims.yaml", 9, 9, 9),
           ("tests/fixtures/stops/claims.yaml", 13, 13, 13), ("tests/fixtures/election/claims.yaml", 13, 6, 6)]


@pytest.mark.parametrize(("claims", "n", "first", "five"), AS_INIT)
def test_hit_rates_with_the_ids_init_gives(claims: str, n: int, first: int, five: int) -> None:
    """The hit rates above read the ids a reporter wrote ("harbor-fewest" says which extreme it is);
    `init` names a claim after the first words of its sentence, which say nothing of the sort."""
    rates = _hits(ROOT / claims, as_init=True)
    assert rates["claims"] == n
    assert rates["top1"] >= first and rates["top5"] >= five, rates

def test_an_n_year_low_is_the_fewest_since_n_years_before() -> None:
    from factcheck.suggest.propose import periods_of
    assert periods_of("convictions fall to an eight-year low", 2020).since == 2012
    assert periods_of("the highest in a 10-year high", 2020).since == 2010
    found = suggest(_stripped(["headline-eight-year-low"])).for_claim("headline-eight-year-low")
    # "trafficking" names role == 'trafficker' as well as "convictions" names convicted: a tie
    best = [c.measure for c in found.candidates[:2]]
    assert {"count": "defendants", "where": "convicted"} in [m["extreme"] for m in best]
    assert all(m["since"] == 2012 and m["at"] == 2020 and m["is"] == "lowest" for m in best)


def test_a_sentence_reads_its_paragraph_and_refers_back_past_it() -> None:
    """The sentence before and the period of the paragraph always count; earlier paragraphs (and
    their periods) only when the sentence (or its paragraph's first) refers back ("those", "them")."""
    from factcheck.suggest import _surroundings
    article = ("# Title\n\nClubs signed 300 players in 2023. Girls were 20% of them.\n\n"
               "Most players in the north are adults.\n\nAmong those players, 40% were girls.\n\n"
               "That was up 5% on 2022.\n\nBoys were 30% of them.\n")
    around = _surroundings(article)
    them = around["Girls were 20% of them."]
    assert them.before == "Clubs signed 300 players in 2023." and them.periods == them.before
    fresh = around["Most players in the north are adults."]
    assert fresh.before == "" and fresh.section == "" and fresh.periods == ""
    back = around["Among those players, 40% were girls."]
    assert back.before == "Most players in the north are adults." and "Clubs signed" in back.section
    assert back.periods == "Clubs signed 300 players in 2023."
    # "on 2022" is the year compared with, not the one "them" are from
    assert around["Boys were 30% of them."].periods == "Clubs signed 300 players in 2023."


def test_a_sentence_of_shares_is_no_label_of_those_after_it_unless_they_refer_back() -> None:
    """"Corporate landlords filed nearly three in five cases": corporate is the part measured, not
    a group the next sentence speaks of. Before, its words were labels of "the average was about
    $4,000", and `landlord_type == 'corporate'` came first (the evictions story's `mean-owed`). A
    count's sentence still is a label ("Corporate landlords filed 1,200 cases. Most ended …"), and
    so is a share's when the next sentence refers back ("Of those, …")."""
    from factcheck.suggest import _surroundings
    article = ("# Filings\n\nCorporate landlords filed nearly three in five cases. The median tenant owed "
               "$3,324. Of those tenants, 9% had a lawyer.\n\nCorporate landlords filed 1,200 cases. Most "
               "ended in a default judgment.\n\nMost stops ended with a warning. Arrests made up 4% of stops. "
               "The East precinct made 210 stops per 1,000 residents.\n")
    around = _surroundings(article)
    assert around["The median tenant owed $3,324."].before == ""
    assert around["Of those tenants, 9% had a lawyer."].before == "The median tenant owed $3,324."
    assert "Corporate" in around["Of those tenants, 9% had a lawyer."].section  # it refers back: all count
    # neither the sentence before nor the earlier ones of the paragraph, when they state shares only
    east = around["The East precinct made 210 stops per 1,000 residents."]
    assert (east.before, east.section) == ("", "")
    assert around["Most ended in a default judgment."].before == "Corporate landlords filed 1,200 cases."
    shares = "# Filings\n\nGirls made up 50% of victims. Of them, 30% were recruited online.\n"
    assert _surroundings(shares)["Of them, 30% were recruited online."].before == "Girls made up 50% of victims."


def test_the_words_of_a_condition_that_only_says_known_do_not_make_it_relevant() -> None:
    """"known" alone (in a note, or the sentence) does not justify `referral_source != 'unknown'`:
    the column must be named too."""
    import numpy as np

    from factcheck.suggest.search import Context
    from factcheck.suggest.space import Atom
    from factcheck.suggest.words import words
    mask = np.array([True])
    atom = Atom("referral_source", "referral_source != 'unknown'", frozenset(words("referral_source")) | {"known"},
                mask, mask, value=("!=", "unknown"), strong=frozenset({"known"}))
    ctx = Context(words("where the place of recruitment is known"), set(), (), None, None, None)
    assert ctx.condition(atom) < 0
    ctx = Context(words("referrals whose source is known"), set(), (), None, None, None)
    assert ctx.condition(atom) > 0


def test_no_condition_on_a_column_that_counts(found) -> None:  # type: ignore[no-untyped-def]
    """`n_defendants` (1 to 5 defendants a case) is summed and read by thresholds, never a value to
    filter on: `case.n_defendants == 5` passed for "down 51%" once whole numbers became conditions."""
    import json
    assert not any("n_defendants ==" in json.dumps(c.measure) for claim in found.claims for c in claim.candidates)
