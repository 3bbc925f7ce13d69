"""A "Total" row at the end (or the top) of a published table is read as one more row: a sum comes
out double, a count one too many, a ranking names "Total". A claim whose rows include it carries the
warning ``total_row``, naming the table, the row's line and the ``where:`` that leaves it out; a
claim whose filter leaves it out, or a table without one, is said nothing of (and costs no query).
Constructed data: six neighbourhoods and their total, as a city's report prints them."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import record_statements
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.outcome import NoteCode, Verdict

HOODS = """\
nbhd_code,name,population,pct_renters
007,Riverside,18250,41.2%
012,Northgate,9400,38.0%
023,Old Town,12875,55.5%
031,Harbor,22100,61.0%
044,Eastfield,15630,47.3%
058,Mill Creek,7300,29.9%
,Total,85555,49.1%
"""

CLAIMS = {
    "pop": ("{sum: population, of: hoods}", "85555"),
    "n": ("{count: hoods}", "6"),
    "biggest": ("{top: name, of: hoods, by: {sum: population, of: hoods}}", "[Harbor]"),
}


def _run(folder: Path, claims: dict[str, tuple[str, str]], data: str = HOODS, *, file: str = "hoods.csv",
         decl: str = "") -> dict[str, factcheck.ClaimResult]:
    path = folder / file
    if file.endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_bytes(data.encode())
    body = "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {m}\n    expect: {e}\n"
                   for cid, (m, e) in claims.items())
    (folder / "c.yaml").write_text(f"tables:\n  hoods: {{path: {file}{', ' + decl if decl else ''}}}\n"
                                   f"claims:\n{body}", encoding="utf-8")
    return {r.id: r for r in factcheck.verify(folder / "c.yaml").results}


def _warning(r: factcheck.ClaimResult) -> str:
    found = [n for n in r.notes if n.code == NoteCode.TOTAL_ROW]
    assert len(found) == 1 and found[0].warning, (r.id, r.notes)
    return found[0].message


def _none(r: factcheck.ClaimResult) -> None:
    assert not [n for n in r.notes if n.code == NoteCode.TOTAL_ROW], (r.id, r.notes)


def test_a_sum_a_count_and_a_ranking_over_a_total_row_say_so(tmp_path: Path) -> None:
    results = _run(tmp_path, CLAIMS)
    assert {r.verdict for r in results.values()} == {Verdict.FAIL}  # the figures are still the data's
    for cid, effect in [("pop", "a sum comes out double"), ("n", "a count comes out one too many"),
                        ("biggest", "a ranking names it first")]:
        message = _warning(results[cid])
        assert "table 'hoods' has a total row, line 8 of" in message and "hoods.csv (name 'Total')" in message
        assert "whose population (85,555) is the sum of the other rows" in message
        assert effect in message and message.endswith("leave it out with where: name != 'Total'")


def test_the_filter_the_warning_gives_leaves_it_out(tmp_path: Path) -> None:
    fixed = {cid: (m.replace("}", ", where: \"name != 'Total'\"}", 1) if cid != "biggest" else
                   m[:-1] + ", where: \"name != 'Total'\"}", e) for cid, (m, e) in CLAIMS.items()}
    results = _run(tmp_path, fixed)
    for r in results.values():
        assert r.verdict == Verdict.PASS, r
        _none(r)


def test_a_filter_that_keeps_it_is_told_to_add_the_condition(tmp_path: Path) -> None:
    results = _run(tmp_path, {"big": ("{count: hoods, where: population > 15000}", "3"),
                              "harbor": ("{value: population, of: hoods, where: \"name == 'Harbor'\"}", "22100"),
                              "city": ("{value: population, of: hoods, where: \"name == 'Total'\"}", "85555"),
                              "code": ("{count: hoods, where: \"nbhd_code != '031'\"}", "5"),
                              "renters": ("{mean: population, of: hoods, where: \"pct_renters != '61.0%'\"}", "12691")})
    assert results["big"].verdict == Verdict.FAIL
    assert _warning(results["big"]).endswith("add `and name != 'Total'` to the measure's where")
    assert "the figure takes it for one more row" in _warning(results["renters"])
    _none(results["harbor"])  # its filter leaves the row out
    _none(results["city"])  # its filter chose the total row alone
    _none(results["code"])  # the total row's code is blank: the filter leaves it out as the claim's query does


def test_a_total_row_at_the_top_and_a_grand_total(tmp_path: Path) -> None:
    lines = HOODS.splitlines()
    top = "\n".join([lines[0], "  ,  GRAND   Total ,85555,49.1%", *lines[1:-1]]) + "\n"
    message = _warning(_run(tmp_path, {"n": CLAIMS["n"]}, top)["n"])
    assert "line 2 of" in message and "(name '  GRAND   Total ')" in message and "(85,555)" in message


def test_an_all_row_that_adds_nothing_up_is_a_category(tmp_path: Path) -> None:
    data = "applies_to,fee\nAdults,10\nChildren,5\nAll,12\n"
    _none(_run(tmp_path, {"n": ("{count: hoods}", "3")}, data)["n"])
    data = "age,people\nunder 18,10\n18 and over,30\nAll,40\n"
    assert "whose people (40) is the sum" in _warning(_run(tmp_path, {"n": ("{sum: people, of: hoods}", "40")},
                                                           data)["n"])


def test_a_total_without_matching_numbers_is_still_a_total(tmp_path: Path) -> None:
    data = HOODS.replace(",Total,85555,", ",Total,85550,")  # a total of rounded figures
    message = _warning(_run(tmp_path, {"pop": CLAIMS["pop"]}, data)["pop"])
    assert "sum of the other rows" not in message and "line 8 of" in message


def test_no_label_no_warning(tmp_path: Path) -> None:
    data = HOODS.replace(",Total,85555,49.1%", "065,Totalville,1000,20.0%")
    for r in _run(tmp_path, CLAIMS, data).values():
        _none(r)


@pytest.mark.parametrize("file", ["hoods.csv", "hoods.csv.gz"])
def test_lines_are_counted_past_the_tail_read_with_skip_and_crlf(tmp_path: Path, file: str) -> None:
    rows = [f"{i:05d},Place {i},{i},1.0%" for i in range(1, 3001)]  # more than the 64 KiB read from the end
    data = "A city report\r\n" + "\r\n".join([HOODS.splitlines()[0], *rows, f",Totals,{sum(range(1, 3001))},1.0%"])
    data += "\r\n\r\n"  # blank lines after the last row
    r = _run(tmp_path, {"n": ("{count: hoods}", "3000")}, data, file=file, decl="csv: {skip: 1}")["n"]
    assert "line 3003 of" in _warning(r) and "(name 'Totals')" in _warning(r)


def test_a_table_without_a_total_row_costs_no_query(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.sources import totals
    data = HOODS.replace(",Total,85555,49.1%", "065,Lakeside,1000,20.0%")
    asked = record_statements(monkeypatch)
    _run(tmp_path, CLAIMS, data)
    plain = list(asked)
    asked.clear()
    monkeypatch.setattr(totals, "candidate", lambda src, backend=None: None)  # as if no total row were looked for
    _run(tmp_path, CLAIMS, data)
    assert plain == asked


def test_init_says_so_in_its_notes(tmp_path: Path) -> None:
    (tmp_path / "hoods.csv").write_text(HOODS, encoding="utf-8")
    (tmp_path / "story.md").write_text("The six neighbourhoods are home to 85,555 people.\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["init", str(tmp_path / "story.md"), str(tmp_path / "hoods.csv")])
    assert done.exit_code == 0, done.output
    text = (tmp_path / "story.claims.yaml").read_text(encoding="utf-8")
    assert ("# note: line 8 of hoods.csv (name 'Total'), whose population (85,555) is the sum of the other "
            "rows: a total row") in text.replace(str(tmp_path) + "/", "")
    assert "leave it out with where: name != 'Total'" in text


def test_the_command_shows_the_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(tmp_path, {"pop": CLAIMS["pop"]})
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["run", "c.yaml"])
    assert done.exit_code == 1
    assert "WARNING total_row" in done.output and "where: name != 'Total'" in done.output


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=30), st.sampled_from(["\n", "\r\n"]),
       st.integers(0, 3), st.integers(0, 2), st.sampled_from(["Total", "TOTAL", "totals", "All", "Grand total"]))
def test_the_line_named_is_the_rows_line(values: list[int], newline: str, skip: int, blank: int, label: str) -> None:
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        lines = [f"title {i}" for i in range(skip)] + ["name,n"] + [f"p{i},{v}" for i, v in enumerate(values)]
        lines.append(f"{label},{sum(values)}")
        data = newline.join(lines) + newline * (1 + blank)
        decl = f"csv: {{skip: {skip}}}" if skip else ""
        r = _run(Path(folder), {"n": ("{count: hoods}", str(len(values)))}, data, decl=decl)["n"]
        message = _warning(r)
        assert f"line {len(lines)} of" in message and f"whose n ({sum(values):,}) is the sum" in message



def test_spark_says_what_duckdb_says(spark: object, tmp_path: Path) -> None:
    results = _run(tmp_path, {**CLAIMS, "big": ("{count: hoods, where: population > 15000}", "3")})
    on_spark = {r.id: r for r in factcheck.verify(tmp_path / "c.yaml", engine="spark").results}
    for cid, r in results.items():
        assert _warning(on_spark[cid]) == _warning(r)



def test_a_change_between_two_periods_of_the_label_column_is_not_warned(tmp_path: Path) -> None:
    data = "year,cases\n2019,5\n2020,6\nTotal,11\n"
    results = _run(tmp_path, {"up": ("{change: {sum: cases, of: hoods}, over: year, from: '2019', to: '2020'}",
                                     "up 20%"),
                              "all": ("{sum: cases, of: hoods}", "11")}, data)
    assert results["up"].verdict == Verdict.PASS
    _none(results["up"])
    assert "line 4 of" in _warning(results["all"]) and "where: year != 'Total'" in _warning(results["all"])


YEARLY = "year,cases\n2019,10\n2020,12\nTotal,22\n"


@pytest.mark.parametrize("data, column", [(YEARLY, "year"),
                                          ("day,cases\n2020-01-01,10\n2020-01-02,12\nTOTAL,22\n", "day")])
def test_a_total_in_a_time_column_is_said_to_be_one_with_what_to_do(tmp_path: Path, data: str, column: str) -> None:
    """The time column is read before any filter: ``where:`` cannot leave the row out, and its label,
    no period, stops the run. The message says what the row is, and both ways out that work."""
    with pytest.raises(factcheck.DataError) as err:
        _run(tmp_path, {"n": ("{sum: cases, of: hoods}", "22")}, data, decl=f"time: {column}")
    problem = err.value.problems[0]
    label = data.splitlines()[-1].split(",")[0]
    assert f"line 4 holds {label!r}, which looks like a total row, not a period" in problem.message
    assert problem.hint is not None and "remove the row from the file" in problem.hint
    assert f"csv: {{null: ['', '{label}']}}" in problem.hint and f"where: {column} is not null" in problem.hint
    assert "a where: alone cannot leave it out" in problem.hint


def test_a_stray_word_in_a_time_column_gets_no_total_hint(tmp_path: Path) -> None:
    with pytest.raises(factcheck.DataError) as err:
        _run(tmp_path, {"n": ("{sum: cases, of: hoods, where: year == 2020}", "12")}, YEARLY.replace("Total", "n.d."),
             decl="time: year")
    assert "total row" not in str(err.value) and "list it under csv: {null: [...]}" in str(err.value)


def test_the_way_out_the_message_gives_works_and_a_claim_that_forgets_it_is_warned(tmp_path: Path) -> None:
    results = _run(tmp_path, {"all": ("{sum: cases, of: hoods}", "22"),
                              "kept": ("{sum: cases, of: hoods, where: year is not null}", "22"),
                              "year": ("{sum: cases, of: hoods, where: year == 2020}", "12"),
                              "up": ("{change: {sum: cases, of: hoods}, over: year, from: 2019, to: 2020}", "up 20%")},
                   YEARLY, decl="time: year, csv: {'null': ['', 'Total']}")
    assert [results[c].verdict for c in ("kept", "year", "up")] == [Verdict.PASS] * 3
    for cid in ("kept", "year", "up"):
        _none(results[cid])
    message = _warning(results["all"])  # 44: the total read as a row of no year
    assert "line 4 of" in message and "(year 'Total', read as unknown)" in message
    assert "whose cases (22) is the sum of the other rows" in message
    assert message.endswith("leave it out with where: year is not null")


def test_a_dataframe_and_a_parquet_file_are_looked_into_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A DataFrame passed to the library, or a Parquet file, copied from a published table: the same
    warning, its place named as a row (they have no lines)."""
    import duckdb
    import pandas as pd
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hoods.csv").write_text(HOODS, encoding="utf-8")
    frame = pd.read_csv(tmp_path / "hoods.csv", dtype={"nbhd_code": str})
    duckdb.connect().execute("COPY (SELECT * FROM read_csv('hoods.csv', types={'nbhd_code': 'VARCHAR'})) "
                             "TO 'hoods.parquet' (FORMAT parquet)")
    claims = "".join(f"  - id: {cid}\n    says: a sentence\n    measure: {m}\n    expect: {e}\n"
                     for cid, (m, e) in CLAIMS.items())
    for path, tables in [("hoods.csv", {"hoods": frame}), ("hoods.parquet", None)]:
        (tmp_path / "c.yaml").write_text(f"tables:\n  hoods: {{path: {path}}}\nclaims:\n{claims}", encoding="utf-8")
        results = {r.id: r for r in factcheck.verify(tmp_path / "c.yaml", tables).results}
        shown = "<dataframe hoods>" if tables else "hoods.parquet"
        for cid in CLAIMS:
            message = _warning(results[cid])
            assert f"table 'hoods' has a total row, row 7 of {shown} (name 'Total')" in message, message
            assert "whose population (85,555) is the sum of the other rows" in message
    ok = frame[frame["name"] != "Total"]
    for r in factcheck.verify(tmp_path / "c.yaml", {"hoods": ok}).results:
        _none(r)


def test_a_parquet_files_first_and_last_rows_across_its_row_groups(tmp_path: Path) -> None:
    """The look reads the file's footer and the two rows by their numbers (a few milliseconds on 10
    million rows, benchmarks in the commit): here over 30 row groups, the first and the last row."""
    import duckdb

    from factcheck.backends.duckdb import DuckDB
    from factcheck.engine import prepare
    path = tmp_path / "big.parquet"
    duckdb.connect().execute(f"COPY (SELECT i AS id, 'p' || i AS name FROM range(300000) t(i)) TO '{path}' "
                             "(FORMAT parquet, ROW_GROUP_SIZE 10000)")
    (tmp_path / "c.yaml").write_text("tables:\n  t: {path: big.parquet}\nclaims:\n"
                                     "  - {id: n, says: a sentence, measure: {count: t}, expect: 300000}\n",
                                     encoding="utf-8")
    session = prepare(tmp_path / "c.yaml")
    assert isinstance(session.backend, DuckDB)
    names, rows = session.backend.edge_rows(session.prepared.sources["t"])
    assert names == ["id", "name"] and rows == [(1, [0, "p0"]), (300000, [299999, "p299999"])]


def test_a_total_in_the_time_column_of_a_dataframe_or_parquet_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No csv: option reads those: the row is to be dropped where the table is made."""
    import duckdb
    import pandas as pd
    monkeypatch.chdir(tmp_path)
    frame = pd.DataFrame({"year": ["2019", "2020", "Total"], "cases": [10, 12, 22]})
    duckdb.connect().execute("COPY (SELECT * FROM frame) TO 'yearly.parquet' (FORMAT parquet)")
    claim = "  - {id: n, says: a sentence, measure: {sum: cases, of: y}, expect: 22}\n"
    for path, tables, fix in [("yearly.csv", {"y": frame}, "drop the row from the DataFrame"),
                              ("yearly.parquet", None, "remove the row where the Parquet file is written")]:
        (tmp_path / "c.yaml").write_text(f"tables:\n  y: {{path: {path}, time: year}}\nclaims:\n{claim}",
                                         encoding="utf-8")
        with pytest.raises(factcheck.DataError) as err:
            factcheck.verify(tmp_path / "c.yaml", tables)
        problem = err.value.problems[0]
        assert "row 3 holds 'Total', which looks like a total row" in problem.message, problem
        assert problem.hint is not None and fix in problem.hint and "csv:" not in problem.hint


def test_the_parquet_look_is_counted_with_the_runs_statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two statements that read a Parquet file's footer and its first and last rows go through the
    backend's execute, as every other does: a count of a run's statements (tests, the benchmarks) sees
    them."""
    import duckdb
    monkeypatch.chdir(tmp_path)
    (tmp_path / "hoods.csv").write_text(HOODS, encoding="utf-8")
    duckdb.connect().execute("COPY (SELECT * FROM read_csv('hoods.csv', types={'nbhd_code': 'VARCHAR'})) "
                             "TO 'hoods.parquet' (FORMAT parquet)")
    (tmp_path / "c.yaml").write_text("tables:\n  hoods: {path: hoods.parquet}\nclaims:\n"
                                     "  - {id: n, says: a sentence, measure: {count: hoods}, expect: 6}\n",
                                     encoding="utf-8")
    asked = record_statements(monkeypatch)
    result = factcheck.verify(tmp_path / "c.yaml").results[0]
    assert "row 7 of hoods.parquet (name 'Total')" in _warning(result)
    footer = [sql for sql in asked if "parquet_file_metadata" in sql]
    edges = [sql for sql in asked if "file_row_number IN (0, 6)" in sql]
    assert len(footer) == 1 and len(edges) == 1, asked


@pytest.mark.parametrize(("label", "is_total"), [
    ("State Total", True), ("County  Total", True), ("Alder County Total", True), ("Subtotal", True),
    ("Sub-total", True), ("district totals", True), ("Grand total", True),
    ("All Students", False), ("Totally Fit Gym", False), ("Total Points Scored By Team", False), ("Alder", False),
])
def test_a_total_of_a_place_or_a_part_is_a_total_label(label: str, is_total: bool) -> None:
    from factcheck.sources.totals import is_label
    assert is_label(label) is is_total


COUNTIES = """\
county,district,students
Alder,Ashford,120
Alder,Carver,300
Alder,County Total,420
Birch,Elmwood,200
Birch,County Total,200
,State Total,620
"""


def test_subtotal_rows_among_the_data_are_named_with_the_total(tmp_path: Path) -> None:
    """A "State Total" last row and "County Total" rows among the districts: a sum takes them all for
    districts (1,860: each student three times); the warning names both labels and the filter that leaves them out."""
    got = _run(tmp_path, {"all": ("{sum: students, of: hoods}", "620"),
                          "alder": ("{sum: students, of: hoods, where: \"county == 'Alder'\"}", "420")}, COUNTIES)
    for cid in ("all", "alder"):
        message = _warning(got[cid])
        assert "'County Total' (2 rows)" in message and "district not in ['State Total', 'County Total']" in message
    assert got["all"].value == 1860
