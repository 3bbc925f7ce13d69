"""The reconstructed tables in data/ reproduce every published figure.

Each figure from the 2020 Federal Human Trafficking Report (see data/README.md) is
computed here with plain pandas, independently of the factcheck package, and compared
at the precision it was published: "59%" must round to 59, "165" must be exactly 165.
The definitions are the ones data/README.md states.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
CONVICTED = ["convicted_plea", "convicted_trial"]
RESOLVED = CONVICTED + ["acquitted", "dismissed"]


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def cases() -> pd.DataFrame:
    frame = _read("cases.csv")
    for column in ("filed_date", "last_pending_date"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    frame["filed_year"] = frame.filed_date.dt.year
    for column in ("multi_agency", "gang_involved"):
        frame[column] = frame[column].map({"true": True, "false": False})
    return frame


@pytest.fixture(scope="module")
def defendants() -> pd.DataFrame:
    frame = _read("defendants.csv")
    for column in ("charged_date", "disposition_date"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    frame["charged_year"] = frame.charged_date.dt.year
    frame["disposition_year"] = frame.disposition_date.dt.year
    frame["convicted"] = frame.disposition.isin(CONVICTED)
    return frame


@pytest.fixture(scope="module")
def victims(cases: pd.DataFrame) -> pd.DataFrame:
    frame = _read("victims.csv")
    frame["minor"] = frame.minor.map({"true": True, "false": False})
    joined = frame.merge(cases[["case_id", "case_type", "filed_date", "last_pending_date"]],
                         on="case_id", how="left", validate="many_to_one")
    return joined


def active_in(frame: pd.DataFrame, year: int) -> pd.Series:
    """Filed by the end of ``year`` and not finished before it began."""
    return (frame.filed_date <= f"{year}-12-31") & (
        frame.last_pending_date.isna() | (frame.last_pending_date >= f"{year}-01-01"))


def percent(part: int, whole: int) -> int:
    """A share as the report prints it: a whole percent, halves rounded up."""
    return int(100 * part / whole + 0.5)


def change(new: int, old: int) -> int:
    """A percent change as the report prints it, rounded to a whole percent."""
    return round(100 * (new - old) / old)


# --- Figures about cases --------------------------------------------------------------------

def test_new_cases_2020_is_165(cases: pd.DataFrame) -> None:
    assert (cases.filed_year == 2020).sum() == 165


def test_new_cases_up_11_percent_on_2019(cases: pd.DataFrame) -> None:
    counts = cases.filed_year.value_counts()
    assert counts[2019] in (148, 149)
    assert change(counts[2020], counts[2019]) == 11


def test_active_cases_2020_is_579(cases: pd.DataFrame) -> None:
    assert active_in(cases, 2020).sum() == 579


def test_active_cases_2020_94_percent_sex_trafficking(cases: pd.DataFrame) -> None:
    active = cases[active_in(cases, 2020)]
    assert percent((active.case_type == "sex_trafficking").sum(), len(active)) == 94


def test_new_cases_2020_88_percent_multi_agency(cases: pd.DataFrame) -> None:
    new = cases[cases.filed_year == 2020]
    assert percent(new.multi_agency.sum(), len(new)) == 88


def test_active_sex_trafficking_cases_2020_5_percent_gangs(cases: pd.DataFrame) -> None:
    active = cases[active_in(cases, 2020) & (cases.case_type == "sex_trafficking")]
    assert percent(active.gang_involved.sum(), len(active)) == 5


@pytest.mark.parametrize("scope", ["new_2020", "active_2020"])
@pytest.mark.parametrize("unknown", ["excluded", "included"])
def test_victim_referrals_over_one_third_and_most_common(
        cases: pd.DataFrame, scope: str, unknown: str) -> None:
    rows = cases[cases.filed_year == 2020] if scope == "new_2020" else cases[active_in(cases, 2020)]
    if unknown == "excluded":
        rows = rows[rows.referral_source != "unknown"]
    counts = rows.referral_source.value_counts()
    assert counts["victim_self_report"] * 3 > len(rows)
    assert counts.index[0] == "victim_self_report" and counts.iloc[1] < counts.iloc[0]


def test_cases_2000_2020_is_2093(cases: pd.DataFrame) -> None:
    assert len(cases) == 2093


def test_cases_2000_2020_93_percent_sex_trafficking(cases: pd.DataFrame) -> None:
    assert percent((cases.case_type == "sex_trafficking").sum(), len(cases)) == 93


# --- Figures about defendants ---------------------------------------------------------------

def test_new_defendants_2020_is_257(defendants: pd.DataFrame) -> None:
    assert (defendants.charged_year == 2020).sum() == 257


def test_new_defendants_down_8_percent_on_2019(defendants: pd.DataFrame) -> None:
    counts = defendants.charged_year.value_counts()
    assert 278 <= counts[2019] <= 280
    assert change(counts[2020], counts[2019]) == -8


def convicted_by_year(defendants: pd.DataFrame) -> pd.Series:
    return defendants[defendants.convicted].disposition_year.value_counts()


def test_convicted_2020_is_163(defendants: pd.DataFrame) -> None:
    assert convicted_by_year(defendants)[2020] == 163


def test_conviction_rate_2020_89_percent(defendants: pd.DataFrame) -> None:
    resolved = defendants[defendants.disposition.isin(RESOLVED) & (defendants.disposition_year == 2020)]
    assert percent(resolved.convicted.sum(), len(resolved)) == 89


def test_convicted_2020_51_percent_fewer_than_2019(defendants: pd.DataFrame) -> None:
    by_year = convicted_by_year(defendants)
    assert 330 <= by_year[2019] <= 336
    assert change(by_year[2020], by_year[2019]) == -51


def test_convicted_2020_fewest_since_2012(defendants: pd.DataFrame) -> None:
    by_year = convicted_by_year(defendants)
    assert by_year[2012] <= by_year[2020]
    assert all(by_year[year] > by_year[2020] for year in range(2013, 2020))


def test_defendants_2000_2020_is_4132(defendants: pd.DataFrame) -> None:
    assert len(defendants) == 4132


def test_convicted_2000_2020_is_3169(defendants: pd.DataFrame) -> None:
    assert defendants.convicted.sum() == 3169


# --- Figures about victims ------------------------------------------------------------------

@pytest.fixture(scope="module")
def victims_2020(victims: pd.DataFrame) -> pd.DataFrame:
    return victims[active_in(victims, 2020)]


@pytest.mark.parametrize(("sex", "minor", "published"), [
    ("female", True, 50), ("female", False, 44), ("male", False, 3), ("male", True, 3)],
    ids=["girls_50", "women_44", "men_3", "boys_3"])
def test_victims_2020_by_sex_and_age(victims_2020: pd.DataFrame, sex: str, minor: bool,
                                     published: int) -> None:
    known = victims_2020[victims_2020.sex.notna() & victims_2020.minor.notna()]
    match = (known.sex == sex) & (known.minor == minor)
    assert percent(match.sum(), len(known)) == published


def test_victims_2020_children_53_percent(victims_2020: pd.DataFrame) -> None:
    known = victims_2020[victims_2020.minor.notna()]
    assert percent(known.minor.sum(), len(known)) == 53


@pytest.fixture(scope="module")
def online_2020(victims_2020: pd.DataFrame) -> pd.DataFrame:
    sex = victims_2020[victims_2020.case_type == "sex_trafficking"]
    return sex[sex.recruitment_location == "internet"]


def test_online_2020_facebook_78_of_132_is_59_percent(online_2020: pd.DataFrame) -> None:
    facebook = (online_2020.recruitment_platform == "Facebook").sum()
    assert (facebook, len(online_2020)) == (78, 132)
    assert percent(facebook, len(online_2020)) == 59


def test_online_2020_children_facebook_68_of_104_is_65_percent(online_2020: pd.DataFrame) -> None:
    children = online_2020[online_2020.minor == True]  # a nullable column
    facebook = (children.recruitment_platform == "Facebook").sum()
    assert (facebook, len(children)) == (68, 104)
    assert percent(facebook, len(children)) == 65


def test_online_2020_children_then_instagram_15_and_snapchat_8(online_2020: pd.DataFrame) -> None:
    children = online_2020[online_2020.minor == True]
    top = children.recruitment_platform.value_counts().head(4)
    assert list(top.index[:3]) == ["Facebook", "Instagram", "Snapchat"]
    assert (top["Instagram"], top["Snapchat"]) == (15, 8) and top.iloc[3] < 8


def test_online_2020_adults_28_wechat_12_facebook_10_instagram_2(online_2020: pd.DataFrame) -> None:
    adults = online_2020[online_2020.minor == False]
    counts = adults.recruitment_platform.value_counts()
    assert len(adults) == 28
    assert (counts["WeChat"], counts["Facebook"], counts["Instagram"]) == (12, 10, 2)
    assert percent(counts["Facebook"], len(adults)) == 36


def known_location_sex_cases(victims: pd.DataFrame) -> pd.DataFrame:
    return victims[(victims.case_type == "sex_trafficking") & (victims.recruitment_location != "unknown")]


def test_online_2020_41_percent_of_known_locations(victims_2020: pd.DataFrame) -> None:
    known = known_location_sex_cases(victims_2020)
    assert percent((known.recruitment_location == "internet").sum(), len(known)) == 41


@pytest.mark.parametrize("year", range(2013, 2021))
def test_internet_most_common_location_every_year_since_2013(victims: pd.DataFrame, year: int) -> None:
    counts = known_location_sex_cases(victims[active_in(victims, year)]).recruitment_location.value_counts()
    assert counts.index[0] == "internet" and counts.iloc[1] < counts.iloc[0]


def test_victims_2000_2020_is_4824(victims: pd.DataFrame) -> None:
    assert len(victims) == 4824


@pytest.mark.parametrize("unknown", ["excluded", "included"])
def test_victims_2000_2020_over_half_children(victims: pd.DataFrame, unknown: str) -> None:
    rows = victims[victims.minor.notna()] if unknown == "excluded" else victims
    assert (rows.minor == True).sum() * 2 > len(rows)


def test_victims_2000_2020_30_percent_online(victims: pd.DataFrame) -> None:
    known = known_location_sex_cases(victims)
    assert percent((known.recruitment_location == "internet").sum(), len(known)) == 30


# --- Integrity ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [
    ("cases.csv", "case_id"), ("defendants.csv", "defendant_id"), ("victims.csv", "victim_id")])
def test_keys_are_unique_and_present(name: str, key: str) -> None:
    frame = _read(name)
    assert frame[key].notna().all() and frame[key].is_unique


@pytest.mark.parametrize("name", ["defendants.csv", "victims.csv"])
def test_every_case_id_exists(cases: pd.DataFrame, name: str) -> None:
    assert _read(name).case_id.isin(cases.case_id).all()


def test_every_case_has_a_defendant_charged_on_its_filing_date(
        cases: pd.DataFrame, defendants: pd.DataFrame) -> None:
    first = defendants.groupby("case_id").charged_date.min()
    assert (first.reindex(cases.case_id).to_numpy() == cases.filed_date.to_numpy()).all()


def test_defendant_dates_are_consistent(cases: pd.DataFrame, defendants: pd.DataFrame) -> None:
    rows = defendants.merge(cases, on="case_id", validate="many_to_one")
    assert (rows.charged_date >= rows.filed_date).all()
    decided = rows[rows.disposition.isin(RESOLVED)]
    assert decided.disposition_date.notna().all()
    assert (decided.disposition_date > decided.charged_date).all()
    assert rows[~rows.disposition.isin(RESOLVED)].disposition_date.isna().all()
    ended = decided[decided.last_pending_date.notna()]
    assert (ended.last_pending_date >= ended.disposition_date).all()
    assert rows[rows.disposition == "pending"].last_pending_date.isna().all()


def test_sentences_only_for_convictions(defendants: pd.DataFrame) -> None:
    assert defendants[~defendants.convicted].sentence_months.isna().all()


def test_case_dates_are_consistent(cases: pd.DataFrame) -> None:
    ended = cases[cases.last_pending_date.notna()]
    assert (ended.last_pending_date > ended.filed_date).all()


@pytest.mark.parametrize(("table", "column"), [
    ("cases", "filed_date"), ("cases", "last_pending_date"),
    ("defendants", "charged_date"), ("defendants", "disposition_date")])
def test_no_dates_outside_2000_2020(request: pytest.FixtureRequest, table: str, column: str) -> None:
    values = request.getfixturevalue(table)[column].dropna()
    assert values.min() >= pd.Timestamp("2000-01-01") and values.max() <= pd.Timestamp("2020-12-31")


def test_platform_only_for_online_recruitment(victims: pd.DataFrame) -> None:
    online = victims.recruitment_location == "internet"
    assert victims[online].recruitment_platform.notna().all()
    assert victims[~online].recruitment_platform.isna().all()


@pytest.mark.parametrize(("table", "column", "allowed"), [
    ("cases", "case_type", {"sex_trafficking", "forced_labor"}),
    ("cases", "referral_source", {"victim_self_report", "law_enforcement_operation", "public_tip",
                                  "family_or_friend", "other_agency", "other", "unknown"}),
    ("defendants", "disposition", {"convicted_plea", "convicted_trial", "acquitted", "dismissed",
                                   "pending", "fugitive"}),
    ("victims", "recruitment_location", {"internet", "street", "residence", "school", "workplace",
                                         "other", "unknown"}),
])
def test_categories_are_the_documented_ones(request: pytest.FixtureRequest, table: str,
                                            column: str, allowed: set[str]) -> None:
    assert set(request.getfixturevalue(table)[column].unique()) <= allowed


def test_multi_agency_matches_agency_list(cases: pd.DataFrame) -> None:
    several = cases.agencies.str.contains(";")
    assert (several == cases.multi_agency).all()


def test_committed_csvs_match_the_generator() -> None:
    result = subprocess.run([sys.executable, str(DATA / "generate.py"), "--check"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr

