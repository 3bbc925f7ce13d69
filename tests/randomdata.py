"""Random tables and 54 claims of every kind over them, for the tests that compare figures.

``tests/test_spark_differential.py`` runs them on DuckDB and on Spark; ``tests/test_figures_oracle.py``
computes the plainer figures again in Python. The tables are drawn from a seed, so a failure
can be replayed: nulls in every column, ties, negative numbers, DOUBLEs that DECIMAL(38,10)
cannot hold (``1e-07``, ``3.0000000000000004``, ``1e15 / 7``), a lookup whose region is missing,
and text that differs only by case or a trailing space (``'a'``, ``'a '``, ``'A'``).
"""

from __future__ import annotations

import random
from pathlib import Path

CLAIMS = """\
version: 1
title: DuckDB against Spark on random data
tables:
  t:
    path: t.csv
    key: id
    time: yr
    columns: {x: double, q: decimal, n: integer, d: date, flag: boolean}
    lookup:
      grp: g via gid
  g:
    path: g.csv
    key: gid
claims:
  - {id: count, says: a, measure: {count: t, where: x > 0}, expect: 3}
  - {id: count-null, says: a, measure: {count: t, where: flag}, expect: 3}
  - {id: count-distinct, says: a, measure: {count_distinct: s, of: t}, expect: 3}
  - {id: count-distinct-lower, says: a, measure: {count_distinct: "lower(trim(s))", of: t}, expect: 3}
  - {id: count-distinct-lookup, says: a, measure: {count_distinct: grp.region, of: t}, expect: 2}
  - {id: value, says: a, measure: {value: x, of: t, where: id == 2}, expect: 3}
  - {id: sum-x, says: a, measure: {sum: x, of: t}, expect: 3}
  - {id: sum-q, says: a, measure: {sum: q, of: t, where: n > 2}, expect: 3}
  - {id: sum-x-lookup, says: a, measure: {sum: x, of: t, where: grp.region == 'south' and flag is not null}, expect: 3}
  - {id: mean-x, says: a, measure: {mean: x, of: t, where: flag}, expect: 3}
  - {id: mean-q, says: a, measure: {mean: q, of: t}, expect: 3}
  - {id: mean-n, says: a, measure: {mean: n, of: t}, expect: 3}
  - {id: median-x, says: a, measure: {median: x, of: t}, expect: 3}
  - {id: median-n, says: a, measure: {median: n, of: t, where: s != 'b'}, expect: 3}
  - {id: median-q-where, says: a, measure: {median: q, of: t, where: grp.region is null}, expect: 3}
  - {id: pct-q, says: a, measure: {percentile: q, of: t, p: 90}, expect: 3}
  - {id: pct-n-nearest, says: a, measure: {percentile: n, of: t, p: 25, method: nearest_rank}, expect: 3}
  - {id: pct-x-nearest, says: a, measure: {percentile: x, of: t, p: 75, method: nearest_rank}, expect: 3}
  - {id: min-year, says: a, measure: {min: year(d), of: t}, expect: 2012}
  - {id: max-x, says: a, measure: {max: x, of: t, where: grp.region == 'north'}, expect: 3}
  - {id: share, says: a, measure: {share: flag, of: t}, expect: 50%}
  - {id: share-s, says: a, measure: {share: s == 'a', of: t, where: x > -1}, expect: 50%}
  - {id: share-lookup, says: a, measure: {share: grp.region == 'north', of: t}, expect: 50%}
  - {id: share-x-pos, says: a, measure: {share: x > 0, of: t, where: yr >= 2017}, expect: about half}
  - {id: ratio, says: a, measure: {ratio: {numerator: {sum: n, of: t}, denominator: {count: t}}}, expect: 2}
  - {id: ratio-means, says: a, measure: {ratio: {numerator: {mean: q, of: t}, denominator: {mean: n, of: t}}}, expect: 2}
  - {id: change, says: a, measure: {change: {count: t}, over: yr, from: 2016, to: 2020}, expect: up 10%}
  - {id: change-mean, says: a, measure: {change: {mean: x, of: t}, over: yr, from: 2017, to: 2019}, expect: up 1%}
  - {id: change-points, says: a, measure: {change: {share: flag, of: t}, over: yr, from: 2017, to: 2019, as: points}, expect: up 1 point}
  - {id: change-ratio, says: a, measure: {change: {sum: n, of: t}, over: yr, from: 2015, to: 2020, as: ratio}, expect: 2 times}
  - {id: extreme, says: a, measure: {extreme: {count: t}, over: yr, at: 2020, is: highest}, expect: true}
  - {id: extreme-low, says: a, measure: {extreme: {mean: x, of: t}, over: yr, at: 2018, is: lowest, since: 2016}, expect: true}
  - {id: extreme-rank2, says: a, measure: {extreme: {sum: x, of: t}, over: yr, at: 2019, is: highest, rank: 2}, expect: true}
  - {id: top, says: a, measure: {top: s, of: t, n: 2}, expect: [a, b]}
  - {id: top-many, says: a, measure: {top: s, of: t, n: 5}, expect: [a, b, c, z, A]}
  - {id: top-lookup, says: a, measure: {top: grp.region, of: t, n: 1}, expect: [north]}
  - {id: top-by, says: a, measure: {top: s, of: t, n: 2, by: {mean: x, of: t}}, expect: [a, b]}
  - {id: top-years, says: a, measure: {top: yr, of: t, n: 2, where: flag}, expect: [2016, 2017]}
  - {id: streak, says: a, measure: {streak: x > 0, of: t, order: id}, expect: 2}
  - {id: streak-ending, says: a, measure: {streak: n > 0, of: t, order: id, ending: 8}, expect: 2}
  - {id: rising, says: a, measure: {rising: {count: t}, over: yr, to: 2020}, expect: 2}
  - {id: falling, says: a, measure: {falling: {sum: n, of: t}, over: yr}, expect: 1}
  - {id: every, says: a, measure: {every: {share: flag, of: t}, over: yr, from: 2016, to: 2019}, expect: more than half}
  - {id: every-top, says: a, measure: {every: {top: s, of: t}, over: yr, from: 2016, to: 2018}, expect: [a]}
  - {id: compare, says: a, measure: {compare: {mean: x, of: t}, by: s, a: a, b: b}, expect: up 1}
  - {id: compare-ratio, says: a, measure: {compare: {count: t}, by: s, a: a, b: c, as: ratio}, expect: 1.5 times}
  - {id: overtook, says: a, measure: {overtook: {count: t}, column: s, a: a, b: b, over: yr, from: 2015, to: 2020}, expect: true}
  - {id: top-share, says: a, measure: {top_share: n, of: t, in_top: 25%, where: n >= 0}, expect: 20%}
  - {id: top-sum, says: a, measure: {top_sum: n, of: t, by: s, top_n: 2, where: n >= 0}, expect: 10}
  - {id: wins-count, says: a, measure: {wins: a, among: s, in: yr, of: t}, expect: 2}
  - {id: wins-sum-x, says: a, measure: {wins: a, among: s, in: grp.region, by: {sum: x, of: t}, of: t}, expect: 1}
  - {id: wins-sum-q, says: a, measure: {wins: b, among: s, in: gid, by: {sum: q, of: t}, of: t, where: n > 0}, expect: 1}
  - {id: wins-sum-n, says: a, measure: {wins: a, among: s, in: flag, by: {sum: n, of: t}, of: t}, expect: 1}
  - {id: wins-mean, says: a, measure: {wins: a, among: s, in: yr, by: {mean: n, of: t}, of: t}, expect: 2}
"""
TEXTS = ["a", "b", "c", "a ", "A", "é", "z"]
DOUBLES = [0.0, -0.5, 1.5, 2.675, 1e-7, 3.0000000000000004, 1e15 / 7]
REGIONS = "gid,region\nG1,north\nG2,south\nG3,north\nG4,\n"


def random_table(seed: int) -> str:
    """A table ``t`` of 4 to 60 rows; its first three rows hold 'a', 'b' and 'c' (the literals the
    claims compare with must occur, or the run stops on a typo)."""
    rng = random.Random(seed)

    def maybe(text: str) -> str:
        return "" if rng.random() < 0.15 else text

    lines = ["id,gid,yr,s,x,q,n,d,flag"]
    for i in range(1, rng.choice([4, 8, 25, 60]) + 1):
        x = rng.choice([*DOUBLES, rng.uniform(-5, 5)])
        q = rng.choice(["0.1", "7", "-2.5", "1234567.8912345678", f"{rng.randint(-999, 999)}.{rng.randint(0, 99):02d}"])
        lines.append(",".join([
            str(i), f"G{rng.randint(1, 4)}", str(rng.randint(2014, 2020)),
            TEXTS[i - 1] if i <= 3 else maybe(rng.choice(TEXTS)), maybe(repr(x)), maybe(q),
            maybe(str(rng.randint(-3, 9))),
            maybe(f"20{rng.randint(10, 21)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
            maybe(rng.choice(["true", "false"])),
        ]))
    return "\n".join(lines) + "\n"


def write(folder: Path, seed: int) -> Path:
    """The claims file, the random table of ``seed`` and the lookup, in ``folder``; the claims file's path."""
    (folder / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (folder / "t.csv").write_text(random_table(seed), encoding="utf-8")
    (folder / "g.csv").write_text(REGIONS, encoding="utf-8")
    return folder / "claims.yaml"
