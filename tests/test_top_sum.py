"""`top_sum`: the sum of the top N rows (or groups) judged as an amount (walk finding F14).

"The 10 highest-paid officers took home $1.4 million" could not be checked: `top_share` ranks and
sums the top ten, but its value is their share of the whole, so the sum stayed "not checked", or
was written as a `sum … where overtime_pay >= <the tenth value>` that breaks on the next data
update. The figures below are on tests/fixtures/overtime/payroll.csv (constructed data: 80
officers in 2024, overtime as DOUBLEs) and small tables written here.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest
from conftest import one_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.errors import ClaimsFileError
from factcheck.outcome import Reason, Verdict

ROOT = Path(__file__).resolve().parent.parent
PAYROLL = ROOT / "tests" / "fixtures" / "overtime" / "payroll.csv"
runner = CliRunner()

TABLES = ("version: 1\ntables:\n  payroll: {path: payroll.csv, key: [officer_id, year], "
          "columns: {officer_id: {type: text}}}\nclaims:\n")


def claims(folder: Path, *blocks: tuple[str, str, str, str]) -> Path:
    """A claims file over the overtime payroll: (id, says, measure, expect) each."""
    (folder / ".git").mkdir(exist_ok=True)
    shutil.copy(PAYROLL, folder / "payroll.csv")
    path = folder / "c.yaml"
    path.write_text(TABLES + "".join(f"  - id: {cid}\n    says: {says}\n    measure: {measure}\n"
                                     f"    expect: '{expect}'\n" for cid, says, measure, expect in blocks),
                    encoding="utf-8")
    return path


TOP_10 = "{top_sum: overtime_pay, of: payroll, top_n: 10, where: year == 2024}"
SAYS = "The 10 highest-paid officers took home about $183,000 in 2024."


def direct_top_sum(n: int) -> Fraction:
    """The ten largest 2024 amounts summed by DuckDB itself, exactly (in DECIMAL), as a reader would."""
    got = duckdb.connect().execute(
        "SELECT sum(CAST(overtime_pay AS DECIMAL(18,2))) FROM (SELECT overtime_pay FROM read_csv(?) "
        "WHERE year = 2024 ORDER BY overtime_pay DESC LIMIT ?)", [str(PAYROLL), n]).fetchone()
    assert got is not None
    return Fraction(Decimal(got[0]))


def test_the_top_ten_s_sum_is_the_value_exactly(tmp_path: Path) -> None:
    report = factcheck.verify(claims(tmp_path, ("top10", SAYS, TOP_10, "about $183,000")))
    r = report.results[0]
    assert r.verdict == Verdict.PASS, r.message
    assert Fraction(r.value_exact) == direct_top_sum(10) == Fraction("182848.1")
    assert (r.details.kind, r.details.in_top, r.details.out_of) == ("top_sum", 10, 80)
    assert r.details.total == pytest.approx(1_080_000)


def test_a_wrong_amount_fails_shown_as_money(tmp_path: Path) -> None:
    """Judged as a sum is: the figure and the miss are amounts with the sign the story writes."""
    r = factcheck.verify(claims(tmp_path, ("top10", SAYS, TOP_10, "$1.4 million"))).results[0]
    assert r.verdict == Verdict.FAIL
    assert "computed $182,848.10" in r.message and "$1,217,151.90 low" in r.message, r.message


def test_a_top_percent_sums_the_top_tenth(tmp_path: Path) -> None:
    # 80 officers: the top 10% is the top eight
    r = factcheck.verify(claims(tmp_path, ("t", "s", "{top_sum: overtime_pay, of: payroll, in_top: 10%, "
                                                     "where: year == 2024}", "150000"))).results[0]
    assert Fraction(r.value_exact) == direct_top_sum(8) and r.details.in_top == 8, r.message


DONORS = ["id,donor,amount"] + [f"{i},D{i % 20:02d},{100 * (i % 20) + 5}" for i in range(60)]
# 20 donors, three gifts each: donor k gave 3 × (100k + 5); the top three (17, 18, 19) gave 16,245


def test_groups_are_summed_then_ranked(tmp_path: Path) -> None:
    r = one_table(tmp_path, DONORS, "{top_sum: amount, of: t, by: donor, top_n: 3}", "16245")
    assert r.verdict == Verdict.PASS and r.value_exact == "16245", r.message
    assert (r.details.in_top, r.details.out_of) == (3, 20)


def test_a_constant_counts_each_group_s_rows_and_is_no_money(tmp_path: Path) -> None:
    """`top_sum: 1, by: officer`: the incidents of the two officers with the most. A plain count:
    "3" is read as a number, not an amount."""
    rows = ["id,officer", "1,A", "2,A", "3,B", "4,C", "5,", "6,", "7,A"]
    r = one_table(tmp_path, rows, "{top_sum: 1, of: t, by: officer, top_n: 2}", "4",
                  says="The two officers with the most incidents had $4 of them")
    assert r.verdict == Verdict.PASS and r.value_exact == "4", r.message
    assert "$" not in r.message


def test_fewer_rows_than_the_top_is_unverifiable(tmp_path: Path) -> None:
    rows = ["id,amount", "1,5", "2,7", "3,"]
    r = one_table(tmp_path, rows, "{top_sum: amount, of: t, top_n: 3}", "12")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    assert "only 2 rows with a value, fewer than the top 3" in r.message
    r = one_table(tmp_path, rows, "{top_sum: amount, of: t, top_n: 2, where: amount > 100}", "12")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    assert "no rows with a value pass the filter" in r.message


def test_a_top_percent_of_less_than_one_row_is_unverifiable(tmp_path: Path) -> None:
    r = one_table(tmp_path, ["id,amount", "1,5", "2,7"], "{top_sum: amount, of: t, in_top: 10%}", "7")
    assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS)
    assert "the top 10% of 2 rows is less than one" in r.message


def test_a_total_of_zero_is_a_sum_of_zero(tmp_path: Path) -> None:
    """A share of a zero total has no value; a sum of zeros is 0."""
    r = one_table(tmp_path, ["id,amount", "1,0", "2,0"], "{top_sum: amount, of: t, top_n: 1}", "0")
    assert r.verdict == Verdict.PASS and r.value_exact == "0", r.message


def test_a_negative_value_is_refused_as_top_share_refuses_it(tmp_path: Path) -> None:
    rows = ["id,donor,amount", "1,A,600", "2,B,300", "3,,-400"]
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, rows, "{top_sum: amount, of: t, by: donor, top_n: 1}", "600")
    assert "top_sum needs values of at least 0, and amount is -400 somewhere" in str(err.value)


@pytest.mark.parametrize("top", ["in_top: 10%, top_n: 3", ""])
def test_the_top_is_said_one_way(tmp_path: Path, top: str) -> None:
    with pytest.raises(ClaimsFileError) as err:
        one_table(tmp_path, DONORS, f"{{top_sum: amount, of: t{', ' + top if top else ''}}}", "100")
    assert "in_top: 10% (the top tenth of the rows) or top_n: 10 (the ten largest)" in str(err.value)


def test_the_cli_exits_2_on_a_negative_value_naming_the_claim(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("id,amount\n1,5\n2,-3\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  t: {path: t.csv}\nclaims:\n  - id: neg\n    says: s\n"
                                     "    measure: {top_sum: amount, of: t, top_n: 1}\n    expect: 5\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2, result.output
    assert "neg" in result.output and "top_sum needs values of at least 0" in result.output
    assert "Traceback" not in result.output


def test_explain_shows_the_sql_that_gives_the_figure(tmp_path: Path) -> None:
    path = claims(tmp_path, ("top10", SAYS, TOP_10, "about $183,000"))
    result = runner.invoke(app, ["explain", str(path), "top10"])
    assert result.exit_code == 0, result.output
    sql = result.output[result.output.index("SQL (paste into DuckDB"):].split("\n", 1)[1]
    sql = sql[:sql.index(";") + 1]
    assert "r <= 10" in sql
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{tmp_path}'")
    row = dict(zip(["kept", "known", "n_values", "in_top", "top_total", "total", "smallest"],
                   con.execute(sql).fetchone() or (), strict=True))
    assert Fraction(Decimal(row["top_total"])) == direct_top_sum(10)


def test_the_json_report_names_the_kind_in_its_details(tmp_path: Path) -> None:
    path = claims(tmp_path, ("top10", SAYS, TOP_10, "about $183,000"))
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["run", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    import jsonschema
    jsonschema.validate(data, json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8")))
    assert data["results"][0]["details"]["kind"] == "top_sum"


def reference(rows: list[tuple[str, int | None]], n: int | None, percent: int | None, by: bool) -> Fraction | None:
    """The sum of the top rows in plain Python: with ``by``, each group's values summed first
    (a group of no name is ranked in no group); the top N, or the first floor(k × P / 100) of k."""
    if by:
        groups: dict[str, int] = {}
        for g, v in rows:
            if v is not None and g:
                groups[g] = groups.get(g, 0) + v
        values = list(groups.values())
    else:
        values = [v for _, v in rows if v is not None]
    k = len(values) if n is not None else len(values) * (percent or 0) // 100
    k = min(n, len(values)) if n is not None else k
    if not values or k == 0 or (n is not None and len(values) < n):
        return None
    return Fraction(sum(sorted(values, reverse=True)[:k]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", ""]), st.one_of(st.none(), st.integers(0, 50))),
                     min_size=1, max_size=25),
       n=st.one_of(st.none(), st.integers(1, 6)), percent=st.integers(1, 100), by=st.booleans())
def test_the_value_is_python_s_sum_of_the_largest(tmp_path: Path, rows: list[tuple[str, int | None]],
                                                   n: int | None, percent: int, by: bool) -> None:
    lines = ["id,g,v"] + [f"{i},{g},{'' if v is None else v}" for i, (g, v) in enumerate(rows)]
    top = f"top_n: {n}" if n is not None else f"in_top: {percent}%"
    measure = f"{{top_sum: v, of: t, {top}{', by: g' if by else ''}}}"
    r = one_table(tmp_path, lines, measure, "0", decl="columns: {g: {type: text}, v: {type: integer}}")
    expected = reference(rows, n, percent, by)
    if expected is None:
        assert (r.verdict, r.reason) == (Verdict.UNVERIFIABLE, Reason.NO_ROWS), r.message
    else:
        assert Fraction(r.value_exact) == expected, (r.message, measure)
