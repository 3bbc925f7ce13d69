"""The time of sums of DOUBLEs written with all their digits, as programs write them.

    python benchmarks/double_sums.py                                  # the checkout factcheck imports
    git archive 43a4170 factcheck | tar -x -C /tmp/before
    python benchmarks/double_sums.py --source /tmp/before --source "$PWD"  # before and after, interleaved

A rate computed by a program and written out keeps every digit of its DOUBLE: 51193.142857142855,
1.2e-07. Such values do not fit DECIMAL(38,10), so factcheck sums them exactly another way (the
value's shortest decimal split into its digits and power of ten; see ``measures/_simple.py``).
Each size gets a table of ``rows`` rows: a region (10), a year (2019 or 2020) and a rate, a
whole number from a hash of the row divided by 7 (deterministic). Four claims are timed apart,
each in a fresh ``factcheck run --only`` process (:func:`wins.compare`: wall clock, CPU, peak RSS):
a sum, a mean, a change of the sum from 2019 to 2020 (summed by year) and the region that wins
by its sum in each year. The median of ``--reps`` runs is printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
from wins import compare

CLAIMS = {
    "sum": "{sum: rate, of: rates}",
    "mean": "{mean: rate, of: rates}",
    "change": "{change: {sum: rate, of: rates}, over: year, from: 2019, to: 2020, as: absolute}",
    "wins": "{wins: r3, among: region, in: year, by: {sum: rate, of: rates}, of: rates}",
}


def make(folder: Path, rows: int) -> None:
    """The rates table of ``rows`` rows and a claims file of the claims above."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    duckdb.connect().execute(f"""COPY (SELECT 'r' || (i % 10) AS region, 2019 + (i // 7) % 2 AS year,
                                              (hash(i) % 1000000) / 7.0 AS rate
                                       FROM range({rows}) AS t(i))
                                 TO '{folder / "rates.csv"}' (HEADER)""")
    claims = "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {m}\n"
                     f"    expect: {'up 1' if cid == 'change' else 1}\n" for cid, m in CLAIMS.items())
    (folder / "c.yaml").write_text("version: 1\ntables:\n  rates:\n    path: rates.csv\n"
                                   "    columns: {rate: double}\nclaims:\n" + claims, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", action="append", default=[],
                    help="a copy of factcheck's source to run instead of the installed one (repeatable)")
    ap.add_argument("--rows", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--claims", nargs="+", default=list(CLAIMS), choices=list(CLAIMS))
    args = ap.parse_args()
    compare(make, args.rows, args.claims, args.source, args.reps, "rows")

if __name__ == "__main__":
    main()
