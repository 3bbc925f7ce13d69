"""Walk finding F15 on the overtime fixture: "$8,000" for the Detectives' median of $8,017.50 fails by the
documented rule (trailing zeros count as stated: "$8,000" is read to the dollar), and the failure says
so and what to write; the form it proposes, and "about $8,000", pass. The reading is the rule's, not a
misreading of "$8,000": a figure written to the thousand is exact to the unit unless the claim says
otherwise (docs/tolerance-words.md, Stated precision)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import factcheck

FIXTURE = Path(__file__).parent / "fixtures" / "overtime"
MEDIAN = "{median: overtime_pay, of: units, where: \"unit == 'Detectives'\"}"


def _run(tmp_path: Path, expect: str) -> factcheck.ClaimResult:
    shutil.copy(FIXTURE / "units.csv", tmp_path / "units.csv")
    (tmp_path / "c.yaml").write_text(
        "version: 1\ntables:\n  units: {path: units.csv, key: officer_id, columns: {officer_id: {type: text}}}\n"
        "claims:\n  - id: det\n    says: The Detectives' median overtime was $8,000 in 2024.\n"
        f"    measure: {MEDIAN}\n    expect: {expect}\n", encoding="utf-8")
    return factcheck.verify(tmp_path / "c.yaml").results[0]


def test_a_median_rounded_to_the_thousand_fails_saying_what_to_write(tmp_path: Path) -> None:
    r = _run(tmp_path, "$8,000")
    assert r.verdict.value == "fail" and r.reason is not None and r.reason.value == "out_of_tolerance"
    assert r.message is not None and r.message.endswith(
        "$8,000 is read to the dollar, as written (trailing zeros count as stated); if the story rounds to "
        "the nearest thousand, write expect: {value: 8000, within: 500}")


@pytest.mark.parametrize("expect", ["'{value: 8000, within: 500}'", "about $8,000", "$8,017.50", "$8.0k"])
def test_the_forms_that_say_the_rounding_pass(tmp_path: Path, expect: str) -> None:
    written = expect.strip("'")
    r = _run(tmp_path, written)
    assert r.verdict.value == "pass", r.message
