"""GitHub Actions annotations (issue 11, item 8): each claim that needs a look is annotated on
its line of the claims file, and no text of a claims file or of the data can write a workflow
command of its own. Output is read back the way the runner reads it: line by line, a command
only where a line starts with ``::``."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, one_claim
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.render.annotations import Annotation, escape_data, escape_property, report_annotations
from factcheck.report import ClaimResult, Report, Verdict, summarize

STORY = FIXTURES / "reports"


def _unescape(text: str, prop: bool) -> str:
    """As the runner does: %0D, %0A (and in a property %3A, %2C) first, %25 last."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, ch in [*pairs, ("%25", "%")]:
        text = text.replace(code, ch)
    return text


def commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """Every workflow command in ``output``: (command, properties, message), unescaped.

    Python's splitlines breaks on more characters than the runner does (\\v, \\f, \\x1c-\\x1e,
    \\x85, \\u2028, \\u2029 too), so a command hidden behind any of them is found as well."""
    found = []
    for line in output.splitlines():
        text = line.lstrip()
        assert not text.startswith(("##[", "##vso[")), line
        if not text.startswith("::"):
            continue
        end = text.find("::", 2)
        assert end > 0, line
        command, _, props = text[2:end].partition(" ")
        properties = {}
        for prop in filter(None, props.split(",")):
            key, _, value = prop.partition("=")
            properties[key] = _unescape(value, prop=True)
        found.append((command, properties, _unescape(text[end + 2:], prop=False)))
    return found


def run(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None):
    clean = {k: None for k in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "GITHUB_STEP_SUMMARY")}
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(app, args, env={**clean, **(env or {})})
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """The report story in a folder of its own, made a git repository (its root is the workspace)."""
    for name in ("story.yaml", "story.md", "orders.csv"):
        shutil.copy(STORY / name, tmp_path / name)
    (tmp_path / ".git").mkdir()
    return tmp_path / "story.yaml"


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# ----------------------------------------------------------------- escaping

def test_escaping_follows_githubs_rules() -> None:
    assert escape_data("50% up\r\nnext: a,b") == "50%25 up%0D%0Anext: a,b"
    assert escape_property("claims/x.yaml: a,b 5%\n") == "claims/x.yaml%3A a%2Cb 5%25%0A"
    assert escape_data("\x1b[31m \u2028 \u202e \x85") == "\\x1b[31m \\u2028 \\u202e \\x85"
    assert escape_data("std::vector") == "std::vector"  # harmless inside a line, kept as written


HOSTILE = st.lists(st.characters(codec="utf-8") | st.sampled_from(["::", "%", "\n", "\r", "%0A", "%25", ",", ":", "=",
                                                                    "::error::", "\u2028", "\x85"])).map("".join)


@given(file=HOSTILE, title=HOSTILE, message=HOSTILE, line=st.integers(1, 10**6))
def test_any_text_gives_one_command_that_reads_back_as_written(file: str, title: str, message: str, line: int) -> None:
    from factcheck.render.annotations import _shown
    text = Annotation("error", file, line, title, message).command()
    assert len(text.splitlines()) == 1
    [(command, props, msg)] = commands(text)
    assert command == "error" and props == {"file": _shown(file), "line": str(line), "title": _shown(title)}
    assert msg == _shown(message)


def test_hostile_ids_says_and_values_write_no_command_of_their_own() -> None:
    evil = "x::warning file=a.py,line=1::pwned\n::add-mask::secret\r::error::%0Aforged,%"
    result = ClaimResult(id=f"id{evil}", says=f"says{evil}", line=3, verdict=Verdict.FAIL,
                         message=f"computed {evil}", value_text=evil)
    report = Report(tool_version="0", generated_at="now", claims_file="claims/x.yaml", claims_sha256="0",
                    tables=[], results=[result], summary=summarize([result]))
    text = "\n".join(a.command() for a in report_annotations(report, Path.cwd()))
    [(command, props, message)] = commands(text)
    assert command == "error" and props["title"] == f"factcheck: claim 'id{evil}' fails"
    assert props["file"] == "claims/x.yaml" and props["line"] == "3"
    assert message == f"computed {evil}\nsays: says{evil}"


# ----------------------------------------------------------------- run

def test_each_failed_and_unverifiable_claim_is_annotated_on_its_line(story: Path) -> None:
    result = run(["run", str(story), "--annotations", "github"])
    assert result.exit_code == 1
    found = commands(result.stdout)
    by_title = {p["title"]: (c, p, m) for c, p, m in found}
    level, props, message = by_title["factcheck: claim 'orders-fell' fails"]
    assert level == "error" and props["file"] == "story.yaml" and props["line"] == str(line_of(story, "id: orders-fell"))
    assert "stated down 40%, computed down 33.3%" in message and "[out_of_tolerance]" in message
    assert "says: Orders fell 40% from 2019." in message
    assert by_title["factcheck: claim 'north-majority' fails"][0] == "error"
    level, props, _ = by_title["factcheck: claim 'loyal-customers' is unverifiable"]
    assert level == "warning" and props["line"] == str(line_of(story, "id: loyal-customers"))
    stale = by_title["factcheck: claim 'north-majority' says what the article no longer says"]
    assert stale[0] == "warning" and "Customers stayed loyal" in stale[2]
    assert len(found) == 4  # passes are not annotated
    assert "orders-fell" in result.stdout.split("::", 1)[0]  # the terminal view comes first, as ever


def test_strict_makes_unverifiable_and_stale_claims_errors(story: Path) -> None:
    found = commands(run(["run", str(story), "--annotations", "github", "--strict"]).stdout)
    assert {c for c, _, _ in found} == {"error"}


def test_github_actions_turns_them_on_and_none_turns_them_off(story: Path) -> None:
    on = run(["run", str(story)], env={"GITHUB_ACTIONS": "true"})
    assert len(commands(on.stdout)) == 4
    off = run(["run", str(story), "--annotations", "none"], env={"GITHUB_ACTIONS": "true"})
    assert commands(off.stdout) == [] and off.exit_code == 1
    assert commands(run(["run", str(story)]).stdout) == []  # not in Actions: none by default
    assert run(["run", str(story), "--annotations", "gitlab"]).exit_code == 2


def test_paths_are_relative_to_the_workspace(story: Path, tmp_path: Path) -> None:
    claims = tmp_path / "stories" / "claims"
    claims.mkdir(parents=True)
    for name in ("story.yaml", "story.md", "orders.csv"):
        shutil.move(str(tmp_path / name), claims / name)
    found = commands(run(["run", str(claims / "story.yaml")], env={"GITHUB_ACTIONS": "true"}).stdout)
    assert {p["file"] for _, p, _ in found} == {"stories/claims/story.yaml"}
    found = commands(run(["run", "story.yaml"], env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path / "stories")},
                         cwd=claims).stdout)
    assert {p["file"] for _, p, _ in found} == {"claims/story.yaml"}


def test_a_report_on_stdout_stays_clean_and_the_annotations_go_to_stderr(story: Path) -> None:
    result = run(["run", str(story), "--json", "-", "--annotations", "github"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)  # nothing but the report
    assert report["summary"]["failed"] == 2
    assert len(commands(result.stderr)) == 4


def test_hostile_text_from_the_claims_file_and_the_data_cannot_forge_a_command(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "shops.csv").write_text('id,shop\n1,"::error file=x::forged\n::add-mask::oops"\n'
                                        '2,"::error file=x::forged\n::add-mask::oops"\n3,b%0A\n', encoding="utf-8")
    evil = "::warning::forged %0A 100%"
    path = tmp_path / "claims.yaml"
    path.write_text(
        "version: 1\ntables:\n  shops: {path: shops.csv, key: id}\nclaims:\n"
        f"  - id: top\n    says: {json.dumps('Top ' + evil + chr(10) + '::error::again')}\n"
        "    measure: {top: shop, of: shops, n: 1}\n    expect: [b]\n"
        f"  - id: why\n    says: ok\n    unverifiable: {json.dumps(evil + chr(13) + '::error::cr')}\n", encoding="utf-8")
    result = run(["run", str(path), "--annotations", "github"])
    found = commands(result.stdout)
    assert [(c, p["title"]) for c, p, _ in found] == [("error", "factcheck: claim 'top' fails"),
                                                      ("warning", "factcheck: claim 'why' is unverifiable")]
    assert "::error file=x::forged\n::add-mask::oops" in found[0][2]  # shown whole, as data
    assert f"says: Top {evil}\n::error::again" in found[0][2]
    assert found[1][2].startswith(f"{evil}\r::error::cr")


def test_a_figure_no_claim_checks_is_a_notice_on_the_article_and_an_error_when_required(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    shutil.copy(STORY / "orders.csv", tmp_path)
    (tmp_path / "a.md").write_text("# Shop\n\nThe shop took 6 orders in 2020.\n\nIt had 27 regulars.\n", encoding="utf-8")
    path = tmp_path / "c.yaml"
    path.write_text("version: 1\narticle: a.md\ntables:\n  orders: {path: orders.csv}\nclaims:\n"
                    + "  " + one_claim("{count: orders, where: year == 2020}", "6").replace("\n", "\n  ")
                    .replace("a sentence", "The shop took 6 orders in 2020."), encoding="utf-8")
    found = commands(run(["run", str(path), "--annotations", "github"]).stdout)
    [(level, props, message)] = [f for f in found if "figure" in f[1]["title"]]
    assert level == "notice" and props["file"] == "a.md" and props["line"] == "5"
    assert (props["col"], props["endColumn"]) == ("8", "9")  # "27", 1-based and inclusive
    assert "It had 27 regulars." in message
    strict = commands(run(["run", str(path), "--annotations", "github", "--require-coverage"]).stdout)
    assert [c for c, p, _ in strict if "figure" in p["title"]] == ["error"]


# ----------------------------------------------------------------- check, and input that cannot be used

def test_check_annotates_stale_says_as_errors(story: Path) -> None:
    result = run(["check", str(story), "--annotations", "github"])
    assert result.exit_code == 1
    [(level, props, _)] = commands(result.stdout)
    assert level == "error" and props["line"] == str(line_of(story, "id: north-majority"))


@pytest.mark.parametrize("command", ["run", "check"])
def test_each_problem_is_annotated_on_its_line(story: Path, command: str) -> None:
    story.write_text(story.read_text().replace("measure: {count: orders", "measure: {count: nope"), encoding="utf-8")
    result = run([command, str(story), "--annotations", "github"])
    assert result.exit_code == 2
    [(level, props, message)] = commands(result.stdout)
    assert level == "error" and props["file"] == "story.yaml" and props["line"] == str(line_of(story, "count: nope"))
    assert "unknown table 'nope'" in message and "hint:" in message


# ----------------------------------------------------------------- --step-summary

def test_step_summary_appends_the_markdown_report(story: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert run(["run", str(story), "--step-summary"], env=env).exit_code == 1
    assert run(["run", str(story), "--step-summary"], env=env).exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n\n")
    assert text.count("`orders-fell`") == 2 and text.count("**2 failed**") == 2


def test_step_summary_without_the_variable_is_refused_before_any_work(story: Path, tmp_path: Path) -> None:
    result = run(["run", str(story), "--step-summary", "--json", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert "GITHUB_STEP_SUMMARY is not set" in result.output and "--markdown PATH" in result.output
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("target", ["story.yaml", "orders.csv", "."])
def test_step_summary_never_writes_over_an_input(story: Path, target: str) -> None:
    path = story.parent / target
    before = path.read_bytes() if path.is_file() else None
    result = run(["run", str(story), "--step-summary"], env={"GITHUB_STEP_SUMMARY": str(path)})
    assert result.exit_code == 2 and "--step-summary: cannot append" in result.output
    assert (path.read_bytes() if path.is_file() else None) == before


def test_step_summary_refuses_a_fifo_without_blocking(story: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "summary.fifo"
    os.mkfifo(fifo)
    result = run(["run", str(story), "--step-summary"], env={"GITHUB_STEP_SUMMARY": str(fifo)})
    assert result.exit_code == 2 and "it is a named pipe (FIFO), not a regular file" in result.output


# ----------------------------------------------------------------- diff

def _reports(story: Path) -> tuple[Path, Path]:
    """A baseline report of the story, and a newer one in which a passing claim fails
    (regressed), a failing one passes (improved), and one claim is gone."""
    old, new = story.parent / "old.json", story.parent / "new.json"
    assert run(["run", str(story), "--json", str(old), "--annotations", "none"]).exit_code == 1
    data = json.loads(old.read_text())
    results = {r["id"]: r for r in data["results"]}
    passing = next(i for i, r in results.items() if r["verdict"] == "pass")
    results[passing].update(verdict="fail", reason="out_of_tolerance", message="said 40%, computed 33.3%",
                            value_text="33.3%")
    results["orders-fell"].update(verdict="pass", reason=None, message="rounds to 40% as stated")
    gone = next(i for i, r in results.items() if i not in (passing, "orders-fell"))
    data["results"] = [r for r in data["results"] if r["id"] != gone]
    new.write_text(json.dumps(data))
    return old, new


def test_diff_annotates_a_regression_on_the_claims_line(story: Path) -> None:
    old, new = _reports(story)
    result = run(["diff", str(old), str(new), "--annotations", "github"], cwd=story.parent)
    assert result.exit_code == 1
    found = commands(result.stdout)
    regressed = [(c, p, m) for c, p, m in found if p["title"].endswith("regressed since the baseline")]
    [(level, props, message)] = regressed
    claim = props["title"].split("'")[1]
    assert level == "error" and props["file"] == "story.yaml"
    assert props["line"] == str(line_of(story, f"id: {claim}"))
    assert message.startswith("pass before, fail now") and "said 40%, computed 33.3%" in message
    again = [(c, p) for c, p, _ in found if p["title"] == "factcheck: claim 'orders-fell' passes again"]
    assert again and again[0][0] == "notice" and again[0][1]["line"] == str(line_of(story, "id: orders-fell"))
    gone = [(c, p) for c, p, _ in found if p["title"].endswith("is gone since the baseline")]
    assert gone and gone[0][0] == "notice" and "line" not in gone[0][1]
    assert len(found) == 3  # unchanged claims are not annotated


def test_diff_annotations_follow_github_actions_and_go_to_stderr_with_a_report_on_stdout(story: Path) -> None:
    old, new = _reports(story)
    assert commands(run(["diff", str(old), str(new)], cwd=story.parent).stdout) == []
    under_actions = run(["diff", str(old), str(new)], env={"GITHUB_ACTIONS": "true"}, cwd=story.parent)
    assert len(commands(under_actions.stdout)) == 3
    piped = run(["diff", str(old), str(new), "--json", "-", "--annotations", "github"], cwd=story.parent)
    assert commands(piped.stdout) == [] and len(commands(piped.stderr)) == 3
    assert json.loads(piped.stdout)["summary"]["regressed"] == 1
