"""A word of the sentence names a condition only by what distinguishes it.

On the 2020 story, "victim" named `referral_source == 'victim_self_report'`: every sentence about
victims then read as a share of cases victims referred. "Where investigators recorded how a victim in
an active sex-trafficking case was first approached, 41% had been recruited online" was read, as
written, as that share of cases (34.7%); "Girls made up 50% of those victims" filtered on it. A word
that names one of the data's tables (`victims`, `cases`, the link `case.`) says which rows, not which
of them; nor does a word every value of a column has; and a value or flag named in part ("sex" of
`sex_and_age_known`, in "sex-trafficking") counts for that part only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck import load
from factcheck.claims import LoadedClaims
from factcheck.suggest import ClaimSuggestions, suggest
from factcheck.suggest.space import distinctive
from factcheck.suggest.words import words

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "claims" / "2020.yaml"
IDS = ["online-known-location-share", "victims-girls-share", "victims-children-share"]


@pytest.fixture(scope="module")
def found() -> dict[str, ClaimSuggestions]:
    """The claims read as `init` leaves them: no measure, and no note or id that says more."""
    loaded = load(STORY)
    claims = [c.model_copy(update={"measure": None, "note": None, "id": f"claim-{i}"}) if c.id in IDS else c
              for i, c in enumerate(loaded.model.claims)]
    stripped = LoadedClaims(loaded.model.model_copy(update={"claims": claims}), loaded.path, loaded.lines, loaded.text)
    got = suggest(stripped, [c.id for c in claims if c.id.startswith("claim-")])
    return {c.says: c for c in got.claims}


def _everything(c: ClaimSuggestions) -> str:
    shown = [*c.candidates, *c.misses, *([c.reading] if c.reading else [])]
    return json.dumps([s.measure for s in shown])


def test_a_victim_is_no_self_report(found: dict[str, ClaimSuggestions]) -> None:
    online = found["Where investigators recorded how a victim in an active sex-trafficking case was first "
                   "approached, 41% had been recruited online."]
    assert "victim_self_report" not in _everything(online)
    shown = online.reading or online.candidates[0]
    assert shown.measure["share"] in ("recruitment_location == 'internet'", "online")
    assert shown.measure["of"] == "victims"
    girls = found["Girls made up 50% of those victims."]
    assert "victim_self_report" not in _everything(girls)
    assert girls.candidates and girls.candidates[0].verdict == "pass"


def test_the_distinctive_words() -> None:
    nouns = frozenset(words("victims cases case defendants"))
    assert distinctive(words("victim_self_report"), nouns) == frozenset(words("self report"))
    assert distinctive(words("sex_trafficking"), nouns, frozenset(words("trafficking"))) == frozenset({"sex"})
    # a value that is nothing but a table's name keeps it: there is nothing else to name it by
    assert distinctive(words("victims"), nouns) == frozenset(words("victims"))
    assert distinctive(words("Lincoln High"), nouns) == frozenset(words("Lincoln High"))
    # a number alone names nothing: "Place 2" keeps its "Place" among "Place 1" … "Place 9"
    assert distinctive(words("Place 2", value=True), nouns, frozenset({"place"})) == frozenset({"place", "2"})
