"""How long a run takes on Spark (local mode) next to DuckDB, with Spark's start-up apart.

    python benchmarks/spark_times.py                  # the story and the benchmark at 1M rows
    python benchmarks/spark_times.py --rows 100000 --reps 1

Through the library API, as a user would call it: ``factcheck.verify(path)`` and
``factcheck.verify(path, engine="spark")``. Spark's session is started first and timed
alone (the JVM, the first query); the runs then use that session, as a notebook or a
service would. Each figure is the wall clock of one whole run (reading the tables and
every claim), best and worst of ``--reps``; the load average is printed beside them (the
machine may be shared). The two engines' reports are checked to be the same, value by
value. Needs pyspark and Java 17: ``pip install -e '.[spark]'``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def timed(fn: Callable[[], Any], reps: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def same(a: Any, b: Any) -> bool:
    dump = [r.model_dump(mode="json", exclude={"generated_at"}) for r in (a, b)]
    for x, y in zip(dump[0]["results"], dump[1]["results"], strict=True):
        x.pop("sql"), y.pop("sql")  # an integer sum past 2^63 may take the exact path on one engine only
    return dump[0]["results"] == dump[1]["results"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000, help="victims rows of the generated benchmark data")
    ap.add_argument("--reps", type=int, default=2)
    args = ap.parse_args()

    import factcheck

    t = time.perf_counter()
    from factcheck.backends.spark_session import spark_session
    spark = spark_session()
    started = time.perf_counter() - t
    t = time.perf_counter()
    spark.range(1).count()
    first = time.perf_counter() - t
    print(f"Spark start-up: session {started:.1f} s, first query {first:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f})")

    sys.path.insert(0, str(REPO / "benchmarks"))
    import run as benchmark

    with tempfile.TemporaryDirectory(prefix="fc-spark-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        sizes = benchmark.generate(folder, args.rows)
        (folder / "bench.yaml").write_text(benchmark.CLAIMS_YAML, encoding="utf-8")
        print(f"generated {sizes} in {time.perf_counter() - t:.0f} s")
        for name, path in (("claims/2020.yaml", REPO / "claims" / "2020.yaml"),
                           (f"bench.yaml, {args.rows:,} victims rows", folder / "bench.yaml")):
            duck_times, duck = timed(lambda p=path: factcheck.verify(p), args.reps)
            load = os.getloadavg()[0]
            spark_times, on_spark = timed(lambda p=path: factcheck.verify(p, engine="spark"), args.reps)
            print(f"| {name} | DuckDB {min(duck_times):.1f}-{max(duck_times):.1f} s | "
                  f"Spark {min(spark_times):.1f}-{max(spark_times):.1f} s | "
                  f"same figures: {same(duck, on_spark)} | load {load:.1f}-{os.getloadavg()[0]:.1f} |")
    spark.stop()


if __name__ == "__main__":
    main()
