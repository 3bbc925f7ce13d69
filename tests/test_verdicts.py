"""Each reason code and note, produced by a real claim on the mini data."""

from __future__ import annotations

import pytest
from conftest import one_claim

import factcheck
from factcheck import NoteCode, Reason, Verdict

FAILS = [
    ("{share: minor, of: victims}", "59%", Reason.OUT_OF_TOLERANCE, "stated 59%, computed 55.6%: 3.4 points low"),
    ("{change: {count: cases}, over: filed_year, from: 2019, to: 2020}", "down 10%", Reason.WRONG_DIRECTION,
     "stated down 10%, computed up 150%"),
    ("{share: sex == 'male', of: victims}", "a majority", Reason.QUALIFIER_CROSSED, "said a majority"),
    ("{share: minor, of: victims}", "nearly half", Reason.QUALIFIER_CROSSED, None),
    ("{extreme: {count: cases}, over: filed_year, at: 2019, is: lowest}", "true", Reason.WRONG_RANK, None),
    ("{top: platform, of: victims, n: 2}", "[Instagram, Facebook]", Reason.WRONG_VALUES, None),
]


@pytest.mark.parametrize("measure, expect, reason, message", FAILS)
def test_fail_reasons(mini, measure: str, expect: str, reason: Reason, message: str | None) -> None:
    r = factcheck.verify(mini(one_claim(measure, expect))).results[0]
    assert (r.verdict, r.reason) == (Verdict.FAIL, reason), r.message
    if message:
        assert message in r.message


def test_pass_has_no_reason_and_carries_the_expectation(mini) -> None:
    r = factcheck.verify(mini(one_claim("{share: minor, of: victims}", "56%"))).results[0]
    assert r.verdict == Verdict.PASS and r.reason is None
    assert r.expectation.meaning.startswith("rounds to 56%")
    assert (r.expectation.low, r.expectation.high) == (0.555, 0.565)


def test_fragile_flags_a_share_one_record_from_flipping(tmp_path) -> None:
    (tmp_path / "t.csv").write_text("a\n" + "\n".join(["y"] * 59 + ["n"] * 41) + "\n")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables: {t: {path: t.csv}}\nclaims:\n"
        "  - {id: f, says: s, measure: {share: \"a == 'y'\", of: t}, expect: 59%}\n"
        "  - {id: g, says: s, measure: {share: \"a == 'y'\", of: t}, expect: over half}\n")
    first, second = factcheck.verify(tmp_path / "c.yaml").results
    assert NoteCode.FRAGILE in [n.code for n in first.notes]      # 60/101 = 59.4%, 59/101 = 58.4%
    assert NoteCode.FRAGILE not in [n.code for n in second.notes]
    assert NoteCode.SMALL_BASE not in [n.code for n in first.notes]


def test_small_base_below_thirty_records(mini) -> None:
    r = factcheck.verify(mini(one_claim("{share: minor, of: victims}", "56%"))).results[0]
    small = [n for n in r.notes if n.code == NoteCode.SMALL_BASE]
    assert small and "9 records" in small[0].message


def test_a_claims_file_can_override_a_word_band(mini) -> None:
    """'about 50%' on a share of 5/9 (55.6%): outside the default ±5% band, inside a ±15% one."""
    from conftest import MINI_TABLES
    claim = one_claim("{share: minor, of: victims}", "about 50%")
    assert factcheck.verify(mini(claim)).results[0].verdict == Verdict.FAIL
    widened = MINI_TABLES + "vocabulary:\n  about: 15%\n"
    r = factcheck.verify(mini(claim, widened, name="wide.yaml")).results[0]
    assert r.verdict == Verdict.PASS and "42.5%" in r.expectation.meaning


def test_a_bad_vocabulary_override_is_a_located_error(mini) -> None:
    from conftest import MINI_TABLES

    from factcheck import ClaimsFileError
    with pytest.raises(ClaimsFileError) as info:
        factcheck.verify(mini(one_claim("{count: cases}", "10"), MINI_TABLES + "vocabulary:\n  abuot: 15%\n"))
    problem = info.value.problems[0]
    assert "vocabulary" in problem.message and problem.line is not None
