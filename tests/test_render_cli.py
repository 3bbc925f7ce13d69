"""`factcheck run … --json --junit --markdown --html`: every report from one run, '-' for stdout."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "reports"
STORY = str(FIXTURES / "story.yaml")


def test_one_run_writes_all_four_reports(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["run", STORY, "--json", str(out / "r.json"), "--junit", str(out / "r.xml"),
                                      "--markdown", str(out / "r.md"), "--html", str(out / "r.html")])
    assert result.exit_code == 1, result.output  # two claims fail
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["summary"]["failed"] == 2
    suite = ET.parse(out / "r.xml").getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "7"  # 6 claims, and one of them stale
    assert "**2 failed**" in (out / "r.md").read_text(encoding="utf-8")
    page = (out / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('id="m-') == 5
    # the four came from the same run: the same timestamp everywhere
    assert data["generated_at"] in page and suite.get("timestamp") == data["generated_at"]


def test_dash_writes_a_report_to_stdout_and_keeps_it_clean() -> None:
    result = CliRunner().invoke(app, ["run", STORY, "--junit", "-"])
    root = ET.fromstring(result.stdout)  # stdout is the XML and nothing else
    assert root.tag == "testsuites"
    result = CliRunner().invoke(app, ["run", STORY, "--markdown", "-", "--html", str(Path("/dev/null"))])
    assert result.stdout.startswith("### factcheck: ")


def test_two_reports_cannot_share_stdout() -> None:
    result = CliRunner().invoke(app, ["run", STORY, "--json", "-", "--markdown", "-"])
    assert result.exit_code == 2
    assert "only one report can go to stdout" in result.output
