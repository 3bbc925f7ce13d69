"""The plain ``top`` claims on one table share one grouping query (issue 13): the rows are read
and joined to their lookups once, grouped by each column named (GROUPING SETS), each claim's
rows counted by its own filter; the rankings are those each claim's own query gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import Recorded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factcheck
from factcheck.engine import prepare
from factcheck.planning.execute import Executor

CLAIMS = """\
version: 1
tables:
  cases:
    path: cases.csv
    derive: {{sex: kind == 'sex'}}
  victims:
    path: victims.csv
    derive: {{online: place == 'internet'}}
    lookup: {{case: cases via case_id}}
claims:
  - {{id: top-place, says: s, measure: {{top: place, of: victims, n: 2}}, expect: {{values: [x], any_order: true}}}}
  - {{id: top-place-sex, says: s, measure: {{top: place, of: victims, n: 1, where: case.sex}}, expect: [x]}}
  - {{id: top-platform, says: s, measure: {{top: platform, of: victims, n: 2, where: online}}, expect: [x]}}
  - {{id: least-platform, says: s, measure: {{top: platform, of: victims, lowest: true}}, expect: [x]}}
  - {{id: second-age, says: s, measure: {{top: age, of: victims, rank: 2, where: case.sex and online}}, expect: [x]}}
  - {{id: top-kind, says: s, measure: {{top: kind, of: cases}}, expect: [x]}}
  - id: every-year
    says: s
    measure:
      every: {{top: place, of: victims, where: case.sex}}
      over: case.year
      since: 2018
      to: 2020
    expect: [x]
"""


def write(root: Path, victims: list[tuple[Any, ...]]) -> Path:
    con = duckdb.connect()
    con.execute("CREATE TABLE cases AS SELECT printf('C%d', i) AS case_id, "
                "CASE WHEN i % 3 = 0 THEN 'labor' ELSE 'sex' END AS kind, 2018 + i % 3 AS year FROM range(6) t(i)")
    con.execute("CREATE TABLE victims (case_id VARCHAR, place VARCHAR, platform VARCHAR, age INTEGER)")
    con.executemany("INSERT INTO victims VALUES (?, ?, ?, ?)", victims)
    for t in ("cases", "victims"):
        con.execute(f"COPY {t} TO '{root / (t + '.csv')}' (HEADER)")
    (root / "c.yaml").write_text(CLAIMS.format())
    return root / "c.yaml"


def figures(report: factcheck.Report) -> list[tuple[object, ...]]:
    return [(r.id, r.value, r.rows_kept, r.rows_unknown, r.details) for r in report.results]


def alone(claims: Path, monkeypatch: pytest.MonkeyPatch) -> factcheck.Report:
    with monkeypatch.context() as m:
        m.setattr(Executor, "_share_tops", lambda self, todo: None)
        return factcheck.verify(claims)


PLACES = st.sampled_from(["internet", "street", "home", "Ärger", "a", "B", None])
PLATFORMS = st.sampled_from(["Facebook", "Instagram", "", None])
ROWS = st.lists(st.tuples(st.sampled_from([f"C{i}" for i in range(7)]), PLACES, PLATFORMS,
                          st.one_of(st.none(), st.integers(10, 14))), min_size=1, max_size=40)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(victims=ROWS)
def test_shared_rankings_are_those_of_each_claims_own_query(tmp_path_factory: pytest.TempPathFactory,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            victims: list[tuple[Any, ...]]) -> None:
    """Ties, unknown values, empty filters, a case with no row in `cases` (C6), ranks, lowest."""
    claims = write(tmp_path_factory.mktemp("tops"), victims)
    assert figures(factcheck.verify(claims)) == figures(alone(claims, monkeypatch))


def test_the_tops_on_a_table_are_one_query_joining_its_lookups_once(tmp_path: Path) -> None:
    claims = write(tmp_path, [("C1", "street", "Facebook", 12), ("C2", "internet", "Instagram", 13),
                              ("C4", "internet", "Facebook", 12), ("C0", "home", None, None)])
    session = prepare(claims)
    recorded = Recorded(session.backend.con)  # type: ignore[attr-defined]
    session.backend.con = recorded  # type: ignore[attr-defined]
    session.materialize()
    report = session.run()
    assert [r.value for r in report.results if r.id == "top-place-sex"] == [["internet"]]
    from factcheck.planning.lookups import unmatched_sql
    lookup = unmatched_sql(session.prepared.catalog.links["victims"]["case"])  # the keys the lookup finds no case for
    grouped = [s for s in recorded.sql if "GROUP BY" in s and '"victims"' in s and s != lookup
               and not s.startswith("SELECT 0 AS i")]  # nor the values of the ranked columns (spelling twins)
    assert len(grouped) == 1 and "GROUPING SETS" in grouped[0], grouped
    assert grouped[0].count("LEFT JOIN") == 1  # victims joined to cases once for every claim
    shared = next(r for r in report.results if r.id == "top-platform")
    assert "GROUPING SETS" not in shared.sql and "GROUP BY 1" in shared.sql  # the claim shows its own query
