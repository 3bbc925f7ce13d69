"""A filter that says "not" over a column with blanks: ``is_refund != 'Y'`` is unknown for a blank
flag, so SQL leaves the row out, and "the total excluding refunds" silently lacked every
contribution whose flag was left empty. Such a claim carries the warning ``filter_unknown``.
Constructed data: six contributions, one refund flagged Y, one flagged N, four left blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table, record_statements

from factcheck.outcome import NoteCode, Verdict

ROWS = ["id,amount,is_refund,kind", "1,100,N,cash", "2,200,,check", "3,5000,,check", "4,5000,,cash",
        "5,50,,", "6,-500,Y,cash"]


def _warned(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN and n.warning]


@pytest.mark.parametrize(("measure", "expect"), [
    ("{sum: amount, of: t, where: \"is_refund != 'Y'\"}", "100"),
    ("{count: t, where: \"is_refund not in ['Y']\"}", "1"),
    ("{count: t, where: \"not (is_refund == 'Y')\"}", "1"),
    ("{count: t, where: kept}", "1"),  # through a derive
])
def test_a_negation_over_blanks_is_a_warning(tmp_path: Path, measure: str, expect: str) -> None:
    r = one_table(tmp_path, ROWS, measure, expect, decl="derive: {kept: is_refund != 'Y'}")
    assert r.verdict == Verdict.PASS, r.message  # the figure SQL gives, with the warning beside it
    (said,) = _warned(r)
    assert said.startswith("the filter leaves out 4 rows it cannot tell: is_refund is blank there")
    assert "is_refund is null or" in said and "blank:" in said


def test_no_warning_without_a_negation_or_without_blanks(tmp_path: Path) -> None:
    assert not _warned(one_table(tmp_path, ROWS, "{count: t, where: \"is_refund == 'N'\"}", "1"))
    r = one_table(tmp_path, ROWS, "{count: t, where: \"kind != 'cash' and is_refund is null\"}", "2")
    assert _warned(r)[0].startswith("the filter leaves out 1 row it cannot tell: kind is blank there")  # row 5
    r = one_table(tmp_path, ROWS, "{count: t, where: \"kind != 'cash' and amount > 60\"}", "2")
    assert not _warned(r)  # row 5, of 50, is out whatever its kind
    clean = [row.replace(",,", ",N,") for row in ROWS]
    assert not _warned(one_table(tmp_path, clean, "{count: t, where: \"is_refund != 'Y'\"}", "5"))


def test_saying_what_a_blank_means_counts_the_rows(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, "{sum: amount, of: t, where: \"is_refund != 'Y'\"}", "10,350",
                  decl="columns: {is_refund: {type: text, blank: N}}")
    assert r.verdict == Verdict.PASS and not _warned(r), r.message
    r = one_table(tmp_path, ROWS, "{sum: amount, of: t, where: \"is_refund is null or is_refund != 'Y'\"}", "10,350")
    assert r.verdict == Verdict.PASS and not _warned(r), r.message


def test_a_period_over_blank_dates_is_a_note(tmp_path: Path) -> None:
    """"There were 3 incidents in 2020" said nothing of the incident with no date, which may be of
    2020 (a walk of a police story). A note, not a warning: a filter on a period cannot but leave
    it out."""
    rows = ["id,occurred_on", "1,2020-01-05", "2,2020-03-01", "3,2020-07-09", "4,", "5,2021-02-02"]
    r = one_table(tmp_path, rows, "{count: t, where: yr == 2020}", "3", decl="derive: {yr: year(occurred_on)}")
    found = [n for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN]
    assert [(n.warning, n.message.split(":")[0]) for n in found] == [
        (False, "1 row left out because occurred_on is blank there")], r.notes
    full = [row if row != "4," else "4,2019-01-01" for row in rows]
    r = one_table(tmp_path, full, "{count: t, where: yr == 2020}", "3", decl="derive: {yr: year(occurred_on)}")
    assert not [n for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN]


def test_a_blank_elsewhere_in_the_filter_is_no_matter_of_the_negation(tmp_path: Path) -> None:
    """`is_refund != 'N' and amount > 60`: a blank amount makes the filter unknown, not the flag; the
    warning said "is_refund is blank there" of rows whose flag was filled in."""
    rows = ["id,amount,is_refund", "1,100,N", "2,,Y", "3,500,Y", "4,30,"]  # row 4: a blank flag, out anyway
    r = one_table(tmp_path, rows, "{count: t, where: \"is_refund != 'N' and amount > 60\"}", "1")
    assert not _warned(r), r.notes


def test_a_negation_and_a_period_each_say_their_own(tmp_path: Path) -> None:
    """`kind != 'check' and year(d) == 2020`: the undated row's note was dropped because the filter
    also held a negation (the attack on this session's changes)."""
    rows = ["id,kind,d", "1,cash,2020-01-05", "2,cash,", "3,check,2020-02-01"]
    r = one_table(tmp_path, rows, "{count: t, where: \"kind != 'check' and year(d) == 2020\"}", "1")
    assert [n.message.split(":")[0] for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN] == [
        "1 row left out because d is blank there"], r.notes


def test_a_lookups_blank_says_its_table_and_leaves_unmatched_keys_to_unmatched_lookup(tmp_path: Path) -> None:
    """Through a lookup the advice named no table (and quoted the column), and the rows whose key the
    lookup does not find were counted here too, where no `blank:` can help."""
    from conftest import verify_one
    (tmp_path / "c.csv").write_text("id,donor_id,amount\n1,D1,100\n2,D2,50\n3,D9,70\n")
    (tmp_path / "d.csv").write_text("donor_id,pac\nD1,Y\nD2,\n")
    r = verify_one(tmp_path, """\
        c: {path: c.csv, key: id, lookup: {donor: d via donor_id}}
        d: {path: d.csv, key: donor_id}
        """, "{sum: amount, of: c, where: \"donor.pac != 'Y'\"}", "0")
    (said,) = _warned(r)
    assert said.startswith("the filter leaves out 1 row it cannot tell: donor.pac is blank there")  # D2, not D9
    assert "(columns: {pac: {type: text, blank: …}} under table 'd')" in said
    assert [n for n in r.notes if n.code == NoteCode.UNMATCHED_LOOKUP]  # D9 is said there


def test_no_warning_from_the_periods_a_change_does_not_read(tmp_path: Path) -> None:
    """The blank flags were all of 2012: a change from 2020 to 2021 was warned of them (the second
    attack on this session's changes)."""
    rows = ["id,year,flag", "1,2012,", "2,2012,", "3,2020,N", "4,2021,N", "5,2021,N", "6,2021,Y"]
    r = one_table(tmp_path, rows, "{change: {count: t, where: \"flag != 'Y'\"}, over: year, from: 2020, to: 2021}",
                  "up 100%", decl="time: year")
    assert not _warned(r), r.notes


def test_a_number_or_a_date_gets_no_blank_advice_it_could_not_take(tmp_path: Path) -> None:
    """`columns: {amount: {type: text, blank: …}}` was advised for a column of numbers, and taken
    it stopped the run; and `year(d) != 2020` had the warning and the undated note of one row."""
    rows = ["id,amount,d", "1,50,2020-01-01", "2,,2021-03-03", "3,70,"]
    r = one_table(tmp_path, rows, "{count: t, where: \"amount not between 60 and 90\"}", "1")
    (said,) = _warned(r)
    assert "blank:" not in said and "(amount is null or …)" in said
    r = one_table(tmp_path, rows, "{count: t, where: \"year(d) != 2020\"}", "1")
    assert len([n for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN]) == 1, r.notes


def test_a_blank_in_a_period_a_change_reads_is_a_warning(tmp_path: Path) -> None:
    """A figure per period was never asked (for fear of the periods it does not read, above): a blank
    flag in 2021 left a change from 2020 to 2021 without a word. Now asked of its two periods."""
    rows = ["id,year,flag", "1,2012,", "2,2012,", "3,2020,N", "4,2021,N", "5,2021,N", "6,2021,Y", "7,2021,"]
    change = "{change: {count: t, where: \"flag != 'Y'\"}, over: year, from: 2020, to: 2021}"
    r = one_table(tmp_path, rows, change, "up 100%", decl="time: year")
    assert r.verdict == Verdict.PASS, r.message
    (said,) = _warned(r)
    assert said.startswith("at 2021: the filter leaves out 1 row it cannot tell: flag is blank there"), said
    r = one_table(tmp_path, rows, change.replace("from: 2020", "from: 2012"), "up 100%", decl="time: year")
    assert [s.split(": the filter")[0] for s in _warned(r)] == ["at 2012 and 2021"], r.notes  # 3 rows in all
    assert "leaves out 3 rows" in _warned(r)[0]


def test_an_extreme_is_asked_of_its_window(tmp_path: Path) -> None:
    """"The most since 2020" reads 2020 and 2021: a blank flag of 2012 is no matter, one of 2020 is."""
    rows = ["id,year,flag", "1,2012,", "2,2012,N", "3,2020,N", "4,2021,N", "5,2021,N", "6,2021,Y"]
    extreme = "{extreme: {count: t, where: \"flag != 'Y'\"}, over: year, at: 2021, since: 2020, is: highest}"
    r = one_table(tmp_path, rows, extreme, "false", decl="time: year")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)
    rows.append("7,2020,")
    r = one_table(tmp_path, rows, extreme, "false", decl="time: year")
    assert [s.split(":")[0] for s in _warned(r)] == ["at 2020"], r.notes
    record = "{extreme: {count: t, where: \"flag != 'Y'\"}, over: year, at: 2021, is: highest}"
    r = one_table(tmp_path, rows, record, "true", decl="time: year")  # on record: every period is read
    assert [s.split(":")[0] for s in _warned(r)] == ["at 2012 and 2020"], r.notes


def test_a_rising_run_is_still_not_asked(tmp_path: Path) -> None:
    """The run of a `rising` is known only once it is computed: no warning of its rows, as before."""
    rows = ["id,year,flag", "1,2019,N", "2,2020,N", "3,2020,N", "4,2021,N", "5,2021,N", "6,2021,N", "7,2021,", "8,2021,Y"]
    r = one_table(tmp_path, rows, "{rising: {count: t, where: \"flag != 'Y'\"}, over: year, to: 2021}", "2",
                  decl="time: year")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)


def test_a_rising_run_since_a_period_is_asked_of_its_periods(tmp_path: Path) -> None:
    """With `since:` the periods are known before it runs: two blank flags in 2018 turn "rose every
    year since 2018" (3 → 2 counted with them), and the change over the same years warned while the
    run did not (the attack). A blank before `since` is none of its business."""
    rows = ["id,yr,refund", "1,2018,N", "2,2018,", "3,2018,", "4,2019,N", "5,2019,N", "6,2020,N", "7,2020,N",
            "8,2020,N", "9,2017,", "10,2016,Y"]
    r = one_table(tmp_path, rows, "{rising: {count: t, where: \"refund != 'Y'\"}, over: yr, since: 2018}", "true",
                  decl="time: yr")
    assert [m for m in _warned(r) if m.startswith("at 2018: the filter leaves out 2 rows")], r.notes
    assert not [m for m in _warned(r) if "2017" in m], r.notes


def test_claims_reading_other_periods_of_one_filter_share_one_query(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Two changes and an extreme over one filter: the rows it cannot tell are counted per period
    once, and each claim is told of its own periods only."""
    import factcheck
    asked = record_statements(monkeypatch)
    (tmp_path / "t.csv").write_text("id,year,flag\n1,2012,\n2,2012,N\n3,2020,N\n4,2021,N\n5,2021,N\n6,2021,Y\n"
                                    "7,2021,\n")
    measure = "{count: t, where: \"flag != 'Y'\"}"
    claims = [("a", f"{{change: {measure}, over: year, from: 2020, to: 2021}}", "up 100%"),
              ("b", f"{{change: {measure}, over: year, from: 2012, to: 2020}}", "no change"),
              ("c", f"{{extreme: {measure}, over: year, at: 2021, since: 2020, is: highest}}", "false")]
    (tmp_path / "c.yaml").write_text("version: 1\ntables:\n  t: {path: t.csv, time: year}\nclaims:\n" + "".join(
        f"  - id: {i}\n    says: a sentence\n    measure: {m}\n    expect: {e}\n" for i, m, e in claims))
    results = factcheck.verify(tmp_path / "c.yaml").results
    assert [[s.split(":")[0] for s in _warned(r)] for r in results] == [["at 2021"], ["at 2012"], ["at 2021"]]
    assert len([q for q in asked if "IS NULL\nGROUP BY 1" in q]) == 1, asked


TWO_TABLES = """version: 1
tables:
  t: {path: t.csv, derive: {yr: year(d)}}
  u: {path: u.csv}
claims:
  - {id: a, says: s, measure: {count: t, where: "is_refund != 'Y'"}, expect: "2"}
  - {id: b, says: s, measure: {sum: amount, of: t, where: "kind != 'cash'"}, expect: "5,200"}
  - {id: c, says: s, measure: {count: t, where: "yr == 2020"}, expect: "3"}
  - {id: d, says: s, measure: {count: u, where: "not flagged"}, expect: "1"}
  - {id: e, says: s, measure: {count: u, where: "flagged"}, expect: "1"}
"""


def _two_tables(folder: Path) -> Path:
    (folder / "t.csv").write_text("id,amount,is_refund,kind,d\n1,100,N,cash,2020-01-02\n2,200,,check,2020-02-03\n"
                                  "3,5000,,check,\n4,5000,,cash,2020-04-05\n5,50,,,2021-01-01\n6,-500,Y,cash,\n")
    (folder / "u.csv").write_text("id,flagged\n1,true\n2,false\n3,\n")
    (folder / "c.yaml").write_text(TWO_TABLES)
    return folder / "c.yaml"


def _notes_by_claim(report) -> dict[str, list[tuple[bool, str]]]:  # type: ignore[no-untyped-def]
    return {r.id: [(n.warning, n.message) for n in r.notes if n.code == NoteCode.FILTER_UNKNOWN]
            for r in report.results}


def test_the_filters_of_whole_figures_are_asked_in_two_statements(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Which columns hold blanks, for every table, is one statement; the rows each filter cannot
    tell, for every filter, another (the story: 17 statements became 2). The notes are those each
    claim gets when it is checked alone."""
    import factcheck
    claims = _two_tables(tmp_path)
    alone = {}
    for claim in "abcde":
        alone.update(_notes_by_claim(factcheck.verify(claims, only=[claim])))
    asked = record_statements(monkeypatch)
    together = _notes_by_claim(factcheck.verify(claims))
    assert together == alone
    assert [k for k, v in together.items() if v] == ["a", "b", "c", "d"]
    assert together["c"] == [(False, "2 rows left out because d is blank there: they may fall in the period the "
                                     "filter names, which cannot tell; fill in the dates, or say how many are "
                                     "undated when you report the figure")]
    blanks = [s for s in asked if "count(*) - count(" in s]
    counts = [s for s in asked if ") IS NULL AND (" in s]
    assert len(blanks) == 1 and len(counts) == 1, asked
    assert '"t"' in blanks[0] and '"u"' in blanks[0] and '"t"' in counts[0] and '"u"' in counts[0]


def test_when_the_statement_of_every_filter_fails_each_is_asked_alone(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """One filter whose count fails would take every other filter's note with it: each is then
    asked alone, and only the one that fails goes without."""
    import factcheck
    from factcheck.backends.duckdb import DuckDB
    claims = _two_tables(tmp_path)
    expected = _notes_by_claim(factcheck.verify(claims))
    execute = DuckDB.execute

    def failing(self: DuckDB, sql: str) -> object:
        if sql.startswith("SELECT * FROM (SELECT ") or ("\"kind\" IS NULL" in sql and "WHERE" in sql.split("\n")[-1]):
            raise RuntimeError("Conversion Error: a filter that fails")
        return execute(self, sql)

    monkeypatch.setattr(DuckDB, "execute", failing)
    got = _notes_by_claim(factcheck.verify(claims))
    assert expected["b"] and got == {**expected, "b": []}  # b's count fails alone too; the others keep theirs
