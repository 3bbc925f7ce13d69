"""`suggest` on a share of two values named side by side: "the Bronx and Brooklyn accounted for 60%"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

EVICTIONS = Path(__file__).resolve().parent / "fixtures" / "evictions"
runner = CliRunner()


def _claim(folder: Path, says: str, expect: str) -> dict[str, Any]:
    shutil.copy(EVICTIONS / "filings.csv", folder / "filings.csv")
    (folder / "claims.yaml").write_text(
        "version: 1\ntitle: Unions\ntables:\n"
        "  filings: {path: filings.csv, key: filing_id, derive: {filed_on_year: year(filed_on)}}\n"
        f"claims:\n  - id: c\n    says: {json.dumps(says)}\n    expect: {json.dumps(expect)}\n", encoding="utf-8")
    got = runner.invoke(app, ["suggest", str(folder / "claims.yaml"), "--json", "-"])
    assert got.exit_code == 0, got.output
    return json.loads(got.stdout)["claims"][0]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("says", "expect"), [
    ("The Bronx and Brooklyn accounted for 60% of filings in 2024.", "60%"),
    ("Three in five filings in 2024 were in the Bronx or Brooklyn.", "Three in five"),
])
def test_a_share_of_two_values_named_side_by_side_keeps_the_rows_of_either(tmp_path: Path, says: str,
                                                                             expect: str) -> None:
    """917 filings in the Bronx and 430 in Brooklyn of 2,240 in 2024: 60.1%. Before, the share of
    the Bronx alone (40.9%) was shown as the sentence's reading, and the figure as wrong."""
    claim = _claim(tmp_path, says, expect)
    first = claim["candidates"][0]
    assert first["measure"] == {"share": "borough in ['Bronx', 'Brooklyn']", "of": "filings",
                                "where": "filed_on_year == 2024"}
    assert first["verdict"] == "pass" and "reading" not in claim


def test_two_values_not_side_by_side_are_no_union(tmp_path: Path) -> None:
    """"far more than Brooklyn" names Brooklyn to compare with, not to count."""
    claim = _claim(tmp_path, "The Bronx accounted for 41% of filings in 2024, far more than Brooklyn.", "41%")
    assert claim["candidates"][0]["measure"] == {"share": "borough == 'Bronx'", "of": "filings",
                                                 "where": "filed_on_year == 2024"}
    assert not any(" in [" in c["measure"]["share"] for c in [*claim["candidates"], *claim["misses"]])
