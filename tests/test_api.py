"""The command line is a thin layer over typed library functions: check, compare, explain, verify.

What a command writes is what the library returns: ``run --json -`` prints
``factcheck.verify(...).to_json()``, ``diff --json -`` the JSON of ``factcheck.compare(...)``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI
from typer.testing import CliRunner

import factcheck
from factcheck import Checked, Comparison, Report, UsageError, Verdict
from factcheck.cli import app
from factcheck.render import WRITERS, render, writers

CLAIMS = MINI / "claims.yaml"
ROOT = Path(__file__).resolve().parents[1]


def _stable(text: str) -> dict[str, Any]:
    """A JSON report without the moment it was written."""
    data: dict[str, Any] = json.loads(text)
    data.pop("generated_at")
    return data


def test_run_json_on_stdout_is_what_verify_returns() -> None:
    result = CliRunner().invoke(app, ["run", str(CLAIMS), "--json", "-"])
    assert result.exit_code == 0, result.output
    assert _stable(result.stdout) == _stable(factcheck.verify(CLAIMS).to_json())


def test_run_with_a_baseline_is_verify_with_a_baseline(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    base.write_text(factcheck.verify(CLAIMS).to_json(), encoding="utf-8")
    report = factcheck.verify(CLAIMS, baseline=base)
    assert report.comparison is not None and report.comparison.summary.regressed == 0
    assert report.comparison.baseline_file == str(base)
    result = CliRunner().invoke(app, ["run", str(CLAIMS), "--baseline", str(base), "--json", "-"])
    cli = _stable(result.stdout)
    lib = _stable(report.to_json())
    for data in (cli, lib):
        data["comparison"].pop("generated_at")
    assert cli == lib


def test_verify_takes_a_report_as_baseline_and_only_narrows_it() -> None:
    before = factcheck.verify(CLAIMS)
    report = factcheck.verify(CLAIMS, only=["facebook-share"], baseline=before)
    assert report.comparison is not None
    assert [c.id for c in report.comparison.claims] == ["facebook-share"]  # the others are not "removed"
    assert report.comparison.baseline_file is None


def test_a_bad_baseline_is_refused_before_any_data_is_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="not a factcheck report"):
        factcheck.verify(tmp_path / "no-such-claims.yaml", baseline=bad)


def test_diff_json_on_stdout_is_what_compare_returns(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(factcheck.verify(CLAIMS).to_json(), encoding="utf-8")
    new.write_text(factcheck.verify(CLAIMS).to_json(), encoding="utf-8")
    comparison = factcheck.compare(old, new)
    assert isinstance(comparison, Comparison) and comparison.exit_code() == 0
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--json", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(render(comparison, "json"))


def test_compare_takes_reports_as_well_as_files() -> None:
    report = factcheck.verify(CLAIMS)
    comparison = factcheck.compare(report, report)
    assert comparison.summary.unchanged == len(report.results) and comparison.baseline_file is None


def test_check_returns_the_claims_and_tables_it_read() -> None:
    checked = factcheck.check(CLAIMS)
    assert isinstance(checked, Checked)
    assert checked.claims == len(factcheck.load(CLAIMS).model.claims)
    assert {t.name for t in checked.tables} == {"cases", "victims", "gdp"}
    result = CliRunner().invoke(app, ["check", str(CLAIMS)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"ok: {CLAIMS}: {checked.claims} claims, ")


def test_explain_is_a_library_function_not_shadowed_by_a_module() -> None:
    import factcheck.explanation  # noqa: F401 - importing the module must not replace the function
    explanation = factcheck.explain(CLAIMS, "facebook-share")
    assert callable(factcheck.explain)
    assert explanation.result.verdict is Verdict.PASS


@pytest.mark.parametrize("document, command", [("report", "run"), ("comparison", "diff")])
def test_every_writer_in_the_registry_is_an_option(document: str, command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    options = {w.name for w in WRITERS if f"--{w.name} " in result.stdout}
    assert options == {w.name for w in writers(document)}  # type: ignore[arg-type]


def test_each_report_writer_renders_a_report() -> None:
    report = factcheck.verify(CLAIMS)
    for writer in WRITERS:
        assert render(report, writer.name).strip(), writer.name
    assert isinstance(Report.model_validate_json(render(report, "json")), Report)


# what a piped `factcheck run` must never import (start-up time is part of the product): pandas
# and its stack are for DataFrames in and out of the library; rich draws only in a terminal;
# concurrent.futures (and the logging it pulls in) gave way to one plain thread; sqlglot only
# renders SQL for another engine; the HTML report's libraries only write HTML
NOT_ON_THE_RUN_PATH = ("pandas", "numpy", "pyarrow", "rich", "concurrent.futures", "logging", "sqlglot",
                       "jinja2", "markdown_it", "asyncio", "factcheck.planning.lag_series",
                       "factcheck.planning.lag_holes", "factcheck.planning.report_warnings")


def test_a_piped_run_imports_nothing_it_does_not_use() -> None:
    code = ("import sys\n"
            "from factcheck.cli import main\n"
            "sys.argv = ['factcheck', 'run', sys.argv[1]]\n"
            "try:\n    main()\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted(m for m in {NOT_ON_THE_RUN_PATH!r} if m in sys.modules), file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "claims" / "2020.yaml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=env)
    assert "46 claims: 42 passed" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


def test_a_run_in_a_terminal_still_draws_with_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """The piped console makes rich only when asked; a stream rich takes for a terminal gets rich's."""
    import io

    from factcheck.render import _console
    piped = _console.console()
    assert isinstance(piped, _console.PipedConsole) and not piped.is_terminal
    assert piped.width == 200  # anything else asked of it is rich's, made then
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    forced = _console.console()
    assert not isinstance(forced, _console.PipedConsole) and forced.is_terminal
