"""The groups a ``top_share`` or ``top_sum`` by groups took, shown as a reader reads them.

Their sums are money when the column is: the claim's ``expect`` states an amount, or its sentence
writes its figures as amounts in one currency, percentages aside ("$1,242,585.39, 99.8% of the
money"); explain, the HTML report and the JSON details' ``ranking`` (``figure_text``) say
"$1,234,567.89" where they said "1,234,567.89", and so are the top's sum, the whole and a share's
numerator and denominator. A sentence with another number, or none, leaves them plain.

Ids that a lookup names (``by: vendor_id``, ``lookup: {vendor: vendors via vendor_id}`` and a ``name``
column there) are named: "Northline Construction (V0002, 222,293,788.86)" where explain said
"V0002 (222,293,788.86)", and the JSON details carry ``names``. The names are joined into the query
that lists the groups, which a top by groups asks already: no statement more.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.schema import report_schema

runner = CliRunner()
PROCUREMENT = Path(__file__).resolve().parent / "fixtures" / "procurement" / "claims.yaml"
PAY = ["id,year,dept,amount,staff", "1,2020,a,2833.5,3", "2,2020,b,0,1", "3,2021,a,8017.5,4", "4,2021,b,100,2",
       "5,2022,a,1234567.89,5", "6,2022,b,0.25,1"]
DEPTS = ["code,name", "a,Parks Department", "b,Sanitation"]


@pytest.fixture(scope="module")
def pay(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pay")
    (folder / ".git").mkdir()
    (folder / "pay.csv").write_text("\n".join(PAY) + "\n", encoding="utf-8")
    (folder / "depts.csv").write_text("\n".join(DEPTS) + "\n", encoding="utf-8")
    (folder / "c.yaml").write_text(textwrap.dedent("""\
        version: 1
        tables:
          pay: {path: pay.csv, key: id, time: year, lookup: {dept_of: depts via dept}}
          depts: {path: depts.csv, key: code}
        claims:
          - id: share
            says: The two largest payments came to $1,242,585.39, 99.8% of the money.
            measure: {top_share: amount, of: pay, by: id, top_n: 2}
            expect: 99.8%
          - id: sum
            says: One department took $1,245,418.89.
            measure: {top_sum: amount, of: pay, by: dept, top_n: 1}
            expect: $1,245,418.89
          - id: plain
            says: The 2 largest payments came to 99.8% of the money.
            measure: {top_share: amount, of: pay, by: id, top_n: 2}
            expect: 99.8%
          - id: most
            says: One department was paid the most.
            measure: {top: dept, of: pay, by: {sum: amount, of: pay}}
            expect: a
          - id: tied
            says: The department with the most payments.
            measure: {top: dept, of: pay}
            expect: a
          - id: rows
            says: One department made $3 of every $6 payments.
            measure: {top_share: 1, of: pay, by: dept, top_n: 1}
            expect: 50%
        """), encoding="utf-8")
    return folder / "c.yaml"


def test_the_sums_of_money_are_money(pay: Path) -> None:
    results = {r.id: r for r in factcheck.verify(pay).results}
    texts = {i: [getattr(g, "figure_text", None) for g in r.details.ranking if r.kind != "top"]  # type: ignore[union-attr]
             for i, r in results.items()}
    assert texts == {"share": ["$1,234,567.89", "$8,017.50"], "sum": ["$1,245,418.89"], "plain": [None, None],
                     "rows": [None], "most": [], "tied": []}
    assert (results["share"].numerator_text, results["share"].denominator_text) == ("$1,242,585.39",
                                                                                     "$1,245,519.14")
    assert results["plain"].numerator_text == "1,242,585"


def test_explain_says_them_in_money(pay: Path) -> None:
    share = runner.invoke(app, ["explain", str(pay), "share"], terminal_width=300).output
    assert "  top total: $1,242,585.39\n  total: $1,245,519.14\n" in share, share
    assert "  the top 2 of 6: 5 ($1,234,567.89), 3 ($8,017.50)\n" in share, share
    assert "  numerator: $1,242,585.39   denominator: $1,245,519.14\n" in share, share
    plain = runner.invoke(app, ["explain", str(pay), "plain"], terminal_width=300).output
    assert "  the top 2 of 6: 5 (1,234,567.89), 3 (8,017.50)\n" in plain, plain
    assert "  top total: 1,242,585\n" in plain, plain


def test_the_html_and_json_reports_too(pay: Path, tmp_path: Path) -> None:
    html = runner.invoke(app, ["run", str(pay), "--html", "-"]).output
    assert "<td>5</td><td>$1,234,567.89</td>" in html and '<span class="k">top total</span> $1,242,585.39<' in html
    assert "<td>5</td><td>1,234,568</td>" in html  # the plain one
    runner.invoke(app, ["run", str(pay), "--json", str(tmp_path / "r.json")])
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    share = {r["id"]: r for r in data["results"]}["share"]["details"]
    assert share["ranking"][0] == {"value": "5", "figure": 1234567.89, "figure_text": "$1,234,567.89"}


def test_ids_a_lookup_names_are_named(pay: Path, tmp_path: Path) -> None:
    """The department codes are named by depts.name, in explain, HTML and JSON."""
    out = runner.invoke(app, ["explain", str(pay), "sum"], terminal_width=300).output
    assert "  the top 1 of 2: Parks Department (a, $1,245,418.89)\n" in out, out
    assert "names:" not in out, out  # said once, in words
    rows = runner.invoke(app, ["explain", str(pay), "rows"], terminal_width=300).output
    assert "  the top 1 of 2: Parks Department (a, 3); tied with the last at the cut, left out: Sanitation (b)\n" \
        in rows, rows
    html = runner.invoke(app, ["run", str(pay), "--html", "-"]).output
    assert "<td>Parks Department (a)</td><td>$1,245,418.89</td>" in html, html
    [sum_] = [r for r in factcheck.verify(pay).results if r.id == "sum"]
    assert sum_.details.names == {"a": "Parks Department"}  # type: ignore[union-attr]


def test_explain_names_a_tops_ids(pay: Path, tmp_path: Path) -> None:
    """``explain`` of a ``top`` of an id a lookup names asks their names (one query of its own); the
    run's reports list the ids, as the figure is computed, and ask nothing more."""
    most = runner.invoke(app, ["explain", str(pay), "most"], terminal_width=300).output
    assert "  ranking: Parks Department (a, 1,245,419), Sanitation (b, 100.25)\n" in most, most
    tied = runner.invoke(app, ["explain", str(pay), "tied"], terminal_width=300).output
    assert "  ranking: Parks Department (a, 3), Sanitation (b, 3)\n  ties at cut: Sanitation (b)\n" in tied, tied
    runner.invoke(app, ["run", str(pay), "--json", str(tmp_path / "r.json")])
    data = {r["id"]: r for r in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]}
    assert data["most"]["details"] == {"kind": "top", "ranking": [{"value": "a", "figure": 1245418.89},
                                                                   {"value": "b", "figure": 100.25}],
                                       "ties_at_cut": []}


def test_the_procurement_headline_names_its_firms() -> None:
    out = runner.invoke(app, ["explain", str(PROCUREMENT), "headline-two-thirds"], terminal_width=400).output
    assert ("  the top 5 of 160: Northline Construction (V0002, 222,293,788.86), Apex Facilities Group (V0003, "
            "154,699,778.39), Bluewater Utilities Services (V0005, 147,572,166.47), Summit Engineering (V0004, "
            "128,754,511.00), Harbor Paving Co. (V0001, 106,691,073.10)\n") in out, out


def test_naming_asks_no_statement_more(pay: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The names come with the groups' query: the claim asks its two queries (the top, its groups),
    as without a lookup to name them, the second joining the names."""
    from factcheck.backends.duckdb import DuckDB
    seen: list[str] = []
    execute = DuckDB.execute

    def counted(self: DuckDB, sql: str) -> object:
        seen.append(sql)
        return execute(self, sql)
    monkeypatch.setattr(DuckDB, "execute", counted)
    factcheck.verify(pay, only=["sum"])
    tops = [s for s in seen if "FROM ranked" in s]
    assert len(tops) == 2 and 'LEFT JOIN "depts" AS names ON names."code" = ranked.grp' in tops[1], tops
    unnamed = pay.parent / "unnamed.yaml"
    unnamed.write_text(pay.read_text(encoding="utf-8").replace(", lookup: {dept_of: depts via dept}", ""),
                       encoding="utf-8")
    seen.clear()
    factcheck.verify(unnamed, only=["sum"])
    assert len([s for s in seen if "FROM ranked" in s]) == 2 and "JOIN" not in seen[-1]


def test_the_same_on_spark(spark: object, pay: Path) -> None:
    on_duckdb = {r.id: r.details for r in factcheck.verify(pay).results}
    on_spark = {r.id: r.details for r in factcheck.verify(pay, engine="spark").results}
    assert on_spark == on_duckdb
