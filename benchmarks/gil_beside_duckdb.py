"""How much a busy Python thread slows DuckDB's queries in the same process.

    python benchmarks/gil_beside_duckdb.py                 # the shipped data, 5 rounds
    python benchmarks/gil_beside_duckdb.py --rounds 9 --switch 0.005 0.0002

A run of ``factcheck`` works out the article's figures (pure Python) on a thread while
DuckDB reads the tables and runs the claims, on the idea that DuckDB runs with Python's
lock (the GIL) released. It does, but DuckDB's Python client takes the lock back
between the tasks of a query to look for Ctrl-C; while another thread runs Python,
each time it waits until that thread is made to hand the lock over, up to Python's
switch interval (5 ms by default). This script measures it on the shipped CSVs: the
three tables read (``CREATE TABLE … AS SELECT * FROM read_csv(…)``) and 20 small
queries, with no other thread, then beside a thread that only counts, for each switch
interval given. Each case runs in a fresh process, the cases interleaved round by
round; the medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

ONE_CASE = r"""
import sys, threading, time
busy, switch = sys.argv[1] == "busy", float(sys.argv[2])
sys.setswitchinterval(switch)
try:
    import _duckdb as duckdb  # the compiled core alone, as factcheck's runs use it
except ImportError:
    import duckdb
con = duckdb.connect()
con.execute("CREATE TABLE warm AS SELECT 1")
stop = False
def count():
    n = 0
    while not stop:
        n += 1
thread = threading.Thread(target=count, daemon=True)
if busy:
    thread.start()
options = "delim=',', header=true, quote='\"', nullstr=[''], dateformat='%Y-%m-%d'"
t = time.perf_counter()
for table in ("cases", "defendants", "victims"):
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{sys.argv[3]}/{table}.csv', {options})")
reads = time.perf_counter() - t
t = time.perf_counter()
for _ in range(20):
    con.execute("SELECT count(*) FROM victims WHERE sex = 'female'").fetchall()
queries = time.perf_counter() - t
stop = True
print(reads, queries)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--switch", type=float, nargs="+", default=[0.005, 0.001, 0.0002],
                        help="switch intervals (seconds) to try beside the busy thread")
    args = parser.parse_args()
    cases = [("alone", "idle", 0.005)] + [(f"busy thread, switch {s * 1000:g} ms", "busy", s) for s in args.switch]
    got: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in cases}
    for _ in range(args.rounds):
        for label, mode, switch in cases:
            out = subprocess.run([sys.executable, "-c", ONE_CASE, mode, str(switch), str(DATA)],
                                 capture_output=True, text=True, check=True).stdout.split()
            got[label].append((float(out[0]), float(out[1])))
    print(f"{'':34s} {'3 CSV reads':>12s} {'20 queries':>12s}   (medians of {args.rounds} processes)")
    for label, runs in got.items():
        reads = statistics.median(r for r, _ in runs) * 1000
        queries = statistics.median(q for _, q in runs) * 1000
        print(f"{label:34s} {reads:9.1f} ms {queries:9.1f} ms")


if __name__ == "__main__":
    main()
