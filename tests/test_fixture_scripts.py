"""The scripts that made the constructed data write nothing when imported.

pytest imports every module under tests/ (``--doctest-modules``), fixture generators too:
tests/fixtures/er/generate.py wrote visits.csv and hospitals.csv into the folder the suite
ran from, so every test run left two files in the repository.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted([*ROOT.glob("tests/fixtures/**/*.py"), *ROOT.glob("data/*.py")])


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_importing_a_data_script_writes_nothing(script: Path, tmp_path: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in script.parent.iterdir()}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        runpy.run_path(str(script), run_name="imported")  # as an import: not as __main__
    finally:
        os.chdir(cwd)
    assert list(tmp_path.iterdir()) == []
    assert {p: p.stat().st_mtime_ns for p in script.parent.iterdir()} == before


def test_there_are_data_scripts_to_check() -> None:
    assert ROOT / "tests" / "fixtures" / "er" / "generate.py" in SCRIPTS and ROOT / "data" / "generate.py" in SCRIPTS


@pytest.mark.parametrize("story", ["er", "evictions", "overdoses", "stops", "overtime", "air", "prisons", "election",
                                   "procurement", "schools_messy"])
def test_a_constructed_story_is_what_its_script_writes(story: str, tmp_path: Path) -> None:
    """The data of a constructed story is made by its seeded script, and by nothing else: run
    again, it writes the very files in the repository."""
    folder = ROOT / "tests" / "fixtures" / story
    [script] = folder.glob("generate*.py")
    runpy.run_path(str(script), run_name="imported")["main"](tmp_path)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written and all((tmp_path / name).read_bytes() == (folder / name).read_bytes() for name in written)
