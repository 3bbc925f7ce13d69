"""A large CSV that nothing reads by position is read without keeping its file order (issue 13).

DuckDB may then hold its rows in any order. What must not change: every figure, and every
message that names a line of the data file (a time column's values that are not dates, text where
a claim needs numbers, a contract's violations). Two kinds of test:

* the rows of such a table put in a scrambled order on purpose (``scrambled``), small files, so
  any message that took a row's place in the table for its line in the file names the wrong line,
  every time;
* a file large enough (> 16 MiB, ~400k rows) for DuckDB's parallel reader itself to deliver its
  rows out of order, read as a run reads it, messages compared with the file's own lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import factcheck.loading
from factcheck.backends import TableRead
from factcheck.backends.duckdb import DuckDB
from factcheck.cli import app
from factcheck.engine import prepare
from factcheck.expressions import quote_ident

runner = CliRunner()


def claims(root: Path, table: str, measure: str, expect: str = "1") -> Path:
    path = root / "claims.yaml"
    path.write_text(f"version: 1\ntables:\n  t: {table}\nclaims:\n"
                    f"  - id: a\n    says: a sentence\n    measure: {measure}\n    expect: {expect}\n")
    return path


def refused(path: Path, *expected: str) -> str:
    result = runner.invoke(app, ["run", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.output, f"{text!r} not in:\n{result.output}"
    return result.output


def scramble(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every CSV may be held in any order, and is: its rows reversed after reading."""
    monkeypatch.setattr(factcheck.loading, "ANY_ORDER_BYTES", 0)
    read = DuckDB._read_in_any_order

    def reversed_rows(self: DuckDB, table_read: TableRead) -> list[object]:
        made = read(self, table_read)
        name = quote_ident(table_read.source.name)
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name} ORDER BY rowid DESC")
        return made

    monkeypatch.setattr(DuckDB, "_read_in_any_order", reversed_rows)


@pytest.fixture
def scrambled(monkeypatch: pytest.MonkeyPatch) -> None:
    scramble(monkeypatch)


def rows(n: int, bad: int) -> str:
    """A CSV of ``n`` rows (lines 2 to n + 1): ``id``, ``amount``, ``filed``; every ``bad``-th row
    from the second holds text in ``amount`` and in ``filed``."""
    lines = ["id,amount,filed"]
    for i in range(n):
        odd = i % bad == 1
        lines.append(f"{i},{'n/a' if odd else i},{'unknown' if odd else '2020-01-%02d' % (1 + i % 28)}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- scrambled on purpose

def test_a_time_column_problem_names_the_files_first_lines_whatever_the_tables_order(tmp_path: Path,
                                                                                    scrambled: None) -> None:
    (tmp_path / "t.csv").write_text(rows(40, 4))  # bad rows 1, 5, 9, …: lines 3, 7, 11, …
    out = refused(claims(tmp_path, "{path: t.csv, time: filed}", "{count: t, where: \"filed >= '2020-01-01'\"}"),
                  "t.csv:3", "10 values are not a date", "line 3 holds 'unknown'")
    detail = [line.strip() for line in out.splitlines() if line.strip().startswith("line ")]
    assert detail[:5] == [f"line {n}: 'unknown'" for n in (3, 7, 11, 15, 19)], out


def test_dates_written_another_way_name_the_files_first_line_whatever_the_tables_order(tmp_path: Path,
                                                                                      scrambled: None) -> None:
    (tmp_path / "t.csv").write_text("id,filed\n" + "".join(f"{i},{1 + i % 28:02d}/04/2020\n" for i in range(40)))
    refused(claims(tmp_path, "{path: t.csv, time: filed}", "{count: t, where: \"filed >= '2020-04-02'\"}"),
            "t.csv:2", "dates written '%d/%m/%Y'", "line 2 holds '01/04/2020'")


def test_text_where_numbers_are_needed_names_the_files_first_line_whatever_the_tables_order(
        tmp_path: Path, scrambled: None) -> None:
    (tmp_path / "t.csv").write_text(rows(40, 4))
    refused(claims(tmp_path, "{path: t.csv}", "{sum: amount, of: t}"),
            "t.csv:3", "column 'amount' holds text where the claim needs numbers: line 3 holds 'n/a'")


def test_text_through_a_lookup_in_a_table_held_in_any_order_names_its_line(tmp_path: Path, scrambled: None) -> None:
    (tmp_path / "cases.csv").write_text("case_id,fine\nC1,100\nC2,\"2,500\"\nC3,7\nC4,n/a\n")
    (tmp_path / "v.csv").write_text("victim_id,case_id\nV1,C1\nV2,C2\nV3,C4\n")
    path = tmp_path / "claims.yaml"
    path.write_text("version: 1\ntables:\n  cases: {path: cases.csv, key: case_id}\n"
                    "  v: {path: v.csv, lookup: {case: cases via case_id}}\nclaims:\n"
                    "  - id: a\n    says: a sentence\n    measure: {count: v, where: case.fine > 10}\n    expect: 2\n")
    refused(path, "cases.csv:3", "column 'fine'", "line 3 holds '2,500'")


def test_figures_are_the_same_whatever_the_tables_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every measure kind that reads a table held in any order, and a ``lag`` (that table read in
    order): the same report, scrambled or not."""
    (tmp_path / "t.csv").write_text("\n".join(["id,g,n,day"] + [f"{i},{'abc'[i % 3]},{(i * 7) % 11},"
                                                                 f"2020-01-{1 + i % 28:02d}" for i in range(200)]) + "\n")
    (tmp_path / "w.csv").write_text("id,g\n" + "".join(f"{i},{'ab'[(i // 3) % 2]}\n" for i in range(60)))
    path = tmp_path / "claims.yaml"
    path.write_text("""version: 1
tables:
  t: {path: t.csv, time: day}
  w: {path: w.csv, derive: {same: g == lag(g)}}
claims:
  - {id: n, says: s, measure: {count: t, where: n > 3}, expect: 1}
  - {id: s, says: s, measure: {sum: n, of: t, where: g == 'a'}, expect: 1}
  - {id: m, says: s, measure: {median: n, of: t}, expect: 1}
  - {id: sh, says: s, measure: {share: g == 'b', of: t}, expect: 1}
  - {id: top, says: s, measure: {top: g, of: t}, expect: [a]}
  - {id: streak, says: s, measure: {streak: n > 2, of: t, order: id}, expect: 1}
  - {id: lag, says: s, measure: {count: w, where: same}, expect: 1}
""")

    def report() -> dict[str, object]:
        result = runner.invoke(app, ["run", str(path), "--json", str(tmp_path / "report.json")])
        assert result.exit_code == 1, result.output  # the claims' numbers are wrong on purpose
        out = json.loads((tmp_path / "report.json").read_text())
        out.pop("generated_at")
        return out  # type: ignore[no-any-return]

    before = report()
    monkeypatch.setattr(factcheck.loading, "ANY_ORDER_BYTES", 0)
    session = prepare(path)
    session.materialize()
    assert session.backend.any_order == {"t"}  # type: ignore[attr-defined]  # w has a lag: in file order
    session.backend.close()
    scramble(monkeypatch)
    assert report() == before


def test_a_table_with_a_window_or_a_row_number_keeps_its_order(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.csv").write_text(rows(40, 4).replace("n/a", "0").replace("unknown", "2020-01-01"))
    monkeypatch.setattr(factcheck.loading, "ANY_ORDER_BYTES", 0)
    for table, measure in [("{path: t.csv, derive: {up: amount > lag(amount)}}", "{count: t, where: up}"),
                           ("{path: t.csv}", "{count: t, where: amount > 3}")]:
        session = prepare(claims(tmp_path, table, measure))
        session.materialize()
        kept = session.backend.any_order  # type: ignore[attr-defined]
        session.backend.close()
        assert kept == (set() if "lag" in table else {"t"})
    session = prepare(claims(tmp_path, "{path: t.csv}", "{count: t, where: amount > 3}"))
    session.prepared.catalog.ordered.add("t")  # explain --rows: the rows in the order of their row number
    session.materialize()
    kept = session.backend.any_order  # type: ignore[attr-defined]
    session.backend.close()
    assert kept == set()


def test_a_small_csv_is_read_in_file_order(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(rows(40, 4))
    session = prepare(claims(tmp_path, "{path: t.csv}", "{count: t, where: id > 3}"))
    session.materialize()
    kept = session.backend.any_order  # type: ignore[attr-defined]
    session.backend.close()
    assert kept == set()  # 1 kB: nothing to gain


def test_explains_rows_come_in_file_order_with_the_table_scrambled(tmp_path: Path, scrambled: None) -> None:
    (tmp_path / "t.csv").write_text(rows(40, 4).replace("n/a", "0").replace("unknown", "2020-01-01"))
    out = tmp_path / "rows.csv"
    result = runner.invoke(app, ["explain", str(claims(tmp_path, "{path: t.csv}", "{count: t, where: amount > 30}")),
                                 "a", "--rows", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert [line.split(",")[0] for line in out.read_text().splitlines()[1:]] == [str(i) for i in range(31, 40) if i % 4 != 1]


# --------------------------------------------------------------------------- DuckDB's own order

BIG_ROWS = 400_000  # ~25 MB: DuckDB's reader splits it among its threads


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 400k-row CSV; rows 10,000 + 40,000·k (lines 10,002, 50,002, …) hold 'unknown' in ``filed``,
    rows 20,000 + 40,000·k hold 'n/a' in ``amount``, rows 30,000 + 40,000·k 'c' in ``kind``."""
    root = tmp_path_factory.mktemp("big")
    duckdb.connect().execute(f"""COPY (SELECT i AS id,
        CASE WHEN i % 40000 = 20000 THEN 'n/a' ELSE CAST(i % 1000 AS VARCHAR) END AS amount,
        CASE WHEN i % 40000 = 10000 THEN 'unknown' ELSE CAST(DATE '2015-01-01' + CAST(i % 3000 AS INTEGER) AS VARCHAR)
             END AS filed,
        CASE WHEN i % 40000 = 30000 THEN 'c' WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS kind,
        'padding to make the file large enough ' || i AS note
        FROM range({BIG_ROWS}) t(i)) TO '{root / "t.csv"}' (HEADER)""")
    assert (root / "t.csv").stat().st_size > factcheck.loading.ANY_ORDER_BYTES
    return root


def test_a_large_csv_without_positions_is_read_in_any_order_with_the_same_figures(big: Path) -> None:
    path = claims(big, "{path: t.csv}", "{count: t, where: kind == 'a'}", str(BIG_ROWS // 2 - 10))  # 10 of the even rows hold c
    session = prepare(path)
    session.materialize()
    assert session.backend.any_order == {"t"}  # type: ignore[attr-defined]
    report = session.run()
    session.backend.close()
    assert report.results[0].verdict == "pass"


def test_a_large_csvs_time_column_problem_names_the_files_lines(big: Path) -> None:
    out = refused(claims(big, "{path: t.csv, time: filed}", "{count: t, where: \"filed >= '2020-01-01'\"}"),
                  "t.csv:10002", "10 values are not a date", "line 10002 holds 'unknown'", "… and 5 more")
    detail = [line.strip() for line in out.splitlines() if line.strip().startswith("line ")]
    assert detail[:5] == [f"line {10_002 + 40_000 * k}: 'unknown'" for k in range(5)], out


def test_a_large_csvs_text_in_numbers_names_the_files_first_line(big: Path) -> None:
    refused(claims(big, "{path: t.csv}", "{sum: amount, of: t}"),
            "t.csv:20002", "line 20002 holds 'n/a'")


def test_a_large_csvs_contract_violations_name_the_files_lines(big: Path) -> None:
    """The contract's scan numbers the file's lines as it reads them: in file order, after a read
    that was not."""
    out = refused(claims(big, "{path: t.csv, columns: {kind: {allowed: [a, b]}}}", "{count: t}"),
                  "t.csv:30002", "10 rows hold a value not in allowed")
    detail = [line.strip() for line in out.splitlines() if line.strip().startswith("line ")]
    assert detail[:5] == [f"line {30_002 + 40_000 * k}: 'c'" for k in range(5)], out


def test_a_large_csv_read_after_one_in_any_order_keeps_its_own_order(big: Path) -> None:
    """The setting is DuckDB's connection's: the next table, whose ``lag`` needs the file's order,
    is read in it again (the same file as two tables: ``id`` rises on every line)."""
    path = big / "two.yaml"
    path.write_text("version: 1\ntables:\n  t: {path: t.csv}\n  u: {path: t.csv, derive: {up: id > lag(id)}}\n"
                    "claims:\n"
                    "  - {id: a, says: s, measure: {count: t, where: kind == 'c'}, expect: 10}\n"
                    f"  - {{id: b, says: s, measure: {{count: u, where: up}}, expect: {BIG_ROWS - 1}}}\n")
    session = prepare(path)
    session.materialize()
    assert session.backend.any_order == {"t"}  # type: ignore[attr-defined]
    report = session.run()
    session.backend.close()
    assert [r.verdict for r in report.results] == ["pass", "pass"], [r.computed for r in report.results]
