"""Reports of schema 1.0 (untyped details) still serve as baselines for `diff` and `--baseline`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.diff import load_baseline
from factcheck.report import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "tests" / "fixtures" / "reports" / "2020-schema-1.0.json"  # written by factcheck 0.1.0 before 2.0


def test_the_saved_report_is_of_the_old_schema() -> None:
    data = json.loads(OLD.read_text())
    assert data["schema_version"] == "1.0" and SCHEMA_VERSION.startswith("2.")
    assert any(r["details"] for r in data["results"])  # untyped details: the part 2.0 changed


def test_a_1_0_report_loads_without_its_untyped_details() -> None:
    report = load_baseline(OLD)
    assert len(report.results) == 49 and all(r.details is None for r in report.results)
    assert report.result("new-cases-up-11").value_text == "+10.7%"


def test_run_with_a_1_0_baseline_finds_nothing_changed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "new.json"
    result = CliRunner().invoke(app, ["run", "claims/2020.yaml", "--baseline", str(OLD), "--json", str(out)])
    assert "Traceback" not in result.output and result.exit_code == 1  # two claims of the story fail
    new = json.loads(out.read_text())
    assert new["schema_version"] == SCHEMA_VERSION
    summary = new["comparison"]["summary"]
    # the eight per-year internet-top-location claims of the 1.0 run are one `every` claim now, and
    # four claims cover figures of the draft no claim stated (issue 10)
    assert summary["unchanged"] == 41 and summary["regressed"] == 0 and summary["tables_changed"] == 0
    assert (summary["added"], summary["removed"]) == (5, 8)
    diff = CliRunner().invoke(app, ["diff", str(OLD), str(out)])
    assert "Traceback" not in diff.output and diff.exit_code == 0, diff.output
