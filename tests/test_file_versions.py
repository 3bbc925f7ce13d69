"""One version of each data file per run (issue 13): a Parquet table is read again by every
query, so a file rewritten between two queries is refused (exit 2) instead of mixing versions."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Callable

import duckdb
import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.backends.duckdb import DuckDB
from factcheck.cli import app
from factcheck.engine import prepare
from factcheck.sources import sha256
from factcheck.sources.versions import change, version_of

CLAIMS = """\
version: 1
tables:
  t: {path: t.parquet}
claims:
  - {id: big, says: s, measure: {count: t, where: x > 5}, expect: 5}
  - {id: top, says: s, measure: {top: kind, of: t, n: 1}, expect: [a]}
  - {id: mean, says: s, measure: {mean: x, of: t, where: kind == 'b'}, expect: {between: [0, 100]}}
"""


def write_table(path: Path, rows: int) -> None:
    duckdb.sql(f"COPY (SELECT range AS x, CASE WHEN range % 3 = 0 THEN 'b' ELSE 'a' END AS kind "
               f"FROM range(1, {rows + 1})) TO '{path}' (FORMAT parquet)")


def rewrite_in_place(path: Path, rows: int) -> None:
    """Write other rows into the same file (same inode), as a program appending to it would."""
    write_table(path.with_name("other.parquet"), rows)
    path.write_bytes(path.with_name("other.parquet").read_bytes())


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    write_table(tmp_path / "t.parquet", 10)
    (tmp_path / "c.yaml").write_text(CLAIMS)
    return tmp_path / "c.yaml"


class RewriteAfter:
    """A DuckDB connection that runs ``rewrite`` once, after the ``n``-th query once sealed
    (so between two of the claims' queries); with ``start``, counting from the first statement
    holding that text instead."""

    def __init__(self, con: duckdb.DuckDBPyConnection, n: int, rewrite: Callable[[], None],
                 start: str = "enable_external_access = false") -> None:
        self.con, self.n, self.rewrite, self.start, self.sealed, self.queries = con, n, rewrite, start, False, 0

    def execute(self, sql: str, *args: Any) -> duckdb.DuckDBPyConnection:
        if self.start in sql:
            self.sealed = True
        out = self.con.execute(sql, *args)
        if self.sealed and sql.lstrip().startswith("SELECT"):
            self.queries += 1
            if self.queries == self.n:
                self.rewrite()
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)


def test_a_parquet_file_rewritten_between_two_queries_is_refused(claims: Path) -> None:
    session = prepare(claims)
    backend = session.backend
    assert isinstance(backend, DuckDB)
    hooked = RewriteAfter(backend.con, 1, lambda: rewrite_in_place(claims.parent / "t.parquet", 1000))
    backend.con = hooked  # type: ignore[assignment]
    session.materialize()
    with pytest.raises(factcheck.DataError) as err:
        session.run()
    assert hooked.queries >= 2  # the rewrite really fell between queries of the run
    problem = err.value.problems[0]
    assert problem.file == str(claims.parent / "t.parquet")
    assert "changed while the run read it" in problem.message and "size went from" in problem.message
    assert problem.hint is not None and "run again" in problem.hint


def test_the_cli_exits_2_naming_the_file(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seal = DuckDB.seal

    def seal_then_hook(self: DuckDB) -> None:
        seal(self)  # the view was read once (CREATE VIEW, count); the claims' queries follow
        self.con = RewriteAfter(self.con, 1, lambda: write_table(claims.parent / "t.parquet", 1000))  # type: ignore[assignment]
        self.con.sealed = True  # type: ignore[attr-defined]

    monkeypatch.setattr(DuckDB, "seal", seal_then_hook)
    result = CliRunner().invoke(app, ["run", str(claims)])
    assert result.exit_code == 2, result.output
    assert "t.parquet" in result.output and "changed while the run read it" in result.output
    assert "run again" in result.output and "Traceback" not in result.output


def test_an_unchanged_file_passes_and_its_fresh_checksum_is_checked_again(claims: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    hashed: list[str] = []
    import factcheck.sources.checksums as checksums
    real = checksums.sha256
    monkeypatch.setattr(checksums, "sha256", lambda src: hashed.append(src.name) or real(src))
    report = factcheck.verify(claims)
    assert [r.verdict for r in report.results] == ["pass", "pass", "pass"]
    assert hashed == ["t"]  # the file was written just now (racy): its SHA-256 is taken again at the end


def test_a_same_size_rewrite_within_one_clock_tick_is_found_by_the_checksum(claims: Path) -> None:
    """A rewrite can leave size and times unchanged (same tick of a coarse clock): a file that
    was fresh when its version was taken is hashed again; an old one is trusted to its times."""
    session = prepare(claims)
    src = session.prepared.sources["t"]
    assert src.version is not None and src.version.racy
    digest = sha256(src)
    assert change(src, src.version, digest) is None
    other = "0" * 64  # stands for the checksum of the version the report recorded
    found = change(src, src.version, other)
    assert found is not None and "SHA-256 differs" in found.message
    old = dataclasses.replace(src.version, racy=False)
    assert change(src, old, other) is None  # not racy: the times are trusted, no second checksum
    session.backend.close()


def test_a_file_replaced_by_another_one_is_refused(claims: Path) -> None:
    session = prepare(claims)
    src = session.prepared.sources["t"]
    assert src.version is not None and src.path is not None
    write_table(claims.parent / "new.parquet", 10)  # same content, same size: a new file put in its place
    os.replace(claims.parent / "new.parquet", src.path)
    found = change(src, src.version, sha256(src))
    assert found is not None and "replaced by another file" in found.message
    assert version_of(src.path) != src.version
    session.backend.close()


# --------------------------------------------------------------------------- every command that reads data


class Once:
    """``rewrite`` the first time it is called, never again (a command may open several connections)."""

    def __init__(self, rewrite: Callable[[], None]) -> None:
        self.rewrite, self.calls = rewrite, 0

    def __call__(self) -> None:
        self.calls += 1
        if self.calls == 1:
            self.rewrite()


def rewrite_after_first_read(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[RewriteAfter]:
    """Every DuckDB connection the command opens rewrites ``path`` (once in all) right after the first
    query that follows the table's view: later queries of the same command read the new version.
    Returns the hooked connections (``queries`` counts each one's queries since its view)."""
    once = Once(lambda: rewrite_in_place(path, 1000))
    init = DuckDB.__init__
    hooks: list[RewriteAfter] = []

    def hooked(self: DuckDB) -> None:
        init(self)
        hooks.append(RewriteAfter(self.con, 1, once, start="CREATE VIEW"))
        self.con = hooks[-1]  # type: ignore[assignment]

    monkeypatch.setattr(DuckDB, "__init__", hooked)
    return hooks


def queried_after_the_rewrite(hooks: list[RewriteAfter]) -> bool:
    """The connection that rewrote the file queried it again afterwards (so the rewrite fell between
    two queries of the command)."""
    return hooks[0].queries >= 2


def refused(result: Any, claims: Path) -> None:
    assert result.exit_code == 2, result.output
    assert f"{claims.parent / 't.parquet'}: data file of table 't' changed while the run read it" in result.output
    assert "run again" in result.output and "Traceback" not in result.output


def test_check_refuses_a_file_rewritten_between_its_queries(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check` reads the file, then queries it again for the key: both must be of one version."""
    claims.write_text(CLAIMS.replace("{path: t.parquet}", "{path: t.parquet, key: x}"))
    assert CliRunner().invoke(app, ["check", str(claims)]).exit_code == 0
    hooks = rewrite_after_first_read(monkeypatch, claims.parent / "t.parquet")
    refused(CliRunner().invoke(app, ["check", str(claims)]), claims)
    assert queried_after_the_rewrite(hooks)


def test_explain_refuses_a_file_rewritten_between_the_figure_and_its_steps(claims: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The figure is computed, then the filter's steps and sample rows are counted: one version for all."""
    import factcheck.explanation as explanation
    assert CliRunner().invoke(app, ["explain", str(claims), "big"]).exit_code == 0
    once = Once(lambda: rewrite_in_place(claims.parent / "t.parquet", 1000))
    steps = explanation._steps
    monkeypatch.setattr(explanation, "_steps", lambda *args: once() or steps(*args))
    refused(CliRunner().invoke(app, ["explain", str(claims), "big"]), claims)
    assert once.calls == 1


def test_the_rows_behind_a_figure_are_of_the_version_it_was_computed_from(claims: Path) -> None:
    shown = factcheck.explain(claims, "mean")
    assert len(shown.rows()) == 3  # x = 3, 6, 9
    rewrite_in_place(claims.parent / "t.parquet", 1000)
    with pytest.raises(factcheck.DataError, match="changed while the run read it"):
        shown.rows()
    shown.session.backend.close()


def test_suggest_refuses_a_file_rewritten_between_its_queries(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`suggest` profiles the table, then verifies each candidate in runs of its own: the version it first
    read must hold to the end."""
    claims.write_text(CLAIMS + "  - {id: bare, says: 'five rows are above five', expect: 5}\n")
    assert CliRunner().invoke(app, ["suggest", str(claims)]).exit_code == 0
    hooks = rewrite_after_first_read(monkeypatch, claims.parent / "t.parquet")
    refused(CliRunner().invoke(app, ["suggest", str(claims)]), claims)
    assert queried_after_the_rewrite(hooks)


def test_init_refuses_a_file_rewritten_while_it_learns_it_and_writes_nothing(claims: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    article, target = claims.parent / "story.md", claims.parent / "story.claims.yaml"
    article.write_text("# Story\n\nFive rows are above five.\n")
    hooks = rewrite_after_first_read(monkeypatch, claims.parent / "t.parquet")
    refused(CliRunner().invoke(app, ["init", str(article), str(claims.parent / "t.parquet")]), claims)
    assert queried_after_the_rewrite(hooks) and not target.exists()


BARE = "  - {id: bare, says: 'There were 10 rows in the table.', expect: 10}\n"


def test_runs_suggestions_come_from_the_version_its_figures_came_from(claims: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`run` works out a suggestion for a claim without a measure in a pass of its own, after the
    claims' queries: a file rewritten between the two would give figures of one version and
    suggestions of another. The pass is checked against the versions the run took before its
    first read, so the run is refused (exit 2) instead."""
    import factcheck.suggest as suggest_module
    claims.write_text(CLAIMS + BARE)
    fine = CliRunner().invoke(app, ["run", str(claims)])
    assert fine.exit_code == 0 and "best suggestion" in fine.output, fine.output
    real = suggest_module.suggest
    calls: list[int] = []

    def rewritten_first(*args: Any, **kwargs: Any) -> Any:  # the file changes after the run's last query
        calls.append(1)
        rewrite_in_place(claims.parent / "t.parquet", 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(suggest_module, "suggest", rewritten_first)
    refused(CliRunner().invoke(app, ["run", str(claims)]), claims)
    assert calls == [1]
    with pytest.raises(factcheck.DataError, match="changed while the run read it"):
        factcheck.verify(claims)


def test_the_versions_are_checked_once_after_the_suggestions(claims: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's own check moves after the suggestions' pass (their own runs check theirs before it);
    it is done once. Without a claim lacking a measure it stays at the end of the claims' queries."""
    import factcheck.engine as engine
    checked: list[list[str]] = []  # the claims of the run whose files each check compares
    real = engine.refuse_changed_files

    def record(prepared: Any, uses: Any) -> None:
        checked.append([p.claim.id for p in prepared.plans])
        real(prepared, uses)

    monkeypatch.setattr(engine, "refuse_changed_files", record)
    factcheck.verify(claims)
    assert checked == [["big", "top", "mean"]]
    checked.clear()
    claims.write_text(CLAIMS + BARE)
    report = factcheck.verify(claims)
    assert "best suggestion" in report.results[-1].message
    assert checked[-1] == ["big", "top", "mean", "bare"] and checked.count(checked[-1]) == 1
    assert len(checked) > 1  # the suggestions' pass came before it
