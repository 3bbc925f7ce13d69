"""Ranking or counting the values of a column that holds one name spelled two ways ("Eastside
Youth Alliance" and "EASTSIDE YOUTH ALLIANCE"): the claim takes them for two recipients. It now
carries the warning ``spelling_variants``, as a claim comparing one of them did. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table

from factcheck.outcome import NoteCode, Verdict
from factcheck.planning.typos import normal

ROWS = ["award,recipient,amount", "1,Harbor Light,500", "2,Eastside Youth Alliance,200",
        "3,EASTSIDE YOUTH ALLIANCE,150", "4,Fairview Aid,300", "5,Bayview  Legal Aid,10", "6,Bayview Legal Aid,5"]


def _twins(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in r.notes if n.code == NoteCode.SPELLING_VARIANTS and n.warning]


@pytest.mark.parametrize(("measure", "expect"), [
    ("{top: recipient, of: t, by: {sum: amount, of: t}, rank: 2}", "['Fairview Aid']"),
    ("{count_distinct: recipient, of: t}", "6"),
    ("{extreme: {sum: amount, of: t}, over: recipient, at: Fairview Aid, is: highest, rank: 2}", "true"),
])
def test_ranking_or_counting_names_spelled_two_ways_warns(tmp_path: Path, measure: str, expect: str) -> None:
    r = one_table(tmp_path, ROWS, measure, expect)
    assert r.verdict == Verdict.PASS, r.message  # as the data is written; Eastside's 350 would be second
    (said,) = _twins(r)
    assert "column 'recipient' of table 't' holds values that differ only in case or spacing" in said
    assert "'Bayview  Legal Aid' and 'Bayview Legal Aid'; 'EASTSIDE YOUTH ALLIANCE' and 'Eastside Youth Alliance'" in said


def test_no_warning_without_twins_or_without_ranking(tmp_path: Path) -> None:
    clean = [r for r in ROWS if "EASTSIDE" not in r and "Bayview  " not in r]
    assert not _twins(one_table(tmp_path, clean, "{count_distinct: recipient, of: t}", "4"))
    assert not _twins(one_table(tmp_path, ROWS, "{sum: amount, of: t}", "1165"))


def test_a_ranking_by_a_measure_counts_the_rows_it_rests_on(tmp_path: Path) -> None:
    """`explain` of a `top … by` said "rows kept: 321": the number of recipients, not of rows."""
    r = one_table(tmp_path, ROWS, "{top: recipient, of: t, by: {sum: amount, of: t}}", "['Harbor Light']")
    assert r.rows_kept == 6


def test_the_html_report_keeps_the_double_space_the_warning_is_about(tmp_path: Path) -> None:
    """HTML collapses a run of spaces: the warning read "'Bayview Legal Aid' and 'Bayview Legal Aid'"
    in the HTML report. The second space is a no-break space now, in the note and beside the verdict."""
    from typer.testing import CliRunner

    from factcheck.cli import app
    one_table(tmp_path, ROWS, "{count_distinct: recipient, of: t}", "6")
    html = tmp_path / "r.html"
    CliRunner().invoke(app, ["run", str(tmp_path / "c.yaml"), "--html", str(html)])
    page = html.read_text(encoding="utf-8")
    assert page.count("&#x27;Bayview &nbsp;Legal Aid&#x27;") >= 2, page
    assert "Bayview  Legal Aid" not in page  # no run of spaces left for the browser to collapse


def test_a_curly_and_a_straight_apostrophe_are_twins(tmp_path: Path) -> None:
    """"O’Brien" (a word processor's) and "O'Brien" (a form's) are one officer: counting distinct
    officers took them for two, without a word (a walk of a police story)."""
    rows = ["id,officer,n", "1,O'Brien,1", "2,O\u2019Brien,1", "3,Smith,1"]
    r = one_table(tmp_path, rows, "{count_distinct: officer, of: t}", "3")
    (said,) = _twins(r)
    assert "'O\u2019Brien'" in said or "O\u2019Brien" in said, said


def test_a_compared_name_with_the_other_apostrophe_is_warned_of(tmp_path: Path) -> None:
    rows = ["id,officer,n", "1,O'Brien,1", "2,O\u2019Brien,1", "3,Smith,1"]
    r = one_table(tmp_path, rows, "{count: t, where: \"officer == 'O''Brien'\"}", "1")
    (said,) = _twins(r)
    assert "O\u2019Brien" in said, said


def test_one_answer_coded_several_ways_is_a_twin(tmp_path: Path) -> None:
    """`subject_injured` held yes, Y, 1 and no: "two in seven were injured" passed at 28.6% on the
    'yes' rows alone, where 4 of 7 said yes in one code or another (a walk of a police story)."""
    rows = ["id,injured", "1,yes", "2,yes", "3,Y", "4,1", "5,no", "6,no", "7,N"]
    r = one_table(tmp_path, rows, "{share: injured == 'yes', of: t}", "two in seven")
    (said,) = _twins(r)
    assert "also holds '1' (1 row) and 'Y' (1 row)" in said and "only in how the same yes or no is coded" in said, said
    r = one_table(tmp_path, rows, "{share: \"injured in ['yes', 'Y', '1']\", of: t}", "4 in 7")
    assert not _twins(r) and r.verdict == Verdict.PASS, (r.notes, r.message)


def test_a_school_year_written_two_ways_is_a_twin(tmp_path: Path) -> None:
    """'2021-22' and '2021-2022' are one school year: a total of '2021-22' left out the districts that
    wrote the other, and an extreme ranked them as two years (a walk of a schools story)."""
    rows = ["district,school_year,students", "A,2020-21,100", "B,2020-21,140", "A,2021-22,110", "B,2021-2022,60",
            "A,2022-23,90", "B,2022-23,80"]
    r = one_table(tmp_path, rows, "{sum: students, of: t, where: \"school_year == '2021-22'\"}", "110")
    (said,) = _twins(r)
    assert "also holds '2021-2022' (1 row), which differs from '2021-22' only in how a span of years is written" in said
    assert normal("2021-2022") == normal("2021/22") == normal("2021 – 22") == normal("2021-22")
    assert normal("2021-2023") != normal("2021-23")  # no school year: as written


@pytest.mark.parametrize("rows", [["id,grade", "1,A", "2,F", "3,N", "4,B"], ["id,sex", "1,M", "2,F", "3,N"]])
def test_letters_of_a_column_of_other_codes_are_no_yes_or_no(tmp_path: Path, rows: list[str]) -> None:
    """'F' and 'N' are grades (or sexes) in a column that holds other letters too: warned as one
    no, and an allowed list naming 'N' was refused because 'F' occurs."""
    column = rows[0].split(",")[1]
    r = one_table(tmp_path, rows, f"{{count: t, where: \"{column} == 'F'\"}}", "1",
                  decl=f"columns: {{{column}: {{type: text, allowed: [A, B, F, M, N, Z]}}}}")
    assert r.verdict == Verdict.PASS and not _twins(r), (r.message, r.notes)
    r = one_table(tmp_path, rows, f"{{count_distinct: {column}, of: t}}", str(len(rows) - 1))
    assert not _twins(r), r.notes


def test_a_ranking_or_count_says_how_its_twins_differ(tmp_path: Path) -> None:
    """`count_distinct` said "differ only in case or spacing" of apostrophe twins, advised
    lower(trim(...)), which joins none, and showed 'O''Brien' escaped (the second attack)."""
    rows = ["id,officer", "1,O'Brien", "2,O\u2019Brien", "3,Smith"]
    (said,) = _twins(one_table(tmp_path, rows, "{count_distinct: officer, of: t}", "3"))
    assert "differ only in the shape of an apostrophe: \"O'Brien\" and 'O\u2019Brien'" in said, said
    assert "lower(trim" not in said


def test_saint_and_its_abbreviation_are_twins(tmp_path: Path) -> None:
    """'St. Clair' and 'Saint Clair' are one county written by two exports: counting distinct
    counties took them for two, and a total of 'St. Louis' left out the 'Saint Louis' rows, without
    a word (a walk of a vaccination story)."""
    rows = ["id,county,n", "1,St. Clair,10", "2,Saint Clair,4", "3,St. Louis,7", "4,Saint Louis,5", "5,Ft. Worth,2",
            "6,Main St,1", "7,Main Street,1"]
    (said,) = _twins(one_table(tmp_path, rows, "{count_distinct: county, of: t}", "7"))
    assert "differ only in an abbreviation (St. for Saint, Ft. for Fort, Mt. for Mount)" in said, said
    assert "'Saint Clair' and 'St. Clair'; 'Saint Louis' and 'St. Louis'" in said, said
    assert "Main" not in said  # 'St' after a word is a street, and no twin of 'Street'

    r = one_table(tmp_path, rows, "{sum: n, of: t, where: \"county == 'St. Louis'\"}", "7")
    (said,) = _twins(r)
    assert "also holds 'Saint Louis' (1 row), which differs from 'St. Louis' only in an abbreviation" in said, said
    r = one_table(tmp_path, rows, "{sum: n, of: t, where: \"county in ['St. Louis', 'Saint Louis']\"}", "12")
    assert not _twins(r) and r.verdict == Verdict.PASS


@pytest.mark.parametrize(("one", "other"), [("St. Louis", "Saint Louis"), ("St Louis", "ST. LOUIS"),
                                            ("East St. Louis", "East Saint Louis"), ("Ste. Genevieve", "Sainte Genevieve"),
                                            ("Ft. Worth", "Fort Worth"), ("Mt. Vernon", "Mount Vernon")])
def test_place_abbreviations_read_as_their_words(one: str, other: str) -> None:
    assert normal(one) == normal(other)


@pytest.mark.parametrize(("one", "other"), [("Main St", "Main Street"), ("Main St.", "Main Saint"), ("5 ft", "5 fort"),
                                            ("St. 5", "Saint 5"), ("Stone", "Saintone"), ("Mt.", "Mount")])
def test_an_abbreviation_not_before_a_name_is_left_as_written(one: str, other: str) -> None:
    assert normal(one) != normal(other)


def test_an_allowed_list_naming_both_forms_says_they_differ(tmp_path: Path) -> None:
    """Saint John (New Brunswick) and St. John (the Virgin Islands) are two ports: an `allowed:` list
    naming both stopped the run when one had no rows this season ("the allowed value 'Saint John'
    never occurs, but 'St. John' does"), where any other allowed value may be empty (the attack)."""
    rows = ["id,port,passengers", "1,St. John,900", "2,Halifax,400"]
    r = one_table(tmp_path, rows, "{sum: passengers, of: t}", "1300",
                  decl="columns: {port: {type: text, allowed: [St. John, Saint John, Halifax]}}")
    assert r.verdict == Verdict.PASS, r.message


@pytest.mark.parametrize(("one", "other"), [("ST.LOUIS", "Saint Louis"), ("Ste-Genevieve", "Sainte Genevieve"),
                                            ("St-Louis", "Saint-Louis"), ("Fort-Worth", "Ft. Worth")])
def test_an_abbreviation_glued_to_its_name_is_read_as_its_word(one: str, other: str, tmp_path: Path) -> None:
    """'ST.LOUIS' of a legacy export and 'Ste-Genevieve' were no twins (the rule wanted a space)."""
    assert normal(one) == normal(other)
    rows = ["id,county,n", f"1,{one},1", f"2,{other},1", "3,Boone,1"]
    (said,) = _twins(one_table(tmp_path, rows, "{count_distinct: county, of: t}", "3"))
    assert "differ only in an abbreviation" in said, said


PORTS = ["id,port,passengers", "1,St. John,900", "2,Saint John,600", "3,Halifax,400", "4,St. John,100"]
BOTH_LISTED = "columns: {port: {type: text, allowed: [St. John, Saint John, Halifax]}}"


@pytest.mark.parametrize(("measure", "expect"), [
    ("{sum: passengers, of: t, where: \"port == 'St. John'\"}", "1000"),
    ("{top: port, of: t, by: {sum: passengers, of: t}}", "['St. John']"),
    ("{count_distinct: port, of: t}", "3"),
])
def test_an_allowed_list_naming_both_forms_silences_the_warning(tmp_path: Path, measure: str, expect: str) -> None:
    """The list that says St. John and Saint John are two ports no longer leaves both, with rows, warned
    of as one name spelt two ways (before: `spelling_variants` on each of these claims)."""
    r = one_table(tmp_path, PORTS, measure, expect, decl=BOTH_LISTED)
    assert r.verdict == Verdict.PASS, r.message
    assert not _twins(r)


@pytest.mark.parametrize(("measure", "expect"), [
    ("{sum: passengers, of: t, where: \"port == 'St. John'\"}", "1000"),
    ("{top: port, of: t, by: {sum: passengers, of: t}}", "['St. John']"),
])
@pytest.mark.parametrize("decl", ["", "columns: {port: {type: text}}"])
def test_without_the_list_naming_both_the_two_forms_still_warn(tmp_path: Path, measure: str, expect: str,
                                                                decl: str) -> None:
    """Neighbour: with no allowed list, St. John and Saint John may be one port written two ways."""
    r = one_table(tmp_path, PORTS, measure, expect, decl=decl)
    assert r.verdict == Verdict.PASS, r.message
    (said,) = _twins(r)
    assert "'Saint John'" in said and "an abbreviation" in said, said


@pytest.mark.parametrize(("measure", "expect"), [
    ("{sum: passengers, of: t, where: \"port == 'St. John'\"}", "1000"),
    ("{top: port, of: t, by: {sum: passengers, of: t}}", "['St. John']"),
])
def test_a_case_twin_beside_the_listed_forms_still_warns_alone(tmp_path: Path, measure: str, expect: str) -> None:
    """Neighbour: 'ST. JOHN' is St. John in capitals, whatever the list says: warned of, Saint John not."""
    r = one_table(tmp_path, PORTS + ["5,ST. JOHN,1"], measure, expect,
                  decl="columns: {port: {type: text, allowed: [St. John, ST. JOHN, Saint John, Halifax]}}")
    assert r.verdict == Verdict.PASS, r.message
    (said,) = _twins(r)
    assert "'ST. JOHN'" in said and "'Saint John'" not in said, said


def test_an_allowed_list_naming_a_name_in_two_cases_still_warns(tmp_path: Path) -> None:
    """Neighbour: 'japan' beside 'Japan' in the list is a spelling of the data listed, not two countries."""
    rows = ["id,country,n", "1,Japan,5", "2,japan,3", "3,Peru,1"]
    r = one_table(tmp_path, rows, "{sum: n, of: t, where: \"country == 'Japan'\"}", "5",
                  decl="columns: {country: {type: text, allowed: [Japan, japan, Peru]}}")
    (said,) = _twins(r)
    assert "'japan' (1 row)" in said
