"""A ratio of two sums over the same rows (absences over students) where a row holds one part and
not the other: the numerator counts it and the denominator does not. A district's rate passed at
32.4%; over the rows holding both it is 16.7% (a walk of a schools story). Such a ratio carries the
warning ``parts_unmatched``. Constructed data."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_table, record_statements

from factcheck.outcome import NoteCode, Verdict

ROWS = ["district,band,students,absent", "Harbor,elementary,,520", "Harbor,middle,1500,300",
        "Harbor,high,1800,250", "River,elementary,1200,200", "River,middle,,"]
RATE = ("{ratio: {numerator: {sum: absent, of: t, where: \"district == '%s'\"}, "
        "denominator: {sum: students, of: t, where: \"district == '%s'\"}}}")


def _warned(r) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in r.notes if n.code == NoteCode.PARTS_UNMATCHED and n.warning]


def test_a_row_with_one_part_of_a_ratio_is_a_warning(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, RATE % ("Harbor", "Harbor"), "32%")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == ["1 row has a value of absent and none of students: one part of the ratio counts it and "
                          "the other does not, so it mixes two sets of rows; leave it out of both (add students is "
                          "not null to the where of each), or fill in students"]


def test_rows_with_both_parts_or_neither_have_no_warning(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, RATE % ("River", "River"), "about 17%")
    assert r.verdict == Verdict.PASS and not _warned(r), r.notes  # River's middle row has neither
    where = "district == 'Harbor' and students is not null"
    r = one_table(tmp_path, ROWS, RATE.replace("district == '%s'", where), "about 17%")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)


def test_the_two_filters_are_compared_as_read_not_as_written(tmp_path: Path) -> None:
    """`district=='Harbor'` and `district == 'Harbor'` are one filter: the warning was missed when
    the two parts wrote it with other spacing."""
    rate = ("{ratio: {numerator: {sum: absent, of: t, where: \"district=='Harbor'\"}, "
            "denominator: {sum: students, of: t, where: \"district == 'Harbor'\"}}}")
    assert _warned(one_table(tmp_path, ROWS, rate, "32%"))


def test_a_part_above_its_whole_in_a_row_is_said_of_a_share(tmp_path: Path) -> None:
    """A school reported 51 vaccinated of 38 enrolled: the county's "vaccination rate" counted it, and
    ranked the county first (a walk of a vaccination story). Said only where the ratio is read as a
    share; a ratio read as a number (goals per game) has no whole."""
    rows = ["school,county,enrolled,vaccinated", "1,Boone,38,51", "2,Boone,100,90", "3,Adams,50,45"]
    rate = ("{ratio: {numerator: {sum: vaccinated, of: t, where: \"county == 'Boone'\"}, "
            "denominator: {sum: enrolled, of: t, where: \"county == 'Boone'\"}}}")
    r = one_table(tmp_path, rows, rate, "about 100%")
    assert _warned(r) == ["1 row has more vaccinated than enrolled: read as a share, the ratio counts a part above "
                          "its whole there; check that row in the data, or leave it out (where: … and vaccinated "
                          "<= enrolled)"]
    assert not _warned(one_table(tmp_path, rows, rate, "1.0"))  # a number: no whole to be above


def test_the_order_of_a_filters_parts_is_no_matter(tmp_path: Path) -> None:
    rows = ["district,yr,students,absent", "Harbor,2022,,520", "Harbor,2022,1500,300", "River,2022,100,10"]
    rate = ("{ratio: {numerator: {sum: absent, of: t, where: \"district == 'Harbor' and yr == 2022\"}, "
            "denominator: {sum: students, of: t, where: \"yr == 2022 and district == 'Harbor'\"}}}")
    assert _warned(one_table(tmp_path, rows, rate, "55%"))


# A ratio inside a series: a change, an extreme, `every` and `compare` read the ratio per period (or
# group); the warning was computed for a ratio on its own only, so a rate "up 5 points" passed on a
# year whose rows held absences and no students, without a word. Rates of district H by year:
# 2019 17% (a row without students), 2020 15% (a row without students), 2021 20%, 2022 6.3% (a row
# without absences).
SERIES = ["yr,students,absent", "2019,,5", "2019,500,80", "2020,1000,100", "2020,,50", "2021,1000,200",
          "2022,900,", "2022,1000,120"]
MATCHED = ["yr,students,absent", "2019,500,90", "2020,1000,150", "2021,1000,200", "2022,1000,120"]
BLANK_2019 = ["yr,students,absent", "2019,,40", "2019,500,90", "2020,1000,150", "2021,1000,200", "2022,1000,120"]
RATE_ = "{ratio: {numerator: {sum: absent, of: t}, denominator: {sum: students, of: t}}}"
NO_STUDENTS = ("{n} {verb} a value of absent and none of students: one part of the ratio counts {it} and the other "
               "does not, so it mixes two sets of rows; leave {it} out of both (add students is not null to the "
               "where of each), or fill in students")


def _no_students(at: str, n: int = 1) -> str:
    return f"{at}: " + NO_STUDENTS.format(n=f"{n} row{'s' if n != 1 else ''}", verb="has" if n == 1 else "have",
                                          it="it" if n == 1 else "them")


def test_a_change_of_a_ratio_warns_of_the_periods_it_reads(tmp_path: Path) -> None:
    change = f"{{change: {RATE_}, over: yr, from: 2020, to: 2021, as: points}}"
    r = one_table(tmp_path, SERIES, change, "up 5 points", decl="time: yr")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == [_no_students("at 2020")]  # 2019's row is no matter of this change
    r = one_table(tmp_path, SERIES, change.replace("to: 2021", "to: 2022"), "down 8.7 points", decl="time: yr")
    assert _warned(r) == [_no_students("at 2020"),
                          "at 2022: 1 row has a value of students and none of absent: one part of the ratio counts "
                          "it and the other does not, so it mixes two sets of rows; leave it out of both (add absent "
                          "is not null to the where of each), or fill in absent"], r.notes


def test_a_change_of_a_ratio_with_parts_matched_has_no_warning(tmp_path: Path) -> None:
    change = f"{{change: {RATE_}, over: yr, from: 2020, to: 2021, as: points}}"
    for rows in (MATCHED, BLANK_2019):  # all matched; or unmatched at a period the change does not read
        r = one_table(tmp_path, rows, change, "up 5 points", decl="time: yr")
        assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)


def test_an_extreme_of_a_ratio_warns_of_its_window(tmp_path: Path) -> None:
    record = f"{{extreme: {RATE_}, over: yr, at: 2021, is: highest}}"
    r = one_table(tmp_path, SERIES, record, "true", decl="time: yr")
    assert r.verdict == Verdict.PASS, r.message
    said = _warned(r)  # on record: every period counts, 2019's and 2022's too
    assert said[0] == _no_students("at 2019 and 2020", 2) and said[1].startswith("at 2022: 1 row has a value of "
                                                                                 "students"), said
    r = one_table(tmp_path, MATCHED, record, "true", decl="time: yr")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)
    lowest = f"{{extreme: {RATE_}, over: yr, at: 2022, is: lowest, record_from: 2021}}"
    r = one_table(tmp_path, SERIES, lowest, "true", decl="time: yr")
    assert r.verdict == Verdict.PASS, r.message
    assert [s.split(":")[0] for s in _warned(r)] == ["at 2022"], r.notes  # the record from 2021 on


def test_an_extreme_since_a_period_warns_of_the_periods_from_it(tmp_path: Path) -> None:
    """"The highest since 2018": 2018 to 2021 are read, 2017 is not."""
    rows = ["yr,students,absent", "2017,,1", "2017,100,50", "2018,,5", "2018,100,30", "2019,100,10", "2020,100,20",
            "2020,,3", "2021,100,25"]
    since = f"{{extreme: {RATE_}, over: yr, at: 2021, since: 2018, is: highest}}"
    r = one_table(tmp_path, rows, since, "true", decl="time: yr")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == [_no_students("at 2018 and 2020", 2)], r.notes
    matched = [row for row in rows if row not in ("2018,,5", "2020,,3")]
    r = one_table(tmp_path, matched, since, "true", decl="time: yr")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)  # 2017's row is no matter


def test_every_period_of_a_ratio_warns_of_those_with_unmatched_rows(tmp_path: Path) -> None:
    every = f"{{every: {RATE_}, over: yr, from: 2020, to: 2021}}"
    r = one_table(tmp_path, SERIES, every, "more than 10%", decl="time: yr")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == [_no_students("at 2020")], r.notes
    for rows in (MATCHED, BLANK_2019):
        r = one_table(tmp_path, rows, every, "more than 10%", decl="time: yr")
        assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)


def test_compare_of_a_ratio_warns_of_the_groups_with_unmatched_rows(tmp_path: Path) -> None:
    compare = f"{{compare: {RATE_}, by: yr, a: 2021, b: 2020, as: points}}"
    r = one_table(tmp_path, SERIES, compare, "up 5 points")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == [_no_students("for 2020")], r.notes
    for rows in (MATCHED, BLANK_2019):
        r = one_table(tmp_path, rows, compare, "up 5 points")
        assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)
    two = ("{compare: {ratio: {numerator: {sum: absent, of: t, where: yr == 2021}, denominator: {sum: students, of: "
           "t, where: yr == 2021}}}, with: {ratio: {numerator: {sum: absent, of: t, where: yr == 2020}, denominator: "
           "{sum: students, of: t, where: yr == 2020}}}, as: points}")
    assert _warned(one_table(tmp_path, SERIES, two, "up 5 points")) == [_no_students("in the second figure")]
    assert not _warned(one_table(tmp_path, MATCHED, two, "up 5 points"))


def test_a_part_above_its_whole_in_a_series_is_said_where_the_ratio_is_a_share(tmp_path: Path) -> None:
    """51 vaccinated of 38 enrolled in 2021: a change in points (of shares) says so; a change in
    percent of a ratio that is no share (goals per game) has no whole to be above."""
    rows = ["yr,enrolled,vaccinated", "2020,100,80", "2021,38,51", "2021,100,80"]
    rate = "{ratio: {numerator: {sum: vaccinated, of: t}, denominator: {sum: enrolled, of: t}}}"
    r = one_table(tmp_path, rows, f"{{change: {rate}, over: yr, from: 2020, to: 2021, as: points}}", "up 14 points",
                  decl="time: yr")
    assert _warned(r) == ["at 2021: 1 row has more vaccinated than enrolled: read as a share, the ratio counts a "
                          "part above its whole there; check that row in the data, or leave it out (where: … and "
                          "vaccinated <= enrolled)"], r.notes
    r = one_table(tmp_path, rows, f"{{change: {rate}, over: yr, from: 2020, to: 2021}}", "up 19%", decl="time: yr")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)
    every = f"{{every: {rate}, over: yr, from: 2020, to: 2021}}"
    assert _warned(one_table(tmp_path, rows, every, "more than 70%", decl="time: yr"))  # a share, as written
    assert not _warned(one_table(tmp_path, rows, every, "more than 0.7", decl="time: yr"))


def test_every_asks_its_periods_in_one_query_not_one_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each period's ratio asked its own (four years: four scans of the table); one grouped by the
    period now answers them all. `compare … by:` asks its two groups in one too."""
    asked = record_statements(monkeypatch)
    r = one_table(tmp_path, SERIES, f"{{every: {RATE_}, over: yr, from: 2019, to: 2022}}", "more than 5%",
                  decl="time: yr")
    assert [s.split(":")[0] for s in _warned(r)] == ["at 2019 and 2020", "at 2022"], r.notes
    assert len([q for q in asked if ") >= 0)" in q]) == 1, asked
    asked.clear()
    r = one_table(tmp_path, SERIES, f"{{compare: {RATE_}, by: yr, a: 2021, b: 2020, as: points}}", "up 5 points")
    assert _warned(r) and len([q for q in asked if ") >= 0)" in q]) == 1, asked


def test_a_row_in_several_periods_is_not_counted_twice(tmp_path: Path) -> None:
    """`every` over a span puts a case open from 2015 to 2016 in both years: said of each year, not
    as "2 rows" of the two together; so of two measures compared (`with:`), which may share rows."""
    rows = ["opened,closed,students,absent", "2015,2016,,10", "2015,,100,20", "2016,2016,100,30"]
    every = f"{{every: {RATE_}, over: {{start: opened, end: closed}}, from: 2015, to: 2016}}"
    r = one_table(tmp_path, rows, every, "more than 10%")
    assert r.verdict == Verdict.PASS, r.message
    assert _warned(r) == [_no_students("at 2015"), _no_students("at 2016")], r.notes
    two = ("{compare: {ratio: {numerator: {sum: absent, of: t, where: opened == 2015}, denominator: {sum: students, "
           "of: t, where: opened == 2015}}}, with: {ratio: {numerator: {sum: absent, of: t, where: opened >= 2015}, "
           "denominator: {sum: students, of: t, where: opened >= 2015}}}, as: points}")
    r = one_table(tmp_path, rows, two, "up 5 points")
    assert _warned(r) == [_no_students("in the first figure"), _no_students("in the second figure")], r.notes
    r = one_table(tmp_path, [row for row in rows if row != "2015,2016,,10"], every, "more than 10%")
    assert r.verdict == Verdict.PASS and not _warned(r), (r.message, r.notes)


def test_compare_by_a_column_of_a_lookup_is_asked_too(tmp_path: Path) -> None:
    """`compare … by: sc.district` grouped the ratio's rows by a lookup's column without joining the
    lookup: the query failed, was taken for "nothing found", and Harbor's rate of mixed rows
    passed "2.5 points below River's" unsaid (the attack on the first version)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "t.csv").write_text("id,school,students,absent\n1,S1,100,10\n2,S1,,5\n3,S2,100,20\n4,S3,100,15\n")
    (tmp_path / "s.csv").write_text("school,district\nS1,Harbor\nS2,River\nS3,River\n")
    (tmp_path / "c.yaml").write_text(
        "tables:\n  s: {path: s.csv, key: school}\n  t: {path: t.csv, key: id, lookup: {sc: s via school}}\n"
        "claims:\n  - id: c\n    says: Harbor's rate was 2.5 points below River's.\n    measure:\n"
        "      compare: {ratio: {numerator: {sum: absent, of: t}, denominator: {sum: students, of: t}}}\n"
        "      by: sc.district\n      a: Harbor\n      b: River\n      as: points\n    expect: down 2.5 points\n")
    import factcheck
    (r,) = factcheck.verify(tmp_path / "c.yaml").results
    assert _warned(r) and any("for Harbor: 1 row has a value of absent and none of students" in n.message
                              for n in r.notes), r.notes


def test_an_extreme_over_categories_names_them_for_not_at(tmp_path: Path) -> None:
    """"at South" read as a period; `compare` said "for South" of the same rows (the attack)."""
    rows = ["id,hospital,students,absent", "1,South,100,30", "2,South,,5", "3,East,100,20", "4,North,100,10"]
    rate = "{ratio: {numerator: {sum: absent, of: t}, denominator: {sum: students, of: t}}}"
    r = one_table(tmp_path, rows, f"{{extreme: {rate}, over: hospital, at: South, is: highest}}", "true")
    assert any(m.startswith("for South: 1 row has a value of absent") for m in _warned(r)), r.notes
