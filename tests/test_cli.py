"""The command line: exit codes, options and output, run in-process through typer's runner."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, one_claim
from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
MINI_CLAIMS = MINI / "claims.yaml"


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def test_all_pass_exits_0_and_unverifiable_is_not_a_failure() -> None:
    result = invoke("run", str(MINI_CLAIMS))
    assert result.exit_code == 0
    assert "8 claims: 7 passed, 0 failed, 1 unverifiable" in result.output


def test_strict_counts_unverifiable_as_failure() -> None:
    assert invoke("run", str(MINI_CLAIMS), "--strict").exit_code == 1


def test_a_failed_claim_exits_1_and_says_by_how_much(mini) -> None:
    result = invoke("run", str(mini(one_claim("{share: minor, of: victims}", "59%"))))
    assert result.exit_code == 1
    assert "FAIL" in result.output
    assert "stated 59%, computed 55.6%: 3.4 points low" in result.output
    assert "[out_of_tolerance]" in result.output


def test_only_runs_the_named_claims() -> None:
    result = invoke("run", str(MINI_CLAIMS), "--only", "cases-2020", "--only", "growth-q2")
    assert "2 claims: 2 passed" in result.output
    assert "facebook-share" not in result.output


def test_piped_output_is_plain_and_stable() -> None:
    first = invoke("run", str(MINI_CLAIMS)).output
    second = invoke("run", str(MINI_CLAIMS)).output
    assert first == second
    assert "\x1b[" not in first  # no colour codes when not a terminal
    assert first.splitlines()[1].startswith("PASS         cases-2020: stated 5, computed 5")


def test_json_report_to_stdout_is_the_library_report() -> None:
    import factcheck
    result = invoke("run", str(MINI_CLAIMS), "--json", "-")
    data = json.loads(result.stdout)
    lib = json.loads(factcheck.verify(MINI_CLAIMS).to_json())
    for d in (data, lib):
        d.pop("generated_at")
    assert data == lib
    assert data["schema_version"] == "2.0"
    facebook = next(r for r in data["results"] if r["id"] == "facebook-share")
    assert facebook["numerator"] == 3 and facebook["denominator"] == 5
    assert facebook["expectation"]["low"] == 0.595 and facebook["expectation"]["high"] == 0.605
    assert "read_csv(" in facebook["sql"]
    assert all(len(t["sha256"]) == 64 for t in data["tables"])


def test_json_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = invoke("run", str(MINI_CLAIMS), "--json", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["summary"] == {"total": 8, "passed": 7, "failed": 0, "unverifiable": 1}


def test_check_validates_without_judging() -> None:
    result = invoke("check", str(MINI_CLAIMS))
    assert result.exit_code == 0
    assert "8 claims" in result.output and "cases (10 rows)" in result.output
    assert "PASS" not in result.output


def test_check_reports_errors_with_exit_2(mini) -> None:
    assert invoke("check", str(mini(one_claim("{count: nope}", "1")))).exit_code == 2


def test_explain_shows_steps_sql_and_sample_rows() -> None:
    result = invoke("explain", str(MINI_CLAIMS), "facebook-share")
    assert result.exit_code == 0
    out = result.output
    for text in ("60% — read as: rounds to 60%", "numerator: 3   denominator: 5", "10  all rows of victims",
                 "7  where location == 'internet'", "6  where case.active_2020", "1  condition unknown",
                 "3  meeting the condition", "SQL", "read_csv(", "first 5 rows kept"):
        assert text in out, text


def test_explain_rows_writes_the_rows_behind_the_figure(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    result = invoke("explain", str(MINI_CLAIMS), "facebook-share", "--rows", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert sorted(r["victim_id"] for r in rows) == ["V10", "V4", "V5", "V6", "V8", "V9"]
    assert sum(r["condition"] == "True" for r in rows) == 3


def test_explain_rows_to_stdout() -> None:
    result = invoke("explain", str(MINI_CLAIMS), "decline-streak", "--rows", "-")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["quarter"] for r in rows][:2] == ["2019Q1", "2019Q2"]


def test_explain_unknown_claim_id_is_an_error() -> None:
    result = invoke("explain", str(MINI_CLAIMS), "facebok-share")
    assert result.exit_code == 2 and "did you mean 'facebook-share'" in result.output


def test_several_files_exit_with_the_worst(mini) -> None:
    failing = mini(one_claim("{count: cases}", "11"), name="bad.yaml")
    result = invoke("run", str(MINI_CLAIMS), str(failing))
    assert result.exit_code == 1
    assert "Mini story" in result.output


def test_version() -> None:
    assert invoke("--version").output.startswith("factcheck ")


def test_installed_command_runs_as_a_subprocess() -> None:
    """One smoke test of the real console script and of python -m factcheck."""
    exe = Path(sys.executable).with_name("factcheck")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "factcheck"]
    proc = subprocess.run([*cmd, "run", str(MINI_CLAIMS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "7 passed" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "factcheck", "check", str(MINI_CLAIMS)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "ok:" in proc.stdout


def test_the_reported_sql_reproduces_the_figure_in_a_fresh_duckdb(monkeypatch) -> None:
    """A reader pastes the SQL into DuckDB, from where they ran factcheck, and gets the same numbers."""
    import duckdb

    import factcheck
    monkeypatch.chdir(MINI)
    report = factcheck.verify("claims.yaml")
    share = report.result("facebook-share")
    row = duckdb.connect().execute(share.sql).fetchone()
    assert row == (6, 5, 3)  # rows kept, known, meeting
    mean = duckdb.connect().execute(factcheck.verify("claims.yaml", only=["growth-q2"]).results[0].sql).fetchone()
    assert float(mean[1]) == 2.8


def test_piped_lines_are_never_wrapped(mini) -> None:
    """A long path or message stays on one line when piped (CI logs, grep)."""
    deep = mini(one_claim("{count: cases}", "10"), name="a-rather-long-claims-file-name-" + "x" * 60 + ".yaml")
    result = invoke("check", str(deep))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2  # the whole "ok:" line, then the one claim's id and line
    assert lines[0].startswith("ok: ") and lines[0].endswith("gdp (7 rows)") and lines[1].startswith("  c  (line ")


def test_explain_a_change_counts_the_rows_of_each_period() -> None:
    out = invoke("explain", str(MINI_CLAIMS), "cases-rise").output
    assert "2  of which filed_year = 2019" in out and "5  of which filed_year = 2020" in out
    assert "series (* the periods the claim names): 2017: 1, 2018: 2, 2019*: 2, 2020*: 5" in out
    assert "from: 2019: 2" in out  # details read as text, not as a Python dict


def test_explain_rows_of_a_change_are_those_of_the_two_periods() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("explain", str(MINI_CLAIMS), "cases-rise", "--rows", "-").stdout)))
    assert sorted(r["period"] for r in rows) == ["2019"] * 2 + ["2020"] * 5


def test_output_into_a_closed_pipe_is_not_an_error() -> None:
    exe = Path(sys.executable).with_name("factcheck")
    cmd = f"'{exe}'" if exe.exists() else f"'{sys.executable}' -m factcheck"
    story = Path(__file__).resolve().parents[1] / "claims" / "2020.yaml"  # ~400 KB of rows: more than a pipe holds
    proc = subprocess.run(f"{cmd} explain '{story}' victims-2000-2020 --rows - | head -c 10 >/dev/null; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, timeout=60)
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_claims_file_without_claims_is_an_error_not_a_pass(mini) -> None:
    path = mini("[]\n")
    line = path.read_text().splitlines().index("claims:") + 1
    for command in ("run", "check"):
        result = invoke(command, str(path))
        assert result.exit_code == 2, (command, result.output)
        assert f"{path}:{line}: the claims file has no claims" in result.output
        assert "hint: add a claim under claims:" in result.output


@pytest.mark.parametrize(("args", "reports"), [
    (["run", "claims.yaml", "--format", "json"], "--json PATH, --junit PATH, --markdown PATH, --html PATH"),
    (["run", "claims.yaml", "--format=html"], "--json PATH, --junit PATH, --markdown PATH, --html PATH"),
    (["run", "claims.yaml", "-o", "report.json"], "--json PATH, --junit PATH, --markdown PATH, --html PATH"),
    (["diff", "old.json", "new.json", "--output", "x.md"], "--json PATH, --markdown PATH"),
])
def test_a_format_option_from_other_tools_is_told_the_report_options(args: list[str], reports: str) -> None:
    """`--format json`, `-o report.json`: the usage error names the options that write reports,
    each with its file ('-' for stdout), instead of a bare "No such option"."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert f"Each report has its own option, followed by the file to write ('-' for stdout): {reports}" in said


def test_another_unknown_option_keeps_clicks_own_message() -> None:
    result = runner.invoke(app, ["run", "claims.yaml", "--jsn", "x.json"])
    assert result.exit_code == 2
    assert "No such option: --jsn (Possible options: --json, --junit)" in " ".join(result.output.split())
    result = runner.invoke(app, ["explain", "claims.yaml", "c", "--format", "json"])
    assert result.exit_code == 2 and "Each report" not in result.output  # explain writes no report file
