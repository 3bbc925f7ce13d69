"""The data files' SHA-256 are taken on a thread of the lowest priority and waited for only after
the claims' queries (issue 13): the hashing runs on a core DuckDB leaves idle instead of taking one
from its reading. What must not change: the report's checksums, and a file that changes while
the run reads or hashes it is refused (exit 2), named."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.backends.duckdb import DuckDB
from factcheck.background import IDLE_NICENESS, Background, give_way
from factcheck.cli import app
from factcheck.engine import prepare
from factcheck.sources import checksums

CLAIMS = """\
version: 1
tables:
  t: {path: t.csv}
claims:
  - {id: n, says: s, measure: {count: t, where: x > 1}, expect: 2}
  - {id: top, says: s, measure: {top: kind, of: t, n: 1}, expect: [a]}
"""

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    (tmp_path / "t.csv").write_text("x,kind\n1,a\n2,a\n3,b\n")
    (tmp_path / "c.yaml").write_text(CLAIMS)
    return tmp_path / "c.yaml"


def _niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@linux_only
def test_an_idle_thread_runs_at_the_lowest_priority_and_the_rest_of_the_process_keeps_its_own() -> None:
    before = _niceness()
    assert Background(_niceness, idle=True).result() == IDLE_NICENESS
    assert Background(_niceness).result() == before  # an ordinary thread is left as it was
    assert _niceness() == before  # the main thread too


def test_give_way_never_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: Any) -> None:
        raise PermissionError("not allowed here")
    monkeypatch.setattr(os, "setpriority", refused)
    assert Background(give_way).result() is False  # a system that refuses leaves the thread as it was
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Background(give_way).result() is False


def test_the_claims_are_queried_while_the_checksums_are_still_being_taken(claims: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The hashing is held back until a claim's query has run: a run that waited for the checksums
    before its queries would never see one (the hashing gives up after a while and says so)."""
    session = prepare(claims)
    queried = threading.Event()
    con = session.backend.con  # type: ignore[attr-defined]

    sealed: list[bool] = []

    class Watched:
        def execute(self, sql: str, *args: Any) -> Any:
            out = con.execute(sql, *args)
            if "enable_external_access = false" in sql:  # sealed: the claims' queries follow
                sealed.append(True)
            elif sealed and sql.lstrip().startswith("SELECT"):
                queried.set()
            return out

        def __getattr__(self, name: str) -> Any:
            return getattr(con, name)

    session.backend.con = Watched()  # type: ignore[attr-defined]
    seen: list[bool] = []
    real = checksums.sha256

    def held_back(src: Any) -> str:
        seen.append(queried.wait(timeout=5))
        return real(src)

    monkeypatch.setattr("factcheck.loading.sha256", held_back)
    session.materialize()
    report = session.run()
    assert seen == [True]  # the claims' query ran before the checksum was taken
    assert [r.verdict for r in report.results] == ["pass", "pass"]
    assert report.tables[0].sha256 == hashlib.sha256((claims.parent / "t.csv").read_bytes()).hexdigest()


def test_session_uses_wait_for_the_checksums(claims: Path) -> None:
    session = prepare(claims)
    assert session.uses == []  # nothing read yet
    session.materialize()
    [use] = session.uses
    assert use.sha256 == hashlib.sha256((claims.parent / "t.csv").read_bytes()).hexdigest()
    assert use.rows == 3 and use.columns_read == ["kind", "x"]
    session.backend.close()


def test_a_run_before_reading_is_a_clear_error(claims: Path) -> None:
    session = prepare(claims)
    with pytest.raises(RuntimeError, match="materialize"):
        session.run()
    session.backend.close()


def _gone_while_hashed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is removed by someone else once the tables are read (the backend sealed), while the
    run hashes it."""
    real, seal, read = checksums.sha256, DuckDB.seal, threading.Event()

    def sealed(self: DuckDB) -> None:
        seal(self)
        read.set()

    def remove_then_hash(src: Any) -> str:
        assert read.wait(timeout=10)
        os.remove(src.path)
        return real(src)

    monkeypatch.setattr(DuckDB, "seal", sealed)
    monkeypatch.setattr("factcheck.loading.sha256", remove_then_hash)


def test_a_file_removed_while_it_is_hashed_is_refused_as_changed(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _gone_while_hashed(monkeypatch)
    with pytest.raises(factcheck.DataError) as err:
        factcheck.verify(claims)
    [problem] = err.value.problems
    assert problem.file == str(claims.parent / "t.csv")
    assert "changed while the run read it (it is gone)" in problem.message


def test_the_cli_exits_2_naming_the_removed_file(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _gone_while_hashed(monkeypatch)
    result = CliRunner().invoke(app, ["run", str(claims)])
    assert result.exit_code == 2, result.output
    assert "t.csv" in result.output and "it is gone" in result.output
    assert "Traceback" not in result.output
