"""Small CSVs are read side by side, one per core (issue 13): DuckDB lets go of Python's lock while
it reads, so a run's two or three small files take about what the largest ones take. What must
not change: the tables (columns, derives, rows), the verdicts, a broken file's located error, and
the time zone a time without offset is read in. Constructed data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import factcheck.backends.duckdb as duckdb_backend
from factcheck import verify
from factcheck.backends.duckdb_core import connect
from factcheck.errors import FactcheckError

ROOT = Path(__file__).resolve().parents[1]

CLAIMS = """\
tables:
  people: {path: people.csv, key: person_id}
  visits: {path: visits.csv, key: visit_id, derive: {long_stay: nights >= 3}, lookup: {place: towns via town}}
  towns: {path: towns.csv, key: town}
claims:
  - {id: people, says: Four people., measure: {count: people}, expect: 4}
  - {id: long, says: Two long stays., measure: {count: visits, where: long_stay}, expect: 2}
  - {id: nights, says: Eleven nights., measure: {sum: nights, of: visits}, expect: 11}
  - {id: coast, says: Three visits were to the coast., measure: {count: visits, where: place.coast}, expect: 3}
"""
PEOPLE = "person_id,name\n1,Ana\n2,Bo\n3,Cy\n4,Di\n"
VISITS = "visit_id,person_id,town,nights\n10,1,Ayr,1\n11,2,Ayr,4\n12,3,Oban,5\n13,4,Perth,1\n"
TOWNS = "town,coast\nAyr,true\nOban,true\nPerth,false\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the repository the claims file reads inside
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "visits.csv").write_text(VISITS, encoding="utf-8")
    (tmp_path / "towns.csv").write_text(TOWNS, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path / "c.yaml"


@pytest.fixture
def side_by_side(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The statements each run read side by side (none when it read one file after the other)."""
    seen: list[list[str]] = []
    real = duckdb_backend.read_side_by_side

    def spy(con: Any, statements: list[str]) -> list[int | None]:
        seen.append(list(statements))
        return real(con, statements)
    monkeypatch.setattr(duckdb_backend, "read_side_by_side", spy)
    return seen


def _one_after_the_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duckdb_backend.DuckDB, "read_ahead", lambda self, reads: None)


def _verdicts(claims: Path) -> list[tuple[str, str, Any]]:
    report = json.loads(verify(claims).model_dump_json())
    return [(r["id"], r["verdict"], r["value"]) for r in report["results"]]


def test_small_csvs_are_read_side_by_side_into_the_same_tables(story: Path, side_by_side: list[list[str]],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    together = _verdicts(story)
    assert len(side_by_side) == 1 and len(side_by_side[0]) == 3  # the three files, in one go
    assert together == [("people", "pass", 4), ("long", "pass", 2), ("nights", "pass", 11), ("coast", "pass", 3)]
    _one_after_the_other(monkeypatch)
    assert _verdicts(story) == together


def test_the_report_is_the_same_either_way(story: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def report() -> dict[str, Any]:
        got = json.loads(verify(story).model_dump_json())
        got.pop("generated_at")
        return got
    together = report()
    _one_after_the_other(monkeypatch)
    assert report() == together


def test_a_broken_file_read_side_by_side_is_located_as_when_read_alone(story: Path, side_by_side: list[list[str]],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The second of three files breaks its derive (text in ``nights``): the error is the one a read
    of that file alone gives, with its line, not DuckDB's words from another connection."""
    (story.parent / "visits.csv").write_text(VISITS + "14,4,Ayr,two\n", encoding="utf-8")

    def error() -> str:
        with pytest.raises(FactcheckError) as caught:
            verify(story)
        return str(caught.value)
    together = error()
    assert side_by_side, "the files were not read side by side"
    _one_after_the_other(monkeypatch)
    alone = error()
    assert together == alone
    assert "visits.csv" in together and "line 6" in together, together


def test_a_larger_file_is_read_one_after_the_other(story: Path, side_by_side: list[list[str]],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A file over :data:`~factcheck.backends.duckdb.SMALL_CSV` is read by all of DuckDB's threads,
    so nothing is read beside it."""
    monkeypatch.setattr(duckdb_backend, "SMALL_CSV", len(PEOPLE) - 1)
    assert _verdicts(story)[0] == ("people", "pass", 4)
    assert side_by_side == []


def test_one_file_is_read_as_before(tmp_path: Path, side_by_side: list[list[str]]) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "c.yaml").write_text("tables:\n  people: {path: people.csv}\nclaims:\n"
                                     "  - {id: people, says: Four people., measure: {count: people}, expect: 4}\n")
    assert _verdicts(tmp_path / "c.yaml") == [("people", "pass", 4)]
    assert side_by_side == []


def test_each_statement_gets_its_rows_and_a_failure_is_none() -> None:
    con, _ = connect()
    made = duckdb_backend.read_side_by_side(con, [
        "CREATE TABLE a AS SELECT * FROM range(5)",
        "CREATE TABLE b AS SELECT 'x'::INTEGER AS n",  # fails: left to the caller to run again alone
        "CREATE TABLE c AS SELECT * FROM range(7)",
        "CREATE TABLE d AS SELECT * FROM range(0)",
    ])
    assert made == [5, None, 7, 0]
    assert con.execute("SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM c)").fetchall() == [(5, 7)]
    assert not con.execute("SELECT * FROM duckdb_tables() WHERE table_name = 'b'").fetchall()


TIMES = "event_id,at\n1,2021-12-31 22:00:00\n2,2021-06-01T10:00:00+00:00\n"
TIME_CLAIMS = """\
tables:
  first: {path: first.csv}
  second: {path: second.csv}
claims:
  - {id: first, says: Two events in 2021., measure: {count: first, where: year(at) == 2021}, expect: 2}
  - {id: second, says: Two events in 2021., measure: {count: second, where: year(at) == 2021}, expect: 2}
"""


@pytest.mark.skipif(not Path("/usr/share/zoneinfo/America/New_York").exists(), reason="no time zone data")
def test_every_connection_reads_times_in_utc(tmp_path: Path) -> None:
    """A time without offset in a column of instants is read in the session's time zone, and
    ``SET TimeZone`` holds for one connection: the connections that read beside the main one take
    UTC too, or a machine in New York puts 22:00 on New Year's Eve in the next year."""
    (tmp_path / ".git").mkdir()
    for name in ("first", "second"):
        (tmp_path / f"{name}.csv").write_text(TIMES, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(TIME_CLAIMS, encoding="utf-8")
    env = {**os.environ, "TZ": "America/New_York", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "factcheck", "run", "c.yaml", "--json", "-"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads(done.stdout)["results"]
    assert [(r["id"], r["value"]) for r in results] == [("first", 2), ("second", 2)]
