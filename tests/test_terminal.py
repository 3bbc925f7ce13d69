"""The terminal view and every message written to a terminal or a log: data is shown, never obeyed.

A value from a claims file or the data must not clear the screen, set the window
title, forge an output line (a GitHub Actions ``::error`` among them), style or
link itself through rich markup, or crash the output. The fixture
``fixtures/terminal/hostile.yaml`` carries such values in every place they can
reach the screen: title, says, expect, the computed top values, an unverifiable
reason; the tests below also put them in paths, table names and baselines.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import MINI, one_claim
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

import factcheck
from factcheck.cli import app
from factcheck.errors import ClaimsFileError, Problem
from factcheck.render.safetext import clean, clean_lines
from factcheck.render.terminal import print_error, print_report, summary_line
from factcheck.report import ClaimResult, ExpectationInfo, Note, NoteCode, Reason, Report, Verdict, summarize

HOSTILE_DIR = Path(__file__).parent / "fixtures" / "terminal"
HOSTILE = HOSTILE_DIR / "hostile.yaml"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colours rich itself writes in a terminal
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINK = "[link=https://evil.example]Facebook[/link]"

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def assert_nothing_obeyed(output: str) -> None:
    """No control character but rich's own colours, and no line that a CI runner reads as a command."""
    plain = SGR.sub("", output)
    assert not CONTROL.search(plain), repr(CONTROL.search(plain))
    for line in plain.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line
    assert "\x1b]8;" not in output  # no hyperlink escape


# --- the helper ------------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("\x1b[2J", "\\x1b[2J"),
    ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("a\nb\r\tc", "a\\nb\\r\\tc"),
    ("\x9b31m", "\\x9b31m"),                       # the one-byte CSI of 8-bit terminals
    ("abc\u202edcba", "abc\\u202edcba"),           # a bidi override would reorder what is shown
    ("line\u2028break", "line\\u2028break"),
    ("\ud800", "\\ud800"),                         # a lone surrogate: no encoder can write it
    ("::error file=x::forged", "\\x3a:error file=x\\x3a:forged"),
    ("  ::add-mask::secret", "  \\x3a:add-mask\\x3a:secret"),
    ("x\n::warning", "x\\n\\x3a:warning"),        # a wrapped or folded line could start anywhere
    (":::", "\\x3a\\x3a:"),
    ("##[error]x", "#\\x23[error]x"),
    ("echo ##vso[task.setvariable]", "echo #\\x23vso[task.setvariable]"),
    ("[link=https://evil.example]x[/link] :smile: 59% — café", "[link=https://evil.example]x[/link] :smile: 59% — café"),
    ("std::vector and 12:30", "std\\x3a:vector and 12:30"),
])
def test_clean_shows_every_character_and_obeys_none(value: str, shown: str) -> None:
    assert clean(value) == shown


def test_clean_lines_keeps_our_own_line_breaks() -> None:
    assert clean_lines("SELECT 1\n  WHERE x = '\x1b[2J'") == ["SELECT 1", "  WHERE x = '\\x1b[2J'"]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_cleans_to_one_harmless_line(text: str) -> None:
    out = clean(text)
    assert "\n" not in out and "\r" not in out
    assert not any(unicodedata.category(c) in ("Cc", "Zl", "Zp", "Cs") for c in out)
    assert "::" not in out and "##[" not in out
    out.encode("utf-8")  # always writable
    if text.isprintable() and "::" not in text and "##[" not in text and "##vso[" not in text:
        assert out == text  # ordinary text is left alone


# --- the view of `run`, rendered in-process for any width -----------------------------------

hostile_text = st.lists(st.sampled_from(list("ab [/]:#\n\x1b\x07\r\u202e") + ["[bold]", "[link=x]", ":smile:", "::error::"]),
                        max_size=20).map("".join)


@st.composite
def a_result(draw: st.DrawFn, i: int) -> ClaimResult:
    verdict = draw(st.sampled_from(list(Verdict)))
    return ClaimResult(
        id=f"claim-{i}-" + draw(st.text("abcdefghij-", max_size=60)), says=draw(hostile_text), line=i + 1,
        verdict=verdict, message=draw(hostile_text),
        reason=None if verdict == Verdict.PASS else draw(st.sampled_from(list(Reason))),
        expectation=draw(st.none() | st.builds(ExpectationInfo, written=hostile_text, meaning=hostile_text)),
        value_text=draw(st.none() | hostile_text),
        notes=draw(st.lists(st.builds(Note, code=st.sampled_from(list(NoteCode)), message=hostile_text), max_size=2)))


@st.composite
def a_report(draw: st.DrawFn) -> Report:
    n = draw(st.integers(1, 6))
    results = [draw(a_result(i)) for i in range(n)]
    return Report(tool_version="t", generated_at="now", claims_file=draw(hostile_text) or "c.yaml",
                  claims_sha256="0" * 64, title=draw(st.none() | hostile_text), tables=[], results=results,
                  summary=summarize(results))


def render(report: Report, width: int, **options: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=width, markup=False, emoji=False, highlight=False)
    print_report(report, console, **options)
    return buffer.getvalue()


@settings(max_examples=80, deadline=None)
@given(report=a_report(), width=st.integers(40, 200), verbose=st.booleans())
def test_the_terminal_view_fits_any_width_and_loses_no_claim(report: Report, width: int, verbose: bool) -> None:
    out = render(report, width, verbose=verbose)
    assert_nothing_obeyed(out)
    plain = SGR.sub("", out)
    assert all(cell_len(line) <= width for line in plain.splitlines())
    flat = re.sub(r"\s", "", plain)
    for r in report.results:
        assert r.id in flat  # every claim id visible, wrapped or not
        if r.verdict != Verdict.PASS:
            assert re.sub(r"\s", "", clean(r.message)) in flat  # a failure's reason is never cut


def test_the_terminal_view_puts_failures_first_and_passes_on_one_line() -> None:
    report = factcheck.verify(MINI / "claims.yaml")
    out = SGR.sub("", render(report, 80))
    lines = out.splitlines()
    assert lines[0].startswith("Mini story")
    unverifiable = next(i for i, line in enumerate(lines) if "unverifiable" in line and line[0].isdigit())
    passed = next(i for i, line in enumerate(lines) if line.startswith("7 passed"))
    assert unverifiable < passed
    for r in report.results:
        if r.verdict == Verdict.PASS:
            line = next(line for line in lines if f" {r.id}  " in line)
            assert f"stated {r.expectation.written}, computed {r.value_text}" in line  # type: ignore[union-attr]
    # the long path wraps; 2017, the year ranked, begins in March in the data: a warning (period_partial);
    # 4 victims of no platform could change Facebook's lead of 3 over Instagram (mostly_unknown)
    assert lines[-2].startswith("8 claims: 7 passed, 0 failed, 1 unverifiable, 2 with a WARNING —")


def test_verbose_shows_the_evidence_under_every_claim() -> None:
    report = factcheck.verify(MINI / "claims.yaml")
    compact, verbose = render(report, 100), SGR.sub("", render(report, 100, verbose=True))
    assert "says:" not in compact
    for r in report.results:
        assert f"says: {r.says}"[:60] in re.sub(r"\s+", " ", verbose)
    assert "numerator 3, denominator 5; 6 rows kept" in verbose
    piped = invoke("run", str(MINI / "claims.yaml"), "-v").output
    assert "             read as: rounds to 60%" in piped and "             claims file line" in piped


# --- hostile values through the command line, piped -----------------------------------------

def test_run_shows_hostile_values_literally_and_forges_no_line() -> None:
    result = invoke("run", str(HOSTILE), "--verbose")
    out = result.output
    assert_nothing_obeyed(out)
    assert LINK in out and "[[internet]]" in out and "computed [internet]" in out  # markup is text
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in out
    assert "evil\\n\\x3a:error file=claims.yaml\\x3a:forged" in out  # shown, on the line it belongs to
    assert "Shops [bold]loud[/] \\x1b]0;pwned\\x07 [/] :smile:" in out
    labels = ("PASS ", "FAIL ", "UNVERIFIABLE ", " " * 13, "Shops", "4 claims")
    assert all(line.startswith(labels) for line in out.splitlines()), out


def test_a_title_or_value_at_the_start_of_a_line_cannot_be_a_workflow_command(mini) -> None:
    claims = mini(one_claim("{count: cases}", "10"), tables="title: '::add-mask::hunter2'\n"
                  + (MINI / "claims.yaml").read_text().split("title: Mini story\n", 1)[1].split("claims:")[0])
    out = invoke("run", str(claims)).output
    assert out.splitlines()[0] == "\\x3a:add-mask\\x3a:hunter2"


def test_explain_shows_hostile_values_literally() -> None:
    out = invoke("explain", str(HOSTILE), "top-three").output
    assert_nothing_obeyed(out)
    assert "says: The top three are listed.\\n\\x3a:add-mask\\x3a:hunter2" in out
    assert "[link=https://evil.example]Facebook[/link] (1)" in out and "[/] (1)" in out
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in out


def test_check_with_markup_in_the_path(tmp_path: Path) -> None:
    folder = tmp_path / "["
    folder.mkdir()
    shutil.copy(HOSTILE_DIR / "hostile.csv", folder / "hostile.csv")
    path = folder / "]shops.yaml"  # the path reads '…/[/]shops.yaml'
    path.write_text(HOSTILE.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 0 and f"ok: {path}: 4 claims, shops (11 rows)" in result.output
    result = invoke("run", str(path))
    assert result.exit_code == 1 and f"— {path}" in result.output


BAD = """\
version: 1
tables:
  shops: {path: hostile.csv, key: id}
claims:
  - id: a
    says: x
    measure: {count: "[/]\\e[2J"}
    expect: 1
  - id: b
    says: x
    measure: {count: shops}
    expect: "[/] [link=https://evil.example]x[/link] \\e]0;t\\a\\n::error::x"
"""


def test_errors_show_markup_and_escapes_literally(tmp_path: Path) -> None:
    folder = tmp_path / "["
    folder.mkdir()
    shutil.copy(HOSTILE_DIR / "hostile.csv", folder / "hostile.csv")
    path = folder / "]bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    result = invoke("run", str(path))
    assert result.exit_code == 2
    out = result.output
    assert_nothing_obeyed(out)
    assert out.startswith("error: 2 problems stop this run; nothing was judged.")
    assert f"- {path}:7: claim 'a': unknown table '[/]\\x1b[2J'" in out
    assert "'[/] [link=https://evil.example]x[/link] \\x1b]0;t\\x07\\n\\x3a:error\\x3a:x'" in out


def test_one_problem_stops_the_run(mini) -> None:
    out = invoke("run", str(mini(one_claim("{count: nope}", "1")))).output
    assert out.startswith("error: 1 problem stops this run; nothing was judged.")


def test_a_problem_detail_keeps_its_lines_and_shows_escapes() -> None:
    console = Console(file=io.StringIO(), markup=False, emoji=False, highlight=False, width=80)
    print_error(ClaimsFileError([Problem("bad [/] where", file="c[/].yaml", line=3, claim="x",
                                         detail="a == '\x1b[2J\n     ^", hint="try [bold]this[/]\n::error::x")]), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.splitlines() == ["error: 1 problem stops this run; nothing was judged.",
                                "- c[/].yaml:3: claim 'x': bad [/] where",
                                "    a == '\\x1b[2J", "         ^",
                                "  hint: try [bold]this[/]\\n\\x3a:error\\x3a:x"]


def test_an_internal_error_with_markup_in_its_message_is_reported_not_raised(monkeypatch) -> None:
    import factcheck.engine

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("[/] \x1b[2J\n::error::forged")

    monkeypatch.setattr(factcheck.engine, "verify", broken)
    result = invoke("run", str(MINI / "claims.yaml"))
    assert result.exit_code == 2
    assert "internal error: ValueError: [/] \\x1b[2J\\n\\x3a:error\\x3a:forged" in result.output
    assert_nothing_obeyed(result.output)


def test_the_baseline_comparison_shows_hostile_values_literally(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    invoke("run", str(HOSTILE), "--json", str(base))
    data = json.loads(base.read_text(encoding="utf-8"))
    for r in data["results"]:
        r.update(value_text="\x1b]0;pwned\x07 old\n::error::forged [/]", verdict="pass", reason=None)
    data["results"].append(dict(data["results"][0], id="gone\x1b[2J\n::add-mask::x"))
    data["tables"][0].update(sha256="0" * 64, path="evil[/]\x1b[2J.csv")
    base.write_text(json.dumps(data), encoding="utf-8")
    result = invoke("run", str(HOSTILE), "--baseline", str(base))
    assert result.exit_code == 1
    out = result.output
    assert_nothing_obeyed(out)
    assert "REMOVED      gone\\x1b[2J\\n\\x3a:add-mask\\x3a:x: no longer in the claims file" in out
    assert "was \\x1b]0;pwned\\x07 old\\n\\x3a:error\\x3a:forged [/], now [internet]" in out
    assert "moved from evil[/]\\x1b[2J.csv" in out


# --- the summary line -----------------------------------------------------------------------

def test_strict_says_why_it_fails_the_run() -> None:
    result = invoke("run", str(MINI / "claims.yaml"), "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].endswith("; 1 unverifiable counts as a failure under --strict")
    assert "under --strict" not in invoke("run", str(MINI / "claims.yaml")).output


def test_strict_summary_counts_in_the_plural() -> None:
    report = factcheck.verify(HOSTILE)
    two = report.model_copy(update={"summary": report.summary.model_copy(update={"unverifiable": 2})})
    assert summary_line(two, strict=True).endswith("; 2 unverifiable count as failures under --strict")
    assert "--strict" not in summary_line(two)
