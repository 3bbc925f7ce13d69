"""Comparing two runs: statuses, regressions, changed files, bad baselines, and the views."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.diff import compare, diff_files, load_baseline, same_value
from factcheck.errors import UsageError
from factcheck.render.diff import print_comparison, render_comparison_markdown
from factcheck.report import SCHEMA_VERSION, ClaimResult, ExpectationInfo, Report, TableUse, Verdict, summarize


def result(id: str, verdict: str, value: Any = 0.5, text: str | None = None, *, tables: tuple[str, ...] = ("cases",),
           stated: str = "50%", reason: str | None = None) -> ClaimResult:
    return ClaimResult(id=id, says=f"the article says {id}", verdict=Verdict(verdict), value=value,
                       value_text=text if text is not None else (f"{value:.1%}" if isinstance(value, float) else None),
                       tables=list(tables), reason=reason, message=f"{id} is {verdict}",
                       expectation=ExpectationInfo(written=stated, meaning="…"))


def table(name: str, sha: str, rows: int = 10) -> TableUse:
    return TableUse(name=name, path=f"../data/{name}.csv", sha256=sha * 64, rows=rows, columns_read=["x"])


def report(results: list[ClaimResult], tables: list[TableUse] | None = None, *,
           claims_file: str = "claims/2020.yaml", claims_sha: str = "c" * 64) -> Report:
    return Report(tool_version="0.1.0", generated_at="2021-01-01T00:00:00+00:00", claims_file=claims_file,
                  claims_sha256=claims_sha, tables=tables or [table("cases", "a")], results=results,
                  summary=summarize(results))


def one(old: ClaimResult, new: ClaimResult, **kw: Any):
    comparison = compare(report([old]), report([new], **kw))
    assert len(comparison.claims) == 1
    return comparison, comparison.claims[0]


@pytest.mark.parametrize("before, after, status, code", [
    ("pass", "fail", "regressed", 1),
    ("pass", "unverifiable", "regressed", 1),
    ("fail", "pass", "improved", 0),
    ("unverifiable", "pass", "improved", 0),
    ("fail", "unverifiable", "verdict_changed", 0),
    ("unverifiable", "fail", "verdict_changed", 0),
    ("pass", "pass", "unchanged", 0),
    ("fail", "fail", "unchanged", 0),
])
def test_verdict_transitions(before: str, after: str, status: str, code: int) -> None:
    comparison, change = one(result("a", before), result("a", after, reason="no_rows" if after != "pass" else None))
    assert change.status == status and change.regression == (status == "regressed")
    assert comparison.exit_code() == code
    assert change.verdict_before == before and change.verdict_after == after


def test_value_change_that_still_passes_is_reported_not_fatal() -> None:
    comparison, change = one(result("a", "pass", 0.592), result("a", "pass", 0.588))
    assert change.status == "value_changed" and not change.regression
    assert (change.value_before, change.value_after) == (0.592, 0.588)
    assert (change.value_text_before, change.value_text_after) == ("59.2%", "58.8%")
    assert comparison.exit_code() == 0 and comparison.summary.value_changed == 1


def test_float_noise_is_not_a_change() -> None:
    assert one(result("a", "pass", 0.1 + 0.2, "30%"), result("a", "pass", 0.3, "30%"))[1].status == "unchanged"
    assert same_value(True, True) and not same_value(True, 1) and same_value(["a", "b"], ["a", "b"])
    assert not same_value(None, 0.0)


def test_claims_added_and_removed() -> None:
    comparison = compare(report([result("kept", "pass"), result("gone", "pass")]),
                         report([result("kept", "pass"), result("new", "fail")]))
    by_id = {c.id: c for c in comparison.claims}
    assert by_id["gone"].status == "removed" and by_id["gone"].verdict_after is None
    assert by_id["new"].status == "added" and by_id["new"].verdict_before is None
    assert [c.id for c in comparison.claims] == ["kept", "new", "gone"]
    assert (comparison.summary.added, comparison.summary.removed) == (1, 1)
    assert comparison.exit_code() == 0          # a new failing claim never held: run itself fails on it


def test_changed_tables_by_checksum_and_per_claim() -> None:
    old = report([result("a", "pass", tables=("cases",)), result("b", "pass", tables=("victims",))],
                 [table("cases", "a", 10), table("victims", "b", 5), table("old", "d")])
    new = report([result("a", "fail", 0.3, tables=("cases",)), result("b", "pass", tables=("victims",))],
                 [table("cases", "e", 12), table("victims", "b", 5), table("extra", "f")])
    comparison = compare(old, new)
    status = {t.name: t.status for t in comparison.tables}
    assert status == {"cases": "changed", "victims": "unchanged", "extra": "added", "old": "removed"}
    cases = comparison.tables[0]
    assert (cases.rows_before, cases.rows_after, cases.sha256_before[0], cases.sha256_after[0]) == (10, 12, "a", "e")
    a = comparison.claims[0]
    assert a.regression and a.tables_changed == ["cases"]
    assert comparison.claims[1].tables_changed == [] and comparison.summary.tables_changed == 3


def test_claims_file_change_is_noted() -> None:
    assert compare(report([result("a", "pass")]), report([result("a", "pass")], claims_sha="d" * 64)).claims_file_changed
    assert not compare(report([result("a", "pass")]), report([result("a", "pass")])).claims_file_changed


def test_stated_change_is_kept() -> None:
    change = one(result("a", "pass", stated="59%"), result("a", "pass", stated="about 60%"))[1]
    assert (change.stated_before, change.stated_after) == ("59%", "about 60%")


# --------------------------------------------------------------------------- which claims file

def test_same_file_name_in_another_folder_is_the_same_claims_file() -> None:
    compare(report([result("a", "pass")], claims_file="/runner/tmp/base/claims/2020.yaml"),
            report([result("a", "pass")], claims_file="claims/2020.yaml"))


def test_another_claims_file_is_refused() -> None:
    with pytest.raises(UsageError) as info:
        compare(report([result("a", "pass")], claims_file="claims/2019.yaml"), report([result("a", "pass")]),
                baseline_file="old.json")
    p = info.value.problems[0]
    assert "another claims file: claims/2019.yaml, not claims/2020.yaml" in p.message and p.file == "old.json"


def test_no_claim_in_common_is_refused() -> None:
    with pytest.raises(UsageError, match="shares no claim id"):
        compare(report([result("a", "pass")]), report([result("b", "pass")]))


# --------------------------------------------------------------------------- loading a baseline

def write(path: Path, content: Any) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def good() -> dict[str, Any]:
    return json.loads(report([result("a", "pass")]).to_json())


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not a factcheck report: it is not JSON"),
    ("", "is not a factcheck report: it is not JSON"),
    ([1, 2], "is not a factcheck report: it has no schema_version and results"),
    ({"junit": True}, "is not a factcheck report: it has no schema_version and results"),
    ({**good(), "schema_version": "3.0"}, "has schema_version 3.0; this factcheck reads 1.x and 2.x"),
    ({**good(), "schema_version": "0.9"}, "has schema_version 0.9"),
    ({**good(), "results": [{"id": "a"}]}, "is not a valid factcheck report: results.0.says"),
    ("[" * 100_000 + "]" * 100_000, "its JSON is nested too deeply to read"),
    ('{"a": ' * 100_000 + "1" + "}" * 100_000, "its JSON is nested too deeply to read"),
    (json.dumps({**good(), "title": "x\ud800"}), "holds a lone surrogate (\\ud800)"),
    (json.dumps({**good(), "results": [{**good()["results"][0], "value_text": "\udfff"}]}), "lone surrogate (\\udfff)"),
    (b"\xff\xfe{}", "it is not UTF-8 text"),
    ('{"schema_version": "2.0",\n "x": ' + "9" * 5000 + "}", "holds a number written with 5,000 digits (at most 4,300"),
    ('{"schema_version": "2.0", "x": -' + "1" * 100_000 + "}", "holds a number written with 100,000 digits"),
])
def test_bad_baselines(tmp_path: Path, content: Any, message: str) -> None:
    path = write(tmp_path / "old.json", content)
    with pytest.raises(UsageError) as info:
        load_baseline(path)
    p = info.value.problems[0]
    assert message in p.message and p.file == str(path)


def test_a_pair_of_surrogates_is_a_character(tmp_path: Path) -> None:
    path = write(tmp_path / "old.json", json.dumps({**good(), "title": "\U0001f600"}))  # written as \ud83d\ude00
    assert "\\ud83d\\ude00" in path.read_text() and load_baseline(path).title == "\U0001f600"


def test_a_number_too_long_to_read_is_a_located_error_of_diff_and_run(tmp_path: Path) -> None:
    """Python reads no whole number of more than 4,300 digits: a report holding one was an
    "internal error: ValueError" of diff and of run --baseline."""
    path = write(tmp_path / "old.json", '{"schema_version": "2.0",\n"x": ' + "9" * 100_000 + "}")
    claims = Path(__file__).parent / "fixtures" / "mini" / "claims.yaml"
    for args in (["run", str(claims), "--baseline", str(path)], ["diff", str(path), str(path)]):
        proc = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert f"{path}:2: the baseline file is not a factcheck report: it holds a number written with 100,000 " \
               "digits" in proc.stderr and "internal error" not in proc.stderr


def test_long_numbers_that_can_be_read_are_read(tmp_path: Path) -> None:
    """The neighbours: 4,300 digits, and a decimal of any length, are numbers like any other."""
    data = {**good(), "title": "t"}
    text = json.dumps(data)[:-1] + ', "x": ' + "9" * 4300 + ', "y": 0.' + "1" * 10_000 + "}"
    assert load_baseline(write(tmp_path / "old.json", text)).title == "t"  # fields of its own are let be
    data["results"][0]["value_text"] = "1" * 5000  # digits in a string are text
    assert load_baseline(write(tmp_path / "old.json", data)).results[0].value_text == "1" * 5000


def test_a_folder_baseline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.mkdir()
    with pytest.raises(UsageError) as info:
        load_baseline(path)
    assert info.value.problems[0].message == "the baseline report is a folder, not a file"


def test_a_fifo_baseline_does_not_hang_the_run(tmp_path: Path) -> None:
    """Reading a FIFO waits for a writer forever; the real command must refuse it instead."""
    fifo = tmp_path / "old.json"
    os.mkfifo(fifo)
    claims = Path(__file__).parent / "fixtures" / "mini" / "claims.yaml"
    for args in (["run", str(claims), "--baseline", str(fifo)], ["diff", str(fifo), str(fifo)]):
        proc = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2 and "is a named pipe (FIFO), not a file" in proc.stderr and str(fifo) in proc.stderr


def test_a_device_baseline_is_refused(tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["diff", "/dev/null", str(write(tmp_path / "new.json", good()))])
    assert run.exit_code == 2 and "/dev/null: the baseline report is a device, not a file" in run.output


def test_missing_baseline(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such baseline report"):
        load_baseline(tmp_path / "nope.json")


def test_minor_versions_are_compatible(tmp_path: Path) -> None:
    major = SCHEMA_VERSION.split(".")[0]
    assert load_baseline(write(tmp_path / "old.json", {**good(), "schema_version": f"{major}.99"})).results[0].id == "a"


def test_comparison_round_trips_in_the_json_report() -> None:
    new = report([result("a", "fail", 0.3)], [table("cases", "e")])
    comparison = compare(report([result("a", "pass")]), new)
    full = new.model_copy(update={"comparison": comparison})
    again = Report.model_validate_json(full.to_json())
    assert again.comparison == comparison and again.comparison.regressions[0].id == "a"
    assert Report.model_validate_json(new.to_json()).comparison is None


# --------------------------------------------------------------------------- views

def regression_pair() -> tuple[Report, Report]:
    old = report([result("rise", "pass", 0.25, "+25%", stated="up 25%"), result("share", "pass", 0.708),
                  result("same", "pass"), result("gone", "pass")], [table("cases", "a", 24)])
    new = report([result("rise", "fail", 0.0, "0%", stated="up 25%", reason="wrong_direction"),
                  result("share", "pass", 0.704), result("same", "pass"), result("new", "pass")],
                 [table("cases", "e", 27)])
    return old, new


def test_terminal_plain_names_claim_values_and_file() -> None:
    old, new = regression_pair()
    console = Console(file=__import__("io").StringIO(), force_terminal=False, width=80)
    print_comparison(compare(old, new, baseline_file="base.json"), console)
    text = console.file.getvalue()
    lines = text.splitlines()
    assert lines[0] == "Compared with the baseline of 2021-01-01T00:00:00+00:00 (base.json)"
    assert "REGRESSED    rise: pass → fail; stated up 25%, was +25%, now 0% [wrong_direction]" in lines
    assert "             data changed: cases (../data/cases.csv)" in lines
    assert "MOVED        share: still pass; stated 50%, was 70.8%, now 70.4%" in lines
    assert "ADDED        new: new claim, pass; stated 50%, computed 50.0%" in lines
    assert "REMOVED      gone: no longer in the claims file (was pass, 50.0%)" in lines
    assert "DATA         cases (../data/cases.csv): 24 → 27 rows, sha256 aaaaaaaaaaaa → eeeeeeeeeeee" in lines
    assert lines[-1] == ("since the baseline: 1 regression, 1 moved but still hold, 1 added, 1 removed, "
                         "1 unchanged; 1 data file changed — the gate fails")
    assert "same" not in text.split("\n", 1)[1].split("since the baseline")[0]   # unchanged: counted, not listed


def test_terminal_rich_runs() -> None:
    old, new = regression_pair()
    console = Console(file=__import__("io").StringIO(), force_terminal=True, width=100)
    print_comparison(compare(old, new), console)
    assert "REGRESSED" in console.file.getvalue()


def test_markdown() -> None:
    old, new = regression_pair()
    md = render_comparison_markdown(compare(old, new, baseline_file="base.json"))
    assert md.startswith("### Changes since the baseline\n")
    assert "**1 claim that held no longer holds: the gate fails.**" in md
    assert "| ❌ regressed | `rise` | pass, +25% | fail, 0% | up 25% | cases |" in md
    assert "| ↕️ value changed | `share` | pass, 70.8% | pass, 70.4% | 50% | cases |" in md
    assert "| cases | `../data/cases.csv` | 24 → 27 | `aaaaaaaaaaaa` → `eeeeeeeeeeee` |" in md
    assert "1 claim unchanged." in md
    quiet = render_comparison_markdown(compare(report([result("a", "pass")]), report([result("a", "pass")])),
                                       heading="####")
    assert quiet.startswith("#### ") and "No claim that held has stopped holding." in quiet
    assert "No data file changed." in quiet


def test_markdown_escapes_pipes() -> None:
    md = render_comparison_markdown(compare(report([result("a", "pass", stated="a | b")]),
                                            report([result("a", "fail", stated="a | b")])))
    assert "a \\| b" in md


HOSTILE = "<img src=x onerror=alert(1)> [Click to approve](https://evil.example) `x` a|b\nline2 \x1b[2J @org/team"


def test_markdown_of_a_hostile_baseline_is_text_on_github() -> None:
    """Every value a baseline or the data brings is escaped: nothing renders as HTML, a link or a cell."""
    import cmarkgfm
    old = report([result(HOSTILE, "pass", 0.5, HOSTILE, stated=HOSTILE)], [table(HOSTILE, "`|<b>")])
    old = old.model_copy(update={"generated_at": HOSTILE})
    new = report([result(HOSTILE, "fail", 0.25, HOSTILE + "!", stated=HOSTILE)], [table(HOSTILE, "e")])
    md = render_comparison_markdown(compare(old, new, baseline_file=HOSTILE))
    html = cmarkgfm.github_flavored_markdown_to_html(md)
    assert "<img" not in html and "<a " not in html and "\x1b" not in html and "<b>" not in html
    assert "\\x1b[2J" in html and "[Click to approve](https://evil.example)" in html
    # the claims table keeps its 6 cells a row and the data table its 4: one body row each
    assert html.count("<td>") == 6 + 4 and html.count("<tr>") == 4


# --------------------------------------------------------------------------- the diff command

def test_diff_command(tmp_path: Path) -> None:
    old, new = regression_pair()
    a, b = write(tmp_path / "old.json", old.to_json()), write(tmp_path / "new.json", new.to_json())
    run = CliRunner().invoke(app, ["diff", str(a), str(b), "--json", str(tmp_path / "cmp.json"),
                                   "--markdown", str(tmp_path / "cmp.md")])
    assert run.exit_code == 1, run.output
    assert "REGRESSED    rise: pass → fail" in run.output
    saved = json.loads((tmp_path / "cmp.json").read_text())
    assert saved["summary"]["regressed"] == 1 and saved["baseline_file"] == str(a)
    assert "| ❌ regressed | `rise`" in (tmp_path / "cmp.md").read_text()
    assert diff_files(a, b).summary.regressed == 1


def test_diff_command_green_and_stdout(tmp_path: Path) -> None:
    old = report([result("a", "pass", 0.5)])
    a = write(tmp_path / "old.json", old.to_json())
    b = write(tmp_path / "new.json", report([result("a", "pass", 0.51)]).to_json())
    run = CliRunner().invoke(app, ["diff", str(a), str(b), "--json", "-"])
    assert run.exit_code == 0
    assert json.loads(run.stdout)["claims"][0]["status"] == "value_changed"


@pytest.mark.parametrize("content, message", [
    ("nope", "not JSON"), ({**good(), "schema_version": "9.0"}, "schema_version 9.0"),
    ({**good(), "claims_file": "claims/other.yaml"}, "another claims file"),
])
def test_diff_command_bad_input_exits_2(tmp_path: Path, content: Any, message: str) -> None:
    a = write(tmp_path / "old.json", content)
    b = write(tmp_path / "new.json", good())
    run = CliRunner().invoke(app, ["diff", str(a), str(b)])
    assert run.exit_code == 2 and message in run.output


def test_diff_command_bad_new_report_is_named(tmp_path: Path) -> None:
    a, b = write(tmp_path / "old.json", good()), write(tmp_path / "new.json", "[]")
    run = CliRunner().invoke(app, ["diff", str(a), str(b)])
    assert run.exit_code == 2 and "the new file is not a factcheck report" in run.output
