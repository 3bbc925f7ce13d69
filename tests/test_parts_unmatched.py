"""A ratio of two sums over the same rows (absences over students) where a row holds one part and
not the other: the numerator counts it and the denominator does not. A district's rate passed at
32.4%; over the rows holding both it is 16.7% (a walk of a schools story). Such a ratio carries the
warning ``parts_unmatched``. Constructed data."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

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
