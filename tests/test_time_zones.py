"""Times written with their offset ('2021-12-31T22:00:00-05:00') are instants: DuckDB gives their
year in the session's time zone, which was the machine's, so one claims file got two verdicts on a
laptop in New York and a runner in UTC (a walk of a police story). Every run takes UTC. And `init`
declared such a column text, then stopped on its own `year(occurred_at)`. Constructed data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROWS = ("incident_id,occurred_at\n1,2021-06-01 10:00:00\n2,2021-12-31T22:00:00-05:00\n"
        "3,2022-05-05 12:00:00\n4,2022-12-31 12:00:00\n")
CLAIMS = """\
tables:
  incidents: {path: incidents.csv, time: occurred_at}
claims:
  - id: in-2021
    says: One incident happened in 2021.
    measure: {count: incidents, where: year(occurred_at) == 2021}
    expect: 1
"""
ROOT = Path(__file__).resolve().parents[1]


def _run(folder: Path, *args: str, tz: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def story(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "incidents.csv").write_text(ROWS, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(CLAIMS, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(not Path("/usr/share/zoneinfo/America/New_York").exists(), reason="no time zone data")
def test_the_verdict_does_not_depend_on_the_machines_time_zone(story: Path) -> None:
    got = {}
    for tz in ("UTC", "America/New_York", "Asia/Tokyo"):
        done = _run(story, "run", "c.yaml", "--json", "-", tz=tz)
        assert done.returncode in (0, 1), done.stderr
        result = json.loads(done.stdout)["results"][0]
        got[tz] = (result["verdict"], result["value"])
    assert got["America/New_York"] == got["Asia/Tokyo"] == got["UTC"] == ("pass", 1), got


def test_init_declares_times_with_their_offset_a_timestamp(story: Path) -> None:
    (story / "story.md").write_text("One incident happened in 2021.\n", encoding="utf-8")
    done = _run(story, "init", "story.md", "incidents.csv", tz="UTC")
    assert done.returncode == 0, done.stdout + done.stderr
    written = (story / "story.claims.yaml").read_text(encoding="utf-8")
    assert "occurred_at: {type: timestamp}" in written, written
