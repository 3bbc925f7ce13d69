"""The time and peak memory of a ``wins`` claim over a precinct file of 100k and 1M cells.

    python benchmarks/wins.py                          # the checkout factcheck imports
    git archive integ factcheck | tar -x -C /tmp/before
    python benchmarks/wins.py --source /tmp/before --source .   # before and after, runs interleaved

Each size gets a results table of one row per (precinct, candidate) cell: ten candidates in each
precinct, integer votes drawn from a hash of the row (deterministic), written by DuckDB. Three
claims are timed apart, each in a fresh ``factcheck run`` process (wall clock, and the child's
CPU time and peak RSS from ``wait4``): votes summed per candidate (integers: ranked in SQL), rows counted
(no ``by``), and a sum of a DOUBLE share with 12 decimals (past DECIMAL(38,10): summed exactly in
Python, the slow path kept for exactness). With several ``--source`` the runs of each claim
alternate between them (A B A B …), so load from other processes falls on all alike. The median
of ``--reps`` runs is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
CLAIMS = {
    "sum": "{wins: c3, among: candidate, in: precinct, by: {sum: votes, of: results}, of: results}",
    "count": "{wins: c3, among: candidate, in: precinct, of: results, where: votes > 100}",
    "double": "{wins: c3, among: candidate, in: precinct, by: {sum: share, of: results}, of: results}",
}


def make(folder: Path, cells: int) -> None:
    """The results table of ``cells`` rows and a claims file of the three claims."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".git").mkdir(exist_ok=True)
    duckdb.connect().execute(f"""COPY (SELECT i // 10 AS precinct, 'c' || (i % 10) AS candidate,
                                              hash(i) % 2000 AS votes,
                                              round((hash(i * 7) % 1000000) / 1e12, 12) AS share
                                       FROM range({cells}) AS r(i))
                                 TO '{folder / "results.csv"}' (HEADER)""")
    claims = "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {m}\n    expect: '1'\n"
                     for cid, m in CLAIMS.items())
    (folder / "c.yaml").write_text("version: 1\ntables:\n  results:\n    path: results.csv\n"
                                   "    columns: {share: double}\nclaims:\n" + claims, encoding="utf-8")


def once(source: str | None, claims: Path, claim: str) -> tuple[float, float, float]:
    """One ``factcheck run --only`` in a fresh process: (wall seconds, CPU seconds, that process's peak
    RSS in MB). On a shared machine the CPU time varies less than the wall clock."""
    cmd = [sys.executable, str(HERE / "run_tree.py"), source] if source else [sys.executable, "-m", "factcheck"]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen([*cmd, "run", str(claims), "--only", claim, "--json", "-"], stdout=log,
                                stderr=subprocess.STDOUT, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage (RUSAGE_CHILDREN keeps the largest)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            log.seek(0)
            raise SystemExit(f"factcheck stopped ({code}): {log.read().decode()[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", action="append", default=[],
                    help="a copy of factcheck's source to run instead of the installed one (repeatable)")
    ap.add_argument("--cells", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--claims", nargs="+", default=list(CLAIMS))
    args = ap.parse_args()
    compare(make, args.cells, args.claims, args.source, args.reps, "cells")


def compare(build: Callable[[Path, int], None], sizes: list[int], claims: list[str], sources: list[str],
            reps: int, unit: str) -> None:
    """For each size, ``build`` the data and its ``c.yaml``, then time each claim ``reps`` times with
    each source, interleaved (A B A B …), and print the medians."""
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(sizes):
            folder = Path(tmp) / str(n)
            build(folder, n)
            for claim in claims:
                trees: list[str | None] = list(sources) or [None]
                runs: dict[str | None, list[tuple[float, float, float]]] = {src: [] for src in trees}
                for _ in range(reps):
                    for src in trees:
                        runs[src].append(once(src, folder / "c.yaml", claim))
                for src, got in runs.items():
                    wall, cpu, peak = (statistics.median(r[i] for r in got) for i in range(3))
                    print(f"{n:>11,} {unit:<5}  {claim:<7} {src or 'installed':<24} {wall:6.2f} s  CPU {cpu:6.2f} s  "
                          f"peak RSS {peak:6.0f} MB", flush=True)

if __name__ == "__main__":
    main()
