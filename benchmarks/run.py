"""Speed and memory of `factcheck run` (issue 2), measured as whole processes.

    python benchmarks/run.py                       # 1M-row victims table, 5 repetitions
    python benchmarks/run.py --rows 100000 --reps 3
    python benchmarks/run.py --keep --workdir /tmp/fcbench   # keep the generated files

What it does:

1. generates linked tables shaped like data/*.csv (cases N/10, defendants N/5,
   victims N) as CSV or Parquet (``--format``) into a temporary folder, with DuckDB
   (``COPY (SELECT … FROM range(n)) TO …``), deterministically (values come from ``hash(i)``);
2. writes ``bench.yaml``: 26 claims covering every measure kind, with derive
   columns and lookups (``case: cases via case_id``); runs ``factcheck run`` once
   and insists on exit 0 or 1 (2 means the claims file or data could not be used);
3. writes ``handwritten.py``: the same claims, one DuckDB query each, over the
   same files loaded once — the baseline the issue names; its figures are compared
   with factcheck's JSON report so both scripts are known to compute the same thing;
   and ``floor.py``: each table's touched columns (as the report lists them) read once,
   every value hashed — what any engine must do at least; with ``--engine NAME``
   factcheck runs as ``factcheck.verify(…, engine=NAME)`` (``fc_run.py``);
4. times whole processes, a fresh measuring subprocess per run (wall clock,
   user+sys CPU, max RSS from ``getrusage(RUSAGE_CHILDREN)``), median of ``--reps``:
   the shipped story (``claims/2020.yaml``) vs ``python -c "import pandas"``, and
   ``factcheck run bench.yaml`` vs ``python handwritten.py``;
5. prints a table of ratios against the targets; also ``import factcheck.cli``
   start-up, the top ``-X importtime`` offenders, and whether pandas is imported on
   the run path (it must not be).

Only the standard library, duckdb and the installed factcheck are used. The
console script is run through the interpreter's own ``bin/factcheck`` (not a
pyenv shim, which costs ~0.1-0.3 s of bash per call), and Python through
``sys.executable``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable

# --------------------------------------------------------------------------- 1. data

DISTRICTS = ["S.D. Tex.", "S.D. Fla.", "N.D. Ga.", "C.D. Cal.", "E.D.N.Y.", "D. Minn.",
             "N.D. Ill.", "W.D. Wash.", "D. Ariz.", "E.D. Va.", "D. Nev.", "M.D. Fla."]
STATES = ["TX", "FL", "GA", "CA", "NY", "MN", "IL", "WA", "AZ", "VA", "NV", "OH"]


def _pick(values: list[str], h: str) -> str:
    return f"[{', '.join(repr(v) for v in values)}][1 + ({h}) % {len(values)}]"


def h(i: str, salt: int) -> str:
    """A deterministic pseudo-random UBIGINT for row i (a different stream per salt)."""
    return f"CAST(hash({i} * 1000003 + {salt}) >> 1 AS BIGINT)"


def generate(folder: Path, rows: int, fmt: str = "csv") -> dict[str, int]:
    """Write cases, defendants and victims as ``fmt`` (csv or parquet) files into ``folder``."""
    import duckdb
    n_cases, n_def, n_vic = max(rows // 10, 10), max(rows // 5, 10), max(rows, 10)
    days = (dt.date(2020, 12, 31) - dt.date(2000, 1, 1)).days + 1
    con = duckdb.connect()
    cases = f"""
    SELECT printf('C%07d', i) AS case_id,
           {_pick(DISTRICTS, h('i', 1))} AS district,
           {_pick(STATES, h('i', 1))} AS state,
           filed_date,
           CASE WHEN {h('i', 3)} % 100 < 93 THEN 'sex_trafficking' ELSE 'labor_trafficking' END AS case_type,
           CASE WHEN {h('i', 4)} % 10 = 0 THEN NULL
                ELSE filed_date + CAST({h('i', 5)} % 2500 AS INTEGER) END AS last_pending_date,
           {_pick(['law_enforcement_operation', 'victim_self_report', 'hotline', 'ngo', 'unknown'], h('i', 6))} AS referral_source,
           {_pick(['FBI', 'FBI;HSI', 'HSI;local_police', 'local_police', 'FBI;local_police;state_police'], h('i', 7))} AS agencies,
           {h('i', 8)} % 100 < 80 AS multi_agency,
           {h('i', 9)} % 100 < 5 AS gang_involved,
           CAST(1 + {h('i', 10)} % 4 AS INTEGER) AS n_defendants,
           CAST(1 + {h('i', 11)} % 9 AS INTEGER) AS n_victims
    FROM (SELECT i, DATE '2000-01-01' + CAST({h('i', 2)} % {days} AS INTEGER) AS filed_date
          FROM range(1, {n_cases} + 1) t(i))
    ORDER BY case_id"""
    defendants = f"""
    SELECT printf('D%08d', i) AS defendant_id,
           printf('C%07d', 1 + {h('i', 20)} % {n_cases}) AS case_id,
           charged_date,
           CASE WHEN {h('i', 21)} % 10 < 8 THEN 'male' ELSE 'female' END AS sex,
           CAST(18 + {h('i', 22)} % 50 AS INTEGER) AS age_at_charge,
           {_pick(['trafficker', 'trafficker', 'buyer', 'facilitator'], h('i', 23))} AS role,
           {_pick(['18 U.S.C. 1591', '18 U.S.C. 1589', '18 U.S.C. 1594'], h('i', 24))} AS lead_statute,
           disposition,
           CASE WHEN disposition IN ('pending', 'fugitive') THEN NULL
                ELSE charged_date + CAST({h('i', 26)} % 900 AS INTEGER) END AS disposition_date,
           CASE WHEN disposition LIKE 'convicted%' THEN CAST(6 + {h('i', 27)} % 360 AS INTEGER) END AS sentence_months
    FROM (SELECT i, DATE '2000-01-01' + CAST({h('i', 28)} % {days} AS INTEGER) AS charged_date,
                 {_pick(['convicted_plea'] * 6 + ['convicted_trial', 'acquitted', 'dismissed', 'pending', 'fugitive'], h('i', 25))} AS disposition
          FROM range(1, {n_def} + 1) t(i))"""
    victims = f"""
    SELECT printf('V%08d', i) AS victim_id,
           printf('C%07d', 1 + {h('i', 40)} % {n_cases}) AS case_id,
           CASE WHEN {h('i', 41)} % 100 < 3 THEN NULL WHEN {h('i', 41)} % 100 < 90 THEN 'female' ELSE 'male' END AS sex,
           CASE WHEN {h('i', 42)} % 100 < 4 THEN NULL ELSE {h('i', 42)} % 100 < 55 END AS minor,
           {_pick(['12-14', '15-17', '18-24', '25-34', '35+', 'unknown'], h('i', 43))} AS age_band,
           {_pick(['US', 'US', 'US', 'Mexico', 'Honduras', 'China', 'unknown'], h('i', 44))} AS citizenship,
           location AS recruitment_location,
           CASE WHEN location = 'internet'
                THEN {_pick(['Facebook'] * 6 + ['Instagram', 'Instagram', 'Snapchat', 'WeChat', 'Craigslist'], h('i', 46))}
           END AS recruitment_platform,
           {_pick(['romance', 'job_offer', 'debt', 'force', 'unknown'], h('i', 47))} AS recruitment_tactic
    FROM (SELECT i, {_pick(['internet'] * 3 + ['street', 'home', 'school', 'club'] + ['unknown'] * 3, h('i', 45))} AS location
          FROM range(1, {n_vic} + 1) t(i))"""
    for name, sql in (("cases", cases), ("defendants", defendants), ("victims", victims)):
        options = "HEADER, DELIMITER ','" if fmt == "csv" else "FORMAT parquet"
        con.execute(f"COPY ({sql}) TO '{folder / (name + '.' + fmt)}' ({options})")
    con.close()
    return {"cases": n_cases, "defendants": n_def, "victims": n_vic}


# --------------------------------------------------------------------------- 2. claims

CLAIMS_YAML = """\
version: 1
title: Benchmark claims over generated data (every measure kind)
tables:
  cases:
    path: cases.csv
    key: case_id
    time: filed_date
    columns: {filed_date: date, last_pending_date: date}
    derive:
      filed_year: year(filed_date)
      active_2020: filed_date <= '2020-12-31' and (last_pending_date is null or last_pending_date >= '2020-01-01')
      sex_trafficking: case_type == 'sex_trafficking'
  defendants:
    path: defendants.csv
    key: defendant_id
    time: charged_date
    columns: {charged_date: date, disposition_date: date}
    derive:
      charged_year: year(charged_date)
      disposition_year: year(disposition_date)
      convicted: disposition in ['convicted_plea', 'convicted_trial']
    lookup:
      case: cases via case_id
  victims:
    path: victims.csv
    key: victim_id
    csv: {'null': ['']}
    derive:
      online: recruitment_location == 'internet'
      location_known: recruitment_location != 'unknown'
      same_case_as_previous: case_id == lag(case_id)
    lookup:
      case: cases via case_id

claims:
  - id: count-cases-2020
    says: Prosecutors filed N cases in 2020.
    measure: {count: cases, where: filed_year == 2020}
    expect: {between: [0, 1000000000]}
  - id: value-first-case-victims
    says: The first case had N victims.
    measure: {value: n_victims, of: cases, where: case_id == 'C0000001'}
    expect: {between: [0, 100]}
  - id: count-distinct-districts-2020
    says: Cases were filed in N districts in 2020.
    measure: {count_distinct: district, of: cases, where: filed_year == 2020}
    expect: 12
  - id: sum-sentences-2020
    says: Convicted defendants got N months in total in 2020.
    measure: {sum: sentence_months, of: defendants, where: convicted and disposition_year == 2020}
    expect: {between: [0, 1000000000000]}
  - id: mean-age-2020
    says: Defendants charged in 2020 were N years old on average.
    measure: {mean: age_at_charge, of: defendants, where: charged_year == 2020}
    expect: about 42
  - id: median-sentence
    says: The median sentence was N months.
    measure: {median: sentence_months, of: defendants, where: convicted}
    expect: {between: [0, 1000]}
  - id: min-age
    says: The youngest defendant was 18.
    measure: {min: age_at_charge, of: defendants}
    expect: 18
  - id: max-sentence
    says: The longest sentence was 365 months.
    measure: {max: sentence_months, of: defendants, where: case.sex_trafficking}
    expect: 365
  - id: share-facebook-online-2020
    says: 55% of online recruitment in active sex-trafficking cases was on Facebook.
    measure:
      share: recruitment_platform == 'Facebook'
      of: victims
      where: online and case.active_2020 and case.sex_trafficking
    expect: 55%
  - id: share-minors-active-2020
    says: Most victims in active cases were children.
    measure: {share: minor, of: victims, where: case.active_2020}
    expect: a majority
  - id: share-gang-active
    says: Only 5% of active sex-trafficking cases involved a gang.
    measure: {share: gang_involved, of: cases, where: active_2020 and sex_trafficking}
    expect: 5%
  - id: ratio-victims-per-case-2020
    says: Cases filed in 2020 had 10 victims each on average.
    measure:
      ratio:
        numerator: {count: victims, where: case.filed_year == 2020}
        denominator: {count: cases, where: filed_year == 2020}
    expect: {between: [0, 1000]}
  - id: change-cases-percent
    says: Prosecutors filed about as many cases in 2020 as in 2019.
    measure: {change: {count: cases}, over: filed_year, from: 2019, to: 2020}
    expect: {between: [-0.2, 0.2]}
  - id: change-multi-agency-points
    says: The share of multi-agency cases barely moved between 2015 and 2020.
    measure: {change: {share: multi_agency, of: cases}, over: filed_year, from: 2015, to: 2020, as: points}
    expect: {between: [-0.05, 0.05]}
  - id: change-online-victims-ratio
    says: Online victims in cases charged in 2020 vs 2010.
    measure:
      change: {count: defendants, where: case.sex_trafficking}
      over: charged_year
      from: 2010
      to: 2020
      as: ratio
    expect: {between: [0.5, 2]}
  - id: extreme-fewest-convictions-since-2012
    says: Fewest convictions in a year since 2012.
    measure:
      extreme: {count: defendants, where: convicted}
      over: disposition_year
      at: 2020
      since: 2012
      is: lowest
    expect: false
  - id: extreme-highest-on-record
    says: The most defendants ever charged in a year.
    measure: {extreme: {count: defendants}, over: charged_year, at: 2020, is: highest}
    expect: false
  - id: top-platforms-online-2020
    says: Facebook and Instagram were the two most common platforms.
    measure:
      top: recruitment_platform
      of: victims
      n: 2
      where: online and case.active_2020
    expect: [Facebook, Instagram]
  - id: top-location-known
    says: The internet is the most common known recruitment location.
    measure: {top: recruitment_location, of: victims, n: 1, where: location_known and case.sex_trafficking}
    expect: [internet]
  - id: top-states-by-mean-defendants
    says: The three states with the most defendants per case.
    measure:
      top: state
      of: cases
      n: 3
      by: {mean: n_defendants, of: cases}
    expect: {values: [TX, FL, GA], any_order: true}
  - id: streak-sex-trafficking-cases
    says: The longest run of consecutive sex-trafficking cases was 150.
    measure: {streak: sex_trafficking, of: cases, order: case_id, where: filed_year >= 2019}
    expect: {between: [1, 100000]}
  - id: count-victims-2000-2020
    says: The cases involved N victims.
    measure: {count: victims, where: case.filed_year between 2000 and 2020}
    expect: {between: [0, 1000000000]}
  - id: count-online-children
    says: N children were recruited online in active cases.
    measure: {count: victims, where: minor and online and case.active_2020 and case.sex_trafficking}
    expect: {between: [0, 1000000000]}
  - id: count-same-case-in-a-row
    says: N victims were listed right after another victim of the same case.
    measure: {count: victims, where: same_case_as_previous}
    expect: {between: [0, 1000000000]}
  - id: top-location-same-case-in-a-row
    says: Victims listed after one of the same case were most often recruited on the internet.
    measure: {top: recruitment_location, of: victims, n: 1, where: same_case_as_previous}
    expect: [internet]
  - id: not-checkable
    says: Most traffickers act alone.
    unverifiable: the data records gang involvement per case, not per trafficker.
"""

def claims_yaml(fmt: str) -> str:
    """bench.yaml for data files of format ``fmt`` (Parquet has no csv: options)."""
    if fmt == "csv":
        return CLAIMS_YAML
    text = CLAIMS_YAML.replace("    csv: {'null': ['']}\n", "")
    return text.replace(".csv\n", f".{fmt}\n")


# --------------------------------------------------------------------------- 3. hand-written baseline

HANDWRITTEN = '''\
"""The hand-written baseline: the claims of bench.yaml, one DuckDB query each."""
import json
import sys
from pathlib import Path

import duckdb

here = Path(__file__).resolve().parent
con = duckdb.connect()
FORMAT = "csv"  # replaced by run.py --format
for t in ("cases", "defendants", "victims"):
    con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_{FORMAT}('{here / (t + '.' + FORMAT)}')")

ACTIVE = ("(c.filed_date <= DATE '2020-12-31' AND "
          "(c.last_pending_date IS NULL OR c.last_pending_date >= DATE '2020-01-01'))")
IN_A_ROW = "SELECT *, case_id = lag(case_id) OVER (ORDER BY rowid) AS s FROM victims"  # rowid: file order
CONVICTED = "d.disposition IN ('convicted_plea', 'convicted_trial')"
Q = {
  "count-cases-2020": "SELECT count(*) FROM cases WHERE year(filed_date) = 2020",
  "value-first-case-victims": "SELECT n_victims FROM cases WHERE case_id = 'C0000001'",
  "count-distinct-districts-2020": "SELECT count(DISTINCT district) FROM cases WHERE year(filed_date) = 2020",
  "sum-sentences-2020": f"SELECT sum(sentence_months) FROM defendants d WHERE {CONVICTED} AND year(disposition_date) = 2020",
  "mean-age-2020": "SELECT avg(age_at_charge) FROM defendants WHERE year(charged_date) = 2020",
  "median-sentence": f"SELECT median(sentence_months) FROM defendants d WHERE {CONVICTED}",
  "min-age": "SELECT min(age_at_charge) FROM defendants",
  "max-sentence": "SELECT max(d.sentence_months) FROM defendants d LEFT JOIN cases c USING (case_id) "
                  "WHERE c.case_type = 'sex_trafficking'",
  "share-facebook-online-2020": f"SELECT avg((v.recruitment_platform = 'Facebook')::INT) FROM victims v "
                                f"LEFT JOIN cases c USING (case_id) WHERE v.recruitment_location = 'internet' "
                                f"AND {ACTIVE} AND c.case_type = 'sex_trafficking'",
  "share-minors-active-2020": f"SELECT avg(v.minor::INT) FROM victims v LEFT JOIN cases c USING (case_id) WHERE {ACTIVE}",
  "share-gang-active": f"SELECT avg(c.gang_involved::INT) FROM cases c WHERE {ACTIVE} AND c.case_type = 'sex_trafficking'",
  "ratio-victims-per-case-2020": "SELECT (SELECT count(*) FROM victims v JOIN cases c USING (case_id) "
                                 "WHERE year(c.filed_date) = 2020) / (SELECT count(*) FROM cases WHERE year(filed_date) = 2020)",
  "change-cases-percent": "SELECT count(*) FILTER (WHERE year(filed_date) = 2020) / count(*) FILTER (WHERE year(filed_date) = 2019) - 1 FROM cases",
  "change-multi-agency-points": "SELECT avg(multi_agency::INT) FILTER (WHERE year(filed_date) = 2020) "
                                "- avg(multi_agency::INT) FILTER (WHERE year(filed_date) = 2015) FROM cases",
  "change-online-victims-ratio": "SELECT count(*) FILTER (WHERE year(d.charged_date) = 2020) / count(*) FILTER (WHERE year(d.charged_date) = 2010) "
                                 "FROM defendants d LEFT JOIN cases c USING (case_id) WHERE c.case_type = 'sex_trafficking'",
  "extreme-fewest-convictions-since-2012": f"""
      WITH y AS (SELECT year(disposition_date) AS yr, count(*) AS n FROM defendants d WHERE {CONVICTED} GROUP BY 1)
      SELECT (SELECT n FROM y WHERE yr = 2020) < ALL (SELECT n FROM y WHERE yr > 2012 AND yr < 2020)
         AND (SELECT n FROM y WHERE yr = 2012) <= (SELECT n FROM y WHERE yr = 2020)""",
  "extreme-highest-on-record": """
      WITH y AS (SELECT year(charged_date) AS yr, count(*) AS n FROM defendants GROUP BY 1)
      SELECT (SELECT n FROM y WHERE yr = 2020) > ALL (SELECT n FROM y WHERE yr <> 2020)""",
  "top-platforms-online-2020": f"SELECT list(p ORDER BY n DESC, p) FROM (SELECT v.recruitment_platform AS p, count(*) AS n "
                               f"FROM victims v LEFT JOIN cases c USING (case_id) WHERE v.recruitment_location = 'internet' "
                               f"AND {ACTIVE} AND p IS NOT NULL GROUP BY 1 ORDER BY n DESC, p LIMIT 2)",
  "top-location-known": "SELECT list(p ORDER BY n DESC, p) FROM (SELECT v.recruitment_location AS p, count(*) AS n "
                        "FROM victims v LEFT JOIN cases c USING (case_id) WHERE v.recruitment_location <> 'unknown' "
                        "AND c.case_type = 'sex_trafficking' GROUP BY 1 ORDER BY n DESC, p LIMIT 1)",
  "top-states-by-mean-defendants": "SELECT list(s ORDER BY m DESC, s) FROM (SELECT state AS s, avg(n_defendants) AS m "
                                   "FROM cases GROUP BY 1 ORDER BY m DESC, s LIMIT 3)",
  "streak-sex-trafficking-cases": """
      WITH o AS (SELECT case_id, case_type = 'sex_trafficking' AS ok FROM cases WHERE year(filed_date) >= 2019),
      r AS (SELECT ok, row_number() OVER (ORDER BY case_id) - row_number() OVER (PARTITION BY ok ORDER BY case_id) AS run FROM o)
      SELECT max(n) FROM (SELECT count(*) AS n FROM r WHERE ok GROUP BY run)""",
  "count-victims-2000-2020": "SELECT count(*) FROM victims v LEFT JOIN cases c USING (case_id) "
                             "WHERE year(c.filed_date) BETWEEN 2000 AND 2020",
  "count-same-case-in-a-row": f"SELECT count(*) FROM ({IN_A_ROW}) WHERE s",
  "top-location-same-case-in-a-row": f"SELECT list(p ORDER BY n DESC, p) FROM (SELECT recruitment_location AS p, "
                                     f"count(*) AS n FROM ({IN_A_ROW}) WHERE s GROUP BY 1 ORDER BY n DESC, p LIMIT 1)",
  "count-online-children": f"SELECT count(*) FROM victims v LEFT JOIN cases c USING (case_id) WHERE v.minor "
                           f"AND v.recruitment_location = 'internet' AND {ACTIVE} AND c.case_type = 'sex_trafficking'",
}
out = {}
for cid, sql in Q.items():
    value = con.execute(sql).fetchone()[0]
    out[cid] = value if isinstance(value, (bool, list, str)) or value is None else float(value)
json.dump(out, sys.stdout, indent=1)
print()
'''


FLOOR = '''\
"""The floor: each table's touched columns read once (what any engine must do), nothing else.

Every value is hashed, so no file statistic (Parquet's null counts) can answer in its place."""
import json
import sys
from pathlib import Path

import duckdb

FORMAT = "csv"  # replaced by run.py --format
here = Path(__file__).resolve().parent
con = duckdb.connect()
for table in json.loads((here / "report.json").read_text())["tables"]:
    counts = ", ".join(f\'bit_xor(hash("{c}"))\' for c in table["columns_read"])
    con.execute(f"SELECT {counts} FROM read_{FORMAT}(\'{here / table[\'path\']}\')").fetchall()
'''

STORY_FLOOR = '''\
"""The story's floor: start Python, import what the design fixes (duckdb, pydantic, typer, pyyaml)
as far as any run must (pydantic's BaseModel, and TypeAdapter, which typer builds for every option),
connect, read the claims file and each of its tables once (every column). No claim is judged."""
import sys
from pathlib import Path

import typer  # noqa: F401
import yaml
from pydantic import BaseModel, TypeAdapter  # noqa: F401  (the claims model's base; typer's coercion)

try:  # DuckDB's compiled core alone, as factcheck connects (the package's Python layer is not needed)
    import _duckdb as duckdb
except ImportError:
    import duckdb

claims = Path(sys.argv[1]).resolve()
spec = yaml.safe_load(claims.read_text())
con = duckdb.connect()
for i, table in enumerate(spec["tables"].values()):
    path = (claims.parent / table["path"]).resolve()
    reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
    con.execute(f"CREATE TABLE t{i} AS SELECT * FROM {reader}('{path}')")
'''

RUNNER = '''\
"""factcheck.verify on one claims file, with engine= when run.py was given --engine."""
import sys

import factcheck

ENGINE = None  # replaced by run.py --engine
report = factcheck.verify(sys.argv[1], **({} if ENGINE is None else {"engine": ENGINE}))
if len(sys.argv) > 2:
    from factcheck.render import report_json
    open(sys.argv[2], "w").write(report_json(report))
'''


def engine_refusal(engine: str | None) -> str | None:
    """Why ``--engine`` cannot be used with this factcheck (its verify has no engine=), or None."""
    if engine is None:
        return None
    import inspect

    import factcheck
    if "engine" in inspect.signature(factcheck.verify).parameters:
        return None
    if engine == "duckdb":
        return None  # the only engine there is: verify is called without engine=
    return (f"--engine {engine}: this factcheck's verify() has no engine= parameter, so it runs on "
            "DuckDB only; use --engine duckdb (or leave --engine out)")


def with_setting(script: str, name: str, value: object) -> str:
    """A generated script with its ``NAME = …  # replaced by run.py`` line set to ``value``."""
    lines = [f"{name} = {value!r}  # set by run.py" if line.startswith(f"{name} = ") else line
             for line in script.splitlines()]
    return "\n".join(lines) + "\n"


def check_same_figures(report: dict, hand: dict) -> list[str]:
    """factcheck's computed values against the hand-written ones; a list of mismatches."""
    bad = []
    for r in report.get("results", []):
        cid = r.get("id")
        if cid not in hand:
            continue
        mine = r.get("value", r.get("computed"))
        if isinstance(mine, dict):
            mine = mine.get("value")
        theirs = hand[cid]
        if isinstance(theirs, float) and isinstance(mine, (int, float)) and not isinstance(mine, bool):
            ok = abs(float(mine) - theirs) <= 1e-9 * max(1.0, abs(theirs))
        else:
            ok = mine == theirs
        if not ok:
            bad.append(f"{cid}: factcheck {mine!r}, hand-written {theirs!r}")
    return bad


# --------------------------------------------------------------------------- 4. measuring

_MEASURE = r"""
import json, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1])
t = time.perf_counter()
rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=sys.argv[2]).returncode
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": ru.ru_maxrss / 1024}))
"""


def measure_once(cmd: list[str], cwd: Path) -> dict:
    """One run of ``cmd`` in a fresh measuring process, so RUSAGE_CHILDREN is that child alone."""
    out = subprocess.run([PY, "-c", _MEASURE, json.dumps(cmd), str(cwd)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def measure_all(cmds: dict[str, tuple[list[str], Path, tuple[int, ...]]], reps: int) -> dict[str, dict]:
    """Median wall, CPU and max RSS of each command over ``reps`` runs.

    The commands are interleaved (A B C A B C …) so that load from other processes on
    the machine falls on all of them alike; one warm-up round first (page cache, .pyc).
    """
    runs: dict[str, list[dict]] = {name: [] for name in cmds}
    for rep in range(reps + 1):
        for name, (cmd, cwd, ok) in cmds.items():
            r = measure_once(cmd, cwd)
            if r["rc"] not in ok:
                raise SystemExit(f"{' '.join(cmd)} exited {r['rc']}")
            if rep:
                runs[name].append(r)
    return {name: {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss_mb")}
            | {"walls": [round(r["wall"], 3) for r in rs]} for name, rs in runs.items()}


def imported_package() -> Path:
    """The folder of the ``factcheck`` package that the measured commands import: asked from a
    folder holding none, as the console script imports it (an editable install points at the
    checkout it was made from; ``PYTHONPATH`` may point elsewhere). Said when it is not this
    checkout's, since the figures then measure another tree."""
    out = subprocess.run([PY, "-c", "import factcheck, os; print(os.path.dirname(factcheck.__file__))"],
                         capture_output=True, text=True, cwd=tempfile.gettempdir(), check=True).stdout
    package = Path(out.strip())
    if package.resolve() != (REPO / "factcheck").resolve():
        print(f"# note: the commands import factcheck from {package}, not from this checkout ({REPO}); "
              f"set PYTHONPATH={REPO} to measure this tree", file=sys.stderr)
    return package


def factcheck_cmd() -> list[str]:
    script = Path(PY).parent / "factcheck"
    return [str(script)] if script.exists() else [PY, "-m", "factcheck"]


def importtime(top: int = 12) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    err = subprocess.run([PY, "-X", "importtime", "-c", "import factcheck.cli"],
                         capture_output=True, text=True, cwd=REPO).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cum_us, name = line[len("import time:"):].split("|", 2)
        rows.append((int(cum_us), int(self_us), name.rstrip()[1:]))
    tops = [r for r in rows if not r[2].startswith(" ")]  # top-level imports only
    return sorted(rows, key=lambda r: -r[0])[:top], sorted(tops, key=lambda r: -r[0])[:top]


def run_path_modules(story: Path, extra: list[str]) -> dict[str, bool]:
    code = ("import sys, runpy\n"
            f"sys.argv = ['factcheck', 'run', {str(story)!r}, *{extra!r}]\n"
            "from factcheck.cli import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "print({m: m in sys.modules for m in ('pandas', 'numpy', 'pyarrow', 'jinja2', 'hypothesis')}, file=sys.stderr)")
    err = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=REPO).stderr
    return eval(err.strip().splitlines()[-1], {})  # noqa: S307 — our own dict literal printed above


# --------------------------------------------------------------------------- 5. main

def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows of the main (victims) table")
    ap.add_argument("--reps", type=int, default=5, help="timed repetitions per command (median reported)")
    ap.add_argument("--format", choices=("csv", "parquet"), default="csv",
                    help="format of the generated data files (both scripts read the same files)")
    ap.add_argument("--engine", help="run factcheck.verify(..., engine=ENGINE) instead of `factcheck run`")
    ap.add_argument("--workdir", type=Path, help="folder for the generated files (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    ap.add_argument("--reuse", action="store_true",
                    help="use the data files already in --workdir (from a run with the same --rows and --format)")
    ap.add_argument("--no-handwritten", action="store_true",
                    help="leave out the hand-written script (at 100M rows it holds every column in memory)")
    ap.add_argument("--story", type=Path, default=REPO / "claims" / "2020.yaml",
                    help="the shipped story (default claims/2020.yaml; falls back to /tmp/fc/spec.yaml --data-root /)")
    return ap.parse_args()


def prepare_workdir(work: Path, args: argparse.Namespace, fc: list[str]) -> None:
    """Data, bench.yaml and the scripts in ``work``; one checked run of each, figures compared."""
    fmt = args.format
    if args.reuse and all((work / f"{n}.{fmt}").exists() for n in ("cases", "defendants", "victims")):
        print(f"reusing the {fmt} files in {work}")
    else:
        t = dt.datetime.now()
        sizes = generate(work, args.rows, fmt)
        gen_s = (dt.datetime.now() - t).total_seconds()
        print(f"generated {', '.join(f'{k} {v:,}' for k, v in sizes.items())} rows in {gen_s:.1f} s into {work}")
    mb = sum((work / f"{n}.{fmt}").stat().st_size for n in ("cases", "defendants", "victims")) / 2**20
    print(f"data: {mb:,.0f} MB of {fmt}")
    (work / "bench.yaml").write_text(claims_yaml(fmt))
    (work / "handwritten.py").write_text(with_setting(HANDWRITTEN, "FORMAT", fmt))
    (work / "floor.py").write_text(with_setting(FLOOR, "FORMAT", fmt))
    (work / "fc_run.py").write_text(with_setting(RUNNER, "ENGINE", args.engine))
    (work / "story_floor.py").write_text(STORY_FLOOR)

    # sanity: both scripts run and agree
    cmd = [*fc, "run", "bench.yaml", "--json", "report.json"] if args.engine is None else \
        [PY, "fc_run.py", "bench.yaml", "report.json"]
    first = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if first.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {first.returncode}:\n{first.stdout}\n{first.stderr}")
    report = json.loads((work / "report.json").read_text())
    verdicts = [r.get("verdict") for r in report.get("results", [])]
    print(f"factcheck on bench.yaml: exit {first.returncode}, {len(verdicts)} claims: "
          + ", ".join(f"{v} {verdicts.count(v)}" for v in dict.fromkeys(verdicts)))
    print("columns read: " + "; ".join(f"{t['name']} {', '.join(t['columns_read'])}" for t in report["tables"]))
    if args.no_handwritten:
        return
    hand = subprocess.run([PY, "handwritten.py"], cwd=work, capture_output=True, text=True, check=True)
    mismatches = check_same_figures(report, json.loads(hand.stdout))
    print("hand-written figures agree with factcheck's" if not mismatches
          else "MISMATCHES between factcheck and the hand-written script:\n  " + "\n  ".join(mismatches))


def print_targets(rows: dict[str, dict], args: argparse.Namespace, story_name: str) -> None:
    """The ratios against the issue's targets, and each figure against the floor."""
    n, fmt = f"{args.rows:,}", args.format
    story_r, pandas_r = rows[f"factcheck run {story_name}"], rows["import pandas"]
    bench_r, floor_r = rows["factcheck on bench.yaml"], rows["floor (touched columns)"]
    stack_r = rows["story floor (stack, read)"]
    targets: list[tuple[str, float, float | None, float | None]] = [
        ("shipped story time / import pandas", story_r["wall"] / pandas_r["wall"], story_r["cpu"] / pandas_r["cpu"], 1.0),
        ("story floor (imports, connect, read) / pandas", stack_r["wall"] / pandas_r["wall"],
         stack_r["cpu"] / pandas_r["cpu"], None),
        ("shipped story time / story floor", story_r["wall"] / stack_r["wall"], story_r["cpu"] / stack_r["cpu"], None)]
    hand_r = rows.get("python handwritten.py")
    if hand_r is not None:
        targets += [
            (f"{n} rows {fmt}: time / hand-written", bench_r["wall"] / hand_r["wall"], bench_r["cpu"] / hand_r["cpu"], 0.7),
            (f"{n} rows {fmt}: peak memory / hand-written", bench_r["rss_mb"] / hand_r["rss_mb"], None, 1.5)]
    targets += [
        (f"{n} rows {fmt}: time / floor", bench_r["wall"] / floor_r["wall"], bench_r["cpu"] / floor_r["cpu"], None),
        (f"{n} rows {fmt}: peak memory / floor", bench_r["rss_mb"] / floor_r["rss_mb"], None, None)]
    if hand_r is not None:
        targets.append((f"{n} rows {fmt}: hand-written time / floor", hand_r["wall"] / floor_r["wall"],
                        hand_r["cpu"] / floor_r["cpu"], None))
    print(f"\n  {'ratio':48} {'wall':>7} {'cpu':>7} {'limit':>7}  verdict")
    for name, wall, cpu, limit in targets:
        verdict = "" if limit is None else "met" if wall <= limit else f"MISSED by {wall / limit - 1:.0%} (wall)"
        print(f"  {name:48} {wall:6.2f}x {'' if cpu is None else f'{cpu:6.2f}x':>7} "
              f"{'' if limit is None else f'{limit:6.1f}x':>7}  {verdict}")
    if bench_r["rss_mb"] > 4096:
        print(f"  peak memory {bench_r['rss_mb']:,.0f} MB is over 4 GiB")


def main() -> None:
    args = parse_args()
    refusal = engine_refusal(args.engine)
    if refusal:
        raise SystemExit(refusal)
    if args.engine == "duckdb" and refusal is None:
        import inspect

        import factcheck
        if "engine" not in inspect.signature(factcheck.verify).parameters:
            args.engine = None  # verify knows only DuckDB: `factcheck run` is that engine

    import duckdb
    print(f"# factcheck benchmark, {dt.datetime.now().isoformat(timespec='minutes')}, "
          f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, duckdb {duckdb.__version__}, "
          f"{args.rows:,} rows as {args.format}, engine {args.engine or 'duckdb (factcheck run)'}")

    # byte-compile factcheck as `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on the
    # shared machine) every start would compile its sources again and be measured as start-up.
    # The package compiled is the one the commands below import, which is not always this checkout's
    subprocess.run([PY, "-m", "compileall", "-q", str(imported_package())], check=True)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="fcbench-"))
    work.mkdir(parents=True, exist_ok=True)
    fc = factcheck_cmd()
    try:
        prepare_workdir(work, args, fc)
        story, extra = args.story, []
        if not story.exists():
            story, extra = Path("/tmp/fc/spec.yaml"), ["--data-root", "/"]
        print(f"\nmedian of {args.reps} interleaved runs (after a warm-up round), wall clock / user+sys CPU / max RSS; "
              f"load average before: {os.getloadavg()[0]:.2f}")
        bench_cmd = [*fc, "run", "bench.yaml"] if args.engine is None else [PY, "fc_run.py", "bench.yaml"]
        cmds = {
            "import pandas": ([PY, "-c", "import pandas"], REPO, (0,)),
            "import factcheck.cli": ([PY, "-c", "import factcheck.cli"], REPO, (0,)),
            f"factcheck run {story.name}": ([*fc, "run", str(story), *extra], REPO, (0, 1)),
            "story floor (stack, read)": ([PY, str(work / "story_floor.py"), str(story)], REPO, (0,)),
            "floor (touched columns)": ([PY, "floor.py"], work, (0,)),
            "python handwritten.py": ([PY, "handwritten.py"], work, (0,)),
            "factcheck on bench.yaml": (bench_cmd, work, (0, 1)),
        }
        if args.no_handwritten:
            del cmds["python handwritten.py"]
        rows = measure_all(cmds, args.reps)
        print(f"load average after measuring: {os.getloadavg()[0]:.2f}")
        for name, r in rows.items():
            print(f"  {name:28} {r['wall']:7.3f} s {r['cpu']:7.3f} s CPU {r['rss_mb']:7.0f} MB   runs {r['walls']}")
        print_targets(rows, args, story.name)

        print(f"\nimport factcheck.cli: {rows['import factcheck.cli']['wall']:.3f} s; "
              f"heaviest imports (cumulative µs, -X importtime):")
        everything, tops = importtime()
        for cum, self_us, name in everything:
            print(f"  {cum:8d} {self_us:8d}  {name}")
        mods = run_path_modules(story, extra)
        print("imported by `factcheck run` on the shipped story: "
              + ", ".join(f"{m} {'YES' if v else 'no'}" for m, v in mods.items()))
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
