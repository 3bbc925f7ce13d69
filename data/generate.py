"""Rebuild the reconstructed case-level tables in data/ (cases, defendants, victims).

The Human Trafficking Institute publishes summary figures about federal criminal
human-trafficking prosecutions, not the case-level records behind them. This script
makes a stand-in: invented cases, defendants and victims that look like real case data
and reproduce every published figure listed in data/README.md at the precision it was
published. Nothing here is real; no row describes a real person or case.

Method, in the order the functions below run:

1. Counts that a figure pins down are fixed first in the tables at the top of this file
   (new cases, new defendants and convictions per year; exact category counts for
   2020) and cut up with largest-remainder apportionment.
2. Random structure is then drawn around them: filing dates, extra defendants joined to
   cases by preferential attachment (so a few cases get many defendants), victims per
   case from a skewed table, lag from charge to outcome, appeal time.
3. Where a random draw and a published figure meet, the rows that carry the figure are
   picked at random and given exactly the allocated values (for example the 68
   children in 2020 recruited on Facebook), and sums such as "30% recruited online" are
   brought onto target by flipping a few rows in the direction the trend already goes.

Determinism: only ``random.Random(SEED)`` methods that need no floating-point library
calls (``random``, ``randint``, ``choice``, ``choices``, ``sample``, ``shuffle``) and
integer or date arithmetic are used, so the CSVs are byte-identical on any machine and
Python >= 3.11. Run ``python data/generate.py`` to rewrite the CSVs beside this file, or
``python data/generate.py --check`` to compare them with a fresh build (exit 1 if stale).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import TypeVar

T = TypeVar("T")

SEED = 20201231
DATA_DIR = Path(__file__).resolve().parent
FIRST_YEAR, LAST_YEAR = 2000, 2020
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
END_OF_DATA = date(LAST_YEAR, 12, 31)
START_2020 = date(2020, 1, 1)


def _by_year(values: Sequence[int]) -> dict[int, int]:
    assert len(values) == len(YEARS)
    return dict(zip(YEARS, values, strict=True))


# --- Figures fixed by the report (see data/README.md for the source of each) -------------
# New cases per year: 2019 = 149 and 2020 = 165 (up 11%); 2,093 in all.
NEW_CASES = _by_year([21, 24, 30, 36, 44, 52, 60, 68, 76, 84, 92, 104, 116, 128, 150, 168,
                      180, 188, 158, 149, 165])
# New defendants per year: 2019 = 279 and 2020 = 257 (down 8%); 4,132 in all.
NEW_DEFENDANTS = _by_year([40, 46, 58, 70, 86, 104, 120, 136, 154, 170, 188, 212, 236,
                           260, 300, 347, 370, 382, 317, 279, 257])
# Defendants convicted per year: 2020 = 163, 2019 = 333 (51% fewer), 2012 = 160 and every
# year 2013-2019 above 163 (fewest since 2012); 3,169 in all.
CONVICTIONS = _by_year([12, 28, 36, 46, 58, 72, 88, 102, 118, 132, 146, 158, 160, 186,
                        212, 246, 276, 292, 305, 333, 163])
ACQUITTED_OR_DISMISSED_2020 = 20  # 163 / (163 + 20) = 89% conviction rate
TOTAL_SEX_TRAFFICKING_CASES = 1946  # of 2,093: 93%
TOTAL_VICTIMS = 4824
ACTIVE_2020_CASES = 579
ACTIVE_2020_SEX_TRAFFICKING = 545  # 94% of 579
ACTIVE_2020_SEX_TRAFFICKING_GANG = 27  # 5% of 545
NEW_2020_MULTI_AGENCY = 145  # 88% of 165
# Referral sources of new 2020 cases and of the other cases active in 2020: victims who
# came forward are above one third and the most common, whichever denominator is used.
REFERRALS_NEW_2020 = {"victim_self_report": 58, "law_enforcement_operation": 42,
                      "public_tip": 22, "family_or_friend": 14, "other_agency": 13,
                      "other": 6, "unknown": 10}
REFERRALS_OLDER_ACTIVE_2020 = {"victim_self_report": 145, "law_enforcement_operation": 110,
                               "public_tip": 60, "family_or_friend": 35, "other_agency": 30,
                               "other": 14, "unknown": 20}
# Victims in cases active in 2020, over victims whose sex and minor status are known.
SEX_AGE_SHARES_2020 = {("female", True): 50, ("female", False): 44,
                       ("male", False): 3, ("male", True): 3}
# Online recruitment, victims in sex-trafficking cases active in 2020.
ONLINE_CHILD_PLATFORMS_2020 = {"Facebook": 68, "Instagram": 15, "Snapchat": 8, "Kik": 4,
                               "MeetMe": 3, "WhatsApp": 2, "Twitter": 2, "unknown": 2}
ONLINE_ADULT_PLATFORMS_2020 = {"WeChat": 12, "Facebook": 10, "Instagram": 2,
                               "WhatsApp": 2, "Backpage": 1, "unknown": 1}
# Victims with a known, non-internet location in those cases: 132 / (132 + 190) = 41%.
OFFLINE_LOCATIONS_2020 = {"street": 66, "residence": 53, "other": 29, "school": 23,
                          "workplace": 19}
ONLINE_SHARE_ALL_YEARS = (30, 100)  # of victims in sex-trafficking cases, known location


# --- Small helpers -------------------------------------------------------------------------

def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    whole = sum(weights)
    base = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(base)]:
        base[i] += 1
    return base


def weighted_order(rng: Random, items: Sequence[T], weights: Sequence[int]) -> list[T]:
    """Items in a random order where heavier items tend to come first.

    Every item gets ``weight`` tickets; after a shuffle the order of first tickets is
    successive sampling without replacement, with integer arithmetic only.
    """
    tickets = [i for i, w in enumerate(weights) for _ in range(max(w, 1))]
    rng.shuffle(tickets)
    seen: dict[int, None] = {}
    for i in tickets:
        seen.setdefault(i)
    return [items[i] for i in seen]


def pick(rng: Random, table: dict[str, int]) -> str:
    """One key of ``table``, drawn with its integer weight."""
    return rng.choices(list(table), weights=list(table.values()))[0]


def random_date(rng: Random, start: date, end: date) -> date:
    """A uniformly drawn day in [start, end]."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def spread(counts: dict[str, int], rng: Random) -> list[str]:
    """Labels repeated by their counts, shuffled."""
    labels = [label for label, n in counts.items() for _ in range(n)]
    rng.shuffle(labels)
    return labels


# --- Records ----------------------------------------------------------------------------------

@dataclass(eq=False)
class Case:
    case_id: str
    filed_date: date
    case_type: str = "sex_trafficking"
    last_pending_date: date | None = None
    district: str = ""
    state: str = ""
    referral_source: str = "unknown"
    agencies: list[str] = field(default_factory=list)
    multi_agency: bool = False
    gang_involved: bool = False
    defendants: list[Defendant] = field(default_factory=list)
    victims: list[Victim] = field(default_factory=list)

    @property
    def filed_year(self) -> int:
        return self.filed_date.year

    def active_in(self, year: int) -> bool:
        end = self.last_pending_date
        return self.filed_date.year <= year and (end is None or end.year >= year)


@dataclass(eq=False)
class Defendant:
    case: Case
    charged_date: date
    natural_end: date = END_OF_DATA
    defendant_id: str = ""
    sex: str = ""
    age_at_charge: int | None = None
    role: str = ""
    lead_statute: str = ""
    disposition: str = "pending"
    disposition_date: date | None = None
    sentence_months: int | None = None


@dataclass(eq=False)
class Victim:
    case: Case
    victim_id: str = ""
    sex: str = ""
    minor: bool | None = None
    age_band: str = ""
    citizenship: str = ""
    recruitment_location: str = "unknown"
    recruitment_platform: str = ""
    recruitment_tactic: str = "unknown"


# --- Cases and defendants -------------------------------------------------------------------

def build_cases(rng: Random) -> list[Case]:
    """One case per new case in NEW_CASES, filed on a random day of its year, ids by date."""
    dates = sorted(random_date(rng, date(y, 1, 1), date(y, 12, 31))
                   for y, n in NEW_CASES.items() for _ in range(n))
    return [Case(case_id=f"C{i:04d}", filed_date=d) for i, d in enumerate(dates, start=1)]


def build_defendants(rng: Random, cases: list[Case]) -> list[Defendant]:
    """A lead defendant per case, charged the day it is filed, plus co-defendants.

    Each year's extra defendants (NEW_DEFENDANTS minus NEW_CASES) join that year's cases,
    or now and then a case from the two years before (a superseding indictment), by
    preferential attachment: a case with more defendants is likelier to get another.
    """
    by_year: dict[int, list[Case]] = defaultdict(list)
    for case in cases:
        case.defendants.append(Defendant(case=case, charged_date=case.filed_date))
        by_year[case.filed_year].append(case)
    for year in YEARS:
        for _ in range(NEW_DEFENDANTS[year] - NEW_CASES[year]):
            earlier = year > FIRST_YEAR and rng.random() < 0.12
            pool = by_year[year - 1] + by_year[year - 2] if earlier else by_year[year]
            case = rng.choices(pool, weights=[2 * len(c.defendants) - 1 for c in pool])[0]
            case.defendants.append(Defendant(case=case, charged_date=_co_charge_date(rng, case, year)))
    defendants = [d for case in cases for d in sorted(case.defendants, key=lambda d: d.charged_date)]
    for i, defendant in enumerate(defendants, start=1):
        defendant.defendant_id = f"D{i:05d}"
    return defendants


def _co_charge_date(rng: Random, case: Case, year: int) -> date:
    year_end = date(year, 12, 31)
    if case.filed_year < year:
        return random_date(rng, date(year, 1, 1), year_end)
    if rng.random() < 0.7:
        return case.filed_date
    return random_date(rng, case.filed_date, min(case.filed_date + timedelta(days=240), year_end))


# Days from charge to outcome, if nothing pushed the case along or held it back.
_LAG_BUCKETS = {(60, 180): 15, (181, 365): 30, (366, 730): 30, (731, 1095): 15, (1096, 1825): 10}


def assign_dispositions(rng: Random, defendants: list[Defendant]) -> None:
    """Give each year exactly its published number of convictions.

    Every defendant has a natural end date (charge + a drawn lag). Year by year, the
    defendants still open whose natural end comes first are resolved in that year:
    CONVICTIONS[year] convicted, a few acquitted or dismissed. What is left at the end
    of 2020 is pending. About one in eighty defendants is a fugitive throughout.
    """
    open_: list[Defendant] = []
    for d in defendants:
        low, high = rng.choices(list(_LAG_BUCKETS), weights=list(_LAG_BUCKETS.values()))[0]
        d.natural_end = d.charged_date + timedelta(days=rng.randint(low, high))
        if rng.random() < 0.0125:
            d.disposition = "fugitive"
        else:
            open_.append(d)
    for year in YEARS:
        open_ = _resolve_year(rng, open_, year)


def _resolve_year(rng: Random, open_: list[Defendant], year: int) -> list[Defendant]:
    convicted = CONVICTIONS[year]
    others = ACQUITTED_OR_DISMISSED_2020 if year == LAST_YEAR else round(convicted * rng.randint(6, 12) / 100)
    last_day = date(year, 12, 31)
    eligible = sorted((d for d in open_ if d.charged_date + timedelta(days=30) <= last_day),
                      key=lambda d: (d.natural_end, d.defendant_id))
    chosen = eligible[: convicted + others]
    if len(chosen) < convicted + others:
        raise ValueError(f"{year}: only {len(chosen)} defendants can be resolved")
    not_convicted = set(rng.sample(chosen, others))
    for d in chosen:
        earliest = max(date(year, 1, 1), d.charged_date + timedelta(days=30))
        in_year = earliest <= d.natural_end <= last_day
        d.disposition_date = d.natural_end if in_year else random_date(rng, earliest, last_day)
        if d in not_convicted:
            d.disposition = "acquitted" if rng.random() < 0.25 else "dismissed"
        else:
            d.disposition = "convicted_trial" if rng.random() < 0.12 else "convicted_plea"
    done = set(chosen)
    return [d for d in open_ if d not in done]


def settle_case_ends(rng: Random, cases: list[Case]) -> None:
    """Set last_pending_date so that exactly ACTIVE_2020_CASES cases are active in 2020.

    A case stays pending while a defendant is pending (or every defendant is a fugitive);
    otherwise it ends after its last outcome plus time for sentencing and appeal. Among
    cases whose last outcome came before 2020, the ones whose natural end falls latest are
    stretched into 2020, or the earliest of those reaching 2020 are shortened, until the
    count of active cases matches. An end after 2020 means still pending: left empty.
    """
    ends: dict[str, date | None] = {c.case_id: _natural_case_end(rng, c) for c in cases}
    outcomes = {c.case_id: _last_outcome(c) for c in cases}
    fixed = {c for c in cases if c.filed_year == LAST_YEAR or (outcome := outcomes[c.case_id]) is None
             or outcome >= START_2020}
    movable = sorted((c for c in cases if c not in fixed),
                     key=lambda c: (ends[c.case_id], c.case_id), reverse=True)
    wanted = ACTIVE_2020_CASES - len(fixed)
    if not 0 <= wanted <= len(movable):
        raise ValueError(f"cannot make {ACTIVE_2020_CASES} cases active in 2020")
    for rank, case in enumerate(movable):
        end = ends[case.case_id]
        assert end is not None
        last = _last_outcome(case)
        assert last is not None
        if rank < wanted and end < START_2020:
            latest = max(min(last + timedelta(days=1100), date(2021, 12, 31)), START_2020)
            end = random_date(rng, START_2020, latest)
        elif rank >= wanted and end >= START_2020:
            end = random_date(rng, last + timedelta(days=1), date(2019, 12, 31))
        ends[case.case_id] = end
    for case in cases:
        end = ends[case.case_id]
        case.last_pending_date = end if end is not None and end <= END_OF_DATA else None


def _last_outcome(case: Case) -> date | None:
    """The last disposition date, or None while any defendant is pending or all are at large."""
    if any(d.disposition == "pending" for d in case.defendants):
        return None
    dates = [d.disposition_date for d in case.defendants if d.disposition_date is not None]
    return max(dates) if dates else None


def _natural_case_end(rng: Random, case: Case) -> date | None:
    last = _last_outcome(case)
    if last is None:
        return None
    went_to_trial = any(d.disposition == "convicted_trial" for d in case.defendants)
    days = rng.randint(300, 1100) if went_to_trial else rng.randint(20, 200)
    return last + timedelta(days=days)


# --- Case attributes ------------------------------------------------------------------------

DISTRICTS: dict[tuple[str, str], int] = {
    ("S.D. Tex.", "TX"): 9, ("N.D. Tex.", "TX"): 6, ("W.D. Tex.", "TX"): 5, ("E.D. Tex.", "TX"): 3,
    ("M.D. Fla.", "FL"): 8, ("S.D. Fla.", "FL"): 7, ("N.D. Fla.", "FL"): 2, ("N.D. Ga.", "GA"): 7,
    ("C.D. Cal.", "CA"): 6, ("N.D. Cal.", "CA"): 3, ("E.D. Cal.", "CA"): 3, ("S.D. Cal.", "CA"): 4,
    ("S.D.N.Y.", "NY"): 4, ("E.D.N.Y.", "NY"): 5, ("W.D.N.Y.", "NY"): 2, ("N.D. Ill.", "IL"): 4,
    ("E.D. Mich.", "MI"): 4, ("W.D. Mich.", "MI"): 2, ("N.D. Ohio", "OH"): 4, ("S.D. Ohio", "OH"): 4,
    ("E.D. Va.", "VA"): 5, ("D. Md.", "MD"): 4, ("D.D.C.", "DC"): 2, ("E.D. Pa.", "PA"): 3,
    ("W.D. Pa.", "PA"): 2, ("D. Minn.", "MN"): 4, ("W.D. Wash.", "WA"): 3, ("D. Nev.", "NV"): 4,
    ("D. Ariz.", "AZ"): 3, ("D. Colo.", "CO"): 2, ("W.D. Mo.", "MO"): 4, ("E.D. Mo.", "MO"): 2,
    ("E.D. La.", "LA"): 2, ("D.N.J.", "NJ"): 3, ("D. Haw.", "HI"): 1, ("D. Or.", "OR"): 2,
    ("W.D. Tenn.", "TN"): 2, ("M.D. Tenn.", "TN"): 3, ("D.S.C.", "SC"): 2, ("E.D.N.C.", "NC"): 2,
    ("D. Utah", "UT"): 1, ("D. Mass.", "MA"): 2, ("D. Conn.", "CT"): 1, ("N.D. Okla.", "OK"): 2,
    ("D. Neb.", "NE"): 1, ("D.S.D.", "SD"): 1, ("D. Alaska", "AK"): 1, ("D.P.R.", "PR"): 1,
}
AGENCIES = {
    "sex_trafficking": {"FBI": 35, "local_police": 25, "HSI": 20, "state_police": 8,
                        "sheriff": 7, "USMS": 3, "USPIS": 2},
    "forced_labor": {"HSI": 30, "DOL_OIG": 20, "FBI": 20, "DSS": 10, "local_police": 10,
                     "IRS_CI": 5},
}
AGENCY_ORDER = ["FBI", "HSI", "DOL_OIG", "DSS", "IRS_CI", "USMS", "USPIS", "state_police",
                "sheriff", "local_police"]
REFERRALS_OTHER_YEARS = {"victim_self_report": 26, "law_enforcement_operation": 30,
                         "public_tip": 14, "family_or_friend": 8, "other_agency": 9,
                         "other": 5, "unknown": 8}


def assign_case_types(rng: Random, cases: list[Case]) -> None:
    """Make exactly the published number of forced-labour cases, overall and active in 2020.

    Forced-labour cases were a larger share of the early caseload, so older cases are
    likelier to be picked for the cases outside 2020.
    """
    active = [c for c in cases if c.active_in(LAST_YEAR)]
    rest = [c for c in cases if not c.active_in(LAST_YEAR)]
    forced_active = len(active) - ACTIVE_2020_SEX_TRAFFICKING
    forced_rest = len(cases) - TOTAL_SEX_TRAFFICKING_CASES - forced_active
    picks = weighted_order(rng, active, [1] * len(active))[:forced_active]
    picks += weighted_order(rng, rest, [4 if c.filed_year <= 2008 else 1 for c in rest])[:forced_rest]
    for case in picks:
        case.case_type = "forced_labor"


def assign_case_details(rng: Random, cases: list[Case]) -> None:
    """District, investigating agencies, referral source and gang involvement."""
    districts = list(DISTRICTS)
    for case in cases:
        case.district, case.state = rng.choices(districts, weights=list(DISTRICTS.values()))[0]
    _assign_agencies(rng, cases)
    _assign_referrals(rng, cases)
    _assign_gangs(rng, cases)


def _assign_agencies(rng: Random, cases: list[Case]) -> None:
    new_2020 = [c for c in cases if c.filed_year == LAST_YEAR]
    multi_2020 = set(weighted_order(rng, new_2020, [1] * len(new_2020))[:NEW_2020_MULTI_AGENCY])
    for case in cases:
        if case.filed_year == LAST_YEAR:
            case.multi_agency = case in multi_2020
        else:
            case.multi_agency = rng.randint(0, 100) < 55 + 2 * (case.filed_year - FIRST_YEAR)
        wanted = rng.choice([2, 2, 2, 3, 3, 4]) if case.multi_agency else 1
        table = dict(AGENCIES[case.case_type])
        chosen: list[str] = []
        while len(chosen) < wanted:
            chosen.append(pick(rng, table))
            table.pop(chosen[-1])
        case.agencies = sorted(chosen, key=AGENCY_ORDER.index)


def _assign_referrals(rng: Random, cases: list[Case]) -> None:
    new_2020 = [c for c in cases if c.filed_year == LAST_YEAR]
    older_active = [c for c in cases if c.filed_year < LAST_YEAR and c.active_in(LAST_YEAR)]
    for group, counts in ((new_2020, REFERRALS_NEW_2020), (older_active, REFERRALS_OLDER_ACTIVE_2020)):
        assert len(group) == sum(counts.values()), (len(group), sum(counts.values()))
        for case, source in zip(group, spread(counts, rng), strict=False):
            case.referral_source = source
    for case in cases:
        if not case.active_in(LAST_YEAR):
            case.referral_source = pick(rng, REFERRALS_OTHER_YEARS)


def _assign_gangs(rng: Random, cases: list[Case]) -> None:
    """Exactly ACTIVE_2020_SEX_TRAFFICKING_GANG gang cases among 2020's active sex cases;
    about 5% of other sex-trafficking cases. Cases with more defendants are likelier."""
    active = [c for c in cases if c.active_in(LAST_YEAR) and c.case_type == "sex_trafficking"]
    weights = [len(c.defendants) for c in active]
    for case in weighted_order(rng, active, weights)[:ACTIVE_2020_SEX_TRAFFICKING_GANG]:
        case.gang_involved = True
    for case in cases:
        if not case.active_in(LAST_YEAR) and case.case_type == "sex_trafficking":
            case.gang_involved = rng.random() < 0.025 * min(len(case.defendants), 3)


# --- Defendant attributes -------------------------------------------------------------------

STATUTES = {
    "sex_trafficking": {"18 U.S.C. 1591": 85, "18 U.S.C. 1594(c)": 10, "18 U.S.C. 1590": 3,
                        "18 U.S.C. 1592": 2},
    "forced_labor": {"18 U.S.C. 1589": 65, "18 U.S.C. 1590": 15, "18 U.S.C. 1592": 10,
                     "18 U.S.C. 1594(b)": 10},
}
ROLES = {"sex_trafficking": {"co_conspirator": 50, "buyer": 25, "facilitator": 25},
         "forced_labor": {"co_conspirator": 70, "facilitator": 30}}
_AGE_BUCKETS = {(18, 24): 22, (25, 34): 38, (35, 44): 22, (45, 54): 12, (55, 72): 6}
# Months imposed: (low, high) ranges drawn by weight; trials draw from a longer table.
_SENTENCES = {
    ("sex_trafficking", False): {(24, 96): 20, (97, 180): 45, (181, 300): 25, (301, 480): 10},
    ("sex_trafficking", True): {(120, 240): 35, (241, 420): 40, (421, 720): 25},
    ("forced_labor", False): {(6, 36): 35, (37, 96): 40, (97, 180): 25},
    ("forced_labor", True): {(36, 120): 45, (121, 240): 40, (241, 480): 15},
}
SENTENCED_BY = date(2020, 8, 31)  # later convictions are not yet sentenced when the data ends


def assign_defendant_details(rng: Random, defendants: list[Defendant]) -> None:
    for d in defendants:
        kind = d.case.case_type
        lead = d is d.case.defendants[0]
        d.role = "trafficker" if lead or rng.random() < 0.55 else pick(rng, ROLES[kind])
        d.sex = "male" if rng.randint(1, 100) <= (80 if kind == "sex_trafficking" else 55) else "female"
        if d.role == "buyer":
            d.sex = "male"
        if rng.random() >= 0.02:
            low, high = rng.choices(list(_AGE_BUCKETS), weights=list(_AGE_BUCKETS.values()))[0]
            d.age_at_charge = rng.randint(low, high)
        d.lead_statute = pick(rng, STATUTES[kind])
        if d.disposition.startswith("convicted") and d.disposition_date is not None \
                and d.disposition_date <= SENTENCED_BY:
            table = _SENTENCES[(kind, d.disposition == "convicted_trial")]
            low, high = rng.choices(list(table), weights=list(table.values()))[0]
            d.sentence_months = rng.randint(low, high)


# --- Victims --------------------------------------------------------------------------------

# Victims per case: (low, high) ranges drawn by weight. Most cases have one or two.
_VICTIMS_PER_CASE = {
    "sex_trafficking": {(1, 1): 620, (2, 2): 170, (3, 3): 80, (4, 4): 50, (5, 5): 30,
                        (6, 8): 30, (9, 15): 16, (16, 30): 4},
    "forced_labor": {(1, 1): 32, (2, 2): 16, (3, 3): 12, (4, 6): 17, (7, 15): 14, (16, 40): 7,
                     (41, 80): 2},
}


def build_victims(rng: Random, cases: list[Case]) -> list[Victim]:
    """Victims per case from a skewed table, then nudged one at a time to TOTAL_VICTIMS."""
    counts: dict[Case, int] = {}
    for case in cases:
        table = _VICTIMS_PER_CASE[case.case_type]
        low, high = rng.choices(list(table), weights=list(table.values()))[0]
        counts[case] = rng.randint(low, high)
    while (gap := TOTAL_VICTIMS - sum(counts.values())) != 0:
        case = rng.choice(cases)
        if gap > 0:
            counts[case] += 1
        elif counts[case] > 1:
            counts[case] -= 1
    victims: list[Victim] = []
    for case in cases:
        case.victims = [Victim(case=case) for _ in range(counts[case])]
        victims.extend(case.victims)
    for i, victim in enumerate(victims, start=1):
        victim.victim_id = f"V{i:05d}"
    return victims


def assign_2020_victims(rng: Random, victims: list[Victim]) -> None:
    """Exact sex/age shares, online platforms and known locations for victims in cases
    active in 2020 (the published 2020 figures)."""
    _assign_sex_and_age_2020(rng, victims)
    sex_cases = [v for v in victims if v.case.case_type == "sex_trafficking"]
    children = [v for v in sex_cases if v.minor is True]
    adults = [v for v in sex_cases if v.minor is False]
    online = _recruit_online(rng, children, ONLINE_CHILD_PLATFORMS_2020)
    online |= _recruit_online(rng, adults, ONLINE_ADULT_PLATFORMS_2020)
    offline = [v for v in sex_cases if v not in online]
    for victim, place in zip(weighted_order(rng, offline, [1] * len(offline)),
                             spread(OFFLINE_LOCATIONS_2020, rng), strict=False):
        victim.recruitment_location = place
    for victim in victims:
        if victim.case.case_type == "forced_labor":
            _draw_location(rng, victim)


def _assign_sex_and_age_2020(rng: Random, victims: list[Victim]) -> None:
    """Unknowns first (about 4% sex and age, 5% age only), then the known victims split
    50/44/3/3 into girls/women/men/boys; men and women lean to forced-labour cases."""
    pool = list(victims)
    unknown_both, unknown_age = len(pool) * 4 // 100, len(pool) * 5 // 100
    known = len(pool) - unknown_both - unknown_age
    girls, women, men, boys = apportion(known, list(SEX_AGE_SHARES_2020.values()))
    plan: list[tuple[str, bool | None, int, int, int]] = [
        # sex, minor, how many, weight in sex-trafficking cases, weight in forced labour
        ("", None, unknown_both, 1, 1), ("female", None, unknown_age, 1, 1),
        ("male", False, men, 1, 20), ("male", True, boys, 3, 1), ("female", False, women, 3, 10),
    ]
    for sex, minor, n, w_sex, w_labor in plan:
        weights = [w_labor if v.case.case_type == "forced_labor" else w_sex for v in pool]
        chosen = set(weighted_order(rng, pool, weights)[:n])
        for victim in chosen:
            victim.sex, victim.minor = sex, minor
        pool = [v for v in pool if v not in chosen]
    assert len(pool) == girls
    for victim in pool:
        victim.sex, victim.minor = "female", True


def _recruit_online(rng: Random, pool: list[Victim], platforms: dict[str, int]) -> set[Victim]:
    chosen = weighted_order(rng, pool, [1] * len(pool))[: sum(platforms.values())]
    for victim, platform in zip(chosen, spread(platforms, rng), strict=False):
        victim.recruitment_location, victim.recruitment_platform = "internet", platform
    return set(chosen)


# Recruitment location weights for victims outside 2020's active cases, by era of filing.
_LOCATIONS_BY_ERA: list[tuple[int, dict[str, int]]] = [
    (2003, {"internet": 2, "street": 40, "residence": 22, "workplace": 8, "school": 7, "other": 21}),
    (2006, {"internet": 6, "street": 38, "residence": 22, "workplace": 7, "school": 7, "other": 20}),
    (2008, {"internet": 14, "street": 35, "residence": 21, "workplace": 7, "school": 7, "other": 16}),
    (2010, {"internet": 30, "street": 28, "residence": 19, "workplace": 6, "school": 6, "other": 11}),
    (2012, {"internet": 40, "street": 22, "residence": 17, "workplace": 6, "school": 5, "other": 10}),
    (2016, {"internet": 41, "street": 22, "residence": 17, "workplace": 5, "school": 5, "other": 10}),
    (2020, {"internet": 44, "street": 20, "residence": 16, "workplace": 5, "school": 5, "other": 10}),
]
_LABOR_LOCATIONS = {"unknown": 55, "workplace": 15, "residence": 9, "other": 10, "internet": 5,
                    "street": 6}
_KNOWN_LOCATION_PERCENT = 30
# Platforms in use by era (first year, last year, weight).
_PLATFORMS = [("Craigslist", 2000, 2010, 6), ("MySpace", 2004, 2011, 8), ("Backpage", 2006, 2018, 12),
              ("Facebook", 2008, 2020, 30), ("Kik", 2011, 2020, 5), ("Instagram", 2012, 2020, 10),
              ("Snapchat", 2013, 2020, 6), ("WhatsApp", 2012, 2020, 3), ("WeChat", 2013, 2020, 3),
              ("chat_room", 2000, 2008, 10), ("dating_site", 2000, 2020, 5), ("unknown", 2000, 2020, 2)]


def _draw_location(rng: Random, victim: Victim) -> None:
    """A location for a victim outside the fixed 2020 figures (or in forced labour)."""
    if victim.case.case_type == "forced_labor":
        victim.recruitment_location = pick(rng, _LABOR_LOCATIONS)
    elif rng.randint(1, 100) > _KNOWN_LOCATION_PERCENT:
        victim.recruitment_location = "unknown"
    else:
        table = next(t for last, t in _LOCATIONS_BY_ERA if victim.case.filed_year <= last)
        victim.recruitment_location = pick(rng, table)
    if victim.recruitment_location == "internet":
        _draw_platform(rng, victim)


def _draw_platform(rng: Random, victim: Victim) -> None:
    year = victim.case.filed_year
    table = {name: w for name, first, last, w in _PLATFORMS if first <= year <= last}
    if victim.case.case_type == "forced_labor":
        table = {"Facebook": 4, "WhatsApp": 3, "job_website": 5, "unknown": 1}
    victim.recruitment_platform = pick(rng, table)


def assign_other_victims(rng: Random, victims: list[Victim], everyone: list[Victim]) -> None:
    """Sex, age and location for victims outside 2020's active cases, drawn by weight,
    then a few locations flipped so that ONLINE_SHARE_ALL_YEARS holds over all years."""
    for victim in victims:
        _draw_sex_and_age(rng, victim)
        _draw_location(rng, victim)
    _hit_online_share(rng, victims, everyone)


def _draw_sex_and_age(rng: Random, victim: Victim) -> None:
    if victim.case.case_type == "forced_labor":
        table = {"female/adult": 45, "male/adult": 43, "female/minor": 5, "male/minor": 4,
                 "female/?": 2, "?/?": 1}
    else:
        table = {"female/minor": 65, "female/adult": 24, "male/minor": 4, "male/adult": 3,
                 "female/?": 3, "?/?": 1}
    sex, age = pick(rng, table).split("/")
    victim.sex = "" if sex == "?" else sex
    victim.minor = None if age == "?" else age == "minor"


def _hit_online_share(rng: Random, victims: list[Victim], everyone: list[Victim]) -> None:
    """Flip locations of victims outside 2020's active cases until the online share of
    known locations in sex-trafficking cases, over all years, rounds to the target."""
    known = [v for v in everyone if v.case.case_type == "sex_trafficking"
             and v.recruitment_location != "unknown"]
    numerator, denominator = ONLINE_SHARE_ALL_YEARS
    target = (len(known) * numerator * 2 + denominator) // (2 * denominator)
    online = sum(v.recruitment_location == "internet" for v in known)
    mine = [v for v in victims if v.case.case_type == "sex_trafficking"
            and v.recruitment_location != "unknown"]
    if online < target:  # more online recruitment in cases open since 2013
        candidates = [v for v in mine if v.recruitment_location != "internet" and v.case.active_in(2013)]
    else:  # less in cases closed before 2013
        candidates = [v for v in mine if v.recruitment_location == "internet"
                      and not any(v.case.active_in(y) for y in range(2013, LAST_YEAR + 1))]
    for victim in weighted_order(rng, candidates, [1] * len(candidates))[: abs(target - online)]:
        if online < target:
            victim.recruitment_location = "internet"
            _draw_platform(rng, victim)
        else:
            victim.recruitment_location, victim.recruitment_platform = "street", ""


_CHILD_BANDS = {"0-11": 8, "12-14": 34, "15-17": 58}
_ADULT_BANDS = {"18-24": 52, "25-34": 30, "35-49": 14, "50+": 4}
_TACTICS = {
    "sex_trafficking": {"false_romance": 30, "false_job_offer": 12, "drugs": 15, "force_or_threat": 10,
                        "family_member": 7, "other": 8, "unknown": 18},
    "forced_labor": {"false_job_offer": 45, "debt_bondage": 25, "document_confiscation": 10,
                     "force_or_threat": 5, "other": 5, "unknown": 10},
}


def assign_victim_details(rng: Random, victims: list[Victim]) -> None:
    """Age band, citizenship and tactic, drawn to fit what is already known of the victim."""
    for v in victims:
        if v.minor is not None and rng.random() >= 0.06:
            v.age_band = pick(rng, _CHILD_BANDS if v.minor else _ADULT_BANDS)
        labor = v.case.case_type == "forced_labor"
        foreign = rng.randint(1, 100) <= (80 if labor else 12) or v.recruitment_platform == "WeChat"
        v.citizenship = "" if rng.random() < 0.08 else ("foreign" if foreign else "US")
        v.recruitment_tactic = pick(rng, _TACTICS[v.case.case_type])
        if v.recruitment_location == "internet" and not labor and rng.random() < 0.5:
            v.recruitment_tactic = "false_romance"


# --- Assembly and output --------------------------------------------------------------------

def build(seed: int = SEED) -> tuple[list[Case], list[Defendant], list[Victim]]:
    """Every step in order; the same seed always gives the same rows."""
    rng = Random(seed)
    cases = build_cases(rng)
    defendants = build_defendants(rng, cases)
    assign_dispositions(rng, defendants)
    settle_case_ends(rng, cases)
    assign_case_types(rng, cases)
    assign_case_details(rng, cases)
    assign_defendant_details(rng, defendants)
    victims = build_victims(rng, cases)
    active = [v for v in victims if v.case.active_in(LAST_YEAR)]
    assign_2020_victims(rng, active)
    assign_other_victims(rng, [v for v in victims if not v.case.active_in(LAST_YEAR)], victims)
    assign_victim_details(rng, victims)
    return cases, defendants, victims


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value)


def _csv(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_text(x) for x in row] for row in rows])
    return buffer.getvalue()


def render(seed: int = SEED) -> dict[str, str]:
    """The three CSV files, by name, as text."""
    cases, defendants, victims = build(seed)
    return {
        "cases.csv": _csv(
            ["case_id", "district", "state", "filed_date", "case_type", "last_pending_date",
             "referral_source", "agencies", "multi_agency", "gang_involved",
             "n_defendants", "n_victims"],
            [[c.case_id, c.district, c.state, c.filed_date, c.case_type, c.last_pending_date,
              c.referral_source, ";".join(c.agencies), c.multi_agency, c.gang_involved,
              len(c.defendants), len(c.victims)] for c in cases]),
        "defendants.csv": _csv(
            ["defendant_id", "case_id", "charged_date", "sex", "age_at_charge", "role",
             "lead_statute", "disposition", "disposition_date", "sentence_months"],
            [[d.defendant_id, d.case.case_id, d.charged_date, d.sex, d.age_at_charge, d.role,
              d.lead_statute, d.disposition, d.disposition_date, d.sentence_months]
             for d in defendants]),
        "victims.csv": _csv(
            ["victim_id", "case_id", "sex", "minor", "age_band", "citizenship",
             "recruitment_location", "recruitment_platform", "recruitment_tactic"],
            [[v.victim_id, v.case.case_id, v.sex, v.minor, v.age_band, v.citizenship,
              v.recruitment_location, v.recruitment_platform, v.recruitment_tactic]
             for v in victims]),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="rebuild in memory and exit 1 if the committed CSVs differ")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write or check")
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out / name).is_file()
                 or (args.out / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{args.out / name} is out of date: run python data/generate.py", file=sys.stderr)
        if not stale:
            print("data/*.csv are up to date")
        return 1 if stale else 0
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {args.out / name} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
