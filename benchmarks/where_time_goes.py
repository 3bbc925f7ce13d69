"""Where the time of one `factcheck run` goes: phases, every DuckDB statement, Python hot spots.

    python benchmarks/where_time_goes.py claims/2020.yaml
    python benchmarks/where_time_goes.py /tmp/fcbench/bench.yaml --data-root /tmp   # after run.py --keep --workdir /tmp/fcbench
    python benchmarks/where_time_goes.py claims/2020.yaml --alone 15   # and DuckDB's own time

Runs in one process (so it leaves out interpreter start-up and exit): the time to
import the CLI, then prepare / materialize / run / print, each DuckDB statement
timed and grouped by what it is for, and the top of a cProfile of the whole run.
With ``--alone N`` the run's statements are then replayed by themselves, in order, on a
fresh connection, N times: their medians add up to DuckDB's own time for the claims file,
the part of a run no change to factcheck's Python can take away.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import pstats
import statistics
import time

T0 = time.perf_counter()
import factcheck.cli  # noqa: E402,F401  (timed: the CLI's import cost)

T1 = time.perf_counter()
import duckdb  # noqa: E402

_log: list[tuple[float, float, str]] = []  # wall, CPU (the process's, every thread), statement
_connect = duckdb.connect


class _Timed:
    """A DuckDB connection that times each execute()."""

    def __init__(self, con: "duckdb.DuckDBPyConnection") -> None:
        self._con = con

    def execute(self, sql: str, *args: object, **kw: object) -> "_Timed":
        t, c = time.perf_counter(), time.process_time()
        self._con.execute(sql, *args, **kw)
        _log.append((time.perf_counter() - t, time.process_time() - c, sql))
        return self

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def _kind(sql: str) -> str:
    s = sql.lstrip()
    if s.startswith("DESCRIBE"):
        return "header (DESCRIBE)"
    if "__contract_" in s:
        return "contracts (columns:)"
    if s.startswith("CREATE"):
        return "read tables (CREATE)"
    if "HAVING count(*) > 1" in s:
        return "key / lookup uniqueness"
    if s.startswith("SELECT count(*) FROM \"") and "WHERE" not in s:
        return "row counts"
    if s.startswith("SELECT coalesce("):
        return "period coverage"
    return "claims"


def alone(statements: list[str], reps: int) -> list[float]:
    """Each statement's median wall time when the run's statements are replayed by themselves, in
    order, on a fresh connection each time (no factcheck code between them, no profiler)."""
    times: list[list[float]] = [[] for _ in statements]
    for _ in range(reps):
        con = _connect()
        for i, sql in enumerate(statements):
            t = time.perf_counter()
            try:
                result = con.execute(sql)
                if result.description:
                    result.fetchall()
            except duckdb.Error:
                pass  # refused in the run too (a query that locates bad data, say)
            times[i].append(time.perf_counter() - t)
        con.close()
    return [statistics.median(ts) for ts in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--data-root")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--alone", type=int, default=0, metavar="N",
                    help="replay the run's statements by themselves N times: DuckDB's own time")
    args = ap.parse_args()

    duckdb.connect = lambda *a, **k: _Timed(_connect(*a, **k))  # type: ignore[assignment]
    from rich.console import Console

    from factcheck.engine import prepare
    from factcheck.render.terminal import print_report
    t2 = time.perf_counter()
    prof = cProfile.Profile()
    prof.enable()
    t = [time.perf_counter()]
    session = prepare(args.file, data_root=args.data_root)
    t.append(time.perf_counter())
    session.materialize()
    t.append(time.perf_counter())
    report = session.run()
    t.append(time.perf_counter())
    print_report(report, Console(file=io.StringIO()))
    t.append(time.perf_counter())
    prof.disable()

    print("phases (ms, in process; cProfile on, which inflates Python-heavy phases):")
    for name, ms in [("import factcheck.cli", T1 - T0), ("import engine, duckdb, render", t2 - T1),
                     ("prepare", t[1] - t[0]), ("materialize", t[2] - t[1]), ("run", t[3] - t[2]),
                     ("print", t[4] - t[3])]:
        print(f"  {name:32} {ms * 1000:8.1f}")
    groups: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    for secs, cpu, sql in _log:
        groups[_kind(sql)].append((secs, cpu))
    print(f"\nDuckDB statements: {len(_log)}, {sum(s for s, _, _ in _log) * 1000:.0f} ms wall, "
          f"{sum(c for _, c, _ in _log) * 1000:.0f} ms CPU")
    for name, times in sorted(groups.items(), key=lambda kv: -sum(w for w, _ in kv[1])):
        print(f"  {name:32} {len(times):4d} stmts {sum(w for w, _ in times) * 1000:8.1f} ms "
              f"{sum(c for _, c in times) * 1000:8.1f} ms CPU")
    print("\nslowest statements (wall, CPU, cores busy = CPU / wall: 1.0 leaves the second core idle):")
    for secs, cpu, sql in sorted(_log, key=lambda x: -x[0])[:10]:
        print(f"  {secs * 1000:7.1f} ms {cpu * 1000:7.1f} ms {cpu / secs if secs else 0:4.1f}  {' '.join(sql.split())[:120]}")
    if args.alone > 0:
        medians = alone([sql for _, _, sql in _log], args.alone)
        alone_groups: dict[str, list[float]] = collections.defaultdict(list)
        for secs, (_, _, sql) in zip(medians, _log, strict=True):
            alone_groups[_kind(sql)].append(secs)
        print(f"\nDuckDB alone (the {len(_log)} statements replayed by themselves, {args.alone}x, medians): "
              f"{sum(medians) * 1000:.1f} ms")
        for name, secs_list in sorted(alone_groups.items(), key=lambda kv: -sum(kv[1])):
            print(f"  {name:32} {len(secs_list):4d} stmts {sum(secs_list) * 1000:8.1f} ms")
    print()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(args.top)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


if __name__ == "__main__":
    main()
