"""A claim names an instant on an axis of times written with a UTC offset.

``2020-03-01T10:00:00+02:00`` in a CSV is read by DuckDB as TIMESTAMP WITH TIME ZONE, in UTC
(factcheck sets the engine's TimeZone to UTC), and each period of an axis over it is that instant
in UTC. No spelling of an instant worked: one with an offset was refused as "no date" with the
hint to write 'YYYY-MM-DD', which was refused in turn; one without was taken, and the claim
came out unverifiable ("no rows pass the filter") though the data has the row. Now an instant
written in UTC with its offset (``+00:00``, ``+00``, ``Z``) is found, and any other spelling of an
instant the data holds stops the run on the claim's line with the UTC spelling to write.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
ZONED = "id,read_at,level\n1,2020-03-01T10:00:00+02:00,5\n2,2020-03-02T10:00:00+02:00,7\n3,2020-03-03T10:00:00+02:00,9\n"
PLAIN = "id,read_at,level\n1,2020-03-01T10:00:00,5\n2,2020-03-02T10:00:00,7\n3,2020-03-03T10:00:00,9\n"
MIDNIGHT = "id,read_at,level\n1,2020-03-01T02:00:00+02:00,5\n2,2020-03-02T02:00:00+02:00,7\n3,2020-03-03T02:00:00+02:00,9\n"
HINT = re.compile(r"to name the instant itself, write it as the data holds it: from: '([^']+)'")


def _run(folder: Path, data: str, start: str, end: str = "2020-03-03 08:00:00+00:00") -> tuple[int, str]:
    (folder / ".git").mkdir(exist_ok=True)
    (folder / "r.csv").write_text(data, encoding="utf-8")
    (folder / "c.yaml").write_text(
        "version: 1\ntables:\n  r: {path: r.csv, key: id}\nclaims:\n"
        "  - id: rise\n    says: The level rose 80% from March 1 to March 3.\n"
        f"    measure: {{change: {{sum: level, of: r}}, over: read_at, from: '{start}', to: '{end}'}}\n"
        "    expect: up 80%\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(folder / "c.yaml")])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("start", ["2020-03-01 08:00:00+00:00", "2020-03-01T08:00:00+00:00", "2020-03-01 08:00:00+00",
                                   "2020-03-01T08:00:00Z", "2020-03-01 08:00+0000"])
def test_an_instant_written_in_utc_with_its_offset_is_found(tmp_path: Path, start: str) -> None:
    code, output = _run(tmp_path, ZONED, start)
    assert code == 0, output
    assert "PASS" in output and "computed +80%" in output


@pytest.mark.parametrize("start, said", [
    ("2020-03-01T10:00:00+02:00", "from: 2020-03-01T10:00:00+02:00 is the instant 2020-03-01 08:00:00+00:00 in UTC"),
    ("2020-03-01 03:00:00-05:00", "from: 2020-03-01 03:00:00-05:00 is the instant 2020-03-01 08:00:00+00:00 in UTC"),
    ("2020-03-01 08:00:00", "from: 2020-03-01 08:00:00 has no UTC offset, so it is taken to be in UTC"),
])
def test_another_spelling_of_an_instant_stops_the_run_with_the_one_to_write(tmp_path: Path, start: str,
                                                                            said: str) -> None:
    code, output = _run(tmp_path, ZONED, start)
    assert code == 2, output
    assert "c.yaml:7: claim 'rise': over: read_at holds times written with a UTC offset, which factcheck reads " \
           "in UTC" in output
    assert said in output and "hint: write from: '2020-03-01 08:00:00+00:00'" in output
    assert _run(tmp_path, ZONED, "2020-03-01 08:00:00+00:00")[0] == 0  # the hint works


@pytest.mark.parametrize("start", ["2020-03-01 09:00:00+00:00", "2020-03-01"])
def test_an_instant_the_data_lacks_names_the_one_it_holds(tmp_path: Path, start: str) -> None:
    code, output = _run(tmp_path, ZONED, start)
    assert code == 2 and "though 1 row fall on 2020-03-01 (the first at 2020-03-01 08:00:00+00)" in output, output
    found = HINT.search(output.replace("\n", " "))
    assert found is not None and found[1] == "2020-03-01 08:00:00+00"
    assert _run(tmp_path, ZONED, found[1])[0] == 0


def test_a_day_whose_rows_are_at_midnight_in_utc_is_written_with_the_offset(tmp_path: Path) -> None:
    code, output = _run(tmp_path, MIDNIGHT, "2020-03-01", "2020-03-03 00:00:00+00:00")
    assert code == 2 and "from: 2020-03-01 is a date, not a time" in output, output
    assert "from: '2020-03-01 00:00:00+00:00'" in output
    assert _run(tmp_path, MIDNIGHT, "2020-03-01 00:00:00+00:00", "2020-03-03 00:00:00+00:00")[0] == 0


def test_an_offset_on_an_axis_of_times_without_one_is_said(tmp_path: Path) -> None:
    """Neighbour: before, the offset was refused as "no date", with the hint to write 'YYYY-MM-DD'."""
    code, output = _run(tmp_path, PLAIN, "2020-03-01T10:00:00+02:00", "2020-03-03 10:00:00")
    assert code == 2, output
    assert "over: read_at holds times of day without a UTC offset, but from: 2020-03-01T10:00:00+02:00 has one" \
        in output
    assert "without an offset: from: '2020-03-01T10:00:00'" in output
    assert _run(tmp_path, PLAIN, "2020-03-01T10:00:00", "2020-03-03 10:00:00")[0] == 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(minutes=st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: m - m % 15),
       form=st.sampled_from(["%Y-%m-%d %H:%M:%S{o}", "%Y-%m-%dT%H:%M:%S{o}", "%Y-%m-%dT%H:%M{o}"]),
       colon=st.booleans())
def test_any_offset_of_the_data_s_instant_is_found_or_answered_with_a_spelling_that_is(
        tmp_path: Path, minutes: int, form: str, colon: bool) -> None:
    at = datetime(2020, 3, 1, 8, tzinfo=timezone.utc).astimezone(timezone(timedelta(minutes=minutes)))
    sign, whole = ("-" if minutes < 0 else "+"), abs(minutes)
    offset = f"{sign}{whole // 60:02d}{':' if colon else ''}{whole % 60:02d}"
    start = at.strftime(form.replace("{o}", "")) + offset
    code, output = _run(tmp_path, ZONED, start)
    if code == 0:
        assert minutes == 0 and "computed +80%" in output
        return
    assert code == 2 and "hint: write from: '2020-03-01 08:00:00+00:00'" in output, output


DAYS = "id,day,level\n1,2020-03-01,5\n2,2020-03-02,7\n3,2020-03-03,9\n"


@pytest.mark.parametrize("start", ["2020-03-01 10:00", "2020-03-01T10:00:00+02:00", "2020-03-01T00:00:00Z"])
def test_a_time_of_day_on_an_axis_of_days_is_no_day(tmp_path: Path, start: str) -> None:
    """Neighbour: a time named on a DATE column (no time in its periods) was taken and found no row
    ("no rows pass the filter"); with an offset it was refused with the hint of any date. Now the
    hint is the day itself, which is found."""
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / "d.csv").write_text(DAYS, encoding="utf-8")
    claims = ("version: 1\ntables:\n  d: {path: d.csv, key: id}\nclaims:\n  - id: rise\n    says: x\n"
              "    measure: {change: {sum: level, of: d}, over: day, from: '%s', to: '2020-03-03'}\n    expect: up 80%%\n")
    (tmp_path / "c.yaml").write_text(claims % start, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2, result.output
    assert f"c.yaml:7: claim 'rise': over: day holds dates, but from: {start} is no date" in result.output
    assert "hint: write from: '2020-03-01' (a day holds no time)" in result.output
    (tmp_path / "c.yaml").write_text(claims % "2020-03-01", encoding="utf-8")
    assert runner.invoke(app, ["run", str(tmp_path / "c.yaml")]).exit_code == 0
