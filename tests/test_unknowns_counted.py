"""A ratio of two counts whose numerator keeps rows by a condition some of the denominator's rows
cannot tell: "one in ten waited longer than six hours" passed at 10.5% as a ratio (blank waits
counted as short) and failed at 10.7% as the share of known waits, with nothing said of the
difference. The ratio now carries the note `unknowns_counted` (a hospital-waits walk)."""

from __future__ import annotations

from pathlib import Path

from conftest import one_table

from factcheck import NoteCode

ROWS = ["id,wait"] + [f"{i},{400 if i <= 10 else 60}" for i in range(1, 91)] + [f"{i}," for i in range(91, 101)]
RATIO = "{ratio: {numerator: {count: t, where: wait > 360}, denominator: {count: t}}}"


def test_a_ratio_says_how_many_rows_its_condition_could_not_tell(tmp_path: Path) -> None:
    r = one_table(tmp_path, ROWS, RATIO, "one in ten")
    assert r.value_text == "10%"
    (note,) = [n for n in r.notes if n.code == NoteCode.UNKNOWNS_COUNTED]
    assert note.message.startswith("10 rows the denominator counts have no value for the numerator's condition "
                                   "(wait > 360): the ratio counts them as not meeting it")
    share = one_table(tmp_path, ROWS, "{share: wait > 360, of: t}", "one in ten")
    assert share.value_text == "11.1%" and not [n for n in share.notes if n.code == NoteCode.UNKNOWNS_COUNTED]


def test_no_note_when_every_row_can_be_told(tmp_path: Path) -> None:
    rows = [r for r in ROWS if not r.endswith(",")]
    assert not [n for n in one_table(tmp_path, rows, RATIO, "1 in 9").notes if n.code == NoteCode.UNKNOWNS_COUNTED]
