"""`suggest` and `init` on an election story (tests/fixtures/election: story.md over results.csv, a
row per election, precinct and candidate with its votes, and precincts.csv).

Before: "Maria Rivera won 53% of the vote …, unseating Mayor Tom Hale, who took 47%" read both
figures of Tom Hale (the name written last) and as shares of rows; "About 109,000 people voted"
as the number of rows (288); "fewer than 500 votes" offered the count of rows first; "carried 31
of the city's 48 precincts" was read as the precincts of Ward 3 (the next clause's); and a story
naming no year ("Tuesday's mayoral election") was read over both elections.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.suggest import ClaimSuggestions, Suggestion, suggest

ROOT = Path(__file__).resolve().parent.parent
ELECTION = ROOT / "tests" / "fixtures" / "election"
LATEST = "read at the data's latest election_year, 2024: the sentence names none"

SHARES = "Maria Rivera won 53% of the vote in Tuesday's mayoral election, unseating Mayor Tom Hale, who took 47%."
VOTED = "About 109,000 people voted, more than 16,000 fewer than four years ago."
CARRIED = "Rivera carried 31 of the city's 48 precincts and won every precinct in Ward 3."
WRITE_INS = "Write-in candidates drew fewer than 500 votes."


def _claims(folder: Path, columns: str = "", votes: str = "votes") -> Path:
    """A claims file as `init` writes it (no measures), over copies of the data; ``columns``: a
    `columns:` block for results; ``votes``: the name of its column of votes."""
    shutil.copy(ELECTION / "story.md", folder / "story.md")
    shutil.copy(ELECTION / "precincts.csv", folder / "precincts.csv")
    text = (ELECTION / "results.csv").read_text()
    (folder / "results.csv").write_text(text.replace(",votes\n", f",{votes}\n", 1))
    claims = [("rivera", SHARES, "53%"), ("hale", SHARES, "47%"), ("voted", VOTED, "About 109,000"),
              ("carried", CARRIED, "'31'"), ("precincts", CARRIED, "'48'"), ("write-ins", WRITE_INS, "fewer than 500")]
    body = "".join(f"  - id: {i}\n    says: \"{s}\"\n    expect: {e}\n" for i, s, e in claims)
    path = folder / "story.claims.yaml"
    path.write_text("version: 1\narticle: story.md\ntables:\n  precincts: {path: precincts.csv}\n"
                    f"  results:\n    path: results.csv\n    time: election_year\n{columns}claims:\n{body}")
    return path


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ClaimSuggestions]:
    return {c.id: c for c in suggest(_claims(tmp_path_factory.mktemp("election"))).claims}


def _first(c: ClaimSuggestions) -> Suggestion:
    assert c.candidates, (c.reading, c.misses, c.note)
    return c.candidates[0]


def test_a_figure_is_of_the_name_written_before_it(found: dict[str, ClaimSuggestions]) -> None:
    """53% is Rivera's, 47% Hale's, each a share of the votes of 2024 (a share of the rows is 25%)."""
    rivera, hale = _first(found["rivera"]), _first(found["hale"])
    assert rivera.measure == {"share": "candidate == 'Maria Rivera'", "of": "results", "sum": "votes",
                              "where": "election_year == 2024"}
    assert hale.measure == {"share": "candidate == 'Tom Hale'", "of": "results", "sum": "votes",
                            "where": "election_year == 2024"}
    assert rivera.verdict == hale.verdict == "pass"
    assert found["rivera"].reading is None and found["hale"].reading is None


def test_people_who_voted_are_the_sum_of_the_votes(found: dict[str, ClaimSuggestions]) -> None:
    voted = _first(found["voted"])
    assert voted.measure == {"sum": "votes", "of": "results", "where": "election_year == 2024"}
    assert voted.value == 109055 and voted.verdict == "pass"


def test_votes_after_the_figure_put_the_sum_first(found: dict[str, ClaimSuggestions]) -> None:
    first = _first(found["write-ins"])
    assert first.measure == {"sum": "votes", "of": "results", "where": "candidate == 'Write-in' and election_year == 2024"}
    assert first.value == 353


def test_a_story_naming_no_year_is_read_at_the_latest_and_says_so(found: dict[str, ClaimSuggestions]) -> None:
    for cid in ("rivera", "hale", "voted", "write-ins"):
        assert _first(found[cid]).latest == LATEST, cid
    assert _first(found["precincts"]).latest is None   # a count of precincts keeps no year


def test_precincts_carried_are_counted_with_wins(found: dict[str, ClaimSuggestions]) -> None:
    """The story's 31 is wrong (30): the sentence read as written, and no count of Ward 3's precincts."""
    carried = found["carried"]
    assert carried.reading is not None
    assert carried.reading.measure == {"wins": "Maria Rivera", "among": "candidate", "in": "precinct",
                                       "by": {"sum": "votes", "of": "results"}, "of": "results",
                                       "where": "election_year == 2024"}
    assert carried.reading.value == 30 and carried.reading.verdict == "fail"
    assert not any("ward" in str(s.measure) for s in carried.candidates)
    assert _first(found["precincts"]).measure == {"count": "precincts"}


def test_a_column_declared_counts_is_what_people_count(tmp_path: Path) -> None:
    """A column whose name says nothing of a count (`tally`) is the votes once declared `counts: votes`:
    the heuristic and the declaration agree."""
    claims = _claims(tmp_path, "    columns:\n      tally: {counts: votes}\n", votes="tally")
    got = {c.id: c for c in suggest(claims, ["voted", "write-ins", "carried"]).claims}
    assert _first(got["voted"]).measure == {"sum": "tally", "of": "results", "where": "election_year == 2024"}
    assert _first(got["write-ins"]).measure["sum"] == "tally"
    assert got["carried"].reading is not None and got["carried"].reading.measure["by"] == {"sum": "tally", "of": "results"}


@pytest.mark.parametrize(("says", "expect", "said"), [
    (CARRIED, "31", ({"river"}, {"preci"}, 48)),
    ("Cole won 12 precincts.", "12", ({"cole"}, {"preci"}, None)),
    ("Facebook was the top platform in nine of the 12 months.", "nine", ({"faceb"}, {"month"}, 12)),
    (CARRIED, "48", None),
    ("The city has 48 precincts.", "48", None),
    ("Rivera won 53% of the vote.", "53%", None),
    ("The shop took 6 orders in 2020.", "6", None),   # taking orders is winning nothing
])
def test_what_a_sentence_says_of_groups_won(says: str, expect: str, said: tuple[set[str], set[str], int] | None) -> None:
    from factcheck.suggest.wins import wins_said
    got = wins_said(says, expect)
    if said is None:
        assert got is None
        return
    assert got is not None and said[0] <= got.subject and (got.noun, got.of) == (said[1], said[2])


def test_init_writes_the_election_readings(tmp_path: Path) -> None:
    shutil.copy(ELECTION / "story.md", tmp_path / "story.md")
    for name in ("results.csv", "precincts.csv"):
        shutil.copy(ELECTION / name, tmp_path / name)
    result = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "results.csv"),
                                      str(tmp_path / "precincts.csv")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "story.claims.yaml").read_text()
    assert f"# suggestion 1: 52.7% (pass) ({LATEST})" in text
    assert "#     share: candidate == 'Maria Rivera'\n    #     of: results\n    #     sum: votes" in text
    assert "#     wins: Maria Rivera" in text and "30 (fail): is the figure wrong?" in text
    assert "#     sum: votes\n    #     of: results\n    #     where: election_year == 2024" in text


def test_a_change_in_people_who_voted_is_of_the_votes(found: dict[str, ClaimSuggestions]) -> None:
    """"…, more than 16,000 fewer than four years ago": the people of the clause before are still the
    votes, with no word of them after the figure."""
    from factcheck.suggest.search import verb_of
    from factcheck.suggest.words import words
    assert verb_of(frozenset(words("votes")), words(VOTED))
    assert not verb_of(frozenset(words("wait_minutes")), words("Nearly a third of patients waited"))

