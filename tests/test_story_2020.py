"""The main job: claims/2020.yaml against data/ judges every claim of the draft as expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import factcheck
from factcheck import Reason, Verdict

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims" / "2020.yaml"

EXPECTED_FAIL = {
    "victims-large-majority-women": Reason.QUALIFIER_CROSSED,  # women were 44%
    "facebook-overwhelmingly": Reason.QUALIFIER_CROSSED,      # 59% is not overwhelming
}
EXPECTED_UNVERIFIABLE = {
    "pandemic-caused-the-fall": Reason.MARKED_UNVERIFIABLE,
    "traffickers-work-alone": Reason.MARKED_UNVERIFIABLE,
}


@pytest.fixture(scope="module")
def report() -> factcheck.Report:
    return factcheck.verify(CLAIMS)


def test_every_claim_has_its_pinned_verdict(report: factcheck.Report) -> None:
    got = {r.id: (r.verdict, r.reason) for r in report.results}
    assert len(got) >= 16
    for cid, (verdict, reason) in got.items():
        if cid in EXPECTED_FAIL:
            assert (verdict, reason) == (Verdict.FAIL, EXPECTED_FAIL[cid]), cid
        elif cid in EXPECTED_UNVERIFIABLE:
            assert (verdict, reason) == (Verdict.UNVERIFIABLE, EXPECTED_UNVERIFIABLE[cid]), cid
        else:
            assert verdict == Verdict.PASS, f"{cid}: {report.result(cid).message}"
    assert set(EXPECTED_FAIL) | set(EXPECTED_UNVERIFIABLE) <= set(got)
    assert report.exit_code() == 1


@pytest.mark.parametrize("cid, value", [
    ("new-cases-2020", 165), ("active-cases-2020", 579), ("new-defendants-2020", 257),
    ("convicted-2020", 163),
])
def test_headline_counts(report: factcheck.Report, cid: str, value: int) -> None:
    assert report.result(cid).value == value


def test_failures_say_by_how_much(report: factcheck.Report) -> None:
    women = report.result("victims-large-majority-women")
    assert "44" in (women.value_text or "") and "computed" in women.message


def test_every_says_quotes_the_article() -> None:
    loaded = factcheck.load(CLAIMS)
    article = (CLAIMS.parent / loaded.model.article).read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", article)
    for claim in loaded.model.claims:
        assert re.sub(r"\s+", " ", claim.says) in flat, claim.id


def test_the_story_shares_derive_definitions_rather_than_copying_filters() -> None:
    text = CLAIMS.read_text(encoding="utf-8")
    claims_part = text.split("\nclaims:", 1)[1]
    assert "last_pending_date" not in claims_part  # "active in 2020" is defined once, under derive


def test_internet_was_the_top_location_in_every_year_since_2013(report: factcheck.Report) -> None:
    """One `every` claim replaces eight per-year claims; pandas recomputes each year from the CSVs."""
    import pandas as pd
    cases = pd.read_csv(ROOT / "data" / "cases.csv", parse_dates=["filed_date", "last_pending_date"])
    victims = pd.read_csv(ROOT / "data" / "victims.csv", keep_default_na=False, na_values=[""])
    joined = victims.merge(cases, on="case_id", how="left")
    joined = joined[(joined.case_type == "sex_trafficking") & joined.recruitment_location.notna()
                    & (joined.recruitment_location != "unknown")]
    tops = {}
    for year in range(2013, 2021):
        active = (joined.filed_date.dt.year <= year) & (
            joined.last_pending_date.isna() | (joined.last_pending_date.dt.year >= year))
        counts = joined[active].recruitment_location.value_counts()
        tops[str(year)] = counts.index[0] if counts.iloc[0] > counts.iloc[1] else None
    assert set(tops.values()) == {"internet"}
    r = report.result("internet-top-location-since-2013")
    assert r.verdict == Verdict.PASS and r.value is True
    assert [p.key for p in r.details.periods] == list(tops)
    assert r.details.failing == []
