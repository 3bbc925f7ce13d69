"""`suggest` on the procurement story (tests/fixtures/procurement), and benchmarks/suggest_hits.py on
every shipped claims file: the computations the walk of that story found missing from the search."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HITS = ROOT / "benchmarks" / "suggest_hits.py"


@pytest.mark.parametrize("fixture", ["complaints", "overtime"])
def test_the_hit_rates_of_a_file_without_measures_say_why_there_are_none(fixture: str) -> None:
    """Their claims say a figure and expect it but write no measure: the script divided 0 hits by 0
    claims (ZeroDivisionError). It says there is nothing to compare with."""
    proc = subprocess.run([sys.executable, str(HITS), str(ROOT / "tests" / "fixtures" / fixture / "claims.yaml")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["claims"] == 0 and "writes a measure" in result["nothing_to_measure"]
