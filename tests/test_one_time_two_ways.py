"""A text column that writes one time two ways ('2021-03-01 10:00' and '2021-03-01T10:00') holds two
groups; a period is matched by its time however it is written, so one group's figure replaced the
other's and the claim was judged on half of it ("down 4" where the file says down 9). Now refused,
naming both spellings and the way out; with the column declared a timestamp both read as one time."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factcheck
from factcheck.errors import ClaimsFileError
from factcheck.report import Verdict

ROWS = "stamp,n\n2021-03-01 10:00,5\n2021-03-01T10:00,7\n2021-03-02 10:00,3\n"
CLAIMS = """\
    version: 1
    tables:
      t: {{path: t.csv{columns}}}
    claims:
      - id: fell
        says: It fell by 9.
        expect: down 9
        measure: {{change: {{sum: n, of: t}}, over: stamp, from: '2021-03-01 10:00', to: '2021-03-02 10:00', as: absolute}}
      - id: most
        says: The most was at 10:00 on March 1, 12.
        expect: true
        measure: {{extreme: {{sum: n, of: t}}, over: stamp, at: '2021-03-01 10:00', is: highest}}
    """


def _write(tmp_path: Path, rows: str, columns: str = "") -> Path:
    (tmp_path / "t.csv").write_text(rows, encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text(textwrap.dedent(CLAIMS.format(columns=columns)), encoding="utf-8")
    return path


def test_one_time_written_two_ways_in_a_text_column_is_refused_not_halved(tmp_path: Path) -> None:
    path = _write(tmp_path, ROWS + "unknown,1\n")  # a word keeps the column text
    with pytest.raises(ClaimsFileError) as err:
        factcheck.verify(path)
    text = str(err.value)
    for claim, line in (("fell", 5), ("most", 9)):
        assert f"c.yaml:{line}: claim '{claim}'" in text
    assert "over: stamp writes one time two ways, '2021-03-01 10:00' and '2021-03-01T10:00'" in text
    assert "stamp: timestamp" in text


def test_declared_a_timestamp_the_two_spellings_are_one_time(tmp_path: Path) -> None:
    report = factcheck.verify(_write(tmp_path, ROWS, ", columns: {stamp: timestamp}"))
    fell, most = report.results
    assert (fell.verdict, fell.value) == (Verdict.PASS, -9), fell.message
    assert most.verdict is Verdict.PASS, most.message


def test_one_spelling_only_is_judged_as_before(tmp_path: Path) -> None:
    rows = "stamp,n\n2021-03-01 10:00,12\n2021-03-02 10:00,3\nunknown,1\n"
    fell, most = factcheck.verify(_write(tmp_path, rows)).results
    assert (fell.verdict, fell.value) == (Verdict.PASS, -9), fell.message
    assert most.verdict is Verdict.PASS, most.message
